import type { APIRoute } from 'astro';
import { yearHistory } from '../../../engine/years.ts';
import { siteData, useYear } from '../../../site/data.ts';
import { selfCheckDataPaths } from '../../../site/downloads.ts';

/**
 * The earlier years' own published results this year's scorer reads (consequences over two years, movement at the
 * first period of the year), so the self-check scores a year with the same history as the site.
 */
export function getStaticPaths() {
  return selfCheckDataPaths();
}

export const GET: APIRoute = ({ params }) => {
  const { year, yearScorers } = siteData(useYear(params.year));
  return new Response(JSON.stringify(yearHistory(yearScorers, year) ?? null), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
