import { fmt, pct } from '../format.ts';
import type { ThresholdDeductionStandard } from '../schemas/standard.ts';
import type { Item } from '../schemas/tier.ts';
import type { StandardModule } from './common.ts';
import { clamp, measureOf, onCompletion } from './common.ts';

/** A completion rate is already direction-aware (higher is better); a raw value follows the item's direction. */
const meets = (item: Item, s: ThresholdDeductionStandard, m: number) =>
  s.on === 'value' && item.direction === 'lower' ? m <= s.threshold : m >= s.threshold;

/** Threshold plus deduction: at or above threshold → full; else −points per step short. */
export const thresholdDeduction: StandardModule<ThresholdDeductionStandard> = {
  needsTarget: onCompletion,
  targetPace: true,
  evaluate(item, s, input, _expected, periodTarget, into) {
    const m = measureOf(s.on, item, input, periodTarget);
    const lost = meets(item, s, m) ? 0 : (Math.abs(s.threshold - m) / s.step) * s.points;
    const f = input.weight > 0 ? clamp((input.weight - lost) / input.weight, 0, 1) : 0;
    into.fraction = f;
    into.measure = m;
    into.progress = s.on === 'completion' ? m : f;
  },
  explain(item, s, _input, e) {
    const m = e.measure;
    const label = s.on === 'value' ? `数值 ${fmt(m)}` : `完成率 ${pct(m)}`;
    if (meets(item, s, m)) return `${label}，达到 ${s.on === 'value' ? fmt(s.threshold) : pct(s.threshold)}，得满分`;
    const short = Math.abs(s.threshold - m);
    return `${label}，差 ${fmt(short)}，每差 ${fmt(s.step)} 扣 ${fmt(s.points)} 分，扣 ${fmt((short / s.step) * s.points)} 分，得分比例 ${pct(e.fraction)}`;
  },
  describe: (item, s) =>
    `${s.on === 'value' ? '数值' : '完成率'}${item.direction === 'lower' ? '不高于' : '达到'} ${s.on === 'value' ? s.threshold : pct(s.threshold)} 得满分，每差 ${s.on === 'value' ? s.step : pct(s.step)} 扣 ${s.points} 分，扣完为止`,
};
