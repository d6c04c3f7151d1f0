import { z } from 'zod';
import type { ContentBundle } from './model.ts';
import type { Problem } from './problem.ts';
import { schemeSchema } from './schemas/scheme.ts';
import { tierSchema } from './schemas/tier.ts';
import { dataMetaSchema, unitSchema, weightOverrideSchema } from './schemas/unit.ts';
import { zodProblems } from './zod-problems.ts';

const bundleSchema = z.object({
  scheme: schemeSchema,
  tiers: z.array(tierSchema),
  units: z.array(unitSchema),
  weights: z.array(weightOverrideSchema),
  dataMeta: dataMetaSchema,
  sources: z.object({
    scheme: z.string(),
    tiers: z.record(z.string(), z.object({ file: z.string(), itemLines: z.array(z.number()) })),
    units: z.object({ file: z.string(), rows: z.array(z.number()) }),
    weights: z.object({ file: z.string(), rows: z.array(z.number()) }),
  }),
});

/**
 * Validate a published scheme bundle (scheme.json) with the same schemas the build and CLI use, so the
 * browser never scores with a stale or damaged scheme. Problems name the field in the JSON.
 */
export function parseBundle(
  json: unknown,
  file = 'scheme.json',
): { bundle: ContentBundle | undefined; problems: Problem[] } {
  const parsed = bundleSchema.safeParse(json);
  if (parsed.success) return { bundle: parsed.data, problems: [] };
  return { bundle: undefined, problems: zodProblems(parsed.error, json, file) };
}
