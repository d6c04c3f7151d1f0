/** Plain-Chinese wording of scheme settings the engine has no describe function for (shown on the rules page). */
import type { Consequence, Model, Scheme } from '../engine/index.ts';

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const place = (p: { count?: number | undefined; share?: number | undefined }) =>
  p.count !== undefined ? `${p.count} 名` : `${pct(p.share ?? 0)}`;

/** When a consequence applies, e.g. “连续 2 年年度排名在后 10%”. */
export function describeConsequenceWhen(model: Model, c: Consequence): string {
  const labels = new Map(
    Object.values(model.scheme.grades).flatMap((r) => r.bands.map((b) => [b.id, b.label] as const)),
  );
  const parts: string[] = [];
  if (c.when.grades) parts.push(`等次为${c.when.grades.map((g) => labels.get(g) ?? g).join('或')}`);
  if (c.when.top) parts.push(`年度排名在前 ${place(c.when.top)}`);
  if (c.when.bottom) parts.push(`年度排名在后 ${place(c.when.bottom)}`);
  const cond = parts.join('且') || '年度考核';
  return c.when.years > 1 ? `连续 ${c.when.years} 年${cond}` : cond;
}

export function tierNames(model: Model, ids: readonly string[]): string {
  return ids.map((id) => model.tierById.get(id)?.name ?? id).join('、');
}

/** The flag (挂牌督办) rule in words. */
export function describeFlagRule(scheme: Scheme): string {
  const st = scheme.flag.midYearStatuses.map((s) => (s === 'lagging' ? '滞后' : '严重滞后')).join('或');
  return `事项连续 ${scheme.flag.consecutive} 次月调度滞后（含严重滞后），或 ${scheme.flag.midYearMonth} 月中期考核时${st}且之后仍未赶上序时进度的，挂牌督办`;
}

/** The robustness setting in words. */
export function describeRobustness(scheme: Scheme): string {
  const r = scheme.robustness;
  return `每个事项的权重在 ±${pct(r.spread)} 范围内随机变动（同一事项各单位同向变动，各单位权重合计保持不变），重复 ${r.draws} 次重新排名（随机种子 ${r.seed}，结果可复现）；“排名区间”为其中的最好和最差名次`;
}
