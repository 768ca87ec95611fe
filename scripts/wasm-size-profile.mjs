#!/usr/bin/env node
// Where the wasm's bytes go: reads the wasm cargo built for the web binary (before wasm-bindgen
// and wasm-opt, so it still carries function names), and sums function body sizes by Rust path
// prefix (crate, module, ...). Sizes are pre-wasm-opt, so they overstate the shipped file, but
// their proportions show which crate or screen to slim when the size budget is at risk.
//
// Usage: node scripts/wasm-size-profile.mjs [--depth N] [--top N] [WASM]
// (default WASM: target/wasm32-unknown-unknown/release/oot-triage-web.wasm, written by
// `bash scripts/build.sh`; depth 2 groups by crate::module.)

import { readFileSync, existsSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return Number(v);
};
const depth = opt('--depth', 2);
const top = opt('--top', 40);
const target = process.env.CARGO_TARGET_DIR || 'target';
const file = args[0] || `${target}/wasm32-unknown-unknown/release/oot-triage-web.wasm`;
if (!existsSync(file)) {
  console.error(`wasm-size-profile: ${file} is missing; build first (bash scripts/build.sh)`);
  process.exit(1);
}
const b = readFileSync(file);
let i = 8;
const leb = () => {
  let r = 0;
  let s = 0;
  let x;
  do {
    x = b[i++];
    r += (x & 127) * 2 ** s;
    s += 7;
  } while (x & 128);
  return r;
};
const str = () => {
  const n = leb();
  const s = b.toString('utf8', i, i + n);
  i += n;
  return s;
};

let importedFuncs = 0;
const bodies = [];
const names = new Map();
const sections = [];
while (i < b.length) {
  const id = b[i++];
  const len = leb();
  const start = i;
  const end = start + len;
  if (id === 2) {
    for (let n = leb(); n > 0; n--) {
      str();
      str();
      const kind = b[i++];
      if (kind === 0) {
        leb();
        importedFuncs++;
      } else if (kind === 1) {
        i++;
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 2) {
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 3) {
        i += 2;
      } else {
        leb();
        leb();
      }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) {
      const size = leb();
      bodies.push(size);
      i += size;
    }
  } else if (id === 0) {
    const name = str();
    sections.push([`custom:${name}`, len]);
    if (name === 'name') {
      while (i < end) {
        const sub = b[i++];
        const sublen = leb();
        const subEnd = i + sublen;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) {
            const idx = leb();
            names.set(idx, str());
          }
        }
        i = subEnd;
      }
    }
  }
  if (id !== 0) sections.push([`section ${id}`, len]);
  i = end;
}

/** The path components of a legacy-mangled Rust symbol (`_ZN4core3fmt5write17h…E`). */
function pathOf(sym) {
  if (!sym || !sym.startsWith('_ZN')) return [sym || '?'];
  const parts = [];
  let j = 3;
  while (j < sym.length && sym[j] !== 'E') {
    let n = 0;
    while (/[0-9]/.test(sym[j])) n = n * 10 + Number(sym[j++]);
    if (n === 0) break;
    parts.push(sym.slice(j, j + n));
    j += n;
  }
  const clean = parts
    .filter((p) => !/^h[0-9a-f]{16}$/.test(p))
    .map((p) =>
      p
        .replace(/\$LT\$/g, '<')
        .replace(/\$GT\$/g, '>')
        .replace(/\$u20\$/g, ' ')
        .replace(/\$u7b\$/g, '{')
        .replace(/\$u7d\$/g, '}')
        .replace(/\$C\$/g, ',')
        .replace(/\$RF\$/g, '&')
        .replace(/\.\./g, '::'),
    );
  // `<T as Trait>::f` impls: group by the implementing type's path.
  if (clean[0]?.startsWith('_<') || clean[0]?.startsWith('<')) {
    const inner = clean[0].replace(/^_?</, '').split(' as ')[0].replace(/^&(mut )?/, '');
    return inner.split('::').concat(clean.slice(1));
  }
  return clean;
}

const groups = new Map();
let total = 0;
bodies.forEach((size, k) => {
  const key = pathOf(names.get(importedFuncs + k)).slice(0, depth).join('::');
  groups.set(key, (groups.get(key) || 0) + size);
  total += size;
});
const rows = [...groups].sort((x, y) => y[1] - x[1]).slice(0, top);
console.log(`${file}: ${(b.length / 1000).toFixed(0)} KB, code ${(total / 1000).toFixed(0)} KB in ${bodies.length} functions`);
for (const [name, len] of sections) console.log(`  ${name.padEnd(24)} ${(len / 1000).toFixed(1).padStart(8)} KB`);
console.log(`\ncode by path (depth ${depth}), before wasm-opt:`);
for (const [key, size] of rows) {
  console.log(`${(size / 1000).toFixed(1).padStart(8)} KB ${((100 * size) / total).toFixed(1).padStart(5)}%  ${key}`);
}
