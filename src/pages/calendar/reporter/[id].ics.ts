import type { APIRoute, GetStaticPaths } from 'astro';
import { latestYear, siteData, CONTENT_DIR } from '../../../site/data.ts';
import { calendarDescription, icsHref, yearsEvents, yearsStamp } from '../../../site/calendar-years.ts';
import { readStampLedger } from '../../../content-io/calendar-stamps.ts';
import { reporterDuty, toIcs } from '../../../site/calendar.ts';
import { reportingPlan } from '../../../engine/index.ts';

/** Every reporter that sends something each month. */
export const getStaticPaths = (() => {
  const { model } = siteData(latestYear());
  return reportingPlan(model)
    .reporters.filter((r) => reporterDuty(model, r.id) !== '')
    .map((r) => ({ params: { id: r.id } }));
}) satisfies GetStaticPaths;

/** A reporter's monthly reporting deadlines and the dispatch dates that read them. */
export const GET: APIRoute = ({ params }) => {
  const { model } = siteData(latestYear());
  const r = reportingPlan(model).reporterById.get(params.id!)!;
  const body = toIcs(yearsEvents({ reporter: r.id }), {
    name: `${model.scheme.shortName}·${r.name}报送`,
    description: calendarDescription(`${r.name}每月数据报送截止日和月调度日程`),
    stamp: yearsStamp(),
    href: icsHref,
    ledger: readStampLedger(CONTENT_DIR),
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
