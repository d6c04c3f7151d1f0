import type { APIRoute, GetStaticPaths } from 'astro';
import { siteData, CONTENT_DIR } from '../../../site/data.ts';
import { readStampLedger } from '../../../content-io/calendar-stamps.ts';
import { calendarEvents, calendarStamp, reporterDuty, toIcs } from '../../../site/calendar.ts';
import { reportingPlan } from '../../../engine/index.ts';

/** Every reporter that sends something each month. */
export const getStaticPaths = (() => {
  const { model } = siteData();
  return reportingPlan(model).reporters.filter((r) => reporterDuty(model, r.id) !== '').map((r) => ({ params: { id: r.id } }));
}) satisfies GetStaticPaths;

/** A reporter's monthly reporting deadlines and the dispatch dates that read them. */
export const GET: APIRoute = ({ params }) => {
  const { model } = siteData();
  const r = reportingPlan(model).reporterById.get(params.id!)!;
  const body = toIcs(calendarEvents(model, { reporter: r.id }), { name: `${model.scheme.shortName}·${r.name}报送`, description: `${r.name}每月数据报送截止日和月调度日程`, stamp: calendarStamp(model), ledger: readStampLedger(CONTENT_DIR) });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
