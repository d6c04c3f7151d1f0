import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaledContent } from '../bench/scaled-content.ts';
import { ROOT } from '../e2e/site-harness.ts';

/**
 * A large site (more units than LARGE_SITE_UNITS, src/site/scale.ts) publishes its month files instead of
 * all.csv. Checked on a small scaled site (120 units) built as a large one by lowering the threshold: the
 * site's own routes publish no all.csv, and the month files they write, read as a folder (`kaohe score
 * --data <folder>`, or as several --data files), recompute every published ranking exactly.
 */
const work = mkdtempSync(join(tmpdir(), 'kaohe-large-site-'));
const { dir: contentDir } = scaledContent(work, 120);
process.env.KAOHE_CONTENT = contentDir;
process.env.KAOHE_LARGE_SITE_UNITS = '100';

type Route = { GET: (ctx: { params: Record<string, string | undefined> }) => Response | Promise<Response> };
const text = async (r: Response | Promise<Response>) => (await r).text();

describe('a large site: month files instead of all.csv', () => {
  const out = join(work, 'downloads');
  const monthsDir = join(out, 'data-2023');
  let site: typeof import('../../src/site/data.ts');
  let downloads: typeof import('../../src/site/downloads.ts');
  let engine: typeof import('../../src/engine/index.ts');
  let published: typeof import('../../src/content-io/load-published.ts');
  let months: string[] = [];
  const files: { tier: string; period: string; path: string }[] = [];

  beforeAll(async () => {
    site = await import('../../src/site/data.ts');
    downloads = await import('../../src/site/downloads.ts');
    engine = await import('../../src/engine/index.ts');
    published = await import('../../src/content-io/load-published.ts');
    const monthRoute = (await import('../../src/pages/data/[month].csv.ts')) as unknown as Route;
    const schemeRoute = (await import('../../src/pages/[...year]/scheme.json.ts')) as unknown as Route;
    mkdirSync(monthsDir, { recursive: true });
    // What the site writes, through its own routes: scheme.json and every month file of the year.
    writeFileSync(join(out, 'scheme-2023.json'), await text(schemeRoute.GET({ params: { year: undefined } })));
    months = site.siteData().months;
    for (const month of months)
      writeFileSync(join(monthsDir, `${month}.csv`), await text(monthRoute.GET({ params: { month } })));
    for (const t of site.siteData().model.tiers) {
      mkdirSync(join(out, 'rankings', t.id), { recursive: true });
      for (const p of site.siteData().periods) {
        const path = join(out, 'rankings', t.id, `${p.id}.json`);
        writeFileSync(path, engine.rankingFileText(downloads.rankingDownload(t.id, p.id), site.siteData().sample));
        files.push({ tier: t.id, period: p.id, path });
      }
    }
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('publishes no all.csv at either address, and says so on the recompute page', async () => {
    expect(site.siteData().model.units.length).toBe(120);
    const allCsv = await import('../../src/pages/[...year]/data/all.csv.ts');
    expect(allCsv.getStaticPaths()).toEqual([]);
    expect(downloads.publishesAllCsv(2023)).toBe(false);
    // The default threshold keeps all.csv for a site this size.
    const scale = await import('../../src/site/scale.ts');
    expect(scale.isLargeYear(120, scale.LARGE_SITE_UNITS)).toBe(false);
    expect(scale.isLargeYear(scale.LARGE_SITE_UNITS + 1, scale.LARGE_SITE_UNITS)).toBe(true);
    expect(months.length).toBeGreaterThanOrEqual(12);
  });

  it('writes month files with 单位代码 and 事项代码 and without 单位名称 or 事项名称 (each code named in scheme.json), 示例数据 on every row', () => {
    expect(downloads.dataNames(2023)).toBe(false);
    // scheme.json as published, compiled by the engine as the recompute path does: every code of the files is named there.
    const l = published.loadPublished(join(out, 'scheme-2023.json'), monthsDir);
    const model = l.model!;
    const names = new Set([
      ...[...model.itemByCode.values()].map((x) => x.item.name),
      ...model.units.map((u) => u.name),
    ]);
    for (const month of months) {
      const lines = readFileSync(join(monthsDir, `${month}.csv`), 'utf8')
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n');
      expect(lines[0], month).toBe('期间,单位代码,事项代码,实际值,目标值,备注,数据性质');
      expect(lines.length, month).toBeGreaterThan(1);
      for (const l of lines.slice(1)) {
        const cells = l.split(',');
        expect(cells.at(-1), l).toBe('示例数据');
        expect(model.unitById.has(cells[1]!), l).toBe(true);
        expect(model.itemByCode.has(cells[2]!) || model.adjustmentByCode.has(cells[2]!), l).toBe(true);
        expect(
          cells.some((c) => names.has(c)),
          l,
        ).toBe(false);
      }
    }
  });

  it('recomputes every published ranking exactly from the folder of month files', () => {
    const l = published.loadPublished(join(out, 'scheme-2023.json'), monthsDir);
    expect(l.problems).toEqual([]);
    expect(l.dataFiles).toHaveLength(months.length);
    const scorer = engine
      .createYearScorers([{ folder: '2023', model: l.model!, data: engine.indexData(l.data) }])
      .scorers.get(2023)!;
    for (const f of files) {
      const got = published.readPublishedRanking(f.path);
      if ('problems' in got) throw new Error(JSON.stringify(got.problems));
      const r = scorer.scoreTier(f.tier, f.period, { explain: false });
      const advice = f.period === downloads.adviceMonth(2023) ? engine.adviseTier(scorer, f.tier, f.period) : undefined;
      const {
        sample: _s,
        notice: _n,
        ...want
      } = JSON.parse(engine.rankingFileText(got.ranking.file, false)) as Record<string, unknown>;
      expect(JSON.parse(engine.rankingFileText(engine.rankingFile(scorer.model, r, advice), false)), f.path).toEqual(
        want,
      );
    }
    expect(files.length).toBe(4 * site.siteData().periods.length);
  });

  it('kaohe score --data <folder> (or the month files one by one) prints the published file', () => {
    const cli = (...data: string[]) =>
      execFileSync(
        process.execPath,
        [
          '--experimental-strip-types',
          '--no-warnings',
          'src/cli/main.ts',
          'score',
          '--scheme',
          join(out, 'scheme-2023.json'),
          ...data.flatMap((d) => ['--data', d]),
          '--tier',
          'town',
          '--period',
          '2023-Q2',
          '--format',
          'json',
        ],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, KAOHE_CONTENT: '' } },
      );
    const file = files.find((f) => f.tier === 'town' && f.period === '2023-Q2')!;
    const {
      sample: _s,
      notice: _n,
      ...want
    } = JSON.parse(
      engine.rankingFileText(
        (
          published.readPublishedRanking(file.path) as {
            ranking: { file: import('../../src/engine/index.ts').RankingFile };
          }
        ).ranking.file,
        false,
      ),
    ) as Record<string, unknown>;
    expect(JSON.parse(cli(monthsDir))).toEqual(want);
    expect(JSON.parse(cli(...months.map((m) => join(monthsDir, `${m}.csv`))))).toEqual(want);
  });
});
