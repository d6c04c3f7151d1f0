import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  createScorer,
  columnsFromRows,
  dataToCsv,
  fromCsvText,
  importCsv,
  indexData,
  neutraliseFormula,
  problemsCsv,
  resultsToCsv,
  rowsFromColumns,
  templateCsv,
  toCsv,
  unitResultToCsv,
} from '../../src/engine/index.ts';
import type { ContentBundle, DataRow } from '../../src/engine/index.ts';
import { countyYear, miniModel, unitOf } from './mini.ts';

const PAYLOADS = [
  '=HYPERLINK("http://example.com/x","点击查看")',
  "=cmd|' /C calc'!A0",
  '+1+2',
  '-2+3+cmd|x!A0',
  '@SUM(A1:A9)',
  '-甲',
  '\t=1',
  '\r=1',
];
/** Text that must come back unchanged, including the neutralising apostrophe itself. */
const TRICKY = [
  ...PAYLOADS,
  "'=1",
  "''",
  "'",
  "'abc",
  "''=x",
  '-',
  '--',
  '=',
  '普通文本',
  '',
  '-3.5',
  '+7',
  '1e5',
  ' =1',
];

const utf8 = (s: string) => new TextEncoder().encode(s);
/** The cells of a CSV as any CSV reader sees them (quotes undone, nothing else). */
const cellsOf = (csv: string): string[][] =>
  Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
/** A cell a spreadsheet would run: starts like a formula and is not a plain number. */
const runnable = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell);

describe('neutraliseFormula and fromCsvText', () => {
  it.each(PAYLOADS)('%j is written with a leading apostrophe, so a spreadsheet shows it as text', (s) => {
    expect(neutraliseFormula(s)).toBe(`'${s}`);
  });
  it.each(['-3.5', '-0', '+12', '-1e-3', '.5', '-.5'])(
    'the number %j stays as written (a negative value is data)',
    (s) => {
      expect(neutraliseFormula(s)).toBe(s);
    },
  );
  it.each(TRICKY)('%j reads back exactly', (s) => {
    expect(fromCsvText(neutraliseFormula(s))).toBe(s);
    expect(runnable(neutraliseFormula(s))).toBe(false);
  });
  it('papaparse’s escapeFormulae would have turned negative numbers written as text into text', () => {
    // Why kaohe has its own: ranking CSVs carry fixed-decimal strings such as "-3.00".
    expect(Papa.unparse([['-3.00']], { escapeFormulae: true })).toBe(`"'-3.00"`);
    expect(toCsv(['x'], [['-3.00'], [-3]], { bom: false })).toBe('x\r\n-3.00\r\n-3');
  });
});

/** The mini scheme with every name a payload: unit, item, grade and consequence labels, adjustment names. */
function hostileModel() {
  let n = 0;
  const next = () => PAYLOADS[n++ % PAYLOADS.length]!;
  return miniModel((b: ContentBundle) => {
    for (const u of b.units) u.name = `${next()}${u.id}`;
    for (const t of b.tiers) for (const i of t.items) i.name = `${next()}${i.code}`;
    for (const a of b.scheme.adjustments) a.name = `${next()}${a.code}`;
    for (const g of Object.values(b.scheme.grades)) for (const band of g.bands) band.label = `${next()}${band.id}`;
  });
}

describe('every CSV kaohe writes neutralises every text cell and reads back exactly', () => {
  const model = hostileModel();
  const rows: DataRow[] = countyYear('2023-06', { ca: 80, cb: 60, cc: 40, cd: 20 }).map((r, i) => ({
    ...r,
    note: TRICKY[i % TRICKY.length] || undefined,
  }));
  const data = columnsFromRows(rows);
  const result = createScorer(model, data).scoreTier('county', '2023-06');
  const names = new Set<string>([
    ...model.units.map((u) => u.name),
    ...[...model.itemByCode.values()].map((x) => x.item.name),
    ...model.scheme.adjustments.map((a) => a.name),
    ...Object.values(model.scheme.grades).flatMap((g) => g.bands.map((b) => b.label)),
  ]);
  const outputs: [string, string][] = [
    ['period data (site downloads, kaohe data)', dataToCsv(data, model)],
    ['a ranking (site downloads, kaohe score --format csv, self-check)', resultsToCsv(result)],
    ['one unit’s result (self-check export)', unitResultToCsv(unitOf(result, 'ca'))],
    ['a template', templateCsv(model, 'ca', '2023-06', indexData(data))],
    [
      'a problem list (self-check)',
      problemsCsv(PAYLOADS.map((p, i) => ({ file: `${p}.csv`, row: i + 2, field: p, found: p, expected: p }))),
    ],
  ];

  it.each(outputs)('%s: no cell would run as a formula, and every name and payload reads back', (_, csv) => {
    expect(csv.startsWith('\ufeff')).toBe(true);
    const cells = cellsOf(csv).flat();
    expect(cells.filter(runnable)).toEqual([]);
    const back = new Set(cells.map(fromCsvText));
    const expected = [...names, ...PAYLOADS].filter((s) => csv.includes(s.replace(/"/g, '""')));
    expect(expected.length).toBeGreaterThan(0);
    for (const s of expected) expect(back.has(s) || [...back].some((c) => c.startsWith(s)), s).toBe(true);
  });

  it('period data → CSV → kaohe’s importer gives back every note exactly (trimmed as any note is)', () => {
    const res = importCsv(utf8(dataToCsv(data, model)), model, { file: 'all.csv' });
    expect(res.problems).toEqual([]);
    if (!res.ok) return;
    const want = rows.map((r) => ({ ...r, note: r.note?.trim() || undefined }));
    expect(rowsFromColumns(res.data)).toEqual(want);
  });

  it('a negative actual and target survive as numbers', () => {
    const neg = columnsFromRows([
      { period: '2023-06', unit: 'ca', item: 'CO-AIR', actual: -3.5, target: -100, note: '-1' },
    ]);
    const csv = dataToCsv(neg, model);
    expect(cellsOf(csv)[1]!.slice(5)).toEqual(['-3.5', '-100', '-1']);
    const res = importCsv(utf8(csv), model, { file: 'neg.csv' });
    expect(res.ok && rowsFromColumns(res.data)).toEqual([
      { period: '2023-06', unit: 'ca', item: 'CO-AIR', actual: -3.5, target: -100, note: '-1' },
    ]);
  });
});

describe('the importer and formulas', () => {
  const model = miniModel();
  const HEAD = '期间,单位代码,事项代码,实际值,目标值,备注\n';
  it.each([
    { what: 'an actual', csv: `${HEAD}2023-06,ca,CO-GDP,=SUM(A1:A3),100,\n`, field: '实际值', found: '=SUM(A1:A3)' },
    { what: 'a target', csv: `${HEAD}2023-06,ca,CO-GDP,55,+B2*2,\n`, field: '目标值', found: '+B2*2' },
    { what: 'a done item', csv: `${HEAD}2023-06,ca,CO-KEY,=IF(A1;1;0),,\n`, field: '实际值', found: '=IF(A1;1;0)' },
  ])(
    'a formula in $what is named as an Excel formula to paste as a value, not “not a number”',
    ({ csv, field, found }) => {
      const res = importCsv(utf8(csv), model, { file: 'f.csv' });
      expect(res.ok).toBe(false);
      expect(res.problems).toMatchObject([{ row: 2, field, found }]);
      expect(res.problems[0]!.expected).toContain('Excel 公式');
      expect(res.problems[0]!.expected).toContain('选择性粘贴');
    },
  );
  it('text that is merely not a number keeps the ordinary message', () => {
    const res = importCsv(utf8(`${HEAD}2023-06,ca,CO-GDP,-,100,\n`), model, { file: 'f.csv' });
    expect(res.problems[0]!.expected).not.toContain('公式');
  });
  it('a neutralised note from another tool (papaparse’s escapeFormulae) reads back to its text', () => {
    const csv = Papa.unparse(
      [
        ['期间', '单位代码', '事项代码', '实际值', '目标值', '备注'],
        ['2023-06', 'ca', 'CO-GDP', 55, 100, '=1+1'],
      ],
      { escapeFormulae: true },
    );
    const res = importCsv(utf8(csv), model, { file: 'f.csv' });
    expect(res.ok && rowsFromColumns(res.data)[0]!.note).toBe('=1+1');
  });
});
