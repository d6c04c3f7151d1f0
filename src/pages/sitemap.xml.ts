import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { pagePaths } from '../site/routes.ts';

/** sitemap.xml of every HTML page (hand-written: no extra dependency). */
export const GET: APIRoute = async ({ site }) => {
  const origin = (site ?? new URL('https://example.invalid')).origin;
  const rules = (await getCollection('rules')).map((e) => e.id);
  const announcements = (await getCollection('announcements')).map((e) => e.id);
  const urls = pagePaths(rules, announcements).map((p) => `  <url><loc>${origin}${encodeURI(p)}</loc></url>`);
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
