/**
 * The year a page shows, for links (no Node imports: paths.ts uses it). The latest year lives at today's URLs;
 * earlier years under a year prefix (/2022/rules/). Pages set it first thing (useYear in data.ts); Astro renders
 * one page at a time (build.concurrency 1, the default), so every component of the page sees the page's year.
 */
let latest: number | undefined;
let active: number | undefined;

export function setYears(latestYear: number | undefined): void {
  latest = latestYear;
}
export function setActiveYear(year: number | undefined): void {
  active = year;
}
export function activeYear(): number | undefined {
  return active ?? latest;
}
export function latestYearOf(): number | undefined {
  return latest;
}

/** The path prefix of a year's year-level pages: '' for the latest year, '2022/' for an earlier one. */
export function yearPrefix(year: number | undefined = activeYear()): string {
  return year === undefined || year === latest ? '' : `${year}/`;
}
