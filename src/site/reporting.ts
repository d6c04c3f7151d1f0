/**
 * The reporting board's data (报送情况): each published month's receipt, read off the engine from the
 * month's data and the inbox manifest. Nothing here decides who owes what or what is late.
 */
import { join } from 'node:path';
import type { Receipt, ReporterReceipt, ReportingStatus } from '../engine/index.ts';
import { ContentError, publishedReceipt, reportingPlan } from '../engine/index.ts';
import { readManifest } from '../content-io/inbox.ts';
import { CONTENT_DIR, dataMonths, dataOfMonth, siteData, yearDir, yearOf } from './data.ts';
import { paths } from './paths.ts';
import { esc } from './ranking-rows.ts';

export const STATUS_LABELS: Record<ReportingStatus, string> = {
  'on-time': '按时',
  late: '迟报',
  missing: '未报送',
  'nothing-owed': '无应报事项',
};

const cache = new Map<string, Receipt | undefined>();

/** The month's receipt, or undefined when the month has no inbox manifest (its data was published directly). */
export function monthReceipt(month: string): Receipt | undefined {
  if (cache.has(month)) return cache.get(month);
  const { model } = siteData(yearOf(month));
  const { manifest, problems } = readManifest(yearDir(yearOf(month)), month, join(CONTENT_DIR, '..'));
  if (problems.length > 0) throw new ContentError(problems);
  const receipt = manifest
    ? publishedReceipt(model, month, dataOfMonth(month), new Map(manifest.entries.map((e) => [e.reporter, e.received])))
    : undefined;
  cache.set(month, receipt);
  return receipt;
}

/** Months with data and a manifest, in order. */
export function reportingMonths(year?: number): string[] {
  return dataMonths(year).filter((m) => monthReceipt(m) !== undefined);
}

export interface ReporterYear {
  id: string;
  name: string;
  /** Per reporting month (same order as reportingMonths()), the reporter's line, or undefined when it owed nothing. */
  months: (ReporterReceipt | undefined)[];
  onTime: number;
  late: number;
  missing: number;
}

/** Each reporter's punctuality over the year (the year view). */
export function reportingYear(): { months: string[]; reporters: ReporterYear[] } {
  const months = reportingMonths();
  const receipts = months.map((m) => new Map(monthReceipt(m)!.reporters.map((r) => [r.reporter.id, r])));
  const reporters: ReporterYear[] = [];
  for (const r of reportingPlan(siteData().model).reporters) {
    const line = receipts.map((m) => m.get(r.id));
    if (line.every((x) => x === undefined)) continue;
    const count = (s: ReportingStatus) => line.filter((x) => x?.status === s).length;
    reporters.push({
      id: r.id,
      name: r.name,
      months: line,
      onTime: count('on-time'),
      late: count('late'),
      missing: count('missing'),
    });
  }
  return { months, reporters };
}

/**
 * A status's cell class in the reporting tables (#10: a 2,000-unit province has 2,000 reporters, each a row of
 * twelve months on the year view): the colour of each status is the stylesheet's (global.css, "Reporting board").
 */
const STATUS_CLASS: Record<ReportingStatus, string> = { 'on-time': 'o', late: 'l', missing: 'm', 'nothing-owed': 'n' };

/**
 * The year view's rows as one string: reporter, one cell per month (按时, 迟n天, 未报送; an empty cell, which the
 * stylesheet shows as — and reads 无应报事项, where it owed nothing), then the on-time, late and missing counts.
 * Optional end tags are left out; the name cell is a plain <th>, the row's header.
 */
export function reportingYearRowsHtml(reporters: readonly ReporterYear[]): string {
  let out = '';
  for (const r of reporters) {
    out += `<tr><th>${esc(r.name)}`;
    for (const x of r.months)
      out += !x
        ? '<td>'
        : `<td class=${STATUS_CLASS[x.status]}>${x.status === 'late' ? `迟${x.daysLate}天` : STATUS_LABELS[x.status]}`;
    out += `<td>${r.onTime}<td>${r.late}<td>${r.missing}`;
  }
  return out;
}

/**
 * A month's board rows as one string: reporter (a unit's name links its page), items owed, rows given, date
 * received, status, items missing (linked to their list under the table). Alignment is the stylesheet's.
 */
export function reportingBoardRowsHtml(receipt: Receipt): string {
  let out = '';
  for (const r of receipt.reporters) {
    const name = esc(r.reporter.name);
    const id = esc(r.reporter.id);
    out += `<tr><th>${r.reporter.kind === 'unit' ? `<a href="${paths.unit(r.reporter.id)}">${name}</a>` : name}`;
    out += `<td>${r.owed}<td>${r.rows}<td>${r.received ?? '—'}`;
    out += `<td class=${STATUS_CLASS[r.status]}>${r.status === 'late' ? `迟报 ${r.daysLate} 天` : STATUS_LABELS[r.status]}`;
    out += `<td>${r.missing.length > 0 ? `<a href="#miss-${id}">${r.missing.length}</a>` : '—'}`;
  }
  return out;
}
