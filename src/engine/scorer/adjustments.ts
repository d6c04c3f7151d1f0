import { fmt } from '../format.ts';
import { roundScore } from '../rounding.ts';
import type { Scheme } from '../schemas/scheme.ts';
import type { ScoringContext } from './context.ts';

/** A unit's adjustments in a month: bonus and deduction after caps, its vetoes, and each step in words. */
export interface Adjustments {
  bonus: number;
  deduction: number;
  vetoes: { code: string; name: string }[];
  steps: string[];
}

/** Bonus, deduction (each capped per item and in total) and vetoes a unit reported in a data month. */
export function adjustmentsOf(ctx: ScoringContext, unit: string, month: string): Adjustments {
  const { index, scheme, d, nItems, decimals } = ctx;
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
        `${a.name}：${a.bars.length ? `不得评为${a.bars.map((g) => gradeLabelOf(scheme, g)).join('、')}` : '一票否决'}`,
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

/** A grade id's label in any of the scheme's grade rules (the id itself when none has it). */
export function gradeLabelOf(scheme: Scheme, id: string): string {
  for (const r of Object.values(scheme.grades)) for (const b of r.bands) if (b.id === id) return b.label;
  return id;
}

/** What a unit's coefficient rests on, in words (the coefficient rule's basis). */
export function coefficientBasisOf(ctx: ScoringContext, unitId: string): string {
  const tier = ctx.model.unitById.get(unitId)!.tier;
  return ctx.scheme.coefficients.find((r) => r.tiers.includes(tier))?.basis ?? '承担重点任务';
}

/** A unit's coefficient (评价系数): its tier's table at the largest load not above its traction, else the smallest value; 1 without a rule. */
export function coefficientOf(ctx: ScoringContext, unitId: string): number {
  const unit = ctx.model.unitById.get(unitId)!;
  for (const rule of ctx.scheme.coefficients) {
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
