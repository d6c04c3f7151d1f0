import type { APIRoute } from 'astro';
import { siteData, useYear } from '../../../site/data.ts';
import { selfCheckDataPaths } from '../../../site/downloads.ts';

/** The content bundle the self-check worker compiles (same object the build and the CLI use). */
export function getStaticPaths() {
  return selfCheckDataPaths();
}

export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(siteData(useYear(params.year)).model.bundle), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
