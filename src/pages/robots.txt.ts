import type { APIRoute } from 'astro';
import { SITE, url } from '../site/paths.ts';

/** robots.txt; it names the sitemap (an absolute URL) only when the build knows its site (KAOHE_SITE). */
export const GET: APIRoute = () => {
  const sitemap = SITE ? `Sitemap: ${SITE}${url('sitemap.xml')}\n` : '';
  return new Response(`User-agent: *\nAllow: /\n${sitemap}`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
};
