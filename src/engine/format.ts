/** Numbers in explanation text: up to `d` decimals (4 by default), '—' when not finite. Display only, never scoring. */
export function fmt(x: number, d = 4): string {
  return Number.isFinite(x) ? String(Math.round(x * 10 ** d) / 10 ** d) : '—';
}

/**
 * A share (0–1) as a percentage, rounded half up at `digits` decimals: exactly `digits` decimals when `fixed`
 * (a column reads 57.0% beside 57.4%), else trailing zeros dropped (80%, 57.4%); '—' when not a number.
 * The one percent format of engine, site and self-check.
 */
export function percent(x: number | null | undefined, digits = 1, fixed = true): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const v = Math.round(x * 100 * 10 ** digits) / 10 ** digits;
  return `${fixed ? v.toFixed(digits) : String(v)}%`;
}

/** A share as a percentage with up to 2 decimals, e.g. 0.8 → 80% (explanation text). */
export function pct(x: number): string {
  return percent(x, 2, false);
}

/** Movement since the previous period: places gained (positive) or lost, from two engine ranks. */
export function movement(previousRank: number | null, rank: number): number | null {
  return previousRank === null ? null : previousRank - rank;
}

/** ↑3 / ↓2 / 持平 / — with a text for screen readers. */
export function movementText(delta: number | null): { symbol: string; text: string; cls: string } {
  if (delta === null) return { symbol: '—', text: '无上期数据', cls: 'move-none' };
  if (delta > 0) return { symbol: `↑${delta}`, text: `上升 ${delta} 位`, cls: 'move-up' };
  if (delta < 0) return { symbol: `↓${-delta}`, text: `下降 ${-delta} 位`, cls: 'move-down' };
  return { symbol: '持平', text: '名次不变', cls: 'move-same' };
}

/** A rank range for people: 4（稳定） when robust, 3–5 otherwise, — when not computed. */
export function rankRangeText(range: readonly [number, number] | null): string {
  if (!range) return '—';
  return range[0] === range[1] ? `${range[0]}（稳定）` : `${range[0]}–${range[1]}`;
}
