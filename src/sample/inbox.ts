/**
 * The sample's inbox (示例数据): a month's published rows split into the files each reporter would have
 * sent (every row goes to the cell's owner), with received dates around the due date, a few late.
 * Collecting them gives back the month file byte for byte.
 */
import { monthLabel } from '../engine/period.ts';
import type { DataColumns, DataRow, Model } from '../engine/index.ts';
import {
  columnsFromRows,
  dataToCsv,
  reportingDueDate,
  reportingPlan,
  rowsFromColumns,
  seededRandom,
} from '../engine/index.ts';

export interface SampleInbox {
  /** File name (<reporter>.csv) → CSV text. */
  files: Map<string, string>;
  /** manifest.yaml text. */
  manifest: string;
  /** Reporter → received date. */
  received: Map<string, string>;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

const shiftDate = (date: string, days: number) => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};

/** Split one month's rows by reporter. A reporter that owes cells but has no row sends its owed cells blank. */
export function sampleInbox(model: Model, data: DataColumns, month: string, seed: number): SampleInbox {
  const plan = reportingPlan(model);
  const byReporter = new Map<string, DataRow[]>();
  for (const r of rowsFromColumns(data)) {
    if (r.period !== month) continue;
    const owner = plan.reportersOf(r.unit, r.item)?.[0];
    if (!owner) throw new Error(`sample row ${r.unit} ${r.item} is on no unit's list`);
    const list = byReporter.get(owner) ?? [];
    list.push(r);
    byReporter.set(owner, list);
  }
  for (const [id, cells] of plan.owed)
    if (cells.length > 0 && !byReporter.has(id))
      byReporter.set(
        id,
        cells.map((c) => ({ period: month, unit: c.unit, item: c.item, actual: null, target: null })),
      );
  const due = reportingDueDate(model, month);
  const files = new Map<string, string>();
  const received = new Map<string, string>();
  for (const r of plan.reporters) {
    const rows = byReporter.get(r.id);
    if (!rows) continue;
    files.set(`${r.id}.csv`, dataToCsv(columnsFromRows(rows), model));
    // Most arrive in the three days before the due date; about one in twelve is one to four days late.
    const rand = seededRandom(seed ^ hash(`${month}|${r.id}`));
    const late = rand() < 1 / 12;
    received.set(r.id, shiftDate(due, late ? 1 + Math.floor(rand() * 4) : -Math.floor(rand() * 4)));
  }
  const lines = [...received]
    .sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]))
    .map(([id, d]) => `${id}: ${d}`);
  const manifest = [
    `# ${monthLabel(month)}数据报送登记（示例数据，非官方结果）：报送单位代码: 收到日期（YYYY-MM-DD），按收到先后排列。`,
    `# 报送截止 ${due}；晚于截止日收到的为迟报。`,
    ...lines,
    '',
  ].join('\n');
  return { files, manifest, received };
}
