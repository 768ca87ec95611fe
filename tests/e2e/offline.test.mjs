// Offline and private: the app never talks to another origin (the CSP forbids it and a full
// session makes no such request), after one visit the served site reloads and works with the
// network off (service worker), a new build replaces the offline cache, and the single file
// works from file:// with the network off.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  useApp,
  startServer,
  watchProblems,
  waitForApp,
  paste,
  readVerdict,
  byTestId,
  goTo,
  removeDir,
  DIST,
  ROOT,
  SINGLE_FILE,
} from './helpers.mjs';

const app = useApp();

const COMPLAINT = 'indihome saya mati dari pagi min, tolong dicek';
const TROLL = '@TelkomCare min boleh minta pin bbm nya? mau kenalan hehe';

/** Records CSP violations in the page (they also show as console errors). */
const CSP_PROBE = () => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
  });
};

/** Every request of the context, with whether it left the app's origin. */
function recordRequests(context, origin) {
  const seen = [];
  context.on('request', (req) => seen.push(req.url()));
  return {
    all: () => seen.slice(),
    foreign: () =>
      seen.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')),
  };
}

/** Waits until a service worker controls the page and returns the build it serves. */
async function waitForServiceWorker(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
    const channel = new MessageChannel();
    const version = new Promise((ok) => (channel.port1.onmessage = (e) => ok(e.data)));
    navigator.serviceWorker.controller.postMessage('version', [channel.port2]);
    return { scope: reg.scope, version: await version, caches: await caches.keys() };
  });
}

/** Visits every view and uses the main features once: what an agent's session looks like. */
async function fullSession(page) {
  await paste(page, COMPLAINT);
  await readVerdict(page);
  await paste(page, TROLL);
  await readVerdict(page);
  // goTo waits for the move to the other page where a route lives there.
  for (const hash of ['#/prosedur', '#/riwayat', '#/pelatihan', '#/audit', '#/aturan', '#/pengaturan', '#/']) {
    await goTo(page, hash);
  }
  await byTestId(page, 'lang-toggle').click();
  await goTo(page, '#/aturan');
  await byTestId(page, 'rulebook-test-lists').click();
  await byTestId(page, 'bench-report').waitFor();
  await byTestId(page, 'lang-toggle').click();
}

test('the page carries a CSP that allows only its own origin', async () => {
  const { page, problems } = await app.open();
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.ok(csp, 'no CSP meta');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /connect-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+/);
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
  assert.doesNotMatch(csp, /https?:|\*/, 'no other origin may be allowed');
  assert.deepEqual(problems(), []);
});

test('a full session makes no request to any other origin', async () => {
  const context = await app.newContext({ serviceWorkers: 'allow' });
  const origin = new URL(app.url).origin;
  const requests = recordRequests(context, origin);
  // Any request that would leave the origin is also cut here, so a leak cannot pass silently.
  await context.route(
    (url) => !url.href.startsWith(origin) && url.protocol !== 'data:' && url.protocol !== 'blob:',
    (route) => route.abort(),
  );
  await context.addInitScript(CSP_PROBE);
  const { page, problems } = await app.open({ context });
  await fullSession(page);
  assert.deepEqual(requests.foreign(), []);
  assert.ok(requests.all().length >= 3, 'the session was recorded');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(problems(), []);
});

test('the CSP blocks a request to another origin', async () => {
  const context = await app.newContext();
  await context.addInitScript(CSP_PROBE);
  const { page } = await app.open({ context });
  const outcome = await page.evaluate(() =>
    fetch('https://example.com/collect', { method: 'POST', body: 'customer text' }).then(
      () => 'sent',
      () => 'blocked',
    ),
  );
  assert.equal(outcome, 'blocked');
  const violations = await page.evaluate(() => window.__cspViolations);
  assert.ok(violations.some((v) => v.startsWith('connect-src https://example.com')), String(violations));
});

test('after one visit the app reloads and works with the network off', async () => {
  // Own server under a sub-path, so it can be shut down and the scope is checked too.
  const server = await startServer({ prefix: '/desk/triage/' });
  const context = await app.newContext({ serviceWorkers: 'allow' });
  const trainers = (paths) => paths.filter((p) => /oot-triage-tools|\/tools\.html$|trainer-|batch-/.test(p));
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await waitForApp(page);
    const sw = await waitForServiceWorker(page);
    assert.equal(sw.scope, server.url);
    assert.match(sw.version, /^[0-9a-f]{16}$/);
    assert.deepEqual(sw.caches, [`oot-triage-${sw.version}`]);
    // The agent's visit (page and service worker precache) downloads nothing of the trainer's page.
    assert.deepEqual(trainers(server.requests), []);
    assert.ok(server.requests.some((p) => p.endsWith('.wasm')), 'the visit was recorded');

    // The trainer's page, opened once online, is kept for offline use as well.
    await page.evaluate(() => (location.hash = '#/pelatihan'));
    await page.waitForURL(/tools\.html#\/pelatihan$/);
    await waitForApp(page);
    assert.ok(trainers(server.requests).some((p) => p.endsWith('.wasm')), "the trainer's wasm was fetched");
    await page.goto(server.url);
    await waitForApp(page);

    await context.setOffline(true);
    await server.close();
    const problems = watchProblems(page);
    await page.reload();
    await waitForApp(page);
    await paste(page, COMPLAINT);
    assert.notEqual(await readVerdict(page), 'no_reply');
    await page.evaluate(() => (location.hash = '#/pengaturan'));
    assert.match(await byTestId(page, 'offline-status').innerText(), /tanpa jaringan|offline/i);
    // A second tab opened while offline works too.
    const second = await context.newPage();
    await second.goto(server.url + '#/riwayat');
    await waitForApp(second);
    // So does the trainer's page, from a link on the agent's page.
    await second.locator('nav a[href$="#/aturan"]').click();
    await second.waitForURL(/tools\.html#\/aturan$/);
    await byTestId(second, 'rulebook-test-lists').waitFor();
    assert.deepEqual(problems(), []);
  } finally {
    await context.setOffline(false);
    await server.close().catch(() => {});
  }
});

test('a new build replaces the offline cache', async () => {
  // A copy of dist/ that we can "redeploy": change a file and restamp sw.js, as a build would.
  const root = mkdtempSync(join(tmpdir(), 'oot-triage-deploy-'));
  cpSync(DIST, root, { recursive: true });
  const server = await startServer({ root });
  const context = await app.newContext({ serviceWorkers: 'allow' });
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await waitForApp(page);
    const first = await waitForServiceWorker(page);

    // (index.html, because the other files are pinned by their integrity hashes.)
    const index = join(root, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('</body>', '<!-- next build --></body>'));
    execFileSync('node', [join(ROOT, 'scripts', 'stamp-sw.mjs'), root], { stdio: 'ignore' });

    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    // The new worker installs, activates and deletes the old cache (polled from here, because
    // waitForFunction takes a pending promise for a truthy answer).
    const deadline = Date.now() + 15000;
    let keys = [];
    while (Date.now() < deadline) {
      keys = await page.evaluate(() => caches.keys());
      if (keys.length === 1 && keys[0] !== `oot-triage-${first.version}`) break;
      await page.waitForTimeout(200);
    }
    assert.equal(keys.length, 1, `caches: ${keys}`);
    assert.notEqual(keys[0], `oot-triage-${first.version}`);
    await page.reload();
    await waitForApp(page);
    const second = await waitForServiceWorker(page);
    assert.notEqual(second.version, first.version);
    assert.deepEqual(second.caches, [`oot-triage-${second.version}`]);
    const cachedIndex = await page.evaluate(async () => {
      const res = await caches.match('./index.html');
      return res ? res.text() : null;
    });
    assert.ok(cachedIndex && cachedIndex.includes('next build'), 'the cache holds the new build');
    assert.ok((await page.content()).includes('next build'), 'the page is the new build');
  } finally {
    await server.close();
    removeDir(root);
  }
});

test('the single file works from file:// with the network off', async () => {
  assert.ok(existsSync(SINGLE_FILE), 'dist/oot-triage.html was not built');
  const context = await app.newContext();
  await context.setOffline(true);
  const requests = recordRequests(context, 'file://');
  await context.addInitScript(CSP_PROBE);
  const { page, problems } = await app.open({ context, file: true });
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /'wasm-unsafe-eval'/);
  await paste(page, COMPLAINT);
  assert.notEqual(await readVerdict(page), 'no_reply');
  await paste(page, TROLL);
  await readVerdict(page);
  // No service worker on file://, and the settings page says so.
  await page.evaluate(() => (location.hash = '#/pengaturan'));
  assert.match(await byTestId(page, 'offline-status').innerText(), /file/i);
  assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
  // The trainer's page is the single file beside it, and it carries the paste box over.
  assert.ok(existsSync(SINGLE_FILE.replace(/oot-triage\.html$/, 'oot-triage-tools.html')), 'dist/oot-triage-tools.html was not built');
  await page.evaluate(() => (location.hash = '#/aturan'));
  await page.waitForURL(/oot-triage-tools\.html#\/aturan$/);
  await byTestId(page, 'rulebook-test-lists').waitFor();
  await page.locator('nav a[href$="#/"]').first().click();
  await page.waitForURL(/oot-triage\.html#\/$/);
  assert.equal(await byTestId(page, 'case-input').inputValue(), TROLL);
  assert.deepEqual(requests.foreign(), []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(problems(), []);
});
