/** Small browser helpers for the self-check: save text as a file, problems as CSV. */
import type { Problem } from '../engine/problem.ts';

/** Offer text as a download (UTF-8; CSV text from the engine already starts with a BOM for Excel). */
export function saveText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const cell = (v: unknown): string => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Every problem as a CSV row (文件, 行, 字段, 发现, 应为), with a BOM so Excel reads the Chinese. */
export function problemsCsv(problems: readonly Problem[]): string {
  const rows = [['文件', '行', '字段', '发现', '应为'], ...problems.map((p) => [p.file, p.row ?? '', p.field ?? '', p.found ?? '', p.expected])];
  return `\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
