/**
 * Content load benchmark: `loadContent` (scheme files, then every month's data CSV through the importer the
 * browser uses) on the scaled content of the build benchmark, per size, with the ratio of each size's time
 * to the first's beside the ratio of the rows (linear: the two ratios are equal).
 *
 *   npm run bench:load                   # 2,000 and 5,000 units
 *   npm run bench:load -- 2000 5000 10000
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { loadContent } from '../../src/content-io/load-content.ts';
import { scratchDir } from '../e2e/site-harness.ts';
import { scaledContent } from './scaled-content.ts';

const argSizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => Number.isFinite(n) && n > 0);
const sizes = argSizes.length ? argSizes : [2000, 5000];
const work = scratchDir('load-bench-');
const results: { units: number; rows: number; ms: number }[] = [];
try {
  for (const n of sizes) {
    const c = scaledContent(work, n);
    const dir = join(c.dir, '2023');
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      globalThis.gc?.();
      const t0 = performance.now();
      const loaded = loadContent(dir, { root: c.dir });
      const ms = performance.now() - t0;
      if (loaded.problems.length) throw new Error(`${loaded.problems.length} problems at ${n} units`);
      if (loaded.data.length !== c.rows) throw new Error(`${loaded.data.length} rows loaded of ${c.rows}`);
      best = Math.min(best, ms);
    }
    results.push({ units: c.units, rows: c.rows, ms: best });
    console.log(`${c.units} units, ${c.rows} rows: loadContent ${(best / 1000).toFixed(2)} s (best of 3)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const first = results[0]!;
for (const r of results.slice(1))
  console.log(
    `${r.units} ÷ ${first.units} units: rows ×${(r.rows / first.rows).toFixed(2)}, time ×${(r.ms / first.ms).toFixed(2)}`,
  );
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
