import { rankRanges, rankSensitivity } from '../robustness.ts';
import type { ScoringContext } from './context.ts';
import type { Layout } from './layout.ts';
import type { Core } from './totals.ts';

/** Rank ranges and sensitivity of every unit of a tier in a month. */
export interface Robustness {
  ranges: [number, number][];
  sensitivity: ReturnType<typeof rankSensitivity>;
}

/** The robustness draws over a tier's month ranking: rank ranges, and from the same draws the sensitivity. */
export function robustnessOf(ctx: ScoringContext, tierId: string, L: Layout, c: Core): Robustness {
  const { model, level1Of } = ctx;
  const tier = model.tierById.get(tierId)!;
  const ev = c.ev;
  const nu = ev.units.length;
  const slice = (a: Float64Array, k: number) => a.subarray(ev.offsets[k]!, ev.offsets[k + 1]!);
  const draws = {
    factors: [] as Float64Array[],
    ranks: [] as Int32Array[],
    codes: new Map<string, number>() as ReadonlyMap<string, number>,
  };
  const ks = Array.from({ length: nu }, (_, k) => k);
  const ranges = rankRanges(
    model,
    ev,
    ks.map((k) => slice(c.fraction, k)),
    ks.map((k) => ({ bonus: c.bonus[k]!, deduction: c.deduction[k]!, coefficient: c.coefficient[k]! })),
    ks.map((k) => slice(c.effectiveWeight, k)),
    (factor, ranks, codes) => {
      draws.factors.push(Float64Array.from(factor));
      draws.ranks.push(Int32Array.from(ranks));
      draws.codes = codes;
    },
  );
  const indicators = tier.indicators.map((ind) => ({
    code: ind.code,
    name: ind.name,
    items: L.items
      .filter((it) => level1Of.get(it.code) === ind.code)
      .map((it) => ({ code: it.code, weight: it.weight })),
  }));
  return { ranges, sensitivity: rankSensitivity(indicators, draws, nu) };
}
