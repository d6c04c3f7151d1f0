import type { APIRoute, GetStaticPaths } from 'astro';
import { siteData, siteYears } from '../../../site/data.ts';
import { rankingResponse } from '../../../site/downloads.ts';

export const getStaticPaths = (() => {
  return siteYears().flatMap((y) => {
    const { model, periods } = siteData(y);
    return model.tiers.flatMap((t) => periods.map((p) => ({ params: { tier: t.id, period: p.id } })));
  });
}) satisfies GetStaticPaths;

/** The ranking download (kaohe-ranking/3), exactly what `kaohe score --format json` prints for the tier and period. */
export const GET: APIRoute = ({ params }) => rankingResponse(params.tier!, params.period!);
