import type { DataColumns, DataIndex } from '../data.ts';
import { findRow, rowsFromColumns } from '../data.ts';
import type { Model } from '../model.ts';
import { PACE_LABELS } from '../pace.ts';
import { dataMonth, monthId, monthOf, parsePeriod, yearOf } from '../period.ts';
import type { Problem } from '../problem.ts';
import type { TierResult, UnitResult } from '../score.ts';
import { reportingPlan } from '../reporters.ts';

/** UTF-8 with a byte-order mark, so Excel on Windows opens Chinese text correctly. */
export const BOM = '\ufeff';

/** First characters that make a spreadsheet read a cell as a formula (OWASP's CSV-injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number: a spreadsheet reads it as a number, never as a formula ("-3.5" is data). */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A text cell made safe for spreadsheets: text that begins with = + - @ tab or CR (and is not a plain
 * number) gets a leading apostrophe, so Excel and LibreOffice show it as text instead of running it.
 * Text that already begins with an apostrophe before one of those (or before another apostrophe)
 * gets one too, so `fromCsvText` in the importer can take exactly one off: the round trip is exact.
 * e.g. `=HYPERLINK("…")` → `'=HYPERLINK("…")`; `-3.5` → `-3.5`; `'=1` → `''=1`.
 */
export function neutraliseFormula(text: string): string {
  if (FORMULA_START.test(text)) return PLAIN_NUMBER.test(text) ? text : `'${text}`;
  if (text.charCodeAt(0) === 39 && (FORMULA_START.test(text.slice(1)) || text.charCodeAt(1) === 39)) return `'${text}`;
  return text;
}

/** One cell: numbers as written by String(), text neutralised, quoted when it holds a quote, comma or line break or has edge spaces. */
function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') return String(v);
  const s = neutraliseFormula(v);
  return /[",\r\n]|^ | $/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Every CSV kaohe writes comes through here: header and rows, CRLF, each text cell neutralised
 * (`neutraliseFormula`), numbers as numbers. With a BOM unless `bom: false` (text handed straight
 * to the importer).
 */
export function toCsv(
  fields: readonly string[],
  rows: readonly (readonly unknown[])[],
  options: { bom?: boolean } = {},
): string {
  const lines = [fields, ...rows].map((r) => r.map(csvCell).join(','));
  return (options.bom === false ? '' : BOM) + lines.join('\r\n');
}

/**
 * A content table as staff keep it in `content/` (units.csv, weights.csv): LF, no BOM, cells written as they are
 * (quoted only where CSV needs it), not neutralised like a download: it is source text read by kaohe, not a
 * spreadsheet export.
 */
export function toContentCsv(fields: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (s: string) => (/[",\r\n]|^ | $/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [fields, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** The columns of a period data CSV, in order; 单位名称 and 事项名称 are left out with `names: false` (DATA_COLUMNS_WITHOUT_NAMES). */
export const DATA_COLUMNS = [
  '期间',
  '单位代码',
  '单位名称',
  '事项代码',
  '事项名称',
  '实际值',
  '目标值',
  '备注',
] as const;
export const DATA_COLUMNS_WITHOUT_NAMES = DATA_COLUMNS.filter((c) => c !== '单位名称' && c !== '事项名称');

/**
 * The period data as the import CSV format (Chinese headers). 单位名称 and 事项名称 are for the reader (the importer
 * reads codes); `names: false` leaves both out, as a large site's month files do (the unit names are on the units
 * page, the item names on the indicators page, and both in scheme.json: said once, not on every row).
 */
export function dataToCsv(data: DataColumns, model?: Model, options: { names?: boolean } = {}): string {
  const names = options.names !== false;
  const rows = rowsFromColumns(data).map((r) =>
    names
      ? [
          r.period,
          r.unit,
          model?.unitById.get(r.unit)?.name ?? '',
          r.item,
          model?.itemByCode.get(r.item)?.item.name ?? model?.adjustmentByCode.get(r.item)?.name ?? '',
          r.actual ?? '',
          r.target ?? '',
          r.note ?? '',
        ]
      : [r.period, r.unit, r.item, r.actual ?? '', r.target ?? '', r.note ?? ''],
  );
  return toCsv(names ? DATA_COLUMNS : DATA_COLUMNS_WITHOUT_NAMES, rows);
}

/** A ranking as CSV: exactly the columns the rankings page shows. */
export function resultsToCsv(result: TierResult): string {
  const f = (x: number) => x.toFixed(result.decimals);
  const rows = result.units.map((u) => [
    u.rank,
    u.unit,
    u.name,
    f(u.total),
    f(u.base),
    f(u.bonus),
    f(u.deduction),
    u.coefficient,
    u.gradeLabel,
    u.previousComparable === false ? '不可比' : (u.previousRank ?? ''),
    u.rankRange ? `${u.rankRange[0]}–${u.rankRange[1]}` : '',
    u.flagged.length,
    u.comprehensive === null ? '' : f(u.comprehensive),
    u.consequences.map((c) => c.label).join('；'),
    u.vetoes.map((v) => v.name).join('；'),
  ]);
  return toCsv(
    [
      '排名',
      '单位代码',
      '单位名称',
      '总分',
      '基础分',
      '加分',
      '减分',
      '评价系数',
      '等次',
      '上期排名',
      '排名区间',
      '挂牌督办事项数',
      '计入综合考核',
      '结果运用',
      '否决事项',
    ],
    rows,
  );
}

/** One unit's items with scores and explanations, for export from the self-check. */
export function unitResultToCsv(u: UnitResult, decimals = 2): string {
  const rows = u.items.map((i) => [
    i.code,
    i.name,
    i.effectiveWeight,
    i.actual ?? '',
    i.target ?? '',
    i.score.toFixed(decimals),
    PACE_LABELS[i.pace],
    i.flagged ? '是' : '',
    i.explanation?.formula ?? '',
  ]);
  return toCsv(
    ['事项代码', '事项名称', '权重', '实际值', '年度目标', '得分', '进度状态', '挂牌督办', '计算过程'],
    rows,
  );
}

/** Problems as CSV (文件, 行, 字段, 发现, 应为): the self-check's problem list download. */
export function problemsCsv(problems: readonly Problem[]): string {
  return toCsv(
    ['文件', '行', '事项', '字段', '发现', '应为'],
    problems.map((p) => [p.file, p.row ?? '', p.item ?? '', p.field ?? '', p.found ?? '', p.expected]),
  );
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

/**
 * A reporter's own template for a month (报送模板): the cells it owes (its items × the units it reports
 * for, and the events it records), pre-filled with names and the previous month's values of the same year.
 */
export function reporterTemplateCsv(model: Model, reporter: string, month: string, published?: DataIndex): string {
  const plan = reportingPlan(model);
  if (!plan.reporterById.has(reporter)) throw new Error(`Unknown reporter "${reporter}"`);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`Invalid month "${month}"`);
  const m = monthOf(month);
  // January starts a new year's targets: nothing to carry over from December.
  const previous = m > 1 ? monthId(yearOf(month), m - 1) : undefined;
  const rows: unknown[][] = [];
  for (const c of plan.cells) {
    if (plan.reportersOf(c.unit, c.item)?.[0] !== reporter) continue;
    const r = published && previous ? findRow(published, previous, c.unit, c.item) : -1;
    const d = published?.data;
    const actual = d && r >= 0 ? (d.text.get(r) ?? (Number.isNaN(d.actual[r]!) ? '' : d.actual[r]!)) : '';
    const target = d && r >= 0 && !Number.isNaN(d.target[r]!) ? d.target[r]! : '';
    const item = model.itemByCode.get(c.item)?.item;
    const adj = item ? undefined : model.adjustmentByCode.get(c.item);
    const measure = item
      ? (item.measure ?? '')
      : adj?.kind === 'veto'
        ? '次（发生填 1，未发生留空）'
        : `分（${adj?.kind === 'bonus' ? '加' : '减'}分分值，无则留空）`;
    rows.push([
      month,
      c.unit,
      model.unitById.get(c.unit)?.name ?? '',
      c.item,
      item?.name ?? adj?.name ?? '',
      measure,
      actual,
      target,
      '',
    ]);
  }
  return toCsv(['期间', '单位代码', '单位名称', '事项代码', '事项名称', '计量单位', '实际值', '目标值', '备注'], rows);
}
