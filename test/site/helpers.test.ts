/** The site's pure helpers (calendar, search, monitoring summaries), checked without a build or a browser. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScorer, indexData } from '../../src/engine/index.ts';
import type { Tier, UnitResult } from '../../src/engine/index.ts';
import { loadContent } from '../../src/content-io/load-content.ts';
import { calendarEvents, calendarStamp, foldLine, toIcs, updateLedger } from '../../src/site/calendar.ts';
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

  it('ends an all-day event the next day, across a year end', () => {
    const ics = toIcs(
      [{ uid: 'x@kaohe', date: '2023-12-31', kind: 'milestone', summary: 's', description: '', remindDays: [] }],
      { name: 'n', description: 'd', stamp: '2023-01-01' },
    );
    expect(ics).toContain('DTSTART;VALUE=DATE:20231231\r\nDTEND;VALUE=DATE:20240101\r\n');
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

  it('stamps change exactly when the event changes: SEQUENCE and LAST-MODIFIED from the ledger, bumped for an edited event only', () => {
    const events = calendarEvents(model).slice(0, 3);
    const stampOf = (ics: string, uid: string) => {
      const ev = ics
        .replace(/\r\n /g, '')
        .split('BEGIN:VEVENT')
        .find((e) => e.includes(`UID:${uid}`))!;
      return {
        seq: /SEQUENCE:(\d+)/.exec(ev)![1]!,
        mod: /LAST-MODIFIED:(\w+)/.exec(ev)![1]!,
        stamp: /DTSTAMP:(\w+)/.exec(ev)![1]!,
      };
    };
    const { ledger } = updateLedger(events, {}, '2023-03-01T08:00:00Z');
    const opts = { name: 'n', description: 'd', stamp: calendarStamp(model), ledger };
    const first = toIcs(events, opts);
    expect(toIcs(events, opts)).toBe(first); // an unchanged calendar is byte-identical across builds
    expect(stampOf(first, events[0]!.uid)).toEqual({ seq: '0', mod: '20230301T080000Z', stamp: '20230301T080000Z' });
    // A deadline moves: that event's sequence goes up and its time moves on; the others stay as they were.
    const moved: CalendarEvent[] = events.map((e, i) => (i === 1 ? { ...e, date: '2023-03-09' } : e));
    const second = toIcs(moved, opts);
    expect(stampOf(second, events[1]!.uid).seq).toBe('1');
    expect(stampOf(second, events[1]!.uid).mod > stampOf(first, events[1]!.uid).mod).toBe(true);
    for (const i of [0, 2]) expect(stampOf(second, events[i]!.uid)).toEqual(stampOf(first, events[i]!.uid));
    // Recorded with `kaohe calendar-stamps`, the change keeps its sequence and gets the time it was recorded.
    const recorded = updateLedger(moved, ledger, '2023-03-10T02:00:00Z');
    expect(recorded.changed).toBe(1);
    expect(recorded.ledger[events[1]!.uid]).toMatchObject({ sequence: 1, modified: '2023-03-10T02:00:00Z' });
    expect(recorded.ledger[events[0]!.uid]).toEqual(ledger[events[0]!.uid]);
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
