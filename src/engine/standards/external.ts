import { fmt, pct } from '../format.ts';
import type { ExternalStandard } from '../schemas/standard.ts';
import type { StandardModule } from './common.ts';
import { clamp } from './common.ts';

/** An external score on [min, max], rescaled to [0, 1]. */
export const external: StandardModule<ExternalStandard> = {
  needsTarget: () => false,
  targetPace: true,
  evaluate(_item, s, input, _expected, _periodTarget, into) {
    const x = input.actual;
    into.fraction = clamp((x - s.min) / (s.max - s.min), 0, 1);
    into.measure = x;
    into.progress = into.fraction;
  },
  explain: (_item, s, input, e) =>
    `外部评分 (${fmt(input.actual)} − ${fmt(s.min)}) ÷ (${fmt(s.max)} − ${fmt(s.min)})，得分比例 ${pct(e.fraction)}`,
  describe: (_item, s) => `采用外部评分（${s.min}–${s.max} 分）按比例折算`,
};
