import { describe, expect, it } from 'vitest';
import { formatProblem, importCsv, problemsCsv, rowsFromColumns, standardSchema } from '../../src/engine/index.ts';
import type { DataRow, Problem } from '../../src/engine/index.ts';
import { miniModel } from './mini.ts';
import { gb18030 } from '../support/gb18030.ts';

const model = miniModel();
const FILE = '上报.csv';
const utf8 = (text: string) => new TextEncoder().encode(text);
const HEAD = '期间,单位代码,事项代码,实际值,目标值\n';

describe('importCsv rejects bad files with row-level problems and returns no data', () => {
  it.each<{ what: string; csv: string; problems: Partial<Problem>[] }>([
    {
      what: 'an unknown unit',
      csv: `${HEAD}2023-06,zz,CO-GDP,10,100\n`,
      problems: [{ row: 2, field: '单位代码', found: 'zz' }],
    },
    {
      what: 'an unknown item',
      csv: `${HEAD}2023-06,ca,CO-XXX,10,100\n`,
      problems: [{ row: 2, field: '事项代码', found: 'CO-XXX' }],
    },
    {
      what: 'an item not on the unit’s list (CO-KEY is 甲县’s only)',
      csv: `${HEAD}2023-06,cb,CO-KEY,1,\n`,
      problems: [{ row: 2, field: '事项代码', found: 'CO-KEY' }],
    },
    {
      what: 'a non-numeric actual',
      csv: `${HEAD}2023-06,ca,CO-GDP,abc,100\n`,
      problems: [{ row: 2, field: '实际值', found: 'abc' }],
    },
    {
      what: 'a non-numeric target',
      csv: `${HEAD}2023-06,ca,CO-GDP,10,n/a\n`,
      problems: [{ row: 2, field: '目标值', found: 'n/a' }],
    },
    {
      what: 'a completion item without a target',
      csv: `${HEAD}2023-06,ca,CO-GDP,10,\n`,
      problems: [{ row: 2, field: '目标值', found: '' }],
    },
    {
      what: 'a letter grade that the item does not define',
      csv: `${HEAD}2023-06,ca,CO-GRADE,E,\n`,
      problems: [{ row: 2, field: '实际值', found: 'E' }],
    },
    {
      what: 'a negative bonus',
      csv: `${HEAD}2023-06,ca,BONUS-A,-1,\n`,
      problems: [{ row: 2, field: '实际值', found: '-1' }],
    },
    {
      what: 'a duplicate row (the problem names the first)',
      csv: `${HEAD}2023-06,ca,CO-AIR,35,\n2023-06,ca,CO-AIR,36,\n`,
      problems: [
        { row: 3, field: '事项代码', found: 'CO-AIR', expected: '每个期间、单位、事项只有一行（与第 2 行重复）' },
      ],
    },
    {
      what: 'missing columns in the header',
      csv: '期间,单位代码,实际值\n2023-06,ca,10\n',
      problems: [{ row: 1, field: '表头', found: '期间,单位代码,实际值' }],
    },
    {
      what: 'a period outside the scheme',
      csv: `${HEAD}2021-05,ca,CO-AIR,35,\n`,
      problems: [{ row: 2, field: '期间', found: '2021-05' }],
    },
    {
      what: 'a month that does not exist',
      csv: `${HEAD}2023-13,ca,CO-AIR,35,\n`,
      problems: [{ row: 2, field: '期间', found: '2023-13' }],
    },
    {
      what: 'period text that is not a month',
      csv: `${HEAD}六月,ca,CO-AIR,35,\n`,
      problems: [{ row: 2, field: '期间', found: '六月' }],
    },
    { what: 'an empty file', csv: '', problems: [{ row: undefined, field: undefined }] },
    { what: 'a header and no rows', csv: HEAD, problems: [{ row: undefined, expected: '至少一行数据' }] },
    {
      what: 'one bad row among good ones (row numbers count blank lines)',
      csv: `${HEAD}2023-06,ca,CO-AIR,35,\n\n2023-06,cb,CO-AIR,x,\n2023-06,cc,CO-AIR,40,\n`,
      problems: [{ row: 4, field: '实际值', found: 'x' }],
    },
    // A row cut short before a required column is a problem, not "no data".
    {
      what: 'a row missing its last columns',
      csv: `${HEAD}2023-06,ca,CO-AIR\n`,
      problems: [{ row: 2, field: '列数' }],
    },
    // Two columns with the same meaning would silently drop one of them.
    {
      what: 'two header columns with the same meaning',
      csv: '期间,单位代码,事项代码,实际值,实际,目标值\n2023-06,ca,CO-AIR,35,36,\n',
      problems: [{ row: 1, field: '表头', found: '实际值 与 实际' }],
    },
    // Number forms JavaScript reads but people do not write.
    {
      what: 'a hexadecimal or binary number',
      csv: `${HEAD}2023-06,ca,CO-AIR,0x1A,\n2023-06,cb,CO-AIR,0b11,\n`,
      problems: [
        { row: 2, field: '实际值', found: '0x1A' },
        { row: 3, field: '实际值', found: '0b11' },
      ],
    },
    {
      what: 'a number too large to be finite',
      csv: `${HEAD}2023-06,ca,CO-AIR,1e400,\n`,
      problems: [{ row: 2, field: '实际值', found: '1e400' }],
    },
    {
      what: 'every bad row at once',
      csv: `${HEAD}2023-06,zz,CO-AIR,35,\n2023-06,ca,CO-AIR,35,\n2021-05,cb,CO-AIR,y,\n`,
      problems: [
        { row: 2, field: '单位代码' },
        { row: 4, field: '期间' },
        { row: 4, field: '实际值' },
      ],
    },
  ])('$what', ({ csv, problems }) => {
    const res = importCsv(utf8(csv), model, { file: FILE });
    expect(res.ok).toBe(false);
    expect('data' in res).toBe(false);
    expect(res.problems).toHaveLength(problems.length);
    problems.forEach((p, i) => {
      const got = res.problems[i]!;
      expect(got.file).toBe(FILE);
      expect(got.expected).not.toBe('');
      for (const [k, v] of Object.entries(p)) expect(got[k as keyof Problem], k).toEqual(v);
    });
  });
});

const row = (
  period: string,
  unit: string,
  item: string,
  actual: DataRow['actual'],
  target: number | null,
  note?: string,
): DataRow => ({ period, unit, item, actual, target, note });

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >> 8;
  }
  return out;
}

describe('import problems name the item a row is about', () => {
  const nameOf = (code: string) => model.itemByCode.get(code)?.item.name ?? model.adjustmentByCode.get(code)!.name;
  it('by code and name, beside the row and field, in the message and the problem list', () => {
    const res = importCsv(
      utf8(`${HEAD}2023-06,ca,CO-GDP,abc,100\n2023-06,ca,BONUS-A,-1,\n2023-06,cb,CO-KEY,1,\n`),
      model,
      { file: FILE },
    );
    expect(res.problems.map((p) => p.item)).toEqual([
      `CO-GDP ${nameOf('CO-GDP')}`,
      `BONUS-A ${nameOf('BONUS-A')}`,
      `CO-KEY ${nameOf('CO-KEY')}`,
    ]);
    expect(formatProblem(res.problems[0]!)).toBe(
      `${FILE}:2: 实际值（事项 CO-GDP ${nameOf('CO-GDP')}） — 发现 “abc”，应为 数字（可带千分位、百分号或全角数字）`,
    );
    expect(problemsCsv(res.problems).split('\r\n')[1]).toContain(`CO-GDP ${nameOf('CO-GDP')}`);
  });

  it('and an unknown code, which has no name, says to use the template’s codes', () => {
    const res = importCsv(utf8(`${HEAD}2023-06,ca,CO-XXX,10,100\n`), model, { file: FILE });
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0]!.item).toBeUndefined();
    expect(res.problems[0]!.expected).toContain('模板中的事项代码');
  });
});

describe('importCsv reads what people save from Excel', () => {
  const one = [row('2023-06', 'ca', 'CO-GDP', 55, 100)];
  it.each<{ what: string; bytes: Uint8Array; encoding: string; rows: DataRow[] }>([
    {
      what: 'UTF-8 with a byte-order mark',
      bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(`${HEAD}2023-06,ca,CO-GDP,55,100\n`)]),
      encoding: 'utf-8-bom',
      rows: one,
    },
    { what: 'plain UTF-8', bytes: utf8(`${HEAD}2023-06,ca,CO-GDP,55,100\n`), encoding: 'utf-8', rows: one },
    {
      what: 'GB18030 from Excel on Chinese Windows, unit by name',
      bytes: gb18030('期间,单位,事项代码,实际值,目标值,备注\n2023-06,甲县,CO-GDP,55,100,已核实\n'),
      encoding: 'gb18030',
      rows: [row('2023-06', 'ca', 'CO-GDP', 55, 100, '已核实')],
    },
    {
      what: 'CRLF line ends',
      bytes: utf8(`${HEAD}2023-06,ca,CO-GDP,55,100\r\n2023-06,ca,CO-AIR,35,\r\n`.replace(/(?<!\r)\n/g, '\r\n')),
      encoding: 'utf-8',
      rows: [...one, row('2023-06', 'ca', 'CO-AIR', 35, null)],
    },
    {
      what: 'blank lines between and after rows',
      bytes: utf8(`\n${HEAD}\n2023-06,ca,CO-GDP,55,100\n\n,,,,\n\n`),
      encoding: 'utf-8',
      rows: one,
    },
    {
      what: 'quoted fields with commas and thousands separators',
      bytes: utf8('期间,单位代码,事项代码,实际值,目标值,备注\n2023-06,ca,CO-GDP,"1,234.5","2,000","含逗号,的备注"\n'),
      encoding: 'utf-8',
      rows: [row('2023-06', 'ca', 'CO-GDP', 1234.5, 2000, '含逗号,的备注')],
    },
    {
      what: 'full-width digits',
      bytes: utf8(`${HEAD}２０２３-０６,ca,CO-GDP,１２３,１００\n`),
      encoding: 'utf-8',
      rows: [row('2023-06', 'ca', 'CO-GDP', 123, 100)],
    },
    {
      what: 'English headers in another order',
      bytes: utf8('unit,item,period,target,actual\nca,CO-GDP,2023-06,100,55\n'),
      encoding: 'utf-8',
      rows: one,
    },
    {
      what: 'other Chinese header words and a unit name',
      bytes: utf8('月份,被考核单位,指标代码,完成值,年度目标\n2023年6月,甲县,CO-GDP,55,100\n'),
      encoding: 'utf-8',
      rows: one,
    },
    {
      what: 'letter grades, done words and events',
      bytes: utf8(`${HEAD}2023/6,ca,CO-GRADE,b,\n2023-06,ca,CO-KEY,是,\n2023-06,ca,BONUS-A,1.5,\n`),
      encoding: 'utf-8',
      rows: [
        row('2023-06', 'ca', 'CO-GRADE', 'B', null),
        row('2023-06', 'ca', 'CO-KEY', 1, null),
        row('2023-06', 'ca', 'BONUS-A', 1.5, null),
      ],
    },
    // UTF-16 without a byte-order mark (some exports): the zero bytes give it away.
    {
      what: 'UTF-16LE without a byte-order mark',
      bytes: utf16le(`${HEAD}2023-06,ca,CO-GDP,55,100\n`),
      encoding: 'utf-16le',
      rows: one,
    },
    {
      what: 'a period written as a full date in Chinese',
      bytes: utf8(`${HEAD}2023年06月30日,ca,CO-GDP,55,100\n`),
      encoding: 'utf-8',
      rows: one,
    },
    {
      what: 'history-year rows (2022-12)',
      bytes: utf8(`${HEAD}2022-12,cd,CO-AIR,48,\n`),
      encoding: 'utf-8',
      rows: [row('2022-12', 'cd', 'CO-AIR', 48, null)],
    },
  ])('$what', ({ bytes, encoding, rows }) => {
    const res = importCsv(bytes, model, { file: FILE });
    expect(res.problems).toEqual([]);
    if (!res.ok) return;
    expect(res.encoding).toBe(encoding);
    expect(rowsFromColumns(res.data)).toEqual(rows);
  });

  it('a percent sign, read in percentage points, on an item measured in % (elsewhere it is a problem: see ranges.test.ts)', () => {
    const pct = miniModel((b) => {
      b.tiers.find((t) => t.id === 'county')!.items.find((i) => i.code === 'CO-GDP')!.measure = '%';
    });
    const res = importCsv(utf8(`${HEAD}2023-06,ca,CO-GDP,85%,100%\n`), pct, { file: FILE });
    expect(res.problems).toEqual([]);
    if (res.ok) expect(rowsFromColumns(res.data)).toEqual([row('2023-06', 'ca', 'CO-GDP', 85, 100)]);
  });

  it.each([
    { what: 'an .xlsx workbook', bytes: [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], found: 'Excel 工作簿（.xlsx）' },
    { what: 'an .xls workbook', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1], found: 'Excel 97-2003 工作簿（.xls）' },
  ])('$what dropped instead of a CSV is one problem that says to save as CSV', ({ bytes, found }) => {
    const res = importCsv(new Uint8Array(bytes), model, { file: FILE });
    expect(res.ok).toBe(false);
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0]!.found).toBe(found);
    expect(res.problems[0]!.expected).toContain('另存为');
  });

  it('the GB18030 test bytes are not valid UTF-8 (so detection is really exercised)', () => {
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb18030('甲县'))).toThrow();
  });

  it('another unit’s whole file is one problem naming the unit and how many rows it has, not one per row', () => {
    const res = importCsv(
      utf8(`${HEAD}2023-06,cb,CO-AIR,30,\n2023-06,cb,CO-GDP,50,100\n2023-06,cb,CO-GRADE,A,\n`),
      model,
      { file: FILE, onlyUnit: 'ca' },
    );
    expect(res.problems.map((p) => [p.row, p.field, p.found])).toEqual([[2, '单位代码', 'cb']]);
    expect(res.problems[0]!.expected).toContain('共 3 行');
  });

  it('self-check accepts only the unit’s own rows', () => {
    const res = importCsv(utf8(`${HEAD}2023-06,ca,CO-AIR,35,\n2023-06,cb,CO-AIR,30,\n`), model, {
      file: FILE,
      onlyUnit: 'ca',
    });
    expect(res.problems.map((p) => [p.row, p.field, p.found])).toEqual([[3, '单位代码', 'cb']]);
  });
});

describe('items measured on completion need a target, whatever their standard', () => {
  it.each([
    { kind: 'completion', standard: { kind: 'completion' } },
    {
      kind: 'bands',
      standard: {
        kind: 'bands',
        on: 'completion',
        bands: [
          { min: 1, fraction: 1 },
          { min: 0, fraction: 0.5 },
        ],
      },
    },
    {
      kind: 'threshold-deduction',
      standard: { kind: 'threshold-deduction', on: 'completion', threshold: 0.8, step: 0.01, points: 0.1 },
    },
    {
      kind: 'percentile-bands',
      standard: { kind: 'percentile-bands', on: 'completion', bands: [{ topShare: 1, fraction: 1 }] },
    },
  ])('$kind on completion without a target is a problem in 目标值', ({ standard }) => {
    const m = miniModel((b) => {
      b.tiers[0]!.items[0]!.standard = standardSchema.parse(standard);
    });
    const res = importCsv(utf8(`${HEAD}2023-06,ca,CO-GDP,55,\n`), m, { file: FILE });
    expect(res.problems.map((p) => [p.row, p.field])).toEqual([[2, '目标值']]);
  });
});
