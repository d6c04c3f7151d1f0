/**
 * Value ranges (a value outside is a problem; the file is rejected) and plausible bounds (a value
 * outside is a warning listed beside the accepted result), issue #7.
 */
import { describe, expect, it } from 'vitest';
import { importCsv, rowsFromColumns } from '../../src/engine/index.ts';
import { actualRange, targetRange } from '../../src/engine/ranges.ts';
import { formatProblem } from '../../src/engine/problem.ts';
import { miniModel } from './mini.ts';

const FILE = '上报.csv';
const HEAD = '期间,单位代码,事项代码,实际值,目标值,备注';
const utf8 = (text: string) => new TextEncoder().encode(text);
const model = miniModel();
const imp = (body: string, m = model) => importCsv(utf8(`${HEAD}\n${body}\n`), m, { file: FILE });

describe('values that make no sense for the item are problems (defaults from the standard and measure)', () => {
  it.each([
    ['an annual target of 0 on a completion item', '2023-06,ca,CO-GDP,55,0,', '目标值'],
    ['a negative annual target on a completion item', '2023-06,ca,CO-GDP,55,-100,', '目标值'],
    ['50% on a done item', '2023-06,ca,CO-KEY,50%,,', '实际值'],
    ['2 on a done item', '2023-06,ca,CO-KEY,2,,', '实际值'],
    ['-1 on a done item', '2023-06,ca,CO-KEY,-1,,', '实际值'],
    ['a negative count on a deduction item', '2023-06,ta,TO-SAFE,-1,,', '实际值'],
    ['a fractional count on a deduction item', '2023-06,ta,TO-SAFE,1.5,,', '实际值'],
    ['85% on an item measured in 亿元', '2023-06,ca,CO-GDP,85%,100,', '实际值'],
    ['a percent target on an item measured in 亿元', '2023-06,ca,CO-GDP,85,100%,', '目标值'],
  ])('%s', (_what, row, field) => {
    const r = imp(row);
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ row: 2, field });
    expect(r.problems[0]!.severity).toBeUndefined();
  });
  it('what stays allowed: done 1/0/是/否 and a partial 0.5, whole counts, a positive target', () => {
    const r = imp(
      [
        '2023-06,ca,CO-KEY,0.5,,',
        '2023-06,ta,TO-SAFE,2,,',
        '2023-06,tb,TO-SAFE,0,,',
        '2023-06,cb,CO-GDP,55,100,',
        '2023-12,ca,CO-KEY,是,,',
      ].join('\n'),
    );
    expect(r.problems).toEqual([]);
  });
  it('a veto row takes 是/否 as one event or none', () => {
    const r = imp('2023-06,ca,VETO-A,是,,\n2023-06,cb,VETO-A,否,,');
    expect(r.problems).toEqual([]);
    if (r.ok) expect(rowsFromColumns(r.data).map((x) => x.actual)).toEqual([1, 0]);
  });
  it('an item’s content range narrows the default (whole numbers within 0–200 here)', () => {
    const m = miniModel((b) => {
      b.tiers.find((t) => t.id === 'county')!.items.find((i) => i.code === 'CO-AIR')!.range = {
        min: 0,
        max: 200,
        integer: true,
      };
    });
    expect(imp('2023-06,ca,CO-AIR,35,,', m).ok).toBe(true);
    const r = imp('2023-06,ca,CO-AIR,35.5,,\n2023-06,cb,CO-AIR,201,,', m);
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [2, '实际值'],
      [3, '实际值'],
    ]);
    expect(r.problems[0]!.expected).toContain('整数');
  });
  it('the defaults follow from the standard', () => {
    const item = (code: string) => model.itemByCode.get(code)!.item;
    expect(targetRange(item('CO-GDP'))).toMatchObject({ min: 0, minExclusive: true });
    expect(actualRange(item('CO-KEY'))).toMatchObject({ min: 0, max: 1 });
    expect(actualRange(item('TO-SAFE'))).toMatchObject({ min: 0, integer: true });
    expect(actualRange(item('CO-MS'))).toMatchObject({ min: 0, max: 4, integer: true });
    expect(targetRange(item('CO-AIR'))).toBeUndefined();
  });
});

describe('values outside the plausible range are warnings: accepted, and listed beside the result', () => {
  const pctModel = miniModel((b) => {
    const it = b.tiers.find((t) => t.id === 'county')!.items.find((i) => i.code === 'CO-AIR')!;
    it.measure = '%';
    it.plausible = { min: 20, max: 100 };
  });
  it('0.7651 on a % item is accepted with a warning that says it looks like a fraction', () => {
    const r = importCsv(utf8(`${HEAD}\n2023-06,ca,CO-AIR,0.7651,,\n2023-06,cb,CO-AIR,45,,\n`), pctModel, {
      file: FILE,
    });
    expect(r.ok).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.warningCount).toBe(1);
    expect(r.warnings[0]).toMatchObject({ file: FILE, row: 2, field: '实际值', found: '0.7651', severity: 'warning' });
    expect(r.warnings[0]!.expected).toContain('76.51');
    expect(formatProblem(r.warnings[0]!)).toContain('提醒：');
  });
  it('warnings come with problems too, and never turn a problem into an acceptance', () => {
    const r = importCsv(utf8(`${HEAD}\n2023-06,ca,CO-AIR,0.7651,,\n2023-06,zz,CO-AIR,45,,\n`), pctModel, {
      file: FILE,
    });
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.warnings).toHaveLength(1);
  });
});
