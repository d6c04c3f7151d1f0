import type { APIRoute } from 'astro';
import { getCollection, render } from 'astro:content';
import { siteData } from '../site/data.ts';
import { searchDocs } from '../site/search-docs.ts';
import type { MarkdownDoc } from '../site/search-docs.ts';

async function docsOf(name: 'rules' | 'announcements'): Promise<MarkdownDoc[]> {
  const entries = await getCollection(name);
  return Promise.all(entries.map(async (e) => ({ id: e.id, title: e.data.title, body: e.body ?? '', headings: (await render(e)).headings })));
}

/** The search index the search page loads (same origin, built with the site). */
export const GET: APIRoute = async () => {
  const docs = searchDocs(siteData().model, await docsOf('rules'), await docsOf('announcements'));
  return new Response(JSON.stringify(docs), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
