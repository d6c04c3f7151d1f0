/**
 * Parallel import of a large CSV: the bytes are cut at record boundaries into parts, each part (with
 * the header line in front) is imported by the engine's own importer on its own thread, and the
 * columns are joined. Any doubt (a problem in any part, encodings that disagree, a duplicate row
 * across parts, a header the cut cannot repeat) returns null, and the caller imports the whole file
 * on one thread: problems are therefore always reported exactly as the engine reports them.
 */
import type { DataColumns } from '../engine/data.ts';
import type { ImportResult } from '../engine/csv/import.ts';

export interface PartOk {
  ok: true;
  data: DataColumns;
  rows: number;
  encoding: string;
}
export type PartResult = PartOk | { ok: false };

/** Imports one part somewhere (a helper worker, or this thread). */
export type PartImporter = (bytes: Uint8Array, onProgress: (f: number) => void) => Promise<PartResult>;

const LF = 0x0a;
const QUOTE = 0x22;

/** Files smaller than this are imported on one thread (splitting would not pay). */
export const PARALLEL_MIN_BYTES = 4 << 20;

/** End of the header record: index just past its line break, or -1 when it cannot be repeated safely. */
function headerEnd(bytes: Uint8Array, start: number): number {
  let i = start;
  // Excel's `sep=;` first line goes in front of every part with the header (see csv/parse.ts).
  const sep =
    (bytes[i]! | 32) === 0x73 &&
    (bytes[i + 1]! | 32) === 0x65 &&
    (bytes[i + 2]! | 32) === 0x70 &&
    bytes[i + 3] === 0x3d;
  if (sep) {
    const e = bytes.indexOf(LF, i);
    if (e < 0) return -1;
    i = e + 1;
  }
  // Blank lines before the header are skipped by the importer; keep it simple and require none.
  const lf = bytes.indexOf(LF, i);
  if (lf < 0) return -1;
  for (; i < lf; i++) if (bytes[i] === QUOTE) return -1;
  return lf + 1;
}

/**
 * Cut points at line breaks outside quoted fields, near equal shares of the body. Quotes are counted
 * byte-wise: 0x22 and 0x0A never occur inside a multi-byte UTF-8 or GB18030 character.
 */
export function cutPoints(bytes: Uint8Array, from: number, parts: number): number[] {
  const cuts: number[] = [];
  let pos = from;
  let quotes = 0;
  for (let k = 1; k < parts; k++) {
    const target = from + Math.floor(((bytes.length - from) * k) / parts);
    if (target <= pos) continue;
    // Count quotes up to the target, then walk to the next line break with an even count.
    let q = bytes.indexOf(QUOTE, pos);
    while (q >= 0 && q < target) {
      quotes++;
      q = bytes.indexOf(QUOTE, q + 1);
    }
    pos = target;
    for (;;) {
      const lf = bytes.indexOf(LF, pos);
      if (lf < 0) return cuts;
      let qq = bytes.indexOf(QUOTE, pos);
      while (qq >= 0 && qq < lf) {
        quotes++;
        qq = bytes.indexOf(QUOTE, qq + 1);
      }
      pos = lf + 1;
      if (quotes % 2 === 0) break;
    }
    if (pos >= bytes.length) break;
    cuts.push(pos);
  }
  return cuts;
}

const family = (e: string) => (e === 'utf-8-bom' ? 'utf-8' : e);

/** Columns of several parts, in order, with dictionaries remapped (first appearance order is kept). */
export function joinColumns(parts: readonly DataColumns[]): DataColumns {
  const total = parts.reduce((s, p) => s + p.length, 0);
  const dict = { periods: [] as string[], units: [] as string[], items: [] as string[] };
  const ix = { periods: new Map<string, number>(), units: new Map<string, number>(), items: new Map<string, number>() };
  const out: DataColumns = {
    periods: dict.periods,
    units: dict.units,
    items: dict.items,
    period: new Int32Array(total),
    unit: new Int32Array(total),
    item: new Int32Array(total),
    actual: new Float64Array(total),
    target: new Float64Array(total),
    text: new Map(),
    note: new Map(),
    length: total,
  };
  const remap = (list: string[], key: 'periods' | 'units' | 'items') =>
    Int32Array.from(list, (k) => {
      let i = ix[key].get(k);
      if (i === undefined) {
        i = dict[key].length;
        ix[key].set(k, i);
        dict[key].push(k);
      }
      return i;
    });
  let at = 0;
  for (const p of parts) {
    const pm = remap(p.periods, 'periods');
    const um = remap(p.units, 'units');
    const im = remap(p.items, 'items');
    for (let r = 0; r < p.length; r++) {
      out.period[at + r] = pm[p.period[r]!]!;
      out.unit[at + r] = um[p.unit[r]!]!;
      out.item[at + r] = im[p.item[r]!]!;
    }
    out.actual.set(p.actual.subarray(0, p.length), at);
    out.target.set(p.target.subarray(0, p.length), at);
    for (const [r, s] of p.text) out.text.set(at + r, s);
    for (const [r, s] of p.note) out.note.set(at + r, s);
    at += p.length;
  }
  return out;
}

/** True when two rows share (period, unit, item): each part checked its own rows, this checks across parts. */
export function hasDuplicates(d: DataColumns): boolean {
  const nu = d.units.length;
  const ni = d.items.length;
  const cells = d.periods.length * nu * ni;
  if (cells > 200_000_000) {
    const seen = new Set<number>();
    for (let r = 0; r < d.length; r++) {
      const k = (d.period[r]! * nu + d.unit[r]!) * ni + d.item[r]!;
      if (seen.has(k)) return true;
      seen.add(k);
    }
    return false;
  }
  const seen = new Uint8Array(cells);
  for (let r = 0; r < d.length; r++) {
    const k = (d.period[r]! * nu + d.unit[r]!) * ni + d.item[r]!;
    if (seen[k]) return true;
    seen[k] = 1;
  }
  return false;
}

/**
 * Import `bytes` in `importers.length` parts at once (the first importer runs last, on this thread,
 * while the others work). Returns null whenever the whole-file import must decide instead.
 */
export async function importInParts(
  bytes: Uint8Array,
  importers: PartImporter[],
  onProgress: (f: number) => void,
  timings: Record<string, number> = {},
): Promise<ImportResult | null> {
  const now = () => performance.now();
  let t = now();
  if (importers.length < 2 || bytes.length < PARALLEL_MIN_BYTES) return null;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // UTF-16 files are rare from Excel's CSV; leave them to the whole-file import.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return null;
  const hEnd = headerEnd(bytes, bom);
  if (hEnd < 0) return null;
  const cuts = cutPoints(bytes, hEnd, importers.length);
  if (cuts.length === 0) return null;
  // The header line as written (without BOM), ending in a line break, goes in front of every later part.
  const header = bytes.subarray(bom, hEnd);
  const bounds = [0, ...cuts, bytes.length];
  const pieces: Uint8Array[] = [];
  for (let k = 0; k < bounds.length - 1; k++) {
    if (k === 0) {
      pieces.push(bytes.subarray(0, bounds[1]!));
      continue;
    }
    const body = bytes.subarray(bounds[k]!, bounds[k + 1]!);
    const p = new Uint8Array(header.length + body.length);
    p.set(header, 0);
    p.set(body, header.length);
    pieces.push(p);
  }
  const fractions = new Array<number>(pieces.length).fill(0);
  const weights = pieces.map((p) => p.length / bytes.length);
  const report = () => onProgress(fractions.reduce((s, f, i) => s + f * weights[i]!, 0));
  const run = (k: number) =>
    importers[k]!(pieces[k]!, (f) => {
      fractions[k] = f;
      report();
    });
  timings.cut = now() - t;
  t = now();
  const later = pieces
    .map((_, k) => k)
    .slice(1)
    .map(run);
  const first = await run(0);
  timings.localPart = now() - t;
  const rest = await Promise.all(later);
  timings.helperWait = now() - t - timings.localPart;
  t = now();
  const all = [first, ...rest];
  if (!all.every((r): r is PartOk => r.ok)) return null;
  const enc = all[0]!.encoding;
  if (!all.every((r) => family(r.encoding) === family(enc))) return null;
  const data = joinColumns(all.map((r) => r.data));
  timings.join = now() - t;
  t = now();
  if (hasDuplicates(data)) return null;
  timings.duplicates = now() - t;
  const rows = all.reduce((s, r) => s + r.rows, 0);
  return {
    ok: true,
    data,
    rows,
    encoding: enc as Extract<ImportResult, { ok: true }>['encoding'],
    problems: [],
    problemCount: 0,
    warnings: [],
    warningCount: 0,
  };
}
