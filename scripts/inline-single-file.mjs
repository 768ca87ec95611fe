#!/usr/bin/env node
// Writes oot-triage.html: the agent's page (index.html) in one self-contained file that works
// opened from disk (file://) with no network; with `--page tools.html`, oot-triage-tools.html,
// the trainer's page. The two files link to each other, so keep them side by side. A built
// dist/ cannot do that, because browsers refuse to fetch the .wasm from a file:// page (CORS);
// this file carries the wasm inside it as base64 and hands the bytes to wasm-bindgen's init
// function.
//
// It runs as a Trunk post_build hook (see Trunk.toml), reading the staged build from
// TRUNK_STAGING_DIR; scripts/build.sh runs it for the trainer's page; or by hand:
// `node scripts/inline-single-file.mjs dist [--page tools.html]`. It rewrites only
// its own output file and fails loudly when the page refers to something it cannot inline, so
// the single file can never silently depend on a file beside it.

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { PAGES, SINGLE } from './site-pages.mjs';

const args = process.argv.slice(2);
const pageAt = args.indexOf('--page');
const PAGE = pageAt >= 0 ? args[pageAt + 1] : PAGES.agent;
if (pageAt >= 0) args.splice(pageAt, 2);
const which = Object.keys(PAGES).find((k) => PAGES[k] === PAGE);
if (!which) {
  console.error(`inline-single-file: --page takes ${Object.values(PAGES).join(' or ')}, not ${PAGE}`);
  process.exit(2);
}
const OUTPUT = SINGLE[which];
const dir = resolve(process.env.TRUNK_STAGING_DIR || args[0] || 'dist');

function fail(message) {
  console.error(`inline-single-file: ${message}`);
  process.exit(1);
}

const DATA_MIME = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

/** Reads a file the page refers to by a relative URL such as "./main-1a2b.css". */
function local(href) {
  if (/^(?:[a-z]+:|\/\/)/i.test(href)) return null; // absolute or data: URLs stay as they are
  const clean = href.replace(/^\.\//, '').split(/[?#]/)[0];
  const path = join(dir, decodeURIComponent(clean));
  if (!existsSync(path)) fail(`${PAGE} refers to ${href}, which is not in ${dir}`);
  return path;
}

function dataUri(path) {
  const mime = DATA_MIME[extname(path)];
  if (!mime) fail(`no data: MIME type known for ${path}`);
  return `data:${mime};base64,${readFileSync(path).toString('base64')}`;
}

/** Parses the attributes of one start tag. */
function attrs(tag) {
  const out = {};
  const re = /([^\s=<>/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  const body = tag.replace(/^<\w+/, '').replace(/\/?>$/, '');
  for (const m of body.matchAll(re)) out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  return out;
}

const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

const indexPath = join(dir, PAGE);
if (!existsSync(indexPath)) fail(`${indexPath} is missing`);
let html = readFileSync(indexPath, 'utf8');

// 0. The pages link to each other by the names in this meta (src/ui/app.rs): the single files'.
html = html.replace(
  /(<meta\b[^>]*name\s*=\s*["']?oot-triage-pages["']?[^>]*\bcontent\s*=\s*")[^"]*(")/i,
  (_, open, close) => `${open}${SINGLE.agent} ${SINGLE.tools}${close}`,
);

// 1. Stylesheets become <style> blocks; url(...) references inside them become data: URIs.
html = html.replace(/<link\b[^>]*>/gi, (tag) => {
  const a = attrs(tag);
  const rel = (a.rel || '').toLowerCase().split(/\s+/);
  if (rel.includes('stylesheet')) {
    const path = local(a.href);
    if (!path) fail(`external stylesheet ${a.href} cannot be inlined`);
    let css = readFileSync(path, 'utf8').replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (m, q, url) => {
      const p = local(url);
      return p ? `url("${dataUri(p)}")` : m;
    });
    if (/<\/style/i.test(css)) css = css.replace(/<\/style/gi, '<\\/style');
    return `<style>${css}</style>`;
  }
  // Preloads only speed up fetching files that the single file no longer fetches, and a web
  // app manifest (install as an app, offline via the service worker) means nothing from file://.
  if (rel.includes('modulepreload') || rel.includes('preload') || rel.includes('manifest')) return '';
  if (a.href !== undefined) {
    const path = local(a.href);
    if (!path) return tag;
    const rest = Object.entries(a)
      .filter(([k]) => !['href', 'integrity', 'crossorigin'].includes(k))
      .map(([k, v]) => `${k}="${escapeAttr(v)}"`)
      .join(' ');
    return `<link ${rest} href="${dataUri(path)}">`;
  }
  return tag;
});

// 2. Trunk's loader (`import init, * as bindings from './x.js'; await init({module_or_path:
//    './x_bg.wasm'})`) becomes the wasm-bindgen glue inlined as a module script, fed the wasm
//    bytes from a non-executed base64 block.
let loaderFound = false;
let loaderHash = null;
html = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi, (whole, attrText, body) => {
  const a = attrs(`<script ${attrText}>`);
  if (a.src !== undefined && local(a.src)) fail(`script ${a.src} would load from disk; inline it or drop it`);
  const imp = body.match(/import\s+init\s*(?:,\s*\*\s*as\s+bindings\s*)?from\s*['"]([^'"]+\.js)['"]/);
  if (!imp) return whole;
  const wasmRef = body.match(/['"]([^'"]+_bg\.wasm)['"]/);
  if (!wasmRef) fail('found the wasm-bindgen import but not the .wasm path in the loader');
  loaderFound = true;

  let glue = readFileSync(local(imp[1]), 'utf8');
  if (/^\s*import\s/m.test(glue)) fail('the wasm-bindgen glue imports other modules (snippets); inline them first');
  // Turn the ES module's exports into plain declarations and remember their names, so the page
  // still gets window.wasmBindings as Trunk's loader provides it.
  const names = new Set();
  let initName = null;
  glue = glue
    .replace(/^export\s+default\s+([\w$]+)\s*;?\s*$/gm, (m, n) => ((initName = n), ''))
    .replace(/^export\s*\{([^}]*)\}\s*;?\s*$/gm, (m, list) => {
      for (const part of list.split(',')) {
        const [local_, exported] = part.trim().split(/\s+as\s+/);
        if (!local_) continue;
        if (exported === 'default') initName = local_;
        else names.add(exported && exported !== local_ ? `${exported}: ${local_}` : local_);
      }
      return '';
    })
    .replace(/^export\s+(async\s+function\*?|function\*?|class|const|let|var)\s+([\w$]+)/gm, (m, kind, n) => {
      names.add(n);
      return `${kind} ${n}`;
    });
  if (/^\s*export\s/m.test(glue)) fail('an export form in the wasm-bindgen glue was not understood');
  if (!initName) fail('the wasm-bindgen glue has no default export (its init function)');
  if (/<\/script/i.test(glue)) glue = glue.replace(/<\/script/gi, '<\\/script');

  const wasmB64 = readFileSync(local(wasmRef[1])).toString('base64');
  // The block keeps the loader's names out of the glue's top-level scope (it has its own `wasm`).
  const loader = `${glue}
{
  const text = atob(document.getElementById('oot-triage-wasm').textContent.trim());
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  const instance = await ${initName}({ module_or_path: bytes });
  window.wasmBindings = { ${[...names].join(', ')}, default: ${initName} };
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm: instance}}));
}
`;
  loaderHash = createHash('sha256').update(loader).digest('base64');
  const nonce = a.nonce ? ` nonce="${escapeAttr(a.nonce)}"` : '';
  return `<script id="oot-triage-wasm" type="application/octet-stream">${wasmB64}</script>\n<script type="module"${nonce}>${loader}</script>`;
});
if (!loaderFound) fail(`no wasm-bindgen loader script found in ${PAGE}`);

// 3. A Content-Security-Policy meta (if the page has one) must allow the inlined loader and
//    styles, which the separate-file site loads as 'self'.
html = html.replace(/<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>/gi, (tag) => {
  const a = attrs(tag);
  const directives = new Map(
    (a.content || '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name.toLowerCase(), values];
      }),
  );
  const add = (name, ...values) => {
    const current = directives.get(name) || directives.get('default-src') || [];
    directives.set(name, [...new Set([...current.filter((v) => v !== "'none'"), ...values])]);
  };
  add('script-src', `'sha256-${loaderHash}'`, "'wasm-unsafe-eval'");
  add('style-src', "'unsafe-inline'");
  add('img-src', 'data:');
  const content = [...directives].map(([n, v]) => [n, ...v].join(' ')).join('; ');
  return `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(content)}">`;
});

// 4. Nothing relative may remain: the file must stand alone.
const markup = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '');
for (const m of markup.matchAll(/\s(?:src|href)\s*=\s*["']?(?!data:|#|[a-z]+:|\/\/)([^"'\s>]+)/gi)) {
  fail(`the single file still refers to ${m[1]}`);
}

writeFileSync(join(dir, OUTPUT), html);
console.error(`inline-single-file: wrote ${OUTPUT} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB)`);
