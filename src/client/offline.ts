/**
 * Offline support for the self-check page: registers the service worker (scope: the self-check page)
 * and hands it the same-origin URLs the page has already loaded; reports online/offline changes.
 */

export function watchOnline(onChange: (online: boolean) => void): () => void {
  const on = () => onChange(true);
  const off = () => onChange(false);
  window.addEventListener('online', on);
  window.addEventListener('offline', off);
  return () => {
    window.removeEventListener('online', on);
    window.removeEventListener('offline', off);
  };
}

/** Same-origin URLs of everything this page loaded (scripts, styles, data), plus extras. */
function loadedUrls(extra: readonly string[]): string[] {
  const urls = new Set<string>([location.href.split('#')[0]!]);
  for (const e of performance.getEntriesByType('resource')) {
    try {
      const u = new URL(e.name);
      if (u.origin === location.origin) urls.add(u.href);
    } catch {
      /* not a URL */
    }
  }
  for (const x of extra) {
    try {
      const u = new URL(x, location.href);
      if (u.origin === location.origin) urls.add(u.href);
    } catch {
      /* not a URL */
    }
  }
  return [...urls];
}

/**
 * Registers `${base}sw.js` for the self-check scope, then asks it to keep what the page already
 * loaded. Resolves false where service workers are unavailable (e.g. plain http on a LAN address).
 */
let registration: Promise<ServiceWorkerRegistration | null> = Promise.resolve(null);

export async function enableOffline(swUrl: string, scope: string, extra: readonly string[]): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return false;
  registration = navigator.serviceWorker
    .register(swUrl, { scope })
    .then(() => navigator.serviceWorker.ready)
    .catch(() => null);
  const reg = await registration;
  if (!reg) return false;
  reg.active?.postMessage({ type: 'kaohe-precache', urls: loadedUrls(extra) });
  return true;
}

/** Later additions (published months read on demand, the chart code) go to the cache too. */
export function precache(extra: readonly string[]): void {
  void registration.then((reg) => reg?.active?.postMessage({ type: 'kaohe-precache', urls: loadedUrls(extra) }));
}
