/**
 * Who reports what (数据报送): every unit and named office is a reporter; each cell of a month (unit ×
 * item on the unit's list, and the unit's bonus, deduction and veto events) has an owner who owes it
 * and, for co-led items, other reporters who may also send it.
 */
import type { Model } from './model.ts';
import { monthId, monthOf, yearOf } from './period.ts';
import type { Problem } from './problem.ts';
import type { Item } from './schemas/tier.ts';

export interface Reporter {
  id: string;
  name: string;
  kind: 'unit' | 'office';
}

/** One cell of a month's data: a unit and an item (or adjustment) code. */
export interface Cell {
  unit: string;
  item: string;
}

export interface ReportingPlan {
  /** Every reporter, units in units.csv order, then offices. */
  reporters: Reporter[];
  reporterById: Map<string, Reporter>;
  /** Reporters of a cell, owner first; undefined when the cell is not on the unit's list. */
  reportersOf: (unit: string, item: string) => readonly string[] | undefined;
  /** What each reporter owes every month, in the month file's order (adjustments are events: never owed). */
  owed: Map<string, Cell[]>;
  /** Cells each reporter may send (owed ones, co-led ones and adjustments), in the month file's order. */
  allowed: Map<string, Cell[]>;
  /** Every cell of the month file, in its canonical order: units in order, each unit's items, then its adjustments. */
  cells: Cell[];
}

const SELF = 'self';
const LEAD = 'lead';

/** The reportedBy of an item, defaulted: unit-specific key tasks and items without leads are reported by the unit itself. */
export function itemReportedBy(item: Item): readonly string[] {
  return item.reportedBy ?? (item.units !== undefined || item.leads.length === 0 ? [SELF] : [LEAD]);
}

function resolve(refs: readonly string[], unit: string, leads: readonly string[]): string[] {
  const out: string[] = [];
  const add = (id: string) => {
    if (!out.includes(id)) out.push(id);
  };
  for (const r of refs) {
    if (r === SELF) add(unit);
    else if (r === LEAD) {
      // A lead department reports its own value alone; for other units the first lead (牵头) owes it, co-leads may send it.
      if (leads.includes(unit)) add(unit);
      else for (const l of leads) add(l);
    } else add(r);
  }
  return out;
}

const plans = new WeakMap<Model, ReportingPlan>();

/** The reporting plan of a compiled scheme (built once per model). */
export function reportingPlan(model: Model): ReportingPlan {
  const hit = plans.get(model);
  if (hit) return hit;
  const reporters: Reporter[] = [
    ...model.units.map((u) => ({ id: u.id, name: u.name, kind: 'unit' as const })),
    ...model.scheme.reporting.offices.map((o) => ({ id: o.id, name: o.name, kind: 'office' as const })),
  ];
  const reporterById = new Map(reporters.map((r) => [r.id, r]));
  // Nested by unit then item: a province has a few hundred thousand cells, asked for many times a build.
  const byCell = new Map<string, Map<string, string[]>>();
  const owed = new Map<string, Cell[]>(reporters.map((r) => [r.id, []]));
  const allowed = new Map<string, Cell[]>(reporters.map((r) => [r.id, []]));
  const cells: Cell[] = [];
  const push = (map: Map<string, Cell[]>, id: string, cell: Cell) => {
    let list = map.get(id);
    if (!list) {
      list = [];
      map.set(id, list);
    }
    list.push(cell);
  };
  for (const unit of model.units) {
    const own = new Map<string, string[]>();
    byCell.set(unit.id, own);
    const entries: { item: string; who: string[]; event: boolean }[] = [];
    for (const x of model.unitItems.get(unit.id) ?? [])
      entries.push({ item: x.item.code, who: resolve(itemReportedBy(x.item), unit.id, x.item.leads), event: false });
    for (const a of model.scheme.adjustments)
      if (!a.tiers || a.tiers.includes(unit.tier))
        entries.push({
          item: a.code,
          who: resolve(a.reportedBy ?? model.scheme.reporting.adjustments, unit.id, []),
          event: true,
        });
    for (const e of entries) {
      const cell = { unit: unit.id, item: e.item };
      cells.push(cell);
      own.set(e.item, e.who);
      if (!e.event) push(owed, e.who[0]!, cell);
      for (const w of e.who) push(allowed, w, cell);
    }
  }
  const plan: ReportingPlan = {
    reporters,
    reporterById,
    owed,
    allowed,
    cells,
    reportersOf: (unit, item) => byCell.get(unit)?.get(item),
  };
  plans.set(model, plan);
  return plan;
}

/** The date by which a month's submissions are due (YYYY-MM-DD): dueDay (default the dispatch day) of the following month. */
export function reportingDueDate(model: Model, month: string): string {
  const y = yearOf(month);
  const m = monthOf(month);
  const day = model.scheme.reporting.dueDay ?? model.scheme.cycle.dispatchDay;
  const next = m === 12 ? monthId(y + 1, 1) : monthId(y, m + 1);
  return `${next}-${String(day).padStart(2, '0')}`;
}

/** Content checks of who reports what: codes exist, `lead` only where there are leads, office codes unique. */
export function reportingProblems(model: Model): Problem[] {
  const problems: Problem[] = [];
  const { scheme, bundle } = model;
  const file = bundle.sources.scheme;
  const offices = new Set<string>();
  scheme.reporting.offices.forEach((o, i) => {
    const at = (expected: string) =>
      problems.push({ file, field: `reporting.offices[${i}].id`, found: o.id, expected });
    if (o.id === SELF || o.id === LEAD) at('不用保留字 self、lead 的报送单位代码');
    else if (model.unitById.has(o.id)) at('与 units.csv 中的单位代码不同的报送单位代码');
    else if (offices.has(o.id)) at('报送单位代码不重复');
    offices.add(o.id);
  });
  const known = (code: string) => code === SELF || code === LEAD || model.unitById.has(code) || offices.has(code);
  const knownText = `self（本单位自报）、lead（牵头部门）、units.csv 中的单位代码${offices.size ? `或 reporting.offices 中的 ${[...offices].join('、')}` : ''}`;
  for (const tier of model.tiers) {
    const src = bundle.sources.tiers[tier.id];
    tier.items.forEach((item, i) => {
      for (const r of item.reportedBy ?? []) {
        const at = (expected: string) =>
          problems.push({
            file: src?.file ?? `tiers/${tier.id}.yaml`,
            row: src?.itemLines[i],
            field: `items[${i}].reportedBy`,
            found: r,
            expected,
          });
        if (!known(r)) at(knownText);
        else if (r === LEAD && item.leads.length === 0)
          at('已填写 leads（牵头部门）的事项才能用 lead；否则写明报送单位代码或 self');
      }
    });
  }
  const checkAdj = (refs: readonly string[], field: string) => {
    for (const r of refs) {
      if (!known(r)) problems.push({ file, field, found: r, expected: knownText });
      else if (r === LEAD)
        problems.push({ file, field, found: r, expected: '加减分和否决事项没有牵头部门：写明报送单位代码或 self' });
    }
  };
  checkAdj(scheme.reporting.adjustments, 'reporting.adjustments');
  scheme.adjustments.forEach((a, i) => {
    if (a.reportedBy) checkAdj(a.reportedBy, `adjustments[${i}].reportedBy`);
  });
  return problems;
}

/** The reporting rule in plain Chinese, from content (the rules page). */
export function describeReporting(model: Model): string {
  const { reporting, cycle } = model.scheme;
  const offices = new Map(reporting.offices.map((o) => [o.id, o.name]));
  const who = (refs: readonly string[]) =>
    refs.map((r) => (r === SELF ? '各单位自行' : (offices.get(r) ?? model.unitById.get(r)?.name ?? r))).join('、');
  const day = reporting.dueDay ?? cycle.dispatchDay;
  return (
    `每月数据由报送单位在次月 ${day} 日前报送（截止日后收到的为迟报，在报送情况页公开）：事项默认由牵头部门报送（牵头部门自身的事项自报；多个牵头部门时由第一个报送，其余可协同报送），` +
    `区域重点工作和未列牵头部门的事项由单位自报；加分、减分和否决事项由${who(reporting.adjustments)}登记。` +
    '考核办汇总时逐行校验：只接受报送单位负责的事项和单位、当月的数据；两份报送对同一单位同一事项数值不一致、应报单位未报送或在数据发布后收到的，一律不汇总，核实后重新汇总'
  );
}
