import type { PlacedStanding, YearStanding } from '../consequences.ts';
import { consequencesOf } from '../consequences.ts';
import { gradeRuleFor } from '../model.ts';
import { PACE_CODES } from '../pace.ts';
import type { Period } from '../period.ts';
import { dataMonth, monthId, parsePeriod, previousPeriod } from '../period.ts';
import type { FlaggedItem, ItemResult, ScoreOptions, TierResult, UnitResult } from '../results.ts';
import { roundScore } from '../rounding.ts';
import type { ScoringContext } from './context.ts';
import { actualOf, targetOf } from './context.ts';
import { explainItem, unitSteps } from './explain.ts';
import { flagOf, isBehind } from './flags.ts';
import type { Layout } from './layout.ts';
import type { MonthEval } from './month.ts';
import type { Robustness } from './robust.ts';
import type { Core } from './totals.ts';

/** The cached stages a result is assembled from (the scorer's caches: each computed once per tier and month). */
export interface Stages {
  layout(tierId: string): Layout;
  monthEval(tierId: string, month: string): MonthEval;
  core(tierId: string, month: string): Core;
  robustness(tierId: string, month: string): Robustness;
}

/** A tier's results in a data month, shared by every period view that reads the month (month, quarter, mid-year, year). */
export interface MonthResult {
  units: UnitResult[];
  /** Per entry of `units` (best first): the unit's number k in the tier. */
  unitNo: Int32Array;
  level1Average: TierResult['level1Average'];
}

/** Score options resolved: what to compute, per unit where asked, and the cache key when the options are plain values. */
export interface ResolvedOptions {
  robust: boolean;
  history: boolean;
  explainUnit: (unit: string) => boolean;
  itemsFor: (unit: string) => boolean;
  cacheable: boolean;
  key: string;
}

export function resolveOptions(options: ScoreOptions): ResolvedOptions {
  const explainOpt = options.explain ?? true;
  const itemsOpt = options.items ?? true;
  return {
    robust: options.robustness ?? true,
    history: options.history ?? true,
    explainUnit: typeof explainOpt === 'function' ? explainOpt : () => explainOpt,
    itemsFor: typeof itemsOpt === 'function' ? itemsOpt : () => itemsOpt,
    cacheable: typeof explainOpt !== 'function' && typeof itemsOpt !== 'function',
    key: `${options.robustness ?? true}|${options.history ?? true}|${explainOpt}|${itemsOpt}`,
  };
}

/** The year's month evaluations up to `month`, latest first, stopping at the first month without data. */
function monthsBack(ctx: ScoringContext, stages: Stages, tierId: string, year: number, month: number): MonthEval[] {
  const out: MonthEval[] = [];
  for (let m = month; m >= 1; m--) {
    const id = ctx.monthIds[year]?.[m];
    if (id === undefined) break;
    out.push(stages.monthEval(tierId, id));
  }
  return out;
}

/** Unit and item records of a tier in a data month: totals, flags, indicator subtotals, explanations, rank ranges. */
export function monthResult(
  ctx: ScoringContext,
  stages: Stages,
  tierId: string,
  month: string,
  o: ResolvedOptions,
): MonthResult {
  const { model, scheme, index, d, decimals } = ctx;
  const tier = model.tierById.get(tierId)!;
  const period = parsePeriod(month)!;
  const { robust, history, explainUnit, itemsFor } = o;
  ctx.counts.monthResults++;
  const c = stages.core(tierId, month);
  const ev = c.ev;
  const rule = gradeRuleFor(scheme, tierId);
  const midMonth = scheme.flag.midYearMonth;
  const midEval =
    history && period.month >= midMonth && index.byMonth.has(monthId(period.year, midMonth))
      ? stages.monthEval(tierId, monthId(period.year, midMonth))
      : undefined;
  const share = scheme.comprehensive?.tiers[tierId]?.share;

  const L = stages.layout(tierId);
  const back = history ? monthsBack(ctx, stages, tierId, period.year, period.month) : [];
  const l1Weight = new Float64Array(L.level1.length);
  const l1Score = new Float64Array(L.level1.length);
  const l1Seen = new Uint8Array(L.level1.length);
  const results: UnitResult[] = ev.units.map((unitId, k) => {
    const unit = model.unitById.get(unitId)!;
    const list = ev.lists[k]!;
    const o = ev.offsets[k]!;
    const explainThis = explainUnit(unitId);
    const detail = itemsFor(unitId);
    l1Weight.fill(0);
    l1Score.fill(0);
    l1Seen.fill(0);
    const items: ItemResult[] = [];
    const flagged: FlaggedItem[] = [];
    let hasData = false;
    for (let j = 0; j < list.length; j++) {
      const x = list[j]!;
      const slot = o + j;
      const has = ev.has[slot] === 1;
      if (has) hasData = true;
      const l1 = L.level1No[slot]!;
      l1Weight[l1]! += x.weight;
      l1Score[l1]! += c.score[slot]!;
      l1Seen[l1] = 1;
      const behind = isBehind(ev.pace[slot]!);
      if (!detail && !behind) continue;
      const pace = PACE_CODES[ev.pace[slot]!]!;
      const { lagStreak, reason: flagReason } = flagOf(scheme, slot, behind, history, back, midEval);
      if (flagReason !== null)
        flagged.push({ code: x.item.code, name: x.item.name, pace, lagStreak, reason: flagReason });
      if (!detail) continue;
      const row = ev.rows[slot]!;
      items.push({
        code: x.item.code,
        name: x.item.name,
        indicator: x.item.indicator,
        level1: L.level1[l1]!,
        weight: x.weight,
        effectiveWeight: c.effectiveWeight[slot]!,
        overridden: x.overridden,
        specific: x.specific,
        actual: actualOf(d, row),
        target: targetOf(d, row),
        expected: has ? ev.expected[slot]! : 0,
        periodTarget: has && Number.isFinite(ev.periodTarget[slot]!) ? ev.periodTarget[slot]! : null,
        actualProgress:
          has &&
          x.item.cumulative &&
          x.item.direction === 'higher' &&
          row >= 0 &&
          d.target[row]! > 0 &&
          Number.isFinite(d.actual[row]!)
            ? d.actual[row]! / d.target[row]!
            : null,
        fraction: c.fraction[slot]!,
        score: c.score[slot]!,
        missing: !has,
        pace,
        progress: has && Number.isFinite(ev.progress[slot]!) ? ev.progress[slot]! : null,
        lagStreak,
        flagged: flagReason !== null,
        flagReason,
        explanation: explainThis ? explainItem(ctx, x, ev, slot, c, L) : null,
      });
    }
    const indicators = tier.indicators.flatMap((ind, i) =>
      l1Seen[i]
        ? [
            {
              code: ind.code,
              name: ind.name,
              weight: roundScore(l1Weight[i]!, 6),
              score: roundScore(l1Score[i]!, decimals),
              share: l1Weight[i]! > 0 ? l1Score[i]! / l1Weight[i]! : 0,
            },
          ]
        : [],
    );
    const steps = explainThis ? unitSteps(ctx, c, k, unitId) : [];
    const band = rule.bands[c.grade[k]!]!;
    return {
      unit: unitId,
      name: unit.name,
      tier: tierId,
      period: period.id,
      periodLabel: period.label,
      hasData,
      base: roundScore(c.base[k]!, decimals),
      bonus: c.bonus[k]!,
      deduction: c.deduction[k]!,
      coefficient: c.coefficient[k]!,
      total: c.total[k]!,
      rank: c.rank[k]!,
      previousRank: null,
      previousComparable: null,
      grade: band.id,
      gradeLabel: band.label,
      vetoes: c.vetoes[k]!,
      rankRange: null,
      sensitivity: null,
      consequences: [],
      comprehensive: share !== undefined ? roundScore(c.total[k]! * share, decimals) : null,
      flagged,
      indicators,
      items,
      explanation: { formula: steps.at(-1) ?? '', steps },
    };
  });

  if (robust && results.length > 1) {
    const { ranges, sensitivity } = stages.robustness(tierId, month);
    results.forEach((r, k) => {
      const g = ranges[k]!;
      r.rankRange = [Math.min(g[0], r.rank), Math.max(g[1], r.rank)];
      r.sensitivity = sensitivity[k]!;
    });
  } else if (robust)
    results.forEach((r) => {
      r.rankRange = [r.rank, r.rank];
      r.sensitivity = [];
    });

  const level1Average = tier.indicators.map((ind) => {
    let s = 0;
    let w = 0;
    for (const r of results)
      for (const i of r.indicators)
        if (i.code === ind.code) {
          s += i.score;
          w += i.weight;
        }
    return { code: ind.code, name: ind.name, share: w > 0 ? s / w : 0 };
  });
  const order = results
    .map((_, k) => k)
    .sort((a, b) => results[a]!.rank - results[b]!.rank || results[a]!.unit.localeCompare(results[b]!.unit));
  return { units: order.map((k) => results[k]!), unitNo: Int32Array.from(order), level1Average };
}

/**
 * What a scorer reads from other years (years.ts builds it from each year's own scorer): earlier years'
 * year-end standings for consequences, and the previous period's ranks when it lies in an earlier year.
 */
export interface YearLinks {
  /** Year-end standings of an earlier year, each under its own scheme and tier, keyed by this year's unit codes; null without data. */
  earlier(tier: string, year: number): ReadonlyMap<string, PlacedStanding> | null;
  /**
   * Ranks in a period of an earlier year (keyed by this year's unit codes), or not comparable when the tier's
   * items differ between the years; null when that year has no data for the period.
   */
  previous(
    tier: string,
    period: Period,
  ): { comparable: true; ranks: ReadonlyMap<string, number> } | { comparable: false } | null;
}

/** Where a view reads other periods from: the previous period's ranks and earlier years' year-end standings. */
export interface History {
  /** Other years' results, when linked. */
  links: YearLinks | undefined;
  /** This data set's year-end standings of a tier (used without links). */
  standingsOf(tierId: string, year: number): YearStanding[] | null;
}

/** A period's view of a month result: only the period, the movement against the previous period of its kind and (year) the consequences differ. */
export function periodView(
  ctx: ScoringContext,
  stages: Stages,
  hist: History,
  tierId: string,
  period: Period,
  base: MonthResult,
  history: boolean,
): TierResult {
  const { model, scheme, index, decimals } = ctx;
  const { links } = hist;
  const tier = model.tierById.get(tierId)!;
  ctx.counts.views++;
  const units: UnitResult[] = base.units.map((u) => ({
    ...u,
    period: period.id,
    periodLabel: period.label,
    previousRank: null,
    previousComparable: null,
    consequences: [],
  }));
  if (history) {
    const prev = previousPeriod(period);
    if (prev && index.byMonth.has(dataMonth(prev))) {
      const p = stages.core(tierId, dataMonth(prev));
      // Movement only from a previous period in which the unit itself reported data.
      units.forEach((r, i) => {
        const k = base.unitNo[i]!;
        r.previousRank = p.hasData[k] ? p.rank[k]! : null;
        r.previousComparable = p.hasData[k] ? true : null;
      });
    } else if (prev && links && prev.year < period.year) {
      // The previous period is last year's: its own ranks, shown only when the tier's items are the same.
      const got = links.previous(tierId, prev);
      if (got && !got.comparable) for (const r of units) r.previousComparable = false;
      else if (got)
        for (const r of units) {
          const was = got.ranks.get(r.unit);
          if (was !== undefined) {
            r.previousRank = was;
            r.previousComparable = true;
          }
        }
    }
    if (period.kind === 'year') {
      const now = units.map((r) => ({
        unit: r.unit,
        rank: r.rank,
        grade: r.grade,
        vetoed: r.vetoes.length > 0,
        hasData: r.hasData,
      }));
      // With other years linked, an earlier year's result is its own (its scheme, its tier), never re-scored here.
      const found = consequencesOf(scheme, tierId, period.year, now, (y) =>
        links ? links.earlier(tierId, y) : hist.standingsOf(tierId, y),
      );
      for (const r of units) r.consequences = found.get(r.unit) ?? [];
    }
  }
  return {
    scheme: { id: scheme.id, year: scheme.year },
    tier: tierId,
    tierName: tier.name,
    period,
    sample: model.bundle.dataMeta.sample,
    decimals,
    units,
    level1Average: base.level1Average,
  };
}
