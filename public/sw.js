/*
 * kaohe self-check service worker: keeps the self-check page, its scripts and the published data it
 * reads, so the page works offline after one visit. Same-origin GET requests only; nothing is ever
 * sent anywhere. Registered by the self-check island for the site's base path (a dedicated worker's
 * script is matched to a service worker by its own URL, and build assets live under _astro/), but it
 * only ever answers for the self-check page, its data (self-check/, <year>/self-check/) and hashed build assets (_astro/):
 * every other page of the site goes to the network exactly as without it.
 *
 * Strategy: hashed build assets (/_astro/) never change, so a cached copy is final. The page and the
 * published data it reads go to the network first (a republished scheme or ranking is used at once,
 * never a stale copy beside fresh rankings) and fall back to the cached copy when offline.
 */
const CACHE = 'kaohe-self-check-v2';
/** The site's base path: sw.js is published at its root. */
const BASE = new URL('./', self.location.href).pathname;

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys())
        if (key.startsWith('kaohe-self-check-') && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

/**
 * What this worker keeps: the page at self-check/ (or a year's, 2022/self-check/), the data it reads, which
 * lives under the year (2023/self-check/published/…) for the latest year too, and the build assets.
 */
function kept(url) {
  if (url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return false;
  const path = url.pathname.slice(BASE.length);
  return /^(\d{4}\/)?self-check\//.test(path) || path.startsWith('_astro/');
}

function cacheable(request) {
  return request.method === 'GET' && kept(new URL(request.url));
}

async function refresh(cache, request) {
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (!cacheable(request)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(request, { ignoreVary: true });
      // Hashed build assets never change: a cached copy is final.
      if (hit && new URL(request.url).pathname.includes('/_astro/')) return hit;
      try {
        // The page and the published data: the network first, so a republished ranking is seen at once.
        return await refresh(cache, request);
      } catch (err) {
        if (hit) return hit;
        // Offline and never cached: a page request falls back to the cached self-check page.
        if (request.mode === 'navigate') {
          const page = await cache.match(new URL(`${BASE}self-check/`, self.location.href).href, {
            ignoreSearch: true,
          });
          if (page) return page;
        }
        throw err;
      }
    })(),
  );
});

// The page lists what it loaded before this worker took control (its scripts, styles, data).
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'kaohe-precache' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(
        data.urls.map(async (u) => {
          try {
            const url = new URL(u, self.location.href);
            if (!kept(url)) return;
            if (await cache.match(url.href, { ignoreVary: true })) return;
            const response = await fetch(url.href, { credentials: 'same-origin' });
            if (response.ok) await cache.put(url.href, response);
          } catch {
            // Best effort: a URL that cannot be fetched now is fetched again next visit.
          }
        }),
      );
      event.source?.postMessage({ type: 'kaohe-precached', count: data.urls.length });
    })(),
  );
});
