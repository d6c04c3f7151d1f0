import { fmt, pct } from '../format.ts';
import type { BandsStandard } from '../schemas/standard.ts';
import type { StandardModule } from './common.ts';
import { inBand, measureOf, onCompletion } from './common.ts';

/** 分档: the first band whose [min, max] holds the measure gives the fraction; none → 0. */
export const bands: StandardModule<BandsStandard> = {
  needsTarget: onCompletion,
  targetPace: true,
  evaluate(item, s, input, _expected, periodTarget, into) {
    const m = measureOf(s.on, item, input, periodTarget);
    let f = 0;
    for (const b of s.bands)
      if (inBand(m, b)) {
        f = b.fraction;
        break;
      }
    into.fraction = f;
    into.measure = m;
    into.progress = s.on === 'completion' ? m : f;
  },
  explain(_item, s, _input, e) {
    const band = s.bands.find((b) => inBand(e.measure, b));
    const label = s.on === 'value' ? `数值 ${fmt(e.measure)}` : `完成率 ${pct(e.measure)}`;
    return `${label}，${band ? `落在 ${band.min ?? '−∞'}–${band.max ?? '+∞'} 档` : '不在任何档次'}，得分比例 ${pct(e.fraction)}`;
  },
  describe: (_item, s) =>
    `分档计分（按${s.on === 'value' ? '数值' : '完成率'}）：${s.bands
      .map(
        (b) =>
          `${b.min !== undefined ? (s.on === 'value' ? `≥${b.min}` : `≥${pct(b.min)}`) : ''}${b.max !== undefined ? (s.on === 'value' ? `≤${b.max}` : `≤${pct(b.max)}`) : ''} 得 ${pct(b.fraction)}`,
      )
      .join('；')}`,
};
