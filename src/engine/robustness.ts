import { percent } from './format.ts';
import type { Model, UnitItem } from './model.ts';
import { seededRandom } from './random.ts';
import { rankTotals } from './grades.ts';
import { unitTotal } from './scorer/totals.ts';

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
  /** Called after each draw with the item factors (by `codes`, first seen first) and every unit's rank. */
  onDraw?: (factor: Float64Array, ranks: readonly number[], codes: ReadonlyMap<string, number>) => void,
): [number, number][] {
  const { draws, spread, seed } = model.scheme.robustness;
  const decimals = model.scheme.decimals;
  const rand = seededRandom(seed);
  const codes = new Map<string, number>();
  const idx = ev.lists.map((list) =>
    Int32Array.from(list, (x) => {
      let i = codes.get(x.item.code);
      if (i === undefined) {
        i = codes.size;
        codes.set(x.item.code, i);
      }
      return i;
    }),
  );
  const weights = ev.lists.map((list, u) =>
    used ? Float64Array.from(used[u]!) : Float64Array.from(list, (x) => x.weight),
  );
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
      const w = weights[u]!;
      const f = fractions[u]!;
      const ix = idx[u]!;
      let moved = 0;
      let base = 0;
      for (let j = 0; j < w.length; j++) {
        const wj = w[j]! * factor[ix[j]!]!;
        moved += wj;
        base += wj * f[j]!;
      }
      const b = moved > 0 ? (base * sums[u]!) / moved : 0;
      const a = adjust[u]!;
      totals[u] = Math.round(unitTotal(b, a.bonus, a.deduction, a.coefficient) * scale);
    }
    const ranks = rankTotals(totals);
    onDraw?.(factor, ranks, codes);
    for (let u = 0; u < n; u++) {
      const r = ranks[u]!;
      if (r < best[u]!) best[u] = r;
      if (r > worst[u]!) worst[u] = r;
    }
  }
  return best.map((b, u) => [b, worst[u]!]);
}

/** One level-1 indicator's first-order sensitivity index for a unit's rank. */
export interface RankSensitivity {
  code: string;
  name: string;
  /** Share of the variance of the unit's rank over the draws explained by this indicator's weight alone (0–1). */
  share: number;
}

/** Bins of the given-data estimator of first-order indices (equal-count bins of the draws). */
const BINS = 10;

/**
 * First-order sensitivity indices of each unit's rank to each level-1 indicator's weight, from the
 * robustness draws. The indicator's weight in a draw is the mean factor of its items, weighted by their
 * base weights; its index for a unit is Var(E[rank | that weight]) ÷ Var(rank), estimated by sorting the
 * draws by the weight into 10 equal-count bins (between-bin variance of the mean rank ÷ total variance),
 * less the estimator's bias for no effect, (bins − 1) ÷ (draws − 1), rescaled and clipped to [0, 1].
 * Units whose rank never moves get an empty list.
 */
export function rankSensitivity(
  indicators: readonly { code: string; name: string; items: readonly { code: string; weight: number }[] }[],
  draws: { factors: Float64Array[]; ranks: Int32Array[]; codes: ReadonlyMap<string, number> },
  units: number,
): RankSensitivity[][] {
  const D = draws.factors.length;
  const out: RankSensitivity[][] = Array.from({ length: units }, () => []);
  if (D < BINS * 2) return out;
  const bias = (BINS - 1) / (D - 1);
  const mean = new Float64Array(units);
  const variance = new Float64Array(units);
  for (const r of draws.ranks) for (let u = 0; u < units; u++) mean[u]! += r[u]! / D;
  for (const r of draws.ranks) for (let u = 0; u < units; u++) variance[u]! += (r[u]! - mean[u]!) ** 2 / D;
  const binMean = new Float64Array(units);
  for (const ind of indicators) {
    const items = ind.items.filter((i) => draws.codes.has(i.code));
    const wsum = items.reduce((s, i) => s + i.weight, 0);
    if (items.length === 0 || !(wsum > 0)) continue;
    const x = draws.factors.map((f) => items.reduce((s, i) => s + i.weight * f[draws.codes.get(i.code)!]!, 0) / wsum);
    const order = x.map((_, d) => d).sort((a, b) => x[a]! - x[b]!);
    const between = new Float64Array(units);
    for (let b = 0; b < BINS; b++) {
      const from = Math.floor((b * D) / BINS);
      const to = Math.floor(((b + 1) * D) / BINS);
      binMean.fill(0);
      for (let i = from; i < to; i++) {
        const r = draws.ranks[order[i]!]!;
        for (let u = 0; u < units; u++) binMean[u]! += r[u]!;
      }
      for (let u = 0; u < units; u++) between[u]! += ((binMean[u]! / (to - from) - mean[u]!) ** 2 * (to - from)) / D;
    }
    for (let u = 0; u < units; u++) {
      if (!(variance[u]! > 1e-12)) continue;
      const s = (between[u]! / variance[u]! - bias) / (1 - bias);
      out[u]!.push({ code: ind.code, name: ind.name, share: Math.round(Math.min(1, Math.max(0, s)) * 1000) / 1000 });
    }
  }
  for (const list of out) list.sort((a, b) => b.share - a.share);
  return out;
}

/** The sensitivity method in words (rules page). */
export const SENSITIVITY_METHOD =
  '用计算排名区间的同一批随机权重：每次抽样中，某项一级指标的权重变化取其下各事项权重变化系数按基础分值的加权平均；把抽样按该值从小到大平均分成 10 组，组间名次均值的方差占名次总方差的比例（扣除随机误差后）即一阶敏感性指数，表示单看该指标权重能解释名次变化的份额。指数达到 5% 且不低于最大指数一半的指标（最多 3 项）写作“名次主要取决于”。';

/**
 * An indicator is named as one the rank "mainly" hangs on when its index is at least this (above the
 * estimator's noise, about 0.02 at 200 draws) and at least half the largest index; three at most.
 */
export const MAIN_SENSITIVITY = 0.05;

/** The indicators a unit's rank mainly hangs on (see MAIN_SENSITIVITY), largest index first. */
export function mainSensitivity(list: readonly RankSensitivity[]): RankSensitivity[] {
  const top = list[0]?.share ?? 0;
  return list.filter((s) => s.share >= MAIN_SENSITIVITY && s.share >= top / 2).slice(0, 3);
}

/** The sentence beside a rank range: which indicators' weights the rank hangs on, in plain Chinese. */
export function sensitivityText(
  range: readonly [number, number] | null,
  list: readonly RankSensitivity[] | null,
): string {
  if (!range || !list) return '';
  if (range[0] === range[1] || list.length === 0) return '权重随机变化时名次不变';
  const main = mainSensitivity(list);
  if (main.length === 0) return '名次随多项权重小幅变化，没有哪一项起主要作用';
  const names = main.map((s) => s.name);
  const joined = names.length === 1 ? names[0]! : `${names.slice(0, -1).join('、')} 和 ${names.at(-1)!}`;
  return `名次主要取决于 ${joined} 的权重`;
}

/** How the sentence was found, with the numbers (one click away). */
export function sensitivityDetail(list: readonly RankSensitivity[] | null, draws: number, spread: number): string {
  if (!list || list.length === 0)
    return `在 ${draws} 次随机调整权重（各事项权重在 ±${percent(spread, 0, false)} 内变化）中名次没有变化。`;
  const shown = list
    .filter((s) => s.share > 0)
    .slice(0, 4)
    .map((s) => `${s.name} ${percent(s.share, 0, false)}`);
  return `在 ${draws} 次随机调整权重（各事项权重在 ±${percent(spread, 0, false)} 内变化）中，单看某项一级指标权重的变化能解释名次变化的份额（一阶敏感性指数）：${shown.length ? shown.join('，') : '均接近 0'}。达到 5% 且不低于最大份额一半的指标称为“主要取决于”。`;
}
