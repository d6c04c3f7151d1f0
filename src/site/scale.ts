/**
 * What a large site publishes differently. A year with more than LARGE_SITE_UNITS units (a province's towns
 * and streets) does not publish its whole-year data file all.csv, at either address (/data/all.csv and
 * /2023/data/all.csv): it would be the twelve month files again, tens of megabytes a copy. The month files
 * (/data/2023-01.csv …, each cumulative year to date) are the download, and `kaohe score --data <folder>`
 * reads them together, exactly as it reads all.csv. Smaller sites (Jincheng's 89 units) publish both.
 */
export const LARGE_SITE_UNITS = 500;

/**
 * The threshold in force: LARGE_SITE_UNITS, or KAOHE_LARGE_SITE_UNITS where a test builds a small site as a
 * large one (the rule, not the size, is what it checks).
 */
export function largeSiteUnits(): number {
  const raw = process.env.KAOHE_LARGE_SITE_UNITS;
  const v = raw ? Number(raw) : NaN;
  return Number.isInteger(v) && v >= 0 ? v : LARGE_SITE_UNITS;
}

/** Whether a year of `units` units is a large site (publishes its month files, not all.csv). */
export function isLargeYear(units: number, threshold = largeSiteUnits()): boolean {
  return units > threshold;
}
