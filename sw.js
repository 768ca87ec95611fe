// oot-triage service worker: after one visit over http(s), the app opens and works with the
// network off. It precaches exactly the files of one build and answers from that cache.
//
// VERSION and ASSETS are stamped in after every build by scripts/stamp-sw.mjs (a Trunk
// post_build hook): VERSION is a hash of the built files, ASSETS lists them. A new build
// therefore changes this file's bytes, the browser installs the new worker, and on activation
// it deletes every older oot-triage cache, so updates replace the cache cleanly.
//
// It never touches requests to other origins (the app makes none; the page's
// Content-Security-Policy forbids them) and never caches anything it was not told to.

const VERSION = '__OOT_TRIAGE_BUILD__';
const ASSETS = ['./index.html'];

const PREFIX = 'oot-triage-';
const CACHE = PREFIX + VERSION;

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
      // The app routes with the location hash, so every navigation inside the scope is the
      // one page: answer it with the cached index.html.
      const hit =
        request.mode === 'navigate'
          ? await caches.match('./index.html', { cacheName: CACHE })
          : await caches.match(request, { cacheName: CACHE, ignoreSearch: true });
      return hit || fetch(request);
    })(),
  );
});

self.addEventListener('message', (event) => {
  // Lets the page (and the tests) ask which build the worker serves.
  if (event.data === 'version' && event.ports[0]) event.ports[0].postMessage(VERSION);
});
