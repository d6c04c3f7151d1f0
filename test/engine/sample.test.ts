import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadYears } from '../../src/content-io/load-content.ts';
import Papa from 'papaparse';
import {
  SAMPLE_DATA_CELL,
  SAMPLE_NOTICE,
  columnsFromRows,
  dataToCsv,
  importCsv,
  labelSampleCsv,
  labelSampleDataCsv,
  labelSampleJson,
  monthId,
  rowsFromColumns,
  toCsv,
  unlabelledUnits,
} from '../../src/engine/index.ts';
import { sampleDecimals, synthesizeRows } from '../../src/sample/synth.ts';

/**
 * The sample data (content/<year>/data) must look like real county-scale figures: inside every item's plausible range.
 * The latest year has every month; earlier years their year end, a little weaker (as npm run sample writes them).
 */
const CONTENT = fileURLToPath(new URL('../../content', import.meta.url));
const loaded = loadYears(CONTENT);
const latestYear = loaded.latest?.year;
const sets = loaded.years
  .filter((y) => y.model)
  .map((y) => {
    const m = y.model!;
    const full = m.scheme.year === latestYear;
    const months = full
      ? Array.from({ length: 12 }, (_, i) => monthId(m.scheme.year, i + 1))
      : [monthId(m.scheme.year, 12)];
    return {
      dir: y.dir,
      model: m,
      months,
      rows: synthesizeRows(m, { seed: m.scheme.robustness.seed, months, ...(full ? {} : { yearShift: 0.99 }) }),
    };
  });
const latest = sets.at(-1);
const model = latest?.model;
const months = latest?.months ?? [];
const rows = latest?.rows ?? [];

describe('sample data', () => {
  it('gives every numeric item a plausible range in content', () => {
    const missing = model!.tiers
      .flatMap((t) => t.items)
      .filter((i) => i.standard.kind !== 'grade' && !i.plausible)
      .map((i) => i.code);
    expect(missing).toEqual([]);
  });

  it('stays inside every item’s plausible range, with whole numbers for counts and percentages within 0–100', () => {
    const out: string[] = [];
    for (const r of rows) {
      const hit = model!.itemByCode.get(r.item);
      if (!hit || typeof r.actual !== 'number') continue;
      const { item } = hit;
      const p = item.plausible ?? {};
      for (const [what, v] of [
        ['actual', r.actual],
        ['target', r.target],
      ] as const) {
        if (v === null) continue;
        if ((p.min !== undefined && v < p.min) || (p.max !== undefined && v > p.max))
          out.push(`${r.period} ${r.unit} ${r.item} ${what} ${v} outside ${p.min}…${p.max}`);
        if (item.measure === '%' && (v < 0 || v > 100)) out.push(`${r.period} ${r.unit} ${r.item} ${what} ${v}%`);
        if (sampleDecimals(item) === 0 && !Number.isInteger(v))
          out.push(`${r.period} ${r.unit} ${r.item} ${what} ${v} is not a whole number`);
      }
    }
    expect(out.slice(0, 20)).toEqual([]);
  });

  it('accumulates cumulative items month by month (year to date never falls) and keeps incidents rare', () => {
    const last = new Map<string, number>();
    const falls: string[] = [];
    for (const r of [...rows].sort((a, b) => a.period.localeCompare(b.period))) {
      const item = model!.itemByCode.get(r.item)?.item;
      if (!item?.cumulative || typeof r.actual !== 'number') continue;
      const key = `${r.unit}|${r.item}|${r.period.slice(0, 4)}`;
      if (r.actual < (last.get(key) ?? -Infinity)) falls.push(`${key} ${r.period} ${r.actual}`);
      last.set(key, r.actual);
    }
    expect(falls.slice(0, 10)).toEqual([]);
    const incidents = rows.filter(
      (r) => r.period.endsWith('-12') && model!.itemByCode.get(r.item)?.item.standard.kind === 'deduction',
    );
    const some = incidents.filter((r) => typeof r.actual === 'number' && r.actual > 0).length;
    expect(some / incidents.length).toBeLessThan(0.2);
  });

  it('is what content/<year>/data holds, for every year (regenerate with npm run sample)', () => {
    expect(sets.map((x) => x.model.scheme.year)).toEqual([2022, 2023]);
    for (const set of sets)
      for (const month of set.months) {
        const part = set.rows.filter((r) => r.period === month);
        expect(readFileSync(join(set.dir, 'data', `${month}.csv`), 'utf8'), month).toBe(
          dataToCsv(columnsFromRows(part), set.model),
        );
      }
  });
});

describe('sample label in downloads', () => {
  it('adds a 数据性质 column with the notice to every record of a sample CSV (quoted line breaks included), and nothing to real data', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['1', 'x\r\ny'],
        ['2', 'z'],
      ],
    );
    expect(labelSampleCsv(csv, false)).toBe(csv);
    const rows = Papa.parse<string[]>(labelSampleCsv(csv, true).slice(1), { newline: '\r\n' }).data;
    expect(rows).toEqual([
      ['a', 'b', '数据性质'],
      ['1', 'x\r\ny', SAMPLE_NOTICE],
      ['2', 'z', SAMPLE_NOTICE],
    ]);
  });

  it('labels each row of sample input data 示例数据 under the same 数据性质 header (results keep the full notice)', () => {
    const csv = toCsv(['a'], [['1'], ['x\r\ny']]);
    expect(SAMPLE_DATA_CELL).toBe('示例数据');
    expect(labelSampleDataCsv(csv, false)).toBe(csv);
    const rows = Papa.parse<string[]>(labelSampleDataCsv(csv, true).slice(1), { newline: '\r\n' }).data;
    expect(rows).toEqual([
      ['a', '数据性质'],
      ['1', '示例数据'],
      ['x\r\ny', '示例数据'],
    ]);
  });

  it('labels JSON at the top level only for sample data', () => {
    expect(labelSampleJson([1], false)).toEqual([1]);
    expect(labelSampleJson([1], true)).toEqual({ sample: true, notice: SAMPLE_NOTICE, units: [1] });
    expect(unlabelledUnits(labelSampleJson([1], true))).toEqual([1]);
  });

  it('keeps a labelled data CSV importable as the same data', () => {
    const month = months.at(-1)!;
    const plain = dataToCsv(columnsFromRows(rows.filter((r) => r.period === month)), model!);
    const a = importCsv(new TextEncoder().encode(plain), model!, { file: 'a.csv' });
    const b = importCsv(new TextEncoder().encode(labelSampleDataCsv(plain, true)), model!, { file: 'b.csv' });
    expect(b.ok).toBe(true);
    expect(a.ok && b.ok && rowsFromColumns(b.data)).toEqual(a.ok && rowsFromColumns(a.data));
  });
});
