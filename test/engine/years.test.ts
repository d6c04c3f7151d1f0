import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadYears, yearScorersOf } from '../../src/content-io/load-content.ts';
import {
  columnsFromRows,
  compareSchemes,
  createScorer,
  createYearScorers,
  formatProblem,
  linksFromHistory,
  predecessorIn,
  yearHistory,
  yearProblems,
} from '../../src/engine/index.ts';
import type { ContentBundle, Model } from '../../src/engine/index.ts';
import { countyYear, miniModel, unitOf } from './mini.ts';

/** The mini fixture as one year: its own scheme id and year, no history years of its own. */
function yearModel(year: number, edit?: (b: ContentBundle) => void): Model {
  return miniModel((b) => {
    b.scheme.year = year;
    b.scheme.id = `mini-${year}`;
    b.scheme.historyYears = [];
    edit?.(b);
  });
}

/**
 * 2022's scheme gave 丁县 (cd) no weight on investment (CO-GDP 0) and 60 on air quality (CO-AIR), so with the same
 * figures it scored 60 + 20 + 10 + 10 = 100 and shared first place; 丙县 (cc), 40 × 0.8 + 60 = 92, was last.
 * Re-scored under 2023's rules (cd: CO-GDP 40, CO-AIR 20), the same 2022 figures give cd 40 × 0.5 + 60 = 80: last.
 */
const m2022 = yearModel(2022, (b) => {
  b.weights.push({ unit: 'cd', item: 'CO-GDP', weight: 0 }, { unit: 'cd', item: 'CO-AIR', weight: 60 });
});
const m2023 = yearModel(2023);
const rows2022 = countyYear('2022-12', { ca: 100, cb: 90, cc: 80, cd: 50 });
// 2023: cc and cd tie for last (both 80), so both are near the bottom this year.
const rows2023 = countyYear('2023-12', { ca: 100, cb: 90, cc: 50, cd: 50 });

function adjusted(result: { units: { unit: string; consequences: { id: string }[] }[] }): string[] {
  return result.units
    .filter((u) => u.consequences.some((c) => c.id === 'adjustment'))
    .map((u) => u.unit)
    .sort();
}

describe('consequences read the earlier year’s own result (its scheme, its rank)', () => {
  const years = createYearScorers([
    { folder: 'mini/2022', model: m2022, data: columnsFromRows(rows2022) },
    { folder: 'mini/2023', model: m2023, data: columnsFromRows(rows2023) },
  ]);

  it('2022 under its own scheme: 甲县 and 丁县 share first, 丙县 is last', () => {
    const r = years.scorers.get(2022)!.scoreTier('county', '2022-Y');
    expect(Object.fromEntries(r.units.map((u) => [u.unit, [u.total, u.rank]]))).toEqual({
      ca: [100, 1],
      cd: [100, 1],
      cb: [96.5, 3],
      cc: [92, 4],
    });
  });

  it('“last two years in a row” falls on 丙县 (last in 2022 as published), not on 丁县', () => {
    const r = years.scorers.get(2023)!.scoreTier('county', '2023-Y');
    expect(adjusted(r)).toEqual(['cc']);
  });

  it('re-scoring 2022’s data under 2023’s rules would have picked 丁县 instead (the case tells the two apart)', () => {
    const rescored = createScorer(miniModel(), columnsFromRows([...rows2022, ...rows2023])).scoreTier(
      'county',
      '2023-Y',
    );
    expect(unitOf(rescored, 'cd').consequences.map((c) => c.id)).toContain('adjustment');
    expect(adjusted(rescored)).toEqual(['cd']);
  });

  it('every result names the scheme that produced it', () => {
    expect(years.scorers.get(2022)!.scoreTier('county', '2022-Y').scheme).toEqual({ id: 'mini-2022', year: 2022 });
    expect(years.scorers.get(2023)!.scoreTier('county', '2023-Y').scheme).toEqual({ id: 'mini-2023', year: 2023 });
  });

  it('a year without the earlier year’s data is no evidence: nobody is adjusted', () => {
    const alone = createYearScorers([{ folder: 'mini/2023', model: m2023, data: columnsFromRows(rows2023) }]);
    expect(adjusted(alone.scorers.get(2023)!.scoreTier('county', '2023-Y'))).toEqual([]);
  });
});

describe('a renamed unit keeps its history (formerly)', () => {
  // 2023: 丁县 (cd) is now 戊县 (ce), formerly cd. Under the unchanged mini scheme cd was last in 2022 (80).
  const renamed = (formerly: string[] | undefined) =>
    yearModel(2023, (b) => {
      const u = b.units.find((x) => x.id === 'cd')!;
      u.id = 'ce';
      u.name = '戊县';
      if (formerly) u.formerly = formerly;
    });
  const plain2022 = yearModel(2022);
  const rows = countyYear('2023-12', { ca: 100, cb: 90, cc: 80, ce: 50 });

  it('follows formerly to last year’s code: last both years, so adjusted', () => {
    const years = createYearScorers([
      { folder: 'mini/2022', model: plain2022, data: columnsFromRows(rows2022) },
      { folder: 'mini/2023', model: renamed(['cd']), data: columnsFromRows(rows) },
    ]);
    expect(adjusted(years.scorers.get(2023)!.scoreTier('county', '2023-Y'))).toEqual(['ce']);
    expect(predecessorIn(years.models, 'ce', 2023, 2022)).toBe('cd');
  });

  it('without formerly the new code has no 2022 result, so no adjustment', () => {
    const years = createYearScorers([
      { folder: 'mini/2022', model: plain2022, data: columnsFromRows(rows2022) },
      { folder: 'mini/2023', model: renamed(undefined), data: columnsFromRows(rows) },
    ]);
    expect(adjusted(years.scorers.get(2023)!.scoreTier('county', '2023-Y'))).toEqual([]);
  });

  it('movement in January compares with last December’s own rank, through the rename', () => {
    const jan = countyYear('2023-01', { ca: 5, cb: 9, cc: 8, ce: 7 });
    const years = createYearScorers([
      { folder: 'mini/2022', model: plain2022, data: columnsFromRows(rows2022) },
      { folder: 'mini/2023', model: renamed(['cd']), data: columnsFromRows(jan) },
    ]);
    const r = years.scorers.get(2023)!.scoreTier('county', '2023-01');
    // 2022-12 under 2022's (here unchanged) scheme: ca 100, cb 96.5, cc 92, cd 80 → ranks 1–4.
    expect(Object.fromEntries(r.units.map((u) => [u.unit, [u.previousRank, u.previousComparable]]))).toEqual({
      ca: [1, true],
      cb: [2, true],
      cc: [3, true],
      ce: [4, true],
    });
  });
});

describe('movement across years only when the tier’s items are comparable', () => {
  it('a 2022 scheme with another item for the tier gives 不可比 in January, never an arrow', () => {
    const other2022 = yearModel(2022, (b) => {
      const county = b.tiers.find((t) => t.id === 'county')!;
      const gdp = county.items.find((i) => i.code === 'CO-GDP')!;
      county.items.push({ ...gdp, code: 'CO-OLD', name: '2022 年才有的事项', weight: 10 });
      gdp.weight = 30;
      b.weights = b.weights
        .filter((w) => w.item !== 'CO-GDP')
        .concat([
          { unit: 'ca', item: 'CO-GDP', weight: 20 },
          { unit: 'cb', item: 'CO-GDP', weight: 25 },
        ]);
    });
    const years = createYearScorers([
      { folder: 'mini/2022', model: other2022, data: columnsFromRows(rows2022) },
      {
        folder: 'mini/2023',
        model: m2023,
        data: columnsFromRows(countyYear('2023-01', { ca: 5, cb: 9, cc: 8, cd: 7 })),
      },
    ]);
    const r = years.scorers.get(2023)!.scoreTier('county', '2023-01');
    for (const u of r.units) expect([u.previousRank, u.previousComparable]).toEqual([null, false]);
    // Later months of the year compare within the year as always.
  });
});

describe('the scheme comparison states the scheme.yaml rules that changed', () => {
  it('words each changed rule for both years; tiers, adjustments and consequences by name; nothing when alike', () => {
    const after = yearModel(2023, (b) => {
      b.scheme.grades.default!.countRounding = 'floor';
      b.scheme.grades.town!.bands[0]!.min = 92;
      b.scheme.bonusCap = 4;
      b.scheme.missing = 'zero';
      b.scheme.coefficients[0]!.table[2]!.value = 1.08;
      b.scheme.adjustments = b.scheme.adjustments.filter((a) => a.code !== 'BONUS-B');
      b.scheme.adjustments.push({ code: 'DEDUCT-C', kind: 'deduction', name: '信访问题', cap: 1, bars: [] });
      b.scheme.adjustments.find((a) => a.code === 'VETO-A')!.bars = [];
      b.scheme.consequences.find((c) => c.id === 'adjustment')!.when.bottom = { share: 0.25 };
    });
    const rules = compareSchemes(yearModel(2022), after).rules;
    expect(rules.map((r) => `${r.what}｜${r.before}｜${r.after}`)).toEqual([
      '等次：县（市、区）｜排名前 25% 为优秀；排名前 50% 为良好；排名前 75% 为一般；其余为较差（名额 = 比例 × 单位数，四舍五入）｜排名前 25% 为优秀；排名前 50% 为良好；排名前 75% 为一般；其余为较差（名额 = 比例 × 单位数，向下取整）',
      '等次：乡镇｜90 分及以上为优秀；80 分及以上为良好；60 分及以上为一般；其余为较差｜92 分及以上为优秀；80 分及以上为良好；60 分及以上为一般；其余为较差',
      '无数据的事项（默认）｜无数据时按同类单位该项平均得分率计分｜无数据时计零分',
      '评价系数：乡镇｜按承担重点任务的项数：0 项 1.00，1 项 1.05，2 项及以上 1.10｜按承担重点任务的项数：0 项 1.00，1 项 1.05，2 项及以上 1.08',
      '加分合计上限｜3 分｜4 分',
      '加减分事项：重大安全事故｜重大安全事故：否决，发生时不得评为优秀，适用全部类别｜重大安全事故：一票否决，发生时只能评为最低等次，适用全部类别',
      '加减分事项：信访问题｜—｜信访问题：减分，单项最高 1 分，适用全部类别',
      '结果运用：连续两年靠后，组织调整｜县（市、区）连续 2 年年度排名在后 1 名的，连续两年靠后，组织调整｜县（市、区）连续 2 年年度排名在后 25%的，连续两年靠后，组织调整',
      '加减分事项：省级推广｜省级推广：加分，单项最高 2 分，适用全部类别｜—',
    ]);
    expect(compareSchemes(yearModel(2022), yearModel(2023)).rules).toEqual([]);
  });

  it('two tiers whose grade rule changed alike are one line naming both', () => {
    const after = yearModel(2023, (b) => {
      b.scheme.grades.default!.bands[0]!.topShare = 0.3;
      b.scheme.grades.town = structuredClone(b.scheme.grades.default!);
    });
    const before = yearModel(2022, (b) => {
      b.scheme.grades.town = structuredClone(b.scheme.grades.default!);
    });
    expect(compareSchemes(before, after).rules.map((r) => r.what)).toEqual(['等次：县（市、区）、乡镇']);
  });
});

describe('problems across years', () => {
  const at = (problems: { file: string; field?: string | undefined; found?: string | undefined; expected: string }[]) =>
    problems.map(formatProblem);

  it('two folders claiming one year, and a folder named for another year', () => {
    const { problems } = yearProblems([
      { folder: 'content/2022', model: m2022 },
      { folder: 'content/2023', model: yearModel(2022) },
    ]);
    const lines = at(problems);
    expect(lines).toContain(
      'mini/scheme.yaml: year — 发现 “2022”，应为 与所在年度文件夹一致：2023（或把文件夹改名为 2022）',
    );
    expect(lines.some((l) => l.includes('每个年度只有一个文件夹：content/2022 已是 2022 年度'))).toBe(true);
  });

  it('formerly naming an unknown unit, or a unit still assessed the same year', () => {
    const bad = yearModel(2023, (b) => {
      b.units.find((u) => u.id === 'cd')!.formerly = ['cx', 'cc'];
    });
    const lines = at(
      yearProblems([
        { folder: 'content/2022', model: m2022 },
        { folder: 'content/2023', model: bad },
      ]).problems,
    );
    expect(lines).toEqual([
      'mini/units.csv:5: formerly — 发现 “cx”，应为 以前年度（2022）units.csv 中的单位代码',
      'mini/units.csv:5: formerly — 发现 “cc”，应为 已不存在的原单位代码：cc（丙县）在 2023 年度仍是被考核单位，不能同时是 cd 的前身；合并时删去原单位那一行',
    ]);
  });
});

describe('the shipped content: two years', () => {
  const CONTENT = fileURLToPath(new URL('../../content', import.meta.url));
  const loaded = loadYears(CONTENT);
  const years = yearScorersOf(loaded);
  const TMP = mkdtempSync(join(tmpdir(), 'kaohe-years-'));
  afterAll(() => rmSync(TMP, { recursive: true, force: true }));
  /** A copy of the content without the inboxes, edited. */
  function copyWith(edit: (dir: string) => void) {
    const dir = join(TMP, `c${Math.random().toString(36).slice(2)}`, 'content');
    cpSync(CONTENT, dir, { recursive: true, filter: (src) => !src.includes('/inbox') });
    edit(dir);
    return loadYears(dir).problems.map(formatProblem);
  }

  it('loads 2022 and 2023 without problems, each under its own scheme', () => {
    expect(loaded.problems).toEqual([]);
    expect(years.years).toEqual([2022, 2023]);
    expect(years.models.get(2022)!.scheme.id).toBe('jincheng-2022');
  });

  it('the 2022 scheme differs visibly: county items added and dropped, 城区 and 泽州县 weights, a renamed town', () => {
    const codes = (y: number) =>
      new Set(
        years.models
          .get(y)!
          .tierById.get('county')!
          .items.map((i) => i.code),
      );
    expect([...codes(2023)].filter((c) => !codes(2022).has(c))).toEqual(['CO-ECO-K1']);
    expect([...codes(2022)].filter((c) => !codes(2023).has(c))).toEqual(['CO-IND-04']);
    const w = (y: number, unit: string, item: string) =>
      years.models
        .get(y)!
        .unitItems.get(unit)!
        .find((x) => x.item.code === item)?.weight;
    expect([w(2022, 'chengqu', 'CO-URB-01'), w(2023, 'chengqu', 'CO-URB-01')]).toEqual([13, 10]);
    expect([w(2022, 'zezhou', 'CO-PRJ-02'), w(2023, 'zezhou', 'CO-PRJ-02')]).toEqual([6, 8]);
    expect(years.models.get(2023)!.unitById.get('beishidian')!.formerly).toEqual(['shidian']);
  });

  it('county movement in January 2023 is 不可比; towns compare with December 2022, 北石店镇 through 石店乡', () => {
    const county = years.scorers.get(2023)!.scoreTier('county', '2023-01', { robustness: false });
    expect(county.units.every((u) => u.previousComparable === false && u.previousRank === null)).toBe(true);
    const town = years.scorers.get(2023)!.scoreTier('town', '2023-01', { robustness: false });
    const dec = years.scorers.get(2022)!.scoreTier('town', '2022-12', { robustness: false });
    expect(unitOf(town, 'beishidian').previousRank).toBe(unitOf(dec, 'shidian').rank);
  });

  it('the self-check’s history file gives a lone 2023 scorer the site’s consequences and first-period movement', () => {
    const y2023 = loaded.years.find((y) => y.year === 2023)!;
    // As the browser gets it: written at build, read back from JSON.
    const history = JSON.parse(JSON.stringify(yearHistory(years, 2023)));
    const lone = createScorer(y2023.model!, y2023.data, { links: linksFromHistory(history) });
    const alone = createScorer(y2023.model!, y2023.data);
    const site = years.scorers.get(2023)!;
    const pick = (r: ReturnType<typeof site.scoreTier>) =>
      r.units.map((u) => [u.unit, u.rank, u.previousRank, u.previousComparable, u.consequences.map((c) => c.id)]);
    let compared = 0;
    for (const tier of y2023.model!.tiers.map((t) => t.id))
      for (const period of ['2023-01', '2023-Q1', '2023-H1', '2023-Y']) {
        const want = pick(site.scoreTier(tier, period, { robustness: false }));
        expect(pick(lone.scoreTier(tier, period, { robustness: false })), `${tier} ${period}`).toEqual(want);
        compared += want.length;
      }
    expect(compared).toBeGreaterThan(100);
    // 陵川县 is last in 2023 and was last in 2022 under 2022's scheme: 连续两年靠后 only with 2022's result.
    const adjusted = (s: typeof site) =>
      unitOf(s.scoreTier('county', '2023-Y', { robustness: false }), 'lingchuan').consequences.map((c) => c.id);
    expect(adjusted(lone)).toContain('adjustment-county');
    expect(adjusted(alone)).not.toContain('adjustment-county');
    // County items changed between the years: January is 不可比 (no arrow); towns move against December 2022.
    expect(unitOf(lone.scoreTier('county', '2023-01'), 'lingchuan').previousComparable).toBe(false);
    expect(unitOf(lone.scoreTier('town', '2023-01'), 'beishidian').previousRank).toBe(
      unitOf(years.scorers.get(2022)!.scoreTier('town', '2022-12'), 'shidian').rank,
    );
    expect(unitOf(alone.scoreTier('town', '2023-01'), 'beishidian').previousRank).toBeNull();
  });

  it('a data row of 2022 in the 2023 folder says where it belongs', () => {
    const lines = copyWith((dir) => {
      const f = join(dir, '2023', 'data', '2023-01.csv');
      const text = readFileSync(f, 'utf8').split('\r\n');
      text[1] = text[1]!.replace('2023-01', '2022-12');
      writeFileSync(f, text.join('\r\n'));
    });
    expect(lines).toEqual([
      expect.stringMatching(
        /^content\/2023\/data\/2023-01\.csv:2: 期间 — 发现 “2022-12”，应为 .*这是 2022 年度的数据，应放在 content\/2022\/data\/ 中$/,
      ),
    ]);
  });

  it('an item code only in 2022’s scheme, used in 2023 data, names the year that has it', () => {
    const lines = copyWith((dir) => {
      const f = join(dir, '2023', 'data', '2023-01.csv');
      const text = readFileSync(f, 'utf8').split('\r\n');
      const i = text.findIndex((l) => l.includes(',CO-IND-03,'));
      text[i] = text[i]!.replace(',CO-IND-03,', ',CO-IND-04,');
      writeFileSync(f, text.join('\r\n'));
    });
    expect(lines).toEqual([
      expect.stringMatching(
        /^content\/2023\/data\/2023-01\.csv:\d+: 事项代码 — 发现 “CO-IND-04”，应为 .*“CO-IND-04”只在 2022 年度方案中，2023 年度方案没有这个事项$/,
      ),
    ]);
  });

  it('the scheme comparison lists items added, dropped and changed, the rename, and each unit’s level-1 weight changes', () => {
    const c = compareSchemes(years.models.get(2022)!, years.models.get(2023)!);
    const county = c.tiers.find((t) => t.tier === 'county')!;
    expect([county.added.map((i) => i.code), county.dropped.map((i) => i.code), county.comparable]).toEqual([
      ['CO-ECO-K1'],
      ['CO-IND-04'],
      false,
    ]);
    expect(county.changed).toEqual([
      { code: 'CO-IND-03', name: '一般公共预算收入', changes: [{ what: '基础分值', before: '3', after: '5' }] },
    ]);
    expect(c.tiers.filter((t) => t.tier !== 'county').every((t) => t.comparable && t.changed.length === 0)).toBe(true);
    expect(c.units.renamed).toEqual([
      { unit: 'beishidian', name: '北石店镇', tier: 'town', formerly: [{ unit: 'shidian', name: '石店乡' }] },
    ]);
    expect([c.units.added, c.units.dropped]).toEqual([[], []]);
    // The shipped years share their scheme.yaml rules (grades, caps, coefficients, consequences…): none listed.
    expect(c.rules).toEqual([]);
    const line = (w: (typeof c.weights)[number]) =>
      `${w.name} ${w.indicatorName} 权重 2022 年 ${w.before} → 2023 年 ${w.after}`;
    expect(c.weights.map(line)).toEqual([
      '城区 城市建设 权重 2022 年 34 → 2023 年 29',
      '城区 生态文明 权重 2022 年 23 → 2023 年 28',
      '泽州县 “1+5”现代产业 权重 2022 年 20 → 2023 年 18',
      '泽州县 项目支撑 权重 2022 年 18 → 2023 年 20',
    ]);
  });

  it('a year folder without scheme.yaml is a problem naming the file', () => {
    const lines = copyWith((dir) => rmSync(join(dir, '2022', 'scheme.yaml')));
    expect(lines[0]).toBe('content/2022/scheme.yaml: — 应为 该文件存在（见 README 的内容目录说明）');
  });
});
