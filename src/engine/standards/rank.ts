import { fmt, pct } from '../format.ts';
import type { RankStandard } from '../schemas/standard.ts';
import type { StandardModule } from './common.ts';
import { clamp } from './common.ts';

/** 排名计分: by place among peers (points table, a step per place, or proportional to the leader). */
export const rank: StandardModule<RankStandard> = {
  needsTarget: () => false,
  targetPace: true,
  evaluate(_item, _s, input, _expected, _periodTarget, into) {
    into.fraction = NaN;
    into.measure = input.actual;
    into.progress = NaN;
    into.needsPeers = true;
  },
  explain(item, s, _input, e) {
    const head = `数值 ${fmt(e.measure)} 在 ${e.peers} 个单位中排第 ${e.place} 名`;
    const f = e.fraction;
    switch (s.method) {
      case 'table':
        return `${head}，按名次分值表得 ${fmt(s.points[Math.min(e.place, s.points.length) - 1]!)}（第一名 ${fmt(s.points[0]!)}），得分比例 ${pct(f)}`;
      case 'step':
        return `${head}，每降一名减 ${pct(s.step)}，得分比例 ${pct(f)}`;
      case 'proportional':
        return item.direction === 'higher'
          ? `${head}，本单位 ${fmt(e.measure)} ÷ 第一名 ${fmt(e.leader)}，得分比例 ${pct(f)}`
          : `${head}，最低值 ${fmt(e.leader)} ÷ 本单位 ${fmt(e.measure)}，得分比例 ${pct(f)}`;
    }
  },
  describe(item, s) {
    switch (s.method) {
      case 'table':
        return `排名计分：按名次依次得 ${s.points.join('、')} 分（折算到权重）`;
      case 'step':
        return `排名计分：第一名满分，每降一名减 ${pct(s.step)}${s.floor > 0 ? `，最低 ${pct(s.floor)}` : ''}`;
      case 'proportional':
        return item.direction === 'lower'
          ? '排名计分：最低值满分，其余按 最低值 ÷ 本单位值 计分'
          : '排名计分：第一名满分，其余按 本单位值 ÷ 第一名值 计分';
    }
  },
  peerFraction(item, s, place, _n, x, leader) {
    switch (s.method) {
      case 'table':
        return s.points[Math.min(place, s.points.length) - 1]! / s.points[0]!;
      case 'step':
        return Math.max(s.floor, 1 - s.step * (place - 1));
      case 'proportional':
        return item.direction === 'higher'
          ? leader > 0
            ? clamp(x / leader, 0, 1)
            : 0
          : x > 0
            ? clamp(leader / x, 0, 1)
            : 1;
    }
  },
};
