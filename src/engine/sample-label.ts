/**
 * The sample label inside every download of sample data (a forwarded file must not look official); real data
 * (`sample: false`) says nothing and its files are unchanged. This file is the one place that says which
 * download says what:
 *
 * - Results (the ranking CSV, the self-check's unit and ranking CSV, `kaohe score --format csv`): a last column
 *   数据性质 with the full notice SAMPLE_NOTICE (示例数据，非官方结果) on every row (`labelSampleCsv`). A result
 *   row read on its own must not pass for an official score.
 * - Input data (the period data CSV: /data/<month>.csv, data/all.csv, `kaohe data`): the same column 数据性质 with
 *   SAMPLE_DATA_CELL (示例数据) on every row (`labelSampleDataCsv`): the rows are sample inputs, not results,
 *   and a province's month files carry this cell on hundreds of thousands of rows.
 * - JSON (ranking JSON, `kaohe advise --format json`): top-level `"sample": true, "notice": "示例数据，非官方结果"`
 *   (a list becomes `{ sample, notice, units }`).
 *
 * kaohe's importer ignores columns it does not know, so a labelled CSV still imports and recomputes as it is.
 */
/** The notice every sample result says: a JSON download's `notice`, and each row's 数据性质 cell of a result CSV. */
export const SAMPLE_NOTICE = '示例数据，非官方结果';
/** Each row's 数据性质 cell of a sample input data CSV (the data are sample; they are not results). */
export const SAMPLE_DATA_CELL = '示例数据';
/** The header of the label column, in result and data CSV alike. */
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

/** A result CSV (as kaohe writes it: CRLF records, RFC 4180 quotes) with the 数据性质 column (SAMPLE_NOTICE) added when sample. */
export function labelSampleCsv(csv: string, sample: boolean): string {
  return labelCsv(csv, sample, SAMPLE_NOTICE);
}

/** A period data CSV (input data) with the 数据性质 column (SAMPLE_DATA_CELL, 示例数据) added when sample. */
export function labelSampleDataCsv(csv: string, sample: boolean): string {
  return labelCsv(csv, sample, SAMPLE_DATA_CELL);
}

function labelCsv(csv: string, sample: boolean, cell: string): string {
  if (!sample || csv.length === 0) return csv;
  let out = '';
  let quoted = false;
  let header = true;
  let start = 0;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\r' && csv[i + 1] === '\n') {
      out += `${csv.slice(start, i)},${header ? SAMPLE_COLUMN : cell}\r\n`;
      header = false;
      start = i + 2;
      i++;
    }
  }
  if (start < csv.length) out += `${csv.slice(start)},${header ? SAMPLE_COLUMN : cell}`;
  return out;
}
