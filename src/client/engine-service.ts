/**
 * The self-check engine service: runs in the Web Worker (and in Node for tests). It holds the
 * compiled scheme, the published data and the user's data sets, imports files with the engine's
 * importer, saves them, and answers score requests with small render-ready views.
 */
import type { DataColumns } from '../engine/data.ts';
import { indexData, replaceUnitRows } from '../engine/data.ts';
import type { ContentBundle, Model } from '../engine/model.ts';
import { compileModel } from '../engine/model.ts';
import { parseBundle } from '../engine/bundle.ts';
import { formatProblem } from '../engine/problem.ts';
import { dataMonth, monthId, parsePeriod } from '../engine/period.ts';
import type { Problem } from '../engine/problem.ts';
import type { Scorer, TierResult } from '../engine/score.ts';
import { createScorer } from '../engine/score.ts';
import type { YearLinks } from '../engine/score.ts';
import type { YearHistoryJson } from '../engine/years.ts';
import { linksFromHistory } from '../engine/years.ts';
import { labelSampleCsv } from '../engine/sample-label.ts';
import { adviseUnit } from '../engine/advice.ts';
import { explainVeto } from '../engine/veto.ts';
import { importCsv, importText } from '../engine/csv/import.ts';
import { completenessWarnings } from '../engine/completeness.ts';
import type { ImportResult } from '../engine/csv/import.ts';
import { resultsToCsv, templateCsv, unitResultToCsv } from '../engine/csv/export.ts';
import type { DatasetStore, StoredIndex } from './db.ts';
import { FORMAT_VERSION, UnreadableError, describeWriteError } from './db.ts';
import type { PublishedIndexJson, PublishedMonthJson } from '../engine/packed.ts';
import type { PartResult } from './parallel-import.ts';
import { importInParts } from './parallel-import.ts';
import { catalogOf } from './catalog.ts';
import { columnsFromMonths, packColumns, packedBytes, unpackColumns } from '../engine/packed.ts';
import type {
  Answers,
  Catalog,
  DatasetMeta,
  ImportRequest,
  ImportResponse,
  InitRequest,
  PeriodOption,
  ScoreRequest,
  ScoreView,
  StorageState,
  UnreadableDataset,
} from './protocol.ts';
import { compareRankings, level1Shares, periodsOfMonths, progressSeries, rankRows, whatIfCsv } from './views.ts';

export type Fetcher = (url: string) => Promise<unknown>;

/** A thread that can import one part of a large file (see parallel-import.ts). */
export interface PartHelper {
  run(bytes: Uint8Array, file: string, onlyUnit: string | null, onProgress: (f: number) => void): Promise<PartResult>;
}
export type Progress = (phase: string, fraction: number) => void;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class EngineService {
  private model!: Model;
  private catalog!: Catalog;
  private publishedIndex: PublishedIndexJson = { sample: false, note: '', months: [] };
  private publishedMonths = new Map<string, PublishedMonthJson>();
  private published: DataColumns | null = null;
  private publishedScorer: Scorer | null = null;
  private index: StoredIndex = { version: FORMAT_VERSION, activeId: null, datasets: [] };
  /** The scheme year of this page (each year has its own self-check page; they share the browser store). */
  private year: number | undefined;
  /** The earlier years' own published results, read as history by every scorer (as the site's year scorers do). */
  private links: { links?: YearLinks } = {};
  private unreadable: UnreadableDataset[] = [];
  private storageNote: string | null = null;
  /** Data sets read (or imported) in this session. */
  private readonly columns = new Map<string, DataColumns>();
  private readonly loading = new Map<string, Promise<DataColumns>>();
  /** Scorers over (published + own) or own alone, by data set id. */
  private readonly scorers = new Map<string, Scorer>();
  private readonly fetched: string[] = [];
  private publishedUrl = '';
  private fingerprint = '';

  private readonly store: DatasetStore;
  private readonly fetchJson: Fetcher;
  private readonly makeId: () => string;

  private readonly makeHelpers: ((bundle: ContentBundle) => PartHelper[]) | undefined;
  private helpers: PartHelper[] = [];

  /** `makeHelpers`, when given, starts helper threads for importing large files in parts. */
  constructor(
    store: DatasetStore,
    fetchJson: Fetcher,
    options: { makeId?: () => string; makeHelpers?: (bundle: ContentBundle) => PartHelper[] } = {},
  ) {
    this.store = store;
    this.fetchJson = fetchJson;
    this.makeId = options.makeId ?? defaultId;
    this.makeHelpers = options.makeHelpers;
  }

  async init(req: InitRequest): Promise<Answers['init']> {
    this.storageNote = req.storageNote;
    this.publishedUrl = req.publishedUrl;
    const [bundle, pub, history, loaded] = await Promise.all([
      this.get(req.bundleUrl) as Promise<ContentBundle>,
      this.get(req.publishedUrl).catch(() => ({ sample: false, note: '', months: [] })) as Promise<PublishedIndexJson>,
      // A site built before history was published (or a page cached then) has none: the year is scored alone.
      (req.historyUrl
        ? this.get(req.historyUrl).catch(() => null)
        : Promise.resolve(null)) as Promise<YearHistoryJson | null>,
      this.store.load().catch((e: unknown) => {
        this.storageNote = `读取浏览器存储失败（${(e as Error)?.name ?? '错误'}），已保存的数据暂时无法显示。`;
        return { index: this.index, unreadable: [] };
      }),
    ]);
    // The same schemas as the build and the CLI check the published scheme before anything is scored.
    const checked = parseBundle(bundle, req.bundleUrl);
    if (!checked.bundle) throw new Error(`方案数据有误：${checked.problems.slice(0, 3).map(formatProblem).join('；')}`);
    const { model, problems } = compileModel(checked.bundle);
    if (problems.length > 0) throw new Error(`方案数据有误：${problems.slice(0, 3).map(formatProblem).join('；')}`);
    this.model = model;
    this.year = model.scheme.year;
    this.links =
      history?.format === 'kaohe-year-history/1' && history.year === model.scheme.year
        ? { links: linksFromHistory(history) }
        : {};
    this.helpers = this.makeHelpers?.(bundle) ?? [];
    this.publishedIndex = pub;
    this.index = { ...loaded.index, activeId: this.activeOf(loaded.index) };
    this.unreadable = loaded.unreadable;
    this.fingerprint = `${hashText(JSON.stringify(bundle))}-${hashText(JSON.stringify(pub))}-${hashText(JSON.stringify(history))}`;
    // Start reading the active data set now, so the first score does not wait for it.
    let cachedView: ScoreView | null = null;
    if (this.index.activeId && this.index.datasets.some((d) => d.id === this.index.activeId)) {
      void this.dataset(this.index.activeId).catch(() => undefined);
      const stored = await this.store.getView(this.index.activeId).catch(() => undefined);
      if (stored && stored.fingerprint === this.fingerprint) cachedView = stored.view as ScoreView;
    } else this.index.activeId = null;
    this.catalog = catalogOf(
      model,
      pub.months.map((m) => m.month),
    );
    return { catalog: this.catalog, storage: this.storageState(), cachedView, fetched: [...this.fetched] };
  }

  private async get(url: string): Promise<unknown> {
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
    const months = this.publishedIndex.months.map((m) => new URL(m.url, this.publishedUrl).href);
    return [...new Set([...this.fetched, ...months])];
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
  private withActive(cur: StoredIndex, id: string | null): StoredIndex {
    const byYear = { ...cur.activeByYear };
    // An index from before years knows one active set: keep it as its own year's before another year replaces it.
    const prev = cur.activeId ? cur.datasets.find((d) => d.id === cur.activeId) : undefined;
    const prevYear = prev?.months[0]?.slice(0, 4);
    if (prev && prevYear && byYear[prevYear] === undefined) byYear[prevYear] = prev.id;
    if (this.year !== undefined) byYear[String(this.year)] = id ?? '';
    return { ...cur, activeId: id, activeByYear: byYear };
  }

  storageState(): StorageState {
    // One browser store for every year's self-check page: this page lists the data sets of its own year (by the
    // months they hold; data saved before years existed is of the latest year's months, so it opens there).
    const datasets = this.index.datasets.filter((d) => this.mine(d));
    const others = this.index.datasets.length - datasets.length;
    const activeId = datasets.some((d) => d.id === this.index.activeId) ? this.index.activeId : null;
    const note =
      others > 0
        ? [this.storageNote, `本浏览器另存有 ${others} 个其他年度的数据集，请到该年度的自查页查看。`]
            .filter(Boolean)
            .join(' ')
        : this.storageNote;
    return { mode: this.store.mode, note, datasets, unreadable: this.unreadable, activeId };
  }

  /** Published data of every month up to `month` (history included), fetched once each. */
  private async ensurePublished(upTo: string): Promise<void> {
    const want = this.publishedIndex.months.filter((m) => m.month <= upTo && !this.publishedMonths.has(m.month));
    if (want.length === 0 && this.published) return;
    const got = await Promise.all(
      want.map((m) => this.get(new URL(m.url, this.publishedUrl).href) as Promise<PublishedMonthJson>),
    );
    for (const m of got) this.publishedMonths.set(m.month, m);
    this.published = columnsFromMonths(
      [...this.publishedMonths.values()].sort((a, b) => a.month.localeCompare(b.month)),
    );
    this.publishedScorer = null;
    // Scorers of own data ranked among published peers depend on it.
    for (const [id] of this.scorers) if (this.meta(id)?.scope === 'unit') this.scorers.delete(id);
  }

  private meta(id: string): DatasetMeta | undefined {
    return this.index.datasets.find((d) => d.id === id);
  }

  private dataset(id: string): Promise<DataColumns> {
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

  template(unit: string, period: string): Promise<Answers['template']> {
    return this.templateAsync(unit, period);
  }

  private async templateAsync(unit: string, period: string) {
    const p = parsePeriod(period);
    if (!p) throw new Error(`期间“${period}”格式不对`);
    await this.ensurePublished(dataMonth(p));
    const csv = templateCsv(this.model, unit, period, indexData(this.published!));
    return { csv, fileName: `${unit}-${dataMonth(p)}-填报模板.csv` };
  }

  async import(req: ImportRequest, progress: Progress): Promise<ImportResponse> {
    const t: Record<string, number> = {};
    let t0 = now();
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
      const r = importCsv(b, this.model, {
        file: req.fileName,
        onlyUnit: req.unit ?? undefined,
        maxProblems: 1,
        onProgress: p,
      });
      return Promise.resolve(
        r.ok && r.warningCount === 0 ? { ok: true, data: r.data, rows: r.rows, encoding: r.encoding } : { ok: false },
      );
    };
    const helpers = this.helpers.map(
      (h) => (b: Uint8Array, p: (f: number) => void) => h.run(b, req.fileName, req.unit, p),
    );
    let res: ImportResult | null =
      helpers.length > 0 ? await importInParts(bytes, [local, ...helpers], onProgress, t) : null;
    t.parts = res ? helpers.length + 1 : 1;
    if (!res) {
      last = -1;
      res = importCsv(bytes, this.model, {
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
        storage: this.storageState(),
      };

    progress('save', 0);
    const data = res.data;
    const unit = req.unit ? this.model.unitById.get(req.unit) : undefined;
    // A unit's own file: items without a row, and rows of another month, are warnings beside the result.
    const complete = unit ? completenessWarnings(this.model, data, req.fileName, res.rowNumbers) : [];
    if (complete.length > 0)
      res = { ...res, warnings: [...res.warnings, ...complete], warningCount: res.warningCount + complete.length };
    t0 = now();
    const packed = packColumns(data);
    const meta: DatasetMeta = {
      id: this.makeId(),
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
    const saving = this.store.save({ version: FORMAT_VERSION, meta, columns: packed }, (cur) => ({
      ...this.withActive(cur, meta.id),
      datasets: [meta, ...cur.datasets.filter((d) => d.id !== meta.id)],
    }));
    await Promise.resolve();
    t.pack = now() - t0;
    this.columns.set(meta.id, data);
    this.index = { ...this.index, activeId: meta.id, datasets: [meta, ...this.index.datasets] };

    progress('score', 0);
    t0 = now();
    // The file is valid and being saved whatever happens next: a scoring failure (e.g. the published
    // peers cannot be read offline) is reported beside the saved data, never as a failed import.
    let view: ScoreView | null = null;
    let scoreError: string | null = null;
    try {
      view = await this.score({ ...req.score, datasetId: meta.id, unit: req.score.unit ?? meta.unit });
    } catch (e) {
      scoreError = (e as Error)?.message ?? String(e);
    }
    t.score = now() - t0;

    t0 = now();
    let saveError: string | null = null;
    try {
      this.adopt(await saving);
    } catch (e) {
      // Nothing was written: the earlier data sets and index stay as they were; this one lives in memory.
      saveError = describeWriteError(e).message;
      meta.saved = false;
    }
    t.save = now() - t0;
    return {
      ok: true,
      meta,
      storage: this.storageState(),
      view,
      saveError,
      scoreError,
      timings: t,
      warnings: res.warnings,
      warningCount: res.warningCount,
    };
  }

  /** Take the stored index as this session's, keeping data sets that live in memory only. */
  private adopt(stored: StoredIndex): void {
    const unsaved = this.index.datasets.filter((d) => !d.saved && !stored.datasets.some((x) => x.id === d.id));
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
        this.scorers.delete(id);
      }
    this.unreadable = loaded.unreadable;
    return this.storageState();
  }

  async activate(id: string | null): Promise<StorageState> {
    if (id !== null && !this.meta(id)) throw new Error('找不到这份数据');
    if (id !== null) await this.dataset(id);
    this.index = { ...this.index, activeId: id };
    const stored = this.meta(id ?? '')?.saved ?? id === null;
    if (stored)
      await this.store
        .updateIndex((cur) => this.withActive(cur, id))
        .then((x) => this.adopt(x))
        .catch(() => undefined);
    return this.storageState();
  }

  async delete(id: string): Promise<StorageState> {
    const drop = (cur: StoredIndex): StoredIndex => ({
      ...cur,
      datasets: cur.datasets.filter((d) => d.id !== id),
      activeId: cur.activeId === id ? null : cur.activeId,
    });
    this.index = drop(this.index);
    this.columns.delete(id);
    this.scorers.delete(id);
    this.adopt(await this.store.delete(id, drop));
    return this.storageState();
  }

  async deleteUnreadable(key: string): Promise<StorageState> {
    await this.store.deleteKey(key);
    this.unreadable = this.unreadable.filter((u) => u.key !== key);
    return this.storageState();
  }

  async clear(): Promise<StorageState> {
    await this.store.clear();
    this.index = { version: FORMAT_VERSION, activeId: null, datasets: [] };
    this.unreadable = [];
    this.columns.clear();
    this.scorers.clear();
    return this.storageState();
  }

  /** Data a view scores: own replacing published rows (unit), own alone (all), or published. */
  private async scorerFor(
    meta: DatasetMeta | undefined,
    month: string,
  ): Promise<{ scorer: Scorer; own: DataColumns | null }> {
    if (meta?.scope !== 'all') await this.ensurePublished(month);
    if (!meta) {
      this.publishedScorer ??= createScorer(this.model, this.published!, this.links);
      return { scorer: this.publishedScorer, own: null };
    }
    let own: DataColumns;
    try {
      own = await this.dataset(meta.id);
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
    let scorer = this.scorers.get(meta.id);
    if (!scorer) {
      scorer = createScorer(
        this.model,
        meta.scope === 'unit' ? replaceUnitRows(this.published!, own) : own,
        this.links,
      );
      this.scorers.set(meta.id, scorer);
    }
    return { scorer, own };
  }

  private periodsFor(meta: DatasetMeta | undefined): PeriodOption[] {
    if (!meta) return this.catalog.periods;
    return periodsOfMonths(meta.months);
  }

  async score(req: ScoreRequest): Promise<ScoreView> {
    const meta = req.datasetId ? this.meta(req.datasetId) : undefined;
    if (req.datasetId && !meta) throw new Error('找不到这份数据');
    const model = this.model;
    const unit = req.unit ?? meta?.unit ?? null;
    const unitTier = unit ? model.unitById.get(unit)?.tier : undefined;
    const tier =
      meta?.scope === 'unit'
        ? meta.tier!
        : req.tier && model.tierById.has(req.tier)
          ? req.tier
          : (unitTier ?? model.tiers[0]!.id);
    const periods = this.periodsFor(meta);
    const period = periods.find((p) => p.id === req.period) ?? preferredPeriod(periods);
    if (!period) throw new Error('没有可计分的期间');
    const t0 = now();
    const { scorer, own } = await this.scorerFor(meta, period.month);
    const t1 = now();
    const unitInTier = unit !== null && model.unitById.get(unit)?.tier === tier ? unit : null;

    let note: string | null = null;
    if (!scorer.hasMonth(period.month)) note = `没有 ${period.label}（${period.month}）的数据。`;
    const result = scorer.hasMonth(period.month) ? scoreUnit(scorer, tier, period.id, unitInTier) : null;

    // What-if: the unit's rows of the month with the edits, read back by the engine's importer.
    let edited: TierResult | null = null;
    let editedScorer: Scorer | null = null;
    let editProblems: Problem[] = [];
    const edits = req.edits && Object.keys(req.edits).length > 0 ? req.edits : null;
    if (edits && unitInTier && result) {
      const base = meta?.scope === 'unit' && own && own.periods.includes(period.month) ? own : scorer.index.data;
      const w = whatIfCsv(model, unitInTier, period.month, base, edits);
      const res = importText(w.csv, 'utf-8', model, { file: '模拟修改', onlyUnit: unitInTier });
      if (!res.ok) {
        editProblems = res.problems.map((p) => {
          const code = p.row !== undefined ? w.codeOfRow.get(p.row) : undefined;
          const name = code
            ? (model.itemByCode.get(code)?.item.name ?? model.adjustmentByCode.get(code)?.name ?? code)
            : '';
          // The what-if rows name their item in the field already (the importer's `item` would repeat it).
          const { item: _named, ...rest } = p;
          return { ...rest, field: code ? `${code} ${name} · ${p.field ?? ''}` : p.field };
        });
      } else {
        const replaced = replaceUnitRows(scorer.index.data, res.data);
        editedScorer = createScorer(model, replaced, this.links);
        edited = scoreUnit(editedScorer, tier, period.id, unitInTier);
      }
    }

    const shown = edited ?? result;
    const ownUnits = (u: string) =>
      meta?.scope === 'all'
        ? true
        : meta?.scope === 'unit'
          ? u === meta.unit && (own?.periods.includes(period.month) ?? false)
          : false;
    if (meta?.scope === 'unit' && own && !own.periods.includes(period.month))
      note = `您导入的数据没有 ${period.label} 的行，下表使用该期已公布的数据。`;
    const shownUnit = unitInTier && shown ? (shown.units.find((u) => u.unit === unitInTier) ?? null) : null;
    const before = edited && result && unitInTier ? result.units.find((u) => u.unit === unitInTier) : undefined;
    const t2 = now();
    // Advice for the unit's own data, after the what-if edits when there are any.
    const advice = shownUnit ? adviseUnit(editedScorer ?? scorer, tier, period.id, shownUnit.unit) : null;
    const view: ScoreView = {
      datasetId: meta?.id ?? null,
      source: meta?.scope ?? 'published',
      tier,
      tierName: model.tierById.get(tier)!.name,
      period: period.id,
      periodLabel: period.label,
      month: period.month,
      sample: meta?.scope === 'all' ? model.bundle.dataMeta.sample : this.catalog.sample,
      decimals: model.scheme.decimals,
      periods,
      ranking: shown ? rankRows(shown, ownUnits) : [],
      level1Average: shown?.level1Average ?? [],
      level1: level1Shares(shownUnit, shown?.level1Average ?? []),
      unit: shownUnit,
      unitBefore: before ? { total: before.total, rank: before.rank, gradeLabel: before.gradeLabel } : null,
      veto: shownUnit && shown ? explainVeto(model.scheme, shownUnit, shown.units.length) : null,
      advice,
      editProblems,
      note,
      timings: { data: t1 - t0, score: t2 - t1, advice: now() - t2 },
    };
    // Kept to show at once on the next visit (recomputed then); only for stored data without edits.
    if (meta?.saved && !edits && meta.id === this.index.activeId)
      void this.store
        .putView(meta.id, { version: FORMAT_VERSION, fingerprint: this.fingerprint, view })
        .catch(() => undefined);
    return view;
  }

  async progress(req: { datasetId: string | null; unit: string; period: string }): Promise<Answers['progress']> {
    const meta = req.datasetId ? this.meta(req.datasetId) : undefined;
    const p = parsePeriod(req.period);
    const unit = this.model.unitById.get(req.unit);
    if (!p || !unit) throw new Error('期间或单位无效');
    const { scorer } = await this.scorerFor(meta, dataMonth(p));
    const months: string[] = [];
    const results = [];
    for (let m = 1; m <= p.month; m++) {
      const id = monthId(p.year, m);
      if (!scorer.hasMonth(id)) continue;
      months.push(id);
      const r = scorer.scoreTier(unit.tier, id, {
        robustness: false,
        history: false,
        explain: false,
        items: (u) => u === unit.id,
      });
      results.push(r.units.find((u) => u.unit === unit.id));
    }
    return progressSeries(this.model, unit.id, months, results);
  }

  async exportUnit(req: ScoreRequest): Promise<Answers['exportUnit']> {
    const view = await this.score(req);
    if (!view.unit) throw new Error('请先选择单位');
    const edited = req.edits && Object.keys(req.edits).length > 0 && view.editProblems.length === 0;
    return {
      csv: labelSampleCsv(unitResultToCsv(view.unit), view.sample),
      fileName: `${view.unit.unit}-${view.period}-自查结果${edited ? '（模拟）' : ''}.csv`,
    };
  }

  async verify(req: { tier: string; period: string; siteUrl: string }): Promise<Answers['verify']> {
    const view = await this.score({ datasetId: null, tier: req.tier, period: req.period, unit: null });
    let site: unknown = null;
    try {
      site = await this.fetchJson(req.siteUrl);
    } catch {
      site = null;
    }
    const cmp =
      site === null ? { units: view.ranking.length, matches: 0, mismatches: [] } : compareRankings(view.ranking, site);
    return { view, site: { url: req.siteUrl, found: site !== null, ...cmp } };
  }

  async exportRanking(req: ScoreRequest): Promise<Answers['exportRanking']> {
    const meta = req.datasetId ? this.meta(req.datasetId) : undefined;
    const periods = this.periodsFor(meta);
    const period = periods.find((p) => p.id === req.period) ?? preferredPeriod(periods);
    if (!period) throw new Error('没有可计分的期间');
    const tier = req.tier ?? this.model.tiers[0]!.id;
    const { scorer } = await this.scorerFor(meta, period.month);
    const result = scorer.scoreTier(tier, period.id, { explain: false, items: false });
    return {
      csv: labelSampleCsv(
        resultsToCsv(result),
        meta?.scope === 'all' ? this.model.bundle.dataMeta.sample : this.catalog.sample,
      ),
      fileName: `${tier}-${period.id}-排名${meta ? '（自查数据）' : ''}.csv`,
    };
  }
}

/** Score a tier with per-item detail and explanations for one unit only (cheap for large tiers). */
function scoreUnit(scorer: Scorer, tier: string, period: string, unit: string | null): TierResult {
  return scorer.scoreTier(tier, period, { explain: (u) => u === unit, items: (u) => u === unit });
}

/** Default period: the latest month-kind period, else the last one. */
function preferredPeriod(periods: PeriodOption[]): PeriodOption | undefined {
  const months = periods.filter((p) => /^\d{4}-\d{2}$/.test(p.id));
  return months.at(-1) ?? periods.at(-1);
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
