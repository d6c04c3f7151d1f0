import type { APIRoute } from 'astro';
import { getCollection, render } from 'astro:content';
import { entriesOfYear, entrySlug, siteData, siteYears, useYear } from '../site/data.ts';
import { searchDocs } from '../site/search-docs.ts';
import type { MarkdownDoc } from '../site/search-docs.ts';

async function docsOf(name: 'rules' | 'announcements', year: number): Promise<MarkdownDoc[]> {
  const entries = entriesOfYear(await getCollection(name), year);
  return Promise.all(
    entries.map(async (e) => ({
      id: entrySlug(e.id),
      title: e.data.title,
      body: e.body ?? '',
      headings: (await render(e)).headings,
    })),
  );
}

/** The search index the search page loads (same origin, built with the site): every year, each result naming its year. */
export const GET: APIRoute = async () => {
  const docs = [];
  for (const y of [...siteYears()].reverse()) {
    const rules = await docsOf('rules', y);
    const anns = await docsOf('announcements', y);
    useYear(y);
    docs.push(...searchDocs(siteData(y).model, rules, anns).map((d) => ({ ...d, k: `${y}年度 · ${d.k}` })));
  }
  useYear();
  return new Response(JSON.stringify(docs), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
