import { describe, expect, it } from 'vitest';
import { expectedProgress, milestonesDue, paceStatus } from '../../src/engine/index.ts';
import type { ContentBundle, DataRow, Milestone } from '../../src/engine/index.ts';
import { row, scoreRows, unitOf } from './mini.ts';

const thresholds = { ahead: 1.05, onPace: 0.95, lagging: 0.8 };

describe('paceStatus compares actual ÷ expected progress with the scheme’s thresholds', () => {
  it.each([
    { progress: 1.2, status: 'ahead' },
    { progress: 1.05, status: 'ahead' }, // thresholds are inclusive
    { progress: 1.0499, status: 'on-pace' },
    { progress: 0.95, status: 'on-pace' },
    { progress: 0.9499, status: 'lagging' },
    { progress: 0.8, status: 'lagging' },
    { progress: 0.7999, status: 'severely-lagging' },
    { progress: 0, status: 'severely-lagging' },
    { progress: NaN, status: 'none' }, // nothing to compare (no expected progress yet)
  ])('$progress is $status', ({ progress, status }) => {
    expect(paceStatus(progress, thresholds)).toBe(status);
  });
});

const m = (month: number, progress: number): Milestone => ({ month, progress });
const quarters = [m(3, 0.1), m(6, 0.4), m(9, 0.7), m(12, 1)];

describe('expectedProgress comes from milestones, else a linear schedule', () => {
  it.each([
    { what: 'linear: 6 months of 12', schedule: [], month: 6, expected: 0.5 },
    { what: 'linear: the first month', schedule: [], month: 1, expected: 1 / 12 },
    { what: 'milestones: nothing is due before the first one', schedule: quarters, month: 2, expected: 0 },
    { what: 'milestones: due in the month of the milestone', schedule: quarters, month: 6, expected: 0.4 },
    { what: 'milestones: held flat until the next one', schedule: quarters, month: 8, expected: 0.4 },
    { what: 'milestones: the whole target at year end', schedule: quarters, month: 12, expected: 1 },
  ])('$what', ({ schedule, month, expected }) => {
    expect(expectedProgress(schedule, month)).toBeCloseTo(expected, 12);
  });

  it.each([
    { schedule: quarters, month: 2, due: 0 },
    { schedule: quarters, month: 9, due: 3 },
    { schedule: [], month: 11, due: 0 }, // with no schedule a task is due at year end only
    { schedule: [], month: 12, due: 1 },
  ])('milestonesDue counts $due due by month $month', ({ schedule, month, due }) => {
    expect(milestonesDue(schedule, month)).toBe(due);
  });

  // 丑镇 tb, TO-INV (completion, annual target 100) in June with 38 done.
  it.each([
    {
      what: 'linear: 38 of the 50 due by June is severely lagging',
      schedule: {},
      expected: 0.5,
      periodTarget: 50,
      pace: 'severely-lagging',
    },
    {
      what: 'milestones: 38 of the 40 due by June is on pace',
      schedule: { 3: 0.1, 6: 0.4, 9: 0.7, 12: 1 },
      expected: 0.4,
      periodTarget: 40,
      pace: 'on-pace',
    },
  ])('$what', ({ schedule, expected, periodTarget, pace }) => {
    const edit = (b: ContentBundle) => {
      b.tiers[1]!.items[0]!.schedule = Object.entries(schedule).map(([k, v]) => ({ month: Number(k), progress: v }));
    };
    const r = scoreRows(
      [row('2023-06', 'tb', 'TO-INV', 38, 100), row('2023-06', 'tb', 'TO-SAFE', 0)],
      'town',
      '2023-06',
      { edit },
    );
    const inv = unitOf(r, 'tb').items[0]!;
    expect([inv.expected, inv.periodTarget, inv.pace]).toEqual([expected, periodTarget, pace]);
  });
});

/** 丑镇's TO-INV for months 1…n at the given share of the expected progress (null: no row that month). */
function months(shares: (number | null)[]): DataRow[] {
  return shares.flatMap((share, i) => {
    if (share === null) return [];
    const p = `2023-${String(i + 1).padStart(2, '0')}`;
    return [
      row(p, 'tb', 'TO-INV', Math.round(120 * ((i + 1) / 12) * share * 100) / 100, 120),
      row(p, 'tb', 'TO-SAFE', 0),
    ];
  });
}

describe('lag streaks and flags (mini: 3 dispatches in a row, or severely lagging at the June check)', () => {
  const on = 1; // on pace
  const lag = 0.9; // lagging
  const sev = 0.7; // severely lagging
  it.each([
    { what: 'two lagging dispatches are a streak of 2, not yet flagged', shares: [lag, lag], streak: 2, reason: null },
    {
      what: 'three lagging dispatches in a row flag the item',
      shares: [lag, lag, lag],
      streak: 3,
      reason: '连续 3 次调度滞后',
    },
    {
      what: 'severely lagging counts toward the streak',
      shares: [sev, lag, sev],
      streak: 3,
      reason: '连续 3 次调度滞后',
    },
    { what: 'one dispatch on pace resets the streak', shares: [lag, lag, on, lag], streak: 1, reason: null },
    { what: 'a month with no report breaks the streak', shares: [lag, null, lag, lag], streak: 2, reason: null },
    {
      what: 'the streak keeps counting past the threshold',
      shares: [on, lag, lag, lag, lag],
      streak: 4,
      reason: '连续 4 次调度滞后',
    },
    {
      what: 'severely lagging at the mid-year check flags the item',
      shares: [on, on, on, on, on, sev],
      streak: 1,
      reason: '中期考核严重滞后，尚未赶上序时进度',
    },
    {
      what: 'the mid-year flag stays while the item is still behind',
      shares: [on, on, on, on, on, sev, lag],
      streak: 2,
      reason: '中期考核严重滞后，尚未赶上序时进度',
    },
    {
      what: 'the mid-year flag lifts once the item is back on pace',
      shares: [on, on, on, on, on, sev, on],
      streak: 0,
      reason: null,
    },
    {
      what: 'only lagging at mid-year does not flag when the scheme names severely lagging',
      shares: [on, on, on, on, on, lag],
      streak: 1,
      reason: null,
    },
    {
      what: 'severely lagging before the mid-year check is no mid-year flag',
      shares: [on, on, on, on, sev],
      streak: 1,
      reason: null,
    },
  ])('$what', ({ shares, streak, reason }) => {
    const period = `2023-${String(shares.length).padStart(2, '0')}`;
    const tb = unitOf(scoreRows(months(shares), 'town', period), 'tb');
    const inv = tb.items.find((i) => i.code === 'TO-INV')!;
    expect([inv.lagStreak, inv.flagged, inv.flagReason]).toEqual([streak, reason !== null, reason]);
    expect(tb.flagged.map((f) => f.code)).toEqual(reason ? ['TO-INV'] : []);
  });
});
