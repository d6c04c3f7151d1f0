/** Display formatting only (numbers are computed by the engine in the worker). */
import { PACE_LABELS } from '../../engine/pace.ts';
import type { PaceStatus } from '../../engine/schemas/common.ts';

export const fixed = (x: number | null | undefined, d: number) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d);
export { percent } from '../../engine/format.ts';
export const paceLabel = (p: PaceStatus) => PACE_LABELS[p];
export const value = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));
/** A rank range as the site prints it: 4（稳定） or 3–5. */
export { rankRangeText as range } from '../../engine/format.ts';
export const bytes = (n: number) =>
  n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(0)} KB` : `${n} B`;
export const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};
export const PHASES: Record<string, string> = {
  read: '读取文件',
  parse: '解码、解析与校验',
  save: '保存到本机',
  score: '计分',
};
