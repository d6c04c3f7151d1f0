/** The rules stated on the rules page hold in the engine (issue #7, “Rules stated”). */
import { describe, expect, it } from 'vitest';
import { rankingJson, statedRules } from '../../src/engine/index.ts';
import type { ContentBundle } from '../../src/engine/index.ts';
import { miniModel, row, scoreRows, unitOf } from './mini.ts';

const county = (b: ContentBundle) => b.tiers.find((t) => t.id === 'county')!;

describe('one rule for “nothing due yet”: full score and on pace', () => {
  it('a completion item whose first milestone is later is on pace (as a milestones item before its first milestone)', () => {
    const edit = (b: ContentBundle) => {
      county(b).items.find((i) => i.code === 'CO-GDP')!.schedule = [
        { month: 9, progress: 0.5 },
        { month: 12, progress: 1 },
      ];
    };
    const r = scoreRows(
      [row('2023-06', 'ca', 'CO-GDP', 0, 100), row('2023-06', 'ca', 'CO-MS', 0)],
      'county',
      '2023-06',
      { edit },
    );
    const items = unitOf(r, 'ca').items;
    const gdp = items.find((i) => i.code === 'CO-GDP')!;
    const ms = items.find((i) => i.code === 'CO-MS')!;
    expect([gdp.fraction, gdp.pace]).toEqual([1, 'on-pace']);
    // CO-MS's first milestone is in March: at June it is due; at February it is not.
    const feb = scoreRows([row('2023-02', 'ca', 'CO-MS', 0)], 'county', '2023-02');
    expect(unitOf(feb, 'ca').items.find((i) => i.code === 'CO-MS')!.pace).toBe('on-pace');
    expect(ms.pace).not.toBe('none');
  });
});

describe('the score JSON shows the weight used', () => {
  it('under missing: exclude, an item’s weight is the spread weight and baseWeight the nominal one', () => {
    const edit = (b: ContentBundle) => {
      b.scheme.missing = 'exclude';
    };
    // 乙县 reports only CO-GDP and CO-AIR: the other items are excluded and their weight spread.
    const r = scoreRows(
      [row('2023-06', 'cb', 'CO-GDP', 50, 100), row('2023-06', 'cb', 'CO-AIR', 40)],
      'county',
      '2023-06',
      { edit },
    );
    const json = rankingJson(r).find((u) => u.unit === 'cb')!;
    const gdp = json.items.find((i) => i.code === 'CO-GDP')!;
    const result = unitOf(r, 'cb').items.find((i) => i.code === 'CO-GDP')!;
    expect(result.effectiveWeight).not.toBe(result.weight);
    expect(gdp.weight).toBe(result.effectiveWeight);
    expect((gdp as { baseWeight?: number }).baseWeight).toBe(result.weight);
  });
});

describe('the stated rules cover every choice the issue lists', () => {
  it('each has a term and a text generated from the scheme', () => {
    const rules = statedRules(miniModel());
    const terms = rules.map((r) => r.term).join(' ');
    for (const t of [
      '序时进度',
      '尚无到期要求',
      '实际进度',
      '两端值',
      '达标扣分',
      '比例换算为个数',
      '一票否决',
      '无数据',
      '默认参数',
      '取值范围',
      '常见范围',
      '随机数',
    ])
      expect(terms).toContain(t);
    expect(rules.find((r) => r.term.includes('随机数'))!.text).toContain('mulberry32');
  });
});
