import { describeMissingRule, describeStandard } from '../describe.ts';
import { fmt, percent } from '../format.ts';
import type { UnitItem } from '../model.ts';
import type { Explanation } from '../results.ts';
import { describeRounding } from '../rounding.ts';
import type { Evaluation } from '../standards.ts';
import { explainEvaluation } from '../standards.ts';
import { coefficientBasisOf } from './adjustments.ts';
import type { ScoringContext } from './context.ts';
import { actualOf, targetOf } from './context.ts';
import type { Layout } from './layout.ts';
import type { MonthEval } from './month.ts';
import type { Core } from './totals.ts';
import { unitTotal } from './totals.ts';

/** One item's explanation: its inputs, standard, and the computation of its score in words. */
export function explainItem(
  ctx: ScoringContext,
  x: UnitItem,
  ev: MonthEval,
  slot: number,
  c: Core,
  L: Layout,
): Explanation {
  const { d, decimals } = ctx;
  const row = ev.rows[slot]!;
  const has = ev.has[slot] === 1;
  const rule = L.rule[slot]!;
  const fraction = c.fraction[slot]!;
  const weight = c.effectiveWeight[slot]!;
  const score = c.score[slot]!;
  const actual = actualOf(d, row);
  const target = targetOf(d, row);
  const unitOf = (v: unknown) => (x.item.measure && typeof v === 'number' ? ` ${x.item.measure}` : '');
  const inputs = [
    { label: '实际值', value: actual === null ? '无数据' : `${actual}${unitOf(actual)}` },
    { label: '年度目标', value: target === null ? '—' : `${target}${unitOf(target)}` },
  ];
  let formula: string;
  if (has) {
    if (x.item.cumulative) inputs.push({ label: '序时进度', value: percent(ev.expected[slot]!, 4, false) });
    const e: Evaluation = {
      fraction: ev.fraction[slot]!,
      measure: ev.measure[slot]!,
      progress: ev.progress[slot]!,
      expected: ev.expected[slot]!,
      periodTarget: ev.periodTarget[slot]!,
      needsPeers: false,
      place: ev.place[slot]!,
      peers: ev.peers[slot]!,
      leader: ev.leader[slot]!,
    };
    formula = explainEvaluation(
      x.item,
      { actual: d.actual[row]!, text: d.text.get(row), target: d.target[row]!, month: ev.monthNo, weight: x.weight },
      e,
    );
  } else {
    inputs.push({ label: '无数据规则', value: describeMissingRule(rule) });
    formula = missingFormula(rule, c.reported[L.itemNo[slot]!]!, fraction);
  }
  const wText = weight !== x.weight ? `${fmt(x.weight)} 分（按比例调整为 ${fmt(weight)}）` : `${fmt(x.weight)} 分`;
  return {
    inputs,
    standard: describeStandard(x.item),
    formula: `${formula}；得分 = 得分比例 ${percent(fraction, 4, false)} × 权重 ${wText} = ${fmt(fraction * weight)} → ${score.toFixed(decimals)}`,
    weight,
    fraction,
    score,
    rounding: describeRounding(decimals),
  };
}

/** How an item without data was scored, by its missing-data rule (`peersWithData`: units that reported it). */
function missingFormula(rule: Layout['rule'][number], peersWithData: number, fraction: number): string {
  switch (rule) {
    case 'peer-average':
      return peersWithData > 0
        ? `无数据，按同类 ${peersWithData} 个单位平均得分率 ${percent(fraction, 4, false)} 计`
        : '无数据，且同类单位均无该项数据、无平均值可用，计零分';
    case 'full':
      return '无数据（不适用），计满分';
    case 'zero':
      return '无数据，计零分';
    case 'exclude':
      return '无数据，不计该项，其权重按比例分配到其他事项';
  }
}

/** The steps of a unit's total, in words. */
export function unitSteps(ctx: ScoringContext, c: Core, k: number, unitId: string): string[] {
  const { decimals } = ctx;
  const unit = ctx.model.unitById.get(unitId)!;
  const base = c.base[k]!;
  const bonus = c.bonus[k]!;
  const deduction = c.deduction[k]!;
  const coefficient = c.coefficient[k]!;
  const total = c.total[k]!;
  return [
    `基础分 = 各事项得分之和 = ${base.toFixed(decimals)}`,
    ...c.adjSteps[k]!,
    ...(coefficient !== 1 ? [`评价系数 ${coefficient}（${coefficientBasisOf(ctx, unitId)} ${unit.traction} 项）`] : []),
    `总分 = (${base.toFixed(decimals)} + ${bonus.toFixed(decimals)} − ${deduction.toFixed(decimals)}) × ${coefficient} = ${fmt(unitTotal(base, bonus, deduction, coefficient))} → ${total.toFixed(decimals)}（${describeRounding(decimals)}）`,
  ];
}
