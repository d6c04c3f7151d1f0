import type { APIRoute, GetStaticPaths } from 'astro';
import { dataToCsv, labelSampleCsv } from '../../engine/index.ts';
import { allDataMonths, siteData, dataOfMonth, yearOf } from '../../site/data.ts';

// Every year's months (a month names its year: /data/2022-12.csv stays where it always was).
export const getStaticPaths = (() => allDataMonths().map((month) => ({ params: { month } }))) satisfies GetStaticPaths;

/** One month's published input data, in the import format (UTF-8 with BOM). */
export const GET: APIRoute = ({ params }) =>
  new Response(
    labelSampleCsv(
      dataToCsv(dataOfMonth(params.month!), siteData(yearOf(params.month!)).model),
      siteData(yearOf(params.month!)).sample,
    ),
    { headers: { 'Content-Type': 'text/csv; charset=utf-8' } },
  );
