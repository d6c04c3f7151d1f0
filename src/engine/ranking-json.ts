/**
 * The published ranking download, format `kaohe-ranking/3` (what the site's ranking JSON and
 * `kaohe score --format json` write). Compact, each thing said once: no explanation text (pages and the
 * recompute path generate explanations from these numbers and the scheme's standards), no input the other
 * downloads already hold (values and targets are the month's data file, nominal weights scheme.json), still
 * complete for what the scoring produced:
 *
 * - One row per unit under `unitColumns` (column names once, not per unit). A month file holds every unit's
 *   total, its parts, rank, grade, rank range, flags and every item's score and pace, aligned to the item
 *   list `items` (names once) and the pace list `paces`; weights only where the weight used differs from
 *   the nominal one. The latest month of the year also carries each unit's advice (提升空间).
 * - A quarter, the mid-year check and the year read the same month's numbers: their files say only what
 *   differs (period, movement, consequences) beside total, rank and grade, and `itemsIn` names the month
 *   file (a sibling) holding the rest.
 *
 * Version 2 carried per unit the keys of every field and per item its code, weight, value and target:
 * 1.29 MB for a month of 1,570 towns, 0.35 MB now (351 KB).
 */
import type { UnitAdvice } from './advice.ts';
import { compactAdvice } from './advice.ts';
import type { Model } from './model.ts';
import { gradeRuleFor } from './model.ts';
import { dataMonth } from './period.ts';
import { mainSensitivity } from './robustness.ts';
import { labelSampleJson } from './sample-label.ts';
import type { TierResult, UnitResult } from './results.ts';
import type { PaceStatus } from './schemas/common.ts';
import { PACE_CODES } from './pace.ts';

export const RANKING_FORMAT = 'kaohe-ranking/3';

/** Columns of a view file's unit rows (quarter, mid-year, year): what differs from its month, beside total, rank and grade. */
export const VIEW_COLUMNS = [
  'unit',
  'name',
  'total',
  'rank',
  'grade',
  'previousRank',
  'previousComparable',
  'consequences',
] as const;
/**
 * Columns of a month file's unit rows. `scores` and `paces` hold one entry per item of the file's `items`, in
 * that order (null: not the unit's item); a pace is an index into the file's `paces`. `weights` is null, or the
 * weight used for the items where it is not the unit's nominal weight (the exclude rule spreads a missing item's
 * weight; the nominal weights are in scheme.json). The latest month with data adds `advice`.
 */
export const MONTH_COLUMNS = [
  ...VIEW_COLUMNS,
  'base',
  'bonus',
  'deduction',
  'coefficient',
  'comprehensive',
  'rankRange',
  'rankDependsOn',
  'vetoes',
  'flagged',
  'scores',
  'paces',
  'weights',
] as const;

/** One item of a unit, as a reader gets it back from a month file. */
export interface RankingItem {
  code: string;
  score: number;
  pace: PaceStatus;
  /** Only where the weight used is not the nominal one. */
  weight?: number;
}

/** A unit of a month file, as a reader gets it back (rankingUnits). */
export interface RankingUnit {
  unit: string;
  name: string;
  total: number;
  rank: number;
  grade: string;
  previousRank: number | null;
  previousComparable: boolean | null;
  consequences: string[];
  base: number;
  bonus: number;
  deduction: number;
  coefficient: number;
  comprehensive: number | null;
  rankRange: [number, number] | null;
  /** [level-1 code, share] of what the rank hangs on. */
  rankDependsOn: [string, number][] | null;
  vetoes: string[];
  /** [item, dispatches lagging in a row, reason]. */
  flagged: [string, number, string][];
  items: RankingItem[];
  advice?: FileAdvice | null;
}

/** A suggestion of the advice column: [item, value now, suggested value, rank it gives, grade label it gives]. */
export const SUGGESTION_COLUMNS = ['item', 'from', 'to', 'rank', 'grade'] as const;
type Suggestion = NonNullable<NonNullable<ReturnType<typeof compactAdvice>['keep']>['overtake']>;
type SuggestionRow = [string, Suggestion['from'], Suggestion['to'], Suggestion['rank'], Suggestion['grade']];
type Goal = NonNullable<ReturnType<typeof compactAdvice>['rank']>;

/** A unit's advice (提升空间) in the file: compactAdvice with each suggestion a row under SUGGESTION_COLUMNS. */
export interface FileAdvice {
  rank: { target: Goal['target']; suggestions: SuggestionRow[]; pair: SuggestionRow[] | null } | null;
  grade: { target: Goal['target']; suggestions: SuggestionRow[]; pair: SuggestionRow[] | null } | null;
  gradeNote: ReturnType<typeof compactAdvice>['gradeNote'];
  keep: { margin: number; below: string[]; overtake: SuggestionRow | null } | null;
}

function fileAdvice(a: UnitAdvice): FileAdvice {
  const c = compactAdvice(a);
  const row = (x: Suggestion): SuggestionRow => [x.item, x.from, x.to, x.rank, x.grade];
  const goal = (g: Goal | null) =>
    g ? { target: g.target, suggestions: g.suggestions.map(row), pair: g.pair?.map(row) ?? null } : null;
  return {
    rank: goal(c.rank),
    grade: goal(c.grade),
    gradeNote: c.gradeNote,
    keep: c.keep
      ? { margin: c.keep.margin, below: c.keep.below, overtake: c.keep.overtake ? row(c.keep.overtake) : null }
      : null,
  };
}

/** A unit of a view file (quarter, mid-year, year). */
export type RankingViewUnit = Pick<RankingUnit, (typeof VIEW_COLUMNS)[number]>;

export interface RankingHead {
  format: typeof RANKING_FORMAT;
  scheme: { id: string; year: number };
  tier: string;
  tierName: string;
  period: string;
  periodLabel: string;
  kind: string;
  /** The data month the period reads. */
  month: string;
  decimals: number;
  /** Grade id → label. */
  grades: Record<string, string>;
  /** Consequence id → label, for the ids the units carry. */
  consequences: Record<string, string>;
}

/** A unit row: its values in the order of the file's `unitColumns`. */
export type RankingRow = unknown[];

export interface RankingMonthFile extends RankingHead {
  /** Item code → name; the order of every unit's `scores` and `paces`. */
  items: Record<string, string>;
  /** Pace ids; a unit's `paces` are indexes into this list. */
  paces: readonly PaceStatus[];
  /** With advice: the columns of each suggestion row. */
  suggestionColumns?: readonly string[];
  unitColumns: readonly string[];
  units: RankingRow[];
}
export interface RankingViewFile extends RankingHead {
  /** The month file (a sibling) holding the rest of the numbers. */
  itemsIn: string;
  unitColumns: readonly string[];
  units: RankingRow[];
}
export type RankingFile = RankingMonthFile | RankingViewFile;

/** The file name (in the same folder) of a period's month file. */
export const monthFileOf = (result: TierResult) => `${dataMonth(result.period)}.json`;

function head(model: Model, result: TierResult): RankingHead {
  const consequences: Record<string, string> = {};
  for (const u of result.units) for (const c of u.consequences) consequences[c.id] = c.label;
  return {
    format: RANKING_FORMAT,
    scheme: result.scheme,
    tier: result.tier,
    tierName: result.tierName,
    period: result.period.id,
    periodLabel: result.period.label,
    kind: result.period.kind,
    month: dataMonth(result.period),
    decimals: result.decimals,
    grades: Object.fromEntries(gradeRuleFor(model.scheme, result.tier).bands.map((b) => [b.id, b.label])),
    consequences,
  };
}

const viewRow = (u: UnitResult): RankingRow => [
  u.unit,
  u.name,
  u.total,
  u.rank,
  u.grade,
  u.previousRank,
  u.previousComparable,
  u.consequences.map((c) => c.id),
];

/**
 * The download of a tier's ranking in a period. A month carries everything (advice when given); another
 * period kind is a view of its month's file.
 */
export function rankingFile(model: Model, result: TierResult, advice?: ReadonlyMap<string, UnitAdvice>): RankingFile {
  const h = head(model, result);
  if (result.period.kind !== 'month')
    return { ...h, itemsIn: monthFileOf(result), unitColumns: VIEW_COLUMNS, units: result.units.map(viewRow) };
  const items: Record<string, string> = {};
  for (const u of result.units) for (const i of u.items) items[i.code] ??= i.name;
  const codes = Object.keys(items);
  const slot = new Map(codes.map((c, i) => [c, i]));
  const paceNo = new Map(PACE_CODES.map((p, i) => [p, i]));
  return {
    ...h,
    items,
    paces: PACE_CODES,
    ...(advice ? { suggestionColumns: SUGGESTION_COLUMNS } : {}),
    unitColumns: advice ? [...MONTH_COLUMNS, 'advice'] : MONTH_COLUMNS,
    units: result.units.map((u) => {
      const scores: (number | null)[] = codes.map(() => null);
      const paces: (number | null)[] = codes.map(() => null);
      let weights: Record<string, number> | null = null;
      for (const i of u.items) {
        const k = slot.get(i.code)!;
        scores[k] = i.score;
        paces[k] = paceNo.get(i.pace)!;
        if (i.effectiveWeight !== i.weight) (weights ??= {})[i.code] = i.effectiveWeight;
      }
      const row: RankingRow = [
        ...viewRow(u),
        u.base,
        u.bonus,
        u.deduction,
        u.coefficient,
        u.comprehensive,
        u.rankRange,
        u.sensitivity ? mainSensitivity(u.sensitivity).map((x) => [x.code, x.share]) : null,
        u.vetoes.map((v) => v.code),
        u.flagged.map((f) => [f.code, f.lagStreak, f.reason]),
        scores,
        paces,
        weights,
      ];
      if (advice) row.push(advice.has(u.unit) ? fileAdvice(advice.get(u.unit)!) : null);
      return row;
    }),
  };
}

/** A file's unit rows as records keyed by its `unitColumns` (any version-3 file, month or view). */
export function unitRecords(file: {
  unitColumns: readonly string[];
  units: readonly RankingRow[];
}): Record<string, unknown>[] {
  const cols = file.unitColumns;
  return file.units.map((row) => Object.fromEntries(cols.map((c, i) => [c, row[i]])));
}

/** A month file's units with their items back as records (code, score, pace, and weight where it differs). */
export function rankingUnits(file: RankingMonthFile): RankingUnit[] {
  const codes = Object.keys(file.items);
  return unitRecords(file).map((r) => {
    const { scores, paces, weights, ...rest } = r as Record<string, unknown> & {
      scores: (number | null)[];
      paces: (number | null)[];
      weights: Record<string, number> | null;
    };
    const items: RankingItem[] = [];
    codes.forEach((code, k) => {
      if (scores[k] === null || scores[k] === undefined) return;
      const w = weights?.[code];
      items.push({ code, score: scores[k], pace: file.paces[paces[k]!]!, ...(w !== undefined ? { weight: w } : {}) });
    });
    return { ...(rest as unknown as Omit<RankingUnit, 'items'>), items };
  });
}

/**
 * The file's text: the head one key a line, then one unit a line (small, readable, diffable), sample data
 * labelled inside (`"sample": true, "notice": …`).
 */
export function* rankingFileChunks(file: RankingFile, sample: boolean): Generator<string> {
  const { units, ...rest } = file;
  const top = labelSampleJson(rest, sample) as Record<string, unknown>;
  yield '{\n';
  for (const [k, v] of Object.entries(top)) yield `${JSON.stringify(k)}: ${JSON.stringify(v)},\n`;
  yield '"units": [\n';
  for (let i = 0; i < units.length; i++) yield `${JSON.stringify(units[i])}${i < units.length - 1 ? ',' : ''}\n`;
  yield ']\n}\n';
}

export function rankingFileText(file: RankingFile, sample: boolean): string {
  let s = '';
  for (const c of rankingFileChunks(file, sample)) s += c;
  return s;
}
