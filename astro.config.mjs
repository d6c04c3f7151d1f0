// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';

// KAOHE_BASE hosts the site under a sub-path (e.g. /kaohe/ on GitHub Pages); KAOHE_SITE is its origin.
const base = process.env.KAOHE_BASE ?? '/';
const site = process.env.KAOHE_SITE ?? 'https://example.invalid';
// Bundled page code cannot find content/ from its own URL; tell it here (KAOHE_CONTENT overrides, for tests and benchmarks).
process.env.KAOHE_CONTENT ??= fileURLToPath(new URL('./content', import.meta.url));

export default defineConfig({
  // Separate caches let test and benchmark builds run beside a developer's build without sharing a content store.
  ...(process.env.KAOHE_CACHE_DIR ? { cacheDir: process.env.KAOHE_CACHE_DIR } : {}),
  site,
  base,
  trailingSlash: 'ignore',
  integrations: [react()],
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  // Nothing may load from outside the origin: no prefetch scripts, no remote images.
  prefetch: false,
  vite: { build: { assetsInlineLimit: 0 } },
});
