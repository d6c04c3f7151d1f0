import { percent } from './format.ts';
import type { Milestone } from './schemas/tier.ts';

/**
 * Expected cumulative progress (0–1) at the end of `month`: from explicit milestones (held flat
 * between them, 0 before the first), or linear (month ÷ 12) when there are none.
 */
export function expectedProgress(schedule: readonly Milestone[], month: number): number {
  if (schedule.length === 0) return month / 12;
  let p = 0;
  for (const m of schedule) {
    if (m.month <= month) p = m.progress;
    else break;
  }
  return p;
}

/** Number of milestones due by the end of `month` (for the milestones standard). */
export function milestonesDue(schedule: readonly Milestone[], month: number): number {
  if (schedule.length === 0) return month === 12 ? 1 : 0;
  let n = 0;
  for (const m of schedule) if (m.month <= month) n++;
  return n;
}

export function describeSchedule(schedule: readonly Milestone[]): string {
  if (schedule.length === 0) return '按月均衡推进（每月 1/12）';
  return schedule
    .map((m) => `${m.month}月底${m.label ? `${m.label}，` : ''}累计 ${percent(m.progress, 1, false)}`)
    .join('；');
}
