/**
 * Assessment years (考核年度): each year is a complete content set with its own scheme, units, weights and data.
 * This module checks what spans years and links each year's scorer to the earlier years' own results, so a
 * consequence that reads history ("连续两年靠后") reads last year's rank and grade under last year's scheme,
 * in last year's tier, following units that were renamed or merged (`formerly` in units.csv).
 */
import type { PlacedStanding } from './consequences.ts';
import { placesOf } from './consequences.ts';
import type { DataColumns, DataIndex } from './data.ts';
import type { Model } from './model.ts';
import { dataMonth, parsePeriod } from './period.ts';
import type { Period } from './period.ts';
import type { Problem } from './problem.ts';
import type { Scorer, YearLinks } from './score.ts';
import { createScorer } from './score.ts';

/** One year's content as loaded: the folder it came from (as shown in problems) and its model, when valid. */
export interface YearSource {
  /** The year folder as shown in problems, e.g. content/2023. */
  folder: string;
  model: Model | undefined;
}

/** A valid year: its compiled scheme and its period data. */
export interface YearContent {
  folder: string;
  model: Model;
  data: DataColumns | DataIndex;
}

const MONTH = /^(\d{4})[-/年.]?(\d{1,2})月?$/;

/**
 * Problems that only show across years: two folders claiming one year, a folder named for another year,
 * `formerly` naming a unit unknown to every earlier year or still present the same year. `dataProblems`
 * (the importer's, per year folder) are given a pointer when the period or item code belongs to another year.
 */
export function yearProblems(
  years: readonly YearSource[],
  dataProblems: readonly Problem[] = [],
): { problems: Problem[]; data: Problem[] } {
  const problems: Problem[] = [];
  const byYear = new Map<number, YearSource>();
  const valid = years.filter((y): y is YearSource & { model: Model } => y.model !== undefined);
  for (const y of valid) {
    const year = y.model.scheme.year;
    const file = y.model.bundle.sources.scheme;
    const name = /(\d{4})$/.exec(y.folder)?.[1];
    if (name !== undefined && Number(name) !== year)
      problems.push({
        file,
        field: 'year',
        found: String(year),
        expected: `与所在年度文件夹一致：${name}（或把文件夹改名为 ${year}）`,
      });
    const first = byYear.get(year);
    if (first)
      problems.push({
        file,
        field: 'year',
        found: String(year),
        expected: `每个年度只有一个文件夹：${first.folder} 已是 ${year} 年度，请改为本文件夹对应的年度`,
      });
    else byYear.set(year, y);
  }
  const sorted = [...byYear.values()].sort((a, b) => a.model!.scheme.year - b.model!.scheme.year);
  sorted.forEach((y, i) => {
    const m = y.model!;
    const earlier = sorted.slice(0, i);
    m.units.forEach((u, k) => {
      for (const code of u.formerly ?? []) {
        const at = {
          file: m.bundle.sources.units.file,
          row: m.bundle.sources.units.rows[k],
          field: 'formerly',
          found: code,
        };
        if (code === u.id) problems.push({ ...at, expected: '以前年度用过的其他单位代码（不填本单位自己的代码）' });
        else if (m.unitById.has(code))
          problems.push({
            ...at,
            expected: `已不存在的原单位代码：${code}（${m.unitById.get(code)!.name}）在 ${m.scheme.year} 年度仍是被考核单位，不能同时是 ${u.id} 的前身；合并时删去原单位那一行`,
          });
        else if (!earlier.some((e) => e.model!.unitById.has(code)))
          problems.push({
            ...at,
            expected: earlier.length
              ? `以前年度（${earlier.map((e) => e.model!.scheme.year).join('、')}）units.csv 中的单位代码`
              : `以前年度 units.csv 中的单位代码（${m.scheme.year} 是最早的年度，没有可对应的单位；删去 formerly）`,
          });
      }
    });
  });

  // The importer checks each file against its own year; say where a row of another year belongs.
  const data = dataProblems.map((p) => {
    const own = valid.find((y) => p.file.startsWith(`${y.folder}/`))?.model;
    if (!own || p.found === undefined) return p;
    if (p.field === '期间') {
      const mm = MONTH.exec(p.found.trim());
      const year = mm ? Number(mm[1]) : NaN;
      const other = byYear.get(year);
      if (other && year !== own.scheme.year)
        return { ...p, expected: `${p.expected}；这是 ${year} 年度的数据，应放在 ${other.folder}/data/ 中` };
    }
    if (p.field === '事项代码') {
      const code = p.found.trim();
      if (!own.itemByCode.has(code) && !own.adjustmentByCode.has(code)) {
        const others = valid
          .filter((y) => y.model.itemByCode.has(code) || y.model.adjustmentByCode.has(code))
          .map((y) => y.model.scheme.year);
        if (others.length)
          return {
            ...p,
            expected: `${p.expected}；“${code}”只在 ${others.join('、')} 年度方案中，${own.scheme.year} 年度方案没有这个事项`,
          };
      }
    }
    return p;
  });
  return { problems, data };
}

/** Whether a tier's results in two years can be compared (movement): the same items, by code. */
export function tierComparable(a: Model, b: Model, tier: string): boolean {
  const ta = a.tierById.get(tier);
  const tb = b.tierById.get(tier);
  if (!ta || !tb) return false;
  const codes = (t: typeof ta) =>
    t.items
      .map((i) => i.code)
      .sort()
      .join('|');
  return codes(ta) === codes(tb);
}

/** What changed between consecutive years' tier item lists, for the 不可比 note. */
export function tierItemChanges(before: Model, after: Model, tier: string): { added: string[]; dropped: string[] } {
  const a = new Set(before.tierById.get(tier)?.items.map((i) => i.code) ?? []);
  const b = new Set(after.tierById.get(tier)?.items.map((i) => i.code) ?? []);
  return { added: [...b].filter((c) => !a.has(c)), dropped: [...a].filter((c) => !b.has(c)) };
}

/**
 * The code a unit of year `to` had in year `from` (< to), following `formerly` year by year: the unit's own code
 * when it existed, else the first of its former codes that did. Undefined when it did not exist then.
 */
export function predecessorIn(
  models: ReadonlyMap<number, Model>,
  unit: string,
  to: number,
  from: number,
): string | undefined {
  let code = unit;
  for (let y = to; y > from; y--) {
    const now = models.get(y);
    const before = models.get(y - 1);
    if (!now || !before) return undefined;
    const u = now.unitById.get(code);
    if (!u) return undefined;
    if (before.unitById.has(code)) continue;
    const was = (u.formerly ?? []).find((c) => before.unitById.has(c));
    if (was === undefined) return undefined;
    code = was;
  }
  return code;
}

export interface YearScorers {
  /** Years in order, oldest first. */
  years: number[];
  /** Each year's scorer, under its own scheme, linked to the earlier years' own results. */
  scorers: Map<number, Scorer>;
  models: Map<number, Model>;
  latest: number | undefined;
  /** Each year's links to the earlier years' own results (what its scorer reads as history). */
  links: Map<number, YearLinks>;
  /** The scorer of the year a period belongs to. */
  forPeriod(period: Period): Scorer | undefined;
}

/** A scorer per year; each reads earlier years through the earlier years' own scorers (never re-scoring). */
export function createYearScorers(years: readonly YearContent[]): YearScorers {
  const models = new Map<number, Model>(years.map((y) => [y.model.scheme.year, y.model]));
  const scorers = new Map<number, Scorer>();
  const linksOf = new Map<number, YearLinks>();
  const order = [...models.keys()].sort((a, b) => a - b);
  const placed = new Map<string, Map<string, PlacedStanding> | null>();
  /** Year-end standings of every unit of year y, placed within its own tier that year. */
  function yearEnd(y: number): Map<string, PlacedStanding> | null {
    const key = `${y}`;
    if (placed.has(key)) return placed.get(key)!;
    const s = scorers.get(y);
    let out: Map<string, PlacedStanding> | null = null;
    if (s) {
      for (const t of s.model.scheme.tiers) {
        const list = s.standings(t, `${y}-12`);
        if (!list) continue;
        out ??= new Map();
        for (const [u, p] of placesOf(list)) out.set(u, p);
      }
    }
    placed.set(key, out);
    return out;
  }
  for (const y of order) {
    const model = models.get(y)!;
    const links: YearLinks = {
      earlier(tier, year) {
        if (year >= y) return null;
        const all = yearEnd(year);
        if (!all) return null;
        const out = new Map<string, PlacedStanding>();
        for (const u of model.unitsByTier.get(tier) ?? []) {
          const was = predecessorIn(models, u.id, y, year);
          const got = was !== undefined ? all.get(was) : undefined;
          if (got) out.set(u.id, { ...got, unit: u.id });
        }
        return out;
      },
      previous(tier, period) {
        const before = models.get(period.year);
        const s = scorers.get(period.year);
        if (!before || !s || period.year >= y) return null;
        const list = s.standings(tier, dataMonth(period));
        if (!list) return null;
        if (!tierComparable(before, model, tier)) return { comparable: false };
        const byCode = new Map(list.map((x) => [x.unit, x]));
        const ranks = new Map<string, number>();
        for (const u of model.unitsByTier.get(tier) ?? []) {
          const was = predecessorIn(models, u.id, y, period.year);
          const got = was !== undefined ? byCode.get(was) : undefined;
          if (got?.hasData) ranks.set(u.id, got.rank);
        }
        return { comparable: true, ranks };
      },
    };
    const content = years.find((c) => c.model === model)!;
    linksOf.set(y, links);
    scorers.set(y, createScorer(model, content.data, { links }));
  }
  return {
    years: order,
    scorers,
    models,
    latest: order.at(-1),
    links: linksOf,
    forPeriod: (p) => scorers.get(p.year),
  };
}

/**
 * What one year's scorer reads of the earlier years, written out so that a scorer elsewhere (the self-check in
 * the browser, which has only its own year's scheme and data) reads exactly the same history: per tier, the
 * earlier years' year-end standings its consequences look back on, and the previous year's ranks at the months
 * a first period of the year compares with (December for months, Q4 and the year; June for the mid-year check).
 * Rows are [unit (this year's code), rank, grade, vetoed 0/1, hasData 0/1, n, worse] (see PlacedStanding).
 */
export interface YearHistoryJson {
  format: 'kaohe-year-history/1';
  year: number;
  tiers: Record<
    string,
    {
      /** Earlier year → its year-end standings, or null when that year has no result. */
      earlier: Record<string, HistoryRow[] | null>;
      /** Month of the earlier year (YYYY-MM) → ranks by this year's unit code, false when not comparable, null without data. */
      previous: Record<string, Record<string, number> | false | null>;
    }
  >;
}
export type HistoryRow = [string, number, string, 0 | 1, 0 | 1, number, number];

/** The history year `year` reads (see YearHistoryJson); undefined when the year is not among the scorers. */
export function yearHistory(ys: YearScorers, year: number): YearHistoryJson | undefined {
  const links = ys.links.get(year);
  const model = ys.models.get(year);
  if (!links || !model) return undefined;
  // Consequences look back `years` - 1 years at most; movement looks back one year.
  const back = Math.max(1, ...model.scheme.consequences.map((c) => c.when.years)) - 1;
  const earlierYears = ys.years.filter((y) => y < year && y >= year - back);
  const prevYear = year - 1;
  const tiers: YearHistoryJson['tiers'] = {};
  for (const t of model.tiers) {
    const earlier: Record<string, HistoryRow[] | null> = {};
    for (const y of earlierYears) {
      const got = links.earlier(t.id, y);
      earlier[String(y)] = got
        ? [...got.values()].map((p) => [p.unit, p.rank, p.grade, p.vetoed ? 1 : 0, p.hasData ? 1 : 0, p.n, p.worse])
        : null;
    }
    const previous: Record<string, Record<string, number> | false | null> = {};
    if (ys.models.has(prevYear))
      for (const id of [`${prevYear}-12`, `${prevYear}-H1`]) {
        const period = parsePeriod(id)!;
        const got = links.previous(t.id, period);
        previous[dataMonth(period)] = got === null ? null : got.comparable ? Object.fromEntries(got.ranks) : false;
      }
    tiers[t.id] = { earlier, previous };
  }
  return { format: 'kaohe-year-history/1', year, tiers };
}

/** A scorer's links read from a written history: the same answers as the links it was written from. */
export function linksFromHistory(h: YearHistoryJson): YearLinks {
  const placed = new Map<string, Map<string, PlacedStanding> | null>();
  return {
    earlier(tier, year) {
      const key = `${tier}|${year}`;
      if (!placed.has(key)) {
        const rows = h.tiers[tier]?.earlier[String(year)];
        placed.set(
          key,
          rows
            ? new Map(
                rows.map(([unit, rank, grade, vetoed, hasData, n, worse]) => [
                  unit,
                  { unit, rank, grade, vetoed: vetoed === 1, hasData: hasData === 1, n, worse },
                ]),
              )
            : null,
        );
      }
      return placed.get(key)!;
    },
    previous(tier, period) {
      if (period.year >= h.year) return null;
      const got = h.tiers[tier]?.previous[dataMonth(period)];
      if (got === undefined || got === null) return null;
      if (got === false) return { comparable: false };
      return { comparable: true, ranks: new Map(Object.entries(got)) };
    },
  };
}
