/** Helpers for the site's end-to-end tests and the build benchmark: build, serve, browse. */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ASTRO_BIN = join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');

/**
 * A fresh scratch folder inside the project (test/output/, git-ignored). Astro puts its prerender
 * chunks in <cwd>/.astro/.prerender when outDir is outside the project, which parallel builds would
 * share and delete under each other; an outDir inside the project keeps them apart.
 */
export function scratchDir(prefix: string): string {
  const parent = join(ROOT, 'test', 'output');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, prefix));
}

export interface BuildResult {
  code: number;
  output: string;
  ms: number;
  /** Peak resident memory of the build process, in KiB (from /proc, sampled), when known. */
  peakKb: number | null;
  /** CPU seconds (user + system) the build process used, sampled from /proc like peakKb; null when unknown. */
  cpuSeconds: number | null;
}

/** Run `astro build` in a child process (the same Node as the tests) into outDir, which must be inside the project (see scratchDir). */
export function buildSite(options: {
  outDir: string;
  base?: string;
  content?: string;
  env?: Record<string, string>;
}): Promise<BuildResult> {
  if (!resolve(options.outDir).startsWith(ROOT))
    throw new Error(`outDir ${options.outDir} must be inside ${ROOT}: use scratchDir()`);
  const cacheDir = `${resolve(options.outDir)}.cache`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ASTRO_TELEMETRY_DISABLED: '1',
    KAOHE_CACHE_DIR: cacheDir,
    KAOHE_BASE: options.base ?? '/',
    ...(options.content ? { KAOHE_CONTENT: options.content } : {}),
    ...options.env,
  };
  if (!options.content) delete env.KAOHE_CONTENT;
  // Vitest exports Vite's env (BASE_URL=/, MODE, DEV…) to process.env; the child build must not inherit them.
  for (const k of [
    'BASE_URL',
    'MODE',
    'DEV',
    'PROD',
    'SSR',
    'NODE_ENV',
    'TEST',
    'VITEST',
    'VITEST_MODE',
    'VITEST_POOL_ID',
    'VITEST_WORKER_ID',
  ])
    delete env[k];
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [ASTRO_BIN, 'build', '--outDir', options.outDir], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => {
      output += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      output += b.toString();
    });
    let peakKb: number | null = null;
    let cpuTicks: number | null = null;
    const sample = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const m = /VmHWM:\s+(\d+) kB/.exec(status);
        if (m) peakKb = Math.max(peakKb ?? 0, Number(m[1]));
        // /proc/<pid>/stat fields 14–17 (utime, stime, cutime, cstime), after the parenthesised name.
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
        if (Number.isFinite(ticks)) cpuTicks = Math.max(cpuTicks ?? 0, ticks);
      } catch {
        /* process gone or no /proc */
      }
    };
    const timer = setInterval(sample, 100);
    child.on('error', fail);
    child.on('exit', (code) => {
      clearInterval(timer);
      rmSync(cacheDir, { recursive: true, force: true });
      // Clock ticks are 100 a second on Linux (USER_HZ); the last up to 100 ms before exit are not seen.
      done({
        code: code ?? 1,
        output,
        ms: performance.now() - started,
        peakKb,
        cpuSeconds: cpuTicks === null ? null : cpuTicks / 100,
      });
    });
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The headers dist/_headers gives a path, as static hosts that read it (Netlify, Cloudflare Pages)
 * apply them: `path` lines with an optional trailing `*`, then indented `Name: value` lines.
 */
export function headersOf(dir: string): (path: string) => Record<string, string> {
  const file = join(dir, '_headers');
  const rules: { prefix: string; exact: boolean; headers: Record<string, string> }[] = [];
  if (existsSync(file))
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      if (!/^\s/.test(line)) {
        const p = line.trim();
        rules.push({ prefix: p.replace(/\*$/, ''), exact: !p.endsWith('*'), headers: {} });
        continue;
      }
      const m = /^\s+([^:]+):\s*(.*)$/.exec(line);
      if (m && rules.length) rules.at(-1)!.headers[m[1]!] = m[2]!;
    }
  return (path) =>
    Object.assign(
      {},
      ...rules.filter((r) => (r.exact ? path === r.prefix : path.startsWith(r.prefix))).map((r) => r.headers),
    ) as Record<string, string>;
}

/** A tiny static server for dist under a base path, on 127.0.0.1 and a random port; 404.html for misses; dist/_headers applied. */
export async function serveStatic(dir: string, base = '/'): Promise<{ origin: string; close: () => Promise<void> }> {
  const root = resolve(dir);
  const extra = headersOf(root);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const notFound = () => {
      res.writeHead(404, { 'Content-Type': TYPES['.html']! });
      createReadStream(join(root, '404.html')).pipe(res);
    };
    if (!path.startsWith(base)) {
      notFound();
      return;
    }
    let file = normalize(join(root, path.slice(base.length)));
    if (!file.startsWith(root)) {
      notFound();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { Location: `${path}/` });
        res.end();
        return;
      }
      file = join(file, 'index.html');
    }
    if (!existsSync(file)) {
      notFound();
      return;
    }
    res.writeHead(200, {
      ...extra(path),
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What test/e2e/feeds_check.py saw in a served build's rss.xml and .ics files (see that script). */
export interface FeedsSeen {
  recurring_ical_events: boolean;
  placeholder: string[];
  /** Every .ics of the build (path in dist): its dates, recurring events expanded, as 'YYYY-MM-DD category', sorted. */
  dates: Record<string, string[]>;
  calendars: Record<
    string,
    {
      occurrences?: number;
      events: {
        uid: string;
        date: string;
        summary: string;
        dtstamp: string;
        last_modified: string | null;
        sequence: number | null;
        categories: string[];
        rrule: string | null;
        description: string;
        alarms: string[];
      }[];
    }
  >;
  rss: {
    bozo: boolean;
    bozo_exception: string;
    link: string | undefined;
    entries: { id: string; link: string; title: string; summary: string }[];
  };
}

/**
 * Parse the feeds of a served build with Debian's python3-icalendar and python3-feedparser
 * (`/usr/bin/python3`: the system Python has them; .ci/run installs them).
 */
export async function feedsSeen(dist: string, origin: string, base: string): Promise<FeedsSeen> {
  // Asynchronously: the script fetches from a server running in this very process.
  const { stdout } = await promisify(execFile)(
    '/usr/bin/python3',
    [join(ROOT, 'test', 'e2e', 'feeds_check.py'), dist, origin, base],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  return JSON.parse(stdout) as FeedsSeen;
}
