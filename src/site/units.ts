/** Views for unit pages: read off engine results, no scoring. */
import type { TierResult, UnitResult } from '../engine/index.ts';

export interface Level1Row {
  code: string;
  name: string;
  weight: number;
  score: number;
  /** The unit's score as a share of the weight (0–1). */
  share: number;
  /** The tier average share from the engine (TierResult.level1Average). */
  average: number;
}

/** The unit's level-1 scores beside the tier averages the engine computed. */
export function level1VsAverage(unit: UnitResult, tier: TierResult): Level1Row[] {
  const avg = new Map(tier.level1Average.map((a) => [a.code, a.share]));
  return unit.indicators.map((i) => ({
    code: i.code,
    name: i.name,
    weight: i.weight,
    score: i.score,
    share: i.share,
    average: avg.get(i.code) ?? 0,
  }));
}
