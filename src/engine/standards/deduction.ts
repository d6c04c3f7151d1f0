import { fmt, pct } from '../format.ts';
import type { DeductionStandard } from '../schemas/standard.ts';
import type { StandardModule } from './common.ts';
import { clamp } from './common.ts';

/** 扣分: full minus points per occurrence, not below floor; zeroAt occurrences or more → 0. */
export const deduction: StandardModule<DeductionStandard> = {
  needsTarget: () => false,
  targetPace: false,
  evaluate(_item, s, input, _expected, _periodTarget, into) {
    const m = Math.max(0, input.actual);
    const zero = s.zeroAt !== undefined && m >= s.zeroAt;
    const f = zero ? 0 : input.weight > 0 ? clamp((input.weight - m * s.points) / input.weight, s.floor, 1) : 0;
    into.fraction = f;
    into.measure = m;
    into.progress = f;
  },
  explain(_item, s, input, e) {
    const n = Math.max(0, input.actual);
    if (s.zeroAt !== undefined && n >= s.zeroAt) return `发现问题 ${fmt(n)} 次，达到 ${s.zeroAt} 次不得分`;
    return `发现问题 ${fmt(n)} 次 × 每次扣 ${fmt(s.points)} 分，得分比例 ${pct(e.fraction)}`;
  },
  describe: (_item, s) =>
    `扣分制：每发现一次问题扣 ${s.points} 分${s.zeroAt !== undefined ? `，${s.zeroAt} 次及以上不得分` : ''}${s.floor > 0 ? `，最低得 ${pct(s.floor)}` : '，扣完为止'}`,
};
