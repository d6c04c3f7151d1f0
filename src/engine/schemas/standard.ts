import { z } from 'zod';
import { shareSchema } from './common.ts';

const nonNegative = z.number().min(0, { error: '应为非负数' });

/** 完成率: actual ÷ target (target ÷ actual when lower is better), clipped to [floor, cap]. */
export const completionStandardSchema = z.strictObject({
  kind: z.literal('completion'),
  /** Lowest fraction given while above zeroBelow. Default 0. */
  floor: nonNegative.default(0),
  /** Highest fraction for over-completion, e.g. 1.2 counts over-completion up to 120%. Default 1. */
  cap: z.number().min(0).default(1),
  /** Completion below this scores 0. Optional. */
  zeroBelow: nonNegative.optional(),
});

/** Goalposts: (x − lower) ÷ (upper − lower), clipped to [0, 1]; reversed when lower is better. */
export const goalpostsStandardSchema = z
  .strictObject({
    kind: z.literal('goalposts'),
    lower: z.number(),
    upper: z.number(),
  })
  .refine((s) => s.upper !== s.lower, { error: 'upper 与 lower 不能相等', path: ['upper'] });

export const bandSchema = z.strictObject({
  /** Inclusive lower bound of the band on the measure. */
  min: z.number().optional(),
  /** Inclusive upper bound of the band on the measure. */
  max: z.number().optional(),
  fraction: nonNegative,
});

/** 分档: the first band whose [min, max] holds the measure gives the fraction; none → 0. */
export const bandsStandardSchema = z.strictObject({
  kind: z.literal('bands'),
  /** The measure: the raw value or the completion rate. Default completion. */
  on: z.enum(['value', 'completion']).default('completion'),
  bands: z.array(bandSchema).min(1, { error: '至少需要一个档次' }),
});

/** Percentile bands among peers: top share of peers by value → fraction. */
export const percentileBandsStandardSchema = z.strictObject({
  kind: z.literal('percentile-bands'),
  on: z.enum(['value', 'completion']).default('value'),
  bands: z
    .array(z.strictObject({ topShare: shareSchema, fraction: nonNegative }))
    .min(1, { error: '至少需要一个档次' }),
});

/** Threshold plus deduction: at or above threshold → full; else −points per step short. */
export const thresholdDeductionStandardSchema = z.strictObject({
  kind: z.literal('threshold-deduction'),
  on: z.enum(['value', 'completion']).default('completion'),
  threshold: z.number(),
  /** Size of one step short, in the measure's units (0.01 = one percentage point of completion). */
  step: z.number().positive({ error: '应为正数' }),
  /** Points deducted per step short. */
  points: z.number().positive({ error: '应为正数' }),
});

/** 排名计分: by place among peers; split by `method`, each carrying what it needs. */
const rankFields = {
  /** For table: points by place, first place first (e.g. 60, 57, 54…); places past the end get the last. */
  points: z.array(nonNegative).optional(),
  /** For step: fraction of the weight lost per place below first. */
  step: nonNegative.optional(),
  /** Lowest fraction for step. Default 0. */
  floor: nonNegative.default(0),
};
/** A field one method needs: optional in the shape (every method accepts the same keys), required by a check. */
function needed<T>(schema: z.ZodOptional<z.ZodType<T>>, ok: (x: T) => boolean, message: string) {
  return schema
    .superRefine((x, ctx) => {
      if (x === undefined || !ok(x)) ctx.addIssue({ code: 'custom', message });
    })
    .transform((x) => x as T);
}
/** table: points by place. */
export const rankTableStandardSchema = z.strictObject({
  kind: z.literal('rank'),
  method: z.literal('table'),
  ...rankFields,
  points: needed(
    rankFields.points,
    (p) => p.length > 0 && p[0]! > 0,
    'method: table 需要 points（按名次的分值表，第一名大于 0）',
  ),
});
/** step: full minus step per place. */
export const rankStepStandardSchema = z.strictObject({
  kind: z.literal('rank'),
  method: z.literal('step'),
  ...rankFields,
  step: needed(rankFields.step, () => true, 'method: step 需要 step（每降一名扣减的比例）'),
});
/** proportional: value ÷ leader's value. */
export const rankProportionalStandardSchema = z.strictObject({
  kind: z.literal('rank'),
  method: z.literal('proportional'),
  ...rankFields,
});
const RANK_METHODS = [rankTableStandardSchema, rankStepStandardSchema, rankProportionalStandardSchema] as const;
export const rankStandardSchema = z.discriminatedUnion('method', RANK_METHODS, {
  error: `以下之一：${RANK_METHODS.map((m) => m.shape.method.value).join('、')}`,
});

/** 定性评价: a letter grade → fraction. */
export const gradeStandardSchema = z.strictObject({
  kind: z.literal('grade'),
  grades: z.record(z.string().min(1), nonNegative).default({ A: 1, B: 0.8, C: 0.6, D: 0.3 }),
});

/** 时间节点: milestones of the schedule met on time ÷ milestones due by the period. */
export const milestonesStandardSchema = z.strictObject({
  kind: z.literal('milestones'),
  /** When true, any missed milestone scores 0. Default false. */
  allOrNothing: z.boolean().default(false),
});

/** 扣分: full minus points per occurrence, not below floor; zeroAt occurrences or more → 0. */
export const deductionStandardSchema = z.strictObject({
  kind: z.literal('deduction'),
  points: z.number().positive({ error: '应为正数' }),
  /** Lowest fraction. Default 0. */
  floor: nonNegative.default(0),
  zeroAt: z.number().int().positive().optional(),
});

/** Done / not done (1 / 0, 是 / 否). */
export const doneStandardSchema = z.strictObject({
  kind: z.literal('done'),
  /** Fraction when reported partly done (0 < value < 1). Default: the value itself. */
  partial: nonNegative.optional(),
});

/** An external score on [min, max], rescaled to [0, 1]. */
export const externalStandardSchema = z
  .strictObject({
    kind: z.literal('external'),
    min: z.number().default(0),
    max: z.number().default(100),
  })
  .refine((s) => s.max > s.min, { error: 'max 应大于 min', path: ['max'] });

const STANDARD_SCHEMAS = [
  completionStandardSchema,
  goalpostsStandardSchema,
  bandsStandardSchema,
  percentileBandsStandardSchema,
  thresholdDeductionStandardSchema,
  rankStandardSchema,
  gradeStandardSchema,
  milestonesStandardSchema,
  deductionStandardSchema,
  doneStandardSchema,
  externalStandardSchema,
] as const;

/** The standard kinds, read from the union below (one kind per schema). */
export const STANDARD_KINDS: readonly StandardKind[] = STANDARD_SCHEMAS.map((s) =>
  'shape' in s ? s.shape.kind.value : s.options[0].shape.kind.value,
);

const standardObjectSchema = z.discriminatedUnion('kind', STANDARD_SCHEMAS, {
  error: `以下评价标准之一（kind）：${STANDARD_KINDS.join('、')}`,
});

/** A standard; the shorthand `standard: completion` means `{ kind: completion }` with defaults. */
export const standardSchema = z.preprocess((v) => (typeof v === 'string' ? { kind: v } : v), standardObjectSchema);
export type Standard = z.infer<typeof standardObjectSchema>;
export type StandardKind = z.infer<(typeof STANDARD_SCHEMAS)[number]>['kind'];
export type CompletionStandard = z.infer<typeof completionStandardSchema>;
export type GoalpostsStandard = z.infer<typeof goalpostsStandardSchema>;
export type BandsStandard = z.infer<typeof bandsStandardSchema>;
export type PercentileBandsStandard = z.infer<typeof percentileBandsStandardSchema>;
export type ThresholdDeductionStandard = z.infer<typeof thresholdDeductionStandardSchema>;
export type RankStandard = z.infer<typeof rankStandardSchema>;
export type GradeStandard = z.infer<typeof gradeStandardSchema>;
export type MilestonesStandard = z.infer<typeof milestonesStandardSchema>;
export type DeductionStandard = z.infer<typeof deductionStandardSchema>;
export type DoneStandard = z.infer<typeof doneStandardSchema>;
export type ExternalStandard = z.infer<typeof externalStandardSchema>;
