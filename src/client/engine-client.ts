/**
 * The page's side of the engine worker: typed requests with promises, progress callbacks, and
 * cancel (terminate the worker, start a fresh one, initialise it again from the same settings).
 */
import type { Answers, FromWorker, InitRequest, Requests, RequestType, ToWorker } from './protocol.ts';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: ((phase: string, fraction: number) => void) | undefined;
}

export class CancelledError extends Error {
  constructor() {
    super('已取消');
    this.name = 'CancelledError';
  }
}

export class WorkerError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export class EngineClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private initReq: InitRequest | null = null;
  private ready: Promise<Answers['init']> | null = null;

  private spawn(): Worker {
    const w = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'kaohe-self-check' });
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.kind === 'progress') {
        p.onProgress?.(m.phase, m.fraction);
        return;
      }
      this.pending.delete(m.id);
      if (m.kind === 'answer') p.resolve(m.value);
      else p.reject(new WorkerError(m.name, m.message));
    };
    w.onerror = (e) => {
      // A crash (e.g. out of memory on a huge file) fails every request in flight; the next call restarts.
      e.preventDefault?.();
      const err = new WorkerError(
        'WorkerCrashed',
        `计算模块意外退出${e.message ? `（${e.message}）` : ''}，已自动重启；此前保存的数据不受影响。`,
      );
      this.fail(err);
      this.worker?.terminate();
      this.worker = null;
      this.ready = null;
    };
    return w;
  }

  private fail(err: Error) {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  private send<K extends RequestType>(
    type: K,
    body: Requests[K],
    onProgress?: Pending['onProgress'],
    transfer: Transferable[] = [],
  ): Promise<Answers[K]> {
    this.worker ??= this.spawn();
    const id = this.nextId++;
    return new Promise<Answers[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.worker!.postMessage({ id, type, body } as ToWorker, transfer);
    });
  }

  init(req: InitRequest): Promise<Answers['init']> {
    this.initReq = req;
    this.ready = this.send('init', req);
    return this.ready;
  }

  /** Keeps the settings without starting the worker: the first call (or `started`) starts it. */
  prepare(req: InitRequest): void {
    this.initReq = req;
  }

  /** The worker's start-up answer, starting it now if it has not started. */
  started(): Promise<Answers['init']> {
    if (!this.ready) {
      if (!this.initReq) return Promise.reject(new Error('计算模块尚未初始化'));
      this.ready = this.send('init', this.initReq);
    }
    return this.ready;
  }

  /** Sends a request once the worker is initialised (re-initialising after a cancel or crash). */
  async call<K extends Exclude<RequestType, 'init'>>(
    type: K,
    body: Requests[K],
    onProgress?: Pending['onProgress'],
  ): Promise<Answers[K]> {
    await this.started();
    return this.send(type, body, onProgress);
  }

  /** Stops whatever the worker is doing; nothing it had not yet committed is kept. */
  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    this.fail(new CancelledError());
  }
}
