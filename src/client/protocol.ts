/**
 * Messages between the self-check page and its engine worker, and the plain shapes the page renders.
 * The worker owns the scheme, the published data and the user's data sets; the page only ever
 * receives small, render-ready views (never data rows).
 */
import type { Problem } from '../engine/problem.ts';
import type { UnitResult } from '../engine/score.ts';
import type { UnitAdvice } from '../engine/advice.ts';
import type { VetoExplanation } from '../engine/veto.ts';

/** Where stored data lives: IndexedDB, or memory only (IndexedDB blocked or unavailable). */
export type StorageMode = 'indexeddb' | 'memory';

export interface UnitOption {
  id: string;
  name: string;
}
export interface TierOption {
  id: string;
  name: string;
  units: UnitOption[];
}
export interface PeriodOption {
  id: string;
  label: string;
  month: string;
}

export interface Catalog {
  schemeName: string;
  shortName: string;
  year: number;
  sample: boolean;
  sampleNote: string;
  decimals: number;
  tiers: TierOption[];
  /** Periods with published data, in reading order. */
  periods: PeriodOption[];
  /** Months with published data, sorted. */
  months: string[];
}

/** A kept data set: one accepted import. */
export interface DatasetMeta {
  id: string;
  /** Name of the file it came from. */
  file: string;
  /** unit: one unit's own data (ranked among published peers); all: a whole data file replacing the published data. */
  scope: 'unit' | 'all';
  /** The unit, for scope unit. */
  unit: string | null;
  unitName: string | null;
  tier: string | null;
  rows: number;
  months: string[];
  encoding: string;
  importedAt: string;
  /** Bytes of the stored columns (an estimate of what IndexedDB keeps). */
  bytes: number;
  /** False when it is kept in memory only (storage unavailable or full). */
  saved: boolean;
}

/** A stored record the page cannot read (older or newer format): listed so the user can delete it. */
export interface UnreadableDataset {
  key: string;
  version: number | null;
  reason: string;
}

export interface StorageState {
  mode: StorageMode;
  /** Why storage is in memory, or a warning (e.g. quota), in Chinese; null when all is well. */
  note: string | null;
  datasets: DatasetMeta[];
  unreadable: UnreadableDataset[];
  activeId: string | null;
  /** Data sets whose save to IndexedDB has not finished yet (shown as 正在保存). */
  saving?: string[];
}

/** What-if edits: item code → values as typed (validated by the engine's importer). */
export type Edits = Record<string, { actual?: string; target?: string }>;

export interface ScoreRequest {
  /** A data set id, or null for the published data alone (verify mode). */
  datasetId: string | null;
  tier: string | null;
  period: string | null;
  /** The unit whose items, explanation and what-if are shown. */
  unit: string | null;
  edits?: Edits | undefined;
  /** The first view of an import: without rank ranges (robustness draws), which the page asks for next. */
  quick?: boolean | undefined;
}

export interface RankRow {
  unit: string;
  name: string;
  total: number;
  base: number;
  rank: number;
  previousRank: number | null;
  /** False when the previous period is last year's and the tier's items differ (不可比). */
  previousComparable: boolean | null;
  grade: string;
  gradeLabel: string;
  coefficient: number;
  rankRange: [number, number] | null;
  flagged: number;
  hasData: boolean;
  /** Data from the user's data set rather than published. */
  own: boolean;
}

export interface ScoreView {
  datasetId: string | null;
  source: 'unit' | 'all' | 'published';
  tier: string;
  tierName: string;
  period: string;
  periodLabel: string;
  month: string;
  sample: boolean;
  decimals: number;
  /** Periods this data can be scored for (own data's months, or published). */
  periods: PeriodOption[];
  ranking: RankRow[];
  level1Average: { code: string; name: string; share: number }[];
  /** The chosen unit's score per level-1 indicator as a share of its weight, beside the tier average. */
  level1: { code: string; name: string; weight: number; score: number; share: number; tierShare: number | null }[];
  /** The chosen unit's full result (items, explanations, flags, consequences). */
  unit: UnitResult | null;
  /** The same unit's result without what-if edits (for "was → now"). */
  unitBefore: { total: number; rank: number; gradeLabel: string } | null;
  /** The chosen unit's veto (一票否决) in words — which event, which grades it bars, what it got instead — or null. */
  veto: VetoExplanation | null;
  /** Advice (提升空间) for the chosen unit, on the data shown (after what-if edits). */
  advice: UnitAdvice | null;
  /** Problems in the what-if values, if any (the previous valid scores stay). */
  editProblems: Problem[];
  /** A note about the data, in Chinese (e.g. own data has no rows for this period). */
  note: string | null;
  /** Rank ranges not computed yet (the first view of an import): shown as 计算中 until the next view. */
  rangesPending: boolean;
  /** Where the worker spent its time on this view, in ms (load, score). */
  timings: Record<string, number>;
}

export interface ProgressSeries {
  unit: string;
  months: string[];
  items: { code: string; name: string; measure: string; expected: (number | null)[]; actual: (number | null)[] }[];
}

export interface ImportRequest {
  file: File | Blob;
  fileName: string;
  /** Restrict to this unit (self-check); null accepts every unit (a whole data file). */
  unit: string | null;
  /** Score the result right away for the first render. */
  score: Omit<ScoreRequest, 'datasetId'>;
}

export type ImportResponse =
  | {
      ok: false;
      problems: Problem[];
      problemCount: number;
      rows: number;
      encoding: string | null;
      storage: StorageState;
    }
  | {
      ok: true;
      meta: DatasetMeta;
      storage: StorageState;
      view: ScoreView | null;
      /** True: the data set is being saved after this answer; the `saved` request says how it went. */
      saving: boolean;
      saveError: string | null;
      scoreError: string | null;
      timings: Record<string, number>;
      warnings: Problem[];
      warningCount: number;
    };

export interface InitRequest {
  bundleUrl: string;
  publishedUrl: string;
  /** The earlier years' own published results (years.ts YearHistoryJson); without it a year is scored alone. */
  historyUrl?: string | undefined;
  /** memory: the page found IndexedDB unavailable, so the worker must not use it either. */
  storage: StorageMode;
  storageNote: string | null;
}

export interface InitResponse {
  catalog: Catalog;
  storage: StorageState;
  /** The active data set's last result, computed with the same scheme and published data (shown at once, then recomputed). */
  cachedView: ScoreView | null;
  /** Same-origin URLs the worker fetched (so the service worker can keep them for offline use). */
  fetched: string[];
}

/** The published ranking as the browser computes it, beside the one the site built. */
export interface VerifyView {
  view: ScoreView;
  site: {
    url: string;
    /** False when the site has no ranking file for this tier and period. */
    found: boolean;
    units: number;
    matches: number;
    mismatches: {
      unit: string;
      name: string;
      siteTotal: number | null;
      siteRank: number | null;
      total: number | null;
      rank: number | null;
    }[];
  };
}

/** Requests, by type; each answers with `Answer[type]`. */
export interface Requests {
  init: InitRequest;
  template: { unit: string; period: string };
  import: ImportRequest;
  activate: { id: string | null };
  delete: { id: string };
  deleteUnreadable: { key: string };
  clear: Record<string, never>;
  score: ScoreRequest;
  progress: { datasetId: string | null; unit: string; period: string; edits?: Edits | undefined };
  exportUnit: ScoreRequest;
  exportRanking: ScoreRequest;
  verify: { tier: string; period: string; siteUrl: string };
  fetched: Record<string, never>;
  /** Read the stored index again (another tab changed it, or the worker was restarted). */
  reload: Record<string, never>;
  /** Wait until an imported data set's save has finished (stored, or failed and kept in memory). */
  saved: { id: string };
  /** Start the helper threads for large files now (the user chose to import a whole data file). */
  warm: Record<string, never>;
}
export interface Answers {
  init: InitResponse;
  template: { csv: string; fileName: string };
  import: ImportResponse;
  activate: StorageState;
  delete: StorageState;
  deleteUnreadable: StorageState;
  clear: StorageState;
  score: ScoreView;
  progress: ProgressSeries;
  exportUnit: { csv: string; fileName: string };
  exportRanking: { csv: string; fileName: string };
  verify: VerifyView;
  /** Same-origin URLs the worker has fetched so far (for the offline cache). */
  fetched: string[];
  warm: null;
  reload: StorageState;
  saved: { storage: StorageState; saveError: string | null; timings: Record<string, number> };
}
export type RequestType = keyof Requests;

export type ToWorker = { [K in RequestType]: { id: number; type: K; body: Requests[K] } }[RequestType];
export type FromWorker =
  | { id: number; kind: 'progress'; phase: string; fraction: number }
  | { id: number; kind: 'answer'; value: unknown }
  | { id: number; kind: 'error'; name: string; message: string };
