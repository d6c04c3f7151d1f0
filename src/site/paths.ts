import { yearPrefix } from './year-context.ts';

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

/** A year-level page: the latest year at today's URL, an earlier year under its year (/2022/rules/). */
const y = (path: string, year?: number) => url(`${yearPrefix(year)}${path}`);

/**
 * Pages of a year (rules, indicators, units, announcements, the indexes, scheme.json, all.csv) take the year
 * (default: the page's). Pages named by a period or month (rankings, boards, data CSVs) need none: the
 * period says its year, so their URLs never move when a new year begins.
 */
export const paths = {
  home: (year?: number) => y('', year),
  rules: (id?: string, year?: number) => y(id ? `rules/${id}/` : 'rules/', year),
  indicators: (tier?: string, year?: number) => y(tier ? `indicators/${tier}/` : 'indicators/', year),
  rankings: (tier?: string, period?: string, year?: number) =>
    period ? url(`rankings/${tier}/${period}/`) : y(tier ? `rankings/${tier}/` : 'rankings/', year),
  rankingCsv: (tier: string, period: string) => url(`rankings/${tier}/${period}.csv`),
  rankingJson: (tier: string, period: string) => url(`rankings/${tier}/${period}.json`),
  unit: (id?: string, year?: number) => y(id ? `units/${id}/` : 'units/', year),
  monitoring: (tier?: string, month?: string, year?: number) =>
    month ? url(`monitoring/${tier}/${month}/`) : y(tier ? `monitoring/${tier}/` : 'monitoring/', year),
  announcement: (id?: string, year?: number) => y(id ? `announcements/${id}/` : 'announcements/', year),
  /** 历年考核: every year; a comparison between two years' schemes. */
  years: () => url('years/'),
  compare: (from: number, to: number) => url(`years/${from}-${to}/`),
  calendar: () => url('calendar/'),
  ics: (scope?: { tier?: string; unit?: string; reporter?: string }) =>
    url(
      scope?.reporter
        ? `calendar/reporter/${scope.reporter}.ics`
        : scope?.unit
          ? `calendar/unit/${scope.unit}.ics`
          : scope?.tier
            ? `calendar/${scope.tier}.ics`
            : 'calendar.ics',
    ),
  reporting: (month?: string, year?: number) => (month ? url(`reporting/${month}/`) : y('reporting/', year)),
  dataCsv: (month: string) => url(`data/${month}.csv`),
  allDataCsv: (year?: number) => y('data/all.csv', year),
  schemeJson: (year?: number) => y('scheme.json', year),
  search: () => url('search/'),
  searchIndex: () => url('search-index.json'),
  rss: () => url('rss.xml'),
  /** The self-check of a year (default: the page's year). */
  selfCheck: (year?: number) => y('self-check/', year),
  /** 复算说明: how to recompute a ranking from the downloads (the one public page with a command line). */
  recompute: (year?: number) => y('recompute/', year),
};
