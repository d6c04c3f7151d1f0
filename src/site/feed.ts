/**
 * What an RSS item carries: the announcement as the site shows it, with the engine's ranking table
 * for its tier and period (only reads results off the engine). HTML, escaped once more by the feed.
 */
import type { TierResult } from '../engine/index.ts';
import { rankRangeText } from '../engine/index.ts';
import { fmtScore } from './format.ts';

export const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The ranking as a plain HTML table (rank, unit, total, coefficient, grade, rank range, consequences). */
export function rankingTableHtml(result: TierResult, decimals: number): string {
  const head = ['排名', '单位', '总分', '评价系数', '等次', '排名区间', '结果运用'];
  const rows = result.units.map((u) => [
    String(u.rank),
    u.name,
    fmtScore(u.total, decimals),
    String(u.coefficient),
    u.gradeLabel,
    rankRangeText(u.rankRange),
    u.consequences.map((c) => c.label).join('；'),
  ]);
  const caption = `${result.period.label}${result.tierName}差异化考核排名${result.sample ? '（示例数据，非官方结果）' : ''}`;
  return `<table><caption>${escapeXml(caption)}</caption><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}
