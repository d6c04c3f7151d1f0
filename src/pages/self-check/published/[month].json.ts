import type { APIRoute, GetStaticPaths } from 'astro';
import { latestYear, siteData } from '../../../site/data.ts';
import { monthToJson } from '../../../client/packed.ts';

export const getStaticPaths = (() => siteData(latestYear()).months.map((month) => ({ params: { month } }))) satisfies GetStaticPaths;

/** One month of published data in compact columns (dictionaries + arrays) for the self-check worker. */
export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(monthToJson(siteData(latestYear()).data, params.month!)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
