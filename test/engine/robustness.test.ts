import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content-io/load-content.ts';
import { columnsFromRows, createScorer, rowsFromColumns } from '../../src/engine/index.ts';
import type { ContentBundle, DataRow, MissingRule, TierResult } from '../../src/engine/index.ts';
import { countyYear, MINI_DIR, miniModel, row, scoreRows } from './mini.ts';

const robustness = (draws: number, spread: number, seed: number) => (b: ContentBundle) => {
  b.scheme.robustness = { draws, spread, seed };
};
const ranges = (r: TierResult) => Object.fromEntries(r.units.map((u) => [u.unit, u.rankRange]));
const fixtureRows = rowsFromColumns(loadContent(MINI_DIR).data);
// Close totals, so random weights can swap places: 甲 96.8, 乙 96.85, 丙 96.8, 丁 97.2 (GDP completion alone differs).
const close: DataRow[] = countyYear('2023-12', { ca: 89.33, cb: 91, cc: 92, cd: 93 });

describe('rank robustness', () => {
  it('the same seed gives the same ranges', () => {
    const a = scoreRows(close, 'county', '2023-Y', { edit: robustness(50, 0.2, 11) });
    const b = scoreRows(close, 'county', '2023-Y', { edit: robustness(50, 0.2, 11) });
    expect(ranges(a)).toEqual(ranges(b));
    for (const u of a.units) expect(u.rankRange).not.toBeNull();
  });

  it('a different seed may give different ranges (one draw each, seeds 1–20)', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 20; seed++)
      seen.add(JSON.stringify(ranges(scoreRows(close, 'county', '2023-Y', { edit: robustness(1, 0.5, seed) }))));
    expect(seen.size).toBeGreaterThan(1);
  });

  it.each([
    { what: 'close totals, 2023-Y', rows: close, period: '2023-Y' },
    { what: 'the fixture’s June', rows: fixtureRows, period: '2023-06' },
    { what: 'the fixture’s year end', rows: fixtureRows, period: '2023-Y' },
  ])('every range holds the unit’s actual rank ($what)', ({ rows, period }) => {
    const r = scoreRows(rows, 'county', period, { edit: robustness(200, 0.5, 3) });
    for (const u of r.units) {
      const [best, worst] = u.rankRange!;
      expect(best).toBeLessThanOrEqual(u.rank);
      expect(worst).toBeGreaterThanOrEqual(u.rank);
    }
  });

  it('a unit far ahead of the rest is first under any weights', () => {
    const r = scoreRows(countyYear('2023-12', { ca: 100, cb: 40, cc: 30, cd: 20 }), 'county', '2023-Y', {
      edit: robustness(200, 0.5, 5),
    });
    expect(r.units[0]!.unit).toBe('ca');
    expect(r.units[0]!.rankRange).toEqual([1, 1]);
  });

  it('is left out when not asked for', () => {
    const r = scoreRows(close, 'county', '2023-Y', { robustness: false });
    expect(r.units.map((u) => u.rankRange)).toEqual([null, null, null, null]);
  });

  // With spread 0 no weight moves, so every draw must reproduce the published ranking.
  // 甲 ca reports no CO-GDP (weight 30); 乙 scores 65 + 35 × 0.95 = 98.25, 丙 and 丁 lower.
  const gap = countyYear('2023-12', { ca: 100, cb: 95, cc: 90, cd: 80 }).filter(
    (r) => !(r.unit === 'ca' && r.item === 'CO-GDP'),
  );
  it.each<{ rule: MissingRule }>([{ rule: 'peer-average' }, { rule: 'zero' }, { rule: 'full' }, { rule: 'exclude' }])(
    'with no weight change every range is the rank itself (missing rule $rule)',
    ({ rule }) => {
      const model = miniModel((b) => {
        robustness(20, 0, 1)(b);
        b.scheme.missing = rule;
      });
      const r = createScorer(model, columnsFromRows(gap)).scoreTier('county', '2023-Y');
      expect(r.units.map((u) => [u.unit, u.rankRange])).toEqual(r.units.map((u) => [u.unit, [u.rank, u.rank]]));
    },
  );

  it('a single unit in a tier ranges over its own place only', () => {
    const r = scoreRows(
      [row('2023-12', 'ta', 'TO-INV', 100, 100), row('2023-12', 'ta', 'TO-SAFE', 0)],
      'town',
      '2023-Y',
    );
    // 丑镇 has no data: it is still ranked (peer-average), so the tier has two units.
    expect(r.units.map((u) => u.rankRange)).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });
});
