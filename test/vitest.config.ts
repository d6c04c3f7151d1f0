import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Lives under test/ to keep the top level to the project's agreed layout; run as `vitest --config test/vitest.config.ts`.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 600_000,
    env: { ASTRO_TELEMETRY_DISABLED: '1', TZ: 'Asia/Shanghai' },
  },
});
