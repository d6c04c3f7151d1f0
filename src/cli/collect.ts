/** `kaohe collect --period 2023-07`: check and merge a month's submissions into its data file, print the receipt. */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Model, Receipt, ReportingStatus } from '../engine/index.ts';
import { monthLabel } from '../engine/index.ts';
import {
  collectMonth,
  compileModel,
  dataToCsv,
  formatProblem,
  groupProblems,
  importCsv,
  monthChanges,
  monthId,
  parsePeriod,
} from '../engine/index.ts';
import { loadBundle } from '../content-io/load-content.ts';
import { readInbox } from '../content-io/inbox.ts';
import { displayWidth, padTo } from './text.ts';

export interface CollectCommandOptions {
  /** The year's content folder (the folder holding scheme.yaml). */
  yearDir: string;
  /** Project root, for the paths shown. */
  root: string;
  period: string | undefined;
  allowMissing: boolean;
}

const STATUS: Record<ReportingStatus, string> = {
  'on-time': '按时',
  late: '迟报',
  missing: '未报送',
  'nothing-owed': '无应报事项',
};

/** Runs the command; returns the exit code (0 written or unchanged, 1 problems, 2 usage). */
export function collectCommand(o: CollectCommandOptions, out: (s: string) => void, err: (s: string) => void): number {
  const { bundle, problems, locate } = loadBundle(o.yearDir, o.root);
  const compiled = bundle ? compileModel(bundle) : undefined;
  const all = [...problems, ...(compiled?.problems ?? []).map(locate)];
  if (!compiled || all.length > 0) {
    for (const p of all) err(formatProblem(p));
    err(`\n内容有 ${all.length} 个问题，无法汇总。先运行 npm run kaohe -- validate。`);
    return 1;
  }
  const model = compiled.model;
  const p = o.period ? parsePeriod(o.period) : undefined;
  if (!o.period || !p || p.kind !== 'month' || p.year !== model.scheme.year) {
    err(
      `collect 需要 --period <月份>，为方案年度内的月份，如 ${monthId(model.scheme.year, 7)}${o.period ? `（发现“${o.period}”）` : ''}。`,
    );
    return 2;
  }
  const month = p.id;
  const read = readInbox(o.yearDir, month, o.root);
  if (read.input.files.length === 0 && !read.input.manifest) {
    err(
      `${read.input.folder}/ 中没有报送文件：把各报送单位的 <单位代码>.csv 放进该目录，并在 manifest.yaml 中登记收到日期。`,
    );
    return 1;
  }
  const res = collectMonth(model, { ...read.input, allowMissing: o.allowMissing });
  const issues = [...read.problems, ...res.problems];
  out(receiptText(model, res.receipt));
  for (const w of groupProblems(res.warnings)) err(formatProblem(w));
  const target = join(o.yearDir, 'data', `${month}.csv`);
  const shown = relative(o.root, target).split('\\').join('/');
  if (issues.length > 0 || !res.data) {
    for (const q of groupProblems(issues)) err(formatProblem(q));
    err(
      `\n共 ${issues.length} 个问题，未写入 ${shown}（${existsSync(target) ? '原文件保持不变' : '该文件尚不存在'}）。按提示修改报送文件或 manifest.yaml 后重新运行。`,
    );
    return 1;
  }
  const text = dataToCsv(res.data, model);
  if (existsSync(target) && readFileSync(target, 'utf8') === text) {
    out(`${shown} 与汇总结果相同，未改动（${res.data.length} 行）。\n`);
    return 0;
  }
  if (existsSync(target)) {
    // Say what the run changes in the previous file, per reporter: a corrected file touches its own rows only.
    const before = importCsv(new Uint8Array(readFileSync(target)), model, { file: shown });
    if (before.ok) {
      const changes = monthChanges(model, month, before.data, res.data);
      const names = new Map(res.receipt.reporters.map((r) => [r.reporter.id, r.reporter.name]));
      out(
        `与原 ${shown} 相比：${changes.map((c) => `${names.get(c.reporter) ?? c.reporter}（${[c.changed && `改 ${c.changed} 行`, c.added && `增 ${c.added} 行`, c.removed && `删 ${c.removed} 行`].filter(Boolean).join('，')}）`).join('、')}。\n`,
      );
    }
  }
  // Write beside the target, then rename: a reader (or a crash) sees the old file or the new one, never half.
  mkdirSync(join(o.yearDir, 'data'), { recursive: true });
  const tmp = join(o.yearDir, 'data', `.${month}.csv.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    err(`无法写入 ${shown}：${(e as Error).message}。原文件保持不变。`);
    return 1;
  }
  out(`已写入 ${shown}（${res.data.length} 行）。\n`);
  return 0;
}

/** The receipt as a table: reporter, owed, rows, received, status; then what is missing and who is late. */
export function receiptText(model: Model, r: Receipt): string {
  const head = ['报送单位', '代码', '应报', '报送行数', '收到日期', '状态', '未报'];
  const rows = r.reporters.map((x) => [
    x.reporter.name,
    x.reporter.id,
    String(x.owed),
    String(x.rows),
    x.received ?? '—',
    x.status === 'late' ? `迟报 ${x.daysLate} 天` : STATUS[x.status],
    x.missing.length ? `${x.missing.length} 项` : '—',
  ]);
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[i]!))));
  const line = (row: string[]) =>
    row
      .map((c, i) => padTo(c, widths[i]!, i >= 2 && i <= 3 ? 'right' : 'left'))
      .join('  ')
      .trimEnd();
  const label = monthLabel(r.month);
  const late = r.reporters.filter((x) => x.status === 'late');
  const absent = r.reporters.filter((x) => x.status === 'missing');
  const name = (id: string) => model.unitById.get(id)?.name ?? id;
  const itemName = (code: string) =>
    model.itemByCode.get(code)?.item.name ?? model.adjustmentByCode.get(code)?.name ?? code;
  const out = [
    `${label}数据报送回执（报送截止 ${r.due}${r.published ? `，发布 ${r.published}` : ''}）${model.bundle.dataMeta.sample ? '（示例数据，非官方结果）' : ''}`,
    '',
    line(head),
    ...rows.map(line),
    '',
    `共 ${r.reporters.length} 个报送单位：按时 ${r.reporters.filter((x) => x.status === 'on-time').length}，迟报 ${late.length}，未报送 ${absent.length}；汇总 ${r.rows} 行，未报事项 ${r.missing.length} 项。`,
  ];
  if (late.length)
    out.push(`迟报：${late.map((x) => `${x.reporter.name}（${x.received}，迟 ${x.daysLate} 天）`).join('、')}。`);
  if (r.missing.length) {
    out.push('', '未报事项（报送单位 × 事项 × 单位）：');
    for (const x of r.reporters) {
      if (x.missing.length === 0) continue;
      if (x.status === 'missing') {
        out.push(`  ${x.reporter.name}（${x.reporter.id}）未报送：应报 ${x.owed} 项全部未报`);
        continue;
      }
      for (const m of x.missing)
        out.push(
          `  ${x.reporter.name}（${x.reporter.id}）  ${m.item} ${itemName(m.item)}  ${name(m.unit)}（${m.unit}）`,
        );
    }
  }
  return `${out.join('\n')}\n\n`;
}
