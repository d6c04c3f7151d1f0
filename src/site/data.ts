/**
 * Build-time access to the content and the engine's results. Loaded once per build; any content
 * problem stops the build with every file, row, field and fix listed.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { DataColumns, Model, Scorer, TierResult } from '../engine/index.ts';
import { ContentError, createScorer, indexData, parsePeriod, periodsOfYear } from '../engine/index.ts';
import { loadContent } from '../content-io/load-content.ts';

/** Project root (the folder holding content/); KAOHE_CONTENT points elsewhere for tests and benchmarks. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CONTENT_DIR = process.env.KAOHE_CONTENT ?? join(ROOT, 'content');

export interface SiteData {
  model: Model;
  data: DataColumns;
  scorer: Scorer;
  dataFiles: string[];
  /** Data months, sorted (e.g. 2022-12, 2023-01 … 2023-12). */
  months: string[];
  /** Every period view of the scheme year with data, in reading order. */
  periods: ReturnType<typeof periodsOfYear>;
  latestMonth: string | undefined;
  sample: boolean;
}

let cached: SiteData | undefined;

export function siteData(): SiteData {
  if (cached) return cached;
  const loaded = loadContent(CONTENT_DIR, { root: join(CONTENT_DIR, '..') });
  if (loaded.problems.length > 0 || !loaded.model) throw new ContentError(loaded.problems);
  const model = loaded.model;
  const index = indexData(loaded.data);
  const scorer = createScorer(model, index);
  const months = scorer.months;
  const inYear = months.filter((m) => m.startsWith(`${model.scheme.year}-`));
  const last = inYear.at(-1);
  const periods = last ? periodsOfYear(model.scheme.year, Number(last.slice(5, 7))) : [];
  cached = { model, data: loaded.data, scorer, dataFiles: loaded.dataFiles, months, periods, latestMonth: last, sample: model.bundle.dataMeta.sample };
  return cached;
}

/** The ranking of a tier in a period, from the engine (cached per build). */
export function ranking(tier: string, period: string): TierResult {
  return siteData().scorer.scoreTier(tier, period);
}

export function periodLabel(id: string): string {
  return parsePeriod(id)?.label ?? id;
}
