/** The shapes of scoring results: what the site, the CLI's JSON and the self-check read. */
import type { Period } from './period.ts';
import type { PaceStatus } from './schemas/common.ts';
import type { RankSensitivity } from './robustness.ts';

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
  /** For cumulative items with an annual target (higher is better): actual ÷ annual target, to set beside `expected`. */
  actualProgress: number | null;
  fraction: number;
  score: number;
  missing: boolean;
  pace: PaceStatus;
  progress: number | null;
  /** Dispatches in a row (up to this month) the item has been lagging or worse. */
  lagStreak: number;
  flagged: boolean;
  flagReason: string | null;
  /** Null when scored without explanations (options.explain). */
  explanation: Explanation | null;
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
  /**
   * Whether movement can be read: true with a previous rank; false when the previous period is in an earlier
   * year whose scheme gives the tier other items (不可比: no arrow is shown); null without a previous result.
   */
  previousComparable: boolean | null;
  grade: string;
  gradeLabel: string;
  vetoes: { code: string; name: string }[];
  /** Best and worst rank under random weight changes (robustness); null when not computed. */
  rankRange: [number, number] | null;
  /** First-order sensitivity of the rank to each level-1 indicator's weight (largest first); null when not computed. */
  sensitivity: RankSensitivity[] | null;
  consequences: { id: string; label: string }[];
  /** Points the result contributes to the annual comprehensive assessment (the "1"), when the tier enters it. */
  comprehensive: number | null;
  flagged: FlaggedItem[];
  /** Level-1 scores; `share` is score ÷ weight (0–1, above 1 where over-completion counts). */
  indicators: { code: string; name: string; weight: number; score: number; share: number }[];
  /** Every item of the unit's list; empty when scored with `items: false` for this unit. */
  items: ItemResult[];
  explanation: { formula: string; steps: string[] };
}

export interface TierResult {
  /** The scheme (id and year) that produced this result. */
  scheme: { id: string; year: number };
  tier: string;
  tierName: string;
  period: Period;
  sample: boolean;
  /** Decimals scores are kept and shown at (the scheme's). */
  decimals: number;
  units: UnitResult[];
  /** Tier average score per level-1 indicator, as a share of its weight (0–1), for unit-vs-tier charts. */
  level1Average: { code: string; name: string; share: number }[];
}

export interface ScoreOptions {
  /** Compute rank ranges under random weight changes. Default true. */
  robustness?: boolean;
  /** Compute consequences and previous-period movement. Default true. */
  history?: boolean;
  /** Build item explanations (text): for every unit (true, default), none (false), or the units chosen. */
  explain?: boolean | ((unit: string) => boolean);
  /**
   * Build per-item results: for every unit (true, default), none (false: totals, ranks, grades, level-1
   * scores and flags only, the cheap path for large tiers), or the units chosen (e.g. the self-checking unit).
   */
  items?: boolean | ((unit: string) => boolean);
}
