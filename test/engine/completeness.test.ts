/** What a spreadsheet round trip leaves out is a warning naming each missing item and its rule (issue #15). */
import { describe, expect, it } from 'vitest';
import { completenessWarnings, importCsv } from '../../src/engine/index.ts';
import { miniModel } from './mini.ts';

const model = miniModel();
const HEAD = '期间,单位代码,事项代码,实际值,目标值,备注';
const imp = (rows: string[]) => {
  const r = importCsv(new TextEncoder().encode(`${HEAD}\n${rows.join('\n')}\n`), model, {
    file: '甲县.csv',
    rowNumbers: true,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return completenessWarnings(model, r.data, '甲县.csv', r.rowNumbers);
};
const all = ['CO-GDP,55,100', 'CO-AIR,35,', 'CO-RANK,120,', 'CO-MS,2,', 'CO-GRADE,A,', 'CO-KEY,0,'];

describe('completeness of a one-month unit file', () => {
  it('a complete file gives no warning', () => {
    expect(imp(all.map((x) => `2023-06,ca,${x},`))).toEqual([]);
  });
  it('a deleted row is a warning naming the item and the rule that scores it', () => {
    const w = imp(all.filter((x) => !x.startsWith('CO-RANK')).map((x) => `2023-06,ca,${x},`));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', field: '事项代码' });
    expect(w[0]!.expected).toContain('CO-RANK 市场主体增量排名（无数据时按同类单位该项平均得分率计分）');
  });
  it('a row left with last month’s period is a warning at its row', () => {
    const rows = all.map((x) => `2023-06,ca,${x},`);
    rows[1] = rows[1]!.replace('2023-06', '2023-05');
    rows.push(
      ...['2023-06,ca,CO-AIR,35,,', '2023-06,ca,BONUS-A,1,,', '2023-06,ca,BONUS-B,1,,', '2023-06,ca,DEDUCT-A,0,,'],
    );
    const w = imp(rows);
    expect(w).toMatchObject([{ row: 3, field: '期间', found: '2023-05', severity: 'warning' }]);
  });
  it('a file of several months (a year’s data) gets none', () => {
    expect(imp(['2023-05,ca,CO-GDP,55,100,', '2023-06,ca,CO-GDP,55,100,'])).toEqual([]);
  });
});
