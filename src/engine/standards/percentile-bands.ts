import { pct } from '../format.ts';
import type { PercentileBandsStandard } from '../schemas/standard.ts';
import type { StandardModule } from './common.ts';
import { measureOf, onCompletion } from './common.ts';

/** Percentile bands among peers: top share of peers by value → fraction. */
export const percentileBands: StandardModule<PercentileBandsStandard> = {
  needsTarget: onCompletion,
  targetPace: true,
  evaluate(item, s, input, _expected, periodTarget, into) {
    into.fraction = NaN;
    into.measure = measureOf(s.on, item, input, periodTarget);
    into.progress = NaN;
    into.needsPeers = true;
  },
  explain(_item, s, _input, e) {
    const share = e.place / e.peers;
    const band = s.bands.find((b) => share <= b.topShare + 1e-9);
    return `在 ${e.peers} 个单位中排第 ${e.place} 名（前 ${pct(share)}），${band ? `属前 ${pct(band.topShare)} 档` : '不在任何档次'}，得分比例 ${pct(e.fraction)}`;
  },
  describe: (_item, s) =>
    `按同类单位排位分档：${s.bands.map((b) => `前 ${pct(b.topShare)} 得 ${pct(b.fraction)}`).join('；')}`,
  // Completion rates are direction-aware already: the highest completion is best.
  peerOrder: (item, s) => (s.on === 'completion' ? 'higher' : item.direction),
  peerFraction: (_item, s, place, n) => s.bands.find((b) => place / n <= b.topShare + 1e-9)?.fraction ?? 0,
};
