import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { runKaohe, runKaoheThroughNpm } from '../support/kaohe-cli.ts';
import { frontmatter, loadContent } from '../../src/content-io/load-content.ts';
import {
  SAMPLE_DATA_CELL,
  SAMPLE_NOTICE,
  announcementSchema,
  rankingUnits,
  unitRecords,
} from '../../src/engine/index.ts';
import type { RankingFile, RankingMonthFile } from '../../src/engine/index.ts';

/** Tests through the real entry, the `kaohe` npm script's command (runKaohe), from the repository root. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONTENT = join(ROOT, 'content');
const TMP = mkdtempSync(join(tmpdir(), 'kaohe-cli-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function kaohe(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return runKaohe(args);
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;
/** One validate problem: `file:row: field — 发现 …，应为 …` (row absent for whole-file problems). */
const PROBLEM_LINE = /^\S+?(:\d+)?: .+ — (发现 “[^”]*”，)?应为 .+$/;

/** A copy of content/ with one file edited; returns the copy's content dir. */
function brokenCopy(name: string, file: string, edit: (text: string) => string): string {
  const dir = join(TMP, name, 'content');
  cpSync(CONTENT, dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`edit of ${file} changed nothing; content may have changed`);
  writeFileSync(path, after);
  return dir;
}

/** 1-based line of the first line of a file that starts with `prefix`. */
function lineOf(dir: string, file: string, prefix: string): number {
  return (
    readFileSync(join(dir, file), 'utf8')
      .split(/\r?\n/)
      .findIndex((l) => l.startsWith(prefix)) + 1
  );
}

describe('kaohe --help', () => {
  it.each([
    { label: '--help', args: ['--help'] },
    { label: '-h', args: ['-h'] },
    { label: 'no command', args: [] },
  ])('$label exits 0 and lists the commands', ({ args }) => {
    const r = kaohe(...args);
    expect(r.code).toBe(0);
    for (const command of ['validate', 'score', 'template', 'announce']) expect(r.stdout).toContain(command);
    expect(r.stdout).toContain('用法');
  });

  it('npm run kaohe -- --help (the script itself) exits 0 and lists the commands; an unknown command exits non-zero', () => {
    const r = runKaoheThroughNpm(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['validate', 'score', 'template', 'announce']) expect(r.stdout).toContain(command);
    expect(r.stdout).toContain('用法');
    expect(runKaoheThroughNpm(['no-such-command']).code).not.toBe(0);
  });
});

describe('kaohe validate', () => {
  it('passes on content/ with exit 0', () => {
    const r = kaohe('validate');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('内容校验通过');
  });

  it.each([
    {
      what: 'a weight that makes 城区 sum to 101',
      name: 'weight',
      file: '2023/weights.csv',
      edit: (t: string) => t.replace(/^chengqu,CO-IND-01,4$/m, 'chengqu,CO-IND-01,5'),
      // The sum has no single row: the problem points at the unit's first row in weights.csv.
      line: (dir: string) =>
        `content/2023/weights.csv:${lineOf(dir, '2023/weights.csv', 'chengqu,')}: chengqu（城区）权重合计 — 发现 “101”，应为 100：调整 content/2023/tiers/county.yaml 的基础权重或 weights.csv 中该单位的权重`,
    },
    {
      what: 'an unknown item code in weights.csv',
      name: 'item',
      file: '2023/weights.csv',
      edit: (t: string) => t.replace(/^zezhou,CO-IND-02,/m, 'zezhou,CO-NOPE-02,'),
      line: (dir: string) =>
        `content/2023/weights.csv:${lineOf(dir, '2023/weights.csv', 'zezhou,CO-NOPE-02,')}: item — 发现 “CO-NOPE-02”，应为 已定义的考核事项代码`,
    },
    {
      what: 'a unit in a tier the scheme does not have',
      name: 'tier',
      file: '2023/units.csv',
      edit: (t: string) => t.replace(/^gaoping,高平市,county,/m, 'gaoping,高平市,countyx,'),
      line: (dir: string) =>
        `content/2023/units.csv:${lineOf(dir, '2023/units.csv', 'gaoping,')}: tier — 发现 “countyx”，应为 方案中的类别之一：city-dept、county、town、street`,
    },
    {
      what: 'a negative base weight in a tier file',
      name: 'yaml',
      file: '2023/tiers/county.yaml',
      edit: (t: string) => t.replace(/^ {4}weight: 5$/m, '    weight: -5'),
      line: (dir: string) =>
        `content/2023/tiers/county.yaml:${lineOf(dir, '2023/tiers/county.yaml', '    weight: -5')}: items[0].weight — 发现 “-5”，应为 非负数（分值）`,
    },
    {
      // Objects are strict: a misspelt key would otherwise silently fall back to the default.
      what: 'a misspelt key in a standard',
      name: 'typo',
      file: '2023/tiers/county.yaml',
      edit: (t: string) => t.replace('zeroBelow:', 'zeroBellow:'),
      line: (dir: string) =>
        `content/2023/tiers/county.yaml:${lineOf(dir, '2023/tiers/county.yaml', '    standard: { kind: completion, cap: 1.2, zeroBellow')}: items[4].standard.zeroBellow — 发现 “zeroBellow”，应为 “zeroBelow”（是否拼错？）；此处可用的字段：kind、floor、cap、zeroBelow`,
    },
    {
      // A typo in a consequence's tiers would silently drop the rule for that tier.
      what: 'an unknown tier in a consequence',
      name: 'cons-tier',
      file: '2023/scheme.yaml',
      edit: (t: string) => t.replace(/tiers: \[city-dept, county\]/, 'tiers: [city-dept, contry]'),
      line: (dir: string) =>
        `content/2023/scheme.yaml:${lineOf(dir, '2023/scheme.yaml', '    tiers: [city-dept, contry]')}: consequences[0].tiers — 发现 “contry”，应为 方案中的类别之一：city-dept、county、town、street`,
    },
  ])('fails with exit 1 on $what, naming file, row and field', ({ name, file, edit, line }) => {
    const dir = brokenCopy(name, file, edit);
    const r = kaohe('validate', '--content', dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('共 '));
    expect(
      lines.every((l) => PROBLEM_LINE.test(l)),
      lines.join('\n'),
    ).toBe(true);
    expect(lines).toContain(line(dir));
  });

  it('a unit with an unknown tier is still a known unit: no problem claims it is undefined', () => {
    const dir = brokenCopy('tier-known', '2023/units.csv', (t) =>
      t.replace(/^gaoping,高平市,county,/m, 'gaoping,高平市,countyx,'),
    );
    const r = kaohe('validate', '--content', dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter((l) => PROBLEM_LINE.test(l));
    expect(
      lines.some((l) => l.includes('“countyx”')),
      lines.join('\n'),
    ).toBe(true); // the tier itself is named
    // Its towns' parent and its weights.csv rows name a unit that units.csv does define.
    expect(lines.filter((l) => l.includes('“gaoping”') && l.includes('已定义的'))).toEqual([]);
  });
});

interface JsonUnit {
  [k: string]: unknown;
  items: Record<string, unknown>[];
  unit: string;
  total: number;
}
/**
 * The score JSON (kaohe-ranking/3) as one record per unit: a view (quarter, mid-year, year) over its month
 * file (which the CLI prints for the month), items back as records (code, score, pace; weight where it is not
 * the nominal one), the file's tier, period, scheme and sample flag on each unit.
 */
const scoreJson = (...args: string[]): JsonUnit[] => {
  const run = (a: string[]) => {
    const r = kaohe('score', '--format', 'json', ...a);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as RankingFile & Record<string, unknown>;
  };
  const file = run(args);
  expect(file['format']).toBe('kaohe-ranking/3');
  const at = args.indexOf('--period');
  const month = (
    'itemsIn' in file ? run(args.map((x, i) => (i === at + 1 ? file.month : x))) : file
  ) as RankingMonthFile;
  const byUnit = new Map(rankingUnits(month).map((u) => [u.unit, u]));
  return unitRecords(file).map((u) => {
    const m = byUnit.get(u['unit'] as string)!;
    return {
      ...m,
      ...u,
      tier: file['tier'],
      period: file['period'],
      scheme: file['scheme'],
      sample: file['sample'] === true,
      consequences: (u['consequences'] as string[]).map((id) => ({
        id,
        label: (file['consequences'] as Record<string, string>)[id],
      })),
    } as unknown as JsonUnit;
  });
};
const totals = (list: JsonUnit[]) => Object.fromEntries(list.map((u) => [u.unit, u.total]));

describe('kaohe score', () => {
  it('--format json has every required field for every unit and item', () => {
    const list = scoreJson('--tier', 'county', '--period', '2023-Y');
    expect(list).toHaveLength(6);
    for (const u of list) {
      for (const k of [
        'unit',
        'name',
        'tier',
        'period',
        'total',
        'rank',
        'grade',
        'coefficient',
        'rankRange',
        'consequences',
        'flagged',
        'items',
      ])
        expect(u, k).toHaveProperty(k);
      expect([u['tier'], u['period']]).toEqual(['county', '2023-Y']);
      expect(u.items.length).toBeGreaterThan(0);
      for (const i of u.items) for (const k of ['code', 'score', 'pace']) expect(i, k).toHaveProperty(k);
    }
    expect(list.map((u) => u['rank'])).toEqual([...list.map((u) => u['rank'])].sort((a, b) => Number(a) - Number(b)));
  });

  it('--format csv writes a BOM, a Chinese header and one row per unit', () => {
    const r = kaohe('score', '--tier', 'county', '--period', '2023-Y', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('\ufeff排名,单位代码,单位名称,总分')).toBe(true);
    const rows = Papa.parse<string[]>(r.stdout.slice(1).trim()).data;
    expect(rows).toHaveLength(7);
    expect(
      rows
        .slice(1)
        .map((x) => x[1])
        .sort(),
    ).toEqual(['chengqu', 'gaoping', 'lingchuan', 'qinshui', 'yangcheng', 'zezhou']);
  });

  it('--format table (the default) names every unit with its total', () => {
    const json = scoreJson('--tier', 'county', '--period', '2023-06');
    const r = kaohe('score', '--tier', 'county', '--period', '2023-06');
    expect(r.code).toBe(0);
    for (const u of json) expect(r.stdout).toMatch(new RegExp(`${String(u['name'])}\\s+${u.total.toFixed(2)}`));
  });

  it('--data with the content’s own data (exported by `kaohe data`) gives the same results', () => {
    const all = join(TMP, 'all.csv');
    expect(kaohe('data', '--out', all).code).toBe(0);
    const fromContent = scoreJson('--tier', 'town', '--period', '2023-Y');
    const fromFile = scoreJson('--tier', 'town', '--period', '2023-Y', '--data', all);
    expect(totals(fromFile)).toEqual(totals(fromContent));
    // Data given with --data is the user's own: it never carries the shipped sample flag.
    expect(fromFile.every((u) => u['sample'] === false)).toBe(true);
    const unflagged = (list: JsonUnit[]) => list.map(({ sample: _, ...rest }) => rest);
    expect(unflagged(fromFile)).toEqual(unflagged(fromContent));
  });

  it('labels every sample download inside the file, and the labelled CSV still imports and recomputes', () => {
    const json = JSON.parse(
      kaohe('score', '--tier', 'county', '--period', '2023-Y', '--format', 'json').stdout,
    ) as Record<string, unknown>;
    expect([json['sample'], json['notice']]).toEqual([true, SAMPLE_NOTICE]);
    const csv = kaohe('score', '--tier', 'county', '--period', '2023-Y', '--format', 'csv').stdout;
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(rows[0]!.at(-1)).toBe('数据性质');
    expect(rows.slice(1).every((r) => r.at(-1) === SAMPLE_NOTICE)).toBe(true);
    const all = join(TMP, 'all-labelled.csv');
    expect(kaohe('data', '--out', all).code).toBe(0);
    const data = Papa.parse<string[]>(readFileSync(all, 'utf8').slice(1).trim()).data;
    expect(data[0]!.at(-1)).toBe('数据性质');
    // Input data: each row says 示例数据 (the rows are sample inputs); the results above keep the full notice.
    expect(data.slice(1).every((r) => r.at(-1) === SAMPLE_DATA_CELL)).toBe(true);
    // The labelled file is still kaohe's own input: the user's data, so its results carry no label.
    const again = kaohe('score', '--tier', 'county', '--period', '2023-Y', '--format', 'json', '--data', all);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).not.toHaveProperty('sample');
    const realCsv = kaohe('score', '--tier', 'county', '--period', '2023-Y', '--format', 'csv', '--data', all).stdout;
    expect(realCsv).not.toContain(SAMPLE_NOTICE);
  });

  /** What the site publishes per year: the validated content bundle (scheme.json) and all the year's data. */
  function downloads(year: number): { scheme: string; data: string } {
    const data = join(TMP, `all-for-scheme-${year}.csv`);
    expect(kaohe('data', '--year', String(year), '--out', data).code).toBe(0);
    const scheme = join(TMP, `scheme-${year}.json`);
    writeFileSync(
      scheme,
      JSON.stringify(loadContent(join(ROOT, 'content', String(year)), { root: ROOT }).model!.bundle),
    );
    return { scheme, data };
  }
  const unflagged = (list: JsonUnit[]) => list.map(({ sample: _, ...rest }) => rest);

  it("--scheme with the site's scheme.json and all its data recomputes the published ranking exactly, per year", () => {
    const y2022 = downloads(2022);
    const y2023 = downloads(2023);
    // 2022 alone: its own scheme and data.
    const from2022 = scoreJson(
      '--tier',
      'county',
      '--period',
      '2022-Y',
      '--scheme',
      y2022.scheme,
      '--data',
      y2022.data,
    );
    expect(unflagged(from2022)).toEqual(unflagged(scoreJson('--tier', 'county', '--period', '2022-Y')));
    expect(from2022.every((u) => (u['scheme'] as { id: string }).id === 'jincheng-2022')).toBe(true);
    // 2023 with 2022 beside it: "two years in a row" reads 2022's own published result.
    const fromContent = scoreJson('--tier', 'county', '--period', '2023-Y');
    const fromDownloads = scoreJson(
      '--tier',
      'county',
      '--period',
      '2023-Y',
      '--scheme',
      y2022.scheme,
      '--data',
      y2022.data,
      '--scheme',
      y2023.scheme,
      '--data',
      y2023.data,
    );
    expect(unflagged(fromDownloads)).toEqual(unflagged(fromContent));
    expect(
      fromContent.some((u) => (u['consequences'] as { label: string }[]).some((c) => c.label.includes('连续两年'))),
    ).toBe(true);
  });

  it('--scheme without --data is a usage error', () => {
    const r = kaohe('score', '--tier', 'county', '--period', '2023-Y', '--scheme', 'scheme.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--scheme 须与 --data 成对使用');
  });

  it('--data with the hand-worked CSV gives 城区 its hand-computed 83.12', () => {
    const list = scoreJson(
      '--tier',
      'county',
      '--period',
      '2023-Y',
      '--data',
      join(ROOT, 'test/fixtures/hand-worked/county-2023-12.csv'),
    );
    expect(totals(list)['chengqu']).toBe(83.12);
  });

  it('scores a period under its own year’s scheme: 2022-Y has 2022’s items, not 2023’s', () => {
    const list = scoreJson('--tier', 'county', '--period', '2022-Y');
    const codes = new Set(list.flatMap((u) => u.items.map((i) => i['code'])));
    expect(codes.has('CO-IND-04')).toBe(true);
    expect(codes.has('CO-ECO-K1')).toBe(false);
    expect(list.every((u) => JSON.stringify(u['scheme']) === '{"id":"jincheng-2022","year":2022}')).toBe(true);
  });

  it('--year and a period of another year are a usage error', () => {
    const r = kaohe('score', '--tier', 'county', '--period', '2022-Y', '--year', '2023');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('年度不一致');
  });

  it('exits 1 with a Chinese message for a period without data', () => {
    const r = kaohe('score', '--tier', 'county', '--period', '2021-Y');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(HAS_CHINESE);
  });
});

describe('kaohe template', () => {
  const parse = (text: string) =>
    Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;

  it('--unit pre-fills the unit’s own items and its published targets', () => {
    const r = kaohe('template', '--unit', 'chengqu', '--period', '2023-12');
    expect(r.code).toBe(0);
    const rows = parse(r.stdout);
    const items = rows.filter((x) => x['事项代码']!.startsWith('CO-'));
    expect(items).toHaveLength(24); // 城区's 24 items (太行一号 weighs 0 for it)
    expect(items.map((x) => x['事项代码'])).toContain('CO-ECO-K1'); // its own key task
    expect(items.map((x) => x['事项代码'])).not.toContain('CO-URB-K1'); // 泽州 and 陵川's key task
    expect(rows.every((x) => x['期间'] === '2023-12' && x['单位代码'] === 'chengqu' && x['单位名称'] === '城区')).toBe(
      true,
    );
    const published = parse(readFileSync(join(CONTENT, '2023/data/2023-12.csv'), 'utf8')).find(
      (x) => x['单位代码'] === 'chengqu' && x['事项代码'] === 'CO-IND-03',
    );
    expect(items.find((x) => x['事项代码'] === 'CO-IND-03')!['目标值']).toBe(published!['目标值']);
  });

  it('a template imports and scores as it is', () => {
    const out = join(TMP, 'template.csv');
    expect(kaohe('template', '--unit', 'chengqu', '--period', '2023-12', '--out', out).code).toBe(0);
    const list = scoreJson('--tier', 'county', '--period', '2023-Y', '--data', out);
    expect(list.map((u) => u.unit)).toContain('chengqu');
  });
});

describe('kaohe score --data: what a spreadsheet did to a unit’s file (issue #15)', () => {
  /** 城区's December template (29 item rows), edited line by line, written to a file. */
  function unitFile(name: string, edit: (lines: string[]) => string[]): string {
    const t = join(TMP, 'template-chengqu.csv');
    expect(kaohe('template', '--unit', 'chengqu', '--period', '2023-12', '--out', t).code).toBe(0);
    const f = join(TMP, name);
    writeFileSync(f, edit(readFileSync(t, 'utf8').split(/\r?\n/)).join('\n'));
    return f;
  }

  it('a row deleted in Excel is scored as missing and warned about, naming the item and its rule', () => {
    const f = unitFile('deleted-row.csv', (ls) => ls.filter((l) => !l.includes(',CO-IND-03,')));
    const r = kaohe('score', '--tier', 'county', '--period', '2023-12', '--data', f);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('提醒：发现 “城区 2023-12 缺少 1 个事项”');
    expect(r.stderr).toContain('CO-IND-03 一般公共预算收入（无数据时按同类单位该项平均得分率计分）');
  });

  it.each(['Dec-23', '12月-23', '45261'])(
    'periods Excel turned into dates (%s) are one problem for the whole column, without the validate hint',
    (shown) => {
      const f = unitFile(`dates-${shown}.csv`, (ls) => ls.map((l) => l.replace(/^2023-12,/, `${shown},`)));
      const r = kaohe('score', '--tier', 'county', '--period', '2023-12', '--data', f);
      expect(r.code).toBe(1);
      const lines = r.stderr.split('\n').filter((l) => l.includes(' — '));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`期间列被电子表格转换成了日期（2023-12 被显示为“${shown}”）`);
      expect(lines[0]).toMatch(/共 \d+ 行（第 2–\d+ 行）/);
      expect(r.stderr).not.toContain('validate');
    },
  );

  it('the same problem on many rows is one line naming the rows (第 2–30 行), with the real count below', () => {
    const f = unitFile('unknown-unit.csv', (ls) => ls.map((l) => l.replace(',chengqu,', ',nosuch,')));
    const r = kaohe('score', '--tier', 'county', '--period', '2023-12', '--data', f);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.includes(' — '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/: 第 2–(\d+) 行（(\d+) 行）: 单位代码 — 发现 “nosuch”，应为 已定义的单位代码/);
    const [, last, n] = /第 2–(\d+) 行（(\d+) 行）/.exec(lines[0]!)!;
    expect(Number(n)).toBe(Number(last) - 1);
    expect(r.stderr).toContain(`有 ${n} 个问题，无法计分`);
  });
});

describe('CSV the CLI writes is safe to open in Excel', () => {
  const HYPERLINK = '=HYPERLINK("http://attacker.test/x","点击查看")';
  const runnable = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell);
  const cells = (csv: string) => Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data.flat();

  it('a formula in a note or a unit name comes out of `kaohe data` and `score --format csv` as text', () => {
    const dir = brokenCopy('formula', '2023/data/2023-06.csv', (t) =>
      t.replace(/^(2023-06,fgw,[^\r\n]*,)(\r?\n)/m, `$1"${HYPERLINK.replace(/"/g, '""')}"$2`),
    );
    writeFileSync(
      join(dir, '2023/units.csv'),
      readFileSync(join(dir, '2023/units.csv'), 'utf8').replace('fgw,市发展和改革委员会,', 'fgw,@市发展和改革委员会,'),
    );
    const all = join(TMP, 'formula-all.csv');
    expect(kaohe('data', '--content', dir, '--out', all).code).toBe(0);
    const data = readFileSync(all, 'utf8');
    expect(data).toContain(`"'${HYPERLINK.replace(/"/g, '""')}"`);
    expect(cells(data).filter(runnable)).toEqual([]);
    const csv = kaohe('score', '--content', dir, '--tier', 'city-dept', '--period', '2023-06', '--format', 'csv');
    expect(csv.code, csv.stderr).toBe(0);
    expect(cells(csv.stdout)).toContain("'@市发展和改革委员会");
    expect(cells(csv.stdout).filter(runnable)).toEqual([]);
  });
});

describe('kaohe announce', () => {
  it('writes Markdown with valid announcement frontmatter and the ranking table', () => {
    const r = kaohe('announce', '--tier', 'county', '--period', '2023-Y', '--date', '2024-01-15');
    expect(r.code).toBe(0);
    const { data, body } = frontmatter(r.stdout);
    const fm = announcementSchema.parse(data);
    expect([fm.tier, fm.period, fm.date.toISOString().slice(0, 10)]).toEqual(['county', '2023-Y', '2024-01-15']);
    expect(fm.title).toContain('2023年度');
    expect(body).toContain('| 排名 | 单位 | 总分 |');
    for (const name of ['城区', '泽州县', '高平市', '阳城县', '陵川县', '沁水县'])
      expect(body).toContain(`| ${name} |`);
  });
});

describe('bad usage exits 2 with a Chinese message', () => {
  it.each([
    { what: 'an unknown command', args: ['frobnicate'] },
    { what: 'an unknown option', args: ['score', '--bogus'] },
    { what: 'score without --tier', args: ['score', '--period', '2023-Y'] },
    { what: 'an unknown tier', args: ['score', '--tier', 'village', '--period', '2023-Y'] },
    { what: 'score without --period', args: ['score', '--tier', 'county'] },
    { what: 'a period that is not one', args: ['score', '--tier', 'county', '--period', '2023-13'] },
    { what: 'an unknown format', args: ['score', '--tier', 'county', '--period', '2023-Y', '--format', 'xml'] },
    {
      what: 'a data file that does not exist',
      args: ['score', '--tier', 'county', '--period', '2023-Y', '--data', '/nonexistent/data.csv'],
    },
    { what: 'a content folder that does not exist', args: ['validate', '--content', '/nonexistent/content'] },
    { what: 'template without --unit', args: ['template'] },
    { what: 'template for an unknown unit', args: ['template', '--unit', 'atlantis'] },
    { what: 'announce without --tier', args: ['announce', '--period', '2023-Y'] },
  ])('$what', ({ args }) => {
    const r = kaohe(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(HAS_CHINESE);
    expect(r.stdout).toBe('');
  });
});

describe('kaohe advise', () => {
  it('prints what one item would take to move up, the margin to the unit below and what the rank hangs on', () => {
    const r = kaohe('advise', '--unit', 'gaoping', '--period', '2023-06');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^高平市 2023年6月 县（市、区）：第 \d 名 \/ 6/);
    expect(r.stdout).toMatch(/示例数据，非官方结果/);
    expect(r.stdout).toMatch(/保住名次：/);
    expect(r.stdout).toMatch(/排名区间 .+：.+。/);
    expect(r.stdout).toMatch(/怎样算出：/);
  });
  it('--format json gives the same advice for machines, labelled as sample', () => {
    const r = kaohe('advise', '--unit', 'zezhou', '--period', '2023-06', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as {
      unit: string;
      rank: number;
      sample: boolean;
      rankGoal: { suggestions: { text: string; rank: number }[] } | null;
    };
    expect(j.unit).toBe('zezhou');
    expect(j.sample).toBe(true);
    for (const s of j.rankGoal?.suggestions ?? []) expect(s.rank).toBeLessThan(j.rank);
  });
  it('needs a known unit', () => {
    const r = kaohe('advise', '--unit', 'nowhere');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/未知单位代码“nowhere”/);
  });
});

describe('kaohe new-year', () => {
  it('scaffolds 2024 from 2023: scheme, tiers, units, weights and rules copied with the year moved, no data; it validates', () => {
    const dir = join(TMP, 'new-year', 'content');
    cpSync(CONTENT, dir, { recursive: true, filter: (src) => !src.includes('/inbox') });
    const r = kaohe('new-year', '2024', '--content', dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已新建 content/2024/');
    const scheme = readFileSync(join(dir, '2024', 'scheme.yaml'), 'utf8');
    expect(scheme).toMatch(/^year: 2024$/m);
    expect(scheme).toMatch(/^id: jincheng-2024$/m);
    expect(scheme).toMatch(/^name: 晋城市2024年度/m);
    expect(readFileSync(join(dir, '2024', 'tiers', 'county.yaml'), 'utf8')).toBe(
      readFileSync(join(dir, '2023', 'tiers', 'county.yaml'), 'utf8'),
    );
    expect(readFileSync(join(dir, '2024', 'weights.csv'), 'utf8')).toBe(
      readFileSync(join(dir, '2023', 'weights.csv'), 'utf8'),
    );
    // Last year's renames are history: the new year's units carry no formerly entries.
    expect(readFileSync(join(dir, '2024', 'units.csv'), 'utf8')).toMatch(/^beishidian,北石店镇,town,chengqu,3,true,$/m);
    // Every unit row is carried over as written, only the formerly cell emptied.
    const unitLines = (y: string) =>
      readFileSync(join(dir, y, 'units.csv'), 'utf8')
        .trim()
        .split(/\r?\n/);
    expect(unitLines('2024')).toEqual(unitLines('2023').map((l, i) => (i === 0 ? l : l.replace(/,[^,]*$/, ','))));
    expect(readdirSync(join(dir, '2024', 'data'))).toEqual(['meta.yaml']);
    const v = kaohe('validate', '--content', dir);
    expect(v.code, v.stdout).toBe(0);
    expect(v.stdout).toContain('晋城市2024年度“1+4”差异化考核体系（content/2024）');
    // Asked again, it does not overwrite the year.
    const again = kaohe('new-year', '2024', '--content', dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已存在');
  });
});
