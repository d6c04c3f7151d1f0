import type { Standard } from './schemas/standard.ts';
import type { Item } from './schemas/tier.ts';
import { pct } from './format.ts';

/** The evaluation standard in plain Chinese, e.g. 完成率 × 权重，超额部分最高按 120% 计. */
export function describeStandard(item: Item): string {
  if (item.standardText) return item.standardText;
  const s: Standard = item.standard;
  const lower = item.direction === 'lower';
  switch (s.kind) {
    case 'completion': {
      const parts = [lower ? '完成率（目标 ÷ 实际，越低越好）× 权重' : '完成率 × 权重'];
      if (item.cumulative) parts.push('按序时进度折算目标');
      if (s.cap > 1) parts.push(`超额部分最高按 ${pct(s.cap)} 计`);
      else parts.push('最高得满分');
      if (s.zeroBelow !== undefined) parts.push(`完成率低于 ${pct(s.zeroBelow)} 不得分`);
      if (s.floor > 0) parts.push(`最低按 ${pct(s.floor)} 计`);
      return parts.join('，');
    }
    case 'goalposts':
      return lower
        ? `数值在 ${s.lower}（满分）至 ${s.upper}（零分）之间按比例计分`
        : `数值在 ${s.lower}（零分）至 ${s.upper}（满分）之间按比例计分`;
    case 'bands':
      return `分档计分（按${s.on === 'value' ? '数值' : '完成率'}）：${s.bands
        .map(
          (b) =>
            `${b.min !== undefined ? (s.on === 'value' ? `≥${b.min}` : `≥${pct(b.min)}`) : ''}${b.max !== undefined ? (s.on === 'value' ? `≤${b.max}` : `≤${pct(b.max)}`) : ''} 得 ${pct(b.fraction)}`,
        )
        .join('；')}`;
    case 'percentile-bands':
      return `按同类单位排位分档：${s.bands.map((b) => `前 ${pct(b.topShare)} 得 ${pct(b.fraction)}`).join('；')}`;
    case 'threshold-deduction':
      return `${s.on === 'value' ? '数值' : '完成率'}${lower ? '不高于' : '达到'} ${s.on === 'value' ? s.threshold : pct(s.threshold)} 得满分，每差 ${s.on === 'value' ? s.step : pct(s.step)} 扣 ${s.points} 分，扣完为止`;
    case 'rank':
      if (s.method === 'table') return `排名计分：按名次依次得 ${s.points!.join('、')} 分（折算到权重）`;
      if (s.method === 'step')
        return `排名计分：第一名满分，每降一名减 ${pct(s.step!)}${s.floor > 0 ? `，最低 ${pct(s.floor)}` : ''}`;
      return lower
        ? '排名计分：最低值满分，其余按 最低值 ÷ 本单位值 计分'
        : '排名计分：第一名满分，其余按 本单位值 ÷ 第一名值 计分';
    case 'grade':
      return `定性评价：${Object.entries(s.grades)
        .map(([k, v]) => `${k} 等得 ${pct(v)}`)
        .join('，')}`;
    case 'milestones':
      return s.allOrNothing
        ? '时间节点：到期节点全部按期完成得满分，否则不得分'
        : '时间节点：按期完成节点数 ÷ 到期节点数 × 权重';
    case 'deduction':
      return `扣分制：每发现一次问题扣 ${s.points} 分${s.zeroAt !== undefined ? `，${s.zeroAt} 次及以上不得分` : ''}${s.floor > 0 ? `，最低得 ${pct(s.floor)}` : '，扣完为止'}`;
    case 'done':
      return '完成得满分，到期未完成不得分';
    case 'external':
      return `采用外部评分（${s.min}–${s.max} 分）按比例折算`;
  }
}

const MISSING_TEXT = {
  'peer-average': '无数据时按同类单位该项平均得分率计分',
  zero: '无数据时计零分',
  full: '无数据时计满分（不适用事项）',
  exclude: '无数据时不计该项，其权重按比例分配到其他事项',
} as const;

export function describeMissingRule(rule: keyof typeof MISSING_TEXT): string {
  return MISSING_TEXT[rule];
}
