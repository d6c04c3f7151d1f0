/** Numbers in explanation text: up to `d` decimals (4 by default), '—' when not finite. Display only, never scoring. */
export function fmt(x: number, d = 4): string {
  return Number.isFinite(x) ? String(Math.round(x * 10 ** d) / 10 ** d) : '—';
}

/** A share as a percentage with up to 2 decimals, e.g. 0.8 → 80%. */
export function pct(x: number): string {
  return Number.isFinite(x) ? `${fmt(x * 100, 2)}%` : '—';
}
