/**
 * The sample label inside every download of sample data (a forwarded file must not look official); real data
 * (`sample: false`) says nothing and its files are unchanged.
 * JSON: top-level `"sample": true, "notice": "示例数据，非官方结果"` (a list becomes `{ sample, notice, units }`).
 * CSV: a last column 数据性质 with the notice on every row; kaohe's importer ignores columns it does not know, so
 * the file still imports and recomputes as it is.
 */
export const SAMPLE_NOTICE = '示例数据，非官方结果';
export const SAMPLE_COLUMN = '数据性质';

/** A JSON download's value, labelled when it carries sample data. */
export function labelSampleJson<T>(
  value: T,
  sample: boolean,
): T | { sample: true; notice: string; units: T } | (T & { sample: true; notice: string }) {
  if (!sample) return value;
  if (Array.isArray(value) || value === null || typeof value !== 'object')
    return { sample: true, notice: SAMPLE_NOTICE, units: value };
  return { sample: true, notice: SAMPLE_NOTICE, ...value };
}

/**
 * The rows of a labelled ranking JSON (labelled or not), for readers of either form; rows under
 * `unitColumns` (kaohe-ranking/3) come back as records keyed by those columns (unit, name, total, rank, …).
 */
export function unlabelledUnits(json: unknown): unknown {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return json;
  const { units, unitColumns } = json as { units?: unknown; unitColumns?: unknown };
  if (!Array.isArray(units)) return json;
  if (!Array.isArray(unitColumns)) return units;
  return units.map((row: unknown) =>
    Array.isArray(row) ? Object.fromEntries(unitColumns.map((c: unknown, i) => [String(c), row[i]])) : row,
  );
}

/** A CSV text (as kaohe writes it: CRLF records, RFC 4180 quotes) with the 数据性质 column added when sample. */
export function labelSampleCsv(csv: string, sample: boolean): string {
  if (!sample || csv.length === 0) return csv;
  let out = '';
  let quoted = false;
  let header = true;
  let start = 0;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\r' && csv[i + 1] === '\n') {
      out += `${csv.slice(start, i)},${header ? SAMPLE_COLUMN : SAMPLE_NOTICE}\r\n`;
      header = false;
      start = i + 2;
      i++;
    }
  }
  if (start < csv.length) out += `${csv.slice(start)},${header ? SAMPLE_COLUMN : SAMPLE_NOTICE}`;
  return out;
}
