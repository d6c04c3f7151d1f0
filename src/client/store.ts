/**
 * The self-check island's state and actions: a plain module, no React. Components read the state
 * (useSyncExternalStore) and call the actions; every computation happens in the engine worker.
 */
import { preferredPeriod } from '../engine/period.ts';
import type { Problem } from '../engine/problem.ts';
import { probeIndexedDb } from './db.ts';
import { CancelledError, EngineClient } from './engine-client.ts';
import { saveText } from './files.ts';
import { problemsCsv } from '../engine/csv/export.ts';
import { enableOffline, precache, watchOnline } from './offline.ts';
import type { Catalog, Edits, ProgressSeries, ScoreView, StorageState, VerifyView } from './protocol.ts';

export interface Config {
  /** Site base, ending with a slash (import.meta.env.BASE_URL). */
  base: string;
  bundleUrl: string;
  publishedUrl: string;
  /** The earlier years' own results this year reads (consequences over two years, first-period movement). */
  historyUrl?: string;
  /**
   * The form's catalog, written by the page at build: with it, and nothing saved in this browser yet, the form is
   * ready at once and the engine worker starts on the user's first interaction (not before).
   */
  catalog?: Catalog;
  swUrl: string;
  swScope: string;
}

export type ImportOutcome =
  | { ok: false; fileName: string; problems: Problem[]; problemCount: number; rows: number; encoding: string | null }
  | {
      ok: true;
      fileName: string;
      rows: number;
      encoding: string;
      /** The data set's save to the browser's storage: under way, done, or failed (then it lives in memory). */
      save: 'saving' | 'saved' | 'failed';
      saveError: string | null;
      ms: number;
      warnings: Problem[];
      warningCount: number;
    };

export interface State {
  phase: 'starting' | 'ready' | 'failed';
  startError: string | null;
  catalog: Catalog | null;
  storage: StorageState | null;
  online: boolean;
  offlineReady: boolean;
  /** The self-checking unit (template, import restriction, results detail). */
  unit: string | null;
  /** Period of the results. */
  period: string | null;
  /** Month of the template to download (YYYY-MM). */
  templateMonth: string | null;
  /** Import a whole data file (every unit) instead of one unit's data. */
  wholeFile: boolean;
  importing: { fileName: string; phase: string; fraction: number } | null;
  lastImport: ImportOutcome | null;
  /** Polite announcements for screen readers (also shown on screen). */
  status: string;
  view: ScoreView | null;
  viewBusy: boolean;
  viewError: string | null;
  /** Tier and unit chosen inside the results (whole-file data and the published ranking). */
  viewTier: string | null;
  viewUnit: string | null;
  edits: Edits;
  chartsShown: boolean;
  progress: ProgressSeries | null;
  verify: { tier: string; period: string; busy: boolean; result: VerifyView | null; error: string | null };
}

const initial: State = {
  phase: 'starting',
  startError: null,
  catalog: null,
  storage: null,
  online: true,
  offlineReady: false,
  unit: null,
  period: null,
  templateMonth: null,
  wholeFile: false,
  importing: null,
  lastImport: null,
  status: '',
  view: null,
  viewBusy: false,
  viewError: null,
  viewTier: null,
  viewUnit: null,
  edits: {},
  chartsShown: false,
  progress: null,
  verify: { tier: '', period: '', busy: false, result: null, error: null },
};

let state: State = initial;
const listeners = new Set<() => void>();
const client = new EngineClient();
let config: Config | null = null;
let scoreSeq = 0;
/** Tells this page's other tabs that the stored data sets changed. */
let channel: BroadcastChannel | null = null;
function changed() {
  try {
    channel?.postMessage('changed');
  } catch {
    /* closed */
  }
}

/** Another tab (or a restarted worker) changed what is stored: list it again, keep this tab's choice. */
async function reloadStorage() {
  try {
    const storage = await client.call('reload', {});
    const activeGone = state.storage?.activeId && !storage.datasets.some((d) => d.id === state.storage?.activeId);
    set({ storage, ...(activeGone ? { view: null, edits: {}, progress: null } : {}) });
  } catch {
    /* the next action reports */
  }
}
let offlineStarted = false;
const cachedUrls = new Set<string>();

/**
 * Hand the service worker what the engine worker has fetched (published months are read on
 * demand, and on a first visit the engine worker's own requests are not seen by the service worker).
 */
async function keepForOffline() {
  if (!offlineStarted) return;
  try {
    const urls = (await client.call('fetched', {})).filter((u) => !cachedUrls.has(u));
    if (urls.length === 0) return;
    for (const u of urls) cachedUrls.add(u);
    precache(urls);
  } catch {
    /* best effort */
  }
}
let progressSeq = 0;

export function getState(): State {
  return state;
}
export function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
function set(patch: Partial<State>) {
  state = { ...state, ...patch };
  for (const fn of listeners) fn();
}
function announce(status: string) {
  set({ status });
}

const mark = (name: string) => {
  try {
    performance.mark(name);
  } catch {
    /* older browsers */
  }
};

function errorText(e: unknown): string {
  return (e as Error)?.message ?? String(e);
}

/** Without any interaction, the engine worker starts this long after the form is shown (then when the page is idle). */
export const IDLE_START_MS = 5000;

/** Start once per page: storage probe, worker, catalog, restore the active data set, offline cache. */
export async function start(cfg: Config): Promise<void> {
  if (config) return;
  config = cfg;
  mark('kaohe:start');
  set({ online: navigator.onLine });
  if ('BroadcastChannel' in window) {
    channel = new BroadcastChannel('kaohe-self-check');
    channel.onmessage = () => {
      if (state.phase === 'ready' && !state.importing) void reloadStorage();
    };
  }
  watchOnline((online) =>
    set({ online, status: online ? '网络已恢复。' : '当前离线：自查仍可使用，数据只在本机处理。' }),
  );
  // The page decides whether IndexedDB is usable (a blocked or private-mode page cannot use it);
  // the worker then uses memory too, so nothing is half-stored.
  const probe = await probeIndexedDb();
  const req = {
    bundleUrl: new URL(cfg.bundleUrl, location.href).href,
    publishedUrl: new URL(cfg.publishedUrl, location.href).href,
    historyUrl: cfg.historyUrl ? new URL(cfg.historyUrl, location.href).href : undefined,
    storage: probe.ok ? ('indexeddb' as const) : ('memory' as const),
    storageNote: probe.ok ? null : `${probe.reason}：本页改为仅在内存中保存数据，关闭或刷新页面后数据即消失。`,
  };
  if (cfg.catalog && probe.empty) {
    // Nothing to restore: show the form now; the worker (and the engine's code) loads when the user acts.
    client.prepare(req);
    ready(cfg.catalog, { mode: req.storage, note: req.storageNote, datasets: [], unreadable: [], activeId: null });
    // It starts on the first interaction, or once the page has been idle a while (so that the page still works
    // offline after a visit in which the user did nothing), whichever comes first.
    const events = ['pointerdown', 'keydown', 'focusin', 'dragenter'] as const;
    let woken = false;
    const wake = () => {
      if (woken) return;
      woken = true;
      for (const e of events) document.removeEventListener(e, wake, true);
      void boot(true);
    };
    for (const e of events) document.addEventListener(e, wake, { capture: true, passive: true });
    setTimeout(() => {
      if ('requestIdleCallback' in window) requestIdleCallback(wake, { timeout: 5000 });
      else wake();
    }, IDLE_START_MS);
    return;
  }
  client.prepare(req);
  await boot(false);
}

/** The form with its catalog and the stored data sets. */
function ready(catalog: Catalog, storage: StorageState) {
  const periods = catalog.periods;
  set({
    phase: 'ready',
    catalog,
    storage,
    period: preferredPeriod(periods)?.id ?? null,
    templateMonth: catalog.months.filter((m) => m.startsWith(`${catalog.year}-`)).at(-1) ?? `${catalog.year}-01`,
    verify: { ...state.verify, tier: catalog.tiers[0]?.id ?? '', period: periods.at(-1)?.id ?? '' },
  });
}

/**
 * Start the engine worker and take its answer: the catalog and stored data sets, the active one restored.
 * `shown`: the form is already on screen (from the page's catalog), so only what is stored is taken.
 */
async function boot(shown: boolean): Promise<void> {
  try {
    const init = await client.started();
    mark('kaohe:init-done');
    const active = init.storage.datasets.find((d) => d.id === init.storage.activeId);
    if (shown) set({ storage: state.importing || state.view ? state.storage : init.storage, catalog: init.catalog });
    else {
      ready(init.catalog, init.storage);
      const cached = active ? init.cachedView : null;
      set({
        unit: active?.unit ?? null,
        status: active ? `正在恢复已保存的数据：${active.file}` : '',
        // The last result for this data set (same scheme and published data), shown while it is recomputed.
        ...(cached
          ? {
              view: cached,
              viewBusy: true,
              viewTier: cached.tier,
              viewUnit: cached.unit?.unit ?? active?.unit ?? null,
              period: cached.period,
            }
          : {}),
      });
      if (active) await refreshView({ announceDone: `已恢复保存的数据：${active.file}` });
    }
    offlineStarted = true;
    void enableOffline(config!.swUrl, config!.swScope, init.fetched).then((ok) => {
      set({ offlineReady: ok });
      void keepForOffline();
    });
  } catch (e) {
    if (!shown || !(e instanceof CancelledError)) set({ phase: 'failed', startError: errorText(e) });
  }
}

export function selectUnit(unit: string | null) {
  set({ unit, viewUnit: unit, edits: {} });
  const v = state.view;
  if (v && v.source !== 'unit') void refreshView();
}

export function selectPeriod(period: string) {
  set({ period, edits: {} });
  if (state.view) void refreshView();
}

export function setWholeFile(wholeFile: boolean) {
  set({ wholeFile });
  // A whole data file is usually large: its helper threads start now rather than once it is chosen.
  if (wholeFile) void client.call('warm', {}).catch(() => undefined);
}

export function selectTemplateMonth(month: string) {
  set({ templateMonth: month });
}

export async function downloadTemplate() {
  if (!state.unit || !state.templateMonth) return;
  try {
    const t = await client.call('template', { unit: state.unit, period: state.templateMonth });
    saveText(t.fileName, t.csv);
    announce(`已生成模板 ${t.fileName}`);
  } catch (e) {
    announce(`生成模板失败：${errorText(e)}`);
  }
}

export async function importFile(file: File) {
  if (state.importing) return;
  if (!state.wholeFile && !state.unit) {
    announce('请先选择本单位，再导入数据。');
    return;
  }
  // Ask once, from this user action, that the browser keep the data (Safari and Firefox evict otherwise).
  void navigator.storage?.persist?.().catch(() => false);
  const t0 = performance.now();
  mark('kaohe:import-start');
  set({
    importing: { fileName: file.name, phase: 'read', fraction: 0 },
    lastImport: null,
    status: `正在读取 ${file.name}…`,
  });
  try {
    const res = await client.call(
      'import',
      {
        file,
        fileName: file.name,
        unit: state.wholeFile ? null : state.unit,
        score: { tier: state.viewTier, period: state.period, unit: state.unit },
      },
      (phase, fraction) => set({ importing: { fileName: file.name, phase, fraction } }),
    );
    if (!res.ok) {
      set({
        importing: null,
        storage: res.storage,
        lastImport: {
          ok: false,
          fileName: file.name,
          problems: res.problems,
          problemCount: res.problemCount,
          rows: res.rows,
          encoding: res.encoding,
        },
        status: `${file.name} 未导入：发现 ${res.problemCount} 个问题，已保存的数据没有改变。`,
      });
      return;
    }
    const ms = performance.now() - t0;
    try {
      performance.mark('kaohe:import-timings', { detail: res.timings });
    } catch {
      /* older browsers */
    }
    const outcome: ImportOutcome = {
      ok: true,
      fileName: file.name,
      rows: res.meta.rows,
      encoding: res.meta.encoding,
      save: res.saving ? 'saving' : res.saveError ? 'failed' : 'saved',
      saveError: res.saveError,
      ms,
      warnings: res.warnings,
      warningCount: res.warningCount,
    };
    set({
      importing: null,
      storage: res.storage,
      edits: {},
      progress: null,
      lastImport: outcome,
      view: res.view,
      viewBusy: res.view?.rangesPending ?? false,
      viewError: res.scoreError,
      viewTier: res.view?.tier ?? state.viewTier,
      viewUnit: res.view?.unit?.unit ?? state.viewUnit,
      period: res.view?.period ?? state.period,
      status: `${file.name} 已导入 ${res.meta.rows} 行${res.saving ? '，正在保存到本机浏览器…' : res.saveError ? '（未能保存到浏览器存储）' : '，已保存在本机浏览器中'}。${res.view?.unit ? `总分 ${res.view.unit.total.toFixed(res.view.decimals)}，排名第 ${res.view.unit.rank}。` : ''}${res.scoreError ? `暂时无法计分：${res.scoreError}` : ''}`,
    });
    // The rank ranges (robustness draws) follow the first result; the worker computes them while the save commits.
    if (res.view?.rangesPending) void refreshView();
    if (res.saving) void confirmSave(res.meta.id, outcome);
    else changed();
    if (state.chartsShown) void loadProgress();
    void keepForOffline();
  } catch (e) {
    if (e instanceof CancelledError) {
      set({ importing: null, status: `已取消导入 ${file.name}，已保存的数据没有改变。` });
      // The worker was restarted: read the stored list again.
      void reloadStorage();
      return;
    }
    set({
      importing: null,
      lastImport: {
        ok: false,
        fileName: file.name,
        problems: [{ file: file.name, expected: errorText(e) }],
        problemCount: 1,
        rows: 0,
        encoding: null,
      },
      status: `导入失败：${errorText(e)}`,
    });
  }
}

/** Until a save has finished, leaving the page asks first (a page closed mid-save keeps the earlier data only). */
function holdPage(e: BeforeUnloadEvent) {
  e.preventDefault();
}

/** Wait for an imported data set's save and say how it went (saved, or kept in memory only and why). */
async function confirmSave(id: string, outcome: Extract<ImportOutcome, { ok: true }>) {
  window.addEventListener('beforeunload', holdPage);
  let saveError: string | null;
  try {
    const r = await client.call('saved', { id });
    saveError = r.saveError;
    set({ storage: r.storage });
    try {
      performance.mark('kaohe:saved', { detail: r.timings });
    } catch {
      /* older browsers */
    }
  } catch (e) {
    saveError =
      e instanceof CancelledError
        ? '保存被中断，本次数据未能保存（此前保存的数据完好）。请重新导入该文件。'
        : `未能确认保存：${errorText(e)}（此前保存的数据完好）。请刷新页面查看，必要时重新导入该文件。`;
    void reloadStorage();
  } finally {
    window.removeEventListener('beforeunload', holdPage);
  }
  const save = saveError ? ('failed' as const) : ('saved' as const);
  if (state.lastImport === outcome) set({ lastImport: { ...outcome, save, saveError } });
  announce(
    saveError ? `${outcome.fileName} 未能保存到浏览器存储：${saveError}` : `${outcome.fileName} 已保存在本机浏览器中。`,
  );
  if (!saveError) changed();
}

/** Stop an import: the worker is stopped and restarted; nothing it had not committed is kept. */
export function cancelImport() {
  if (!state.importing) return;
  client.cancel();
}

/** Score the current selection again (after a change of data set, period, tier, unit or edits). */
type ViewOpts = { announceDone?: string };
let scoring: Promise<void> | null = null;
let queued: { opts: ViewOpts; done: Promise<void>; resolve: () => void } | null = null;

/**
 * Score the current choice (data set, tier, period, unit, what-if edits) and show it. While one request is being
 * computed, later ones wait as one: only the state as it is when the worker is free is scored (typing a value
 * costs one recomputation after the request in flight, not one per keystroke).
 */
export function refreshView(opts: ViewOpts = {}): Promise<void> {
  if (!scoring) {
    scoring = scoreView(opts).finally(nextView);
    return scoring;
  }
  set({ viewBusy: true });
  if (queued) {
    queued.opts = { ...queued.opts, ...opts };
    return queued.done;
  }
  let resolve = () => {};
  const done = new Promise<void>((r) => (resolve = r));
  queued = { opts, done, resolve };
  return done;
}

function nextView() {
  scoring = null;
  const q = queued;
  queued = null;
  if (q) {
    scoring = scoreView(q.opts).finally(nextView);
    void scoring.then(q.resolve);
  }
}

async function scoreView(opts: ViewOpts) {
  const ds = state.storage?.activeId ?? null;
  const seq = ++scoreSeq;
  set({ viewBusy: true });
  try {
    const view = await client.call('score', {
      datasetId: ds,
      tier: state.viewTier,
      period: state.period,
      unit: state.viewUnit ?? state.unit,
      edits: state.edits,
    });
    if (seq !== scoreSeq) return;
    try {
      performance.mark('kaohe:view-received', { detail: view.timings });
    } catch {
      /* older browsers */
    }
    set({
      view,
      viewBusy: queued !== null,
      viewError: null,
      viewTier: view.tier,
      period: view.period,
      ...(opts.announceDone ? { status: opts.announceDone } : {}),
    });
    if (state.chartsShown) void loadProgress();
    void keepForOffline();
  } catch (e) {
    if (seq !== scoreSeq) return;
    if (e instanceof CancelledError) {
      set({ viewBusy: false });
      return;
    }
    set({ viewBusy: false, viewError: errorText(e) });
  }
}

export async function activateDataset(id: string | null) {
  try {
    const storage = await client.call('activate', { id });
    const meta = storage.datasets.find((d) => d.id === id);
    set({
      storage,
      edits: {},
      progress: null,
      unit: meta?.unit ?? state.unit,
      viewUnit: meta?.unit ?? state.viewUnit,
      view: id ? state.view : null,
    });
    if (id) await refreshView({ announceDone: `已切换到 ${meta?.file ?? '数据集'}` });
    else announce('已关闭当前数据集。');
  } catch (e) {
    announce(`切换失败：${errorText(e)}`);
  }
}

export async function deleteDataset(id: string) {
  try {
    const name = state.storage?.datasets.find((d) => d.id === id)?.file ?? '';
    const wasActive = state.storage?.activeId === id;
    const storage = await client.call('delete', { id });
    set({ storage, ...(wasActive ? { view: null, edits: {}, progress: null } : {}) });
    announce(`已删除 ${name}。`);
    changed();
  } catch (e) {
    announce(`删除失败：${errorText(e)}`);
  }
}

export async function deleteUnreadable(key: string) {
  try {
    set({ storage: await client.call('deleteUnreadable', { key }) });
    announce('已删除无法读取的数据。');
  } catch (e) {
    announce(`删除失败：${errorText(e)}`);
  }
}

export async function clearAll() {
  try {
    const storage = await client.call('clear', {});
    set({ storage, view: null, edits: {}, progress: null, lastImport: null });
    announce('已清除本机保存的全部自查数据。');
    changed();
  } catch (e) {
    announce(`清除失败：${errorText(e)}`);
  }
}

export function setViewTier(tier: string) {
  set({ viewTier: tier, viewUnit: null, edits: {}, progress: null });
  void refreshView();
}

export function setViewUnit(unit: string | null) {
  set({ viewUnit: unit, edits: {}, progress: null });
  void refreshView();
}

/** What-if: change one value in place; the score follows at once. */
export function editValue(code: string, field: 'actual' | 'target', value: string) {
  const prev = state.edits[code] ?? {};
  set({ edits: { ...state.edits, [code]: { ...prev, [field]: value } } });
  void refreshView();
}

export function resetEdits() {
  set({ edits: {} });
  void refreshView({ announceDone: '已恢复为导入的数值。' });
}

export async function exportResults() {
  const ds = state.storage?.activeId ?? null;
  try {
    const f = await client.call('exportUnit', {
      datasetId: ds,
      tier: state.viewTier,
      period: state.period,
      unit: state.viewUnit ?? state.unit,
      edits: state.edits,
    });
    saveText(f.fileName, f.csv);
    announce(`已导出 ${f.fileName}`);
  } catch (e) {
    announce(`导出失败：${errorText(e)}`);
  }
}

export async function exportRanking(datasetId: string | null, tier: string, period: string) {
  try {
    const f = await client.call('exportRanking', { datasetId, tier, period, unit: null });
    saveText(f.fileName, f.csv);
    announce(`已导出 ${f.fileName}`);
  } catch (e) {
    announce(`导出失败：${errorText(e)}`);
  }
}

export function downloadProblems() {
  const li = state.lastImport;
  if (!li || li.ok) return;
  saveText(`${li.fileName.replace(/\.[^.]*$/, '')}-问题清单.csv`, problemsCsv(li.problems));
}

/** Print the results with every explanation open. */
export function printResults() {
  for (const d of document.querySelectorAll<HTMLDetailsElement>('.sc-results details')) d.open = true;
  window.print();
}

export function showCharts(shown: boolean) {
  set({ chartsShown: shown });
  if (shown) void loadProgress();
}

export async function loadProgress() {
  const v = state.view;
  if (!v?.unit) {
    set({ progress: null });
    return;
  }
  const seq = ++progressSeq;
  try {
    const progress = await client.call('progress', { datasetId: v.datasetId, unit: v.unit.unit, period: v.period });
    if (seq === progressSeq) set({ progress });
  } catch {
    if (seq === progressSeq) set({ progress: null });
  }
}

/** After the chart code loads on demand, keep it for offline use too. */
export function chartsLoaded() {
  precache([]);
}

export function setVerify(patch: Partial<Pick<State['verify'], 'tier' | 'period'>>) {
  set({ verify: { ...state.verify, ...patch } });
}

export async function runVerify() {
  const { tier, period } = state.verify;
  if (!config || !tier || !period) return;
  set({ verify: { ...state.verify, busy: true, error: null } });
  try {
    const siteUrl = new URL(`${config.base}rankings/${tier}/${period}.json`, location.href).href;
    const result = await client.call('verify', { tier, period, siteUrl });
    set({ verify: { ...state.verify, busy: false, result } });
    const s = result.site;
    announce(
      s.found
        ? s.mismatches.length === 0
          ? `核对完成：${s.units} 个单位的总分和排名与网站公布的完全一致。`
          : `核对完成：${s.mismatches.length} 个单位与网站公布的不一致。`
        : `已按公布数据算出 ${result.view.ranking.length} 个单位的排名（网站没有该期排名文件可比对）。`,
    );
  } catch (e) {
    set({ verify: { ...state.verify, busy: false, error: errorText(e) } });
  }
}

/** Marks the first paint of a result (for the benchmark and for restore timing). */
export function rendered(kind: 'view' | 'problems') {
  mark(`kaohe:rendered-${kind}`);
}
