/**
 * Compact forms of the engine's DataColumns: for IndexedDB (structured clone of a few typed arrays
 * and strings, no per-row objects) and for the published data JSON the build writes.
 */
import type { DataColumns } from './data.ts';

/** A sparse string column (letter grades, notes): row numbers plus one joined string with end offsets. */
export interface PackedStrings {
  rows: Int32Array;
  joined: string;
  ends: Uint32Array;
}

/** DataColumns with the two Maps packed; everything else is already typed arrays and small dictionaries. */
export type PackedColumns = Omit<DataColumns, 'text' | 'note'> & { text: PackedStrings; note: PackedStrings };

function packStrings(m: Map<number, string>): PackedStrings {
  const rows = new Int32Array(m.size);
  const ends = new Uint32Array(m.size);
  const parts: string[] = new Array(m.size);
  let i = 0;
  let end = 0;
  // Insertion order (the importer's row order) is kept as is: rows need not be sorted to unpack.
  for (const [r, s] of m) {
    rows[i] = r;
    parts[i] = s;
    end += s.length;
    ends[i] = end;
    i++;
  }
  return { rows, joined: parts.join(''), ends };
}

function unpackStrings(p: PackedStrings): Map<number, string> {
  const m = new Map<number, string>();
  let start = 0;
  for (let i = 0; i < p.rows.length; i++) {
    const end = p.ends[i]!;
    m.set(p.rows[i]!, p.joined.slice(start, end));
    start = end;
  }
  return m;
}

export function packColumns(d: DataColumns): PackedColumns {
  return {
    periods: d.periods,
    units: d.units,
    items: d.items,
    period: d.period,
    unit: d.unit,
    item: d.item,
    actual: d.actual,
    target: d.target,
    text: packStrings(d.text),
    note: packStrings(d.note),
    length: d.length,
  };
}

export function unpackColumns(p: PackedColumns): DataColumns {
  return {
    periods: p.periods,
    units: p.units,
    items: p.items,
    period: p.period,
    unit: p.unit,
    item: p.item,
    actual: p.actual,
    target: p.target,
    text: unpackStrings(p.text),
    note: unpackStrings(p.note),
    length: p.length,
  };
}

/** Bytes a packed set takes (typed arrays, strings at 2 bytes a character, dictionaries). */
export function packedBytes(p: PackedColumns): number {
  const dict = [...p.periods, ...p.units, ...p.items].reduce((s, x) => s + x.length * 2, 0);
  const str = (s: PackedStrings) => s.rows.byteLength + s.ends.byteLength + s.joined.length * 2;
  return (
    p.period.byteLength +
    p.unit.byteLength +
    p.item.byteLength +
    p.actual.byteLength +
    p.target.byteLength +
    str(p.text) +
    str(p.note) +
    dict
  );
}

/** Typed arrays a packed set owns (to transfer between threads). */
export function transferables(p: PackedColumns): ArrayBuffer[] {
  return [p.period, p.unit, p.item, p.actual, p.target, p.text.rows, p.text.ends, p.note.rows, p.note.ends].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/**
 * The published data of one month as JSON (what the build writes under self-check/published/):
 * dictionaries and plain number arrays; null where the value is empty; sparse strings as [row, text].
 */
export interface PublishedMonthJson {
  month: string;
  units: string[];
  items: string[];
  unit: number[];
  item: number[];
  actual: (number | null)[];
  target: (number | null)[];
  text: [number, string][];
  note: [number, string][];
}

export interface PublishedIndexJson {
  sample: boolean;
  note: string;
  months: { month: string; rows: number; url: string }[];
}

/** One month of the published columns as JSON (build side). */
export function monthToJson(d: DataColumns, month: string): PublishedMonthJson {
  const pi = d.periods.indexOf(month);
  const units = new Map<string, number>();
  const items = new Map<string, number>();
  const out: PublishedMonthJson = {
    month,
    units: [],
    items: [],
    unit: [],
    item: [],
    actual: [],
    target: [],
    text: [],
    note: [],
  };
  const id = (m: Map<string, number>, list: string[], k: string) => {
    let i = m.get(k);
    if (i === undefined) {
      i = list.length;
      m.set(k, i);
      list.push(k);
    }
    return i;
  };
  for (let r = 0; r < d.length; r++) {
    if (d.period[r] !== pi) continue;
    const row = out.unit.length;
    out.unit.push(id(units, out.units, d.units[d.unit[r]!]!));
    out.item.push(id(items, out.items, d.items[d.item[r]!]!));
    const a = d.actual[r]!;
    const t = d.target[r]!;
    out.actual.push(Number.isNaN(a) ? null : a);
    out.target.push(Number.isNaN(t) ? null : t);
    const text = d.text.get(r);
    if (text !== undefined) out.text.push([row, text]);
    const note = d.note.get(r);
    if (note !== undefined) out.note.push([row, note]);
  }
  return out;
}

/** Columns from several published months' JSON (browser side). */
export function columnsFromMonths(months: readonly PublishedMonthJson[]): DataColumns {
  const total = months.reduce((s, m) => s + m.unit.length, 0);
  const periods: string[] = [];
  const units: string[] = [];
  const items: string[] = [];
  const unitIx = new Map<string, number>();
  const itemIx = new Map<string, number>();
  const period = new Int32Array(total);
  const unit = new Int32Array(total);
  const item = new Int32Array(total);
  const actual = new Float64Array(total);
  const target = new Float64Array(total);
  const text = new Map<number, string>();
  const note = new Map<number, string>();
  const remap = (list: readonly string[], ix: Map<string, number>, dict: string[]) =>
    Int32Array.from(list, (k) => {
      let i = ix.get(k);
      if (i === undefined) {
        i = dict.length;
        ix.set(k, i);
        dict.push(k);
      }
      return i;
    });
  let at = 0;
  for (const m of months) {
    const pi = periods.length;
    periods.push(m.month);
    const um = remap(m.units, unitIx, units);
    const im = remap(m.items, itemIx, items);
    for (let r = 0; r < m.unit.length; r++) {
      period[at + r] = pi;
      unit[at + r] = um[m.unit[r]!]!;
      item[at + r] = im[m.item[r]!]!;
      actual[at + r] = m.actual[r] ?? NaN;
      target[at + r] = m.target[r] ?? NaN;
    }
    for (const [r, s] of m.text) text.set(at + r, s);
    for (const [r, s] of m.note) note.set(at + r, s);
    at += m.unit.length;
  }
  return { periods, units, items, period, unit, item, actual, target, text, note, length: total };
}
