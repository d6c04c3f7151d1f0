/**
 * What an item's value may hold (`range`: a value outside is a problem and the file is rejected) and
 * what is believable (`plausible`: a value outside is a warning listed beside the result, never a
 * rejection). Ranges default to what follows from the item's standard and measure (an external score
 * outside min–max is clipped by its standard, not rejected); the content field
 * `range` narrows or replaces them item by item. One place, used by the importer (CLI, build,
 * self-check worker, parallel parts) and stated on the rules page.
 */
import type { Item } from './schemas/tier.ts';
import { fmt } from './format.ts';
import type { Problem } from './problem.ts';

export interface ValueRange {
  min?: number | undefined;
  /** True when min itself is not allowed (a target must be > 0). */
  minExclusive?: boolean | undefined;
  max?: number | undefined;
  /** Only whole numbers (counts). */
  integer?: boolean | undefined;
  /** Why, in Chinese (the rule the range follows from). */
  why: string;
}

/** Measures that count things: their values are never negative, and advice steps them by 1 (advice.ts). */
export const COUNT_MEASURES = new Set([
  '个',
  '个（节点）',
  '家',
  '户',
  '次',
  '起',
  '条',
  '处',
  '批次',
  '项',
  '件',
  '人',
  '座',
  '所',
  '天',
  '工作日',
]);

/** The allowed range of an item's actual value: content `range` over the standard's default. */
export function actualRange(item: Item): ValueRange | undefined {
  const s = item.standard;
  let base: ValueRange | undefined;
  switch (s.kind) {
    case 'done':
      base = { min: 0, max: 1, why: '是否完成事项：填 1/0、是/否（部分完成可填 0 到 1 之间的小数）' };
      break;
    case 'deduction':
      base = { min: 0, integer: true, why: '扣分事项的实际值是发现问题的次数：不小于 0 的整数' };
      break;
    case 'milestones':
      base = {
        min: 0,
        max: item.schedule.length || undefined,
        integer: true,
        why: `时间节点事项的实际值是按期完成的节点个数：0 到 ${item.schedule.length} 的整数`,
      };
      break;
    default:
      if (item.measure !== undefined && COUNT_MEASURES.has(item.measure))
        base = { min: 0, why: `以“${item.measure}”计量的数量不小于 0` };
  }
  const r = item.range;
  if (!r) return base;
  return {
    min: r.min ?? base?.min,
    max: r.max ?? base?.max,
    integer: r.integer ?? base?.integer,
    minExclusive: r.min !== undefined ? false : base?.minExclusive,
    why: '指标文件为该事项规定的取值范围',
  };
}

/** The allowed range of an item's annual target (completion rates divide by it). */
export function targetRange(item: Item): ValueRange | undefined {
  const s = item.standard;
  const rate =
    s.kind === 'completion' ||
    ((s.kind === 'bands' || s.kind === 'threshold-deduction' || s.kind === 'percentile-bands') &&
      s.on === 'completion');
  if (!rate) return undefined;
  return item.direction === 'lower'
    ? { min: 0, why: '越低越好的完成率事项，年度目标不小于 0' }
    : {
        min: 0,
        minExclusive: true,
        why: '按完成率计分的事项，年度目标须大于 0（目标为 0 或负数时任何实际值都会得满分）',
      };
}

/** Whether `v` is inside `r`. */
export function inRange(v: number, r: ValueRange): boolean {
  if (r.min !== undefined && (r.minExclusive ? v <= r.min : v < r.min)) return false;
  if (r.max !== undefined && v > r.max) return false;
  if (r.integer && !Number.isInteger(v)) return false;
  return true;
}

/** The range in words: 大于 0、0 到 1 之间、不小于 0 的整数. */
export function rangeText(r: ValueRange, measure?: string): string {
  const m = measure ? ` ${measure}` : '';
  let t: string;
  if (r.min !== undefined && r.max !== undefined) t = `${fmt(r.min)} 到 ${fmt(r.max)}${m} 之间`;
  else if (r.min !== undefined) t = `${r.minExclusive ? '大于' : '不小于'} ${fmt(r.min)}${m}`;
  else if (r.max !== undefined) t = `不大于 ${fmt(r.max)}${m}`;
  else t = '任意数值';
  return r.integer ? `${t}的整数` : t;
}

/**
 * A warning when `v` is outside the item's `plausible` bounds: the file is still accepted, the
 * warning is listed beside the result. A fraction on a % item (0.7651 for 76.51 %) says so.
 */
export function plausibleWarning(item: Item, v: number, where: Omit<Problem, 'expected'>): Problem | undefined {
  const p = item.plausible;
  if (!p || !Number.isFinite(v)) return undefined;
  const below = p.min !== undefined && v < p.min;
  const above = p.max !== undefined && v > p.max;
  if (!below && !above) return undefined;
  const span =
    p.min !== undefined && p.max !== undefined
      ? `${fmt(p.min)}–${fmt(p.max)}`
      : p.min !== undefined
        ? `不小于 ${fmt(p.min)}`
        : `不大于 ${fmt(p.max!)}`;
  const pctHint =
    item.measure === '%' && below && Math.abs(v) <= 1 && (p.min ?? 0) > 1
      ? `：这是百分数事项，是否把百分数填成了小数（${fmt(v)} 应为 ${fmt(Math.round(v * 10000) / 100)}）？`
      : '：请核对单位和数量级是否填错';
  return {
    ...where,
    severity: 'warning',
    expected: `通常在 ${span}${item.measure ? ` ${item.measure}` : ''} 之内（${item.name}）${pctHint}。数据照常导入，仅作提醒`,
  };
}
