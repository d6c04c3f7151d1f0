import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addExact, exactSum, roundedSum } from '../../src/engine/index.ts';

/** m × 2^−k as a double (exact: |m| < 2^53) and as a BigInt over 2^K. */
const K = 90;
const dyadic = fc
  .tuple(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), fc.integer({ min: 0, max: K }))
  .map(([m, k]) => ({ x: m / 2 ** k, big: BigInt(m) << BigInt(K - k) }));

describe('exactSum (the peer average’s sum)', () => {
  it('is the real sum rounded once to the nearest double, in any order', () => {
    fc.assert(
      fc.property(fc.array(dyadic, { maxLength: 60 }), (xs) => {
        const exact = xs.reduce((s, d) => s + d.big, 0n);
        // Number(BigInt) rounds to nearest, ties to even; dividing by 2^K is exact here.
        const want = Number(exact) / 2 ** K;
        expect(exactSum(xs.map((d) => d.x))).toBe(want);
        expect(exactSum(xs.map((d) => d.x).reverse())).toBe(want);
      }),
      { numRuns: 500 },
    );
  });

  it('updates: taking one number out and putting another in equals summing the new numbers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1.2, noNaN: true }), { minLength: 1 }),
        fc.nat(),
        fc.double({ min: 0, max: 1.2, noNaN: true }),
        (xs, at, y) => {
          const i = at % xs.length;
          const p: number[] = [];
          for (const x of xs) addExact(p, x);
          addExact(p, -xs[i]!);
          addExact(p, y);
          const ys = xs.slice();
          ys[i] = y;
          expect(roundedSum(p)).toBe(exactSum(ys));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is exact where a left-to-right sum is not (0.1 + 0.2 + 0.3 written in any order)', () => {
    expect(0.1 + 0.2 + 0.3).not.toBe(0.3 + 0.2 + 0.1);
    expect(exactSum([0.1, 0.2, 0.3])).toBe(exactSum([0.3, 0.2, 0.1]));
    expect(exactSum([1e16, 1, -1e16])).toBe(1);
  });
});
