/** Display formatting only: numbers come from the engine already rounded; these never compute a score. */

/** A score with the scheme's decimals (the engine has already rounded it). */
export function fmtScore(x: number, decimals = 2): string {
  return x.toFixed(decimals);
}

/** An evaluation coefficient (评价系数) with two decimals, so a column reads 1.00 beside 1.02. */
export function fmtCoefficient(x: number): string {
  return x.toFixed(2);
}

/** A share (0–1) as a percentage with one decimal, e.g. 0.574 → 57.4% (the engine's percent). */
export { percent as fmtPct } from '../engine/format.ts';

/** A weight in points, without trailing zeros: 20 → 20, 2.5 → 2.5. */
export function fmtWeight(x: number): string {
  return String(Math.round(x * 10000) / 10000);
}

export { movement, movementText } from '../engine/format.ts';

/** A date as YYYY年M月D日. */
export function fmtDate(d: Date): string {
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** A date as YYYY-MM-DD (UTC). */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Month label from YYYY-MM: 2023年6月. */
export { monthLabel } from '../engine/period.ts';
