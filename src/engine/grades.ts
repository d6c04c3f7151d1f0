import { percent } from './format.ts';
import type { GradeRule } from './schemas/scheme.ts';

/**
 * Competition ranking on exact integer totals: equal totals share a rank and the next rank skips (1, 2, 2, 4).
 * Integer totals (the scorer's, in units of the last decimal) are sorted as one number each, (best total
 * first, then input order) packed exactly below 2^52, by the typed array's native sort: the robustness
 * draws rank every tier hundreds of times a period. Anything else takes the general comparison sort.
 */
export function rankTotals(totalUnits: readonly number[]): number[] {
  const n = totalUnits.length;
  const ranks = new Array<number>(n);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = totalUnits[i]!;
    if (!Number.isSafeInteger(t)) return rankByComparison(totalUnits, ranks);
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  if (n === 0) return ranks;
  if ((hi - lo + 1) * n >= 2 ** 52) return rankByComparison(totalUnits, ranks);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (hi - totalUnits[i]!) * n + i;
  keys.sort();
  let prev = NaN;
  let rank = 0;
  for (let k = 0; k < n; k++) {
    const i = keys[k]! % n;
    const t = totalUnits[i]!;
    if (t !== prev) rank = k + 1;
    ranks[i] = rank;
    prev = t;
  }
  return ranks;
}

function rankByComparison(totalUnits: readonly number[], ranks: number[]): number[] {
  const order = totalUnits.map((_, i) => i).sort((a, b) => totalUnits[b]! - totalUnits[a]!);
  order.forEach((i, k) => {
    const prev = order[k - 1];
    ranks[i] = k > 0 && totalUnits[prev!] === totalUnits[i] ? ranks[prev!]! : k + 1;
  });
  return ranks;
}

function countOf(share: number, n: number, how: GradeRule['countRounding']): number {
  const x = share * n;
  const c = how === 'floor' ? Math.floor(x + 1e-9) : how === 'ceil' ? Math.ceil(x - 1e-9) : Math.round(x);
  return Math.max(0, Math.min(n, c));
}

/** Grade index (into rule.bands) for a rank among n, or for a total by thresholds; the last band catches the rest. */
export function gradeIndex(rule: GradeRule, rank: number, n: number, total: number): number {
  const last = rule.bands.length - 1;
  for (let i = 0; i < last; i++) {
    const b = rule.bands[i]!;
    if (rule.method === 'rank-share') {
      if (b.topShare !== undefined && rank <= countOf(b.topShare, n, rule.countRounding)) return i;
    } else if (b.min !== undefined && total >= b.min) return i;
  }
  return last;
}

/** The best grade at or below `index` that no veto bars. */
export function applyVetoes(rule: GradeRule, index: number, barred: ReadonlySet<string>): number {
  let i = index;
  while (i < rule.bands.length - 1 && barred.has(rule.bands[i]!.id)) i++;
  return i;
}

/** Number of units a top/bottom {count, share} covers. */
export function placeCount(p: { count?: number | undefined; share?: number | undefined }, n: number): number {
  if (p.count !== undefined) return Math.min(n, p.count);
  return Math.max(1, Math.round((p.share ?? 0) * n));
}

export function describeGradeRule(rule: GradeRule): string {
  if (rule.method === 'rank-share')
    return rule.bands
      .map((b, i) =>
        i < rule.bands.length - 1 && b.topShare !== undefined
          ? `排名前 ${percent(b.topShare, 0, false)} 为${b.label}`
          : `其余为${b.label}`,
      )
      .join('；');
  return rule.bands
    .map((b, i) =>
      i < rule.bands.length - 1 && b.min !== undefined ? `${b.min} 分及以上为${b.label}` : `其余为${b.label}`,
    )
    .join('；');
}
