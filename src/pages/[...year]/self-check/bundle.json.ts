import type { APIRoute } from 'astro';
import { siteData, useYear, yearPaths } from '../../../site/data.ts';

/** The content bundle the self-check worker compiles (same object the build and the CLI use). */
export function getStaticPaths() {
  return yearPaths();
}

export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(siteData(useYear(params.year)).model.bundle), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
