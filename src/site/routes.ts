/** Every HTML page of the site, for the sitemap (the e2e test checks it against the built files). */
import { siteData, dataMonths, entriesOfYear, entrySlug, siteYears, useYear } from './data.ts';
import { paths } from './paths.ts';
import { reportingMonths } from './reporting.ts';

/** Every year's pages: year-level ones under the year's prefix (none for the latest), period pages by period. */
export function pagePaths(rules: string[], announcements: string[]): string[] {
  const out = [paths.calendar(), paths.search(), paths.years()];
  const years = siteYears();
  for (let i = 1; i < years.length; i++) out.push(paths.compare(years[i - 1]!, years[i]!));
  for (const y of years) {
    useYear(y);
    const { model, periods } = siteData(y);
    const months = dataMonths(y);
    const ids = (list: string[]) =>
      entriesOfYear(
        list.map((id) => ({ id })),
        y,
      ).map((e) => entrySlug(e.id));
    out.push(
      paths.home(y),
      paths.rules(),
      ...ids(rules).map((id) => paths.rules(id)),
      paths.indicators(),
      paths.rankings(),
      paths.unit(),
      paths.monitoring(),
      paths.announcement(),
      ...ids(announcements).map((id) => paths.announcement(id)),
      paths.recompute(),
      paths.selfCheck(),
    );
    for (const t of model.tiers) {
      out.push(paths.indicators(t.id), paths.rankings(t.id), paths.monitoring(t.id));
      for (const p of periods) out.push(paths.rankings(t.id, p.id));
      for (const m of months) out.push(paths.monitoring(t.id, m));
    }
    for (const u of model.units) out.push(paths.unit(u.id));
    out.push(paths.reporting(), ...reportingMonths(y).map((m) => paths.reporting(m)));
  }
  useYear();
  return out;
}
