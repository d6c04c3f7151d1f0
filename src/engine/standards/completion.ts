import { fmt, pct } from '../format.ts';
import type { CompletionStandard } from '../schemas/standard.ts';
import type { StandardModule } from './common.ts';
import { clamp, completionOf } from './common.ts';

/** 完成率: actual ÷ target (target ÷ actual when lower is better), clipped to [floor, cap]. */
export const completion: StandardModule<CompletionStandard> = {
  needsTarget: () => true,
  targetPace: false,
  evaluate(item, s, input, expected, periodTarget, into) {
    // Nothing due yet: full score and on pace, as for milestones before the first one and done items not yet due.
    if (item.cumulative && expected === 0) {
      into.fraction = 1;
      into.measure = NaN;
      into.progress = 1;
      return;
    }
    const c = completionOf(item, input, periodTarget);
    into.fraction = s.zeroBelow !== undefined && c < s.zeroBelow ? 0 : clamp(c, s.floor, s.cap);
    into.measure = c;
    into.progress = c;
  },
  explain(item, s, input, e) {
    if (item.cumulative && e.expected === 0) return '本月尚无进度要求，按序时进度计满分';
    const x = input.actual;
    const c = e.measure;
    const ratioText =
      item.direction === 'lower'
        ? `完成率 = ${item.cumulative ? '序时' : ''}目标 ${fmt(e.periodTarget)} ÷ 实际 ${fmt(x)} = ${pct(c)}`
        : `完成率 = 实际 ${fmt(x)} ÷ ${item.cumulative ? `序时目标 ${fmt(e.periodTarget)}（年度目标 ${fmt(input.target)} × 序时进度 ${pct(e.expected)}）` : `目标 ${fmt(input.target)}`} = ${pct(c)}`;
    const rule =
      s.zeroBelow !== undefined && c < s.zeroBelow
        ? `，低于 ${pct(s.zeroBelow)} 不得分`
        : c > s.cap
          ? `，超额最高按 ${pct(s.cap)} 计`
          : c < s.floor
            ? `，最低按 ${pct(s.floor)} 计`
            : '';
    return `${ratioText}${rule}，得分比例 ${pct(e.fraction)}`;
  },
  describe(item, s) {
    const parts = [item.direction === 'lower' ? '完成率（目标 ÷ 实际，越低越好）× 权重' : '完成率 × 权重'];
    if (item.cumulative) parts.push('按序时进度折算目标');
    if (s.cap > 1) parts.push(`超额部分最高按 ${pct(s.cap)} 计`);
    else parts.push('最高得满分');
    if (s.zeroBelow !== undefined) parts.push(`完成率低于 ${pct(s.zeroBelow)} 不得分`);
    if (s.floor > 0) parts.push(`最低按 ${pct(s.floor)} 计`);
    return parts.join('，');
  },
};
