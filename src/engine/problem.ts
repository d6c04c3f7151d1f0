/** A problem in user data or content, returned as data and shown together with the others. */
export interface Problem {
  /** File the problem is in, relative to the project (or the uploaded file's name). */
  file: string;
  /** 1-based row (CSV, counting the header as row 1) or line (YAML); absent for whole-file problems. */
  row?: number | undefined;
  /** Column or field path, e.g. `weight` or `items[3].standard.cap`. */
  field?: string | undefined;
  /** The value found, quoted as written. */
  found?: string | undefined;
  /** What is expected, in Chinese, with the fix where one is known. */
  expected: string;
  /**
   * `warning`: worth a second look (a value outside the item's plausible range), listed beside the
   * result; the file is accepted. Absent: a problem, and the file is rejected whole.
   */
  severity?: 'warning' | undefined;
  /** Data rows: the row's item, code and name (`CO-GDP 地区生产总值`), when its code is a defined one. */
  item?: string | undefined;
  /** The same problem on several rows (`groupProblems`): every row, ascending; `row` is the first. */
  rows?: number[] | undefined;
}

/**
 * Identical problems (same file, field, value found, expectation and severity) on several rows as one,
 * carrying every row (`rows`), in the order each first occurs: a column a spreadsheet spoiled on 300 rows is
 * one line, 第 2–301 行, not 300. The item stays named when every row is of the same one. Problems without a
 * row are never merged.
 */
export function groupProblems(problems: readonly Problem[]): Problem[] {
  const out: Problem[] = [];
  const byKey = new Map<string, Problem>();
  for (const p of problems) {
    if (p.row === undefined) {
      out.push(p);
      continue;
    }
    const key = JSON.stringify([p.file, p.field, p.found, p.expected, p.severity]);
    const hit = byKey.get(key);
    if (hit) {
      hit.rows!.push(...(p.rows ?? [p.row]));
      if (hit.item !== p.item) hit.item = undefined; // rows of several items: none named
      continue;
    }
    const first: Problem = { ...p, rows: [...(p.rows ?? [p.row])] };
    byKey.set(key, first);
    out.push(first);
  }
  for (const p of out)
    if (p.rows) {
      p.rows.sort((a, b) => a - b);
      p.row = p.rows[0];
      if (p.rows.length === 1) delete p.rows;
    }
  return out;
}

/** Row numbers as ranges: 2–33、40、45–47 (at most 10 ranges, then …). */
export function rowList(rows: readonly number[]): string {
  return ranges(rows, (a, b) => (b === undefined ? `${a}` : `${a}–${b}`));
}

/** Row numbers as ranges in words: 第 2–33 行、第 40 行 (at most 10 ranges, then …). */
export function rowRanges(rows: readonly number[]): string {
  return ranges(rows, (a, b) => (b === undefined ? `第 ${a} 行` : `第 ${a}–${b} 行`));
}

function ranges(rows: readonly number[], show: (a: number, b?: number) => string): string {
  const out: string[] = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    out.push(j > i ? show(rows[i]!, rows[j]!) : show(rows[i]!));
    i = j + 1;
    if (out.length === 10 && i < rows.length) {
      out.push('…');
      break;
    }
  }
  return out.join('、');
}

/** One line per problem: `file:row: field — 发现 …，应为 …`; grouped rows as `file: 第 2–33 行（32 行）: …`. */
export function formatProblem(p: Problem): string {
  const where =
    p.rows && p.rows.length > 1
      ? `${p.file}: ${rowRanges(p.rows)}（${p.rows.length} 行）`
      : p.row !== undefined
        ? `${p.file}:${p.row}`
        : p.file;
  const field = p.field ? ` ${p.item ? `${p.field}（事项 ${p.item}）` : p.field}` : '';
  const found = p.found !== undefined ? `发现 ${quote(p.found)}，` : '';
  return `${where}:${field} — ${p.severity === 'warning' ? '提醒：' : ''}${found}应为 ${p.expected}`;
}

function quote(s: string): string {
  const short = s.length > 60 ? `${s.slice(0, 57)}…` : s;
  return `“${short}”`;
}

/** Display a found value for a message: strings as written, other values as JSON. */
export function showValue(v: unknown): string {
  if (v === undefined) return '（空）';
  if (typeof v === 'string') return v === '' ? '（空）' : v;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Thrown only by content loaders to stop a build; carries every problem. */
export class ContentError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(`内容校验失败，共 ${problems.length} 个问题：\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ContentError';
    this.problems = problems;
  }
}
