import type { APIRoute } from 'astro';
import { dataToCsv } from '../../engine/index.ts';
import { siteData } from '../../site/data.ts';

/** Every published month in one file (what `kaohe data` writes): with scheme.json, enough to recompute any ranking. */
export const GET: APIRoute = () =>
  new Response(dataToCsv(siteData().data, siteData().model), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
