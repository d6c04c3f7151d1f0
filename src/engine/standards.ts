import type { Standard } from './schemas/standard.ts';
import type { Item } from './schemas/tier.ts';
import { expectedProgress, milestonesDue } from './schedule.ts';

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
  /** Formula with the numbers, in Chinese. */
  formula: string;
  /** True when the fraction needs the peers (rank, percentile bands). */
  needsPeers: boolean;
}

const fmt = (x: number, d = 4) => (Number.isFinite(x) ? String(Math.round(x * 10 ** d) / 10 ** d) : '—');
const pct = (x: number) => (Number.isFinite(x) ? `${fmt(x * 100, 2)}%` : '—');
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Completion rate, direction-aware; for cumulative items against the target due by the month. */
function completionOf(item: Item, input: ItemInput, periodTarget: number): number {
  if (!Number.isFinite(periodTarget) || !Number.isFinite(input.actual)) return NaN;
  if (item.direction === 'lower') {
    if (input.actual <= 0) return Infinity;
    return periodTarget / input.actual;
  }
  if (periodTarget === 0) return input.actual >= 0 ? Infinity : 0;
  return input.actual / periodTarget;
}

function measureOf(on: 'value' | 'completion', item: Item, input: ItemInput, periodTarget: number): number {
  return on === 'value' ? input.actual : completionOf(item, input, periodTarget);
}

function inBand(x: number, b: { min?: number | undefined; max?: number | undefined }): boolean {
  return (b.min === undefined || x >= b.min - 1e-12) && (b.max === undefined || x <= b.max + 1e-12);
}

/** Evaluate one unit's input for an item under its standard (peer standards return needsPeers). */
export function evaluate(item: Item, input: ItemInput): Evaluation {
  const s: Standard = item.standard;
  const expected = item.cumulative ? expectedProgress(item.schedule, input.month) : 1;
  const periodTarget = item.cumulative ? input.target * expected : input.target;
  const base = { expected, periodTarget, needsPeers: false };
  const x = input.actual;
  switch (s.kind) {
    case 'completion': {
      if (item.cumulative && expected === 0)
        return { ...base, fraction: 1, measure: NaN, progress: NaN, formula: '本月尚无进度要求，按序时进度计满分' };
      const c = completionOf(item, input, periodTarget);
      const capped = clamp(c, s.floor, s.cap);
      const zero = s.zeroBelow !== undefined && c < s.zeroBelow;
      const ratioText = item.direction === 'lower'
        ? `完成率 = 目标 ${fmt(periodTarget)} ÷ 实际 ${fmt(x)} = ${pct(c)}`
        : `完成率 = 实际 ${fmt(x)} ÷ ${item.cumulative ? `序时目标 ${fmt(periodTarget)}（年度目标 ${fmt(input.target)} × 序时进度 ${pct(expected)}）` : `目标 ${fmt(input.target)}`} = ${pct(c)}`;
      const rule = zero ? `，低于 ${pct(s.zeroBelow!)} 不得分` : c > s.cap ? `，超额最高按 ${pct(s.cap)} 计` : c < s.floor ? `，最低按 ${pct(s.floor)} 计` : '';
      return { ...base, fraction: zero ? 0 : capped, measure: c, progress: c, formula: `${ratioText}${rule}，得分比例 ${pct(zero ? 0 : capped)}` };
    }
    case 'goalposts': {
      const raw = item.direction === 'lower' ? (s.upper - x) / (s.upper - s.lower) : (x - s.lower) / (s.upper - s.lower);
      const f = clamp(raw, 0, 1);
      const text = item.direction === 'lower'
        ? `(${fmt(s.upper)} − ${fmt(x)}) ÷ (${fmt(s.upper)} − ${fmt(s.lower)})`
        : `(${fmt(x)} − ${fmt(s.lower)}) ÷ (${fmt(s.upper)} − ${fmt(s.lower)})`;
      return { ...base, fraction: f, measure: x, progress: f, formula: `${text} = ${pct(raw)}，限定在 0–100% 之间，得分比例 ${pct(f)}` };
    }
    case 'bands': {
      const m = measureOf(s.on, item, input, periodTarget);
      const band = s.bands.find((b) => inBand(m, b));
      const f = band?.fraction ?? 0;
      const label = s.on === 'value' ? `数值 ${fmt(m)}` : `完成率 ${pct(m)}`;
      const where = band ? `落在 ${band.min ?? '−∞'}–${band.max ?? '+∞'} 档` : '不在任何档次';
      return { ...base, fraction: f, measure: m, progress: s.on === 'completion' ? m : f, formula: `${label}，${where}，得分比例 ${pct(f)}` };
    }
    case 'threshold-deduction': {
      const m = measureOf(s.on, item, input, periodTarget);
      const ok = item.direction === 'lower' ? m <= s.threshold : m >= s.threshold;
      const short = ok ? 0 : Math.abs(s.threshold - m);
      const lost = (short / s.step) * s.points;
      const f = input.weight > 0 ? clamp((input.weight - lost) / input.weight, 0, 1) : 0;
      const label = s.on === 'value' ? `数值 ${fmt(m)}` : `完成率 ${pct(m)}`;
      const formula = ok
        ? `${label}，达到 ${s.on === 'value' ? fmt(s.threshold) : pct(s.threshold)}，得满分`
        : `${label}，差 ${fmt(short)}，每差 ${fmt(s.step)} 扣 ${fmt(s.points)} 分，扣 ${fmt(lost)} 分，得分比例 ${pct(f)}`;
      return { ...base, fraction: f, measure: m, progress: s.on === 'completion' ? m : f, formula };
    }
    case 'rank':
    case 'percentile-bands': {
      const on = s.kind === 'rank' ? 'value' : s.on;
      const m = measureOf(on, item, input, periodTarget);
      return { ...base, fraction: NaN, measure: m, progress: NaN, formula: '', needsPeers: true };
    }
    case 'grade': {
      const letter = (input.text ?? '').trim().toUpperCase();
      const f = s.grades[letter] ?? 0;
      return { ...base, fraction: f, measure: f, progress: f, formula: `评价等次 ${letter}，对应得分比例 ${pct(f)}` };
    }
    case 'milestones': {
      const due = milestonesDue(item.schedule, input.month);
      if (due === 0) return { ...base, fraction: 1, measure: x, progress: 1, formula: '截至本月无到期时间节点，计满分' };
      const ratio = x / due;
      const f = s.allOrNothing ? (x >= due ? 1 : 0) : clamp(ratio, 0, 1);
      return { ...base, fraction: f, measure: x, progress: ratio, formula: `按期完成时间节点 ${fmt(x)} 个 ÷ 到期节点 ${due} 个${s.allOrNothing ? '，未全部完成不得分' : ''}，得分比例 ${pct(f)}` };
    }
    case 'deduction': {
      const n = Math.max(0, x);
      const zero = s.zeroAt !== undefined && n >= s.zeroAt;
      const f = zero ? 0 : input.weight > 0 ? clamp((input.weight - n * s.points) / input.weight, s.floor, 1) : 0;
      return { ...base, fraction: f, measure: n, progress: f, formula: zero ? `发现问题 ${fmt(n)} 次，达到 ${s.zeroAt} 次不得分` : `发现问题 ${fmt(n)} 次 × 每次扣 ${fmt(s.points)} 分，得分比例 ${pct(f)}` };
    }
    case 'done': {
      const notDue = expectedProgress(item.schedule, input.month) < 1;
      if (x >= 1) return { ...base, fraction: 1, measure: 1, progress: 1, formula: '已完成，得满分' };
      if (x > 0) {
        const f = s.partial ?? clamp(x, 0, 1);
        return { ...base, fraction: notDue ? 1 : f, measure: x, progress: notDue ? 1 : f, formula: notDue ? `部分完成（${pct(x)}），尚未到完成时限，按序时进度计满分` : `部分完成，得分比例 ${pct(f)}` };
      }
      return notDue
        ? { ...base, fraction: 1, measure: 0, progress: 1, formula: '尚未完成，未到完成时限，按序时进度计满分' }
        : { ...base, fraction: 0, measure: 0, progress: 0, formula: '已到完成时限仍未完成，不得分' };
    }
    case 'external': {
      const raw = (x - s.min) / (s.max - s.min);
      const f = clamp(raw, 0, 1);
      return { ...base, fraction: f, measure: x, progress: f, formula: `外部评分 (${fmt(x)} − ${fmt(s.min)}) ÷ (${fmt(s.max)} − ${fmt(s.min)})，得分比例 ${pct(f)}` };
    }
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

/** Second pass for rank and percentile-band standards: fractions from every peer's measure. */
export function finishPeerStandard(item: Item, evals: Evaluation[]): void {
  const s = item.standard;
  const measures = evals.map((e) => e.measure);
  const places = placesAmong(measures, item.direction);
  const n = measures.filter((m) => !Number.isNaN(m)).length;
  const finite = measures.filter((m) => Number.isFinite(m));
  const leader = finite.length === 0 ? NaN : item.direction === 'higher' ? Math.max(...finite) : Math.min(...finite);
  evals.forEach((e, i) => {
    const place = places[i]!;
    if (Number.isNaN(place)) return;
    let f = 0;
    let formula = '';
    if (s.kind === 'rank') {
      if (s.method === 'table') {
        const pts = s.points!;
        const p = pts[Math.min(place, pts.length) - 1]!;
        f = p / pts[0]!;
        formula = `数值 ${fmt(e.measure)} 在 ${n} 个单位中排第 ${place} 名，按名次分值表得 ${fmt(p)}（第一名 ${fmt(pts[0]!)}），得分比例 ${pct(f)}`;
      } else if (s.method === 'step') {
        f = Math.max(s.floor, 1 - s.step! * (place - 1));
        formula = `数值 ${fmt(e.measure)} 在 ${n} 个单位中排第 ${place} 名，每降一名减 ${pct(s.step!)}，得分比例 ${pct(f)}`;
      } else {
        f = item.direction === 'higher'
          ? (leader > 0 ? clamp(e.measure / leader, 0, 1) : 0)
          : (e.measure > 0 ? clamp(leader / e.measure, 0, 1) : 1);
        formula = item.direction === 'higher'
          ? `数值 ${fmt(e.measure)} ÷ 第一名 ${fmt(leader)}（第 ${place} 名），得分比例 ${pct(f)}`
          : `第一名 ${fmt(leader)} ÷ 数值 ${fmt(e.measure)}（第 ${place} 名），得分比例 ${pct(f)}`;
      }
    } else if (s.kind === 'percentile-bands') {
      const share = place / n;
      const band = s.bands.find((b) => share <= b.topShare + 1e-9);
      f = band?.fraction ?? 0;
      formula = `在 ${n} 个单位中排第 ${place} 名（前 ${pct(share)}），${band ? `属前 ${pct(band.topShare)} 档` : '不在任何档次'}，得分比例 ${pct(f)}`;
    }
    e.fraction = f;
    e.progress = f;
    e.formula = formula;
  });
}
