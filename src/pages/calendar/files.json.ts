import type { APIRoute } from 'astro';
import { calendarFiles } from '../../site/calendar-files.ts';

/**
 * Every unit's and reporter's calendar in one file (path → body), which the build splits into the files and then
 * removes (astro.config.mjs, kaohe-bulk-files): one route instead of one per calendar. See site/calendar-files.ts.
 */
export const GET: APIRoute = () =>
  new Response(JSON.stringify(calendarFiles()), { headers: { 'Content-Type': 'application/json' } });
