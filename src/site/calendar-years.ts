/** The calendar across years: every year's events (UIDs carry the scheme id, so years never collide), oldest first. */
import type { CalendarEvent, CalendarScope } from './calendar.ts';
import { calendarEvents, calendarStamp } from './calendar.ts';
import { siteData, siteYears } from './data.ts';

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
