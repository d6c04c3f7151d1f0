import type { APIRoute, GetStaticPaths } from 'astro';
import { labelSampleJson, rankingJson } from '../../../engine/index.ts';
import { siteData, ranking, tierAdvice, siteYears } from '../../../site/data.ts';

export const getStaticPaths = (() => {
  return siteYears().flatMap((y) => {
    const { model, periods } = siteData(y);
    return model.tiers.flatMap((t) => periods.map((p) => ({ params: { tier: t.id, period: p.id } })));
  });
}) satisfies GetStaticPaths;

/** Exactly what the CLI's `score --format json` prints for the same tier and period (sample data labelled). */
export const GET: APIRoute = ({ params }) => {
  const r = ranking(params.tier!, params.period!);
  const json = labelSampleJson(rankingJson(r, tierAdvice(params.tier!, params.period!)), r.sample);
  return new Response(`${JSON.stringify(json, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
