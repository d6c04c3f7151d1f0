import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content-io/load-content.ts';
import { unsafeMarkdownHtml } from '../../src/engine/index.ts';
import { MINI_DIR } from './mini.ts';

describe('raw HTML that would run code in content Markdown', () => {
  it.each([
    { what: 'a script element', md: '正文\n<script>alert(1)</script>\n', line: 2 },
    { what: 'an event handler attribute', md: '第一段\n\n<img src="x.png" onerror="alert(1)">\n', line: 3 },
    {
      what: 'an event handler in any case, after other attributes',
      md: '<div class="a" OnClick = "x()">点我</div>',
      line: 1,
    },
    { what: 'a javascript: link', md: '<a href="javascript:alert(1)">链接</a>', line: 1 },
    { what: 'an iframe', md: '<iframe src="/x"></iframe>', line: 1 },
    { what: 'a script tag split over lines', md: '一\n二\n<SCRIPT\n src="/x.js"></SCRIPT>', line: 3 },
  ])('finds $what at its line', ({ md, line }) => {
    const found = unsafeMarkdownHtml(md);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.line).toBe(line);
  });

  it.each([
    {
      what: 'plain Markdown with a table and a link',
      md: '| 单位 | 得分 |\n| --- | --- |\n| 甲 | 90 |\n\n[方案](/rules/)',
    },
    { what: 'harmless inline HTML', md: '<sup>1</sup> 与 <br> 和 <span class="note">注</span>' },
    {
      what: 'HTML shown as code',
      md: '用 `<script>` 标签？不：\n\n```html\n<script>alert(1)</script>\n<img onerror="x">\n```\n',
    },
    { what: 'words that only look like handlers', md: 'online=是；onerror 一词出现在正文里' },
  ])('accepts $what', ({ md }) => {
    expect(unsafeMarkdownHtml(md)).toEqual([]);
  });
});

describe('content validation', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kaohe-md-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('names the announcement, its line in the file and the fix, in Chinese', () => {
    const dir = join(tmp, 'content');
    cpSync(MINI_DIR, dir, { recursive: true });
    mkdirSync(join(dir, 'announcements'));
    writeFileSync(
      join(dir, 'announcements', '2023-07-01-x.md'),
      '---\ntitle: 通报\ndate: 2023-07-01\n---\n\n各单位：\n\n<img src="a.png" onerror="fetch(\'/x\')">\n',
    );
    const { problems } = loadContent(dir, { root: tmp });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'content/announcements/2023-07-01-x.md', row: 8, field: '正文' });
    expect(problems[0]!.found).toContain('onerror');
    expect(problems[0]!.expected).toMatch(/事件处理属性.*内容安全策略/);
  });
});
