import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { parsePeriod } from '../engine/index.ts';
import { entrySlug, latestYear, ranking, siteData } from '../site/data.ts';
import { escapeXml as esc, rankingTableHtml } from '../site/feed.ts';
import { absolute, paths, url } from '../site/paths.ts';

/**
 * RSS 2.0 feed of announcements, newest first (hand-written: no extra dependency). Each item carries
 * the announcement and its ranking table. Links are absolute on KAOHE_SITE; a local build has
 * site-relative links, which readers resolve against the feed's own address. The guid is the
 * announcement's file name, not its URL, so moving the site to another host repeats no item.
 */
export const GET: APIRoute = async () => {
  const { model } = siteData(latestYear());
  // Every year's announcements: ids are 2023/announcements/<file>; the year's own ranking table.
  const list = (await getCollection('announcements')).sort(
    (a, b) => b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id),
  );
  const items = list.map((a) => {
    const { tier, period } = a.data;
    const p = period ? parsePeriod(period) : undefined;
    const year = Number(a.id.slice(0, 4)) || latestYear();
    const own = siteData(year);
    const result =
      tier && p && own.model.tierById.has(tier) && own.periods.some((x) => x.id === p.id)
        ? ranking(tier, p.id)
        : undefined;
    const html = `${a.rendered?.html ?? `<p>${esc(a.data.summary ?? a.data.title)}</p>`}${result ? `<h2>附：${esc(result.period.label + result.tierName)}排名</h2>${rankingTableHtml(result, own.model.scheme.decimals)}` : ''}`;
    return `    <item>
      <title>${esc(a.data.title)}</title>
      <link>${esc(absolute(paths.announcement(entrySlug(a.id), year)))}</link>
      <category>${year}年度</category>
      <guid isPermaLink="false">kaohe-announcement:${esc(a.id.split('/').at(-1)!)}</guid>
      <pubDate>${a.data.date.toUTCString()}</pubDate>
      <description>${esc(html)}</description>
    </item>`;
  });
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${esc(`${model.scheme.shortName} · 公告`)}</title>
    <link>${esc(absolute(url()))}</link>
    <atom:link href="${esc(absolute(paths.rss()))}" rel="self" type="application/rss+xml" />
    <description>${esc(`${model.scheme.name}考核情况通报和公示`)}</description>
    <language>zh-CN</language>
${items.join('\n')}
  </channel>
</rss>
`;
  return new Response(body, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
