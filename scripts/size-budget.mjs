#!/usr/bin/env node
// Prints the size of every file of the built site, raw and gzipped, and fails (exit 1) when the
// wasm or the whole site goes over budget. Runs with the tests (scripts/test.sh) and the bench.
//
// The budgets are for the agent's page, the site an agent's tab loads (scripts/site-pages.mjs):
// "wasm" is its wasm; "whole site" is every file an agent's browser downloads from dist/: the
// page and what it loads, the service worker and everything it precaches. The trainer's page
// (tools.html and the files only it loads, fetched only when a trainer opens it) and the
// self-contained single files are listed separately, with the total of dist/.
// Sizes are gzip at zlib's default level (6), what static hosts typically serve; 1 KB = 1000 B.
//
// Usage: node scripts/size-budget.mjs [DIST] [--json FILE]

import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { PAGES, SINGLE, walk, pageFiles } from './site-pages.mjs';

export const BUDGET = { wasmGzip: 250_000, siteGzip: 300_000 };

/** Raw and gzip sizes of the site in `dist`: `site` and `wasm` are the agent's page (the
 *  budgeted figures), `tools` the files only the trainer's page loads, `all` every file but
 *  the single files. */
export function measureSite(dist) {
  if (!existsSync(join(dist, PAGES.agent))) throw new Error(`${dist}/${PAGES.agent} is missing: build first`);
  const singles = new Set(Object.values(SINGLE));
  const agentFiles = pageFiles(dist, PAGES.agent);
  const toolsFiles = existsSync(join(dist, PAGES.tools)) ? pageFiles(dist, PAGES.tools) : new Set();
  const files = walk(dist).map((name) => {
    const data = readFileSync(join(dist, name));
    const page = singles.has(name) ? 'single' : toolsFiles.has(name) && !agentFiles.has(name) ? 'tools' : 'agent';
    return { name, page, raw: statSync(join(dist, name)).size, gzip: gzipSync(data).length };
  });
  const sum = (list) => ({ raw: list.reduce((n, f) => n + f.raw, 0), gzip: list.reduce((n, f) => n + f.gzip, 0) });
  const of = (page) => files.filter((f) => f.page === page);
  const wasm = (list) => sum(list.filter((f) => f.name.endsWith('.wasm')));
  return {
    files,
    site: sum(of('agent')),
    wasm: wasm(of('agent')),
    tools: { ...sum(of('tools')), wasm: wasm(of('tools')) },
    all: sum(files.filter((f) => f.page !== 'single')),
    single: files.find((f) => f.name === SINGLE.agent) || null,
    singles: of('single'),
  };
}

const kb = (n) => (n / 1000).toFixed(1).padStart(8) + ' KB';

function main() {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : null;
  const dist = args.find((a, i) => !a.startsWith('--') && i !== jsonAt + 1) || 'dist';
  const m = measureSite(dist);

  console.log(`${'file'.padEnd(44)} ${'page'.padEnd(7)} ${'raw'.padStart(11)} ${'gzip'.padStart(11)}`);
  for (const f of m.files) console.log(`${f.name.padEnd(44)} ${f.page.padEnd(7)} ${kb(f.raw)} ${kb(f.gzip)}`);
  const rows = [
    ["wasm (the agent's page)", m.wasm.gzip, BUDGET.wasmGzip],
    ["whole site (what an agent's browser downloads)", m.site.gzip, BUDGET.siteGzip],
  ];
  let ok = true;
  for (const [what, size, budget] of rows) {
    const pass = size <= budget;
    ok &&= pass;
    console.log(`size budget: ${what} ${kb(size).trim()} gzip <= ${kb(budget).trim()}: ${pass ? 'ok' : 'OVER BUDGET'}`);
  }
  console.log(
    `trainer's page (fetched when a trainer opens it): ${kb(m.tools.gzip).trim()} gzip, of which wasm ${kb(m.tools.wasm.gzip).trim()} (not budgeted)`,
  );
  console.log(`all of dist/ but the single files: ${kb(m.all.gzip).trim()} gzip, ${kb(m.all.raw).trim()} raw (not budgeted)`);
  for (const f of m.singles) console.log(`single file ${f.name}: ${kb(f.raw).trim()} raw, ${kb(f.gzip).trim()} gzip (not budgeted)`);
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ ...m, budget: BUDGET }, null, 2));
  if (!ok) process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
