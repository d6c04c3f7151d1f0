/**
 * Summaries for the monitoring boards, read off the engine's results (counts, orderings, the worst
 * status of a group); nothing here scores anything.
 */
import type { PaceStatus, Tier, TierResult, UnitResult } from '../engine/index.ts';
import { gradeRuleFor, isBehind, PACE_WORST_FIRST } from '../engine/index.ts';
import type { Model } from '../engine/index.ts';
import { movement } from './format.ts';

/** Statuses from worst to best; 'none' (no data) last. */
export const PACE_ORDER: readonly PaceStatus[] = PACE_WORST_FIRST;

export interface Level1Cell {
  code: string;
  name: string;
  /** The worst status among the group's items that have data ('none' when none has). */
  status: PaceStatus;
  counts: Record<PaceStatus, number>;
  items: number;
  behind: number;
  /** Items without data this month: shown as 未报送 (not yet reported), never as a missing-data score. */
  missing: number;
}

const zeroCounts = (): Record<PaceStatus, number> =>
  Object.fromEntries(PACE_WORST_FIRST.map((s) => [s, 0])) as Record<PaceStatus, number>;

/** The dispatch-board row of a unit: one cell per level-1 indicator of the tier (undefined where the unit has no item). */
export function boardRow(unit: UnitResult, tier: Tier): (Level1Cell | undefined)[] {
  return tier.indicators.map((ind) => {
    const items = unit.items.filter((i) => i.level1 === ind.code);
    if (items.length === 0) return undefined;
    const counts = zeroCounts();
    for (const i of items) counts[i.pace]++;
    const status = PACE_ORDER.find((s) => s !== 'none' && counts[s] > 0) ?? 'none';
    const missing = items.filter((i) => i.missing).length;
    return {
      code: ind.code,
      name: ind.name,
      status,
      counts,
      items: items.length,
      behind: items.filter((i) => isBehind(i.pace)).length,
      missing,
    };
  });
}

/** Item statuses counted over a whole tier. */
export function paceCounts(result: TierResult): Record<PaceStatus, number> {
  const c = zeroCounts();
  for (const u of result.units) for (const i of u.items) c[i.pace]++;
  return c;
}

/** Item statuses per level-1 indicator over a tier (the mid-year health check). */
export function paceByLevel1(
  result: TierResult,
  tier: Tier,
): { code: string; name: string; counts: Record<PaceStatus, number> }[] {
  return tier.indicators.map((ind) => {
    const counts = zeroCounts();
    for (const u of result.units) for (const i of u.items) if (i.level1 === ind.code) counts[i.pace]++;
    return { code: ind.code, name: ind.name, counts };
  });
}

export interface Mover {
  unit: UnitResult;
  delta: number;
}

/** The contest leaderboard (擂台比武): units that moved most up and down since the previous period. */
export function movers(result: TierResult, count = 5): { up: Mover[]; down: Mover[] } {
  const moved: Mover[] = [];
  for (const u of result.units) {
    const d = movement(u.previousRank, u.rank);
    if (d !== null && d !== 0) moved.push({ unit: u, delta: d });
  }
  const up = moved
    .filter((m) => m.delta > 0)
    .sort((a, b) => b.delta - a.delta || a.unit.rank - b.unit.rank)
    .slice(0, count);
  const down = moved
    .filter((m) => m.delta < 0)
    .sort((a, b) => a.delta - b.delta || a.unit.rank - b.unit.rank)
    .slice(0, count);
  return { up, down };
}

/** How many units got each grade, in the grade rule's order. */
export function gradeDistribution(model: Model, result: TierResult): { id: string; label: string; count: number }[] {
  const rule = gradeRuleFor(model.scheme, result.tier);
  return rule.bands.map((b) => ({
    id: b.id,
    label: b.label,
    count: result.units.filter((u) => u.grade === b.id).length,
  }));
}

/** Every flagged item of a tier, longest lag first. */
export function flaggedList(
  result: TierResult,
): { unit: UnitResult; code: string; name: string; pace: PaceStatus; lagStreak: number; reason: string }[] {
  return result.units
    .flatMap((u) => u.flagged.map((f) => ({ unit: u, ...f })))
    .sort((a, b) => b.lagStreak - a.lagStreak || a.unit.rank - b.unit.rank || a.code.localeCompare(b.code));
}
