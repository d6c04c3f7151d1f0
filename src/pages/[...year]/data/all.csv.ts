import { siteData, useYear, yearPaths } from '../../../site/data.ts';
import type { APIRoute } from 'astro';
import { dataToCsv, labelSampleCsv } from '../../../engine/index.ts';

export function getStaticPaths() {
  return yearPaths();
}

/** Every published month of the year in one file (what `kaohe data --year` writes): with scheme.json, enough to recompute any ranking. */
export const GET: APIRoute = ({ params }) => {
  const d = siteData(useYear(params.year));
  return new Response(labelSampleCsv(dataToCsv(d.data, d.model), d.sample), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
};
