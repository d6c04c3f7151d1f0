/** The calendar across years: every year's events (UIDs carry the scheme id, so years never collide), oldest first. */
import type { CalendarEvent, CalendarScope } from './calendar.ts';
import { calendarEvents, calendarStamp } from './calendar.ts';
import { siteData, siteYears } from './data.ts';
import { absolute, paths } from './paths.ts';

/** Events of every year for a scope; a unit or reporter only in the years it exists. */
export function yearsEvents(scope: CalendarScope = {}): CalendarEvent[] {
  return siteYears().flatMap((y) => {
    const { model } = siteData(y);
    if (scope.tier && !model.tierById.has(scope.tier)) return [];
    if (scope.unit && !model.unitById.has(scope.unit)) return [];
    return calendarEvents(model, scope);
  });
}

/** The latest stamp of any year (DTSTAMP of an unchanged event). */
export function yearsStamp(): string {
  return siteYears()
    .map((y) => calendarStamp(siteData(y).model))
    .sort()
    .at(-1)!;
}

/**
 * The page that explains an event, as the DESCRIPTION of its VEVENT in every feed: a milestone's item row on its
 * year's indicators page (each date's label and progress). The other dates are said by their summary; what each
 * kind is, the "13710" discipline and when a submission is late are on the calendar page, whose address is in
 * each calendar's description once (calendarDescription). One function, so each VEVENT is written once per build.
 */
export function icsHref(e: CalendarEvent): string | undefined {
  return e.item && e.tier ? absolute(`${paths.indicators(e.tier, e.year)}#item-${e.item}`) : undefined;
}

/** A calendar's description (X-WR-CALDESC): what it holds, and the page that explains its dates. */
export function calendarDescription(what: string): string {
  return `${what}。各类日程的说明：${absolute(paths.calendar())}`;
}
