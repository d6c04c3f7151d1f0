import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content-io/load-content.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CONTENT = join(ROOT, 'content', '2023');
const tmp = mkdtempSync(join(tmpdir(), 'load-content-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('loadContent: the data files of a year together', () => {
  const jan = readFileSync(join(CONTENT, 'data', '2023-01.csv'), 'utf8');
  const lines = jan
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\n');
  const whole = join(tmp, 'a.csv');
  const again = join(tmp, 'b.csv');
  const feb = join(CONTENT, 'data', '2023-02.csv');
  writeFileSync(whole, jan);
  // Rows 2 and 4 of January again, in a second file.
  writeFileSync(again, [lines[0], lines[1], lines[3]].join('\n'));

  it('keeps every row of files that do not overlap', () => {
    const one = loadContent(CONTENT, { root: ROOT, extraData: [whole] });
    const two = loadContent(CONTENT, { root: ROOT, extraData: [whole, feb] });
    expect(one.problems).toEqual([]);
    expect(two.problems).toEqual([]);
    expect(one.data.length).toBe(lines.length - 1);
    expect(two.data.length).toBeGreaterThan(one.data.length);
  });

  it('names a period, unit and item given in two files, with the file that gave it first', () => {
    const res = loadContent(CONTENT, { root: ROOT, extraData: [whole, feb, again] });
    expect(res.problems).toHaveLength(2);
    const [, unit, , item] = lines[3]!.split(',');
    expect(res.problems[1]).toMatchObject({
      file: again,
      field: '事项代码',
      found: `2023-01 ${unit} ${item}`,
      expected: `每个期间、单位、事项只出现一次（已在 ${whole} 中出现）`,
    });
    // The duplicates are not counted twice.
    expect(res.data.length).toBe(loadContent(CONTENT, { root: ROOT, extraData: [whole, feb] }).data.length);
  });
});
