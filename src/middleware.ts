/**
 * Every page passes through here at build: its Content-Security-Policy keeps only the hashes of the inline
 * code it has (src/site/csp.ts pagePolicy), instead of every hash of the whole site.
 */
import { defineMiddleware } from 'astro:middleware';
import { pagePolicy } from './site/csp.ts';

export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
  const html = await response.text();
  return new Response(pagePolicy(html), { status: response.status, headers: response.headers });
});
