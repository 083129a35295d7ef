// Service worker: keeps the dashboard and its last data working offline.
//
// Registered by the app (src/app/offline.rs) on http(s) origins only.
// - App shell: index.html is network-first (a deploy changes the hashed file
//   names it points to) with the cached copy as the fallback; the hashed
//   .js/.wasm/.css files are cache-first (a new build has new names). Both are
//   cached on install, read from the index.html that is live at the time.
// - data/*: network-first, so updated extracts are picked up whenever the
//   network is there; each copy is stored with an `x-llr-cached-at` header
//   (ISO date and time it was saved) and served from the cache when the
//   network fails. The app reads that header to show its offline notice.
// - Anything else (non-GET, other origins, outside this scope) is left alone.
// Bump VERSION to drop every cache on the next visit.

const VERSION = 'v1';
const SHELL_CACHE = `llr-shell-${VERSION}`;
const DATA_CACHE = `llr-data-${VERSION}`;
const CACHED_AT = 'x-llr-cached-at';

const SCOPE = new URL(self.registration.scope);
const INDEX = SCOPE.href;
const DATA_PREFIX = new URL('data/', SCOPE).href;

/** Same-origin .js/.wasm/.css files an index.html links to, as absolute URLs. */
function shellAssets(html, base) {
  const urls = new Set();
  const patterns = [/\b(?:href|src)\s*=\s*"([^"]+)"/g, /\b(?:href|src)\s*=\s*'([^']+)'/g, /\bfrom\s*'([^']+)'/g,
    /\bfrom\s*"([^"]+)"/g, /\bmodule_or_path\s*:\s*['"]([^'"]+)['"]/g, /\bfetch\(\s*['"]([^'"]+)['"]/g];
  for (const pattern of patterns) {
    for (const match of html.matchAll(pattern)) {
      let url;
      try {
        url = new URL(match[1], base);
      } catch {
        continue;
      }
      if (url.origin !== SCOPE.origin || !url.href.startsWith(SCOPE.href)) continue;
      if (!/\.(?:js|wasm|css)$/.test(url.pathname)) continue;
      url.search = '';
      url.hash = '';
      urls.add(url.href);
    }
  }
  return [...urls];
}

/** The URL a response is stored under: no query string, no fragment. */
function cacheKey(url) {
  const key = new URL(url);
  key.search = '';
  key.hash = '';
  return key.href;
}

/** Store a copy of a data response, tagged with when it was saved. */
async function storeData(url, response) {
  const headers = new Headers(response.headers);
  headers.set(CACHED_AT, new Date().toISOString());
  const body = await response.blob();
  const cache = await caches.open(DATA_CACHE);
  await cache.put(cacheKey(url), new Response(body, { status: response.status, statusText: response.statusText, headers }));
}

/** Fetch data/manifest.json and every file it names into the data cache. */
async function precacheData() {
  const manifestUrl = new URL('manifest.json', DATA_PREFIX).href;
  const response = await fetch(manifestUrl, { cache: 'no-cache' });
  if (!response.ok) return;
  const manifest = await response.clone().json();
  await storeData(manifestUrl, response);
  const files = [manifest.geography, manifest.metrics, ...(manifest.extracts ?? []).map((e) => (typeof e === 'string' ? e : e?.file))];
  await Promise.all(
    files
      .filter((f) => typeof f === 'string')
      .map((f) => new URL(f, DATA_PREFIX).href)
      .filter((url) => url.startsWith(DATA_PREFIX))
      .map(async (url) => {
        const r = await fetch(url, { cache: 'no-cache' });
        if (r.ok) await storeData(url, r);
      }),
  );
}

/** Remove cached shell files the current index.html no longer links to. */
async function pruneShell(keep) {
  const cache = await caches.open(SHELL_CACHE);
  const wanted = new Set([INDEX, ...keep]);
  for (const request of await cache.keys()) {
    if (!wanted.has(request.url)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const index = await fetch(INDEX, { cache: 'no-cache' });
      if (!index.ok) throw new Error(`index.html: HTTP ${index.status}`);
      const assets = shellAssets(await index.clone().text(), INDEX);
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll(assets);
      await cache.put(INDEX, index);
      // The data is a bonus here: the page fetches (and so caches) it anyway.
      await precacheData().catch(() => {});
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([SHELL_CACHE, DATA_CACHE]);
      for (const name of await caches.keys()) {
        if (name.startsWith('llr-') && !keep.has(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** index.html: the network's copy (cached for later), else the cached one. */
async function navigate(event) {
  try {
    const response = await fetch(event.request, { cache: 'no-cache' });
    if (response.ok && (response.headers.get('content-type') ?? '').includes('text/html')) {
      const copy = response.clone();
      event.waitUntil(
        (async () => {
          const html = await copy.clone().text();
          const cache = await caches.open(SHELL_CACHE);
          await cache.put(INDEX, copy);
          await pruneShell(shellAssets(html, INDEX));
        })().catch(() => {}),
      );
    }
    return response;
  } catch (err) {
    const cached = await caches.match(INDEX, { cacheName: SHELL_CACHE });
    if (cached) return cached;
    throw err;
  }
}

/** data/*: the network's copy (stored with its date), else the stored one. */
async function data(event) {
  try {
    const response = await fetch(event.request, { cache: 'no-cache' });
    if (response.ok) {
      event.waitUntil(storeData(event.request.url, response.clone()).catch(() => {}));
    } else if (response.status >= 500) {
      // A server or proxy that is down: the saved copy is better than nothing.
      const cached = await caches.match(cacheKey(event.request.url), { cacheName: DATA_CACHE });
      if (cached) return cached;
    }
    return response;
  } catch (err) {
    const cached = await caches.match(cacheKey(event.request.url), { cacheName: DATA_CACHE });
    if (cached) return cached;
    throw err;
  }
}

/** Hashed shell files: the cached copy, else the network's (then cached). */
async function shellFile(event) {
  const key = cacheKey(event.request.url);
  const cached = await caches.match(key, { cacheName: SHELL_CACHE });
  if (cached) return cached;
  const response = await fetch(event.request);
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.put(key, copy)).catch(() => {}));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.href.startsWith(SCOPE.href)) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(event));
  } else if (url.href.startsWith(DATA_PREFIX)) {
    event.respondWith(data(event));
  } else if (/\.(?:js|wasm|css)$/.test(url.pathname)) {
    event.respondWith(shellFile(event));
  }
});
