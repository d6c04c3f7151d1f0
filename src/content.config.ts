import { defineCollection } from 'astro:content';
import { z } from 'zod';
import { glob } from 'astro/loaders';
import { announcementSchema, rulesDocSchema } from './engine/schemas/unit.ts';
import { itemSchema, tierSchema } from './engine/schemas/tier.ts';
import { unitSchema } from './engine/schemas/unit.ts';
import { siteData, CONTENT_DIR, YEAR_DIRS } from './site/data.ts';

// Every year's folder (content/2022/rules/…, content/2023/rules/…); ids keep the year: 2023/rules/01-overview.
const single = YEAR_DIRS.length === 1 && YEAR_DIRS[0] === CONTENT_DIR;
const pattern = (kind: string) => (single ? `${kind}/*.md` : `[0-9][0-9][0-9][0-9]/${kind}/*.md`);
const generateId = ({ entry }: { entry: string }) => entry.replace(/\.md$/, '');

/** Rules text (考核办法), Markdown with frontmatter validated by the engine's schema. */
const rules = defineCollection({
  loader: glob({ pattern: pattern('rules'), base: CONTENT_DIR, generateId }),
  schema: rulesDocSchema,
});

/** Announcements (公告), Markdown; tier + period pull the engine's ranking table in. */
const announcements = defineCollection({
  loader: glob({ pattern: pattern('announcements'), base: CONTENT_DIR, generateId }),
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
