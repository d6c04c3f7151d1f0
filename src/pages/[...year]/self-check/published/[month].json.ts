import type { APIRoute, GetStaticPaths } from 'astro';
import { siteData, useYear } from '../../../../site/data.ts';
import { selfCheckDataPaths } from '../../../../site/downloads.ts';
import { monthToJson } from '../../../../engine/packed.ts';

// Once per year, at its permanent prefix (/2023/self-check/published/2023-06.json): see selfCheckDataPaths.
export const getStaticPaths = (() =>
  selfCheckDataPaths((y) => siteData(y).months.map((month) => ({ month })))) satisfies GetStaticPaths;

/** One month of published data (kaohe-published/2: each unit, item list and string said once) for the self-check worker. */
export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(monthToJson(siteData(useYear(params.year)).data, params.month!)), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
