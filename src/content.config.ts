import { defineCollection } from 'astro:content';
import { z } from 'zod';
import { glob } from 'astro/loaders';
import { announcementSchema, rulesDocSchema } from './engine/schemas/unit.ts';
import { itemSchema, tierSchema } from './engine/schemas/tier.ts';
import { unitSchema } from './engine/schemas/unit.ts';
import { siteData, YEAR_DIR } from './site/data.ts';

/** Rules text (考核办法), Markdown with frontmatter validated by the engine's schema. */
const rules = defineCollection({
  loader: glob({ pattern: '*.md', base: `${YEAR_DIR}/rules` }),
  schema: rulesDocSchema,
});

/** Announcements (公告), Markdown; tier + period pull the engine's ranking table in. */
const announcements = defineCollection({
  loader: glob({ pattern: '*.md', base: `${YEAR_DIR}/announcements` }),
  schema: announcementSchema,
});

/** Tiers, units and items, loaded through the engine so build, CLI and browser validate alike. */
const tiers = defineCollection({
  loader: async () => siteData().model.tiers.map((t) => ({ ...t, id: t.id })),
  schema: tierSchema,
});
const units = defineCollection({
  loader: async () => siteData().model.units.map((u) => ({ ...u })),
  schema: unitSchema,
});
const items = defineCollection({
  loader: async () => [...siteData().model.itemByCode.values()].map(({ item }) => ({ ...item, id: item.code })),
  schema: itemSchema.extend({ id: z.string() }),
});

export const collections = { rules, announcements, tiers, units, items };
