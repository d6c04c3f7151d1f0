/**
 * The public site end to end: build it once under a sub-path, serve dist on 127.0.0.1, drive Debian's
 * Chromium. Numbers are checked against the engine (and the CLI's JSON), every page type against axe,
 * the console and the network (nothing may leave the origin), and pages ship no JavaScript but charts
 * and search.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SAMPLE_DATA_CELL,
  SAMPLE_NOTICE,
  adviseTier,
  periodsOfYear,
  publishedReceipt,
  rankingFile,
  rankingFileText,
  rankingJson,
  reportingDueDate,
  reportingPlan,
} from '../../src/engine/index.ts';
import { inboxMonths, readManifest } from '../../src/content-io/inbox.ts';
import type { DataColumns, Model, Scorer } from '../../src/engine/index.ts';
import { loadYears, yearScorersOf } from '../../src/content-io/load-content.ts';
import { search } from '../../src/site/search.ts';
import { KIND_LABELS, calendarEvents, expandRule } from '../../src/site/calendar.ts';
import type { SearchDoc } from '../../src/site/search.ts';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, buildSite, feedsSeen, scratchDir, serveStatic } from './site-harness.ts';

const BASE = '/kaohe/';
const SITE = 'https://kaohe-e2e.test';
const CONTENT_ROOT = join(ROOT, 'content');
/** The latest year, which the site shows at today's URLs. */
const CONTENT = join(CONTENT_ROOT, '2023');
/** Every year folder (content/2022, content/2023). */
const yearFolders = () =>
  readdirSync(CONTENT_ROOT)
    .filter((n) => /^\d{4}$/.test(n))
    .map((n) => join(CONTENT_ROOT, n));
const tmp = scratchDir('site-e2e-');
const outDir = join(tmp, 'dist');

let origin = '';
let closeServer: () => Promise<void> = async () => {};
let context: BrowserContext;
let model: Model;
let scorer: Scorer;
let allData: DataColumns;
let periods: string[] = [];
let buildOutput = '';
const cspViolations: { url: string; text: string }[] = [];
const cspOf = (page: Page) => cspViolations.filter((v) => v.url === page.url()).map((v) => v.text);

/** Everything one page load did: console errors, requests, bytes. */
interface Visit {
  page: Page;
  status: number;
  errors: string[];
  outside: string[];
  requests: { url: string; type: string; bytes: number; gz: number }[];
}

async function visit(path: string, options: { scroll?: boolean } = {}): Promise<Visit> {
  const page = await context.newPage();
  const errors: string[] = [];
  const outside: string[] = [];
  const requests: Visit['requests'] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) outside.push(r.url());
  });
  page.on('response', async (r) => {
    try {
      const body = await r.body();
      requests.push({ url: r.url(), type: r.request().resourceType(), bytes: body.length, gz: gzipSync(body).length });
    } catch {
      /* redirects and aborted requests have no body */
    }
  });
  const res = await page.goto(`${origin}${BASE}${path}`, { waitUntil: 'load' });
  if (options.scroll) {
    // Charts are drawn when they scroll into view (the canvas stays hidden until then: its box is what scrolls).
    for (const c of await page.locator('.chart-box:has(canvas[data-chart])').all()) await c.scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(150);
  }
  return { page, status: res?.status() ?? 0, errors, outside, requests };
}

async function axe(page: Page) {
  // Evaluated, not added as a <script>: the page's Content-Security-Policy rightly blocks an injected inline script.
  await page.evaluate(readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run: (
          ctx: Document,
          opts: object,
        ) => Promise<{
          violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
        }>;
      };
    };
    return w.axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

/** Elements wider than the screen outside a labelled, focusable region that scrolls sideways (the menu scrolls through its links). */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const scrolls = (el: Element) => /auto|scroll/.test(getComputedStyle(el).overflowX);
    // A region that scrolls sideways must be labelled and reachable by keyboard; the menu scrolls through its links.
    const inRegion = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement)
        if (scrolls(p)) return p.matches('[role=region][tabindex="0"][aria-label], nav[aria-label]');
      return false;
    };
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || el.closest('.visually-hidden, .skip')) continue;
      if ((r.right > vw + 1 || r.left < -1) && !inRegion(el))
        out.push(`${el.tagName.toLowerCase()}.${el.className} “${(el.textContent ?? '').trim().slice(0, 20)}”`);
    }
    if (document.documentElement.scrollWidth > vw)
      out.push(`page scrolls sideways (${document.documentElement.scrollWidth} px)`);
    return out.slice(0, 5);
  });
}

beforeAll(async () => {
  const years = loadYears(CONTENT_ROOT, { root: ROOT });
  expect(years.problems).toEqual([]);
  const loaded = years.latest!;
  model = loaded.model!;
  // The site's scorer: the latest year's, linked to the earlier years' own results.
  scorer = yearScorersOf(years).scorers.get(model.scheme.year)!;
  allData = loaded.data;
  const inYear = scorer.months.filter((m) => m.startsWith(`${model.scheme.year}-`));
  periods = periodsOfYear(model.scheme.year, Number(inYear.at(-1)!.slice(5, 7))).map((p) => p.id);

  // Built as the deployment is: with its public origin (KAOHE_SITE); the self-check e2e build has none, as `npm start`.
  const built = await buildSite({ outDir, base: BASE, env: { KAOHE_SITE: SITE } });
  buildOutput = built.output;
  if (built.code !== 0) throw new Error(`astro build failed:\n${built.output.slice(-4000)}`);
  const server = await serveStatic(outDir, BASE);
  origin = server.origin;
  closeServer = server.close;
  const profile = join(tmp, 'profile');
  mkdirSync(profile);
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1366, height: 900 },
  });
  // Nothing may leave the origin: record and refuse anything else.
  await context.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
  // Every Content-Security-Policy violation of any page, as the page itself sees it.
  await context.exposeBinding('__kaoheCsp', ({ page }, text: string) => {
    cspViolations.push({ url: page?.url() ?? '', text });
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __kaoheCsp: (t: string) => void }).__kaoheCsp(
        `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}${e.sample ? `: ${e.sample}` : ''}`,
      );
    });
  });
}, 300_000);

afterAll(async () => {
  await context?.close();
  await closeServer();
  rmSync(tmp, { recursive: true, force: true });
});

const tierIds = () => model.tiers.map((t) => t.id);
const firstUnit = (tier: string) => model.unitsByTier.get(tier)![0]!;

/** One representative page per page type; `js` marks the only pages allowed to ship JavaScript. */
function pageTypes(): { type: string; path: string; data: boolean; js?: 'chart' | 'search'; status?: number }[] {
  const rules = readdirSync(join(CONTENT, 'rules'))
    .filter((f) => f.endsWith('.md'))
    .sort();
  const anns = readdirSync(join(CONTENT, 'announcements'))
    .filter((f) => f.endsWith('.md'))
    .sort();
  const ann = anns.find((f) => /\ntier:/.test(readFileSync(join(CONTENT, 'announcements', f), 'utf8'))) ?? anns[0]!;
  const tier = model.tierById.has('county') ? 'county' : tierIds()[0]!;
  const month = periods.filter((p) => /^\d{4}-\d{2}$/.test(p)).at(5) ?? periods[0]!;
  return [
    { type: '首页', path: '', data: true },
    { type: '考核办法', path: 'rules/', data: false },
    { type: '规则文件', path: `rules/${rules[0]!.replace(/\.md$/, '')}/`, data: false },
    { type: '指标清单', path: 'indicators/', data: false },
    { type: '类别指标', path: `indicators/${tier}/`, data: false },
    { type: '排名索引', path: 'rankings/', data: true },
    { type: '类别排名', path: `rankings/${tier}/`, data: true },
    { type: '排名页', path: `rankings/${tier}/${month}/`, data: true, js: 'chart' },
    { type: '单位列表', path: 'units/', data: true },
    // The unit page's history chart is its static picture only (StaticChart): the page ships no JavaScript.
    { type: '单位页', path: `units/${firstUnit(tier).id}/`, data: true },
    { type: '监测', path: 'monitoring/', data: true },
    { type: '类别监测', path: `monitoring/${tier}/`, data: true },
    { type: '调度看板', path: `monitoring/${tier}/${month}/`, data: true },
    { type: '公告列表', path: 'announcements/', data: false },
    {
      type: '公告',
      path: `announcements/${ann.replace(/\.md$/, '')}/`,
      data: /\ntier:/.test(readFileSync(join(CONTENT, 'announcements', ann), 'utf8')),
    },
    { type: '日历', path: 'calendar/', data: false },
    { type: '报送情况', path: 'reporting/', data: true },
    { type: '月报送情况', path: `reporting/${month}/`, data: true },
    { type: '搜索', path: `search/?q=${encodeURIComponent('城市建设')}`, data: false, js: 'search' },
    { type: '404', path: 'no-such-page/', data: false, status: 404 },
  ];
}

describe('every page type', () => {
  const transfer: {
    type: string;
    path: string;
    requests: number;
    bytes: number;
    gz: number;
    jsBytes: number;
    jsGz: number;
  }[] = [];

  afterAll(() => {
    mkdirSync(join(ROOT, 'test', 'output'), { recursive: true });
    writeFileSync(join(ROOT, 'test', 'output', 'site-transfer.json'), `${JSON.stringify(transfer, null, 2)}\n`);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(
      [
        'page type | requests | transfer (raw / gzip) | JS (raw / gzip)',
        ...transfer.map(
          (t) =>
            `${t.type} ${t.path} | ${t.requests} | ${kb(t.bytes)} / ${kb(t.gz)} | ${kb(t.jsBytes)} / ${kb(t.jsGz)}`,
        ),
      ].join('\n'),
    );
  });

  it('renders at 1366 px, stays on the origin, logs no errors, passes axe, fits the screen, shows the sample notice on data pages, ships JS only for charts and search', async () => {
    const problems: string[] = [];
    for (const p of pageTypes()) {
      const v = await visit(p.path, { scroll: true });
      const where = `${p.type} (${p.path})`;
      if (v.status !== (p.status ?? 200)) problems.push(`${where}: HTTP ${v.status}`);
      if (v.outside.length) problems.push(`${where}: requests outside the origin: ${v.outside.join(', ')}`);
      const errors = v.errors.filter((e) => !(p.status === 404 && /404/.test(e)));
      if (errors.length) problems.push(`${where}: console errors: ${errors.join(' | ')}`);
      expect(await v.page.getAttribute('html', 'lang')).toBe('zh-CN');
      if ((await v.page.locator('h1').count()) !== 1) problems.push(`${where}: expected one h1`);
      const notice = await v.page.locator('.sample-notice').count();
      if (p.data && model.bundle.dataMeta.sample && notice !== 1) problems.push(`${where}: sample notice missing`);
      // Every internal link stays under the base path.
      const hrefs = await v.page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')!));
      const escaped = hrefs.filter((h) => h.startsWith('/') && !h.startsWith(BASE));
      if (escaped.length) problems.push(`${where}: links outside the base path: ${escaped.slice(0, 5).join(', ')}`);
      const scripts = v.requests.filter((r) => r.type === 'script');
      const inline = await v.page.$$eval('script:not([type="application/ld+json"])', (s) => s.length);
      if (!p.js && (scripts.length > 0 || inline > 0))
        problems.push(`${where}: ships JavaScript (${scripts.map((s) => s.url).join(', ') || `${inline} inline`})`);
      if (p.js === 'chart') {
        await v.page
          .waitForFunction(
            () => [...document.querySelectorAll('canvas[data-chart]')].some((c) => (c as HTMLCanvasElement).width > 0),
            null,
            { timeout: 10_000 },
          )
          .catch(() => undefined);
        const drawn = await v.page.$$eval(
          'canvas[data-chart]',
          (cs) => cs.filter((c) => (c as HTMLCanvasElement).width > 0).length,
        );
        if (drawn === 0) problems.push(`${where}: chart did not draw`);
        if ((await v.page.locator('table').count()) === 0) problems.push(`${where}: no table beside the chart`);
      }
      const meta = await v.page.getAttribute('meta[http-equiv="content-security-policy"]', 'content');
      if (!meta || /unsafe-(inline|eval)/.test(meta) || !/object-src 'none'/.test(meta))
        problems.push(`${where}: Content-Security-Policy missing or weak: ${meta}`);
      const csp = cspOf(v.page);
      if (csp.length) problems.push(`${where}: Content-Security-Policy violations: ${csp.join(' | ')}`);
      for (const a of await axe(v.page)) problems.push(`${where}: axe ${a}`);
      const wide = await overflow(v.page);
      if (wide.length) problems.push(`${where}: wider than the screen: ${wide.join(', ')}`);
      const sum = (k: 'bytes' | 'gz', f: (r: Visit['requests'][number]) => boolean = () => true) =>
        v.requests.filter(f).reduce((s, r) => s + r[k], 0);
      transfer.push({
        type: p.type,
        path: p.path,
        requests: v.requests.length,
        bytes: sum('bytes'),
        gz: sum('gz'),
        jsBytes: sum('bytes', (r) => r.type === 'script'),
        jsGz: sum('gz', (r) => r.type === 'script'),
      });
      await v.page.close();
    }
    expect(problems).toEqual([]);
  }, 480_000); // 18 page types with axe each: minutes when seven engineers share two cores

  it('fit a phone (390 px) too: axe finds nothing serious, nothing is wider than the screen outside a labelled, focusable scroll region', async () => {
    const problems: string[] = [];
    for (const p of pageTypes()) {
      const v = await visit(p.path);
      await v.page.setViewportSize({ width: 390, height: 900 });
      const where = `390 px ${p.type} (${p.path})`;
      for (const a of await axe(v.page)) problems.push(`${where}: axe ${a}`);
      const wide = await overflow(v.page);
      if (wide.length) problems.push(`${where}: wider than the screen: ${wide.join(', ')}`);
      await v.page.close();
    }
    expect(problems).toEqual([]);
  }, 480_000); // axe again on every page type, at 390 px

  it('show a unit’s item scores on a phone without scrolling sideways', async () => {
    const tier = model.tierById.has('county') ? 'county' : tierIds()[0]!;
    const v = await visit(`units/${firstUnit(tier).id}/`);
    await v.page.setViewportSize({ width: 390, height: 900 });
    // The score is the fourth data cell (after 分值, 实际值, 年度目标); its label comes from the page's stylesheet.
    const cells = await v.page.$$eval('table.items tbody td:nth-of-type(4)', (tds) =>
      tds.map((td) => {
        const r = td.getBoundingClientRect();
        return { left: r.left, right: r.right, text: td.textContent };
      }),
    );
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c.right, c.text ?? '').toBeLessThanOrEqual(390);
    // The score's label travels with it when the table becomes cards.
    expect(
      await v.page.$eval('table.items tbody td:nth-of-type(4)', (td) => getComputedStyle(td, '::before').content),
    ).toBe('"得分"');
    // Every value of a card says which column it is: the same words as the table's column headers.
    const labels = await v.page.$$eval('table.items', (tables) =>
      tables.map((t) => {
        const heads = [...t.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
        const row = t.querySelector('tbody tr')!;
        return [...row.querySelectorAll('td')].map((td, i) => ({
          head: heads[i + 1],
          label: getComputedStyle(td, '::before').content,
        }));
      }),
    );
    for (const cells of labels) for (const c of cells) if (c.label !== 'none') expect(c.label).toBe(`"${c.head}"`);
    expect(labels.flat().filter((c) => c.label !== 'none')).toHaveLength(5);
    await v.page.close();
  });

  it('builds without warnings about content', () => {
    expect(buildOutput).toMatch(/Complete!/);
    expect(buildOutput).not.toMatch(/内容校验失败/);
  });
});

describe('Content-Security-Policy', () => {
  it('blocks a script, an event handler and an inline style injected into a built page, and reports each', async () => {
    // A page as if content had slipped markup past validation: the built chart page with injections.
    const month = periods.find((p) => /^\d{4}-\d{2}$/.test(p))!;
    const html = readFileSync(join(outDir, 'rankings', 'county', month, 'index.html'), 'utf8');
    mkdirSync(join(outDir, 'csp-test'), { recursive: true });
    writeFileSync(
      join(outDir, 'csp-test', 'index.html'),
      html.replace(
        '</main>',
        '<script>window.__injected = true;</script><img id="inj" src="../favicon.svg" onload="window.__handler = true"><p id="styled" style="color: rgb(1, 2, 3)">x</p></main>',
      ),
    );
    const v = await visit('csp-test/', { scroll: true });
    expect(await v.page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect(await v.page.evaluate(() => (window as unknown as { __handler?: boolean }).__handler)).toBeUndefined();
    expect(await v.page.$eval('#styled', (e) => getComputedStyle(e).color)).not.toBe('rgb(1, 2, 3)');
    const csp = cspOf(v.page);
    expect(csp.some((t) => t.startsWith('script-src-elem blocked inline'))).toBe(true);
    expect(csp.some((t) => t.startsWith('script-src-attr blocked inline'))).toBe(true);
    expect(csp.some((t) => t.startsWith('style-src-attr blocked inline'))).toBe(true);
    // The page's own scripts still run under the same policy: the chart draws.
    await v.page.waitForFunction(
      () => [...document.querySelectorAll('canvas[data-chart]')].some((c) => (c as HTMLCanvasElement).width > 0),
      null,
      { timeout: 10_000 },
    );
    await v.page.close();
    rmSync(join(outDir, 'csp-test'), { recursive: true, force: true });
  });
});

describe('rankings', () => {
  it('show exactly the engine’s totals, ranks and grades for every tier', async () => {
    const picks = [
      periods[0]!,
      periods.find((p) => p.endsWith('-Q2')),
      periods.find((p) => p.endsWith('-H1')),
      periods.at(-1)!,
    ].filter((p): p is string => Boolean(p));
    for (const tier of tierIds())
      for (const period of picks) {
        const v = await visit(`rankings/${tier}/${period}/`);
        // Columns as the head names them: 排名, 单位 (its link names the unit), 总分, 等次 (a view has fewer columns).
        const rows = await v.page.$$eval('table.ranking', ([table]) => {
          const col = (name: string) =>
            [...table!.querySelectorAll('thead th')].findIndex((th) => th.textContent!.trim() === name) + 1;
          const [rank, total, grade] = ['排名', '总分', '等次'].map(col);
          return [...table!.querySelectorAll('tbody tr')].map((tr) => ({
            unit: /\/units\/([^/]+)\/$/.exec(tr.querySelector('th a')!.getAttribute('href')!)![1],
            rank: Number(tr.querySelector(`:scope > :nth-child(${rank})`)!.textContent),
            total: tr.querySelector(`:scope > :nth-child(${total})`)!.textContent!.trim(),
            grade: tr.querySelector(`:scope > :nth-child(${grade})`)!.firstChild!.textContent!.trim(),
          }));
        });
        const expected = rankingJson(scorer.scoreTier(tier, period)).map((u) => ({
          unit: u.unit,
          rank: u.rank,
          total: u.total.toFixed(model.scheme.decimals),
          grade: u.gradeLabel,
        }));
        expect(rows, `${tier} ${period}`).toEqual(expected);
        await v.page.close();
      }
  }, 120_000);

  it('label each value on a phone and read movement in words, from the stylesheet, at 390 px and 1366 px', async () => {
    const tier = [...tierIds()].sort((a, b) => model.unitsByTier.get(b)!.length - model.unitsByTier.get(a)!.length)[0]!;
    const last = periods.filter((p) => /^\d{4}-\d{2}$/.test(p)).at(-1)!;
    const r = scorer.scoreTier(tier, last);
    const up = r.units.find((u) => u.previousRank !== null && u.previousRank > u.rank)!;
    const down = r.units.find((u) => u.previousRank !== null && u.previousRank < u.rank)!;
    const v = await visit(`rankings/${tier}/${last}/`);
    const row = (u: { unit: string }) => v.page.locator(`table.ranking tbody tr:has(a[href$="/units/${u.unit}/"])`);
    for (const width of [390, 1366]) {
      await v.page.setViewportSize({ width, height: 900 });
      expect(await row(up).ariaSnapshot(), `${width}`).toContain(`上升 ${up.previousRank! - up.rank} 位`);
      expect(await row(down).ariaSnapshot(), `${width}`).toContain(`下降 ${down.rank - down.previousRank!} 位`);
      // What shows is the arrow and the number.
      const mark = row(up).locator(':scope > :nth-child(9) i');
      expect(await mark.innerText()).toBe(String(up.previousRank! - up.rank));
      expect(await mark.evaluate((i) => getComputedStyle(i, '::before').content)).toMatch(/^"↑"/);
      const label = await row(up)
        .locator(':scope > :nth-child(3)')
        .evaluate((td) => getComputedStyle(td, '::before').content);
      expect(label).toBe(width === 390 ? '"总分"' : 'none');
    }
    await v.page.close();
  });

  it('show a quarter, the mid-year check and the year as their month’s ranking with their own movement, and link the month’s score breakdown', async () => {
    const view = periods.find((p) => /-(Q\d|H1|Y)$/.test(p))!;
    const tier = tierIds()[0]!;
    const v = await visit(`rankings/${tier}/${view}/`);
    expect(await v.page.locator('table.composition').count()).toBe(0);
    const link = v.page.locator('section:has(#composition-h) a');
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`rankings/${tier}/\\d{4}-\\d{2}/#composition-h$`));
    await v.page.goto(`${origin}${href}`);
    expect(await v.page.locator('table.composition tbody tr').count()).toBe(model.unitsByTier.get(tier)!.length);
    await v.page.close();
  });

  it('publish JSON downloads (kaohe-ranking/3) equal to the engine’s for every tier and period, and to the CLI’s output', async () => {
    // Advice rides in the latest month's file only (what the unit pages show).
    const latest = scorer.months.filter((m) => m.startsWith(`${model.scheme.year}-`)).at(-1);
    for (const tier of tierIds())
      for (const period of periods) {
        const res = await fetch(`${origin}${BASE}rankings/${tier}/${period}.json`);
        expect(res.status).toBe(200);
        const r = scorer.scoreTier(tier, period, { explain: false });
        const advice = period === latest ? adviseTier(scorer, tier, period) : undefined;
        expect(await res.json(), `${tier} ${period}`).toEqual(
          JSON.parse(rankingFileText(rankingFile(model, r, advice), r.sample)),
        );
      }
    const tier = tierIds()[1] ?? tierIds()[0]!;
    const period = periods.find((p) => p.endsWith('-H1')) ?? periods[0]!;
    // Not spawnSync: it blocks this process and so its server, whose kept-alive connections then reset under later requests.
    const site = await (await fetch(`${origin}${BASE}rankings/${tier}/${period}.json`)).text();
    const cli = await promisify(execFile)(
      process.execPath,
      [
        '--experimental-strip-types',
        '--no-warnings',
        'src/cli/main.ts',
        'score',
        '--tier',
        tier,
        '--period',
        period,
        '--format',
        'json',
      ],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    expect(site).toBe(cli.stdout);
  });

  it('publish the ranking CSV, each month’s input data and the scheme bundle', async () => {
    const tier = tierIds()[0]!;
    // The previous test's spawnSync blocked this process past the server's keep-alive: a pooled connection may be reset once.
    const first = () => fetch(`${origin}${BASE}rankings/${tier}/${periods[0]}.csv`);
    const bytes = Buffer.from(await (await first().catch(first)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
    const csv = bytes.toString('utf8');
    expect(csv.startsWith('\ufeff排名,')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(1 + scorer.scoreTier(tier, periods[0]!).units.length);
    for (const month of scorer.months) {
      const res = await fetch(`${origin}${BASE}data/${month}.csv`);
      expect(res.status, month).toBe(200);
      const lines = (await res.text()).trim().split('\r\n');
      expect(
        lines.slice(1).every((l) => l.startsWith(`${month},`)),
        month,
      ).toBe(true);
    }
    // Every download of sample data says so inside the file: a JSON field, a CSV column on every row.
    if (model.bundle.dataMeta.sample) {
      const json = (await (await fetch(`${origin}${BASE}rankings/${tier}/${periods[0]}.json`)).json()) as Record<
        string,
        unknown
      >;
      expect([json['sample'], json['notice']]).toEqual([true, SAMPLE_NOTICE]);
      // Results say the full notice on every row; input data (the month files, all.csv) say 示例数据.
      for (const [path, cell] of [
        [`rankings/${tier}/${periods[0]}.csv`, SAMPLE_NOTICE],
        [`data/${scorer.months[0]}.csv`, SAMPLE_DATA_CELL],
        ['data/all.csv', SAMPLE_DATA_CELL],
      ] as const) {
        const lines = (await (await fetch(`${origin}${BASE}${path}`)).text()).trim().split('\r\n');
        expect(lines[0], path).toMatch(/,数据性质$/);
        expect(
          lines.slice(1).every((l) => l.endsWith(`,${cell}`) && (cell === SAMPLE_NOTICE || !l.includes(SAMPLE_NOTICE))),
          path,
        ).toBe(true);
      }
    }
    const bundle = await (await fetch(`${origin}${BASE}scheme.json`)).json();
    expect(bundle).toEqual(JSON.parse(JSON.stringify(model.bundle)));
  });
});

describe('charts', () => {
  const biggestTier = () =>
    [...tierIds()].sort((a, b) => model.unitsByTier.get(b)!.length - model.unitsByTier.get(a)!.length)[0]!;

  it('show the totals as a dot plot in rank order on a stated baseline, and each unit’s level-1 contributions stacked', async () => {
    const tier = biggestTier();
    const last = periods.filter((p) => /^\d{4}-\d{2}$/.test(p)).at(-1)!;
    const r = scorer.scoreTier(tier, last);
    const v = await visit(`rankings/${tier}/${last}/`, { scroll: true });
    const charts = await v.page.$$eval('canvas[data-chart]', (cs) =>
      cs.map(
        (c) =>
          JSON.parse((c as HTMLElement).dataset['chart']!) as {
            kind: string;
            labels: string[];
            series: { label: string; data: number[] }[];
          },
      ),
    );
    expect(charts.map((c) => c.kind)).toEqual(['dots', 'stacked']);
    const [dots, stacked] = charts as [(typeof charts)[0], (typeof charts)[0]];
    expect(dots.labels).toEqual(r.units.map((u) => u.name));
    expect(dots.series[0]!.data).toEqual(r.units.map((u) => u.total));
    expect(stacked.series.map((s) => s.label)).toEqual(r.level1Average.map((l) => l.name));
    for (const [i, u] of r.units.entries())
      expect(stacked.series.reduce((s, x) => s + (x.data[i] ?? 0), 0)).toBeCloseTo(
        u.indicators.reduce((s, x) => s + x.score, 0),
        6,
      );
    // The caption states where the axis starts, at or below the lowest total.
    const caption = await v.page.locator('figure.chart-figure figcaption').first().textContent();
    const start = Number(/横轴从 ([\d.]+) 分起/.exec(caption ?? '')?.[1]);
    expect(start).toBeLessThanOrEqual(Math.min(...r.units.map((u) => u.total)));
    // Drawn by chart.js, the static picture then hidden.
    await v.page.waitForFunction(
      () => [...document.querySelectorAll('canvas[data-chart]')].every((c) => (c as HTMLCanvasElement).width > 0),
      null,
      { timeout: 10_000 },
    );
    expect(await v.page.locator('svg.chart-static:visible').count()).toBe(0);
    await v.page.close();
  });

  it('show a static picture with every name in each chart’s place without JavaScript', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
      const tier = biggestTier();
      const last = periods.filter((p) => /^\d{4}-\d{2}$/.test(p)).at(-1)!;
      for (const path of [`rankings/${tier}/${last}/`, `units/${firstUnit(tier).id}/`]) {
        const page = await ctx.newPage();
        await page.goto(`${origin}${BASE}${path}`);
        const boxes = await page.$$eval('.chart-box', (bs) =>
          bs.map((b) => {
            const svg = b.querySelector('svg.chart-static');
            const canvas = b.querySelector('canvas');
            return {
              svgHeight: svg?.getBoundingClientRect().height ?? 0,
              canvasShown: canvas ? canvas.getBoundingClientRect().height > 0 : false,
              names: [...(svg?.querySelectorAll('text') ?? [])].map((t) => t.textContent ?? ''),
            };
          }),
        );
        expect(boxes.length, path).toBeGreaterThan(0);
        for (const b of boxes) {
          expect(b.svgHeight, path).toBeGreaterThan(100);
          expect(b.canvasShown, path).toBe(false);
        }
        if (path.startsWith('rankings/'))
          for (const u of model.unitsByTier.get(tier)!) expect(boxes[0]!.names.join('')).toContain(u.name);
        await page.close();
      }
      await ctx.close();
    } finally {
      await browser.close();
    }
  });
});

describe('unit pages', () => {
  it('show the latest total and rank from the engine, history for every period, and every item with an explanation', async () => {
    const last = periods.at(-1)!;
    for (const tier of tierIds()) {
      const unit = firstUnit(tier);
      const v = await visit(`units/${unit.id}/`);
      const r = scorer.scoreTier(tier, last).units.find((u) => u.unit === unit.id)!;
      expect(await v.page.textContent('[data-field=total]')).toBe(r.total.toFixed(model.scheme.decimals));
      expect(await v.page.textContent('[data-field=rank]')).toBe(String(r.rank));
      expect(await v.page.locator('section:has(#hist-h) tbody tr').count()).toBe(periods.length);
      expect(await v.page.locator('table.items tbody tr').count()).toBe(r.items.length);
      expect(await v.page.locator('table.items details').count()).toBe(r.items.length);
      await v.page.close();
    }
  });

  it('highlight weight overrides and unit-specific items in the unit’s own list', async () => {
    const withSpecific = model.units.find((u) => model.unitItems.get(u.id)?.some((x) => x.specific));
    const withOverride = model.units.find((u) => model.unitItems.get(u.id)?.some((x) => x.overridden));
    for (const [unit, cls] of [
      [withSpecific, 'row-specific'],
      [withOverride, 'row-override'],
    ] as const) {
      if (!unit) continue;
      const v = await visit(`units/${unit.id}/`);
      expect(await v.page.locator(`section:has(#list) tr.${cls}`).count(), `${unit.id} ${cls}`).toBeGreaterThan(0);
      await v.page.close();
    }
  });

  it('link each item to its standard and schedule on the tier’s indicators page, said there once', async () => {
    const unit =
      model.units.find((u) => model.unitItems.get(u.id)?.some((x) => x.overridden)) ?? firstUnit(tierIds()[0]!);
    const v = await visit(`units/${unit.id}/`);
    const links = await v.page.$$eval('table.items tbody th a', (as) => as.map((a) => a.getAttribute('href')!));
    const list = model.unitItems.get(unit.id)!;
    expect(links.sort()).toEqual(list.map((x) => `${BASE}indicators/${unit.tier}/#item-${x.item.code}`).sort());
    // The unit's own weight stays on its page, with the default beside an override.
    const override = list.find((x) => x.overridden);
    if (override)
      expect(await v.page.textContent(`tr#r-${override.item.code} td:nth-of-type(1)`)).toContain(
        `默认 ${override.item.weight}`,
      );
    await v.page.click('table.items tbody tr:first-child th a');
    await v.page.waitForURL((u) => u.pathname === `${BASE}indicators/${unit.tier}/`);
    const row = v.page.locator(`tr#item-${list[0]!.item.code}`);
    expect(await row.textContent()).toContain(list[0]!.item.name);
    expect(await row.locator('td[data-label="评价标准"]').textContent()).toBeTruthy();
    await v.page.close();
  });
});

describe('indicator tables', () => {
  it('show each unit’s level-1 weights in the matrix, the largest marked', async () => {
    const tier = model.tierById.get('county') ?? model.tiers[0]!;
    const v = await visit(`indicators/${tier.id}/`);
    const rows = await v.page.$$eval('table.matrix tbody tr', (trs) =>
      trs.map((tr) => ({
        name: tr.querySelector('th')!.textContent!.trim(),
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()),
        max: [...tr.querySelectorAll('td')].findIndex((td) => td.classList.contains('max-weight')),
      })),
    );
    expect(rows).toHaveLength(model.unitsByTier.get(tier.id)!.length);
    for (const row of rows) expect(row.cells.at(-1)).toBe(String(model.scheme.baseTotal));
    await v.page.close();
  });
});

describe('navigation', () => {
  it('goes from the home page to a ranking, a unit and back through the breadcrumbs', async () => {
    const v = await visit('');
    const page = v.page;
    await page.click('header nav >> text=排名');
    await expect.poll(() => page.url()).toBe(`${origin}${BASE}rankings/`);
    const tier = model.tiers[0]!;
    await page.click(`main h2 >> text=${tier.name}`);
    await expect.poll(() => page.url()).toBe(`${origin}${BASE}rankings/${tier.id}/`);
    await page.click('main table tbody tr:first-child th a');
    expect(await page.textContent('h1')).toMatch(tier.name);
    const unitLink = page.locator('table.ranking tbody tr:first-child th a');
    const unitName = (await unitLink.textContent())!.trim();
    await unitLink.click();
    expect((await page.textContent('h1'))!.trim()).toBe(unitName);
    await page.click('nav.crumbs >> text=单位');
    await expect.poll(() => page.url()).toBe(`${origin}${BASE}units/`);
    expect(v.errors).toEqual([]);
    expect(v.outside).toEqual([]);
    await page.close();
  }, 180_000); // five page loads with their checks; 60 s was not enough on a loaded 2-core machine

  it('lists only pages that exist in the sitemap, and every page in it', async () => {
    const xml = await (await fetch(`${origin}${BASE}sitemap.xml`)).text();
    const locs = [...xml.matchAll(/<loc>[^<]*?(\/kaohe\/[^<]*)<\/loc>/g)].map((m) => decodeURI(m[1]!));
    const html: string[] = [];
    const walk = (dir: string, rel: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name), `${rel}${e.name}/`);
        else if (e.name === 'index.html') html.push(`${BASE}${rel}`);
      }
    };
    walk(outDir, '');
    const missing = locs.filter((l) => !existsSync(join(outDir, l.slice(BASE.length), 'index.html')));
    // The self-check page is built by its own island's source; accept it only when built.
    expect(missing.filter((l) => !l.endsWith('self-check/'))).toEqual([]);
    // The latest year's permanent copies (/2023/…) are not listed: each names the page at today's URL as canonical.
    const latest = Math.max(
      ...readdirSync(join(ROOT, 'content'))
        .filter((n) => /^\d{4}$/.test(n))
        .map(Number),
    );
    const copies = html.filter((h) => h.startsWith(`${BASE}${latest}/`));
    expect(copies.length).toBeGreaterThan(0);
    expect(html.filter((h) => !locs.includes(h) && !copies.includes(h))).toEqual([]);
    for (const h of copies) expect(locs, h).toContain(h.replace(`${latest}/`, ''));
    const copy = readFileSync(join(outDir, String(latest), 'units', 'zezhou', 'index.html'), 'utf8');
    expect(copy).toMatch(/<link rel="canonical" href="https?:\/\/[^"]+\/units\/zezhou\/"/);
    expect(copy).toContain(`<meta http-equiv="refresh" content="0;url=${BASE}units/zezhou/">`);
  });
});

describe('search', () => {
  it('finds Chinese words in rules, indicators and units (城市建设, 气化)', async () => {
    for (const [q, must] of [
      ['城市建设', '城市建设'],
      ['气化', '气化'],
    ] as const) {
      const v = await visit(`search/?q=${encodeURIComponent(q)}`);
      await v.page.waitForSelector('#search-results li');
      const titles = await v.page.$$eval('#search-results li', (lis) => lis.map((li) => li.textContent ?? ''));
      expect(titles.length, q).toBeGreaterThan(0);
      expect(titles[0], q).toContain(must);
      expect(v.errors).toEqual([]);
      await v.page.close();
    }
    const docs = (await (await fetch(`${origin}${BASE}search-index.json`)).json()) as SearchDoc[];
    const gas = search(docs, '气化').map((h) => h.doc.t);
    // The county key task 气化晋城 is specific to two counties: their unit pages are found too.
    for (const id of model.itemByCode.get(
      [...model.itemByCode.keys()].find((c) => model.itemByCode.get(c)!.item.name === '气化晋城') ?? '',
    )?.item.units ?? [])
      expect(gas).toContain(model.unitById.get(id)!.name);
  });

  it('ranks an exact phrase above scattered characters and needs every term', () => {
    const docs: SearchDoc[] = [
      { t: '甲', u: '/a', k: 'x', x: '建设城市，推进更新' },
      { t: '乙', u: '/b', k: 'x', x: '城市建设和生态文明' },
      { t: '丙', u: '/c', k: 'x', x: '乡村振兴' },
    ];
    expect(search(docs, '城市建设').map((h) => h.doc.u)).toEqual(['/b', '/a']);
    expect(search(docs, '城市建设 生态').map((h) => h.doc.u)).toEqual(['/b']);
    expect(search(docs, 'ＡＢＣ')).toEqual([]);
  });
});

describe('feeds', () => {
  it('serve valid iCalendar: CRLF, folded lines, UID, DTSTAMP and all-day dates on every event', async () => {
    const tier = tierIds()[0]!;
    for (const path of [
      'calendar.ics',
      `calendar/${tier}.ics`,
      `calendar/unit/${firstUnit(tier).id}.ics`,
      'calendar/reporter/sthjj.ics',
    ]) {
      const res = await fetch(`${origin}${BASE}${path}`);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'), path).toBe(true);
      expect(text.endsWith('END:VCALENDAR\r\n'), path).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const line of text.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
      const unfolded = text.replace(/\r\n /g, '');
      const events = unfolded.split('BEGIN:VEVENT').slice(1);
      expect(events.length, path).toBeGreaterThanOrEqual(2 * yearFolders().length); // at least the dispatch and deadline series
      const uids = new Set<string>();
      for (const e of events) {
        expect(e).toMatch(/\r\nUID:[^\r\n]+@kaohe\r\n/);
        expect(e).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
        expect(e).toMatch(/\r\nDTSTART;VALUE=DATE:\d{8}\r\n/);
        expect(e).not.toMatch(/\r\n(DTEND|DURATION)[;:]/); // a DATE alone is one whole day
        expect(e).toMatch(/\r\nSUMMARY:[^\r\n]+\r\n/);
        uids.add(/UID:([^\r\n]+)/.exec(e)![1]!);
      }
      expect(uids.size, `${path}: unique UIDs`).toBe(events.length);
    }
    const all = await (await fetch(`${origin}${BASE}calendar.ics`)).text();
    // What each kind of date is, said once: the calendar page, named in the calendar's description.
    expect(all.replace(/\r\n /g, '')).toMatch(new RegExp(`\\r\\nX-WR-CALDESC:[^\\r]*${SITE}${BASE}calendar/\\r\\n`));
    const day = String(model.scheme.cycle.dispatchDay).padStart(2, '0');
    expect(all).toContain(`DTSTART;VALUE=DATE:${model.scheme.year}02${day}`);
  });

  it('serve RSS with every announcement', async () => {
    const xml = await (await fetch(`${origin}${BASE}rss.xml`)).text();
    // Every year's announcements; an earlier year's link carries its year (/2022/announcements/…).
    const count = yearFolders().reduce(
      (n, d) => n + readdirSync(join(d, 'announcements')).filter((f) => f.endsWith('.md')).length,
      0,
    );
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"/);
    expect([...xml.matchAll(/<item>/g)]).toHaveLength(count);
    expect([...xml.matchAll(/<link>[^<]*\/kaohe\/(\d{4}\/)?announcements\/[^<]+\/<\/link>/g)]).toHaveLength(count);
  });

  it('read by feedparser, icalendar (and recurring_ical_events when installed) as their users’ programs read them', async () => {
    const seen = await feedsSeen(outDir, origin, BASE);
    expect(seen.placeholder, 'files naming a placeholder host').toEqual([]);
    // RSS: well-formed, links on the configured site, guids that are not URLs, the announcement with its ranking table.
    expect(seen.rss.bozo, seen.rss.bozo_exception).toBe(false);
    expect(seen.rss.link).toBe(`${SITE}${BASE}`);
    const anns = yearFolders().flatMap((d) =>
      readdirSync(join(d, 'announcements'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => join(d, 'announcements', f)),
    );
    expect(seen.rss.entries).toHaveLength(anns.length);
    for (const e of seen.rss.entries) {
      expect(e.link).toMatch(new RegExp(`^${SITE}${BASE}(\\d{4}/)?announcements/[^/]+/$`));
      expect(e.id).toMatch(/^kaohe-announcement:\d{4}-\d{2}-\d{2}-/);
      expect(e.summary.length).toBeGreaterThan(200);
    }
    const withTier = anns.filter((f) => /\ntier:/.test(readFileSync(f, 'utf8')));
    expect(seen.rss.entries.filter((e) => /<table>[\s\S]*<td>1<\/td>/.test(e.summary))).toHaveLength(withTier.length);
    if (model.bundle.dataMeta.sample)
      for (const e of seen.rss.entries.filter((x) => x.summary.includes('<table>')))
        expect(e.summary).toContain('示例数据，非官方结果');
    // Calendars: stamps and sequence on every event, Chinese categories, 13710 reminders, no two events alike.
    const all = seen.calendars['calendar.ics']!;
    const keys = all.events.map((e) => `${e.date} ${e.summary}`);
    expect(keys.length).toBeGreaterThan(12);
    expect(
      keys.filter((k, i) => keys.indexOf(k) !== i),
      'events with the same date and summary',
    ).toEqual([]);
    // Monthly and quarterly dates are one recurring VEVENT (RRULE) each, a unit's event one short line: its page.
    const unitCal = Object.entries(seen.calendars).find(([p]) => p.startsWith('calendar/unit/'))![1];
    expect(unitCal.events.filter((e) => e.categories[0] === '月调度').map((e) => e.rrule)).toEqual(
      yearFolders().map(() => 'FREQ=MONTHLY;COUNT=12'),
    );
    for (const e of unitCal.events)
      expect(e.description, e.uid).toMatch(
        e.categories[0] === '时间节点' ? new RegExp(`^${SITE}${BASE}(\\d{4}/)?indicators/[^/]+/#item-\\S+$`) : /^$/,
      );
    if (seen.recurring_ical_events) {
      expect(all.occurrences).toBeGreaterThan(all.events.length);
      // Expanded as a calendar program does, every feed has exactly the dates of the engine's events, each under its
      // category: the combined, tier, unit and reporter calendars of every year.
      const years = loadYears(CONTENT_ROOT, { root: ROOT }).years.map((y) => y.model!);
      const expected = (path: string) => {
        const [, kind, id] = /^calendar(?:\/(unit|reporter))?\/?([^/]*)\.ics$/.exec(path)!;
        const scope = kind === 'unit' ? { unit: id } : kind === 'reporter' ? { reporter: id } : id ? { tier: id } : {};
        return years
          .filter((m) => !(scope.tier && !m.tierById.has(scope.tier)) && !(scope.unit && !m.unitById.has(scope.unit)))
          .flatMap((m) => calendarEvents(m, scope).map((e) => `${e.date} ${KIND_LABELS[e.kind]}`))
          .sort();
      };
      const paths = Object.keys(seen.dates);
      expect(paths.filter((p) => p.startsWith('calendar/unit/'))).toHaveLength(model.units.length);
      for (const path of paths) expect(seen.dates[path], path).toEqual(expected(path));
    }
    for (const [path, cal] of Object.entries(seen.calendars))
      for (const e of cal.events) {
        expect(e.sequence, `${path} ${e.uid}`).toBeTypeOf('number');
        expect(e.dtstamp, `${path} ${e.uid}`).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(e.categories.join(''), `${path} ${e.uid}`).toMatch(
          /^(月调度|季研判|中期考核|年底交账|时间节点|报送截止)$/,
        );
        expect(e.alarms.length, `${path} ${e.uid}`).toBeGreaterThanOrEqual(2);
        expect(e.alarms.every((t) => t.startsWith('-P'))).toBe(true);
      }
  });

  it('link on the configured site: robots names the sitemap, the calendar page offers webcal:// beside https', async () => {
    expect(await (await fetch(`${origin}${BASE}robots.txt`)).text()).toContain(`Sitemap: ${SITE}${BASE}sitemap.xml`);
    const v = await visit('calendar/');
    const hrefs = await v.page.$$eval('a[href$=".ics"]', (as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs).toContain(`${BASE}calendar.ics`);
    expect(hrefs).toContain(`${SITE.replace('https:', 'webcal:')}${BASE}calendar.ics`);
    await v.page.close();
  });
});

describe('reporting board', () => {
  it('shows every reporter of a month with the on-time, late and missing figures of its manifest', async () => {
    const plan = reportingPlan(model);
    for (const month of inboxMonths(CONTENT).filter((_, i) => i % 4 === 2)) {
      const { manifest } = readManifest(CONTENT, month, ROOT);
      const due = reportingDueDate(model, month);
      const expected = new Map<string, string>();
      for (const r of plan.reporters) if ((plan.owed.get(r.id) ?? []).length > 0) expected.set(r.id, 'missing');
      for (const e of manifest!.entries) expected.set(e.reporter, e.received > due ? 'late' : 'on-time');
      const { page } = await visit(`reporting/${month}/`);
      // What a reader sees: the reporter's name (its row header) and the status column's word (5th column).
      const idByName = new Map(plan.reporters.map((r) => [r.name, r.id]));
      expect(idByName.size).toBe(plan.reporters.length);
      const statusOf = (text: string) =>
        text === '按时' ? 'on-time' : text === '未报送' ? 'missing' : /^迟报 \d+ 天$/.test(text) ? 'late' : text;
      const rows = await page
        .locator('table.reporting tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [
            tr.querySelector('th')!.textContent!,
            tr.querySelector(':scope > :nth-child(5)')!.textContent!,
          ]),
        );
      expect(new Map(rows.map(([name, status]) => [idByName.get(name!), statusOf(status!)])), month).toEqual(expected);
      const count = (s: string) => [...expected.values()].filter((x) => x === s).length;
      for (const s of ['on-time', 'late', 'missing'])
        expect(await page.locator(`[data-count="${s}"]`).textContent(), `${month} ${s}`).toBe(String(count(s)));
      await page.close();
    }
  });

  it('shows items without data as 未报送 on the dispatch board, and every reporter a calendar of its deadlines', async () => {
    const month = inboxMonths(CONTENT)[6]!;
    const receipt = publishedReceipt(
      model,
      month,
      allData,
      new Map(readManifest(CONTENT, month, ROOT).manifest!.entries.map((e) => [e.reporter, e.received])),
    );
    const miss = receipt.missing[0];
    if (miss) {
      const tier = model.unitById.get(miss.unit)!.tier;
      const { page } = await visit(`monitoring/${tier}/${month}/`);
      expect(await page.locator('.board').textContent()).toContain('项未报送');
      await page.close();
    }
    const ics = await (await fetch(`${origin}${BASE}calendar/reporter/sthjj.ics`)).text();
    // Every year's deadlines (12 a year, one recurring event): the calendar covers all years.
    const deadlines = ics
      .replace(/\r\n /g, '')
      .split('BEGIN:VEVENT')
      .filter((e) => e.includes('CATEGORIES:报送截止'));
    expect(deadlines).toHaveLength(yearFolders().length);
    const dates = deadlines.flatMap((e) => {
      const start = /DTSTART;VALUE=DATE:(\d{4})(\d\d)(\d\d)/.exec(e)!;
      return expandRule(`${start[1]}-${start[2]}-${start[3]}`, /RRULE:(\S+)/.exec(e)![1]!);
    });
    expect(dates).toHaveLength(12 * yearFolders().length);
    expect(dates).toContain(reportingDueDate(model, month));
  });
});

describe('public text', () => {
  it('shows no command line, content path, adjustment code, unit id or storage jargon on any page but 复算说明', () => {
    const codes = model.scheme.adjustments.map((a) => a.code);
    const ids = model.units.map((u) => u.id).filter((id) => /^[a-z][a-z0-9-]{2,}$/.test(id));
    const word = (w: string) => new RegExp(`(?<![A-Za-z0-9-])${w.replace(/[-]/g, '\\-')}(?![A-Za-z0-9-])`);
    const rules: [string, RegExp][] = [
      ['command line', /\bnpm run\b|\bnpx\b|\bkaohe -- |\s--(?:scheme|data|tier|period|format)\b/],
      ['content path', /\bcontent\/|\bsrc\/|[\w-]+\.ya?ml\b/],
      ['developer word', /IndexedDB|出厂默认/],
      ...codes.map((c): [string, RegExp] => [`adjustment code ${c}`, word(c)]),
      ...ids.map((id): [string, RegExp] => [`unit id ${id}`, word(id)]),
    ];
    const problems: string[] = [];
    const walk = (dir: string, rel: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name), `${rel}${e.name}/`);
        else if (e.name.endsWith('.html') && !/^(\d{4}\/)?recompute\/$/.test(rel)) {
          // What a reader sees: text outside tags, scripts and styles.
          const text = readFileSync(join(dir, e.name), 'utf8')
            .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
            .replace(/<[^>]+>/g, ' ')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&amp;/g, '&')
            .replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'");
          for (const [what, re] of rules) {
            const m = re.exec(text);
            if (m)
              problems.push(
                `${rel}${e.name}: ${what} “${text.slice(Math.max(0, m.index - 20), m.index + 30).replace(/\s+/g, ' ')}”`,
              );
          }
        }
      }
    };
    walk(outDir, '');
    expect(problems.slice(0, 20)).toEqual([]);
    // The recompute page holds the command, built from the published tier codes.
    expect(readFileSync(join(outDir, 'recompute', 'index.html'), 'utf8')).toMatch(
      /npm run kaohe -- score --scheme scheme-2022\.json --data all-2022\.csv --scheme scheme-2023\.json --data all-2023\.csv --tier /,
    );
  });
});

describe('years', () => {
  it('every page of 2022 says its year, and the year switch goes to the same page in the other year (a renamed unit too)', async () => {
    const v = await visit('units/beishidian/');
    const page = v.page;
    expect(await page.textContent('nav.year-bar')).toContain('本页为 2023 年度');
    await page.click('nav.year-bar >> text=2022 年度');
    // 北石店镇 was 石店乡 in 2022 (formerly): its 2022 page is under the old code.
    await expect.poll(() => page.url()).toBe(`${origin}${BASE}2022/units/shidian/`);
    expect((await page.textContent('h1'))!.trim()).toBe('石店乡');
    expect(await page.textContent('nav.year-bar')).toContain('本页为 2022 年度（往年）');
    // Links of a 2022 page stay in 2022.
    expect(await page.getAttribute('nav.crumbs a >> text=单位', 'href')).toBe(`${BASE}2022/units/`);
    await page.click('nav.year-bar >> text=2023 年度');
    await expect.poll(() => page.url()).toBe(`${origin}${BASE}units/beishidian/`);
    // A period the other year lacks (2022 has only its year end) falls back to that year's section.
    await page.goto(`${origin}${BASE}rankings/county/2023-06/`);
    await page.click('nav.year-bar >> text=2022 年度');
    await expect.poll(() => page.url()).toBe(`${origin}${BASE}2022/rankings/`);
    await page.goto(`${origin}${BASE}rankings/county/2023-Y/`);
    await page.click('nav.year-bar >> text=2022 年度');
    await expect.poll(() => page.url()).toBe(`${origin}${BASE}rankings/county/2022-Y/`);
    expect(await page.textContent('h1')).toContain('2022年度');
    expect(v.errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('the unit page shows every year under its own scheme, following the rename', async () => {
    const v = await visit('units/beishidian/');
    const rows = await v.page.$$eval('section:has(#years-h) tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('2022 年度');
    expect(rows[0]).toContain('石店乡');
    expect(rows[1]).toContain('北石店镇');
    await v.page.close();
  });

  it('the scheme comparison page shows items added and dropped and each unit’s level-1 weight changes', async () => {
    const v = await visit('years/2022-2023/');
    const text = (await v.page.textContent('main'))!;
    expect(text).toContain('城区 城市建设 权重 2022 年 34 → 2023 年 29');
    expect(text).toContain('泽州县 项目支撑 权重 2022 年 18 → 2023 年 20');
    expect(text).toContain('5 个空气质量国控点精细化治理');
    expect(text).toContain('煤炭先进产能占比');
    expect(text).toContain('北石店镇');
    expect(text).toContain('不可比');
    // The scheme.yaml rules (grades, caps, coefficients, consequences…) are compared too; the shipped years share them.
    expect(text).toContain('评分和结果运用规则');
    expect(text).toContain('两个年度方案文件中的规则相同');
    const index = await visit('years/');
    expect(await index.page.getAttribute('main a >> text=2022 年度 → 2023 年度', 'href')).toBe(
      `${BASE}years/2022-2023/`,
    );
    expect(v.errors).toEqual([]);
    await v.page.close();
    await index.page.close();
  });

  it('old URLs keep working: the 2022 year-end data file, the 2023 rankings; 2022 results carry the 2022 scheme', async () => {
    const data = await fetch(`${origin}${BASE}data/2022-12.csv`);
    expect(data.status).toBe(200);
    expect((await data.text()).split('\r\n')[1]).toMatch(/^2022-12,/);
    for (const path of [
      'rankings/county/2023-Y/',
      'units/zezhou/',
      'rules/',
      'indicators/county/',
      'monitoring/county/2023-12/',
    ])
      expect((await fetch(`${origin}${BASE}${path}`)).status, path).toBe(200);
    const json = (await (await fetch(`${origin}${BASE}rankings/county/2022-Y.json`)).json()) as {
      scheme: { id: string; year: number };
    };
    expect(json.scheme).toEqual({ id: 'jincheng-2022', year: 2022 });
    const jan = await (await fetch(`${origin}${BASE}rankings/county/2023-01/`)).text();
    expect(jan).toContain('不可比');
    expect(
      ((await (await fetch(`${origin}${BASE}2022/scheme.json`)).json()) as { scheme: { year: number } }).scheme.year,
    ).toBe(2022);
    // The latest year also has its permanent prefix, so a link to 2023 as it was survives 2024 taking today's URLs.
    // While 2023 is the latest, a page there forwards to today's URL (canonical, meta refresh and a plain link);
    // downloads and the self-check are full copies. 2022's pages show the year's prefix in full once it is not the latest.
    const h1 = (html: string) => /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1];
    for (const path of ['', 'units/zezhou/', 'rankings/county/', 'indicators/county/', 'rules/', 'recompute/']) {
      const [now, kept] = await Promise.all([fetch(`${origin}${BASE}${path}`), fetch(`${origin}${BASE}2023/${path}`)]);
      expect(now.status, path).toBe(200);
      expect(kept.status, `2023/${path}`).toBe(200);
      const html = await kept.text();
      const to = `${BASE}${path}`;
      expect(html, path).toContain(`<meta http-equiv="refresh" content="0;url=${to}">`);
      expect(html, path).toMatch(new RegExp(`<link rel="canonical" href="(https?://[^"/]+)?${to}">`));
      expect(html, path).toContain(`<a href="${to}">`);
      expect(h1(await now.text()), path).toBeTruthy();
    }
    const viaRefresh = await visit('2023/units/zezhou/');
    await viaRefresh.page.waitForURL((u) => u.pathname === `${BASE}units/zezhou/`, { timeout: 10_000 });
    expect(new URL(viaRefresh.page.url()).pathname).toBe(`${BASE}units/zezhou/`);
    expect(await viaRefresh.page.locator('h1').textContent()).toBe(model.unitById.get('zezhou')!.name);
    for (const path of ['self-check/', 'scheme.json', 'data/all.csv']) {
      const [now, kept] = await Promise.all([fetch(`${origin}${BASE}${path}`), fetch(`${origin}${BASE}2023/${path}`)]);
      expect(kept.status, `2023/${path}`).toBe(200);
      if (path.endsWith('/')) expect(h1(await kept.text()), path).toBe(h1(await now.text()));
      else expect(await kept.text(), path).toBe(await now.text());
    }
    // The self-check's data is published once, under the year, and both self-check pages of the latest year read it there.
    for (const page of ['self-check/', '2023/self-check/'])
      for (const file of ['bundle.json', 'published/index.json', 'history.json']) {
        expect(await (await fetch(`${origin}${BASE}${page}`)).text(), page).toContain(`${BASE}2023/self-check/${file}`);
        expect((await fetch(`${origin}${BASE}2023/self-check/${file}`)).status, file).toBe(200);
        expect((await fetch(`${origin}${BASE}self-check/${file}`)).status, file).toBe(404);
      }
    expect((await fetch(`${origin}${BASE}2023/self-check/published/${scorer.months.at(-1)}.json`)).status).toBe(200);
    expect((await fetch(`${origin}${BASE}self-check/published/${scorer.months.at(-1)}.json`)).status).toBe(404);
  });

  it('search, RSS and the calendar cover every year and name it', async () => {
    const docs = (await (await fetch(`${origin}${BASE}search-index.json`)).json()) as SearchDoc[];
    expect(
      docs.some((d) => d.k.startsWith('2022年度') && d.t === '石店乡' && d.u === `${BASE}2022/units/shidian/`),
    ).toBe(true);
    expect(search(docs, '煤炭先进产能占比')[0]!.doc.k).toMatch(/^2022年度/);
    const rss = await (await fetch(`${origin}${BASE}rss.xml`)).text();
    expect(rss).toContain('关于2022年度县（市、区）差异化考核结果的通报');
    expect(rss).toContain('<category>2022年度</category>');
    const ics = await (await fetch(`${origin}${BASE}calendar.ics`)).text();
    expect(ics).toContain('年底交账：2022年度考核');
    expect(ics).toContain('年底交账：2023年度考核');
    expect(ics).toContain('UID:jincheng-2022-dispatch-2022@kaohe');
  });
});

describe('broken content', () => {
  it('fails the build naming the file, row and field', async () => {
    const dir = join(tmp, 'broken', 'content');
    cpSync(CONTENT_ROOT, dir, { recursive: true, filter: (src) => !src.includes('/inbox') });
    const path = join(dir, '2023', 'weights.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[4] = lines[4]!.replace(/,[^,]*$/, ',十五'); // row 5 of the spreadsheet: not a number
    writeFileSync(path, lines.join('\n'));
    const built = await buildSite({ outDir: join(tmp, 'broken', 'dist'), base: BASE, content: dir });
    expect(built.code).not.toBe(0);
    expect(built.output).toMatch(/content\/2023\/weights\.csv:5: weight — 发现 “十五”/);
  }, 120_000);
});
