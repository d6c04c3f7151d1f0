/**
 * Property tests of the CSV import (fast-check): valid files written in every way people write them
 * read back exactly; randomly mutated files never make the importer throw, and when one is accepted
 * its rows are exactly what an independent strict RFC 4180 reading of the same text says; every cell
 * kind is read in time linear in its length (by the ratio of two sizes, not a wall-clock limit).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCsv, rowsFromColumns } from '../../src/engine/index.ts';
import { normalizeMonth, parseNumber } from '../../src/engine/csv/numbers.ts';
import { COLUMN_ALIASES, fromCsvText, importText } from '../../src/engine/csv/import.ts';
import { miniModel } from './mini.ts';

const model = miniModel();
const FILE = '性质测试.csv';
/** Cases per property; the run's total is printed (figures for the issue's note). */
const RUNS = Number(process.env.KAOHE_PROPERTY_RUNS ?? 300);

// ---- An independent strict reader (character by character; CR, LF and CRLF each end a record). ----
function strictRead(text: string): { records: string[][]; ok: boolean } {
  let sep = ',';
  let i = 0;
  const m = /^sep=([^\r\n"])(\r\n|\r|\n|$)/i.exec(text);
  if (m) {
    sep = m[1]!;
    i = m[0].length;
  } else {
    // The header line's separator: comma if present, else tab, semicolon, bar (outside quotes).
    let q = false;
    const seen = new Set<string>();
    for (let k = 0; k < text.length && k < 65536; k++) {
      const c = text[k]!;
      if (c === '"') q = !q;
      else if (!q && (c === '\r' || c === '\n')) {
        if (seen.size) break;
      } else if (!q && (c === ',' || c === '\t' || c === ';' || c === '|')) seen.add(c);
    }
    sep = seen.has(',') ? ',' : seen.has('\t') ? '\t' : seen.has(';') ? ';' : seen.has('|') ? '|' : ',';
  }
  const records: string[][] = [];
  let rec: string[] = [];
  let cell = '';
  let state: 'start' | 'plain' | 'quoted' | 'after' = 'start';
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (state === 'quoted') {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else state = 'after';
      } else cell += c;
      continue;
    }
    if (c === sep) {
      rec.push(cell);
      cell = '';
      state = 'start';
      continue;
    }
    if (c === '\r' || c === '\n') {
      rec.push(cell);
      records.push(rec);
      rec = [];
      cell = '';
      state = 'start';
      if (c === '\r' && text[i + 1] === '\n') i++;
      continue;
    }
    if (state === 'after') return { records, ok: false };
    if (state === 'start' && c === '"') {
      state = 'quoted';
      continue;
    }
    state = 'plain';
    cell += c;
  }
  if (state === 'quoted') return { records, ok: false };
  if (cell !== '' || rec.length > 0 || state === 'after') {
    rec.push(cell);
    records.push(rec);
  }
  return { records, ok: true };
}

// ---- Valid files, written by a reference writer in the ways people write them. ----
const PERIODS = ['2023-01', '2023-02', '2023-06', '2023-12'];
const UNITS = ['ca', 'cb', 'cc', 'cd'];
const note = fc
  .string({
    unit: fc.constantFrom('a', '备', '注', ',', ';', '"', '\r', '\n', ' ', '\t', '😀', 'é', '|'),
    maxLength: 12,
  })
  .filter((s) => !s.startsWith("'"));
const cellRow = fc.record({
  period: fc.constantFrom(...PERIODS),
  unit: fc.constantFrom(...UNITS),
  item: fc.constantFrom('CO-GDP', 'CO-AIR'),
  actual: fc.integer({ min: 0, max: 9999 }).map((n) => n / 100),
  target: fc.integer({ min: 100, max: 100000 }).map((n) => n / 100),
  note,
});
const fileShape = fc.record({
  rows: fc.uniqueArray(cellRow, { minLength: 1, maxLength: 12, selector: (r) => `${r.period}|${r.unit}|${r.item}` }),
  eol: fc.array(fc.constantFrom('\r\n', '\n', '\r'), { minLength: 13, maxLength: 13 }),
  finalEol: fc.boolean(),
  sep: fc.constantFrom(',', ';', '\t'),
  sepLine: fc.boolean(),
});
type Shape = typeof fileShape extends fc.Arbitrary<infer T> ? T : never;

function write(shape: Shape): string {
  const { sep } = shape;
  const q = (s: string) => (/[",;\t\r\n|]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['期间', '单位代码', '事项代码', '实际值', '目标值', '备注'].join(sep)];
  for (const r of shape.rows)
    lines.push(
      [r.period, r.unit, r.item, String(r.actual), r.item === 'CO-GDP' ? String(r.target) : '', q(r.note)].join(sep),
    );
  let text = shape.sepLine ? `sep=${sep}${shape.eol[12]}` : '';
  lines.forEach((l, k) => {
    text += l + (k < lines.length - 1 || shape.finalEol ? shape.eol[k % 12]! : '');
  });
  return text;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('CSV import, property-based (fast-check)', () => {
  it('a valid file, however its line ends, separators, quotes and notes are written, reads back exactly', () => {
    let cases = 0;
    fc.assert(
      fc.property(fileShape, (shape) => {
        cases++;
        const res = importCsv(utf8(write(shape)), model, { file: FILE });
        expect(res.problems).toEqual([]);
        if (!res.ok) return;
        const got = rowsFromColumns(res.data);
        expect(got.length).toBe(shape.rows.length);
        shape.rows.forEach((r, k) => {
          expect(got[k]).toEqual({
            period: r.period,
            unit: r.unit,
            item: r.item,
            actual: r.actual,
            target: r.item === 'CO-GDP' ? r.target : null,
            note: r.note.trim() || undefined,
          });
        });
      }),
      { numRuns: RUNS },
    );
    console.log(`round trip: ${cases} cases`);
  });

  const mutation = fc.oneof(
    fc.record({
      at: fc.nat(),
      insert: fc.constantFrom(
        ',',
        '"',
        '""',
        '\r',
        '\n',
        '\r\n',
        ' ',
        '\u200b',
        'Ｃ',
        '\ufffd',
        ';',
        '\t',
        '4,24',
        '1 2',
        "'",
        '=1+1',
        '😀',
      ),
    }),
    fc.record({
      at: fc.nat(),
      insert: fc
        .constantFrom('9', ' ', '"', ',')
        .chain((c) => fc.integer({ min: 100, max: 40000 }).map((n) => c.repeat(n))),
    }),
    fc.record({ at: fc.nat(), remove: fc.integer({ min: 1, max: 3 }) }),
  );

  it('a mutated file never throws, and is accepted only with exactly the rows a strict reading gives', () => {
    let cases = 0;
    let accepted = 0;
    const t0 = performance.now();
    fc.assert(
      fc.property(fileShape, fc.array(mutation, { minLength: 1, maxLength: 3 }), (shape, muts) => {
        cases++;
        let text = write(shape);
        for (const m of muts) {
          const at = m.at % (text.length + 1);
          text =
            'insert' in m
              ? text.slice(0, at) + m.insert + text.slice(at)
              : text.slice(0, at) + text.slice(at + m.remove);
        }
        const bytes = utf8(text);
        const res = importCsv(bytes, model, { file: FILE });
        if (!res.ok) {
          expect(res.problems.length).toBeGreaterThan(0);
          return;
        }
        accepted++;
        const strict = strictRead(new TextDecoder().decode(bytes));
        expect(strict.ok).toBe(true);
        const recs = strict.records.filter((r) => r.some((c) => c.trim() !== ''));
        const [header, ...body] = recs;
        for (const r of body) expect(r.length).toBe(header!.length);
        const got = rowsFromColumns(res.data);
        expect(got.length).toBe(body.length);
        // Columns found as the README says: any alias, case, spaces, _-（）() ignored.
        const norm = (h: string) =>
          h
            .replace(/^\ufeff/, '')
            .replace(/[\s_\-（）()]/g, '')
            .toLowerCase();
        const col = (k: keyof typeof COLUMN_ALIASES) =>
          header!.findIndex((h) => COLUMN_ALIASES[k].some((a) => norm(a) === norm(h)));
        body.forEach((r, k) => {
          const g = got[k]!;
          const cell = (c: keyof typeof COLUMN_ALIASES) => (col(c) >= 0 ? r[col(c)]! : '');
          expect(g.period).toBe(normalizeMonth(cell('period')));
          expect(g.unit).toBe(fromCsvText(cell('unit')).trim());
          expect(g.item).toBe(cell('item').trim());
          // An empty actual is a row without data (null), as the README says; anything else must read as the number written.
          const a = fromCsvText(cell('actual'));
          expect(g.actual).toBe(a.trim() === '' ? null : parseNumber(a));
          const t = cell('target');
          expect(g.target).toBe(t.trim() === '' ? null : parseNumber(t));
          const n = fromCsvText(cell('note'));
          expect(g.note).toBe(n.trim() || undefined);
        });
      }),
      { numRuns: RUNS },
    );
    console.log(`mutations: ${cases} cases, ${accepted} accepted, ${(performance.now() - t0).toFixed(0)} ms`);
  });
});

describe('every cell kind is read in time linear in its length', () => {
  /** Time per import of a one-row file whose cell `column` holds `cell`, repeated for 30 ms. */
  const timePerImport = (column: number, cell: string) => {
    const cells = ['2023-06', 'ca', 'CO-GDP', '10', '100', ''];
    cells[column] = cell;
    const text = `期间,单位代码,事项代码,实际值,目标值,备注\n${cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')}\n`;
    let n = 0;
    const t0 = performance.now();
    // The text path (after decoding): the platform's TextDecoder is not ours to test, and its cost per
    // byte jumps with size for reasons of memory, not of algorithm.
    do {
      importText(text, 'utf-8', model, { file: FILE });
      n++;
    } while (performance.now() - t0 < 30);
    return (performance.now() - t0) / n;
  };
  // Pieces that made the old regular expressions backtrack (spaces after a period, long digit runs).
  const piece = fc.constantFrom(' ', '9', '1,', '2023-6 ', '年', '月', '.', 'e', '-', '\u3000', 'Ａ', 'x');
  it.each([
    ['period', 0],
    ['unit', 1],
    ['item', 2],
    ['actual', 3],
    ['target', 4],
    ['note', 5],
  ] as const)('%s: 8× the length costs far less than 64× the time (quadratic would)', (_k, column) => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 4 }), (pieces) => {
        const unit = pieces.join('');
        // 32,767 characters (the most an Excel cell holds) and 8 times that.
        const small = unit.repeat(Math.ceil(32767 / unit.length)).slice(0, 32767);
        const big = unit.repeat(Math.ceil(262136 / unit.length)).slice(0, 262136);
        // Interleaved, the smallest of three each: other processes on the machine slow both alike.
        let a = Infinity;
        let b = Infinity;
        for (let k = 0; k < 3; k++) {
          a = Math.min(a, timePerImport(column, small));
          b = Math.min(b, timePerImport(column, big));
        }
        // Linear is about 8× (less, with fixed costs); quadratic 64×, cubic 512×.
        expect(b / a).toBeLessThan(24);
      }),
      { numRuns: 4 },
    );
  });
});
