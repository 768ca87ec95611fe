#!/usr/bin/env node
// Prints the size of every file of the built site, raw and gzipped, and fails (exit 1) when the
// wasm or the whole site goes over budget. Runs with the tests (scripts/test.sh) and the bench.
//
// "Whole site" is every file in dist/ that a visit may fetch; dist/oot-triage.html, the
// self-contained offline copy, is listed separately because no visit to the site loads it.
// Sizes are gzip at zlib's default level (6), what static hosts typically serve; 1 KB = 1000 B.
//
// Usage: node scripts/size-budget.mjs [DIST] [--json FILE]

import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

export const BUDGET = { wasmGzip: 250_000, siteGzip: 300_000 };
const SINGLE = 'oot-triage.html';

/** Every file under `dir`, as paths relative to it. */
function walk(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? walk(p, base) : [relative(base, p)];
  });
}

/** Raw and gzip sizes of the site in `dist`. */
export function measureSite(dist) {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing: build first`);
  const files = walk(dist)
    .sort()
    .map((name) => {
      const data = readFileSync(join(dist, name));
      return { name, raw: statSync(join(dist, name)).size, gzip: gzipSync(data).length };
    });
  const site = files.filter((f) => f.name !== SINGLE);
  const wasm = site.filter((f) => f.name.endsWith('.wasm'));
  const sum = (list, key) => list.reduce((n, f) => n + f[key], 0);
  return {
    files,
    site: { raw: sum(site, 'raw'), gzip: sum(site, 'gzip') },
    wasm: { raw: sum(wasm, 'raw'), gzip: sum(wasm, 'gzip') },
    single: files.find((f) => f.name === SINGLE) || null,
  };
}

const kb = (n) => (n / 1000).toFixed(1).padStart(8) + ' KB';

function main() {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : null;
  const dist = args.find((a, i) => !a.startsWith('--') && i !== jsonAt + 1) || 'dist';
  const m = measureSite(dist);

  console.log(`${'file'.padEnd(44)} ${'raw'.padStart(11)} ${'gzip'.padStart(11)}`);
  for (const f of m.files) console.log(`${f.name.padEnd(44)} ${kb(f.raw)} ${kb(f.gzip)}`);
  const rows = [
    ['wasm', m.wasm.gzip, BUDGET.wasmGzip],
    ['whole site (without the single file)', m.site.gzip, BUDGET.siteGzip],
  ];
  let ok = true;
  for (const [what, size, budget] of rows) {
    const pass = size <= budget;
    ok &&= pass;
    console.log(`size budget: ${what} ${kb(size).trim()} gzip <= ${kb(budget).trim()}: ${pass ? 'ok' : 'OVER BUDGET'}`);
  }
  if (m.single) console.log(`single file ${SINGLE}: ${kb(m.single.raw).trim()} raw, ${kb(m.single.gzip).trim()} gzip (not budgeted)`);
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ ...m, budget: BUDGET }, null, 2));
  if (!ok) process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
