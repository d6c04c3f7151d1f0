/** Every internal link goes through the configured base path (KAOHE_BASE), so the site can live under a sub-path. */
const BASE = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');

/** A site-relative path (no leading slash needed) under the base path, e.g. url('rankings/') → /kaohe/rankings/. */
export function url(path = ''): string {
  return `${BASE}${path.replace(/^\//, '')}`;
}

/** The configured public origin (KAOHE_SITE), or undefined for a local build. */
export const SITE: string | undefined = import.meta.env.SITE ? new URL(import.meta.env.SITE).origin : undefined;

/** A site path as an absolute URL on the configured origin; for a local build the path itself, which readers resolve against where they got it. */
export function absolute(path: string): string {
  return SITE ? `${SITE}${path}` : path;
}

export const paths = {
  rules: (id?: string) => url(id ? `rules/${id}/` : 'rules/'),
  indicators: (tier?: string) => url(tier ? `indicators/${tier}/` : 'indicators/'),
  rankings: (tier?: string, period?: string) => url(tier ? (period ? `rankings/${tier}/${period}/` : `rankings/${tier}/`) : 'rankings/'),
  rankingCsv: (tier: string, period: string) => url(`rankings/${tier}/${period}.csv`),
  rankingJson: (tier: string, period: string) => url(`rankings/${tier}/${period}.json`),
  unit: (id?: string) => url(id ? `units/${id}/` : 'units/'),
  monitoring: (tier?: string, month?: string) => url(tier ? (month ? `monitoring/${tier}/${month}/` : `monitoring/${tier}/`) : 'monitoring/'),
  announcement: (id?: string) => url(id ? `announcements/${id}/` : 'announcements/'),
  calendar: () => url('calendar/'),
  ics: (scope?: { tier?: string; unit?: string; reporter?: string }) =>
    url(scope?.reporter ? `calendar/reporter/${scope.reporter}.ics` : scope?.unit ? `calendar/unit/${scope.unit}.ics` : scope?.tier ? `calendar/${scope.tier}.ics` : 'calendar.ics'),
  reporting: (month?: string) => url(month ? `reporting/${month}/` : 'reporting/'),
  dataCsv: (month: string) => url(`data/${month}.csv`),
  allDataCsv: () => url('data/all.csv'),
  schemeJson: () => url('scheme.json'),
  search: () => url('search/'),
  searchIndex: () => url('search-index.json'),
  rss: () => url('rss.xml'),
  selfCheck: () => url('self-check/'),
  /** 复算说明: how to recompute a ranking from the downloads (the one public page with a command line). */
  recompute: () => url('recompute/'),
};
