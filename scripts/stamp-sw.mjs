#!/usr/bin/env node
// Post-build step for the offline site (a Trunk post_build hook, see Trunk.toml; scripts/build.sh
// runs it again on dist/ once the trainer's page is merged in; or by hand:
// `node scripts/stamp-sw.mjs dist`). It does two things to the build:
//
// 1. Content-Security-Policy: Trunk writes its wasm loader as an inline <script> in each page
//    (index.html, tools.html), which a strict CSP ("script-src 'self'") would block. This adds
//    the loader's sha256 hash to script-src in the page's CSP meta, so the served site runs with
//    no 'unsafe-inline'.
// 2. Service worker: it fills VERSION (a hash over every built file), ASSETS (the files of the
//    agent's page, precached on the first visit) and TOOLS (the files only the trainer's page
//    loads, cached the first time a trainer opens it) into sw.js, so each build gets its own
//    cache and a new build replaces the old cache when the new worker activates.
//
// Trunk runs post_build hooks at the same time, so this script never writes a file another
// hook reads half-written (it writes beside the target and renames), and it ignores the single
// files (oot-triage.html, oot-triage-tools.html) that scripts/inline-single-file.mjs writes
// concurrently: they need no service worker, and the inliner adds its own hash for its loader.

import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { PAGES, SINGLE, walk, pageFiles } from './site-pages.mjs';

const dir = resolve(process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist');

// Files that are never cached: the worker itself and the single-file builds (written by another
// hook at the same time, and megabytes the served site never loads).
const SKIP = new Set(['sw.js', ...Object.values(SINGLE)]);

function fail(message) {
  console.error(`stamp-sw: ${message}`);
  process.exit(1);
}

/** Writes `text` to `path` through a temporary file and a rename, so no reader sees half. */
function writeAtomic(path, text) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

const sha256 = (data) => createHash('sha256').update(data).digest('base64');

const indexPath = join(dir, PAGES.agent);
const swPath = join(dir, 'sw.js');
if (!existsSync(indexPath)) fail(`${indexPath} is missing`);
if (!existsSync(swPath)) fail(`${swPath} is missing: index.html must copy sw.js (rel="copy-file")`);
const pages = Object.values(PAGES).filter((p) => existsSync(join(dir, p)));

// 1. Hash every inline script of each page into that page's CSP script-src.
let hashCount = 0;
for (const page of pages) {
  const path = join(dir, page);
  let html = readFileSync(path, 'utf8');
  const hashes = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1])) continue;
    if (/type\s*=\s*["']?application\/(?:json|ld\+json|octet-stream)/i.test(m[1])) continue;
    hashes.push(`'sha256-${sha256(m[2])}'`);
  }
  const cspRe = /(<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*\bcontent\s*=\s*")([^"]*)(")/i;
  const csp = html.match(cspRe);
  if (!csp) fail(`${page} has no Content-Security-Policy meta with a double-quoted content attribute`);
  const directives = csp[2]
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => d.split(/\s+/));
  let scriptSrc = directives.find((d) => d[0].toLowerCase() === 'script-src');
  if (!scriptSrc) {
    scriptSrc = ['script-src', "'self'"];
    directives.push(scriptSrc);
  }
  for (const h of hashes) if (!scriptSrc.includes(h)) scriptSrc.push(h);
  html = html.replace(cspRe, (_, open, _content, close) => `${open}${directives.map((d) => d.join(' ')).join('; ')}${close}`);
  writeAtomic(path, html);
  hashCount += hashes.length;
}

// 2. List the built files and stamp them, with a hash over names and contents, into sw.js. The
//    trainer's page and the files only it loads are cached when first fetched, not precached:
//    an agent's browser never downloads the trainer's wasm.
const files = walk(dir).filter((rel) => !SKIP.has(rel));
const agentFiles = pageFiles(dir, PAGES.agent);
const toolsOnly = new Set(
  existsSync(join(dir, PAGES.tools)) ? [...pageFiles(dir, PAGES.tools)].filter((f) => !agentFiles.has(f)) : [],
);
const build = createHash('sha256');
const assets = [];
const tools = [];
const url = (rel) => './' + rel.split('/').map(encodeURIComponent).join('/');
for (const rel of files) {
  build.update(rel).update('\0').update(readFileSync(join(dir, rel))).update('\0');
  (toolsOnly.has(rel) ? tools : assets).push(url(rel));
}
const version = build.digest('hex').slice(0, 16);

let sw = readFileSync(swPath, 'utf8');
const versionRe = /^const VERSION = .*;$/m;
const assetsRe = /^const ASSETS = .*;$/m;
const toolsRe = /^const TOOLS = .*;$/m;
if (!versionRe.test(sw) || !assetsRe.test(sw) || !toolsRe.test(sw)) {
  fail('sw.js lacks the `const VERSION = ...;`, `const ASSETS = ...;` or `const TOOLS = ...;` line');
}
sw = sw
  .replace(versionRe, () => `const VERSION = ${JSON.stringify(version)};`)
  .replace(assetsRe, () => `const ASSETS = ${JSON.stringify(assets)};`)
  .replace(toolsRe, () => `const TOOLS = ${JSON.stringify(tools)};`);
writeAtomic(swPath, sw);

console.error(
  `stamp-sw: build ${version}, ${assets.length} files precached, ${tools.length} cached on first use (trainer's page), ${hashCount} inline script hash(es) in the CSP`,
);
