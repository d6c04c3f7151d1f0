/** The search index shipped with the site: rules sections, indicators and items, units, announcements. */
import type { Model } from '../engine/index.ts';
import { describeStandard } from '../engine/index.ts';
import { paths } from './paths.ts';
import type { SearchDoc } from './search.ts';
import { markdownText } from './search.ts';

export interface MarkdownDoc {
  id: string;
  title: string;
  body: string;
  /** Headings with their anchors, as Astro's render() returns them. */
  headings: { depth: number; slug: string; text: string }[];
}

/** Split a Markdown body at ## and ### headings, each section linked to its anchor. */
function sections(doc: MarkdownDoc, href: string): SearchDoc[] {
  const out: SearchDoc[] = [];
  const lines = doc.body.split(/\r?\n/);
  let title = doc.title;
  let anchor = '';
  let buf: string[] = [];
  let k = 0;
  const flush = () => {
    const x = markdownText(buf.join('\n'));
    if (x)
      out.push({
        t: title === doc.title ? doc.title : `${doc.title} · ${title}`,
        u: `${href}${anchor}`,
        k: '考核办法',
        x,
      });
    buf = [];
  };
  for (const line of lines) {
    const m = /^(#{2,3})\s+(.+?)\s*#*$/.exec(line);
    if (!m) {
      buf.push(line);
      continue;
    }
    flush();
    title = markdownText(m[2]!);
    const h = doc.headings.slice(k).findIndex((x) => x.text.trim() === title.trim());
    if (h >= 0) {
      anchor = `#${doc.headings[k + h]!.slug}`;
      k += h + 1;
    } else anchor = '';
  }
  flush();
  return out;
}

export function searchDocs(model: Model, rules: MarkdownDoc[], announcements: MarkdownDoc[]): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const r of rules) docs.push(...sections(r, paths.rules(r.id)));
  const unitName = (id: string) => model.unitById.get(id)?.name ?? id;
  for (const tier of model.tiers) {
    docs.push({
      t: `${tier.name}指标清单`,
      u: paths.indicators(tier.id),
      k: '指标清单',
      x: `${tier.description} ${tier.indicators.map((i) => [i.name, ...(i.children ?? []).map((c) => c.name)].join(' ')).join(' ')}`,
    });
    for (const item of tier.items) {
      const ind = model.indicatorByCode.get(item.indicator);
      const l1 = ind ? model.indicatorByCode.get(ind.level1) : undefined;
      docs.push({
        t: item.name,
        u: `${paths.indicators(tier.id)}#item-${item.code}`,
        k: `考核事项 · ${tier.name}`,
        x: [
          item.code,
          l1?.name,
          ind && ind.code !== l1?.code ? ind.name : '',
          describeStandard(item),
          item.description ?? '',
          item.leads.length ? `牵头：${item.leads.map(unitName).join('、')}` : '',
          item.units ? `适用：${item.units.map(unitName).join('、')}` : '',
        ]
          .filter(Boolean)
          .join(' '),
      });
    }
  }
  for (const u of model.units) {
    const tier = model.tierById.get(u.tier);
    const own = (model.unitItems.get(u.id) ?? []).filter((x) => x.specific).map((x) => x.item.name);
    docs.push({
      t: u.name,
      u: paths.unit(u.id),
      k: `单位 · ${tier?.name ?? u.tier}`,
      x: [
        u.id,
        tier?.name,
        u.parent ? `隶属${unitName(u.parent)}` : '',
        own.length ? `特有重点工作：${own.join('、')}` : '',
      ]
        .filter(Boolean)
        .join(' '),
    });
  }
  for (const a of announcements)
    docs.push({ t: a.title, u: paths.announcement(a.id), k: '公告', x: markdownText(a.body).slice(0, 4000) });
  return docs;
}
