#!/usr/bin/env bash
# Installs whatever is missing to build oot-triage and, with --browser, to test it in headless
# Chromium. Idempotent: every step checks first, so with everything present it takes about a
# second. Nothing is downloaded from anywhere but crates.io, npm and Debian's apt; no browser or
# prebuilt binary is ever fetched. Expects rustup's Rust (1.95) on Debian 12, run as root (or
# with sudo for apt).
#
# What it installs, when missing:
#   - the wasm32-unknown-unknown target (rustup), trunk 0.21.14 and wasm-bindgen-cli at the
#     Cargo.lock version (cargo install; a few minutes each, once);
#   - a C compiler (apt: gcc, libc6-dev), which some of trunk's dependencies build with;
#   - node and npm (apt: nodejs, npm), then binaryen's wasm-opt and playwright-core from npm into
#     .tools/npm (versions in scripts/tools-package.json);
#   - with --browser: Debian's chromium, chromium-driver and fonts-liberation (apt).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

# Trunk 0.22 needs rustc 1.96; 0.21.14 is the newest that builds with Rust 1.95.
TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen library version in Cargo.lock (and Trunk.toml).
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)

log() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$ROOT/.tools/npm/node_modules/.bin:$PATH"

command -v cargo >/dev/null 2>&1 && command -v rustup >/dev/null 2>&1 \
  || die "cargo and rustup are needed (install Rust 1.95 with rustup first)"
[ -n "$WB_VERSION" ] || die "no wasm-bindgen version found in Cargo.lock"
if ! grep -q "wasm_bindgen = \"$WB_VERSION\"" Trunk.toml; then
  die "Trunk.toml pins a wasm_bindgen version other than Cargo.lock's $WB_VERSION"
fi

SUDO=()
[ "$(id -u)" = 0 ] || SUDO=(sudo)
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "apt-get install $*"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Crates with C code among trunk's dependencies need a C compiler and libc headers.
if ! command -v cc >/dev/null 2>&1; then
  apt_install gcc libc6-dev
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# `cargo install -q` hides progress but not errors. The crates.io mirror can lag behind a
# crate's Cargo.lock; when --locked fails on a missing version, retry without it.
cargo_install() {
  local crate=$1 version=$2
  cargo install -q "$crate" --version "$version" --locked --force \
    || { log "retrying $crate without --locked"; cargo install -q "$crate" --version "$version" --force; }
}

if ! trunk --version 2>/dev/null | grep -qw "$TRUNK_VERSION"; then
  log "cargo install trunk $TRUNK_VERSION (several minutes, once)"
  cargo_install trunk "$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qw "$WB_VERSION"; then
  log "cargo install wasm-bindgen-cli $WB_VERSION (a few minutes, once)"
  cargo_install wasm-bindgen-cli "$WB_VERSION"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 18 ] || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$node_major" -ge 18 ] || die "node $node_major is too old (18 or newer needed)"
fi

# Debian's binaryen (108) silently breaks wasm-bindgen output; npm's binaryen ships a working
# wasm-opt. playwright-core drives Debian's Chromium in the end-to-end tests (it never downloads
# a browser). Reinstall when scripts/tools-package.json changed or a tool went missing.
if ! cmp -s scripts/tools-package.json .tools/npm/package.json \
   || [ ! -x .tools/npm/node_modules/.bin/wasm-opt ] \
   || [ ! -f .tools/npm/node_modules/playwright-core/package.json ]; then
  log "npm install (binaryen, playwright-core) into .tools/npm"
  mkdir -p .tools/npm
  cp scripts/tools-package.json .tools/npm/package.json
  (cd .tools/npm && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null)
fi
wasm-opt --version 2>/dev/null | grep -q 'version 132' || die "wasm-opt from .tools/npm does not run"

if [ "$want_browser" = 1 ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  # Without any font, headless Chromium draws text as boxes in screenshots.
  dpkg -s fonts-liberation >/dev/null 2>&1 || missing+=(fonts-liberation)
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
fi

log "ready: trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $WB_VERSION, wasm-opt $(wasm-opt --version | awk '{print $3}'), node $(node --version)$([ "$want_browser" = 1 ] && echo ", $(/usr/bin/chromium --version 2>/dev/null)")"
