import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content-io/load-content.ts';
import { adviseTier, ColumnsBuilder, createScorer, findRow, indexData, valueStep } from '../../src/engine/index.ts';
import type { DataColumns, Model, Suggestion, UnitAdvice } from '../../src/engine/index.ts';

/**
 * Advice checked by construction on the default scheme (content/): every suggested change is applied to
 * the data and scored by the engine from scratch, and must give exactly the promised rank and grade;
 * the value one step (the item's precision) short of it must not reach.
 */
const CONTENT = fileURLToPath(new URL('../../content/2023', import.meta.url));
const { model: loaded, data: all } = loadContent(CONTENT);
const model = loaded as Model;
const MONTH = '2023-06';

const pi = all.periods.indexOf(MONTH);
const base = (() => {
  const b = new ColumnsBuilder(4096);
  for (let i = 0; i < all.length; i++) if (all.period[i] === pi) b.pushFrom(all, i);
  return indexData(b.finish());
})();

/** The month's rows only (what a ranking of that month reads), with some values replaced. */
function monthData(changes: readonly { unit: string; item: string; value: number | string }[] = []): DataColumns {
  const d = base.data;
  const actual = Float64Array.from(d.actual);
  const text = new Map(d.text);
  for (const c of changes) {
    const r = findRow(base, MONTH, c.unit, c.item);
    if (r < 0) throw new Error(`no row for ${c.unit} ${c.item}`);
    if (typeof c.value === 'string') {
      actual[r] = NaN;
      text.set(r, c.value);
    } else {
      actual[r] = c.value;
      text.delete(r);
    }
  }
  return { ...d, actual, text };
}

function outcome(tier: string, changes: readonly { unit: string; item: string; value: number | string }[]) {
  const r = createScorer(model, monthData(changes)).scoreTier(tier, MONTH, {
    robustness: false,
    history: false,
    explain: false,
    items: false,
  });
  return new Map(r.units.map((u) => [u.unit, u]));
}

/** The value one precision step short of the suggestion, or null when that is the value as reported. */
function stepShort(s: Suggestion): number | string | null {
  const item = model.itemByCode.get(s.item)!.item;
  if (typeof s.to === 'string') {
    if (item.standard.kind !== 'grade') return null;
    const g = item.standard.grades;
    const between = Object.keys(g)
      .filter((l) => g[l]! > (g[String(s.from)] ?? 0) && g[l]! < g[s.to as string]!)
      .sort((a, b) => g[b]! - g[a]!);
    return between[0] ?? null;
  }
  const step = valueStep(item);
  const from = s.from as number;
  const short = Number((s.to - Math.sign(s.to - from) * step).toFixed(10));
  return Math.sign(short - from) === Math.sign(s.to - from) && short !== from ? short : null;
}

const tiers = model.scheme.tiers;
const advice = new Map(tiers.map((t) => [t, adviseTier(createScorer(model, all), t, MONTH)]));
const every = [...advice].flatMap(([tier, m]) => [...m.values()].map((a) => ({ tier, a })));
const before = new Map(tiers.map((t) => [t, outcome(t, [])]));
const gradeNo = (tier: string, label: string) =>
  (model.scheme.grades[tier] ?? model.scheme.grades.default).bands.findIndex((b) => b.label === label);

describe('advice (提升空间) on the default scheme, checked by construction', () => {
  it('covers peer-relative items, grades, pairs and the unit below', () => {
    const all = every.flatMap(({ a }) => [...(a.rankGoal?.suggestions ?? []), ...(a.gradeGoal?.suggestions ?? [])]);
    expect(all.some((s) => s.peers)).toBe(true);
    expect(every.some(({ a }) => a.gradeGoal && a.gradeGoal.suggestions.length > 0)).toBe(true);
    expect(every.some(({ a }) => a.keep?.suggestion)).toBe(true);
  });

  it.each(every.map(({ tier, a }) => ({ tier, unit: a.unit, a })))(
    '$tier $unit: each change to the next rank gives exactly the promised rank; one step short does not',
    ({ tier, a }) => {
      const now = before.get(tier)!.get(a.unit)!;
      expect(a.rank).toBe(now.rank);
      if (!a.rankGoal) {
        expect(now.rank).toBe(1);
        return;
      }
      for (const s of a.rankGoal.suggestions) {
        const after = outcome(tier, [{ unit: a.unit, item: s.item, value: s.to }]).get(a.unit)!;
        expect(after.rank, s.text).toBe(s.rank);
        expect(after.rank, s.text).toBeLessThan(now.rank);
        expect(after.gradeLabel, s.text).toBe(s.grade);
        const short = stepShort(s);
        if (short !== null)
          expect(
            outcome(tier, [{ unit: a.unit, item: s.item, value: short }]).get(a.unit)!.rank,
            `${s.text}, one step short`,
          ).toBe(now.rank);
      }
      if (a.rankGoal.pair) {
        const after = outcome(
          tier,
          a.rankGoal.pair.map((s) => ({ unit: a.unit, item: s.item, value: s.to })),
        ).get(a.unit)!;
        expect(after.rank).toBeLessThan(now.rank);
        expect(after.rank).toBe(a.rankGoal.pair[0]!.rank);
      }
    },
  );

  it.each(every.filter(({ a }) => a.gradeGoal).map(({ tier, a }) => ({ tier, unit: a.unit, a })))(
    '$tier $unit: each change to the next grade gives exactly the promised grade; one step short does not',
    ({ tier, a }) => {
      const now = before.get(tier)!.get(a.unit)!;
      const goal = a.gradeGoal!;
      for (const s of goal.suggestions) {
        const after = outcome(tier, [{ unit: a.unit, item: s.item, value: s.to }]).get(a.unit)!;
        expect(after.gradeLabel, s.text).toBe(s.grade);
        expect(gradeNo(tier, after.gradeLabel), s.text).toBeLessThan(gradeNo(tier, now.gradeLabel));
        expect(after.rank, s.text).toBe(s.rank);
        const short = stepShort(s);
        if (short !== null)
          expect(
            outcome(tier, [{ unit: a.unit, item: s.item, value: short }]).get(a.unit)!.gradeLabel,
            `${s.text}, one step short`,
          ).toBe(now.gradeLabel);
      }
    },
  );

  it.each(every.filter(({ a }) => a.keep?.suggestion).map(({ tier, a }) => ({ tier, unit: a.unit, a })))(
    '$tier $unit: the margin is to the unit just below, and its suggested change overtakes; one step short does not',
    ({ tier, a }) => {
      const now = before.get(tier)!;
      const keep = a.keep!;
      const s = keep.suggestion!;
      expect(keep.margin).toBeCloseTo(now.get(a.unit)!.total - now.get(keep.below[0]!.unit)!.total, 6);
      const after = outcome(tier, [{ unit: s.unit, item: s.item, value: s.to }]);
      expect(after.get(s.unit)!.total, s.text).toBeGreaterThan(after.get(a.unit)!.total);
      expect(after.get(a.unit)!.rank, s.text).toBe(s.rank);
      const short = stepShort(s);
      if (short !== null) {
        const x = outcome(tier, [{ unit: s.unit, item: s.item, value: short }]);
        expect(x.get(s.unit)!.total, `${s.text}, one step short`).toBeLessThanOrEqual(x.get(a.unit)!.total);
      }
    },
  );
});

describe('advice wording', () => {
  const sample = (pred: (a: UnitAdvice) => boolean) => every.find(({ a }) => pred(a))?.a;
  it('says the first unit has no better rank and the last has no one below', () => {
    expect(sample((a) => a.rank === 1)!.rankGoal).toBeNull();
    expect(sample((a) => a.rank === a.of)!.keep).toBeNull();
  });
  it("writes changes in the item's own measure, with the relative change", () => {
    const texts = every.flatMap(({ a }) => a.rankGoal?.suggestions ?? []).map((s) => s.text);
    expect(texts.some((t) => / → .*亿元（\+\d/.test(t))).toBe(true);
    expect(texts.every((t) => !/NaN|undefined/.test(t))).toBe(true);
  });
});
