/**
 * The receipt of a month's reporting (报送回执): per reporter what it owed, what it gave, when, on time or
 * late against the due date, and what is still missing. Shared by collect (from the submissions) and the
 * public reporting board (from the published month and the manifest).
 */
import type { DataColumns } from './data.ts';
import type { Model } from './model.ts';
import type { Cell, Reporter } from './reporters.ts';
import { reportingDueDate, reportingPlan } from './reporters.ts';

export type ReportingStatus = 'on-time' | 'late' | 'missing' | 'nothing-owed';

export interface ReporterReceipt {
  reporter: Reporter;
  /** The file received, when one was. */
  file: string | undefined;
  /** Date received (manifest), YYYY-MM-DD. */
  received: string | undefined;
  /** Days after the due date; 0 or less is on time. Undefined when nothing was received. */
  daysLate: number | undefined;
  status: ReportingStatus;
  /** Cells the reporter owes this month. */
  owed: number;
  /** Rows its file gave the month's data. */
  rows: number;
  /** Owed cells without a value (no row, or a row without an actual value), in the month file's order. */
  missing: Cell[];
  /** Rows left wholly empty (no actual, target or note): not written, counted as not reported. */
  blank: number;
}

export interface Receipt {
  month: string;
  /** Submissions are due by this date (YYYY-MM-DD). */
  due: string;
  /** The month's publication date from data/meta.yaml, when set. */
  published: string | undefined;
  /** Every reporter that owes something this month or sent a file, in reporter order. */
  reporters: ReporterReceipt[];
  /** Rows of the collected month. */
  rows: number;
  /** Owed cells without a value, with who owes them. */
  missing: (Cell & { reporter: string })[];
}

export interface ReceiptInput {
  month: string;
  /** Reporter → date its file was received (YYYY-MM-DD). */
  received: ReadonlyMap<string, string>;
  /** Reporter → the file it sent. */
  files: ReadonlyMap<string, string>;
  /** Who gave a cell's value and whether it has an actual value; undefined when nobody did. */
  cell: (unit: string, item: string) => { reporter: string; hasActual: boolean } | undefined;
  /** Reporter → rows it left wholly empty. */
  blank?: ReadonlyMap<string, number> | undefined;
}

const dayNo = (d: string) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;

/** Build the receipt of a month; see the module comment. */
export function buildReceipt(model: Model, input: ReceiptInput): Receipt {
  const plan = reportingPlan(model);
  const { month } = input;
  const due = reportingDueDate(model, month);
  const rowsOf = new Map<string, number>();
  for (const c of plan.cells) {
    const v = input.cell(c.unit, c.item);
    if (v) rowsOf.set(v.reporter, (rowsOf.get(v.reporter) ?? 0) + 1);
  }
  const reporters: ReporterReceipt[] = [];
  const missingAll: (Cell & { reporter: string })[] = [];
  for (const r of plan.reporters) {
    const owed = plan.owed.get(r.id) ?? [];
    const file = input.files.get(r.id);
    if (owed.length === 0 && file === undefined) continue;
    const received = input.received.get(r.id);
    const missing = owed.filter((c) => !input.cell(c.unit, c.item)?.hasActual);
    for (const c of missing) missingAll.push({ ...c, reporter: r.id });
    const daysLate = file !== undefined && received !== undefined ? dayNo(received) - dayNo(due) : undefined;
    const status: ReportingStatus =
      file === undefined
        ? 'missing'
        : daysLate !== undefined && daysLate > 0
          ? 'late'
          : owed.length === 0 && received === undefined
            ? 'nothing-owed'
            : 'on-time';
    reporters.push({
      reporter: r,
      file,
      received,
      daysLate,
      status,
      owed: owed.length,
      rows: rowsOf.get(r.id) ?? 0,
      missing,
      blank: input.blank?.get(r.id) ?? 0,
    });
  }
  let rows = 0;
  for (const n of rowsOf.values()) rows += n;
  return { month, due, published: model.bundle.dataMeta.published[month], reporters, rows, missing: missingAll };
}

/**
 * The public board's receipt: the published month's rows credited to each cell's owner, dates from the
 * manifest (a reporter listed there sent its file).
 */
export function publishedReceipt(
  model: Model,
  month: string,
  data: DataColumns,
  received: ReadonlyMap<string, string>,
): Receipt {
  const plan = reportingPlan(model);
  // Each cell's "has an actual", by unit then item (no key string per row and per lookup).
  const cells = new Map<string, Map<string, boolean>>();
  for (let i = 0; i < data.length; i++) {
    if (data.periods[data.period[i]!] !== month) continue;
    const has = !Number.isNaN(data.actual[i]!) || data.text.has(i);
    const unit = data.units[data.unit[i]!]!;
    let own = cells.get(unit);
    if (!own) {
      own = new Map();
      cells.set(unit, own);
    }
    own.set(data.items[data.item[i]!]!, has);
  }
  return buildReceipt(model, {
    month,
    received,
    files: new Map([...received.keys()].map((id) => [id, `${id}.csv`])),
    cell: (unit, item) => {
      const has = cells.get(unit)?.get(item);
      const owner = plan.reportersOf(unit, item)?.[0];
      return has === undefined || owner === undefined ? undefined : { reporter: owner, hasActual: has };
    },
  });
}

export interface MonthChange {
  reporter: string;
  /** Cells whose actual, target or note value changed. */
  changed: number;
  /** Cells new in the collected month. */
  added: number;
  /** Cells of the previous file the collected month no longer has. */
  removed: number;
}

/** What collecting changes in the month's previous file, per reporter (the cell's owner): a correction touches its reporter only. */
export function monthChanges(model: Model, month: string, before: DataColumns, after: DataColumns): MonthChange[] {
  const plan = reportingPlan(model);
  const cellsOf = (d: DataColumns) => {
    const m = new Map<string, string>();
    for (let i = 0; i < d.length; i++) {
      if (d.periods[d.period[i]!] !== month) continue;
      const a = d.actual[i]!;
      const t = d.target[i]!;
      m.set(
        `${d.units[d.unit[i]!]}\u0000${d.items[d.item[i]!]}`,
        `${d.text.get(i) ?? a}\u0000${t}\u0000${d.note.get(i) ?? ''}`,
      );
    }
    return m;
  };
  const b = cellsOf(before);
  const a = cellsOf(after);
  const out = new Map<string, MonthChange>();
  const bump = (key: string, kind: 'changed' | 'added' | 'removed') => {
    const [unit, item] = key.split('\u0000') as [string, string];
    const reporter = plan.reportersOf(unit, item)?.[0] ?? unit;
    const c = out.get(reporter) ?? { reporter, changed: 0, added: 0, removed: 0 };
    c[kind]++;
    out.set(reporter, c);
  };
  for (const [k, v] of a) {
    const old = b.get(k);
    if (old === undefined) bump(k, 'added');
    else if (old !== v) bump(k, 'changed');
  }
  for (const k of b.keys()) if (!a.has(k)) bump(k, 'removed');
  const order = new Map(plan.reporters.map((r, i) => [r.id, i]));
  return [...out.values()].sort((x, y) => (order.get(x.reporter) ?? 1e9) - (order.get(y.reporter) ?? 1e9));
}
