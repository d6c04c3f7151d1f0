/**
 * The site's Content-Security-Policy. Astro (security.csp) writes it into a <meta> tag on every page
 * and adds script-src and style-src itself: 'self' plus the hash of each inline script and style it
 * emits. Everything else is here, once, for astro.config.mjs, the worker header file and the tests.
 * Each page keeps only the hashes of its own inline code (pagePolicy, applied by src/middleware.ts).
 */
import { createHash } from 'node:crypto';

/**
 * Directives beside script-src and style-src: nothing from outside the origin, no plugins, no base or form hijack.
 * default-src 'self' is the whole rule for fetches: connect-src, img-src, font-src, media-src and manifest-src
 * fall back to it (CSP Level 3), and worker-src falls back to child-src, then script-src ('self', whose hashes
 * match inline code only, never a worker's script), then default-src, so a directive saying 'self' again
 * would only repeat it on every page. What differs from default-src is written: frames and plugins 'none';
 * base-uri and form-action, which do not fall back to default-src.
 */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
] as const;

/**
 * The same policy for what is not a page: a worker or the service worker takes its policy from the
 * headers its script is served with, not from the page's <meta>. No inline code runs there, so
 * scripts and styles are 'self' only. `frame-ancestors` is only honoured as a header.
 */
export const HEADER_POLICY = [
  ...CSP_DIRECTIVES,
  "script-src 'self'",
  "style-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `_headers` (the file Netlify, Cloudflare Pages and similar static hosts read): the policy on the
 * workers' and the service worker's scripts. GitHub Pages sends no custom headers; there the workers
 * run without a policy of their own, while the page's policy still decides which workers may start.
 */
export function headersFile(base: string): string {
  const b = base.replace(/\/?$/, '/');
  return [`${b}_astro/*`, `${b}sw.js`].map((p) => `${p}\n  Content-Security-Policy: ${HEADER_POLICY}\n`).join('\n');
}

/** The base64 SHA-256 of a script's or style's text, as a CSP source ('sha256-…'). */
const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The text of every inline script (not JSON data, not a src) and every <style> on a page. */
function inlineCode(html: string): { scripts: string[]; styles: string[] } {
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1] ?? '';
    if (/\ssrc=/.test(attrs) || /type=["']?application\/(ld\+)?json/.test(attrs)) continue;
    scripts.push(m[2]!);
  }
  for (const m of html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/g)) styles.push(m[1]!);
  return { scripts, styles };
}

/**
 * A page's policy lists only the hashes of the inline code that page has. Astro writes the hash of every
 * inline script and style of the whole site (islands, their styles) into every page's policy; a page that
 * runs none (all but the self-check page) then allows scripts and styles from the site only, which is also
 * all it loads (its chart script is a file). Inline code the page does have keeps its hash, so the page
 * runs exactly as before; a hash no code on the page matches is dropped.
 */
export function pagePolicy(html: string): string {
  const meta = /<meta http-equiv="content-security-policy" content="([^"]*)">/.exec(html);
  if (!meta) return html;
  const { scripts, styles } = inlineCode(html);
  const has = (list: string[]) => new Set(list.map(cspHash));
  const keep = { 'script-src': has(scripts), 'style-src': has(styles) } as const;
  const policy = meta[1]!.replace(/(script-src|style-src) ([^;]*)/g, (_all, name: keyof typeof keep, values: string) =>
    [name, ...values.split(/\s+/).filter((v) => v && (!v.startsWith("'sha") || keep[name].has(v)))].join(' '),
  );
  return policy === meta[1]
    ? html
    : html.replace(meta[0], `<meta http-equiv="content-security-policy" content="${policy}">`);
}
