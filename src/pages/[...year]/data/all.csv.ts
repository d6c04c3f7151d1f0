import { siteData, useYear, yearPaths } from '../../../site/data.ts';
import type { APIRoute } from 'astro';
import { dataDownload, publishesAllCsv, yearOfParam } from '../../../site/downloads.ts';

/** Not for a large site (src/site/scale.ts): there the year's month files (/data/<month>.csv) are the download. */
export function getStaticPaths() {
  return yearPaths().filter((p) => publishesAllCsv(yearOfParam(p.params.year)));
}

/** Each year's file, written once: the latest year's is published twice (today's URL and its permanent one). */
const written = new Map<number, string>();

/** Every published month of the year in one file (what `kaohe data --year` writes): with scheme.json, enough to recompute any ranking. */
export const GET: APIRoute = ({ params }) => {
  const year = useYear(params.year);
  let csv = written.get(year);
  if (csv === undefined) {
    csv = dataDownload(year, siteData(year).data);
    written.set(year, csv);
  } else written.delete(year); // its second and last address: let the text go
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
