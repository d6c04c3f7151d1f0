/**
 * Summaries for the monitoring boards, read off the engine's results (counts, orderings, the worst
 * status of a group); nothing here scores anything.
 */
import type { PaceStatus, Tier, TierResult, UnitResult } from '../engine/index.ts';
import { gradeRuleFor, isBehind, PACE_LABELS, PACE_WORST_FIRST } from '../engine/index.ts';
import type { Model } from '../engine/index.ts';
import { fmtScore, movement } from './format.ts';
import { paths } from './paths.ts';
import { esc } from './ranking-rows.ts';

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

/**
 * The 督办原因 cell: when the reason is the streak itself (“连续 N 次调度滞后”, the engine's words), the 连续滞后
 * column already says N, so the cell says only 连续滞后 (FLAGGED_STREAK_NOTE, under the table, gives the rule);
 * any other reason (the mid-year check) in full. 19,302 of 20,428 rows at 2,000 units are the streak (#10).
 */
export function flaggedReason(f: { lagStreak: number; reason: string }): string {
  return f.reason === `连续 ${f.lagStreak} 次调度滞后` ? FLAGGED_STREAK_MARK : f.reason;
}
export const FLAGGED_STREAK_MARK = '连续滞后';

/** Every flagged item of a tier, longest lag first. */
export function flaggedList(
  result: TierResult,
): { unit: UnitResult; code: string; name: string; pace: PaceStatus; lagStreak: number; reason: string }[] {
  return result.units
    .flatMap((u) => u.flagged.map((f) => ({ unit: u, ...f })))
    .sort((a, b) => b.lagStreak - a.lagStreak || a.unit.rank - b.unit.rank || a.code.localeCompare(b.code));
}

/**
 * A pace status as a one-letter class of the board's and the flagged list's cells (#10): global.css ("Board and
 * flagged rows") colours table.board td.<letter> as the legend's cell-<status> and the flagged list's pill
 * (table.flagged td > span.<letter>) as pace-<status>. The cell's text still says the status.
 */
export const PACE_CLASS: Record<PaceStatus, string> = {
  ahead: 'a',
  'on-pace': 'o',
  lagging: 'l',
  'severely-lagging': 's',
  none: 'n',
};

/**
 * The dispatch board's rows as HTML text (#10: one row per unit, a 2,000-unit province boards 1,570 towns a
 * month): rank, unit (督办 n when flagged), one cell per level-1 indicator, total. Alignment and the cell
 * look are the stylesheet's (global.css, "Board and flagged rows"); optional end tags are left out.
 * A cell shows the worst status of the group's items with data, n/m 项滞后 and n 项未报送; a group whose
 * items all lack data says 未报送; a unit without items under an indicator shows — (read 不考核).
 */
export function boardRowsHtml(result: TierResult, tier: Tier, decimals: number): string {
  let out = '';
  for (const u of result.units) {
    let r = `<tr><td>${u.rank}<th><a href="${paths.unit(u.unit)}">${esc(u.name)}</a>`;
    if (u.flagged.length > 0) r += `<span class="tag tag-flag">督办 ${u.flagged.length}</span>`;
    for (const c of boardRow(u, tier)) {
      if (!c) r += '<td class=na>';
      else if (c.missing === c.items) r += '<td class=n>未报送';
      else {
        r += `<td class=${PACE_CLASS[c.status]}>${esc(PACE_LABELS[c.status])}`;
        if (c.behind > 0) r += `<small>${c.behind}/${c.items} 项滞后</small>`;
        if (c.missing > 0) r += `<small>${c.missing} 项未报送</small>`;
      }
    }
    out += `${r}<td>${fmtScore(u.total, decimals)}`;
  }
  return out;
}

/** The flagged list's rows (挂牌督办): unit, item (linked to its row on the unit page), status (a pill by the stylesheet), lag, reason. */
export function flaggedRowsHtml(result: TierResult): string {
  let out = '';
  for (const f of flaggedList(result)) {
    const unit = paths.unit(f.unit.unit);
    out += `<tr><th><a href="${unit}">${esc(f.unit.name)}</a><td><a href="${unit}#r-${esc(f.code)}">${esc(f.name)}</a><td><span class=${PACE_CLASS[f.pace]}>${esc(PACE_LABELS[f.pace])}</span><td>${f.lagStreak} 次<td>${esc(flaggedReason(f))}`;
  }
  return out;
}
