import type { UnitItem } from '../model.ts';
import { paceCode } from '../pace.ts';
import { monthOf } from '../period.ts';
import type { ItemInput } from '../standards.ts';
import { emptyEvaluation, evaluate, finishPeers, needsTarget } from '../standards.ts';
import type { ScoringContext } from './context.ts';
import type { Layout } from './layout.ts';

/** Per tier and month, every unit's items evaluated, in flat typed arrays (slot = unit offset + item). */
export interface MonthEval {
  monthNo: number;
  units: string[];
  lists: UnitItem[][];
  /** Slot range of unit k: offsets[k] … offsets[k + 1]. */
  offsets: Int32Array;
  rows: Int32Array;
  has: Uint8Array;
  fraction: Float64Array;
  measure: Float64Array;
  progress: Float64Array;
  expected: Float64Array;
  periodTarget: Float64Array;
  place: Float64Array;
  peers: Float64Array;
  leader: Float64Array;
  /** Pace status code per slot (index into PACE_CODES). */
  pace: Uint8Array;
}

/** Month evaluation: every unit's items of a tier in a data month, peer standards finished over the tier. */
export function evaluateMonth(ctx: ScoringContext, layout: Layout, month: string): MonthEval {
  const { index, d, scheme, model } = ctx;
  const monthNo = monthOf(month);
  const table = index.byMonth.get(month);
  const { units, lists, offsets, n, cells } = layout;
  // Every slot's row is written below; the value arrays are read only where `has` is set.
  const f64 = () => new Float64Array(n);
  const ev: MonthEval = {
    monthNo,
    units,
    lists,
    offsets,
    rows: new Int32Array(n),
    has: new Uint8Array(n),
    fraction: f64(),
    measure: f64(),
    progress: f64(),
    expected: f64(),
    periodTarget: f64(),
    place: f64(),
    peers: f64(),
    leader: f64(),
    pace: new Uint8Array(n),
  };
  // One input and one evaluation object serve every cell: results go straight into the typed arrays.
  const input: ItemInput = { actual: NaN, text: undefined, target: NaN, month: monthNo, weight: 0 };
  const e = emptyEvaluation();
  // Peer standards (rank, percentile bands) need every peer's measure first: gather slots, then finish.
  const peers = new Map<string, number[]>();
  for (let k = 0; k < units.length; k++) {
    const list = lists[k]!;
    for (let j = 0; j < list.length; j++) {
      const slot = offsets[k]! + j;
      const cell = cells[slot]!;
      const row = table && cell >= 0 ? table[cell]! : -1;
      ev.rows[slot] = row;
      if (row < 0) continue;
      const actual = d.actual[row]!;
      const text = Number.isNaN(actual) ? d.text.get(row) : undefined;
      if (text === undefined && Number.isNaN(actual)) continue;
      const x = list[j]!;
      // A completion-measured item without a target has no score of its own: the missing-data rule applies.
      if (Number.isNaN(d.target[row]!) && needsTarget(x.item)) continue;
      input.actual = actual;
      input.text = text;
      input.target = d.target[row]!;
      input.weight = x.weight;
      evaluate(x.item, input, e);
      if (!e.needsPeers && !Number.isFinite(e.fraction)) continue; // never a NaN score: the missing-data rule applies
      ev.has[slot] = 1;
      ev.fraction[slot] = e.fraction;
      ev.measure[slot] = e.measure;
      ev.progress[slot] = e.progress;
      ev.expected[slot] = e.expected;
      ev.periodTarget[slot] = e.periodTarget;
      if (!e.needsPeers) {
        ev.pace[slot] = paceCode(e.progress, scheme.pace);
        continue;
      }
      const g = peers.get(x.item.code);
      if (g) g.push(slot);
      else peers.set(x.item.code, [slot]);
    }
  }
  for (const [code, slots] of peers) {
    finishPeers(
      model.itemByCode.get(code)!.item,
      slots.map((sl) => ev.measure[sl]!),
      {
        set(i, fraction, place, count, leader) {
          const sl = slots[i]!;
          ev.fraction[sl] = fraction;
          if (Number.isNaN(ev.progress[sl]!)) ev.progress[sl] = fraction;
          ev.place[sl] = place;
          ev.peers[sl] = count;
          ev.leader[sl] = leader;
        },
      },
    );
    for (const sl of slots) ev.pace[sl] = paceCode(ev.progress[sl]!, scheme.pace);
  }
  return ev;
}
