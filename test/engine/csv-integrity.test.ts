/**
 * Data integrity of the CSV import, by example (issue #7): no row silently lost or shifted, cells read
 * in linear time with length limits, and messages that name the real cause.
 */
import { describe, expect, it } from 'vitest';
import { importCsv, rowsFromColumns } from '../../src/engine/index.ts';
import { decodeBytes } from '../../src/engine/csv/decode.ts';
import { readCsvTable } from '../../src/engine/csv/parse.ts';
import { normalizeMonth, parseNumber, scanNumber } from '../../src/engine/csv/numbers.ts';
import { miniModel } from './mini.ts';
import { gb18030 } from '../support/gb18030.ts';

const model = miniModel();
const FILE = '上报.csv';
const utf8 = (text: string) => new TextEncoder().encode(text);
const HEAD = '期间,单位代码,事项代码,实际值,目标值,备注';
const imp = (text: string | Uint8Array) =>
  importCsv(typeof text === 'string' ? utf8(text) : text, model, { file: FILE });
const rows = (text: string) => {
  const r = imp(text);
  expect(r.problems).toEqual([]);
  return r.ok ? rowsFromColumns(r.data) : [];
};

describe('line ends: every row is read, whatever mix of CRLF, LF and CR', () => {
  it('a row ending in a bare LF inside a CRLF file does not swallow the next row', () => {
    const got = rows(
      `${HEAD}\r\n2023-06,ca,CO-GDP,55,100,甲\n2023-06,cb,CO-GDP,60,100,乙\r\n2023-06,cc,CO-GDP,70,100,丙\r\n`,
    );
    expect(got.map((r) => [r.unit, r.note])).toEqual([
      ['ca', '甲'],
      ['cb', '乙'],
      ['cc', '丙'],
    ]);
  });
  it('rows appended with LF to a CRLF template without a final line break are all kept', () => {
    const template = `${HEAD}\r\n2023-06,ca,CO-GDP,55,100,`; // as the template is downloaded: no final line break
    const got = rows(`${template}\n2023-06,cb,CO-GDP,60,100,\n2023-06,cc,CO-GDP,70,100,\n`);
    expect(got.map((r) => r.unit)).toEqual(['ca', 'cb', 'cc']);
  });
  it('a bare CR ends a row (old Mac files), and a stray byte between CR and LF is a row of its own, reported', () => {
    expect(rows(`${HEAD}\r2023-06,ca,CO-GDP,55,100,\r2023-06,cb,CO-GDP,60,100,\r`).map((r) => r.unit)).toEqual([
      'ca',
      'cb',
    ]);
    const r = imp(`${HEAD}\r\n2023-06,ca,CO-GDP,55,100,甲\rx\n2023-06,cb,CO-GDP,60,100,乙\r\n`);
    expect(r.ok).toBe(false);
    expect(r.problems).toMatchObject([{ row: 3, field: '列数', found: 'x' }]);
  });
  it('line breaks inside a quoted note stay in the note, and the row numbers after it count spreadsheet rows', () => {
    const r = imp(`${HEAD}\n2023-06,ca,CO-GDP,55,100,"第一行\r\n第二行"\n2023-06,cb,CO-GDP,x,100,\n`);
    expect(r.problems).toMatchObject([{ row: 3, field: '实际值', found: 'x' }]);
    expect(rows(`${HEAD}\n2023-06,ca,CO-GDP,55,100,"第一行\n第二行"\n`)[0]!.note).toBe('第一行\n第二行');
  });
});

describe('columns: a row must have exactly the header’s cells', () => {
  it('an unquoted 4,24 in 实际值 is a row wider than the header, naming the extra cell, not actual 4 and target 24', () => {
    const r = imp(`${HEAD}\n2023-06,ca,CO-GDP,4,24,100,\n`);
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ row: 2, field: '列数' });
    expect(r.problems[0]!.expected).toContain('多出 1 列');
    expect(r.problems[0]!.expected).toContain('"4,24"');
  });
  it('a row narrower than the header names the missing columns', () => {
    const r = imp(`${HEAD}\n2023-06,ca,CO-GDP,55,100\n`);
    expect(r.problems).toMatchObject([{ row: 2, field: '列数' }]);
    expect(r.problems[0]!.expected).toContain('缺少 备注');
  });
  it('Excel’s sep= first line is understood (and not counted as a row)', () => {
    expect(rows(`sep=;\r\n${HEAD.replace(/,/g, ';')}\r\n2023-06;ca;CO-GDP;15;100;\r\n`)).toEqual([
      { period: '2023-06', unit: 'ca', item: 'CO-GDP', actual: 15, target: 100, note: undefined },
    ]);
    const r = imp(`sep=,\n${HEAD}\n2023-06,ca,CO-GDP,x,100,\n`);
    expect(r.problems).toMatchObject([{ row: 2, field: '实际值' }]);
  });
  it('a semicolon- or tab-separated file (European Excel, a paste from a sheet) is read by its header', () => {
    expect(rows(`${HEAD.replace(/,/g, ';')}\n2023-06;ca;CO-GDP;55;100;\n`)).toHaveLength(1);
    expect(rows(`${HEAD.replace(/,/g, '\t')}\n2023-06\tca\tCO-GDP\t55\t100\t备注, 含逗号\n`)[0]!.note).toBe(
      '备注, 含逗号',
    );
  });
  it('an unclosed quote is a problem at the row where it opens, not a note that swallows the rest of the file', () => {
    const r = imp(`${HEAD}\n2023-06,ca,CO-GDP,55,100,"未闭合\n2023-06,cb,CO-GDP,60,100,\n`);
    expect(r.ok).toBe(false);
    expect(r.problems).toMatchObject([{ row: 2, field: '备注' }]);
    expect(r.problems[0]!.expected).toContain('结束引号');
  });
  it('text after a closing quote is a problem', () => {
    const r = imp(`${HEAD}\n2023-06,ca,CO-GDP,"55"5,100,\n2023-06,cb,CO-GDP,60,100,\n`);
    expect(r.problems).toMatchObject([{ row: 2, field: '实际值' }]);
  });
  it('the content tables use the same reader (a wide row in units.csv is a problem)', () => {
    const t = readCsvTable('id,name\r\na,甲\nb,乙,丙\r');
    expect(t.rows.map((x) => x.row)).toEqual([2]);
    expect(t.problems).toMatchObject([{ kind: 'wide', row: 3 }]);
  });
});

describe('cells: linear scanners, length limits, spaces', () => {
  it('a period with thousands of trailing spaces, or a 16,000-digit number, is rejected as too long at once', () => {
    const t0 = performance.now();
    const r = imp(`${HEAD}\n${'2023-6' + ' '.repeat(5000)},ca,CO-GDP,${'9'.repeat(16000)},100,\n`);
    expect(performance.now() - t0).toBeLessThan(5000); // seconds to minutes before; milliseconds now
    expect(r.problems).toMatchObject([
      { row: 2, field: '期间' },
      { row: 2, field: '实际值' },
    ]);
    expect(r.problems[0]!.expected).toContain('不超过 200 个字符');
    expect(r.problems[1]!.found).toContain('共 16000 个字符');
  });
  it('a note may be 2,000 characters, not more', () => {
    expect(imp(`${HEAD}\n2023-06,ca,CO-GDP,55,100,${'注'.repeat(2000)}\n`).ok).toBe(true);
    expect(imp(`${HEAD}\n2023-06,ca,CO-GDP,55,100,${'注'.repeat(2001)}\n`).problems).toMatchObject([
      { row: 2, field: '备注' },
    ]);
  });
  it('spaces inside a number are a problem (1 2 is not 12), spaces around it are not', () => {
    const r = imp(`${HEAD}\n2023-06,ca,CO-GDP,1 2,100,\n2023-06,cb,CO-GDP,55,4 24,\n2023-06,cc,CO-GDP, 55 ,100,\n`);
    expect(r.problems).toMatchObject([
      { row: 2, field: '实际值', found: '1 2' },
      { row: 3, field: '目标值', found: '4 24' },
    ]);
    expect(r.problems[0]!.expected).toContain('中间不能有空格');
    expect(scanNumber('1 2')).toEqual({ value: NaN, fault: 'inner-space' });
  });
  it('the number scanner reads what the README promises and nothing else', () => {
    const cases: [string, number][] = [
      ['1,234.5', 1234.5],
      ['１２３', 123],
      ['85%', 85],
      ['-3.5', -3.5],
      ['+2', 2],
      ['1e5', 1e5],
      ['.5', 0.5],
      ['1.', 1],
      ['１，２３４．５', 1234.5],
      ['\u300012\u3000', 12],
    ];
    for (const [s, v] of cases) expect(parseNumber(s), s).toBe(v);
    for (const s of ['1,23', '12,345,67', '0x1A', '1e', '--1', '1.2.3', '%', '1%%', ',123', 'Infinity', '1_000'])
      expect(parseNumber(s), s).toBeNaN();
  });
  it('the period scanner reads the README’s forms', () => {
    const cases: [string, string | undefined][] = [
      ['2023-06', '2023-06'],
      ['2023/6', '2023-06'],
      ['2023年6月', '2023-06'],
      ['202306', '2023-06'],
      ['2023 - 6', '2023-06'],
      ['2023年06月30日', '2023-06'],
      ['2023-06-30', '2023-06'],
      ['２０２３-０６', '2023-06'],
      ['2023-13', undefined],
      ['2023-06-32', undefined],
      ['20236', undefined],
      ['2023-006', undefined],
      ['六月', undefined],
      ['2023-6x', undefined],
    ];
    for (const [s, v] of cases) expect(normalizeMonth(s), s).toBe(v);
  });
});

describe('messages that name the real cause', () => {
  it('one GBK cell in a UTF-8 file is reported at its row and column, not as a garbled header', () => {
    const bytes = new Uint8Array([
      ...utf8(`${HEAD}\n2023-06,ca,CO-GDP,55,100,已核实\n2023-06,cb,CO-GDP,60,100,`),
      ...gb18030('乙县备注'),
      ...utf8('\n'),
    ]);
    expect(decodeBytes(bytes)).toMatchObject({ encoding: 'utf-8', invalidBytes: true });
    const r = imp(bytes);
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ row: 3, field: '备注' });
    expect(r.problems[0]!.expected).toContain('GBK');
  });
  it('a whole GB18030 file is still read as GB18030', () => {
    expect(imp(gb18030(`${HEAD}\n2023-06,甲县,CO-GDP,55,100,已核实\n`)).ok).toBe(true);
  });
  it('invalid bytes in a UTF-8 file with a byte-order mark are reported, not turned into � silently', () => {
    const r = imp(
      new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(`${HEAD}\n2023-06,ca,CO-GDP,55,100,`), 0xff, 0xfe, ...utf8('\n')]),
    );
    expect(r.problems).toMatchObject([{ row: 2, field: '备注' }]);
  });
  it('codes with full-width or zero-width characters or the wrong case get a “did you mean”', () => {
    const r = imp(
      `${HEAD}\n2023-06,CA,CO-GDP,55,100,\n2023-06,cb,ＣＯ－ＧＤＰ,55,100,\n2023-06,cc,CO-\u200bGDP,55,100,\n`,
    );
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [2, '单位代码'],
      [3, '事项代码'],
      [4, '事项代码'],
    ]);
    expect(r.problems[0]!.expected).toContain('是否应为 ca？');
    expect(r.problems[0]!.expected).toContain('大小写不同');
    expect(r.problems[1]!.expected).toContain('是否应为 CO-GDP？');
    expect(r.problems[1]!.expected).toContain('全角');
    expect(r.problems[2]!.expected).toContain('零宽');
  });
  it('periods that Excel turned into dates are explained once, with the rows grouped', () => {
    const body = ['Jul-23', 'Jul-23', 'Jul-23', '2023-07', '45108']
      .map((p, k) => `${p},${['ca', 'cb', 'cc', 'cd', 'ca'][k]},CO-AIR,35,,`)
      .join('\n');
    const r = imp(`${HEAD}\n${body}\n`);
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problemCount).toBe(1);
    expect(r.problems[0]).toMatchObject({ row: 2, field: '期间', found: 'Jul-23' });
    expect(r.problems[0]!.expected).toContain('共 4 行（第 2–4 行、第 6 行）');
    expect(r.problems[0]!.expected).toContain('文本');
  });
});
