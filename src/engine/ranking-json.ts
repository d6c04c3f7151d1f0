/**
 * The published ranking download, format `kaohe-ranking/2` (what the site's ranking JSON and
 * `kaohe score --format json` write). Compact, each thing said once, no explanation text (pages and the
 * recompute path generate explanations from these numbers and the scheme), still complete:
 *
 * - A month file holds every unit's total, its parts, rank, grade, rank range, flags and every item's
 *   weight, value, target, score and pace, as rows under `itemColumns`; item names once in `items`, grade
 *   labels once in `grades`. The latest month of the year also carries each unit's advice (提升空间).
 * - A quarter, the mid-year check and the year read the same month's numbers: their files say only what
 *   differs (period, movement, consequences) beside total, rank and grade, and `itemsIn` names the month
 *   file (a sibling) holding the rest.
 */
import type { UnitAdvice } from './advice.ts';
import { compactAdvice } from './advice.ts';
import type { Model } from './model.ts';
import { gradeRuleFor } from './model.ts';
import { dataMonth } from './period.ts';
import { mainSensitivity } from './robustness.ts';
import { labelSampleJson } from './sample-label.ts';
import type { TierResult, UnitResult } from './results.ts';

export const RANKING_FORMAT = 'kaohe-ranking/2';
export const ITEM_COLUMNS = ['item', 'weight', 'actual', 'target', 'score', 'pace'] as const;

type ItemRow = [string, number, number | string | null, number | null, number, string];

/** A unit of a month file. */
export interface RankingUnit {
  unit: string;
  name: string;
  total: number;
  rank: number;
  grade: string;
  previousRank: number | null;
  previousComparable: boolean | null;
  base: number;
  bonus: number;
  deduction: number;
  coefficient: number;
  comprehensive: number | null;
  rankRange: [number, number] | null;
  rankDependsOn: { code: string; share: number }[] | null;
  vetoes: string[];
  consequences: string[];
  /** [item, dispatches lagging in a row, reason]. */
  flagged: [string, number, string][];
  items: ItemRow[];
  advice?: ReturnType<typeof compactAdvice>;
}

/** A unit of a view file (quarter, mid-year, year): what differs from its month, beside total, rank and grade. */
export type RankingViewUnit = Pick<
  RankingUnit,
  'unit' | 'name' | 'total' | 'rank' | 'grade' | 'previousRank' | 'previousComparable' | 'consequences'
>;

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

export interface RankingMonthFile extends RankingHead {
  items: Record<string, string>;
  itemColumns: readonly string[];
  units: RankingUnit[];
}
export interface RankingViewFile extends RankingHead {
  itemsIn: string;
  units: RankingViewUnit[];
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

const viewUnit = (u: UnitResult): RankingViewUnit => ({
  unit: u.unit,
  name: u.name,
  total: u.total,
  rank: u.rank,
  grade: u.grade,
  previousRank: u.previousRank,
  previousComparable: u.previousComparable,
  consequences: u.consequences.map((c) => c.id),
});

/**
 * The download of a tier's ranking in a period. A month carries everything (advice when given); another
 * period kind is a view of its month's file.
 */
export function rankingFile(model: Model, result: TierResult, advice?: ReadonlyMap<string, UnitAdvice>): RankingFile {
  const h = head(model, result);
  if (result.period.kind !== 'month') return { ...h, itemsIn: monthFileOf(result), units: result.units.map(viewUnit) };
  const items: Record<string, string> = {};
  for (const u of result.units) for (const i of u.items) items[i.code] ??= i.name;
  return {
    ...h,
    items,
    itemColumns: ITEM_COLUMNS,
    units: result.units.map((u) => ({
      ...viewUnit(u),
      base: u.base,
      bonus: u.bonus,
      deduction: u.deduction,
      coefficient: u.coefficient,
      comprehensive: u.comprehensive,
      rankRange: u.rankRange,
      rankDependsOn: u.sensitivity
        ? mainSensitivity(u.sensitivity).map((x) => ({ code: x.code, share: x.share }))
        : null,
      vetoes: u.vetoes.map((v) => v.code),
      flagged: u.flagged.map((f): [string, number, string] => [f.code, f.lagStreak, f.reason]),
      // weight: the weight the score used (the exclude rule spreads an item's weight); the nominal one is in scheme.json.
      items: u.items.map((i): ItemRow => [i.code, i.effectiveWeight, i.actual, i.target, i.score, i.pace]),
      ...(advice?.has(u.unit) ? { advice: compactAdvice(advice.get(u.unit)!) } : {}),
    })),
  };
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
