/**
 * Importing a file into the self-check: the engine's importer (in parts on helper threads for a large clean file,
 * else the whole file here, which also lists every problem), completeness warnings for a unit's own file, then
 * the data set saved and its first view scored while the save commits.
 */
import type { Model } from '../../engine/model.ts';
import { importCsv } from '../../engine/csv/import.ts';
import type { ImportResult } from '../../engine/csv/import.ts';
import { completenessWarnings } from '../../engine/completeness.ts';
import { packColumns, packedBytes } from '../../engine/packed.ts';
import { describeWriteError } from '../db.ts';
import type { PartResult } from '../parallel-import.ts';
import { PARALLEL_MIN_BYTES, importInParts } from '../parallel-import.ts';
import type { DatasetMeta, ImportRequest, ImportResponse, ScoreRequest, ScoreView } from '../protocol.ts';
import type { Datasets } from './datasets.ts';

/** A thread that can import one part of a large file (see parallel-import.ts). */
export interface PartHelper {
  run(bytes: Uint8Array, file: string, onlyUnit: string | null, onProgress: (f: number) => void): Promise<PartResult>;
  /** Start the thread now (a file large enough for parts is coming), so it is ready when its part is. */
  warm?(): void;
}
export type Progress = (phase: string, fraction: number) => void;

export interface ImportContext {
  model: Model;
  helpers: PartHelper[];
  datasets: Datasets;
  makeId: () => string;
  score: (req: ScoreRequest) => Promise<ScoreView>;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export async function importFile(ctx: ImportContext, req: ImportRequest, progress: Progress): Promise<ImportResponse> {
  const { model, datasets } = ctx;
  const t: Record<string, number> = {};
  let t0 = now();
  // Helper threads start with the first file large enough to be cut into parts: while this one is read.
  if (req.file.size >= PARALLEL_MIN_BYTES) for (const h of ctx.helpers) h.warm?.();
  const bytes = new Uint8Array(await req.file.arrayBuffer());
  t.read = now() - t0;
  progress('parse', 0);
  t0 = now();
  let last = -1;
  const onProgress = (f: number) => {
    if (f - last >= 0.02 || f === 1) {
      last = f;
      progress('parse', f);
    }
  };
  // Large files: in parts on several threads when every part is clean; otherwise (or for small
  // files) the whole file on this thread, which also gives the complete list of problems.
  const local = (b: Uint8Array, p: (f: number) => void): Promise<PartResult> => {
    const r = importCsv(b, model, {
      file: req.fileName,
      onlyUnit: req.unit ?? undefined,
      maxProblems: 1,
      onProgress: p,
    });
    return Promise.resolve(
      r.ok && r.warningCount === 0 ? { ok: true, data: r.data, rows: r.rows, encoding: r.encoding } : { ok: false },
    );
  };
  const helpers = ctx.helpers.map(
    (h) => (b: Uint8Array, p: (f: number) => void) => h.run(b, req.fileName, req.unit, p),
  );
  let res: ImportResult | null =
    helpers.length > 0 ? await importInParts(bytes, [local, ...helpers], onProgress, t) : null;
  t.parts = res ? helpers.length + 1 : 1;
  if (!res) {
    last = -1;
    res = importCsv(bytes, model, {
      file: req.fileName,
      onlyUnit: req.unit ?? undefined,
      onProgress,
      rowNumbers: req.unit !== null && req.unit !== undefined,
    });
  }
  t.parse = now() - t0;
  if (!res.ok)
    return {
      ok: false,
      problems: res.problems,
      problemCount: res.problemCount,
      rows: res.rows,
      encoding: res.encoding,
      storage: datasets.state(),
    };

  progress('save', 0);
  const data = res.data;
  const unit = req.unit ? model.unitById.get(req.unit) : undefined;
  // A unit's own file: items without a row, and rows of another month, are warnings beside the result.
  const complete = unit ? completenessWarnings(model, data, req.fileName, res.rowNumbers) : [];
  if (complete.length > 0)
    res = { ...res, warnings: [...res.warnings, ...complete], warningCount: res.warningCount + complete.length };
  t0 = now();
  const packed = packColumns(data);
  const meta: DatasetMeta = {
    id: ctx.makeId(),
    file: req.fileName,
    scope: unit ? 'unit' : 'all',
    unit: unit?.id ?? null,
    unitName: unit?.name ?? null,
    tier: unit?.tier ?? null,
    rows: res.rows,
    months: [...data.periods].sort(),
    encoding: res.encoding,
    importedAt: new Date().toISOString(),
    bytes: packedBytes(packed),
    saved: true,
  };
  // One transaction for the data set and the index; it commits while the first view is scored.
  const saving = datasets.add(meta, data, packed);
  await Promise.resolve();
  t.pack = now() - t0;

  progress('score', 0);
  t0 = now();
  // The file is valid and being saved whatever happens next: a scoring failure (e.g. the published
  // peers cannot be read offline) is reported beside the saved data, never as a failed import.
  let view: ScoreView | null = null;
  let scoreError: string | null = null;
  try {
    view = await ctx.score({ ...req.score, datasetId: meta.id, unit: req.score.unit ?? meta.unit });
  } catch (e) {
    scoreError = (e as Error)?.message ?? String(e);
  }
  t.score = now() - t0;

  t0 = now();
  let saveError: string | null = null;
  try {
    datasets.adopt(await saving);
  } catch (e) {
    // Nothing was written: the earlier data sets and index stay as they were; this one lives in memory.
    saveError = describeWriteError(e).message;
    meta.saved = false;
  }
  t.save = now() - t0;
  return {
    ok: true,
    meta,
    storage: datasets.state(),
    view,
    saveError,
    scoreError,
    timings: t,
    warnings: res.warnings,
    warningCount: res.warningCount,
  };
}
