#!/usr/bin/env bash
# Runs every test of oot-triage: installs whatever is missing (scripts/setup.sh --browser),
# builds the release site (skipped when dist/ is current), checks the size budget, runs the
# native unit and integration tests (cargo test) and the end-to-end tests in headless Chromium
# against the built site (node --test tests/e2e/). Ends with the runners' own summary lines.
# Any failure stops the run with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/.tools/npm/node_modules/.bin:$PATH"
start=$(date +%s)

bash scripts/setup.sh --browser
bash scripts/build.sh
node scripts/size-budget.mjs dist

logs=target/test-logs
mkdir -p "$logs"
echo "[test] cargo test (native unit and integration tests)"
cargo test --color never 2>&1 | tee "$logs/cargo.log"
echo "[test] node --test tests/e2e/ (headless Chromium against dist/)"
node --test --test-reporter=spec tests/e2e/*.test.mjs 2>&1 | tee "$logs/e2e.log"

echo
echo "== summary ($(( $(date +%s) - start ))s) =="
grep -E '^test result:' "$logs/cargo.log"
grep -E '^(ℹ|#) (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ' "$logs/e2e.log"
