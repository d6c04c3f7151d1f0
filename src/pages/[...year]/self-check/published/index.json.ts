import type { APIRoute } from 'astro';
import { siteData, useYear } from '../../../../site/data.ts';
import { selfCheckDataPaths } from '../../../../site/downloads.ts';
import type { PublishedIndexJson } from '../../../../engine/packed.ts';

/** Which months of published data the self-check can load (one small JSON file per month). */
export function getStaticPaths() {
  return selfCheckDataPaths();
}

export const GET: APIRoute = ({ params }) => {
  const { months, data, model } = siteData(useYear(params.year));
  const counts = new Map<number, number>();
  for (let r = 0; r < data.length; r++) counts.set(data.period[r]!, (counts.get(data.period[r]!) ?? 0) + 1);
  const body: PublishedIndexJson = {
    sample: model.bundle.dataMeta.sample,
    note: model.bundle.dataMeta.note,
    months: months.map((m) => ({ month: m, rows: counts.get(data.periods.indexOf(m)) ?? 0, url: `${m}.json` })),
  };
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
