/**
 * The rows of a unit page's long tables as HTML text, with the least markup that shows and reads the same
 * (#10: a 2,000-unit province builds 2,000 unit pages). Everything a row says the same way as every other
 * row lives once, in styles/unit.css (each column's alignment, the phone cards' column labels) and, for
 * 较上期, in the ranking tables' movement marks (ranking-rows.ts movementMark and its rules in global.css). Optional end tags (</td>, </th>, </tr>, </li>) are left out, as HTML
 * allows; every text is escaped.
 *   historyRowsHtml  历次得分和排名 (table.hist): 期间 | 总分 | 排名 | 较上期 | 等次 | 督办
 *   itemRowsHtml     各事项得分 (table.items):   事项 | 分值 | 实际值 | 年度目标 | 得分 | 进度 | 计算过程
 *   listRowsHtml     本单位指标清单 (table.unit-list): 事项 | 一级指标 | 分值 | 评价标准 | 时间进度
 */
import type { ItemResult, PaceStatus, UnitItem } from '../engine/index.ts';
import { describeSchedule, describeStandard, PACE_LABELS } from '../engine/index.ts';
import type { HistoryPoint } from './data.ts';
import { escapeXml as esc } from './feed.ts';
import { fmtScore, fmtWeight } from './format.ts';
import { paths } from './paths.ts';
import { movementMark } from './ranking-rows.ts';

/** A pace status with its text label, as components/PaceBadge.astro writes it. */
export const paceHtml = (status: PaceStatus) => `<span class="pill pace-${status}">${PACE_LABELS[status]}</span>`;

export function historyRowsHtml(history: readonly HistoryPoint[], tier: string, decimals: number): string {
  let out = '';
  for (const h of history)
    out +=
      `<tr><th scope=row><a href="${paths.rankings(tier, h.period.id)}">${esc(h.period.label)}</a>` +
      `<td>${fmtScore(h.result.total, decimals)}<td>${h.result.rank} / ${h.of}<td>${movementMark(h.result)}` +
      `<td>${esc(h.result.gradeLabel)}<td>${h.result.flagged.length || '—'}`;
  return out;
}

export interface ItemRowOptions {
  decimals: number;
  /** The name of an item's indicator (its level-2 indicator, or level 1). */
  indicatorName: (code: string) => string;
  /** The rounding rule said once above the table; an item with another one says its own. */
  rounding: string | undefined;
}

/** Explanation inputs shown in their own columns (实际值, 年度目标, with their measure), not again in the box. */
const IN_CELLS = new Set(['实际值', '年度目标']);

export function itemRowsHtml(items: readonly ItemResult[], o: ItemRowOptions): string {
  let out = '';
  for (const it of items) {
    const e = it.explanation;
    const input = (label: string) => e?.inputs.find((i) => i.label === label)?.value;
    const actual = input('实际值') ?? (it.actual === null ? '无数据' : String(it.actual));
    const target = input('年度目标') ?? (it.target === null ? '—' : String(it.target));
    let box = '';
    if (e) {
      for (const i of e.inputs) if (!IN_CELLS.has(i.label)) box += `<li>${esc(i.label)}：${esc(i.value)}`;
      // The standard is the item's, shown once in the unit's list below (the same words).
      box += `<li>计算：${esc(e.formula)}`;
      if (e.rounding !== o.rounding) box += `<li>舍入：${esc(e.rounding)}`;
    }
    if (it.flagReason) box += `<li class=flag>挂牌督办：${esc(it.flagReason)}`;
    out +=
      `<tr id="r-${esc(it.code)}"><th scope=row>${esc(it.name)}` +
      (it.flagged ? '<span class="tag tag-flag">督办</span>' : '') +
      `<br><small>${esc(o.indicatorName(it.indicator))}</small>` +
      `<td>${fmtWeight(it.weight)}<td>${esc(actual)}<td>${esc(target)}<td>${fmtScore(it.score, o.decimals)}` +
      `<td>${paceHtml(it.pace)}` +
      (it.lagStreak > 0 ? `<br><small>连续滞后 ${it.lagStreak} 次</small>` : '') +
      `<td><details><summary>查看</summary><ul>${box}</ul></details>`;
  }
  return out;
}

export interface ListRowOptions {
  tier: string;
  /** The name of an item's level-1 indicator. */
  level1Name: (item: UnitItem['item']) => string;
}

export function listRowsHtml(list: readonly UnitItem[], o: ListRowOptions): string {
  let out = '';
  for (const x of list) {
    const cls = x.specific ? ' class=row-specific' : x.overridden ? ' class=row-override' : '';
    out +=
      `<tr${cls}><th scope=row><a href="${paths.indicators(o.tier)}#item-${esc(x.item.code)}">${esc(x.item.name)}</a>` +
      (x.specific ? '<span class="tag tag-specific">特有</span>' : '') +
      `<td>${esc(o.level1Name(x.item))}<td>${fmtWeight(x.weight)}` +
      (x.overridden
        ? `<span class="tag tag-override">调整</span><br><small>默认 ${fmtWeight(x.item.weight)}</small>`
        : '') +
      `<td>${esc(describeStandard(x.item))}` +
      `<td>${esc(x.item.cumulative ? describeSchedule(x.item.schedule) : '按期末水平考核')}`;
  }
  return out;
}
