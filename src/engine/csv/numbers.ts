/**
 * Cell scanners: each reads its cell in one left-to-right pass (no backtracking regular expression on
 * text of unbounded length), so a 32,767-character cell costs about as much as reading it once.
 * `npm run bench:cells` prints the slowest single-cell parse of each kind.
 */

/** Longest cell read as a period, code, number or grade (longer cells are a problem, not parsed). */
export const MAX_CELL = 200;
/** Longest note. */
export const MAX_NOTE = 2000;

/** Full-width digits and signs (０-９．，－％＋ and the ideographic space) to ASCII. */
export function toHalfWidth(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (
      (c >= 0xff10 && c <= 0xff19) ||
      c === 0xff0e ||
      c === 0xff0c ||
      c === 0xff0d ||
      c === 0xff05 ||
      c === 0xff0b ||
      c === 0x3000
    ) {
      out += s.slice(from, i) + (c === 0x3000 ? ' ' : String.fromCharCode(c - 0xfee0));
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) =>
  c === 32 ||
  c === 9 ||
  c === 0x3000 ||
  c === 0xa0 ||
  c === 10 ||
  c === 13 ||
  c === 0xfeff ||
  c === 0x2007 ||
  c === 0x202f;

/** Why a cell is not a number, when the reason is more useful than "not a number". */
export type NumberFault = 'inner-space';

/**
 * Read a number as people write it in Excel: thousands separators (1,234.5), full-width digits
 * (１２３), a trailing percent sign (85% → 85, in percentage points, like the item's unit %), an
 * exponent (1e5). Spaces around the number are ignored; a space inside (`1 2`) makes it not a number.
 * Returns NaN when the text is not a number; callers treat empty text separately.
 */
export function parseNumber(raw: string): number {
  return scanNumber(raw).value;
}

/**
 * A plain number (nearly every cell: digits, sign or point first, not hex, finite), else NaN: then
 * `scanNumber` decides. The importer's hot path calls this first, without allocating a result.
 */
export function plainNumber(raw: string): number {
  const c0 = raw.charCodeAt(0);
  const c1 = raw.charCodeAt(1) | 32;
  if (((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 46) && c1 !== 120 && c1 !== 98 && c1 !== 111 && raw.length <= 40) {
    // not 0x, 0b, 0o
    const v = Number(raw);
    if (Number.isFinite(v)) return v;
  }
  return NaN;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The number text[a, b) spells when it is a short decimal (`-?\d+(\.\d+)?`, at most 15 digits), read
 * without cutting it out of the text; NaN for anything else (then the cell is read as a string). Equal
 * to Number() of the same text: the digits form an integer below 2^53, exact in a double, and one
 * division by an exact power of ten is rounded once, correctly (IEEE 754), as Number() rounds.
 */
export function shortDecimalAt(text: string, a: number, b: number): number {
  let i = a;
  const neg = text.charCodeAt(i) === 45;
  if (neg) i++;
  let m = 0;
  let digits = 0;
  let c = 0;
  for (; i < b; i++) {
    c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    m = m * 10 + c;
    digits++;
  }
  if (digits === 0) return NaN;
  let frac = 0;
  if (i < b) {
    if (c !== 46 - 48) return NaN;
    i++;
    for (; i < b; i++) {
      c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return NaN;
      m = m * 10 + c;
      frac++;
    }
    if (frac === 0) return NaN;
  }
  if (digits + frac > 15) return NaN;
  const v = frac === 0 ? m : m / POW10[frac]!;
  return neg ? -v : v;
}

export function scanNumber(raw: string): { value: number; fault?: NumberFault; percent?: true } {
  // Fast path for plain numbers (nearly every cell).
  const plain = plainNumber(raw);
  if (!Number.isNaN(plain)) return { value: plain };
  const s = toHalfWidth(raw);
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  if (a === b) return { value: NaN };
  let i = a;
  let clean = '';
  if (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) {
    if (s.charCodeAt(i) === 45) clean = '-';
    i++;
  }
  // Integer part, with thousands groups: 1-3 digits, then groups of exactly three after each comma.
  const intStart = i;
  while (i < b && isDigit(s.charCodeAt(i))) i++;
  let intDigits = i - intStart;
  clean += s.slice(intStart, i);
  if (i < b && s.charCodeAt(i) === 44) {
    if (intDigits < 1 || intDigits > 3) return { value: NaN };
    while (i < b && s.charCodeAt(i) === 44) {
      const g = i + 1;
      let j = g;
      while (j < b && isDigit(s.charCodeAt(j))) j++;
      if (j - g !== 3) return { value: NaN };
      clean += s.slice(g, j);
      intDigits += 3;
      i = j;
    }
  }
  let fracDigits = 0;
  if (i < b && s.charCodeAt(i) === 46) {
    i++;
    const f = i;
    while (i < b && isDigit(s.charCodeAt(i))) i++;
    fracDigits = i - f;
    clean += `.${s.slice(f, i)}`;
  }
  if (intDigits + fracDigits === 0) return { value: NaN };
  if (i < b && (s.charCodeAt(i) | 32) === 101) {
    let j = i + 1;
    let e = 'e';
    if (j < b && (s.charCodeAt(j) === 43 || s.charCodeAt(j) === 45)) {
      e += s[j];
      j++;
    }
    const d = j;
    while (j < b && isDigit(s.charCodeAt(j))) j++;
    if (j === d) return { value: NaN };
    clean += e + s.slice(d, j);
    i = j;
  }
  let percent = false;
  if (i < b && s.charCodeAt(i) === 37) {
    i++;
    percent = true;
  } // 85%
  if (i !== b) {
    // Something else follows: a space inside the number is worth naming (1 2 is not 12).
    for (let k = a; k < b; k++) if (isSpace(s.charCodeAt(k))) return { value: NaN, fault: 'inner-space' };
    return { value: NaN };
  }
  const v = Number(clean);
  if (!Number.isFinite(v)) return { value: NaN };
  return percent ? { value: v, percent: true } : { value: v };
}

/** Read up to `max` digits at i: [value, next index] (value −1 when none). */
function digits(s: string, i: number, end: number, max: number): [number, number] {
  let v = 0;
  let k = i;
  while (k < end && k - i < max && isDigit(s.charCodeAt(k))) {
    v = v * 10 + s.charCodeAt(k) - 48;
    k++;
  }
  return [k === i ? -1 : v, k];
}
function spaces(s: string, i: number, end: number): number {
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/**
 * Normalise a period as written (2023-06, 2023/6, 2023.06, 2023年6月, with an optional day as in
 * 2023-06-30 or 2023年06月30日, or 202306) to YYYY-MM; undefined when unreadable.
 */
export function normalizeMonth(raw: string): string | undefined {
  const s = toHalfWidth(raw);
  let i = spaces(s, 0, s.length);
  let end = s.length;
  while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
  const [year, y1] = digits(s, i, end, 7);
  if (year < 0) return undefined;
  let month: number;
  if (y1 - i === 6 && y1 === end) {
    // 202306
    month = Number(s.slice(i + 4, i + 6));
    return month >= 1 && month <= 12 ? `${s.slice(i, i + 4)}-${s.slice(i + 4, i + 6)}` : undefined;
  }
  if (y1 - i !== 4) return undefined;
  const yy = s.slice(i, y1);
  i = spaces(s, y1, end);
  const sep = s[i];
  if (sep !== '-' && sep !== '/' && sep !== '.' && sep !== '年') return undefined;
  i = spaces(s, i + 1, end);
  const [m, m1] = digits(s, i, end, 3);
  if (m < 0 || m1 - i > 2) return undefined;
  month = m;
  i = spaces(s, m1, end);
  if (s[i] === '月') i = spaces(s, i + 1, end);
  if (i < end) {
    if (s[i] === '-' || s[i] === '/' || s[i] === '.') i = spaces(s, i + 1, end);
    const [d, d1] = digits(s, i, end, 3);
    if (d < 0 || d1 - i > 2) return undefined;
    if (d < 1 || d > 31) return undefined;
    i = spaces(s, d1, end);
    if (s[i] === '日') i = spaces(s, i + 1, end);
    if (i !== end) return undefined;
  }
  if (month < 1 || month > 12) return undefined;
  return `${yy}-${String(month).padStart(2, '0')}`;
}

const MONTHS_EN = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A period cell that a spreadsheet turned into a date (Excel's `Jul-23`, `7月-23`, `23-Jul`, or its
 * serial number such as `45108`): the month it most likely meant, for the message. Undefined otherwise.
 */
export function excelDatePeriod(raw: string): string | undefined {
  const s = toHalfWidth(raw).trim().toLowerCase();
  if (s.length > 20) return undefined;
  // Serial day number: 1 = 1900-01-01 (Excel's 1900 leap-year bug: serials from 61 on are one day late).
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const serial = Math.floor(Number(s));
    if (serial < 36526 || serial > 73050) return undefined; // 2000 … 2099
    const d = new Date(Date.UTC(1899, 11, 30) + serial * 86400000);
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  let mon = -1;
  let yr = '';
  let m = /^([a-z]{3})[a-z]*[-/ ](\d{2}|\d{4})$/.exec(s);
  if (m) {
    mon = MONTHS_EN.indexOf(m[1]!.slice(0, 3));
    yr = m[2]!;
  }
  m = /^(\d{2})[-/ ]([a-z]{3})[a-z]*$/.exec(s);
  if (m) {
    mon = MONTHS_EN.indexOf(m[2]!.slice(0, 3));
    yr = m[1]!;
  }
  if (yr !== '') {
    if (mon < 0) return undefined;
    const y = yr.length === 2 ? 2000 + Number(yr) : Number(yr);
    return `${y}-${String(mon + 1).padStart(2, '0')}`;
  }
  m = /^(\d{1,2})月[-/ ]?(\d{2})$/.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `${2000 + Number(m[2])}-${m[1]!.padStart(2, '0')}`;
  return undefined;
}

const DONE_WORDS: Record<string, number> = { 是: 1, 完成: 1, 已完成: 1, yes: 1, done: 1, 否: 0, 未完成: 0, no: 0 };
export function parseDoneWord(raw: string): number | undefined {
  return DONE_WORDS[raw.trim().toLowerCase()];
}

const ZERO_WIDTH = /[\u200b-\u200f\u2060\ufeff\u00ad]/g;

/**
 * A code as someone may have meant it: full-width forms to ASCII (ＣＯ－ＩＮＤ－03 → CO-IND-03, by NFKC),
 * zero-width characters removed, upper case. Cells are at most MAX_CELL long, so this is cheap.
 */
export function codeKey(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .trim()
    .toUpperCase();
}

/** What differs between a code as written and the code it probably means, in Chinese. */
export function codeDifference(raw: string, code: string): string {
  const why: string[] = [];
  if (/[\u200b-\u200f\u2060\ufeff\u00ad]/.test(raw)) why.push('含有看不见的零宽字符');
  if (raw.normalize('NFKC') !== raw) why.push('含有全角字符');
  if (raw.trim().toUpperCase() === code.toUpperCase() && raw.trim() !== code) why.push('大小写不同');
  return why.length > 0 ? why.join('、') : '写法略有不同';
}
