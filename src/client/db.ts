/**
 * Where the self-check keeps the user's data: IndexedDB through idb-keyval (one object store, one
 * transaction per import, compact columns, no per-row keys), or memory when IndexedDB is unavailable.
 * Every stored record carries a format version; records of another version are reported, never
 * silently misread.
 */
import { createStore, promisifyRequest } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import type { DatasetMeta, UnreadableDataset } from './protocol.ts';
import type { PackedColumns } from '../engine/packed.ts';

export const DB_NAME = 'kaohe-self-check';
export const STORE_NAME = 'kv';
/** Version of the stored records' shape. Bump it, and add a migration below, when the shape changes. */
export const FORMAT_VERSION = 1;
export const INDEX_KEY = 'index';
export const datasetKey = (id: string) => `dataset:${id}`;
/** The last result shown for a data set, to show again at once on the next visit (then recomputed). */
export const viewKey = (id: string) => `view:${id}`;

export interface StoredView {
  version: number;
  /** Scheme and published data the view was computed with; another fingerprint means recompute. */
  fingerprint: string;
  view: unknown;
}

export interface StoredIndex {
  version: number;
  /** The data set last used (on any year's page); older pages read only this. */
  activeId: string | null;
  /** Per year, the data set last used on that year's self-check page ('' for none). Optional: absent in older records. */
  activeByYear?: Record<string, string>;
  datasets: DatasetMeta[];
}

export interface StoredDataset {
  version: number;
  meta: DatasetMeta;
  columns: PackedColumns;
}

/**
 * Migrations from an older format version to the next one (n → n + 1). Version 1 is the first
 * format, so there is none yet; a record with no migration path is reported as unreadable.
 */
const MIGRATIONS: Record<number, (record: unknown) => unknown> = {};

function upgrade<T extends { version: number }>(record: unknown): T | { unreadable: string; version: number | null } {
  let r = record as { version?: unknown };
  let v = typeof r?.version === 'number' ? r.version : null;
  if (v === null) return { unreadable: '不是本页面保存的数据（没有格式版本号）', version: null };
  while (v < FORMAT_VERSION) {
    const step = MIGRATIONS[v];
    if (!step)
      return {
        unreadable: `由旧版自查页面保存（格式版本 ${v}，当前为 ${FORMAT_VERSION}），无法自动升级：请删除后重新导入原文件`,
        version: v,
      };
    r = step(r) as { version?: unknown };
    v = typeof r?.version === 'number' ? r.version : v + 1;
  }
  if (v > FORMAT_VERSION)
    return {
      unreadable: `由更新版本的自查页面保存（格式版本 ${v}，本页为 ${FORMAT_VERSION}）：请刷新页面以使用最新版本`,
      version: v,
    };
  return r as T;
}

export class UnreadableError extends Error {
  readonly key: string;
  readonly version: number | null;
  constructor(key: string, version: number | null, reason: string) {
    super(reason);
    this.name = 'UnreadableError';
    this.key = key;
    this.version = version;
  }
}

export interface Loaded {
  index: StoredIndex;
  unreadable: UnreadableDataset[];
}

/** A change to the stored index, applied to what is stored at the time (other tabs write it too). */
export type IndexUpdate = (current: StoredIndex) => StoredIndex;

export interface DatasetStore {
  readonly mode: 'indexeddb' | 'memory';
  load(): Promise<Loaded>;
  get(id: string): Promise<PackedColumns>;
  /**
   * Save a data set and update the index in one transaction: both or neither. The columns are
   * cloned before this returns its promise's first tick, so callers may compute while it commits.
   * Resolves with the index as stored.
   */
  save(record: StoredDataset, update: IndexUpdate): Promise<StoredIndex>;
  updateIndex(update: IndexUpdate): Promise<StoredIndex>;
  /** Delete a data set (and its kept view) and update the index, in one transaction. */
  delete(id: string, update: IndexUpdate): Promise<StoredIndex>;
  deleteKey(key: string): Promise<void>;
  clear(): Promise<void>;
  getView(id: string): Promise<StoredView | undefined>;
  putView(id: string, view: StoredView): Promise<void>;
}

const emptyIndex = (): StoredIndex => ({ version: FORMAT_VERSION, activeId: null, datasets: [] });

export class IdbStore implements DatasetStore {
  readonly mode = 'indexeddb' as const;
  private readonly store: UseStore;
  constructor() {
    this.store = createStore(DB_NAME, STORE_NAME);
  }

  /** Opens the database and reads the index; throws when IndexedDB is unusable. */
  async load(): Promise<Loaded> {
    const unreadable: UnreadableDataset[] = [];
    const [raw, keys] = await this.store(
      'readonly',
      async (s) => [await promisifyRequest(s.get(INDEX_KEY)), await promisifyRequest(s.getAllKeys())] as const,
    );
    let index = emptyIndex();
    if (raw !== undefined) {
      const up = upgrade<StoredIndex>(raw);
      if ('unreadable' in up) unreadable.push({ key: INDEX_KEY, version: up.version, reason: up.unreadable });
      else index = up;
    }
    // Data sets whose index entry is missing (e.g. written by another version of the page): a readable
    // one goes back into the index; one of another format is reported.
    const known = new Set(index.datasets.map((d) => datasetKey(d.id)));
    for (const k of keys) {
      if (typeof k !== 'string' || !k.startsWith('dataset:') || known.has(k)) continue;
      const raw = await this.store('readonly', (s) => promisifyRequest(s.get(k)));
      const up = upgrade<StoredDataset>(raw);
      if ('unreadable' in up) unreadable.push({ key: k, version: up.version, reason: up.unreadable });
      else if (up.meta && typeof up.meta.id === 'string' && datasetKey(up.meta.id) === k) index.datasets.push(up.meta);
      else unreadable.push({ key: k, version: up.version, reason: '记录不完整，无法读取' });
    }
    return { index, unreadable };
  }

  async get(id: string): Promise<PackedColumns> {
    const key = datasetKey(id);
    const raw = await this.store('readonly', (s) => promisifyRequest(s.get(key)));
    if (raw === undefined) throw new UnreadableError(key, null, '存储中找不到这份数据（可能已在其他标签页中删除）');
    const up = upgrade<StoredDataset>(raw);
    if ('unreadable' in up) throw new UnreadableError(key, up.version, up.unreadable);
    return up.columns;
  }

  /** Within one readwrite transaction: `first` (writes issued now), then read, update and write the index. */
  private withIndex(first: (s: IDBObjectStore) => void, update: IndexUpdate): Promise<StoredIndex> {
    return this.store(
      'readwrite',
      (s) =>
        new Promise<StoredIndex>((resolve, reject) => {
          first(s);
          let out: StoredIndex | undefined;
          const req = s.get(INDEX_KEY);
          req.onsuccess = () => {
            // An index of another format is replaced; its data sets are found again as orphans by load().
            const up = req.result === undefined ? emptyIndex() : upgrade<StoredIndex>(req.result);
            out = update('unreadable' in up ? emptyIndex() : up);
            s.put(out, INDEX_KEY);
          };
          s.transaction.oncomplete = () => resolve(out!);
          s.transaction.onabort = () => reject(s.transaction.error ?? new DOMException('aborted', 'AbortError'));
        }),
    );
  }

  save(record: StoredDataset, update: IndexUpdate): Promise<StoredIndex> {
    return this.withIndex((s) => {
      s.put(record, datasetKey(record.meta.id));
    }, update);
  }

  updateIndex(update: IndexUpdate): Promise<StoredIndex> {
    return this.withIndex(() => undefined, update);
  }

  delete(id: string, update: IndexUpdate): Promise<StoredIndex> {
    return this.withIndex((s) => {
      s.delete(datasetKey(id));
      s.delete(viewKey(id));
    }, update);
  }

  deleteKey(key: string): Promise<void> {
    return this.store('readwrite', (s) => {
      s.delete(key);
      return promisifyRequest(s.transaction);
    });
  }

  clear(): Promise<void> {
    return this.store('readwrite', (s) => {
      s.clear();
      return promisifyRequest(s.transaction);
    });
  }

  async getView(id: string): Promise<StoredView | undefined> {
    const raw = await this.store('readonly', (s) => promisifyRequest(s.get(viewKey(id))));
    const v = raw as StoredView | undefined;
    return v && v.version === FORMAT_VERSION ? v : undefined;
  }

  putView(id: string, view: StoredView): Promise<void> {
    return this.store('readwrite', (s) => {
      s.put(view, viewKey(id));
      return promisifyRequest(s.transaction);
    });
  }
}

/** The same interface in memory: data lasts until the tab closes. */
export class MemoryStore implements DatasetStore {
  readonly mode = 'memory' as const;
  private readonly records = new Map<string, PackedColumns>();
  private index = emptyIndex();
  async load(): Promise<Loaded> {
    return { index: this.index, unreadable: [] };
  }
  async get(id: string): Promise<PackedColumns> {
    const c = this.records.get(id);
    if (!c) throw new UnreadableError(datasetKey(id), FORMAT_VERSION, '找不到这份数据');
    return c;
  }
  async save(record: StoredDataset, update: IndexUpdate) {
    this.records.set(record.meta.id, record.columns);
    this.index = update(this.index);
    return this.index;
  }
  async updateIndex(update: IndexUpdate) {
    this.index = update(this.index);
    return this.index;
  }
  async delete(id: string, update: IndexUpdate) {
    this.records.delete(id);
    this.index = update(this.index);
    return this.index;
  }
  async deleteKey(key: string) {
    this.records.delete(key.replace(/^dataset:/, ''));
  }
  async clear() {
    this.records.clear();
    this.index = emptyIndex();
  }
  async getView(): Promise<StoredView | undefined> {
    return undefined;
  }
  async putView(): Promise<void> {
    /* memory mode keeps no views */
  }
}

/** Chinese message for a failed write; quota gets its own advice. */
export function describeWriteError(e: unknown): { quota: boolean; message: string } {
  const name = (e as { name?: string })?.name ?? '';
  const inner = (e as { target?: { error?: { name?: string } } })?.target?.error?.name ?? '';
  if (
    name === 'QuotaExceededError' ||
    inner === 'QuotaExceededError' ||
    /quota/i.test(String((e as Error)?.message ?? ''))
  )
    return {
      quota: true,
      message:
        '浏览器存储空间不足，本次数据未能保存（此前保存的数据完好）。本次结果仅在本页打开期间有效；可删除不用的数据集或清理浏览器存储后重新导入。',
    };
  return {
    quota: false,
    message: `保存到浏览器存储失败（${name || inner || '未知错误'}），此前保存的数据完好。本次结果仅在本页打开期间有效。`,
  };
}

/** Can this context open IndexedDB at all? (Blocked storage, some private modes and old browsers cannot.) */
/** Whether IndexedDB opens here, and whether this page's store holds anything yet (`empty`: nothing saved). */
export async function probeIndexedDb(
  timeoutMs = 3000,
): Promise<{ ok: boolean; reason: string | null; empty: boolean }> {
  try {
    if (typeof indexedDB === 'undefined' || indexedDB === null)
      return { ok: false, reason: '此浏览器（或当前的隐私设置）不提供 IndexedDB', empty: true };
    const empty = await new Promise<boolean>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      const req = indexedDB.open(DB_NAME);
      req.onsuccess = () => {
        clearTimeout(t);
        const db = req.result;
        const done = (x: boolean) => {
          db.close();
          resolve(x);
        };
        if (!db.objectStoreNames.contains(STORE_NAME)) return done(true);
        try {
          const count = db.transaction(STORE_NAME, 'readonly').objectStore(STORE_NAME).count();
          count.onsuccess = () => done(count.result === 0);
          count.onerror = () => done(false);
        } catch {
          done(false);
        }
      };
      req.onerror = () => {
        clearTimeout(t);
        reject(req.error ?? new Error('open failed'));
      };
      req.onupgradeneeded = () => {
        // First visit: create the store idb-keyval expects, in the same version-1 upgrade it would run.
        if (!req.result.objectStoreNames.contains(STORE_NAME)) req.result.createObjectStore(STORE_NAME);
      };
    });
    return { ok: true, reason: null, empty };
  } catch (e) {
    const msg =
      (e as Error)?.message === 'timeout'
        ? '打开 IndexedDB 超时（可能被其他标签页阻塞）'
        : `无法打开 IndexedDB（${(e as Error)?.name ?? '错误'}）`;
    return { ok: false, reason: msg, empty: true };
  }
}
