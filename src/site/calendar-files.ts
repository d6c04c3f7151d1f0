/**
 * The per-unit and per-reporter calendars (calendar/unit/<id>.ics, calendar/reporter/<id>.ics). A province has
 * thousands of each, and Astro spends a millisecond or more on each route however small its file, several times
 * what writing the calendar costs (#10). So the build writes them all through one route, calendar/files.json
 * (path → body), which the kaohe-bulk-files integration in astro.config.mjs splits into the files and removes;
 * `astro dev` serves each through its own route, from the same functions.
 */
import { latestYear, siteData, CONTENT_DIR } from './data.ts';
import { calendarDescription, icsHref, yearsEvents, yearsStamp } from './calendar-years.ts';
import { readStampLedger } from '../content-io/calendar-stamps.ts';
import { reporterDuty, toIcs } from './calendar.ts';
import { reportingPlan } from '../engine/index.ts';

/** The one file the build writes for all of them; the integration reads this name. */
export const CALENDAR_FILES = 'calendar/files.json';

/** Units with a calendar: every unit of the latest year. */
export function calendarUnits(): string[] {
  return siteData(latestYear()).model.units.map((u) => u.id);
}

/** Every reporter that sends something each month. */
export function calendarReporters(): string[] {
  const { model } = siteData(latestYear());
  return reportingPlan(model)
    .reporters.filter((r) => reporterDuty(model, r.id) !== '')
    .map((r) => r.id);
}

/** The cycle's dates and the milestones of one unit's own items. */
export function unitCalendar(id: string): string {
  const { model } = siteData(latestYear());
  const unit = model.unitById.get(id)!;
  return toIcs(yearsEvents({ unit: unit.id }), {
    name: `${model.scheme.shortName}·${unit.name}`,
    description: calendarDescription(`${unit.name}调度日程和考核事项时间节点`),
    stamp: yearsStamp(),
    href: icsHref,
    ledger: readStampLedger(CONTENT_DIR),
  });
}

/** A reporter's monthly reporting deadlines and the dispatch dates that read them. */
export function reporterCalendar(id: string): string {
  const { model } = siteData(latestYear());
  const r = reportingPlan(model).reporterById.get(id)!;
  return toIcs(yearsEvents({ reporter: r.id }), {
    name: `${model.scheme.shortName}·${r.name}报送`,
    description: calendarDescription(`${r.name}每月数据报送截止日和月调度日程`),
    stamp: yearsStamp(),
    href: icsHref,
    ledger: readStampLedger(CONTENT_DIR),
  });
}

/** Every unit's and reporter's calendar by its path in the output (paths.ics without the base), as the build writes them. */
export function calendarFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of calendarUnits()) out[`calendar/unit/${id}.ics`] = unitCalendar(id);
  for (const id of calendarReporters()) out[`calendar/reporter/${id}.ics`] = reporterCalendar(id);
  return out;
}
