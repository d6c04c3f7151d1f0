import type { Problem } from './problem.ts';
import { showValue } from './problem.ts';
import type { Adjustment, GradeRule, Scheme } from './schemas/scheme.ts';
import type { Indicator, Item, Tier } from './schemas/tier.ts';
import type { DataMeta, Unit, WeightOverride } from './schemas/unit.ts';
import { STANDARD_KINDS } from './schemas/standard.ts';
import { reportingProblems } from './reporters.ts';

/** Where each content entry came from, so cross-file problems name file and row. */
export interface Sources {
  scheme: string;
  tiers: Record<string, { file: string; itemLines: number[] }>;
  units: { file: string; rows: number[] };
  weights: { file: string; rows: number[] };
}

/** Everything the engine needs besides period data; plain JSON, published as scheme.json for the browser. */
export interface ContentBundle {
  scheme: Scheme;
  tiers: Tier[];
  units: Unit[];
  weights: WeightOverride[];
  dataMeta: DataMeta;
  sources: Sources;
}

/** One item on one unit's list, with the unit's own weight. */
export interface UnitItem {
  item: Item;
  weight: number;
  /** The unit's weight differs from the item's base weight (差异化赋分). */
  overridden: boolean;
  /** The item exists only for some units (unit-specific key task). */
  specific: boolean;
}

export interface IndicatorInfo {
  code: string;
  name: string;
  level: 1 | 2;
  /** The level-1 indicator this one belongs to (itself for level 1). */
  level1: string;
  tier: string;
}

/** The compiled scheme: lookups built once, shared by build, CLI and browser. */
export interface Model {
  bundle: ContentBundle;
  scheme: Scheme;
  tiers: Tier[];
  tierById: Map<string, Tier>;
  units: Unit[];
  unitById: Map<string, Unit>;
  unitsByTier: Map<string, Unit[]>;
  itemByCode: Map<string, { item: Item; tier: Tier }>;
  adjustmentByCode: Map<string, Adjustment>;
  indicatorByCode: Map<string, IndicatorInfo>;
  /** Each unit's own list of items with weights. */
  unitItems: Map<string, UnitItem[]>;
  /** Period months (YYYY-MM) the scheme accepts data for. */
  months: Set<string>;
}

export function gradeRuleFor(scheme: Scheme, tier: string): GradeRule {
  return scheme.grades[tier] ?? scheme.grades.default;
}

function walkIndicators(
  list: Indicator[],
  tier: string,
  level: 1 | 2,
  level1: string | undefined,
  out: IndicatorInfo[],
) {
  for (const ind of list) {
    const l1 = level1 ?? ind.code;
    out.push({ code: ind.code, name: ind.name, level, level1: l1, tier });
    if (ind.children) walkIndicators(ind.children, tier, 2, l1, out);
  }
}

type Push = (p: Problem) => void;

/**
 * Compile a validated bundle into a Model and check the rules that span files: codes that refer to
 * each other exist, every unit's weights sum to the base total, schedules are cumulative and end at 100%.
 * In parts, each checking what it builds: tiers and items, units, item references, scheme references,
 * weight overrides, each unit's list; the problems come in that order.
 */
export function compileModel(bundle: ContentBundle): { model: Model; problems: Problem[] } {
  const problems: Problem[] = [];
  const push: Push = (p) => problems.push(p);
  const { scheme } = bundle;
  const { tiers, tierById, indicatorByCode, itemByCode, adjustmentByCode } = compileTiers(bundle, push);
  const { unitById, unitsByTier } = compileUnits(bundle, tiers, push);
  checkItemUnits(bundle, tiers, unitById, push);
  checkSchemeReferences(scheme, bundle.sources.scheme, push);
  const overrides = weightOverrides(bundle, unitById, itemByCode, push);
  const unitItems = unitLists(bundle, tiers, unitsByTier, overrides, push);
  const model: Model = {
    bundle,
    scheme,
    tiers,
    tierById,
    units: bundle.units,
    unitById,
    unitsByTier,
    itemByCode,
    adjustmentByCode,
    indicatorByCode,
    unitItems,
    months: schemeMonths(scheme),
  };
  problems.push(...reportingProblems(model));
  return { model, problems };
}

/** The scheme's tiers (each file present), indicators and items (codes unique, references and schedules valid). */
function compileTiers(bundle: ContentBundle, push: Push) {
  const { scheme, sources } = bundle;
  const tierById = new Map(bundle.tiers.map((t) => [t.id, t]));
  for (const id of scheme.tiers)
    if (!tierById.has(id))
      push({
        file: sources.scheme,
        field: 'tiers',
        found: id,
        expected: `content/tiers/${id}.yaml 存在（每个类别一个文件）`,
      });
  const tiers = scheme.tiers.map((id) => tierById.get(id)).filter((t): t is Tier => t !== undefined);

  const indicatorByCode = new Map<string, IndicatorInfo>();
  const itemByCode = new Map<string, { item: Item; tier: Tier }>();
  const adjustmentByCode = new Map(scheme.adjustments.map((a) => [a.code, a]));

  for (const tier of tiers) {
    const src = sources.tiers[tier.id] ?? { file: `content/tiers/${tier.id}.yaml`, itemLines: [] };
    const list: IndicatorInfo[] = [];
    walkIndicators(tier.indicators, tier.id, 1, undefined, list);
    for (const info of list) {
      if (indicatorByCode.has(info.code))
        push({
          file: src.file,
          field: 'indicators.code',
          found: info.code,
          expected: '指标代码在全方案中唯一',
        });
      indicatorByCode.set(info.code, info);
    }
    tier.items.forEach((item, i) => {
      const row = src.itemLines[i];
      const at = (field: string, found: unknown, expected: string) =>
        push({ file: src.file, row, field: `items[${i}].${field}`, found: showValue(found), expected });
      if (itemByCode.has(item.code) || adjustmentByCode.has(item.code)) at('code', item.code, '事项代码在全方案中唯一');
      itemByCode.set(item.code, { item, tier });
      const ind = indicatorByCode.get(item.indicator);
      if (!ind || ind.tier !== tier.id)
        at('indicator', item.indicator, `本类别已定义的指标代码之一：${list.map((x) => x.code).join('、')}`);
      let prev = -1;
      item.schedule.forEach((m, j) => {
        if (m.progress < prev) at(`schedule[${j}].progress`, m.progress, `累计进度，不小于上一节点的 ${prev}`);
        prev = m.progress;
      });
      const last = item.schedule.at(-1);
      if (last && (last.month !== 12 || Math.abs(last.progress - 1) > 1e-9))
        at('schedule', `${last.month}月 ${last.progress}`, '最后一个节点为 12 月、累计进度 1（100%）');
      if (item.standard.kind === 'milestones' && item.schedule.length === 0)
        at('schedule', '（空）', 'milestones（时间节点）计分需要列出时间节点 schedule');
      if (!STANDARD_KINDS.includes(item.standard.kind))
        at('standard.kind', item.standard.kind, STANDARD_KINDS.join('、'));
    });
  }
  return { tiers, tierById, indicatorByCode, itemByCode, adjustmentByCode };
}

/** Units by id and by tier; ids and names unique, tiers and parents known. */
function compileUnits(bundle: ContentBundle, tiers: Tier[], push: Push) {
  const { scheme, sources } = bundle;
  const unitById = new Map<string, Unit>();
  const unitsByTier = new Map<string, Unit[]>(tiers.map((t) => [t.id, []]));
  bundle.units.forEach((u, i) => {
    const row = sources.units.rows[i];
    const at = (field: string, found: unknown, expected: string) =>
      push({ file: sources.units.file, row, field, found: showValue(found), expected });
    if (unitById.has(u.id)) at('id', u.id, '单位代码唯一');
    unitById.set(u.id, u);
    const list = unitsByTier.get(u.tier);
    if (!list) at('tier', u.tier, `方案中的类别之一：${scheme.tiers.join('、')}`);
    else list.push(u);
  });
  // The importer resolves names to codes: a second unit of the same name would silently take the first one's rows.
  const unitByName = new Map<string, number>();
  bundle.units.forEach((u, i) => {
    const first = unitByName.get(u.name);
    if (first !== undefined)
      push({
        file: sources.units.file,
        row: sources.units.rows[i],
        field: 'name',
        found: u.name,
        expected: `单位名称唯一（与第 ${sources.units.rows[first] ?? first + 2} 行的 ${bundle.units[first]!.id} 同名；数据文件可以按名称填写单位，同名会让数据记到错误的单位上）`,
      });
    else unitByName.set(u.name, i);
  });
  bundle.units.forEach((u, i) => {
    if (u.parent !== undefined && !unitById.has(u.parent))
      push({
        file: sources.units.file,
        row: sources.units.rows[i],
        field: 'parent',
        found: u.parent,
        expected: '已定义的县（市、区）单位代码',
      });
  });
  return { unitById, unitsByTier };
}

/** Every unit an item names (its leads, the units of a unit-specific item) exists, in the item's tier for the latter. */
function checkItemUnits(bundle: ContentBundle, tiers: Tier[], unitById: Map<string, Unit>, push: Push): void {
  for (const tier of tiers) {
    const src = bundle.sources.tiers[tier.id]!;
    tier.items.forEach((item, i) => {
      for (const lead of item.leads)
        if (!unitById.has(lead))
          push({
            file: src.file,
            row: src.itemLines[i],
            field: `items[${i}].leads`,
            found: lead,
            expected: 'units.csv 中已定义的单位代码',
          });
      for (const uid of item.units ?? []) {
        const u = unitById.get(uid);
        if (!u || u.tier !== tier.id)
          push({
            file: src.file,
            row: src.itemLines[i],
            field: `items[${i}].units`,
            found: uid,
            expected: `本类别（${tier.id}）的单位代码`,
          });
      }
    });
  }
}

/** Every tier and grade code the scheme refers to exists (a typo would silently drop a rule); coefficient tables read right. */
function checkSchemeReferences(scheme: Scheme, file: string, push: Push): void {
  const gradeIds = new Set(Object.values(scheme.grades).flatMap((r) => r.bands.map((b) => b.id)));
  const tierIds = new Set(scheme.tiers);
  const badTier = (field: string, t: string) => {
    if (!tierIds.has(t))
      push({
        file,
        field,
        found: t,
        expected: `方案中的类别之一：${scheme.tiers.join('、')}`,
      });
  };
  const badGrade = (field: string, g: string, tiers: readonly string[]) => {
    const known = new Set(tiers.flatMap((t) => gradeRuleFor(scheme, t).bands.map((b) => b.id)));
    if (!known.has(g))
      push({
        file,
        field,
        found: g,
        expected: `已定义的等次：${[...(known.size ? known : gradeIds)].join('、')}`,
      });
  };
  for (const key of Object.keys(scheme.grades)) if (key !== 'default') badTier(`grades.${key}`, key);
  scheme.adjustments.forEach((a, i) => {
    for (const t of a.tiers ?? []) badTier(`adjustments[${i}].tiers`, t);
    for (const g of a.bars) badGrade(`adjustments[${i}].bars`, g, a.tiers ?? scheme.tiers);
  });
  scheme.coefficients.forEach((c, i) => c.tiers.forEach((t) => badTier(`coefficients[${i}].tiers`, t)));
  for (const p of coefficientTableProblems(scheme, file)) push(p);
  scheme.consequences.forEach((c, i) => {
    c.tiers.forEach((t) => badTier(`consequences[${i}].tiers`, t));
    for (const g of c.when.grades ?? [])
      badGrade(
        `consequences[${i}].when.grades`,
        g,
        c.tiers.filter((t) => tierIds.has(t)),
      );
  });
  for (const t of Object.keys(scheme.comprehensive?.tiers ?? {})) badTier('comprehensive.tiers', t);
}

/** weights.csv: unit → item → its own weight; each row's unit and item known, the item in the unit's tier, listed once. */
function weightOverrides(
  bundle: ContentBundle,
  unitById: Map<string, Unit>,
  itemByCode: Map<string, { item: Item; tier: Tier }>,
  push: Push,
): Map<string, Map<string, number>> {
  const { sources } = bundle;
  const overrides = new Map<string, Map<string, number>>();
  bundle.weights.forEach((w, i) => {
    const row = sources.weights.rows[i];
    const at = (field: string, found: unknown, expected: string) =>
      push({ file: sources.weights.file, row, field, found: showValue(found), expected });
    const unit = unitById.get(w.unit);
    const hit = itemByCode.get(w.item);
    if (!unit) {
      at('unit', w.unit, 'units.csv 中已定义的单位代码');
      return;
    }
    if (!hit) {
      at('item', w.item, '已定义的考核事项代码');
      return;
    }
    if (hit.tier.id !== unit.tier) {
      at('item', w.item, `单位所属类别（${unit.tier}）的事项代码`);
      return;
    }
    const m = overrides.get(w.unit) ?? new Map<string, number>();
    if (m.has(w.item)) {
      at('item', w.item, '每个单位、事项只出现一次');
      return;
    }
    m.set(w.item, w.weight);
    overrides.set(w.unit, m);
  });
  return overrides;
}

/** Each unit's list: base items that apply, unit-specific items, then weight overrides; the weights sum to the base total. */
function unitLists(
  bundle: ContentBundle,
  tiers: Tier[],
  unitsByTier: Map<string, Unit[]>,
  overrides: Map<string, Map<string, number>>,
  push: Push,
): Map<string, UnitItem[]> {
  const { scheme, sources } = bundle;
  const firstWeightRow = new Map<string, number | undefined>();
  bundle.weights.forEach((w, i) => {
    if (!firstWeightRow.has(w.unit)) firstWeightRow.set(w.unit, sources.weights.rows[i]);
  });
  const unitItems = new Map<string, UnitItem[]>();
  for (const tier of tiers) {
    for (const unit of unitsByTier.get(tier.id) ?? []) {
      const own = overrides.get(unit.id);
      const list: UnitItem[] = [];
      for (const item of tier.items) {
        const specific = item.units !== undefined;
        const applies = specific
          ? item.units!.includes(unit.id)
          : tier.applyTo === 'all' || item.leads.includes(unit.id);
        const ov = own?.get(item.code);
        if (!applies && ov === undefined) continue;
        const weight = ov ?? item.weight;
        if (weight <= 0) continue;
        list.push({ item, weight, overridden: ov !== undefined && ov !== item.weight, specific });
      }
      const sum = list.reduce((s, x) => s + x.weight, 0);
      if (Math.abs(sum - scheme.baseTotal) > 1e-6)
        push({
          file: sources.weights.file,
          row: firstWeightRow.get(unit.id),
          field: `${unit.id}（${unit.name}）权重合计`,
          found: String(Math.round(sum * 1e6) / 1e6),
          expected: `${scheme.baseTotal}：调整 ${sources.tiers[tier.id]?.file ?? 'tiers'} 的基础权重或 weights.csv 中该单位的权重`,
        });
      unitItems.set(unit.id, list);
    }
  }
  return unitItems;
}

/** Period months (YYYY-MM) the scheme accepts data for: its year and its history years. */
function schemeMonths(scheme: Scheme): Set<string> {
  const months = new Set<string>();
  for (const y of [scheme.year, ...scheme.historyYears])
    for (let m = 1; m <= 12; m++) months.add(`${y}-${String(m).padStart(2, '0')}`);
  return months;
}

/**
 * A coefficient table (评价系数) reads "more traction tasks → higher coefficient": each load is listed once,
 * loads run without gaps from the first, and values never decrease as the load grows.
 */
export function coefficientTableProblems(scheme: Scheme, file: string): Problem[] {
  const out: Problem[] = [];
  scheme.coefficients.forEach((c, i) => {
    const at = (j: number, field: string, found: unknown, expected: string) =>
      out.push({ file, field: `coefficients[${i}].table[${j}].${field}`, found: showValue(found), expected });
    const first = new Map<number, number>();
    c.table.forEach((r, j) => {
      const k = first.get(r.load);
      if (k !== undefined) at(j, 'load', r.load, `每个任务数只列一次（与 table[${k}] 重复，后一行不会生效）`);
      else first.set(r.load, j);
    });
    const rows = [...first.entries()].sort((a, b) => a[0] - b[0]);
    for (let k = 1; k < rows.length; k++) {
      const [load, j] = rows[k]!;
      const [prevLoad, pj] = rows[k - 1]!;
      if (load !== prevLoad + 1)
        at(
          j,
          'load',
          load,
          `任务数连续排列：${prevLoad} 之后应为 ${prevLoad + 1}（缺少 ${prevLoad + 1}${load - prevLoad > 2 ? `–${load - 1}` : ''} 的系数）`,
        );
      if (c.table[j]!.value < c.table[pj]!.value)
        at(
          j,
          'value',
          c.table[j]!.value,
          `不小于任务数 ${prevLoad} 的系数 ${c.table[pj]!.value}（承担的牵引任务越多，系数越高）`,
        );
    }
  });
  return out;
}

/** Level-1 indicators of a tier, in order. */
export function level1Indicators(tier: Tier): { code: string; name: string }[] {
  return tier.indicators.map((i) => ({ code: i.code, name: i.name }));
}

/** The unit's total weight per level-1 indicator (for the weight matrix). */
export function weightsByLevel1(model: Model, unitId: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const ui of model.unitItems.get(unitId) ?? []) {
    const l1 = model.indicatorByCode.get(ui.item.indicator)?.level1 ?? ui.item.indicator;
    out.set(l1, (out.get(l1) ?? 0) + ui.weight);
  }
  return out;
}
