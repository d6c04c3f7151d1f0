/**
 * Rounding rule (stated on the rules page and in every explanation): half away from zero, on the
 * decimal value written with 15 significant digits, so 1.005 → 1.01 and 2.675 → 2.68 as on paper,
 * never the binary-float surprise 1.005 → 1.00.
 */
export function roundScore(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  // Fast path: away from a half, binary noise cannot change the result.
  const scale = 10 ** decimals;
  const r = x * scale;
  const frac = Math.abs(r - Math.trunc(r));
  if (Math.abs(x) < 1e9 && Math.abs(frac - 0.5) > 1e-6) {
    const out = (Math.round(Math.abs(r)) * Math.sign(r)) / scale;
    return out === 0 ? 0 : out;
  }
  const sign = x < 0 ? -1 : 1;
  const abs = Math.abs(x);
  // toPrecision(15) drops binary noise (1.00499999999999989… → 1.00500000000000); the e-notation shift is exact.
  const shifted = Math.round(shift(Number(abs.toPrecision(15)), decimals));
  const out = sign * shift(shifted, -decimals);
  return out === 0 ? 0 : out;
}

/** x × 10^by, exactly as decimal text (works when x itself prints with an exponent, e.g. 5e-7). */
function shift(x: number, by: number): number {
  const [mantissa, exp = '0'] = String(x).split('e');
  return Number(`${mantissa}e${Number(exp) + by}`);
}

/** Integer count of the smallest unit at `decimals` (cents for 2), for exact sums and comparisons. */
export function toUnits(x: number, decimals: number): number {
  return Math.round(roundScore(x, decimals) * 10 ** decimals);
}

/** Format a score with exactly `decimals` digits. */
export function formatScore(x: number, decimals: number): string {
  return roundScore(x, decimals).toFixed(decimals);
}

export function describeRounding(decimals: number): string {
  return `保留 ${decimals} 位小数，四舍五入（按十进制数值计算，如 1.005 → 1.01）`;
}
