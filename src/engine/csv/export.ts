import Papa from 'papaparse';
import type { DataColumns, DataIndex } from '../data.ts';
import { findRow, rowsFromColumns } from '../data.ts';
import type { Model } from '../model.ts';
import { PACE_LABELS } from '../pace.ts';
import { dataMonth, parsePeriod } from '../period.ts';
import type { TierResult, UnitResult } from '../score.ts';

/** UTF-8 with a byte-order mark, so Excel on Windows opens Chinese text correctly. */
export const BOM = '\ufeff';

function toCsv(fields: string[], rows: unknown[][]): string {
  return BOM + Papa.unparse({ fields, data: rows }, { newline: '\r\n' });
}

/** The period data as the import CSV format (Chinese headers). */
export function dataToCsv(data: DataColumns, model?: Model): string {
  const rows = rowsFromColumns(data).map((r) => [
    r.period, r.unit, model?.unitById.get(r.unit)?.name ?? '', r.item,
    model?.itemByCode.get(r.item)?.item.name ?? model?.adjustmentByCode.get(r.item)?.name ?? '',
    r.actual ?? '', r.target ?? '', r.note ?? '',
  ]);
  return toCsv(['期间', '单位代码', '单位名称', '事项代码', '事项名称', '实际值', '目标值', '备注'], rows);
}

/** A ranking as CSV: exactly the columns the rankings page shows. */
export function resultsToCsv(result: TierResult): string {
  const f = (x: number) => x.toFixed(result.decimals);
  const rows = result.units.map((u) => [
    u.rank, u.unit, u.name, f(u.total), f(u.base), f(u.bonus), f(u.deduction),
    u.coefficient, u.gradeLabel, u.previousRank ?? '', u.rankRange ? `${u.rankRange[0]}–${u.rankRange[1]}` : '',
    u.flagged.length, u.comprehensive === null ? '' : f(u.comprehensive), u.consequences.map((c) => c.label).join('；'), u.vetoes.map((v) => v.name).join('；'),
  ]);
  return toCsv(['排名', '单位代码', '单位名称', '总分', '基础分', '加分', '减分', '评价系数', '等次', '上期排名', '排名区间', '挂牌督办事项数', '计入综合考核', '结果运用', '否决事项'], rows);
}

/** One unit's items with scores and explanations, for export from the self-check. */
export function unitResultToCsv(u: UnitResult, decimals = 2): string {
  const rows = u.items.map((i) => [
    i.code, i.name, i.weight, i.actual ?? '', i.target ?? '', i.score.toFixed(decimals), PACE_LABELS[i.pace], i.flagged ? '是' : '', i.explanation?.formula ?? '',
  ]);
  return toCsv(['事项代码', '事项名称', '权重', '实际值', '年度目标', '得分', '进度状态', '挂牌督办', '计算过程'], rows);
}

/**
 * The CSV a unit fills in for a period: one row per item on its list, plus its bonus, deduction and
 * veto items; targets (and actuals) pre-filled from published data when given.
 */
export function templateCsv(model: Model, unitId: string, period: string, published?: DataIndex): string {
  const unit = model.unitById.get(unitId);
  if (!unit) throw new Error(`Unknown unit "${unitId}"`);
  const p = parsePeriod(period);
  if (!p) throw new Error(`Invalid period "${period}"`);
  const month = dataMonth(p);
  const prefill = (code: string) => {
    if (!published) return { actual: '', target: '' };
    const r = findRow(published, month, unitId, code);
    const d = published.data;
    if (r < 0) return { actual: '', target: '' };
    const a = d.text.get(r) ?? (Number.isNaN(d.actual[r]!) ? '' : d.actual[r]!);
    return { actual: a, target: Number.isNaN(d.target[r]!) ? '' : d.target[r]! };
  };
  const rows: unknown[][] = [];
  for (const x of model.unitItems.get(unitId) ?? []) {
    const v = prefill(x.item.code);
    rows.push([month, unitId, unit.name, x.item.code, x.item.name, x.item.measure ?? '', v.actual, v.target, '']);
  }
  for (const a of model.scheme.adjustments) {
    if (a.tiers && !a.tiers.includes(unit.tier)) continue;
    const v = prefill(a.code);
    const hint = a.kind === 'veto' ? '发生填 1，未发生留空' : `${a.kind === 'bonus' ? '加' : '减'}分分值，无则留空`;
    rows.push([month, unitId, unit.name, a.code, a.name, '分', v.actual, '', hint]);
  }
  return toCsv(['期间', '单位代码', '单位名称', '事项代码', '事项名称', '计量单位', '实际值', '目标值', '备注'], rows);
}
