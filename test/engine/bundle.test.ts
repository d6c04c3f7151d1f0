import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content-io/load-content.ts';
import { parseBundle } from '../../src/engine/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const { model } = loadContent(join(ROOT, 'content', '2023'), { root: ROOT });
const published = () => JSON.parse(JSON.stringify(model!.bundle)) as Record<string, unknown>;

describe('the browser checks the published scheme (scheme.json) with the same schemas', () => {
  it('accepts the bundle the build publishes, unchanged', () => {
    const { bundle, problems } = parseBundle(published());
    expect(problems).toEqual([]);
    expect(bundle).toEqual(JSON.parse(JSON.stringify(model!.bundle)));
  });

  it.each([
    // A damaged or hand-edited file names the field, the value found and what is expected.
    {
      what: 'a weight that is text',
      edit: (b: any) => {
        b.tiers[0].items[0].weight = '五';
      },
      field: 'tiers[0].items[0].weight',
      found: '五',
    },
    {
      what: 'an unknown standard kind',
      edit: (b: any) => {
        b.tiers[1].items[0].standard.kind = 'magic';
      },
      field: 'tiers[1].items[0].standard.kind',
    },
    {
      what: 'a misspelt scheme key',
      edit: (b: any) => {
        b.scheme.bonuscap = 3;
      },
      field: 'scheme.bonuscap',
      found: 'bonuscap',
    },
  ])('rejects $what', ({ edit, field, found }) => {
    const b = published();
    edit(b);
    const { bundle, problems } = parseBundle(b);
    expect(bundle).toBeUndefined();
    expect(problems.map((p) => p.field)).toContain(field);
    if (found) expect(problems.find((p) => p.field === field)?.found).toBe(found);
    expect(problems.every((p) => p.file === 'scheme.json')).toBe(true);
  });
});
