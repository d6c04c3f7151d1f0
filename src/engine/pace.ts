import type { PaceStatus } from './schemas/common.ts';
import type { Scheme } from './schemas/scheme.ts';

/** Pace status from actual ÷ expected progress, by the scheme's thresholds. */
export function paceStatus(progress: number, pace: Scheme['pace']): PaceStatus {
  return PACE_CODES[paceCode(progress, pace)]!;
}

/** Pace statuses by code (see paceCode). */
export const PACE_CODES: readonly PaceStatus[] = ['none', 'ahead', 'on-pace', 'lagging', 'severely-lagging'];

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
  const p = (x: number) => `${Math.round(x * 1000) / 10}%`;
  return `实际进度 ÷ 序时进度 ≥ ${p(pace.ahead)} 为超序时；≥ ${p(pace.onPace)} 为正常；≥ ${p(pace.lagging)} 为滞后；低于 ${p(pace.lagging)} 为严重滞后`;
}
