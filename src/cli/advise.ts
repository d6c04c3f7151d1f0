/** `kaohe advise`: what it takes for one unit to move up a rank or grade, and the margin that keeps its place. */
import {
  ADVICE_METHOD,
  adviseUnit,
  outcomeText,
  rankRangeText,
  sensitivityDetail,
  sensitivityText,
} from '../engine/index.ts';
import type { Goal, Model, Scorer, UnitAdvice, UnitResult } from '../engine/index.ts';

export interface AdviseResult {
  advice: UnitAdvice;
  result: UnitResult;
  sample: boolean;
  periodLabel: string;
  tierName: string;
}

/** Advice and the unit's result for a period (the period's data month must have data). */
export function adviseFor(scorer: Scorer, unitId: string, periodId: string, limit = 10): AdviseResult | null {
  const unit = scorer.model.unitById.get(unitId);
  if (!unit) return null;
  const tier = scorer.scoreTier(unit.tier, periodId, { explain: false, items: false });
  const result = tier.units.find((u) => u.unit === unitId);
  const advice = adviseUnit(scorer, unit.tier, periodId, unitId, { limit });
  if (!result || !advice) return null;
  return { advice, result, sample: tier.sample, periodLabel: tier.period.label, tierName: tier.tierName };
}

/** The JSON `kaohe advise --format json` prints: the advice with the rank range and what it hangs on. */
export function adviceJson(r: AdviseResult) {
  return {
    ...r.advice,
    period: r.result.period,
    sample: r.sample,
    ...(r.sample ? { notice: '示例数据，非官方结果' } : {}),
    rankRange: r.result.rankRange,
    sensitivity: r.result.sensitivity,
    sensitivityText: sensitivityText(r.result.rankRange, r.result.sensitivity),
  };
}

function goalLines(title: string, g: Goal): string[] {
  const out = [`${title}（任一项单独做到即可，其他不变）：`];
  if (g.suggestions.length === 0) {
    out.push('  单改任何一项都不够。');
    if (g.pair) out.push(`  两项同时做到：${g.pair.map((s) => s.text).join('；')} → ${outcomeText(g.pair[0]!)}`);
    else out.push('  两项组合也不够。');
  }
  g.suggestions.forEach((s, i) =>
    out.push(`  ${i + 1}. ${s.text} → ${outcomeText(s)}${s.peers ? '（其他单位该项得分随之变化，已全部重算）' : ''}`),
  );
  if (g.more > 0) out.push(`  另有 ${g.more} 项也能做到，变化幅度更大。`);
  if (g.atCap.length) out.push(`  已达满分、无法再提升：${g.atCap.join('、')}`);
  return out;
}

/** The table text of `kaohe advise`. */
export function adviceTable(r: AdviseResult, model: Model): string {
  const a = r.advice;
  const lines = [
    `${a.name} ${r.periodLabel} ${r.tierName}：第 ${a.rank} 名 / ${a.of}，${a.gradeLabel}${r.sample ? '（示例数据，非官方结果）' : ''}`,
    '',
  ];
  if (a.rankGoal) lines.push(...goalLines(`进到${a.rankGoal.target}`, a.rankGoal), '');
  else lines.push('已是第 1 名。', '');
  if (a.gradeGoal) lines.push(...goalLines(`评为${a.gradeGoal.target}`, a.gradeGoal), '');
  if (a.gradeNote) lines.push(`等次：${a.gradeNote}。`, '');
  if (a.keep) {
    const names = a.keep.below.map((b) => b.name).join('、');
    lines.push(
      `保住名次：领先下一名 ${names} ${a.keep.margin.toFixed(model.scheme.decimals)} 分；` +
        (a.keep.suggestion
          ? `${model.unitById.get(a.keep.suggestion.unit)?.name ?? a.keep.suggestion.unit} 只要 ${a.keep.suggestion.text} 即可反超。`
          : '下一名单改任何一项都无法反超。'),
      '',
    );
  } else lines.push('保住名次：已是最后一名。', '');
  const { draws, spread } = model.scheme.robustness;
  lines.push(
    `排名区间 ${rankRangeText(r.result.rankRange)}：${sensitivityText(r.result.rankRange, r.result.sensitivity)}。`,
  );
  lines.push(
    `  ${sensitivityDetail(r.result.sensitivity, draws, spread)}`,
    '',
    '怎样算出：',
    ...ADVICE_METHOD.map((m) => `  · ${m}`),
    '',
  );
  return lines.join('\n');
}
