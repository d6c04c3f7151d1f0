import { z } from 'zod';
import { zodErrorMap } from '../zod-problems.ts';

// No eval anywhere the engine runs: the site's Content-Security-Policy forbids it, and zod would otherwise
// probe with `new Function` (reported as a violation even when caught) to compile its parsers.
// Unknown keys list the known ones and unions their alternatives (zodErrorMap).
z.config({ jitless: true, customError: zodErrorMap });

export const tierIdSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, {
  error: '应为小写英文代码，如 county、town',
});
export type TierId = string;

/** Code of a unit, item or indicator: letters, digits, dash, underscore. */
export const codeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: '应为字母、数字、短横线组成的代码，如 CO-IND-01' });

export const gradeIdSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, { error: '应为小写英文等次代码，如 excellent' });

/** Month number 1–12 within the assessment year. */
export const monthSchema = z
  .number()
  .int()
  .min(1, { error: '月份应在 1–12 之间' })
  .max(12, { error: '月份应在 1–12 之间' });

/** True when year-month-day is a day of the calendar (2023-02-30 and 2023-13-01 are not). */
export function isCalendarDay(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * A calendar day, written 2023-08-03 (also 2023/8/3, 2023.8.3, 2023年8月3日), kept as YYYY-MM-DD.
 * Impossible days (2023-02-30) and numbers (`date: 1`) are problems, never rolled over to another day.
 */
export const calendarDaySchema = z.preprocess(
  (v) => {
    // YAML may hand a Date for an unquoted date; dates are calendar days.
    if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
    if (typeof v !== 'string') return v;
    const m = /^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*$/.exec(v);
    return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : v;
  },
  z.string({ error: '应为日期，如 2023-08-03（写成文字，不是数字）' }).refine(
    (s) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      return !!m && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
    },
    { error: '应为日历上存在的日期，如 2023-08-03（没有 2 月 30 日、4 月 31 日这样的日子）' },
  ),
);

/** A share in [0, 1], e.g. 0.2 for 20%. */
export const shareSchema = z.number().min(0, { error: '比例应在 0–1 之间' }).max(1, { error: '比例应在 0–1 之间' });

export const directionSchema = z.enum(['higher', 'lower'], { error: '应为 higher（越高越好）或 lower（越低越好）' });
export type Direction = z.infer<typeof directionSchema>;

/** How an item with no data (or not applicable) is scored; never a silent zero. */
export const missingRuleSchema = z.enum(['peer-average', 'zero', 'full', 'exclude'], {
  error: '应为 peer-average（同类平均）、zero（计零）、full（计满分）或 exclude（不计，权重按比例分配）',
});
export type MissingRule = z.infer<typeof missingRuleSchema>;

/**
 * Pace status of an item against the schedule (序时进度), in code order: 'none' (no data) first, then best to
 * worst. Every list of statuses (codes, legends, boards, the mid-year flag rule) derives from this one enum.
 */
export const paceStatusSchema = z.enum(['none', 'ahead', 'on-pace', 'lagging', 'severely-lagging']);
export type PaceStatus = z.infer<typeof paceStatusSchema>;

/** The statuses that are behind the schedule: lagging or severely lagging. */
export const behindStatusSchema = paceStatusSchema.extract(['lagging', 'severely-lagging']);
export type BehindStatus = z.infer<typeof behindStatusSchema>;
