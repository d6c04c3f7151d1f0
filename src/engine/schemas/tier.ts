import { z } from 'zod';
import { codeSchema, directionSchema, missingRuleSchema, monthSchema, shareSchema, tierIdSchema } from './common.ts';
import { standardSchema } from './standard.ts';
import { reportedBySchema } from './reporting.ts';

/** One cumulative milestone of a schedule: by `month`, `progress` of the annual target is due. */
export const milestoneSchema = z.strictObject({
  month: monthSchema,
  progress: shareSchema,
  /** What is due, e.g. 完成立项. Optional. */
  label: z.string().optional(),
});
export type Milestone = z.infer<typeof milestoneSchema>;

/**
 * A schedule (时间进度): `linear` (default), a map `{ 3: 0.25, 6: 0.5 }`, or a list of milestones.
 * Always becomes a list sorted by month; an empty list means linear.
 */
export const scheduleSchema = z
  .preprocess(
    (v) => {
      if (v === undefined || v === null || v === 'linear') return [];
      if (typeof v === 'object' && !Array.isArray(v))
        return Object.entries(v as Record<string, unknown>).map(([m, p]) => ({ month: Number(m), progress: p }));
      return v;
    },
    z.array(milestoneSchema).refine((list) => new Set(list.map((m) => m.month)).size === list.length, {
      error: '每个月份只出现一次的时间节点',
    }),
  )
  .transform((list) => [...list].sort((a, b) => a.month - b.month));

export const itemSchema = z.strictObject({
  /** Unique item code across the scheme, e.g. CO-IND-01. */
  code: codeSchema,
  /** Code of the indicator (level 1 or level 2) the item belongs to. */
  indicator: codeSchema,
  name: z.string().min(1, { error: '事项名称不能为空' }),
  /** Base weight (points) for every unit of the tier that has the item. */
  weight: z.number().min(0, { error: '应为非负数（分值）' }),
  /** Measure unit shown beside values, e.g. 亿元, %, 个. Optional. */
  measure: z.string().optional(),
  direction: directionSchema.default('higher'),
  /** True when the value accumulates over the year (投资额); false for levels and rates. Default true. */
  cumulative: z.boolean().default(true),
  standard: standardSchema,
  schedule: scheduleSchema.default([]),
  /** Lead departments (unit codes of city departments). */
  leads: z.array(codeSchema).default([]),
  /** Unit-specific item: only these units have it. Absent: every unit of the tier (or its leads, see tier.applyTo). */
  units: z.array(codeSchema).optional(),
  /**
   * One step of the item's value, the precision it is reported at (e.g. 0.01 亿元): advice suggests values
   * on this grid. Default: 1 for counts (deduction, milestones and done standards; measures 个、次、家、天…), else 0.01.
   */
  step: z.number().positive({ error: '应为正数' }).optional(),
  /** Rule when a unit has no data for the item. Default: the scheme's. */
  missing: missingRuleSchema.optional(),
  /**
   * Soft bounds of a believable value in any month (for a cumulative item: 0 up to a year's total): a value outside
   * is worth a second look, never an error. Default: none. The sample data stays inside it.
   */
  plausible: z.strictObject({ min: z.number().optional(), max: z.number().optional() }).optional(),
  /**
   * Hard bounds of the actual value: outside is a problem and the file is rejected (`integer`: whole numbers
   * only). Default: what follows from the standard and measure (done 0–1, deduction counts and milestones
   * whole numbers ≥ 0, counts ≥ 0; see src/engine/ranges.ts).
   */
  range: z
    .strictObject({ min: z.number().optional(), max: z.number().optional(), integer: z.boolean().optional() })
    .optional(),
  /** Plain-Chinese evaluation standard shown to readers; generated from the standard when absent. */
  standardText: z.string().optional(),
  /** Longer description of the work. Optional. */
  description: z.string().optional(),
  /** Who reports the item's values each month (`lead`, `self` or a reporter code; a list: owner first). Default: `self` for unit-specific items and items without leads, else `lead`. */
  reportedBy: reportedBySchema.optional(),
});
export type Item = z.infer<typeof itemSchema>;

export interface IndicatorInput {
  code: string;
  name: string;
  children?: IndicatorInput[] | undefined;
}
export const indicatorSchema: z.ZodType<IndicatorInput> = z.strictObject({
  code: codeSchema,
  name: z.string().min(1, { error: '指标名称不能为空' }),
  children: z.lazy(() => z.array(indicatorSchema)).optional(),
});
export type Indicator = IndicatorInput;

export const tierSchema = z.strictObject({
  id: tierIdSchema,
  /** Chinese name, e.g. 县（市、区）. */
  name: z.string().min(1),
  /** Short description shown on the tier's page. */
  description: z.string().default(''),
  /** Which units an item applies to by default: all units of the tier, or only its lead departments. */
  applyTo: z.enum(['all', 'leads']).default('all'),
  /** Level-1 indicators, each with optional level-2 children. */
  indicators: z.array(indicatorSchema).min(1, { error: '至少需要一个一级指标' }),
  items: z.array(itemSchema).min(1, { error: '至少需要一个考核事项' }),
});
export type TierInput = z.input<typeof tierSchema>;
export type Tier = z.infer<typeof tierSchema>;
