/** The site's pure helpers (calendar, search, monitoring summaries), checked without a build or a browser. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScorer, indexData, reportingPlan } from '../../src/engine/index.ts';
import type { Tier, UnitResult } from '../../src/engine/index.ts';
import { loadContent } from '../../src/content-io/load-content.ts';
import {
  calendarEvents,
  calendarStamp,
  expandRule,
  foldLine,
  icsEvents,
  seriesRule,
  toIcs,
  updateLedger,
} from '../../src/site/calendar.ts';
import type { CalendarEvent } from '../../src/site/calendar.ts';
import { boardRow, movers } from '../../src/site/monitoring.ts';
import { markdownText, search, terms } from '../../src/site/search.ts';
import { weightMatrix } from '../../src/site/indicators.ts';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const loaded = loadContent(join(ROOT, 'content', '2023'), { root: ROOT });
const model = loaded.model!;

describe('calendar', () => {
  it('folds long lines at 75 octets without splitting a Chinese character', () => {
    const line = `SUMMARY:${'调度'.repeat(40)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const l of folded) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
  });

  it.each([
    ['comma', 'a,b', 'a\\,b'],
    ['semicolon', 'a;b', 'a\\;b'],
    ['backslash', 'a\\b', 'a\\\\b'],
    ['newline', 'a\nb', 'a\\nb'],
  ])('escapes a %s in text values', (_, input, escaped) => {
    const ics = toIcs(
      [{ uid: 'x@kaohe', date: '2023-01-05', kind: 'dispatch', summary: input, description: '', remindDays: [] }],
      { name: 'n', description: 'd', stamp: '2023-01-01' },
    );
    expect(ics).toContain(`SUMMARY:${escaped}\r\n`);
  });

  it('writes an all-day event as its date alone: one whole day (no DTEND)', () => {
    const ics = toIcs(
      [{ uid: 'x@kaohe', date: '2023-12-31', kind: 'milestone', summary: 's', description: '', remindDays: [] }],
      { name: 'n', description: 'd', stamp: '2023-01-01' },
    );
    expect(ics).toContain('DTSTART;VALUE=DATE:20231231\r\nSUMMARY:s\r\n');
    expect(ics).not.toMatch(/\r\n(DTEND|DURATION)[;:]/);
  });

  it('puts December’s dispatch in January of the next year and every month’s dispatch on the dispatch day', () => {
    const { year, cycle } = model.scheme;
    const dispatch = calendarEvents(model).filter((e) => e.kind === 'dispatch');
    expect(dispatch).toHaveLength(12);
    expect(dispatch.at(-1)!.date).toBe(`${year + 1}-01-${String(cycle.dispatchDay).padStart(2, '0')}`);
    for (const e of dispatch) expect(Number(e.date.slice(8))).toBe(cycle.dispatchDay);
  });

  it('names the tier in every milestone, so no two events of the combined calendar share date and summary', () => {
    const events = calendarEvents(model);
    const keys = events.map((e) => `${e.date} ${e.summary}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of events.filter((x) => x.kind === 'milestone'))
      expect(
        model.tiers.some((t) => e.summary.includes(`（${t.name}）`)),
        e.summary,
      ).toBe(true);
  });

  it('reminds before each deadline by the 13710 discipline, at 09:00, and files every event under a Chinese category', () => {
    const { discipline: d } = model.scheme.cycle;
    const ms = calendarEvents(model).find((e) => e.kind === 'milestone')!;
    const ics = toIcs([ms], { name: 'n', description: 'd', stamp: '2023-01-01' }).replace(/\r\n /g, '');
    const triggers = [...ics.matchAll(/TRIGGER:(\S+)/g)].map((m) => m[1]);
    expect(triggers).toEqual(
      [d.major, d.ordinary, d.report, d.deploy]
        .sort((a, b) => b - a)
        .map((n) => (n === 1 ? '-PT15H' : `-P${n - 1}DT15H`)),
    );
    expect(ics).toContain('CATEGORIES:时间节点\r\n');
    expect(ics.match(/BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:[^\r]+\r\nTRIGGER:/g)).toHaveLength(
      triggers.length,
    );
  });

  it('stamps change exactly when the event changes: SEQUENCE and DTSTAMP from the ledger, bumped for an edited event only', () => {
    const events = calendarEvents(model, { unit: model.units[0]!.id });
    const stampOf = (ics: string, uid: string) => {
      const ev = ics
        .replace(/\r\n /g, '')
        .split('BEGIN:VEVENT')
        .find((e) => e.includes(`UID:${uid}\r\n`))!;
      return {
        // No SEQUENCE line is RFC 5545's 0.
        seq: /SEQUENCE:(\d+)/.exec(ev)?.[1] ?? '0',
        stamp: /DTSTAMP:(\w+)/.exec(ev)![1]!,
      };
    };
    const { ledger } = updateLedger(icsEvents(events), {}, '2023-03-01T08:00:00Z');
    const opts = { name: 'n', description: 'd', stamp: calendarStamp(model), ledger };
    const first = toIcs(events, opts);
    expect(toIcs(events, opts)).toBe(first); // an unchanged calendar is byte-identical across builds
    const { id, year } = model.scheme;
    const dispatch = `${id}-dispatch-${year}@kaohe`;
    const midYear = `${id}-midyear-${year}@kaohe`;
    expect(stampOf(first, dispatch)).toEqual({ seq: '0', stamp: '20230301T080000Z' });
    expect(first).not.toContain('SEQUENCE:'); // 0 is the default: no event of a fresh ledger writes it
    // One dispatch moves: the series leaves that date out (EXDATE) and so changes; the moved date is an event of its
    // own, under its own UID; every other event stays as it was.
    const march = `${id}-dispatch-${year}-03@kaohe`;
    const moved: CalendarEvent[] = events.map((e) => (e.uid === march ? { ...e, date: `${year}-04-07` } : e));
    const second = toIcs(moved, opts);
    expect(second.replace(/\r\n /g, '')).toContain(`EXDATE;VALUE=DATE:${year}0405\r\n`);
    expect(stampOf(second, dispatch).seq).toBe('1');
    expect(second.match(/SEQUENCE:1\r\n/g)).toHaveLength(1); // only the changed series says its sequence
    expect(stampOf(second, dispatch).stamp > stampOf(first, dispatch).stamp).toBe(true);
    expect(stampOf(second, march).seq).toBe('0');
    expect(stampOf(second, midYear)).toEqual(stampOf(first, midYear));
    // Recorded with `kaohe calendar-stamps`, the change keeps its sequence and gets the time it was recorded.
    const recorded = updateLedger(icsEvents(moved), ledger, '2023-03-10T02:00:00Z');
    expect(recorded.changed).toBe(2);
    expect(recorded.ledger[dispatch]).toMatchObject({ sequence: 1, modified: '2023-03-10T02:00:00Z' });
    expect(recorded.ledger[midYear]).toEqual(ledger[midYear]);
  });

  it.each([
    ['monthly', ['2023-02-05', '2023-03-05', '2023-04-05'], 'FREQ=MONTHLY;COUNT=3', [], []],
    ['quarterly, across a year end', ['2023-10-15', '2024-01-15'], 'FREQ=MONTHLY;INTERVAL=3;COUNT=2', [], []],
    [
      'quarter ends',
      ['2023-03-31', '2023-06-30', '2023-09-30'],
      'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1;COUNT=3',
      [],
      [],
    ],
    [
      'month ends',
      ['2023-02-28', '2023-06-30', '2023-12-31'],
      'FREQ=MONTHLY;BYMONTH=2,6,12;BYMONTHDAY=-1;COUNT=3',
      [],
      [],
    ],
    ['a month left out', ['2023-02-05', '2023-03-05', '2023-05-05'], 'FREQ=MONTHLY;COUNT=4', ['2023-04-05'], []],
    [
      'a date off the day',
      ['2023-02-05', '2023-03-06', '2023-04-05', '2023-05-05'],
      'FREQ=MONTHLY;COUNT=4',
      ['2023-03-05'],
      ['2023-03-06'],
    ],
  ])('writes %s as one rule that gives exactly those dates', (_, dates, rrule, exdates, rest) => {
    const rule = seriesRule(dates)!;
    expect(rule).toEqual({ rrule, exdates, rest });
    const kept = dates.filter((d) => !rest.includes(d));
    expect(expandRule(kept[0]!, rule.rrule, rule.exdates)).toEqual(kept);
  });

  it('writes no rule where none fits: one date, or scattered days', () => {
    expect(seriesRule(['2023-02-05'])).toBeUndefined();
    expect(seriesRule(['2023-02-05', '2023-03-06', '2023-04-07'])).toBeUndefined();
  });

  it('every feed gives exactly the dates of its events, each under its category, in a few VEVENTs without prose', () => {
    const plan = reportingPlan(model);
    const scopes = [
      {},
      ...model.tiers.map((t) => ({ tier: t.id })),
      ...model.units.map((u) => ({ unit: u.id })),
      ...plan.reporters.map((r) => ({ reporter: r.id })),
    ];
    for (const scope of scopes) {
      const events = calendarEvents(model, scope);
      const written = icsEvents(events);
      const seen = written
        .flatMap((e) => (e.rrule ? expandRule(e.date, e.rrule, e.exdates) : [e.date]).map((d) => `${d} ${e.kind}`))
        .sort();
      expect(seen, JSON.stringify(scope)).toEqual(events.map((e) => `${e.date} ${e.kind}`).sort());
      // The monthly and quarterly dates are one VEVENT each: a unit's year is a handful of them.
      for (const kind of ['dispatch', 'review', 'report-due'] as const)
        expect(written.filter((e) => e.kind === kind).length, `${JSON.stringify(scope)} ${kind}`).toBeLessThanOrEqual(
          1,
        );
      for (const e of written) expect(e.description, e.uid).toBe('');
    }
  });

  it('keeps a unit’s and its reporter calendar together within 4 KB on average on a real host (the province budget)', () => {
    const host = 'https://kaohe.example.gov.cn/kaohe/';
    const href = (e: CalendarEvent) => (e.item ? `${host}indicators/${e.tier}/#item-${e.item}` : undefined);
    const opts = (name: string) => ({
      name: `${model.scheme.shortName}·${name}`,
      description: `${name}调度日程和考核事项时间节点。各类日程的说明：${host}calendar/`,
      stamp: '2023-01-01',
      href,
    });
    const bytes = model.units.map(
      (u) =>
        Buffer.byteLength(toIcs(calendarEvents(model, { unit: u.id }), opts(u.name))) +
        Buffer.byteLength(toIcs(calendarEvents(model, { reporter: u.id }), opts(u.name))),
    );
    expect(bytes.reduce((a, b) => a + b) / bytes.length).toBeLessThanOrEqual(4096);
  });

  it('gives a unit only the milestones of its own items', () => {
    const unit = model.units.find((u) => model.unitItems.get(u.id)!.some((x) => x.item.schedule.some((m) => m.label)));
    expect(unit, 'the sample has a unit with labelled milestones').toBeDefined();
    const own = new Set(model.unitItems.get(unit!.id)!.map((x) => x.item.code));
    const ms = calendarEvents(model, { unit: unit!.id }).filter((e) => e.kind === 'milestone');
    expect(ms.length).toBeGreaterThan(0);
    for (const e of ms) expect(own.has(e.item!)).toBe(true);
  });
});

describe('search', () => {
  const docs = [
    { t: '城市建设', u: '/1', k: '', x: '城区城市建设' },
    { t: '生态文明', u: '/2', k: '', x: '城市更新和生态建设' },
    { t: 'ＡＢＣ 全角', u: '/3', k: '', x: '' },
  ];
  it.each([
    ['an exact title hit ranks first', '城市建设', ['/1', '/2']],
    ['every term must match', '城市 文明', ['/2']],
    ['full-width letters match half-width', 'abc', ['/3']],
    ['a single unknown character finds nothing', '龙', []],
  ])('%s', (_, q, urls) => {
    expect(search(docs, q).map((h) => h.doc.u)).toEqual(urls);
  });

  it('splits queries on Chinese punctuation and strips Markdown', () => {
    expect(terms('城市，建设、 气化')).toEqual(['城市', '建设', '气化']);
    expect(markdownText('## 标题\n\n- **加粗** [链接](/x) | 表 |')).toBe('标题 加粗 链接 表');
  });
});

describe('monitoring', () => {
  const scorer = createScorer(model, indexData(loaded.data));
  const month = scorer.months.at(-1)!;

  it('colours a board cell by the worst status among its items and counts those behind', () => {
    const tier = model.tiers[0]!;
    const unit = scorer.scoreTier(tier.id, month).units[0]!;
    const fake: UnitResult = {
      ...unit,
      items: [
        { ...unit.items[0]!, level1: 'L', pace: 'ahead' },
        { ...unit.items[0]!, level1: 'L', pace: 'lagging' },
        { ...unit.items[0]!, level1: 'L', pace: 'none' },
      ],
    };
    const t: Tier = {
      ...tier,
      indicators: [
        { code: 'L', name: 'l' },
        { code: 'M', name: 'm' },
      ],
    };
    const [cell, empty] = boardRow(fake, t);
    expect(cell).toMatchObject({ status: 'lagging', items: 3, behind: 1 });
    expect(empty).toBeUndefined();
  });

  it('lists movers by places gained and lost, largest first', () => {
    const tier = [...model.tiers].sort(
      (a, b) => model.unitsByTier.get(b.id)!.length - model.unitsByTier.get(a.id)!.length,
    )[0]!;
    const r = scorer.scoreTier(tier.id, month);
    const { up, down } = movers(r, 50);
    expect(up.length).toBeGreaterThan(0);
    expect(down.length).toBeGreaterThan(0);
    expect(up.every((m) => m.delta > 0)).toBe(true);
    expect(down.every((m) => m.delta < 0)).toBe(true);
    expect(up.map((m) => m.delta)).toEqual([...up.map((m) => m.delta)].sort((a, b) => b - a));
    expect(down.map((m) => m.delta)).toEqual([...down.map((m) => m.delta)].sort((a, b) => a - b));
    for (const m of [...up, ...down]) expect(m.delta).toBe(m.unit.previousRank! - m.unit.rank);
  });
});

describe('weight matrix', () => {
  it('sums every unit’s level-1 weights to the base total', () => {
    for (const tier of model.tiers)
      for (const row of weightMatrix(model, tier).rows) expect(row.total).toBeCloseTo(model.scheme.baseTotal, 6);
  });
});
