/**
 * The year a page shows, for links (no Node imports: paths.ts uses it). The latest year lives at today's URLs;
 * earlier years under a year prefix (/2022/rules/). Pages set it first thing (useYear in data.ts) and every
 * component of the page reads it. The build renders several pages at once (astro.config.mjs build.concurrency),
 * so the year belongs to the page being rendered: src/middleware.ts gives each page its own scope (an
 * AsyncLocalStorage store, which follows the page's render across awaits) through setYearScope. Without a scope
 * (a script outside a page render) one module-wide year is used.
 */
let latest: number | undefined;
let active: number | undefined;
let scope: (() => { year?: number | undefined } | undefined) | undefined;

export function setYears(latestYear: number | undefined): void {
  latest = latestYear;
}
/** Where the page being rendered keeps its year (set once by the middleware). */
export function setYearScope(current: () => { year?: number | undefined } | undefined): void {
  scope = current;
}
export function setActiveYear(year: number | undefined): void {
  const page = scope?.();
  if (page) page.year = year;
  else active = year;
}
export function activeYear(): number | undefined {
  const page = scope?.();
  return (page ? page.year : active) ?? latest;
}
export function latestYearOf(): number | undefined {
  return latest;
}

/** The path prefix of a year's year-level pages: '' for the latest year, '2022/' for an earlier one. */
export function yearPrefix(year: number | undefined = activeYear()): string {
  return year === undefined || year === latest ? '' : `${year}/`;
}
