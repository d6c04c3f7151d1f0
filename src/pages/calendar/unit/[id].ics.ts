import type { APIRoute, GetStaticPaths } from 'astro';
import { calendarUnits, unitCalendar } from '../../../site/calendar-files.ts';

/** In `astro dev` only: the build writes every unit's calendar through calendar/files.json (site/calendar-files.ts). */
export const getStaticPaths = (() =>
  import.meta.env.DEV ? calendarUnits().map((id) => ({ params: { id } })) : []) satisfies GetStaticPaths;

/** The cycle's dates and the milestones of one unit's own items. */
export const GET: APIRoute = ({ params }) =>
  new Response(unitCalendar(params.id!), { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
