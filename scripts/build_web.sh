#!/usr/bin/env bash
# Build the web app (web/) for `make dev` when its build is missing or older than its sources: `npm ci` (when
# node_modules is missing or older than package-lock.json) then `npm run build`, which writes web/dist, the folder
# `purelift serve` serves at http://127.0.0.1:8000/.
#
# Without Node.js 20+ it says how to get it and exits 0: `make dev` goes on and serves the API (the web app's
# page then says how to build it). A failed install or build exits 1.
#
#   WEB_DIR=path    the web app's folder (default: web/ beside this script's folder)
#   SKIP_WEB_BUILD=1  do nothing
set -u

WEB_DIR=${WEB_DIR:-"$(cd "$(dirname "$0")/.." && pwd)/web"}
NODE_MAJOR_MIN=20

say() { printf 'web: %s\n' "$*"; }

if [ "${SKIP_WEB_BUILD:-}" = 1 ]; then
  say "SKIP_WEB_BUILD=1: not building"
  exit 0
fi
if [ ! -f "$WEB_DIR/package.json" ]; then
  say "no $WEB_DIR/package.json: no web app to build"
  exit 0
fi

need_node() {
  say "$1"
  say "the web app needs Node.js $NODE_MAJOR_MIN or newer with npm: https://nodejs.org/ (or 'nvm install $NODE_MAJOR_MIN',"
  say "or your system's packages, e.g. 'sudo apt-get install nodejs npm' on Debian 13). Then run make dev again."
  say "going on without it: the API is served, the web app is not"
  exit 0
}
command -v node >/dev/null 2>&1 || need_node "node is not on PATH"
command -v npm >/dev/null 2>&1 || need_node "npm is not on PATH"
version=$(node --version 2>/dev/null || true)
major=${version#v}
major=${major%%.*}
case "$major" in
  '' | *[!0-9]*) need_node "cannot read node's version ('$version')" ;;
esac
[ "$major" -ge "$NODE_MAJOR_MIN" ] || need_node "node $version is too old"

cd "$WEB_DIR" || exit 1

# What the build reads: when any of it is newer than the built index.html, the build is stale.
sources=()
for item in src public index.html package.json package-lock.json vite.config.ts vite.config.js vite.config.mjs \
  tsconfig.json tsconfig.app.json tsconfig.node.json tailwind.config.ts tailwind.config.js postcss.config.js \
  postcss.config.cjs; do
  [ -e "$item" ] && sources+=("$item")
done
if [ -f dist/index.html ] && [ -z "$(find "${sources[@]}" -newer dist/index.html -print -quit 2>/dev/null)" ]; then
  say "dist is up to date"
  exit 0
fi

if [ ! -f node_modules/.package-lock.json ] || { [ -f package-lock.json ] && [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  say "npm ci (node $version)"
  npm ci --no-audit --no-fund || { say "npm ci failed"; exit 1; }
fi
say "npm run build"
npm run build || { say "the build failed: fix it, or SKIP_WEB_BUILD=1 make dev to serve the API alone"; exit 1; }
# A build that rewrote nothing (all inputs unchanged) still marks dist as built now.
touch dist/index.html
say "built $WEB_DIR/dist"
