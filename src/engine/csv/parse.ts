/**
 * The one CSV reader of kaohe (RFC 4180, read strictly, in one pass, in time linear in the text):
 * the CLI, the build, the self-check worker and the parallel import path all read CSV through it.
 *
 * - A record ends at CRLF, at a bare LF and at a bare CR, wherever they are mixed: a stray line end
 *   never joins two rows into one (which would silently drop the second).
 * - A cell that begins with `"` is quoted: `""` inside is one quote; line ends inside are text; after the
 *   closing quote only the separator or a line end may follow. A quote that is never closed is a problem
 *   at the row where it was opened (the rest of the file would otherwise become one cell).
 * - A quote inside an unquoted cell (`5"`) is kept as text, as Excel and LibreOffice read it.
 * - The first non-blank record is the header; every later record must have exactly as many cells as
 *   the header, otherwise it is a problem naming the row and the extra or missing cells (an unquoted
 *   `4,24` in a number column must not shift the target into the note).
 * - Records whose cells are all empty or blank are skipped (their row numbers still count).
 * - Excel's first line `sep=;` sets the separator (Excel hides that line, so rows are still counted from
 *   the header as row 1). Without it the header decides: a comma if it has one, else a tab, semicolon
 *   or vertical bar, whichever it has.
 *
 * Row numbers are records as a spreadsheet shows them (header = row 1; a cell with line breaks inside
 * is one row).
 */

export type CsvProblemKind = 'unclosed-quote' | 'after-quote' | 'wide' | 'narrow';

export interface CsvSyntaxProblem {
  kind: CsvProblemKind;
  row: number;
  /** 0-based column where the problem is (unclosed/after-quote), or the header width (wide/narrow). */
  column: number;
  /** The row's cells as read (wide/narrow), or the start of the offending cell. */
  cells: string[];
}

export interface CsvSink {
  /** The header record (first non-blank record). */
  header?(cells: string[], row: number): void;
  /** Every later record that is not blank and has the header's width. */
  row(cells: string[], row: number): void;
  /**
   * When given, a record without quotes that has the header's width and is plainly not blank comes here
   * instead of to `row`, as cell bounds in `text` (cell c is text.slice(starts[c], ends[c])): the reader
   * does not cut it into strings, so the sink cuts only the cells it reads. The arrays are reused.
   */
  fields?(text: string, starts: Int32Array, ends: Int32Array, row: number): void;
  problem(p: CsvSyntaxProblem): void;
  /** Called now and then with the fraction of the text read. */
  progress?: ((fraction: number) => void) | undefined;
}

export interface CsvSummary {
  separator: string;
  /** Whether a `sep=` first line was read. */
  sepLine: boolean;
  /** Records read, counting blank ones and the header (the last row number). */
  records: number;
  width: number;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** The separator from a `sep=` first line, if the text begins with one: [separator, index after the line]. */
function sepLine(text: string, from: number): [string, number] | undefined {
  if (text.length < from + 5) return undefined;
  if (text.slice(from, from + 4).toLowerCase() !== 'sep=') return undefined;
  const sep = text[from + 4]!;
  if (sep === '\r' || sep === '\n' || sep === '"') return undefined;
  let i = from + 5;
  if (i < text.length && text.charCodeAt(i) !== CR && text.charCodeAt(i) !== LF) return undefined;
  if (text.charCodeAt(i) === CR) i++;
  if (text.charCodeAt(i) === LF) i++;
  return [sep, i];
}

/** The separator the header line uses: comma if present, else tab, semicolon or vertical bar. */
function guessSeparator(text: string, from: number): string {
  let end = from;
  let inQuote = false;
  let comma = 0;
  let tab = 0;
  let semi = 0;
  let bar = 0;
  // Only the header line is looked at (up to 64 KB, which no header reaches).
  const limit = Math.min(text.length, from + 65536);
  for (; end < limit; end++) {
    const c = text.charCodeAt(end);
    if (c === QUOTE) inQuote = !inQuote;
    else if (inQuote) continue;
    else if (c === CR || c === LF) {
      if (comma + tab + semi + bar > 0) break;
    } else if (c === 44) comma++;
    else if (c === 9) tab++;
    else if (c === 59) semi++;
    else if (c === 124) bar++;
  }
  if (comma > 0) return ',';
  if (tab > 0) return '\t';
  if (semi > 0) return ';';
  if (bar > 0) return '|';
  return ',';
}

/** A character that makes a record not blank: ASCII 0x21–0x7E, or CJK and beyond (not a space of any kind). */
const visible = (c: number) => (c > 32 && c < 127) || (c >= 0x3400 && c !== 0x3000 && c !== 0xfeff);

const isBlank = (cells: string[]) => {
  for (const c of cells) if (c !== '' && c.trim() !== '') return false;
  return true;
};

/**
 * Read `text` (already decoded, without a byte-order mark) record by record into `sink`. Never throws
 * on any input; every character is looked at a bounded number of times.
 */
export function readCsv(text: string, sink: CsvSink): CsvSummary {
  const n = text.length;
  let i = 0;
  let sep = ',';
  let hasSepLine = false;
  // Blank lines before a sep= line are not expected; a sep= line is only the very first line.
  const sl = sepLine(text, 0);
  if (sl) {
    sep = sl[0];
    i = sl[1];
    hasSepLine = true;
  } else sep = guessSeparator(text, 0);
  const sepCode = sep.charCodeAt(0);

  let row = 0;
  let width = -1;
  // Next positions of a quote, a CR and an LF at or after i (n when none): each indexOf moves forward only.
  let nq = -1;
  let ncr = -1;
  let nlf = -1;
  const next = (ch: string, at: number) => {
    const k = text.indexOf(ch, at);
    return k < 0 ? n : k;
  };
  const fields = sink.fields?.bind(sink);
  let starts = new Int32Array(0);
  let ends = new Int32Array(0);
  const progressEvery = 1 << 20;
  let nextProgress = progressEvery;

  const emit = (cells: string[]) => {
    row++;
    if (isBlank(cells)) return;
    if (width < 0) {
      width = cells.length;
      starts = new Int32Array(width);
      ends = new Int32Array(width);
      sink.header?.(cells, row);
      return;
    }
    if (cells.length !== width) {
      sink.problem({ kind: cells.length > width ? 'wide' : 'narrow', row, column: width, cells });
      return;
    }
    sink.row(cells, row);
  };

  while (i < n) {
    if (nq < i) nq = next('"', i);
    if (ncr < i) ncr = next('\r', i);
    if (nlf < i) nlf = next('\n', i);
    const end = ncr < nlf ? ncr : nlf;
    if (nq >= end) {
      // Fast path: a line without quotes. With a `fields` sink, a line of the header's width that starts
      // with a visible character is handed over as bounds (blank or wrong-width lines take the general way).
      if (fields && width > 0 && visible(text.charCodeAt(i)) && text.charCodeAt(i) !== sepCode) {
        // Cells end at separators up to the line end: read character by character (cells are short, and
        // a loop over the line beats an indexOf call per cell).
        let count = 0;
        let s = i;
        for (let j = i; j < end; j++) {
          if (text.charCodeAt(j) !== sepCode) continue;
          if (count >= width) {
            // More separators than the header has: the general way reports the row.
            count = width + 1;
            break;
          }
          starts[count] = s;
          ends[count] = j;
          count++;
          s = j + 1;
        }
        if (count < width) {
          starts[count] = s;
          ends[count] = end;
          count++;
        } else count = width + 1;
        if (count === width) {
          row++;
          fields(text, starts, ends, row);
        } else emit(text.slice(i, end).split(sep));
      } else emit(text.slice(i, end).split(sep));
      i = end + (end < n && text.charCodeAt(end) === CR && end + 1 < n && text.charCodeAt(end + 1) === LF ? 2 : 1);
      if (i >= nextProgress) {
        sink.progress?.(i / n);
        nextProgress = i + progressEvery;
      }
      continue;
    }
    // Slow path: a record with a quote somewhere; read it character by character.
    const cells: string[] = [];
    let atEnd = false;
    while (!atEnd) {
      if (text.charCodeAt(i) === QUOTE) {
        const open = i;
        const startRow = row + 1;
        let val = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            // Never closed: the rest of the file would be one cell. Report where it was opened and stop.
            sink.problem({
              kind: 'unclosed-quote',
              row: startRow,
              column: cells.length,
              cells: [text.slice(open, Math.min(n, open + 60))],
            });
            return { separator: sep, sepLine: hasSepLine, records: row + 1, width: Math.max(width, 0) };
          }
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            val += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          val += text.slice(from, q);
          i = q + 1;
          break;
        }
        // After the closing quote: the separator, a line end or the end of the text.
        if (i < n) {
          const c = text.charCodeAt(i);
          if (c !== sepCode && c !== CR && c !== LF) {
            sink.problem({
              kind: 'after-quote',
              row: startRow,
              column: cells.length,
              cells: [text.slice(open, Math.min(n, i + 20))],
            });
            // Read on to the end of the cell as text, so the row is reported once and the next rows stay rows.
            let j = i;
            while (j < n) {
              const d = text.charCodeAt(j);
              if (d === sepCode || d === CR || d === LF) break;
              j++;
            }
            val += text.slice(i, j);
            i = j;
            cells.push(val);
            // The record is reported; skip it (not emitted) but keep counting rows.
            while (i < n && text.charCodeAt(i) !== CR && text.charCodeAt(i) !== LF) i++;
            i += i < n && text.charCodeAt(i) === CR && i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1;
            row++;
            if (width < 0) width = cells.length;
            atEnd = true;
            cells.length = 0;
            break;
          }
        }
        cells.push(val);
      } else {
        let j = i;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === sepCode || d === CR || d === LF) break;
          j++;
        }
        cells.push(text.slice(i, j));
        i = j;
      }
      if (i >= n) {
        atEnd = true;
        emit(cells);
        break;
      }
      const c = text.charCodeAt(i);
      if (c === sepCode) {
        i++;
        if (i >= n) {
          cells.push('');
          atEnd = true;
          emit(cells);
        }
        continue;
      }
      // A line end.
      i += c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1;
      atEnd = true;
      emit(cells);
    }
    if (i >= nextProgress) {
      sink.progress?.(i / n);
      nextProgress = i + progressEvery;
    }
  }
  sink.progress?.(1);
  return { separator: sep, sepLine: hasSepLine, records: row, width: Math.max(width, 0) };
}

/** Every record of a small CSV at once (content tables): header, rows with their row numbers, problems. */
export function readCsvTable(text: string): {
  header: string[] | undefined;
  rows: { cells: string[]; row: number }[];
  problems: CsvSyntaxProblem[];
} {
  let header: string[] | undefined;
  const rows: { cells: string[]; row: number }[] = [];
  const problems: CsvSyntaxProblem[] = [];
  readCsv(text, {
    header: (h) => {
      header = h;
    },
    row: (cells, row) => rows.push({ cells, row }),
    problem: (p) => problems.push(p),
  });
  return { header, rows, problems };
}
