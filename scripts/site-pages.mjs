// The site's two pages and the files each one loads (see src/ui/app.rs): the agent's page
// (index.html: check, procedure, history, settings) and the trainer's page (tools.html:
// training, batch audit, rulebook). Each page has its own wasm, so an agent's tab never
// downloads the trainer's code. Shared by scripts/stamp-sw.mjs (what the service worker
// precaches) and scripts/size-budget.mjs (what the size budgets count).

import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const PAGES = { agent: 'index.html', tools: 'tools.html' };
/** The self-contained single files (scripts/inline-single-file.mjs), one per page. */
export const SINGLE = { agent: 'oot-triage.html', tools: 'oot-triage-tools.html' };

/** Every file under `dir` (relative paths with '/'), sorted; dot files and `.tmp` files left out. */
export function walk(dir, base = dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name.endsWith('.tmp')) continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) out.push(...walk(path, base));
    else if (st.isFile()) out.push(relative(base, path).split(sep).join('/'));
  }
  return out;
}

/** The local files `page` (an HTML file in `dir`) refers to: stylesheets, icons, the manifest
 *  and the icons it lists, scripts, and the wasm-bindgen glue and wasm its loader imports. The
 *  page itself is included. Missing files are left out (the caller checks what it needs). */
export function pageFiles(dir, page) {
  const files = new Set([page]);
  const add = (ref) => {
    if (!ref || /^(?:[a-z]+:|\/\/|#)/i.test(ref)) return;
    const clean = decodeURIComponent(ref.replace(/^\.\//, '').split(/[?#]/)[0]);
    if (clean && existsSync(join(dir, clean))) files.add(clean);
    return clean;
  };
  const html = readFileSync(join(dir, page), 'utf8');
  for (const m of html.matchAll(/\s(?:href|src)\s*=\s*["']([^"']+)["']/gi)) {
    const ref = add(m[1]);
    if (ref && ref.endsWith('.webmanifest') && existsSync(join(dir, ref))) {
      try {
        for (const icon of JSON.parse(readFileSync(join(dir, ref), 'utf8')).icons || []) add(icon.src);
      } catch {
        // A manifest that is not JSON lists no icons; the browser ignores it the same way.
      }
    }
  }
  for (const m of html.matchAll(/['"](\.\/[^'"]+\.(?:js|wasm))['"]/g)) add(m[1]);
  return files;
}
