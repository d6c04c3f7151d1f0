import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { siteData } from '../site/data.ts';
import { paths, url } from '../site/paths.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** RSS 2.0 feed of announcements, newest first (hand-written: no extra dependency). */
export const GET: APIRoute = async ({ site }) => {
  const { model } = siteData();
  const origin = (site ?? new URL('https://example.invalid')).origin;
  const abs = (p: string) => `${origin}${p}`;
  const list = (await getCollection('announcements')).sort((a, b) => b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id));
  const items = list.map((a) => `    <item>
      <title>${esc(a.data.title)}</title>
      <link>${esc(abs(paths.announcement(a.id)))}</link>
      <guid isPermaLink="true">${esc(abs(paths.announcement(a.id)))}</guid>
      <pubDate>${a.data.date.toUTCString()}</pubDate>
      <description>${esc(a.data.summary ?? a.data.title)}</description>
    </item>`);
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${esc(`${model.scheme.shortName} · 公告`)}</title>
    <link>${esc(abs(url()))}</link>
    <atom:link href="${esc(abs(paths.rss()))}" rel="self" type="application/rss+xml" />
    <description>${esc(`${model.scheme.name}考核情况通报和公示`)}</description>
    <language>zh-CN</language>
${items.join('\n')}
  </channel>
</rss>
`;
  return new Response(body, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
