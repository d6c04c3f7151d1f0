/**
 * What a spreadsheet round trip may leave out (issue #15): a unit's file without rows for some of its
 * items (a row deleted in Excel), or with a row of another month (left with last month's period after
 * copying). Warnings, never problems: the file is scored as it is, and the warning names each missing
 * item and the rule that scores it.
 */
import type { DataColumns } from './data.ts';
import { describeMissingRule } from './describe.ts';
import type { Model } from './model.ts';
import type { Problem } from './problem.ts';

/** At most this many missing items are named per unit (the count says the rest). */
const MAX_NAMED = 20;

/**
 * Warnings for the units of a file that mostly holds one month (its main month: at least 80 % of the
 * rows): each item on a unit's list without a row in that month, and each row of another month.
 * `rowNumbers` (the importer's, one per data row) lets the second name its row. Files of several
 * months (a year's data) get none: what is missing there is the reporting board's business.
 */
export function completenessWarnings(
  model: Model,
  d: DataColumns,
  file: string,
  rowNumbers?: readonly number[],
): Problem[] {
  if (d.length === 0) return [];
  const perMonth = new Map<number, number>();
  for (let r = 0; r < d.length; r++) perMonth.set(d.period[r]!, (perMonth.get(d.period[r]!) ?? 0) + 1);
  const [main, count] = [...perMonth.entries()].sort((a, b) => b[1] - a[1])[0]!;
  if (count < 0.8 * d.length) return [];
  const month = d.periods[main]!;
  const out: Problem[] = [];
  for (let r = 0; r < d.length; r++)
    if (d.period[r] !== main)
      out.push({
        file,
        row: rowNumbers?.[r],
        field: '期间',
        found: d.periods[d.period[r]!]!,
        severity: 'warning',
        expected: `${month}（本文件其余各行都是 ${month}：这一行多半是复制上月的表格时留下的旧期间，请改为 ${month} 或删除）`,
      });
  const has = new Map<number, Set<number>>();
  for (let r = 0; r < d.length; r++) {
    if (d.period[r] !== main) continue;
    let s = has.get(d.unit[r]!);
    if (!s) {
      s = new Set();
      has.set(d.unit[r]!, s);
    }
    s.add(d.item[r]!);
  }
  const itemNo = new Map(d.items.map((c, i) => [c, i]));
  for (const [u, items] of has) {
    const unitId = d.units[u]!;
    const unit = model.unitById.get(unitId);
    if (!unit) continue;
    const missing = (model.unitItems.get(unitId) ?? []).filter(
      (x) => x.weight > 0 && !items.has(itemNo.get(x.item.code) ?? -1),
    );
    if (missing.length === 0) continue;
    const named = missing
      .slice(0, MAX_NAMED)
      .map((x) => `${x.item.code} ${x.item.name}（${describeMissingRule(x.item.missing ?? model.scheme.missing)}）`);
    out.push({
      file,
      field: '事项代码',
      found: `${unit.name} ${month} 缺少 ${missing.length} 个事项`,
      severity: 'warning',
      expected: `${unit.name}考核清单中的每个事项各一行（可能在 Excel 中误删了行）。缺少：${named.join('；')}${missing.length > MAX_NAMED ? `；等共 ${missing.length} 个` : ''}。不补上时按括号中的无数据规则计分`,
    });
  }
  return out;
}
