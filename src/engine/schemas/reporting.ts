import { z } from 'zod';
import { calendarDaySchema, codeSchema } from './common.ts';

/**
 * Who reports a value (报送单位): `lead` (the item's lead department; a lead department reports its own),
 * `self` (the assessed unit itself), or the code of a unit or of an office in `reporting.offices`.
 * A list names the owner first; the others may also report it (co-leads), and must then agree.
 */
export const reportedBySchema = z
  .union([codeSchema, z.array(codeSchema).min(1, { error: '至少列出一个报送单位' })])
  .transform((v) => (Array.isArray(v) ? v : [v]));
export type ReportedBy = z.infer<typeof reportedBySchema>;

export const reportingOfficeSchema = z.strictObject({
  /** Reporter code, unique among units and offices, e.g. khb. */
  id: codeSchema,
  /** Chinese name, e.g. 市考核办. */
  name: z.string().min(1),
});

/** scheme.yaml `reporting`: who sends the month's values and by when (数据报送). */
export const reportingSchema = z.strictObject({
  /** Named offices that report besides the units (e.g. 市考核办 for bonus, deduction and veto events). Default none. */
  offices: z.array(reportingOfficeSchema).default([]),
  /** Who reports bonus, deduction and veto events (加减分、否决事项) unless an adjustment says otherwise: a code or `self`. Default self. */
  adjustments: reportedBySchema.default(['self']),
  /** Day of the following month by which a month's submissions are due. Default: the cycle's dispatchDay (the dispatch date). */
  dueDay: z.number().int().min(1).max(28).optional(),
});
export type Reporting = z.infer<typeof reportingSchema>;

const dateSchema = calendarDaySchema;

/** inbox/<YYYY-MM>/manifest.yaml: reporter code → the date its file was received. */
export const inboxManifestSchema = z
  .record(z.string(), dateSchema, { error: '应为“报送单位代码: 收到日期”的列表，如 sthjj: 2023-08-03' })
  .default({});
export type InboxManifest = z.infer<typeof inboxManifestSchema>;
