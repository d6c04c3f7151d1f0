// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CSP_DIRECTIVES, headersFile } from './src/site/csp.ts';

// KAOHE_BASE hosts the site under a sub-path (e.g. /kaohe/ on GitHub Pages); KAOHE_SITE is its origin.
const base = process.env.KAOHE_BASE ?? '/';
const site = siteUrl(process.env.KAOHE_SITE, Boolean(process.env.KAOHE_DEPLOY));
// Bundled page code cannot find content/ from its own URL; tell it here (KAOHE_CONTENT overrides, for tests and benchmarks).
process.env.KAOHE_CONTENT ??= fileURLToPath(new URL('./content', import.meta.url));

export default defineConfig({
  // Separate caches let test and benchmark builds run beside a developer's build without sharing a content store.
  ...(process.env.KAOHE_CACHE_DIR ? { cacheDir: process.env.KAOHE_CACHE_DIR } : {}),
  ...(site ? { site } : {}),
  base,
  trailingSlash: 'ignore',
  integrations: [react(), workerHeaders(), bulkFiles()],
  // A strict Content-Security-Policy in a <meta> tag on every page (see src/site/csp.ts): scripts and
  // styles only from the site, inline ones by hash, no eval.
  security: { csp: { algorithm: 'SHA-256', directives: [...CSP_DIRECTIVES] } },
  // Four pages render at once: a page's file writes then overlap the next page's rendering (the main thread
  // sat idle ~15 % of a 2,000-unit build waiting on the disk). Each page's year lives in its own scope
  // (src/middleware.ts), so pages of different years rendering together cannot mix their years.
  build: { format: 'directory', concurrency: 4 },
  devToolbar: { enabled: false },
  // Nothing may load from outside the origin: no prefetch scripts, no remote images.
  prefetch: false,
  vite: { build: { assetsInlineLimit: 0 } },
});

/** Writes dist/_headers: the same policy for worker and service-worker scripts, on hosts that read that file. */
function workerHeaders() {
  return {
    name: 'kaohe-worker-headers',
    hooks: {
      /** @param {{ dir: URL }} options */
      'astro:build:done': ({ dir }) => {
        writeFileSync(new URL('_headers', dir), headersFile(base));
      },
    },
  };
}

/**
 * Splits calendar/files.json (path → body, written by src/pages/calendar/files.json.ts) into the unit and reporter
 * calendars and removes it: thousands of small files through one route (src/site/calendar-files.ts says why).
 */
function bulkFiles() {
  return {
    name: 'kaohe-bulk-files',
    hooks: {
      /** @param {{ dir: URL, logger: { info: (m: string) => void } }} options */
      'astro:build:done': ({ dir, logger }) => {
        const bundle = new URL('calendar/files.json', dir);
        /** @type {Record<string, string>} */
        const files = JSON.parse(readFileSync(bundle, 'utf8'));
        const made = new Set();
        for (const [path, body] of Object.entries(files)) {
          const target = fileURLToPath(new URL(path, dir));
          const folder = dirname(target);
          if (!made.has(folder)) (mkdirSync(folder, { recursive: true }), made.add(folder));
          writeFileSync(target, body);
        }
        rmSync(bundle);
        logger.info(`${Object.keys(files).length} unit and reporter calendars written`);
      },
    },
  };
}

/**
 * The public origin for absolute links (RSS, sitemap, robots, webcal). Without one (a local build, `npm start`)
 * links are relative and the sitemap is left out, never pointed at a placeholder; a deployment build
 * (KAOHE_DEPLOY set, as the GitHub workflow does) without KAOHE_SITE stops here.
 * @param {string | undefined} value
 * @param {boolean} deploy
 */
function siteUrl(value, deploy) {
  if (!value) {
    if (deploy)
      throw new Error(
        'KAOHE_DEPLOY 已设置但缺少 KAOHE_SITE：部署构建必须给出站点地址（如 KAOHE_SITE=https://owner.github.io），否则 RSS、sitemap.xml 和日历订阅链接无法指向站点。',
      );
    return undefined;
  }
  let url;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || /\.invalid$/.test(url.hostname))
    throw new Error(
      `KAOHE_SITE 应为站点的来源地址，如 https://owner.github.io（子路径用 KAOHE_BASE），发现“${value}”。`,
    );
  return url.origin;
}
