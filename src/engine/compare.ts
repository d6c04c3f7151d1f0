/**
 * Scheme comparison (方案对比) between two years, computed from the content alone: items added, dropped and
 * changed (name, indicator, base weight, standard, schedule, direction, measure, who it applies to), units added,
 * dropped and renamed (formerly), per unit every level-1 weight that moved, e.g. 城区 城市建设 30 → 32, and every
 * rule of scheme.yaml that changed (grades, coefficients, caps, adjustments, consequences, missing data, …).
 */
import { percent } from './format.ts';
import { describeMissingRule, describeStandard } from './describe.ts';
import { describePace } from './pace.ts';
import { describeRounding } from './rounding.ts';
import {
  describeAdjustment,
  describeCoefficientTable,
  describeConsequenceWhen,
  describeCycle,
  describeFlagRule,
  describeGradeRuleFull,
  describeRobustness,
  tierNames,
} from './scheme-text.ts';
import { describeSchedule } from './schedule.ts';
import type { Model } from './model.ts';
import { gradeRuleFor, weightsByLevel1 } from './model.ts';
import type { Item } from './schemas/tier.ts';
import { predecessorIn } from './years.ts';

export interface ItemRef {
  code: string;
  name: string;
  indicator: string;
  weight: number;
  units: string[] | null;
}

export interface ItemChange {
  code: string;
  name: string;
  changes: { what: string; before: string; after: string }[];
}

export interface TierComparison {
  tier: string;
  name: string;
  added: ItemRef[];
  dropped: ItemRef[];
  changed: ItemChange[];
  /** True when both years have the tier with the same item codes: movement across the years can be read. */
  comparable: boolean;
}

export interface WeightChange {
  unit: string;
  name: string;
  tier: string;
  /** The unit's code in the earlier year when it changed (formerly). */
  was: string;
  indicator: string;
  indicatorName: string;
  before: number | null;
  after: number | null;
}

export interface SchemeComparison {
  from: { id: string; year: number; name: string };
  to: { id: string; year: number; name: string };
  tiers: TierComparison[];
  units: {
    added: { unit: string; name: string; tier: string }[];
    dropped: { unit: string; name: string; tier: string }[];
    renamed: { unit: string; name: string; tier: string; formerly: { unit: string; name: string }[] }[];
  };
  weights: WeightChange[];
  /** The scheme's own rules (scheme.yaml) that differ, in words. */
  rules: RuleChange[];
}

/** One scheme rule (scheme.yaml) that differs between the years, in words; '—' where a year has none. */
export interface RuleChange {
  /** What the rule is about: 等次（县（市、区））, 加分合计上限, 结果运用：约谈. */
  what: string;
  before: string;
  after: string;
}

/** Every rule of a scheme as (key, what, words), in the rules page's order. */
function schemeRules(model: Model): { key: string; what: string; text: string }[] {
  const s = model.scheme;
  const out: { key: string; what: string; text: string }[] = [];
  const add = (key: string, what: string, text: string) => out.push({ key, what, text });
  for (const t of s.tiers)
    add(`grade:${t}`, `等次：${tierNames(model, [t])}`, describeGradeRuleFull(gradeRuleFor(s, t)));
  add('decimals', '得分精度', describeRounding(s.decimals));
  add('baseTotal', '基础分合计', `${s.baseTotal} 分`);
  add('missing', '无数据的事项（默认）', describeMissingRule(s.missing));
  for (const c of s.coefficients)
    add(`coef:${[...c.tiers].sort().join(',')}`, `评价系数：${tierNames(model, c.tiers)}`, describeCoefficientTable(c));
  add('traction', '牵引性工程', s.tractionProjects.join('、') || '—');
  add('bonusCap', '加分合计上限', `${s.bonusCap} 分`);
  add('deductionCap', '减分合计上限', `${s.deductionCap} 分`);
  for (const a of s.adjustments)
    add(`adj:${a.code}`, `加减分事项：${a.name}`, `${a.name}：${describeAdjustment(model, a)}`);
  for (const c of s.consequences) {
    const vetoed = c.when.unlessVetoed ?? c.when.top !== undefined;
    add(
      `cons:${c.id}`,
      `结果运用：${c.label}`,
      `${tierNames(model, c.tiers)}${describeConsequenceWhen(model, c)}的，${c.label}${vetoed ? '（当年有否决事项的除外）' : ''}`,
    );
  }
  if (s.comprehensive) {
    add('comprehensive', '综合考核', `${s.comprehensive.name}：${s.comprehensive.description}`);
    for (const [t, x] of Object.entries(s.comprehensive.tiers))
      add(`comprehensive:${t}`, `综合考核占比：${tierNames(model, [t])}`, percent(x.share, 1, false));
  }
  add('pace', '进度状态', describePace(s.pace));
  add('flag', '挂牌督办', describeFlagRule(s));
  add('cycle', '调度和报送', describeCycle(s));
  add('robustness', '排名区间', describeRobustness(s));
  return out;
}

/**
 * The scheme rules (grades, coefficients, caps, adjustments, consequences, missing data, pace, flags, cycle,
 * robustness) that differ from `before` to `after`, in words. Tiers whose grade rule changed alike are one line.
 */
export function compareRules(before: Model, after: Model): RuleChange[] {
  const a = schemeRules(before);
  const b = schemeRules(after);
  const old = new Map(a.map((r) => [r.key, r]));
  const keys = new Set(b.map((r) => r.key));
  const merged = [
    ...b.map((r) => ({ r, o: old.get(r.key) })),
    ...a.filter((r) => !keys.has(r.key)).map((o) => ({ r: undefined, o })),
  ];
  const out: (RuleChange & { grade?: string })[] = [];
  for (const { r, o } of merged) {
    const x = o?.text ?? '—';
    const y = r?.text ?? '—';
    if (x === y) continue;
    const key = (r ?? o)!.key;
    if (key.startsWith('grade:')) {
      // Tiers whose grade rule changed alike: one line naming them all.
      const name = (r ?? o)!.what.slice('等次：'.length);
      const same = out.find((c) => c.grade !== undefined && c.before === x && c.after === y);
      if (same) {
        same.grade = `${same.grade}、${name}`;
        same.what = `等次：${same.grade}`;
        continue;
      }
      out.push({ what: `等次：${name}`, before: x, after: y, grade: name });
      continue;
    }
    out.push({ what: (r ?? o)!.what, before: x, after: y });
  }
  return out.map(({ what, before, after }) => ({ what, before, after }));
}

const ref = (i: Item): ItemRef => ({
  code: i.code,
  name: i.name,
  indicator: i.indicator,
  weight: i.weight,
  units: i.units ?? null,
});

function itemChanges(a: Item, b: Item, before: Model, after: Model): ItemChange['changes'] {
  const out: ItemChange['changes'] = [];
  const add = (what: string, x: string, y: string) => {
    if (x !== y) out.push({ what, before: x, after: y });
  };
  add('名称', a.name, b.name);
  add(
    '所属指标',
    before.indicatorByCode.get(a.indicator)?.name ?? a.indicator,
    after.indicatorByCode.get(b.indicator)?.name ?? b.indicator,
  );
  add('基础分值', String(a.weight), String(b.weight));
  add('计量单位', a.measure ?? '—', b.measure ?? '—');
  add('方向', a.direction === 'lower' ? '越低越好' : '越高越好', b.direction === 'lower' ? '越低越好' : '越高越好');
  const std = (i: Item) => JSON.stringify(i.standard);
  if (std(a) !== std(b) || (a.standardText ?? '') !== (b.standardText ?? ''))
    out.push({ what: '评价标准', before: describeStandard(a), after: describeStandard(b) });
  add('时间进度', describeSchedule(a.schedule), describeSchedule(b.schedule));
  add('适用单位', a.units ? a.units.join('、') : '全部', b.units ? b.units.join('、') : '全部');
  add('责任部门', a.leads.join('、') || '—', b.leads.join('、') || '—');
  return out;
}

/** What changed from `before`'s scheme to `after`'s (consecutive years, or any two). */
export function compareSchemes(before: Model, after: Model): SchemeComparison {
  const models = new Map([
    [before.scheme.year, before],
    [after.scheme.year, after],
  ]);
  const tierIds = [...after.scheme.tiers, ...before.scheme.tiers.filter((t) => !after.scheme.tiers.includes(t))];
  const tiers: TierComparison[] = tierIds.map((id) => {
    const a = before.tierById.get(id);
    const b = after.tierById.get(id);
    const ai = new Map((a?.items ?? []).map((i) => [i.code, i]));
    const bi = new Map((b?.items ?? []).map((i) => [i.code, i]));
    const changed: ItemChange[] = [];
    for (const [code, item] of bi) {
      const old = ai.get(code);
      if (!old) continue;
      const changes = itemChanges(old, item, before, after);
      if (changes.length) changed.push({ code, name: item.name, changes });
    }
    const added = [...bi.values()].filter((i) => !ai.has(i.code)).map(ref);
    const dropped = [...ai.values()].filter((i) => !bi.has(i.code)).map(ref);
    return {
      tier: id,
      name: (b ?? a)!.name,
      added,
      dropped,
      changed,
      comparable: a !== undefined && b !== undefined && added.length === 0 && dropped.length === 0,
    };
  });

  // Units consecutive in the models' years follow formerly; for non-consecutive years only same codes match.
  const consecutive = after.scheme.year - before.scheme.year === 1;
  const wasOf = (unit: string) =>
    consecutive
      ? predecessorIn(models, unit, after.scheme.year, before.scheme.year)
      : before.unitById.has(unit)
        ? unit
        : undefined;
  const successors = new Set<string>();
  const units: SchemeComparison['units'] = { added: [], dropped: [], renamed: [] };
  const weights: WeightChange[] = [];
  for (const u of after.units) {
    const was = wasOf(u.id);
    if (was === undefined) {
      units.added.push({ unit: u.id, name: u.name, tier: u.tier });
      continue;
    }
    successors.add(was);
    if (was !== u.id || (u.formerly ?? []).some((c) => before.unitById.has(c)))
      units.renamed.push({
        unit: u.id,
        name: u.name,
        tier: u.tier,
        formerly: (u.formerly ?? [])
          .filter((c) => before.unitById.has(c))
          .map((c) => ({ unit: c, name: before.unitById.get(c)!.name })),
      });
    const old = before.unitById.get(was)!;
    if (old.tier !== u.tier) continue; // another tier, other indicators: nothing to set side by side
    const wa = weightsByLevel1(before, was);
    const wb = weightsByLevel1(after, u.id);
    const tier = after.tierById.get(u.tier);
    const codes = [
      ...(tier?.indicators.map((i) => i.code) ?? []),
      ...[...wa.keys()].filter((c) => !tier?.indicators.some((i) => i.code === c)),
    ];
    for (const code of codes) {
      const x = wa.get(code) ?? null;
      const y = wb.get(code) ?? null;
      if (x === y || (x !== null && y !== null && Math.abs(x - y) < 1e-9)) continue;
      const name = after.indicatorByCode.get(code)?.name ?? before.indicatorByCode.get(code)?.name ?? code;
      weights.push({
        unit: u.id,
        name: u.name,
        tier: u.tier,
        was,
        indicator: code,
        indicatorName: name,
        before: x === null ? null : Math.round(x * 1e6) / 1e6,
        after: y === null ? null : Math.round(y * 1e6) / 1e6,
      });
    }
  }
  for (const u of before.units)
    if (!successors.has(u.id)) units.dropped.push({ unit: u.id, name: u.name, tier: u.tier });
  const head = (m: Model) => ({ id: m.scheme.id, year: m.scheme.year, name: m.scheme.name });
  return { from: head(before), to: head(after), tiers, units, weights, rules: compareRules(before, after) };
}
