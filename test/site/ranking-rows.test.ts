/** The rows of the ranking and monitoring tables as the site writes them (site/ranking-rows.ts, site/monitoring.ts), without a build or a browser. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  PACE_LABELS,
  createScorer,
  indexData,
  mainSensitivity,
  rankRangeText,
  sensitivityText,
} from '../../src/engine/index.ts';
import { loadContent } from '../../src/content-io/load-content.ts';
import { compositionRowsHtml, movementCell, movementMark, rankingRowsHtml } from '../../src/site/ranking-rows.ts';
import { PACE_CLASS, boardRow, boardRowsHtml, flaggedList, flaggedRowsHtml } from '../../src/site/monitoring.ts';

/** The declarations of a rule whose selector is exactly `selector` in global.css. */
const rule = (selector: string) => {
  const at = css.indexOf(`\n${selector} {`);
  expect(at, selector).toBeGreaterThanOrEqual(0);
  return css.slice(css.indexOf('{', at) + 1, css.indexOf('}', at)).trim();
};

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const loaded = loadContent(join(ROOT, 'content', '2023'), { root: ROOT });
const model = loaded.model!;
const css = readFileSync(join(ROOT, 'src', 'styles', 'global.css'), 'utf8');
const scorer = createScorer(model, indexData(loaded.data));
const month = scorer.months.at(-1)!;
const decimals = model.scheme.decimals;
const town = [...model.tiers].sort(
  (a, b) => model.unitsByTier.get(b.id)!.length - model.unitsByTier.get(a.id)!.length,
)[0]!;

/** A row's cells as text (tags dropped), split at each cell's start tag. */
const cells = (row: string) =>
  row
    .split(/<t[dh](?=[ >])/)
    .slice(1)
    .map((c) => c.replace(/^[^>]*>/, ''));

describe('ranking rows', () => {
  const r = scorer.scoreTier(town.id, month);
  const html = rankingRowsHtml(r, { decimals, compact: false, comprehensive: false });
  const rows = html.split('<tr>').slice(1);

  it('write one row per unit in rank order, each cell in its column, with nothing repeated per cell', () => {
    expect(rows).toHaveLength(r.units.length);
    for (const [i, u] of r.units.entries()) {
      const c = cells(rows[i]!);
      expect(c).toHaveLength(12);
      expect(c[0]).toBe(String(u.rank));
      expect(rows[i]).toContain(`<a href="/units/${u.unit}/">${u.name}</a>`);
      expect(c[2]).toBe(u.total.toFixed(decimals));
      expect(c[6]).toBe(u.coefficient.toFixed(2));
      expect(c[7]!.startsWith(u.gradeLabel)).toBe(true);
      expect(rows[i]).toContain(
        `<td${u.grade === 'excellent' ? ' class=ge' : u.grade === 'poor' ? ' class=gp' : ''}>${u.gradeLabel}`,
      );
      expect(c[9]).toContain(rankRangeText(u.rankRange));
    }
    // Labels, classes per cell and the movement's words are the stylesheet's, said once; only the coloured grades have a class.
    expect(html).not.toMatch(/class=g-/);
    expect(css).toMatch(/table\.ranking td\.ge \{[^}]*color/);
    expect(css).toMatch(/table\.ranking td\.gp \{[^}]*color/);
    expect(html).not.toMatch(/data-label|data-col|class="num|visually-hidden">上升|名次主要取决于/);
  });

  it('name the level-1 indicators a wide rank range hangs on, as the engine finds them', () => {
    const u = r.units.find((x) => x.rankRange && x.rankRange[0] !== x.rankRange[1] && x.sensitivity?.length)!;
    const row = rows[r.units.indexOf(u)]!;
    expect(row).toContain(`<details><summary>${rankRangeText(u.rankRange)}</summary>`);
    for (const s of mainSensitivity(u.sensitivity!)) expect(row).toContain(s.name);
  });

  it('say once, in the stylesheet, the sentence of the engine for a rank range no one item leads', () => {
    const none = r.units.filter(
      (x) =>
        x.rankRange &&
        x.rankRange[0] !== x.rankRange[1] &&
        x.sensitivity?.length &&
        !mainSensitivity(x.sensitivity).length,
    );
    expect(none.length).toBeGreaterThan(0);
    for (const u of none) expect(rows[r.units.indexOf(u)]).toContain('</summary><b></b></details>');
    expect(html).not.toContain('没有哪一项起主要作用');
    const u = none[0]!;
    expect(rule('table.ranking details b::before')).toBe(`content: '${sensitivityText(u.rankRange, u.sensitivity)}';`);
  });

  it('mark movement by a class the stylesheet draws and reads (↑ 上升 N 位, ↓ 下降 N 位, 持平, —, 不可比)', () => {
    expect(movementCell({ previousRank: 5, rank: 2, previousComparable: true })).toBe('<td><i class=up>3</i>');
    expect(movementCell({ previousRank: 2, rank: 4, previousComparable: true })).toBe('<td><i class=dn>2</i>');
    expect(movementCell({ previousRank: 4, rank: 4, previousComparable: true })).toBe('<td><i class=eq>持平</i>');
    expect(movementCell({ previousRank: null, rank: 4, previousComparable: null })).toBe('<td><i class=na></i>');
    expect(movementCell({ previousRank: null, rank: 4, previousComparable: false })).toBe('<td><i class=nc></i>');
    expect(movementMark({ previousRank: 9, rank: 4, previousComparable: true })).toBe('<i class=up>5</i>');
  });

  it('escape names from content', () => {
    const u = { ...r.units[0]!, name: '<b>&"' };
    const one = rankingRowsHtml({ ...r, units: [u] }, { decimals, compact: true, comprehensive: false });
    expect(one).toContain('&lt;b&gt;&amp;&quot;');
    expect(cells(one)).toHaveLength(8);
  });

  it('write the level-1 score table: unit, one score per level-1 indicator, base score', () => {
    const level1 = r.level1Average.map((a) => ({ code: a.code }));
    const comp = compositionRowsHtml(r, level1, decimals).split('<tr>').slice(1);
    expect(comp).toHaveLength(r.units.length);
    const u = r.units[0]!;
    expect(cells(comp[0]!)).toEqual([
      u.name,
      ...level1.map((l) => u.indicators.find((i) => i.code === l.code)!.score.toFixed(decimals)),
      u.base.toFixed(decimals),
    ]);
  });
});

describe('monitoring rows', () => {
  const r = scorer.scoreTier(town.id, month);

  it('write the board: rank, unit, the worst status per level-1 indicator with counts, total', () => {
    const rows = boardRowsHtml(r, town, decimals).split('<tr>').slice(1);
    expect(rows).toHaveLength(r.units.length);
    for (const [i, u] of r.units.entries()) {
      const c = cells(rows[i]!);
      expect(c).toHaveLength(town.indicators.length + 3);
      expect(c[0]).toBe(String(u.rank));
      expect(c.at(-1)).toBe(u.total.toFixed(decimals));
      for (const [k, cell] of boardRow(u, town).entries()) {
        const text = c[k + 2]!;
        if (!cell) expect(rows[i]).toContain('<td class=na>');
        else if (cell.missing === cell.items) expect(text).toBe('未报送');
        else {
          expect(text.startsWith(PACE_LABELS[cell.status])).toBe(true);
          if (cell.behind > 0) expect(text).toContain(`<small>${cell.behind}/${cell.items} 项滞后</small>`);
        }
      }
    }
    expect(rows.join('')).not.toMatch(/class="cell|class=cell|visually-hidden/);
  });

  it('colour each status by a one-letter class, as the legend (cell-<status>) and the pills (pace-<status>) are', () => {
    const rows = boardRowsHtml(r, town, decimals).split('<tr>').slice(1);
    for (const [i, u] of r.units.entries())
      for (const cell of boardRow(u, town))
        if (cell && cell.missing < cell.items)
          expect(rows[i]).toContain(`<td class=${PACE_CLASS[cell.status]}>${PACE_LABELS[cell.status]}`);
    for (const [status, letter] of Object.entries(PACE_CLASS)) {
      expect(rule(`table.board tbody td.${letter}`)).toBe(rule(`.cell-${status}`));
      expect(rule(`table.flagged td > span.${letter}`)).toBe(rule(`.pace-${status}`));
    }
    expect(new Set(Object.values(PACE_CLASS)).size).toBe(Object.keys(PACE_CLASS).length);
  });

  it('write the flagged list longest lag first, each item linked to its row on the unit page', () => {
    const list = flaggedList(r);
    const rows = flaggedRowsHtml(r).split('<tr>').slice(1);
    expect(rows).toHaveLength(list.length);
    expect(list.some((f) => f.reason === `连续 ${f.lagStreak} 次调度滞后`)).toBe(true);
    for (const [i, f] of list.entries()) {
      expect(rows[i]).toContain(`<a href="/units/${f.unit.unit}/#r-${f.code}">`);
      // The streak is said once, in 连续滞后: a reason that is the streak is the short mark, any other in full.
      const streak = f.reason === `连续 ${f.lagStreak} 次调度滞后`;
      expect(cells(rows[i]!).slice(3)).toEqual([`${f.lagStreak} 次`, streak ? '连续滞后' : f.reason]);
      expect(rows[i]).not.toContain('次调度滞后');
      expect(rows[i]).toContain(`<td><span class=${PACE_CLASS[f.pace]}>${PACE_LABELS[f.pace]}</span><td>`);
    }
  });
});
