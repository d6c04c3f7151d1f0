import { siteData, useYear, yearPaths } from '../../site/data.ts';
import type { APIRoute } from 'astro';

/** The content bundle (scheme, tiers, units, weights, data facts): with the data CSVs, all anyone needs to recompute. */
export function getStaticPaths() {
  return yearPaths();
}

export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(siteData(useYear(params.year)).model.bundle), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
