// @ts-check
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';

// KAOHE_BASE hosts the site under a sub-path (e.g. /kaohe/ on GitHub Pages); KAOHE_SITE is its origin.
const base = process.env.KAOHE_BASE ?? '/';
const site = process.env.KAOHE_SITE ?? 'https://example.invalid';

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  integrations: [react()],
  build: { format: 'directory' },
  devToolbar: { enabled: false },
});
