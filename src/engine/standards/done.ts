import { pct } from '../format.ts';
import { expectedProgress } from '../schedule.ts';
import type { DoneStandard } from '../schemas/standard.ts';
import type { StandardModule } from './common.ts';
import { clamp } from './common.ts';

/** Done / not done (1 / 0, 是 / 否); before its deadline an undone item scores full, as by the schedule. */
export const done: StandardModule<DoneStandard> = {
  needsTarget: () => false,
  targetPace: false,
  evaluate(item, s, input, _expected, _periodTarget, into) {
    const x = input.actual;
    const notDue = expectedProgress(item.schedule, input.month) < 1;
    if (x >= 1) {
      into.fraction = 1;
      into.measure = 1;
      into.progress = 1;
      return;
    }
    const f = notDue ? 1 : x > 0 ? (s.partial ?? clamp(x, 0, 1)) : 0;
    into.fraction = f;
    into.measure = Math.max(0, x);
    into.progress = f;
  },
  explain(item, _s, input, e) {
    const x = input.actual;
    if (x >= 1) return '已完成，得满分';
    const notDue = expectedProgress(item.schedule, input.month) < 1;
    if (notDue)
      return x > 0
        ? `部分完成（${pct(x)}），尚未到完成时限，按序时进度计满分`
        : '尚未完成，未到完成时限，按序时进度计满分';
    return x > 0 ? `部分完成，得分比例 ${pct(e.fraction)}` : '已到完成时限仍未完成，不得分';
  },
  describe: () => '完成得满分，到期未完成不得分',
};
