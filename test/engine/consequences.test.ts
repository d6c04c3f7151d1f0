import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content-io/load-content.ts';
import { createScorer } from '../../src/engine/index.ts';
import type { ContentBundle, DataRow } from '../../src/engine/index.ts';
import { countyYear, MINI_DIR, row, scoreRows } from './mini.ts';

/** Consequence ids per unit, in rank order. */
function consequences(rows: DataRow[], period = '2023-Y'): Record<string, string[]> {
  const r = scoreRows(rows, 'county', period);
  return Object.fromEntries(r.units.map((u) => [u.unit, u.consequences.map((c) => c.id)]));
}

// 2023: 甲 100, 乙 96.5, 丙 92, 丁 80 → 优秀, 良好, 一般, 较差 (mini: top 25% / 50% / 75%).
const y2023 = countyYear('2023-12', { ca: 100, cb: 90, cc: 80, cd: 50 });

describe('consequences read the grade and the rank of this and earlier years', () => {
  it.each([
    {
      what: 'the excellent unit goes to the talent pool; average and poor get a reminder talk; last both years gets adjusted',
      rows: [...y2023, ...countyYear('2022-12', { ca: 100, cb: 90, cc: 80, cd: 50 })],
      out: { ca: ['talent-pool'], cb: [], cc: ['reminder-talk'], cd: ['reminder-talk', 'adjustment'] },
    },
    {
      what: 'last in 2023 but not in 2022 is no adjustment',
      rows: [...y2023, ...countyYear('2022-12', { ca: 100, cb: 90, cc: 50, cd: 80 })],
      out: { ca: ['talent-pool'], cb: [], cc: ['reminder-talk'], cd: ['reminder-talk'] },
    },
    {
      what: 'last in 2022 but not in 2023 is no adjustment',
      rows: [
        ...countyYear('2023-12', { ca: 100, cb: 90, cc: 50, cd: 80 }),
        ...countyYear('2022-12', { ca: 100, cb: 90, cc: 80, cd: 50 }),
      ],
      out: { ca: ['talent-pool'], cb: [], cd: ['reminder-talk'], cc: ['reminder-talk'] },
    },
    {
      what: 'without 2022 data nobody can have been last two years in a row',
      rows: y2023,
      out: { ca: ['talent-pool'], cb: [], cc: ['reminder-talk'], cd: ['reminder-talk'] },
    },
    {
      what: 'a veto that bars 优秀 also keeps the top unit out of the talent pool',
      rows: [...y2023, row('2023-12', 'ca', 'VETO-A', 1)],
      out: { ca: [], cb: [], cc: ['reminder-talk'], cd: ['reminder-talk'] },
    },
    {
      // 丙 and 丁 tie for last (both 60 + 40×0.5 = 80) in both years: both are the last unit.
      what: 'units tied for last are both at the bottom',
      rows: [
        ...countyYear('2023-12', { ca: 100, cb: 90, cc: 50, cd: 50 }),
        ...countyYear('2022-12', { ca: 100, cb: 90, cc: 50, cd: 50 }),
      ],
      out: { ca: ['talent-pool'], cb: [], cc: ['reminder-talk', 'adjustment'], cd: ['reminder-talk', 'adjustment'] },
    },
  ])('$what', ({ rows, out }) => {
    expect(consequences(rows)).toEqual(out);
  });

  it('month results carry no consequences (they are year-end only)', () => {
    const june = countyYear('2023-06', { ca: 50, cb: 45, cc: 40, cd: 25 });
    expect(consequences(june, '2023-06')).toEqual({ ca: [], cb: [], cc: [], cd: [] });
  });

  it('the fixture’s own files put 丁县 last in 2022 and 2023, so it is adjusted', () => {
    const { model, data } = loadContent(MINI_DIR);
    const r = createScorer(model!, data).scoreTier('county', '2023-Y');
    expect(r.units.map((u) => [u.unit, u.consequences.map((c) => c.label)])).toEqual([
      ['ca', ['纳入两型干部库']],
      ['cb', []],
      ['cc', ['提醒谈话']],
      ['cd', ['提醒谈话', '连续两年靠后，组织调整']],
    ]);
  });

  it('a veto that bars 优秀 also keeps a top-ranked town out of a reward for top places', () => {
    // The real towns' talent pool is given by place (top 10%), not by grade; a veto must still bar it.
    const edit = (b: ContentBundle) => {
      b.scheme.consequences.push({
        id: 'top-town',
        label: '进入两型干部库',
        tiers: ['town'],
        when: { top: { count: 1 }, years: 1 },
      });
    };
    const rows = [
      row('2023-12', 'ta', 'TO-INV', 100, 100),
      row('2023-12', 'ta', 'TO-SAFE', 0),
      row('2023-12', 'ta', 'VETO-A', 1),
      row('2023-12', 'tb', 'TO-INV', 80, 100),
      row('2023-12', 'tb', 'TO-SAFE', 0),
    ];
    const r = scoreRows(rows, 'town', '2023-Y', { edit });
    expect(r.units.map((u) => [u.unit, u.rank, u.grade, u.consequences.map((c) => c.id)])).toEqual([
      ['ta', 1, 'good', []],
      ['tb', 2, 'good', []],
    ]);
  });

  it('a scheme can say a veto does not bar a reward by place (when.unlessVetoed: false)', () => {
    const edit = (b: ContentBundle) => {
      b.scheme.consequences.push({
        id: 'top-town',
        label: '进入两型干部库',
        tiers: ['town'],
        when: { top: { count: 1 }, years: 1, unlessVetoed: false },
      });
    };
    const rows = [
      row('2023-12', 'ta', 'TO-INV', 100, 100),
      row('2023-12', 'ta', 'TO-SAFE', 0),
      row('2023-12', 'ta', 'VETO-A', 1),
      row('2023-12', 'tb', 'TO-INV', 80, 100),
      row('2023-12', 'tb', 'TO-SAFE', 0),
    ];
    const r = scoreRows(rows, 'town', '2023-Y', { edit });
    expect(r.units.map((u) => [u.unit, u.consequences.map((c) => c.id)])).toEqual([
      ['ta', ['top-town']],
      ['tb', []],
    ]);
  });
});
