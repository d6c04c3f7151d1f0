import { pct } from '../format.ts';
import type { GradeStandard } from '../schemas/standard.ts';
import type { StandardModule } from './common.ts';

const letterOf = (text: string | undefined) => (text ?? '').trim().toUpperCase();

/** 定性评价: a letter grade → fraction. */
export const grade: StandardModule<GradeStandard> = {
  needsTarget: () => false,
  targetPace: false,
  evaluate(_item, s, input, _expected, _periodTarget, into) {
    const f = s.grades[letterOf(input.text)] ?? 0;
    into.fraction = f;
    into.measure = f;
    into.progress = f;
  },
  explain: (_item, _s, input, e) => `评价等次 ${letterOf(input.text)}，对应得分比例 ${pct(e.fraction)}`,
  describe: (_item, s) =>
    `定性评价：${Object.entries(s.grades)
      .map(([k, v]) => `${k} 等得 ${pct(v)}`)
      .join('，')}`,
};
