import { fmt, pct } from '../format.ts';
import { milestonesDue } from '../schedule.ts';
import type { MilestonesStandard } from '../schemas/standard.ts';
import type { StandardModule } from './common.ts';
import { clamp } from './common.ts';

/** 时间节点: milestones of the schedule met on time ÷ milestones due by the period. */
export const milestones: StandardModule<MilestonesStandard> = {
  needsTarget: () => false,
  targetPace: false,
  evaluate(item, s, input, _expected, _periodTarget, into) {
    const x = input.actual;
    const due = milestonesDue(item.schedule, input.month);
    into.measure = x;
    if (due === 0) {
      into.fraction = 1;
      into.progress = 1;
      return;
    }
    into.fraction = s.allOrNothing ? (x >= due ? 1 : 0) : clamp(x / due, 0, 1);
    into.progress = x / due;
  },
  explain(item, s, input, e) {
    const due = milestonesDue(item.schedule, input.month);
    if (due === 0) return '截至本月无到期时间节点，计满分';
    return `按期完成时间节点 ${fmt(input.actual)} 个 ÷ 到期节点 ${due} 个${s.allOrNothing ? '，未全部完成不得分' : ''}，得分比例 ${pct(e.fraction)}`;
  },
  describe: (_item, s) =>
    s.allOrNothing
      ? '时间节点：到期节点全部按期完成得满分，否则不得分'
      : '时间节点：按期完成节点数 ÷ 到期节点数 × 权重',
};
