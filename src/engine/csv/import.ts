import type { DataColumns } from '../data.ts';
import { ColumnsBuilder } from '../data.ts';
import type { Model } from '../model.ts';
import type { Adjustment } from '../schemas/scheme.ts';
import type { Item } from '../schemas/tier.ts';
import type { Problem } from '../problem.ts';
import { rowRanges } from '../problem.ts';
import type { Decoded, Encoding } from './decode.ts';
import { decodeBytes } from './decode.ts';
import {
  codeDifference,
  codeKey,
  excelDatePeriod,
  MAX_CELL,
  MAX_NOTE,
  normalizeMonth,
  parseDoneWord,
  plainNumber,
  scanNumber,
  shortDecimalAt,
} from './numbers.ts';
import type { CsvSyntaxProblem } from './parse.ts';
import { readCsv } from './parse.ts';
import { needsTarget } from '../standards.ts';
import type { ValueRange } from '../ranges.ts';
import { actualRange, inRange, plausibleWarning, rangeText, targetRange } from '../ranges.ts';

/** scanNumber's answer for a plain number, without a new object per cell. */
const PLAIN: ReturnType<typeof scanNumber> = Object.freeze({ value: NaN });

/** Accepted headers for each column, Chinese and English (case and spaces ignored). */
export const COLUMN_ALIASES = {
  period: ['period', 'month', '期间', '考核期', '考核期间', '月份', '时期', '调度月份'],
  unit: ['unit', 'unitcode', '单位代码', '单位', '被考核单位', '单位编码'],
  item: ['item', 'itemcode', '事项代码', '事项', '指标代码', '事项编码'],
  actual: ['actual', 'value', '实际值', '完成值', '实际完成', '完成情况', '实际'],
  target: ['target', '目标值', '年度目标', '目标'],
  note: ['note', 'notes', 'remark', '备注', '说明'],
} as const;
type Column = keyof typeof COLUMN_ALIASES;
const REQUIRED: Column[] = ['period', 'unit', 'item', 'actual'];
const COLUMN_NAMES: Record<Column, string> = {
  period: '期间',
  unit: '单位代码',
  item: '事项代码',
  actual: '实际值',
  target: '目标值',
  note: '备注',
};

export interface ImportOptions {
  /** Name shown in problems (the uploaded file's name or its path). */
  file: string;
  /** Only rows of this unit are accepted (self-check); others are problems. Optional. */
  onlyUnit?: string | undefined;
  /** Called with 0–1 as rows are read. */
  onProgress?: ((fraction: number) => void) | undefined;
  /** Stop after this many problems (the rest are counted). Default 1000. */
  maxProblems?: number | undefined;
  /** Also return each data row's row number in the file (collect names file and row in its own checks). Default false. */
  rowNumbers?: boolean | undefined;
  /** The text was decoded with replacement characters (see decode.ts): cells holding one are problems. */
  invalidBytes?: boolean | undefined;
}

/** Warnings (severity `warning`) never reject a file: they are listed beside the result (first maxProblems; warningCount is the real count). */
export type ImportResult =
  | {
      ok: true;
      data: DataColumns;
      rows: number;
      encoding: Encoding;
      problems: [];
      problemCount: 0;
      rowNumbers?: number[];
      warnings: Problem[];
      warningCount: number;
    }
  | {
      ok: false;
      problems: Problem[];
      problemCount: number;
      rows: number;
      encoding: Encoding | null;
      warnings: Problem[];
      warningCount: number;
    };

const norm = (h: string) =>
  h
    .replace(/^\ufeff/, '')
    .replace(/[\s_\-（）()]/g, '')
    .toLowerCase();

function mapHeader(header: string[]): { cols: Partial<Record<Column, number>>; missing: Column[]; twice: string[] } {
  const cols: Partial<Record<Column, number>> = {};
  const twice: string[] = [];
  header.forEach((h, i) => {
    const n = norm(h);
    for (const [col, names] of Object.entries(COLUMN_ALIASES) as [Column, readonly string[]][]) {
      if (!names.some((a) => norm(a) === n)) continue;
      if (cols[col] === undefined) cols[col] = i;
      else twice.push(`${header[cols[col]!]} 与 ${h}`);
    }
  });
  return { cols, missing: REQUIRED.filter((c) => cols[c] === undefined), twice };
}

/**
 * A cell read back from the form kaohe's exporter writes (csv/export.ts `neutraliseFormula`): one
 * apostrophe before = + - @ tab, CR or another apostrophe is taken off, so `'=HYPERLINK(…)` reads as
 * `=HYPERLINK(…)`, exactly the text that was exported.
 */
export function fromCsvText(cell: string): string {
  return cell.charCodeAt(0) === 39 && /^'[=+\-@\t\r']/.test(cell) ? cell.slice(1) : cell;
}
/** Where a number belongs, text like =SUM(…) or +A1 is a formula saved instead of its value. */
const FORMULA = /^\s*(=|[+\-@][^\d.\s\-—])/;
const notNumber = (cell: string, otherwise: string) =>
  FORMULA.test(cell)
    ? '数值，而这里是一个 Excel 公式（保存的是公式本身，不是它的结果）：在 Excel 中复制该列，用“选择性粘贴 → 数值”粘贴回原处，再另存为 CSV'
    : otherwise;

/**
 * Import a period-data CSV: decode, parse, validate every row against the scheme. All or nothing:
 * when any row has a problem, no data is returned and every problem is (file, row, field, found, expected).
 */
export function importCsv(bytes: Uint8Array, model: Model, options: ImportOptions): ImportResult {
  // A workbook dropped instead of its CSV: say so, rather than report its binary header as bad columns.
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (zip || ole)
    return {
      ok: false,
      problems: [
        {
          file: options.file,
          found: zip ? 'Excel 工作簿（.xlsx）' : 'Excel 97-2003 工作簿（.xls）',
          expected: 'CSV 文件：在 Excel 中选择“另存为”，保存类型选“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”',
        },
      ],
      problemCount: 1,
      rows: 0,
      encoding: null,
      warnings: [],
      warningCount: 0,
    };
  let decoded: Decoded;
  try {
    decoded = decodeBytes(bytes);
  } catch {
    return {
      ok: false,
      problems: [{ file: options.file, expected: 'UTF-8 或 GB18030 编码的 CSV 文件' }],
      problemCount: 1,
      rows: 0,
      encoding: null,
      warnings: [],
      warningCount: 0,
    };
  }
  return importText(decoded.text, decoded.encoding, model, { ...options, invalidBytes: decoded.invalidBytes === true });
}

interface Numbering {
  unitByName: Map<string, string>;
  monthNo: Map<string, number>;
  unitNo: Map<string, number>;
  /** Scheme item number per code: items, then adjustments. */
  itemNo: Map<string, number>;
  itemHits: ({ item: Item } | undefined)[];
  adjHits: (Adjustment | undefined)[];
  /** Per scheme item number, the allowed ranges of its actual and target values (made once, not per row). */
  actualRanges: (ValueRange | undefined)[];
  targetRanges: (ValueRange | undefined)[];
  /** Per unit id, the codes it may report (items and applicable adjustments) with their numbers. */
  allowedCache: Map<string, Allowed>;
}
/** The codes a unit may report: its items, then the adjustments that apply to its tier, in that order. */
interface Allowed {
  /** Scheme item number per code. */
  no: Map<string, number>;
  /**
   * The codes in order, as a template lists a unit's rows: the importer first checks whether a row's item
   * cell is exactly the code after the previous row's (no string cut, no lookup). '' where a code could
   * not be compared that way (spaces around it, or longer than a cell is read).
   */
  codes: string[];
  /** Scheme item number per position in `codes`. */
  nos: Int32Array;
  /** Position in `codes` per code. */
  at: Map<string, number>;
}
/** The scheme's dictionaries, made once per model (a build imports a file per month against one model). */
const numberings = new WeakMap<Model, Numbering>();
function numberingOf(model: Model): Numbering {
  const known = numberings.get(model);
  if (known) return known;
  const unitByName = new Map<string, string>();
  for (const u of model.units) unitByName.set(u.name, u.id);
  const itemNo = new Map<string, number>();
  const itemHits: ({ item: Item } | undefined)[] = [];
  const adjHits: (Adjustment | undefined)[] = [];
  for (const [code, hit] of model.itemByCode) {
    itemNo.set(code, itemNo.size);
    itemHits.push(hit);
    adjHits.push(undefined);
  }
  for (const [code, adj] of model.adjustmentByCode) {
    itemNo.set(code, itemNo.size);
    itemHits.push(undefined);
    adjHits.push(adj);
  }
  const n: Numbering = {
    unitByName,
    monthNo: new Map([...model.months].map((m, i) => [m, i])),
    unitNo: new Map(model.units.map((u, i) => [u.id, i])),
    itemNo,
    itemHits,
    adjHits,
    actualRanges: itemHits.map((h) => (h ? actualRange(h.item) : undefined)),
    targetRanges: itemHits.map((h) => (h ? targetRange(h.item) : undefined)),
    allowedCache: new Map(),
  };
  numberings.set(model, n);
  return n;
}

export function importText(text: string, encoding: Encoding, model: Model, options: ImportOptions): ImportResult {
  const file = options.file;
  const max = options.maxProblems ?? 1000;
  const problems: Problem[] = [];
  let problemCount = 0;
  const problem = (p: Problem) => {
    problemCount++;
    if (problems.length < max) problems.push(p);
  };
  const warnings: Problem[] = [];
  let warningCount = 0;
  const warn = (p: Problem | undefined) => {
    if (!p) return;
    warningCount++;
    if (warnings.length < max) warnings.push(p);
  };
  const percentNotAllowed = (item: Item) =>
    `${item.name}以“${item.measure ?? '数值'}”计，不是百分数：去掉百分号，填${item.measure ?? '数值'}的数值`;

  // Rows ≈ lines: size the columns once instead of growing them.
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  const builder = new ColumnsBuilder(lines);
  const { unitByName, monthNo, unitNo, itemNo, itemHits, adjHits, actualRanges, targetRanges, allowedCache } =
    numberingOf(model);
  const monthCache = new Map<string, string | undefined>();
  const nItemNo = itemNo.size;
  // Duplicate detection on numeric keys over the scheme's own dictionaries (no per-row strings): per month a
  // table over unit × item, made when the month's first row comes (a file usually holds one month), so a
  // file's work and memory grow with its rows. A small file against a big scheme (one reporter's
  // submission): a map, not a table of every cell.
  const monthCells = unitNo.size * nItemNo;
  const dense = monthCells <= 16_000_000 && monthCells <= lines * 64;
  const firstRowByMonth: (Int32Array<ArrayBuffer> | undefined)[] = [];
  let firstRow = new Int32Array(0);
  const firstRowMap = new Map<number, number>();
  /** Builder item id per scheme item number (−1 until first seen). */
  const builderItem = new Int32Array(nItemNo).fill(-1);
  const allowedOf = (unit: (typeof model.units)[number]): Allowed => {
    const m = new Map<string, number>();
    for (const x of model.unitItems.get(unit.id) ?? []) m.set(x.item.code, itemNo.get(x.item.code)!);
    for (const a of model.scheme.adjustments)
      if (!a.tiers || a.tiers.includes(unit.tier)) m.set(a.code, itemNo.get(a.code)!);
    const codes = [...m.keys()];
    return {
      no: m,
      codes: codes.map((c) => (c.length <= MAX_CELL && c.trim() === c ? c : '')),
      nos: Int32Array.from(m.values()),
      at: new Map(codes.map((c, k) => [c, k])),
    };
  };

  // State carried from row to row: rows come grouped by period and unit.
  let lastPeriodRaw = '\u0000';
  let month: string | undefined;
  let monthOk = false;
  let monthKey = 0;
  let periodBid = 0;
  let lastUnitCell = '\u0000';
  let unit: (typeof model.units)[number] | undefined;
  let allowed: Allowed | undefined;
  /** Position in allowed.codes of the code expected next (the one after the previous row's). */
  let nextPos = 0;
  let unitKey = 0;
  let unitBid = 0;
  let cols: Partial<Record<Column, number>> | null = null;
  /** Highest index of a required column: rows must reach it. */
  let width = 0;
  let cPeriod = 0;
  let cUnit = 0;
  let cItem = 0;
  let cActual = 0;
  let cTarget = -1;
  let cNote = -1;
  let rowNo = 0;
  let dataRows = 0;
  let headerFailed = false;
  let ok = true;
  /** The row being read: a problem with its item's cells names the item (code and name), looked up only then. */
  // Its cells: an array (a record read the general way) or bounds in the text (the parser's fast path),
  // cut into strings only where a cell is read.
  let current: string[] = [];
  let cellText = '';
  let cellStarts: Int32Array | null = null;
  let cellEnds: Int32Array = new Int32Array(0);
  let cellCount = 0;
  const cellAt = (c: number): string =>
    cellStarts === null ? (current[c] ?? '') : c < cellCount ? cellText.slice(cellStarts[c]!, cellEnds[c]!) : '';
  /** Whether cell c is exactly `s` (without cutting it out of the text). */
  const cellIs = (c: number, s: string): boolean => {
    if (cellStarts === null) return (current[c] ?? '') === s;
    if (c >= cellCount) return s === '';
    const a = cellStarts[c]!;
    const n = s.length;
    if (cellEnds[c]! - a !== n) return false;
    // Character by character: short codes, and faster than startsWith on a text with Chinese in it.
    for (let k = 0; k < n; k++) if (cellText.charCodeAt(a + k) !== s.charCodeAt(k)) return false;
    return true;
  };
  const cellEmpty = (c: number): boolean =>
    cellStarts === null ? (current[c] ?? '') === '' : c >= cellCount || cellStarts[c] === cellEnds[c];
  const allCells = (): string[] =>
    cellStarts === null ? current : Array.from({ length: cellCount }, (_, c) => cellAt(c));
  const itemOf = (): string | undefined => {
    const cell = cellAt(cItem);
    if (cell.length > MAX_CELL) return undefined;
    const code = cell.trim();
    const name = model.itemByCode.get(code)?.item.name ?? model.adjustmentByCode.get(code)?.name;
    return name === undefined ? undefined : `${code} ${name}`;
  };
  const bad = (field: Column, found: string, expected: string) => {
    ok = false;
    // The item is named where the problem is about its cells (a wrong period or unit is not the item's).
    const item =
      field === 'actual' || field === 'target' || field === 'item' || field === 'note' ? itemOf() : undefined;
    problem({ file, row: rowNo, field: COLUMN_NAMES[field], found, expected, ...(item ? { item } : {}) });
  };
  const periodRange = `方案年度内的月份（${model.scheme.year}-01 至 ${model.scheme.year}-12${model.scheme.historyYears.length ? `，或往年 ${model.scheme.historyYears.join('、')}` : ''}）`;

  /** Header text per column, for messages about a cell's column. */
  let headerCells: string[] = [];
  // Cells a spreadsheet turned into dates, reported once for the whole column (row numbers grouped).
  const excelDates: { rows: number[]; found: string; meant: string } = { rows: [], found: '', meant: '' };
  // Codes that match a known code once full-width, zero-width or case differences are removed.
  // Built on the first unknown code only (a clean file never pays for them).
  let unitKeys: Map<string, string> | undefined;
  let itemKeys: Map<string, string> | undefined;
  const keysOf = (kind: 'unit' | 'item'): Map<string, string> => {
    if (kind === 'unit') {
      if (!unitKeys) {
        unitKeys = new Map();
        for (const u of model.units) {
          unitKeys.set(codeKey(u.id), u.id);
          unitKeys.set(codeKey(u.name), u.id);
        }
      }
      return unitKeys;
    }
    if (!itemKeys) {
      itemKeys = new Map();
      for (const code of itemNo.keys()) itemKeys.set(codeKey(code), code);
    }
    return itemKeys;
  };
  const didYouMean = (raw: string, kind: 'unit' | 'item'): string => {
    const hit = keysOf(kind).get(codeKey(raw));
    return hit !== undefined && hit !== raw ? `；是否应为 ${hit}？（所填内容${codeDifference(raw, hit)}）` : '';
  };
  const tooLong = (field: Column, cell: string, max: number): boolean => {
    if (cell.length <= max) return false;
    bad(
      field,
      `${cell.slice(0, 40)}…（共 ${cell.length} 个字符）`,
      `不超过 ${max} 个字符的${COLUMN_NAMES[field]}（单元格过长，未读取：检查是否误粘贴了整段文字或整列数据）`,
    );
    return true;
  };
  const numberExpected = (cell: string, fault: string | undefined, otherwise: string) =>
    fault === 'inner-space'
      ? '数字，中间不能有空格（“1 2”不是 12：请删除空格或确认是否漏填了分隔）'
      : notNumber(cell, otherwise);

  const readHeader = (r: string[]) => {
    const h = mapHeader(r);
    if (h.missing.length > 0 || h.twice.length > 0) {
      headerFailed = true;
      if (h.missing.length > 0)
        problem({
          file,
          row: rowNo,
          field: '表头',
          found: r.join(','),
          expected: `包含列：${h.missing.map((c) => `${COLUMN_NAMES[c]}（${c}）`).join('、')}。可用模板下载正确的表头`,
        });
      if (h.twice.length > 0)
        problem({
          file,
          row: rowNo,
          field: '表头',
          found: h.twice.join('；'),
          expected: '每种含义的列只出现一次（删除重复的列）',
        });
      return;
    }
    headerCells = r;
    width = Math.max(...REQUIRED.map((c) => h.cols[c]!));
    cols = h.cols;
    cPeriod = cols.period!;
    cUnit = cols.unit!;
    cItem = cols.item!;
    cActual = cols.actual!;
    cTarget = cols.target ?? -1;
    cNote = cols.note ?? -1;
  };

  const readRow = () => {
    if (headerFailed || cols === null) return;
    dataRows++;
    ok = true;
    const count = cellStarts === null ? current.length : cellCount;
    if (count <= width) {
      problem({
        file,
        row: rowNo,
        field: '列数',
        found: allCells().join(','),
        expected: `至少 ${width + 1} 列，与表头一致（本行缺少后面的列）`,
      });
      return;
    }
    if (options.invalidBytes) {
      const r = allCells();
      for (let c = 0; c < r.length; c++)
        if (r[c]!.includes('\ufffd')) {
          ok = false;
          problem({
            file,
            row: rowNo,
            field: headerCells[c] ?? `第 ${c + 1} 列`,
            found: r[c]!,
            expected:
              '本文件其余部分是 UTF-8 编码，这个单元格的字节却不是 UTF-8（多半是从 GBK/GB18030 编码的文件或旧版 Excel 复制来的，“�”处为无法识别的字节）：重新输入该单元格，或把整个文件另存为“CSV UTF-8（逗号分隔）”',
          });
        }
      if (!ok) return;
    }
    if (!cellIs(cPeriod, lastPeriodRaw)) {
      lastPeriodRaw = cellAt(cPeriod);
      const periodRaw = lastPeriodRaw;
      if (periodRaw.length > MAX_CELL) month = undefined;
      else {
        if (!monthCache.has(periodRaw)) monthCache.set(periodRaw, normalizeMonth(periodRaw));
        month = monthCache.get(periodRaw);
      }
      monthOk = month !== undefined && model.months.has(month);
      nextPos = 0;
      if (monthOk) {
        monthKey = monthNo.get(month!)!;
        periodBid = builder.periodId(month!);
        if (dense) {
          let t = firstRowByMonth[monthKey];
          if (!t) {
            t = new Int32Array(monthCells);
            firstRowByMonth[monthKey] = t;
          }
          firstRow = t;
        }
      }
    }
    const periodRaw = lastPeriodRaw;
    if (month === undefined) {
      if (!tooLong('period', periodRaw, MAX_CELL)) {
        const meant = excelDatePeriod(periodRaw);
        if (meant !== undefined) {
          ok = false;
          if (excelDates.rows.length === 0) {
            problemCount++;
            excelDates.found = periodRaw;
            excelDates.meant = meant;
          }
          excelDates.rows.push(rowNo);
        } else bad('period', periodRaw, '月份，格式如 2023-06');
      }
    } else if (!monthOk) bad('period', periodRaw, periodRange);
    if (!cellIs(cUnit, lastUnitCell)) {
      lastUnitCell = cellAt(cUnit);
      const unitCell = lastUnitCell;
      const raw = unitCell.length > MAX_CELL ? '' : fromCsvText(unitCell).trim();
      const id = model.unitById.has(raw) ? raw : unitByName.get(raw);
      unit = id !== undefined ? model.unitById.get(id) : undefined;
      allowed = undefined;
      nextPos = 0;
      if (unit) {
        allowed = allowedCache.get(unit.id);
        if (!allowed) {
          allowed = allowedOf(unit);
          allowedCache.set(unit.id, allowed);
        }
        unitKey = unitNo.get(unit.id)!;
        unitBid = builder.unitId(unit.id);
      }
    }
    const unitCell = lastUnitCell;
    if (!unit) {
      if (!tooLong('unit', unitCell, MAX_CELL))
        bad(
          'unit',
          unitCell.trim(),
          `已定义的单位代码（见指标清单页或模板）${didYouMean(fromCsvText(unitCell), 'unit')}`,
        );
    } else if (options.onlyUnit !== undefined && unit.id !== options.onlyUnit) {
      // Another unit's file: one problem per foreign unit (at its first row, with the count), not one per row.
      ok = false;
      const seenForeign = foreign.get(unit.id);
      if (seenForeign) seenForeign.count++;
      else {
        const p: Problem = {
          file,
          row: rowNo,
          field: COLUMN_NAMES.unit,
          found: unitCell.trim(),
          expected: `本单位代码 ${options.onlyUnit}（自查只接受本单位的数据）`,
        };
        foreign.set(unit.id, { problem: p, count: 1 });
        problem(p);
      }
    }
    // The code after the previous row's in the unit's own list, when the cell is exactly that; else one
    // lookup in that list (items and applicable adjustments); the slow path names the reason.
    let itemCell: string;
    let itemCode: string;
    let no: number | undefined;
    const guess = allowed !== undefined && nextPos < allowed.codes.length ? allowed.codes[nextPos]! : '';
    if (guess !== '' && cellIs(cItem, guess)) {
      itemCell = guess;
      itemCode = guess;
      no = allowed!.nos[nextPos]!;
      nextPos++;
    } else {
      itemCell = cellAt(cItem);
      itemCode = itemCell.length > MAX_CELL ? '' : itemCell.trim();
      no = allowed?.no.get(itemCode);
      if (no !== undefined) nextPos = allowed!.at.get(itemCode)! + 1;
    }
    const hit = no !== undefined ? itemHits[no] : model.itemByCode.get(itemCode);
    const adj = hit ? undefined : no !== undefined ? adjHits[no] : model.adjustmentByCode.get(itemCode);
    if (no === undefined) {
      if (!hit && !adj) {
        if (!tooLong('item', itemCell, MAX_CELL))
          bad(
            'item',
            itemCode,
            `模板中的事项代码（下载模板，事项代码照原样填写，不要改动）${didYouMean(itemCode, 'item')}`,
          );
      } else if (unit && hit) bad('item', itemCode, `${unit.name}考核清单中的事项（该事项不属于本单位）`);
      else if (unit && adj) bad('item', itemCode, `适用于${unit.tier}类别的加减分事项`);
      no = itemNo.get(itemCode);
    }

    // A short plain decimal that passes every check is read from the text as it stands (shortDecimalAt gives
    // Number()'s value); anything else, the general way below, which names every problem.
    let actual: number | string | null = null;
    const fastActual =
      cellStarts !== null && cActual < cellCount && hit?.item.standard.kind !== 'grade'
        ? shortDecimalAt(cellText, cellStarts[cActual]!, cellEnds[cActual]!)
        : NaN;
    const fastActualRange = hit ? actualRanges[no!] : undefined;
    if (
      !Number.isNaN(fastActual) &&
      !(adj && fastActual < 0) &&
      (fastActualRange === undefined || inRange(fastActual, fastActualRange))
    ) {
      actual = fastActual;
      if (hit?.item.plausible)
        warn(
          plausibleWarning(hit.item, fastActual, {
            file,
            row: rowNo,
            field: COLUMN_NAMES.actual,
            found: cellAt(cActual),
          }),
        );
    } else {
      const actualCell = cellAt(cActual);
      const actualRaw = actualCell.length > MAX_CELL ? '' : fromCsvText(actualCell);
      if (tooLong('actual', actualCell, MAX_CELL)) {
        /* reported */
      } else if (actualRaw !== '' && actualRaw.trim() !== '') {
        const st = hit?.item.standard;
        if (st?.kind === 'grade') {
          const letter = actualRaw.trim().toUpperCase();
          if (st.grades[letter] === undefined)
            bad('actual', actualRaw, `定性评价等次：${Object.keys(st.grades).join('、')}`);
          else actual = letter;
        } else {
          let v = plainNumber(actualRaw);
          const scanned = Number.isNaN(v) ? scanNumber(actualRaw) : PLAIN;
          v = scanned === PLAIN ? v : scanned.value;
          // 是/否 for done items, and for veto events (是 = one event).
          if (Number.isNaN(v) && (st?.kind === 'done' || adj?.kind === 'veto')) v = parseDoneWord(actualRaw) ?? NaN;
          const range = hit ? actualRanges[no!] : undefined;
          if (Number.isNaN(v))
            bad(
              'actual',
              actualRaw,
              numberExpected(
                actualRaw,
                scanned.fault,
                st?.kind === 'done' ? '1/0 或 是/否、完成/未完成' : '数字（可带千分位、百分号或全角数字）',
              ),
            );
          else if (adj && v < 0) bad('actual', actualRaw, '加减分分值或否决事件次数，不小于 0');
          else if (scanned.percent && (adj || (hit && hit.item.measure !== '%')))
            bad('actual', actualRaw, hit ? percentNotAllowed(hit.item) : '加减分分值或否决事件次数，不是百分数');
          else if (range && !inRange(v, range))
            bad('actual', actualRaw, `${rangeText(range, hit!.item.measure)}（${range.why}）`);
          else {
            actual = v;
            if (hit?.item.plausible)
              warn(
                plausibleWarning(hit.item, v, {
                  file,
                  row: rowNo,
                  field: COLUMN_NAMES.actual,
                  found: actualRaw.trim(),
                }),
              );
          }
        }
      }
    }
    let target: number | null = null;
    const fastTarget =
      cellStarts !== null && cTarget >= 0 && cTarget < cellCount
        ? shortDecimalAt(cellText, cellStarts[cTarget]!, cellEnds[cTarget]!)
        : NaN;
    const fastTargetRange = hit ? targetRanges[no!] : undefined;
    if (!Number.isNaN(fastTarget) && (fastTargetRange === undefined || inRange(fastTarget, fastTargetRange)))
      target = fastTarget;
    else {
      const targetCell = cTarget >= 0 && !cellEmpty(cTarget) ? cellAt(cTarget) : '';
      const targetRaw = targetCell.length > MAX_CELL ? '' : targetCell;
      if (tooLong('target', targetCell, MAX_CELL)) {
        /* reported */
      } else if (targetRaw !== '' && targetRaw.trim() !== '') {
        const plain = plainNumber(targetRaw);
        const scanned = Number.isNaN(plain) ? scanNumber(targetRaw) : PLAIN;
        const v = scanned === PLAIN ? plain : scanned.value;
        const range = hit ? targetRanges[no!] : undefined;
        if (Number.isNaN(v))
          bad('target', targetRaw, numberExpected(targetRaw, scanned.fault, '数字（可带千分位、百分号或全角数字）'));
        else if (scanned.percent && hit && hit.item.measure !== '%')
          bad('target', targetRaw, percentNotAllowed(hit.item));
        else if (range && !inRange(v, range))
          bad('target', targetRaw, `${rangeText(range, hit!.item.measure)}（${range.why}）`);
        else target = v;
      } else if (hit && actual !== null && needsTarget(hit.item)) {
        bad('target', '', `${hit.item.name}按完成率计分，需要年度目标值`);
      }
    }
    const noteCell = cNote >= 0 && !cellEmpty(cNote) ? cellAt(cNote) : '';
    if (tooLong('note', noteCell, MAX_NOTE)) return;
    if (!ok || !monthOk || !unit || no === undefined) return;
    const cell = unitKey * nItemNo + no;
    const key = monthKey * monthCells + cell;
    const first = dense ? firstRow[cell]! : (firstRowMap.get(key) ?? 0);
    if (first > 0) {
      bad('item', itemCode, `每个期间、单位、事项只有一行（与第 ${first} 行重复）`);
      return;
    }
    if (dense) firstRow[cell] = rowNo;
    else firstRowMap.set(key, rowNo);
    if (problemCount > 0) return;
    let bid = builderItem[no]!;
    if (bid < 0) {
      bid = builder.itemId(itemCode);
      builderItem[no] = bid;
    }
    const note = fromCsvText(noteCell);
    builder.pushIds(periodBid, unitBid, bid, actual, target, note === '' ? undefined : note.trim() || undefined);
    rowNumbers?.push(rowNo);
  };

  const syntax = (e: CsvSyntaxProblem) => {
    if (headerFailed) return;
    const col = (c: number) => headerCells[c] ?? `第 ${c + 1} 列`;
    if (e.kind === 'wide' || e.kind === 'narrow') {
      if (cols === null) return;
      dataRows++;
      if (e.kind === 'wide') {
        const extra = e.cells.slice(e.column);
        problem({
          file,
          row: e.row,
          field: '列数',
          found: e.cells.join(','),
          expected: `与表头相同的 ${e.column} 列，本行有 ${e.cells.length} 列，多出 ${extra.length} 列（${extra.map((x) => `“${x.length > 20 ? `${x.slice(0, 20)}…` : x}”`).join('、')}）：单元格里的逗号会把一格分成两格，数字不要写千分位逗号，或把整个单元格放在英文双引号中（"4,24"）`,
        });
      } else {
        const missing = headerCells.slice(e.cells.length).map((h) => h || '（无名列）');
        problem({
          file,
          row: e.row,
          field: '列数',
          found: e.cells.join(','),
          expected: `与表头相同的 ${e.column} 列，本行只有 ${e.cells.length} 列，缺少 ${missing.join('、')}（空白的单元格也要保留它的逗号）`,
        });
      }
      return;
    }
    if (e.kind === 'unclosed-quote')
      problem({
        file,
        row: e.row,
        field: col(e.column),
        found: e.cells[0],
        expected:
          '成对的英文双引号：这个单元格以引号开头，但到文件末尾都没有对应的结束引号，其后各行会被读成这一格的文字。补上结束引号，或删除开头的引号',
      });
    else
      problem({
        file,
        row: e.row,
        field: col(e.column),
        found: e.cells[0],
        expected: '结束引号后紧跟逗号或换行（引号内的文字中的引号要写成两个：""）',
      });
  };

  const rowNumbers = options.rowNumbers ? ([] as number[]) : undefined;
  const foreign = new Map<string, { problem: Problem; count: number }>();
  readCsv(text, {
    header: (h, row) => {
      rowNo = row;
      readHeader(h);
    },
    row: (r, row) => {
      rowNo = row;
      current = r;
      cellStarts = null;
      readRow();
    },
    // Records the parser hands over as bounds (no quotes, the header's width): cut only the cells read.
    fields: (t, starts, ends, row) => {
      rowNo = row;
      cellText = t;
      cellStarts = starts;
      cellEnds = ends;
      cellCount = starts.length;
      readRow();
    },
    problem: syntax,
    progress: options.onProgress,
  });

  if (excelDates.rows.length > 0) {
    const p: Problem = {
      file,
      row: excelDates.rows[0],
      field: COLUMN_NAMES.period,
      found: excelDates.found,
      expected: `月份文字，如 ${excelDates.meant.replace(/-0?/, '-')}：期间列被电子表格转换成了日期（${excelDates.meant} 被显示为“${excelDates.found}”），共 ${excelDates.rows.length} 行（${rowRanges(excelDates.rows)}）。在 Excel 中把该列设置为“文本”格式后重新输入 2023-07 这样的月份（或输入 '2023-07），再另存为 CSV`,
    };
    problems.splice(Math.min(problems.length, max - 1), 0, p);
    if (problems.length > max) problems.length = max;
  }
  for (const { problem: p, count } of foreign.values())
    if (count > 1) p.expected = `${p.expected}；该单位共 ${count} 行，请确认选择的本单位或文件是否正确`;
  if (cols === null && !headerFailed)
    problem({ file, expected: '带表头的 CSV：期间, 单位代码, 事项代码, 实际值, 目标值, 备注' });
  else if (cols !== null && dataRows === 0 && problemCount === 0) problem({ file, expected: '至少一行数据' });
  if (problemCount > 0) return { ok: false, problems, problemCount, rows: dataRows, encoding, warnings, warningCount };
  return {
    ok: true,
    data: builder.finish(),
    rows: dataRows,
    encoding,
    problems: [],
    problemCount: 0,
    warnings,
    warningCount,
    ...(rowNumbers ? { rowNumbers } : {}),
  };
}
