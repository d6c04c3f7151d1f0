/**
 * Plain-Chinese wording of scheme settings (scheme.yaml) that have no describe function of their own: the
 * rules page (SchemeFacts) and the scheme comparison (compare.ts) both word them from here, once.
 */
import { describeGradeRule } from './grades.ts';
import type { Model } from './model.ts';
import { PACE_LABELS } from './pace.ts';
import { percent } from './format.ts';
import type { Adjustment, Consequence, GradeRule, Scheme } from './schemas/scheme.ts';

const pct = (x: number) => percent(x, 1, false);
const place = (p: { count?: number | undefined; share?: number | undefined }) =>
  p.count !== undefined ? `${p.count} 名` : `${pct(p.share ?? 0)}`;

/** Grade labels by id over every grade rule of the scheme. */
export function gradeLabels(scheme: Scheme): Map<string, string> {
  return new Map(Object.values(scheme.grades).flatMap((r) => r.bands.map((b) => [b.id, b.label] as const)));
}

export function tierNames(model: Model, ids: readonly string[]): string {
  return ids.map((id) => model.tierById.get(id)?.name ?? id).join('、');
}

/** When a consequence applies, e.g. “连续 2 年年度排名在后 10%”. */
export function describeConsequenceWhen(model: Model, c: Consequence): string {
  const labels = gradeLabels(model.scheme);
  const parts: string[] = [];
  if (c.when.grades) parts.push(`等次为${c.when.grades.map((g) => labels.get(g) ?? g).join('或')}`);
  if (c.when.top) parts.push(`年度排名在前 ${place(c.when.top)}`);
  if (c.when.bottom) parts.push(`年度排名在后 ${place(c.when.bottom)}`);
  const cond = parts.join('且') || '年度考核';
  return c.when.years > 1 ? `连续 ${c.when.years} 年${cond}` : cond;
}

/** The flag (挂牌督办) rule in words. */
export function describeFlagRule(scheme: Scheme): string {
  const st = scheme.flag.midYearStatuses.map((s) => PACE_LABELS[s]).join('或');
  return `事项连续 ${scheme.flag.consecutive} 次月调度滞后（含严重滞后），或 ${scheme.flag.midYearMonth} 月中期考核时${st}且之后仍未赶上序时进度的，挂牌督办`;
}

/** The robustness setting in words. */
export function describeRobustness(scheme: Scheme): string {
  const r = scheme.robustness;
  return `每个事项的权重在 ±${pct(r.spread)} 范围内随机变动（同一事项各单位同向变动，各单位权重合计保持不变），重复 ${r.draws} 次重新排名（随机种子 ${r.seed}，结果可复现）；“排名区间”为其中的最好和最差名次`;
}

/** How a grade rule's shares become counts (countRounding), in words. */
export const COUNT_ROUNDING = { floor: '向下取整', round: '四舍五入', ceil: '向上取整' } as const;

/** A tier's grade rule in words, with how shares become counts: 排名前 20% 为优秀；…（名额四舍五入）. */
export function describeGradeRuleFull(rule: GradeRule): string {
  return rule.method === 'rank-share'
    ? `${describeGradeRule(rule)}（名额 = 比例 × 单位数，${COUNT_ROUNDING[rule.countRounding]}）`
    : describeGradeRule(rule);
}

export const ADJUSTMENT_KIND = { bonus: '加分', deduction: '减分', veto: '一票否决' } as const;

/** An adjustment (加减分、否决事项) in words: 减分，单项最高 2 分，适用全部类别. */
export function describeAdjustment(model: Model, a: Adjustment): string {
  const labels = gradeLabels(model.scheme);
  const what =
    a.kind === 'veto'
      ? a.bars.length
        ? `否决，发生时不得评为${a.bars.map((g) => labels.get(g) ?? g).join('、')}`
        : '一票否决，发生时只能评为最低等次'
      : `${ADJUSTMENT_KIND[a.kind]}，${a.cap !== undefined ? `单项最高 ${a.cap} 分` : '单项不设上限'}`;
  return `${what}，适用${a.tiers ? tierNames(model, a.tiers) : '全部类别'}`;
}

/** A coefficient table in words: 按承担重点任务项数：0 项 1.00，1 项 1.02，…，4 项及以上 1.08. */
export function describeCoefficientTable(rule: Scheme['coefficients'][number]): string {
  const rows = [...rule.table].sort((a, b) => a.load - b.load);
  return `按${rule.basis}的项数：${rows
    .map((r, i) => `${r.load} 项${i === rows.length - 1 ? '及以上' : ''} ${r.value.toFixed(2)}`)
    .join('，')}`;
}

/** The monthly cycle in words. */
export function describeCycle(scheme: Scheme): string {
  const c = scheme.cycle;
  const d = c.discipline;
  const due = scheme.reporting.dueDay ?? c.dispatchDay;
  return `每月数据次月 ${due} 日前报送，次月 ${c.dispatchDay} 日月调度；季度结束后次月 ${c.reviewDay} 日季研判；“${c.disciplineName}”：${d.deploy} 天部署、${d.report} 天反馈、一般事项 ${d.ordinary} 天、重大事项 ${d.major} 天办结`;
}
