/**
 * What the self-check's form offers (scheme name, tiers and units, periods with published data): computed from the
 * compiled scheme and the published months, by the worker at start-up and by the page at build (so the form is
 * usable before the worker has loaded). DOM-free.
 */
import type { Model } from '../engine/model.ts';
import { periodsWithData } from '../engine/period.ts';
import type { Catalog } from './protocol.ts';
import { periodOption } from './views.ts';

export function catalogOf(model: Model, publishedMonths: readonly string[]): Catalog {
  const months = [...publishedMonths].sort();
  const year = model.scheme.year;
  return {
    schemeName: model.scheme.name,
    shortName: model.scheme.shortName,
    year,
    sample: model.bundle.dataMeta.sample,
    sampleNote: model.bundle.dataMeta.note,
    decimals: model.scheme.decimals,
    tiers: model.tiers.map((t) => ({
      id: t.id,
      name: t.name,
      units: (model.unitsByTier.get(t.id) ?? []).map((u) => ({ id: u.id, name: u.name })),
    })),
    periods: periodsWithData(year, months).map(periodOption),
    months,
  };
}
