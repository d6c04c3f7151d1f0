/**
 * Every page passes through here at build:
 * - it is rendered in a scope of its own, where the page's year lives (src/site/year-context.ts): the build
 *   renders several pages at once (build.concurrency), and one page's year must not leak into another's;
 * - its Content-Security-Policy keeps only the hashes of the inline code it has (src/site/csp.ts pagePolicy),
 *   instead of every hash of the whole site.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { defineMiddleware } from 'astro:middleware';
import { pagePolicy } from './site/csp.ts';
import { setYearScope } from './site/year-context.ts';

const pageScope = new AsyncLocalStorage<{ year?: number | undefined }>();
setYearScope(() => pageScope.getStore());

export const onRequest = defineMiddleware((_context, next) =>
  pageScope.run({}, async () => {
    const response = await next();
    if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
    // Read inside the scope: the page's components render as its body is read.
    const html = await response.text();
    return new Response(pagePolicy(html), { status: response.status, headers: response.headers });
  }),
);
