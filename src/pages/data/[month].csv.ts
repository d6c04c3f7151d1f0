import type { APIRoute, GetStaticPaths } from 'astro';
import { allDataMonths, dataOfMonth, yearOf } from '../../site/data.ts';
import { dataDownload } from '../../site/downloads.ts';

// Every year's months (a month names its year: /data/2022-12.csv stays where it always was).
export const getStaticPaths = (() => allDataMonths().map((month) => ({ params: { month } }))) satisfies GetStaticPaths;

/** One month's published input data, in the import format (UTF-8 with BOM); a large site's without 单位名称 and 事项名称. */
export const GET: APIRoute = ({ params }) =>
  new Response(dataDownload(yearOf(params.month!), dataOfMonth(params.month!)), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
