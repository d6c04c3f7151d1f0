/**
 * Importing a file into the self-check: the engine's importer (in parts on helper threads for a large clean file,
 * else the whole file here, which also lists every problem), completeness warnings for a unit's own file, then
 * the first view scored (without rank ranges: the page asks for them next) and answered at once. The data set is
 * saved after the answer (`save`): one IndexedDB transaction for it and the index, so a page closed before it
 * commits keeps the earlier state whole; the page says 正在保存 until the worker confirms (`saved` request).
 */
import type { Model } from '../../engine/model.ts';
import { importCsv } from '../../engine/csv/import.ts';
import type { ImportResult } from '../../engine/csv/import.ts';
import { completenessWarnings } from '../../engine/completeness.ts';
import { packColumns, packedBytes } from '../../engine/packed.ts';
import type { PartResult } from '../parallel-import.ts';
import { PARALLEL_MIN_BYTES, importInParts } from '../parallel-import.ts';
import type { DatasetMeta, ImportRequest, ImportResponse, ScoreRequest, ScoreView, StorageState } from '../protocol.ts';
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

/** What a save came to: the stored state, and why nothing was written (null when saved). */
export interface SaveOutcome {
  storage: StorageState;
  saveError: string | null;
  timings: Record<string, number>;
}

/** An import's answer, and for an accepted file the save to run once the answer is sent. */
export interface ImportDone {
  response: ImportResponse;
  save: (() => Promise<SaveOutcome>) | null;
}

export async function importFile(ctx: ImportContext, req: ImportRequest, progress: Progress): Promise<ImportDone> {
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
      response: {
        ok: false,
        problems: res.problems,
        problemCount: res.problemCount,
        rows: res.rows,
        encoding: res.encoding,
        storage: datasets.state(),
      },
      save: null,
    };

  const data = res.data;
  const unit = req.unit ? model.unitById.get(req.unit) : undefined;
  // A unit's own file: items without a row, and rows of another month, are warnings beside the result.
  const complete = unit ? completenessWarnings(model, data, req.fileName, res.rowNumbers) : [];
  if (complete.length > 0)
    res = { ...res, warnings: [...res.warnings, ...complete], warningCount: res.warningCount + complete.length };
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
    bytes: 0,
    saved: true,
  };
  // Active at once, in memory; stored by `save` after the answer.
  datasets.add(meta, data);

  progress('score', 0);
  t0 = now();
  // The file is valid and is saved whatever happens next: a scoring failure (e.g. the published
  // peers cannot be read offline) is reported beside the saved data, never as a failed import.
  let view: ScoreView | null = null;
  let scoreError: string | null = null;
  try {
    view = await ctx.score({ ...req.score, datasetId: meta.id, unit: req.score.unit ?? meta.unit, quick: true });
  } catch (e) {
    scoreError = (e as Error)?.message ?? String(e);
  }
  t.score = now() - t0;

  const save = async (): Promise<SaveOutcome> => {
    const st: Record<string, number> = {};
    let t1 = now();
    const packed = packColumns(data);
    meta.bytes = packedBytes(packed);
    // The structured clone of the columns happens here, inside `persist`, before its first await.
    const saving = datasets.persist(meta, packed);
    st.pack = now() - t1;
    t1 = now();
    const saveError = await saving;
    st.commit = now() - t1;
    return { storage: datasets.state(), saveError, timings: st };
  };
  return {
    response: {
      ok: true,
      meta,
      storage: datasets.state(),
      view,
      saving: true,
      saveError: null,
      scoreError,
      timings: t,
      warnings: res.warnings,
      warningCount: res.warningCount,
    },
    save,
  };
}
