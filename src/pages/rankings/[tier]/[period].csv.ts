import type { APIRoute, GetStaticPaths } from 'astro';
import { labelSampleCsv, resultsToCsv } from '../../../engine/index.ts';
import { siteData, ranking, siteYears, yearOf } from '../../../site/data.ts';

export const getStaticPaths = (() => {
  return siteYears().flatMap((y) => {
    const { model, periods } = siteData(y);
    return model.tiers.flatMap((t) => periods.map((p) => ({ params: { tier: t.id, period: p.id } })));
  });
}) satisfies GetStaticPaths;

/** The ranking exactly as the page shows it, as CSV (UTF-8 with BOM for Excel). */
export const GET: APIRoute = ({ params }) =>
  new Response(
    labelSampleCsv(resultsToCsv(ranking(params.tier!, params.period!)), siteData(yearOf(params.period!)).sample),
    { headers: { 'Content-Type': 'text/csv; charset=utf-8' } },
  );
