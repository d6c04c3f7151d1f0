import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 600_000,
    env: { ASTRO_TELEMETRY_DISABLED: '1', TZ: 'Asia/Shanghai' },
  },
});
