/**
 * Synthetic sample data (示例数据): plausible, reproducible, never official. Each unit has a lasting
 * "capacity" so leaders and laggards persist across months and years (the two-year rule shows),
 * and a few items fall behind for months (flags show).
 */
import { monthOf, yearOf } from '../engine/period.ts';
import type { DataRow, Model } from '../engine/index.ts';
import { expectedProgress, milestonesDue, seededRandom } from '../engine/index.ts';
import type { Item } from '../engine/index.ts';

export interface SynthOptions {
  seed: number;
  /** Months to produce, as YYYY-MM. */
  months: string[];
  /** Performance factor of the year (default: 1.02 in the scheme's year, 0.99 in others): an earlier year reads a little weaker. */
  yearShift?: number;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Measures counted in whole things (户, 个, 家, 起…): their values are integers. */
const COUNT_MEASURES = /^(户|个|家|起|次|处|条|批次|座|所|项|人|个（节点）)$/;

/** Decimals a value of this item is reported with: counts are integers, 亿元 two decimals, rates one. */
export function sampleDecimals(item: Item): number {
  const m = item.measure ?? '';
  if (COUNT_MEASURES.test(m) || ['done', 'milestones', 'deduction'].includes(item.standard.kind)) return 0;
  if (m === '%' || m.includes('分') || m.includes('微克')) return 1;
  if (m.startsWith('万') && !m.includes('元')) return 2;
  if (m.includes('万元') || m.includes('万美元') || m === '平方米' || m === '公顷' || m === '公里') return 0;
  return 2;
}

/** The item's believable range (content `plausible`), percentages kept within 0–100. */
export function plausibleRange(item: Item): { min: number; max: number } {
  const p = item.plausible ?? {};
  const pct = item.measure === '%';
  const min = p.min ?? (pct ? 0 : 0);
  const max = p.max ?? (pct ? 100 : Number.POSITIVE_INFINITY);
  return { min: pct ? Math.max(0, min) : min, max: pct ? Math.min(100, max) : max };
}

/** Keep a value inside the item's plausible range, at the item's reporting precision. */
export function clampToPlausible(item: Item, x: number): number {
  const { min, max } = plausibleRange(item);
  const d = sampleDecimals(item);
  const lo = Math.ceil(min * 10 ** d) / 10 ** d;
  const hi = Math.floor(max * 10 ** d) / 10 ** d;
  return Math.min(hi, Math.max(lo, round(x, d)));
}

/**
 * A unit's annual target for an item, from the plausible range: a year's total for cumulative items (30–65 % of
 * the range's top, a county's 亿元 rather than a province's), a level in the lower middle of the range otherwise
 * (growth of a few percent, a rate of 60–80 %).
 */
function baseTarget(item: Item, rand: () => number): number {
  const { min, max } = plausibleRange(item);
  if (Number.isFinite(max)) {
    const x = item.cumulative && min <= 0 ? max * (0.3 + 0.35 * rand()) : min + (max - min) * (0.45 + 0.2 * rand());
    return clampToPlausible(item, x);
  }
  return round(10 + rand() * 90, 0);
}

/** A unit's lasting strength: most near 1 (on target), about one in six clearly ahead or behind. */
function unitCapacity(rand: () => number): number {
  const u = rand();
  if (u < 0.08) return 0.86 + rand() * 0.05;
  if (u > 0.92) return 1.08 + rand() * 0.05;
  return 0.97 + rand() * 0.07;
}

/** Incidents (事故, 问题) are rare: most units have none in a year, a few one, very few two; counted year to date. */
function incidentsSoFar(
  seed: number,
  unit: string,
  item: string,
  year: number,
  month: number,
  capacity: number,
): number {
  const er = seededRandom(seed ^ hash(`${unit}|${item}|${year}|incidents`));
  const p = capacity < 0.93 ? 0.25 : 0.08;
  const months = [er() < p ? 1 + Math.floor(er() * 12) : 0, er() < p / 5 ? 1 + Math.floor(er() * 12) : 0];
  return months.filter((x) => x > 0 && x <= month).length;
}

export function synthesizeRows(model: Model, options: SynthOptions): DataRow[] {
  const rows: DataRow[] = [];
  for (const unit of model.units) {
    const list = model.unitItems.get(unit.id) ?? [];
    const ur = seededRandom(options.seed ^ hash(unit.id));
    const capacity = unitCapacity(ur); // lasting strength of the unit
    const targets = new Map<string, number>();
    const reported = new Map<string, number>(); // last cumulative value per item and year: year-to-date never falls
    const quirks = new Map<string, number>();
    for (const x of list) {
      targets.set(x.item.code, baseTarget(x.item, ur));
      // About one item in twenty starts slow and stays behind for a while.
      quirks.set(x.item.code, ur() < 0.05 ? 0.6 + ur() * 0.2 : 1);
    }
    for (const month of options.months) {
      const year = yearOf(month);
      const m = monthOf(month);
      const r = seededRandom(options.seed ^ hash(`${unit.id}|${month}`));
      const yearShift = options.yearShift ?? (year === model.scheme.year ? 1.02 : 0.99);
      for (const x of list) {
        const item = x.item;
        const target = targets.get(item.code)!;
        const quirk = quirks.get(item.code)!;
        const recovering = quirk < 1 ? Math.min(1, quirk + Math.max(0, m - 6) * 0.06) : 1;
        const perf = capacity * yearShift * recovering * (0.98 + r() * 0.05);
        let actual: number | string | null;
        let t: number | null = target;
        switch (item.standard.kind) {
          case 'grade': {
            const p = perf + r() * 0.1;
            actual = p > 0.98 ? 'A' : p > 0.9 ? 'B' : p > 0.82 ? 'C' : 'D';
            t = null;
            break;
          }
          case 'milestones': {
            const due = milestonesDue(item.schedule, m);
            actual = Math.max(0, due - (perf < 0.9 && due > 0 ? 1 : 0));
            t = item.schedule.length;
            break;
          }
          case 'deduction':
            actual = incidentsSoFar(options.seed, unit.id, item.code, year, m, capacity);
            t = null;
            break;
          case 'done':
            actual = expectedProgress(item.schedule, m) >= 1 || r() < 0.4 ? (perf > 0.86 ? 1 : 0) : 0;
            t = null;
            break;
          case 'external':
            actual = round(Math.min(100, 55 + perf * 38 + r() * 4), 1);
            t = 90;
            break;
          case 'goalposts': {
            const st = item.standard;
            const q = Math.min(1, Math.max(0.1, 0.6 + (perf - 0.95) * 3));
            actual = round(
              item.direction === 'lower' ? st.upper - (st.upper - st.lower) * q : st.lower + (st.upper - st.lower) * q,
              2,
            );
            t = round(
              item.direction === 'lower'
                ? st.upper - (st.upper - st.lower) * 0.6
                : st.lower + (st.upper - st.lower) * 0.6,
              2,
            );
            break;
          }
          case 'bands':
          case 'threshold-deduction': {
            const st = item.standard;
            if (st.on === 'value' && st.kind === 'bands') {
              const k = perf > 0.98 ? 0 : perf > 0.93 ? 1 : 2;
              const b = st.bands[Math.min(k, st.bands.length - 1)]!;
              actual =
                b.min !== undefined && b.max !== undefined ? round((b.min + b.max) / 2, 0) : (b.min ?? b.max ?? 0);
              t = null;
              break;
            }
            if (st.on === 'value' && st.kind === 'threshold-deduction') {
              const f = 0.97 + (perf - 0.95) * 0.5;
              actual = round(item.direction === 'lower' ? st.threshold / f : st.threshold * f, 2);
              t = st.threshold;
              break;
            }
            actual = item.cumulative
              ? round(target * expectedProgress(item.schedule, m) * perf, 2)
              : round(target * perf, 2);
            break;
          }
          default: {
            if (item.direction === 'lower') actual = round(target / Math.max(0.5, perf), 2);
            else if (item.cumulative) actual = round(target * expectedProgress(item.schedule, m) * perf, 2);
            else actual = round(target * perf, 2);
          }
        }
        if (typeof actual === 'number') {
          actual = clampToPlausible(item, actual);
          if (item.cumulative) {
            const key = `${item.code}|${year}`;
            actual = Math.max(actual, reported.get(key) ?? Number.NEGATIVE_INFINITY);
            reported.set(key, actual);
          }
        }
        if (t !== null) t = clampToPlausible(item, t);
        // Now and then a unit reports nothing for an item (the missing-data rule shows); never at year-end.
        if (m !== 12 && r() < 0.004) continue;
        rows.push({ period: month, unit: unit.id, item: item.code, actual, target: t });
      }
      // A few bonus and deduction events, cumulative over the year; one veto in the sample.
      for (const a of model.scheme.adjustments) {
        if (a.tiers && !a.tiers.includes(unit.tier)) continue;
        const er = seededRandom(options.seed ^ hash(`${unit.id}|${a.code}|${year}`));
        const when = 1 + Math.floor(er() * 12);
        const happens =
          a.kind === 'veto' ? er() < 0.03 : er() < (a.kind === 'bonus' ? 0.25 * capacity : 0.2 / capacity);
        if (!happens || m < when) continue;
        const pts = a.kind === 'veto' ? 1 : round(Math.min(a.cap ?? 2, 0.5 + er() * 1.5), 1);
        rows.push({ period: month, unit: unit.id, item: a.code, actual: pts, target: null, note: '示例事件' });
      }
    }
  }
  return rows;
}
