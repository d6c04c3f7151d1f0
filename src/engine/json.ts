import type { TierResult } from './score.ts';
import type { UnitAdvice } from './advice.ts';
import { compactAdvice } from './advice.ts';
import { mainSensitivity } from './robustness.ts';

/** The JSON shape other tools read: one object per unit, best rank first; advice per unit when given. */
export function rankingJson(result: TierResult, advice?: ReadonlyMap<string, UnitAdvice>) {
  return result.units.map((u) => ({
    unit: u.unit,
    name: u.name,
    tier: u.tier,
    period: u.period,
    scheme: result.scheme,
    total: u.total,
    base: u.base,
    bonus: u.bonus,
    deduction: u.deduction,
    rank: u.rank,
    previousRank: u.previousRank,
    previousComparable: u.previousComparable,
    grade: u.grade,
    gradeLabel: u.gradeLabel,
    coefficient: u.coefficient,
    rankRange: u.rankRange,
    rankDependsOn: u.sensitivity ? mainSensitivity(u.sensitivity).map((x) => ({ code: x.code, share: x.share })) : null,
    consequences: u.consequences,
    vetoes: u.vetoes,
    comprehensive: u.comprehensive,
    flagged: u.flagged,
    sample: result.sample,
    // weight: the weight the score used (the exclude rule spreads an item's weight); baseWeight: the nominal one, only where they differ.
    items: u.items.map((i) => ({
      code: i.code,
      name: i.name,
      weight: i.effectiveWeight,
      ...(i.effectiveWeight !== i.weight ? { baseWeight: i.weight } : {}),
      actual: i.actual,
      target: i.target,
      score: i.score,
      pace: i.pace,
      flagged: i.flagged,
      explanation: i.explanation,
    })),
    explanation: u.explanation,
    ...(advice?.has(u.unit) ? { advice: compactAdvice(advice.get(u.unit)!) } : {}),
  }));
}
