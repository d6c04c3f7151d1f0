import type { Model } from './model.ts';
import { gradeRuleFor } from './model.ts';
import { describeGradeRule } from './grades.ts';
import type { TierResult } from './score.ts';
import { rankRangeText } from './format.ts';

/** The ranking as a Markdown table (announcements, drafts). */
export function rankingMarkdownTable(result: TierResult): string {
  const head =
    '| 排名 | 单位 | 总分 | 等次 | 评价系数 | 排名区间 | 结果运用 |\n| ---: | --- | ---: | --- | ---: | :---: | --- |';
  const rows = result.units.map(
    (u) =>
      `| ${u.rank} | ${u.name} | ${u.total.toFixed(result.decimals)} | ${u.gradeLabel} | ${u.coefficient} | ${rankRangeText(u.rankRange)} | ${u.consequences.map((c) => c.label).join('；') || '—'} |`,
  );
  return [head, ...rows].join('\n');
}

/** A draft announcement (公告) for staff to edit and commit under content/announcements/. */
export function announcementDraft(model: Model, result: TierResult, date: string): string {
  const { period } = result;
  const flagged = result.units.flatMap((u) => u.flagged.map((f) => `- ${u.name}：${f.name}（${f.reason}）`));
  const sample = result.sample ? '\n> 示例数据，非官方结果：本通报由合成示例数据生成，仅用于演示。\n' : '';
  return `---
title: 关于${period.label}${result.tierName}差异化考核情况的通报
date: ${date}
tier: ${result.tier}
period: ${period.id}
summary: ${period.label}${result.tierName}差异化考核排名、等次及挂牌督办事项。
---
${sample}
根据《${model.scheme.name}》，现将${period.label}${result.tierName}差异化考核情况通报如下。

## 一、考核排名

（排名表由站点根据公布数据自动生成，与下表一致。）

${rankingMarkdownTable(result)}

等次评定：${describeGradeRule(gradeRuleFor(model.scheme, result.tier))}。

## 二、挂牌督办事项

${flagged.length ? flagged.join('\n') : '本期无挂牌督办事项。'}

## 三、工作要求

请各单位对照序时进度，对滞后事项逐项分析原因、制定措施，按“${model.scheme.cycle.disciplineName}”工作机制限期整改。
`;
}
