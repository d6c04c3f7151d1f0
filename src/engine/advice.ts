/**
 * Advice (提升空间): for a unit and period, the smallest single change of one item's value that moves it
 * up a rank or a grade with everything else unchanged, the margin that keeps its place, and the change
 * of the unit below that would overtake it. Every candidate is scored exactly: the changed item is
 * evaluated by the engine's own standard, and where the item is peer-relative (rank, percentile bands,
 * proportional to the leader) or other units take its peer average (missing-data rule), every unit's
 * score on it and the whole ranking are recomputed. Values move on the item's value grid (`step`).
 */
import type { DataColumns } from './data.ts';
import { fmt } from './format.ts';
import { gradeRuleFor } from './model.ts';
import type { Model } from './model.ts';
import { dataMonth, parsePeriod } from './period.ts';
import { roundScore } from './rounding.ts';
import { addExact, roundedSum } from './exact-sum.ts';
import { milestonesDue } from './schedule.ts';
import type { Item } from './schemas/tier.ts';
import type { Scorer, TierNumbers } from './score.ts';
import { gradeOf, unitTotal } from './score.ts';
import type { Evaluation, ItemInput } from './standards.ts';
import { emptyEvaluation, evaluate, finishPeers, peerFraction } from './standards.ts';
import { COUNT_MEASURES } from './ranges.ts'; // measures counted in whole numbers: they step by 1

/** One suggested change of one item's value, with what it gives. */
export interface Suggestion {
  /** The unit whose value changes (the unit advised, or for `keep` the unit below). */
  unit: string;
  item: string;
  /** The item's value now and the suggested value (a letter for qualitative items). */
  from: number | string;
  to: number | string;
  /** Size of the change relative to the item's target or range (0.12 = 12%): the sort key. */
  relative: number;
  /** Rank and grade label of the unit advised after the change. */
  rank: number;
  grade: string;
  /** Plain Chinese: 一般公共预算收入 4.60 → 5.13 亿元（+11.5%）. */
  text: string;
  /** The item is peer-relative: other units' scores moved too and the ranking was recomputed in full. */
  peers: boolean;
}

/** What it takes to reach the next better rank or grade. */
export interface Goal {
  kind: 'rank' | 'grade';
  /** The rank or grade aimed at, in words: 第 4 名, 良好. */
  target: string;
  /** Single-item changes that reach it, smallest relative change first (at most `limit`). */
  suggestions: Suggestion[];
  /** How many more single-item changes reach it than are listed. */
  more: number;
  /** When no single item suffices: the best pair of changes that together reach it, else null. */
  pair: Suggestion[] | null;
  /** Names of the items already at their highest score, which cannot help. */
  atCap: string[];
}

export interface UnitAdvice {
  unit: string;
  name: string;
  rank: number;
  /** Units ranked in the tier. */
  of: number;
  gradeLabel: string;
  /** Null when first. */
  rankGoal: Goal | null;
  /** Null when the best grade, or every better grade is barred by a veto (see gradeNote). */
  gradeGoal: Goal | null;
  gradeNote: string | null;
  /** Null when last. */
  keep: Keep | null;
}

export interface Keep {
  /** Points ahead of the unit(s) just below. */
  margin: number;
  below: { unit: string; name: string }[];
  /** The smallest single change of a unit below that would put it strictly ahead; null when none suffices. */
  suggestion: Suggestion | null;
}

export interface AdviceOptions {
  /** Single-item suggestions listed per goal. Default 5. */
  limit?: number;
  /** Look for the best pair when no single item suffices. Default true. */
  pairs?: boolean;
}

/**
 * One step of an item's value: its `step`, else 1 for counts (deduction, milestones and done standards,
 * and measures such as 个、次、家、天), else 0.01.
 */
export function valueStep(item: Item): number {
  if (item.step !== undefined) return item.step;
  const k = item.standard.kind;
  if (k === 'deduction' || k === 'milestones' || k === 'done') return 1;
  return item.measure !== undefined && COUNT_MEASURES.has(item.measure) ? 1 : 0.01;
}

const decimalsOf = (step: number) => {
  const s = String(step);
  const e = s.indexOf('e-');
  if (e >= 0) return Number(s.slice(e + 2));
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
};

interface Change {
  slot: number;
  value: number | string;
}

/**
 * Values for some of the numbers 0 … size − 1 (slots or units), in flat arrays reused from one change to
 * the next: setting and reading are O(1) and clearing costs nothing (a new epoch), so recomputing a
 * ranking after a change costs what the change moves, with no allocation.
 */
class Sparse {
  /** The numbers set since the last clear, in the order first set (the first `n`). */
  readonly keys: Int32Array;
  n = 0;
  private readonly values: Float64Array;
  private readonly mark: Uint32Array;
  private epoch = 1;
  constructor(size: number) {
    this.keys = new Int32Array(size);
    this.values = new Float64Array(size);
    this.mark = new Uint32Array(size);
  }
  clear(): this {
    this.n = 0;
    this.epoch++;
    return this;
  }
  has(i: number): boolean {
    return this.mark[i] === this.epoch;
  }
  get(i: number): number | undefined {
    return this.mark[i] === this.epoch ? this.values[i]! : undefined;
  }
  /** The value at the j-th number set. */
  at(j: number): number {
    return this.values[this.keys[j]!]!;
  }
  set(i: number, v: number): void {
    if (this.mark[i] !== this.epoch) {
      this.mark[i] = this.epoch;
      this.keys[this.n++] = i;
    }
    this.values[i] = v;
  }
  add(i: number, dv: number): void {
    this.set(i, (this.get(i) ?? 0) + dv);
  }
}

/** New totals (in units) of the units whose total moves, by unit number: valid until the next `apply`. */
type Moved = Sparse;

/** Improving values of one slot, nearest first: `count` of them, the i-th by `at(i)`. */
interface Ladder {
  count: number;
  at(i: number): number | string;
  cap: boolean;
}

/** Everything advice reads for one tier and month, built once and shared by every unit's advice. */
interface Context {
  model: Model;
  d: DataColumns;
  N: TierNumbers;
  decimals: number;
  scale: number;
  nu: number;
  unitOfSlot: Int32Array;
  baseU: Float64Array;
  totalU: Float64Array;
  /** Totals in units, best first. */
  sorted: Float64Array;
  /** Per item number: its slots in slot order, and whether a change of one unit's value moves others' scores. */
  itemSlots: Int32Array[];
  shared: Uint8Array;
  peerStd: Uint8Array;
  /** Per item number: some unit without data takes the peer average. */
  averaged: Uint8Array;
  /** Per averaged item number, built on first use: its units taking the average, grouped (see `averageGroups`). */
  avgGroups: (AverageGroups | undefined)[];
  /** Scratch of `apply`: the exact sum of an averaged item's fractions after a change. */
  sumScratch: number[];
  peerOrders: (PeerOrder | undefined)[];
  rule: ReturnType<typeof gradeRuleFor>;
  /** Scratch of `apply`: new fractions by slot, total changes by unit, the result; and a one-unit move. */
  fNew: Sparse;
  delta: Sparse;
  moved: Sparse;
  single: Sparse;
  e: Evaluation;
  input: ItemInput;
  /** Item scores (in units) of products near a half, by product (see `scoreUnits`). */
  halves: Map<number, number>;
  /** Per slot, built on first use and shared by every goal: its ladder, and for place-based peer items its points. */
  ladders: (Ladder | null | undefined)[];
  placed: (PlacedSteps | undefined)[];
  /** Scratch of `apply` for a single change. */
  one: Map<number, Change[]>;
  /** Highest coefficient of any unit (at least 1): bounds how much a loss of base moves a total. */
  maxCoefficient: number;
  /**
   * The unit whose rank and grade the current search asks about (set by `searchUnit` and `bestPair`): `apply`
   * may leave out units whose new total cannot change that unit's rank (see `bandApply`).
   */
  advised: number;
  /** Unit numbers by total, best first (alongside `sorted`). */
  byTotal: Int32Array;
  /** Scratch of `bandApply`: the units already looked at; the changes on peer items (at most two, as pairs make). */
  seen: Sparse;
  bandOrders: (PeerOrder | undefined)[];
  bandSlots: Int32Array;
  bandOld: Float64Array;
  bandNew: Float64Array;
}

function contextOf(scorer: Scorer, tierId: string, month: string): Context {
  const N = scorer.numbers(tierId, month);
  const decimals = scorer.model.scheme.decimals;
  const scale = 10 ** decimals;
  const nu = N.units.length;
  const n = N.has.length;
  const unitOfSlot = new Int32Array(n);
  for (let k = 0; k < nu; k++) unitOfSlot.fill(k, N.offsets[k]!, N.offsets[k + 1]!);
  const baseU = Float64Array.from(N.base, (b) => Math.round(b * scale));
  const totalU = Float64Array.from(N.total, (t) => Math.round(t * scale));
  const byTotal = Int32Array.from(totalU, (_, k) => k).sort((a, b) => totalU[b]! - totalU[a]! || a - b);
  const sorted = Float64Array.from(byTotal, (k) => totalU[k]!);
  const lists: number[][] = N.items.map(() => []);
  for (let s = 0; s < n; s++) lists[N.itemNo[s]!]!.push(s);
  const itemSlots = lists.map((l) => Int32Array.from(l));
  const peerStd = Uint8Array.from(N.items, (it) =>
    it.standard.kind === 'rank' || it.standard.kind === 'percentile-bands' ? 1 : 0,
  );
  // Another unit without data that takes the peer average of the item moves with this unit's value.
  const averaged = Uint8Array.from(itemSlots, (slots) =>
    slots.some((s) => !N.has[s] && N.rule[s] === 'peer-average') ? 1 : 0,
  );
  const shared = Uint8Array.from(itemSlots, (_, no) => peerStd[no]! | averaged[no]!);
  return {
    model: scorer.model,
    d: scorer.index.data,
    N,
    decimals,
    scale,
    nu,
    unitOfSlot,
    baseU,
    totalU,
    sorted,
    itemSlots,
    shared,
    peerStd,
    averaged,
    avgGroups: [],
    sumScratch: [],
    peerOrders: [],
    rule: gradeRuleFor(scorer.model.scheme, tierId),
    e: emptyEvaluation(),
    fNew: new Sparse(n),
    delta: new Sparse(nu),
    moved: new Sparse(nu),
    single: new Sparse(nu),
    input: {
      actual: NaN,
      text: undefined,
      target: NaN,
      month: N.monthNo,
      weight: 0,
    },
    halves: new Map(),
    one: new Map(),
    ladders: new Array<Ladder | null | undefined>(n),
    placed: new Array<PlacedSteps | undefined>(n),
    maxCoefficient: N.coefficient.reduce((m, x) => (x > m ? x : m), 1),
    advised: -1,
    byTotal,
    seen: new Sparse(nu),
    bandOrders: [undefined, undefined],
    bandSlots: new Int32Array(2),
    bandOld: new Float64Array(2),
    bandNew: new Float64Array(2),
  };
}

/** The engine's evaluation of a slot's item at another value (everything else as reported). */
function evalAt(c: Context, slot: number, value: number | string): Evaluation {
  const k = c.unitOfSlot[slot]!;
  const x = c.N.lists[k]![slot - c.N.offsets[k]!]!;
  const row = c.N.rows[slot]!;
  c.input.actual = typeof value === 'number' ? value : NaN;
  c.input.text = typeof value === 'string' ? value : undefined;
  c.input.target = row >= 0 ? c.d.target[row]! : NaN;
  c.input.weight = x.weight;
  return evaluate(x.item, c.input, c.e);
}

/**
 * An item's score in units (cents for 2 decimals), as the scorer rounds it. Products near a half take the
 * rounding's exact decimal path, which is slow; peers' scores repeat (one fraction per place), so those are
 * remembered by product. The result is always `roundScore`'s.
 */
function scoreUnits(c: Context, f: number, w: number): number {
  const x = f * w;
  const r = x * c.scale;
  if (Math.abs(Math.abs(r - Math.trunc(r)) - 0.5) > 1e-5) return Math.round(roundScore(x, c.decimals) * c.scale);
  let u = c.halves.get(x);
  if (u === undefined) {
    u = Math.round(roundScore(x, c.decimals) * c.scale);
    c.halves.set(x, u);
  }
  return u;
}

/**
 * New totals (in units) of the units whose total moves after the changes; exact, as the scorer computes them.
 * The result is scratch shared by every call: read it before the next `apply`.
 */
function apply(c: Context, changes: readonly Change[]): Moved {
  const N = c.N;
  const banded = bandApply(c, changes);
  if (banded) return banded;
  if (changes.length === 1) {
    const no = N.itemNo[changes[0]!.slot]!;
    if (c.peerStd[no] && !c.averaged[no] && peerOrder(c, no).placed) {
      const moved = placedMove(c, no, changes[0]!);
      if (moved) return moved;
    }
  }
  const delta = c.delta.clear();
  const add = (k: number, dv: number) => {
    if (dv !== 0) delta.add(k, dv);
  };
  const byItem = changes.length === 1 ? c.one : new Map<number, Change[]>();
  if (changes.length === 1) {
    c.one.clear();
    c.one.set(N.itemNo[changes[0]!.slot]!, changes as Change[]);
  } else
    for (const ch of changes) {
      const no = N.itemNo[ch.slot]!;
      const g = byItem.get(no);
      if (g) g.push(ch);
      else byItem.set(no, [ch]);
    }
  for (const [no, list] of byItem) {
    if (!c.shared[no]) {
      for (const ch of list) {
        const f = evalAt(c, ch.slot, ch.value).fraction;
        add(
          c.unitOfSlot[ch.slot]!,
          scoreUnits(c, f, N.effectiveWeight[ch.slot]!) - Math.round(N.score[ch.slot]! * c.scale),
        );
      }
      continue;
    }
    const slots = c.itemSlots[no]!;
    const fNew = c.fNew.clear();
    if (c.peerStd[no] && list.length === 1) peerChange(c, no, list[0]!, fNew);
    else if (c.peerStd[no]) {
      // Several changes on one peer item (pairs never make them): the peers' second pass in full.
      const changed = new Map(list.map((ch) => [ch.slot, ch.value]));
      const withData: number[] = [];
      const values: number[] = [];
      for (const s of slots) {
        if (!N.has[s]) continue;
        withData.push(s);
        const v = changed.get(s);
        values.push(v === undefined ? N.measure[s]! : evalAt(c, s, v).measure);
      }
      finishPeers(N.items[no]!, values, {
        set(i, f) {
          fNew.set(withData[i]!, f);
        },
      });
    } else for (const ch of list) fNew.set(ch.slot, evalAt(c, ch.slot, ch.value).fraction);
    // Units without data take the peer average: the reported fractions' exact sum (as the scorer's), with
    // this change's new fractions in place of the old, ÷ the count; then each group of such units sharing a
    // weight and a score moves together, or not at all when the rounded score stays.
    const groups = c.averaged[no] ? averageGroups(c, no) : undefined;
    for (let j = 0; j < fNew.n; j++) {
      const s = fNew.keys[j]!;
      if (groups && !N.has[s] && N.rule[s] === 'peer-average') continue; // takes the average, below
      add(c.unitOfSlot[s]!, scoreUnits(c, fNew.at(j), N.effectiveWeight[s]!) - Math.round(N.score[s]! * c.scale));
    }
    if (groups) {
      const p = c.sumScratch;
      p.length = 0;
      for (const x of N.reportedSum[no]!) p.push(x);
      for (let j = 0; j < fNew.n; j++) {
        const s = fNew.keys[j]!;
        if (!N.has[s]) continue;
        addExact(p, -N.fraction[s]!);
        addExact(p, fNew.at(j));
      }
      const cnt = N.reported[no]!;
      const avg = cnt > 0 ? roundedSum(p) / cnt : 0;
      if (avg !== groups.average)
        for (let g = 0; g < groups.weight.length; g++) {
          const dv = scoreUnits(c, avg, groups.weight[g]!) - groups.oldU[g]!;
          if (dv !== 0) for (const k of groups.units[g]!) add(k, dv);
        }
    }
  }
  const out = c.moved.clear();
  for (let j = 0; j < delta.n; j++) {
    const k = delta.keys[j]!;
    const dv = delta.at(j);
    const t = unitTotal((c.baseU[k]! + dv) / c.scale, N.bonus[k]!, N.deduction[k]!, N.coefficient[k]!, c.decimals);
    out.set(k, Math.round(t * c.scale));
  }
  return out;
}

/**
 * The units taking an item's peer average, grouped by their weight and score on it: a group's units all
 * score the same, so a new average moves the whole group by one amount (or none), whatever its size.
 */
interface AverageGroups {
  /** The average they take now (the scorer's). */
  average: number;
  weight: Float64Array;
  /** Each group's score now, in units. */
  oldU: Float64Array;
  units: Int32Array[];
}

function averageGroups(c: Context, no: number): AverageGroups {
  const hit = c.avgGroups[no];
  if (hit) return hit;
  const N = c.N;
  const byKey = new Map<string, { w: number; u: number; units: number[] }>();
  let average = NaN;
  for (const s of c.itemSlots[no]!) {
    if (N.has[s] || N.rule[s] !== 'peer-average') continue;
    average = N.fraction[s]!;
    const w = N.effectiveWeight[s]!;
    const u = Math.round(N.score[s]! * c.scale);
    const key = `${w}|${u}`;
    let g = byKey.get(key);
    if (!g) {
      g = { w, u, units: [] };
      byKey.set(key, g);
    }
    g.units.push(c.unitOfSlot[s]!);
  }
  const gs = [...byKey.values()];
  const out: AverageGroups = {
    average,
    weight: Float64Array.from(gs, (g) => g.w),
    oldU: Float64Array.from(gs, (g) => g.u),
    units: gs.map((g) => Int32Array.from(g.units)),
  };
  c.avgGroups[no] = out;
  return out;
}

interface PeerOrder {
  /** Measures of the units with data, best first, and their slots. */
  sorted: Float64Array;
  slots: Int32Array;
  higherBetter: boolean;
  /** Units with a measure (the peers counted), and the leader's measure as the scorer takes it. */
  n: number;
  leader: number;
  /**
   * Where a peer passed (one place down) can lose: the starts of the tie groups whose place p has another
   * fraction than p + 1 (ascending). Rank tables and steps end in a floor, percentile bands change only at
   * their edges, so most peers passed keep their fraction. Empty for proportional items (no places).
   */
  drops: Int32Array;
  /** Fractions depend on the place alone (rank tables, steps, percentile bands; not proportional). */
  placed: boolean;
  /** Per position in `sorted`: its tie group (0 = the best measure); and each group's measure. */
  groupOf: Int32Array;
  groupValue: Float64Array;
  /** Where each group starts in `sorted` (then n). */
  groupStart: Int32Array;
  /**
   * The points where a better value gives something new (see `placedSteps`), best group first: 2g for
   * passing group g (its fraction drops a place down), 2g + 1 for drawing level with it (its place has
   * another fraction than the next group's); and per group, how many points belong to the groups before it.
   */
  points: Int32Array;
  pointsBefore: Int32Array;
  /**
   * Most (in units) any unit's total can lose when a unit passes it (one place down), rounding included;
   * Infinity when unknown (proportional items; fractions that rise a place down; units taking the average).
   */
  loss: number;
  /** See `dropTotals`. */
  dropTotal?: Float64Array;
  /** Per position in `sorted`: the change (in units) of that unit's item score one place down; 0 when none. */
  dropDelta?: Float64Array;
  /** Per unit number: its position in `sorted`, −1 when it has no measure on the item. */
  posOfUnit?: Int32Array;
  /** Fraction of the first place. */
  top: number;
  /** Lowest and highest finite measure. */
  lo: number;
  hi: number;
}

function peerOrder(c: Context, no: number): PeerOrder {
  const hit = c.peerOrders[no];
  if (hit) return hit;
  const item = c.N.items[no]!;
  const s = item.standard;
  const higherBetter = (s.kind === 'percentile-bands' && s.on === 'completion') || item.direction === 'higher';
  const ms: number[] = [];
  const sl: number[] = [];
  let leader = NaN;
  for (const x of c.itemSlots[no]!) {
    if (!c.N.has[x]) continue;
    const m = c.N.measure[x]!;
    if (Number.isNaN(m)) continue;
    ms.push(m);
    sl.push(x);
    if (Number.isFinite(m) && (Number.isNaN(leader) || (item.direction === 'higher' ? m > leader : m < leader)))
      leader = m;
  }
  const order = ms.map((_, i) => i).sort((a, b) => (higherBetter ? ms[b]! - ms[a]! : ms[a]! - ms[b]!) || 0);
  const sorted = Float64Array.from(order, (i) => ms[i]!);
  const n = ms.length;
  const drops: number[] = [];
  if (!(s.kind === 'rank' && s.method === 'proportional'))
    for (let g = 0; g < n; g++) {
      if (g > 0 && sorted[g - 1] === sorted[g]) continue;
      if (peerFraction(item, g + 1, n, sorted[g]!, leader) !== peerFraction(item, g + 2, n, sorted[g]!, leader))
        drops.push(g);
    }
  const placed = !(s.kind === 'rank' && s.method === 'proportional');
  const groupOf = new Int32Array(n);
  const groupValue: number[] = [];
  const starts: number[] = [];
  for (let g = 0; g < n; g++) {
    if (g === 0 || sorted[g - 1] !== sorted[g]) {
      groupValue.push(sorted[g]!);
      starts.push(g);
    }
    groupOf[g] = groupValue.length - 1;
  }
  starts.push(n);
  const points: number[] = [];
  const pointsBefore = new Int32Array(starts.length);
  if (placed)
    for (let g = 0; g + 1 < starts.length; g++) {
      pointsBefore[g] = points.length;
      const f = peerFraction(item, starts[g]! + 1, n, NaN, leader);
      if (f !== peerFraction(item, starts[g]! + 2, n, NaN, leader)) points.push(2 * g);
      if (f !== peerFraction(item, starts[g + 1]! + 1, n, NaN, leader)) points.push(2 * g + 1);
    }
  pointsBefore[starts.length - 1] = points.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of sorted)
    if (Number.isFinite(m)) {
      lo = Math.min(lo, m);
      hi = Math.max(hi, m);
    }
  let loss = Infinity;
  if (placed && !c.averaged[no]) {
    let drop = 0;
    let rises = false;
    for (let p = 1; p < n; p++) {
      const d = peerFraction(item, p, n, NaN, leader) - peerFraction(item, p + 1, n, NaN, leader);
      if (d < 0) rises = true;
      else drop = Math.max(drop, d);
    }
    let w = 0;
    for (const x of c.itemSlots[no]!) w = Math.max(w, c.N.effectiveWeight[x]!);
    // An item score moves by at most drop × weight plus one unit of rounding; a total by that × coefficient plus one.
    if (!rises) loss = Math.ceil((Math.ceil(drop * w * c.scale) + 1) * c.maxCoefficient) + 1;
  }
  const o = {
    sorted,
    slots: Int32Array.from(order, (i) => sl[i]!),
    higherBetter,
    n,
    leader,
    drops: Int32Array.from(drops),
    placed,
    groupOf,
    groupValue: Float64Array.from(groupValue),
    groupStart: Int32Array.from(starts),
    points: Int32Array.from(points),
    pointsBefore,
    loss,
    top: placed ? peerFraction(item, 1, n, NaN, leader) : 1,
    lo,
    hi,
  };
  c.peerOrders[no] = o;
  return o;
}

/**
 * One unit's new value on a peer item: its new place and fraction, and the new fractions of exactly the
 * peers whose place or leader changes (those it passes; everyone when it becomes the leader of a
 * proportional item). Same places and formula as the scorer's second pass (`peerFraction`).
 */
function peerChange(c: Context, no: number, ch: Change, out: Sparse): void {
  const N = c.N;
  const item = N.items[no]!;
  const o = peerOrder(c, no);
  const x0 = N.measure[ch.slot]!;
  const x = evalAt(c, ch.slot, ch.value).measure;
  const better = o.higherBetter ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  /** Peers (the unit's old value included) strictly better than v. */
  const ahead = (v: number) => betterThan(o, v);
  // The leader without the unit's old value, then with its new one.
  let others = NaN;
  let skipped = false;
  for (const m of o.sorted) {
    if (!Number.isFinite(m)) continue;
    if (!skipped && m === x0) {
      skipped = true;
      continue;
    } // the unit's own old value, once
    others = m;
    break;
  }
  const dirBetter = item.direction === 'higher' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  const leader = Number.isFinite(x) && (Number.isNaN(others) || dirBetter(x, others)) ? x : others;
  const placeOf = (m: number) => ahead(m) + 1 - (better(x0, m) ? 1 : 0) + (better(x, m) ? 1 : 0);
  out.set(ch.slot, peerFraction(item, ahead(x) + 1 - (better(x0, x) ? 1 : 0), o.n, x, leader));
  const { sorted, slots } = o;
  if (item.standard.kind === 'rank' && item.standard.method === 'proportional') {
    // Proportional to the leader: the places do not count; when the leader changes, everyone's fraction does.
    if (leader === o.leader) return;
    for (let i = 0; i < sorted.length; i++)
      if (slots[i] !== ch.slot) out.set(slots[i]!, peerFraction(item, 0, o.n, sorted[i]!, leader));
    return;
  }
  if (!better(x, x0)) {
    for (let i = 0; i < sorted.length; i++) {
      const m = sorted[i]!;
      if (better(x0, m) !== better(x, m) && slots[i] !== ch.slot)
        out.set(slots[i]!, peerFraction(item, placeOf(m), o.n, m, leader));
    }
    return;
  }
  // Only the peers it passes move down a place (from just behind the new value to the old one), and of
  // those only the tie groups at a place where the fraction drops: a group starting at index g had place g + 1.
  const from = ahead(x);
  let lo = 0;
  let hi = o.drops.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (o.drops[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  for (let d = lo; d < o.drops.length; d++) {
    const g = o.drops[d]!;
    if (better(x0, sorted[g]!)) break;
    for (let i = g; i < sorted.length && sorted[i] === sorted[g]; i++)
      if (slots[i] !== ch.slot && better(x, sorted[i]!))
        out.set(slots[i]!, peerFraction(item, g + 2, o.n, sorted[i]!, leader));
  }
}

/**
 * `apply` for one better value of a place-based peer item (no unit taking the average): the unit's own new
 * total, and the totals the peers it passes have one place down, taken from `PeerOrder.dropTotal` (each such
 * peer changes on this item alone, so its total is known before). The same totals as the general path, which
 * recomputes them; null when the value is not better than the unit's own (the general path handles it).
 */
function placedMove(c: Context, no: number, ch: Change): Moved | null {
  const N = c.N;
  const o = peerOrder(c, no);
  const x0 = N.measure[ch.slot]!;
  const x = evalAt(c, ch.slot, ch.value).measure;
  const hb = o.higherBetter;
  if (!(hb ? x > x0 : x < x0)) return null;
  const sorted = o.sorted;
  // Peers strictly better than x (the unit's old value is worse, so not among them).
  const from = betterThan(o, x);
  const out = c.moved.clear();
  const k = c.unitOfSlot[ch.slot]!;
  const dv =
    scoreUnits(c, peerFraction(N.items[no]!, from + 1, o.n, x, o.leader), N.effectiveWeight[ch.slot]!) -
    Math.round(N.score[ch.slot]! * c.scale);
  if (dv !== 0) {
    const t = unitTotal((c.baseU[k]! + dv) / c.scale, N.bonus[k]!, N.deduction[k]!, N.coefficient[k]!, c.decimals);
    out.set(k, Math.round(t * c.scale));
  }
  let lo = 0;
  let hi = o.drops.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (o.drops[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  const dropTotal = dropTotals(c, no, o);
  for (let d = lo; d < o.drops.length; d++) {
    const g = o.drops[d]!;
    if (hb ? x0 > sorted[g]! : x0 < sorted[g]!) break;
    for (let i = g; i < sorted.length && sorted[i] === sorted[g]; i++) {
      if (o.slots[i] === ch.slot || !(hb ? x > sorted[i]! : x < sorted[i]!)) continue;
      const t = dropTotal[i]!;
      if (!Number.isNaN(t)) out.set(c.unitOfSlot[o.slots[i]!]!, t);
    }
  }
  return out;
}

/**
 * Per position in `sorted`: the total (in units) of that unit when it drops one place on the item and nothing
 * else changes, as `apply` computes it; NaN when its score does not move. Built once per item, on first use.
 */
function dropTotals(c: Context, no: number, o: PeerOrder): Float64Array {
  if (o.dropTotal) return o.dropTotal;
  const N = c.N;
  const item = N.items[no]!;
  const out = new Float64Array(o.sorted.length).fill(NaN);
  const dropDelta = new Float64Array(o.sorted.length);
  const posOfUnit = new Int32Array(c.nu).fill(-1);
  for (let i = 0; i < o.slots.length; i++) posOfUnit[c.unitOfSlot[o.slots[i]!]!] = i;
  o.dropDelta = dropDelta;
  o.posOfUnit = posOfUnit;
  for (const g of o.drops)
    for (let i = g; i < o.sorted.length && o.sorted[i] === o.sorted[g]; i++) {
      const s = o.slots[i]!;
      const k = c.unitOfSlot[s]!;
      const f = peerFraction(item, g + 2, o.n, o.sorted[i]!, o.leader);
      const dv = scoreUnits(c, f, N.effectiveWeight[s]!) - Math.round(N.score[s]! * c.scale);
      if (dv === 0) continue;
      dropDelta[i] = dv;
      const t = unitTotal((c.baseU[k]! + dv) / c.scale, N.bonus[k]!, N.deduction[k]!, N.coefficient[k]!, c.decimals);
      out[i] = Math.round(t * c.scale);
    }
  o.dropTotal = out;
  return out;
}

/**
 * `apply` when every change is of an item no other unit reads, or a better value of a place-based peer item
 * (one change per item, no unit taking the average): the totals of the units changed and of the unit
 * advised exactly, and of the other units only those that can cross the advised unit's new total t. A peer
 * passed only loses, by at most the item's `loss`: a unit at or below t stays there, and one more than the
 * summed losses above t stays above, so leaving them out changes neither the advised unit's rank nor any
 * total the searches read (the advised unit's, the changed units'). The rest are found among the units
 * whose total is in (t, t + losses], by their position on each item. Null when the changes do not qualify
 * (the general path handles them). Costs what is near t rather than every peer passed.
 */
function bandApply(c: Context, changes: readonly Change[]): Moved | null {
  const N = c.N;
  const advised = c.advised;
  if (advised < 0) return null;
  const delta = c.delta.clear();
  // The changes on peer items: their orders, slots, old and new measures (scratch, no allocation).
  const po = c.bandOrders;
  const ps = c.bandSlots;
  const px0 = c.bandOld;
  const px = c.bandNew;
  let np = 0;
  let loss = 0;
  for (const ch of changes) {
    const no = N.itemNo[ch.slot]!;
    if (!c.shared[no]) continue;
    if (!c.peerStd[no] || c.averaged[no]) return null;
    const o = peerOrder(c, no);
    if (!o.placed || !(o.loss < Infinity)) return null;
    for (let q = 0; q < np; q++) if (po[q] === o) return null;
    if (np === po.length) return null;
    const x0 = N.measure[ch.slot]!;
    const x = evalAt(c, ch.slot, ch.value).measure;
    if (!(o.higherBetter ? x > x0 : x < x0)) return null;
    dropTotals(c, no, o);
    po[np] = o;
    ps[np] = ch.slot;
    px0[np] = x0;
    px[np] = x;
    np++;
    loss += o.loss;
  }
  // The changed slots' own scores.
  for (const ch of changes) {
    const no = N.itemNo[ch.slot]!;
    const w = N.effectiveWeight[ch.slot]!;
    let f: number;
    if (!c.shared[no]) f = evalAt(c, ch.slot, ch.value).fraction;
    else {
      let q = 0;
      while (ps[q] !== ch.slot) q++;
      const o = po[q]!;
      const x = px[q]!;
      f = peerFraction(N.items[no]!, betterThan(o, x) + 1, o.n, x, o.leader);
    }
    const dv = scoreUnits(c, f, w) - Math.round(N.score[ch.slot]! * c.scale);
    if (dv !== 0) delta.add(c.unitOfSlot[ch.slot]!, dv);
  }
  const seen = c.seen.clear();
  bandVisit(c, advised, np, seen, delta);
  for (const ch of changes) bandVisit(c, c.unitOfSlot[ch.slot]!, np, seen, delta);
  const t = bandTotal(c, advised, delta);
  for (let r = countAbove(c.sorted, t + loss); r < c.nu && c.sorted[r]! > t; r++)
    bandVisit(c, c.byTotal[r]!, np, seen, delta);
  const out = c.moved.clear();
  for (let j = 0; j < delta.n; j++) {
    const k = delta.keys[j]!;
    out.set(k, bandTotal(c, k, delta));
  }
  return out;
}

/** `bandApply`: unit j's losses as a peer passed on the first `np` changed peer items, once per call. */
function bandVisit(c: Context, j: number, np: number, seen: Sparse, delta: Sparse): void {
  if (seen.has(j)) return;
  seen.set(j, 1);
  for (let q = 0; q < np; q++) {
    const o = c.bandOrders[q]!;
    const i = o.posOfUnit![j]!;
    if (i < 0 || o.slots[i] === c.bandSlots[q]) continue;
    const m = o.sorted[i]!;
    const dv = o.dropDelta![i]!;
    const x = c.bandNew[q]!;
    const x0 = c.bandOld[q]!;
    if (dv !== 0 && (o.higherBetter ? x > m && !(x0 > m) : x < m && !(x0 < m))) delta.add(j, dv);
  }
}

/** `bandApply`: unit k's total (in units) with its change of base in `delta`. */
function bandTotal(c: Context, k: number, delta: Sparse): number {
  const dv = delta.get(k);
  if (dv === undefined) return c.totalU[k]!;
  const N = c.N;
  const t = unitTotal((c.baseU[k]! + dv) / c.scale, N.bonus[k]!, N.deduction[k]!, N.coefficient[k]!, c.decimals);
  return Math.round(t * c.scale);
}

/** Peers of an item strictly better than the measure x: how many of `o.sorted` (best first) beat it. */
function betterThan(o: PeerOrder, x: number): number {
  const sorted = o.sorted;
  const hb = o.higherBetter;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hb ? sorted[mid]! > x : sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of totals in the sorted (best first) list strictly above t. */
function countAbove(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const totalAfter = (c: Context, moved: Moved, k: number) => moved.get(k) ?? c.totalU[k]!;

/** Competition rank of unit k after the changes (1 + units strictly ahead). */
function rankAfter(c: Context, moved: Moved, k: number): number {
  const t = totalAfter(c, moved, k);
  let above = countAbove(c.sorted, t);
  if (c.totalU[k]! > t) above--;
  for (let i = 0; i < moved.n; i++) {
    const j = moved.keys[i]!;
    if (j === k) continue;
    const tj = moved.at(i);
    if (c.totalU[j]! > t) above--;
    if (tj > t) above++;
  }
  return above + 1;
}

function gradeAfter(c: Context, moved: Moved, k: number, rank = rankAfter(c, moved, k)): number {
  return gradeOf(c.rule, rank, c.nu, totalAfter(c, moved, k) / c.scale, c.N.barred[k]!);
}

/** The item's improving values for a slot, nearest first, up to where its own score is highest. */
function ladder(c: Context, slot: number): Ladder | null {
  let l = c.ladders[slot];
  if (l === undefined) c.ladders[slot] = l = ladderOf(c, slot);
  return l;
}

function ladderOf(c: Context, slot: number): Ladder | null {
  const N = c.N;
  const k = c.unitOfSlot[slot]!;
  const item = N.lists[k]![slot - N.offsets[k]!]!.item;
  const row = N.rows[slot]!;
  const s = item.standard;
  const none = { count: 0, at: () => 0, cap: true };
  if (s.kind === 'grade') {
    const now = (c.d.text.get(row) ?? '').trim().toUpperCase();
    const f0 = s.grades[now] ?? 0;
    const better = Object.entries(s.grades)
      .filter(([, f]) => f > f0)
      .sort((a, b) => a[1] - b[1])
      .map(([g]) => g);
    return better.length ? { count: better.length, at: (i) => better[i]!, cap: false } : none;
  }
  const x0 = c.d.actual[row]!;
  if (!Number.isFinite(x0)) return null;
  const e0 = evalAt(c, slot, x0);
  const f0 = c.peerStd[N.itemNo[slot]!] ? N.fraction[slot]! : e0.fraction;
  const pt = e0.periodTarget;
  const lower = item.direction === 'lower';
  let dir = lower ? -1 : 1;
  let end = NaN;
  const fromCompletion = (m: number) => (lower ? (m > 0 ? pt / m : NaN) : m * pt);
  switch (s.kind) {
    case 'completion':
      if (item.cumulative && e0.expected === 0) return none;
      end = !lower ? (pt > 0 ? s.cap * pt : pt) : pt > 0 && s.cap > 0 ? pt / s.cap : 0;
      break;
    case 'goalposts':
      end = lower ? s.lower : s.upper;
      break;
    case 'external':
      dir = 1;
      end = s.max;
      break;
    case 'threshold-deduction':
      end = s.on === 'value' ? s.threshold : pt > 0 ? fromCompletion(s.threshold) : NaN;
      break;
    case 'bands': {
      const bounds = s.bands
        .flatMap((b) => [b.min, b.max])
        .filter((v): v is number => v !== undefined && Number.isFinite(v));
      const v = s.on === 'value' ? bounds : pt > 0 ? bounds.map(fromCompletion) : [];
      if (v.length) end = dir > 0 ? Math.max(...v) : Math.min(...v);
      break;
    }
    case 'milestones':
      dir = 1;
      end = milestonesDue(item.schedule, N.monthNo);
      break;
    case 'deduction':
      dir = -1;
      end = 0;
      break;
    case 'done':
      dir = 1;
      end = 1;
      break;
    case 'rank':
    case 'percentile-bands': {
      // Strictly ahead of every peer: beyond that the unit's own place cannot improve.
      const onCompletion = s.kind === 'percentile-bands' && s.on === 'completion';
      // The best finite measure of another unit: the first in the peers' order (best first) that is not its own.
      const o = peerOrder(c, N.itemNo[slot]!);
      let best = NaN;
      for (let i = 0; i < o.sorted.length; i++)
        if (o.slots[i] !== slot && Number.isFinite(o.sorted[i]!)) {
          best = o.sorted[i]!;
          break;
        }
      if (Number.isNaN(best)) return none;
      end = onCompletion ? (pt > 0 ? fromCompletion(best) : NaN) : best;
      if (Number.isFinite(end)) end += dir * valueStep(item);
      break;
    }
  }
  if (!Number.isFinite(end)) return null;
  const step = valueStep(item);
  const dec = decimalsOf(step);
  const first = dir > 0 ? Math.floor(x0 / step + 1e-9) + 1 : Math.ceil(x0 / step - 1e-9) - 1;
  const last = dir > 0 ? Math.ceil(end / step - 1e-9) : Math.floor(end / step + 1e-9);
  const count = (last - first) * dir + 1;
  // The value n × step as its decimal text reads: n × (step in its last digit) ÷ 10^dec is that number exactly
  // (an integer divided once, correctly rounded) while the integer is exact; past that, through the text.
  const unit = Math.round(step * 10 ** dec);
  const pow = 10 ** dec;
  const at = (i: number) => {
    const n = (first + dir * i) * unit;
    return Math.abs(n) < 2 ** 53 ? n / pow : Number(((first + dir * i) * step).toFixed(dec));
  };
  if (count <= 0) return none;
  if (!c.peerStd[N.itemNo[slot]!] && evalAt(c, slot, at(count - 1)).fraction <= f0 + 1e-12) return none;
  return { count, at, cap: false };
}

/** What the change of a slot is measured against: the item's target, else its range, else the value. */
function relativeScale(c: Context, slot: number, from: number): number {
  const N = c.N;
  const k = c.unitOfSlot[slot]!;
  const x = N.lists[k]![slot - N.offsets[k]!]!;
  const s = x.item.standard;
  const row = N.rows[slot]!;
  const target = c.d.target[row]!;
  if (Number.isFinite(target) && target !== 0) return Math.abs(target);
  switch (s.kind) {
    case 'goalposts':
      return Math.abs(s.upper - s.lower);
    case 'external':
      return s.max - s.min;
    case 'deduction':
      return s.zeroAt ?? x.weight / s.points;
    case 'milestones':
      return Math.max(1, milestonesDue(x.item.schedule, N.monthNo));
    case 'done':
      return 1;
    case 'grade':
      return Math.max(1, Object.keys(s.grades).length - 1);
    case 'threshold-deduction':
      if (s.on === 'value' && s.threshold !== 0) return Math.abs(s.threshold);
      break;
    case 'rank':
    case 'percentile-bands': {
      const { lo, hi } = peerOrder(c, N.itemNo[slot]!);
      if (hi > lo) return hi - lo;
      break;
    }
    default:
      break;
  }
  return Math.abs(from) > 0 ? Math.abs(from) : 1;
}

/** Size of a change relative to the item's target or range (grade letters: steps ÷ letters − 1). */
function relativeOf(c: Context, slot: number, from: number | string, to: number | string): number {
  if (typeof from === 'number' && typeof to === 'number') return Math.abs(to - from) / relativeScale(c, slot, from);
  const item = c.N.items[c.N.itemNo[slot]!]!;
  const letters =
    item.standard.kind === 'grade'
      ? Object.entries(item.standard.grades)
          .sort((a, b) => a[1] - b[1])
          .map(([g]) => g)
      : [];
  return (
    Math.abs(letters.indexOf(String(to)) - letters.indexOf(String(from).trim().toUpperCase())) /
    relativeScale(c, slot, 0)
  );
}

function valueText(v: number, dec: number): string {
  const fixed = v.toFixed(dec);
  return Number(fixed) === v ? fixed : String(v);
}

/** Build the suggestion record for a change found by the search. */
function suggestion(c: Context, slot: number, to: number | string, advised: number, moved: Moved): Suggestion {
  const N = c.N;
  const k = c.unitOfSlot[slot]!;
  const item = N.lists[k]![slot - N.offsets[k]!]!.item;
  const row = N.rows[slot]!;
  const fromRaw = c.d.text.get(row) ?? c.d.actual[row]!;
  const rank = rankAfter(c, moved, advised);
  const grade = c.rule.bands[gradeAfter(c, moved, advised, rank)]!.label;
  const peers = c.shared[N.itemNo[slot]!] === 1;
  if (typeof to === 'string' || typeof fromRaw === 'string') {
    const from = String(fromRaw).trim().toUpperCase();
    return {
      unit: N.units[k]!,
      item: item.code,
      from,
      to,
      relative: relativeOf(c, slot, from, to),
      rank,
      grade,
      text: `${item.name} 等次 ${from} → ${to}`,
      peers,
    };
  }
  const from = fromRaw;
  const dec = decimalsOf(valueStep(item));
  const measure = item.measure ?? (item.standard.kind === 'deduction' ? '次' : '');
  const delta = to - from;
  const sign = delta > 0 ? '+' : '−';
  let text: string;
  if (item.standard.kind === 'done') text = `${item.name} 未完成 → 完成`;
  else {
    const unit = measure === '%' ? '%' : measure ? ` ${measure}` : '';
    const count = valueStep(item) >= 1 && Number.isInteger(valueStep(item));
    const change = count
      ? ''
      : measure === '%'
        ? `（${sign}${fmt(Math.abs(delta), dec)} 个百分点）`
        : from !== 0
          ? `（${sign}${fmt((Math.abs(delta) / Math.abs(from)) * 100, 1)}%）`
          : '';
    text = `${item.name} ${valueText(from, dec)} → ${valueText(to, dec)}${unit}${change}`;
  }
  return {
    unit: N.units[k]!,
    item: item.code,
    from,
    to,
    relative: relativeOf(c, slot, from, to),
    rank,
    grade,
    text,
    peers,
  };
}

type Reach = (moved: Moved) => boolean;

/** Smallest index on the ladder that passes `test` (monotone: once reached, stays reached); −1 when even the last does not. */
function smallestBy(steps: { count: number }, test: (i: number) => boolean): number {
  if (steps.count <= 0 || !test(steps.count - 1)) return -1;
  let lo = 0;
  let hi = steps.count - 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (test(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Smallest index on the ladder that passes a monotone test, searching up from the nearest value (1, 2, 4 …
 * steps, then bisecting): the same index as `smallestBy`, at a cost that grows with the answer rather than
 * with the ladder, for tests whose cost grows with the change (each peer passed is recomputed).
 */
function smallestFromBelow(steps: { count: number }, test: (i: number) => boolean): number {
  const n = steps.count;
  // Most items cannot reach at all: one test of the farthest value says so.
  if (n <= 0 || !test(n - 1)) return -1;
  return smallestFrom(n, 0, test, true);
}

/** Smallest index on the ladder whose change (with `fixed` applied too) reaches, recomputing every unit it moves. */
function smallest(c: Context, slot: number, steps: Ladder, reach: Reach, fixed: readonly Change[] = []): number {
  // The rank and grade only improve as the value does (the unit gains, peers can only lose).
  const changes: Change[] = [...fixed, { slot, value: 0 }];
  const last = changes[changes.length - 1]!;
  const no = c.N.itemNo[slot]!;
  if (c.peerStd[no] && peerOrder(c, no).placed) {
    const at = placedSteps(c, slot, steps);
    const test = (j: number) => {
      last.value = steps.at(at.index(j));
      return reach(apply(c, changes));
    };
    // Alone, a bound says where the search can start (none when even the first place cannot reach).
    const from = fixed.length === 0 ? at.bound(reach) : pairBound(c, slot, at, reach, fixed);
    const t = from < 0 ? -1 : from > 0 ? smallestFrom(at.count, from, test) : smallestFromBelow(at, test);
    return t < 0 ? -1 : at.index(t);
  }
  return smallestFromBelow(steps, (i) => {
    last.value = steps.at(i);
    return reach(apply(c, changes));
  });
}

/**
 * `PlacedSteps.bound` for the second change of a pair: the first change (one, of the same unit, on another
 * item) adds its exact gain of item score to the unit's base, and when it is a better value of a place-based
 * peer item, the most its passed peers can lose to the loss. 0 (no bound) for any other first change.
 */
function pairBound(c: Context, slot: number, at: PlacedSteps, reach: Reach, fixed: readonly Change[]): number {
  const N = c.N;
  if (fixed.length !== 1) return 0;
  const f = fixed[0]!;
  if (c.unitOfSlot[f.slot] !== c.unitOfSlot[slot] || f.slot === slot) return 0;
  const no = N.itemNo[f.slot]!;
  let fraction: number;
  let loss = 0;
  if (!c.shared[no]) fraction = evalAt(c, f.slot, f.value).fraction;
  else {
    if (!c.peerStd[no] || c.averaged[no]) return 0;
    const o = peerOrder(c, no);
    if (!o.placed || !(o.loss < Infinity)) return 0;
    const x0 = N.measure[f.slot]!;
    const x = evalAt(c, f.slot, f.value).measure;
    const hb = o.higherBetter;
    if (!(hb ? x > x0 : x < x0)) return 0;
    fraction = peerFraction(N.items[no]!, betterThan(o, x) + 1, o.n, x, o.leader);
    loss = o.loss;
  }
  const gain = scoreUnits(c, fraction, N.effectiveWeight[f.slot]!) - Math.round(N.score[f.slot]! * c.scale);
  return at.bound(reach, gain, loss);
}

/**
 * Smallest index from `start` on (all below are known to fail) that passes a monotone test, by doubling then
 * bisecting; −1 when none. `lastPasses`: the last index is known to pass, so it is not tested again.
 */
function smallestFrom(count: number, start: number, test: (i: number) => boolean, lastPasses = false): number {
  let bad = start - 1;
  let i = start;
  let span = 1;
  while (!(lastPasses && i === count - 1) && !test(i)) {
    if (i >= count - 1) return -1;
    bad = i;
    i = Math.min(count - 1, i + span);
    span *= 2;
  }
  let lo = bad + 1;
  let hi = i;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (test(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface PlacedSteps {
  count: number;
  /** The ladder index of the t-th point. */
  index(t: number): number;
  /**
   * The first point at which `reach` may pass by a bound (−1: none): there the unit's own total is exact
   * (its fraction depends on its place alone) and no other unit's total can have dropped by more than one
   * place's loss. `reach` only improves as the unit's total rises and others' fall, so where it fails with
   * the unit's total raised by that loss and everyone else as now, it fails in truth. 0 when no bound is known.
   */
  bound(reach: Reach, gain?: number, loss?: number): number;
}

/**
 * Where on the ladder a change of a place-based peer item (rank table, step, percentile bands) can give
 * something new: its fractions depend on places alone, so what a value gives (its own place, the peers it
 * passes) changes only where the value draws level with a better tie group (takes its place: new when
 * the fraction of that place differs) or passes it (new when that group's fraction drops a place down).
 * These points, nearest first, as indices on the ladder (the first value there, found by bisection on the
 * unit's own measure, which costs no recomputation of the ranking): 0; past its own group; the points that
 * give something new; the last value. Non-decreasing, so a monotone test over them finds the smallest
 * ladder index: the smallest value that reaches is always the first value at one of them.
 */
function placedSteps(c: Context, slot: number, steps: Ladder): PlacedSteps {
  let p = c.placed[slot];
  if (p === undefined) c.placed[slot] = p = placedStepsOf(c, slot, steps);
  return p;
}

function placedStepsOf(c: Context, slot: number, steps: Ladder): PlacedSteps {
  const N = c.N;
  const o = peerOrder(c, N.itemNo[slot]!);
  const item = N.items[N.itemNo[slot]!]!;
  const better = o.higherBetter ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  const x0 = N.measure[slot]!;
  const ahead = betterThan(o, x0);
  const groups = ahead > 0 ? o.groupOf[ahead - 1]! + 1 : 0;
  // The points of the better groups: a prefix of the item's points (best group first).
  const len = o.pointsBefore[groups]!;
  const measureAt = (i: number) => evalAt(c, slot, steps.at(i)).measure;
  /** The first ladder index whose measure passes `ok` (monotone), else the last. */
  const first = (ok: (m: number) => boolean) => {
    if (ok(measureAt(0))) return 0;
    let lo = 1;
    let hi = steps.count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ok(measureAt(mid))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const count = len + 3;
  /** Ladder indices of points already found (the unit's goals search the same points). */
  const known = new Map<number, number>();
  const point = (t: number) => o.points[len - 1 - (t - 2)]!;
  /** The unit's place at the t-th point. */
  const placeAt = (t: number) => (t <= 1 ? ahead + 1 : t >= count - 1 ? 1 : o.groupStart[point(t) >> 1]! + 1);
  return {
    count,
    index(t) {
      if (t <= 0) return 0;
      if (t >= count - 1) return steps.count - 1;
      const hit = known.get(t);
      if (hit !== undefined) return hit;
      let i: number;
      if (t === 1) i = first((m) => better(m, x0));
      else {
        const p = point(t);
        const m = o.groupValue[p >> 1]!;
        i = p & 1 ? first((v) => !better(m, v)) : first((v) => better(v, m));
      }
      known.set(t, i);
      return i;
    },
    bound(reach, gain = 0, extra = 0) {
      if (!(o.loss < Infinity)) return 0;
      const k = c.unitOfSlot[slot]!;
      const own = Math.round(N.score[slot]! * c.scale);
      const w = N.effectiveWeight[slot]!;
      const may = (t: number) => {
        const b = c.baseU[k]! + gain - own + scoreUnits(c, peerFraction(item, placeAt(t), o.n, NaN, o.leader), w);
        const total = unitTotal(b / c.scale, N.bonus[k]!, N.deduction[k]!, N.coefficient[k]!, c.decimals);
        const m = c.single.clear();
        m.set(k, Math.max(Math.round(total * c.scale), c.totalU[k]!) + o.loss + extra);
        return reach(m);
      };
      return smallestBy({ count }, may);
    },
  };
}

interface Searched {
  suggestions: Suggestion[];
  found: number;
  atCap: string[];
  /** The items that cannot reach alone (candidates for a pair). */
  open: { slot: number; steps: Ladder }[];
}

/** Least base (in units) at which unit k's total reaches `need` units; Infinity when no base does. */
function baseFor(c: Context, k: number, need: number): number {
  const N = c.N;
  const total = (b: number) =>
    Math.round(unitTotal(b / c.scale, N.bonus[k]!, N.deduction[k]!, N.coefficient[k]!, c.decimals) * c.scale);
  if (total(c.baseU[k]!) >= need) return c.baseU[k]!;
  return leastAbove(c.baseU[k]!, (b) => total(b) >= need, 1e12);
}

/** Least integer above `bad` (which fails) that passes a monotone test, by doubling then bisecting; Infinity past `limit`. */
function leastAbove(bad: number, test: (x: number) => boolean, limit: number): number {
  let step = 1;
  let good = bad + 1;
  while (!test(good)) {
    bad = good;
    step *= 2;
    good = bad + step;
    if (good - bad > limit) return Infinity;
  }
  while (good - bad > 1) {
    const mid = Math.floor((bad + good) / 2);
    if (test(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

/**
 * Every item of unit k: the smallest change that reaches, smallest relative change first. `need` is the
 * total (in units) unit k must reach when only its own total moves (items no other unit's score reads):
 * those are searched on the item's score alone; the others by recomputing every unit they move.
 */
function searchUnit(
  c: Context,
  k: number,
  advised: number,
  reach: Reach,
  need: number,
  limit: number,
  countAll = true,
): Searched {
  const N = c.N;
  const found: { slot: number; to: number | string; relative: number }[] = [];
  const atCap: string[] = [];
  const open: Searched['open'] = [];
  // Place-based peer items whose bound says they may reach: searched last, cheapest first (see below).
  const pending: {
    slot: number;
    steps: Ladder;
    at: PlacedSteps;
    from: number;
    least: number;
  }[] = [];
  c.advised = advised;
  const needBase = baseFor(c, k, need);
  const fromOf = (slot: number) => c.d.text.get(N.rows[slot]!) ?? c.d.actual[N.rows[slot]!]!;
  for (let slot = N.offsets[k]!; slot < N.offsets[k + 1]!; slot++) {
    if (!N.has[slot]) continue;
    const steps = ladder(c, slot);
    if (!steps) continue;
    if (steps.cap) {
      atCap.push(N.lists[k]![slot - N.offsets[k]!]!.item.name);
      continue;
    }
    const no = N.itemNo[slot]!;
    let i: number;
    if (c.peerStd[no] && peerOrder(c, no).placed && peerOrder(c, no).loss < Infinity) {
      const at = placedSteps(c, slot, steps);
      const from = at.bound(reach);
      if (from < 0) open.push({ slot, steps });
      else
        pending.push({
          slot,
          steps,
          at,
          from,
          least: relativeOf(c, slot, fromOf(slot), steps.at(at.index(from))),
        });
      continue;
    }
    if (c.shared[no]) i = smallest(c, slot, steps, reach);
    else {
      const needScore = needBase - c.baseU[k]! + Math.round(N.score[slot]! * c.scale);
      const w = N.effectiveWeight[slot]!;
      i = smallestBy(steps, (j) => scoreUnits(c, evalAt(c, slot, steps.at(j)).fraction, w) >= needScore);
    }
    if (i >= 0) {
      const to = steps.at(i);
      found.push({ slot, to, relative: relativeOf(c, slot, fromOf(slot), to) });
    } else open.push({ slot, steps });
  }
  // Each pending item's change is at least its bound's (`least`, relative): once `limit` changes found are
  // smaller, it cannot be listed, and only whether it reaches at all is needed (for the count), or nothing.
  pending.sort((a, b) => a.least - b.least || a.slot - b.slot);
  let reachable = 0;
  // The `limit`-th smallest change found so far, recomputed only when one is added.
  let listed = Infinity;
  let listedAt = -1;
  for (const p of pending) {
    const test = (t: number) => reach(apply(c, [{ slot: p.slot, value: p.steps.at(p.at.index(t)) }]));
    if (listedAt !== found.length) {
      listedAt = found.length;
      listed = found.length < limit ? Infinity : found.map((f) => f.relative).sort((a, b) => a - b)[limit - 1]!;
    }
    if (p.least > listed) {
      if (!countAll) continue;
      if (test(p.at.count - 1)) reachable++;
      else open.push({ slot: p.slot, steps: p.steps });
      continue;
    }
    const t = smallestFrom(p.at.count, p.from, test);
    if (t >= 0) {
      const to = p.steps.at(p.at.index(t));
      found.push({
        slot: p.slot,
        to,
        relative: relativeOf(c, p.slot, fromOf(p.slot), to),
      });
    } else open.push({ slot: p.slot, steps: p.steps });
  }
  open.sort((a, b) => a.slot - b.slot);
  found.sort((a, b) => a.relative - b.relative || a.slot - b.slot);
  const out = found
    .slice(0, limit)
    .map((f) => suggestion(c, f.slot, f.to, advised, apply(c, [{ slot: f.slot, value: f.to }])));
  return { suggestions: out, found: found.length + reachable, atCap, open };
}

/** Best pair of changes among the items with the largest gains when no single one suffices. */
function bestPair(c: Context, advised: number, reach: Reach, open: Searched['open']): Suggestion[] | null {
  c.advised = advised;
  const gain = new Map(
    open.map((x) => {
      const moved = apply(c, [{ slot: x.slot, value: x.steps.at(x.steps.count - 1) }]);
      const k = c.unitOfSlot[x.slot]!;
      return [x, totalAfter(c, moved, k) - c.totalU[k]!];
    }),
  );
  const top = [...open].sort((a, b) => gain.get(b)! - gain.get(a)!).slice(0, 5);
  let best: Suggestion[] | null = null;
  let bestRel = Infinity;
  for (const a of top)
    for (const b of top) {
      if (a === b) continue;
      const j = smallest(c, b.slot, b.steps, reach, [{ slot: a.slot, value: a.steps.at(a.steps.count - 1) }]);
      if (j < 0) continue;
      const bTo = b.steps.at(j);
      const i = smallest(c, a.slot, a.steps, reach, [{ slot: b.slot, value: bTo }]);
      if (i < 0) continue;
      const aTo = a.steps.at(i);
      const moved = apply(c, [
        { slot: a.slot, value: aTo },
        { slot: b.slot, value: bTo },
      ]);
      const pair = [suggestion(c, a.slot, aTo, advised, moved), suggestion(c, b.slot, bTo, advised, moved)];
      const rel = pair[0]!.relative + pair[1]!.relative;
      if (rel < bestRel) {
        bestRel = rel;
        best = pair;
      }
    }
  return best;
}

function goal(
  c: Context,
  k: number,
  kind: Goal['kind'],
  target: string,
  reach: Reach,
  need: number,
  o: Required<AdviceOptions>,
): Goal {
  const found = searchUnit(c, k, k, reach, need, o.limit);
  const pair = found.found === 0 && o.pairs ? bestPair(c, k, reach, found.open) : null;
  return {
    kind,
    target,
    suggestions: found.suggestions,
    more: found.found - found.suggestions.length,
    pair,
    atCap: found.atCap,
  };
}

/** Least total (in units) at which unit k's grade beats `grade` when only its own total moves; Infinity when none. */
function totalForGrade(c: Context, k: number, grade: number): number {
  const better = (t: number) => {
    const m = c.single.clear();
    m.set(k, t);
    return gradeAfter(c, m, k) < grade;
  };
  return leastAbove(c.totalU[k]!, better, 1000 * c.scale);
}

function adviceOf(c: Context, k: number, o: Required<AdviceOptions>): UnitAdvice {
  const N = c.N;
  const rank = N.rank[k]!;
  const grade = N.grade[k]!;
  const t = c.totalU[k]!;
  let rankGoal: Goal | null = null;
  if (rank > 1) {
    // The next better rank: level with the nearest total above (ties share the better rank).
    const above = c.sorted[countAbove(c.sorted, t) - 1]!;
    const targetRank = countAbove(c.sorted, above) + 1;
    rankGoal = goal(c, k, 'rank', `第 ${targetRank} 名`, (m) => rankAfter(c, m, k) < rank, above, o);
  }
  let gradeGoal: Goal | null = null;
  let gradeNote: string | null = null;
  const natural = gradeOf(c.rule, rank, c.nu, t / c.scale, new Set());
  const free = c.rule.bands
    .slice(0, grade)
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => !N.barred[k]!.has(b.id));
  if (grade === 0) gradeNote = '已是最高等次';
  else if (free.length === 0)
    gradeNote = `一票否决事项使其不得评为${c.rule.bands
      .slice(0, grade)
      .map((b) => b.label)
      .join('、')}`;
  else {
    const next = free.at(-1)!;
    gradeGoal = goal(c, k, 'grade', next.b.label, (m) => gradeAfter(c, m, k) < grade, totalForGrade(c, k, grade), o);
    if (natural < grade)
      gradeNote = `按名次可评${c.rule.bands[natural]!.label}，因一票否决事项评为${c.rule.bands[grade]!.label}`;
  }
  let keep: Keep | null = null;
  const belowAt = countAbove(c.sorted, t - 1);
  if (belowAt < c.nu) {
    const tb = c.sorted[belowAt]!;
    const below: number[] = [];
    for (let j = 0; j < c.nu; j++) if (c.totalU[j] === tb) below.push(j);
    let best: Suggestion | null = null;
    for (const j of below) {
      const s = searchUnit(c, j, k, (m) => totalAfter(c, m, j) > totalAfter(c, m, k), t + 1, 1, false).suggestions[0];
      if (s && (!best || s.relative < best.relative)) best = s;
    }
    keep = {
      margin: (t - tb) / c.scale,
      below: below.map((j) => ({
        unit: N.units[j]!,
        name: c.model.unitById.get(N.units[j]!)?.name ?? N.units[j]!,
      })),
      suggestion: best,
    };
  }
  const unit = N.units[k]!;
  return {
    unit,
    name: c.model.unitById.get(unit)?.name ?? unit,
    rank,
    of: c.nu,
    gradeLabel: c.rule.bands[grade]!.label,
    rankGoal,
    gradeGoal,
    gradeNote,
    keep,
  };
}

function monthOf(periodId: string): string {
  const period = parsePeriod(periodId);
  if (!period) throw new Error(`Invalid period "${periodId}"; expected 2023-06, 2023-Q2, 2023-H1 or 2023-Y`);
  return dataMonth(period);
}

const withDefaults = (o: AdviceOptions): Required<AdviceOptions> => ({
  limit: o.limit ?? 5,
  pairs: o.pairs ?? true,
});

/** Advice for every unit of a tier in a period (by unit id). The period's data month must have data. */
export function adviseTier(
  scorer: Scorer,
  tierId: string,
  periodId: string,
  options: AdviceOptions = {},
): Map<string, UnitAdvice> {
  const c = contextOf(scorer, tierId, monthOf(periodId));
  const o = withDefaults(options);
  return new Map(c.N.units.map((u, k) => [u, adviceOf(c, k, o)]));
}

/** Advice for one unit in a period; null when the unit is not in the tier. */
export function adviseUnit(
  scorer: Scorer,
  tierId: string,
  periodId: string,
  unitId: string,
  options: AdviceOptions = {},
): UnitAdvice | null {
  const c = contextOf(scorer, tierId, monthOf(periodId));
  const k = c.N.units.indexOf(unitId);
  return k < 0 ? null : adviceOf(c, k, withDefaults(options));
}

/** How advice is found, in plain Chinese: shown one click away beside every suggestion and on the rules page. */
export const ADVICE_METHOD: readonly string[] = [
  '每条建议只改一个事项的数值，其他单位和本单位其他事项的数据都不变，用与排名相同的计分规则重新计算。',
  '数值按该事项的精度（如 0.01 亿元、1 个）逐级试算，给出能达到目标的最小数值；比建议少一个精度单位就达不到（测试逐条验证）。',
  '只在评价标准允许且得分还能提高的范围内找：超过封顶值、已是满分的事项不再列出，而是注明“已达满分”。',
  '按名次、按比例或与平均值比较计分的事项（如排名计分、按位次分档、以最高值为满分折算），一个单位数值变化会改变其他单位该项的得分，这时重新计算全部单位的得分和排名，不作估算。',
  '多条建议按变化幅度相对于该事项目标值（无目标时为评价区间）的大小排序，最容易做到的在前；单项都不够时，给出所需变化最小的两项组合。',
  '“保住名次”给出与下一名的分差，以及下一名只改一项就能反超所需的最小变化。',
];

/** The value grid in words (rules page). */
export const STEP_METHOD =
  '事项的精度（step）可在指标文件中逐项设定；未设定时，扣分、时间节点、是否完成和以个、次、家、户、起、条、处、项、件、天等计量的事项按 1 计，其余按 0.01 计。';

/** A suggestion's outcome in words: 可进到第 4 名（良好）. */
export function outcomeText(s: Suggestion): string {
  return `第 ${s.rank} 名，${s.grade}`;
}

/**
 * Advice in the ranking JSON: compact, the first three suggestions per goal as numbers (item, value now and
 * suggested, the rank and grade it gives); the words are the page's, from these and the scheme.
 */
export function compactAdvice(a: UnitAdvice) {
  const s = (x: Suggestion) => ({
    item: x.item,
    from: x.from,
    to: x.to,
    rank: x.rank,
    grade: x.grade,
  });
  const g = (x: Goal | null) =>
    x
      ? {
          target: x.target,
          suggestions: x.suggestions.slice(0, 3).map(s),
          pair: x.pair?.map(s) ?? null,
        }
      : null;
  return {
    rank: g(a.rankGoal),
    grade: g(a.gradeGoal),
    gradeNote: a.gradeNote,
    keep: a.keep
      ? {
          margin: a.keep.margin,
          below: a.keep.below.map((b) => b.unit),
          overtake: a.keep.suggestion ? s(a.keep.suggestion) : null,
        }
      : null,
  };
}
