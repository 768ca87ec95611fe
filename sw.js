// oot-triage service worker: after one visit over http(s), the agent's page opens and works with
// the network off; the trainer's page (tools.html) does too once it has been opened online. It
// precaches exactly the agent's files of one build, caches the trainer's files of the same
// build the first time they are fetched, and answers from that cache.
//
// VERSION, ASSETS and TOOLS are stamped in after every build by scripts/stamp-sw.mjs: VERSION
// is a hash of the built files, ASSETS lists the agent's page's files (precached), TOOLS the
// files only the trainer's page loads (so an agent's browser never downloads the trainer's
// wasm). A new build therefore changes this file's bytes, the browser installs the new worker,
// and on activation it deletes every older oot-triage cache, so updates replace the cache
// cleanly.
//
// It never touches requests to other origins (the app makes none; the page's
// Content-Security-Policy forbids them) and never caches anything it was not told to.

const VERSION = '__OOT_TRIAGE_BUILD__';
const ASSETS = ['./index.html'];
const TOOLS = [];

const PREFIX = 'oot-triage-';
const CACHE = PREFIX + VERSION;
const TOOLS_URLS = new Set(TOOLS.map((u) => new URL(u, self.location).href));
const TOOLS_PAGE = new URL('./tools.html', self.location).href;

/** Fetches a file of the trainer's page and keeps a copy in this build's cache, if that cache
 *  still exists (a worker a newer build has replaced must not bring its deleted cache back). */
async function fetchAndKeep(request, key) {
  const response = await fetch(request);
  if (response.ok && (await caches.has(CACHE))) {
    const cache = await caches.open(CACHE);
    await cache.put(key, response.clone());
  }
  return response;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // 'reload' skips the HTTP cache so a stale file from an older build cannot slip in.
      await cache.addAll(ASSETS.map((url) => new Request(url, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      // caches.match with cacheName reads this build's cache without creating it: a worker that
      // a newer build has replaced must not bring its deleted cache back.
      // The app routes with the location hash, so every navigation inside the scope is one of
      // the two pages: the trainer's (tools.html) or else the agent's (index.html).
      const key = url.origin + url.pathname;
      const wanted = request.mode === 'navigate' ? (key === TOOLS_PAGE ? TOOLS_PAGE : './index.html') : request;
      const hit = await caches.match(wanted, { cacheName: CACHE, ignoreSearch: true });
      if (hit) return hit;
      return TOOLS_URLS.has(key) ? fetchAndKeep(request, key) : fetch(request);
    })(),
  );
});

self.addEventListener('message', (event) => {
  // Lets the page (and the tests) ask which build the worker serves.
  if (event.data === 'version' && event.ports[0]) event.ports[0].postMessage(VERSION);
});
