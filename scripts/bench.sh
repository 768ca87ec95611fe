#!/usr/bin/env bash
# Measures speed and size (see BENCHMARKS.md): installs whatever is missing, builds the release
# site (skipped when current), runs the native engine bench (cargo bench --bench engine), then
# the browser bench (tests/e2e/bench.mjs) in headless Chromium, prints the table and fails when
# a budget is missed (after printing every figure, size budgets included). Extra arguments go to
# the browser bench (--loads N --pastes N --samples N).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/.tools/npm/node_modules/.bin:$PATH"
bash scripts/setup.sh --browser
bash scripts/build.sh
cargo bench -q --bench engine
node tests/e2e/bench.mjs "$@"
