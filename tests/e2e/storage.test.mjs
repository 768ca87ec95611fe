// Settings, history and the rulebook kept in the browser: they survive a reload; corrupt,
// old-format, blocked or full storage never stops the app and is reported in a notice; the
// history records, reopens, deletes and clears; and a rulebook only replaces the one in force
// after the test bench accepted it (an invalid import is refused and the old book still applies).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useApp, paste, readVerdict, byTestId, textOf, goTo } from './helpers.mjs';

const app = useApp();

const KEYS = {
  settings: 'oot-triage.settings.v1',
  history: 'oot-triage.history.v1',
  rulebook: 'oot-triage.rulebook.v1',
};
const COMPLAINT = 'indihome saya mati dari pagi min, tolong dicek';
// Needs a reply with the built-in book; with "NetKilat" listed as another provider it is a
// customer of another provider asking about that provider: Troll/Iseng.
const OTHER_PROVIDER = '@TelkomCare sinyal NetKilat di rumah hilang terus, kenapa ya min?';

const stored = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);
const go = goTo;

async function noticeSubjects(page) {
  await byTestId(page, 'storage-notices').waitFor();
  return page.$$eval('[data-testid="storage-notice"]', (els) => els.map((e) => e.dataset.subject));
}

/** Opens the app, writes `items` into localStorage, and reloads so the app starts with them. */
async function openWith(items, route = '#/') {
  const opened = await app.open(route);
  await opened.page.evaluate((entries) => {
    for (const [k, v] of entries) localStorage.setItem(k, v);
  }, Object.entries(items));
  await opened.page.reload();
  await byTestId(opened.page, 'lang-toggle').waitFor();
  return opened;
}

/** Waits until the history holds `n` entries in storage. */
async function waitForHistory(page, n) {
  await page.waitForFunction(
    ([key, count]) => {
      try {
        return JSON.parse(localStorage.getItem(key) || '{"entries":[]}').entries.length === count;
      } catch {
        return false;
      }
    },
    [KEYS.history, n],
    { timeout: 8000 },
  );
}

// ---------- settings ----------

test('settings survive a reload', async () => {
  const { page, problems } = await app.open('#/pengaturan');
  await byTestId(page, 'settings-lang').selectOption('en');
  await byTestId(page, 'settings-channel').selectOption('facebook');
  await byTestId(page, 'settings-window').fill('25');
  await byTestId(page, 'settings-window').press('Tab');
  await byTestId(page, 'settings-history').uncheck();
  await page.waitForFunction(() => document.documentElement.lang === 'en');

  const saved = JSON.parse(await stored(page, KEYS.settings));
  assert.deepEqual(saved, { version: 1, lang: 'en', default_channel: 'facebook', multi_window_minutes: 25, keep_history: false });

  await page.reload();
  await byTestId(page, 'settings-lang').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await byTestId(page, 'settings-channel').inputValue(), 'facebook');
  assert.equal(await byTestId(page, 'settings-window').inputValue(), '25');
  assert.equal(await byTestId(page, 'settings-history').isChecked(), false);
  assert.equal(await byTestId(page, 'storage-notices').count(), 0);
  assert.deepEqual(problems(), []);
});

test('an invalid multi window is refused and the previous one kept', async () => {
  const { page } = await app.open('#/pengaturan');
  await byTestId(page, 'settings-window').fill('90');
  await byTestId(page, 'settings-window').press('Tab');
  await byTestId(page, 'settings-window-error').waitFor();
  assert.equal(JSON.parse(await stored(page, KEYS.settings)).multi_window_minutes, 10);
});

test('the settings screen switches language in place, and deleting all data asks first', async () => {
  const { page, problems } = await app.open('#/pengaturan');
  // Choosing English from the keyboard re-renders the screen with the focus still on the select.
  await byTestId(page, 'settings-lang').focus();
  await byTestId(page, 'settings-lang').selectOption('en');
  await page.waitForFunction(() => document.querySelector('label[for="settings-lang"]')?.innerText === 'Language');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'settings-lang');
  assert.equal(await byTestId(page, 'settings-lang').inputValue(), 'en');
  assert.match(await textOf(page, 'storage-status'), /only in this browser/);
  // The question replaces the button; Cancel puts it back and nothing is deleted.
  await byTestId(page, 'settings-wipe').click();
  await byTestId(page, 'settings-wipe-confirm').waitFor();
  assert.equal(await byTestId(page, 'settings-wipe').isVisible(), false);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await byTestId(page, 'settings-wipe').waitFor();
  assert.notEqual(await stored(page, KEYS.settings), null);
  // Confirmed, it deletes everything and the defaults (Indonesian) are back.
  await byTestId(page, 'settings-wipe').click();
  await byTestId(page, 'settings-wipe-confirm').click();
  await page.waitForFunction(() => document.documentElement.lang === 'id');
  await page.waitForFunction(() => document.querySelector('label[for="settings-lang"]')?.innerText === 'Bahasa');
  assert.equal(await byTestId(page, 'settings-lang').inputValue(), 'id');
  // A refused window value is kept in the field until "restore defaults".
  await byTestId(page, 'settings-window').fill('0');
  await byTestId(page, 'settings-window').press('Tab');
  await byTestId(page, 'settings-window-error').waitFor();
  assert.equal(await byTestId(page, 'settings-window').getAttribute('aria-invalid'), 'true');
  assert.equal(await byTestId(page, 'settings-window').inputValue(), '0');
  await byTestId(page, 'settings-reset').click();
  assert.equal(await byTestId(page, 'settings-window').inputValue(), '10');
  assert.equal(await byTestId(page, 'settings-window-error').isVisible(), false);
  assert.equal(await byTestId(page, 'settings-window').getAttribute('aria-invalid'), null);
  assert.deepEqual(problems(), []);
});

test('the history list shows pasted markup as text, in either language', async () => {
  const { page, problems } = await openWith({
    [KEYS.history]: JSON.stringify({
      version: 1,
      entries: [
        { id: 5, time_ms: 1764400000000, text: '<img src=x onerror="window.__pwned=1">\nbaris dua', decision: 'no_reply', category: 'troll', note: '[Troll/Iseng]' },
      ],
    }),
  });
  await go(page, '#/riwayat');
  await byTestId(page, 'history-item').waitFor();
  assert.equal(await textOf(page, 'history-text'), '<img src=x onerror="window.__pwned=1">');
  assert.equal(await page.locator('.history-list img').count(), 0);
  assert.match(await byTestId(page, 'history-item').innerText(), /\[Troll\/Iseng\][\s\S]*2 baris/);
  assert.match(await page.locator('.view-lead').innerText(), /^1 dari maksimal 50 /);
  await byTestId(page, 'lang-toggle').click();
  await page.waitForFunction(() => document.querySelector('.view-lead')?.innerText.startsWith('1 of at most 50'));
  assert.match(await byTestId(page, 'history-item').innerText(), /2 lines/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // Clearing asks first; Cancel keeps the list.
  await byTestId(page, 'history-clear').click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await byTestId(page, 'history-item').count(), 1);
  assert.deepEqual(problems(), []);
});

// ---------- storage faults ----------

test('corrupt stored values are survived with a notice, and everything readable is kept', async () => {
  const history = {
    version: 1,
    entries: [
      { id: 2, time_ms: 1764400000000, text: 'indihome lemot dari kemarin', decision: 'reply' },
      { id: 1, time_ms: 'kemarin', text: 'rusak', decision: 'reply' },
    ],
  };
  const { page, problems } = await openWith({
    [KEYS.settings]: '{"version":1,"lang":"en","default_channel":"myspace","multi_window_minutes":10,"keep_history":true}',
    [KEYS.history]: JSON.stringify(history),
    [KEYS.rulebook]: '{"format": 1, "this is": not json',
  });
  const subjects = await noticeSubjects(page);
  assert.deepEqual(subjects.sort(), ['history.entries', 'rulebook', 'settings.default_channel']);
  // The readable language setting was kept (the page is in English) and the bad one reset.
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  const notices = await textOf(page, 'storage-notices');
  assert.match(notices, /default channel/);
  assert.match(notices, /myspace/);
  // Stored values were rewritten in the current, valid form.
  assert.equal(JSON.parse(await stored(page, KEYS.settings)).default_channel, 'twitter');
  assert.equal(JSON.parse(await stored(page, KEYS.history)).entries.length, 1);
  assert.equal(await stored(page, KEYS.rulebook), null);
  // The readable history entry is there, the app works, the rejected rulebook text is kept.
  await go(page, '#/riwayat');
  assert.equal(await byTestId(page, 'history-item').count(), 1);
  assert.match(await textOf(page, 'history-text'), /lemot dari kemarin/);
  await go(page, '#/');
  await paste(page, COMPLAINT);
  assert.notEqual(await readVerdict(page), 'no_reply');
  await go(page, '#/aturan');
  await byTestId(page, 'rulebook-rejected').waitFor();
  assert.equal(await byTestId(page, 'rulebook-status').getAttribute('data-custom'), 'false');
  // Notices can be dismissed.
  await byTestId(page, 'notices-dismiss').click();
  assert.equal(await byTestId(page, 'storage-notices').count(), 0);
  assert.deepEqual(problems(), []);
});

test('values that are not JSON at all are reset with a notice', async () => {
  const { page, problems } = await openWith({ [KEYS.settings]: 'undefined', [KEYS.history]: '[{' });
  assert.deepEqual((await noticeSubjects(page)).sort(), ['history', 'settings']);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'id');
  assert.deepEqual(problems(), []);
});

test('old-format settings keep what is readable', async () => {
  const { page } = await openWith({ [KEYS.settings]: '{"lang":"en","default_channel":"fb"}' }, '#/pengaturan');
  assert.deepEqual(await noticeSubjects(page), ['settings.version']);
  assert.equal(await byTestId(page, 'settings-channel').inputValue(), 'facebook');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(JSON.parse(await stored(page, KEYS.settings)).version, 1);
});

test('blocked storage: the app starts, says so, and works', async () => {
  const context = await app.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const { page, problems } = await app.open({ context });
  assert.deepEqual(await noticeSubjects(page), ['storage']);
  await paste(page, COMPLAINT);
  assert.notEqual(await readVerdict(page), 'no_reply');
  // Settings still change for this page.
  await byTestId(page, 'lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await go(page, '#/pengaturan');
  assert.match(await textOf(page, 'storage-status'), /not available/);
  assert.deepEqual(problems(), []);
});

test('full storage: saving fails with a notice and nothing is lost on the page', async () => {
  const context = await app.newContext();
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (String(key).startsWith('oot-triage.')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  const { page, problems } = await app.open({ context });
  await byTestId(page, 'lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.ok((await noticeSubjects(page)).includes('settings.save'));
  assert.match(await textOf(page, 'storage-notices'), /QuotaExceededError/);
  await paste(page, COMPLAINT);
  assert.notEqual(await readVerdict(page), 'no_reply');
  // The history still records on the page even though it cannot be saved.
  await page.waitForFunction(() => document.querySelector('[data-subject="history.save"]'), null, { timeout: 8000 });
  await go(page, '#/riwayat');
  assert.equal(await byTestId(page, 'history-item').count(), 1);
  assert.deepEqual(problems(), []);
});

// ---------- history ----------

test('checked cases are recorded once the verdict stands, and can be reopened and deleted', async () => {
  const { page, problems } = await app.open();
  await byTestId(page, 'case-input').fill(COMPLAINT);
  await readVerdict(page);
  await waitForHistory(page, 1);
  // Ctrl+Enter records at once; re-checking the same text does not add a copy.
  await paste(page, OTHER_PROVIDER);
  await readVerdict(page);
  await waitForHistory(page, 2);
  await paste(page, OTHER_PROVIDER);
  await page.waitForTimeout(2500);
  assert.equal(JSON.parse(await stored(page, KEYS.history)).entries.length, 2);

  await go(page, '#/riwayat');
  const items = byTestId(page, 'history-item');
  assert.equal(await items.count(), 2);
  assert.match(await items.nth(0).innerText(), /NetKilat/);
  assert.equal(await items.nth(1).getAttribute('data-decision'), 'reply');

  // Reopen the older case: it is back in the paste box on the check screen.
  await items.nth(1).locator('[data-testid="history-open"]').click();
  await page.waitForFunction(() => location.hash === '#/');
  assert.equal(await byTestId(page, 'case-input').inputValue(), COMPLAINT);
  assert.notEqual(await readVerdict(page), 'no_reply');

  // Delete one, then clear the rest (with a confirmation).
  await go(page, '#/riwayat');
  await byTestId(page, 'history-item').first().waitFor();
  const before = await byTestId(page, 'history-item').count();
  await byTestId(page, 'history-delete').first().click();
  assert.equal(await byTestId(page, 'history-item').count(), before - 1);
  await byTestId(page, 'history-clear').click();
  await byTestId(page, 'history-clear-confirm').click();
  await byTestId(page, 'history-empty').waitFor();
  assert.equal(await stored(page, KEYS.history), null);
  assert.deepEqual(problems(), []);
});

test('with history off nothing is recorded and the saved history is deleted', async () => {
  const { page } = await app.open();
  await paste(page, COMPLAINT);
  await readVerdict(page);
  await waitForHistory(page, 1);
  await go(page, '#/pengaturan');
  await byTestId(page, 'settings-history').uncheck();
  await page.waitForFunction((k) => localStorage.getItem(k) === null, KEYS.history);
  await go(page, '#/');
  await paste(page, OTHER_PROVIDER);
  await readVerdict(page);
  await page.waitForTimeout(2500);
  assert.equal(await stored(page, KEYS.history), null);
  await go(page, '#/riwayat');
  await byTestId(page, 'history-empty').waitFor();
});

// ---------- rulebook ----------

async function verdictFor(page, text) {
  await go(page, '#/');
  await paste(page, text);
  return readVerdict(page);
}

test('an edited rulebook applies only after the bench, persists, and an invalid import is refused', async () => {
  const { page, problems } = await app.open();
  assert.notEqual(await verdictFor(page, OTHER_PROVIDER), 'no_reply');

  // Add a provider to the list and test the change: nothing applies yet.
  await go(page, '#/aturan');
  const providers = byTestId(page, 'list-other_providers');
  await providers.fill((await providers.inputValue()) + '\nNetKilat');
  await byTestId(page, 'rulebook-test-lists').click();
  const report = byTestId(page, 'bench-report');
  await report.waitFor();
  assert.match(await report.innerText(), /\d+ (contoh|examples)/);
  assert.equal(await byTestId(page, 'rulebook-status').getAttribute('data-custom'), 'false');
  assert.equal(await stored(page, KEYS.rulebook), null);
  await byTestId(page, 'rulebook-apply').click();
  await byTestId(page, 'rulebook-applied').waitFor();
  assert.equal(await byTestId(page, 'rulebook-status').getAttribute('data-custom'), 'true');
  assert.equal(await byTestId(page, 'rulebook-status').getAttribute('data-edition'), '2');
  assert.ok(JSON.parse(await stored(page, KEYS.rulebook)).lists.other_providers.includes('NetKilat'));
  assert.equal(await verdictFor(page, OTHER_PROVIDER), 'no_reply');

  // Import files that are not valid rulebooks: refused with what and where; the custom book stays.
  await go(page, '#/aturan');
  const bad = [
    ['broken.json', '{"format": 1,\n "edition": }', /(line|baris) 2/],
    ['unknown.json', JSON.stringify({ ...JSON.parse(await stored(page, KEYS.rulebook)), colour: 'red' }), /colour/],
  ];
  for (const [name, body, where] of bad) {
    await byTestId(page, 'rulebook-import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
    const refused = byTestId(page, 'rulebook-refused');
    await refused.waitFor();
    assert.match(await refused.innerText(), where);
    assert.equal(await byTestId(page, 'rulebook-status').getAttribute('data-edition'), '2');
    await byTestId(page, 'rulebook-discard').click();
  }
  assert.equal(await verdictFor(page, OTHER_PROVIDER), 'no_reply');

  // The accepted book survives a reload.
  await page.reload();
  await byTestId(page, 'lang-toggle').waitFor();
  assert.equal(await verdictFor(page, OTHER_PROVIDER), 'no_reply');

  // Export gives the book in force as JSON.
  await go(page, '#/aturan');
  const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'rulebook-export').click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.ok(exported.lists.other_providers.includes('NetKilat'));
  assert.equal(exported.edition, 2);

  // Back to the built-in book.
  await byTestId(page, 'rulebook-reset').click();
  await byTestId(page, 'rulebook-reset-confirm').click();
  assert.equal(await byTestId(page, 'rulebook-status').getAttribute('data-custom'), 'false');
  await page.waitForFunction((k) => localStorage.getItem(k) === null, KEYS.rulebook);
  assert.notEqual(await verdictFor(page, OTHER_PROVIDER), 'no_reply');
  assert.deepEqual(problems(), []);
});

test('a rulebook that breaks its own examples is refused with the example path', async () => {
  const { page } = await app.open('#/aturan');
  await byTestId(page, 'list-personal_request_phrases').fill('');
  await byTestId(page, 'rulebook-test-lists').click();
  const refused = byTestId(page, 'rulebook-refused');
  await refused.waitFor();
  assert.match(await refused.innerText(), /troll\.personal-contact/);
  const where = await page.$$eval('[data-testid="rulebook-error-where"]', (els) => els.map((e) => e.textContent));
  assert.ok(where.some((w) => /^rules\[\d+\]\.examples\.match\[\d+\]$/.test(w)), String(where));
  assert.equal(await byTestId(page, 'rulebook-status').getAttribute('data-custom'), 'false');
});

test('the bench lists the decisions a change would flip', async () => {
  const { page } = await app.open('#/aturan');
  await page.locator('.rulebook-json summary').click();
  const editor = byTestId(page, 'rulebook-json');
  const book = JSON.parse(await editor.inputValue());
  book.rules.find((r) => r.id === 'kuis.hashtag').enabled = false;
  // Set like a paste: Playwright's fill types 50 KB of text far more slowly than a paste arrives.
  await editor.evaluate((el, text) => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, JSON.stringify(book, null, 2));
  await byTestId(page, 'rulebook-test-json').click();
  const report = byTestId(page, 'bench-report');
  await report.waitFor();
  assert.ok(Number(await report.getAttribute('data-changes')) > 0);
  const rows = await page.$$eval('[data-testid="bench-change"]', (els) => els.map((e) => e.innerText));
  assert.ok(rows.some((r) => r.includes('kuis.hashtag')), rows.join('\n'));
  // Discarding leaves the built-in book in force.
  await byTestId(page, 'rulebook-discard').click();
  assert.equal(await byTestId(page, 'rulebook-status').getAttribute('data-custom'), 'false');
});
