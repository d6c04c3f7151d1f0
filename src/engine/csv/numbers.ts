const FULL_WIDTH = /[\uff10-\uff19\uff0e\uff0c\uff0d\uff05\uff0b\u3000]/g;

/** Full-width digits and signs (０-９．，－％＋ and the ideographic space) to ASCII. */
export function toHalfWidth(s: string): string {
  return s.replace(FULL_WIDTH, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Read a number as people write it in Excel: thousands separators (1,234.5), full-width digits
 * (１２３), a trailing percent sign (85% → 85, in percentage points, like the item's unit %).
 * Returns NaN when the text is not a number; callers treat empty text separately.
 */
export function parseNumber(raw: string): number {
  // Fast path for plain numbers (nearly every cell): digits, sign or point first, and not hex.
  const c0 = raw.charCodeAt(0);
  const c1 = raw.charCodeAt(1) | 32;
  if (((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 46) && c1 !== 120 && c1 !== 98 && c1 !== 111) { // not 0x, 0b, 0o
    const v = Number(raw);
    if (Number.isFinite(v)) return v;
  }
  let s = raw.trim();
  if (s === '') return NaN;
  s = toHalfWidth(s).replace(/\s+/g, '');
  if (s.endsWith('%')) s = s.slice(0, -1);
  if (THOUSANDS.test(s)) s = s.replace(/,/g, '');
  const v = PLAIN.test(s) ? Number(s) : NaN;
  return Number.isFinite(v) ? v : NaN;
}

/** Normalise a period as written (2023-06, 2023/6, 2023年6月, 202306) to YYYY-MM; undefined when unreadable. */
export function normalizeMonth(raw: string): string | undefined {
  const s = toHalfWidth(raw).trim();
  // 2023-06, 2023/6, 2023.06, 2023年6月, with an optional day (2023-06-30, 2023年06月30日), or 202306.
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:\s*[-/.]?\s*(\d{1,2})\s*日?)?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (!m) return undefined;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (m[3] !== undefined && (Number(m[3]) < 1 || Number(m[3]) > 31)) return undefined;
  return `${m[1]}-${String(month).padStart(2, '0')}`;
}

const DONE_WORDS: Record<string, number> = { 是: 1, 完成: 1, 已完成: 1, yes: 1, done: 1, 否: 0, 未完成: 0, no: 0 };
export function parseDoneWord(raw: string): number | undefined {
  return DONE_WORDS[raw.trim().toLowerCase()];
}
