/** Each page's Content-Security-Policy lists the hashes of its own inline code only (site/csp.ts pagePolicy). */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pagePolicy } from '../../src/site/csp.ts';

const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const island = 'window.a=1';
const style = 'astro-island{display:contents}';
const policy = `default-src 'self';object-src 'none'; script-src 'self' ${hash(island)} ${hash('other()')}; style-src 'self' ${hash(style)} ${hash('')};`;
const page = (body: string) =>
  `<html><head><meta http-equiv="content-security-policy" content="${policy}"></head><body>${body}</body></html>`;
const policyOf = (html: string) => /content-security-policy" content="([^"]*)"/.exec(html)![1];

describe('page policy', () => {
  it('allows only the site’s own files on a page with no inline script or style (a file script needs no hash)', () => {
    const out = pagePolicy(page('<p>x</p><script type="module" src="/_astro/chart.js"></script>'));
    expect(policyOf(out)).toBe("default-src 'self';object-src 'none'; script-src 'self'; style-src 'self';");
  });

  it('keeps the hash of each inline script and style the page has, and only those', () => {
    const out = policyOf(
      pagePolicy(
        page(`<style>${style}</style><script>${island}</script><script type="application/ld+json">{}</script>`),
      ),
    );
    expect(out).toBe(
      `default-src 'self';object-src 'none'; script-src 'self' ${hash(island)}; style-src 'self' ${hash(style)};`,
    );
  });

  it('leaves a page without a policy as it is', () => {
    expect(pagePolicy('<p>x</p>')).toBe('<p>x</p>');
  });
});
