import type { APIRoute } from 'astro';
import { siteData } from '../site/data.ts';

/** The content bundle (scheme, tiers, units, weights, data facts): with the data CSVs, all anyone needs to recompute. */
export const GET: APIRoute = () =>
  new Response(JSON.stringify(siteData().model.bundle), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
