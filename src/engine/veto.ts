/** A veto (一票否决) in words where it shows: which event, which grades it bars, what the unit got instead. */
import { applyVetoes, gradeIndex } from './grades.ts';
import { gradeRuleFor } from './model.ts';
import type { UnitResult } from './results.ts';
import type { Scheme } from './schemas/scheme.ts';

export interface VetoExplanation {
  /** The veto events of the unit this period, with the grades each bars (labels). */
  events: { name: string; bars: string[] }[];
  /** The grade its rank (or total) alone would give, and the grade it got. */
  byRank: string;
  got: string;
  /** One sentence, e.g. “安全生产事故：不得评为优秀、良好。按名次应为优秀，评为一般。” */
  text: string;
}

/** Null when the unit has no veto this period. `n` is the number of units ranked in its tier. */
export function explainVeto(scheme: Scheme, result: UnitResult, n: number): VetoExplanation | null {
  if (result.vetoes.length === 0) return null;
  const rule = gradeRuleFor(scheme, result.tier);
  const label = (id: string) => rule.bands.find((b) => b.id === id)?.label ?? id;
  const events = result.vetoes.map((v) => {
    const a = scheme.adjustments.find((x) => x.code === v.code);
    // A veto that lists no grades (一票否决) bars every grade but the last, as the engine applies it.
    const bars = a && a.bars.length > 0 ? a.bars : rule.bands.slice(0, -1).map((b) => b.id);
    return { name: v.name, ids: bars, bars: bars.map(label) };
  });
  const byRankIndex = gradeIndex(rule, result.rank, n, result.total);
  const gotIndex = applyVetoes(rule, byRankIndex, new Set(events.flatMap((e) => e.ids)));
  const byRank = rule.bands[byRankIndex]!.label;
  const got = rule.bands[gotIndex]!.label;
  const what = events.map((e) => `${e.name}：不得评为${e.bars.join('、')}`).join('；');
  const text = byRank === got ? `${what}。按名次为${got}，不受影响。` : `${what}。按名次应为${byRank}，评为${got}。`;
  return { events: events.map(({ name, bars }) => ({ name, bars })), byRank, got, text };
}
