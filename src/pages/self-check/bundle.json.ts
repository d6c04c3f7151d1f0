import type { APIRoute } from 'astro';
import { latestYear, siteData } from '../../site/data.ts';

/** The content bundle the self-check worker compiles (same object the build and the CLI use). */
export const GET: APIRoute = () =>
  new Response(JSON.stringify(siteData(latestYear()).model.bundle), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
