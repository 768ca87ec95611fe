#!/usr/bin/env bash
# Runs every test of oot-triage: installs whatever is missing (scripts/setup.sh --browser),
# builds the release site (skipped when dist/ is current), checks the size budget, runs the
# native unit and integration tests (cargo test) and the end-to-end tests in headless Chromium
# against the built site (node --test tests/e2e/). Ends with the runners' own summary lines.
# A failing step stops the run with a non-zero exit; a missed size budget is reported after the tests
# and then fails the run too.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/.tools/npm/node_modules/.bin:$PATH"
start=$(date +%s)

bash scripts/setup.sh --browser
bash scripts/build.sh

logs=target/test-logs
mkdir -p "$logs"
# The size budget is reported after the tests, so their results still show.
size_status=0
node scripts/size-budget.mjs dist 2>&1 | tee "$logs/size.log" || size_status=$?
echo "[test] cargo test (native unit and integration tests)"
cargo test --color never 2>&1 | tee "$logs/cargo.log"
echo "[test] node --test tests/e2e/ (headless Chromium against dist/)"
node --test --test-reporter=spec tests/e2e/*.test.mjs 2>&1 | tee "$logs/e2e.log"

echo
echo "== summary ($(( $(date +%s) - start ))s) =="
grep -E '^size budget:' "$logs/size.log" || true
grep -E '^test result:' "$logs/cargo.log"
grep -E '^(ℹ|#) (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ' "$logs/e2e.log"
if [ "$size_status" != 0 ]; then
  echo "[test] FAILED: the site is over its size budget (see above; node scripts/wasm-size-profile.mjs shows where the wasm's bytes go)" >&2
  exit 1
fi
