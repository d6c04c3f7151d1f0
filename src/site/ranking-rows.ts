/**
 * The rows of the site's ranking tables as HTML text, one unit a row, with the least markup that shows and
 * reads the same (#10: a 2,000-unit province ranks 1,570 towns on every period page).
 *
 * Everything a row says the same way as every other row lives once, in the stylesheet (global.css,
 * "Ranking rows"): each cell's alignment and colour by its column, the column labels of the phone's cards,
 * the arrows and screen-reader words of the movement column, and the sentence around the level-1
 * indicators a rank range hangs on. Optional end tags (</td>, </tr>) are left out, as HTML allows, and a row's
 * name cell is a plain <th>: the only header cell of a row of data cells is its row header without scope=row.
 */
import type { TierResult, UnitResult } from '../engine/index.ts';
import { mainSensitivity, rankRangeText } from '../engine/index.ts';
import { fmtCoefficient, fmtScore, movement } from './format.ts';
import { paths } from './paths.ts';

/** Text or attribute value, escaped for HTML. */
export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The id of a vetoed unit's note under the table. */
export const vetoId = (result: TierResult, unit: string) => `veto-${result.tier}-${result.period.id}-${unit}`;

/**
 * Movement since the previous period as an <i> with a class and the number (it sits in a cell whose own ::before
 * is the phone's column label). The stylesheet (global.css, "Movement marks") draws ↑/↓ and gives screen readers
 * 上升 3 位 / 下降 2 位 (`content` alternative text and a visually hidden 位), 持平 says itself, — reads 无上期数据,
 * and 不可比 (last year's items differ) reads its reason. Unit pages use it too.
 */
export function movementMark(u: Pick<UnitResult, 'previousRank' | 'rank' | 'previousComparable'>): string {
  if (u.previousComparable === false) return '<i class=nc></i>';
  const d = movement(u.previousRank, u.rank);
  if (d === null) return '<i class=na></i>';
  if (d > 0) return `<i class=up>${d}</i>`;
  if (d < 0) return `<i class=dn>${-d}</i>`;
  return '<i class=eq>持平</i>';
}

/** The ranking table's movement cell. */
export const movementCell = (u: Pick<UnitResult, 'previousRank' | 'rank' | 'previousComparable'>) =>
  `<td>${movementMark(u)}`;

/**
 * What a rank range hangs on, inside its <details>: the level-1 names (the stylesheet says 名次主要取决于 …
 * 的权重 around them, as engine sensitivityText words it), or the engine's sentence when no one item leads
 * (also the stylesheet's).
 */
function rangeWhy(u: UnitResult): string {
  if (!u.sensitivity?.length) return '权重随机变化时名次不变';
  const main = mainSensitivity(u.sensitivity);
  // The engine's sentence for no leading item, hundreds of times a page (#10): an empty <b> the stylesheet
  // fills with it (global.css, table.ranking details b::before; read by screen readers as its text).
  if (main.length === 0) return '<b></b>';
  const names = main.map((s) => esc(s.name));
  return `<p>${names.length === 1 ? names[0] : `${names.slice(0, -1).join('、')} 和 ${names.at(-1)}`}`;
}

function rangeCell(u: UnitResult, why = true): string {
  const text = rankRangeText(u.rankRange);
  if (!why || !u.rankRange || u.rankRange[0] === u.rankRange[1] || !u.sensitivity) return `<td>${text}`;
  return `<td><details><summary>${text}</summary>${rangeWhy(u)}</details>`;
}

/** The grade cell's class where the stylesheet colours it (global.css table.ranking td.ge / td.gp); other grades none. */
const GRADE_CLASS: Readonly<Record<string, string>> = { excellent: ' class=ge', poor: ' class=gp' };

export interface RankingRowOptions {
  decimals: number;
  /** Announcements: rank, unit, total, coefficient, grade, movement, rank range, consequences. */
  compact: boolean;
  /**
   * A quarter, the mid-year check or the year (their month's numbers, their own movement and consequences): the
   * compact columns, the rank range without what it hangs on (the month's page says it, for the same numbers).
   */
  view?: boolean;
  /** A column for the score carried into the comprehensive assessment (计入综合考核), before the last. */
  comprehensive: boolean;
}

/**
 * The <tbody> rows. Full columns: 排名, 单位, 总分, 基础分, 加分, 减分, 评价系数, 等次, 较上期, 排名区间, 挂牌督办,
 * [计入综合考核], 结果运用; compact: 排名, 单位, 总分, 评价系数, 等次, 较上期, 排名区间, 结果运用.
 */
export function rankingRowsHtml(result: TierResult, o: RankingRowOptions): string {
  const score = (x: number) => fmtScore(x, o.decimals);
  // An empty cell shows — (the stylesheet's td:empty::after): no bonus, deduction, flag or consequence.
  const orEmpty = (x: number) => (x > 0 ? score(x) : '');
  let out = '';
  for (const u of result.units) {
    let r = `<tr><td>${u.rank}<th><a href="${paths.unit(u.unit)}">${esc(u.name)}</a><td>${score(u.total)}`;
    if (!o.compact) r += `<td>${score(u.base)}<td>${orEmpty(u.bonus)}<td>${orEmpty(u.deduction)}`;
    r += `<td>${fmtCoefficient(u.coefficient)}<td${GRADE_CLASS[u.grade] ?? ''}>${esc(u.gradeLabel)}`;
    if (u.vetoes.length > 0)
      r += `<a class="tag tag-flag" href="#${vetoId(result, u.unit)}">否决<span class=visually-hidden>，说明见表下</span></a>`;
    r += movementCell(u) + rangeCell(u, !o.view);
    if (!o.compact) r += u.flagged.length > 0 ? `<td class=flag>${u.flagged.length} 项` : '<td>';
    if (!o.compact && o.comprehensive) r += `<td>${u.comprehensive !== null ? score(u.comprehensive) : ''}`;
    r += `<td>${esc(u.consequences.map((c) => c.label).join('；'))}`;
    out += r;
  }
  return out;
}

/** The level-1 score table's rows (得分构成): unit, one score per level-1 indicator, base score. */
export function compositionRowsHtml(result: TierResult, level1: readonly { code: string }[], decimals: number): string {
  let out = '';
  for (const u of result.units) {
    const byCode = new Map(u.indicators.map((i) => [i.code, i.score]));
    let r = `<tr><th>${esc(u.name)}`;
    for (const l of level1) {
      const s = byCode.get(l.code);
      r += `<td>${s === undefined ? '—' : fmtScore(s, decimals)}`;
    }
    out += `${r}<td>${fmtScore(u.base, decimals)}`;
  }
  return out;
}
