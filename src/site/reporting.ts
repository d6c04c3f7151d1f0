/**
 * The reporting board's data (报送情况): each published month's receipt, read off the engine from the
 * month's data and the inbox manifest. Nothing here decides who owes what or what is late.
 */
import { join } from 'node:path';
import type { Receipt, ReporterReceipt, ReportingStatus } from '../engine/index.ts';
import { ContentError, publishedReceipt, reportingPlan } from '../engine/index.ts';
import { readManifest } from '../content-io/inbox.ts';
import { CONTENT_DIR, dataMonths, dataOfMonth, siteData, yearDir, yearOf } from './data.ts';

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
