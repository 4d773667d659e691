#!/usr/bin/env bash
# The main job on the built-in default: on-chip DRTP training of the bit-exact model on the real
# MNIST sample shipped in data/mnist-sample; results in build/run/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo run --release -p spoon -- run "$@"
