/** Each page's Content-Security-Policy lists the hashes of its own inline code only (site/csp.ts pagePolicy). */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, HEADER_POLICY, headersFile, pagePolicy } from '../../src/site/csp.ts';

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

/**
 * The source list a policy applies to each kind of fetch, by CSP Level 3's fallback: a directive that is not
 * written takes the first written one of its chain (worker-src → child-src → script-src → default-src).
 */
const FALLBACK: Record<string, string[]> = {
  'connect-src': ['default-src'],
  'img-src': ['default-src'],
  'font-src': ['default-src'],
  'media-src': ['default-src'],
  'manifest-src': ['default-src'],
  'object-src': ['default-src'],
  'style-src': ['default-src'],
  'script-src': ['default-src'],
  'frame-src': ['child-src', 'default-src'],
  'worker-src': ['child-src', 'script-src', 'default-src'],
};
const parse = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
const effective = (policy: string) => {
  const d = parse(policy);
  return Object.fromEntries(
    Object.entries(FALLBACK).map(([name, chain]) => [name, [name, ...chain].map((n) => d.get(n)).find((v) => v)]),
  );
};
// As strict as the policy that wrote every fetch directive out: everything from the site only, no frames, no plugins.
const STRICT = {
  'connect-src': "'self'",
  'img-src': "'self'",
  'font-src': "'self'",
  'media-src': "'self'",
  'manifest-src': "'self'",
  'object-src': "'none'",
  'style-src': "'self'",
  'script-src': "'self'",
  'frame-src': "'none'",
  'worker-src': "'self'",
};

describe('site policy', () => {
  // A page's policy as Astro writes it: the directives, then script-src and style-src ('self' on a page without inline code).
  const pageMeta = `${CSP_DIRECTIVES.join(';')}; script-src 'self'; style-src 'self';`;

  it('allows every kind of fetch from the site only, frames and plugins not at all, on a page and for workers', () => {
    expect(effective(pageMeta)).toEqual(STRICT);
    expect(effective(HEADER_POLICY)).toEqual(STRICT);
    for (const policy of [pageMeta, HEADER_POLICY]) {
      // base-uri and form-action do not fall back to default-src: they must be written.
      expect(parse(policy).get('base-uri')).toBe("'self'");
      expect(parse(policy).get('form-action')).toBe("'self'");
    }
    expect(parse(HEADER_POLICY).get('frame-ancestors')).toBe("'none'");
    expect(headersFile('/kaohe')).toContain(`/kaohe/sw.js\n  Content-Security-Policy: ${HEADER_POLICY}\n`);
  });

  it('writes no directive that only repeats what it falls back to (bytes on every page)', () => {
    const d = parse(HEADER_POLICY);
    const repeated = [...d.keys()].filter((name) => {
      const chain = FALLBACK[name];
      const inherited = chain?.map((n) => d.get(n)).find((v) => v);
      return inherited !== undefined && inherited === d.get(name) && name !== 'script-src' && name !== 'style-src';
    });
    expect(repeated).toEqual([]);
  });
});
