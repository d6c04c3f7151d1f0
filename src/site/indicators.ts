/** Views of the indicator tables: the tree of a tier and the units × level-1 weight matrix (weights only, no scores). */
import type { Indicator, Item, Model, Tier } from '../engine/index.ts';
import { level1Indicators, weightsByLevel1 } from '../engine/index.ts';

export interface TreeNode {
  code: string;
  name: string;
  level: 1 | 2;
  items: Item[];
  children: TreeNode[];
}

/** The tier's indicator tree with each item hung under its own indicator. */
export function indicatorTree(tier: Tier): TreeNode[] {
  const byIndicator = new Map<string, Item[]>();
  for (const it of tier.items) {
    const list = byIndicator.get(it.indicator) ?? [];
    list.push(it);
    byIndicator.set(it.indicator, list);
  }
  const node = (ind: Indicator, level: 1 | 2): TreeNode => ({
    code: ind.code,
    name: ind.name,
    level,
    items: byIndicator.get(ind.code) ?? [],
    children: (ind.children ?? []).map((c) => node(c, 2)),
  });
  return tier.indicators.map((i) => node(i, 1));
}

export interface MatrixRow {
  unit: { id: string; name: string };
  /** Weight per level-1 indicator, in the tier's order (0 where the unit has none). */
  weights: number[];
  total: number;
  /** Index of the largest level-1 weight. */
  max: number;
}

/** Units × level-1 indicators: each unit's total weight per level-1 indicator (差异化赋分 at a glance). */
export function weightMatrix(
  model: Model,
  tier: Tier,
): { columns: { code: string; name: string }[]; rows: MatrixRow[] } {
  const columns = level1Indicators(tier);
  const rows = (model.unitsByTier.get(tier.id) ?? []).map((u) => {
    const w = weightsByLevel1(model, u.id);
    const weights = columns.map((c) => w.get(c.code) ?? 0);
    const max = weights.reduce((best, x, i) => (x > weights[best]! ? i : best), 0);
    return { unit: { id: u.id, name: u.name }, weights, total: weights.reduce((s, x) => s + x, 0), max };
  });
  return { columns, rows };
}

/** Whether every unit of the tier has the same weights (then the matrix says nothing new). */
export function uniformWeights(matrix: { rows: MatrixRow[] }): boolean {
  const first = matrix.rows[0]?.weights.join(',');
  return matrix.rows.every((r) => r.weights.join(',') === first);
}

/** Units × items weights for small tiers (counties): every differentiated weight visible. */
export function itemMatrix(
  model: Model,
  tier: Tier,
): {
  items: Item[];
  units: { id: string; name: string }[];
  cells: (null | { weight: number; overridden: boolean; specific: boolean })[][];
} {
  const units = (model.unitsByTier.get(tier.id) ?? []).map((u) => ({ id: u.id, name: u.name }));
  const lists = units.map((u) => new Map((model.unitItems.get(u.id) ?? []).map((x) => [x.item.code, x])));
  const cells = tier.items.map((it) =>
    lists.map((l) => {
      const x = l.get(it.code);
      return x ? { weight: x.weight, overridden: x.overridden, specific: x.specific } : null;
    }),
  );
  return { items: tier.items, units, cells };
}
