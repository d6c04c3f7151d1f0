import type { APIRoute, GetStaticPaths } from 'astro';
import { latestYear, siteData, CONTENT_DIR } from '../../site/data.ts';
import { calendarDescription, icsHref, yearsEvents, yearsStamp } from '../../site/calendar-years.ts';
import { readStampLedger } from '../../content-io/calendar-stamps.ts';
import { toIcs } from '../../site/calendar.ts';

export const getStaticPaths = (() =>
  siteData(latestYear()).model.tiers.map((t) => ({ params: { tier: t.id } }))) satisfies GetStaticPaths;

/** The cycle's dates and one tier's item milestones. */
export const GET: APIRoute = ({ params }) => {
  const { model } = siteData(latestYear());
  const tier = model.tierById.get(params.tier!)!;
  const body = toIcs(yearsEvents({ tier: tier.id }), {
    name: `${model.scheme.shortName}·${tier.name}`,
    description: calendarDescription(`${tier.name}调度日程和事项时间节点`),
    stamp: yearsStamp(),
    href: icsHref,
    ledger: readStampLedger(CONTENT_DIR),
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
