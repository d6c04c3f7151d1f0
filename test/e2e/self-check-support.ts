/**
 * Support for the self-check end-to-end tests and the browser benchmark: build the site into a
 * directory of our own, serve it (plus extra routes) on 127.0.0.1, and drive Debian's Chromium
 * through playwright-core with a fresh profile, recording every request.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { gb18030 } from '../support/gb18030.ts';
import { headersOf } from './site-harness.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env.KAOHE_CHROMIUM ?? '/usr/bin/chromium';

/** `astro build` into outDir (same Node as the tests); throws with the output when it fails. */
export async function build(outDir: string, env: Record<string, string> = {}): Promise<void> {
  const astro = join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const out = await new Promise<{ code: number; log: string }>((done, fail) => {
    const child = spawn(process.execPath, [astro, 'build', '--outDir', outDir], {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (b: Buffer) => {
      log += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      log += b.toString();
    });
    child.on('error', fail);
    child.on('exit', (code) => done({ code: code ?? 1, log }));
  });
  if (out.code !== 0) throw new Error(`astro build failed (${out.code}):\n${out.log.slice(-4000)}`);
}

/** Run the staff CLI (npm run kaohe) and return its stdout. */
export async function cli(args: string[]): Promise<string> {
  const out = await new Promise<{ code: number; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--experimental-strip-types', '--no-warnings', join(ROOT, 'src/cli/main.ts'), ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    child.on('error', fail);
    child.on('exit', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
  if (out.code !== 0) throw new Error(`kaohe ${args.join(' ')} failed (${out.code}): ${out.stderr}`);
  return out.stdout;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export type Route = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Serve a built site on 127.0.0.1 (random port); `routes` may answer first (benchmark files). */
export async function serve(
  dir: string,
  routes: Route[] = [],
): Promise<{ origin: string; close: () => Promise<void> }> {
  const root = resolve(dir);
  const extra = headersOf(root);
  const server = createServer((req, res) => {
    for (const r of routes) if (r(req, res)) return;
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { Location: `${path}/` }).end();
        return;
      }
      file = join(file, 'index.html');
    }
    if (!existsSync(file)) {
      res.writeHead(404, { 'Content-Type': TYPES['.txt']! }).end('not found');
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
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Every URL requested by any page, worker or service worker of the context. */
  requests: string[];
  /** Requests to another origin (each was aborted). */
  outside: string[];
  /** Content-Security-Policy violations reported by any page (securitypolicyviolation) or worker (console). */
  csp: string[];
  close: () => Promise<void>;
}

/** Chromium with a fresh profile; requests outside `origin` are recorded and aborted. */
export async function openBrowser(
  origin: string,
  options: { args?: string[]; serviceWorkers?: 'allow' | 'block'; abortOutside?: boolean } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'kaohe-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    serviceWorkers: options.serviceWorkers ?? 'allow',
  });
  const requests: string[] = [];
  const outside: string[] = [];
  context.on('request', (r) => {
    requests.push(r.url());
    if (!sameOrigin(r.url(), origin)) outside.push(r.url());
  });
  // Routing intercepts at the network layer, which takes requests away from a service worker, so it
  // is optional: the request events above see every request either way.
  if (options.abortOutside ?? true)
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (sameOrigin(url, origin)) return route.fallback();
      outside.push(url);
      return route.abort();
    });
  const csp: string[] = [];
  await context.exposeBinding('__kaoheCsp', (_source, text: string) => {
    csp.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __kaoheCsp: (t: string) => void }).__kaoheCsp(
        `${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`,
      );
    });
  });
  const cspConsole = (m: { text: () => string }) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  };
  context.on('console', cspConsole);
  context.on('page', (p) => p.on('worker', (w) => w.on('console', cspConsole)));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('worker', (w) => w.on('console', cspConsole));
  return {
    context,
    page,
    requests,
    outside,
    csp,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function sameOrigin(url: string, origin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** Encode text as GB18030 with the system's iconv (glibc); falls back to a table built from TextDecoder. */
export async function toGb18030(text: string): Promise<Buffer> {
  if (existsSync('/usr/bin/iconv')) {
    const out = await new Promise<Buffer>((done, fail) => {
      const child = spawn('/usr/bin/iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => chunks.push(b));
      child.on('error', fail);
      child.on('exit', (code) => (code === 0 ? done(Buffer.concat(chunks)) : fail(new Error(`iconv exited ${code}`))));
      child.stdin.end(Buffer.from(text, 'utf8'));
    });
    return out;
  }
  return gb18030ByTable(text);
}

/** GB18030 by the shared test table (see test/support/gb18030.ts). */
export function gb18030ByTable(text: string): Buffer {
  return Buffer.from(gb18030(text));
}
