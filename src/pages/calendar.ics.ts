import type { APIRoute } from 'astro';
import { siteData } from '../site/data.ts';
import { calendarEvents, calendarStamp, toIcs } from '../site/calendar.ts';

/** Every dispatch date, review, check and labelled milestone of the scheme year. */
export const GET: APIRoute = () => {
  const { model } = siteData();
  const body = toIcs(calendarEvents(model), { name: `${model.scheme.shortName}日历`, description: `${model.scheme.name}：调度日程和时间节点`, stamp: calendarStamp(model) });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
