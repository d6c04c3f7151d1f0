/** `kaohe template --reporter sthjj --period 2023-07`: a reporter's own template (its items × the units it reports for). */
import type { DataIndex, Model } from '../engine/index.ts';
import { parsePeriod, reporterTemplateCsv, reportingPlan } from '../engine/index.ts';

/** The template text, or a usage message to print (exit 2). */
export function reporterTemplate(
  model: Model,
  index: DataIndex,
  reporter: string,
  period: string | undefined,
): { text: string } | { usage: string } {
  const plan = reportingPlan(model);
  const r = plan.reporterById.get(reporter);
  if (!r)
    return {
      usage: `未知报送单位“${reporter}”：应为 units.csv 中的单位代码${model.scheme.reporting.offices.length ? `或报送机构 ${model.scheme.reporting.offices.map((o) => o.id).join('、')}` : ''}。`,
    };
  const p = period ? parsePeriod(period) : undefined;
  if (!period || !p || p.kind !== 'month')
    return {
      usage: `template --reporter 需要 --period <月份>，如 ${model.scheme.year}-07${period ? `（发现“${period}”）` : ''}。`,
    };
  const owns = plan.cells.some((c) => plan.reportersOf(c.unit, c.item)?.[0] === reporter);
  if (!owns)
    return { usage: `${r.name}（${reporter}）没有需要报送的事项：报送关系见各类别指标文件的 leads 和 reportedBy。` };
  return { text: reporterTemplateCsv(model, reporter, p.id, index) };
}
