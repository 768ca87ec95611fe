// Shared harness for the end-to-end tests: a static server for dist/, headless Chromium through
// playwright-core, and small helpers to drive the page by data-testid. It owns nothing about
// the app's behaviour; tests assert that. It never downloads a browser: it drives Debian's
// /usr/bin/chromium (scripts/setup.sh --browser installs it).
//
// Usage (each test file runs in its own process under `node --test tests/e2e/`):
//
//   import { test } from 'node:test';
//   import assert from 'node:assert/strict';
//   import { useApp, paste, readVerdict } from './helpers.mjs';
//
//   const app = useApp();                 // one server on dist/ and one browser for this file
//
//   test('outage complaint needs a reply', async () => {
//     const { page, problems } = await app.open();          // fresh context, page at '#/'
//     await paste(page, 'indihome lemot banget dari pagi');  // fills case-input, Ctrl+Enter
//     assert.equal(await readVerdict(page), 'reply');        // waits for [data-testid=verdict][data-decision]
//     assert.deepEqual(problems(), []);                      // console errors, page errors, failed requests
//   });
//
// Other helpers: `app.open('#/pengaturan')` opens a route; `app.open({ file: true })` opens
// dist/oot-triage.html via file://; `app.open({ context })` reuses a browser context (storage
// survives, e.g. to test a reload); `app.newContext()`; `app.url` is the server's base URL;
// `fill(page, testid, text)`, `click(page, testid)`, `byTestId(page, testid)`, `textOf(page, testid)`.
// `startServer({ root, prefix, gzip })` and `launchBrowser()` are exported for scripts (bench).

import { before, after } from 'node:test';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, rmSync, statSync, createReadStream, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, resolve, sep, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
export const SINGLE_FILE = join(DIST, 'oot-triage.html');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Flags every headless run uses: no GPU, no background traffic, no sandbox (we run as root). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const require = createRequire(join(ROOT, '.tools', 'npm', 'package.json'));

/** playwright-core, installed by scripts/setup.sh under .tools/npm (never its own browsers). */
export function playwright() {
  try {
    return require('playwright-core');
  } catch (e) {
    throw new Error(`playwright-core is missing under .tools/npm: run bash scripts/setup.sh --browser (${e.message})`);
  }
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.jsonl': 'text/plain; charset=utf-8',
};

/**
 * Serves `root` (default dist/) at `prefix` (default '/') on `host` (127.0.0.1) and `port`
 * (default 0: a free one).
 * With `gzip: true` it compresses responses the way a typical static host does (zlib's default
 * level, as scripts/size-budget.mjs counts), so the bench can read transferred bytes. Returns { url, port, close() }; `url` ends with the prefix.
 */
export async function startServer({ root = DIST, prefix = '/', gzip = false, host = '127.0.0.1', port = 0 } = {}) {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: build first (trunk build --release, or bash scripts/test.sh)`);
  }
  if (!prefix.startsWith('/')) prefix = '/' + prefix;
  if (!prefix.endsWith('/')) prefix += '/';
  const rootAbs = resolve(root);
  // Every path asked for (service worker fetches included), for tests of what a visit downloads.
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    requests.push(url.pathname);
    let path;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
      return;
    }
    if (!path.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not under ' + prefix);
      return;
    }
    path = path.slice(prefix.length);
    if (path === '' || path.endsWith('/')) path += 'index.html';
    const file = resolve(rootAbs, path);
    if (!(file === rootAbs || file.startsWith(rootAbs + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers = {
      'content-type': MIME[extname(file)] || 'application/octet-stream',
      'cache-control': 'no-store',
    };
    if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      const body = gzipSync(readFileSync(file));
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': statSync(file).size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const bound = server.address().port;
  return {
    port: bound,
    url: `http://${host}:${bound}${prefix}`,
    requests,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/** Launches headless Debian Chromium with the house flags. Close it with `browser.close()`. */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run bash scripts/setup.sh --browser`);
  }
  return playwright().chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Launches Chromium with a persistent profile in `userDataDir` (a fresh temporary one when not
 * given), for tests that need storage to survive a browser restart. Returns a BrowserContext.
 */
export async function launchPersistent(userDataDir = mkdtempSync(join(tmpdir(), 'oot-triage-profile-'))) {
  return playwright().chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Collects what must never happen on a healthy page: console errors, uncaught exceptions,
 * failed requests and HTTP errors (e.g. a favicon 404). Returns a function that reads them.
 */
export function watchProblems(page) {
  const seen = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') seen.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => seen.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A navigation the test itself cut short is not the page's fault.
    const reason = req.failure()?.errorText || '';
    if (!reason.includes('ERR_ABORTED')) seen.push(`requestfailed: ${req.url()} ${reason}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) seen.push(`http ${res.status()}: ${res.url()}`);
  });
  return () => seen.slice();
}

/** Waits until the app has mounted (the language toggle is in the header). */
export async function waitForApp(page, timeout = 15000) {
  await page.locator('[data-testid="lang-toggle"]').waitFor({ state: 'visible', timeout });
}

/** The routes shown by the trainer's page (tools.html); the others are the agent's page's. */
const TOOLS_ROUTES = ['pelatihan', 'audit', 'aturan'];

/**
 * Goes to a route by setting the location hash, as a link inside the app does, and waits until
 * the page that shows it is up: a route of the other page loads that page (src/ui/app.rs).
 */
export async function goTo(page, hash) {
  await page.evaluate((h) => (location.hash = h), hash);
  const tools = TOOLS_ROUTES.includes(hash.replace(/^#\/?/, '').split('/')[0]);
  await page.waitForURL((u) => u.hash === hash && /tools\.html$/.test(u.pathname) === tools);
  await waitForApp(page);
}

/**
 * Registers before/after hooks in the calling test file: one static server on dist/ (at
 * `prefix`) and one browser, shared by the file's tests. Returns { open, newContext, url }.
 */
export function useApp({ prefix = '/', root = DIST } = {}) {
  const app = {
    url: null,
    server: null,
    browser: null,
    contexts: [],
    async newContext(options = {}) {
      const context = await app.browser.newContext(options);
      // Fail fast: a healthy page answers in well under a second, even on a busy CI machine.
      context.setDefaultTimeout(10000);
      app.contexts.push(context);
      return context;
    },
    /**
     * Opens the app in a fresh context (or `context`), at the `hash` route, or the single file
     * via file:// when `file: true`. Waits for the app to mount unless `wait: false`.
     * Returns { page, context, problems }.
     */
    async open(arg = {}) {
      const opts = typeof arg === 'string' ? { hash: arg } : arg;
      const context = opts.context || (await app.newContext());
      const page = await context.newPage();
      const problems = watchProblems(page);
      const base = opts.file ? pathToFileURL(join(root, 'oot-triage.html')).href : app.url;
      const hash = opts.hash ? (opts.hash.startsWith('#') ? opts.hash : '#' + opts.hash) : '';
      await page.goto(base + hash);
      if (opts.wait !== false) await waitForApp(page);
      return { page, context, problems };
    },
  };
  before(async () => {
    app.server = await startServer({ root, prefix });
    app.url = app.server.url;
    app.browser = await launchBrowser();
  });
  after(async () => {
    for (const c of app.contexts) await c.close().catch(() => {});
    if (app.browser) await app.browser.close();
    if (app.server) await app.server.close();
  });
  return app;
}

/** The locator of the element with this data-testid. */
export function byTestId(page, testid) {
  return page.locator(`[data-testid="${testid}"]`);
}

/** Replaces the content of an input or textarea, firing input events as typing would. */
export async function fill(page, testid, text) {
  await byTestId(page, testid).fill(text);
}

/** Clicks the element with this data-testid. */
export async function click(page, testid) {
  await byTestId(page, testid).click();
}

/** The visible text of the (first) element with this data-testid. */
export async function textOf(page, testid) {
  return (await byTestId(page, testid).first().innerText()).trim();
}

/** Puts `text` into the paste box and presses Ctrl+Enter, as an agent pasting a case would. */
export async function paste(page, text) {
  const box = byTestId(page, 'case-input');
  await box.fill(text);
  await box.press('Control+Enter');
}

/**
 * Waits for [data-testid=verdict][data-decision] and returns its decision ("reply",
 * "no_reply", "review"). Pass `not` to wait until the decision differs from a previous one.
 */
export async function readVerdict(page, { timeout = 5000, not } = {}) {
  const handle = await page.waitForFunction(
    (previous) => {
      const el = document.querySelector('[data-testid="verdict"][data-decision]');
      const d = el && el.getAttribute('data-decision');
      return d && d !== previous ? d : null;
    },
    not ?? null,
    { timeout },
  );
  return handle.jsonValue();
}

/** Removes a temporary directory made for a persistent profile. */
export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}
