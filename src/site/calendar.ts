/**
 * The assessment calendar: monthly dispatch dates, quarterly reviews, the mid-year check, the year-end
 * accounting and labelled item milestones, all from the scheme; rendered as iCalendar (RFC 5545).
 */
import { createHash } from 'node:crypto';
import type { Item, Model } from '../engine/index.ts';
import { monthId, percent, reportingDueDate, reportingPlan } from '../engine/index.ts';

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
  /** Reminders: whole days before the event, at 09:00 (VALARM). */
  remindDays: number[];
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

/** The items whose milestones a scope follows (all, a tier's, or a unit's own list), each with its tier's name. */
function itemsInScope(model: Model, scope: CalendarScope): { item: Item; tierName: string }[] {
  const tierName = (id: string) => model.tierById.get(id)?.name ?? id;
  if (scope.unit) {
    const unit = model.unitById.get(scope.unit);
    return (model.unitItems.get(scope.unit) ?? []).map((x) => ({ item: x.item, tierName: tierName(unit?.tier ?? '') }));
  }
  const tiers = scope.tier ? model.tiers.filter((t) => t.id === scope.tier) : model.tiers;
  return tiers.flatMap((t) => t.items.map((item) => ({ item, tierName: t.name })));
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
  const duty = reporter ? reporterDuty(model, reporter) : '';
  // A monthly deadline: reminded `report` and `deploy` days ahead, like the meetings it feeds.
  const d = scheme.cycle.discipline;
  const remindDays = [...new Set([d.report, d.deploy])].filter((n) => n > 0).sort((a, b) => b - a);
  return Array.from({ length: 12 }, (_, i) => {
    const month = monthId(scheme.year, i + 1);
    return {
      uid: `${scheme.id}-report-${month}${reporter ? `-${reporter}` : ''}@kaohe`,
      date: reportingDueDate(model, month),
      kind: 'report-due' as const,
      remindDays,
      summary: reporter
        ? `报送截止：${name}报送${scheme.year}年${i + 1}月数据`
        : `报送截止：${scheme.year}年${i + 1}月数据`,
      description: `${scheme.shortName}：${reporter ? `${name}报送 ${duty}` : '各牵头部门报送所牵头事项，区域重点工作由单位自报'}。截止日后收到的为迟报，在报送情况页公开。`,
    };
  });
}

/** Every event of the scheme year for a scope, sorted by date then kind (shared event objects: read-only). */
export function calendarEvents(model: Model, scope: CalendarScope = {}): CalendarEvent[] {
  const out = [...cycleEvents(model)];
  for (const { item, tierName } of itemsInScope(model, scope))
    out.push(
      ...once(model, `milestone\u0000${tierName}\u0000${item.code}`, () => milestoneEvents(model, item, tierName)),
    );
  if (scope.reporter) {
    // A reporter's calendar: when to send, and the dispatch that reads it.
    const keep = out.filter((e) => e.kind === 'dispatch');
    out.length = 0;
    out.push(...keep, ...reportingEvents(model, scope.reporter));
  } else if (scope.unit) {
    if (reporterDuty(model, scope.unit)) out.push(...reportingEvents(model, scope.unit));
  } else out.push(...reportingEvents(model));
  const order = { 'report-due': 0, dispatch: 1, review: 2, 'mid-year': 3, 'year-end': 4, milestone: 5 };
  return out.sort(
    (a, b) => a.date.localeCompare(b.date) || order[a.kind] - order[b.kind] || a.uid.localeCompare(b.uid),
  );
}

/** Reminders follow the discipline: a deadline is announced major/ordinary/report/deploy days ahead. */
function deadlineReminders(model: Model): number[] {
  const d = model.scheme.cycle.discipline;
  return [...new Set([d.major, d.ordinary, d.report, d.deploy])].filter((n) => n > 0).sort((a, b) => b - a);
}

/** A labelled item's milestones, in one tier's name. */
function milestoneEvents(model: Model, item: Item, tierName: string): CalendarEvent[] {
  const { year, id } = model.scheme;
  const deadline = deadlineReminders(model);
  const out: CalendarEvent[] = [];
  for (const ms of item.schedule) {
    if (!ms.label) continue;
    const leads = item.leads.map((l) => model.unitById.get(l)?.name ?? l).join('、');
    out.push({
      uid: `${id}-milestone-${item.code}-${pad(ms.month)}@kaohe`,
      date: dateOf(year, ms.month, lastDay(year, ms.month)),
      kind: 'milestone',
      remindDays: deadline,
      // The tier is in the summary: items of the same name in several tiers share dates.
      summary: `时间节点（${tierName}）：${item.name}——${ms.label}`,
      description: `${item.code} ${item.name}：${ms.month} 月底前${ms.label}，累计进度 ${percent(ms.progress, 1, false)}。${leads ? `牵头：${leads}。` : ''}`,
      item: item.code,
    });
  }
  return out;
}

/** The cycle's dates, the same in every calendar of the year: dispatches, reviews, the mid-year check, the year end. */
function cycleEvents(model: Model): CalendarEvent[] {
  return once(model, 'cycle', () => makeCycleEvents(model));
}

function makeCycleEvents(model: Model): CalendarEvent[] {
  const { scheme } = model;
  const { year, cycle, flag } = scheme;
  const d = cycle.discipline;
  const discipline = `按“${cycle.disciplineName}”工作机制：${d.deploy} 日内部署，${d.report} 日内反馈，一般事项 ${d.ordinary} 日内办结，重大事项 ${d.major} 日内办结或明确时间表，跟踪到底。`;
  const id = scheme.id;
  // A meeting gets the report and deploy reminders (materials ready, then the day before).
  const meeting = [...new Set([d.report, d.deploy])].filter((n) => n > 0).sort((a, b) => b - a);
  const out: CalendarEvent[] = [];
  for (let m = 1; m <= 12; m++) {
    out.push({
      uid: `${id}-dispatch-${year}-${pad(m)}@kaohe`,
      date: dateOf(year, m + 1, cycle.dispatchDay),
      kind: 'dispatch',
      remindDays: meeting,
      summary: `月调度：${year}年${m}月工作进展`,
      description: `${scheme.shortName}：调度 ${year} 年 ${m} 月累计进展，对照序时进度查找滞后事项。${discipline}`,
    });
  }
  for (let q = 1; q <= 4; q++)
    out.push({
      uid: `${id}-review-${year}-q${q}@kaohe`,
      date: dateOf(year, q * 3 + 1, cycle.reviewDay),
      kind: 'review',
      remindDays: meeting,
      summary: `季研判：${year}年第${QUARTERS[q - 1]}季度`,
      description: `${scheme.shortName}：研判第${QUARTERS[q - 1]}季度考核情况，对长期落后的指标挂牌督办。`,
    });
  out.push({
    uid: `${id}-midyear-${year}@kaohe`,
    date: dateOf(year, flag.midYearMonth + 1, cycle.reviewDay),
    kind: 'mid-year',
    remindDays: meeting,
    summary: `中期考核：${year}年半年“体检”`,
    description: `${scheme.shortName}：对照 ${flag.midYearMonth} 月底序时进度全面“体检”，滞后事项挂牌督办。`,
  });
  out.push({
    uid: `${id}-yearend-${year}@kaohe`,
    date: dateOf(year, 13, cycle.reviewDay),
    kind: 'year-end',
    remindDays: meeting,
    summary: `年底交账：${year}年度考核`,
    description: `${scheme.shortName}：年度考核，结合实地考核核定全年得分、排名和等次。`,
  });
  return out;
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
}

/** One event's entry in the ledger. */
export interface StampEntry {
  hash: string;
  sequence: number;
  modified: string;
}
export type StampLedger = Record<string, StampEntry>;

/** What identifies an event's content: a change to any of these is a change clients must see. */
export function eventHash(e: CalendarEvent): string {
  return createHash('sha256')
    .update(JSON.stringify([e.date, e.kind, e.summary, e.description, e.remindDays]))
    .digest('hex')
    .slice(0, 16);
}

const utcStamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');

/**
 * SEQUENCE and LAST-MODIFIED of an event: the ledger's when its fingerprint matches (an unchanged
 * event stays byte-identical across builds); otherwise the next sequence and the later of the content
 * stamp and one second after the ledger's time, so a changed event always reads as newer.
 */
export function eventStamp(e: CalendarEvent, options: Pick<IcsOptions, 'stamp' | 'ledger'>, now?: string): StampEntry {
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
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-CALDESC:${escapeText(options.description)}`,
    'X-WR-TIMEZONE:Asia/Shanghai',
    'REFRESH-INTERVAL;VALUE=DURATION:P1D',
    'X-PUBLISHED-TTL:P1D',
  ];
  const out = [`${lines.map(foldLine).join('\r\n')}\r\n`];
  for (const e of events) {
    // The same event object in thousands of calendars (shared cycle dates) is written once per stamp and ledger.
    const hit = vevents.get(e);
    if (hit && hit.stamp === options.stamp && hit.ledger === options.ledger) {
      out.push(hit.text);
      continue;
    }
    const text = vevent(e, options);
    vevents.set(e, { stamp: options.stamp, ledger: options.ledger, text });
    out.push(text);
  }
  out.push('END:VCALENDAR\r\n');
  return out.join('');
}

const vevents = new WeakMap<CalendarEvent, { stamp: string; ledger: StampLedger | undefined; text: string }>();

/** One VEVENT with its alarms: folded lines, each ending in CRLF. */
function vevent(e: CalendarEvent, options: Pick<IcsOptions, 'stamp' | 'ledger'>): string {
  const compact = (d: string) => d.replace(/-/g, '');
  const nextDay = (d: string) => {
    const t = new Date(`${d}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() + 1);
    return t.toISOString().slice(0, 10).replace(/-/g, '');
  };
  const st = eventStamp(e, options);
  const lines = [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${utcStamp(st.modified)}`,
    `LAST-MODIFIED:${utcStamp(st.modified)}`,
    `SEQUENCE:${st.sequence}`,
    `DTSTART;VALUE=DATE:${compact(e.date)}`,
    `DTEND;VALUE=DATE:${nextDay(e.date)}`,
    `SUMMARY:${escapeText(e.summary)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
    `CATEGORIES:${escapeText(KIND_LABELS[e.kind])}`,
    'TRANSP:TRANSPARENT',
  ];
  for (const days of e.remindDays)
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(`${days} 天后：${e.summary}`)}`,
      `TRIGGER:${trigger(days)}`,
      'END:VALARM',
    );
  lines.push('END:VEVENT');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** The ledger for these events: known entries kept, changed ones bumped with `now` as their time. */
export function updateLedger(
  events: readonly CalendarEvent[],
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

/** How many events the ledger does not describe as they are now (0 = up to date). */
export function staleStamps(events: readonly CalendarEvent[], ledger: StampLedger | undefined): number {
  return events.filter((e) => ledger?.[e.uid]?.hash !== eventHash(e)).length;
}

/** A fixed DTSTAMP for the content: the latest publication date in the data, else the scheme year's first day. */
export function calendarStamp(model: Model): string {
  const dates = Object.values(model.bundle.dataMeta.published)
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort();
  return dates.at(-1) ?? `${model.scheme.year}-01-01`;
}
