import type { DataColumns, DataIndex } from '../data.ts';
import type { Model } from '../model.ts';
import { monthOf, yearOf } from '../period.ts';
import type { Scheme } from '../schemas/scheme.ts';

/** Counters of a scorer's work: evaluations and rankings are computed once per tier and month. */
export interface ScorerStats {
  /** Tier × month evaluations of every unit's items. */
  monthEvals: number;
  /** Tier × month totals, ranks and grades. */
  cores: number;
  /** Tier × month results (unit and item records, rank ranges), per set of options. */
  monthResults: number;
  /** Robustness draws run (once per tier and month). */
  robustness: number;
  /** Period views made from a month result (month, quarter, mid-year, year). */
  views: number;
  /** Units explained on demand (explainUnit). */
  explained: number;
}

/** What every stage of one scorer reads: the model, the indexed data and lookups built once. */
export interface ScoringContext {
  model: Model;
  scheme: Scheme;
  index: DataIndex;
  /** The data columns (index.data). */
  d: DataColumns;
  /** Items in the data dictionary (the row stride of a month table). */
  nItems: number;
  decimals: number;
  /** Year → month number → month id, for the months with data. */
  monthIds: Record<number, string[]>;
  /** Item code → its level-1 indicator code. */
  level1Of: Map<string, string>;
  counts: ScorerStats;
}

export function scoringContext(model: Model, index: DataIndex): ScoringContext {
  const monthIds: Record<number, string[]> = {};
  for (const m of index.byMonth.keys()) (monthIds[yearOf(m)] ??= [])[monthOf(m)] = m;
  const level1Of = new Map<string, string>();
  for (const { item } of model.itemByCode.values())
    level1Of.set(item.code, model.indicatorByCode.get(item.indicator)?.level1 ?? item.indicator);
  return {
    model,
    scheme: model.scheme,
    index,
    d: index.data,
    nItems: index.data.items.length,
    decimals: model.scheme.decimals,
    monthIds,
    level1Of,
    counts: { monthEvals: 0, cores: 0, monthResults: 0, robustness: 0, views: 0, explained: 0 },
  };
}

/** A data row's actual value as written: its text, its number, or null when empty or absent. */
export function actualOf(d: DataColumns, row: number): string | number | null {
  return row >= 0 ? (d.text.get(row) ?? (Number.isNaN(d.actual[row]!) ? null : d.actual[row]!)) : null;
}

/** A data row's annual target, or null when empty or absent. */
export function targetOf(d: DataColumns, row: number): number | null {
  return row >= 0 && !Number.isNaN(d.target[row]!) ? d.target[row]! : null;
}
