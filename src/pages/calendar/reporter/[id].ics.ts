import type { APIRoute, GetStaticPaths } from 'astro';
import { calendarReporters, reporterCalendar } from '../../../site/calendar-files.ts';

/** In `astro dev` only: the build writes every reporter's calendar through calendar/files.json (site/calendar-files.ts). */
export const getStaticPaths = (() =>
  import.meta.env.DEV ? calendarReporters().map((id) => ({ params: { id } })) : []) satisfies GetStaticPaths;

/** A reporter's monthly reporting deadlines and the dispatch dates that read them. */
export const GET: APIRoute = ({ params }) =>
  new Response(reporterCalendar(params.id!), { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
