#!/usr/bin/env bash
# Installs whatever is missing (scripts/setup.sh), builds the release site (skipped when dist/
# is current) and serves dist/ at http://127.0.0.1:8080/ until Ctrl+C. What it serves is exactly
# what the tests test. For live reload while editing, run `trunk serve` instead (same address).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/.tools/npm/node_modules/.bin:$PATH"
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve-dist.mjs dist 127.0.0.1 "${PORT:-8080}"
