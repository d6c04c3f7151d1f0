/**
 * Content validation that checks meaning, not only shape (issue #7): coefficient tables, unit names,
 * calendar dates, YAML syntax errors in Chinese at their line, frontmatter problems at their real line,
 * a tier listed in scheme.yaml without its file, and cross-file scheme problems at their line.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/index.ts';
import type { ContentBundle, Problem } from '../../src/engine/index.ts';
import { loadBundle, loadContent } from '../../src/content-io/load-content.ts';
import { announcementSchema, dataMetaSchema } from '../../src/engine/schemas/unit.ts';
import { inboxManifestSchema } from '../../src/engine/schemas/reporting.ts';
import { MINI_DIR, miniBundle } from './mini.ts';

const problemsOf = (edit: (b: ContentBundle) => void): Problem[] => {
  const b = miniBundle();
  edit(b);
  return compileModel(b).problems;
};
const table = (b: ContentBundle) => b.scheme.coefficients[0]!.table;

describe('coefficient tables: more traction tasks → a higher coefficient, each load once, no gaps', () => {
  it('the fixture’s table (0, 1, 2 → 1, 1.05, 1.1) passes', () => {
    expect(problemsOf(() => undefined)).toEqual([]);
  });
  it('a load listed twice is a problem (the second row would be silently ignored)', () => {
    const p = problemsOf((b) => {
      table(b).push({ load: 1, value: 1.2 });
    });
    expect(p).toMatchObject([{ field: 'coefficients[0].table[3].load', found: '1' }]);
    expect(p[0]!.expected).toContain('重复');
  });
  it('a gap in loads is a problem', () => {
    const p = problemsOf((b) => {
      table(b).splice(1, 1);
    });
    expect(p).toMatchObject([{ field: 'coefficients[0].table[1].load', found: '2' }]);
    expect(p[0]!.expected).toContain('缺少 1');
  });
  it('a value that decreases as the load grows is a problem', () => {
    const p = problemsOf((b) => {
      table(b)[2]!.value = 1.01;
    });
    expect(p).toMatchObject([{ field: 'coefficients[0].table[2].value', found: '1.01' }]);
  });
});

describe('units', () => {
  it('two units with the same name are a problem naming both rows (the importer resolves names)', () => {
    const p = problemsOf((b) => {
      b.units[1]!.name = b.units[0]!.name;
    });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ field: 'name', found: '甲县', row: 3 });
    expect(p[0]!.expected).toContain('第 2 行');
  });
});

describe('dates are calendar days, never rolled over', () => {
  it.each([['2023-02-30'], ['2023-04-31'], ['2023-13-01'], [1], ['1']])('announcement date %s is a problem', (date) => {
    expect(announcementSchema.safeParse({ title: '通报', date }).success).toBe(false);
  });
  it('a real date is read as that day (also 2023/7/10 and 2023年7月10日)', () => {
    for (const date of ['2023-07-10', '2023/7/10', '2023年7月10日']) {
      const r = announcementSchema.safeParse({ title: '通报', date });
      expect(r.success && r.data.date.toISOString().slice(0, 10)).toBe('2023-07-10');
    }
  });
  it('manifest and publication dates too', () => {
    expect(inboxManifestSchema.safeParse({ sthjj: '2023-02-29' }).success).toBe(false);
    expect(inboxManifestSchema.safeParse({ sthjj: '2024-02-29' }).success).toBe(true);
    expect(dataMetaSchema.safeParse({ sample: true, published: { '2023-06': '2023-06-31' } }).success).toBe(false);
    expect(dataMetaSchema.safeParse({ sample: true, published: { '2023-06': '2023-07-10' } }).success).toBe(true);
  });
});

describe('content files: syntax errors in Chinese at their line', () => {
  let dir = '';
  const copy = () => {
    dir = mkdtempSync(join(tmpdir(), 'kaohe-content-'));
    cpSync(MINI_DIR, join(dir, 'content'), { recursive: true });
    return join(dir, 'content');
  };
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  it('a YAML syntax error is reported in Chinese with its line', () => {
    const c = copy();
    const path = join(c, 'tiers', 'town.yaml');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.splice(3, 0, '  - code: "未闭合');
    writeFileSync(path, lines.join('\n'));
    const { problems } = loadBundle(c, dir);
    const y = problems.filter((p) => p.field === 'YAML');
    expect(y.length).toBeGreaterThan(0);
    expect(y[0]!.file).toBe('content/tiers/town.yaml');
    expect(y[0]!.row).toBeGreaterThanOrEqual(4);
    expect(y[0]!.expected).toMatch(/^合法的 YAML：/);
    expect(y[0]!.expected).not.toMatch(/[A-Za-z]{6,}/);
  });
  it('a frontmatter problem is reported at its real line, and a frontmatter syntax error too', () => {
    const c = copy();
    mkdirSync(join(c, 'announcements'));
    writeFileSync(join(c, 'announcements', 'a.md'), '---\ntitle: 通报\nsummary: 摘要\ndate: 2023-02-30\n---\n\n正文\n');
    writeFileSync(
      join(c, 'announcements', 'b.md'),
      '---\ntitle: 通报\ndate: 2023-07-01\n  tier: [county\n---\n\n正文\n',
    );
    const { problems } = loadBundle(c, dir);
    expect(problems.find((p) => p.file === 'content/announcements/a.md')).toMatchObject({ row: 4, field: 'date' });
    expect(problems.find((p) => p.file === 'content/announcements/b.md')).toMatchObject({ field: 'YAML' });
  });
  it('a tier listed in scheme.yaml without its file names scheme.yaml too', () => {
    const c = copy();
    unlinkSync(join(c, 'tiers', 'town.yaml'));
    const { problems } = loadBundle(c, dir);
    expect(problems.map((p) => p.file)).toEqual(
      expect.arrayContaining(['content/scheme.yaml', 'content/tiers/town.yaml']),
    );
    expect(problems.find((p) => p.file === 'content/scheme.yaml')).toMatchObject({
      row: 8,
      field: 'tiers',
      found: 'town',
    });
  });
  it('problems the compiled scheme finds (across files, after the schema) are at their line in scheme.yaml', () => {
    const c = copy();
    const path = join(c, 'scheme.yaml');
    const text = readFileSync(path, 'utf8');
    writeFileSync(
      path,
      text.replace('{ load: 2, value: 1.1 }', '{ load: 2, value: 1.01 }').replace('[average, poor]', '[average, bad]'),
    );
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const { problems } = loadContent(c, { root: dir });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'content/scheme.yaml',
          field: 'coefficients[0].table[2].value',
          row: lineOf('{ load: 2, value: 1.1 }'),
        }),
        expect.objectContaining({
          file: 'content/scheme.yaml',
          field: 'consequences[1].when.grades',
          row: lineOf('[average, poor]'),
        }),
      ]),
    );
  });
});
