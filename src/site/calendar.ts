/**
 * The assessment calendar: monthly dispatch dates, quarterly reviews, the mid-year check, the year-end
 * accounting and labelled item milestones, all from the scheme; rendered as iCalendar (RFC 5545).
 */
import { createHash } from 'node:crypto';
import type { Item, Model } from '../engine/index.ts';
import { monthId, reportingDueDate, reportingPlan } from '../engine/index.ts';

export interface CalendarEvent {
  /** Stable across builds and feeds, so a calendar app updates rather than duplicates. */
  uid: string;
  /** All-day event date, YYYY-MM-DD. */
  date: string;
  kind: 'dispatch' | 'review' | 'mid-year' | 'year-end' | 'milestone' | 'report-due';
  summary: string;
  description: string;
  /** Item code for milestones. */
  item?: string;
  /** The milestone's tier id (its indicators page). */
  tier?: string;
  /** The scheme year the event belongs to. */
  year?: number;
  /** Reminders: whole days before the event, at 09:00 (VALARM). */
  remindDays: number[];
  /**
   * The recurring series the event is one date of (the same kind, description and reminders on every date): in a
   * feed the series is one VEVENT with this UID and summary and an RRULE for its dates, when they follow one
   * (seriesEvents). A series is always whole in every feed that has it, so its VEVENT is the same in each.
   */
  series?: { uid: string; summary: string };
}

/** Each kind's name, as the calendar page and the CATEGORIES of the feed show it. */
export const KIND_LABELS: Record<CalendarEvent['kind'], string> = {
  dispatch: '月调度',
  review: '季研判',
  'mid-year': '中期考核',
  'year-end': '年底交账',
  milestone: '时间节点',
  'report-due': '报送截止',
};

/** The order of events on one day: the deadline, then the meeting that reads it. */
const KIND_ORDER: Record<CalendarEvent['kind'], number> = {
  'report-due': 0,
  dispatch: 1,
  review: 2,
  'mid-year': 3,
  'year-end': 4,
  milestone: 5,
};

export interface CalendarScope {
  tier?: string | undefined;
  unit?: string | undefined;
  /** A reporter's own calendar: the cycle's dispatch dates and its monthly reporting deadlines. */
  reporter?: string | undefined;
}

const QUARTERS = ['一', '二', '三', '四'];
const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (year: number, month: number, day: number) =>
  month > 12 ? `${year + 1}-${pad(month - 12)}-${pad(day)}` : `${year}-${pad(month)}-${pad(day)}`;
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The items whose milestones a scope follows (all, a tier's, or a unit's own list), each with its tier. */
function itemsInScope(model: Model, scope: CalendarScope): { item: Item; tier: { id: string; name: string } }[] {
  const tierOf = (id: string) => ({ id, name: model.tierById.get(id)?.name ?? id });
  if (scope.unit) {
    const tier = tierOf(model.unitById.get(scope.unit)?.tier ?? '');
    return (model.unitItems.get(scope.unit) ?? []).map((x) => ({ item: x.item, tier }));
  }
  const tiers = scope.tier ? model.tiers.filter((t) => t.id === scope.tier) : model.tiers;
  return tiers.flatMap((t) => t.items.map((item) => ({ item, tier: { id: t.id, name: t.name } })));
}

const duties = new WeakMap<Model, Map<string, string>>();

/**
 * What a reporter sends each month, in words: items × units, or the events it records ('' when nothing).
 * Every reporter's text is built in one pass over the plan's cells, once per model (each unit's and reporter's
 * calendar asks: a scan per call made them quadratic in the number of units).
 */
export function reporterDuty(model: Model, reporter: string): string {
  let all = duties.get(model);
  if (!all) {
    all = reporterDuties(model);
    duties.set(model, all);
  }
  return all.get(reporter) ?? '';
}

function reporterDuties(model: Model): Map<string, string> {
  const plan = reportingPlan(model);
  const owned = new Map<string, { items: Set<string>; units: Set<string>; cells: number; events: number }>();
  for (const c of plan.cells) {
    const owner = plan.reportersOf(c.unit, c.item)?.[0];
    if (owner === undefined) continue;
    let o = owned.get(owner);
    if (!o) {
      o = { items: new Set(), units: new Set(), cells: 0, events: 0 };
      owned.set(owner, o);
    }
    if (model.itemByCode.has(c.item)) {
      o.items.add(c.item);
      o.units.add(c.unit);
      o.cells++;
    } else o.events++;
  }
  const out = new Map<string, string>();
  for (const [reporter, o] of owned) {
    const items = [...o.items];
    const parts: string[] = [];
    if (items.length)
      parts.push(
        `${items.length} 个事项（${items
          .slice(0, 6)
          .map((c) => model.itemByCode.get(c)!.item.name)
          .join('、')}${items.length > 6 ? ' 等' : ''}）× ${o.units.size} 个单位，共 ${o.cells} 项`,
      );
    if (o.events) parts.push(`加减分和否决事项登记（${o.events} 项）`);
    out.set(reporter, parts.join('；'));
  }
  return out;
}

/**
 * Events are built once per model and shared by every calendar that lists them (a province has thousands of
 * unit and reporter calendars with the same cycle dates): treat them as read-only.
 */
const shared = new WeakMap<Model, Map<string, CalendarEvent[]>>();
function once(model: Model, key: string, make: () => CalendarEvent[]): CalendarEvent[] {
  let m = shared.get(model);
  if (!m) {
    m = new Map();
    shared.set(model, m);
  }
  let hit = m.get(key);
  if (!hit) {
    hit = make();
    m.set(key, hit);
  }
  return hit;
}

/** The monthly reporting deadlines: one per month for everyone, or a reporter's own. */
function reportingEvents(model: Model, reporter?: string): CalendarEvent[] {
  return once(model, `report\u0000${reporter ?? ''}`, () => makeReportingEvents(model, reporter));
}

function makeReportingEvents(model: Model, reporter?: string): CalendarEvent[] {
  const { scheme } = model;
  const name = reporter ? (reportingPlan(model).reporterById.get(reporter)?.name ?? reporter) : '';
  // A monthly deadline: reminded `report` and `deploy` days ahead, like the meetings it feeds.
  const d = scheme.cycle.discipline;
  const remindDays = [...new Set([d.report, d.deploy])].filter((n) => n > 0).sort((a, b) => b - a);
  // What each reporter sends and what counts as late are on the pages (报送情况, the calendar page): not in every event.
  const series = {
    uid: `${scheme.id}-report-${scheme.year}${reporter ? `-${reporter}` : ''}@kaohe`,
    summary: `报送截止：${name}报送上月数据`,
  };
  return Array.from({ length: 12 }, (_, i) => {
    const month = monthId(scheme.year, i + 1);
    return {
      uid: `${scheme.id}-report-${month}${reporter ? `-${reporter}` : ''}@kaohe`,
      date: reportingDueDate(model, month),
      kind: 'report-due' as const,
      year: scheme.year,
      remindDays,
      summary: `报送截止：${name}报送${scheme.year}年${i + 1}月数据`,
      description: '',
      series,
    };
  });
}

/** Every event of the scheme year for a scope, sorted by date then kind (shared event objects: read-only). */
export function calendarEvents(model: Model, scope: CalendarScope = {}): CalendarEvent[] {
  const out = [...cycleEvents(model)];
  for (const { item, tier } of itemsInScope(model, scope))
    out.push(...once(model, `milestone\u0000${tier.id}\u0000${item.code}`, () => milestoneEvents(model, item, tier)));
  if (scope.reporter) {
    // A reporter's calendar: when to send, and the dispatch that reads it.
    const keep = out.filter((e) => e.kind === 'dispatch');
    out.length = 0;
    out.push(...keep, ...reportingEvents(model, scope.reporter));
  } else if (scope.unit) {
    if (reporterDuty(model, scope.unit)) out.push(...reportingEvents(model, scope.unit));
  } else out.push(...reportingEvents(model));
  return out.sort(
    (a, b) => a.date.localeCompare(b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.uid.localeCompare(b.uid),
  );
}

/** Reminders follow the discipline: a deadline is announced major/ordinary/report/deploy days ahead. */
function deadlineReminders(model: Model): number[] {
  const d = model.scheme.cycle.discipline;
  return [...new Set([d.major, d.ordinary, d.report, d.deploy])].filter((n) => n > 0).sort((a, b) => b - a);
}

/** A labelled item's milestones, in one tier's name: one series (each date's label is on the indicators page). */
function milestoneEvents(model: Model, item: Item, tier: { id: string; name: string }): CalendarEvent[] {
  const { year, id } = model.scheme;
  const deadline = deadlineReminders(model);
  // The tier is in the summary: items of the same name in several tiers share dates.
  const series = { uid: `${id}-milestone-${item.code}@kaohe`, summary: `时间节点（${tier.name}）：${item.name}` };
  return item.schedule
    .filter((ms) => ms.label)
    .map((ms) => ({
      uid: `${id}-milestone-${item.code}-${pad(ms.month)}@kaohe`,
      date: dateOf(year, ms.month, lastDay(year, ms.month)),
      kind: 'milestone' as const,
      year,
      remindDays: deadline,
      summary: `${series.summary}——${ms.label}`,
      description: '',
      item: item.code,
      tier: tier.id,
      series,
    }));
}

/** The cycle's dates, the same in every calendar of the year: dispatches, reviews, the mid-year check, the year end. */
function cycleEvents(model: Model): CalendarEvent[] {
  return once(model, 'cycle', () => makeCycleEvents(model));
}

function makeCycleEvents(model: Model): CalendarEvent[] {
  const { scheme } = model;
  const { year, cycle, flag } = scheme;
  const d = cycle.discipline;
  const id = scheme.id;
  // A meeting gets the report and deploy reminders (materials ready, then the day before).
  const meeting = [...new Set([d.report, d.deploy])].filter((n) => n > 0).sort((a, b) => b - a);
  // What each meeting does and the "13710" discipline are said once, on the calendar page (calendarNotes).
  const base = { year, remindDays: meeting, description: '' };
  const out: CalendarEvent[] = [];
  const dispatch = { uid: `${id}-dispatch-${year}@kaohe`, summary: '月调度：调度上月工作进展' };
  for (let m = 1; m <= 12; m++)
    out.push({
      ...base,
      uid: `${id}-dispatch-${year}-${pad(m)}@kaohe`,
      date: dateOf(year, m + 1, cycle.dispatchDay),
      kind: 'dispatch',
      summary: `月调度：${year}年${m}月工作进展`,
      series: dispatch,
    });
  const review = { uid: `${id}-review-${year}@kaohe`, summary: '季研判：研判上季度考核情况' };
  for (let q = 1; q <= 4; q++)
    out.push({
      ...base,
      uid: `${id}-review-${year}-q${q}@kaohe`,
      date: dateOf(year, q * 3 + 1, cycle.reviewDay),
      kind: 'review',
      summary: `季研判：${year}年第${QUARTERS[q - 1]}季度`,
      series: review,
    });
  out.push({
    ...base,
    uid: `${id}-midyear-${year}@kaohe`,
    date: dateOf(year, flag.midYearMonth + 1, cycle.reviewDay),
    kind: 'mid-year',
    summary: `中期考核：${year}年半年“体检”`,
  });
  out.push({
    ...base,
    uid: `${id}-yearend-${year}@kaohe`,
    date: dateOf(year, 13, cycle.reviewDay),
    kind: 'year-end',
    summary: `年底交账：${year}年度考核`,
  });
  return out;
}

/**
 * What the events of a year are, said once (on the calendar page) instead of in every event of every feed: each
 * kind's work, the "13710" discipline, and when a submission counts as late.
 */
export function calendarNotes(model: Model): { kind: CalendarEvent['kind']; text: string }[] {
  const { scheme } = model;
  const { cycle, flag } = scheme;
  const d = cycle.discipline;
  return [
    {
      kind: 'dispatch',
      text: `每月 ${cycle.dispatchDay} 日调度上月累计进展，对照序时进度查找滞后事项。按“${cycle.disciplineName}”工作机制：${d.deploy} 日内部署，${d.report} 日内反馈，一般事项 ${d.ordinary} 日内办结，重大事项 ${d.major} 日内办结或明确时间表，跟踪到底。`,
    },
    {
      kind: 'review',
      text: `每季度结束后次月 ${cycle.reviewDay} 日研判上季度考核情况，对长期落后的指标挂牌督办。`,
    },
    {
      kind: 'mid-year',
      text: `对照 ${flag.midYearMonth} 月底序时进度全面“体检”，滞后事项挂牌督办。`,
    },
    { kind: 'year-end', text: '年度考核，结合实地考核核定全年得分、排名和等次。' },
    {
      kind: 'milestone',
      text: '各事项按时间进度在月底前完成的节点；每个节点的内容和累计进度见指标页该事项的“时间进度”。',
    },
    {
      kind: 'report-due',
      text: `各牵头部门报送所牵头事项，区域重点工作由单位自报，次月 ${scheme.reporting.dueDay ?? cycle.dispatchDay} 日前报送上月数据；截止日后收到的为迟报，在报送情况页公开。`,
    },
  ];
}

/** Escape a TEXT value (RFC 5545 §3.3.11). */
function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  if (line.length <= 25 || (line.length <= 75 && /^[\x20-\x7e]*$/.test(line))) return line; // fits: 3 bytes a character at most
  const parts: string[] = [];
  let cur = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const c = ch.codePointAt(0)!;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (bytes + n > limit) {
      parts.push(cur);
      cur = '';
      bytes = 0;
      limit = 74; // continuation lines start with one space
    }
    cur += ch;
    bytes += n;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}

export interface IcsOptions {
  name: string;
  description: string;
  /** The content's stamp, YYYY-MM-DD (calendarStamp): LAST-MODIFIED of an event the stamp ledger does not know yet. */
  stamp: string;
  /** The stamp ledger (calendar-stamps.json): each event's fingerprint, SEQUENCE and LAST-MODIFIED when it last changed. */
  ledger?: StampLedger | undefined;
  /**
   * The page that explains an event (its URL goes in DESCRIPTION). Not part of the event's fingerprint: the same
   * event on another host or base path is the same event, and `kaohe calendar-stamps` knows neither.
   */
  href?: ((e: CalendarEvent) => string | undefined) | undefined;
}

/** One event's entry in the ledger. */
export interface StampEntry {
  hash: string;
  sequence: number;
  modified: string;
}
export type StampLedger = Record<string, StampEntry>;

/** One VEVENT as a feed writes it: one event, or a whole series as one recurring event (RRULE and EXDATE). */
export interface IcsEvent {
  uid: string;
  /** DTSTART (the first date of a series), YYYY-MM-DD. */
  date: string;
  kind: CalendarEvent['kind'];
  summary: string;
  description: string;
  remindDays: number[];
  /** The RRULE of a series, e.g. FREQ=MONTHLY;COUNT=12 (the day of the month is DTSTART's). */
  rrule?: string;
  /** Dates the rule gives that are not the series' (EXDATE), YYYY-MM-DD. */
  exdates?: string[];
  /** The event it was written from (a series' first date): what `href` links. */
  source: CalendarEvent;
}

/** What identifies an event's content: a change to any of these is a change clients must see. */
export function eventHash(
  e: Pick<IcsEvent, 'date' | 'kind' | 'summary' | 'description' | 'remindDays' | 'rrule' | 'exdates'>,
): string {
  const fields: unknown[] = [e.date, e.kind, e.summary, e.description, e.remindDays];
  if (e.rrule) fields.push(e.rrule, e.exdates ?? []);
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 16);
}

const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
const dayOf = (d: string) => Number(d.slice(8, 10));
const isMonthEnd = (d: string) => dayOf(d) === lastDay(Number(d.slice(0, 4)), Number(d.slice(5, 7)));
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The dates an RRULE of this writer gives from DTSTART (FREQ=MONTHLY with INTERVAL, BYMONTH, BYMONTHDAY=-1 and
 * COUNT; RFC 5545 §3.3.10: a day the month does not have is no date), less EXDATE: each series is checked
 * against it before it is written.
 */
export function expandRule(start: string, rrule: string, exdates: readonly string[] = []): string[] {
  const parts = new Map(rrule.split(';').map((p) => p.split('=') as [string, string]));
  if (parts.get('FREQ') !== 'MONTHLY') throw new Error(`unsupported RRULE ${rrule}`);
  const interval = Number(parts.get('INTERVAL') ?? 1);
  const count = Number(parts.get('COUNT'));
  const months = parts.has('BYMONTH') ? new Set(parts.get('BYMONTH')!.split(',').map(Number)) : undefined;
  const monthEnd = parts.get('BYMONTHDAY') === '-1';
  const out: string[] = [];
  const from = monthIndex(start);
  for (let i = from; out.length < count && i - from <= 1200; i += interval) {
    const y = Math.floor(i / 12);
    const m = (i % 12) + 1;
    if (months && !months.has(m)) continue;
    const day = monthEnd ? lastDay(y, m) : dayOf(start);
    if (day > lastDay(y, m)) continue;
    const date = `${y}-${pad(m)}-${pad(day)}`;
    if (date >= start) out.push(date);
  }
  const skip = new Set(exdates);
  return out.filter((d) => !skip.has(d));
}

/**
 * A rule for a series' dates (sorted, distinct): month ends as FREQ=MONTHLY;BYMONTHDAY=-1 (every k months, or in
 * the months listed); otherwise the dates on the most common day of the month as FREQ=MONTHLY every k months,
 * with EXDATE for the months between that have none, and the other dates (`rest`) written as events of their own.
 * Undefined when no rule is worth it. The rule gives exactly the dates not in `rest`.
 */
export function seriesRule(dates: readonly string[]): { rrule: string; exdates: string[]; rest: string[] } | undefined {
  if (dates.length < 2) return undefined;
  const every = (k: number) => (k > 1 ? `INTERVAL=${k};` : '');
  const idx = dates.map(monthIndex);
  if (dates.every(isMonthEnd)) {
    const steps = new Set(idx.slice(1).map((x, i) => x - idx[i]!));
    const [k] = [...steps];
    const candidates = [
      ...(steps.size === 1 && k! > 0 ? [`FREQ=MONTHLY;${every(k!)}BYMONTHDAY=-1;COUNT=${dates.length}`] : []),
      `FREQ=MONTHLY;BYMONTH=${[...new Set(idx.map((i) => (i % 12) + 1))].sort((a, b) => a - b).join(',')};BYMONTHDAY=-1;COUNT=${dates.length}`,
    ];
    for (const rrule of candidates)
      if (expandRule(dates[0]!, rrule).join() === dates.join()) return { rrule, exdates: [], rest: [] };
  }
  const byDay = new Map<number, string[]>();
  for (const d of dates) byDay.set(dayOf(d), [...(byDay.get(dayOf(d)) ?? []), d]);
  const [day, group] = [...byDay].sort((a, b) => b[1].length - a[1].length || a[1][0]!.localeCompare(b[1][0]!))[0]!;
  if (group.length < 2 || day > 28) return undefined;
  const gi = group.map(monthIndex);
  const k = gi.slice(1).reduce((g, x, i) => gcd(g, x - gi[i]!), 0);
  const slots = (gi.at(-1)! - gi[0]!) / k + 1;
  const has = new Set(gi);
  const exdates: string[] = [];
  for (let i = gi[0]!; i <= gi.at(-1)!; i += k)
    if (!has.has(i)) exdates.push(`${Math.floor(i / 12)}-${pad((i % 12) + 1)}-${pad(day)}`);
  if (exdates.length > group.length) return undefined;
  const rrule = `FREQ=MONTHLY;${every(k)}COUNT=${slots}`;
  if (expandRule(group[0]!, rrule, exdates).join() !== group.join()) return undefined;
  const inGroup = new Set(group);
  return { rrule, exdates, rest: dates.filter((d) => !inGroup.has(d)) };
}

const single = (e: CalendarEvent): IcsEvent => ({
  uid: e.uid,
  date: e.date,
  kind: e.kind,
  summary: e.summary,
  description: e.description,
  remindDays: e.remindDays,
  source: e,
});

/**
 * The VEVENTs of a feed: each series whose dates follow a rule as one recurring event (its dates that do not, as
 * events of their own under their own UIDs), every other event as it is; sorted by date, kind and UID.
 */
export function icsEvents(events: readonly CalendarEvent[]): IcsEvent[] {
  const out: IcsEvent[] = [];
  const groups = new Map<string, CalendarEvent[]>();
  for (const e of events) {
    if (!e.series) out.push(single(e));
    else if (groups.has(e.series.uid)) groups.get(e.series.uid)!.push(e);
    else groups.set(e.series.uid, [e]);
  }
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date));
    const [first] = sorted;
    const alike = sorted.every(
      (e, i) =>
        e.kind === first!.kind &&
        e.description === first!.description &&
        e.remindDays.join() === first!.remindDays.join() &&
        (i === 0 || e.date !== sorted[i - 1]!.date),
    );
    const rule = alike ? seriesRule(sorted.map((e) => e.date)) : undefined;
    if (!rule) {
      out.push(...sorted.map(single));
      continue;
    }
    const rest = new Set(rule.rest);
    const inRule = sorted.filter((e) => !rest.has(e.date));
    out.push({
      ...single(inRule[0]!),
      uid: first!.series!.uid,
      summary: first!.series!.summary,
      rrule: rule.rrule,
      ...(rule.exdates.length ? { exdates: rule.exdates } : {}),
    });
    out.push(...sorted.filter((e) => rest.has(e.date)).map(single));
  }
  return out.sort(
    (a, b) => a.date.localeCompare(b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.uid.localeCompare(b.uid),
  );
}

const utcStamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');

/**
 * SEQUENCE and LAST-MODIFIED of an event: the ledger's when its fingerprint matches (an unchanged
 * event stays byte-identical across builds); otherwise the next sequence and the later of the content
 * stamp and one second after the ledger's time, so a changed event always reads as newer.
 */
export function eventStamp(
  e: Parameters<typeof eventHash>[0] & { uid: string },
  options: Pick<IcsOptions, 'stamp' | 'ledger'>,
  now?: string,
): StampEntry {
  const hash = eventHash(e);
  const known = options.ledger?.[e.uid];
  if (known && known.hash === hash) return known;
  let modified = now ?? `${options.stamp}T00:00:00Z`;
  if (known && modified <= known.modified)
    modified = new Date(Date.parse(known.modified) + 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  return { hash, sequence: known ? known.sequence + 1 : 0, modified };
}

/** 09:00 on the day `days` before an all-day event: a TRIGGER relative to its start (00:00). */
const trigger = (days: number) => (days === 1 ? '-PT15H' : `-P${days - 1}DT15H`);

/** A VCALENDAR with all-day VEVENTs, CRLF line endings, folded lines, reminders and content-derived stamps. */
export function toIcs(events: readonly CalendarEvent[], options: IcsOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//kaohe//assessment calendar//ZH',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-CALDESC:${escapeText(options.description)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:P1D',
    'X-PUBLISHED-TTL:P1D',
  ];
  const out = [`${lines.map(foldLine).join('\r\n')}\r\n`];
  for (const e of icsEvents(events)) {
    // The same event in thousands of calendars (shared cycle dates, a tier's milestones) is written once per
    // stamp, ledger and link.
    const key = `${e.uid}\u0000${e.date}\u0000${e.rrule ?? ''}\u0000${e.exdates?.join() ?? ''}`;
    const hit = vevents.get(e.source);
    if (
      hit &&
      hit.key === key &&
      hit.stamp === options.stamp &&
      hit.ledger === options.ledger &&
      hit.href === options.href
    ) {
      out.push(hit.text);
      continue;
    }
    const text = vevent(e, options);
    vevents.set(e.source, { key, stamp: options.stamp, ledger: options.ledger, href: options.href, text });
    out.push(text);
  }
  out.push('END:VCALENDAR\r\n');
  return out.join('');
}

const vevents = new WeakMap<
  CalendarEvent,
  { key: string; stamp: string; ledger: StampLedger | undefined; href: IcsOptions['href']; text: string }
>();

/** One VEVENT with its alarms: folded lines, each ending in CRLF. */
function vevent(e: IcsEvent, options: Pick<IcsOptions, 'stamp' | 'ledger' | 'href'>): string {
  const compact = (d: string) => d.replace(/-/g, '');
  const st = eventStamp(e, options);
  const description = [e.description, options.href?.(e.source)].filter(Boolean).join(' ');
  const lines = [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${utcStamp(st.modified)}`,
    // SEQUENCE:0 is RFC 5545's default (§3.8.7.4): written only once the ledger has bumped an event.
    ...(st.sequence ? [`SEQUENCE:${st.sequence}`] : []),
    // A DATE without DTEND is one whole day (RFC 5545 §3.6.1).
    `DTSTART;VALUE=DATE:${compact(e.date)}`,
  ];
  if (e.rrule) lines.push(`RRULE:${e.rrule}`);
  if (e.exdates) lines.push(`EXDATE;VALUE=DATE:${e.exdates.map(compact).join(',')}`);
  lines.push(`SUMMARY:${escapeText(e.summary)}`);
  if (description) lines.push(`DESCRIPTION:${escapeText(description)}`);
  lines.push(`CATEGORIES:${escapeText(KIND_LABELS[e.kind])}`);
  for (const days of e.remindDays)
    lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${days} 天后`, `TRIGGER:${trigger(days)}`, 'END:VALARM');
  lines.push('END:VEVENT');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** The ledger for these VEVENTs (icsEvents of every feed): known entries kept, changed ones bumped with `now` as their time. */
export function updateLedger(
  events: readonly IcsEvent[],
  ledger: StampLedger,
  now: string,
): { ledger: StampLedger; changed: number } {
  const out: StampLedger = {};
  let changed = 0;
  for (const e of [...events].sort((a, b) => a.uid.localeCompare(b.uid))) {
    const st = eventStamp(e, { stamp: now.slice(0, 10), ledger }, now);
    if (ledger[e.uid]?.hash !== st.hash) changed++;
    out[e.uid] = st;
  }
  return { ledger: out, changed };
}

/** How many VEVENTs the ledger does not describe as they are now (0 = up to date). */
export function staleStamps(events: readonly IcsEvent[], ledger: StampLedger | undefined): number {
  return events.filter((e) => ledger?.[e.uid]?.hash !== eventHash(e)).length;
}

/** A fixed DTSTAMP for the content: the latest publication date in the data, else the scheme year's first day. */
export function calendarStamp(model: Model): string {
  const dates = Object.values(model.bundle.dataMeta.published)
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort();
  return dates.at(-1) ?? `${model.scheme.year}-01-01`;
}
