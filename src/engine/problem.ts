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
}

/** One line per problem: `file:row: field — 发现 …，应为 …`. */
export function formatProblem(p: Problem): string {
  const where = p.row !== undefined ? `${p.file}:${p.row}` : p.file;
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
