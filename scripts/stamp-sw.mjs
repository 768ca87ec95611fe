#!/usr/bin/env node
// Post-build step for the offline site (a Trunk post_build hook, see Trunk.toml; or by hand:
// `node scripts/stamp-sw.mjs dist`). It does two things to the staged build:
//
// 1. Content-Security-Policy: Trunk writes its wasm loader as an inline <script> in index.html,
//    which a strict CSP ("script-src 'self'") would block. This adds the loader's sha256 hash to
//    script-src in index.html's CSP meta, so the served site runs with no 'unsafe-inline'.
// 2. Service worker: it fills VERSION (a hash over every built file) and ASSETS (the list of
//    built files the page needs) into sw.js, so each build gets its own cache and a new build
//    replaces the old cache when the new worker activates.
//
// Trunk runs post_build hooks at the same time, so this script never writes a file another
// hook reads half-written (it writes beside the target and renames), and it ignores the single
// file (oot-triage.html) that scripts/inline-single-file.mjs writes concurrently: that file
// needs no service worker, and the inliner adds its own hash for its own loader.

import { readFileSync, writeFileSync, renameSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve, relative, sep } from 'node:path';
import { createHash } from 'node:crypto';

const dir = resolve(process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist');

// Files that are never precached: the worker itself, the single-file build (written by another
// hook at the same time, and ~2 MB the served site never loads) and temporary files.
const SKIP = new Set(['sw.js', 'oot-triage.html']);
const skip = (name) => SKIP.has(name) || name.endsWith('.tmp') || name.startsWith('.');

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

const indexPath = join(dir, 'index.html');
const swPath = join(dir, 'sw.js');
if (!existsSync(indexPath)) fail(`${indexPath} is missing`);
if (!existsSync(swPath)) fail(`${swPath} is missing: index.html must copy sw.js (rel="copy-file")`);

// 1. Hash every inline script into the CSP's script-src.
let html = readFileSync(indexPath, 'utf8');
const hashes = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (/\ssrc\s*=/i.test(m[1])) continue;
  if (/type\s*=\s*["']?application\/(?:json|ld\+json|octet-stream)/i.test(m[1])) continue;
  hashes.push(`'sha256-${sha256(m[2])}'`);
}
const cspRe = /(<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*\bcontent\s*=\s*")([^"]*)(")/i;
const csp = html.match(cspRe);
if (!csp) fail('index.html has no Content-Security-Policy meta with a double-quoted content attribute');
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
writeAtomic(indexPath, html);

// 2. List the built files and stamp them, with a hash over names and contents, into sw.js.
function walk(d) {
  const out = [];
  for (const name of readdirSync(d).sort()) {
    if (skip(name)) continue;
    const path = join(d, name);
    const st = statSync(path);
    if (st.isDirectory()) out.push(...walk(path));
    else if (st.isFile()) out.push(path);
  }
  return out;
}
const files = walk(dir);
const build = createHash('sha256');
const assets = [];
for (const path of files) {
  const rel = relative(dir, path).split(sep).join('/');
  build.update(rel).update('\0').update(readFileSync(path)).update('\0');
  assets.push('./' + rel.split('/').map(encodeURIComponent).join('/'));
}
const version = build.digest('hex').slice(0, 16);

let sw = readFileSync(swPath, 'utf8');
const versionRe = /^const VERSION = .*;$/m;
const assetsRe = /^const ASSETS = .*;$/m;
if (!versionRe.test(sw) || !assetsRe.test(sw)) fail('sw.js lacks the `const VERSION = ...;` or `const ASSETS = ...;` line');
sw = sw
  .replace(versionRe, () => `const VERSION = ${JSON.stringify(version)};`)
  .replace(assetsRe, () => `const ASSETS = ${JSON.stringify(assets)};`);
writeAtomic(swPath, sw);

console.error(`stamp-sw: build ${version}, ${assets.length} files precached, ${hashes.length} inline script hash(es) in the CSP`);
