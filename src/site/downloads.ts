/**
 * The site's downloads that anyone recomputes from (scheme.json, every period's data, the ranking JSON),
 * built by the engine's own writers. Large ones are handed to the host as streams of chunks, never as
 * one string: a province's files are tens of megabytes.
 */
import {
  dataMonth,
  dataToCsv,
  labelSampleDataCsv,
  parsePeriod,
  rankingFile,
  rankingFileChunks,
} from '../engine/index.ts';
import type { DataColumns, RankingFile } from '../engine/index.ts';
import { latestYear, ranking, siteData, siteYears, tierAdvice, yearOf } from './data.ts';
import { isLargeYear } from './scale.ts';

/**
 * Whether a year publishes its whole-year data file all.csv (both addresses). A large site (more than
 * LARGE_SITE_UNITS units, src/site/scale.ts) does not: its month files are the download.
 */
export function publishesAllCsv(year: number): boolean {
  return !isLargeYear(siteData(year).model.units.length);
}

/**
 * Whether a year's data files (month files, all.csv) carry 单位名称 and 事项名称. A large site's do not: the
 * columns would repeat a unit's and an item's name on every row (事项名称 40 B of 100 a row, 12 MiB at 2,000
 * units; 单位名称 another 4 MiB); the importer reads 单位代码 and 事项代码, and each code's name is on the year's
 * units and indicators pages and in its scheme.json.
 */
export function dataNames(year: number): boolean {
  return !isLargeYear(siteData(year).model.units.length);
}

/** A year's period data as the site publishes it (a month file or all.csv): import format, labelled 示例数据 when sample. */
export function dataDownload(year: number, data: DataColumns): string {
  const d = siteData(year);
  return labelSampleDataCsv(dataToCsv(data, d.model, { names: dataNames(year) }), d.sample);
}

/** The year a year-level route parameter names (undefined: the latest year, at today's URLs). */
export const yearOfParam = (year: string | undefined) => (year === undefined ? latestYear() : Number(year));

/**
 * The self-check's inputs (bundle.json, history.json, published/) are the island's data, not user downloads:
 * published once per year, under the year's permanent prefix (/2023/self-check/…), which the latest year's
 * /self-check/ and its /2023/self-check/ both read, and which stays when the next year takes today's URLs.
 */
export const selfCheckDataDir = (year: number) => `${year}/self-check/`;

/** getStaticPaths of the self-check's data files: every year at its permanent prefix only (extra params per year). */
export function selfCheckDataPaths<P extends Record<string, string>>(
  each: (year: number) => P[] = () => [{} as P],
): { params: P & { year: string } }[] {
  return siteYears().flatMap((y) => each(y).map((p) => ({ params: { ...p, year: String(y) } })));
}

/**
 * Advice (提升空间) is about what to do next: the ranking JSON carries it for the latest month with data
 * of its year (what the unit pages show), as `kaohe score --format json` does; `kaohe advise --period` gives any month.
 */
export function adviceMonth(year: number): string | undefined {
  return siteData(year).latestMonth;
}

/** The ranking download of a tier and period (`kaohe-ranking/3`). */
export function rankingDownload(tier: string, period: string): RankingFile {
  const r = ranking(tier, period);
  const p = parsePeriod(period)!;
  const advice = p.kind === 'month' && dataMonth(p) === adviceMonth(p.year) ? tierAdvice(tier, period) : undefined;
  return rankingFile(siteData(p.year).model, r, advice);
}

/** Text chunks as a stream of UTF-8 bytes, in pieces of about 256 KB. */
export function streamOf(chunks: Iterable<string>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.iterator]();
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let s = '';
      for (;;) {
        const n = it.next();
        if (n.done) {
          if (s) controller.enqueue(enc.encode(s));
          controller.close();
          return;
        }
        s += n.value;
        if (s.length >= 1 << 18) {
          controller.enqueue(enc.encode(s));
          return;
        }
      }
    },
  });
}

export function rankingResponse(tier: string, period: string): Response {
  return new Response(streamOf(rankingFileChunks(rankingDownload(tier, period), siteData(yearOf(period)).sample)), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}
