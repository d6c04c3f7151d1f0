import type { Standard } from '../schemas/standard.ts';
import type { Item } from '../schemas/tier.ts';

/** What one unit reported for one item in one month. */
export interface ItemInput {
  /** NaN when empty or when the value is a letter (text). */
  actual: number;
  text?: string | undefined;
  /** Annual target; NaN when not given. */
  target: number;
  month: number;
  weight: number;
}

/** The first pass of evaluation: one unit alone. Peer standards finish in `finishPeerStandard`. */
export interface Evaluation {
  /** Share of the weight earned, ≥ 0 (over 1 only where a cap allows over-completion). */
  fraction: number;
  /** The value compared among peers (rank, percentile) or banded. */
  measure: number;
  /** Actual ÷ expected progress for pace status; NaN when not meaningful. */
  progress: number;
  /** Expected cumulative progress at the month (schedule). */
  expected: number;
  /** Target for the period: annual target × expected progress for cumulative items. */
  periodTarget: number;
  /** True when the fraction needs the peers (rank, percentile bands). */
  needsPeers: boolean;
  /** Peer standards: place among peers (ties share), number of peers, leader's measure. */
  place: number;
  peers: number;
  leader: number;
}

/**
 * One standard kind: how it scores, explains and describes itself. Registered in `STANDARDS`
 * (standards/index.ts); `evaluate`, `explainEvaluation` (standards.ts) and `describeStandard` (describe.ts)
 * dispatch on the item's kind.
 */
export interface StandardModule<S extends Standard> {
  /** True when the measure is a completion rate, so the item needs a target to be scored. */
  needsTarget(s: S): boolean;
  /** Pace is read against the target (when one is given) rather than from the score. */
  targetPace: boolean;
  /**
   * Score one unit alone: writes `fraction`, `measure`, `progress` and (peer standards) `needsPeers` into
   * `into`; `expected` and `periodTarget` are the schedule's, already worked out.
   */
  evaluate(item: Item, s: S, input: ItemInput, expected: number, periodTarget: number, into: Evaluation): void;
  /** How an evaluation was made, with the numbers, in Chinese. */
  explain(item: Item, s: S, input: ItemInput, e: Evaluation): string;
  /** The standard in plain Chinese (rules and unit pages). */
  describe(item: Item, s: S): string;
  /** Peer standards: the order that ranks peers (default the item's direction). */
  peerOrder?(item: Item, s: S): 'higher' | 'lower';
  /** Peer standards: the fraction at a place among n peers, for the unit's own measure x and the leader's. */
  peerFraction?(item: Item, s: S, place: number, n: number, x: number, leader: number): number;
}

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Completion rate, direction-aware; for cumulative items against the target due by the month. */
export function completionOf(item: Item, input: ItemInput, periodTarget: number): number {
  if (!Number.isFinite(periodTarget) || !Number.isFinite(input.actual)) return NaN;
  if (item.direction === 'lower') {
    // Zero where zero is the target (no incidents) is exactly on target; zero under a positive target beats it.
    if (input.actual <= 0) return periodTarget <= 0 ? 1 : Infinity;
    return Math.max(0, periodTarget) / input.actual;
  }
  // A zero target met (nothing due) is exactly on target, never a maximal over-completion.
  if (periodTarget <= 0) return input.actual >= periodTarget ? 1 : 0;
  return input.actual / periodTarget;
}

/** The measure of a standard that reads either the raw value or the completion rate. */
export function measureOf(on: 'value' | 'completion', item: Item, input: ItemInput, periodTarget: number): number {
  return on === 'value' ? input.actual : completionOf(item, input, periodTarget);
}

export function inBand(x: number, b: { min?: number | undefined; max?: number | undefined }): boolean {
  return (b.min === undefined || x >= b.min - 1e-12) && (b.max === undefined || x <= b.max + 1e-12);
}

/** Standards that measure either the value or the completion rate need a target only for the latter. */
export const onCompletion = (s: { on: 'value' | 'completion' }) => s.on === 'completion';
