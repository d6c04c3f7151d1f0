import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadContent } from '../../src/content-io/load-content.ts';
import { createScorer, periodsOfYear } from '../../src/engine/index.ts';

/**
 * Compute once, share everywhere: a tier's evaluation, ranking, rank ranges and unit records are computed
 * once per data month, whatever number of pages and period views (month, quarter, mid-year, year) read
 * them; explanations are built on demand for the unit asked about.
 */
const CONTENT = fileURLToPath(new URL('../../content/2023', import.meta.url));
const { model, data } = loadContent(CONTENT);

describe('scorer sharing', () => {
  const scorer = createScorer(model!, data);
  const inYear = scorer.months.filter((m) => m.startsWith(`${model!.scheme.year}-`));
  const periods = periodsOfYear(model!.scheme.year, inYear.length);
  const tiers = model!.scheme.tiers;

  it('computes each tier and month once, however many views and pages read it', () => {
    // What the build does: every ranking page, its CSV and JSON, and every unit page's history read the rankings.
    for (let page = 0; page < 3; page++)
      for (const tier of tiers) for (const p of periods) scorer.scoreTier(tier, p.id, { explain: false });
    for (const unit of model!.units) for (const p of periods) scorer.scoreTier(unit.tier, p.id, { explain: false });
    const s = scorer.stats();
    expect(s.monthResults).toBe(tiers.length * inYear.length);
    expect(s.robustness).toBe(tiers.length * inYear.length);
    expect(s.views).toBe(tiers.length * periods.length);
    // Evaluations and cores: each tier's months once (the year before included, for movement and consequences).
    expect(s.monthEvals).toBeLessThanOrEqual(tiers.length * scorer.months.length);
    expect(s.cores).toBeLessThanOrEqual(tiers.length * scorer.months.length);
  });

  it('gives a quarter, the mid-year check and the year the numbers of their month, with their own movement', () => {
    const year = model!.scheme.year;
    for (const tier of tiers) {
      const june = scorer.scoreTier(tier, `${year}-06`, { explain: false });
      for (const id of [`${year}-Q2`, `${year}-H1`]) {
        const v = scorer.scoreTier(tier, id, { explain: false });
        expect(v.period.id).toBe(id);
        expect(v.units.map((u) => [u.unit, u.total, u.rank, u.grade, u.rankRange, u.period])).toEqual(
          june.units.map((u) => [u.unit, u.total, u.rank, u.grade, u.rankRange, id]),
        );
        // The items are the month's own records, not copies.
        v.units.forEach((u, i) => expect(u.items).toBe(june.units[i]!.items));
      }
      const q2 = scorer.scoreTier(tier, `${year}-Q2`, { explain: false });
      const march = scorer.scoreTier(tier, `${year}-03`, { explain: false });
      const rankInMarch = new Map(march.units.map((u) => [u.unit, u.hasData ? u.rank : null]));
      for (const u of q2.units) expect(u.previousRank, `${tier} ${u.unit}`).toBe(rankInMarch.get(u.unit) ?? null);
    }
  });

  it('explains one unit on demand exactly as scoring with explanations does', () => {
    const fresh = createScorer(model!, data);
    for (const tier of tiers) {
      const p = periods.at(-1)!.id;
      const full = fresh.scoreTier(tier, p);
      for (const u of full.units.slice(0, 3)) expect(fresh.explainUnit(tier, p, u.unit)).toEqual(u);
    }
    expect(fresh.stats().explained).toBe(tiers.length * 3);
    expect(fresh.explainUnit(tiers[0]!, periods[0]!.id, 'no-such-unit')).toBeUndefined();
  });
});
