/**
 * Build benchmark: the default scheme and scaled copies of it (many more towns and streets sharing
 * the tier item lists, synthetic data for every month), each built by the real `astro build` in a
 * child process. Prints build time, pages per second, files and bytes written (in all and per kind:
 * pages, ranking JSON, ranking CSV, data CSV, self-check data, scripts and styles, other), peak memory,
 * and each size's build time over the first scaled size's (5,000 ÷ 2,000: linear is 2.5).
 *
 *   npm run bench:build                      # default scheme + 2,000 units
 *   npm run bench:build -- 2000 5000 10000   # default scheme + each size given
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { columnsFromRows, compileModel, dataToCsv, formatProblem, monthId } from '../../src/engine/index.ts';
import { loadBundle } from '../../src/content-io/load-content.ts';
import { synthesizeRows } from '../../src/sample/synth.ts';
import { ROOT, buildSite, scratchDir } from '../e2e/site-harness.ts';

// The latest year, copied as a single-year content folder and scaled.
const CONTENT = join(ROOT, 'content', '2023');
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => Number.isFinite(n) && n > 0);
const work = scratchDir('build-bench-');

/** Copy the default content and add towns and streets until there are `total` units; write synthetic data. */
function scaledContent(total: number): { dir: string; units: number; rows: number } {
  // A content folder holding one year folder (2023), as the site reads it.
  const root = join(work, `content-${total}`);
  const dir = join(root, '2023');
  cpSync(CONTENT, dir, { recursive: true, filter: (src) => !/[\\/]data[\\/][^\\/]+\.csv$/.test(src) });
  const unitsPath = join(dir, 'units.csv');
  const original = readFileSync(unitsPath, 'utf8')
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split(/\r?\n/);
  const header = original[0]!.split(',');
  const col = (name: string) => header.indexOf(name);
  const counties = original
    .slice(1)
    .map((l) => l.split(','))
    .filter((r) => r[col('tier')] === 'county')
    .map((r) => r[col('id')]!);
  const extra = Math.max(0, total - (original.length - 1));
  const lines = [...original];
  for (let i = 0; i < extra; i++) {
    const town = i % 5 !== 4; // four towns to one street, roughly as in a province
    const row: string[] = header.map(() => '');
    row[col('id')] = `${town ? 'xz' : 'jd'}${String(i).padStart(5, '0')}`;
    row[col('name')] = `${town ? '示例镇' : '示例街道'}${i + 1}`;
    row[col('tier')] = town ? 'town' : 'street';
    row[col('parent')] = counties[i % counties.length] ?? '';
    row[col('traction')] = String(i % 5);
    if (col('sampleName') >= 0) row[col('sampleName')] = 'true';
    lines.push(row.join(','));
  }
  // Only this year is copied: no earlier year for a former code to name.
  const formerly = col('formerly');
  if (formerly >= 0)
    for (let i = 1; i < lines.length; i++) {
      const r = lines[i]!.split(',');
      r[formerly] = '';
      lines[i] = r.join(',');
    }
  writeFileSync(unitsPath, `${lines.join('\n')}\n`);

  const { bundle, problems } = loadBundle(dir, work);
  if (!bundle) throw new Error(problems.map(formatProblem).join('\n'));
  const compiled = compileModel(bundle);
  if (compiled.problems.length) throw new Error(compiled.problems.map(formatProblem).join('\n'));
  const model = compiled.model;
  const months = [
    ...model.scheme.historyYears.map((y) => monthId(y, 12)),
    ...Array.from({ length: 12 }, (_, i) => monthId(model.scheme.year, i + 1)),
  ];
  const rows = synthesizeRows(model, { seed: model.scheme.robustness.seed, months });
  mkdirSync(join(dir, 'data'), { recursive: true });
  for (const month of months)
    writeFileSync(
      join(dir, 'data', `${month}.csv`),
      dataToCsv(columnsFromRows(rows.filter((r) => r.period === month)), model),
    );
  return { dir: root, units: model.units.length, rows: rows.length };
}

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
  seconds: number;
  pages: number;
  pagesPerSecond: number;
  files: number;
  mib: number;
  peakMib: number | null;
  byKind: Map<Kind, number>;
}

async function run(label: string, content: string | undefined, units: number, dataRows: number): Promise<Row> {
  const outDir = join(work, `dist-${label}`);
  const res = await buildSite({ outDir, ...(content ? { content } : {}) });
  if (res.code !== 0) throw new Error(`build of ${label} failed:\n${res.output.slice(-3000)}`);
  const out = walk(outDir);
  if (process.env.BENCH_KEEP) console.error(`kept ${outDir}`);
  else rmSync(outDir, { recursive: true, force: true });
  const seconds = res.ms / 1000;
  console.error(
    `${label}: ${seconds.toFixed(1)} s, ${out.html} pages, ${(out.bytes / 2 ** 20).toFixed(1)} MiB, peak ${res.peakKb === null ? '—' : (res.peakKb / 1024).toFixed(0)} MiB; ${KINDS.map((k) => `${k} ${((out.byKind.get(k) ?? 0) / 2 ** 20).toFixed(1)}`).join(', ')}; load ${(loadavg()[0] ?? 0).toFixed(1)}`,
  );
  return {
    scheme: label,
    units,
    dataRows,
    seconds,
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
  results.push(await run('default', undefined, defUnits, 0));
  for (const n of sizes.length ? sizes : [2000]) {
    const t0 = performance.now();
    const c = scaledContent(n);
    console.error(
      `generated ${c.units} units, ${c.rows} data rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    results.push(await run(`scaled-${n}`, c.dir, c.units, c.rows));
  }
} finally {
  if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
}

const head = ['scheme', 'units', 'data rows', 'build s', 'pages', 'pages/s', 'files', 'MiB out', 'peak RSS MiB'];
const lines = results.map((r) =>
  [
    r.scheme,
    r.units,
    r.dataRows || '(content/data)',
    r.seconds.toFixed(1),
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
const scaled = results.filter((r) => r.scheme.startsWith('scaled-'));
for (const r of scaled.slice(1))
  console.log(
    `${r.scheme} ÷ ${scaled[0]!.scheme}: units ×${(r.units / scaled[0]!.units).toFixed(2)}, build time ×${(r.seconds / scaled[0]!.seconds).toFixed(2)}, output ×${(r.mib / scaled[0]!.mib).toFixed(2)}`,
  );
console.log(
  `load average ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (the machine is shared: compare within one run)`,
);
