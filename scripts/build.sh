#!/usr/bin/env bash
# Builds the release site into dist/: the agent's page (index.html, Trunk.toml) and the trainer's
# page (tools.html, Trunk.tools.toml), each with its own css, js and wasm, the service worker,
# and the self-contained single files dist/oot-triage.html and dist/oot-triage-tools.html;
# unless dist/ already holds a release build of exactly these sources and tools: then it says so
# and takes well under a second.
# Tools come from scripts/setup.sh; this script installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/.tools/npm/node_modules/.bin:$PATH"

stamp=target/site-release.stamp
# Everything the site may be built from (every file but tests, docs, build output and tools),
# plus the tool versions, hashed.
digest=$(
  {
    find . \( -path ./target -o -path ./dist -o -path ./.tools -o -path ./.git -o -path ./tests \
      -o -name node_modules \) -prune -o -type f ! -name '*.md' -print0 \
      | LC_ALL=C sort -z | xargs -0 sha256sum
    trunk --version
    wasm-bindgen --version
    wasm-opt --version
  } | sha256sum | cut -d' ' -f1
)

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ] && [ -f dist/oot-triage.html ] \
   && [ -f dist/oot-triage-tools.html ] && [ -f dist/tools.html ] \
   && [ -f dist/index.html ] && [ ! dist/index.html -nt "$stamp" ]; then
  echo "[build] dist/ is up to date (release build of these sources)"
  exit 0
fi

echo "[build] trunk build --release"
start=$(date +%s)
rm -f "$stamp"
# Trunk runs cargo with --offline (Trunk.toml: offline = true, so it never downloads tools),
# so the crates must already be in cargo's cache: fetch them (a no-op once they are).
cargo fetch -q
trunk build --release
[ -f dist/oot-triage.html ] || { echo "[build] dist/oot-triage.html was not written" >&2; exit 1; }
# The trainer's page: its own wasm, built beside dist/ and merged in (its hashed file names
# cannot clash with the agent's; shared stylesheets and icons are byte-identical). Then the
# service worker and the CSPs are stamped over both pages, and its single file is written.
echo "[build] trunk build --release --config Trunk.tools.toml"
trunk build --release --config Trunk.tools.toml
cp -p target/dist-tools/* dist/
node scripts/stamp-sw.mjs dist
node scripts/inline-single-file.mjs dist --page tools.html
mkdir -p target
echo "$digest" > "$stamp"
echo "[build] built dist/ in $(( $(date +%s) - start ))s"
