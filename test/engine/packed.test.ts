import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnsFromRows, rowsFromColumns } from '../../src/engine/data.ts';
import type { DataRow } from '../../src/engine/data.ts';
import type { PublishedMonthJsonV1 } from '../../src/engine/packed.ts';
import { PUBLISHED_FORMAT, columnsFromMonths, monthToJson } from '../../src/engine/packed.ts';

// The self-check ranks a unit's own data among these published months: they must come back exactly as built.
const row = fc.record({
  period: fc.constantFrom('2023-01', '2023-02', '2023-03'),
  unit: fc.constantFrom('chengqu', 'zezhou', 'xz00001', '巴公镇', 'a,b'),
  item: fc.constantFrom('TN-HQD-01', 'TN-RUR-02', 'BONUS-REFORM', 'X'),
  actual: fc.oneof(
    fc.constant(null),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
    fc.constantFrom('A', 'B', 'D'),
  ),
  target: fc.oneof(fc.constant(null), fc.integer({ min: -1e6, max: 1e6 }), fc.constantFrom(0.1, 7.7, 1e21)),
  note: fc.option(fc.constantFrom('示例事件', '', '已核实', '"quoted", note'), { nil: undefined }),
});

/** The rows of one month, in order, as the published file must give them back. */
const monthRows = (rows: DataRow[], month: string) =>
  rowsFromColumns(columnsFromRows(rows)).filter((r) => r.period === month);

describe('self-check published months (kaohe-published/2)', () => {
  it('give back every row of the month exactly, in order, through JSON: units in runs, shared item lists, sparse strings', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.boolean(), (rows, grouped) => {
        // Grouped by unit (as the build writes them) or not: a unit may come back in several runs.
        const input = grouped ? [...rows].sort((a, b) => a.unit.localeCompare(b.unit)) : rows;
        const d = columnsFromRows(input);
        for (const month of ['2023-01', '2023-02', '2023-03']) {
          const json = JSON.parse(JSON.stringify(monthToJson(d, month)));
          expect(json.format).toBe(PUBLISHED_FORMAT);
          const back = rowsFromColumns(columnsFromMonths([json]));
          expect(back).toEqual(monthRows(input, month));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('join several months in month order, each month its own period', () => {
    const rows: DataRow[] = [
      { period: '2023-01', unit: 'u1', item: 'i1', actual: 1, target: 2, note: '示例事件' },
      { period: '2023-01', unit: 'u2', item: 'i1', actual: 'A', target: null },
      { period: '2023-02', unit: 'u2', item: 'i2', actual: null, target: 5 },
      { period: '2023-02', unit: 'u1', item: 'i1', actual: 3, target: 2, note: '示例事件' },
    ];
    const d = columnsFromRows(rows);
    const joined = columnsFromMonths([monthToJson(d, '2023-01'), monthToJson(d, '2023-02')]);
    expect(joined.periods).toEqual(['2023-01', '2023-02']);
    expect(rowsFromColumns(joined)).toEqual(rowsFromColumns(d));
  });

  it('say each item list and each string once: a tier of units sharing one list carries it once', () => {
    const rows: DataRow[] = [];
    for (let u = 0; u < 50; u++)
      for (const item of ['i1', 'i2', 'i3'])
        rows.push({ period: '2023-01', unit: `u${u}`, item, actual: u, target: 10, note: '示例事件' });
    const json = monthToJson(columnsFromRows(rows), '2023-01');
    expect(json.lists).toEqual([[0, 1, 2]]);
    expect(json.runs).toHaveLength(50);
    expect(json.strings).toEqual(['示例事件']);
    expect(json.note.slice(0, 6)).toEqual([0, 0, 1, 0, 1, 0]);
  });

  it('still read the first form (per-row indices, [row, text] pairs), as a page may meet in a cache', () => {
    const v1: PublishedMonthJsonV1 = {
      month: '2023-01',
      units: ['u1', 'u2'],
      items: ['i1', 'i2'],
      unit: [0, 1, 0],
      item: [0, 1, 1],
      actual: [1, null, 3],
      target: [null, 2, 4],
      text: [[1, 'A']],
      note: [[2, '示例事件']],
    };
    const d = columnsFromMonths([v1]);
    expect(rowsFromColumns(d).map((r) => [r.unit, r.item, r.actual, r.target, r.note ?? null])).toEqual([
      ['u1', 'i1', 1, null, null],
      ['u2', 'i2', 'A', 2, null],
      ['u1', 'i2', 3, 4, '示例事件'],
    ]);
  });
});
