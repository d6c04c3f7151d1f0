/** Numbers in explanation text: up to `d` decimals (4 by default), '—' when not finite. Display only, never scoring. */
export function fmt(x: number, d = 4): string {
  return Number.isFinite(x) ? String(Math.round(x * 10 ** d) / 10 ** d) : '—';
}

/** A share as a percentage with up to 2 decimals, e.g. 0.8 → 80%. */
export function pct(x: number): string {
  return Number.isFinite(x) ? `${fmt(x * 100, 2)}%` : '—';
}

/** A rank range for people: 4（稳定） when robust, 3–5 otherwise, — when not computed. */
export function rankRangeText(range: readonly [number, number] | null): string {
  if (!range) return '—';
  return range[0] === range[1] ? `${range[0]}（稳定）` : `${range[0]}–${range[1]}`;
}
