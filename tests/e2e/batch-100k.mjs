// Bench: a batch audit of 100,000 messages in headless Chromium against the built site.
//
//   node tests/e2e/batch-100k.mjs [--rows 100000] [--json] [--csv-out FILE]
//
// It writes a realistic CSV (texts from the trainer's library and typical agent tags, about
// 20,000 authors over one day, so bursts happen), uploads it on #/audit through the
// batch-input file control, and waits until batch-progress says data-done == data-total. While
// the batch runs it clicks the page every 100 ms and measures each click's input delay in the
// page (handler start minus the event's own timestamp), the lateness of a 10 ms timer and the
// longest task. It prints one line per measure (or one JSON object with --json) and exits 1
// when the targets are missed: more than 10 s for the batch, or an input delay of
// 100 ms or more. Build first (bash scripts/build.sh); it needs /usr/bin/chromium.

import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, waitForApp, ROOT } from './helpers.mjs';

const args = process.argv.slice(2);
const ROWS = Number(args[args.indexOf('--rows') + 1]) || 100000;
const AS_JSON = args.includes('--json');
const LIMIT_S = 10;
const LIMIT_INPUT_MS = 100;

/** A deterministic CSV of `n` messages. */
function makeCsv(n) {
  const library = JSON.parse(readFileSync(join(ROOT, 'src', 'engine', 'training.json'), 'utf8'));
  const texts = [];
  for (const e of library.examples) {
    if (e.text) texts.push(e.text);
    for (const m of e.messages || []) texts.push(m.text);
  }
  const notes = ['', '', '', '[Troll/Iseng]', '[Multi tweet]', '[Promo]', '[Kuis]'];
  const q = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const out = ['id,author,time,channel,conversation,text,note,reply_type'];
  for (let i = 0; i < n; i++) {
    const author = `@pelanggan${Math.floor(rnd() * 20000)}`;
    const sec = Math.floor((i / n) * 86400);
    const t = new Date(Date.UTC(2025, 4, 1) + sec * 1000).toISOString().replace('.000Z', 'Z');
    const text = texts[Math.floor(rnd() * texts.length)];
    const note = notes[Math.floor(rnd() * notes.length)];
    out.push([`r${i}`, author, t, 'twitter', `c${Math.floor(rnd() * 50000)}`, q(text), note, note ? 'OOT Reply' : 'Public Reply'].join(','));
  }
  return out.join('\n') + '\n';
}

// `--csv-out FILE` only writes the CSV (to time the audit natively, for instance) and exits.
if (args.includes('--csv-out')) {
  writeFileSync(args[args.indexOf('--csv-out') + 1], makeCsv(ROWS));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'oot-batch-100k-'));
const file = join(dir, 'batch-100k.csv');
writeFileSync(file, makeCsv(ROWS));

const server = await startServer();
const browser = await launchBrowser();
let result;
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(server.url + '#/audit');
  await waitForApp(page);

  await page.evaluate(() => {
    const s = (window.__bench = { delays: [], lateness: [], longest: 0, start: 0, end: 0, phases: [], tasks: [] });
    // Input delay: from the browser's event timestamp to our handler.
    document.querySelector('h1').addEventListener('click', (ev) => s.delays.push(performance.now() - ev.timeStamp));
    // The change event marks the start; the progress reaching data-state=done marks the end.
    document.querySelector('[data-testid="batch-input"]').addEventListener('change', () => (s.start = performance.now()));
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="batch-progress"]');
      if (!el) return;
      const phase = `${el.dataset.state}/${el.dataset.phase}`;
      if (!s.phases.length || s.phases[s.phases.length - 1].phase !== phase) s.phases.push({ phase, at: performance.now() });
      if (el.dataset.state === 'done' && !s.end) s.end = performance.now();
    }).observe(document.body, { subtree: true, attributes: true, childList: true, attributeFilter: ['data-state', 'data-phase'] });
    let last = performance.now();
    s.timer = setInterval(() => {
      const now = performance.now();
      s.lateness.push(now - last - 10);
      last = now;
    }, 10);
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          s.longest = Math.max(s.longest, e.duration);
          s.tasks.push({ at: e.startTime, ms: e.duration });
        }
      }).observe({ type: 'longtask', buffered: true });
    } catch {}
  });

  const h1 = await page.locator('h1').boundingBox();
  await page.locator('[data-testid="batch-input"]').setInputFiles(file);
  let clicks = 0;
  for (;;) {
    const state = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="batch-progress"]');
      return el ? { state: el.dataset.state, done: +el.dataset.done, total: +el.dataset.total } : null;
    });
    if (state && state.state === 'done' && state.done === state.total) break;
    if (state && state.state !== 'running' && state.state !== 'done') throw new Error(`batch ended as ${state.state}`);
    await page.mouse.click(h1.x + 5, h1.y + 5);
    clicks++;
    await new Promise((r) => setTimeout(r, 100));
  }
  const m = await page.evaluate(() => {
    const s = window.__bench;
    clearInterval(s.timer);
    const sorted = [...s.delays].sort((a, b) => a - b);
    return {
      seconds: (s.end - s.start) / 1000,
      maxInputDelayMs: sorted.length ? sorted[sorted.length - 1] : 0,
      p95InputDelayMs: sorted.length ? sorted[Math.floor(sorted.length * 0.95)] : 0,
      clicksMeasured: sorted.length,
      maxTimerLatenessMs: Math.max(0, ...s.lateness),
      longestTaskMs: s.longest,
      rows: document.querySelectorAll('[data-testid="batch-row"]').length,
      // Phase changes and tasks over 50 ms, in ms since the file was chosen (for finding where
      // time goes when a target is missed).
      phases: s.phases.map((p) => `${p.phase}@${Math.round(p.at - s.start)}`).join(' '),
      longTasks: s.tasks.filter((t) => t.ms > 50).map((t) => `${Math.round(t.ms)}ms@${Math.round(t.at - s.start)}`).join(' '),
      total: +document.querySelector('[data-testid="batch-progress"]').dataset.total,
    };
  });
  result = { messages: ROWS, ...m, clicksSent: clicks, errors };
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

const ok = result.seconds <= LIMIT_S && result.maxInputDelayMs < LIMIT_INPUT_MS && result.total === ROWS && result.errors.length === 0;
if (AS_JSON) {
  console.log(JSON.stringify({ ...result, ok }));
} else {
  const f = (x) => (typeof x === 'number' ? x.toFixed(2) : x);
  console.log(`batch-100k: ${result.messages} messages in ${f(result.seconds)} s (target <= ${LIMIT_S} s)`);
  console.log(`batch-100k: input delay max ${f(result.maxInputDelayMs)} ms, p95 ${f(result.p95InputDelayMs)} ms over ${result.clicksMeasured} clicks (target < ${LIMIT_INPUT_MS} ms)`);
  console.log(`batch-100k: timer lateness max ${f(result.maxTimerLatenessMs)} ms; longest task ${f(result.longestTaskMs)} ms; ${result.rows} rows rendered on the first page`);
  console.log(`batch-100k: phases ${result.phases}`);
  if (result.longTasks) console.log(`batch-100k: tasks over 50 ms: ${result.longTasks}`);
  if (result.errors.length) console.log(`batch-100k: page errors: ${result.errors.join('; ')}`);
  console.log(`batch-100k: ${ok ? 'ok' : 'MISSED TARGET'}`);
}
process.exit(ok ? 0 : 1);
