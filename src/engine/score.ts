import type { DataColumns, DataIndex } from './data.ts';
import { indexData } from './data.ts';
import type { YearStanding } from './consequences.ts';
import type { Model } from './model.ts';
import { gradeRuleFor } from './model.ts';
import { dataMonth, monthId, parsePeriod } from './period.ts';
import type { ScoreOptions, TierResult, UnitResult } from './results.ts';
import type { History, MonthResult, Stages, YearLinks } from './scorer/assemble.ts';
import { monthResult, periodView, resolveOptions } from './scorer/assemble.ts';
import type { ScorerStats } from './scorer/context.ts';
import { scoringContext } from './scorer/context.ts';
import { explainItem, unitSteps } from './scorer/explain.ts';
import type { Layout } from './scorer/layout.ts';
import { tierLayout } from './scorer/layout.ts';
import type { MonthEval } from './scorer/month.ts';
import { evaluateMonth } from './scorer/month.ts';
import type { Robustness } from './scorer/robust.ts';
import { robustnessOf } from './scorer/robust.ts';
import type { Core } from './scorer/totals.ts';
import { rankMonth } from './scorer/totals.ts';

export type { Explanation, FlaggedItem, ItemResult, ScoreOptions, TierResult, UnitResult } from './results.ts';
export type { YearLinks } from './scorer/assemble.ts';
export type { ScorerStats } from './scorer/context.ts';
export { barredGrades, gradeOf, unitTotal } from './scorer/totals.ts';

/**
 * The numbers behind a tier's ranking in a month, read-only: per slot (unit offset + item) and per unit.
 * What advice needs to recompute a ranking exactly after a change of one value.
 */
export interface TierNumbers
  extends
    Pick<MonthEval, 'monthNo' | 'units' | 'lists' | 'offsets' | 'rows' | 'has' | 'measure'>,
    Pick<
      Core,
      | 'fraction'
      | 'effectiveWeight'
      | 'score'
      | 'base'
      | 'bonus'
      | 'deduction'
      | 'coefficient'
      | 'total'
      | 'rank'
      | 'grade'
      | 'barred'
      | 'reported'
      | 'reportedSum'
    >,
    Pick<Layout, 'rule' | 'itemNo' | 'items' | 'level1No' | 'level1'> {
  tier: string;
  month: string;
}

export interface ScorerOptions {
  /** Other years' results; without it, history comes from this data set alone (earlier months it holds). */
  links?: YearLinks;
}

export interface Scorer {
  model: Model;
  index: DataIndex;
  /** Months with data, sorted. */
  months: string[];
  scoreTier(tier: string, period: string, options?: ScoreOptions): TierResult;
  /** The numbers behind a tier's ranking in a data month (cached, shared: read-only). */
  numbers(tier: string, month: string): TierNumbers;
  /**
   * One unit's result in a period with every item's explanation, built on demand from the shared numbers
   * (the same as `scoreTier(tier, period)`'s entry for the unit); undefined when the unit is not in the tier.
   */
  explainUnit(
    tier: string,
    period: string,
    unit: string,
    options?: Pick<ScoreOptions, 'robustness' | 'history'>,
  ): UnitResult | undefined;
  hasMonth(month: string): boolean;
  /** Every unit's rank, grade, veto and data flag in a tier and data month (e.g. 2022-12: the year end), or null without data. */
  standings(tier: string, month: string): YearStanding[] | null;
  /** What has been computed so far (to check that nothing is computed twice). */
  stats(): ScorerStats;
}

/** A cache of one stage: computed on first use per key, then shared. */
function cached<T>(compute: (tierId: string, month: string) => T): (tierId: string, month: string) => T {
  const cache = new Map<string, T>();
  return (tierId, month) => {
    const key = `${tierId}|${month}`;
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = compute(tierId, month);
      cache.set(key, hit);
    }
    return hit;
  };
}

/**
 * A scorer over one data set: the cache orchestrator of the scoring stages (scorer/: layout, month
 * evaluation, adjustments and totals, explanations, flags, assembly). Each tier's layout is built once,
 * each tier and month evaluated, ranked and drawn for robustness once; results are assembled once per
 * tier, month and options, and period views derived from them. Results are shared: treat them as read-only.
 */
export function createScorer(model: Model, data: DataColumns | DataIndex, scorerOptions: ScorerOptions = {}): Scorer {
  const index = 'byMonth' in data ? data : indexData(data);
  const ctx = scoringContext(model, index);
  const { counts, scheme } = ctx;
  const layouts = new Map<string, Layout>();
  const layout = (tierId: string): Layout => {
    let hit = layouts.get(tierId);
    if (!hit) {
      hit = tierLayout(ctx, tierId);
      layouts.set(tierId, hit);
    }
    return hit;
  };
  const stages: Stages = {
    layout,
    monthEval: cached<MonthEval>((tierId, month) => {
      counts.monthEvals++;
      return evaluateMonth(ctx, layout(tierId), month);
    }),
    core: cached<Core>((tierId, month) => {
      const c = rankMonth(ctx, layout(tierId), stages.monthEval(tierId, month), tierId, month);
      counts.cores++;
      return c;
    }),
    robustness: cached<Robustness>((tierId, month) => {
      const r = robustnessOf(ctx, tierId, layout(tierId), stages.core(tierId, month));
      counts.robustness++;
      return r;
    }),
  };
  const history: History = {
    links: scorerOptions.links,
    standingsOf: (tierId, year) => standingsAt(tierId, monthId(year, 12)),
  };
  const resultCache = new Map<string, TierResult>();
  const monthCache = new Map<string, MonthResult>();

  function scoreTier(tierId: string, periodId: string, options: ScoreOptions = {}): TierResult {
    const tier = model.tierById.get(tierId);
    if (!tier) throw new Error(`Unknown tier "${tierId}"; expected one of ${[...model.tierById.keys()].join(', ')}`);
    const period = parsePeriod(periodId);
    if (!period) throw new Error(`Invalid period "${periodId}"; expected 2023-06, 2023-Q2, 2023-H1 or 2023-Y`);
    const o = resolveOptions(options);
    const cacheKey = `${tierId}|${period.id}|${o.key}`;
    const hit = o.cacheable ? resultCache.get(cacheKey) : undefined;
    if (hit) return hit;
    const month = dataMonth(period);
    const monthKey = `${tierId}|${month}|${o.key}`;
    let base = o.cacheable ? monthCache.get(monthKey) : undefined;
    if (!base) {
      base = monthResult(ctx, stages, tierId, month, o);
      if (o.cacheable) monthCache.set(monthKey, base);
    }
    const out = periodView(ctx, stages, history, tierId, period, base, o.history);
    if (o.cacheable) resultCache.set(cacheKey, out);
    return out;
  }

  const unitIndex = new WeakMap<TierResult, Map<string, UnitResult>>();
  function explainUnit(
    tierId: string,
    periodId: string,
    unitId: string,
    options: Pick<ScoreOptions, 'robustness' | 'history'> = {},
  ): UnitResult | undefined {
    const result = scoreTier(tierId, periodId, { ...options, explain: false });
    // Each unit page asks for one unit: look it up by id in the (cached) result, not through its list.
    let byUnit = unitIndex.get(result);
    if (!byUnit) {
      byUnit = new Map();
      for (const x of result.units) if (!byUnit.has(x.unit)) byUnit.set(x.unit, x);
      unitIndex.set(result, byUnit);
    }
    const u = byUnit.get(unitId);
    if (!u) return undefined;
    const L = layout(tierId);
    const k = L.unitNo.get(unitId)!;
    const c = stages.core(tierId, dataMonth(result.period));
    const o = c.ev.offsets[k]!;
    counts.explained++;
    const list = c.ev.lists[k]!;
    const steps = unitSteps(ctx, c, k, unitId);
    return {
      ...u,
      items: u.items.map((it, j) => ({ ...it, explanation: explainItem(ctx, list[j]!, c.ev, o + j, c, L) })),
      explanation: { formula: steps.at(-1)!, steps },
    };
  }

  function standingsAt(tierId: string, m: string): YearStanding[] | null {
    if (!index.byMonth.has(m) || !model.tierById.has(tierId)) return null;
    const c = stages.core(tierId, m);
    const rule = gradeRuleFor(scheme, tierId);
    return c.ev.units.map((u, k) => ({
      unit: u,
      rank: c.rank[k]!,
      grade: rule.bands[c.grade[k]!]!.id,
      vetoed: c.vetoes[k]!.length > 0,
      hasData: c.hasData[k] === 1,
    }));
  }

  function numbers(tierId: string, month: string): TierNumbers {
    const c = stages.core(tierId, month);
    const L = layout(tierId);
    const ev = c.ev;
    return {
      tier: tierId,
      month,
      monthNo: ev.monthNo,
      units: ev.units,
      lists: ev.lists,
      offsets: ev.offsets,
      rows: ev.rows,
      has: ev.has,
      measure: ev.measure,
      fraction: c.fraction,
      effectiveWeight: c.effectiveWeight,
      score: c.score,
      rule: L.rule,
      itemNo: L.itemNo,
      items: L.items,
      level1No: L.level1No,
      level1: L.level1,
      base: c.base,
      bonus: c.bonus,
      deduction: c.deduction,
      coefficient: c.coefficient,
      total: c.total,
      rank: c.rank,
      grade: c.grade,
      barred: c.barred,
      reported: c.reported,
      reportedSum: c.reportedSum,
    };
  }

  const months = [...index.byMonth.keys()].sort();
  return {
    model,
    index,
    months,
    scoreTier,
    numbers,
    explainUnit,
    hasMonth: (m) => index.byMonth.has(m),
    standings: standingsAt,
    stats: () => ({ ...counts }),
  };
}
