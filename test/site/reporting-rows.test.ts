/** The reporting tables' rows as the site writes them (site/reporting.ts), without a build or a browser. */
import { describe, expect, it } from 'vitest';
import type { Receipt, ReporterReceipt, ReportingStatus } from '../../src/engine/index.ts';
import type { ReporterYear } from '../../src/site/reporting.ts';
import { reportingBoardRowsHtml, reportingYearRowsHtml } from '../../src/site/reporting.ts';

/** A row's cells as text (tags dropped), split at each cell's start tag. */
const cells = (row: string) =>
  row
    .split(/<t[dh][ >]/)
    .slice(1)
    .map((c) => c.replace(/^[^>]*>/, '').replace(/<[^>]+>/g, ''));
/** Each cell's class (its status), '' for none. */
const classes = (row: string) => [...row.matchAll(/<td( class=(\w+))?>/g)].map((m) => m[2] ?? '');

const line = (
  id: string,
  name: string,
  kind: 'unit' | 'office',
  status: ReportingStatus,
  extra: Omit<Partial<ReporterReceipt>, 'blank'> = {},
): ReporterReceipt => ({
  reporter: { id, name, kind },
  file: undefined,
  received: status === 'missing' ? undefined : '2023-04-03',
  daysLate: status === 'late' ? 3 : status === 'missing' ? undefined : -2,
  status,
  owed: 4,
  rows: status === 'missing' ? 0 : 4,
  missing: [],
  blank: 0,
  ...extra,
});

describe('reporting rows', () => {
  const receipt = {
    reporters: [
      line('fgw', '市发展和改革委员会', 'unit', 'on-time'),
      line('tjj', '市统计局', 'office', 'late', {
        rows: 3,
        missing: [{ unit: 'zezhou', item: 'CO-01' }] as ReporterReceipt['missing'],
      }),
      line('x1', 'A&B', 'unit', 'missing'),
    ],
  } as unknown as Receipt;

  it('write a month: reporter, owed, given, received, status word with its class, missing items linked', () => {
    const html = reportingBoardRowsHtml(receipt);
    const rows = html.split('<tr>').slice(1);
    expect(rows.map(cells)).toEqual([
      ['市发展和改革委员会', '4', '4', '2023-04-03', '按时', '—'],
      ['市统计局', '4', '3', '2023-04-03', '迟报 3 天', '1'],
      ['A&amp;B', '4', '0', '—', '未报送', '—'],
    ]);
    expect(rows.map(classes)).toEqual([
      ['', '', '', 'o', ''],
      ['', '', '', 'l', ''],
      ['', '', '', 'm', ''],
    ]);
    // A unit's name links its page, an office's is text; the missing count links the list under the table.
    expect(rows[0]).toContain('<th><a href="/units/fgw/">市发展和改革委员会</a>');
    expect(rows[1]).toContain('<th>市统计局<td>');
    expect(rows[1]).toContain('<a href="#miss-tjj">1</a>');
    expect(rows[2]).toContain('<a href="/units/x1/">A&amp;B</a>');
    // Nothing said per row that the stylesheet says once: no data attributes, quoted classes or end tags.
    expect(html).not.toMatch(/data-|class="|<\/t[dhr]>|scope=/);
  });

  it('write the year: one cell per month (— where nothing was owed, read 无应报事项 by the stylesheet), then the counts', () => {
    const months = [
      line('fgw', '', 'unit', 'on-time'),
      undefined,
      line('fgw', '', 'unit', 'late'),
      line('fgw', '', 'unit', 'missing'),
    ];
    const r: ReporterYear = { id: 'fgw', name: '市发展和改革委员会', months, onTime: 1, late: 1, missing: 1 };
    const html = reportingYearRowsHtml([r]);
    expect(cells(html)).toEqual(['市发展和改革委员会', '按时', '', '迟3天', '未报送', '1', '1', '1']);
    expect(classes(html)).toEqual(['o', '', 'l', 'm', '', '', '']);
    expect(html).not.toMatch(/data-|class="|<\/t[dhr]>|scope=/);
  });
});
