/**
 * The self-check engine service: runs in the Web Worker (and in Node for tests). A thin front over its rooms:
 * start-up here (the published scheme checked and compiled, history and the stored index read), the published
 * data (service/published.ts), the user's data sets (service/datasets.ts), importing (service/import.ts), and
 * views, exports and verify (service/scoring.ts).
 */
import type { ContentBundle, Model } from '../engine/model.ts';
import { compileModel } from '../engine/model.ts';
import { parseBundle } from '../engine/bundle.ts';
import { formatProblem } from '../engine/problem.ts';
import type { YearHistoryJson } from '../engine/years.ts';
import { linksFromHistory } from '../engine/years.ts';
import type { DatasetStore } from './db.ts';
import { catalogOf } from './catalog.ts';
import type {
  Answers,
  ImportRequest,
  ImportResponse,
  InitRequest,
  ScoreRequest,
  ScoreView,
  StorageState,
} from './protocol.ts';
import { Datasets } from './service/datasets.ts';
import type { PartHelper, Progress, SaveOutcome } from './service/import.ts';
import { importFile } from './service/import.ts';
import { PublishedData } from './service/published.ts';
import { Scoring } from './service/scoring.ts';

export type { PartHelper, Progress } from './service/import.ts';
export type Fetcher = (url: string) => Promise<unknown>;

export class EngineService {
  private model!: Model;
  private scoring!: Scoring;
  private helpers: PartHelper[] = [];
  private readonly datasets: Datasets;
  private readonly published: PublishedData;
  private readonly fetched: string[] = [];
  /** Saves of imported data sets started after their answer, by data set id. */
  private readonly saves = new Map<string, Promise<SaveOutcome>>();
  private readonly get = (url: string) => this.fetchOnce(url);
  private readonly makeId: () => string;
  private readonly makeHelpers: ((bundle: ContentBundle) => PartHelper[]) | undefined;

  /** `makeHelpers`, when given, starts helper threads for importing large files in parts. */
  private readonly fetchJson: Fetcher;

  constructor(
    store: DatasetStore,
    fetchJson: Fetcher,
    options: { makeId?: () => string; makeHelpers?: (bundle: ContentBundle) => PartHelper[] } = {},
  ) {
    this.fetchJson = fetchJson;
    this.datasets = new Datasets(store, (id) => this.scoring?.forget(id));
    this.published = new PublishedData(this.get);
    this.makeId = options.makeId ?? defaultId;
    this.makeHelpers = options.makeHelpers;
  }

  async init(req: InitRequest): Promise<Answers['init']> {
    const [bundle, pub, history] = await Promise.all([
      this.get(req.bundleUrl) as Promise<ContentBundle>,
      this.published.load(req.publishedUrl),
      // A site built before history was published (or a page cached then) has none: the year is scored alone.
      (req.historyUrl
        ? this.get(req.historyUrl).catch(() => null)
        : Promise.resolve(null)) as Promise<YearHistoryJson | null>,
      this.datasets.load(req.storageNote),
    ]);
    // The same schemas as the build and the CLI check the published scheme before anything is scored.
    const checked = parseBundle(bundle, req.bundleUrl);
    if (!checked.bundle) throw new Error(`方案数据有误：${checked.problems.slice(0, 3).map(formatProblem).join('；')}`);
    const { model, problems } = compileModel(checked.bundle);
    if (problems.length > 0) throw new Error(`方案数据有误：${problems.slice(0, 3).map(formatProblem).join('；')}`);
    this.model = model;
    this.datasets.setYear(model.scheme.year);
    const links =
      history?.format === 'kaohe-year-history/1' && history.year === model.scheme.year
        ? { links: linksFromHistory(history) }
        : {};
    this.helpers = this.makeHelpers?.(bundle) ?? [];
    const fingerprint = `${hashText(JSON.stringify(bundle))}-${hashText(JSON.stringify(pub))}-${hashText(JSON.stringify(history))}`;
    const catalog = catalogOf(
      model,
      pub.months.map((m) => m.month),
    );
    this.scoring = new Scoring({
      model,
      catalog,
      published: this.published,
      datasets: this.datasets,
      links,
      fingerprint,
      fetchJson: this.fetchJson,
    });
    // Start reading the active data set now, so the first score does not wait for it.
    let cachedView: ScoreView | null = null;
    const active = this.datasets.index.activeId;
    if (active) {
      this.datasets.prefetch(active);
      const stored = await this.datasets.store.getView(active).catch(() => undefined);
      if (stored && stored.fingerprint === fingerprint) cachedView = stored.view as ScoreView;
    }
    return { catalog, storage: this.datasets.state(), cachedView, fetched: [...this.fetched] };
  }

  private async fetchOnce(url: string): Promise<unknown> {
    let v: unknown;
    try {
      v = await this.fetchJson(url);
    } catch (e) {
      // Network failures come as English browser text ("Failed to fetch"): say what it means here.
      throw new Error(
        `无法读取站点发布的数据 ${url.replace(/^.*\/self-check\//, '')}（网络不可用或文件已更新）：请联网后刷新页面重试。（${(e as Error)?.message ?? e}）`,
      );
    }
    this.fetched.push(url);
    return v;
  }

  /** What the page needs offline: everything fetched so far and every published month (read on demand). */
  fetchedUrls(): string[] {
    return [...new Set([...this.fetched, ...this.published.urls()])];
  }

  /** Start the helper threads for large files (before the file is chosen). */
  warm(): void {
    for (const h of this.helpers) h.warm?.();
  }

  storageState(): StorageState {
    return this.datasets.state();
  }

  template(unit: string, period: string): Promise<Answers['template']> {
    return this.scoring.template(unit, period);
  }

  /**
   * Import a file and answer with its first view; an accepted data set is saved once the answer is on its way
   * (a timer's turn later, after the worker has posted it), and `saved` waits for that save.
   */
  async import(req: ImportRequest, progress: Progress): Promise<ImportResponse> {
    const { response, save } = await importFile(
      {
        model: this.model,
        helpers: this.helpers,
        datasets: this.datasets,
        makeId: this.makeId,
        score: (r) => this.scoring.score(r),
      },
      req,
      progress,
    );
    if (save && response.ok) {
      const id = response.meta.id;
      this.saves.set(
        id,
        new Promise<void>((r) => setTimeout(r, 0)).then(save).catch((e: unknown) => ({
          storage: this.datasets.state(),
          saveError: `保存到浏览器存储失败（${(e as Error)?.message ?? e}），此前保存的数据完好。本次结果仅在本页打开期间有效。`,
          timings: {},
        })),
      );
    }
    return response;
  }

  /** How an imported data set's save went, once it has finished. */
  async saved(id: string): Promise<Answers['saved']> {
    const p = this.saves.get(id);
    if (!p) return { storage: this.datasets.state(), saveError: null, timings: {} };
    const out = await p;
    this.saves.delete(id);
    return out;
  }

  reload(): Promise<StorageState> {
    return this.datasets.reload();
  }

  activate(id: string | null): Promise<StorageState> {
    return this.datasets.activate(id);
  }

  delete(id: string): Promise<StorageState> {
    return this.datasets.delete(id);
  }

  deleteUnreadable(key: string): Promise<StorageState> {
    return this.datasets.deleteUnreadable(key);
  }

  clear(): Promise<StorageState> {
    return this.datasets.clear();
  }

  score(req: ScoreRequest): Promise<ScoreView> {
    return this.scoring.score(req);
  }

  progress(req: { datasetId: string | null; unit: string; period: string }): Promise<Answers['progress']> {
    return this.scoring.progress(req);
  }

  exportUnit(req: ScoreRequest): Promise<Answers['exportUnit']> {
    return this.scoring.exportUnit(req);
  }

  exportRanking(req: ScoreRequest): Promise<Answers['exportRanking']> {
    return this.scoring.exportRanking(req);
  }

  verify(req: { tier: string; period: string; siteUrl: string }): Promise<Answers['verify']> {
    return this.scoring.verify(req);
  }
}

/** FNV-1a over UTF-16 code units, as hex: a fingerprint, not a security hash. */
function hashText(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0') + s.length.toString(16);
}

function defaultId(): string {
  const rnd =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID().slice(0, 8)
      : Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${rnd}`;
}
