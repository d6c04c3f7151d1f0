/**
 * The user's data sets: the stored index (which sets exist, which is active on this year's page), their columns
 * read from the browser store on demand, and the changes (activate, delete, clear, reload from another tab).
 * One browser store serves every year's self-check page; this page sees the sets of its own year.
 */
import type { DataColumns } from '../../engine/data.ts';
import type { PackedColumns } from '../../engine/packed.ts';
import { unpackColumns } from '../../engine/packed.ts';
import type { DatasetStore, StoredIndex } from '../db.ts';
import { FORMAT_VERSION, UnreadableError, describeWriteError } from '../db.ts';
import type { DatasetMeta, StorageState, UnreadableDataset } from '../protocol.ts';

export class Datasets {
  index: StoredIndex = { version: FORMAT_VERSION, activeId: null, datasets: [] };
  /** The scheme year of this page (each year has its own self-check page; they share the browser store). */
  year: number | undefined;
  private unreadable: UnreadableDataset[] = [];
  private note: string | null = null;
  /** Data sets read (or imported) in this session. */
  private readonly columns = new Map<string, DataColumns>();
  private readonly loading = new Map<string, Promise<DataColumns>>();
  /** Data sets added in this session whose store transaction has not finished, and how to say it has. */
  private readonly saving = new Map<string, Promise<boolean>>();
  private readonly settle = new Map<string, (saved: boolean) => void>();

  /** `forget` is told when a data set's columns are dropped (so what was computed from them goes too). */
  readonly store: DatasetStore;
  private readonly forget: (id: string | null) => void;

  constructor(store: DatasetStore, forget: (id: string | null) => void) {
    this.store = store;
    this.forget = forget;
  }

  /** Read the stored index (a failure leaves it empty and says so). */
  async load(note: string | null): Promise<void> {
    this.note = note;
    const loaded = await this.store.load().catch((e: unknown) => {
      this.note = `读取浏览器存储失败（${(e as Error)?.name ?? '错误'}），已保存的数据暂时无法显示。`;
      return { index: this.index, unreadable: [] };
    });
    this.index = { ...loaded.index, activeId: this.activeOf(loaded.index) };
    this.unreadable = loaded.unreadable;
  }

  /** The year is known once the scheme is compiled; the active set is then this year's. */
  setYear(year: number): void {
    this.year = year;
    const active = this.activeOf(this.index);
    this.index = { ...this.index, activeId: active && this.meta(active) ? active : null };
  }

  meta(id: string): DatasetMeta | undefined {
    return this.index.datasets.find((d) => d.id === id);
  }

  /** A data set belongs to this page's year when all its months are of the year (a set without months to every year). */
  private mine(d: { months: string[] }): boolean {
    const year = this.year;
    return year === undefined || d.months.length === 0 || d.months.every((m) => m.startsWith(`${year}-`));
  }

  /**
   * The active data set of this page's year: the one last used on this year's page (activeByYear), else the
   * stored activeId when it is of this year (an index saved before years existed), else none.
   */
  private activeOf(ix: StoredIndex): string | null {
    const own = this.year !== undefined ? ix.activeByYear?.[String(this.year)] : undefined;
    for (const id of [own, ix.activeId]) if (id && ix.datasets.some((d) => d.id === id && this.mine(d))) return id;
    return null;
  }

  /** The stored index with `id` active on this page's year (and, for older pages, as activeId). */
  withActive(cur: StoredIndex, id: string | null): StoredIndex {
    const byYear = { ...cur.activeByYear };
    // An index from before years knows one active set: keep it as its own year's before another year replaces it.
    const prev = cur.activeId ? cur.datasets.find((d) => d.id === cur.activeId) : undefined;
    const prevYear = prev?.months[0]?.slice(0, 4);
    if (prev && prevYear && byYear[prevYear] === undefined) byYear[prevYear] = prev.id;
    if (this.year !== undefined) byYear[String(this.year)] = id ?? '';
    return { ...cur, activeId: id, activeByYear: byYear };
  }

  state(): StorageState {
    // One browser store for every year's self-check page: this page lists the data sets of its own year (by the
    // months they hold; data saved before years existed is of the latest year's months, so it opens there).
    const datasets = this.index.datasets.filter((d) => this.mine(d));
    const others = this.index.datasets.length - datasets.length;
    const activeId = datasets.some((d) => d.id === this.index.activeId) ? this.index.activeId : null;
    const note =
      others > 0
        ? [this.note, `本浏览器另存有 ${others} 个其他年度的数据集，请到该年度的自查页查看。`].filter(Boolean).join(' ')
        : this.note;
    const saving = datasets.filter((d) => this.saving.has(d.id)).map((d) => d.id);
    return { mode: this.store.mode, note, datasets, unreadable: this.unreadable, activeId, saving };
  }

  /** A data set's columns, read from the store once; an unreadable record is listed and said. */
  async columnsOf(id: string): Promise<DataColumns> {
    try {
      return await this.read(id);
    } catch (e) {
      if (e instanceof UnreadableError) {
        this.unreadable = [
          ...this.unreadable.filter((u) => u.key !== e.key),
          { key: e.key, version: e.version, reason: e.message },
        ];
        throw new Error(`这份数据无法读取：${e.message}`);
      }
      throw e;
    }
  }

  /** Start reading a data set (so the first score does not wait for it). */
  prefetch(id: string): void {
    void this.read(id).catch(() => undefined);
  }

  private read(id: string): Promise<DataColumns> {
    const hit = this.columns.get(id);
    if (hit) return Promise.resolve(hit);
    let p = this.loading.get(id);
    if (!p) {
      p = this.store
        .get(id)
        .then((packed) => {
          const cols = unpackColumns(packed);
          this.columns.set(id, cols);
          return cols;
        })
        .finally(() => this.loading.delete(id));
      this.loading.set(id, p);
    }
    return p;
  }

  /**
   * A new data set, active at once, in memory: `persist` stores it (until then it is listed as being saved, and
   * nothing computed from it is stored).
   */
  add(meta: DatasetMeta, data: DataColumns): void {
    this.columns.set(meta.id, data);
    this.index = { ...this.index, activeId: meta.id, datasets: [meta, ...this.index.datasets] };
    let done: (saved: boolean) => void = () => undefined;
    this.saving.set(meta.id, new Promise<boolean>((r) => (done = r)));
    this.settle.set(meta.id, done);
  }

  /**
   * Store a data set added by `add`: one store transaction for it and the index, both or neither. The columns are
   * cloned before this returns. Resolves with why nothing was written (the set then lives in memory), or null.
   */
  async persist(meta: DatasetMeta, packed: PackedColumns): Promise<string | null> {
    let error: string | null = null;
    try {
      const saving = this.store.save({ version: FORMAT_VERSION, meta, columns: packed }, (cur) => ({
        ...this.withActive(cur, meta.id),
        datasets: [meta, ...cur.datasets.filter((d) => d.id !== meta.id)],
      }));
      this.adopt(await saving);
    } catch (e) {
      // Nothing was written: the earlier data sets and index stay as they were; this one lives in memory.
      error = describeWriteError(e).message;
      meta.saved = false;
    }
    this.settle.get(meta.id)?.(error === null);
    this.settle.delete(meta.id);
    this.saving.delete(meta.id);
    return error;
  }

  /** Resolves once a data set being saved is stored (true) or could not be (false); at once for any other. */
  stored(id: string): Promise<boolean> {
    return this.saving.get(id) ?? Promise.resolve(this.meta(id)?.saved ?? false);
  }

  /** Take the stored index as this session's, keeping data sets that live in memory only (or are being saved). */
  adopt(stored: StoredIndex): void {
    const unsaved = this.index.datasets.filter(
      (d) => (!d.saved || this.saving.has(d.id)) && !stored.datasets.some((x) => x.id === d.id),
    );
    const mine = this.index.activeId;
    const activeId =
      mine && (unsaved.some((d) => d.id === mine) || stored.datasets.some((d) => d.id === mine))
        ? mine
        : this.activeOf(stored);
    this.index = { ...stored, activeId, datasets: [...unsaved, ...stored.datasets] };
  }

  /** The stored index again, keeping data sets of this session that could not be stored. */
  async reload(): Promise<StorageState> {
    const loaded = await this.store.load();
    this.adopt(loaded.index);
    const known = new Set(this.index.datasets.map((d) => d.id));
    for (const id of [...this.columns.keys()])
      if (!known.has(id)) {
        this.columns.delete(id);
        this.forget(id);
      }
    this.unreadable = loaded.unreadable;
    return this.state();
  }

  async activate(id: string | null): Promise<StorageState> {
    if (id !== null && !this.meta(id)) throw new Error('找不到这份数据');
    if (id !== null) await this.read(id);
    this.index = { ...this.index, activeId: id };
    const stored = this.meta(id ?? '')?.saved ?? id === null;
    if (stored)
      await this.store
        .updateIndex((cur) => this.withActive(cur, id))
        .then((x) => this.adopt(x))
        .catch(() => undefined);
    return this.state();
  }

  async delete(id: string): Promise<StorageState> {
    const drop = (cur: StoredIndex): StoredIndex => ({
      ...cur,
      datasets: cur.datasets.filter((d) => d.id !== id),
      activeId: cur.activeId === id ? null : cur.activeId,
    });
    this.index = drop(this.index);
    this.columns.delete(id);
    this.forget(id);
    this.adopt(await this.store.delete(id, drop));
    return this.state();
  }

  async deleteUnreadable(key: string): Promise<StorageState> {
    await this.store.deleteKey(key);
    this.unreadable = this.unreadable.filter((u) => u.key !== key);
    return this.state();
  }

  async clear(): Promise<StorageState> {
    await this.store.clear();
    this.index = { version: FORMAT_VERSION, activeId: null, datasets: [] };
    this.unreadable = [];
    this.columns.clear();
    this.forget(null);
    return this.state();
  }
}
