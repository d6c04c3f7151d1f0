/** Periods: data is kept by month (YYYY-MM, cumulative year to date); quarters, mid-year and year are views. */
export type PeriodKind = 'month' | 'quarter' | 'mid-year' | 'year';

export interface Period {
  /** Canonical id: 2023-06, 2023-Q2, 2023-H1 or 2023-Y. */
  id: string;
  kind: PeriodKind;
  year: number;
  /** Month whose year-to-date data the period reads. */
  month: number;
  /** Chinese label, e.g. 2023年6月、2023年第二季度、2023年中期考核、2023年度. */
  label: string;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** Parse a period id; returns undefined when it is not one of the accepted forms. */
export function parsePeriod(id: string): Period | undefined {
  const s = id.trim();
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(s);
  if (m) return { id: s, kind: 'month', year: Number(m[1]), month: Number(m[2]), label: `${m[1]}年${Number(m[2])}月` };
  m = /^(\d{4})-Q([1-4])$/.exec(s);
  if (m) {
    const q = Number(m[2]);
    return {
      id: s,
      kind: 'quarter',
      year: Number(m[1]),
      month: q * 3,
      label: `${m[1]}年第${QUARTER_NAMES[q - 1]}季度`,
    };
  }
  m = /^(\d{4})-H1$/.exec(s);
  if (m) return { id: s, kind: 'mid-year', year: Number(m[1]), month: 6, label: `${m[1]}年中期考核` };
  m = /^(\d{4})(-Y)?$/.exec(s);
  if (m) return { id: `${m[1]}-Y`, kind: 'year', year: Number(m[1]), month: 12, label: `${m[1]}年度` };
  return undefined;
}

/** The year of a month or period id (2023-06, 2023-Q2, 2023-Y → 2023). */
export function yearOf(id: string): number {
  return Number(id.slice(0, 4));
}

/** The month number of a month id (2023-06 → 6). */
export function monthOf(month: string): number {
  return Number(month.slice(5, 7));
}

/** A month id in words: 2023-06 → 2023年6月. */
export function monthLabel(month: string): string {
  return `${yearOf(month)}年${monthOf(month)}月`;
}

/** The period views of a year its data allows: every view up to the year's last month with data (none without). */
export function periodsWithData(year: number, months: readonly string[]): Period[] {
  const last = months
    .filter((m) => yearOf(m) === year && m.length === 7)
    .sort()
    .at(-1);
  return last ? periodsOfYear(year, monthOf(last)) : [];
}

/** The period a view opens on: the latest month, else the last period listed (periods in reading order). */
export function preferredPeriod<P extends { id: string }>(periods: readonly P[]): P | undefined {
  return periods.filter((p) => /^\d{4}-\d{2}$/.test(p.id)).at(-1) ?? periods.at(-1);
}

export function monthId(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The data month a period reads, as YYYY-MM. */
export function dataMonth(p: Period): string {
  return monthId(p.year, p.month);
}

/** Every period view of a year whose months up to `lastMonth` have data, in reading order. */
export function periodsOfYear(year: number, lastMonth: number): Period[] {
  return periodsOfMonths(Array.from({ length: lastMonth }, (_, i) => monthId(year, i + 1)));
}

/** Every period view that reads one of these data months (month; quarter at 3/6/9/12; mid-year at 6; year at 12). */
export function periodsOfMonths(months: readonly string[]): Period[] {
  const out: Period[] = [];
  for (const m of [...months].sort()) {
    const year = yearOf(m);
    const mo = monthOf(m);
    out.push(parsePeriod(monthId(year, mo))!);
    if (mo % 3 === 0) out.push(parsePeriod(`${year}-Q${mo / 3}`)!);
    if (mo === 6) out.push(parsePeriod(`${year}-H1`)!);
    if (mo === 12) out.push(parsePeriod(`${year}-Y`)!);
  }
  return out;
}

/** The period before this one of the same kind (for movement), or undefined. */
export function previousPeriod(p: Period): Period | undefined {
  switch (p.kind) {
    case 'month':
      return p.month > 1 ? parsePeriod(monthId(p.year, p.month - 1)) : parsePeriod(monthId(p.year - 1, 12));
    case 'quarter':
      return p.month > 3 ? parsePeriod(`${p.year}-Q${p.month / 3 - 1}`) : parsePeriod(`${p.year - 1}-Q4`);
    case 'mid-year':
      return parsePeriod(`${p.year - 1}-H1`);
    case 'year':
      return parsePeriod(`${p.year - 1}-Y`);
  }
}
