import type { TierResult } from './score.ts';

/** The JSON shape other tools read: one object per unit, best rank first. */
export function rankingJson(result: TierResult) {
  return result.units.map((u) => ({
    unit: u.unit, name: u.name, tier: u.tier, period: u.period, total: u.total, base: u.base, bonus: u.bonus,
    deduction: u.deduction, rank: u.rank, previousRank: u.previousRank, grade: u.grade, gradeLabel: u.gradeLabel,
    coefficient: u.coefficient, rankRange: u.rankRange, consequences: u.consequences, vetoes: u.vetoes,
    comprehensive: u.comprehensive, flagged: u.flagged, sample: result.sample,
    items: u.items.map((i) => ({ code: i.code, name: i.name, weight: i.weight, actual: i.actual, target: i.target, score: i.score, pace: i.pace, flagged: i.flagged, explanation: i.explanation })),
    explanation: u.explanation,
  }));
}

