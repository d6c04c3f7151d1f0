/**
 * Collecting a month from the reporters' files: the shipped sample's inbox gives back its month files byte
 * for byte, whatever the arrival order; every kind of bad submission is named and nothing is written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../src/content-io/load-content.ts';
import { inboxMonths, readInbox } from '../../src/content-io/inbox.ts';
import type { CollectInput, ContentBundle, InboxFile, Model } from '../../src/engine/index.ts';
import {
  collectMonth,
  compileModel,
  dataToCsv,
  importCsv,
  indexData,
  publishedReceipt,
  reporterTemplateCsv,
  reportingDueDate,
  reportingPlan,
  rowsFromColumns,
} from '../../src/engine/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONTENT = join(ROOT, 'content', '2023');
const MONTH = '2023-07';

function model(edit?: (b: ContentBundle) => void): Model {
  const { bundle, problems } = loadBundle(CONTENT, ROOT);
  if (!bundle) throw new Error(JSON.stringify(problems));
  edit?.(bundle);
  const c = compileModel(bundle);
  if (c.problems.length) throw new Error(JSON.stringify(c.problems));
  return c.model;
}
const shipped = model();
const inbox = (month = MONTH): CollectInput => {
  const r = readInbox(CONTENT, month, ROOT);
  expect(r.problems).toEqual([]);
  return r.input;
};
const text = (f: InboxFile) => new TextDecoder().decode(f.bytes);
const withText = (f: InboxFile, t: string, name = f.name): InboxFile => ({
  name,
  file: f.file.replace(f.name, name),
  bytes: new TextEncoder().encode(t),
});
const fileOf = (input: CollectInput, name: string) => input.files.find((f) => f.name === name)!;
/** The input with one file's text edited (the edit must change something). */
function editFile(input: CollectInput, name: string, edit: (t: string) => string): CollectInput {
  const f = fileOf(input, name);
  const after = edit(text(f));
  if (after === text(f)) throw new Error(`edit of ${name} changed nothing`);
  return { ...input, files: input.files.map((g) => (g === f ? withText(f, after) : g)) };
}
const published = (month: string) => readFileSync(join(CONTENT, 'data', `${month}.csv`), 'utf8');

describe('collect on the shipped sample', () => {
  it('gives back the month files byte for byte (January, July, December; every month has an inbox)', () => {
    expect(inboxMonths(CONTENT)).toHaveLength(12);
    for (const m of ['2023-01', MONTH, '2023-12']) {
      const res = collectMonth(shipped, inbox(m));
      expect(res.problems, m).toEqual([]);
      expect(dataToCsv(res.data!, shipped), m).toBe(published(m));
    }
  });

  it('gives the same file whatever order the files and manifest lines arrive in', () => {
    const input = inbox();
    const expected = dataToCsv(collectMonth(shipped, input).data!, shipped);
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 3; k++) {
      const files = [...input.files].sort(() => rand() - 0.5);
      const entries = [...input.manifest!.entries].sort(() => rand() - 0.5);
      const res = collectMonth(shipped, { ...input, files, manifest: { ...input.manifest!, entries } });
      expect(dataToCsv(res.data!, shipped)).toBe(expected);
    }
  });

  it('lists rows per reporter, late arrivals against the due date and what is missing', () => {
    const input = inbox();
    const { receipt } = collectMonth(shipped, input);
    expect(receipt.due).toBe('2023-08-03');
    const byId = new Map(receipt.reporters.map((r) => [r.reporter.id, r]));
    for (const e of input.manifest!.entries) {
      const r = byId.get(e.reporter)!;
      expect(r.received).toBe(e.received);
      expect(r.status).toBe(e.received > '2023-08-03' ? 'late' : 'on-time');
    }
    expect(receipt.reporters.reduce((s, r) => s + r.rows, 0)).toBe(receipt.rows);
    // Every owed cell without a published value is listed as missing, with who owes it.
    const data = importCsv(new TextEncoder().encode(published(MONTH)), shipped, { file: 'x' });
    if (!data.ok) throw new Error('published month does not import');
    const have = new Set(
      rowsFromColumns(data.data)
        .filter((r) => r.actual !== null)
        .map((r) => `${r.unit}|${r.item}`),
    );
    const plan = reportingPlan(shipped);
    const owedMissing = [...plan.owed].flatMap(([rep, cells]) =>
      cells.filter((c) => !have.has(`${c.unit}|${c.item}`)).map((c) => `${rep}|${c.unit}|${c.item}`),
    );
    expect(receipt.missing.map((m) => `${m.reporter}|${m.unit}|${m.item}`).sort()).toEqual(owedMissing.sort());
  });

  it('the public board read off the published month agrees with collect', () => {
    const input = inbox();
    const res = collectMonth(shipped, input);
    const received = new Map(input.manifest!.entries.map((e) => [e.reporter, e.received]));
    const board = publishedReceipt(shipped, MONTH, res.data!, received);
    const brief = (r: typeof board) =>
      r.reporters.map((x) => [x.reporter.id, x.status, x.owed, x.rows, x.missing.length, x.daysLate]);
    expect(brief(board)).toEqual(brief(res.receipt));
  });
});

describe('re-running with a corrected file', () => {
  it('replaces that reporter part only', () => {
    const input = inbox();
    const before = rowsFromColumns(collectMonth(shipped, input).data!);
    // sthjj corrects every value it sent: add 1 to each actual value.
    const corrected = editFile(input, 'sthjj.csv', (t) =>
      t.replace(
        /^(2023-07,[^,]+,[^,]+,[^,]+,[^,]+,)([\d.]+)/gm,
        (_, head: string, v: string) => `${head}${Number(v) + 1}`,
      ),
    );
    const res = collectMonth(shipped, corrected);
    expect(res.problems).toEqual([]);
    const after = rowsFromColumns(res.data!);
    expect(after.map((r) => `${r.unit}|${r.item}`)).toEqual(before.map((r) => `${r.unit}|${r.item}`));
    const plan = reportingPlan(shipped);
    const changed = after.filter((r, i) => r.actual !== before[i]!.actual);
    expect(changed.length).toBeGreaterThan(0);
    for (const r of changed) expect(plan.reportersOf(r.unit, r.item)![0]).toBe('sthjj');
    expect(changed.length).toBe(plan.owed.get('sthjj')!.length);
  });
});

describe('conflicts and missing reporters', () => {
  // TN-HQD-01 (一产固投) is led by nyncj with fgw as co-lead: either may send it, and they must agree.
  const townRow = (t: string) =>
    t.split('\r\n').find((l) => l.startsWith(`${MONTH},beishidian,`) && l.includes(',TN-HQD-01,'))!;

  it('two reporters giving one cell different values: both named, nothing written', () => {
    const input = inbox();
    const row = townRow(text(fileOf(input, 'nyncj.csv')));
    const changed = row.replace(
      /,TN-HQD-01,([^,]*),([\d.]+)/,
      (_, n: string, v: string) => `,TN-HQD-01,${n},${Number(v) + 5}`,
    );
    const res = collectMonth(
      shipped,
      editFile(input, 'fgw.csv', (t) => `${t}\r\n${changed}`),
    );
    expect(res.ok).toBe(false);
    expect(res.data).toBeUndefined();
    const p = res.problems.find((x) => x.field === '实际值')!;
    expect(p.row).toBeGreaterThan(1);
    const named = `${p.file} ${p.expected}`;
    expect(named).toMatch(/fgw\.csv/);
    expect(named).toMatch(/nyncj\.csv/);
    expect(p.expected).toMatch(/第 \d+ 行/);
    expect(p.expected).toContain('北石店镇');
  });

  it('a co-lead sending the same value is no conflict and changes nothing', () => {
    const input = inbox();
    const row = townRow(text(fileOf(input, 'nyncj.csv')));
    const res = collectMonth(
      shipped,
      editFile(input, 'fgw.csv', (t) => `${t}\r\n${row}`),
    );
    expect(res.problems).toEqual([]);
    expect(dataToCsv(res.data!, shipped)).toBe(published(MONTH));
  });

  it('a reporter that sent nothing is reported and nothing is written, unless missing reporters are allowed', () => {
    const input = inbox();
    const without: CollectInput = {
      ...input,
      files: input.files.filter((f) => f.name !== 'sthjj.csv'),
      manifest: { ...input.manifest!, entries: input.manifest!.entries.filter((e) => e.reporter !== 'sthjj') },
    };
    const res = collectMonth(shipped, without);
    expect(res.ok).toBe(false);
    expect(res.data).toBeUndefined();
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0]!.found).toContain('sthjj');
    const sthjj = res.receipt.reporters.find((r) => r.reporter.id === 'sthjj')!;
    expect(sthjj.status).toBe('missing');
    expect(sthjj.missing).toHaveLength(reportingPlan(shipped).owed.get('sthjj')!.length);

    const partial = collectMonth(shipped, { ...without, allowMissing: true });
    expect(partial.ok).toBe(true);
    const units = rowsFromColumns(partial.data!).filter(
      (r) => reportingPlan(shipped).reportersOf(r.unit, r.item)![0] === 'sthjj',
    );
    expect(units).toEqual([]);
  });
});

describe('bad submissions are named (file, row, field, found, expected) and nothing is written', () => {
  const input = inbox();
  const sthjj = fileOf(input, 'sthjj.csv');
  const fgwRow = text(fileOf(input, 'fgw.csv')).split('\r\n')[1]!;
  const ownRow = text(fileOf(input, 'beishidian.csv')).split('\r\n')[1]!;
  const cases: {
    name: string;
    input: () => CollectInput;
    field: string;
    found: RegExp;
    row?: boolean;
    edit?: (b: ContentBundle) => void;
  }[] = [
    {
      name: 'an item the reporter does not lead',
      input: () => editFile(input, 'sthjj.csv', (t) => `${t}\r\n${fgwRow}`),
      field: '事项代码',
      found: /^CD-/,
      row: true,
    },
    {
      name: 'a unit the reporter does not cover',
      input: () =>
        editFile(
          input,
          'beishidian.csv',
          (t) => `${t}\r\n${ownRow.replace(',beishidian,北石店镇,', ',bagong,巴公镇,')}`,
        ),
      field: '单位代码',
      found: /^bagong$/,
      row: true,
    },
    {
      name: 'a row of another month',
      input: () => editFile(input, 'sthjj.csv', (t) => t.replace(/\r\n2023-07,/, '\r\n2023-06,')),
      field: '期间',
      found: /^2023-06$/,
      row: true,
    },
    {
      name: 'a file of an unknown reporter',
      input: () => ({ ...input, files: [...input.files, withText(sthjj, text(sthjj), 'abc.csv')] }),
      field: '文件名',
      found: /^abc\.csv$/,
    },
    {
      name: 'two files from one reporter',
      input: () => ({ ...input, files: [...input.files, withText(sthjj, text(sthjj), 'sthjj（更正）.csv')] }),
      field: '文件名',
      found: /更正/,
    },
    {
      name: 'a misnamed file',
      input: () => ({
        ...input,
        files: [...input.files.filter((f) => f !== sthjj), withText(sthjj, text(sthjj), 'sthjj-1.csv')],
      }),
      field: '文件名',
      found: /^sthjj-1\.csv$/,
    },
    {
      name: 'a workbook instead of a CSV',
      input: () => ({ ...input, files: [...input.files, withText(sthjj, 'x', 'sthjj.xlsx')] }),
      field: '文件名',
      found: /xlsx/,
    },
    {
      name: 'a file not in the manifest',
      input: () => ({
        ...input,
        manifest: { ...input.manifest!, entries: input.manifest!.entries.filter((e) => e.reporter !== 'sthjj') },
      }),
      field: 'sthjj',
      found: /.*/,
    },
    {
      name: 'a manifest line without its file',
      input: () => ({ ...input, files: input.files.filter((f) => f !== sthjj), allowMissing: true }),
      field: 'sthjj',
      found: /^sthjj$/,
    },
    {
      name: 'a value the importer rejects',
      input: () =>
        editFile(input, 'sthjj.csv', (t) => t.replace(/^(2023-07,[^,]+,[^,]+,[^,]+,[^,]+,)[\d.]+/m, '$1abc')),
      field: '实际值',
      found: /^abc$/,
      row: true,
    },
    {
      name: 'a file received after the month was published',
      edit: (b) => {
        b.dataMeta.published[MONTH] = '2023-08-05';
      },
      input: () => input,
      field: 'scjgj',
      found: /^2023-08-06$/,
    },
  ];
  it.each(cases)('$name', (c) => {
    const m = c.edit ? model(c.edit) : shipped;
    const res = collectMonth(m, c.input());
    expect(res.ok).toBe(false);
    expect(res.data).toBeUndefined();
    const p = res.problems.find((x) => x.field === c.field);
    expect(p, JSON.stringify(res.problems)).toBeDefined();
    expect(p!.found ?? '').toMatch(c.found);
    expect(p!.expected).toMatch(/[\u4e00-\u9fff]/);
    expect(p!.file).toMatch(/inbox\/2023-07\//);
    if (c.row) expect(p!.row).toBeGreaterThan(1);
  });

  it('a reporter sending a whole file that is not its own gets one message per kind, with the count', () => {
    const res = collectMonth(
      shipped,
      editFile(input, 'sthjj.csv', () => text(fileOf(input, 'fgw.csv'))),
    );
    const items = res.problems.filter((p) => p.file.endsWith('sthjj.csv') && p.field === '事项代码');
    expect(items.length).toBeLessThan(reportingPlan(shipped).owed.get('fgw')!.length);
    expect(items.some((p) => /同类问题共 \d+ 行/.test(p.expected))).toBe(true);
  });
});

describe('who reports what', () => {
  it('defaults: lead departments report what they lead, units their own key tasks, the office the events', () => {
    const plan = reportingPlan(shipped);
    expect(plan.reportersOf('zezhou', 'CO-ECO-01')).toEqual(['sthjj']); // led by sthjj, every county
    expect(plan.reportersOf('chengqu', 'CO-ECO-K1')).toEqual(['chengqu']); // a unit-specific key task
    expect(plan.reportersOf('sthjj', 'CD-ECO-01')).toEqual(['sthjj']); // a department's own item
    expect(plan.reportersOf('beishidian', 'TN-HQD-01')).toEqual(['nyncj', 'fgw']); // co-led: owner first
    expect(plan.reportersOf('zezhou', shipped.scheme.adjustments[0]!.code)).toEqual(['khb']);
    expect(reportingDueDate(shipped, '2023-12')).toBe('2024-01-03');
  });

  it('content naming an unknown reporter or lead without leads is a problem', () => {
    const { bundle } = loadBundle(CONTENT, ROOT);
    const tier = bundle!.tiers.find((t) => t.id === 'street')!;
    const noLeads = tier.items.find((i) => i.leads.length === 0)!;
    tier.items.find((i) => i !== noLeads)!.reportedBy = ['nobody'];
    noLeads.reportedBy = ['lead'];
    bundle!.scheme.reporting.offices.push({ id: 'fgw', name: '重名' });
    const problems = compileModel(bundle!).problems;
    expect(problems.map((p) => p.found)).toEqual(expect.arrayContaining(['nobody', 'lead', 'fgw']));
    expect(problems.every((p) => p.file.endsWith('.yaml'))).toBe(true);
  });
});

describe('a reporter template', () => {
  it('lists the reporter cells, pre-filled with names and last month values, as Excel-ready CSV', () => {
    const data = importCsv(new TextEncoder().encode(published('2023-06')), shipped, { file: 'x' });
    if (!data.ok) throw new Error('June does not import');
    const csv = reporterTemplateCsv(shipped, 'sthjj', MONTH, indexData(data.data));
    expect(csv.startsWith('\ufeff期间,单位代码,单位名称,事项代码,事项名称')).toBe(true);
    const lines = csv.slice(1).split('\r\n').slice(1);
    expect(lines).toHaveLength(reportingPlan(shipped).owed.get('sthjj')!.length);
    const june = new Map(rowsFromColumns(data.data).map((r) => [`${r.unit},${r.item}`, r]));
    for (const l of lines) {
      const [period, unit, name, item, , , actual] = l.split(',');
      expect(period).toBe(MONTH);
      expect(name).toBe(shipped.unitById.get(unit!)!.name);
      expect(actual).toBe(String(june.get(`${unit},${item}`)?.actual ?? ''));
    }
    // The template imports as it is: it is a valid submission for the month.
    const res = collectMonth(
      shipped,
      editFile(inbox(), 'sthjj.csv', () => csv),
    );
    expect(res.problems).toEqual([]);
  });
});
