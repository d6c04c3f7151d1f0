/** A unit page's table rows (site/unit-rows.ts): the least markup, the same cells, every text escaped. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content-io/load-content.ts';
import { PACE_LABELS, createScorer, describeSchedule, describeStandard, indexData } from '../../src/engine/index.ts';
import type { ItemResult } from '../../src/engine/index.ts';
import type { HistoryPoint } from '../../src/site/data.ts';
import { historyPeers, historyRowsHtml, itemRowsHtml, level1RowsHtml, listRowsHtml } from '../../src/site/unit-rows.ts';
import { level1VsAverage } from '../../src/site/units.ts';
import { percent } from '../../src/engine/format.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const loaded = loadContent(join(ROOT, 'content', '2023'), { root: ROOT });
const model = loaded.model!;
const scorer = createScorer(model, indexData(loaded.data));

/** The cells of each row, as a browser parses rows whose optional end tags are left out. */
function cells(rowsHtml: string): string[][] {
  return rowsHtml
    .split('<tr')
    .slice(1)
    .map((r) =>
      r
        .split(/<t[hd](?:\s[^>]*)?>/)
        .slice(1)
        .map((c) =>
          c
            .replace(/<[^>]+>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim(),
        ),
    );
}

const opts = { decimals: 2, tier: 'county', indicatorName: (c: string) => c, rounding: undefined };

describe('unit page rows', () => {
  it('write the history: period link, total, rank of all, movement mark, grade, flagged count', () => {
    const r = scorer.scoreTier('county', '2023-06');
    const u = { ...r.units.at(-1)!, previousComparable: true };
    const period = { id: '2023-06', label: '2023年6月', kind: 'month' } as HistoryPoint['period'];
    const row = (previousRank: number | null) =>
      historyRowsHtml([{ period, result: { ...u, previousRank }, of: r.units.length }], 'county', 2);
    expect(row(u.rank + 3)).toContain('href="/rankings/county/2023-06/"');
    expect(row(u.rank + 3)).toContain('<td><i class=up>3</i>');
    expect(row(u.rank - 2)).toContain('<td><i class=dn>2</i>');
    expect(row(u.rank)).toContain('<td><i class=eq>持平</i>');
    expect(row(null)).toContain('<td><i class=na></i>');
    expect(cells(row(u.rank + 3))[0]).toEqual([
      '2023年6月',
      u.total.toFixed(2),
      String(u.rank),
      '3',
      u.gradeLabel,
      String(u.flagged.length || '—'),
    ]);
  });

  it('say the number of units ranked once (the 排名 header) when every period has the same, else on each row', () => {
    const r = scorer.scoreTier('county', '2023-06');
    const u = { ...r.units[0]!, previousRank: null };
    const at = (id: string, of: number) => ({
      period: { id, label: id, kind: 'month' } as HistoryPoint['period'],
      result: u,
      of,
    });
    const same = [at('2023-05', 12), at('2023-06', 12)];
    expect(historyPeers(same)).toBe(12);
    expect(cells(historyRowsHtml(same, 'county', 2)).map((c) => c[2])).toEqual([String(u.rank), String(u.rank)]);
    const differ = [at('2023-05', 11), at('2023-06', 12)];
    expect(historyPeers(differ)).toBeUndefined();
    expect(cells(historyRowsHtml(differ, 'county', 2)).map((c) => c[2])).toEqual([`${u.rank} / 11`, `${u.rank} / 12`]);
  });

  it('show each item once: actual and target with their measure in their cells, not again in its box', () => {
    const month = '2023-06';
    const unit = scorer.scoreTier('county', month).units[0]!;
    const html = itemRowsHtml(unit.items, { ...opts, listed: () => undefined });
    const rows = cells(html);
    expect(rows).toHaveLength(unit.items.length);
    unit.items.forEach((it, k) => {
      const actual = it.explanation!.inputs.find((i) => i.label === '实际值')!.value;
      expect(rows[k]![2]).toBe(actual);
      expect(rows[k]![4]).toBe(it.score.toFixed(2));
      expect(rows[k]![5]!.split(' ')[0]).toBe(PACE_LABELS[it.pace]);
      // The box: the computation, without the standard (the list's column) or the values already in the row.
      expect(rows[k]![6]).toContain(`计算：${it.explanation!.formula}`.replace(/\s+/g, ' '));
      expect(rows[k]![6]).not.toContain('实际值：');
      expect(rows[k]![6]).not.toContain(`评价标准`);
    });
    expect(html).not.toContain('</td>');
    // The pace is the pill's label in its cell, coloured by its status's class; the box's lines are paragraphs.
    expect(html).toContain(`<td><i class=pace-${unit.items[0]!.pace}>`);
    expect(html).not.toContain('<ul>');
  });

  it('escape names and values', () => {
    const it0: ItemResult = {
      ...scorer.scoreTier('county', '2023-01').units[0]!.items[0]!,
      name: '甲<b>&"乙',
      flagReason: '<script>',
    };
    const html = itemRowsHtml([it0], { ...opts, listed: () => undefined, indicatorName: () => 'x&y' });
    expect(html).toContain('甲&lt;b&gt;&amp;&quot;乙');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('x&amp;y');
    expect(html).not.toContain('<b>');
  });

  it('keep what is the unit’s own in its item rows: its weight with 调整 and the default, 特有, a link to the tier’s standard and schedule', () => {
    const unit = model.units.find((u) => model.unitItems.get(u.id)?.some((x) => x.overridden))!;
    const list = model.unitItems.get(unit.id)!;
    const listed = new Map(list.map((x) => [x.item.code, x]));
    const result = scorer.scoreTier(unit.tier, '2023-06').units.find((u) => u.unit === unit.id)!;
    const html = itemRowsHtml(result.items, { ...opts, tier: unit.tier, listed: (c) => listed.get(c) });
    const rows = cells(html);
    result.items.forEach((it, k) => {
      const x = listed.get(it.code)!;
      expect(html).toContain(`<a href="/indicators/${unit.tier}/#item-${it.code}">`);
      expect(rows[k]![1]).toBe(x.overridden ? `${x.weight} 调整 默认 ${x.item.weight}` : String(it.weight));
      if (x.specific) expect(rows[k]![0]).toContain('特有');
    });
    expect(html.split(' class=row-override').length - 1).toBe(list.filter((x) => x.overridden && !x.specific).length);
    // The tier's words are on its indicators page, not repeated in every unit's rows.
    for (const x of list) {
      expect(html).not.toContain(describeStandard(x.item));
      if (x.item.cumulative) expect(html).not.toContain(describeSchedule(x.item.schedule));
    }
  });

  it('list the items of a unit without a result: level-1 indicator and weight, marking overrides', () => {
    const unit = model.units.find((u) => model.unitItems.get(u.id)?.some((x) => x.overridden))!;
    const list = model.unitItems.get(unit.id)!;
    const html = listRowsHtml(list, { tier: unit.tier, level1Name: () => '一级' });
    const rows = cells(html);
    expect(rows).toHaveLength(list.length);
    list.forEach((x, k) => {
      expect(rows[k]![0]).toContain(x.item.name);
      expect(rows[k]![1]).toBe('一级');
      expect(rows[k]![2]).toContain(String(x.weight));
    });
    expect(html.split('<tr class=row-override').length - 1).toBe(
      list.filter((x) => x.overridden && !x.specific).length,
    );
  });

  it('draw each level-1 row’s share and the tier average as two bars on one scale from 0, beside their numbers', () => {
    const r = scorer.scoreTier('town', '2023-12');
    const u = r.units[0]!;
    const l1 = level1VsAverage(u, r);
    const html = level1RowsHtml(l1, 2);
    const rows = cells(html);
    expect(rows).toHaveLength(l1.length);
    const widths = [...html.matchAll(/<rect(?: y="8")? width="([\d.]+)"/g)].map((m) => Number(m[1]));
    const scale = Math.max(1, ...l1.flatMap((x) => [x.share, x.average]));
    l1.forEach((x, k) => {
      expect(rows[k]!.slice(0, 5)).toEqual([
        x.name,
        String(x.weight),
        x.score.toFixed(2),
        percent(x.share),
        percent(x.average),
      ]);
      expect(widths[2 * k]).toBeCloseTo((x.share / scale) * 100, 1);
      expect(widths[2 * k + 1]).toBeCloseTo((x.average / scale) * 100, 1);
    });
    // A share over 100 % (completion above target) sets the scale: the longest bar is full length, none overflows.
    const over = level1RowsHtml([{ ...l1[0]!, share: 1.25, average: 0.5 }], 2);
    expect([...over.matchAll(/width="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([100, 40]);
    expect(html).toContain('aria-hidden="true"');
  });
});
