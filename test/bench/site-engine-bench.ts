/**
 * What the site build asks of the engine, without Astro: load a content folder, score every tier and period
 * view, explain every unit's latest period, advise every tier and month. Prints each phase's time.
 *   node --experimental-strip-types --no-warnings test/bench/site-engine-bench.ts [content dir]
 */
import { loadContent } from '../../src/content-io/load-content.ts';
import { adviseTier, createScorer, periodsOfYear } from '../../src/engine/index.ts';

const dir = process.argv[2] ?? 'content/2023';
const t = () => performance.now();
let t0 = t();
const { model, data } = loadContent(dir);
console.log(`load ${(t() - t0).toFixed(0)} ms, ${data.length} rows`);
const scorer = createScorer(model!, data);
const inYear = scorer.months.filter((m) => m.startsWith(`${model!.scheme.year}-`));
const periods = periodsOfYear(model!.scheme.year, inYear.length);
t0 = t();
for (const tier of model!.scheme.tiers) for (const p of periods) scorer.scoreTier(tier, p.id, { explain: false });
console.log(
  `score ${model!.scheme.tiers.length} tiers × ${periods.length} periods ${(t() - t0).toFixed(0)} ms`,
  scorer.stats(),
);
t0 = t();
for (const u of model!.units) scorer.explainUnit(u.tier, periods.at(-1)!.id, u.id);
console.log(`explain ${model!.units.length} units ${(t() - t0).toFixed(0)} ms`);
for (const tier of model!.scheme.tiers) {
  t0 = t();
  for (const m of inYear) adviseTier(scorer, tier, m);
  console.log(`advice ${tier} × ${inYear.length} months ${(t() - t0).toFixed(0)} ms`);
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
