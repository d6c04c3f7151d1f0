/**
 * Pure helpers that turn engine results into what the page shows (run in the worker): ranking rows,
 * progress series for the chart, the periods a data set can be scored for, and the CSV text of a
 * unit's what-if values (re-read by the engine's own importer, so edits are validated like files).
 */
import { toCsv } from '../engine/csv/export.ts';
import { unlabelledUnits } from '../engine/sample-label.ts';
import type { DataColumns } from '../engine/data.ts';
import type { Model } from '../engine/model.ts';
import type { Period } from '../engine/period.ts';
import { dataMonth, periodsOfMonths as enginePeriodsOfMonths } from '../engine/period.ts';
import type { TierResult, UnitResult } from '../engine/score.ts';
import type { Edits, PeriodOption, ProgressSeries, RankRow, ScoreView, VerifyView } from './protocol.ts';

export function rankRows(result: TierResult, own: (unit: string) => boolean): RankRow[] {
  return result.units.map((u) => ({
    unit: u.unit,
    name: u.name,
    total: u.total,
    base: u.base,
    rank: u.rank,
    previousRank: u.previousRank,
    previousComparable: u.previousComparable,
    grade: u.grade,
    gradeLabel: u.gradeLabel,
    coefficient: u.coefficient,
    rankRange: u.rankRange,
    flagged: u.flagged.length,
    hasData: u.hasData,
    own: own(u.unit),
  }));
}

export function periodOption(p: Period): PeriodOption {
  return { id: p.id, label: p.label, month: dataMonth(p) };
}

/** Every period view that reads one of these data months (month; quarter at 3/6/9/12; mid-year at 6; year at 12). */
export function periodsOfMonths(months: readonly string[]): PeriodOption[] {
  return enginePeriodsOfMonths(months).map(periodOption);
}

/**
 * Actual against expected progress month by month for a unit's cumulative items (share of the annual
 * target): what the schedule asks for by each month, and what was reported.
 */
export function progressSeries(
  model: Model,
  unit: string,
  months: string[],
  results: (UnitResult | undefined)[],
): ProgressSeries {
  const list = (model.unitItems.get(unit) ?? []).filter(
    (x) => x.item.cumulative && x.item.direction === 'higher' && x.item.standard.kind !== 'grade',
  );
  const items = list
    .map((x) => {
      const expected: (number | null)[] = [];
      const actual: (number | null)[] = [];
      results.forEach((r) => {
        const it = r?.items.find((i) => i.code === x.item.code);
        if (!it) {
          expected.push(null);
          actual.push(null);
          return;
        }
        expected.push(it.missing ? null : it.expected);
        actual.push(it.actualProgress);
      });
      return { code: x.item.code, name: x.item.name, measure: x.item.measure ?? '', expected, actual };
    })
    .filter((s) => s.actual.some((v) => v !== null));
  return { unit, months, items };
}

const fmtValue = (v: number | string | null | undefined): string =>
  v === null || v === undefined ? '' : typeof v === 'number' ? (Number.isNaN(v) ? '' : String(v)) : v;

/**
 * The unit's rows for one month as import CSV, with what-if edits applied. `base` holds the rows to
 * start from (its own data, or the published rows); items and adjustments without a row start empty.
 * Returns the text and the item code of each CSV row number (for naming problems).
 */
export function whatIfCsv(
  model: Model,
  unit: string,
  month: string,
  base: DataColumns,
  edits: Edits,
): { csv: string; codeOfRow: Map<number, string> } {
  const u = model.unitById.get(unit);
  const current = new Map<string, { actual: string; target: string; note: string }>();
  const pi = base.periods.indexOf(month);
  const ui = base.units.indexOf(unit);
  for (let r = 0; r < base.length; r++) {
    if (base.period[r] !== pi || base.unit[r] !== ui) continue;
    current.set(base.items[base.item[r]!]!, {
      actual: base.text.get(r) ?? fmtValue(base.actual[r]),
      target: fmtValue(base.target[r]),
      note: base.note.get(r) ?? '',
    });
  }
  const codes = (model.unitItems.get(unit) ?? []).map((x) => x.item.code);
  for (const a of model.scheme.adjustments) if (!a.tiers || (u && a.tiers.includes(u.tier))) codes.push(a.code);
  const rows: string[][] = [];
  const codeOfRow = new Map<number, string>();
  for (const code of codes) {
    const c = current.get(code) ?? { actual: '', target: '', note: '' };
    const e = edits[code];
    const actual = e?.actual ?? c.actual;
    const target = e?.target ?? c.target;
    // A row with nothing in it means "no data", as in the file; leave it out.
    if (actual.trim() === '' && target.trim() === '' && !current.has(code)) continue;
    rows.push([month, unit, code, actual, target, c.note]);
    codeOfRow.set(rows.length + 1, code);
  }
  const csv = toCsv(['期间', '单位代码', '事项代码', '实际值', '目标值', '备注'], rows, { bom: false });
  return { csv, codeOfRow };
}

/** Compare the browser's ranking with the site's published JSON (rankingJson shape: unit, total, rank). */
export function compareRankings(
  rows: readonly RankRow[],
  site: unknown,
): { units: number; matches: number; mismatches: VerifyView['site']['mismatches'] } {
  const units = unlabelledUnits(site);
  const list = Array.isArray(units)
    ? (units as { unit?: unknown; name?: unknown; total?: unknown; rank?: unknown }[])
    : [];
  const ours = new Map(rows.map((r) => [r.unit, r]));
  const seen = new Set<string>();
  const mismatches: VerifyView['site']['mismatches'] = [];
  let matches = 0;
  for (const s of list) {
    const unit = String(s.unit ?? '');
    seen.add(unit);
    const o = ours.get(unit);
    const siteTotal = typeof s.total === 'number' ? s.total : null;
    const siteRank = typeof s.rank === 'number' ? s.rank : null;
    if (o && siteTotal === o.total && siteRank === o.rank) matches++;
    else
      mismatches.push({
        unit,
        name: o?.name ?? String(s.name ?? unit),
        siteTotal,
        siteRank,
        total: o?.total ?? null,
        rank: o?.rank ?? null,
      });
  }
  for (const o of rows)
    if (!seen.has(o.unit))
      mismatches.push({ unit: o.unit, name: o.name, siteTotal: null, siteRank: null, total: o.total, rank: o.rank });
  return { units: Math.max(list.length, rows.length), matches, mismatches };
}

/** A unit's level-1 scores as shares of their weights, beside the tier average share. */
export function level1Shares(
  unit: UnitResult | null | undefined,
  average: TierResult['level1Average'],
): ScoreView['level1'] {
  if (!unit) return [];
  const avg = new Map(average.map((a) => [a.code, a.share]));
  return unit.indicators.map((i) => ({
    code: i.code,
    name: i.name,
    weight: i.weight,
    score: i.score,
    share: i.share,
    tierShare: avg.get(i.code) ?? null,
  }));
}
