import type { APIRoute, GetStaticPaths } from 'astro';
import { dataToCsv, labelSampleCsv } from '../../engine/index.ts';
import { siteData, dataOfMonth } from '../../site/data.ts';

export const getStaticPaths = (() => siteData().months.map((month) => ({ params: { month } }))) satisfies GetStaticPaths;

/** One month's published input data, in the import format (UTF-8 with BOM). */
export const GET: APIRoute = ({ params }) =>
  new Response(labelSampleCsv(dataToCsv(dataOfMonth(params.month!), siteData().model), siteData().sample), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
