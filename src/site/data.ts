/**
 * Build-time access to the content and the engine's results. Loaded once per build; any content
 * problem stops the build with every file, row, field and fix listed.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { DataColumns, Model, Period, Scorer, TierResult, UnitAdvice, UnitResult } from '../engine/index.ts';
import { adviseTier, ColumnsBuilder, ContentError, dataMonth, formatProblem, parsePeriod, periodsOfYear } from '../engine/index.ts';
import type { LoadedYears } from '../content-io/load-content.ts';
import { loadYears, yearDirsOf, yearScorersOf } from '../content-io/load-content.ts';
import type { YearScorers } from '../engine/index.ts';

/** Project root (the folder holding content/); KAOHE_CONTENT points elsewhere for tests and benchmarks. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CONTENT_DIR = process.env.KAOHE_CONTENT ?? join(ROOT, 'content');
/** The latest year's folder (content/2023): the year the site shows by default. */
export const YEAR_DIR = yearDirsOf(CONTENT_DIR).at(-1) ?? CONTENT_DIR;

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
  /** Every year of the content, and each year's scorer linked to the earlier years' own results. */
  years: LoadedYears;
  yearScorers: YearScorers;
}

let cached: SiteData | undefined;

export function siteData(): SiteData {
  if (cached) return cached;
  const years = loadYears(CONTENT_DIR, { root: join(CONTENT_DIR, '..') });
  const loaded = years.latest;
  if (years.problems.length > 0 || !loaded?.model) {
    const err: ContentError & { hint?: string } = new ContentError(years.problems);
    // The problems are the message; a stack trace would only bury them.
    err.stack = `${err.name}: ${err.message}`;
    err.hint = '按提示修改 content/ 下的文件后重新构建；npm run kaohe -- validate 可单独校验内容。';
    throw err;
  }
  // Warnings (values outside an item's plausible range) go to the build log; they never stop the build.
  for (const w of years.years.flatMap((y) => y.warnings ?? [])) console.warn(formatProblem(w));
  const model = loaded.model;
  const yearScorers = yearScorersOf(years);
  const scorer = yearScorers.scorers.get(model.scheme.year)!;
  const months = scorer.months;
  const inYear = months.filter((m) => m.startsWith(`${model.scheme.year}-`));
  const last = inYear.at(-1);
  const periods = last ? periodsOfYear(model.scheme.year, Number(last.slice(5, 7))) : [];
  cached = { model, data: loaded.data, scorer, dataFiles: loaded.dataFiles, months, periods, latestMonth: last, sample: model.bundle.dataMeta.sample, years, yearScorers };
  return cached;
}

/**
 * The ranking of a tier in a period, from the engine: computed once per tier and data month and shared by
 * every page and view that reads it (no item explanations: see `explainedUnit`).
 */
export function ranking(tier: string, period: string): TierResult {
  return siteData().scorer.scoreTier(tier, period, { explain: false });
}

/** One unit's result with every item's explanation (its unit page), built on demand from the shared numbers. */
export function explainedUnit(tier: string, period: string, unit: string): UnitResult | undefined {
  return siteData().scorer.explainUnit(tier, period, unit);
}

const adviceCache = new Map<string, Map<string, UnitAdvice>>();

/** Advice (提升空间) for every unit of a tier in a period, from the engine (cached per tier and data month). */
export function tierAdvice(tier: string, period: string): Map<string, UnitAdvice> {
  const p = parsePeriod(period);
  const key = `${tier}|${p ? dataMonth(p) : period}`;
  let hit = adviceCache.get(key);
  if (!hit) { hit = adviseTier(siteData().scorer, tier, period); adviceCache.set(key, hit); }
  return hit;
}

export function periodLabel(id: string): string {
  return parsePeriod(id)?.label ?? id;
}

/** Months of the scheme year that have data, in order (the monitoring boards). */
export function dataMonths(): string[] {
  const { months, model } = siteData();
  return months.filter((m) => m.startsWith(`${model.scheme.year}-`));
}

const unitIndexCache = new Map<string, Map<string, UnitResult>>();

/** One unit's result in a tier ranking (O(1) after the first call per tier and period). */
export function unitResult(tier: string, period: string, unit: string): UnitResult | undefined {
  const key = `${tier}|${period}`;
  let m = unitIndexCache.get(key);
  if (!m) {
    m = new Map(ranking(tier, period).units.map((u) => [u.unit, u]));
    unitIndexCache.set(key, m);
  }
  return m.get(unit);
}

export interface HistoryPoint {
  period: Period;
  result: UnitResult;
  /** Number of units ranked in the tier that period. */
  of: number;
}

/** A unit's results across every period of the year, in reading order (the unit page's history). */
export function unitHistory(unitId: string, kinds: Period['kind'][] = ['month', 'quarter', 'mid-year', 'year']): HistoryPoint[] {
  const { model, periods } = siteData();
  const unit = model.unitById.get(unitId);
  if (!unit) return [];
  const out: HistoryPoint[] = [];
  for (const p of periods) {
    if (!kinds.includes(p.kind)) continue;
    const r = unitResult(unit.tier, p.id, unitId);
    if (r) out.push({ period: p, result: r, of: ranking(unit.tier, p.id).units.length });
  }
  return out;
}

const monthDataCache = new Map<string, DataColumns>();

/** The published input rows of one month (for the per-month data CSV download). */
export function dataOfMonth(month: string): DataColumns {
  const hit = monthDataCache.get(month);
  if (hit) return hit;
  const d = siteData().data;
  const pi = d.periods.indexOf(month);
  const b = new ColumnsBuilder(1024);
  if (pi >= 0)
    for (let i = 0; i < d.length; i++) {
      if (d.period[i] === pi) b.pushFrom(d, i);
    }
  const out = b.finish();
  monthDataCache.set(month, out);
  return out;
}

/** The latest period of each kind with data (home page and index links). */
export function latestPeriod(kind: Period['kind'] = 'month'): Period | undefined {
  return siteData().periods.filter((p) => p.kind === kind).at(-1);
}
