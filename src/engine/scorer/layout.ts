import type { UnitItem } from '../model.ts';
import type { MissingRule } from '../schemas/common.ts';
import type { ScoringContext } from './context.ts';

/** Per tier, what every month shares: units, their lists, and per-slot lookups in flat arrays (slot = unit offset + item). */
export interface Layout {
  units: string[];
  /** Unit id → its number k in the tier (the order of `units`). */
  unitNo: Map<string, number>;
  lists: UnitItem[][];
  /** Slot range of unit k: offsets[k] … offsets[k + 1]. */
  offsets: Int32Array;
  n: number;
  /** Slot → cell in a month table (unit × item of the data dictionaries), −1 when absent. */
  cells: Int32Array;
  weight: Float64Array;
  /** Slot → the item's missing-data rule (the item's own, else the scheme's). */
  rule: MissingRule[];
  /** Slot → tier-local item number, and the items by that number. */
  itemNo: Int32Array;
  items: UnitItem['item'][];
  /** Slot → level-1 indicator number, and the level-1 codes by that number. */
  level1No: Int32Array;
  level1: string[];
}

export function tierLayout(ctx: ScoringContext, tierId: string): Layout {
  const { model, index, nItems, scheme, level1Of } = ctx;
  const units = (model.unitsByTier.get(tierId) ?? []).map((u) => u.id);
  const lists = units.map((u) => model.unitItems.get(u) ?? []);
  const offsets = new Int32Array(units.length + 1);
  lists.forEach((l, k) => {
    offsets[k + 1] = offsets[k]! + l.length;
  });
  const n = offsets[units.length]!;
  const level1 = (model.tierById.get(tierId)?.indicators ?? []).map((i) => i.code);
  const l: Layout = {
    units,
    unitNo: new Map(units.map((u, k) => [u, k])),
    lists,
    offsets,
    n,
    cells: new Int32Array(n).fill(-1),
    weight: new Float64Array(n),
    rule: new Array<MissingRule>(n),
    itemNo: new Int32Array(n),
    items: [],
    level1No: new Int32Array(n),
    level1,
  };
  const itemNo = new Map<string, number>();
  let slot = 0;
  units.forEach((u, k) => {
    const ui = index.unitIndex.get(u);
    for (const x of lists[k]!) {
      const ii = index.itemIndex.get(x.item.code);
      l.cells[slot] = ui !== undefined && ii !== undefined ? ui * nItems + ii : -1;
      l.weight[slot] = x.weight;
      l.rule[slot] = x.item.missing ?? scheme.missing;
      let no = itemNo.get(x.item.code);
      if (no === undefined) {
        no = l.items.length;
        itemNo.set(x.item.code, no);
        l.items.push(x.item);
      }
      l.itemNo[slot] = no;
      const l1 = level1.indexOf(level1Of.get(x.item.code)!);
      l.level1No[slot] = l1 < 0 ? 0 : l1;
      slot++;
    }
  });
  return l;
}
