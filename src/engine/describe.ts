import { standardModule } from './standards/index.ts';
import type { Item } from './schemas/tier.ts';

/** The evaluation standard in plain Chinese, e.g. 完成率 × 权重，超额部分最高按 120% 计 (the item's own text when it has one). */
export function describeStandard(item: Item): string {
  return item.standardText || standardModule(item.standard).describe(item, item.standard);
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
