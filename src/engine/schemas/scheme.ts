import { z } from 'zod';
import {
  behindStatusSchema,
  codeSchema,
  gradeIdSchema,
  missingRuleSchema,
  monthSchema,
  shareSchema,
  tierIdSchema,
} from './common.ts';
import { reportedBySchema, reportingSchema } from './reporting.ts';

export const gradeBandSchema = z.strictObject({
  id: gradeIdSchema,
  /** Chinese label, e.g. 优秀. */
  label: z.string().min(1),
  /** rank-share: the top share of the tier that gets this grade or better (cumulative), e.g. 0.2. */
  topShare: shareSchema.optional(),
  /** threshold: lowest total for this grade. */
  min: z.number().optional(),
});

/** 等次: by rank share (cumulative top shares) or by score thresholds; the last band catches the rest. */
export const gradeRuleSchema = z
  .strictObject({
    method: z.enum(['rank-share', 'threshold']),
    /** How a share becomes a count of units: floor, round or ceil. Default round. */
    countRounding: z.enum(['floor', 'round', 'ceil']).default('round'),
    bands: z.array(gradeBandSchema).min(2, { error: '至少需要两个等次' }),
  })
  .superRefine((rule, ctx) => {
    // Every band but the last needs its bound, in order (shares rising, thresholds falling).
    let prev: number | undefined;
    rule.bands.slice(0, -1).forEach((b, i) => {
      const v = rule.method === 'rank-share' ? b.topShare : b.min;
      const field = rule.method === 'rank-share' ? 'topShare' : 'min';
      if (v === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['bands', i, field],
          message: `method: ${rule.method} 的每个等次（最后一个除外）都需要 ${field}`,
        });
        return;
      }
      if (prev !== undefined && (rule.method === 'rank-share' ? v < prev : v > prev))
        ctx.addIssue({
          code: 'custom',
          path: ['bands', i, field],
          message:
            rule.method === 'rank-share' ? '累计比例逐级递增（不小于上一等次）' : '分数线逐级递减（不大于上一等次）',
        });
      prev = v;
    });
    const ids = rule.bands.map((b) => b.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['bands'], message: '等次代码不重复' });
  });
export type GradeRule = z.infer<typeof gradeRuleSchema>;

export const adjustmentSchema = z.strictObject({
  code: codeSchema,
  kind: z.enum(['bonus', 'deduction', 'veto']),
  name: z.string().min(1),
  /** Most points this item adds (bonus) or takes (deduction) in a year. */
  cap: z.number().positive().optional(),
  /** Veto: the grades this event bars (e.g. [excellent]); the unit gets the best grade not barred. */
  bars: z.array(gradeIdSchema).default([]),
  tiers: z.array(tierIdSchema).optional(),
  /** Who reports this event each month. Default: the scheme's reporting.adjustments. */
  reportedBy: reportedBySchema.optional(),
});
export type Adjustment = z.infer<typeof adjustmentSchema>;

export const coefficientRuleSchema = z.strictObject({
  tiers: z.array(tierIdSchema).min(1),
  /** What the load counts, shown in explanations, e.g. 承担四大牵引性工程. */
  basis: z.string().default('承担重点任务'),
  /** Number of traction projects a unit carries → coefficient. Loads past the table take the last row. */
  table: z.array(z.strictObject({ load: z.number().int().min(0), value: z.number().positive() })).min(1),
});

const placeSchema = z
  .strictObject({ count: z.number().int().positive().optional(), share: shareSchema.optional() })
  .refine((p) => p.count !== undefined || p.share !== undefined, { error: '需要 count（名次数）或 share（比例）' });

export const consequenceSchema = z.strictObject({
  id: z.string().min(1),
  /** What happens, in Chinese. */
  label: z.string().min(1),
  tiers: z.array(tierIdSchema).min(1),
  when: z.strictObject({
    grades: z.array(gradeIdSchema).optional(),
    /** Ranked among the top `count` or top `share` of the tier. */
    top: placeSchema.optional(),
    /** Ranked among the bottom `count` or bottom `share` of the tier (near the bottom, 靠后). */
    bottom: placeSchema.optional(),
    /** The condition must hold in this many consecutive year-end results, this year included. Default 1. */
    years: z.number().int().positive().default(1),
    /** A unit with a veto event (一票否决/否优) that year does not qualify. Default true for rules with `top`, false otherwise. */
    unlessVetoed: z.boolean().optional(),
  }),
});
export type Consequence = z.infer<typeof consequenceSchema>;

export const schemeSchema = z.strictObject({
  id: codeSchema,
  name: z.string().min(1),
  /** Short name for headers. */
  shortName: z.string().min(1),
  /** The city (or region) running the scheme. */
  city: z.string().min(1),
  /** Assessment year; monthly periods are YEAR-01 … YEAR-12. */
  year: z.number().int().min(2000).max(2100),
  /** Earlier years whose year-end data is kept for consequences that read history (e.g. two years in a row). */
  historyYears: z.array(z.number().int()).default([]),
  /** Tier codes in display order; each needs content/tiers/<id>.yaml. */
  tiers: z.array(tierIdSchema).min(1),
  /** Scores are kept and ranked at this many decimals, rounding half away from zero. Default 2. */
  decimals: z.number().int().min(0).max(6).default(2),
  /** Default rule for items without data. Default peer-average. */
  missing: missingRuleSchema.default('peer-average'),
  /** Pace thresholds on (actual progress ÷ expected progress). */
  pace: z
    .strictObject({
      ahead: z.number().positive().default(1.05),
      onPace: z.number().positive().default(0.95),
      lagging: z.number().positive().default(0.8),
    })
    .refine((p) => p.ahead >= p.onPace && p.onPace >= p.lagging, { error: '应满足 ahead ≥ onPace ≥ lagging' }),
  /** When an item is flagged for supervision (挂牌督办). */
  flag: z.strictObject({
    /** Lagging (or worse) this many dispatches in a row. Default 3. */
    consecutive: z.number().int().positive().default(3),
    /** Month of the mid-year check. Default 6. */
    midYearMonth: monthSchema.default(6),
    /** Statuses at the mid-year check that flag an item. Default severely-lagging. */
    midYearStatuses: z.array(behindStatusSchema).default(['severely-lagging']),
  }),
  /** The monthly cycle: dispatch day, quarterly review day, reminder discipline. */
  cycle: z.strictObject({
    /** Day of the following month on which a month's dispatch (月调度) happens. */
    dispatchDay: z.number().int().min(1).max(28).default(5),
    /** Day of the month after a quarter's end on which the quarterly review (季研判) meets. */
    reviewDay: z.number().int().min(1).max(28).default(15),
    /** Days to deploy, report back, settle ordinary and major matters ("13710"). */
    discipline: z
      .strictObject({
        deploy: z.number().int(),
        report: z.number().int(),
        ordinary: z.number().int(),
        major: z.number().int(),
      })
      .default({ deploy: 1, report: 3, ordinary: 7, major: 10 }),
    disciplineName: z.string().default('13710'),
  }),
  /** Monthly reporting (数据报送): offices that report, who reports adjustments, the due day. */
  reporting: reportingSchema.default({ offices: [], adjustments: ['self'] }),
  /** Grade rule for every tier, with optional per-tier overrides. */
  grades: z.strictObject({ default: gradeRuleSchema }).catchall(gradeRuleSchema),
  /** Bonus, deduction and veto items outside the base 100. */
  adjustments: z.array(adjustmentSchema).default([]),
  /** Most bonus points in total per unit and year. */
  bonusCap: z.number().min(0).default(5),
  /** Most deduction points in total per unit and year. */
  deductionCap: z.number().min(0).default(10),
  coefficients: z.array(coefficientRuleSchema).default([]),
  consequences: z.array(consequenceSchema).default([]),
  /** The "1": how differentiated results enter the annual comprehensive assessment. */
  comprehensive: z
    .strictObject({
      name: z.string(),
      description: z.string(),
      /** Per tier, the share of the comprehensive assessment the differentiated total counts for. */
      tiers: z.record(tierIdSchema, z.strictObject({ share: shareSchema })),
    })
    .optional(),
  /** Rank robustness: random weight changes of ±spread, draws times, from a fixed seed. */
  robustness: z
    .strictObject({
      draws: z.number().int().min(1).max(10000).default(200),
      spread: shareSchema.default(0.2),
      seed: z.number().int().default(1),
    })
    .default({ draws: 200, spread: 0.2, seed: 1 }),
  /** Names of the traction projects (四大牵引性工程). */
  tractionProjects: z.array(z.string()).default([]),
  /** Base weights of each unit must sum to this. Default 100. */
  baseTotal: z.number().positive().default(100),
});
export type Scheme = z.infer<typeof schemeSchema>;
