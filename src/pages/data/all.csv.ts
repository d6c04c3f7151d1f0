import type { APIRoute } from 'astro';
import { dataToCsv, labelSampleCsv } from '../../engine/index.ts';
import { siteData } from '../../site/data.ts';

/** Every published month in one file (what `kaohe data` writes): with scheme.json, enough to recompute any ranking. */
export const GET: APIRoute = () =>
  new Response(labelSampleCsv(dataToCsv(siteData().data, siteData().model), siteData().sample), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
