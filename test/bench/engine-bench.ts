/**
 * Engine benchmark (prints figures; not a test): a province-sized dataset, papaparse's bare parse of
 * its bytes, then the engine's import (decode, parse, validate) and scoring, in one run.
 * Usage: npm run bench [-- <units> <items per tier> <months>]
 */
import Papa from 'papaparse';
import { compileModel, createScorer, importCsv, indexData } from '../../src/engine/index.ts';
import { provinceBundle, provinceCsv } from './province.ts';

const [units = 2000, items = 60, months = 12] = process.argv.slice(2).map(Number);
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

const bundle = provinceBundle(units, items);
const { model, problems } = compileModel(bundle);
if (problems.length) throw new Error(problems.map((p) => p.expected).join('\n'));
let t = performance.now();
const text = provinceCsv(bundle, months);
const bytes = new TextEncoder().encode(text);
console.log(
  `dataset: ${units} units × ${items} items × ${months} months; ${bytes.length.toLocaleString()} bytes (${mb(bytes.length)}), generated in ${ms(t)}`,
);

const runs = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bare: number[] = [];
const imp: number[] = [];
const score: number[] = [];
let rows = 0;
let robustMs = 0;
let explainMs = 0;
// Each phase starts from a collected heap, so one phase's garbage is not billed to the next.
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
for (let r = 0; r < runs; r++) {
  gc();
  t = performance.now();
  rows = Papa.parse<string[]>(new TextDecoder('utf-8').decode(bytes), { header: false }).data.length - 1;
  bare.push(performance.now() - t);

  gc();
  t = performance.now();
  const res = importCsv(bytes, model, { file: 'province.csv' });
  imp.push(performance.now() - t);
  if (!res.ok)
    throw new Error(
      `import failed: ${res.problems
        .slice(0, 3)
        .map((p) => `${p.row} ${p.field} ${p.found} ${p.expected}`)
        .join('; ')}`,
    );

  gc();
  t = performance.now();
  const scorer = createScorer(model, indexData(res.data));
  for (const tier of model.scheme.tiers)
    for (let m = 1; m <= months; m++)
      scorer.scoreTier(tier, `2023-${String(m).padStart(2, '0')}`, { robustness: false, explain: false, items: false });
  score.push(performance.now() - t);

  t = performance.now();
  for (const tier of model.scheme.tiers)
    scorer.scoreTier(tier, `2023-${String(months).padStart(2, '0')}`, {
      robustness: false,
      explain: true,
      items: true,
    });
  explainMs = performance.now() - t;

  t = performance.now();
  for (const tier of model.scheme.tiers)
    scorer.scoreTier(tier, `2023-${String(months).padStart(2, '0')}`, { robustness: true });
  robustMs = performance.now() - t;
}
const b = median(bare);
const i = median(imp);
const s = median(score);
console.log(`rows: ${rows.toLocaleString()} (median of ${runs} runs)`);
console.log(`papaparse bare parse (decode + header:false): ${b.toFixed(0)} ms`);
console.log(
  `engine import (decode + parse + validate → columns): ${i.toFixed(0)} ms  (${(i / b).toFixed(2)}× bare parse)`,
);
console.log(
  `engine scoring, every tier × every month (every item's score and pace, flags, totals, ranks, grades, movement): ${s.toFixed(0)} ms  (${(s / b).toFixed(2)}× bare parse)`,
);
console.log(`per-item result objects with explanations for every unit, last month: ${explainMs.toFixed(0)} ms`);
console.log(
  `rank robustness (${model.scheme.robustness.draws} draws) for the last month, every tier: ${robustMs.toFixed(0)} ms`,
);
console.log(`scoring faster than the bare parse: ${s < b ? 'yes' : 'NO'}`);
console.log(`peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}`);
