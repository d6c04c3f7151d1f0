/**
 * Collecting a month (汇总): the reporters' files of `inbox/<YYYY-MM>/` are checked with the importer's
 * rules, each against what its reporter is responsible for, and merged into the month's data in one
 * canonical order (arrival order never matters). All or nothing: any problem and no data is returned.
 */
import type { DataColumns } from './data.ts';
import { ColumnsBuilder } from './data.ts';
import { importCsv } from './csv/import.ts';
import type { Model } from './model.ts';
import type { Problem } from './problem.ts';
import type { Reporter } from './reporters.ts';
import { reportingDueDate, reportingPlan } from './reporters.ts';
import type { Receipt } from './receipt.ts';
import { buildReceipt } from './receipt.ts';

/** One file found in a month's inbox folder. */
export interface InboxFile {
  /** File name in the folder, e.g. sthjj.csv: the reporter is the name without .csv. */
  name: string;
  /** Path shown in problems, e.g. content/inbox/2023-07/sthjj.csv. */
  file: string;
  bytes: Uint8Array;
}

/** One line of manifest.yaml: when a reporter's file was received. */
export interface ManifestEntry {
  reporter: string;
  /** YYYY-MM-DD. */
  received: string;
  /** Line in manifest.yaml, for problems. */
  row?: number | undefined;
}

export interface CollectInput {
  /** The month collected, YYYY-MM. */
  month: string;
  /** The month's folder as shown in problems, e.g. content/inbox/2023-07. */
  folder: string;
  files: readonly InboxFile[];
  /** The manifest's entries (already read and schema-checked), or undefined when the folder has none. */
  manifest: { file: string; entries: readonly ManifestEntry[] } | undefined;
  /** Collect although some reporters sent nothing (their cells stay without data). Default false. */
  allowMissing?: boolean | undefined;
}

export interface CollectResult {
  ok: boolean;
  /** The month's data in canonical order; only when ok. */
  data: DataColumns | undefined;
  problems: Problem[];
  /** Warnings the importer gave on the files (values outside their plausible range…): listed, never blocking. */
  warnings: Problem[];
  receipt: Receipt;
}

interface Entry {
  reporter: string;
  file: string;
  row: number;
  actual: number | string | null;
  target: number | null;
  note: string | undefined;
}

const show = (e: Entry) =>
  `实际值 ${e.actual ?? '（空）'}、目标值 ${e.target ?? '（空）'}${e.note ? `、备注 ${e.note}` : ''}`;
const same = (a: Entry, b: Entry) =>
  a.actual === b.actual && a.target === b.target && (a.note ?? '') === (b.note ?? '');
const list = (xs: readonly string[], max = 8) =>
  xs.length > max ? `${xs.slice(0, max).join('、')} 等 ${xs.length} 个` : xs.join('、');

/** The reporter a file name belongs to: exact code (case ignored), or a code followed by a separator (a misnamed copy). */
function reporterOfName(stem: string, reporters: readonly Reporter[]): { id: string; exact: boolean } | undefined {
  const s = stem.toLowerCase();
  let best: { id: string; exact: boolean } | undefined;
  for (const r of reporters) {
    const c = r.id.toLowerCase();
    if (s === c) return { id: r.id, exact: true };
    if (s.startsWith(c) && /[^a-z0-9]/.test(s[c.length]!) && (!best || c.length > best.id.length))
      best = { id: r.id, exact: false };
  }
  return best;
}

/** Check and merge one month's submissions; see the module comment. */
export function collectMonth(model: Model, input: CollectInput): CollectResult {
  const { month, folder } = input;
  const plan = reportingPlan(model);
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const due = reportingDueDate(model, month);
  const published = model.bundle.dataMeta.published[month];
  const nameOf = (id: string) => plan.reporterById.get(id)?.name ?? id;
  const unitName = (id: string) => model.unitById.get(id)?.name ?? id;

  // Files → reporters. Names decide, so the folder reads plainly: <reporter>.csv.
  const files = [...input.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byReporter = new Map<string, InboxFile[]>();
  for (const f of files) {
    const dot = f.name.lastIndexOf('.');
    const ext = dot >= 0 ? f.name.slice(dot).toLowerCase() : '';
    const stem = dot >= 0 ? f.name.slice(0, dot) : f.name;
    if (ext !== '.csv') {
      problems.push({
        file: f.file,
        field: '文件名',
        found: f.name,
        expected: '报送单位代码命名的 CSV 文件，如 sthjj.csv（Excel 中“另存为”CSV UTF-8）；其他文件请移出报送目录',
      });
      continue;
    }
    const who = reporterOfName(stem, plan.reporters);
    if (!who) {
      problems.push({
        file: f.file,
        field: '文件名',
        found: f.name,
        expected: `报送单位代码命名的文件，如 sthjj.csv：文件名“${stem}”不是已知的报送单位（单位代码见 units.csv，报送机构见 scheme.yaml 的 reporting.offices）`,
      });
      continue;
    }
    const got = byReporter.get(who.id) ?? [];
    got.push(f);
    byReporter.set(who.id, got);
    if (!who.exact && files.every((g) => g.name.toLowerCase() !== `${who.id.toLowerCase()}.csv`))
      problems.push({
        file: f.file,
        field: '文件名',
        found: f.name,
        expected: `${who.id}.csv（${nameOf(who.id)}的报送文件按单位代码命名）`,
      });
  }
  for (const [id, fs] of byReporter)
    if (fs.length > 1)
      for (const f of fs.slice(1))
        problems.push({
          file: f.file,
          field: '文件名',
          found: f.name,
          expected: `每个报送单位只交一个文件：${nameOf(id)}（${id}）已有 ${fs
            .map((g) => g.name)
            .filter((n) => n !== f.name)
            .join('、')}；保留更正后的一份，删除其余`,
        });

  // The manifest: a received date for every file, and only for files that are there.
  const received = new Map<string, string>();
  const manifestFile = input.manifest?.file ?? `${folder}/manifest.yaml`;
  if (!input.manifest) {
    if (files.length > 0)
      problems.push({
        file: manifestFile,
        expected: '登记收到日期的 manifest.yaml：每个报送单位一行，如“sthjj: 2023-08-03”',
      });
  } else {
    for (const e of input.manifest.entries) {
      const at = (found: string, expected: string) =>
        problems.push({ file: manifestFile, row: e.row, field: e.reporter, found, expected });
      const r =
        plan.reporterById.get(e.reporter) ??
        plan.reporters.find((x) => x.id.toLowerCase() === e.reporter.toLowerCase());
      if (!r) {
        at(e.reporter, '已知的报送单位代码（units.csv 中的单位代码，或 scheme.yaml reporting.offices 中的报送机构）');
        continue;
      }
      if (!byReporter.has(r.id)) at(e.reporter, `${r.id}.csv 在报送目录中（或删除这一行登记）`);
      if (published !== undefined && e.received > published)
        at(
          e.received,
          `不晚于本月数据发布日期 ${published}：已发布的数据不再改动（更正在下月数据中体现，或发布更正公告）`,
        );
      received.set(r.id, e.received);
    }
  }

  // Each file: the importer's rules, then the reporter's own duties and the month.
  const allowedItems = new Map<string, Set<string>>();
  for (const [id, cells] of plan.allowed) allowedItems.set(id, new Set(cells.map((c) => c.item)));
  const cells = new Map<string, Entry>();
  const blankOf = new Map<string, number>();
  for (const [reporter, fs] of byReporter) {
    if (fs.length > 1) continue; // which copy counts is for staff to decide
    const f = fs[0]!;
    if (input.manifest && !received.has(reporter))
      problems.push({
        file: manifestFile,
        field: reporter,
        expected: `登记 ${f.name} 的收到日期，如“${reporter}: ${due}”`,
      });
    const res = importCsv(f.bytes, model, { file: f.file, rowNumbers: true });
    warnings.push(...((res as { warnings?: Problem[] }).warnings ?? []));
    if (!res.ok) {
      problems.push(...res.problems);
      continue;
    }
    const d = res.data;
    const rowNo = res.rowNumbers ?? [];
    // One problem per kind of mistake, at its first row with the count: a wrong file is one message, not hundreds.
    const grouped = new Map<string, { p: Problem; count: number }>();
    const bad = (row: number, field: string, found: string, expected: string) => {
      const key = `${field}\u0000${found}`;
      const g = grouped.get(key);
      if (g) {
        g.count++;
        return;
      }
      grouped.set(key, { p: { file: f.file, row, field, found, expected }, count: 1 });
    };
    const mine = allowedItems.get(reporter) ?? new Set<string>();
    let blank = 0;
    for (let i = 0; i < d.length; i++) {
      const row = rowNo[i] ?? i + 2;
      const period = d.periods[d.period[i]!]!;
      const unit = d.units[d.unit[i]!]!;
      const item = d.items[d.item[i]!]!;
      if (period !== month) {
        bad(row, '期间', period, `${month}：这是 ${month} 的报送目录，其他月份的数据放到 inbox/${period}/`);
        continue;
      }
      const who = plan.reportersOf(unit, item) ?? [];
      if (!who.includes(reporter)) {
        const owner = who[0];
        const byWhom = owner ? `；${unitName(unit)}的 ${item} 由${nameOf(owner)}（${owner}）报送` : '';
        if (mine.has(item)) {
          const units = [
            ...new Set(
              plan.allowed
                .get(reporter)!
                .filter((c) => c.item === item)
                .map((c) => unitName(c.unit)),
            ),
          ];
          bad(row, '单位代码', unit, `${nameOf(reporter)}报送 ${item} 的单位：${list(units)}${byWhom}`);
        } else {
          const items = [...new Set(plan.allowed.get(reporter)?.map((c) => c.item) ?? [])];
          bad(
            row,
            '事项代码',
            item,
            `${nameOf(reporter)}负责报送的事项${items.length ? `：${list(items)}` : '：无（该单位本月不报送数据）'}${byWhom}`,
          );
        }
        continue;
      }
      const a = d.actual[i]!;
      const t = d.target[i]!;
      const e: Entry = {
        reporter,
        file: f.file,
        row,
        actual: d.text.get(i) ?? (Number.isNaN(a) ? null : a),
        target: Number.isNaN(t) ? null : t,
        note: d.note.get(i),
      };
      if (e.actual === null && e.target === null && e.note === undefined) {
        blank++;
        continue;
      }
      const key = `${unit}\u0000${item}`;
      const prev = cells.get(key);
      if (!prev) {
        cells.set(key, e);
        continue;
      }
      if (!same(prev, e)) {
        problems.push({
          file: e.file,
          row: e.row,
          field: '实际值',
          found: show(e),
          expected: `与 ${prev.file} 第 ${prev.row} 行（${nameOf(prev.reporter)}）的 ${show(prev)} 一致：两份报送对 ${unitName(unit)} ${item} 给出不同的值，核实后只保留正确的一份`,
        });
        continue;
      }
      // Agreeing co-reports: the owner's row is kept, so the result never depends on arrival order.
      if (who.indexOf(e.reporter) < who.indexOf(prev.reporter)) cells.set(key, e);
    }
    for (const { p, count } of grouped.values())
      problems.push(count > 1 ? { ...p, expected: `${p.expected}（同类问题共 ${count} 行）` } : p);
    blankOf.set(reporter, blank);
  }
  const rowsOf = new Map<string, number>();
  for (const e of cells.values()) rowsOf.set(e.reporter, (rowsOf.get(e.reporter) ?? 0) + 1);

  // The receipt: every reporter that owes something or sent a file.
  const receipt = buildReceipt(model, {
    month,
    received,
    files: new Map([...byReporter].map(([id, fs]) => [id, fs[0]!.file])),
    cell: (unit, item) => {
      const e = cells.get(`${unit}\u0000${item}`);
      return e && { reporter: e.reporter, hasActual: e.actual !== null };
    },
    blank: blankOf,
  });
  const absent = receipt.reporters.filter((r) => r.status === 'missing');
  if (absent.length > 0 && !input.allowMissing)
    problems.push({
      file: folder,
      field: '报送单位',
      found: list(
        absent.map((r) => `${r.reporter.id}（${r.reporter.name}）`),
        12,
      ),
      expected: `每个应报送的单位都有文件（${absent
        .map((r) => `${r.reporter.id}.csv`)
        .slice(0, 3)
        .join('、')}…）；确需先汇总已收到的数据时加 --allow-missing，缺报事项在报送情况中列为未报送`,
    });

  const ok = problems.length === 0;
  let data: DataColumns | undefined;
  if (ok) {
    const b = new ColumnsBuilder(cells.size);
    for (const c of plan.cells) {
      const e = cells.get(`${c.unit}\u0000${c.item}`);
      if (e) b.push(month, c.unit, c.item, e.actual, e.target, e.note);
    }
    data = b.finish();
  }
  return { ok, data, problems, warnings, receipt: { ...receipt, rows: data?.length ?? 0 } };
}
