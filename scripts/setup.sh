#!/usr/bin/env bash
# Installs whatever is missing to build (and, with --browser, to test) oot-triage.
# Idempotent: every step checks first, so a second run takes a second or two.
# Nothing is downloaded from anywhere but crates.io, npm and Debian's apt.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
# wasm-bindgen-cli must equal the wasm-bindgen library version in Cargo.lock.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)

log() { printf '[setup] %s\n' "$*" >&2; }

export PATH="$HOME/.cargo/bin:$ROOT/.tools/npm/node_modules/.bin:$PATH"

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (several minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked \
    || cargo install trunk --version "$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WB_VERSION"; then
  log "installing wasm-bindgen-cli $WB_VERSION (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --locked --force \
    || cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

if ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi

# Debian's binaryen (108) breaks wasm-bindgen output; npm's binaryen ships a working wasm-opt.
# playwright-core drives Debian's Chromium in the end-to-end tests (it never downloads a browser).
if [ ! -x .tools/npm/node_modules/.bin/wasm-opt ] || [ ! -d .tools/npm/node_modules/playwright-core ] \
   || ! grep -q "\"version\": \"$BINARYEN_VERSION\"" .tools/npm/node_modules/binaryen/package.json 2>/dev/null; then
  log "installing binaryen@$BINARYEN_VERSION and playwright-core from npm into .tools/npm"
  mkdir -p .tools/npm
  cp scripts/tools-package.json .tools/npm/package.json
  (cd .tools/npm && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi

if [ "$want_browser" = 1 ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt_install chromium chromium-driver
  fi
fi
log "ready: trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $WB_VERSION, wasm-opt $(wasm-opt --version | awk '{print $3}')"
