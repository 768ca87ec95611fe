// End-to-end tests of the agent's screen (#/) in headless Chromium: the verdict and its fields,
// threads and bursts, the channel select, copying, shortcuts, the language toggle, safety of
// pasted text, the procedure links, layout at two sizes, and that the page says exactly what
// `oot-triage classify` says for the same pastes. Cases here are invented, not from cases/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, paste, readVerdict, byTestId, textOf, ROOT } from './helpers.mjs';

// E2E_DIST points the tests at another build (e.g. a quick debug build while iterating).
const app = useApp(process.env.E2E_DIST ? { root: process.env.E2E_DIST } : {});

const TROLL = '@TelkomCare min boleh minta pin bbm nya? mau kenalan hehe';
const BURST = [
  '[10:01] @pelanggan7: @IndiHomeCare internet saya mati dari pagi, nomor internet 122334455667',
  '[10:02] @pelanggan7: min tolong dicek internet saya 122334455667',
  '[10:03] @pelanggan7: halo min??',
].join('\n');
const FIELDS = {
  'field-category': 'Lainnya',
  'field-product': 'Out Of Topic',
  'field-sub-product': 'Out Of Topic',
  'field-reply-type': 'OOT Reply',
};

/** Every message card on the page, as { message, decision, note }. */
async function messageVerdicts(page) {
  await byTestId(page, 'message-verdict').first().waitFor();
  return page.$$eval('[data-testid="message-verdict"]', (els) =>
    els.map((e) => ({ message: e.dataset.message, decision: e.dataset.decision, note: e.dataset.note })),
  );
}

/** Opens the check screen with the clipboard allowed. */
async function openWithClipboard(extra = {}) {
  const context = await app.newContext({ permissions: ['clipboard-read', 'clipboard-write'], ...extra });
  return app.open({ context });
}

test('troll case shows the four Sociomedia fields exactly and the note [Troll/Iseng]', async () => {
  const { page, problems } = await app.open();
  await paste(page, TROLL);
  assert.equal(await readVerdict(page), 'no_reply');
  for (const [testid, value] of Object.entries(FIELDS)) {
    assert.equal(await byTestId(page, testid).textContent(), value, testid);
  }
  assert.equal(await byTestId(page, 'note').textContent(), '[Troll/Iseng]');
  assert.match(await textOf(page, 'verdict'), /Tidak perlu dijawab/);
  assert.match(await textOf(page, 'verdict'), /Troll\/Iseng/);
  // Why: at least one reason with its rule, its clause link and highlighted words.
  const card = byTestId(page, 'message-verdict').first();
  assert.equal(await card.getAttribute('data-note'), '[Troll/Iseng]');
  assert.ok((await card.locator('.msg-text mark').count()) >= 1, 'no highlighted evidence');
  assert.match(await card.locator('.reason-clause').first().getAttribute('href'), /^#\/prosedur\/5\./);
  assert.deepEqual(problems(), []);
});

test('three-tweet burst: the first is the one to answer, the other two get [Multi tweet]', async () => {
  const { page } = await app.open();
  await paste(page, BURST);
  assert.equal(await readVerdict(page), 'reply');
  const verdicts = await messageVerdicts(page);
  assert.deepEqual(verdicts, [
    { message: '1', decision: 'reply', note: '' },
    { message: '2', decision: 'no_reply', note: '[Multi tweet]' },
    { message: '3', decision: 'no_reply', note: '[Multi tweet]' },
  ]);
  const first = byTestId(page, 'message-verdict').first();
  assert.ok(await first.evaluate((e) => e.classList.contains('is-primary')), 'first message not marked');
  assert.match(await first.innerText(), /Jawab yang ini/);
  // Each later message has its own note to copy.
  assert.deepEqual(await byTestId(page, 'message-note').allTextContents(), ['[Multi tweet]', '[Multi tweet]']);
});

test('the same burst on Facebook gives [Multi Post], and the select shows facebook', async () => {
  const { page } = await app.open();
  await byTestId(page, 'case-input').fill(BURST);
  await byTestId(page, 'channel').selectOption('facebook');
  await byTestId(page, 'case-input').press('Control+Enter');
  const verdicts = await messageVerdicts(page);
  assert.deepEqual(
    verdicts.map((v) => v.note),
    ['', '[Multi Post]', '[Multi Post]'],
  );
  assert.equal(await byTestId(page, 'channel').inputValue(), 'facebook');
  // Back to Twitter applies at once.
  await byTestId(page, 'channel').selectOption('twitter');
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="message-verdict"][data-note="[Multi tweet]"]').length === 2,
  );
});

test('clearing the paste box drops the chosen channel again', async () => {
  const { page } = await app.open();
  await paste(page, TROLL);
  await byTestId(page, 'channel').selectOption('facebook');
  await byTestId(page, 'case-input').fill('');
  await paste(page, BURST);
  await readVerdict(page);
  assert.equal(await byTestId(page, 'channel').inputValue(), 'twitter');
});

test('an example button loads its case, and the channel control says where the channel comes from', async () => {
  const { page, problems } = await app.open();
  const source = () => page.locator('.channel-source').innerText();
  assert.equal(await source(), 'bawaan pengaturan');
  await page.getByRole('button', { name: 'Multi tweet' }).click();
  // A burst: answer the first message, note the rest.
  assert.equal(await readVerdict(page), 'reply');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="message-note"]').length === 2);
  assert.match(await byTestId(page, 'case-input').inputValue(), /^\[10:01\] @pelanggan:/);
  assert.equal(await byTestId(page, 'channel').inputValue(), 'twitter');
  assert.equal(await source(), 'dipilih manual');
  // Following the guess again: the paste's own format says nothing about its channel.
  await page.getByRole('button', { name: 'ikuti tebakan' }).click();
  await page.waitForFunction(() => document.querySelector('.channel-source').innerText !== 'dipilih manual');
  assert.match(await source(), /^(bawaan pengaturan|tebakan dari paste)$/);
  assert.equal(await page.getByRole('button', { name: 'ikuti tebakan' }).count(), 0);
  // "Kosongkan" empties the box and brings the examples back.
  await byTestId(page, 'clear').click();
  assert.equal(await byTestId(page, 'case-input').inputValue(), '');
  await page.getByRole('button', { name: 'Troll/Iseng' }).click();
  assert.equal(await readVerdict(page), 'no_reply');
  assert.match(await textOf(page, 'verdict-category'), /Troll/);
  assert.deepEqual(problems(), []);
});

test('switching the language keeps the paste box, its text and its shortcuts', async () => {
  const { page } = await app.open();
  await byTestId(page, 'case-input').fill(TROLL);
  await byTestId(page, 'case-input').press('Control+Enter');
  await readVerdict(page);
  await byTestId(page, 'lang-toggle').click();
  await page.waitForFunction(() => document.querySelector('label[for="case-input"]')?.innerText.startsWith('Paste the case'));
  assert.equal(await byTestId(page, 'case-input').inputValue(), TROLL);
  assert.ok((await page.locator('.shortcuts').innerText()).includes('check now'));
  // "/" (the focus is on the toggle) goes to the box, which still takes input and checks.
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'case-input');
  await byTestId(page, 'case-input').fill('@IndiHomeCare indihome lemot banget dari kemarin, tolong dicek');
  await byTestId(page, 'case-input').press('Control+Enter');
  assert.equal(await readVerdict(page, { not: 'no_reply' }), 'reply');
});

test('pasted HTML stays text: no element is created and no script runs', async () => {
  const { page, problems } = await app.open();
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss().catch(() => {});
  });
  const evil = '<img src=x onerror=alert(1)> <script>alert(2)</script> <b>tebal</b>';
  await paste(page, evil);
  await readVerdict(page);
  const card = byTestId(page, 'message-verdict').first();
  await card.waitFor();
  assert.equal(await card.locator('img, script, b').count(), 0);
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await card.locator('.msg-text').textContent(), evil);
  await page.waitForTimeout(200);
  assert.equal(dialogs, 0);
  assert.deepEqual(problems(), []);
});

test('Ctrl+Enter classifies at once; typing alone classifies after a short pause', async () => {
  const { page } = await app.open();
  await paste(page, TROLL);
  // No waiting: the verdict is there as soon as the key press returns.
  assert.equal(await page.getAttribute('[data-testid="verdict"]', 'data-decision'), 'no_reply');
  await byTestId(page, 'case-input').fill(BURST);
  assert.equal(await readVerdict(page, { timeout: 3000 }), 'reply');
});

test('a stale verdict is never offered under the test ids while the new paste waits', async () => {
  const { page } = await app.open();
  await paste(page, TROLL);
  assert.equal(await readVerdict(page), 'no_reply');
  await byTestId(page, 'case-input').type(' dan indihome saya mati', { delay: 5 });
  const stale = await page.evaluate(() => {
    const v = document.querySelector('[data-testid="verdict"]');
    return v ? 'shown' : 'withheld';
  });
  assert.equal(stale, 'withheld');
  await readVerdict(page);
});

test('copy all puts the exact five-line block on the clipboard and confirms it', async () => {
  const { page } = await openWithClipboard();
  await paste(page, TROLL);
  await readVerdict(page);
  await byTestId(page, 'copy-all').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="copy-status"]').textContent.length > 0);
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(
    clip,
    'Category: Lainnya\nProduct: Out Of Topic\nSub Product: Out Of Topic\nReply Type: OOT Reply\nNote: [Troll/Iseng]',
  );
  assert.match(await textOf(page, 'copy-status'), /Disalin/);
  assert.match(await textOf(page, 'copy-all'), /Tersalin/);
  // One field's button copies that field alone and takes the confirmation over.
  const noteButton = page.getByRole('button', { name: 'Salin Note', exact: true });
  await noteButton.click();
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === '[Troll/Iseng]');
  await page.waitForFunction(() => document.querySelector('[data-testid="copy-all"]').textContent === 'Salin semua');
  assert.equal(await noteButton.innerText(), 'Tersalin ✓');
  assert.match(await textOf(page, 'copy-status'), /Note — \[Troll\/Iseng\]/);
});

test('Alt+C copies the note, Alt+A copies all, "/" goes to the paste box', async () => {
  const { page } = await openWithClipboard();
  await paste(page, TROLL);
  await readVerdict(page);
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('Alt+KeyC');
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === '[Troll/Iseng]');
  await page.keyboard.press('Alt+KeyA');
  await page.waitForFunction(async () => (await navigator.clipboard.readText()).startsWith('Category: Lainnya\n'));
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'case-input');
  // "/" typed inside the box is just a character.
  await page.keyboard.press('End');
  await page.keyboard.type('/');
  assert.ok((await byTestId(page, 'case-input').inputValue()).endsWith('/'));
});

test('a burst copies its per-message note with the shortcut', async () => {
  const { page } = await openWithClipboard();
  await paste(page, BURST);
  await readVerdict(page);
  await page.keyboard.press('Alt+KeyC');
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === '[Multi tweet]');
});

test('the language toggle switches the whole screen, verdict included', async () => {
  const { page } = await app.open();
  await paste(page, TROLL);
  await readVerdict(page);
  await byTestId(page, 'lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  // The message cards follow the headline a frame later.
  await page.waitForFunction(() => document.querySelector('[data-testid="message-verdict"]')?.getAttribute('aria-label').startsWith('Message'));
  const text = await page.evaluate(() => document.body.innerText);
  for (const en of ['No reply needed', 'Enter in Sociomedia', 'Copy all', 'Channel', 'How the paste was split', 'Check']) {
    assert.ok(text.includes(en), `missing English text: ${en}`);
  }
  for (const id of ['Tidak perlu dijawab', 'Isi di Sociomedia', 'Salin', 'Kanal', 'Cara paste dipisah', 'Kosongkan', 'Kategori']) {
    assert.ok(!text.includes(id), `Indonesian text left after the toggle: ${id}`);
  }
  assert.equal(await byTestId(page, 'case-input').getAttribute('placeholder').then((p) => p.startsWith('Paste')), true);
  await byTestId(page, 'lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'id');
  assert.match(await textOf(page, 'verdict'), /Tidak perlu dijawab/);
});

test('a reason links into the procedure view at its clause', async () => {
  const { page } = await app.open();
  await paste(page, TROLL);
  await readVerdict(page);
  await page.locator('.reason-clause').first().click();
  await page.waitForFunction(() => location.hash.startsWith('#/prosedur/5.'));
  await page.waitForFunction(() => document.activeElement && document.activeElement.id.startsWith('w21-5.'));
  const body = await page.locator('main').innerText();
  assert.match(body, /4 kategori, 3 yang disebut/);
  assert.match(body, /\[Promo\]/);
});

test('procedure anchors move inside the view without leaving it', async () => {
  const { page } = await app.open('#/prosedur');
  await page.locator('.toc a[href="#/prosedur/5.3"]').click();
  await page.waitForFunction(() => document.activeElement?.id === 'w21-5.3');
  assert.equal(await page.locator('.procedure').count(), 1);
});

test('every control on the check screen has an accessible name and is reachable by keyboard', async () => {
  const { page } = await app.open();
  await paste(page, BURST);
  await readVerdict(page);
  await messageVerdicts(page);
  const unnamed = await page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll('button, select, textarea, input, a[href]')) {
      const label = (el.getAttribute('aria-label') || '').trim()
        || [...(el.labels || [])].map((l) => l.textContent.trim()).join(' ')
        || el.textContent.trim();
      if (!label) bad.push(el.outerHTML.slice(0, 80));
      if (el.tabIndex < 0) bad.push('not focusable: ' + el.outerHTML.slice(0, 80));
    }
    return bad;
  });
  assert.deepEqual(unnamed, []);
  // Tab from the paste box reaches the channel select and the copy buttons.
  await byTestId(page, 'case-input').focus();
  const seen = new Set();
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    seen.add(await page.evaluate(() => document.activeElement?.dataset.testid || document.activeElement?.className || ''));
  }
  assert.ok(seen.has('channel'), 'channel select not reachable');
  assert.ok([...seen].some((s) => String(s).includes('copy-btn')), 'copy buttons not reachable');
});

test('at 1366×768 the verdict sits beside the paste box, visible without scrolling', async () => {
  const context = await app.newContext({ viewport: { width: 1366, height: 768 } });
  const { page } = await app.open({ context });
  await paste(page, TROLL);
  await readVerdict(page);
  const box = await byTestId(page, 'case-input').boundingBox();
  const verdict = await byTestId(page, 'verdict').boundingBox();
  const note = await byTestId(page, 'note').boundingBox();
  assert.ok(verdict.x >= box.x + box.width, 'verdict not to the right of the paste box');
  assert.ok(verdict.y < 200, 'verdict too low');
  assert.ok(note.y + note.height <= 768, 'note below the fold');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
});

test('at 390×844 the screen stacks without sideways scrolling', async () => {
  const context = await app.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const { page } = await app.open({ context });
  await paste(page, BURST);
  await readVerdict(page);
  const box = await byTestId(page, 'case-input').boundingBox();
  const verdict = await byTestId(page, 'verdict').boundingBox();
  assert.ok(verdict.y >= box.y + box.height, 'verdict not below the paste box');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'horizontal overflow');
});

test('a long thread keeps one verdict per message, later ones compact until asked', async () => {
  const { page } = await app.open();
  const lines = [];
  for (let i = 0; i < 150; i += 1) {
    const h = String(8 + Math.floor(i / 12)).padStart(2, '0');
    const m = String((i % 12) * 5).padStart(2, '0');
    lines.push(`[${h}:${m}] @pelanggan${i % 9}: modem indihome nomor ${100200300 + i} lampu LOS merah`);
  }
  // Set the value in the page (typing 150 lines through the browser's editor is slow in CI).
  await byTestId(page, 'case-input').evaluate((el, text) => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, lines.join('\n'));
  await byTestId(page, 'case-input').press('Control+Enter');
  await readVerdict(page, { timeout: 20000 });
  const verdicts = await messageVerdicts(page);
  assert.equal(verdicts.length, 150);
  assert.deepEqual(verdicts.map((v) => v.message), lines.map((_, i) => String(i + 1)));
  assert.ok(verdicts.every((v) => ['reply', 'no_reply', 'review', 'context'].includes(v.decision)));
  assert.ok((await page.locator('.msg.is-compact').count()) > 0, 'no compact cards');
  await page.locator('.cards-limit button').click();
  // The full cards replace the compact ones in steps; the test ids come back once all are in.
  await page.waitForFunction(
    () => document.querySelectorAll('.msg.is-compact').length === 0
      && document.querySelectorAll('[data-testid="message-verdict"]').length === 150,
    null,
    { timeout: 20000 },
  );
  assert.equal(await page.locator('.msg').count(), 150);
});

test('the cards follow the verdict without ever offering the previous paste\'s cards', async () => {
  const { page, problems } = await app.open();
  await paste(page, BURST);
  assert.deepEqual((await messageVerdicts(page)).map((v) => v.message), ['1', '2', '3']);
  // Paste a different case and watch every macrotask until its card is in: whenever card test
  // ids are offered, they are the new case's, complete.
  const seen = await page.evaluate(async (troll) => {
    const box = document.querySelector('[data-testid="case-input"]');
    const tick = () => new Promise((ok) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => ok();
      ch.port2.postMessage(0);
    });
    box.value = troll;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
    const states = [];
    const limit = performance.now() + 5000;
    for (;;) {
      await tick();
      const verdict = document.querySelector('[data-testid="verdict"][data-decision]')?.dataset.decision ?? null;
      const cards = [...document.querySelectorAll('[data-testid="message-verdict"]')].map((e) => `${e.dataset.message}:${e.dataset.note}`);
      states.push({ verdict, cards: cards.join(',') });
      if (cards.length && verdict) return states;
      if (performance.now() > limit) return states;
    }
  }, TROLL);
  for (const st of seen) {
    assert.ok(st.cards === '' || st.cards === '1:[Troll/Iseng]', `offered cards ${st.cards}`);
    if (st.cards) assert.equal(st.verdict, 'no_reply');
  }
  assert.equal(seen.at(-1).cards, '1:[Troll/Iseng]');
  assert.deepEqual(problems(), []);
});

test('a card\'s copy buttons copy its note or all its fields and confirm on that button only', async () => {
  const { page } = await openWithClipboard();
  await paste(page, BURST);
  await readVerdict(page);
  await messageVerdicts(page);
  const second = page.locator('[data-testid="message-verdict"][data-message="2"]');
  const third = page.locator('[data-testid="message-verdict"][data-message="3"]');
  await second.locator('[data-testid="message-copy-all"]').click();
  await page.waitForFunction(async () => (await navigator.clipboard.readText()).endsWith('Note: [Multi tweet]'));
  assert.equal(
    await page.evaluate(() => navigator.clipboard.readText()),
    'Category: Lainnya\nProduct: Out Of Topic\nSub Product: Out Of Topic\nReply Type: OOT Reply\nNote: [Multi tweet]',
  );
  assert.match(await second.locator('[data-testid="message-copy-all"]').innerText(), /Tersalin/);
  assert.match(await textOf(page, 'copy-status'), /semua kolom pesan #2/);
  // The note button of the third card takes the confirmation over.
  await third.getByRole('button', { name: 'Salin note pesan #3' }).click();
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === '[Multi tweet]');
  await page.waitForFunction(() => /Tersalin/.test(document.querySelector('[data-message="3"] .copy-btn').textContent));
  assert.equal(await second.locator('[data-testid="message-copy-all"]').innerText(), 'Salin semua');
  assert.equal(await page.locator('.msg .copy-btn.is-done').count(), 1);
});

// ---------- the page and the CLI agree ----------

/** The native CLI binary of these sources (cargo makes it current; a no-op after cargo test). */
function cliBinary() {
  const built = spawnSync('cargo', ['build', '--quiet', '--bin', 'oot-triage'], { cwd: ROOT, stdio: 'inherit' });
  assert.equal(built.status, 0, 'cargo build --bin oot-triage failed');
  const bin = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'debug', 'oot-triage');
  assert.ok(existsSync(bin), `${bin} is missing`);
  return bin;
}

const PARITY_CASES = [
  { id: 'lone-complaint', channel: 'twitter', paste: '@IndiHomeCare indihome lemot banget dari kemarin, tolong dicek' },
  { id: 'lone-troll', channel: 'twitter', paste: TROLL },
  { id: 'promo', channel: 'facebook', paste: 'Pasang baru IndiHome promo 50 Mbps cuma 300rb/bln! Hubungi WA 0812xxxx, proses cepat' },
  { id: 'kuis', channel: 'twitter', paste: '@TelkomCare #KuisTelkomCare jawabannya C min' },
  { id: 'burst-twitter', channel: 'twitter', paste: BURST },
  { id: 'burst-facebook', channel: 'facebook', paste: BURST },
  {
    id: 'thread-with-brand',
    channel: 'twitter',
    paste: [
      '[09:00] @pelanggan9: @IndiHomeCare wifi saya merah LOS dari semalam',
      '[09:20] @IndiHomeCare: Halo Kak, mohon info nomor internetnya via DM ya -Rina',
      '[09:25] @pelanggan9: sudah saya DM min',
    ].join('\n'),
  },
  { id: 'insult-with-outage', channel: 'twitter', paste: 'indihome mati lagi anjir, bayar mahal2 gini doang' },
];

test('the page shows exactly what `oot-triage classify` prints for the same pastes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oot-parity-'));
  const file = join(dir, 'cases.jsonl');
  writeFileSync(file, PARITY_CASES.map((c) => JSON.stringify(c)).join('\n') + '\n');
  const run = spawnSync(cliBinary(), ['classify', file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const cli = new Map();
  for (const line of run.stdout.split('\n').filter((l) => l.trim())) {
    const out = JSON.parse(line);
    assert.ok(!out.error, `CLI error: ${line}`);
    cli.set(
      out.id,
      out.verdicts.map((v) => ({ message: String(v.message), decision: v.decision, note: v.note ?? '' })),
    );
  }
  assert.equal(cli.size, PARITY_CASES.length);

  const { page } = await app.open();
  for (const c of PARITY_CASES) {
    await byTestId(page, 'case-input').fill(c.paste);
    await byTestId(page, 'channel').selectOption(c.channel);
    await byTestId(page, 'case-input').press('Control+Enter');
    await readVerdict(page);
    const shown = await messageVerdicts(page);
    assert.deepEqual(shown, cli.get(c.id), `page and CLI differ on ${c.id}`);
    // The headline follows the same messages: reply if any message needs one.
    const headline = await page.getAttribute('[data-testid="verdict"]', 'data-decision');
    const decisions = shown.map((v) => v.decision);
    if (decisions.includes('reply')) assert.equal(headline, 'reply', c.id);
    else if (decisions.includes('review')) assert.equal(headline, 'review', c.id);
    else assert.equal(headline, 'no_reply', c.id);
  }
});
