/**
 * The choices the engine makes that the standards' names alone do not settle, stated in Chinese from
 * the engine's own constants and the scheme, so that anyone re-implementing the rules from the README
 * and the content gets the same numbers. Shown on the rules page (计算口径) and listed in the README.
 */
import type { Model } from './model.ts';
import { COUNT_MEASURES } from './ranges.ts';
import { MAX_CELL, MAX_NOTE } from './csv/numbers.ts';

export interface StatedRule {
  term: string;
  text: string;
}

export function statedRules(model: Model): StatedRule[] {
  const { scheme } = model;
  const r = scheme.robustness;
  return [
    {
      term: '序时进度（期望进度）',
      text: '有时间节点的事项：某月的序时进度取截至该月最后一个已到期节点的累计进度，两个节点之间保持不变（不按月插值）；第一个节点之前为 0。没有时间节点的累计事项按月均衡：第 m 月为 m ÷ 12。非累计事项（水平值、比率）的序时进度恒为 1。',
    },
    {
      term: '尚无到期要求',
      text: '截至本月没有任何到期要求时（累计完成率事项的序时进度为 0、时间节点事项第一个节点之前、是否完成事项未到完成时限），该事项计满分，进度状态为“正常”：没有到期的要求，就不存在滞后。',
    },
    {
      term: '实际进度',
      text: '进度状态比较的“实际进度 ÷ 序时进度”：有年度目标的事项为完成率（实际值 ÷ 截至本月应完成的目标；越低越好的事项为 应完成目标 ÷ 实际值，实际值为 0 而目标大于 0 视为超额完成）；时间节点事项为已完成节点数 ÷ 到期节点数；没有数值目标的事项（两端值、分档、扣分、是否完成、外部评分）为得分比例。',
    },
    {
      term: '两端值（goalposts）',
      text: '越高越好：(实际值 − lower) ÷ (upper − lower)；越低越好：(upper − 实际值) ÷ (upper − lower)；都截取到 0–1。',
    },
    {
      term: '达标扣分（threshold-deduction）',
      text: '未达标时按差距的实际比例扣分，不足一个 step 的部分也按比例计算（不向上或向下取整）：扣分 = |threshold − 实测| ÷ step × points，得分比例 = (权重 − 扣分) ÷ 权重，截取到 0–1。',
    },
    {
      term: '比例换算为个数',
      text: '结果运用中按比例确定的名额（前 x%、后 x%）：个数 = max(1, round(比例 × 参与排名的单位数))，round 为四舍五入，按个数规定的不超过单位数。等次的累计比例 topShare：名额 = 比例 × 单位数按 countRounding 取整（round 四舍五入，默认；floor 向下；ceil 向上），在 0 到单位数之间，可以为 0。',
    },
    {
      term: '一票否决事项的值',
      text: '否决事项一行的实际值是事件次数：大于 0 即否决（也可填“是”，视为 1）；0、“否”或留空不否决。加分、减分事项的实际值是分值，不小于 0，超过单项上限按上限计。',
    },
    {
      term: '无数据',
      text: `方案默认规则为 ${scheme.missing}。“同类平均”（peer-average）取同类中有该项数据的单位得分比例的平均值（各单位得分比例之和按精确值计算、只舍入一次，与单位顺序无关，再 ÷ 单位数）；同类没有任何单位有该项数据（例如只有一个单位承担的特色任务）时没有平均值可用，计零分，并在该项的计分说明中写明“同类单位均无该项数据、无平均值可用，计零分”。“不计”（exclude）时该项权重按比例分配到本单位其他事项，计分结果中显示实际使用的权重。`,
    },
    {
      term: '各计分标准的默认参数',
      text: '完成率 completion：cap 1（超额不加分）、floor 0、无 zeroBelow；分档 bands 和达标扣分 threshold-deduction：on 为 completion（按完成率）；同类分位分档 percentile-bands：on 为 value（按实际值）；名次 rank：floor 0，按表（table）计分时超出表长的名次取表中最后一档；定性评价 grade：A 1、B 0.8、C 0.6、D 0.3；时间节点 milestones：allOrNothing 为 false（按期完成节点数 ÷ 到期节点数）；扣分 deduction：floor 0、无 zeroAt；是否完成 done：部分完成按所填比例（0–1）计，给定 partial 时按 partial；外部评分 external：min 0、max 100，(x − min) ÷ (max − min) 截取到 0–1。',
    },
    {
      term: '取值范围（拒收）',
      text: `是否完成事项 0–1（1/0、是/否）；扣分事项为发现问题次数，不小于 0 的整数；时间节点事项为已完成节点个数，0 到节点总数的整数；外部评分超出 min–max 时按标准截取，不拒收；以 ${[...COUNT_MEASURES].slice(0, 8).join('、')} 等计量的数量不小于 0；按完成率计分的事项年度目标须大于 0（越低越好的不小于 0）；百分号只能用于以 % 计量的事项。指标文件中事项的 range（min、max、integer）可逐项另行规定。超出范围的行是问题，整份文件不导入。`,
    },
    {
      term: '常见范围（提醒）',
      text: '事项的 plausible（min、max）是常见取值范围：超出的值照常导入和计分，但在命令行、构建日志和自查报告中列为“提醒”，例如以 % 计量的事项填了 0.7651（多半应为 76.51）。',
    },
    {
      term: '单元格',
      text: `期间、单位、事项、实际值、目标值单元格不超过 ${MAX_CELL} 个字符，备注不超过 ${MAX_NOTE} 个字符；数字中间不能有空格；每行的列数须与表头相同；CRLF、LF、CR 都算换行。`,
    },
    {
      term: '排名区间的随机数',
      text: `随机数发生器为 mulberry32（32 位），种子为方案的 robustness.seed（${r.seed}）；每次计算从该种子重新开始，共 ${r.draws} 次抽样；每次抽样按事项代码首次出现的顺序（各单位清单依次排列）为每个事项抽一个系数 1 − spread + 2 × spread × u（u 为 [0, 1) 上的随机数，spread = ${r.spread}）。`,
    },
  ];
}
