/**
 * The rows of a unit page's long tables as HTML text, with the least markup that shows and reads the same
 * (#10: a 2,000-unit province builds 2,000 unit pages). Everything a row says the same way as every other
 * row lives once, in styles/unit.css (each column's alignment, the phone cards' column labels) and, for
 * 较上期, in the ranking tables' movement marks (ranking-rows.ts movementMark and its rules in global.css). Optional end tags (</td>, </th>, </tr>, </p>) are left out, as HTML
 * allows; every text is escaped.
 *   historyRowsHtml  历次得分和排名 (table.hist): 期间 | 总分 | 排名 (of N said once in its header: historyPeers) | 较上期 | 等次 | 督办
 *   itemRowsHtml     本单位指标清单和得分 (table.items): 事项 | 分值 | 实际值 | 年度目标 | 得分 | 进度 | 计算过程
 *   listRowsHtml     本单位指标清单, for a unit without a result yet (table.unit-list): 事项 | 一级指标 | 分值
 *   level1RowsHtml   一级指标得分率与同类平均 (table.l1): 一级指标 | 分值 | 得分 | 得分率 | 同类平均 | 对比 (two bars)
 * An item's 评价标准 and 时间进度 are its tier's, the same for every unit: they are said once, on the tier's
 * indicators page, and each item's name links to its row there. A row keeps what is the unit's own: its weight
 * (with 调整 and the default when it differs), 特有, its values, score, pace and computation.
 */
import type { ItemResult, PaceStatus, UnitItem } from '../engine/index.ts';
import { PACE_LABELS } from '../engine/index.ts';
import type { HistoryPoint } from './data.ts';
import { escapeXml as esc } from './feed.ts';
import { fmtPct, fmtScore, fmtWeight } from './format.ts';
import type { Level1Row } from './units.ts';
import { color } from '../components/charts/config.ts';
import { paths } from './paths.ts';
import { movementMark } from './ranking-rows.ts';

/**
 * A pace status with its text label, drawn as the pill components/PaceBadge.astro writes, in less markup: the
 * pill's look comes from its place (table.items td > i, global.css), the colour from .pace-<status>.
 */
export const paceHtml = (status: PaceStatus) => `<i class=pace-${status}>${PACE_LABELS[status]}</i>`;

/**
 * The number of units ranked in every period of a history when it is the same in all of them: the 排名 header
 * says it once (排名, 共 N on a second line) and each row only the rank. Undefined when periods differ; each row then says its own.
 */
export function historyPeers(history: readonly HistoryPoint[]): number | undefined {
  const n = history[0]?.of;
  return n !== undefined && history.every((h) => h.of === n) ? n : undefined;
}

export function historyRowsHtml(history: readonly HistoryPoint[], tier: string, decimals: number): string {
  const once = historyPeers(history) !== undefined;
  let out = '';
  for (const h of history)
    out +=
      `<tr><th scope=row><a href="${paths.rankings(tier, h.period.id)}">${esc(h.period.label)}</a>` +
      `<td>${fmtScore(h.result.total, decimals)}<td>${h.result.rank}${once ? '' : ` / ${h.of}`}<td>${movementMark(h.result)}` +
      `<td>${esc(h.result.gradeLabel)}<td>${h.result.flagged.length || '—'}`;
  return out;
}

export interface ItemRowOptions {
  decimals: number;
  /** The unit's tier: each item's name links to its row on the tier's indicators page. */
  tier: string;
  /** The unit's list entry for an item (its weight override, unit-specific), by item code. */
  listed: (code: string) => UnitItem | undefined;
  /** The name of an item's indicator (its level-2 indicator, or level 1). */
  indicatorName: (code: string) => string;
  /** The rounding rule said once above the table; an item with another one says its own. */
  rounding: string | undefined;
}

/** Explanation inputs shown in their own columns (实际值, 年度目标, with their measure), not again in the box. */
const IN_CELLS = new Set(['实际值', '年度目标']);

/** The item's name, linked to its row (standard, schedule) on the tier's indicators page, and its 特有 tag. */
const itemName = (tier: string, code: string, name: string, specific: boolean | undefined) =>
  `<a href="${paths.indicators(tier)}#item-${esc(code)}">${esc(name)}</a>` +
  (specific ? '<span class="tag tag-specific">特有</span>' : '');

/** The unit's weight, with 调整 and the default weight when the unit's differs. */
const weightHtml = (weight: number, x: UnitItem | undefined) =>
  fmtWeight(weight) +
  (x?.overridden
    ? `<span class="tag tag-override">调整</span><br><small>默认 ${fmtWeight(x.item.weight)}</small>`
    : '');

const rowClass = (x: UnitItem | undefined) =>
  x?.specific ? ' class=row-specific' : x?.overridden ? ' class=row-override' : '';

export function itemRowsHtml(items: readonly ItemResult[], o: ItemRowOptions): string {
  let out = '';
  for (const it of items) {
    const e = it.explanation;
    const x = o.listed(it.code);
    const input = (label: string) => e?.inputs.find((i) => i.label === label)?.value;
    const actual = input('实际值') ?? (it.actual === null ? '无数据' : String(it.actual));
    const target = input('年度目标') ?? (it.target === null ? '—' : String(it.target));
    let box = '';
    if (e) {
      for (const i of e.inputs)
        if (!IN_CELLS.has(i.label) && !e.formula.includes(`${i.label} ${i.value}`))
          box += `<p>${esc(i.label)}：${esc(i.value)}`;
      // The standard is the tier's (the item's name links to it); the computation with this unit's numbers is here.
      box += `<p>计算：${esc(e.formula)}`;
      if (e.rounding !== o.rounding) box += `<p>舍入：${esc(e.rounding)}`;
    }
    if (it.flagReason) box += `<p class=flag>挂牌督办：${esc(it.flagReason)}`;
    out +=
      `<tr id="r-${esc(it.code)}"${rowClass(x)}><th scope=row>${itemName(o.tier, it.code, it.name, x?.specific)}` +
      (it.flagged ? '<span class="tag tag-flag">督办</span>' : '') +
      `<br><small>${esc(o.indicatorName(it.indicator))}</small>` +
      `<td>${weightHtml(it.weight, x)}<td>${esc(actual)}<td>${esc(target)}<td>${fmtScore(it.score, o.decimals)}` +
      `<td>${paceHtml(it.pace)}` +
      (it.lagStreak > 0 ? `<br><small>连续滞后 ${it.lagStreak} 次</small>` : '') +
      `<td><details><summary>查看</summary>${box}</details>`;
  }
  return out;
}

export interface ListRowOptions {
  tier: string;
  /** The name of an item's level-1 indicator. */
  level1Name: (item: UnitItem['item']) => string;
}

/** The unit's list while it has no result yet: each item, its level-1 indicator and the unit's weight. */
export function listRowsHtml(list: readonly UnitItem[], o: ListRowOptions): string {
  let out = '';
  for (const x of list)
    out +=
      `<tr${rowClass(x)}><th scope=row>${itemName(o.tier, x.item.code, x.item.name, x.specific)}` +
      `<td>${esc(o.level1Name(x.item))}<td>${weightHtml(x.weight, x)}`;
  return out;
}

/**
 * The level-1 rows with their comparison drawn in the row: two bars on one scale from 0 (the unit's share, then
 * the tier average), as wide as the largest share on the page or 100 %, whichever is more. The numbers are in
 * the row's cells; the bars are a picture of them (aria-hidden), in the charts' first two colours.
 */
export function level1RowsHtml(rows: readonly Level1Row[], decimals: number): string {
  const scale = Math.max(1, ...rows.flatMap((r) => [r.share, r.average]));
  const w = (share: number) => Math.round((Math.max(0, share) / scale) * 1000) / 10;
  let out = '';
  for (const r of rows)
    out +=
      `<tr><th scope=row>${esc(r.name)}<td>${fmtWeight(r.weight)}<td>${fmtScore(r.score, decimals)}` +
      `<td>${fmtPct(r.share)}<td>${fmtPct(r.average)}` +
      `<td><svg viewBox="0 0 100 14" preserveAspectRatio="none" aria-hidden="true">` +
      `<rect width="${w(r.share)}" height="6" fill="${color(0)}"/><rect y="8" width="${w(r.average)}" height="6" fill="${color(1)}"/></svg>`;
  return out;
}
