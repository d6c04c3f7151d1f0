import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content-io/load-content.ts';
import { createScorer, importCsv, weightsByLevel1 } from '../../src/engine/index.ts';

const CONTENT = fileURLToPath(new URL('../../content/2023', import.meta.url));
const CSV = fileURLToPath(new URL('../fixtures/hand-worked/county-2023-12.csv', import.meta.url));
const { model: loaded, problems } = loadContent(CONTENT, { extraData: [] });
const model = loaded!;

describe('the seed’s differentiated county weights (content/2023/weights.csv)', () => {
  it('content loads without problems', () => {
    expect(problems).toEqual([]);
  });

  it.each([
    { unit: 'chengqu', l1: ['CO-URB', 'CO-ECO'], sum: 57 }, // 城区: 城市建设 29 + 生态文明 28
    { unit: 'zezhou', l1: ['CO-IND', 'CO-PRJ', 'CO-URB'], sum: 56 }, // 泽州: “1+5”产业 18 + 项目支撑 20 + 城市建设 18
  ])('$unit: $l1 weigh $sum of 100', ({ unit, l1, sum }) => {
    const w = weightsByLevel1(model, unit);
    expect(l1.reduce((s, code) => s + (w.get(code) ?? 0), 0)).toBe(sum);
  });

  it.each(['chengqu', 'zezhou', 'gaoping', 'yangcheng', 'lingchuan', 'qinshui'])(
    '%s’s level-1 weights sum to 100',
    (unit) => {
      expect([...weightsByLevel1(model, unit).values()].reduce((s, x) => s + x, 0)).toBe(100);
    },
  );
});

describe('城区 at year end 2023, worked by hand from test/fixtures/hand-worked/county-2023-12.csv', () => {
  const imported = importCsv(new Uint8Array(readFileSync(CSV)), model, { file: 'county-2023-12.csv' });
  const result = imported.ok ? createScorer(model, imported.data).scoreTier('county', '2023-Y') : undefined;
  const chengqu = result?.units.find((u) => u.unit === 'chengqu');

  it('the hand-made CSV imports cleanly', () => {
    expect(imported.problems).toEqual([]);
  });

  // December: every schedule has reached 100%, so cumulative targets are the annual targets.
  it.each([
    { code: 'CO-IND-01', score: 3.8 }, // growth 6.5 is 2nd with 陵川 (泽州 7.0 first): 57/60 × 4
    { code: 'CO-IND-02', score: 1.6 }, // 4.0 is 5th of 6: (1 − 4 × 5%) × 2
    { code: 'CO-IND-03', score: 4.4 }, // 46.2 ÷ 42 = 110% (cap 120%) × 4
    { code: 'CO-PRJ-01', score: 2.5 }, // 7.5 ÷ 10 = 75%, 5 points under 80% × 0.1 = −0.5 of 3
    { code: 'CO-PRJ-02', score: 3.6 }, // 27 ÷ 30 = 90% × 4
    { code: 'CO-PRJ-03', score: 2.4 }, // completion 104% is 3rd of 6 (陵川 120%, 高平 110%): 3/6 = top 50% ≤ 67% → 80% × 3
    { code: 'CO-MKT-01', score: 3.3 }, // 3300 ÷ 3000 = 110% × 3
    { code: 'CO-MKT-02', score: 1.5 }, // 30 ÷ leader 泽州 40 = 75% × 2
    { code: 'CO-MKT-03', score: 1.6 }, // (80 − 60) ÷ (85 − 60) = 80% × 2
    { code: 'CO-URB-01', score: 9.5 }, // 76 ÷ 80 = 95% × 10
    { code: 'CO-URB-02', score: 0 }, // 14 ÷ 40 = 35%, below the 50% line: 0
    { code: 'CO-URB-03', score: 7.97 }, // 88.5 ÷ 100 × 9 = 7.965 → 7.97 (half away from zero)
    { code: 'CO-RUR-02', score: 1.7 }, // 72.5 is in the ≥ 70 band: 85% × 2
    { code: 'CO-RUR-03', score: 1.6 }, // grade B: 80% × 2
    { code: 'CO-BIZ-01', score: 2.73 }, // 91 ÷ 100 × 3
    { code: 'CO-BIZ-02', score: 1.4 }, // 92 is 3 under 95 × 0.2 = −0.6 of 2
    { code: 'CO-BIZ-03', score: 2 }, // done
    { code: 'CO-ECO-01', score: 4.8 }, // PM2.5 38 is 5th lowest of 6: 48/60 × 6
    { code: 'CO-ECO-02', score: 4.69 }, // 75 ÷ 80 = 93.75% × 5 = 4.6875 → 4.69
    { code: 'CO-ECO-03', score: 4.5 }, // one finding: 5 − 0.5
    { code: 'CO-ECO-K1', score: 11.43 }, // lower is better: 40 ÷ 42 = 95.24% × 12 = 11.4286 → 11.43
    { code: 'CO-SOC-01', score: 1.8 }, // 1.8 ÷ 2 = 90% × 2
    { code: 'CO-SOC-02', score: 1 }, // no accident: full 1
    { code: 'CO-SOC-03', score: 1.6 }, // 2 petitions is in the 1–2 band: 80% × 2
  ])('$code scores $score', ({ code, score }) => {
    expect(chengqu?.items.find((i) => i.code === code)?.score).toBe(score);
  });

  it('城区 has no 太行一号 item (its weight is 0), so it has 24 items', () => {
    expect(chengqu?.items.map((i) => i.code)).not.toContain('CO-RUR-01');
    expect(chengqu?.items).toHaveLength(24);
  });

  it('sums to base 81.42, adds bonus 2.2 (1.2, and 1.5 capped at 1), takes 0.5, total 83.12', () => {
    // 3.8 + 1.6 + 4.4 + 2.5 + 3.6 + 2.4 + 3.3 + 1.5 + 1.6 + 9.5 + 0 + 7.97 + 1.7 + 1.6 + 2.73 + 1.4 + 2
    //   + 4.8 + 4.69 + 4.5 + 11.43 + 1.8 + 1 + 1.6 = 81.42; counties have coefficient 1.
    expect(chengqu && [chengqu.base, chengqu.bonus, chengqu.deduction, chengqu.coefficient, chengqu.total]).toEqual([
      81.42, 2.2, 0.5, 1, 83.12,
    ]);
  });
});
