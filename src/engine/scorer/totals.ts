import { applyVetoes, gradeIndex, rankTotals } from '../grades.ts';
import type { Model } from '../model.ts';
import { gradeRuleFor } from '../model.ts';
import { roundScore, toUnits } from '../rounding.ts';
import type { Partials } from '../exact-sum.ts';
import { addExact, roundedSum } from '../exact-sum.ts';
import type { GradeRule } from '../schemas/scheme.ts';
import { adjustmentsOf, coefficientOf } from './adjustments.ts';
import type { ScoringContext } from './context.ts';
import type { Layout } from './layout.ts';
import type { MonthEval } from './month.ts';

/** Per tier and month, the numbers of the ranking: what previous periods and consequences need. */
export interface Core {
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
  /**
   * Per tier-local item number: the fractions of the units that reported it, summed exactly (exact-sum.ts);
   * the peer average is their rounded sum ÷ \`reported\`, whatever order the units come in.
   */
  reportedSum: Partials[];
  vetoes: { code: string; name: string }[][];
  /** Per unit: the grade ids its vetoes bar. */
  barred: Set<string>[];
  adjSteps: string[][];
}

/**
 * Total = (base + bonus − deduction) × coefficient: the one formula, shared by the scorer, the robustness
 * draws and advice. Rounded to `decimals` by the rounding rule when given; unrounded without (the draws
 * compare totals in whole units of their own, and the explanation shows the value before rounding).
 */
export function unitTotal(
  base: number,
  bonus: number,
  deduction: number,
  coefficient: number,
  decimals?: number,
): number {
  const total = (base + bonus - deduction) * coefficient;
  return decimals === undefined ? total : roundScore(total, decimals);
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
 * Totals, ranks and grades of a tier in a month from its evaluation: missing-data rules, base score,
 * adjustments and coefficient, total, rank and grade (numbers only).
 */
export function rankMonth(ctx: ScoringContext, L: Layout, ev: MonthEval, tierId: string, month: string): Core {
  const { scheme, decimals } = ctx;
  const n = ev.fraction.length;
  const nu = ev.units.length;
  // Peer averages of fractions per item, for the peer-average missing rule.
  const sums: Partials[] = L.items.map(() => []);
  const cnt = new Float64Array(L.items.length);
  for (let slot = 0; slot < n; slot++)
    if (ev.has[slot]) {
      addExact(sums[L.itemNo[slot]!]!, ev.fraction[slot]!);
      cnt[L.itemNo[slot]!]! += 1;
    }
  const average = sums.map((p, no) => (cnt[no]! > 0 ? roundedSum(p) / cnt[no]! : 0));
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
    reportedSum: sums,
    vetoes: [],
    barred: [],
    adjSteps: [],
  };
  const totalUnits: number[] = new Array(nu);
  const scaleUnits = 10 ** decimals;
  for (let k = 0; k < nu; k++) {
    const from = ev.offsets[k]!;
    const to = ev.offsets[k + 1]!;
    // The exclude rule drops an item and spreads its weight over the others in proportion.
    let excluded = 0;
    let all = 0;
    for (let slot = from; slot < to; slot++) {
      all += L.weight[slot]!;
      if (!ev.has[slot] && L.rule[slot] === 'exclude') excluded += L.weight[slot]!;
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
      else if (rule === 'peer-average') {
        f = average[L.itemNo[slot]!]!;
      } else if (rule === 'full') f = 1;
      else {
        f = 0;
        if (rule === 'exclude') w = 0;
      }
      const sc = roundScore(f * w, decimals);
      c.fraction[slot] = f;
      c.effectiveWeight[slot] = w;
      c.score[slot] = sc;
      baseUnits += Math.round(sc * scaleUnits);
    }
    const unitId = ev.units[k]!;
    const adj = adjustmentsOf(ctx, unitId, month);
    const coef = coefficientOf(ctx, unitId);
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
  return c;
}
