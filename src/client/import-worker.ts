/// <reference lib="webworker" />
/**
 * The self-check's Web Worker: decoding, parsing, validation, scoring and IndexedDB writes all run
 * here, so the page never blocks. Messages: see protocol.ts. Requests run one at a time, in order.
 */
import { EngineService } from './engine-service.ts';
import { IdbStore, MemoryStore, probeIndexedDb } from './db.ts';
import type { DatasetStore } from './db.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import type { PartHelper } from './engine-service.ts';
import type { ContentBundle } from '../engine/model.ts';
import { unpackColumns } from '../engine/packed.ts';
import type { FromPart, ToPart } from './part-worker.ts';

declare const self: DedicatedWorkerGlobalScope;

let service: EngineService | null = null;
let queue: Promise<unknown> = Promise.resolve();

const post = (m: FromWorker) => self.postMessage(m);

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`读取 ${url} 失败（HTTP ${res.status}）`);
  return res.json();
}

/**
 * Helper threads for large files: one fewer than the cores (at most 3), each a worker of this worker
 * with its own copy of the compiled scheme. Each starts on its first part (a file large enough to be
 * imported in parts), so the page does not load them before the user imports anything.
 */
function makeHelpers(bundle: ContentBundle): PartHelper[] {
  const cores = Math.min(4, Math.max(1, self.navigator?.hardwareConcurrency ?? 1));
  const helpers: PartHelper[] = [];
  for (let i = 1; i < cores; i++) {
    let w: Worker | null = null;
    const pending = new Map<
      number,
      { resolve: (r: Awaited<ReturnType<PartHelper['run']>>) => void; onProgress: (f: number) => void }
    >();
    let next = 1;
    const spawn = (): Worker | null => {
      try {
        w = new Worker(new URL('./part-worker.ts', import.meta.url), { type: 'module', name: `kaohe-part-${i}` });
      } catch {
        return null;
      }
      w.onmessage = (e: MessageEvent<FromPart>) => {
        const m = e.data;
        const p = pending.get(m.id);
        if (!p) return;
        if (m.kind === 'progress') {
          p.onProgress(m.fraction);
          return;
        }
        pending.delete(m.id);
        p.resolve(
          m.ok ? { ok: true, data: unpackColumns(m.columns), rows: m.rows, encoding: m.encoding } : { ok: false },
        );
      };
      // A helper that cannot start (e.g. offline before it was ever loaded) or crashes gives up its part:
      // the whole-file import on this thread decides.
      w.onerror = (e) => {
        e.preventDefault();
        for (const p of pending.values()) p.resolve({ ok: false });
        pending.clear();
        w?.terminate();
        w = null;
      };
      w.postMessage({ type: 'init', bundle } satisfies ToPart);
      return w;
    };
    helpers.push({
      warm: () => {
        w ??= spawn();
      },
      run: (bytes, file, onlyUnit, onProgress) =>
        new Promise((resolve) => {
          const worker = w ?? spawn();
          if (!worker) {
            resolve({ ok: false });
            return;
          }
          const id = next++;
          pending.set(id, { resolve, onProgress });
          worker.postMessage({ type: 'import', id, bytes, file, onlyUnit } satisfies ToPart, [
            bytes.buffer as ArrayBuffer,
          ]);
        }),
    });
  }
  return helpers;
}

async function handle(msg: ToWorker): Promise<unknown> {
  if (msg.type === 'init') {
    let store: DatasetStore;
    let note = msg.body.storageNote;
    if (msg.body.storage === 'indexeddb') {
      const probe = await probeIndexedDb();
      store = probe.ok ? new IdbStore() : new MemoryStore();
      if (!probe.ok) note = probe.reason;
    } else store = new MemoryStore();
    service = new EngineService(store, fetchJson, { makeHelpers });
    const answer = await service.init({ ...msg.body, storageNote: note });
    // The worker's own script, so the page can ask the service worker to keep it for offline use.
    return { ...answer, fetched: [self.location.href, ...answer.fetched] };
  }
  const s = service;
  if (!s) throw new Error('计算模块尚未初始化');
  switch (msg.type) {
    case 'template':
      return s.template(msg.body.unit, msg.body.period);
    case 'import':
      return s.import(msg.body, (phase, fraction) => post({ id: msg.id, kind: 'progress', phase, fraction }));
    case 'activate':
      return s.activate(msg.body.id);
    case 'delete':
      return s.delete(msg.body.id);
    case 'deleteUnreadable':
      return s.deleteUnreadable(msg.body.key);
    case 'clear':
      return s.clear();
    case 'score':
      return s.score(msg.body);
    case 'progress':
      return s.progress(msg.body);
    case 'exportUnit':
      return s.exportUnit(msg.body);
    case 'exportRanking':
      return s.exportRanking(msg.body);
    case 'verify':
      return s.verify(msg.body);
    case 'reload':
      return s.reload();
    case 'saved':
      return s.saved(msg.body.id);
    case 'warm':
      s.warm();
      return null;
    case 'fetched':
      return [self.location.href, ...s.fetchedUrls()];
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  queue = queue.then(async () => {
    try {
      post({ id: msg.id, kind: 'answer', value: await handle(msg) });
    } catch (err) {
      const x = err as Error;
      post({ id: msg.id, kind: 'error', name: x?.name ?? 'Error', message: x?.message ?? String(err) });
    }
  });
};
