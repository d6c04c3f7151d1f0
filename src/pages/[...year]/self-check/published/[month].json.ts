import type { APIRoute, GetStaticPaths } from 'astro';
import { siteData, siteYears, useYear, yearParam, withPermanentYear } from '../../../../site/data.ts';
import { monthToJson } from '../../../../engine/packed.ts';

export const getStaticPaths = (() =>
  withPermanentYear(
    siteYears().flatMap((y) => siteData(y).months.map((month) => ({ params: { year: yearParam(y), month } }))),
  )) satisfies GetStaticPaths;

/** One month of published data in compact columns (dictionaries + arrays) for the self-check worker. */
export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(monthToJson(siteData(useYear(params.year)).data, params.month!)), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
