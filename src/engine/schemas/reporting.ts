import { z } from 'zod';
import { codeSchema } from './common.ts';

/**
 * Who reports a value (报送单位): `lead` (the item's lead department; a lead department reports its own),
 * `self` (the assessed unit itself), or the code of a unit or of an office in `reporting.offices`.
 * A list names the owner first; the others may also report it (co-leads), and must then agree.
 */
export const reportedBySchema = z.union([codeSchema, z.array(codeSchema).min(1, { error: '至少列出一个报送单位' })])
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

const dateSchema = z.preprocess(
  (v) => {
    // YAML may hand a Date for an unquoted date; dates are calendar days, written YYYY-MM-DD.
    if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
    if (typeof v !== 'string') return v;
    const m = /^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*$/.exec(v);
    return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : v;
  },
  z.string({ error: '应为日期，如 2023-08-03' }).regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: '应为日期，如 2023-08-03' }),
);

/** inbox/<YYYY-MM>/manifest.yaml: reporter code → the date its file was received. */
export const inboxManifestSchema = z.record(z.string(), dateSchema, { error: '应为“报送单位代码: 收到日期”的列表，如 sthjj: 2023-08-03' }).default({});
export type InboxManifest = z.infer<typeof inboxManifestSchema>;
