/** The same page in another year, for the year switch on every page (a site-relative path, no base). */
import { siteData } from './data.ts';
import { yearPrefix } from './year-context.ts';

const PERIOD = /(\d{4})-(0[1-9]|1[0-2]|Q[1-4]|H1|Y)(?=[/.]|$)/;

/**
 * `rel` is the page's path under the base (e.g. `2022/units/shidian/`, `rankings/county/2023-06/`), `from` its year.
 * A period or month of `from` becomes the same period of `to` when `to` has it, else the section's index of `to`;
 * a unit, tier or text that `to` lacks falls back to the section's index; year-level pages take `to`'s prefix.
 */
export function samePageIn(rel: string, from: number, to: number): string {
  const own = yearPrefix(from);
  let rest = own && rel.startsWith(own) ? rel.slice(own.length) : rel;
  const target = siteData(to);
  const section = rest.split('/')[0] ?? '';
  const index = (s: string) => `${yearPrefix(to)}${s ? `${s}/` : ''}`;
  const m = PERIOD.exec(rest);
  if (m && Number(m[1]) === from) {
    const id = `${to}-${m[2]}`;
    const has = /^\d\d$/.test(m[2]!) ? target.months.includes(id) : target.periods.some((p) => p.id === id);
    if (!has) return index(section === 'data' ? '' : section);
    rest = rest.replace(PERIOD, id);
    return rest; // period pages live at the same URLs for every year
  }
  const parts = rest.split('/').filter(Boolean);
  if (section === 'units' && parts[1] && !target.model.unitById.has(parts[1])) {
    // A renamed unit: its code in the other year (formerly, either way).
    const later = target.model.units.find((u) => (u.formerly ?? []).includes(parts[1]!));
    const earlier = siteData(from)
      .model.unitById.get(parts[1])
      ?.formerly?.find((c) => target.model.unitById.has(c));
    const code = later?.id ?? earlier;
    return code ? `${yearPrefix(to)}units/${code}/` : index('units');
  }
  if (
    (section === 'indicators' || section === 'rankings' || section === 'monitoring') &&
    parts[1] &&
    !target.model.tierById.has(parts[1])
  )
    return index(section);
  if (section === 'announcements' && parts[1]) return index('announcements');
  return `${yearPrefix(to)}${rest}`;
}
