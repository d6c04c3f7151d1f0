/**
 * The self-check page end to end, in Debian's Chromium: import a unit's CSV (UTF-8 with BOM and
 * GB18030) and get the CLI's totals; reload and see it restored; a bad file shows every problem and
 * changes nothing; what-if; IndexedDB blocked, quota exceeded, older stored format; cancel; verify a
 * published ranking; charts loaded on demand; offline after one visit; no request leaves the origin.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from './self-check-support.ts';
import { ROOT, build, cli, openBrowser, serve, toGb18030 } from './self-check-support.ts';
import { feedsSeen } from './site-harness.ts';
import { unlabelledUnits } from '../../src/engine/sample-label.ts';

const UNIT = 'chengqu';
const TIER = 'county';
const PERIOD = '2023-12';

let dir: string;
let dist: string;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
const outside: string[] = [];
const csp: string[] = [];
let badItem = { code: '', name: '' };
let files: { bom: string; gb: string; bad: string; big: string; merged: string; merged2: string };

interface CliRow {
  unit: string;
  total: number;
  rank: number;
  gradeLabel: string;
}

/** A CSV row list (header first) as written by the template. */
function parse(text: string): string[][] {
  return Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
}
const unparse = (rows: string[][]) => `\ufeff${Papa.unparse(rows, { newline: '\r\n' })}\r\n`;

/** The template with some actual values changed (so the result differs from the published one). */
function modified(template: string, factor: number): string[][] {
  const rows = parse(template);
  const h = rows[0]!;
  const ia = h.indexOf('实际值');
  let changed = 0;
  return rows.map((r, i) => {
    if (i === 0 || changed >= 4) return r;
    const v = Number(r[ia]);
    if (r[ia] === '' || Number.isNaN(v) || v === 0) return r;
    changed++;
    return r.map((c, j) => (j === ia ? String(Math.round(v * factor * 100) / 100) : c));
  });
}

/** Published data (CLI `data`) with the unit's rows of the month replaced by `own`: what the page ranks. */
function merge(published: string, own: string[][], period = PERIOD): string {
  const pub = parse(published);
  const ph = pub[0]!;
  const [pp, pu, pi, pa, pt, pn] = ['期间', '单位代码', '事项代码', '实际值', '目标值', '备注'].map((c) =>
    ph.indexOf(c),
  );
  const oh = own[0]!;
  const [op, ou, oi, oa, ot] = ['期间', '单位代码', '事项代码', '实际值', '目标值'].map((c) => oh.indexOf(c));
  const out = [['期间', '单位代码', '事项代码', '实际值', '目标值', '备注']];
  for (const r of pub.slice(1))
    if (!(r[pp!] === period && r[pu!] === UNIT)) out.push([r[pp!]!, r[pu!]!, r[pi!]!, r[pa!]!, r[pt!]!, r[pn!]!]);
  for (const r of own.slice(1))
    if (r[oa!] !== '' || r[ot!] !== '') out.push([r[op!]!, r[ou!]!, r[oi!]!, r[oa!]!, r[ot!]!, '']);
  return unparse(out);
}

async function cliScore(file: string): Promise<CliRow[]> {
  return cliRows(await cli(['score', '--data', file, '--tier', TIER, '--period', PERIOD, '--format', 'json']));
}

/** The units of a `kaohe score --format json` ranking (kaohe-ranking/3: unit rows under unitColumns, grade labels once in the head). */
function cliRows(text: string): CliRow[] {
  const j = JSON.parse(text) as { grades: Record<string, string> };
  const units = unlabelledUnits(j) as { unit: string; total: number; rank: number; grade: string }[];
  return units.map((u) => ({ unit: u.unit, total: u.total, rank: u.rank, gradeLabel: j.grades[u.grade]! }));
}

/** The ranking the page shows in the results (unit → total, rank). */
async function pageRanking(page: Page): Promise<Map<string, { total: number; rank: number }>> {
  await page.waitForSelector('[data-testid=results] [data-testid=ranking][data-current=true] tbody tr');
  const rows = await page.locator('[data-testid=results] [data-testid=ranking] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      unit: tr.getAttribute('data-unit')!,
      total: Number(tr.querySelector('[data-field=total]')!.textContent),
      rank: Number(tr.querySelector('[data-field=rank]')!.textContent),
    })),
  );
  return new Map(rows.map((r) => [r.unit, { total: r.total, rank: r.rank }]));
}

function expectSameRanking(got: Map<string, { total: number; rank: number }>, want: CliRow[]) {
  expect(got.size).toBe(want.length);
  for (const w of want) expect(got.get(w.unit), w.unit).toEqual({ total: w.total, rank: w.rank });
}

async function open(page: Page) {
  await page.goto(`${server.origin}/self-check/`);
  await page.waitForSelector('.sc[data-phase=ready]');
}

async function importFile(page: Page, path: string, opts: { whole?: boolean } = {}) {
  const name = path.split('/').pop()!;
  await page.selectOption('[data-testid=tier]', TIER);
  await page.selectOption('[data-testid=unit]', UNIT);
  await page.setChecked('[data-testid=whole-file]', opts.whole ?? false);
  await page.setInputFiles('[data-testid=file]', path);
  await page.waitForFunction(
    (n) => {
      const ok = document.querySelector('[data-testid=import-ok]')?.textContent ?? '';
      const bad = document.querySelector('[data-testid=problems] h2')?.textContent ?? '';
      return ok.includes(n) || bad.includes(n);
    },
    name,
    { timeout: 60_000 },
  );
  // The result comes first; the save and the rank ranges follow it.
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid=import-ok]')?.getAttribute('data-save') !== 'saving' &&
      !document.querySelector('[data-testid=results]')?.textContent?.includes('计算中'),
    undefined,
    { timeout: 60_000 },
  );
}

const total = async (page: Page) => Number(await page.locator('[data-testid=total]').textContent());

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaohe-self-check-e2e-'));
  dist = join(dir, 'dist');
  await build(dist);
  server = await serve(dist);

  const template = await cli(['template', '--unit', UNIT, '--period', PERIOD]);
  const published = await cli(['data']);
  const own1 = modified(template, 1.15);
  const own2 = modified(template, 0.8);
  files = {
    bom: join(dir, '城区-2023-12-utf8bom.csv'),
    gb: join(dir, '城区-2023-12-gb18030.csv'),
    bad: join(dir, '城区-有错误.csv'),
    big: join(dir, 'big.csv'),
    merged: join(dir, 'merged.csv'),
    merged2: join(dir, 'merged2.csv'),
  };
  writeFileSync(files.bom, unparse(own1));
  expect(readFileSync(files.bom).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  writeFileSync(files.gb, await toGb18030(Papa.unparse(own2, { newline: '\r\n' })));
  writeFileSync(files.merged, merge(published, own1));
  writeFileSync(files.merged2, merge(published, own2));
  // A bad file: a word for a number, an unknown item, a duplicate row, a percent in a full-width form that is fine.
  const bad = own1.map((r) => [...r]);
  const ia = bad[0]!.indexOf('实际值');
  const ii = bad[0]!.indexOf('事项代码');
  bad[1]![ia] = '七十八';
  badItem = { code: bad[1]![ii]!, name: bad[1]![bad[0]!.indexOf('事项名称')]! };
  bad[2]![ii] = 'NO-SUCH-ITEM';
  bad.push([...bad[3]!]);
  writeFileSync(files.bad, unparse(bad));
  // Big enough to cancel: 400k copies of the unit's rows (duplicates, but parsing takes a while first).
  const body = own1
    .slice(1)
    .map((r) => Papa.unparse([r]))
    .join('\r\n');
  writeFileSync(
    files.big,
    `${Papa.unparse([own1[0]!])}\r\n${Array.from({ length: 15_000 }, () => body).join('\r\n')}\r\n`,
  );

  browser = await openBrowser(server.origin);
  browser.page.on('pageerror', (e) => {
    throw e;
  });
}, 600_000);

afterAll(async () => {
  outside.push(...(browser?.outside ?? []));
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('self-check', () => {
  test('a unit CSV in UTF-8 with BOM ranks among the published peers exactly as the CLI does', async () => {
    const { page } = browser;
    await open(page);
    await importFile(page, files.bom);
    await page.locator('[data-testid=import-ok]').waitFor();
    expect(await page.locator('[data-testid=import-ok]').textContent()).toContain('utf-8-bom');
    const want = await cliScore(files.merged);
    expectSameRanking(await pageRanking(page), want);
    expect(await total(page)).toBe(want.find((r) => r.unit === UNIT)!.total);
    expect(await page.locator('[data-testid=grade]').textContent()).toBe(want.find((r) => r.unit === UNIT)!.gradeLabel);
  });

  test('the same unit in GB18030 (Excel on Chinese Windows) is decoded and scored the same way', async () => {
    const { page } = browser;
    await importFile(page, files.gb);
    expect(await page.locator('[data-testid=import-ok]').textContent()).toContain('gb18030');
    expectSameRanking(await pageRanking(page), await cliScore(files.merged2));
  });

  test('a whole data file gives the totals `kaohe score --data` gives on the same file', async () => {
    const { page } = browser;
    await importFile(page, files.gb, { whole: true });
    await page.waitForSelector('[data-testid=results] [data-testid=ranking] tbody tr');
    expectSameRanking(await pageRanking(page), await cliScore(files.gb));
    // Back to the unit's BOM data set for the next tests.
    await page
      .locator('[data-testid=datasets] tr', { hasText: 'utf8bom' })
      .getByRole('button', { name: /^使用/ })
      .click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=datasets] tr[aria-current=true]')?.textContent?.includes('utf8bom'),
    );
  });

  test('after a reload, and in a new tab, the data sets and the active result are restored', async () => {
    const { page, context } = browser;
    // The switch back to the BOM data set re-scores in the worker: wait for its result, not a stale one.
    const before = (await cliScore(files.merged)).find((r) => r.unit === UNIT)!.total;
    await expect.poll(() => total(page), { timeout: 15_000 }).toBe(before);
    await page.reload();
    await page.waitForSelector('[data-testid=total]');
    expect(await total(page)).toBe(before);
    expect(await page.locator('[data-testid=datasets] tbody tr').count()).toBe(3);
    const tab = await context.newPage();
    await open(tab);
    await tab.waitForSelector('[data-testid=total]');
    expect(await total(tab)).toBe(before);
    await tab.close();
  });

  test('data saved by the version before years (an index without activeByYear) opens on the latest year’s page', async () => {
    const { page } = browser;
    const before = await total(page);
    // What the previous version stored: the same records, an index with activeId only.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('kaohe-self-check');
          req.onsuccess = () => {
            const tx = req.result.transaction('kv', 'readwrite');
            const store = tx.objectStore('kv');
            const get = store.get('index');
            get.onsuccess = () => {
              const { activeByYear: _, ...old } = get.result as Record<string, unknown>;
              store.put(old, 'index');
            };
            tx.oncomplete = () => {
              req.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          req.onerror = () => reject(req.error);
        }),
    );
    await page.reload();
    await page.waitForSelector('[data-testid=total]');
    expect(await total(page)).toBe(before);
    expect(await page.locator('[data-testid=datasets] tbody tr').count()).toBe(3);
  });

  test('choosing a year: the 2022 self-check scores under the 2022 scheme among 2022 peers; data saved on the 2023 page stays there', async () => {
    const { context } = browser;
    const tab = await context.newPage();
    await tab.goto(`${server.origin}/2022/self-check/`);
    await tab.waitForSelector('.sc[data-phase=ready]');
    // The three data sets saved on the 2023 page (data of 2023 months) are not offered here, and the page says where they are.
    expect(await tab.locator('[data-testid=datasets] tbody tr').count()).toBe(0);
    expect(await tab.textContent('.sc')).toContain('另存有 3 个其他年度的数据集');
    // A 2022 template of the unit (2022's items) scores like `kaohe score` on 2022's data with it.
    const t22 = await cli(['template', '--unit', UNIT, '--period', '2022-12']);
    expect(t22).toContain('CO-IND-04'); // the county item only 2022 has
    const own = modified(t22, 1.1);
    const file = join(dir, '城区-2022-12.csv');
    writeFileSync(file, unparse(own));
    const merged = join(dir, 'merged-2022.csv');
    writeFileSync(merged, merge(await cli(['data', '--year', '2022']), own, '2022-12'));
    await importFile(tab, file);
    const want = cliRows(
      await cli([
        'score',
        '--data',
        merged,
        '--year',
        '2022',
        '--tier',
        TIER,
        '--period',
        '2022-12',
        '--format',
        'json',
      ]),
    );
    expectSameRanking(await pageRanking(tab), want);
    await tab.close();
    // Back on the 2023 page: its three data sets, the 2022 one listed as another year's.
    const again = await context.newPage();
    await open(again);
    expect(await again.locator('[data-testid=datasets] tbody tr').count()).toBe(3);
    expect(await again.textContent('.sc')).toContain('另存有 1 个其他年度的数据集');
    await again.close();
  });

  test('history: 陵川县’s 2023 year-end 连续两年靠后 reads its 2022 result as published, and January is 不可比, as on the site', async () => {
    // A browser of its own, so the data sets of the other tests stay as they are.
    const other = await openBrowser(server.origin);
    try {
      const page = other.page;
      await open(page);
      const unit = 'lingchuan';
      // Its published values for January and December 2023, in one file (the template fills them in).
      const jan = parse(await cli(['template', '--unit', unit, '--period', '2023-01']));
      const dec = parse(await cli(['template', '--unit', unit, '--period', '2023-12']));
      const file = join(dir, '陵川县-2023.csv');
      writeFileSync(file, unparse([...jan, ...dec.slice(1)]));
      await page.selectOption('[data-testid=tier]', TIER);
      await page.selectOption('[data-testid=unit]', unit);
      await page.setInputFiles('[data-testid=file]', file);
      await page.waitForSelector('[data-testid=import-ok]', { timeout: 60_000 });
      const site = async (period: string) => ({
        units: unlabelledUnits(
          JSON.parse(await cli(['score', '--tier', TIER, '--period', period, '--format', 'json'])),
        ) as {
          unit: string;
          previousRank: number | null;
          previousComparable: boolean | null;
          consequences: string[];
        }[],
      });
      const show = async (period: string) => {
        await page.selectOption('[data-testid=view-period]', period);
        await page.waitForFunction(
          (p) =>
            (document.querySelector('[data-testid=view-period]') as HTMLSelectElement | null)?.value === p &&
            document.querySelector('[data-testid=results]')?.getAttribute('aria-busy') === 'false',
          period,
        );
        await page.waitForSelector('[data-testid=results] [data-testid=ranking][data-current=true] tbody tr');
      };

      await show('2023-Y');
      const year = (await site('2023-Y')).units.find((u) => u.unit === unit)!;
      expect(year.consequences).toContain('adjustment-county');
      const ids = await page
        .locator('[data-testid=consequences] li')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')));
      expect(ids).toEqual(year.consequences);
      expect(await page.textContent('[data-testid=consequences]')).toContain('连续两年靠后');
      // The county items changed between 2022 and 2023: last year's rank is not comparable, never an arrow.
      expect(year.previousComparable).toBe(false);
      expect((await page.textContent('[data-testid=previous-rank]'))?.trim()).toBe('不可比');

      await show('2023-01');
      const january = await site('2023-01');
      expect(january.units.every((u) => u.previousComparable === false)).toBe(true);
      const shown = await page
        .locator('[data-testid=results] [data-testid=ranking] tbody [data-field=previous]')
        .evaluateAll((tds) => tds.map((td) => td.textContent?.trim()));
      expect(shown).toEqual(january.units.map(() => '不可比'));
    } finally {
      outside.push(...other.outside);
      csp.push(...other.csp);
      await other.close();
    }
  });

  test('a first visit loads no engine worker until the user acts (or the page is idle); the form is ready at once', async () => {
    const other = await openBrowser(server.origin);
    try {
      await open(other.page);
      await other.page.waitForTimeout(1500);
      const workers = () => other.requests.filter((u) => /(import|part)-worker-[^/]*\.js$/.test(u));
      expect(workers()).toEqual([]);
      // The units are offered before the worker runs (the page carries the catalog).
      await other.page.selectOption('[data-testid=tier]', TIER);
      expect(await other.page.locator('[data-testid=unit] option').count()).toBeGreaterThan(2);
      await other.page.selectOption('[data-testid=unit]', UNIT);
      await other.page.waitForFunction(() => performance.getEntriesByName('kaohe:init-done').length > 0);
      expect(workers().some((u) => u.includes('import-worker'))).toBe(true);
      // Helpers for large files start with a large file only.
      expect(workers().some((u) => u.includes('part-worker'))).toBe(false);
    } finally {
      outside.push(...other.outside);
      csp.push(...other.csp);
      await other.close();
    }
  });

  test('a bad file shows every problem (row, field, found, expected) and changes nothing stored', async () => {
    const { page } = browser;
    const before = await total(page);
    await importFile(page, files.bad);
    const problems = page.locator('[data-testid=problems]');
    expect(await problems.locator('h2').textContent()).toContain('3 个问题');
    const text = await problems.locator('tbody').textContent();
    expect(text).toContain('七十八');
    expect(text).toContain('NO-SUCH-ITEM');
    expect(text).toContain('重复');
    // Each problem row names its item by code and name; an unknown code says to use the template's codes.
    const rows = await problems
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const word = rows.find((r) => r.includes('七十八'))!;
    expect(word[1]).toBe(`${badItem.code} ${badItem.name}`);
    const unknown = rows.find((r) => r.includes('NO-SUCH-ITEM'))!;
    expect(unknown[1]).toBe('—');
    expect(unknown[4]).toContain('模板中的事项代码');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sc-problems-h');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=problems-csv]')]);
    const csv = readFileSync((await dl.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\ufeff文件,行,事项,字段,发现,应为');
    expect(csv).toContain(`${badItem.code} ${badItem.name}`);
    expect(csv).toContain('NO-SUCH-ITEM');
    expect(await total(page)).toBe(before);
    await page.reload();
    await page.waitForSelector('[data-testid=total]');
    expect(await page.locator('[data-testid=datasets] tbody tr').count()).toBe(3);
    expect(await total(page)).toBe(before);
  });

  test('what-if: editing a value moves the score at once; reset brings it back', async () => {
    const { page } = browser;
    const before = await total(page);
    await page.waitForSelector('[data-testid=items][data-current=true] tbody tr');
    const row = page
      .locator('[data-testid=items] tbody tr')
      .filter({ has: page.locator('input[data-field=actual]') })
      .first();
    const input = row.locator('input[data-field=actual]');
    const old = await input.inputValue();
    await input.fill(String(Number(old) * 0.3));
    await page.waitForSelector('[data-testid=whatif-delta]');
    const after = await total(page);
    expect(after).toBeLessThan(before);
    expect(await page.locator('[data-testid=whatif-delta]').textContent()).toContain(before.toFixed(2));
    await input.fill('not a number');
    await page.waitForSelector('[data-testid=edit-problems]');
    await page.click('[data-testid=reset]');
    await page.waitForFunction(() => !document.querySelector('[data-testid=whatif-delta]'));
    expect(await total(page)).toBe(before);
  });

  test('提升空间: applying a suggested change as a what-if gives the promised rank; reset brings it back', async () => {
    const { page } = browser;
    await page.waitForSelector('[data-testid=advice]');
    const button = page.locator('[data-testid=apply-advice]').first();
    if ((await button.count()) === 0) {
      expect(await page.textContent('[data-testid=advice]')).toContain('已是第 1 名');
      return;
    }
    const promised = Number((await button.locator('xpath=..').textContent())!.match(/→ 第 (\d+) 名/)![1]);
    const before = Number((await page.textContent('[data-testid=rank]'))!.match(/第 (\d+) 名/)![1]);
    expect(promised).toBeLessThan(before);
    await button.click();
    await page.waitForSelector('[data-testid=whatif-delta]');
    await expect
      .poll(async () => page.textContent('[data-testid=rank]'), { timeout: 15_000 })
      .toContain(`第 ${promised} 名`);
    await page.click('[data-testid=reset]');
    await page.waitForFunction(() => !document.querySelector('[data-testid=whatif-delta]'));
    expect(await page.textContent('[data-testid=rank]')).toContain(`第 ${before} 名`);
  });

  test('export the results as CSV', async () => {
    const { page } = browser;
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export]')]);
    const csv = readFileSync((await dl.path())!, 'utf8');
    expect(csv.startsWith('\ufeff事项代码,事项名称,权重')).toBe(true);
    expect(csv.split('\r\n').length).toBeGreaterThan(10);
  });

  test('accessible: no axe violations in the island; keyboard reaches the file picker; print shows results only', async () => {
    const { page } = browser;
    // Evaluated, not added as a <script>: the page's Content-Security-Policy rightly blocks an injected inline script.
    await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              el: Element,
              o: object,
            ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
          };
        }
      ).axe;
      const r = await axe.run(document.querySelector('.sc')!, { resultTypes: ['violations'] });
      return r.violations.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(', ')}`,
      );
    });
    expect(violations).toEqual([]);
    // The status line is a polite live region; the file input is reachable with Tab from the template button.
    expect(await page.getAttribute('[data-testid=status]', 'aria-live')).toBe('polite');
    await page.focus('[data-testid=template]');
    let reached = false;
    for (let i = 0; i < 6 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'file');
    }
    expect(reached).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('[data-testid=results]')).toBe(true);
    expect(await page.isVisible('[data-testid=drop]')).toBe(false);
    expect(await page.isVisible('[data-testid=export]')).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  test('charts load only when shown, each with its table', async () => {
    const { page, requests } = browser;
    const chartChunk = () => requests.filter((u) => /\/_astro\/(Charts|chart)\.[^/]*\.js$/.test(u));
    expect(chartChunk()).toEqual([]);
    await page.click('[data-testid=charts-toggle]');
    await page.waitForSelector('[data-testid=charts] canvas');
    expect(chartChunk().length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=charts] table').count()).toBeGreaterThanOrEqual(1);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=charts] canvas').length === 2);
  });

  test('cancel stops a long import and keeps what was stored', async () => {
    const { page } = browser;
    const before = await total(page);
    await page.selectOption('[data-testid=tier]', TIER);
    await page.selectOption('[data-testid=unit]', UNIT);
    await page.setChecked('[data-testid=whole-file]', false);
    await page.setInputFiles('[data-testid=file]', files.big);
    await page.waitForSelector('[data-testid=cancel]');
    await page.click('[data-testid=cancel]');
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent?.includes('已取消'));
    expect(await page.locator('[data-testid=importing]').count()).toBe(0);
    // The worker restarted: scoring still works, and the stored data is as before.
    await page.reload();
    await page.waitForSelector('[data-testid=total]');
    expect(await total(page)).toBe(before);
    expect(await page.locator('[data-testid=datasets] tbody tr').count()).toBe(3);
  });

  test('verify a published ranking: the browser gets the totals and ranks the site shows', async () => {
    const { page } = browser;
    await page.selectOption('[data-testid=verify-tier]', TIER);
    await page.selectOption('[data-testid=verify-period]', PERIOD);
    await page.click('[data-testid=verify-run]');
    await page.waitForSelector('[data-testid=verify-match]');
    const site = unlabelledUnits(
      JSON.parse(readFileSync(join(dist, 'rankings', TIER, `${PERIOD}.json`), 'utf8')),
    ) as CliRow[];
    const shown = await page.locator('[data-testid=verify-result] [data-testid=ranking] tbody tr').count();
    expect(shown).toBe(site.length);
  });

  test('a stored record of an older format is reported, not misread', async () => {
    const { page } = browser;
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('kaohe-self-check');
          req.onsuccess = () => {
            const tx = req.result.transaction('kv', 'readwrite');
            tx.objectStore('kv').put({ version: 0, rows: [] }, 'dataset:legacy');
            tx.oncomplete = () => {
              req.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          req.onerror = () => reject(req.error);
        }),
    );
    await page.reload();
    await page.waitForSelector('[data-testid=unreadable]');
    expect(await page.locator('[data-testid=unreadable]').textContent()).toContain('无法读取');
    await page.locator('[data-testid=unreadable] button').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=unreadable]'));
    expect(await page.locator('[data-testid=datasets] tbody tr').count()).toBe(3);
  });

  test('another tab sees a new import at once', async () => {
    const { page, context } = browser;
    const other = await context.newPage();
    await open(other);
    const count = await other.locator('[data-testid=datasets] tbody tr').count();
    await importFile(page, files.bom);
    await other.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=datasets] tbody tr').length === n + 1,
      count,
    );
    await other.close();
  });

  test('what a spreadsheet did to the file (issue #15): a deleted row warned; dates in the period column, or a word in every target, one problem each', async () => {
    const { page } = browser;
    await open(page);
    const own = parse(readFileSync(files.bom, 'utf8'));
    const h = own[0]!;
    const [ip, it, ii, iname] = ['期间', '目标值', '事项代码', '事项名称'].map((c) => h.indexOf(c));
    const write = (name: string, rows: string[][]) => {
      const f = join(dir, name);
      writeFileSync(f, unparse(rows));
      return f;
    };
    const column = (j: number, v: string) => own.map((r, i) => (i === 0 ? r : r.map((c, k) => (k === j ? v : c))));
    const problemRows = () =>
      page
        .locator('[data-testid=problems] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    // Periods Excel turned into dates: said once for the whole column, with the fix.
    await importFile(page, write('城区-期间成了日期.csv', column(ip!, 'Dec-23')));
    let rows = await problemRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]![4]).toContain('期间列被电子表格转换成了日期（2023-12 被显示为“Dec-23”）');
    // A word in the target column of every row: one problem naming every row (of several items: none named).
    await importFile(page, write('城区-目标值错.csv', column(it!, 'abc')));
    rows = await problemRows();
    expect(rows).toEqual([[`2–${own.length}`, '—', '目标值', 'abc', expect.stringContaining('数字')]]);
    // A row deleted in Excel: imported and scored with the item missing, and a warning names it and its rule.
    await importFile(
      page,
      write(
        '城区-少一行.csv',
        own.filter((_, i) => i !== 1),
      ),
    );
    const warned = (await page.locator('[data-testid=import-warnings]').textContent())!;
    expect(warned).toContain('缺少 1 个事项');
    expect(warned).toContain(`${own[1]![ii!]} ${own[1]![iname!]}`);
  });

  test('clear my data removes everything', async () => {
    const { page } = browser;
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid=clear]');
    await page.waitForFunction(() => !document.querySelector('[data-testid=datasets] tbody'));
    await page.reload();
    await page.waitForSelector('.sc[data-phase=ready]');
    expect(await page.locator('[data-testid=datasets] tbody tr').count()).toBe(0);
    expect(await page.locator('[data-testid=results]').count()).toBe(0);
  });

  test('IndexedDB blocked: the page works in memory and says so', async () => {
    const b = await openBrowser(server.origin);
    try {
      await b.context.addInitScript(() => {
        Object.defineProperty(window, 'indexedDB', {
          get() {
            throw new DOMException('blocked', 'SecurityError');
          },
        });
      });
      await open(b.page);
      await b.page.waitForSelector('[data-testid=memory-notice]');
      await importFile(b.page, files.bom);
      expect(await b.page.locator('[data-testid=total]').count()).toBe(1);
      expect(await b.page.locator('[data-testid=datasets]').textContent()).toContain('仅内存模式');
    } finally {
      outside.push(...b.outside);
      csp.push(...b.csp);
      await b.close();
    }
  });

  test('the result is shown while the data set is saved (正在保存 → 已保存); a reload mid-save keeps the earlier state whole', async () => {
    // The worker script is served with the data set's IndexedDB transaction held open (a long save) when `hold`.
    const b = await openBrowser(server.origin, { serviceWorkers: 'block' });
    let hold = false;
    try {
      await b.context.route('**/_astro/import-worker-*.js', async (route) => {
        const res = await route.fetch();
        const patch = hold
          ? `{const put=IDBObjectStore.prototype.put;IDBObjectStore.prototype.put=function(v,k){const r=put.call(this,v,k);if(typeof k==='string'&&k.startsWith('dataset:')){const s=this;const spin=()=>{s.get('index').onsuccess=spin;};spin();}return r;};}\n`
          : '';
        await route.fulfill({ response: res, body: patch + (await res.text()) });
      });
      await open(b.page);
      // What the report says, in order, from the moment the file is chosen.
      await b.page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { __save: string[] }).__save = seen;
        new MutationObserver(() => {
          const v = document.querySelector('[data-testid=import-ok]')?.getAttribute('data-save') ?? '';
          const ranges = document.querySelector('[data-testid=results]')?.textContent?.includes('计算中')
            ? '+ranges'
            : '';
          const k = v + ranges;
          if (k && seen.at(-1) !== k) seen.push(k);
        }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
      await importFile(b.page, files.bom);
      const seen = await b.page.evaluate(() => (window as unknown as { __save: string[] }).__save);
      expect(seen[0]).toMatch(/^saving/);
      expect(seen.at(-1)).toBe('saved');
      expect(await b.page.locator('[data-testid=import-ok]').textContent()).toContain('已保存在本机浏览器');
      expect(await b.page.locator('[data-testid=datasets] tbody tr').textContent()).toContain('已保存');
      const first = await total(b.page);

      // A second file whose save does not finish: the result is shown, the page says 正在保存, and a reload
      // then shows the first data set only, whole (the second's one transaction never committed).
      hold = true;
      await b.page.reload();
      await b.page.waitForSelector('[data-testid=total]');
      await b.page.selectOption('[data-testid=tier]', TIER);
      await b.page.selectOption('[data-testid=unit]', UNIT);
      await b.page.setInputFiles('[data-testid=file]', files.gb);
      await b.page.waitForSelector('[data-testid=import-ok][data-save=saving]', { timeout: 60_000 });
      expect(await b.page.locator('[data-testid=saving]').textContent()).toContain('正在保存');
      expect(await b.page.locator('[data-testid=datasets]').textContent()).toContain('正在保存');
      expect(await total(b.page)).not.toBe(first);
      hold = false;
      b.page.on('dialog', (d) => void d.accept());
      await b.page.reload();
      await b.page.waitForSelector('[data-testid=total]');
      expect(await b.page.locator('[data-testid=datasets] tbody tr').count()).toBe(1);
      expect(await b.page.locator('[data-testid=datasets]').textContent()).toContain('utf8bom');
      expect(await b.page.locator('[data-testid=datasets]').textContent()).not.toContain('无法读取');
      expect(await total(b.page)).toBe(first);
    } finally {
      outside.push(...b.outside);
      csp.push(...b.csp);
      await b.close();
    }
  });

  test('quota exceeded: the user is told and earlier data stays intact', async () => {
    // Chromium's real quota is ~10 GB here and CDP's quota override does not reach IndexedDB in this
    // build, so the worker script is served with IndexedDB writes of data sets failing as a full disk does.
    const b = await openBrowser(server.origin, { serviceWorkers: 'block' });
    let full = false;
    try {
      await b.context.route('**/_astro/import-worker-*.js', async (route) => {
        const res = await route.fetch();
        const patch = full
          ? `{const put=IDBObjectStore.prototype.put;IDBObjectStore.prototype.put=function(v,k){if(typeof k==='string'&&k.startsWith('dataset:'))throw new DOMException('The quota has been exceeded.','QuotaExceededError');return put.call(this,v,k);};}\n`
          : '';
        await route.fulfill({ response: res, body: patch + (await res.text()) });
      });
      await open(b.page);
      await importFile(b.page, files.bom);
      const first = await total(b.page);
      full = true;
      await b.page.reload();
      await b.page.waitForSelector('[data-testid=total]');
      await importFile(b.page, files.gb);
      await b.page.waitForSelector('[data-testid=save-error]');
      expect(await b.page.locator('[data-testid=save-error]').textContent()).toContain('存储空间不足');
      // The new data is shown (in memory) and listed as not saved.
      expect(await b.page.locator('[data-testid=datasets]').textContent()).toContain('未保存');
      full = false;
      await b.page.reload();
      await b.page.waitForSelector('[data-testid=total]');
      expect(await b.page.locator('[data-testid=datasets] tbody tr').count()).toBe(1);
      expect(await total(b.page)).toBe(first);
    } finally {
      outside.push(...b.outside);
      csp.push(...b.csp);
      await b.close();
    }
  });

  test('published data unreachable while scoring: the valid file is saved and the failure is said, never "not imported"', async () => {
    const b = await openBrowser(server.origin, { serviceWorkers: 'block' });
    try {
      await open(b.page);
      // The engine worker starts on the first interaction and loads the scheme.
      await b.page.selectOption('[data-testid=tier]', TIER);
      await b.page.waitForFunction(() => performance.getEntriesByName('kaohe:init-done').length > 0);
      // The scheme is loaded; now the published months become unreachable (offline, or republished meanwhile).
      await b.context.route('**/self-check/published/*.json', (route) => route.abort());
      await importFile(b.page, files.bom);
      expect(await b.page.locator('[data-testid=import-ok]').textContent()).toContain(files.bom.split('/').pop()!);
      const alert = await b.page.locator('[data-testid=results] [role=alert]').textContent();
      expect(alert).toContain('无法读取站点发布的数据');
      await b.context.unroute('**/self-check/published/*.json');
      await b.page.reload();
      await b.page.waitForSelector('[data-testid=total]');
      expect(await b.page.locator('[data-testid=datasets]').textContent()).toContain(files.bom.split('/').pop()!);
    } finally {
      outside.push(...b.outside);
      csp.push(...b.csp);
      await b.close();
    }
  });

  test('works offline once loaded', async () => {
    // Request routing takes requests away from the service worker, so this browser only records them.
    const b = await openBrowser(server.origin, { abortOutside: false });
    try {
      await open(b.page);
      await importFile(b.page, files.bom);
      await b.page.waitForFunction(
        async () => {
          const reg = await navigator.serviceWorker.getRegistration();
          if (!reg?.active) return false;
          const keys = await caches.keys();
          if (keys.length === 0) return false;
          const c = await caches.open(keys[0]!);
          // The precache is done: the page, the worker's code and its year's data (kept under /2023/self-check/),
          // and every script and style the page loaded before the service worker took control.
          const urls = new Set((await c.keys()).map((r) => new URL(r.url).pathname));
          const loaded = performance
            .getEntriesByType('resource')
            .map((e) => new URL(e.name))
            .filter((u) => u.origin === location.origin && /^\/(_astro\/|(\d{4}\/)?self-check\/)/.test(u.pathname))
            .map((u) => u.pathname);
          return (
            [...urls].some((u) => u.includes('import-worker')) &&
            urls.has(location.pathname) &&
            [...urls].some((u) => /\/\d{4}\/self-check\/published\/index\.json$/.test(u)) &&
            loaded.every((u) => urls.has(u))
          );
        },
        undefined,
        { timeout: 20_000 },
      );
      const before = await total(b.page);
      await b.context.setOffline(true);
      await b.page.reload();
      await b.page.waitForSelector('[data-testid=total]');
      expect(await total(b.page)).toBe(before);
      // The page itself came from the service worker.
      expect(
        await b.page.evaluate(
          () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).workerStart,
        ),
      ).toBeGreaterThan(0);
      // The page says when the network goes and comes back.
      await b.context.setOffline(false);
      await b.context.setOffline(true);
      await b.page.waitForSelector('.sc-offline');
      await b.context.setOffline(false);
      await b.page.waitForFunction(() => !document.querySelector('.sc-offline'));
    } finally {
      outside.push(...b.outside);
      csp.push(...b.csp);
      await b.close();
    }
  });

  test('a build without KAOHE_SITE (as `npm start` makes) links where it is served: no placeholder host, no sitemap, relative feed links', async () => {
    // This file's build is such a build (the site e2e build is the deployed kind, with KAOHE_SITE).
    const seen = await feedsSeen(dist, server.origin, '/');
    expect(seen.placeholder).toEqual([]);
    expect((await fetch(`${server.origin}/sitemap.xml`)).status).toBe(404);
    expect(await (await fetch(`${server.origin}/robots.txt`)).text()).not.toContain('Sitemap');
    expect(seen.rss.bozo, seen.rss.bozo_exception).toBe(false);
    expect(seen.rss.entries.length).toBeGreaterThan(0);
    // feedparser resolves the relative links against the feed's own address, as readers do.
    // An earlier year's announcement lives under its year (/2022/announcements/…).
    for (const e of seen.rss.entries)
      expect(e.link).toMatch(new RegExp(`^${server.origin}/(\\d{4}/)?announcements/[^/]+/$`));
    expect(seen.calendars['calendar.ics']!.events.length).toBeGreaterThan(12);
  });

  test('no request ever left the origin', async () => {
    outside.push(...browser.outside);
    expect(browser.requests.length).toBeGreaterThan(10);
    expect(outside).toEqual([]);
  });

  test('everything above ran under the Content-Security-Policy with no violation: pages, workers, service worker', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/self-check/`);
    const meta = await page.getAttribute('meta[http-equiv="content-security-policy"]', 'content');
    expect(meta).toMatch(/script-src 'self' 'sha256-/);
    expect(meta).not.toMatch(/unsafe-(inline|eval)/);
    // The workers' scripts carry the policy as a header (dist/_headers, as a static host serves it).
    const worker = browser.requests.find((u) => /import-worker-[^/]*\.js$/.test(u))!;
    expect((await fetch(worker)).headers.get('content-security-policy')).toMatch(/script-src 'self'; style-src 'self'/);
    // default-src 'self' covers the service worker's fetches (connect-src falls back to it); no frames, no framing.
    const swPolicy = (await fetch(`${server.origin}/sw.js`)).headers.get('content-security-policy');
    expect(swPolicy).toMatch(/^default-src 'self'; /);
    expect(swPolicy).toMatch(/frame-src 'none'.*frame-ancestors 'none'/);
    await page.close();
    csp.push(...browser.csp);
    expect(csp).toEqual([]);
  });
});
