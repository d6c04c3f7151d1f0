import type { Model, UnitItem } from './model.ts';
import { seededRandom } from './random.ts';
import { rankTotals } from './grades.ts';

/**
 * Rank robustness: every item's weight moves by a random factor in [1 − spread, 1 + spread] (the same
 * factor for every unit having the item), each unit's weights are rescaled to their original sum, and
 * the tier is re-ranked; repeated `draws` times from the scheme's seed. Returns [best, worst] rank per unit.
 */
export function rankRanges(
  model: Model,
  ev: { lists: UnitItem[][] },
  fractions: ArrayLike<number>[],
  adjust: { bonus: number; deduction: number; coefficient: number }[],
  /** Weights used per unit and item (after missing-data rules); the listed weights when absent. */
  used?: ArrayLike<number>[],
): [number, number][] {
  const { draws, spread, seed } = model.scheme.robustness;
  const decimals = model.scheme.decimals;
  const rand = seededRandom(seed);
  const codes = new Map<string, number>();
  const idx = ev.lists.map((list) => Int32Array.from(list, (x) => {
    let i = codes.get(x.item.code);
    if (i === undefined) { i = codes.size; codes.set(x.item.code, i); }
    return i;
  }));
  const weights = ev.lists.map((list, u) => (used ? Float64Array.from(used[u]!) : Float64Array.from(list, (x) => x.weight)));
  const sums = weights.map((w) => w.reduce((s, x) => s + x, 0));
  const n = ev.lists.length;
  const best = new Array<number>(n).fill(Infinity);
  const worst = new Array<number>(n).fill(-Infinity);
  const factor = new Float64Array(codes.size);
  const totals = new Array<number>(n);
  const scale = 10 ** decimals;
  for (let draw = 0; draw < draws; draw++) {
    for (let i = 0; i < factor.length; i++) factor[i] = 1 - spread + 2 * spread * rand();
    for (let u = 0; u < n; u++) {
      const w = weights[u]!; const f = fractions[u]!; const ix = idx[u]!;
      let moved = 0; let base = 0;
      for (let j = 0; j < w.length; j++) { const wj = w[j]! * factor[ix[j]!]!; moved += wj; base += wj * f[j]!; }
      const b = moved > 0 ? (base * sums[u]!) / moved : 0;
      const a = adjust[u]!;
      totals[u] = Math.round((b + a.bonus - a.deduction) * a.coefficient * scale);
    }
    const ranks = rankTotals(totals);
    for (let u = 0; u < n; u++) {
      const r = ranks[u]!;
      if (r < best[u]!) best[u] = r;
      if (r > worst[u]!) worst[u] = r;
    }
  }
  return best.map((b, u) => [b, worst[u]!]);
}
