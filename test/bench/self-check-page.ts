/**
 * The self-check page in Chromium (prints figures; not a test):
 *   - what it fetches before the user does anything: serves a built site, opens /self-check/ in a fresh profile,
 *     waits until the island is ready and the network has been quiet for 3 s, and lists every JavaScript file the
 *     server sent (pages, workers and the service worker's precache alike, as the server sees them); then imports
 *     a county's file (城区, 2023-12) and lists what that brought;
 *   - what-if timing for that county: from a value edited in the items table to the recomputed result (with its
 *     提升空间 advice) on screen, one edit at a time and as a burst of keystrokes, with the worker's own split.
 * Usage: npm run bench:self-check [-- <built site dir>]   (default: builds one)
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { build, cli, openBrowser, serve } from '../e2e/self-check-support.ts';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-start-bench-'));
const dist = process.argv[2] ?? join(dir, 'dist');
const log = (...x: unknown[]) => console.log(...x);
const seen: { path: string; at: number }[] = [];
let t0 = Date.now();
const record = (req: IncomingMessage) => {
  seen.push({ path: decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname), at: Date.now() - t0 });
  return false;
};
const bytes = (path: string) => {
  try {
    return statSync(join(dist, path)).size;
  } catch {
    return 0;
  }
};
const sent = new Set<string>();
/** JavaScript files in `list` the server had not sent before (the service worker's precache re-requests are left out). */
const js = (list: typeof seen) => {
  const files = [...new Set(list.map((s) => s.path).filter((p) => extname(p) === '.js' && !sent.has(p)))];
  const again = new Set(list.map((s) => s.path).filter((p) => extname(p) === '.js' && sent.has(p))).size;
  for (const f of files) sent.add(f);
  return { files, total: files.reduce((n, p) => n + bytes(p), 0), again };
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function quiet(ms: number) {
  for (;;) {
    const n = seen.length;
    await new Promise((r) => setTimeout(r, ms));
    if (seen.length === n) return;
  }
}

try {
  if (!process.argv[2]) {
    log('building the site…');
    await build(dist);
  }
  const server = await serve(dist, [record]);
  const browser = await openBrowser(server.origin);
  try {
    t0 = Date.now();
    await browser.page.goto(`${server.origin}/self-check/`);
    await browser.page.waitForSelector('.sc[data-phase=ready]', { timeout: 60_000 });
    await quiet(3000);
    const before = { ...js(seen), seen: seen.length };
    log(`before any interaction: ${before.files.length} JS files, ${kb(before.total)}`);
    for (const f of before.files) log(`  ${kb(bytes(f)).padStart(9)}  ${f}`);
    // Left alone, the page starts the engine worker once idle (so it works offline after this visit).
    await new Promise((r) => setTimeout(r, 8000));
    await quiet(2000);
    const idle = js(seen.slice(before.seen));
    log(
      `left idle for 10 s more: ${idle.files.length} more JS files, ${kb(idle.total)} (and ${idle.again} files sent again, to the service worker's cache)`,
    );
    for (const f of idle.files) log(`  ${kb(bytes(f)).padStart(9)}  ${f}`);
    const n = seen.length;
    const file = join(dir, 'chengqu.csv');
    writeFileSync(file, await cli(['template', '--unit', 'chengqu', '--period', '2023-12']));
    await browser.page.selectOption('[data-testid=tier]', 'county');
    await browser.page.selectOption('[data-testid=unit]', 'chengqu');
    await browser.page.setInputFiles('[data-testid=file]', file);
    await browser.page.waitForSelector('[data-testid=import-ok]', { timeout: 60_000 });
    await quiet(2000);
    const after = js(seen.slice(n));
    log(`after importing a unit file: ${after.files.length} more JS files, ${kb(after.total)}`);
    for (const f of after.files) log(`  ${kb(bytes(f)).padStart(9)}  ${f}`);

    // What-if: edit one actual value (as typing does: the input event), until the result after it is on screen.
    const page = browser.page;
    await page.waitForSelector('[data-testid=items][data-current=true] tbody tr input[data-field=actual]');
    const edit = (keys: number, factor: number) =>
      page.evaluate(
        async ({ keys, factor }) => {
          const input = document.querySelector<HTMLInputElement>(
            '[data-testid=items] tbody tr input[data-field=actual]',
          )!;
          const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
          const base = Number(input.dataset.base ?? (input.dataset.base = input.value));
          const text = String(Math.round(base * factor * 100) / 100);
          let t0 = 0;
          // A burst: the value typed one character at a time, 40 ms apart (the last keystroke counts).
          for (let k = Math.max(0, text.length - keys); k < text.length; k++) {
            set.call(input, text.slice(0, k + 1));
            t0 = performance.now();
            input.dispatchEvent(new Event('input', { bubbles: true }));
            if (k < text.length - 1) await new Promise((r) => setTimeout(r, 40));
          }
          const want = text;
          for (;;) {
            await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
            const got = performance.getEntriesByName('kaohe:rendered-view').find((m) => m.startTime > t0);
            const busy = document.querySelector('[data-testid=results]')?.getAttribute('aria-busy') === 'true';
            if (
              got &&
              !busy &&
              input.value === want &&
              document.querySelector('[data-testid=whatif-delta]') &&
              document.querySelector('[data-testid=advice] li')
            ) {
              const received = performance.getEntriesByName('kaohe:view-received').at(-1) as PerformanceMark;
              return { ms: performance.now() - t0, worker: received.detail as Record<string, number> };
            }
            if (performance.now() - t0 > 20_000) throw new Error('no result after the edit');
          }
        },
        { keys, factor },
      );
    const one: { ms: number; worker: Record<string, number> }[] = [];
    for (let i = 0; i < 9; i++) one.push(await edit(1, 0.5 + i * 0.1));
    const burst: number[] = [];
    for (let i = 0; i < 5; i++) burst.push((await edit(4, 1.31 + i * 0.1)).ms);
    const med = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)]!;
    const f = (x: number) => x.toFixed(0);
    log(
      `what-if (城区, county of 6): edit → result on screen, median of ${one.length}: ${f(med(one.map((x) => x.ms)))} ms [${one.map((x) => f(x.ms)).join(', ')}]`,
    );
    log(
      `  in the worker (median): data ${f(med(one.map((x) => x.worker.data ?? NaN)))} ms, score ${f(med(one.map((x) => x.worker.score ?? NaN)))} ms, advice ${f(med(one.map((x) => x.worker.advice ?? NaN)))} ms`,
    );
    log(
      `  burst of 4 keystrokes 40 ms apart, last keystroke → result: median ${f(med(burst))} ms [${burst.map(f).join(', ')}]`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
