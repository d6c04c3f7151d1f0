/**
 * Scoring for the self-check's views: which data a view scores (own data among the published peers, a whole
 * file alone, or the published data), one scorer per data set kept while its data stands, the render-ready view
 * with what-if edits and advice, the progress series, the exports and the check against a published ranking.
 */
import { preferredPeriod } from '../../engine/period.ts';
import type { DataColumns } from '../../engine/data.ts';
import { indexData, replaceUnitRows } from '../../engine/data.ts';
import type { Model } from '../../engine/model.ts';
import { dataMonth, monthId, parsePeriod } from '../../engine/period.ts';
import type { Problem } from '../../engine/problem.ts';
import type { Scorer, TierResult, YearLinks } from '../../engine/score.ts';
import { createScorer } from '../../engine/score.ts';
import { labelSampleCsv } from '../../engine/sample-label.ts';
import { adviseUnit } from '../../engine/advice.ts';
import { explainVeto } from '../../engine/veto.ts';
import { importText } from '../../engine/csv/import.ts';
import { resultsToCsv, templateCsv, unitResultToCsv } from '../../engine/csv/export.ts';
import { FORMAT_VERSION } from '../db.ts';
import type { Answers, Catalog, DatasetMeta, PeriodOption, ScoreRequest, ScoreView } from '../protocol.ts';
import { compareRankings, level1Shares, periodsOfMonths, progressSeries, rankRows, whatIfCsv } from '../views.ts';
import type { Datasets } from './datasets.ts';
import type { PublishedData } from './published.ts';

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class Scoring {
  private publishedScorer: Scorer | null = null;
  /** Scorers over (published + own) or own alone, by data set id. */
  private readonly scorers = new Map<string, Scorer>();

  /**
   * `links`: the earlier years' own published results, read as history by every scorer (as the site's year
   * scorers do). `fingerprint` names the scheme and published data a stored view was computed with.
   */
  private readonly model: Model;
  private readonly catalog: Catalog;
  private readonly published: PublishedData;
  private readonly datasets: Datasets;
  private readonly links: { links?: YearLinks };
  private readonly fingerprint: string;
  private readonly fetchJson: (url: string) => Promise<unknown>;

  constructor(o: {
    model: Model;
    catalog: Catalog;
    published: PublishedData;
    datasets: Datasets;
    links: { links?: YearLinks };
    fingerprint: string;
    fetchJson: (url: string) => Promise<unknown>;
  }) {
    this.model = o.model;
    this.catalog = o.catalog;
    this.published = o.published;
    this.datasets = o.datasets;
    this.links = o.links;
    this.fingerprint = o.fingerprint;
    this.fetchJson = o.fetchJson;
  }

  /** Forget what was computed from a data set (all of them: null). */
  forget(id: string | null): void {
    if (id === null) this.scorers.clear();
    else this.scorers.delete(id);
  }

  /** Published data of every month up to `month`; scorers that read it start again when it grew. */
  private async ensurePublished(month: string): Promise<void> {
    if (!(await this.published.ensure(month))) return;
    this.publishedScorer = null;
    // Scorers of own data ranked among published peers depend on it.
    for (const [id] of this.scorers) if (this.datasets.meta(id)?.scope === 'unit') this.scorers.delete(id);
  }

  /** Data a view scores: own replacing published rows (unit), own alone (all), or published. */
  private async scorerFor(
    meta: DatasetMeta | undefined,
    month: string,
  ): Promise<{ scorer: Scorer; own: DataColumns | null }> {
    if (meta?.scope !== 'all') await this.ensurePublished(month);
    if (!meta) {
      this.publishedScorer ??= createScorer(this.model, this.published.columns!, this.links);
      return { scorer: this.publishedScorer, own: null };
    }
    const own = await this.datasets.columnsOf(meta.id);
    let scorer = this.scorers.get(meta.id);
    if (!scorer) {
      scorer = createScorer(
        this.model,
        meta.scope === 'unit' ? replaceUnitRows(this.published.columns!, own) : own,
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

  async template(unit: string, period: string): Promise<Answers['template']> {
    const p = parsePeriod(period);
    if (!p) throw new Error(`期间“${period}”格式不对`);
    await this.ensurePublished(dataMonth(p));
    const csv = templateCsv(this.model, unit, period, indexData(this.published.columns!));
    return { csv, fileName: `${unit}-${dataMonth(p)}-填报模板.csv` };
  }

  async score(req: ScoreRequest): Promise<ScoreView> {
    const meta = req.datasetId ? this.datasets.meta(req.datasetId) : undefined;
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
    const quick = req.quick === true;
    const result = scorer.hasMonth(period.month) ? scoreUnit(scorer, tier, period.id, unitInTier, !quick) : null;

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
      rangesPending: quick && result !== null,
      timings: { data: t1 - t0, score: t2 - t1, advice: now() - t2 },
    };
    // Kept to show at once on the next visit (recomputed then): only a full view of stored data without edits,
    // written once the data set itself is stored (never a view of a set that is not).
    if (meta && !quick && !edits && meta.id === this.datasets.index.activeId) {
      const id = meta.id;
      void this.datasets
        .stored(id)
        .then((ok) =>
          ok && this.datasets.meta(id)
            ? this.datasets.store.putView(id, { version: FORMAT_VERSION, fingerprint: this.fingerprint, view })
            : undefined,
        )
        .catch(() => undefined);
    }
    return view;
  }

  async progress(req: { datasetId: string | null; unit: string; period: string }): Promise<Answers['progress']> {
    const meta = req.datasetId ? this.datasets.meta(req.datasetId) : undefined;
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
    const meta = req.datasetId ? this.datasets.meta(req.datasetId) : undefined;
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
function scoreUnit(scorer: Scorer, tier: string, period: string, unit: string | null, robustness = true): TierResult {
  return scorer.scoreTier(tier, period, { explain: (u) => u === unit, items: (u) => u === unit, robustness });
}
