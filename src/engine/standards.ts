import type { Standard } from './schemas/standard.ts';
import type { Item } from './schemas/tier.ts';
import { expectedProgress, milestonesDue } from './schedule.ts';
import { fmt, pct } from './format.ts';

/** What one unit reported for one item in one month. */
export interface ItemInput {
  /** NaN when empty or when the value is a letter (text). */
  actual: number;
  text?: string | undefined;
  /** Annual target; NaN when not given. */
  target: number;
  month: number;
  weight: number;
}

/** The first pass of evaluation: one unit alone. Peer standards finish in `finishPeerStandard`. */
export interface Evaluation {
  /** Share of the weight earned, ≥ 0 (over 1 only where a cap allows over-completion). */
  fraction: number;
  /** The value compared among peers (rank, percentile) or banded. */
  measure: number;
  /** Actual ÷ expected progress for pace status; NaN when not meaningful. */
  progress: number;
  /** Expected cumulative progress at the month (schedule). */
  expected: number;
  /** Target for the period: annual target × expected progress for cumulative items. */
  periodTarget: number;
  /** True when the fraction needs the peers (rank, percentile bands). */
  needsPeers: boolean;
  /** Peer standards: place among peers (ties share), number of peers, leader's measure. */
  place: number;
  peers: number;
  leader: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Completion rate, direction-aware; for cumulative items against the target due by the month. */
function completionOf(item: Item, input: ItemInput, periodTarget: number): number {
  if (!Number.isFinite(periodTarget) || !Number.isFinite(input.actual)) return NaN;
  if (item.direction === 'lower') {
    // Zero where zero is the target (no incidents) is exactly on target; zero under a positive target beats it.
    if (input.actual <= 0) return periodTarget <= 0 ? 1 : Infinity;
    return Math.max(0, periodTarget) / input.actual;
  }
  // A zero target met (nothing due) is exactly on target, never a maximal over-completion.
  if (periodTarget <= 0) return input.actual >= periodTarget ? 1 : 0;
  return input.actual / periodTarget;
}

function measureOf(on: 'value' | 'completion', item: Item, input: ItemInput, periodTarget: number): number {
  return on === 'value' ? input.actual : completionOf(item, input, periodTarget);
}

function inBand(x: number, b: { min?: number | undefined; max?: number | undefined }): boolean {
  return (b.min === undefined || x >= b.min - 1e-12) && (b.max === undefined || x <= b.max + 1e-12);
}

/** Standards whose pace is read against the target (when one is given) rather than from the score. */
const TARGET_PACE = new Set(['goalposts', 'bands', 'percentile-bands', 'threshold-deduction', 'rank', 'external']);

/** True when the item's measure is a completion rate, so it needs a target to be scored. */
export function needsTarget(item: Item): boolean {
  const s = item.standard;
  return (
    s.kind === 'completion' ||
    ((s.kind === 'bands' || s.kind === 'threshold-deduction' || s.kind === 'percentile-bands') && s.on === 'completion')
  );
}

/** A fresh evaluation to fill (see `evaluate`'s `into`). */
export function emptyEvaluation(): Evaluation {
  return {
    fraction: NaN,
    measure: NaN,
    progress: NaN,
    expected: NaN,
    periodTarget: NaN,
    needsPeers: false,
    place: NaN,
    peers: 0,
    leader: NaN,
  };
}

/**
 * Evaluate one unit's input for an item under its standard (peer standards return needsPeers).
 * Numbers only: see `explainEvaluation` for the text. Pass `into` to reuse an object in hot loops.
 */
export function evaluate(item: Item, input: ItemInput, into: Evaluation = emptyEvaluation()): Evaluation {
  const s: Standard = item.standard;
  const expected = item.cumulative ? expectedProgress(item.schedule, input.month) : 1;
  const periodTarget = item.cumulative ? input.target * expected : input.target;
  const x = input.actual;
  let f: number;
  let m: number;
  let p: number;
  let needsPeers = false;
  switch (s.kind) {
    case 'completion': {
      // Nothing due yet: full score and on pace, as for milestones before the first one and done items not yet due.
      if (item.cumulative && expected === 0) {
        f = 1;
        m = NaN;
        p = 1;
        break;
      }
      const c = completionOf(item, input, periodTarget);
      f = s.zeroBelow !== undefined && c < s.zeroBelow ? 0 : clamp(c, s.floor, s.cap);
      m = c;
      p = c;
      break;
    }
    case 'goalposts': {
      const raw =
        item.direction === 'lower' ? (s.upper - x) / (s.upper - s.lower) : (x - s.lower) / (s.upper - s.lower);
      f = clamp(raw, 0, 1);
      m = x;
      p = f;
      break;
    }
    case 'bands': {
      m = measureOf(s.on, item, input, periodTarget);
      f = 0;
      for (const b of s.bands)
        if (inBand(m, b)) {
          f = b.fraction;
          break;
        }
      p = s.on === 'completion' ? m : f;
      break;
    }
    case 'threshold-deduction': {
      m = measureOf(s.on, item, input, periodTarget);
      // A completion rate is already direction-aware (higher is better); a raw value follows the item's direction.
      const ok = s.on === 'value' && item.direction === 'lower' ? m <= s.threshold : m >= s.threshold;
      const lost = ok ? 0 : (Math.abs(s.threshold - m) / s.step) * s.points;
      f = input.weight > 0 ? clamp((input.weight - lost) / input.weight, 0, 1) : 0;
      p = s.on === 'completion' ? m : f;
      break;
    }
    case 'rank':
      f = NaN;
      m = x;
      p = NaN;
      needsPeers = true;
      break;
    case 'percentile-bands':
      f = NaN;
      m = measureOf(s.on, item, input, periodTarget);
      p = NaN;
      needsPeers = true;
      break;
    case 'grade':
      f = s.grades[(input.text ?? '').trim().toUpperCase()] ?? 0;
      m = f;
      p = f;
      break;
    case 'milestones': {
      const due = milestonesDue(item.schedule, input.month);
      m = x;
      if (due === 0) {
        f = 1;
        p = 1;
        break;
      }
      f = s.allOrNothing ? (x >= due ? 1 : 0) : clamp(x / due, 0, 1);
      p = x / due;
      break;
    }
    case 'deduction': {
      m = Math.max(0, x);
      const zero = s.zeroAt !== undefined && m >= s.zeroAt;
      f = zero ? 0 : input.weight > 0 ? clamp((input.weight - m * s.points) / input.weight, s.floor, 1) : 0;
      p = f;
      break;
    }
    case 'done': {
      const notDue = expectedProgress(item.schedule, input.month) < 1;
      if (x >= 1) {
        f = 1;
        m = 1;
        p = 1;
        break;
      }
      m = Math.max(0, x);
      f = notDue ? 1 : x > 0 ? (s.partial ?? clamp(x, 0, 1)) : 0;
      p = f;
      break;
    }
    case 'external':
      f = clamp((x - s.min) / (s.max - s.min), 0, 1);
      m = x;
      p = f;
      break;
  }
  // Pace compares progress with the schedule, whatever the scoring standard: completion against the
  // target due by the month where a numeric target is given, else the share of the weight earned.
  if (TARGET_PACE.has(s.kind) && Number.isFinite(periodTarget) && periodTarget > 0 && Number.isFinite(x))
    p = completionOf(item, input, periodTarget);
  into.fraction = f;
  into.measure = m;
  into.progress = p;
  into.expected = expected;
  into.periodTarget = periodTarget;
  into.needsPeers = needsPeers;
  into.place = NaN;
  into.peers = 0;
  into.leader = NaN;
  return into;
}

/** How an evaluation was made, with the numbers, in Chinese (built only when an explanation is shown). */
export function explainEvaluation(item: Item, input: ItemInput, e: Evaluation): string {
  const s: Standard = item.standard;
  const x = input.actual;
  const f = e.fraction;
  switch (s.kind) {
    case 'completion': {
      if (item.cumulative && e.expected === 0) return '本月尚无进度要求，按序时进度计满分';
      const c = e.measure;
      const ratioText =
        item.direction === 'lower'
          ? `完成率 = ${item.cumulative ? '序时' : ''}目标 ${fmt(e.periodTarget)} ÷ 实际 ${fmt(x)} = ${pct(c)}`
          : `完成率 = 实际 ${fmt(x)} ÷ ${item.cumulative ? `序时目标 ${fmt(e.periodTarget)}（年度目标 ${fmt(input.target)} × 序时进度 ${pct(e.expected)}）` : `目标 ${fmt(input.target)}`} = ${pct(c)}`;
      const zero = s.zeroBelow !== undefined && c < s.zeroBelow;
      const rule = zero
        ? `，低于 ${pct(s.zeroBelow!)} 不得分`
        : c > s.cap
          ? `，超额最高按 ${pct(s.cap)} 计`
          : c < s.floor
            ? `，最低按 ${pct(s.floor)} 计`
            : '';
      return `${ratioText}${rule}，得分比例 ${pct(f)}`;
    }
    case 'goalposts': {
      const text =
        item.direction === 'lower'
          ? `(${fmt(s.upper)} − ${fmt(x)}) ÷ (${fmt(s.upper)} − ${fmt(s.lower)})`
          : `(${fmt(x)} − ${fmt(s.lower)}) ÷ (${fmt(s.upper)} − ${fmt(s.lower)})`;
      return `${text}，限定在 0–100% 之间，得分比例 ${pct(f)}`;
    }
    case 'bands': {
      const band = s.bands.find((b) => inBand(e.measure, b));
      const label = s.on === 'value' ? `数值 ${fmt(e.measure)}` : `完成率 ${pct(e.measure)}`;
      return `${label}，${band ? `落在 ${band.min ?? '−∞'}–${band.max ?? '+∞'} 档` : '不在任何档次'}，得分比例 ${pct(f)}`;
    }
    case 'threshold-deduction': {
      const m = e.measure;
      const label = s.on === 'value' ? `数值 ${fmt(m)}` : `完成率 ${pct(m)}`;
      const ok = s.on === 'value' && item.direction === 'lower' ? m <= s.threshold : m >= s.threshold;
      if (ok) return `${label}，达到 ${s.on === 'value' ? fmt(s.threshold) : pct(s.threshold)}，得满分`;
      const short = Math.abs(s.threshold - m);
      return `${label}，差 ${fmt(short)}，每差 ${fmt(s.step)} 扣 ${fmt(s.points)} 分，扣 ${fmt((short / s.step) * s.points)} 分，得分比例 ${pct(f)}`;
    }
    case 'rank': {
      const head = `数值 ${fmt(e.measure)} 在 ${e.peers} 个单位中排第 ${e.place} 名`;
      if (s.method === 'table') {
        const pts = s.points!;
        return `${head}，按名次分值表得 ${fmt(pts[Math.min(e.place, pts.length) - 1]!)}（第一名 ${fmt(pts[0]!)}），得分比例 ${pct(f)}`;
      }
      if (s.method === 'step') return `${head}，每降一名减 ${pct(s.step!)}，得分比例 ${pct(f)}`;
      return item.direction === 'higher'
        ? `${head}，本单位 ${fmt(e.measure)} ÷ 第一名 ${fmt(e.leader)}，得分比例 ${pct(f)}`
        : `${head}，最低值 ${fmt(e.leader)} ÷ 本单位 ${fmt(e.measure)}，得分比例 ${pct(f)}`;
    }
    case 'percentile-bands': {
      const share = e.place / e.peers;
      const band = s.bands.find((b) => share <= b.topShare + 1e-9);
      return `在 ${e.peers} 个单位中排第 ${e.place} 名（前 ${pct(share)}），${band ? `属前 ${pct(band.topShare)} 档` : '不在任何档次'}，得分比例 ${pct(f)}`;
    }
    case 'grade':
      return `评价等次 ${(input.text ?? '').trim().toUpperCase()}，对应得分比例 ${pct(f)}`;
    case 'milestones': {
      const due = milestonesDue(item.schedule, input.month);
      if (due === 0) return '截至本月无到期时间节点，计满分';
      return `按期完成时间节点 ${fmt(x)} 个 ÷ 到期节点 ${due} 个${s.allOrNothing ? '，未全部完成不得分' : ''}，得分比例 ${pct(f)}`;
    }
    case 'deduction': {
      const n = Math.max(0, x);
      if (s.zeroAt !== undefined && n >= s.zeroAt) return `发现问题 ${fmt(n)} 次，达到 ${s.zeroAt} 次不得分`;
      return `发现问题 ${fmt(n)} 次 × 每次扣 ${fmt(s.points)} 分，得分比例 ${pct(f)}`;
    }
    case 'done': {
      if (x >= 1) return '已完成，得满分';
      const notDue = expectedProgress(item.schedule, input.month) < 1;
      if (notDue)
        return x > 0
          ? `部分完成（${pct(x)}），尚未到完成时限，按序时进度计满分`
          : '尚未完成，未到完成时限，按序时进度计满分';
      return x > 0 ? `部分完成，得分比例 ${pct(f)}` : '已到完成时限仍未完成，不得分';
    }
    case 'external':
      return `外部评分 (${fmt(x)} − ${fmt(s.min)}) ÷ (${fmt(s.max)} − ${fmt(s.min)})，得分比例 ${pct(f)}`;
  }
}

/** Places among peers by measure (best first), ties sharing a place: 1, 2, 2, 4. */
export function placesAmong(measures: readonly number[], direction: 'higher' | 'lower'): number[] {
  const idx = measures.map((_, i) => i).filter((i) => !Number.isNaN(measures[i]!));
  const better = (a: number, b: number) => (direction === 'higher' ? b - a : a - b);
  idx.sort((a, b) => better(measures[a]!, measures[b]!));
  const places = new Array<number>(measures.length).fill(NaN);
  idx.forEach((i, k) => {
    const prev = idx[k - 1];
    places[i] = k > 0 && measures[prev!] === measures[i] ? places[prev!]! : k + 1;
  });
  return places;
}

/** Peer results written per evaluation: fraction, place among peers, number of peers, leader's measure. */
export interface PeerSink {
  set(i: number, fraction: number, place: number, peers: number, leader: number): void;
}

/** Second pass for rank and percentile bands over plain measures (best first, ties sharing a place). */
export function finishPeers(item: Item, measures: readonly number[], sink: PeerSink): void {
  const s = item.standard;
  // Completion rates are direction-aware already: the highest completion is best.
  const order = s.kind === 'percentile-bands' && s.on === 'completion' ? 'higher' : item.direction;
  const places = placesAmong(measures, order);
  let n = 0;
  let leader = NaN;
  for (const m of measures) {
    if (!Number.isNaN(m)) n++;
    if (Number.isFinite(m) && (Number.isNaN(leader) || (item.direction === 'higher' ? m > leader : m < leader)))
      leader = m;
  }
  for (let i = 0; i < measures.length; i++) {
    const place = places[i]!;
    if (Number.isNaN(place)) continue;
    sink.set(i, peerFraction(item, place, n, measures[i]!, leader), place, n, leader);
  }
}

/** Fraction of a peer standard at a place among n peers, for the unit's own measure x and the leader's. */
export function peerFraction(item: Item, place: number, n: number, x: number, leader: number): number {
  const s = item.standard;
  if (s.kind === 'rank') {
    if (s.method === 'table') {
      const pts = s.points!;
      return pts[Math.min(place, pts.length) - 1]! / pts[0]!;
    }
    if (s.method === 'step') return Math.max(s.floor, 1 - s.step! * (place - 1));
    return item.direction === 'higher'
      ? leader > 0
        ? clamp(x / leader, 0, 1)
        : 0
      : x > 0
        ? clamp(leader / x, 0, 1)
        : 1;
  }
  if (s.kind === 'percentile-bands') return s.bands.find((b) => place / n <= b.topShare + 1e-9)?.fraction ?? 0;
  return 0;
}

/** Second pass for rank and percentile-band standards: fractions from every peer's measure. */
export function finishPeerStandard(item: Item, evals: Evaluation[]): void {
  finishPeers(
    item,
    evals.map((e) => e.measure),
    {
      set(i, fraction, place, peers, leader) {
        const e = evals[i]!;
        e.fraction = fraction;
        if (Number.isNaN(e.progress)) e.progress = fraction;
        e.place = place;
        e.peers = peers;
        e.leader = leader;
      },
    },
  );
}
