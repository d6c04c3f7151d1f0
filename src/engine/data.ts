/**
 * Period data in columns: one row per (month, unit, item), ids dictionary-encoded, values in typed
 * arrays. Compact to build, to post between threads and to store in IndexedDB.
 */
export interface DataColumns {
  /** Dictionaries: the row columns below hold indexes into these. */
  periods: string[];
  units: string[];
  items: string[];
  period: Int32Array;
  unit: Int32Array;
  item: Int32Array;
  /** NaN where empty or where the value is a letter grade (then in `text`). */
  actual: Float64Array;
  /** NaN where empty. */
  target: Float64Array;
  /** Row index → letter grade (A/B/C/D) for qualitative items. */
  text: Map<number, string>;
  /** Row index → note, where one was written. */
  note: Map<number, string>;
  length: number;
}

export interface DataRow {
  period: string;
  unit: string;
  item: string;
  actual: number | string | null;
  target: number | null;
  note?: string | undefined;
}

/** Build columns from plain rows (tests, sample generator, small files). */
export function columnsFromRows(rows: readonly DataRow[]): DataColumns {
  const b = new ColumnsBuilder(rows.length);
  for (const r of rows) b.push(r.period, r.unit, r.item, r.actual, r.target, r.note);
  return b.finish();
}

export class ColumnsBuilder {
  private readonly dict = {
    periods: new Map<string, number>(),
    units: new Map<string, number>(),
    items: new Map<string, number>(),
  };
  private period: Int32Array;
  private unit: Int32Array;
  private item: Int32Array;
  private actual: Float64Array;
  private target: Float64Array;
  private readonly text = new Map<number, string>();
  private readonly note = new Map<number, string>();
  private n = 0;

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.period = new Int32Array(c);
    this.unit = new Int32Array(c);
    this.item = new Int32Array(c);
    this.actual = new Float64Array(c);
    this.target = new Float64Array(c);
  }

  private grow() {
    const c = this.period.length * 2;
    const g32 = (a: Int32Array) => {
      const x = new Int32Array(c);
      x.set(a);
      return x;
    };
    const g64 = (a: Float64Array) => {
      const x = new Float64Array(c);
      x.set(a);
      return x;
    };
    this.period = g32(this.period);
    this.unit = g32(this.unit);
    this.item = g32(this.item);
    this.actual = g64(this.actual);
    this.target = g64(this.target);
  }

  private static id(map: Map<string, number>, key: string): number {
    let i = map.get(key);
    if (i === undefined) {
      i = map.size;
      map.set(key, i);
    }
    return i;
  }

  // Rows come grouped by period and unit: remember the last key of each to skip most lookups.
  private last = { period: '\u0000', periodId: 0, unit: '\u0000', unitId: 0 };

  /** Dictionary ids, for callers that cache them (pushIds). */
  periodId(period: string): number {
    return ColumnsBuilder.id(this.dict.periods, period);
  }
  unitId(unit: string): number {
    return ColumnsBuilder.id(this.dict.units, unit);
  }
  itemId(item: string): number {
    return ColumnsBuilder.id(this.dict.items, item);
  }

  push(
    period: string,
    unit: string,
    item: string,
    actual: number | string | null,
    target: number | null,
    note?: string,
  ) {
    const last = this.last;
    if (period !== last.period) {
      last.period = period;
      last.periodId = this.periodId(period);
    }
    if (unit !== last.unit) {
      last.unit = unit;
      last.unitId = this.unitId(unit);
    }
    this.pushIds(last.periodId, last.unitId, this.itemId(item), actual, target, note);
  }

  /** Copy row `i` of another column set (its values, text and note as they are). */
  pushFrom(d: DataColumns, i: number) {
    const a = d.actual[i]!;
    const t = d.target[i]!;
    this.push(
      d.periods[d.period[i]!]!,
      d.units[d.unit[i]!]!,
      d.items[d.item[i]!]!,
      d.text.get(i) ?? (Number.isNaN(a) ? null : a),
      Number.isNaN(t) ? null : t,
      d.note.get(i),
    );
  }

  /** Push with dictionary ids already looked up (the importer's hot path). */
  pushIds(
    period: number,
    unit: number,
    item: number,
    actual: number | string | null,
    target: number | null,
    note?: string,
  ) {
    if (this.n === this.period.length) this.grow();
    const i = this.n++;
    this.period[i] = period;
    this.unit[i] = unit;
    this.item[i] = item;
    if (typeof actual === 'string') {
      this.actual[i] = NaN;
      this.text.set(i, actual);
    } else this.actual[i] = actual ?? NaN;
    this.target[i] = target ?? NaN;
    if (note) this.note.set(i, note);
  }

  get length() {
    return this.n;
  }

  finish(): DataColumns {
    const n = this.n;
    return {
      periods: [...this.dict.periods.keys()],
      units: [...this.dict.units.keys()],
      items: [...this.dict.items.keys()],
      period: this.period.slice(0, n),
      unit: this.unit.slice(0, n),
      item: this.item.slice(0, n),
      actual: this.actual.slice(0, n),
      target: this.target.slice(0, n),
      text: this.text,
      note: this.note,
      length: n,
    };
  }
}

/** Back to plain rows (CSV export, small views). */
export function rowsFromColumns(d: DataColumns): DataRow[] {
  const out: DataRow[] = new Array(d.length);
  for (let i = 0; i < d.length; i++) {
    const a = d.actual[i]!;
    const t = d.target[i]!;
    out[i] = {
      period: d.periods[d.period[i]!]!,
      unit: d.units[d.unit[i]!]!,
      item: d.items[d.item[i]!]!,
      actual: d.text.get(i) ?? (Number.isNaN(a) ? null : a),
      target: Number.isNaN(t) ? null : t,
      note: d.note.get(i),
    };
  }
  return out;
}

/**
 * The published data with some units' rows replaced by their own (self-check: "my data in place of
 * my published row"). Rows of `own` win for every (period, unit) they contain.
 */
export function replaceUnitRows(published: DataColumns, own: DataColumns): DataColumns {
  const ownKeys = new Set<string>();
  for (let i = 0; i < own.length; i++) ownKeys.add(`${own.periods[own.period[i]!]}\u0000${own.units[own.unit[i]!]}`);
  const keep: number[] = [];
  for (let i = 0; i < published.length; i++)
    if (!ownKeys.has(`${published.periods[published.period[i]!]}\u0000${published.units[published.unit[i]!]}`))
      keep.push(i);
  const b = new ColumnsBuilder(keep.length + own.length);
  for (const i of keep) b.pushFrom(published, i);
  for (let i = 0; i < own.length; i++) b.pushFrom(own, i);
  return b.finish();
}

/** Row lookup by (month, unit, item): built once per data set, then O(1) per cell. */
export interface DataIndex {
  data: DataColumns;
  unitIndex: Map<string, number>;
  itemIndex: Map<string, number>;
  /** month id → Int32Array of row numbers (−1 none), laid out unit-major over the dictionaries. */
  byMonth: Map<string, Int32Array>;
}

export function indexData(data: DataColumns): DataIndex {
  const unitIndex = new Map(data.units.map((u, i) => [u, i]));
  const itemIndex = new Map(data.items.map((u, i) => [u, i]));
  const nItems = data.items.length;
  const byMonth = new Map<string, Int32Array>();
  const tables = data.periods.map((p) => {
    const t = new Int32Array(data.units.length * nItems).fill(-1);
    byMonth.set(p, t);
    return t;
  });
  for (let r = 0; r < data.length; r++) tables[data.period[r]!]![data.unit[r]! * nItems + data.item[r]!] = r;
  return { data, unitIndex, itemIndex, byMonth };
}

/** Row number of (month, unit, item), or −1. */
export function findRow(ix: DataIndex, month: string, unit: string, item: string): number {
  const t = ix.byMonth.get(month);
  const u = ix.unitIndex.get(unit);
  const it = ix.itemIndex.get(item);
  if (!t || u === undefined || it === undefined) return -1;
  return t[u * ix.data.items.length + it]!;
}
