/**
 * Synthetic sample data (示例数据): plausible, reproducible, never official. Each unit has a lasting
 * "capacity" so leaders and laggards persist across months and years (the two-year rule shows),
 * and a few items fall behind for months (flags show).
 */
import type { DataRow, Model } from '../engine/index.ts';
import { expectedProgress, milestonesDue, seededRandom } from '../engine/index.ts';
import type { Item } from '../engine/index.ts';

export interface SynthOptions {
  seed: number;
  /** Months to produce, as YYYY-MM. */
  months: string[];
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
  return h >>> 0;
}

function baseTarget(item: Item, rand: () => number): number {
  const m = item.measure ?? '';
  if (m === '%') return round(60 + rand() * 35, 1);
  if (m.includes('亿')) return round(5 + rand() * 60, 2);
  if (m.includes('万')) return round(500 + rand() * 5000, 0);
  if (m.includes('微克')) return round(30 + rand() * 15, 0);
  return round(10 + rand() * 90, 0);
}

export function synthesizeRows(model: Model, options: SynthOptions): DataRow[] {
  const rows: DataRow[] = [];
  for (const unit of model.units) {
    const list = model.unitItems.get(unit.id) ?? [];
    const ur = seededRandom(options.seed ^ hash(unit.id));
    const capacity = 0.9 + ur() * 0.22; // lasting strength of the unit
    const targets = new Map<string, number>();
    const quirks = new Map<string, number>();
    for (const x of list) {
      targets.set(x.item.code, baseTarget(x.item, ur));
      // About one item in twenty starts slow and stays behind for a while.
      quirks.set(x.item.code, ur() < 0.05 ? 0.6 + ur() * 0.2 : 1);
    }
    for (const month of options.months) {
      const year = Number(month.slice(0, 4));
      const m = Number(month.slice(5, 7));
      const r = seededRandom(options.seed ^ hash(`${unit.id}|${month}`));
      const yearShift = year === model.scheme.year ? 1.02 : 0.99;
      for (const x of list) {
        const item = x.item;
        const target = targets.get(item.code)!;
        const quirk = quirks.get(item.code)!;
        const recovering = quirk < 1 ? Math.min(1, quirk + Math.max(0, m - 6) * 0.06) : 1;
        const perf = capacity * yearShift * recovering * (0.97 + r() * 0.1);
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
            actual = perf > 1 ? 0 : perf > 0.9 ? (r() < 0.3 ? 1 : 0) : Math.floor(r() * 3);
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
            actual = round(item.direction === 'lower' ? st.upper - (st.upper - st.lower) * q : st.lower + (st.upper - st.lower) * q, 2);
            t = round(item.direction === 'lower' ? st.upper - (st.upper - st.lower) * 0.6 : st.lower + (st.upper - st.lower) * 0.6, 2);
            break;
          }
          case 'bands':
          case 'threshold-deduction': {
            const st = item.standard;
            if (st.on === 'value' && st.kind === 'bands') {
              const k = perf > 0.98 ? 0 : perf > 0.93 ? 1 : 2;
              const b = st.bands[Math.min(k, st.bands.length - 1)]!;
              actual = b.min !== undefined && b.max !== undefined ? round((b.min + b.max) / 2, 0) : (b.min ?? b.max ?? 0);
              t = null;
              break;
            }
            if (st.on === 'value' && st.kind === 'threshold-deduction') {
              const f = 0.97 + (perf - 0.95) * 0.5;
              actual = round(item.direction === 'lower' ? st.threshold / f : st.threshold * f, 2);
              t = st.threshold;
              break;
            }
            actual = item.cumulative ? round(target * expectedProgress(item.schedule, m) * perf, 2) : round(target * perf, 2);
            break;
          }
          default: {
            if (item.direction === 'lower') actual = round(target / Math.max(0.5, perf), 2);
            else if (item.cumulative) actual = round(target * expectedProgress(item.schedule, m) * perf, 2);
            else actual = round(target * perf, 2);
          }
        }
        // Now and then a unit reports nothing for an item (the missing-data rule shows); never at year-end.
        if (m !== 12 && r() < 0.004) continue;
        rows.push({ period: month, unit: unit.id, item: item.code, actual, target: t });
      }
      // A few bonus and deduction events, cumulative over the year; one veto in the sample.
      for (const a of model.scheme.adjustments) {
        if (a.tiers && !a.tiers.includes(unit.tier)) continue;
        const er = seededRandom(options.seed ^ hash(`${unit.id}|${a.code}|${year}`));
        const when = 1 + Math.floor(er() * 12);
        const happens = a.kind === 'veto' ? er() < 0.03 : er() < (a.kind === 'bonus' ? 0.25 * capacity : 0.2 / capacity);
        if (!happens || m < when) continue;
        const pts = a.kind === 'veto' ? 1 : round(Math.min(a.cap ?? 2, 0.5 + er() * 1.5), 1);
        rows.push({ period: month, unit: unit.id, item: a.code, actual: pts, target: null, note: '示例事件' });
      }
    }
  }
  return rows;
}
