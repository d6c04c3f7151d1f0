import type { DataColumns, DataIndex } from './data.ts';
import { indexData } from './data.ts';
import { describeMissingRule, describeStandard } from './describe.ts';
import { applyVetoes, gradeIndex, placeCount, rankTotals } from './grades.ts';
import type { Model, UnitItem } from './model.ts';
import { gradeRuleFor } from './model.ts';
import { isBehind, paceStatus } from './pace.ts';
import type { Period } from './period.ts';
import { dataMonth, monthId, parsePeriod, previousPeriod } from './period.ts';
import { rankRanges } from './robustness.ts';
import { describeRounding, roundScore, toUnits } from './rounding.ts';
import type { MissingRule, PaceStatus } from './schemas/common.ts';
import type { Evaluation } from './standards.ts';
import { evaluate, finishPeerStandard } from './standards.ts';

/** How a score was made: inputs, standard, formula, weight, coefficient, rounding. */
export interface Explanation {
  inputs: { label: string; value: string }[];
  standard: string;
  formula: string;
  weight: number;
  fraction: number;
  score: number;
  rounding: string;
}

export interface ItemResult {
  code: string;
  name: string;
  indicator: string;
  level1: string;
  weight: number;
  /** Weight actually used (differs from weight only under the `exclude` missing rule). */
  effectiveWeight: number;
  overridden: boolean;
  specific: boolean;
  actual: number | string | null;
  target: number | null;
  expected: number;
  periodTarget: number | null;
  fraction: number;
  score: number;
  missing: boolean;
  pace: PaceStatus;
  progress: number | null;
  /** Dispatches in a row (up to this month) the item has been lagging or worse. */
  lagStreak: number;
  flagged: boolean;
  flagReason: string | null;
  explanation: Explanation;
}

export interface FlaggedItem {
  code: string;
  name: string;
  pace: PaceStatus;
  lagStreak: number;
  reason: string;
}

export interface UnitResult {
  unit: string;
  name: string;
  tier: string;
  period: string;
  periodLabel: string;
  hasData: boolean;
  base: number;
  bonus: number;
  deduction: number;
  coefficient: number;
  total: number;
  rank: number;
  /** Rank in the previous period of the same kind, when there is data for it. */
  previousRank: number | null;
  grade: string;
  gradeLabel: string;
  vetoes: { code: string; name: string }[];
  /** Best and worst rank under random weight changes (robustness); null when not computed. */
  rankRange: [number, number] | null;
  consequences: { id: string; label: string }[];
  /** Points the result contributes to the annual comprehensive assessment (the "1"), when the tier enters it. */
  comprehensive: number | null;
  flagged: FlaggedItem[];
  indicators: { code: string; name: string; weight: number; score: number }[];
  items: ItemResult[];
  explanation: { formula: string; steps: string[] };
}

export interface TierResult {
  tier: string;
  tierName: string;
  period: Period;
  sample: boolean;
  units: UnitResult[];
  /** Tier average score per level-1 indicator, as a share of its weight (0–1), for unit-vs-tier charts. */
  level1Average: { code: string; name: string; share: number }[];
}

export interface ScoreOptions {
  /** Compute rank ranges under random weight changes. Default true. */
  robustness?: boolean;
  /** Compute consequences and previous-period movement. Default true. */
  history?: boolean;
}

/** Per tier and month: each unit's evaluated items (peer standards finished). */
interface MonthEval {
  units: string[];
  lists: UnitItem[][];
  evals: (Evaluation | null)[][];
  rows: Int32Array[];
}

const fmt = (x: number) => (Number.isFinite(x) ? String(Math.round(x * 10000) / 10000) : '—');

export interface Scorer {
  model: Model;
  index: DataIndex;
  /** Months with data, sorted. */
  months: string[];
  scoreTier(tier: string, period: string, options?: ScoreOptions): TierResult;
  /** Pace status of every item of every unit of a tier at a month (the monitoring board). */
  hasMonth(month: string): boolean;
}

/** A scorer over one data set: evaluations are cached per tier and month, so scoring many periods is cheap. */
export function createScorer(model: Model, data: DataColumns | DataIndex): Scorer {
  const index = 'byMonth' in data ? data : indexData(data);
  const cache = new Map<string, MonthEval>();
  const resultCache = new Map<string, TierResult>();
  const scheme = model.scheme;
  const d = index.data;
  const nItems = d.items.length;

  function monthEval(tierId: string, month: string): MonthEval {
    const key = `${tierId}|${month}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const monthNo = Number(month.slice(5, 7));
    const table = index.byMonth.get(month);
    const units = (model.unitsByTier.get(tierId) ?? []).map((u) => u.id);
    const lists = units.map((u) => model.unitItems.get(u) ?? []);
    const rows: Int32Array[] = [];
    const evals = units.map((u, k) => {
      const list = lists[k]!;
      const ui = index.unitIndex.get(u);
      const r = new Int32Array(list.length).fill(-1);
      rows.push(r);
      return list.map((x, j) => {
        const ii = index.itemIndex.get(x.item.code);
        const row = table && ui !== undefined && ii !== undefined ? table[ui * nItems + ii]! : -1;
        r[j] = row;
        if (row < 0) return null;
        const actual = d.actual[row]!;
        const text = d.text.get(row);
        if (Number.isNaN(actual) && text === undefined) return null;
        return evaluate(x.item, { actual, text, target: d.target[row]!, month: monthNo, weight: x.weight });
      });
    });
    // Peer standards: gather each item's evaluations across the tier, then finish them together.
    const peers = new Map<string, Evaluation[]>();
    lists.forEach((list, k) => list.forEach((x, j) => {
      const e = evals[k]![j];
      if (e?.needsPeers) {
        const arr = peers.get(x.item.code) ?? [];
        arr.push(e);
        peers.set(x.item.code, arr);
      }
    }));
    for (const [code, arr] of peers) finishPeerStandard(model.itemByCode.get(code)!.item, arr);
    const out = { units, lists, evals, rows };
    cache.set(key, out);
    return out;
  }

  function adjustmentsOf(unit: string, month: string) {
    const table = index.byMonth.get(month);
    const ui = index.unitIndex.get(unit);
    let bonus = 0;
    let deduction = 0;
    const vetoes: { code: string; name: string; bars: string[] }[] = [];
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
        vetoes.push({ code: a.code, name: a.name, bars: a.bars });
        steps.push(`${a.name}：${a.bars.length ? `不得评为${a.bars.join('、')}` : '一票否决'}`);
        continue;
      }
      const pts = a.cap !== undefined ? Math.min(v, a.cap) : v;
      steps.push(`${a.kind === 'bonus' ? '加分' : '减分'}：${a.name} ${fmt(v)} 分${pts < v ? `，单项最高 ${fmt(a.cap!)} 分` : ''}`);
      if (a.kind === 'bonus') bonus += pts;
      else deduction += pts;
    }
    if (bonus > scheme.bonusCap) { steps.push(`加分合计 ${fmt(bonus)}，最高计 ${fmt(scheme.bonusCap)} 分`); bonus = scheme.bonusCap; }
    if (deduction > scheme.deductionCap) { steps.push(`减分合计 ${fmt(deduction)}，最高计 ${fmt(scheme.deductionCap)} 分`); deduction = scheme.deductionCap; }
    return { bonus: roundScore(bonus, scheme.decimals), deduction: roundScore(deduction, scheme.decimals), vetoes, steps };
  }

  function coefficientOf(unitId: string): number {
    const unit = model.unitById.get(unitId)!;
    for (const rule of scheme.coefficients) {
      if (!rule.tiers.includes(unit.tier)) continue;
      const sorted = [...rule.table].sort((a, b) => a.load - b.load);
      let v = sorted[0]!.value;
      for (const row of sorted) if (unit.traction >= row.load) v = row.value;
      return v;
    }
    return 1;
  }

  /** Pace status per unit per item across months 1..month (for streaks and flags). */
  function paceHistory(tierId: string, year: number, month: number): PaceStatus[][][] {
    const out: PaceStatus[][][] = [];
    for (let m = 1; m <= month; m++) {
      const id = monthId(year, m);
      if (!index.byMonth.has(id)) { out.push([]); continue; }
      const ev = monthEval(tierId, id);
      out.push(ev.evals.map((list) => list.map((e) => (e ? paceStatus(e.progress, scheme.pace) : 'none'))));
    }
    return out;
  }

  function scoreTier(tierId: string, periodId: string, options: ScoreOptions = {}): TierResult {
    const tier = model.tierById.get(tierId);
    if (!tier) throw new Error(`Unknown tier "${tierId}"; expected one of ${[...model.tierById.keys()].join(', ')}`);
    const period = parsePeriod(periodId);
    if (!period) throw new Error(`Invalid period "${periodId}"; expected 2023-06, 2023-Q2, 2023-H1 or 2023-Y`);
    const robust = options.robustness ?? true;
    const history = options.history ?? true;
    const cacheKey = `${tierId}|${period.id}|${robust}|${history}`;
    const cached = resultCache.get(cacheKey);
    if (cached) return cached;

    const month = dataMonth(period);
    const ev = monthEval(tierId, month);
    const decimals = scheme.decimals;
    const roundingText = describeRounding(decimals);
    const paces = history ? paceHistory(tierId, period.year, period.month) : [];
    const cur = period.month - 1;

    // Peer averages of fractions, for the peer-average missing rule.
    const fracSum = new Map<string, { s: number; n: number }>();
    ev.lists.forEach((list, k) => list.forEach((x, j) => {
      const e = ev.evals[k]![j];
      if (!e) return;
      const acc = fracSum.get(x.item.code) ?? { s: 0, n: 0 };
      acc.s += e.fraction; acc.n += 1;
      fracSum.set(x.item.code, acc);
    }));

    const results: UnitResult[] = ev.units.map((unitId, k) => {
      const unit = model.unitById.get(unitId)!;
      const list = ev.lists[k]!;
      const evals = ev.evals[k]!;
      const rows = ev.rows[k]!;
      // The exclude rule drops an item and spreads its weight over the others in proportion.
      const ruleOf = (x: UnitItem): MissingRule => x.item.missing ?? scheme.missing;
      const excluded = list.reduce((s, x, j) => s + (!evals[j] && ruleOf(x) === 'exclude' ? x.weight : 0), 0);
      const kept = list.reduce((s, x) => s + x.weight, 0) - excluded;
      const scale = excluded > 0 && kept > 0 ? (kept + excluded) / kept : 1;
      let baseUnits = 0;
      const items: ItemResult[] = list.map((x, j) => {
        const e = evals[j];
        const row = rows[j]!;
        const rule = ruleOf(x);
        const effectiveWeight = e ? x.weight * scale : rule === 'exclude' ? 0 : x.weight * scale;
        let fraction: number;
        let formula: string;
        if (e) { fraction = e.fraction; formula = e.formula; }
        else if (rule === 'peer-average') {
          const acc = fracSum.get(x.item.code);
          fraction = acc && acc.n > 0 ? acc.s / acc.n : 0;
          formula = acc && acc.n > 0 ? `无数据，按同类 ${acc.n} 个单位平均得分率 ${fmt(fraction * 100)}% 计` : '无数据，且同类单位均无数据，计零分';
        } else if (rule === 'full') { fraction = 1; formula = '无数据（不适用），计满分'; }
        else if (rule === 'zero') { fraction = 0; formula = '无数据，计零分'; }
        else { fraction = 0; formula = '无数据，不计该项，其权重按比例分配到其他事项'; }
        const score = roundScore(fraction * effectiveWeight, decimals);
        baseUnits += toUnits(score, decimals);
        const pace: PaceStatus = e ? paceStatus(e.progress, scheme.pace) : 'none';
        let lagStreak = 0;
        for (let m = cur; m >= 0; m--) {
          const s = paces[m]?.[k]?.[j];
          if (s && isBehind(s)) lagStreak++;
          else break;
        }
        if (!history && isBehind(pace)) lagStreak = 1;
        const midIdx = scheme.flag.midYearMonth - 1;
        const midStatus = paces[midIdx]?.[k]?.[j];
        let flagReason: string | null = null;
        if (lagStreak >= scheme.flag.consecutive) flagReason = `连续 ${lagStreak} 次调度滞后`;
        else if (midStatus && (scheme.flag.midYearStatuses as string[]).includes(midStatus) && cur >= midIdx && isBehind(pace))
          flagReason = `中期考核${midStatus === 'severely-lagging' ? '严重滞后' : '滞后'}，尚未赶上序时进度`;
        const actual = row >= 0 ? (d.text.get(row) ?? (Number.isNaN(d.actual[row]!) ? null : d.actual[row]!)) : null;
        const target = row >= 0 && !Number.isNaN(d.target[row]!) ? d.target[row]! : null;
        const inputs = [
          { label: '实际值', value: actual === null ? '无数据' : `${actual}${x.item.measure && typeof actual === 'number' ? ` ${x.item.measure}` : ''}` },
          { label: '年度目标', value: target === null ? '—' : `${target}${x.item.measure ? ` ${x.item.measure}` : ''}` },
        ];
        if (x.item.cumulative && e) inputs.push({ label: '序时进度', value: `${fmt(e.expected * 100)}%` });
        if (!e) inputs.push({ label: '无数据规则', value: describeMissingRule(rule) });
        const wText = effectiveWeight !== x.weight ? `${fmt(x.weight)} 分（按比例调整为 ${fmt(effectiveWeight)}）` : `${fmt(x.weight)} 分`;
        return {
          code: x.item.code,
          name: x.item.name,
          indicator: x.item.indicator,
          level1: model.indicatorByCode.get(x.item.indicator)?.level1 ?? x.item.indicator,
          weight: x.weight,
          effectiveWeight,
          overridden: x.overridden,
          specific: x.specific,
          actual,
          target,
          expected: e?.expected ?? 0,
          periodTarget: e && Number.isFinite(e.periodTarget) ? e.periodTarget : null,
          fraction,
          score,
          missing: !e,
          pace,
          progress: e && Number.isFinite(e.progress) ? e.progress : null,
          lagStreak,
          flagged: flagReason !== null,
          flagReason,
          explanation: {
            inputs,
            standard: describeStandard(x.item),
            formula: `${formula}；得分 = 得分比例 ${fmt(fraction * 100)}% × 权重 ${wText} = ${fmt(fraction * effectiveWeight)} → ${score.toFixed(decimals)}`,
            weight: effectiveWeight,
            fraction,
            score,
            rounding: roundingText,
          },
        };
      });
      const base = baseUnits / 10 ** decimals;
      const adj = adjustmentsOf(unitId, month);
      const coefficient = coefficientOf(unitId);
      const total = roundScore((base + adj.bonus - adj.deduction) * coefficient, decimals);
      const byL1 = new Map<string, { weight: number; score: number }>();
      for (const it of items) {
        const acc = byL1.get(it.level1) ?? { weight: 0, score: 0 };
        acc.weight += it.weight; acc.score += it.score;
        byL1.set(it.level1, acc);
      }
      const indicators = tier.indicators
        .filter((i) => byL1.has(i.code))
        .map((i) => ({ code: i.code, name: i.name, weight: roundScore(byL1.get(i.code)!.weight, 6), score: roundScore(byL1.get(i.code)!.score, decimals) }));
      const share = scheme.comprehensive?.tiers[tierId]?.share;
      const steps = [
        `基础分 = 各事项得分之和 = ${base.toFixed(decimals)}`,
        ...adj.steps,
        ...(coefficient !== 1 ? [`评价系数 ${coefficient}（承担四大牵引性工程 ${unit.traction} 项）`] : []),
        `总分 = (${base.toFixed(decimals)} + ${adj.bonus.toFixed(decimals)} − ${adj.deduction.toFixed(decimals)}) × ${coefficient} = ${fmt((base + adj.bonus - adj.deduction) * coefficient)} → ${total.toFixed(decimals)}（${roundingText}）`,
      ];
      return {
        unit: unitId,
        name: unit.name,
        tier: tierId,
        period: period.id,
        periodLabel: period.label,
        hasData: evals.some((e) => e !== null),
        base: roundScore(base, decimals),
        bonus: adj.bonus,
        deduction: adj.deduction,
        coefficient,
        total,
        rank: 0,
        previousRank: null,
        grade: '',
        gradeLabel: '',
        vetoes: adj.vetoes.map(({ code, name }) => ({ code, name })),
        rankRange: null,
        consequences: [],
        comprehensive: share !== undefined ? roundScore(total * share, decimals) : null,
        flagged: items.filter((i) => i.flagged).map((i) => ({ code: i.code, name: i.name, pace: i.pace, lagStreak: i.lagStreak, reason: i.flagReason! })),
        indicators,
        items,
        explanation: { formula: steps[steps.length - 1]!, steps },
      };
    });

    const ranks = rankTotals(results.map((r) => toUnits(r.total, decimals)));
    const rule = gradeRuleFor(scheme, tierId);
    const barredBy = new Map(results.map((r) => [r.unit, new Set(scheme.adjustments.filter((a) => a.kind === 'veto' && r.vetoes.some((v) => v.code === a.code)).flatMap((a) => a.bars))]));
    results.forEach((r, k) => {
      r.rank = ranks[k]!;
      const gi = applyVetoes(rule, gradeIndex(rule, r.rank, results.length, r.total), barredBy.get(r.unit)!);
      r.grade = rule.bands[gi]!.id;
      r.gradeLabel = rule.bands[gi]!.label;
    });

    if (robust && results.length > 1) {
      const ranges = rankRanges(model, ev, results.map((r) => r.items.map((i) => i.fraction)), results.map((r) => ({ bonus: r.bonus, deduction: r.deduction, coefficient: r.coefficient })));
      results.forEach((r, k) => { const g = ranges[k]!; r.rankRange = [Math.min(g[0], r.rank), Math.max(g[1], r.rank)]; });
    } else if (robust) results.forEach((r) => { r.rankRange = [r.rank, r.rank]; });

    if (history) {
      const prev = previousPeriod(period);
      if (prev && index.byMonth.has(dataMonth(prev))) {
        const p = scoreTier(tierId, prev.id, { robustness: false, history: false });
        const byUnit = new Map(p.units.map((u) => [u.unit, u.rank]));
        for (const r of results) r.previousRank = byUnit.get(r.unit) ?? null;
      }
      if (period.month === 12) applyConsequences(tierId, period.year, results);
    }

    const level1Average = tier.indicators.map((ind) => {
      let s = 0; let w = 0;
      for (const r of results) for (const i of r.indicators) if (i.code === ind.code) { s += i.score; w += i.weight; }
      return { code: ind.code, name: ind.name, share: w > 0 ? s / w : 0 };
    });
    results.sort((a, b) => a.rank - b.rank || a.unit.localeCompare(b.unit));
    const out: TierResult = { tier: tierId, tierName: tier.name, period, sample: model.bundle.dataMeta.sample, units: results, level1Average };
    resultCache.set(cacheKey, out);
    return out;
  }

  /** Consequences read this year's and earlier years' year-end results (e.g. near the bottom two years in a row). */
  function applyConsequences(tierId: string, year: number, results: UnitResult[]) {
    const n = results.length;
    const yearResults = new Map<number, Map<string, { rank: number; grade: string; n: number }> | null>();
    const resultsOf = (y: number) => {
      if (yearResults.has(y)) return yearResults.get(y)!;
      let m: Map<string, { rank: number; grade: string; n: number }> | null = null;
      if (y === year) m = new Map(results.map((r) => [r.unit, { rank: r.rank, grade: r.grade, n }]));
      else if (index.byMonth.has(monthId(y, 12))) {
        const t = scoreTier(tierId, `${y}-Y`, { robustness: false, history: false });
        m = new Map(t.units.map((r) => [r.unit, { rank: r.rank, grade: r.grade, n: t.units.length }]));
      }
      yearResults.set(y, m);
      return m;
    };
    for (const c of scheme.consequences) {
      if (!c.tiers.includes(tierId)) continue;
      for (const r of results) {
        let holds = true;
        for (let k = 0; k < c.when.years && holds; k++) {
          const got = resultsOf(year - k)?.get(r.unit);
          if (!got) { holds = false; break; }
          if (c.when.grades && !c.when.grades.includes(got.grade)) holds = false;
          if (c.when.top && got.rank > placeCount(c.when.top, got.n)) holds = false;
          if (c.when.bottom && got.rank <= got.n - placeCount(c.when.bottom, got.n)) holds = false;
        }
        if (holds) r.consequences.push({ id: c.id, label: c.label });
      }
    }
  }

  const months = [...index.byMonth.keys()].sort();
  return { model, index, months, scoreTier, hasMonth: (m) => index.byMonth.has(m) };
}
