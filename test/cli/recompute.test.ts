import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPublished, readPublishedRanking } from '../../src/content-io/load-published.ts';
import {
  adviseTier,
  createYearScorers,
  dataToCsv,
  indexData,
  labelSampleDataCsv,
  rankingFile,
  rankingFileText,
} from '../../src/engine/index.ts';
import { rankingDownload, adviceMonth } from '../../src/site/downloads.ts';
import { siteData } from '../../src/site/data.ts';

/**
 * The downloads alone recompute every published ranking: each year's scheme.json and all-period data CSV
 * (as the site writes them) give, through the recompute path (load-published, the engine), exactly the
 * numbers of every ranking JSON the site publishes — month files and the views that point at them.
 */
describe('recompute from the downloads', () => {
  const site = siteData();
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-published-'));
  // What the site publishes: per year the scheme and the data; per tier and period the ranking JSON.
  const years = site.years.years.filter((y) => y.model);
  for (const y of years) {
    writeFileSync(join(dir, `scheme-${y.model!.scheme.year}.json`), JSON.stringify(y.model!.bundle));
    writeFileSync(
      join(dir, `all-${y.model!.scheme.year}.csv`),
      labelSampleDataCsv(dataToCsv(y.data, y.model!), y.model!.bundle.dataMeta.sample),
    );
  }
  for (const t of site.model.tiers) {
    mkdirSync(join(dir, 'rankings', t.id), { recursive: true });
    for (const p of site.periods)
      writeFileSync(
        join(dir, 'rankings', t.id, `${p.id}.json`),
        rankingFileText(rankingDownload(t.id, p.id), site.sample),
      );
  }

  it('gives every published ranking’s numbers, month files and views alike', () => {
    const loaded = years.map((y) => {
      const year = y.model!.scheme.year;
      const l = loadPublished(join(dir, `scheme-${year}.json`), join(dir, `all-${year}.csv`));
      expect(l.problems).toEqual([]);
      return { folder: String(year), model: l.model!, data: indexData(l.data) };
    });
    const scorer = createYearScorers(loaded).scorers.get(site.model.scheme.year)!;
    const model = scorer.model;
    let files = 0;
    for (const t of readdirSync(join(dir, 'rankings')))
      for (const f of readdirSync(join(dir, 'rankings', t))) {
        const period = f.replace(/\.json$/, '');
        const got = readPublishedRanking(join(dir, 'rankings', t, f));
        if ('problems' in got) throw new Error(JSON.stringify(got.problems));
        const r = scorer.scoreTier(t, period, { explain: false });
        const advice = period === adviceMonth(site.year) ? adviseTier(scorer, t, period) : undefined;
        // The whole file again, from the downloads (their data carries the sample label, the recompute none).
        const {
          sample: _s,
          notice: _n,
          ...published
        } = JSON.parse(rankingFileText(got.ranking.file, false)) as Record<string, unknown>;
        expect(JSON.parse(rankingFileText(rankingFile(model, r, advice), false)), `${t} ${period}`).toEqual(published);
        // And every unit's numbers, a view's filled in from its month file.
        expect(
          got.ranking.units.map((u) => [
            u.unit,
            u.total,
            u.rank,
            u.grade,
            u.previousRank,
            u.base,
            Object.fromEntries(u.items.map((i) => [i.code, [i.score, i.pace, i.weight ?? null]])),
          ]),
          `${t} ${period}`,
        ).toEqual(
          r.units.map((u) => [
            u.unit,
            u.total,
            u.rank,
            u.grade,
            u.previousRank,
            u.base,
            Object.fromEntries(
              u.items.map((i) => [
                i.code,
                [i.score, i.pace, i.effectiveWeight !== i.weight ? i.effectiveWeight : null],
              ]),
            ),
          ]),
        );
        files++;
      }
    expect(files).toBe(site.model.tiers.length * site.periods.length);
  });

  it('says which file and field is wrong in a damaged download', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format":"kaohe-ranking/3","tier":"county"}');
    const got = readPublishedRanking(bad);
    expect('problems' in got && got.problems[0]!.file).toBe(bad);
    writeFileSync(
      bad,
      '{"format":"kaohe-ranking/3","itemsIn":"nowhere.json","scheme":{"id":"x","year":2023},"tier":"county","period":"2023-Q2","kind":"quarter","month":"2023-06","decimals":2,"unitColumns":["unit","name","total","rank","grade","previousRank","previousComparable","consequences"],"units":[]}',
    );
    const missing = readPublishedRanking(bad);
    expect('problems' in missing && missing.problems[0]!.file).toMatch(/nowhere\.json$/);
    // A version-2 file (per-unit objects) is named as the old format, not misread.
    writeFileSync(bad, '{"format":"kaohe-ranking/2","units":[{"unit":"chengqu","total":1}]}');
    const old = readPublishedRanking(bad);
    expect('problems' in old && old.problems.map((p) => p.expected).join()).toContain('kaohe-ranking/3');
  });
});
