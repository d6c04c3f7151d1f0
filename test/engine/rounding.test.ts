import { describe, expect, it } from 'vitest';
import { formatScore, roundScore, toUnits } from '../../src/engine/index.ts';

describe('roundScore rounds half away from zero on the decimal value, as on paper', () => {
  it.each([
    { x: 1.005, d: 2, out: 1.01 }, // stored as 1.00499999999999989…, must not become 1.00
    { x: 2.675, d: 2, out: 2.68 }, // stored as 2.67499999999999982…
    { x: 1.004999, d: 2, out: 1 }, // truly below the half
    { x: -1.005, d: 2, out: -1.01 }, // away from zero, not toward +∞
    { x: 0.125, d: 2, out: 0.13 }, // exact binary half
    { x: 8.345, d: 2, out: 8.35 }, // stored as 8.34499999999999886…
    { x: 0.285, d: 2, out: 0.29 }, // stored as 0.28499999999999998…
    { x: 1.255, d: 2, out: 1.26 }, // stored as 1.25499999999999989…
    { x: 1e-10, d: 2, out: 0 }, // tiny values vanish
    { x: -1e-10, d: 2, out: 0 }, // and leave no negative zero
    { x: 0.1 * 3, d: 2, out: 0.3 }, // 0.30000000000000004 from a product
    { x: 99.5 * 1.1, d: 2, out: 109.45 }, // 109.45000000000002 from a coefficient
    { x: 19.999999999999996, d: 2, out: 20 }, // a sum that fell just short
    { x: 1234567.895, d: 2, out: 1234567.9 }, // large: the half still rounds up
    { x: 123456789.125, d: 2, out: 123456789.13 }, // larger still
    { x: 99999999.995, d: 2, out: 100000000 }, // the carry ripples through every digit
    { x: 2.5, d: 0, out: 3 }, // whole numbers: half away from zero
    { x: -2.5, d: 0, out: -3 },
    { x: 1.0005, d: 3, out: 1.001 }, // other decimal counts
    { x: 42, d: 2, out: 42 }, // integers pass through
  ])('$x at $d decimals → $out', ({ x, d, out }) => {
    expect(Object.is(roundScore(x, d), out)).toBe(true);
  });

  it.each([NaN, Infinity, -Infinity])('leaves %s as it is', (x) => {
    expect(Object.is(roundScore(x, 2), x)).toBe(true);
  });

  it('toUnits counts the rounded value in hundredths exactly', () => {
    expect([1.005, 2.675, 0.285, -1.005, 1e-10].map((x) => toUnits(x, 2))).toEqual([101, 268, 29, -101, 0]);
  });
});

describe('formatScore writes exactly the stated decimals', () => {
  it.each([
    { x: 1.005, d: 2, out: '1.01' }, // rounds before formatting (toFixed alone gives 1.00)
    { x: 2, d: 2, out: '2.00' }, // pads
    { x: 8.345, d: 2, out: '8.35' },
    { x: -0.004, d: 2, out: '0.00' }, // no “-0.00”
    { x: 1e-10, d: 2, out: '0.00' },
    { x: 1234.5, d: 0, out: '1235' },
    { x: 109.45000000000002, d: 2, out: '109.45' },
  ])('$x at $d decimals is "$out"', ({ x, d, out }) => {
    expect(formatScore(x, d)).toBe(out);
  });
});
