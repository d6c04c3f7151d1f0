import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyVetoes, gradeIndex, gradeRuleSchema, rankTotals } from '../../src/engine/index.ts';
import type { ContentBundle, DataRow } from '../../src/engine/index.ts';
import { countyYear, row, scoreRows, unitOf } from './mini.ts';

describe('rankTotals', () => {
  it.each([
    { totals: [100, 90, 90, 80], ranks: [1, 2, 2, 4] }, // a tie shares the rank and the next skips
    { totals: [90, 100, 90, 100], ranks: [3, 1, 3, 1] }, // input order does not matter
    { totals: [5, 5, 5], ranks: [1, 1, 1] }, // everyone tied
    { totals: [1, 2, 3], ranks: [3, 2, 1] }, // higher is better
    { totals: [], ranks: [] }, // nobody to rank
  ])('ranks $totals as $ranks', ({ totals, ranks }) => {
    expect(rankTotals(totals)).toEqual(ranks);
  });

  it('gives every unit 1 + the number of units with a strictly higher total (integers, fractions, huge spreads)', () => {
    const byDefinition = (t: number[]) => t.map((x) => 1 + t.filter((y) => y > x).length);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.integer({ min: -50, max: 50 })), // many ties
          fc.array(fc.integer({ min: -2_000_000, max: 2_000_000 }), { maxLength: 300 }),
          fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true })), // not integers: the comparison sort
          fc.array(fc.constantFrom(0, 2 ** 50, -(2 ** 50), Number.MAX_SAFE_INTEGER)), // too wide to pack
        ),
        (t) => {
          expect(rankTotals(t)).toEqual(byDefinition(t));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ranks scored units on their rounded totals, so equal totals tie (mini county, 2023-Y)', () => {
    // 甲 70 + 30×1 = 100; 乙 65 + 35×0.8 = 93; 丙 60 + 40×0.825 = 93; 丁 60 + 40×0.5 = 80.
    const r = scoreRows(countyYear('2023-12', { ca: 100, cb: 80, cc: 82.5, cd: 50 }), 'county', '2023-Y');
    expect(r.units.map((u) => [u.unit, u.total, u.rank, u.grade])).toEqual([
      ['ca', 100, 1, 'excellent'],
      ['cb', 93, 2, 'good'], // both tied units fall within the top 50%
      ['cc', 93, 2, 'good'],
      ['cd', 80, 4, 'poor'],
    ]);
  });
});

describe('gradeIndex', () => {
  const share = (countRounding: string) =>
    gradeRuleSchema.parse({
      method: 'rank-share',
      countRounding,
      bands: [
        { id: 'excellent', label: '优秀', topShare: 0.3 },
        { id: 'good', label: '良好', topShare: 0.6 },
        { id: 'poor', label: '较差' },
      ],
    });
  const threshold = gradeRuleSchema.parse({
    method: 'threshold',
    bands: [
      { id: 'excellent', label: '优秀', min: 90 },
      { id: 'good', label: '良好', min: 80 },
      { id: 'poor', label: '较差' },
    ],
  });
  it.each([
    {
      what: 'rank share: rank 1 of 5 is within the top 30%',
      rule: share('round'),
      rank: 1,
      n: 5,
      total: 0,
      grade: 'excellent',
    },
    {
      what: 'rank share: round(0.3 × 5) = 2 excellent places',
      rule: share('round'),
      rank: 2,
      n: 5,
      total: 0,
      grade: 'excellent',
    },
    {
      what: 'rank share: floor(0.3 × 5) = 1 excellent place',
      rule: share('floor'),
      rank: 2,
      n: 5,
      total: 0,
      grade: 'good',
    },
    {
      what: 'rank share: ceil(0.3 × 5) = 2 excellent places',
      rule: share('ceil'),
      rank: 2,
      n: 5,
      total: 0,
      grade: 'excellent',
    },
    {
      what: 'rank share: shares are cumulative (top 60% of 5 = 3 places)',
      rule: share('round'),
      rank: 3,
      n: 5,
      total: 0,
      grade: 'good',
    },
    {
      what: 'rank share: the last band catches the rest',
      rule: share('round'),
      rank: 4,
      n: 5,
      total: 0,
      grade: 'poor',
    },
    {
      what: 'threshold: a total at the line gets the grade',
      rule: threshold,
      rank: 9,
      n: 9,
      total: 90,
      grade: 'excellent',
    },
    {
      what: 'threshold: just under the line gets the next grade',
      rule: threshold,
      rank: 1,
      n: 9,
      total: 89.99,
      grade: 'good',
    },
    {
      what: 'threshold: below every line gets the last grade',
      rule: threshold,
      rank: 1,
      n: 9,
      total: 10,
      grade: 'poor',
    },
  ])('$what', ({ rule, rank, n, total, grade }) => {
    expect(rule.bands[gradeIndex(rule, rank, n, total)]!.id).toBe(grade);
  });

  it('grades towns by the mini scheme’s score lines (子镇 109.45 ≥ 90, 丑镇 48 < 60)', () => {
    const r = scoreRows(
      [
        row('2023-12', 'ta', 'TO-INV', 100, 100),
        row('2023-12', 'ta', 'TO-SAFE', 1),
        row('2023-12', 'tb', 'TO-INV', 80, 100),
        row('2023-12', 'tb', 'TO-SAFE', 2),
      ],
      'town',
      '2023-Y',
    );
    expect(r.units.map((u) => [u.unit, u.total, u.gradeLabel])).toEqual([
      ['ta', 109.45, '优秀'],
      ['tb', 48, '较差'],
    ]);
  });
});

describe('vetoes', () => {
  const rule = gradeRuleSchema.parse({
    method: 'threshold',
    bands: [
      { id: 'excellent', label: '优秀', min: 90 },
      { id: 'good', label: '良好', min: 80 },
      { id: 'poor', label: '较差' },
    ],
  });
  it.each([
    { what: 'barring excellent moves an excellent unit to good', index: 0, bars: ['excellent'], grade: 'good' },
    { what: 'barring excellent leaves a good unit good', index: 1, bars: ['excellent'], grade: 'good' },
    {
      what: 'barring excellent and good moves an excellent unit to the last grade',
      index: 0,
      bars: ['excellent', 'good'],
      grade: 'poor',
    },
    { what: 'the last grade can never be barred away', index: 2, bars: ['poor'], grade: 'poor' },
    { what: 'no veto changes nothing', index: 0, bars: [], grade: 'excellent' },
  ])('$what', ({ index, bars, grade }) => {
    expect(rule.bands[applyVetoes(rule, index, new Set(bars))]!.id).toBe(grade);
  });

  it('a veto on the top county keeps its rank and total but bars 优秀 (mini, 2023-Y)', () => {
    const rows = [...countyYear('2023-12', { ca: 100, cb: 90, cc: 80, cd: 50 }), row('2023-12', 'ca', 'VETO-A', 1)];
    const r = scoreRows(rows, 'county', '2023-Y');
    const ca = unitOf(r, 'ca');
    expect([ca.rank, ca.total, ca.grade]).toEqual([1, 100, 'good']);
    expect(ca.vetoes).toEqual([{ code: 'VETO-A', name: '重大安全事故' }]);
    expect(unitOf(r, 'cb').grade).toBe('good'); // the barred place is not handed down
  });
});

describe('coefficient, bonus and deduction: total = (base + bonus − deduction) × coefficient', () => {
  // 子镇 ta carries 2 traction projects (coefficient 1.1); its base is 60 + 40 = 100.
  const base: DataRow[] = [
    row('2023-12', 'ta', 'TO-INV', 100, 100),
    row('2023-12', 'ta', 'TO-SAFE', 0),
    row('2023-12', 'tb', 'TO-INV', 80, 100),
    row('2023-12', 'tb', 'TO-SAFE', 0),
  ];
  const ev = (code: string, points: number) => row('2023-12', 'ta', code, points);
  it.each([
    { what: 'no events: 100 × 1.1', events: [], bonus: 0, deduction: 0, total: 110 },
    {
      what: 'a bonus adds before the coefficient: 101.5 × 1.1',
      events: [ev('BONUS-A', 1.5)],
      bonus: 1.5,
      deduction: 0,
      total: 111.65,
    },
    {
      what: 'a bonus item stops at its own cap of 2',
      events: [ev('BONUS-A', 3)],
      bonus: 2,
      deduction: 0,
      total: 112.2,
    },
    {
      what: 'bonuses together stop at the total cap of 3',
      events: [ev('BONUS-A', 2), ev('BONUS-B', 2)],
      bonus: 3,
      deduction: 0,
      total: 113.3,
    },
    {
      what: 'a deduction subtracts before the coefficient: 99 × 1.1',
      events: [ev('DEDUCT-A', 1)],
      bonus: 0,
      deduction: 1,
      total: 108.9,
    },
    {
      what: 'a deduction item stops at its own cap of 1.5',
      events: [ev('DEDUCT-A', 2.5)],
      bonus: 0,
      deduction: 1.5,
      total: 108.35,
    },
    {
      what: 'deductions together stop at the total cap of 2',
      events: [ev('DEDUCT-A', 1.5), ev('DEDUCT-B', 1)],
      bonus: 0,
      deduction: 2,
      total: 107.8,
    },
    {
      what: 'a bonus and a deduction cancel out',
      events: [ev('BONUS-A', 1), ev('DEDUCT-B', 1)],
      bonus: 1,
      deduction: 1,
      total: 110,
    },
  ])('$what', ({ events, bonus, deduction, total }) => {
    const ta = unitOf(scoreRows([...base, ...events], 'town', '2023-Y'), 'ta');
    expect([ta.base, ta.bonus, ta.deduction, ta.coefficient, ta.total]).toEqual([100, bonus, deduction, 1.1, total]);
  });

  // 丑镇 tb: base 48 + 40 = 88.
  it.each([
    { traction: 0, coefficient: 1, total: 88 }, // no traction project
    { traction: 1, coefficient: 1.05, total: 92.4 },
    { traction: 2, coefficient: 1.1, total: 96.8 },
    { traction: 5, coefficient: 1.1, total: 96.8 }, // loads past the table take its last row
  ])(
    'a town carrying $traction traction projects gets coefficient $coefficient',
    ({ traction, coefficient, total }) => {
      const edit = (b: ContentBundle) => {
        b.units.find((u) => u.id === 'tb')!.traction = traction;
      };
      const tb = unitOf(scoreRows(base, 'town', '2023-Y', { edit }), 'tb');
      expect([tb.coefficient, tb.total]).toEqual([coefficient, total]);
    },
  );

  it('tiers without a coefficient rule multiply by 1', () => {
    const r = scoreRows(countyYear('2023-12', { ca: 100, cb: 90, cc: 80, cd: 50 }), 'county', '2023-Y');
    expect(r.units.map((u) => u.coefficient)).toEqual([1, 1, 1, 1]);
  });
});
