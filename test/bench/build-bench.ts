/**
 * Build benchmark: the default scheme and scaled copies of it (many more towns and streets sharing
 * the tier item lists, synthetic data for every month), each built by the real `astro build` in a
 * child process. Prints build time, pages per second, files and bytes written (in all and per kind:
 * pages, ranking JSON, ranking CSV, data CSV, self-check data, scripts and styles, other), peak memory,
 * and each size's build time over the first scaled size's (5,000 ÷ 2,000: linear is 2.5).
 *
 *   npm run bench:build                      # default scheme + 2,000 units
 *   npm run bench:build -- 2000 5000 10000   # default scheme + each size given
 *   npm run bench:build -- 2000 2000@6       # … and 2,000 units with data only to June (mid-year)
 *
 * Build seconds are wall time; CPU seconds (user + system, from /proc) are steadier when the machine
 * is shared, so both ratios are printed.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { loadBundle } from '../../src/content-io/load-content.ts';
import { buildSite, scratchDir } from '../e2e/site-harness.ts';
import { CONTENT, scaledContent } from './scaled-content.ts';

/** `2000` (data for all 12 months) or `2000@6` (data up to June). */
const sizes = process.argv.slice(2).flatMap((a) => {
  const m = /^(\d+)(?:@(\d{1,2}))?$/.exec(a);
  const n = Number(m?.[1]);
  const through = m?.[2] === undefined ? 12 : Number(m[2]);
  if (!m || !(n > 0) || through < 1 || through > 12) {
    console.error(
      `ignored argument ${JSON.stringify(a)}: expected a unit count such as 2000, or 2000@6 for data to June`,
    );
    return [];
  }
  return [{ n, through }];
});
const work = scratchDir('build-bench-');

const KINDS = [
  'pages',
  'ranking JSON',
  'ranking CSV',
  'data CSV',
  'self-check data',
  'scripts+styles',
  'other',
] as const;
type Kind = (typeof KINDS)[number];

/** What a file in dist is, by its path. */
function kindOf(rel: string): Kind {
  if (rel.endsWith('.html')) return 'pages';
  if (/(^|\/)rankings\/.*\.json$/.test(rel)) return 'ranking JSON';
  if (/(^|\/)rankings\/.*\.csv$/.test(rel)) return 'ranking CSV';
  if (/(^|\/)data\/.*\.csv$/.test(rel)) return 'data CSV';
  if (/(^|\/)self-check\/.*\.json$/.test(rel)) return 'self-check data';
  if (rel.startsWith('_astro/')) return 'scripts+styles';
  return 'other';
}

function walk(dir: string, rel = '', out = { html: 0, files: 0, bytes: 0, byKind: new Map<Kind, number>() }) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      walk(p, r, out);
      continue;
    }
    const size = statSync(p).size;
    out.files++;
    out.bytes += size;
    if (e.name.endsWith('.html')) out.html++;
    const k = kindOf(r);
    out.byKind.set(k, (out.byKind.get(k) ?? 0) + size);
  }
  return out;
}

interface Row {
  scheme: string;
  units: number;
  dataRows: number;
  /** Scaled builds: the last month with data (12: the whole year); null for the default scheme. */
  through: number | null;
  seconds: number;
  cpuSeconds: number | null;
  pages: number;
  pagesPerSecond: number;
  files: number;
  mib: number;
  peakMib: number | null;
  byKind: Map<Kind, number>;
}

async function run(
  label: string,
  content: string | undefined,
  units: number,
  dataRows: number,
  through: number | null,
): Promise<Row> {
  const outDir = join(work, `dist-${label}`);
  const res = await buildSite({ outDir, ...(content ? { content } : {}) });
  if (res.code !== 0) throw new Error(`build of ${label} failed:\n${res.output.slice(-3000)}`);
  const out = walk(outDir);
  if (process.env.BENCH_KEEP) console.error(`kept ${outDir}`);
  else rmSync(outDir, { recursive: true, force: true });
  const seconds = res.ms / 1000;
  console.error(
    `${label}: ${seconds.toFixed(1)} s (CPU ${res.cpuSeconds?.toFixed(1) ?? '—'} s), ${out.html} pages, ${(out.bytes / 2 ** 20).toFixed(1)} MiB, peak ${res.peakKb === null ? '—' : (res.peakKb / 1024).toFixed(0)} MiB; ${KINDS.map((k) => `${k} ${((out.byKind.get(k) ?? 0) / 2 ** 20).toFixed(1)}`).join(', ')}; load ${(loadavg()[0] ?? 0).toFixed(1)}`,
  );
  return {
    scheme: label,
    units,
    dataRows,
    through,
    seconds,
    cpuSeconds: res.cpuSeconds,
    pages: out.html,
    pagesPerSecond: out.html / seconds,
    files: out.files,
    mib: out.bytes / 2 ** 20,
    peakMib: res.peakKb === null ? null : res.peakKb / 1024,
    byKind: out.byKind,
  };
}

const results: Row[] = [];
try {
  const def = loadBundle(CONTENT);
  const defUnits = def.bundle?.units.length ?? 0;
  results.push(await run('default', undefined, defUnits, 0, null));
  for (const { n, through } of sizes.length ? sizes : [{ n: 2000, through: 12 }]) {
    const t0 = performance.now();
    const c = scaledContent(work, n, through);
    console.error(
      `generated ${c.units} units, ${c.rows} data rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    results.push(await run(`scaled-${n}${through < 12 ? `@${through}` : ''}`, c.dir, c.units, c.rows, through));
  }
} finally {
  if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
}

const head = [
  'scheme',
  'units',
  'data rows',
  'build s',
  'CPU s',
  'pages',
  'pages/s',
  'files',
  'MiB out',
  'peak RSS MiB',
];
const lines = results.map((r) =>
  [
    r.scheme,
    r.units,
    r.dataRows || '(content/data)',
    r.seconds.toFixed(1),
    r.cpuSeconds?.toFixed(1) ?? '—',
    r.pages,
    r.pagesPerSecond.toFixed(1),
    r.files,
    r.mib.toFixed(1),
    r.peakMib?.toFixed(0) ?? '—',
  ].map(String),
);
console.log(`Node ${process.version}, ${(await import('node:os')).cpus().length} CPUs`);
console.log([head, ...lines].map((l) => l.join(' | ')).join('\n'));
console.log(`\nMiB by kind\n${['scheme', ...KINDS].join(' | ')}`);
for (const r of results)
  console.log([r.scheme, ...KINDS.map((k) => ((r.byKind.get(k) ?? 0) / 2 ** 20).toFixed(1))].join(' | '));
const ratio = (a: number | null, b: number | null) => (a === null || b === null ? '—' : `×${(a / b).toFixed(2)}`);
// Sizes with a full year of data against the first of them (5,000 ÷ 2,000: linear is 2.5); a mid-year
// build against the full-year build of its size.
const full = results.filter((r) => r.through === 12);
for (const r of full.slice(1))
  console.log(
    `${r.scheme} ÷ ${full[0]!.scheme}: units ×${(r.units / full[0]!.units).toFixed(2)}, build time ${ratio(r.seconds, full[0]!.seconds)}, CPU ${ratio(r.cpuSeconds, full[0]!.cpuSeconds)}, output ${ratio(r.mib, full[0]!.mib)}`,
  );
for (const r of results.filter((x) => x.through !== null && x.through < 12)) {
  const base = full.find((f) => f.units === r.units);
  if (base)
    console.log(
      `${r.scheme} ÷ ${base.scheme}: build time ${ratio(r.seconds, base.seconds)}, CPU ${ratio(r.cpuSeconds, base.cpuSeconds)}`,
    );
}
console.log(
  `load average ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (the machine is shared: compare within one run)`,
);
