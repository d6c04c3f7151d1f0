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
 * The published data of one month as JSON (what the build writes under self-check/published/), format
 * `kaohe-published/2`, each thing said once:
 * - `units` has one entry per run of consecutive rows of one unit (the build writes a unit's rows together,
 *   so one entry per unit), and `runs[k]` names the entry of `lists` giving that run's items in row order:
 *   units of a tier share their list, so the item codes are said once per distinct list, not once per row;
 * - `actual` and `target`, one entry per row in that order, null where the value is empty;
 * - `text` and `note` (sparse): flat pairs [row gap, index into `strings`], rows ascending, each row given as
 *   its distance from the previous pair's row (the first from row 0); `strings` says each distinct text once.
 * The older form (no `format`: per-row unit and item indices, [row, text] pairs) is still read.
 */
export const PUBLISHED_FORMAT = 'kaohe-published/2';

export interface PublishedMonthJson {
  format: typeof PUBLISHED_FORMAT;
  month: string;
  units: string[];
  items: string[];
  lists: number[][];
  runs: number[];
  actual: (number | null)[];
  target: (number | null)[];
  strings: string[];
  text: number[];
  note: number[];
}

/** The first form (kaohe before `kaohe-published/2`): still decoded, so a page reading an earlier file works. */
export interface PublishedMonthJsonV1 {
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

/** The index of `k` in `dict` (kept by `ix`), appending it the first time it is seen. */
function intern(ix: Map<string, number>, dict: string[], k: string): number {
  let i = ix.get(k);
  if (i === undefined) {
    i = dict.length;
    ix.set(k, i);
    dict.push(k);
  }
  return i;
}

/** One month of the published columns as JSON (build side). */
export function monthToJson(d: DataColumns, month: string): PublishedMonthJson {
  const pi = d.periods.indexOf(month);
  const out: PublishedMonthJson = {
    format: PUBLISHED_FORMAT,
    month,
    units: [],
    items: [],
    lists: [],
    runs: [],
    actual: [],
    target: [],
    strings: [],
    text: [],
    note: [],
  };
  const itemIx = new Map<string, number>();
  const listIx = new Map<string, number>();
  const stringIx = new Map<string, number>();
  let runUnit = -1;
  let run: number[] = [];
  const endRun = () => {
    if (runUnit < 0) return;
    const key = run.join(',');
    let li = listIx.get(key);
    if (li === undefined) {
      li = out.lists.length;
      listIx.set(key, li);
      out.lists.push(run);
    }
    out.runs.push(li);
  };
  const last = { text: 0, note: 0 };
  const sparse = (which: 'text' | 'note', row: number, value: string | undefined) => {
    if (value === undefined) return;
    out[which].push(row - last[which], intern(stringIx, out.strings, value));
    last[which] = row;
  };
  for (let r = 0; r < d.length; r++) {
    if (d.period[r] !== pi) continue;
    const row = out.actual.length;
    const u = d.unit[r]!;
    if (u !== runUnit) {
      endRun();
      runUnit = u;
      run = [];
      out.units.push(d.units[u]!);
    }
    run.push(intern(itemIx, out.items, d.items[d.item[r]!]!));
    const a = d.actual[r]!;
    const t = d.target[r]!;
    out.actual.push(Number.isNaN(a) ? null : a);
    out.target.push(Number.isNaN(t) ? null : t);
    sparse('text', row, d.text.get(r));
    sparse('note', row, d.note.get(r));
  }
  endRun();
  return out;
}

/**
 * A month file's rows (either form) as indices into the file's own dictionaries: for the second form a row's
 * unit is its run (`units` has an entry per run) and its item an entry of the run's list.
 */
function monthRows(m: PublishedMonthJson | PublishedMonthJsonV1): {
  units: readonly string[];
  items: readonly string[];
  unit: ArrayLike<number>;
  item: ArrayLike<number>;
  text: [number, string][];
  note: [number, string][];
} {
  if (!('format' in m)) return m;
  const unit = new Int32Array(m.actual.length);
  const item = new Int32Array(m.actual.length);
  let r = 0;
  m.runs.forEach((li, k) => {
    for (const i of m.lists[li]!) {
      unit[r] = k;
      item[r++] = i;
    }
  });
  const pairs = (flat: number[]) => {
    const out: [number, string][] = [];
    let row = 0;
    for (let j = 0; j + 1 < flat.length; j += 2) {
      row += flat[j]!;
      out.push([row, m.strings[flat[j + 1]!]!]);
    }
    return out;
  };
  return { units: m.units, items: m.items, unit, item, text: pairs(m.text), note: pairs(m.note) };
}

/** Columns from several published months' JSON (browser side). */
export function columnsFromMonths(months: readonly (PublishedMonthJson | PublishedMonthJsonV1)[]): DataColumns {
  const rowsOf = months.map(monthRows);
  const total = rowsOf.reduce((s, m) => s + m.unit.length, 0);
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
  // Each file's dictionaries are mapped onto the joined ones once; rows then copy integers.
  const remap = (list: readonly string[], ix: Map<string, number>, dict: string[]) =>
    Int32Array.from(list, (k) => intern(ix, dict, k));
  let at = 0;
  months.forEach((m, mi) => {
    const rows = rowsOf[mi]!;
    const pi = periods.length;
    periods.push(m.month);
    const um = remap(rows.units, unitIx, units);
    const im = remap(rows.items, itemIx, items);
    for (let r = 0; r < rows.unit.length; r++) {
      period[at + r] = pi;
      unit[at + r] = um[rows.unit[r]!]!;
      item[at + r] = im[rows.item[r]!]!;
      actual[at + r] = m.actual[r] ?? NaN;
      target[at + r] = m.target[r] ?? NaN;
    }
    for (const [r, s] of rows.text) text.set(at + r, s);
    for (const [r, s] of rows.note) note.set(at + r, s);
    at += rows.unit.length;
  });
  return { periods, units, items, period, unit, item, actual, target, text, note, length: total };
}
