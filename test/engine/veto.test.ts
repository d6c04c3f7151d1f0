/**
 * explainVeto: the sentence shown beside a vetoed unit on ranking and unit pages and in the self-check —
 * which veto event, which grades it bars, the grade its rank alone would give and the grade it got.
 * Mini fixture: 4 counties graded by rank share (优秀 top 25%, 良好 50%, 一般 75%, else 较差); VETO-A bars 优秀.
 */
import { describe, expect, it } from 'vitest';
import { explainVeto } from '../../src/engine/index.ts';
import type { ContentBundle } from '../../src/engine/index.ts';
import { countyYear, miniModel, row, scoreRows, unitOf } from './mini.ts';

const year = countyYear('2023-12', { ca: 100, cb: 90, cc: 80, cd: 50 });

function explain(rows: ReturnType<typeof countyYear>, unit: string, edit?: (b: ContentBundle) => void) {
  const r = scoreRows(rows, 'county', '2023-Y', edit ? { edit } : {});
  return { veto: explainVeto(miniModel(edit).scheme, unitOf(r, unit), r.units.length), result: unitOf(r, unit) };
}

describe('explainVeto', () => {
  it('is null for a unit without a veto event', () => {
    expect(explain(year, 'ca').veto).toBeNull();
  });

  it('names the event and the grades it bars, the grade by rank and the grade given, matching the engine', () => {
    const { veto, result } = explain([...year, row('2023-12', 'ca', 'VETO-A', 1)], 'ca');
    expect(result.rank).toBe(1);
    expect(veto).toEqual({
      events: [{ name: '重大安全事故', bars: ['优秀'] }],
      byRank: '优秀',
      got: '良好',
      text: '重大安全事故：不得评为优秀。按名次应为优秀，评为良好。',
    });
    expect(veto!.got).toBe(result.gradeLabel);
  });

  it('says the veto changed nothing when the rank alone already gives an allowed grade', () => {
    const { veto, result } = explain([...year, row('2023-12', 'cc', 'VETO-A', 1)], 'cc');
    expect(veto!.byRank).toBe(veto!.got);
    expect(veto!.got).toBe(result.gradeLabel);
    expect(veto!.text).toBe(`重大安全事故：不得评为优秀。按名次为${result.gradeLabel}，不受影响。`);
  });

  it('reads a veto that lists no grades (一票否决) as barring every grade but the last', () => {
    const edit = (b: ContentBundle) => {
      const a = b.scheme.adjustments.find((x) => x.code === 'VETO-A')!;
      a.bars = [];
    };
    const { veto, result } = explain([...year, row('2023-12', 'ca', 'VETO-A', 1)], 'ca', edit);
    expect(veto!.events[0]!.bars).toEqual(['优秀', '良好', '一般']);
    expect(veto!.got).toBe('较差');
    expect(result.gradeLabel).toBe('较差');
  });
});
