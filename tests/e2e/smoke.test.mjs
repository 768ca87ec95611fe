// Smoke tests of the built site: it loads from a static server (at the root and under a
// sub-path) and from the single file via file://, with no console errors, no failed requests,
// <html lang="id">, a title, a favicon that resolves, and a paste box that yields a verdict.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { useApp, startServer, watchProblems, waitForApp, paste, readVerdict, byTestId, SINGLE_FILE } from './helpers.mjs';

const app = useApp();

// A real outage complaint: whatever the rules say in detail, the page must produce a verdict.
const COMPLAINT = 'indihome saya mati dari pagi min, tolong dicek';

/** Checks the page basics every entry point shares. */
async function assertHealthyShell(page) {
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  assert.match(await page.title(), /oot-triage/);
  await byTestId(page, 'lang-toggle').waitFor({ state: 'visible' });
  // The favicon must resolve: a data: URI in the single file, a file beside index.html
  // otherwise (fetched here, since headless Chromium does not request it by itself).
  const icon = await page.evaluate(async () => {
    const link = document.querySelector('link[rel~="icon"]');
    if (!link) return { missing: true };
    if (link.href.startsWith('data:')) return { ok: link.href.startsWith('data:image/'), type: 'data' };
    const res = await fetch(link.href);
    return { ok: res.ok, type: res.headers.get('content-type') || '' };
  });
  assert.equal(icon.missing, undefined, 'no <link rel=icon>');
  assert.ok(icon.ok, `favicon does not load (${icon.type})`);
  if (icon.type !== 'data') assert.match(icon.type, /^image\//);
}

/** Types a complaint into the paste box and waits for a verdict with a decision. */
async function assertPasteGivesVerdict(page) {
  await paste(page, COMPLAINT);
  const decision = await readVerdict(page);
  assert.ok(['reply', 'no_reply', 'review'].includes(decision), `unexpected decision ${decision}`);
  // A plain outage complaint is never "no reply": that would leave a customer ignored.
  assert.notEqual(decision, 'no_reply');
}

test('served page loads with lang id, title, favicon and no console errors', async () => {
  const { page, problems } = await app.open();
  await assertHealthyShell(page);
  assert.deepEqual(problems(), []);
});

test('served page gives a verdict for a pasted complaint', async () => {
  const { page, problems } = await app.open();
  await assertPasteGivesVerdict(page);
  assert.deepEqual(problems(), []);
});

test('language toggle switches the page to English and back', async () => {
  const { page, problems } = await app.open();
  await byTestId(page, 'lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await byTestId(page, 'lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'id');
  assert.deepEqual(problems(), []);
});

test('the header: the current view is marked, the toggle keeps the focus, the skip link reaches the content', async () => {
  const { page, problems } = await app.open();
  const current = () => page.locator('nav a[aria-current="page"]').getAttribute('href');
  assert.equal(await current(), '#/');
  await page.locator('nav a[href="#/riwayat"]').click();
  await page.waitForFunction(() => document.querySelector('nav a[aria-current="page"]')?.getAttribute('href') === '#/riwayat');
  assert.equal(await page.locator('nav a[aria-current="page"]').count(), 1);
  // From the keyboard, the toggle switches the language and keeps the focus for the way back.
  await byTestId(page, 'lang-toggle').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.locator('nav a[href="#/riwayat"]').innerText(), 'History');
  assert.equal(await current(), '#/riwayat');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'lang-toggle');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.documentElement.lang === 'id');
  // The skip link moves the focus to the content and leaves the route alone.
  await page.locator('a.skip').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  assert.equal(await page.evaluate(() => location.hash), '#/riwayat');
  assert.deepEqual(problems(), []);
});

test("the trainer's page opens on its own, links back, and moves an agent's route to the agent's page", async () => {
  const context = await app.newContext();
  const page = await context.newPage();
  const problems = watchProblems(page);
  // Without a hash it shows its first view, the training.
  await page.goto(new URL('tools.html', app.url).href);
  await waitForApp(page);
  await assertHealthyShell(page);
  assert.match(await page.title(), /pelatihan/);
  assert.equal(await page.locator('nav a[aria-current="page"]').getAttribute('href'), '#/pelatihan');
  // Its views are its own; the agent's views are links to the agent's page.
  assert.equal(await page.locator('nav a[href="index.html#/"]').count(), 1);
  assert.equal(await page.locator('nav a[href="#/aturan"]').count(), 1);
  // An agent's route opened on this page moves to the agent's page, hash and all.
  await page.goto(new URL('tools.html#/prosedur/5.3', app.url).href);
  await page.waitForURL(/index\.html#\/prosedur\/5\.3$/);
  await waitForApp(page);
  await page.locator('nav a[href="#/"]').click();
  await assertPasteGivesVerdict(page);
  assert.deepEqual(problems(), []);
});

test('site works when served under a sub-path', async () => {
  const server = await startServer({ prefix: '/sub/path/' });
  try {
    const context = await app.newContext();
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url);
    await waitForApp(page);
    await assertHealthyShell(page);
    await assertPasteGivesVerdict(page);
    assert.deepEqual(problems(), []);
  } finally {
    await server.close();
  }
});

test('single file opens from disk via file:// and gives a verdict', async () => {
  assert.ok(existsSync(SINGLE_FILE), 'dist/oot-triage.html was not built');
  const { page, problems } = await app.open({ file: true });
  assert.ok(page.url().startsWith('file://'));
  await assertHealthyShell(page);
  await assertPasteGivesVerdict(page);
  // Nothing may be fetched from the network or from disk besides the file itself.
  const external = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => e.name).filter((n) => !n.startsWith('data:')),
  );
  assert.deepEqual(external, []);
  assert.deepEqual(problems(), []);
});
