import type { DataColumns, DataIndex } from './data.ts';
import { indexData } from './data.ts';
import { describeMissingRule, describeStandard } from './describe.ts';
import { applyVetoes, gradeIndex, rankTotals } from './grades.ts';
import type { GradeRule } from './schemas/scheme.ts';
import type { PlacedStanding, YearStanding } from './consequences.ts';
import { consequencesOf } from './consequences.ts';
import type { Model, UnitItem } from './model.ts';
import { gradeRuleFor } from './model.ts';
import { PACE_CODES, paceCode } from './pace.ts';
import type { Period } from './period.ts';
import { dataMonth, monthId, parsePeriod, previousPeriod } from './period.ts';
import { rankRanges, rankSensitivity } from './robustness.ts';
import { describeRounding, roundScore, toUnits } from './rounding.ts';
import type { Evaluation } from './standards.ts';
import { emptyEvaluation, evaluate, explainEvaluation, finishPeers, needsTarget } from './standards.ts';
import type { ItemInput } from './standards.ts';
import type { Explanation, FlaggedItem, ItemResult, ScoreOptions, TierResult, UnitResult } from './results.ts';
import { fmt } from './format.ts';

export type { Explanation, FlaggedItem, ItemResult, ScoreOptions, TierResult, UnitResult } from './results.ts';

/** Per tier and month, every unit's items evaluated, in flat typed arrays (slot = unit offset + item). */
interface MonthEval {
  monthNo: number;
  units: string[];
  lists: UnitItem[][];
  /** Slot range of unit k: offsets[k] … offsets[k + 1]. */
  offsets: Int32Array;
  rows: Int32Array;
  has: Uint8Array;
  fraction: Float64Array;
  measure: Float64Array;
  progress: Float64Array;
  expected: Float64Array;
  periodTarget: Float64Array;
  place: Float64Array;
  peers: Float64Array;
  leader: Float64Array;
  /** Pace status code per slot (index into PACE_CODES). */
  pace: Uint8Array;
}

/** Per tier and month, the numbers of the ranking: what previous periods and consequences need. */
interface Core {
  ev: MonthEval;
  fraction: Float64Array;
  effectiveWeight: Float64Array;
  score: Float64Array;
  base: Float64Array;
  bonus: Float64Array;
  deduction: Float64Array;
  coefficient: Float64Array;
  total: Float64Array;
  rank: Int32Array;
  grade: Int32Array;
  /** 1 when the unit reported anything for the month (its rank rests on its own data). */
  hasData: Uint8Array;
  /** Per tier-local item number: how many units reported it (the peers of the peer-average rule). */
  reported: Float64Array;
  vetoes: { code: string; name: string }[][];
  /** Per unit: the grade ids its vetoes bar. */
  barred: Set<string>[];
  adjSteps: string[][];
}

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
    > {
  tier: string;
  month: string;
  /** Slot → missing-data rule: 0 peer-average, 1 zero, 2 full, 3 exclude. */
  rule: Uint8Array;
  /** Slot → tier-local item number; the items by that number. */
  itemNo: Int32Array;
  items: UnitItem['item'][];
  /** Slot → level-1 indicator number; the level-1 codes by that number. */
  level1No: Int32Array;
  level1: string[];
}

const LAGGING = 3;

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

/** Total = (base + bonus − deduction) × coefficient, rounded: the one formula, shared with advice. */
export function unitTotal(
  base: number,
  bonus: number,
  deduction: number,
  coefficient: number,
  decimals: number,
): number {
  return roundScore((base + bonus - deduction) * coefficient, decimals);
}

/** Grade index of a rank and total, after the unit's vetoes (a veto bars the grades it lists). */
export function gradeOf(rule: GradeRule, rank: number, n: number, total: number, barred: ReadonlySet<string>): number {
  return applyVetoes(rule, gradeIndex(rule, rank, n, total), barred);
}

/** Grade ids barred by a unit's vetoes; a veto listing none (一票否决) bars every grade but the last. */
export function barredGrades(
  scheme: Model['scheme'],
  rule: GradeRule,
  vetoes: readonly { code: string }[],
): Set<string> {
  return new Set(
    scheme.adjustments
      .filter((a) => a.kind === 'veto' && vetoes.some((v) => v.code === a.code))
      .flatMap((a) => (a.bars.length > 0 ? a.bars : rule.bands.slice(0, -1).map((b) => b.id))),
  );
}

/**
 * A scorer over one data set: evaluations and rankings are cached per tier and month, so scoring many
 * periods is cheap. Results are cached and shared between callers: treat them as read-only.
 */
export function createScorer(model: Model, data: DataColumns | DataIndex, scorerOptions: ScorerOptions = {}): Scorer {
  const links = scorerOptions.links;
  const index = 'byMonth' in data ? data : indexData(data);
  const evalCache = new Map<string, Map<string, MonthEval>>();
  const coreCache = new Map<string, Core>();
  const resultCache = new Map<string, TierResult>();
  const monthCache = new Map<string, MonthResult>();
  const robustCache = new Map<
    string,
    { ranges: [number, number][]; sensitivity: ReturnType<typeof rankSensitivity> }
  >();
  const counts: ScorerStats = { monthEvals: 0, cores: 0, monthResults: 0, robustness: 0, views: 0, explained: 0 };
  const scheme = model.scheme;
  const d = index.data;
  const nItems = d.items.length;
  const decimals = scheme.decimals;
  const MONTH_IDS: Record<number, string[]> = {};
  for (const m of index.byMonth.keys()) (MONTH_IDS[Number(m.slice(0, 4))] ??= [])[Number(m.slice(5, 7))] = m;
  const level1Of = new Map<string, string>();
  for (const { item } of model.itemByCode.values())
    level1Of.set(item.code, model.indicatorByCode.get(item.indicator)?.level1 ?? item.indicator);

  /** Per tier, what every month shares: units, their lists, and per-slot lookups in flat arrays. */
  interface Layout {
    units: string[];
    /** Unit id → its number k in the tier (the order of `units`). */
    unitNo: Map<string, number>;
    lists: UnitItem[][];
    offsets: Int32Array;
    n: number;
    /** Slot → cell in a month table (unit × item of the data dictionaries), −1 when absent. */
    cells: Int32Array;
    weight: Float64Array;
    /** Slot → missing-data rule: 0 peer-average, 1 zero, 2 full, 3 exclude. */
    rule: Uint8Array;
    /** Slot → tier-local item number, and the items by that number. */
    itemNo: Int32Array;
    items: UnitItem['item'][];
    /** Slot → level-1 indicator number, and the level-1 codes by that number. */
    level1No: Int32Array;
    level1: string[];
  }
  const RULES = ['peer-average', 'zero', 'full', 'exclude'] as const;
  const layouts = new Map<string, Layout>();
  function layoutOf(tierId: string): Layout {
    const hit = layouts.get(tierId);
    if (hit) return hit;
    const units = (model.unitsByTier.get(tierId) ?? []).map((u) => u.id);
    const lists = units.map((u) => model.unitItems.get(u) ?? []);
    const offsets = new Int32Array(units.length + 1);
    lists.forEach((l, k) => {
      offsets[k + 1] = offsets[k]! + l.length;
    });
    const n = offsets[units.length]!;
    const level1 = (model.tierById.get(tierId)?.indicators ?? []).map((i) => i.code);
    const l: Layout = {
      units,
      unitNo: new Map(units.map((u, k) => [u, k])),
      lists,
      offsets,
      n,
      cells: new Int32Array(n).fill(-1),
      weight: new Float64Array(n),
      rule: new Uint8Array(n),
      itemNo: new Int32Array(n),
      items: [],
      level1No: new Int32Array(n),
      level1,
    };
    const itemNo = new Map<string, number>();
    let slot = 0;
    units.forEach((u, k) => {
      const ui = index.unitIndex.get(u);
      for (const x of lists[k]!) {
        const ii = index.itemIndex.get(x.item.code);
        l.cells[slot] = ui !== undefined && ii !== undefined ? ui * nItems + ii : -1;
        l.weight[slot] = x.weight;
        l.rule[slot] = RULES.indexOf(x.item.missing ?? scheme.missing);
        let no = itemNo.get(x.item.code);
        if (no === undefined) {
          no = l.items.length;
          itemNo.set(x.item.code, no);
          l.items.push(x.item);
        }
        l.itemNo[slot] = no;
        const l1 = level1.indexOf(level1Of.get(x.item.code)!);
        l.level1No[slot] = l1 < 0 ? 0 : l1;
        slot++;
      }
    });
    layouts.set(tierId, l);
    return l;
  }

  function monthEval(tierId: string, month: string): MonthEval {
    let byMonth = evalCache.get(tierId);
    if (!byMonth) {
      byMonth = new Map();
      evalCache.set(tierId, byMonth);
    }
    const hit = byMonth.get(month);
    if (hit) return hit;
    const monthNo = Number(month.slice(5, 7));
    const table = index.byMonth.get(month);
    const { units, lists, offsets, n, cells } = layoutOf(tierId);
    // Every slot's row is written below; the value arrays are read only where `has` is set.
    const f64 = () => new Float64Array(n);
    const ev: MonthEval = {
      monthNo,
      units,
      lists,
      offsets,
      rows: new Int32Array(n),
      has: new Uint8Array(n),
      fraction: f64(),
      measure: f64(),
      progress: f64(),
      expected: f64(),
      periodTarget: f64(),
      place: f64(),
      peers: f64(),
      leader: f64(),
      pace: new Uint8Array(n),
    };
    // One input and one evaluation object serve every cell: results go straight into the typed arrays.
    const input: ItemInput = { actual: NaN, text: undefined, target: NaN, month: monthNo, weight: 0 };
    const e = emptyEvaluation();
    // Peer standards (rank, percentile bands) need every peer's measure first: gather slots, then finish.
    const peers = new Map<string, number[]>();
    for (let k = 0; k < units.length; k++) {
      const list = lists[k]!;
      for (let j = 0; j < list.length; j++) {
        const slot = offsets[k]! + j;
        const cell = cells[slot]!;
        const row = table && cell >= 0 ? table[cell]! : -1;
        ev.rows[slot] = row;
        if (row < 0) continue;
        const actual = d.actual[row]!;
        const text = Number.isNaN(actual) ? d.text.get(row) : undefined;
        if (text === undefined && Number.isNaN(actual)) continue;
        const x = list[j]!;
        // A completion-measured item without a target has no score of its own: the missing-data rule applies.
        if (Number.isNaN(d.target[row]!) && needsTarget(x.item)) continue;
        input.actual = actual;
        input.text = text;
        input.target = d.target[row]!;
        input.weight = x.weight;
        evaluate(x.item, input, e);
        if (!e.needsPeers && !Number.isFinite(e.fraction)) continue; // never a NaN score: the missing-data rule applies
        ev.has[slot] = 1;
        ev.fraction[slot] = e.fraction;
        ev.measure[slot] = e.measure;
        ev.progress[slot] = e.progress;
        ev.expected[slot] = e.expected;
        ev.periodTarget[slot] = e.periodTarget;
        if (!e.needsPeers) {
          ev.pace[slot] = paceCode(e.progress, scheme.pace);
          continue;
        }
        const g = peers.get(x.item.code);
        if (g) g.push(slot);
        else peers.set(x.item.code, [slot]);
      }
    }
    for (const [code, slots] of peers) {
      finishPeers(
        model.itemByCode.get(code)!.item,
        slots.map((sl) => ev.measure[sl]!),
        {
          set(i, fraction, place, count, leader) {
            const sl = slots[i]!;
            ev.fraction[sl] = fraction;
            if (Number.isNaN(ev.progress[sl]!)) ev.progress[sl] = fraction;
            ev.place[sl] = place;
            ev.peers[sl] = count;
            ev.leader[sl] = leader;
          },
        },
      );
      for (const sl of slots) ev.pace[sl] = paceCode(ev.progress[sl]!, scheme.pace);
    }
    byMonth.set(month, ev);
    counts.monthEvals++;
    return ev;
  }

  function adjustmentsOf(unit: string, month: string) {
    const table = index.byMonth.get(month);
    const ui = index.unitIndex.get(unit);
    let bonus = 0;
    let deduction = 0;
    const vetoes: { code: string; name: string }[] = [];
    const steps: string[] = [];
    if (!table || ui === undefined) return { bonus, deduction, vetoes, steps };
    for (const a of scheme.adjustments) {
      const ii = index.itemIndex.get(a.code);
      if (ii === undefined) continue;
      const row = table[ui * nItems + ii]!;
      if (row < 0) continue;
      const v = d.actual[row]!;
      if (!(v > 0)) continue;
      if (a.kind === 'veto') {
        vetoes.push({ code: a.code, name: a.name });
        steps.push(
          `${a.name}：${a.bars.length ? `不得评为${a.bars.map((g) => gradeLabelOf(g)).join('、')}` : '一票否决'}`,
        );
        continue;
      }
      const pts = a.cap !== undefined ? Math.min(v, a.cap) : v;
      steps.push(
        `${a.kind === 'bonus' ? '加分' : '减分'}：${a.name} ${fmt(v)} 分${pts < v ? `，单项最高 ${fmt(a.cap!)} 分` : ''}`,
      );
      if (a.kind === 'bonus') bonus += pts;
      else deduction += pts;
    }
    if (bonus > scheme.bonusCap) {
      steps.push(`加分合计 ${fmt(bonus)}，最高计 ${fmt(scheme.bonusCap)} 分`);
      bonus = scheme.bonusCap;
    }
    if (deduction > scheme.deductionCap) {
      steps.push(`减分合计 ${fmt(deduction)}，最高计 ${fmt(scheme.deductionCap)} 分`);
      deduction = scheme.deductionCap;
    }
    return { bonus: roundScore(bonus, decimals), deduction: roundScore(deduction, decimals), vetoes, steps };
  }

  function gradeLabelOf(id: string): string {
    for (const r of Object.values(scheme.grades)) for (const b of r.bands) if (b.id === id) return b.label;
    return id;
  }

  function coefficientBasisOf(unitId: string): string {
    const tier = model.unitById.get(unitId)!.tier;
    return scheme.coefficients.find((r) => r.tiers.includes(tier))?.basis ?? '承担重点任务';
  }

  function coefficientOf(unitId: string): number {
    const unit = model.unitById.get(unitId)!;
    for (const rule of scheme.coefficients) {
      if (!rule.tiers.includes(unit.tier)) continue;
      let v = NaN;
      let best = -1;
      for (const row of rule.table)
        if (unit.traction >= row.load && row.load > best) {
          best = row.load;
          v = row.value;
        }
      if (Number.isNaN(v)) v = Math.min(...rule.table.map((r) => r.value));
      return v;
    }
    return 1;
  }

  /** Totals, ranks and grades of a tier in a month: numbers only, cached. */
  function core(tierId: string, month: string): Core {
    const key = `${tierId}|${month}`;
    const hit = coreCache.get(key);
    if (hit) return hit;
    const ev = monthEval(tierId, month);
    const n = ev.fraction.length;
    const nu = ev.units.length;
    const L = layoutOf(tierId);
    // Peer averages of fractions per item, for the peer-average missing rule.
    const sum = new Float64Array(L.items.length);
    const cnt = new Float64Array(L.items.length);
    for (let slot = 0; slot < n; slot++)
      if (ev.has[slot]) {
        sum[L.itemNo[slot]!]! += ev.fraction[slot]!;
        cnt[L.itemNo[slot]!]! += 1;
      }
    const c: Core = {
      ev,
      fraction: new Float64Array(n),
      effectiveWeight: new Float64Array(n),
      score: new Float64Array(n),
      base: new Float64Array(nu),
      bonus: new Float64Array(nu),
      deduction: new Float64Array(nu),
      coefficient: new Float64Array(nu),
      total: new Float64Array(nu),
      rank: new Int32Array(nu),
      grade: new Int32Array(nu),
      hasData: new Uint8Array(nu),
      reported: cnt,
      vetoes: [],
      barred: [],
      adjSteps: [],
    };
    const totalUnits: number[] = new Array(nu);
    const scaleUnits = 10 ** decimals;
    for (let k = 0; k < nu; k++) {
      const from = ev.offsets[k]!;
      const to = ev.offsets[k + 1]!;
      // The exclude rule (3) drops an item and spreads its weight over the others in proportion.
      let excluded = 0;
      let all = 0;
      for (let slot = from; slot < to; slot++) {
        all += L.weight[slot]!;
        if (!ev.has[slot] && L.rule[slot] === 3) excluded += L.weight[slot]!;
      }
      const scale = excluded > 0 && all > excluded ? all / (all - excluded) : 1;
      let baseUnits = 0;
      let any = 0;
      for (let slot = from; slot < to; slot++) any |= ev.has[slot]!;
      c.hasData[k] = any;
      for (let slot = from; slot < to; slot++) {
        const rule = L.rule[slot]!;
        let f: number;
        let w = L.weight[slot]! * scale;
        if (ev.has[slot]) f = ev.fraction[slot]!;
        else if (rule === 0) {
          const no = L.itemNo[slot]!;
          f = cnt[no]! > 0 ? sum[no]! / cnt[no]! : 0;
        } else if (rule === 2) f = 1;
        else {
          f = 0;
          if (rule === 3) w = 0;
        }
        const sc = roundScore(f * w, decimals);
        c.fraction[slot] = f;
        c.effectiveWeight[slot] = w;
        c.score[slot] = sc;
        baseUnits += Math.round(sc * scaleUnits);
      }
      const unitId = ev.units[k]!;
      const adj = adjustmentsOf(unitId, month);
      const coef = coefficientOf(unitId);
      const base = baseUnits / 10 ** decimals;
      c.base[k] = base;
      c.bonus[k] = adj.bonus;
      c.deduction[k] = adj.deduction;
      c.coefficient[k] = coef;
      c.total[k] = unitTotal(base, adj.bonus, adj.deduction, coef, decimals);
      c.vetoes.push(adj.vetoes);
      c.adjSteps.push(adj.steps);
      totalUnits[k] = toUnits(c.total[k]!, decimals);
    }
    const ranks = rankTotals(totalUnits);
    const rule = gradeRuleFor(scheme, tierId);
    for (let k = 0; k < nu; k++) {
      c.rank[k] = ranks[k]!;
      const barred = barredGrades(scheme, rule, c.vetoes[k]!);
      c.barred.push(barred);
      c.grade[k] = gradeOf(rule, ranks[k]!, nu, c.total[k]!, barred);
    }
    coreCache.set(key, c);
    counts.cores++;
    return c;
  }

  function explainItem(x: UnitItem, ev: MonthEval, slot: number, c: Core, L: Layout): Explanation {
    const row = ev.rows[slot]!;
    const has = ev.has[slot] === 1;
    const rule = x.item.missing ?? scheme.missing;
    const fraction = c.fraction[slot]!;
    const weight = c.effectiveWeight[slot]!;
    const score = c.score[slot]!;
    const actual = row >= 0 ? (d.text.get(row) ?? (Number.isNaN(d.actual[row]!) ? null : d.actual[row]!)) : null;
    const target = row >= 0 && !Number.isNaN(d.target[row]!) ? d.target[row]! : null;
    const unitOf = (v: unknown) => (x.item.measure && typeof v === 'number' ? ` ${x.item.measure}` : '');
    const inputs = [
      { label: '实际值', value: actual === null ? '无数据' : `${actual}${unitOf(actual)}` },
      { label: '年度目标', value: target === null ? '—' : `${target}${unitOf(target)}` },
    ];
    let formula: string;
    if (has) {
      if (x.item.cumulative) inputs.push({ label: '序时进度', value: `${fmt(ev.expected[slot]! * 100)}%` });
      const e: Evaluation = {
        fraction: ev.fraction[slot]!,
        measure: ev.measure[slot]!,
        progress: ev.progress[slot]!,
        expected: ev.expected[slot]!,
        periodTarget: ev.periodTarget[slot]!,
        needsPeers: false,
        place: ev.place[slot]!,
        peers: ev.peers[slot]!,
        leader: ev.leader[slot]!,
      };
      formula = explainEvaluation(
        x.item,
        { actual: d.actual[row]!, text: d.text.get(row), target: d.target[row]!, month: ev.monthNo, weight: x.weight },
        e,
      );
    } else {
      inputs.push({ label: '无数据规则', value: describeMissingRule(rule) });
      const peersWithData = c.reported[L.itemNo[slot]!]!;
      formula =
        rule === 'peer-average'
          ? peersWithData > 0
            ? `无数据，按同类 ${peersWithData} 个单位平均得分率 ${fmt(fraction * 100)}% 计`
            : '无数据，且同类单位均无该项数据、无平均值可用，计零分'
          : rule === 'full'
            ? '无数据（不适用），计满分'
            : rule === 'zero'
              ? '无数据，计零分'
              : '无数据，不计该项，其权重按比例分配到其他事项';
    }
    const wText = weight !== x.weight ? `${fmt(x.weight)} 分（按比例调整为 ${fmt(weight)}）` : `${fmt(x.weight)} 分`;
    return {
      inputs,
      standard: describeStandard(x.item),
      formula: `${formula}；得分 = 得分比例 ${fmt(fraction * 100)}% × 权重 ${wText} = ${fmt(fraction * weight)} → ${score.toFixed(decimals)}`,
      weight,
      fraction,
      score,
      rounding: describeRounding(decimals),
    };
  }

  /** Dispatches in a row up to `month` (inclusive) that the slot's item has been lagging or worse. */
  /** The year's month evaluations up to `month`, latest first, stopping at the first month without data. */
  function monthsBack(tierId: string, year: number, month: number): MonthEval[] {
    const out: MonthEval[] = [];
    for (let m = month; m >= 1; m--) {
      const id = MONTH_IDS[year]?.[m];
      if (id === undefined) break;
      out.push(monthEval(tierId, id));
    }
    return out;
  }

  /** A tier's results in a data month, shared by every period view that reads the month (month, quarter, mid-year, year). */
  interface MonthResult {
    units: UnitResult[];
    /** Per entry of `units` (best first): the unit's number k in the tier. */
    unitNo: Int32Array;
    level1Average: TierResult['level1Average'];
  }

  function optionsOf(options: ScoreOptions) {
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

  function scoreTier(tierId: string, periodId: string, options: ScoreOptions = {}): TierResult {
    const tier = model.tierById.get(tierId);
    if (!tier) throw new Error(`Unknown tier "${tierId}"; expected one of ${[...model.tierById.keys()].join(', ')}`);
    const period = parsePeriod(periodId);
    if (!period) throw new Error(`Invalid period "${periodId}"; expected 2023-06, 2023-Q2, 2023-H1 or 2023-Y`);
    const o = optionsOf(options);
    const cacheKey = `${tierId}|${period.id}|${o.key}`;
    const cached = o.cacheable ? resultCache.get(cacheKey) : undefined;
    if (cached) return cached;
    const month = dataMonth(period);
    const monthKey = `${tierId}|${month}|${o.key}`;
    let base = o.cacheable ? monthCache.get(monthKey) : undefined;
    if (!base) {
      base = monthResult(tierId, month, o);
      if (o.cacheable) monthCache.set(monthKey, base);
    }
    const out = view(tierId, period, base, o.history);
    if (o.cacheable) resultCache.set(cacheKey, out);
    return out;
  }

  /** A period's view of a month result: only the period, the movement against the previous period of its kind and (year) the consequences differ. */
  function view(tierId: string, period: Period, base: MonthResult, history: boolean): TierResult {
    const tier = model.tierById.get(tierId)!;
    counts.views++;
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
        const p = core(tierId, dataMonth(prev));
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
          links ? links.earlier(tierId, y) : standingsOf(tierId, y),
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

  /** Rank ranges and sensitivity of a tier in a month: the robustness draws, run once per tier and month. */
  function robustnessOf(tierId: string, month: string, c: Core) {
    const key = `${tierId}|${month}`;
    const hit = robustCache.get(key);
    if (hit) return hit;
    const tier = model.tierById.get(tierId)!;
    const ev = c.ev;
    const L = layoutOf(tierId);
    const nu = ev.units.length;
    const slice = (a: Float64Array, k: number) => a.subarray(ev.offsets[k]!, ev.offsets[k + 1]!);
    const draws = {
      factors: [] as Float64Array[],
      ranks: [] as Int32Array[],
      codes: new Map<string, number>() as ReadonlyMap<string, number>,
    };
    const ks = Array.from({ length: nu }, (_, k) => k);
    const ranges = rankRanges(
      model,
      ev,
      ks.map((k) => slice(c.fraction, k)),
      ks.map((k) => ({ bonus: c.bonus[k]!, deduction: c.deduction[k]!, coefficient: c.coefficient[k]! })),
      ks.map((k) => slice(c.effectiveWeight, k)),
      (factor, ranks, codes) => {
        draws.factors.push(Float64Array.from(factor));
        draws.ranks.push(Int32Array.from(ranks));
        draws.codes = codes;
      },
    );
    const indicators = tier.indicators.map((ind) => ({
      code: ind.code,
      name: ind.name,
      items: L.items
        .filter((it) => level1Of.get(it.code) === ind.code)
        .map((it) => ({ code: it.code, weight: it.weight })),
    }));
    const out = { ranges, sensitivity: rankSensitivity(indicators, draws, nu) };
    robustCache.set(key, out);
    counts.robustness++;
    return out;
  }

  /** The steps of a unit's total, in words. */
  function unitSteps(c: Core, k: number, unitId: string): string[] {
    const unit = model.unitById.get(unitId)!;
    const base = c.base[k]!;
    const bonus = c.bonus[k]!;
    const deduction = c.deduction[k]!;
    const coefficient = c.coefficient[k]!;
    const total = c.total[k]!;
    return [
      `基础分 = 各事项得分之和 = ${base.toFixed(decimals)}`,
      ...c.adjSteps[k]!,
      ...(coefficient !== 1 ? [`评价系数 ${coefficient}（${coefficientBasisOf(unitId)} ${unit.traction} 项）`] : []),
      `总分 = (${base.toFixed(decimals)} + ${bonus.toFixed(decimals)} − ${deduction.toFixed(decimals)}) × ${coefficient} = ${fmt((base + bonus - deduction) * coefficient)} → ${total.toFixed(decimals)}（${describeRounding(decimals)}）`,
    ];
  }

  function monthResult(tierId: string, month: string, o: ReturnType<typeof optionsOf>): MonthResult {
    const tier = model.tierById.get(tierId)!;
    const period = parsePeriod(month)!;
    const { robust, history, explainUnit, itemsFor } = o;
    counts.monthResults++;
    const c = core(tierId, month);
    const ev = c.ev;
    const rule = gradeRuleFor(scheme, tierId);
    const midMonth = scheme.flag.midYearMonth;
    const midStatuses: readonly string[] = scheme.flag.midYearStatuses;
    const midEval =
      history && period.month >= midMonth && index.byMonth.has(monthId(period.year, midMonth))
        ? monthEval(tierId, monthId(period.year, midMonth))
        : undefined;
    const share = scheme.comprehensive?.tiers[tierId]?.share;

    const L = layoutOf(tierId);
    const back = history ? monthsBack(tierId, period.year, period.month) : [];
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
        const behind = ev.pace[slot]! >= LAGGING;
        if (!detail && !behind) continue;
        const pace = PACE_CODES[ev.pace[slot]!]!;
        let lagStreak = behind ? 1 : 0;
        if (behind && history) {
          lagStreak = 0;
          for (const b of back) {
            if (b.pace[slot]! < LAGGING) break;
            lagStreak++;
          }
        }
        let flagReason: string | null = null;
        if (lagStreak >= scheme.flag.consecutive) flagReason = `连续 ${lagStreak} 次调度滞后`;
        else if (behind && midEval) {
          const mid = PACE_CODES[midEval.pace[slot]!]!;
          if (midStatuses.includes(mid))
            flagReason = `中期考核${mid === 'severely-lagging' ? '严重滞后' : '滞后'}，尚未赶上序时进度`;
        }
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
          actual: row >= 0 ? (d.text.get(row) ?? (Number.isNaN(d.actual[row]!) ? null : d.actual[row]!)) : null,
          target: row >= 0 && !Number.isNaN(d.target[row]!) ? d.target[row]! : null,
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
          explanation: explainThis ? explainItem(x, ev, slot, c, L) : null,
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
      const steps = explainThis ? unitSteps(c, k, unitId) : [];
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
      const { ranges, sensitivity } = robustnessOf(tierId, month, c);
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

  function explainUnit(
    tierId: string,
    periodId: string,
    unitId: string,
    options: Pick<ScoreOptions, 'robustness' | 'history'> = {},
  ): UnitResult | undefined {
    const result = scoreTier(tierId, periodId, { ...options, explain: false });
    const u = result.units.find((x) => x.unit === unitId);
    if (!u) return undefined;
    const k = layoutOf(tierId).unitNo.get(unitId)!;
    const c = core(tierId, dataMonth(result.period));
    const L = layoutOf(tierId);
    const o = c.ev.offsets[k]!;
    counts.explained++;
    const list = c.ev.lists[k]!;
    const steps = unitSteps(c, k, unitId);
    return {
      ...u,
      items: u.items.map((it, j) => ({ ...it, explanation: explainItem(list[j]!, c.ev, o + j, c, L) })),
      explanation: { formula: steps.at(-1)!, steps },
    };
  }

  /** Year-end standings of a tier in an earlier year, or null without that year's data. */
  function standingsOf(tierId: string, year: number): YearStanding[] | null {
    return standingsAt(tierId, monthId(year, 12));
  }

  function standingsAt(tierId: string, m: string): YearStanding[] | null {
    if (!index.byMonth.has(m) || !model.tierById.has(tierId)) return null;
    const c = core(tierId, m);
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
    const c = core(tierId, month);
    const L = layoutOf(tierId);
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
