/**
 * The site's Content-Security-Policy. Astro (security.csp) writes it into a <meta> tag on every page
 * and adds script-src and style-src itself: 'self' plus the hash of each inline script and style it
 * emits. Everything else is here, once, for astro.config.mjs, the worker header file and the tests.
 */

/** Directives beside script-src and style-src: nothing from outside the origin, no plugins, no base or form hijack. */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "media-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
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
