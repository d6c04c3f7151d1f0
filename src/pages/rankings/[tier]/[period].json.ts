import type { APIRoute, GetStaticPaths } from 'astro';
import { rankingJson } from '../../../engine/index.ts';
import { siteData, ranking } from '../../../site/data.ts';

export const getStaticPaths = (() => {
  const { model, periods } = siteData();
  return model.tiers.flatMap((t) => periods.map((p) => ({ params: { tier: t.id, period: p.id } })));
}) satisfies GetStaticPaths;

/** Exactly what `npm run kaohe -- score --format json` prints for the same tier and period. */
export const GET: APIRoute = ({ params }) =>
  new Response(`${JSON.stringify(rankingJson(ranking(params.tier!, params.period!)), null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
