import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { pagePaths } from '../site/routes.ts';
import { SITE } from '../site/paths.ts';

/**
 * sitemap.xml of every HTML page (hand-written: no extra dependency). A sitemap's <loc> must be an
 * absolute URL, so a build without KAOHE_SITE (a local build) has none rather than one on a made-up host.
 */
export const getStaticPaths = (() => (SITE ? [{ params: { sitemap: 'sitemap' } }] : [])) satisfies GetStaticPaths;

export const GET: APIRoute = async () => {
  const rules = (await getCollection('rules')).map((e) => e.id);
  const announcements = (await getCollection('announcements')).map((e) => e.id);
  // ids are 2023/rules/01-overview: pagePaths sorts them into their years.
  const urls = pagePaths(rules, announcements).map((p) => `  <url><loc>${SITE}${encodeURI(p)}</loc></url>`);
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
