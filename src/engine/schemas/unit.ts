import { z } from 'zod';
import { calendarDaySchema, codeSchema, tierIdSchema } from './common.ts';

const boolish = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const s = v.trim().toLowerCase();
    if (['', '0', 'false', 'no', '否', 'n'].includes(s)) return false;
    if (['1', 'true', 'yes', '是', 'y'].includes(s)) return true;
    return v;
  },
  z.boolean({ error: '应为 是/否（或 true/false）' }),
);

const intish = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? 0 : Number(v)) : v),
  z.number({ error: '应为整数' }).int({ error: '应为整数' }).min(0, { error: '应为非负整数' }),
);

/** A row of content/units.csv. */
export const unitSchema = z.object({
  id: codeSchema,
  name: z.string().trim().min(1, { error: '单位名称不能为空' }),
  tier: tierIdSchema,
  /** Parent county for towns and streets. */
  parent: z.preprocess((v) => (v === '' ? undefined : v), codeSchema.optional()),
  /** Number of traction projects the unit carries (drives the coefficient). */
  traction: intish.default(0),
  /** True when the name is invented for the sample, not a real place. */
  sampleName: boolish.default(false),
  /**
   * Codes this unit had in an earlier year (renamed, merged): its history and "two years in a row" follow them.
   * In units.csv, codes separated by `;` or spaces; empty or absent: none.
   */
  formerly: z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const codes = v.split(/[;；,，\s]+/).filter((x) => x !== '');
    return codes.length ? codes : undefined;
  }, z.array(codeSchema).optional()),
});
export type Unit = z.infer<typeof unitSchema>;

const numeric = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? NaN : Number(v)) : v),
  z.number({ error: '应为数字' }).refine((n) => Number.isFinite(n), { error: '应为数字' }),
);

/** A row of content/weights.csv: a unit's own weight for an item (差异化赋分); 0 removes the item. */
export const weightOverrideSchema = z.object({
  unit: codeSchema,
  item: codeSchema,
  weight: numeric.pipe(z.number().min(0, { error: '应为非负数（分值）' })),
});
export type WeightOverride = z.infer<typeof weightOverrideSchema>;

/** content/data/meta.yaml: facts about the period data. */
export const dataMetaSchema = z.strictObject({
  /** True for synthetic sample data: every page showing it carries the 示例数据 notice. */
  sample: z.boolean(),
  /** Shown beside the data, e.g. where it comes from. */
  note: z.string().default(''),
  /** Publication date per period, YYYY-MM-DD. */
  published: z.record(z.string(), calendarDaySchema).default({}),
});
export type DataMeta = z.infer<typeof dataMetaSchema>;

/** Frontmatter of content/rules/*.md. */
export const rulesDocSchema = z.strictObject({
  title: z.string().min(1),
  order: z.number().default(0),
  description: z.string().optional(),
});

/** Frontmatter of content/announcements/*.md. */
export const announcementSchema = z.strictObject({
  title: z.string().min(1),
  /** A calendar day (2023-07-10); an impossible day or a number is a problem, never rolled over. */
  date: calendarDaySchema.pipe(z.coerce.date()),
  /** When set with period, the engine's ranking table for that tier and period is shown. */
  tier: tierIdSchema.optional(),
  period: z
    .string()
    .regex(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H1|Y))?$/, { error: '应为 2023-06、2023-Q2、2023-H1 或 2023-Y' })
    .optional(),
  summary: z.string().optional(),
});
