import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content-io/load-content.ts';
import {
  columnsFromRows,
  createScorer,
  evaluate,
  finishPeerStandard,
  itemSchema,
  rowsFromColumns,
  standardSchema,
} from '../../src/engine/index.ts';
import type { Item, MissingRule } from '../../src/engine/index.ts';
import { countyYear, MINI_DIR, miniModel, unitOf } from './mini.ts';

/** An item with the given standard; other fields take the schema's defaults unless given. */
function item(standard: unknown, extra: Record<string, unknown> = {}): Item {
  return itemSchema.parse({ code: 'X-1', indicator: 'X', name: '测试事项', weight: 10, standard, ...extra });
}

const flat = { cumulative: false };
const lower = { cumulative: false, direction: 'lower' };
const quarters = { schedule: { 3: 0.25, 6: 0.5, 9: 0.75, 12: 1 } };
const dueInDecember = { schedule: { 12: 1 } };

interface Row {
  what: string;
  standard: unknown;
  extra?: Record<string, unknown>;
  actual?: number;
  text?: string;
  target?: number;
  month?: number;
  weight?: number;
  fraction: number;
}

const rows: Row[] = [
  // completion
  {
    what: 'completion: actual ÷ target within the cap is the fraction',
    standard: { kind: 'completion', cap: 1.2 },
    extra: flat,
    actual: 110,
    target: 100,
    fraction: 1.1,
  },
  {
    what: 'completion: over-completion stops at cap 1.2',
    standard: { kind: 'completion', cap: 1.2 },
    extra: flat,
    actual: 130,
    target: 100,
    fraction: 1.2,
  },
  {
    what: 'completion: the default cap is 1 (no credit for over-completion)',
    standard: 'completion',
    extra: flat,
    actual: 130,
    target: 100,
    fraction: 1,
  },
  {
    what: 'completion: a floor lifts a low completion',
    standard: { kind: 'completion', floor: 0.3 },
    extra: flat,
    actual: 10,
    target: 100,
    fraction: 0.3,
  },
  {
    what: 'completion: below zeroBelow scores nothing',
    standard: { kind: 'completion', zeroBelow: 0.6 },
    extra: flat,
    actual: 59,
    target: 100,
    fraction: 0,
  },
  {
    what: 'completion: exactly at zeroBelow still scores',
    standard: { kind: 'completion', zeroBelow: 0.6 },
    extra: flat,
    actual: 60,
    target: 100,
    fraction: 0.6,
  },
  {
    what: 'completion: zeroBelow wins over the floor',
    standard: { kind: 'completion', floor: 0.5, zeroBelow: 0.3 },
    extra: flat,
    actual: 20,
    target: 100,
    fraction: 0,
  },
  {
    what: 'completion: the floor applies above zeroBelow',
    standard: { kind: 'completion', floor: 0.5, zeroBelow: 0.3 },
    extra: flat,
    actual: 40,
    target: 100,
    fraction: 0.5,
  },
  {
    what: 'completion: lower is better divides target by actual',
    standard: 'completion',
    extra: lower,
    actual: 50,
    target: 40,
    fraction: 0.8,
  },
  {
    what: 'completion: lower is better, beating the target is capped at 1',
    standard: 'completion',
    extra: lower,
    actual: 32,
    target: 40,
    fraction: 1,
  },
  {
    what: 'completion: lower is better, beating the target counts up to cap 1.2',
    standard: { kind: 'completion', cap: 1.2 },
    extra: lower,
    actual: 32,
    target: 40,
    fraction: 1.2,
  },
  {
    what: 'completion: cumulative items are judged against the linear target due by the month',
    standard: 'completion',
    actual: 45,
    target: 120,
    month: 6,
    fraction: 0.75,
  },
  {
    what: 'completion: cumulative items follow their milestone schedule',
    standard: 'completion',
    extra: { schedule: { 3: 0.1, 6: 0.4, 12: 1 } },
    actual: 30,
    target: 100,
    month: 6,
    fraction: 0.75,
  },
  {
    what: 'completion: level items are judged against the annual target in any month',
    standard: 'completion',
    extra: flat,
    actual: 45,
    target: 100,
    month: 6,
    fraction: 0.45,
  },
  {
    what: 'completion: a month with nothing due yet scores full',
    standard: 'completion',
    extra: { schedule: { 6: 0.5, 12: 1 } },
    actual: 0,
    target: 100,
    month: 3,
    fraction: 1,
  },
  // goalposts
  {
    what: 'goalposts: (x − lower) ÷ (upper − lower)',
    standard: { kind: 'goalposts', lower: 20, upper: 60 },
    extra: flat,
    actual: 50,
    fraction: 0.75,
  },
  {
    what: 'goalposts: above the upper post is clipped to 1',
    standard: { kind: 'goalposts', lower: 20, upper: 60 },
    extra: flat,
    actual: 70,
    fraction: 1,
  },
  {
    what: 'goalposts: below the lower post is clipped to 0',
    standard: { kind: 'goalposts', lower: 20, upper: 60 },
    extra: flat,
    actual: 10,
    fraction: 0,
  },
  {
    what: 'goalposts: lower is better reverses the posts',
    standard: { kind: 'goalposts', lower: 30, upper: 50 },
    extra: lower,
    actual: 35,
    fraction: 0.75,
  },
  {
    what: 'goalposts: lower is better, better than the best post is clipped to 1',
    standard: { kind: 'goalposts', lower: 30, upper: 50 },
    extra: lower,
    actual: 25,
    fraction: 1,
  },
  {
    what: 'goalposts: lower is better, worse than the worst post is clipped to 0',
    standard: { kind: 'goalposts', lower: 30, upper: 50 },
    extra: lower,
    actual: 55,
    fraction: 0,
  },
  // bands
  {
    what: 'bands on value: the first band holding the value wins at a shared bound',
    standard: {
      kind: 'bands',
      on: 'value',
      bands: [
        { min: 90, fraction: 1 },
        { min: 80, max: 90, fraction: 0.8 },
        { min: 60, max: 79.99, fraction: 0.5 },
      ],
    },
    extra: flat,
    actual: 90,
    fraction: 1,
  },
  {
    what: 'bands on value: a middle band',
    standard: {
      kind: 'bands',
      on: 'value',
      bands: [
        { min: 90, fraction: 1 },
        { min: 80, max: 90, fraction: 0.8 },
        { min: 60, max: 79.99, fraction: 0.5 },
      ],
    },
    extra: flat,
    actual: 85,
    fraction: 0.8,
  },
  {
    what: 'bands on value: a value in a gap between bands scores 0',
    standard: {
      kind: 'bands',
      on: 'value',
      bands: [
        { min: 90, fraction: 1 },
        { min: 80, max: 90, fraction: 0.8 },
        { min: 60, max: 79.99, fraction: 0.5 },
      ],
    },
    extra: flat,
    actual: 79.995,
    fraction: 0,
  },
  {
    what: 'bands on value: below every band scores 0',
    standard: {
      kind: 'bands',
      on: 'value',
      bands: [
        { min: 90, fraction: 1 },
        { min: 60, max: 89, fraction: 0.5 },
      ],
    },
    extra: flat,
    actual: 50,
    fraction: 0,
  },
  {
    what: 'bands on completion: the band is chosen by actual ÷ target',
    standard: {
      kind: 'bands',
      bands: [
        { min: 1, fraction: 1 },
        { min: 0.9, max: 1, fraction: 0.9 },
      ],
    },
    extra: flat,
    actual: 95,
    target: 100,
    fraction: 0.9,
  },
  {
    what: 'bands on completion: an inclusive lower bound is met exactly',
    standard: {
      kind: 'bands',
      bands: [
        { min: 1, fraction: 1 },
        { min: 0.9, max: 1, fraction: 0.9 },
      ],
    },
    extra: flat,
    actual: 90,
    target: 100,
    fraction: 0.9,
  },
  {
    what: 'bands on completion: below the lowest band scores 0',
    standard: {
      kind: 'bands',
      bands: [
        { min: 1, fraction: 1 },
        { min: 0.9, max: 1, fraction: 0.9 },
      ],
    },
    extra: flat,
    actual: 80,
    target: 100,
    fraction: 0,
  },
  {
    what: 'bands on completion: lower is better bands target ÷ actual',
    standard: {
      kind: 'bands',
      bands: [
        { min: 1, fraction: 1 },
        { min: 0.8, max: 1, fraction: 0.6 },
      ],
    },
    extra: lower,
    actual: 45,
    target: 40,
    fraction: 0.6,
  },
  // threshold-deduction: at or above 80% full, −0.1 point per percentage point short (weight 10)
  {
    what: 'threshold-deduction: at or above 80% completion scores full',
    standard: { kind: 'threshold-deduction', threshold: 0.8, step: 0.01, points: 0.1 },
    extra: flat,
    actual: 85,
    target: 100,
    fraction: 1,
  },
  {
    what: 'threshold-deduction: exactly 80% scores full',
    standard: { kind: 'threshold-deduction', threshold: 0.8, step: 0.01, points: 0.1 },
    extra: flat,
    actual: 80,
    target: 100,
    fraction: 1,
  },
  {
    what: 'threshold-deduction: 5 points short of 80% loses 0.5 of 10 points',
    standard: { kind: 'threshold-deduction', threshold: 0.8, step: 0.01, points: 0.1 },
    extra: flat,
    actual: 75,
    target: 100,
    fraction: 0.95,
  },
  {
    what: 'threshold-deduction: 80 points short loses 8 of 10 points',
    standard: { kind: 'threshold-deduction', threshold: 0.8, step: 0.01, points: 0.1 },
    extra: flat,
    actual: 0,
    target: 100,
    fraction: 0.2,
  },
  {
    what: 'threshold-deduction: losses stop at zero points',
    standard: { kind: 'threshold-deduction', threshold: 0.8, step: 0.01, points: 0.1 },
    extra: flat,
    actual: 0,
    target: 100,
    weight: 5,
    fraction: 0,
  },
  {
    what: 'threshold-deduction on value: 3 units short at 0.5 each loses 1.5 points',
    standard: { kind: 'threshold-deduction', on: 'value', threshold: 90, step: 1, points: 0.5 },
    extra: flat,
    actual: 87,
    fraction: 0.85,
  },
  {
    what: 'threshold-deduction on value, lower is better: above the ceiling loses points',
    standard: { kind: 'threshold-deduction', on: 'value', threshold: 35, step: 1, points: 0.5 },
    extra: lower,
    actual: 38,
    fraction: 0.85,
  },
  {
    what: 'threshold-deduction on value, lower is better: under the ceiling scores full',
    standard: { kind: 'threshold-deduction', on: 'value', threshold: 35, step: 1, points: 0.5 },
    extra: lower,
    actual: 30,
    fraction: 1,
  },
  // Completion is already target ÷ actual when lower is better, so 50% completion is 30 points short of 80%.
  {
    what: 'threshold-deduction on completion, lower is better: 50% completion loses 3 points',
    standard: { kind: 'threshold-deduction', threshold: 0.8, step: 0.01, points: 0.1 },
    extra: lower,
    actual: 80,
    target: 40,
    fraction: 0.7,
  },
  // grade
  { what: 'grade: A is full marks', standard: 'grade', extra: flat, text: 'A', fraction: 1 },
  { what: 'grade: B is 0.8', standard: 'grade', extra: flat, text: 'B', fraction: 0.8 },
  { what: 'grade: C is 0.6', standard: 'grade', extra: flat, text: 'C', fraction: 0.6 },
  { what: 'grade: D is 0.3', standard: 'grade', extra: flat, text: 'D', fraction: 0.3 },
  { what: 'grade: letters are read case-insensitively', standard: 'grade', extra: flat, text: ' b ', fraction: 0.8 },
  { what: 'grade: an unknown letter scores 0', standard: 'grade', extra: flat, text: 'E', fraction: 0 },
  {
    what: 'grade: a scheme may define its own grades',
    standard: { kind: 'grade', grades: { 优: 1, 良: 0.7 } },
    extra: flat,
    text: '良',
    fraction: 0.7,
  },
  // milestones (one due per quarter)
  {
    what: 'milestones: all due milestones met scores full',
    standard: 'milestones',
    extra: quarters,
    actual: 2,
    month: 6,
    fraction: 1,
  },
  { what: 'milestones: met ÷ due', standard: 'milestones', extra: quarters, actual: 1, month: 6, fraction: 0.5 },
  {
    what: 'milestones: meeting more than due is capped at full',
    standard: 'milestones',
    extra: quarters,
    actual: 3,
    month: 7,
    fraction: 1,
  },
  {
    what: 'milestones: all-or-nothing scores 0 when one is missed',
    standard: { kind: 'milestones', allOrNothing: true },
    extra: quarters,
    actual: 2,
    month: 9,
    fraction: 0,
  },
  {
    what: 'milestones: all-or-nothing scores full when all are met',
    standard: { kind: 'milestones', allOrNothing: true },
    extra: quarters,
    actual: 3,
    month: 9,
    fraction: 1,
  },
  {
    what: 'milestones: with none due yet the item scores full',
    standard: 'milestones',
    extra: quarters,
    actual: 0,
    month: 2,
    fraction: 1,
  },
  // deduction (weight 10 unless given)
  {
    what: 'deduction: no occurrence keeps full marks',
    standard: { kind: 'deduction', points: 0.5 },
    extra: flat,
    actual: 0,
    fraction: 1,
  },
  {
    what: 'deduction: each occurrence takes its points off the weight',
    standard: { kind: 'deduction', points: 0.5 },
    extra: flat,
    actual: 4,
    fraction: 0.8,
  },
  {
    what: 'deduction: losses stop at zero',
    standard: { kind: 'deduction', points: 0.5 },
    extra: flat,
    actual: 30,
    fraction: 0,
  },
  {
    what: 'deduction: losses stop at the floor',
    standard: { kind: 'deduction', points: 0.5, floor: 0.6 },
    extra: flat,
    actual: 30,
    fraction: 0.6,
  },
  {
    what: 'deduction: a negative count is read as none',
    standard: { kind: 'deduction', points: 0.5 },
    extra: flat,
    actual: -2,
    fraction: 1,
  },
  {
    what: 'deduction: the first finding costs 0.5 of 5 points',
    standard: { kind: 'deduction', points: 0.5, zeroAt: 2 },
    extra: flat,
    actual: 1,
    weight: 5,
    fraction: 0.9,
  },
  {
    what: 'deduction: two findings score 0',
    standard: { kind: 'deduction', points: 0.5, zeroAt: 2 },
    extra: flat,
    actual: 2,
    weight: 5,
    fraction: 0,
  },
  {
    what: 'deduction: more than two findings score 0',
    standard: { kind: 'deduction', points: 0.5, zeroAt: 2, floor: 0.5 },
    extra: flat,
    actual: 3,
    weight: 5,
    fraction: 0,
  },
  // done
  { what: 'done: done scores full', standard: 'done', extra: dueInDecember, actual: 1, month: 12, fraction: 1 },
  {
    what: 'done: not done when due scores 0',
    standard: 'done',
    extra: dueInDecember,
    actual: 0,
    month: 12,
    fraction: 0,
  },
  {
    what: 'done: not done before it is due scores full',
    standard: 'done',
    extra: dueInDecember,
    actual: 0,
    month: 6,
    fraction: 1,
  },
  {
    what: 'done: a due date mid-year makes an unfinished task score 0 from then',
    standard: 'done',
    extra: { schedule: { 6: 1 } },
    actual: 0,
    month: 6,
    fraction: 0,
  },
  {
    what: 'done: partly done when due scores the share done',
    standard: 'done',
    extra: dueInDecember,
    actual: 0.5,
    month: 12,
    fraction: 0.5,
  },
  {
    what: 'done: partly done when due scores the stated partial fraction',
    standard: { kind: 'done', partial: 0.3 },
    extra: dueInDecember,
    actual: 0.5,
    month: 12,
    fraction: 0.3,
  },
  {
    what: 'done: partly done before it is due scores full',
    standard: 'done',
    extra: dueInDecember,
    actual: 0.5,
    month: 6,
    fraction: 1,
  },
  // external
  {
    what: 'external: a score out of 100 is rescaled to 0–1',
    standard: 'external',
    extra: flat,
    actual: 85,
    fraction: 0.85,
  },
  {
    what: 'external: a score on 60–100 is rescaled from its minimum',
    standard: { kind: 'external', min: 60, max: 100 },
    extra: flat,
    actual: 90,
    fraction: 0.75,
  },
  {
    what: 'external: below the minimum is clipped to 0',
    standard: { kind: 'external', min: 60, max: 100 },
    extra: flat,
    actual: 50,
    fraction: 0,
  },
  { what: 'external: above the maximum is clipped to 1', standard: 'external', extra: flat, actual: 120, fraction: 1 },
];

describe('evaluate', () => {
  it.each(rows)('$what', (r) => {
    const e = evaluate(item(r.standard, r.extra), {
      actual: r.actual ?? NaN,
      text: r.text,
      target: r.target ?? NaN,
      month: r.month ?? 12,
      weight: r.weight ?? 10,
    });
    expect(e.needsPeers).toBe(false);
    expect(e.fraction).toBeCloseTo(r.fraction, 9);
  });
});

interface PeerRow {
  what: string;
  standard: unknown;
  extra?: Record<string, unknown>;
  actuals: number[];
  targets?: number[];
  fractions: number[];
}

const peerRows: PeerRow[] = [
  {
    what: 'rank table: 60/57/54/51 by place, ties share a place and the next skips',
    standard: { kind: 'rank', method: 'table', points: [60, 57, 54, 51, 48] },
    actuals: [9, 8, 8, 5],
    fractions: [1, 0.95, 0.95, 0.85],
  },
  {
    what: 'rank table: places past the end of the table get its last points',
    standard: { kind: 'rank', method: 'table', points: [60, 57, 54] },
    actuals: [9, 8, 7, 5],
    fractions: [1, 0.95, 0.9, 0.9],
  },
  {
    what: 'rank table: lower is better puts the smallest value first',
    standard: { kind: 'rank', method: 'table', points: [60, 57, 54, 51] },
    extra: { direction: 'lower' },
    actuals: [3, 5, 5, 9],
    fractions: [1, 0.95, 0.95, 0.85],
  },
  {
    what: 'rank step: full minus 10% per place, not below the floor',
    standard: { kind: 'rank', method: 'step', step: 0.1, floor: 0.75 },
    actuals: [10, 7, 7, 3, 1],
    fractions: [1, 0.9, 0.9, 0.75, 0.75],
  },
  {
    what: 'rank proportional: value ÷ the leader’s value',
    standard: { kind: 'rank', method: 'proportional' },
    actuals: [200, 150, 50],
    fractions: [1, 0.75, 0.25],
  },
  {
    what: 'rank proportional, lower is better: the leader’s value ÷ value',
    standard: { kind: 'rank', method: 'proportional' },
    extra: { direction: 'lower' },
    actuals: [20, 25, 40],
    fractions: [1, 0.8, 0.5],
  },
  {
    what: 'percentile bands: top 25% full, top 50% 0.8, the rest 0.6',
    standard: {
      kind: 'percentile-bands',
      bands: [
        { topShare: 0.25, fraction: 1 },
        { topShare: 0.5, fraction: 0.8 },
        { topShare: 1, fraction: 0.6 },
      ],
    },
    actuals: [10, 9, 8, 7],
    fractions: [1, 0.8, 0.6, 0.6],
  },
  {
    what: 'percentile bands: tied units share the better band',
    standard: {
      kind: 'percentile-bands',
      bands: [
        { topShare: 0.25, fraction: 1 },
        { topShare: 0.5, fraction: 0.8 },
        { topShare: 1, fraction: 0.6 },
      ],
    },
    actuals: [10, 10, 8, 7],
    fractions: [1, 1, 0.6, 0.6],
  },
  {
    what: 'percentile bands: outside every band scores 0',
    standard: { kind: 'percentile-bands', bands: [{ topShare: 0.5, fraction: 1 }] },
    actuals: [10, 9, 8, 7],
    fractions: [1, 1, 0, 0],
  },
  // Completion is target ÷ actual when lower is better, so the highest completion is the best.
  {
    what: 'percentile bands on completion, lower is better: the best completion gets the top band',
    standard: {
      kind: 'percentile-bands',
      on: 'completion',
      bands: [
        { topShare: 0.25, fraction: 1 },
        { topShare: 0.5, fraction: 0.8 },
        { topShare: 1, fraction: 0.6 },
      ],
    },
    extra: { direction: 'lower' },
    actuals: [40, 50, 80, 100],
    targets: [40, 40, 40, 40],
    fractions: [1, 0.8, 0.6, 0.6],
  },
];

describe('finishPeerStandard', () => {
  it.each(peerRows)('$what', (r) => {
    const it1 = item(r.standard, { cumulative: false, ...r.extra });
    const evals = r.actuals.map((actual, i) =>
      evaluate(it1, { actual, target: r.targets?.[i] ?? NaN, month: 12, weight: 10 }),
    );
    expect(evals.every((e) => e.needsPeers)).toBe(true);
    finishPeerStandard(it1, evals);
    expect(evals.map((e) => Math.round(e.fraction * 1e9) / 1e9)).toEqual(r.fractions);
  });
});

describe('missing data on the mini fixture, 2023-06 (丁县 cd reported no CO-GRADE)', () => {
  const data = loadContent(MINI_DIR).data;
  // Peers' CO-GRADE in June: 甲 B 0.8, 乙 A 1, 丙 B 0.8; cd's other items: 16 + 2 + 17 + 0 = 35.
  const cases: { what: string; rule: MissingRule; itemRule?: MissingRule; score: number; total: number }[] = [
    {
      what: 'peer-average scores the peers’ mean fraction (0.8667 × 10)',
      rule: 'peer-average',
      score: 8.67,
      total: 43.67,
    },
    { what: 'zero scores nothing', rule: 'zero', score: 0, total: 35 },
    { what: 'full scores the whole weight', rule: 'full', score: 10, total: 45 },
    // Kept weight 90 scales by 100/90: 16→17.78, 2→2.22, 17→18.89, 0 → 38.89.
    { what: 'exclude drops the item and spreads its weight over the others', rule: 'exclude', score: 0, total: 38.89 },
    { what: 'an item’s own rule overrides the scheme’s', rule: 'peer-average', itemRule: 'full', score: 10, total: 45 },
  ];
  it.each(cases)('$what', (c) => {
    const model = miniModel((b) => {
      b.scheme.missing = c.rule;
      if (c.itemRule) b.tiers[0]!.items.find((i) => i.code === 'CO-GRADE')!.missing = c.itemRule;
    });
    const cd = unitOf(createScorer(model, data).scoreTier('county', '2023-06'), 'cd');
    const grade = cd.items.find((i) => i.code === 'CO-GRADE')!;
    expect(grade.missing).toBe(true);
    expect(grade.score).toBe(c.score);
    expect(cd.total).toBe(c.total);
  });

  it('the exclude rule gives the missing item no weight and scales the kept ones', () => {
    const model = miniModel((b) => {
      b.scheme.missing = 'exclude';
    });
    const cd = unitOf(createScorer(model, data).scoreTier('county', '2023-06'), 'cd');
    expect(cd.items.map((i) => [i.code, Math.round(i.effectiveWeight * 100) / 100, i.score])).toEqual([
      ['CO-GDP', 44.44, 17.78],
      ['CO-AIR', 22.22, 2.22],
      ['CO-RANK', 22.22, 18.89],
      ['CO-MS', 11.11, 0],
      ['CO-GRADE', 0, 0],
    ]);
  });

  it('peer-average with no peer reporting scores 0', () => {
    const noGrades = columnsFromRows(rowsFromColumns(data).filter((r) => r.item !== 'CO-GRADE'));
    const june = createScorer(miniModel(), noGrades).scoreTier('county', '2023-06');
    expect(june.units.map((u) => u.items.find((i) => i.code === 'CO-GRADE')!.score)).toEqual([0, 0, 0, 0]);
  });
});

describe('a completion-measured item reported without a target never makes a score NaN', () => {
  // 甲县 ca reports CO-GDP with no target (data that did not come through the importer, or a gap in it).
  const rows = countyYear('2023-12', { ca: 100, cb: 90, cc: 80, cd: 50 }).map((r) =>
    r.unit === 'ca' && r.item === 'CO-GDP' ? { ...r, target: null } : r,
  );
  it.each([
    { kind: 'completion', standard: { kind: 'completion' } },
    {
      kind: 'bands',
      standard: {
        kind: 'bands',
        on: 'completion',
        bands: [
          { min: 1, fraction: 1 },
          { min: 0, fraction: 0.5 },
        ],
      },
    },
    {
      kind: 'threshold-deduction',
      standard: { kind: 'threshold-deduction', on: 'completion', threshold: 0.8, step: 0.01, points: 0.1 },
    },
    {
      kind: 'percentile-bands',
      standard: {
        kind: 'percentile-bands',
        on: 'completion',
        bands: [
          { topShare: 0.5, fraction: 1 },
          { topShare: 1, fraction: 0.5 },
        ],
      },
    },
  ])('$kind', ({ standard }) => {
    const model = miniModel((b) => {
      b.tiers[0]!.items[0]!.standard = standardSchema.parse(standard);
    });
    const r = createScorer(model, columnsFromRows(rows)).scoreTier('county', '2023-Y');
    expect(r.units.map((u) => [u.unit, Number.isFinite(u.total)])).toEqual(r.units.map((u) => [u.unit, true]));
  });
});
