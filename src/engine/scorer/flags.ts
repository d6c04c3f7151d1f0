import { isBehindCode, PACE_CODES, PACE_LABELS } from '../pace.ts';
import type { Scheme } from '../schemas/scheme.ts';
import type { MonthEval } from './month.ts';

export { isBehindCode as isBehind } from '../pace.ts';

/** Why an item is flagged for attention, or null: a run of lagging dispatches, or behind since the mid-year check. */
export interface ItemFlag {
  /** Dispatches in a row up to this month that the item has been behind (1 when behind without history). */
  lagStreak: number;
  reason: string | null;
}

/**
 * An item's flag in a month from the year's month evaluations up to it (`back`, latest first) and the
 * mid-year month's evaluation when that check has passed.
 */
export function flagOf(
  scheme: Scheme,
  slot: number,
  behind: boolean,
  history: boolean,
  back: readonly MonthEval[],
  midEval: MonthEval | undefined,
): ItemFlag {
  let lagStreak = behind ? 1 : 0;
  if (behind && history) {
    lagStreak = 0;
    for (const b of back) {
      if (!isBehindCode(b.pace[slot]!)) break;
      lagStreak++;
    }
  }
  let reason: string | null = null;
  if (lagStreak >= scheme.flag.consecutive) reason = `连续 ${lagStreak} 次调度滞后`;
  else if (behind && midEval) {
    const mid = PACE_CODES[midEval.pace[slot]!]!;
    if ((scheme.flag.midYearStatuses as readonly string[]).includes(mid))
      reason = `中期考核${PACE_LABELS[mid]}，尚未赶上序时进度`;
  }
  return { lagStreak, reason };
}
