/** Every HTML page of the site, for the sitemap (the e2e test checks it against the built files). */
import { siteData, dataMonths } from './data.ts';
import { paths, url } from './paths.ts';
import { reportingMonths } from './reporting.ts';

export function pagePaths(rules: string[], announcements: string[]): string[] {
  const { model, periods } = siteData();
  const months = dataMonths();
  const out = [
    url(), paths.rules(), ...rules.map((id) => paths.rules(id)), paths.indicators(), paths.rankings(), paths.unit(),
    paths.monitoring(), paths.announcement(), ...announcements.map((id) => paths.announcement(id)), paths.calendar(), paths.search(), paths.selfCheck(), paths.recompute(),
  ];
  for (const t of model.tiers) {
    out.push(paths.indicators(t.id), paths.rankings(t.id), paths.monitoring(t.id));
    for (const p of periods) out.push(paths.rankings(t.id, p.id));
    for (const m of months) out.push(paths.monitoring(t.id, m));
  }
  for (const u of model.units) out.push(paths.unit(u.id));
  out.push(paths.reporting(), ...reportingMonths().map((m) => paths.reporting(m)));
  return out;
}
