/** Shared helpers for tests on the hand-made fixture test/fixtures/mini. */
import { fileURLToPath } from 'node:url';
import { loadBundle } from '../../src/content-io/load-content.ts';
import { columnsFromRows, compileModel, createScorer } from '../../src/engine/index.ts';
import type { ContentBundle, DataRow, Model, ScoreOptions, TierResult, UnitResult } from '../../src/engine/index.ts';

export const MINI_DIR = fileURLToPath(new URL('../fixtures/mini', import.meta.url));

let cached: ContentBundle | undefined;

/** The fixture's bundle (a fresh copy each call, so tests may edit it). */
export function miniBundle(): ContentBundle {
  if (!cached) {
    const { bundle, problems } = loadBundle(MINI_DIR);
    if (!bundle) throw new Error(`fixture mini is invalid: ${JSON.stringify(problems)}`);
    cached = bundle;
  }
  return structuredClone(cached);
}

/** The compiled fixture, after an optional edit of its bundle; throws on any content problem. */
export function miniModel(edit?: (b: ContentBundle) => void): Model {
  const bundle = miniBundle();
  edit?.(bundle);
  const { model, problems } = compileModel(bundle);
  if (problems.length > 0) throw new Error(`fixture mini does not compile: ${JSON.stringify(problems)}`);
  return model;
}

/** Shorthand for one data row. */
export function row(
  period: string,
  unit: string,
  item: string,
  actual: number | string | null,
  target: number | null = null,
): DataRow {
  return { period, unit, item, actual, target };
}

/** Score a tier of the fixture on in-memory rows. */
export function scoreRows(
  rows: readonly DataRow[],
  tier: string,
  period: string,
  options: ScoreOptions & { edit?: (b: ContentBundle) => void } = {},
): TierResult {
  const { edit, ...opts } = options;
  return createScorer(miniModel(edit), columnsFromRows(rows)).scoreTier(tier, period, opts);
}

/** One unit's result, by id; throws when absent so tests read plainly. */
export function unitOf(result: TierResult, unit: string): UnitResult {
  const u = result.units.find((x) => x.unit === unit);
  if (!u) throw new Error(`no unit ${unit} in ${result.tier} ${result.period.id}`);
  return u;
}

/**
 * A full county month in which every unit scores the same on every item except CO-GDP, whose
 * completion (actual ÷ 100 at year end) orders the units; handy when only ranks matter.
 */
export function countyYear(period: string, gdp: Record<string, number>): DataRow[] {
  const out: DataRow[] = [];
  for (const [unit, actual] of Object.entries(gdp)) {
    out.push(
      row(period, unit, 'CO-GDP', actual, 100),
      row(period, unit, 'CO-AIR', 30),
      row(period, unit, 'CO-RANK', 1),
      row(period, unit, 'CO-MS', 4),
      row(period, unit, 'CO-GRADE', 'A'),
    );
    if (unit === 'ca') out.push(row(period, unit, 'CO-KEY', 1));
  }
  return out;
}
