/** Identical problems on many rows are one problem naming its rows (issue #15). */
import { describe, expect, it } from 'vitest';
import { formatProblem, groupProblems, rowList, rowRanges } from '../../src/engine/index.ts';
import type { Problem } from '../../src/engine/index.ts';

const p = (row: number | undefined, found = 'x', expected = '已定义的单位代码'): Problem => ({
  file: 'a.csv',
  row,
  field: '单位代码',
  found,
  expected,
});

describe('groupProblems', () => {
  it('merges problems that differ only by row, in the order each first occurs, with every row', () => {
    const g = groupProblems([p(2), p(3), p(4, 'y'), p(5), p(9), p(undefined), p(6), p(7, 'x', '其他')]);
    expect(g.map((x) => [x.row, x.rows, x.found, x.expected])).toEqual([
      [2, [2, 3, 5, 6, 9], 'x', '已定义的单位代码'],
      [4, undefined, 'y', '已定义的单位代码'],
      [undefined, undefined, 'x', '已定义的单位代码'],
      [7, undefined, 'x', '其他'],
    ]);
  });
  it('rows of several items are one problem naming no item; rows of one item keep it', () => {
    const [several, one] = groupProblems([
      { ...p(2), item: 'CO-A 甲' },
      { ...p(3), item: 'CO-B 乙' },
      { ...p(4, 'y'), item: 'CO-A 甲' },
      { ...p(5, 'y'), item: 'CO-A 甲' },
    ]);
    expect([several!.rows, several!.item, one!.rows, one!.item]).toEqual([[2, 3], undefined, [4, 5], 'CO-A 甲']);
  });
  it('keeps warnings and problems apart, and a file-wide problem whole', () => {
    const g = groupProblems([p(2), { ...p(3), severity: 'warning' }, p(undefined), p(undefined)]);
    expect(g).toHaveLength(4);
  });
  it('prints grouped rows as ranges, a single row as file:row', () => {
    const [many, one] = groupProblems([p(2), p(3), p(4), p(40), p(7, 'y')]);
    expect(formatProblem(many!)).toBe('a.csv: 第 2–4 行、第 40 行（4 行）: 单位代码 — 发现 “x”，应为 已定义的单位代码');
    expect(formatProblem(one!)).toBe('a.csv:7: 单位代码 — 发现 “y”，应为 已定义的单位代码');
  });
  it('row lists: ranges, at most ten, then …', () => {
    expect(rowList([2, 3, 4, 40, 45, 46])).toBe('2–4、40、45–46');
    expect(rowRanges([2, 3, 40])).toBe('第 2–3 行、第 40 行');
    expect(rowList(Array.from({ length: 12 }, (_, i) => 2 * i))).toBe('0、2、4、6、8、10、12、14、16、18、…');
  });
});
