import type { PaceStatus } from './schemas/common.ts';
import { behindStatusSchema, paceStatusSchema } from './schemas/common.ts';
import type { Scheme } from './schemas/scheme.ts';
import { percent } from './format.ts';

/** Pace status from actual ÷ expected progress, by the scheme's thresholds. */
export function paceStatus(progress: number, pace: Scheme['pace']): PaceStatus {
  return PACE_CODES[paceCode(progress, pace)]!;
}

/** Pace statuses by code (see paceCode): the enum's order. */
export const PACE_CODES: readonly PaceStatus[] = paceStatusSchema.options;

/** Statuses of items with data, best first (ahead … severely lagging). */
export const REPORTED_PACES: readonly Exclude<PaceStatus, 'none'>[] = paceStatusSchema.exclude(['none']).options;

/** Statuses as legends and tables list them: best first, no data last. */
export const PACE_DISPLAY_ORDER: readonly PaceStatus[] = [...REPORTED_PACES, 'none'];

/** Statuses from worst to best, no data last (the worst status of a group is the first one present). */
export const PACE_WORST_FIRST: readonly PaceStatus[] = [...[...REPORTED_PACES].reverse(), 'none'];

const BEHIND: ReadonlySet<PaceStatus> = new Set(behindStatusSchema.options);

/** Behind the schedule: lagging or severely lagging (the one definition). */
export function isBehind(status: PaceStatus): boolean {
  return BEHIND.has(status);
}

const BEHIND_CODE = Uint8Array.from(PACE_CODES, (s) => (BEHIND.has(s) ? 1 : 0));

/** Whether a pace code (see paceCode) is behind: lagging or severely lagging. */
export function isBehindCode(code: number): boolean {
  return BEHIND_CODE[code] === 1;
}

/** Pace status as a small code (0 none, 1 ahead, 2 on pace, 3 lagging, 4 severely lagging), for compact arrays. */
export function paceCode(progress: number, pace: Scheme['pace']): number {
  if (Number.isNaN(progress)) return 0;
  if (progress >= pace.ahead) return 1;
  if (progress >= pace.onPace) return 2;
  if (progress >= pace.lagging) return 3;
  return 4;
}

export const PACE_LABELS: Record<PaceStatus, string> = {
  ahead: '超序时',
  'on-pace': '正常',
  lagging: '滞后',
  'severely-lagging': '严重滞后',
  none: '无数据',
};

export function describePace(pace: Scheme['pace']): string {
  const p = (x: number) => percent(x, 1, false);
  return `实际进度 ÷ 序时进度 ≥ ${p(pace.ahead)} 为超序时；≥ ${p(pace.onPace)} 为正常；≥ ${p(pace.lagging)} 为滞后；低于 ${p(pace.lagging)} 为严重滞后`;
}
