/**
 * Build-time access to the content and the engine's results. Loaded once per build; any content
 * problem stops the build with every file, row, field and fix listed.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { DataColumns, Model, Period, Scorer, TierResult, UnitAdvice, UnitResult } from '../engine/index.ts';
import {
  adviseTier,
  ColumnsBuilder,
  ContentError,
  dataMonth,
  formatProblem,
  parsePeriod,
  periodsOfYear,
  periodsWithData,
  yearOf,
  predecessorIn,
} from '../engine/index.ts';
import type { LoadedYears } from '../content-io/load-content.ts';
import { loadYears, yearDirsOf, yearScorersOf } from '../content-io/load-content.ts';
import type { YearScorers } from '../engine/index.ts';
import { activeYear, setActiveYear, setYears } from './year-context.ts';

/** Project root (the folder holding content/); KAOHE_CONTENT points elsewhere for tests and benchmarks. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CONTENT_DIR = process.env.KAOHE_CONTENT ?? join(ROOT, 'content');
/** The year folders (content/2022, content/2023); a single-year content folder is its own. */
export const YEAR_DIRS = yearDirsOf(CONTENT_DIR);
/** The latest year's folder (content/2023): the year the site shows by default. */
export const YEAR_DIR = YEAR_DIRS.at(-1) ?? CONTENT_DIR;
/** A year's folder (its scheme's year is checked to match by loadYears). */
export function yearDir(year: number): string {
  return YEAR_DIRS.find((d) => d.endsWith(String(year))) ?? YEAR_DIR;
}

export interface SiteData {
  /** The year this data set is (each year has its own). */
  year: number;
  model: Model;
  data: DataColumns;
  scorer: Scorer;
  dataFiles: string[];
  /** Data months of this year, sorted (e.g. 2023-01 … 2023-12). */
  months: string[];
  /** Every period view of the year with data, in reading order. */
  periods: ReturnType<typeof periodsOfYear>;
  latestMonth: string | undefined;
  sample: boolean;
  /** Every year of the content, and each year's scorer linked to the earlier years' own results. */
  years: LoadedYears;
  yearScorers: YearScorers;
}

let loadedYears: { years: LoadedYears; yearScorers: YearScorers } | undefined;
const perYear = new Map<number, SiteData>();

function allYears(): { years: LoadedYears; yearScorers: YearScorers } {
  if (loadedYears) return loadedYears;
  const years = loadYears(CONTENT_DIR, { root: join(CONTENT_DIR, '..') });
  if (years.problems.length > 0 || !years.latest?.model) {
    const err: ContentError & { hint?: string } = new ContentError(years.problems);
    // The problems are the message; a stack trace would only bury them.
    err.stack = `${err.name}: ${err.message}`;
    err.hint = '按提示修改 content/ 下的文件后重新构建；npm run kaohe -- validate 可单独校验内容。';
    throw err;
  }
  // Warnings (values outside an item's plausible range) go to the build log; they never stop the build.
  for (const w of years.years.flatMap((y) => y.warnings ?? [])) console.warn(formatProblem(w));
  loadedYears = { years, yearScorers: yearScorersOf(years) };
  setYears(loadedYears.yearScorers.latest);
  return loadedYears;
}

/** Every year of the content, oldest first. */
export function siteYears(): number[] {
  return allYears().yearScorers.years;
}

/** The latest year: the one at today's URLs. */
export function latestYear(): number {
  return allYears().yearScorers.latest!;
}

/**
 * The page's year, set first thing in a page's frontmatter (the year route parameter: undefined for the latest,
 * '2022' for an earlier one; or a period's year). Components and links of the page then read that year.
 */
export function useYear(year?: string | number): number {
  const all = allYears().yearScorers;
  const y = year === undefined || year === '' ? all.latest! : Number(year);
  if (!all.scorers.has(y)) throw new Error(`No content for year ${year}; years: ${all.years.join(', ')}`);
  setActiveYear(y);
  return y;
}

/** The year route parameter of a year-level page: undefined (today's URLs) for the latest year, '2022' for another. */
export function yearParam(year: number): string | undefined {
  return year === latestYear() ? undefined : String(year);
}

/**
 * The latest year's pages are also published under their permanent year prefix (/2023/units/zezhou/ beside
 * /units/zezhou/): when the next year arrives and takes today's URLs, a link to the year as it was keeps working.
 */
export function withPermanentYear<T extends { params: { year: string | undefined } }>(paths: T[]): T[] {
  const latest = latestYear();
  return [
    ...paths,
    ...paths
      .filter((p) => p.params.year === undefined)
      .map((p) => ({ ...p, params: { ...p.params, year: String(latest) } })),
  ];
}

/** getStaticPaths of a year-level page: one path per year (the latest without prefix, and with it), with extra params per year. */
export function yearPaths<P extends Record<string, string | undefined>>(
  each: (year: number) => P[] = () => [{} as P],
): { params: P & { year: string | undefined } }[] {
  return withPermanentYear(
    siteYears().flatMap((y) => {
      useYear(y);
      const out = each(y).map((p) => ({ params: { ...p, year: yearParam(y) } }));
      useYear();
      return out;
    }),
  );
}

/** The data of a year (default: the page's year). */
export function siteData(year?: number): SiteData {
  const { years, yearScorers } = allYears();
  const y = year ?? activeYear() ?? yearScorers.latest!;
  const hit = perYear.get(y);
  if (hit) return hit;
  const loaded = years.years.find((x) => x.year === y)!;
  const model = loaded.model!;
  const scorer = yearScorers.scorers.get(y)!;
  const months = scorer.months.filter((m) => m.startsWith(`${y}-`));
  const last = months.at(-1);
  const periods = periodsWithData(y, months);
  const out: SiteData = {
    year: y,
    model,
    data: loaded.data,
    scorer,
    dataFiles: loaded.dataFiles,
    months,
    periods,
    latestMonth: last,
    sample: model.bundle.dataMeta.sample,
    years,
    yearScorers,
  };
  perYear.set(y, out);
  return out;
}

/** The year a period or month id belongs to (2023-06, 2023-Y → 2023). */
export { yearOf };

/**
 * The ranking of a tier in a period, from the engine: computed once per tier and data month and shared by
 * every page and view that reads it (no item explanations: see `explainedUnit`).
 */
export function ranking(tier: string, period: string): TierResult {
  return siteData(yearOf(period)).scorer.scoreTier(tier, period, { explain: false });
}

/** One unit's result with every item's explanation (its unit page), built on demand from the shared numbers. */
export function explainedUnit(tier: string, period: string, unit: string): UnitResult | undefined {
  return siteData(yearOf(period)).scorer.explainUnit(tier, period, unit);
}

const adviceCache = new Map<string, Map<string, UnitAdvice>>();

/** Advice (提升空间) for every unit of a tier in a period, from the engine (cached per tier and data month). */
export function tierAdvice(tier: string, period: string): Map<string, UnitAdvice> {
  const p = parsePeriod(period);
  const key = `${tier}|${p ? dataMonth(p) : period}`;
  let hit = adviceCache.get(key);
  if (!hit) {
    hit = adviseTier(siteData(yearOf(period)).scorer, tier, period);
    adviceCache.set(key, hit);
  }
  return hit;
}

export function periodLabel(id: string): string {
  return parsePeriod(id)?.label ?? id;
}

/** Months of the scheme year that have data, in order (the monitoring boards). */
export function dataMonths(year?: number): string[] {
  return siteData(year).months;
}

/** Every data month of every year, sorted (the per-month downloads: their URLs name the month). */
export function allDataMonths(): string[] {
  return siteYears().flatMap((y) => siteData(y).months);
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
export function unitHistory(
  unitId: string,
  kinds: Period['kind'][] = ['month', 'quarter', 'mid-year', 'year'],
  year?: number,
): HistoryPoint[] {
  const { model, periods } = siteData(year);
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
  const d = siteData(yearOf(month)).data;
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
export function latestPeriod(kind: Period['kind'] = 'month', year?: number): Period | undefined {
  return siteData(year)
    .periods.filter((p) => p.kind === kind)
    .at(-1);
}

export interface YearStandingRow {
  year: number;
  /** The unit's code that year (formerly, when renamed). */
  code: string;
  name: string;
  tier: string;
  tierName: string;
  /** The year's latest period with data (the year end when the year is complete). */
  period: Period;
  result: UnitResult;
  of: number;
}

/** A unit's result in every year, each under its own scheme (latest period of each year), following formerly. */
export function unitYears(unitId: string, year = latestYear()): YearStandingRow[] {
  const { yearScorers } = allYears();
  const out: YearStandingRow[] = [];
  for (const y of yearScorers.years) {
    const code =
      y === year
        ? unitId
        : y < year
          ? predecessorIn(yearScorers.models, unitId, year, y)
          : successorIn(yearScorers.models, unitId, year, y);
    if (code === undefined) continue;
    const d = siteData(y);
    const u = d.model.unitById.get(code);
    const p = d.periods.find((x) => x.kind === 'year') ?? d.periods.at(-1);
    if (!u || !p) continue;
    const r = unitResult(u.tier, p.id, code);
    if (!r) continue;
    out.push({
      year: y,
      code,
      name: u.name,
      tier: u.tier,
      tierName: d.model.tierById.get(u.tier)?.name ?? u.tier,
      period: p,
      result: r,
      of: ranking(u.tier, p.id).units.length,
    });
  }
  return out;
}

/** The code a unit of `from` has in a later year `to`: the same code, or the unit that names it in formerly. */
function successorIn(models: ReadonlyMap<number, Model>, unit: string, from: number, to: number): string | undefined {
  let code = unit;
  for (let y = from + 1; y <= to; y++) {
    const m = models.get(y);
    if (!m) return undefined;
    if (m.unitById.has(code)) continue;
    const next = m.units.find((u) => (u.formerly ?? []).includes(code));
    if (!next) return undefined;
    code = next.id;
  }
  return code;
}

/** A content collection entry's year: ids are `2023/rules/01-overview` (one folder per year). */
function entryYear(id: string): number | undefined {
  const m = /^(\d{4})\//.exec(id);
  return m ? Number(m[1]) : undefined;
}

/** The entries of one year's folder (a single-year content folder: all of them). */
export function entriesOfYear<T extends { id: string }>(
  entries: readonly T[],
  year: number = activeYear() ?? latestYear(),
): T[] {
  return entries.filter((e) => {
    const y = entryYear(e.id);
    return y === undefined || y === year;
  });
}

/** The page id of an entry: its file name (01-overview). */
export function entrySlug(id: string): string {
  return id.split('/').at(-1)!;
}
