import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadYears, yearScorersOf } from '../../src/content-io/load-content.ts';
import { rankingJson } from '../../src/engine/index.ts';

/**
 * Golden files: the whole default content's rankings, every shipped year under its own scheme (each year's scorer
 * linked to the earlier years' own results, as the site and CLI score), as rankingJson without item explanations.
 * On a mismatch the new result is written beside the golden file as <name>.actual.json and the test
 * lists the paths that changed. Regenerate on purpose with UPDATE_GOLDEN=1 npm run test:unit.
 */
const CONTENT = fileURLToPath(new URL('../../content', import.meta.url));
const GOLDEN = fileURLToPath(new URL('../golden/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const MAX_LISTED = 25;

const loaded = loadYears(CONTENT);
const { problems } = loaded;
const years = problems.length === 0 ? yearScorersOf(loaded) : undefined;

/** Paths whose values differ, as `path: golden → actual`. */
function differences(golden: unknown, actual: unknown, path = '', out: string[] = []): string[] {
  if (out.length > MAX_LISTED) return out;
  if (golden !== null && actual !== null && typeof golden === 'object' && typeof actual === 'object') {
    if (Array.isArray(golden) !== Array.isArray(actual)) {
      out.push(`${path || '(root)'}: type changed`);
      return out;
    }
    const g = golden as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const k of new Set([...Object.keys(g), ...Object.keys(a)])) {
      const p = Array.isArray(golden) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      if (!(k in a)) out.push(`${p}: removed`);
      else if (!(k in g)) out.push(`${p}: added`);
      else differences(g[k], a[k], p, out);
    }
    return out;
  }
  if (!Object.is(golden, actual))
    out.push(`${path || '(root)'}: ${JSON.stringify(golden)} → ${JSON.stringify(actual)}`);
  return out;
}

/** Label rows by unit so a path reads `[3 fgw].total` rather than `[3].total`. */
function labelled(list: ReturnType<typeof rankingJson>, lines: string[]): string[] {
  return lines.map((l) => l.replace(/^\[(\d+)\]/, (_m, i: string) => `[${i} ${list[Number(i)]?.unit ?? '?'}]`));
}

describe('golden rankings of the default content (content/<year>/)', () => {
  it('content loads without problems', () => {
    expect(problems).toEqual([]);
  });

  it('ships two years, 2022 and 2023', () => {
    expect(years?.years).toEqual([2022, 2023]);
  });

  // The latest year at its year end and mid-year; earlier years at their year end (the month they keep).
  const cases = (years?.years ?? []).flatMap((year) => {
    const scorer = years!.scorers.get(year)!;
    const periods = year === years!.latest ? [`${year}-Y`, `${year}-06`] : [`${year}-Y`];
    return scorer.model.scheme.tiers.flatMap((tier) => periods.map((period) => ({ tier, period, year })));
  });
  it.each(cases)(
    '$tier $period matches its golden file (test/golden/<tier>-<period>.json)',
    ({ tier, period, year }) => {
      const actual = rankingJson(years!.scorers.get(year)!.scoreTier(tier, period, { explain: false }));
      const text = `${JSON.stringify(actual, null, 1)}\n`;
      expect(text.length, 'golden files stay under 300 KB').toBeLessThan(300_000);
      const file = `${GOLDEN}${tier}-${period}.json`;
      const actualFile = `${GOLDEN}${tier}-${period}.actual.json`;
      if (update || !existsSync(file)) {
        writeFileSync(file, text);
        rmSync(actualFile, { force: true });
        if (!update) throw new Error(`wrote new golden file ${file}; review and commit it`);
        return;
      }
      const golden = readFileSync(file, 'utf8');
      if (golden === text) {
        rmSync(actualFile, { force: true });
        return;
      }
      writeFileSync(actualFile, text);
      const diff = labelled(actual, differences(JSON.parse(golden) as unknown, actual));
      const more = diff.length > MAX_LISTED ? `\n  … and more` : '';
      throw new Error(
        `${tier} ${period} differs from its golden file (${diff.length > MAX_LISTED ? `${MAX_LISTED}+` : diff.length} changes):\n  ${diff.slice(0, MAX_LISTED).join('\n  ')}${more}\n` +
          `New result written to ${actualFile}. If the change is intended: UPDATE_GOLDEN=1 npm run test:unit`,
      );
    },
  );
});
