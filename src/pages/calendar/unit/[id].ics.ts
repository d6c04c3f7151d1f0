import type { APIRoute, GetStaticPaths } from 'astro';
import { latestYear, siteData, CONTENT_DIR } from '../../../site/data.ts';
import { calendarDescription, icsHref, yearsEvents, yearsStamp } from '../../../site/calendar-years.ts';
import { readStampLedger } from '../../../content-io/calendar-stamps.ts';
import { toIcs } from '../../../site/calendar.ts';

export const getStaticPaths = (() =>
  siteData(latestYear()).model.units.map((u) => ({ params: { id: u.id } }))) satisfies GetStaticPaths;

/** The cycle's dates and the milestones of one unit's own items. */
export const GET: APIRoute = ({ params }) => {
  const { model } = siteData(latestYear());
  const unit = model.unitById.get(params.id!)!;
  const body = toIcs(yearsEvents({ unit: unit.id }), {
    name: `${model.scheme.shortName}·${unit.name}`,
    description: calendarDescription(`${unit.name}调度日程和考核事项时间节点`),
    stamp: yearsStamp(),
    href: icsHref,
    ledger: readStampLedger(CONTENT_DIR),
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
