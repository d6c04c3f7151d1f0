/**
 * The site's downloads that anyone recomputes from (scheme.json, every period's data, the ranking JSON),
 * built by the engine's own writers. Large ones are handed to the host as streams of chunks, never as
 * one string: a province's files are tens of megabytes.
 */
import { dataMonth, parsePeriod, rankingFile, rankingFileChunks } from '../engine/index.ts';
import type { RankingFile } from '../engine/index.ts';
import { ranking, siteData, tierAdvice, yearOf } from './data.ts';

/**
 * Advice (提升空间) is about what to do next: the ranking JSON carries it for the latest month with data
 * of its year (what the unit pages show), as `kaohe score --format json` does; `kaohe advise --period` gives any month.
 */
export function adviceMonth(year: number): string | undefined {
  return siteData(year).latestMonth;
}

/** The ranking download of a tier and period (`kaohe-ranking/2`). */
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
