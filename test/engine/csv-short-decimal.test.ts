/**
 * The importer's fast path reads short decimals from the text without cutting cells: shortDecimalAt must give
 * exactly Number()'s value, or NaN (then the cell goes to the general reader).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shortDecimalAt } from '../../src/engine/csv/numbers.ts';

describe('shortDecimalAt', () => {
  it('equals Number() on every short decimal and rejects other text', () => {
    const decimal = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^[0-9]{1,15}$/),
        fc.option(fc.stringMatching(/^[0-9]{1,15}$/), { nil: undefined }),
      )
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`);
    fc.assert(
      fc.property(decimal, fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), (d, pre, post) => {
        const text = `${pre}${d}${post}`;
        const v = shortDecimalAt(text, pre.length, pre.length + d.length);
        const digits = d.replace(/[-.]/g, '').length;
        if (digits <= 15) expect(Object.is(v, Number(d))).toBe(true);
        else expect(v).toBeNaN();
      }),
      { numRuns: 2000 },
    );
    for (const s of ['', '-', '.5', '1.', '1e5', '0x10', '1,000', ' 1', '1 ', '１', '5%', '--1', '1.2.3'])
      expect(shortDecimalAt(s, 0, s.length)).toBeNaN();
    expect(Object.is(shortDecimalAt('-0.00', 0, 5), -0)).toBe(true);
    expect(shortDecimalAt('0.1', 0, 3)).toBe(0.1);
    expect(shortDecimalAt('999999999999999', 0, 15)).toBe(999999999999999);
  });
});
