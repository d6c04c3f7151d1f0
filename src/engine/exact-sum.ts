/**
 * Exactly rounded sums of doubles (Shewchuk's partials, finished as Python's math.fsum does): the sum of the
 * numbers as real numbers, rounded once to the nearest double (ties to even). The result depends on the
 * numbers alone, never on their order, so a sum can be updated — a number taken out, another put in — and
 * give exactly what summing the new numbers from scratch gives. The peer average uses it: the scorer sums a
 * tier's fractions once, and advice updates that sum for each change it tries instead of re-adding every peer.
 */

/** Non-overlapping partials whose exact sum is the sum so far (smallest magnitude first). */
export type Partials = number[];

/** Adds x (finite) to the partials, in place. */
export function addExact(p: Partials, x: number): void {
  let i = 0;
  for (let j = 0; j < p.length; j++) {
    let y = p[j]!;
    if (Math.abs(x) < Math.abs(y)) {
      const t = x;
      x = y;
      y = t;
    }
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) p[i++] = lo;
    x = hi;
  }
  p.length = i;
  p.push(x);
}

/** The exact sum of the partials rounded to the nearest double (ties to even). */
export function roundedSum(p: readonly number[]): number {
  let n = p.length;
  if (n === 0) return 0;
  let hi = p[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = p[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Half-even rounding across several partials: the rest below decides a tie.
  if (n > 0 && ((lo < 0 && p[n - 1]! < 0) || (lo > 0 && p[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/** The exactly rounded sum of some numbers (finite). */
export function exactSum(xs: Iterable<number>): number {
  const p: Partials = [];
  for (const x of xs) addExact(p, x);
  return roundedSum(p);
}
