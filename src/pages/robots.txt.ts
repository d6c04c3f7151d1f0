import type { APIRoute } from 'astro';
import { url } from '../site/paths.ts';

/** robots.txt pointing at the sitemap (absolute, so it follows KAOHE_SITE and KAOHE_BASE). */
export const GET: APIRoute = ({ site }) => {
  const origin = (site ?? new URL('https://example.invalid')).origin;
  return new Response(`User-agent: *\nAllow: /\nSitemap: ${origin}${url('sitemap.xml')}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
