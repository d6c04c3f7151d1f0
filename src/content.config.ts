import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { announcementSchema, rulesDocSchema } from './engine/schemas/unit.ts';
import { CONTENT_DIR, YEAR_DIRS } from './site/data.ts';

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

export const collections = { rules, announcements };
