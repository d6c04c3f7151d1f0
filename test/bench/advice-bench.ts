/**
 * Advice benchmark (prints figures; not a test): advice (提升空间) for every unit of every tier, on the
 * default scheme and on the province-sized benchmark (test/bench/province.ts), and for one county after a
 * what-if edit as the self-check computes it. Usage: npm run bench:advice [-- <units> <items per tier>]
 */
import { loadavg } from 'node:os';
import { loadContent } from '../../src/content-io/load-content.ts';
import {
  adviseTier,
  adviseUnit,
  columnsFromRows,
  compileModel,
  createScorer,
  importCsv,
  indexData,
  rowsFromColumns,
} from '../../src/engine/index.ts';
import type { Scorer } from '../../src/engine/index.ts';
import { provinceBundle, provinceCsv } from './province.ts';

const [units = 2000, items = 60] = process.argv.slice(2).map(Number);
// Wall time, and this process's CPU time beside it (the machine is shared: under load the wall time
// stretches while the CPU time stays what the work costs).
const clock = () => ({ wall: performance.now(), cpu: process.cpuUsage() });
const ms = (t0: ReturnType<typeof clock>) => {
  const cpu = process.cpuUsage(t0.cpu);
  return `${(performance.now() - t0.wall).toFixed(0)} ms (CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms)`;
};

function whole(label: string, scorer: Scorer, period: string) {
  const t0 = clock();
  for (const tier of scorer.model.scheme.tiers)
    scorer.scoreTier(tier, period, { robustness: false, explain: false, items: false });
  const scoring = ms(t0);
  const t1 = clock();
  let n = 0;
  let suggestions = 0;
  let pairs = 0;
  for (const tier of scorer.model.scheme.tiers) {
    const t = clock();
    const adv = adviseTier(scorer, tier, period);
    n += adv.size;
    for (const a of adv.values()) {
      suggestions += (a.rankGoal?.suggestions.length ?? 0) + (a.gradeGoal?.suggestions.length ?? 0);
      if (a.rankGoal?.pair || a.gradeGoal?.pair) pairs++;
    }
    console.log(`  ${label} ${tier}: ${adv.size} units, advice ${ms(t)}`);
  }
  console.log(
    `${label}, ${period} (load ${loadavg()[0]!.toFixed(1)}): scoring every tier ${scoring}; advice for all ${n} units ${ms(t1)} (${suggestions} suggestions, ${pairs} units with a best pair)`,
  );
}

// The default scheme (content/2023/, the latest year), latest month.
{
  const { model, data } = loadContent('content/2023', { root: '.' });
  const scorer = createScorer(model!, data);
  whole('default scheme', scorer, scorer.months.at(-1)!);
  // The self-check after a what-if edit: the unit's own rows changed, a fresh scorer, one unit's advice.
  const month = scorer.months.at(-1)!;
  const rows = rowsFromColumns(data);
  const unit = 'zezhou';
  const target = rows.find((r) => r.unit === unit && r.period === month && typeof r.actual === 'number')!;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const edited = rows.map((r) => (r === target ? { ...r, actual: (r.actual as number) * (1.01 + i / 100) } : r));
    const s = createScorer(model!, columnsFromRows(edited));
    s.scoreTier('county', month, { explain: (u) => u === unit });
    adviseUnit(s, 'county', month, unit);
    times.push(performance.now() - t);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `self-check what-if for ${unit}: re-score county + advice, median ${sorted[2]!.toFixed(0)} ms (runs ${times.map((x) => x.toFixed(0)).join(', ')})`,
  );
}

// The province-sized benchmark.
{
  const bundle = provinceBundle(units, items);
  const { model } = compileModel(bundle);
  const res = importCsv(new TextEncoder().encode(provinceCsv(bundle, 12)), model, { file: 'province.csv' });
  if (!res.ok) throw new Error('import failed');
  const scorer = createScorer(model, indexData(res.data));
  whole(`province ${units} units × ${items} items`, scorer, '2023-12');
}
