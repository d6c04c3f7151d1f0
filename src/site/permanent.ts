/**
 * The latest year's permanent addresses (/2023/units/zezhou/ beside /units/zezhou/). While the year is the latest,
 * the page at its permanent address is a small forwarding page: a canonical link and a meta refresh to the page at
 * today's URL, and a plain link for a reader whose browser does not follow the refresh. A link to 2023 as it was
 * keeps working: when 2024 takes today's URLs, the same routes render 2023's full pages there (the year is then no
 * longer the latest). One full copy of every page of the year was most of a province's output and build time.
 */
import { latestYear } from './data.ts';
import { absolute } from './paths.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Today's URL of a permanent address of the latest year (the path without its year), or undefined for any other page. */
export function todaysUrl(pathname: string, year: string | undefined): string | undefined {
  const latest = latestYear();
  if (year !== String(latest)) return undefined;
  const base = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');
  const own = `${base}${latest}/`;
  return pathname.startsWith(own) ? `${base}${pathname.slice(own.length)}` : undefined;
}

/** The forwarding page of a permanent address of the latest year, or undefined when the page is to be rendered in full. */
export function permanentCopy(url: URL, year: string | undefined): Response | undefined {
  const to = todaysUrl(url.pathname, year);
  if (to === undefined) return undefined;
  const latest = latestYear();
  const href = esc(to);
  // As small as it can be while it works without JavaScript and for crawlers: html, head and body tags are
  // optional in HTML; the language, the charset, a title, the canonical link, the refresh and one plain link stay.
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${latest} 年度 · 转到当前网址</title><link rel="canonical" href="${esc(absolute(to))}"><meta http-equiv="refresh" content="0;url=${href}">本页在<a href="${href}">当前网址</a>。
`;
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
