/**
 * Build benchmark: the default scheme and scaled copies of it (many more towns and streets sharing
 * the tier item lists, synthetic data for every month), each built by the real `astro build` in a
 * child process. Prints build time, pages per second, files and bytes written, and peak memory.
 *
 *   npm run bench:build                 # default scheme + 2,000 units
 *   npm run bench:build -- 1000 2000    # default scheme + each size given
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnsFromRows, compileModel, dataToCsv, formatProblem, monthId } from '../../src/engine/index.ts';
import { loadBundle } from '../../src/content-io/load-content.ts';
import { synthesizeRows } from '../../src/sample/synth.ts';
import { ROOT, buildSite, scratchDir } from '../e2e/site-harness.ts';

// The latest year, copied as a single-year content folder and scaled.
const CONTENT = join(ROOT, 'content', '2023');
const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isFinite(n) && n > 0);
const work = scratchDir('build-bench-');

/** Copy the default content and add towns and streets until there are `total` units; write synthetic data. */
function scaledContent(total: number): { dir: string; units: number; rows: number } {
  const dir = join(work, `content-${total}`);
  cpSync(CONTENT, dir, { recursive: true, filter: (src) => !/[\\/]data[\\/][^\\/]+\.csv$/.test(src) });
  const unitsPath = join(dir, 'units.csv');
  const original = readFileSync(unitsPath, 'utf8').replace(/^\ufeff/, '').trimEnd().split(/\r?\n/);
  const header = original[0]!.split(',');
  const col = (name: string) => header.indexOf(name);
  const counties = original.slice(1).map((l) => l.split(',')).filter((r) => r[col('tier')] === 'county').map((r) => r[col('id')]!);
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
  writeFileSync(unitsPath, `${lines.join('\n')}\n`);

  const { bundle, problems } = loadBundle(dir, work);
  if (!bundle) throw new Error(problems.map(formatProblem).join('\n'));
  const compiled = compileModel(bundle);
  if (compiled.problems.length) throw new Error(compiled.problems.map(formatProblem).join('\n'));
  const model = compiled.model;
  const months = [...model.scheme.historyYears.map((y) => monthId(y, 12)), ...Array.from({ length: 12 }, (_, i) => monthId(model.scheme.year, i + 1))];
  const rows = synthesizeRows(model, { seed: model.scheme.robustness.seed, months });
  mkdirSync(join(dir, 'data'), { recursive: true });
  for (const month of months) writeFileSync(join(dir, 'data', `${month}.csv`), dataToCsv(columnsFromRows(rows.filter((r) => r.period === month)), model));
  return { dir, units: model.units.length, rows: rows.length };
}

function walk(dir: string): { html: number; files: number; bytes: number } {
  let html = 0; let files = 0; let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) { const s = walk(p); html += s.html; files += s.files; bytes += s.bytes; }
    else { files++; bytes += statSync(p).size; if (e.name.endsWith('.html')) html++; }
  }
  return { html, files, bytes };
}

interface Row { scheme: string; units: number; dataRows: number; seconds: number; pages: number; pagesPerSecond: number; files: number; mib: number; peakMib: number | null }

async function run(label: string, content: string | undefined, units: number, dataRows: number): Promise<Row> {
  const outDir = join(work, `dist-${label}`);
  const res = await buildSite({ outDir, ...(content ? { content } : {}) });
  if (res.code !== 0) throw new Error(`build of ${label} failed:\n${res.output.slice(-3000)}`);
  const out = walk(outDir);
  if (process.env.BENCH_KEEP) console.error(`kept ${outDir}`);
  else rmSync(outDir, { recursive: true, force: true });
  const seconds = res.ms / 1000;
  return { scheme: label, units, dataRows, seconds, pages: out.html, pagesPerSecond: out.html / seconds, files: out.files, mib: out.bytes / 2 ** 20, peakMib: res.peakKb === null ? null : res.peakKb / 1024 };
}

const results: Row[] = [];
try {
  const def = loadBundle(CONTENT);
  const defUnits = def.bundle?.units.length ?? 0;
  results.push(await run('default', undefined, defUnits, 0));
  for (const n of sizes.length ? sizes : [2000]) {
    const t0 = performance.now();
    const c = scaledContent(n);
    console.error(`generated ${c.units} units, ${c.rows} data rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    results.push(await run(`scaled-${n}`, c.dir, c.units, c.rows));
  }
} finally {
  if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
}

const head = ['scheme', 'units', 'data rows', 'build s', 'pages', 'pages/s', 'files', 'MiB out', 'peak RSS MiB'];
const lines = results.map((r) => [r.scheme, r.units, r.dataRows || '(content/data)', r.seconds.toFixed(1), r.pages, r.pagesPerSecond.toFixed(1), r.files, r.mib.toFixed(1), r.peakMib?.toFixed(0) ?? '—'].map(String));
console.log(`Node ${process.version}, ${(await import('node:os')).cpus().length} CPUs`);
console.log([head, ...lines].map((l) => l.join(' | ')).join('\n'));
