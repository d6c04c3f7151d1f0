import { fmt, pct } from '../format.ts';
import type { GoalpostsStandard } from '../schemas/standard.ts';
import type { StandardModule } from './common.ts';
import { clamp } from './common.ts';

/** Goalposts: (x − lower) ÷ (upper − lower), clipped to [0, 1]; reversed when lower is better. */
export const goalposts: StandardModule<GoalpostsStandard> = {
  needsTarget: () => false,
  targetPace: true,
  evaluate(item, s, input, _expected, _periodTarget, into) {
    const x = input.actual;
    const raw = item.direction === 'lower' ? (s.upper - x) / (s.upper - s.lower) : (x - s.lower) / (s.upper - s.lower);
    into.fraction = clamp(raw, 0, 1);
    into.measure = x;
    into.progress = into.fraction;
  },
  explain(item, s, input, e) {
    const x = input.actual;
    const text =
      item.direction === 'lower'
        ? `(${fmt(s.upper)} − ${fmt(x)}) ÷ (${fmt(s.upper)} − ${fmt(s.lower)})`
        : `(${fmt(x)} − ${fmt(s.lower)}) ÷ (${fmt(s.upper)} − ${fmt(s.lower)})`;
    return `${text}，限定在 0–100% 之间，得分比例 ${pct(e.fraction)}`;
  },
  describe: (item, s) =>
    item.direction === 'lower'
      ? `数值在 ${s.lower}（满分）至 ${s.upper}（零分）之间按比例计分`
      : `数值在 ${s.lower}（零分）至 ${s.upper}（满分）之间按比例计分`,
};
