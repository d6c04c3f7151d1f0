/// <reference lib="webworker" />
/**
 * A helper worker of the engine worker: imports one part of a large CSV with the engine's importer
 * and sends the columns back as transferable typed arrays (see parallel-import.ts).
 */
import type { ContentBundle, Model } from '../engine/model.ts';
import { compileModel } from '../engine/model.ts';
import { importCsv } from '../engine/csv/import.ts';
import type { PackedColumns } from '../engine/packed.ts';
import { packColumns, transferables } from '../engine/packed.ts';

declare const self: DedicatedWorkerGlobalScope;

export type ToPart =
  | { type: 'init'; bundle: ContentBundle }
  | { type: 'import'; id: number; bytes: Uint8Array; file: string; onlyUnit: string | null };
export type FromPart =
  | { id: number; kind: 'progress'; fraction: number }
  | { id: number; kind: 'done'; ok: true; columns: PackedColumns; rows: number; encoding: string }
  | { id: number; kind: 'done'; ok: false };

let model: Model | null = null;

self.onmessage = (e: MessageEvent<ToPart>) => {
  const m = e.data;
  if (m.type === 'init') {
    model = compileModel(m.bundle).model;
    return;
  }
  if (!model) {
    self.postMessage({ id: m.id, kind: 'done', ok: false } satisfies FromPart);
    return;
  }
  let last = 0;
  const res = importCsv(m.bytes, model, {
    file: m.file,
    onlyUnit: m.onlyUnit ?? undefined,
    // Only whether the part is clean matters: the whole file is re-imported to report problems.
    maxProblems: 1,
    onProgress: (f) => {
      if (f - last >= 0.05 || f === 1) {
        last = f;
        self.postMessage({ id: m.id, kind: 'progress', fraction: f } satisfies FromPart);
      }
    },
  });
  // Warnings name rows, and a part's row numbers are not the file's: the whole file is imported instead.
  if (!res.ok || res.warningCount > 0) {
    self.postMessage({ id: m.id, kind: 'done', ok: false } satisfies FromPart);
    return;
  }
  const columns = packColumns(res.data);
  self.postMessage(
    { id: m.id, kind: 'done', ok: true, columns, rows: res.rows, encoding: res.encoding } satisfies FromPart,
    transferables(columns),
  );
};
