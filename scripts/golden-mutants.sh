#!/usr/bin/env bash
# cargo-mutants over the golden crate (docs/SIM.md § "Golden under cargo mutants"), resumable
# across machines: docs/mutants/golden-*.txt hold the outcomes so far. They seed `--iterate`
# (mutants caught or unviable before are skipped; `file:line:col` names them, so a moved line
# is tested again) and are brought up to date as the run goes and when it ends.
#
#   scripts/golden-mutants.sh [cargo-mutants options]     JOBS=2 for two parallel builds
set -euo pipefail
cd "$(dirname "$0")/.."
out="${MUTANTS_OUT:-build/mutants/golden}"
keep=docs/mutants
mkdir -p "$out/mutants.out"
# --iterate reads caught.txt, previously_caught.txt and unviable.txt of the last run.
cat "$keep/golden-caught.txt" > "$out/mutants.out/previously_caught.txt"
cp "$keep/golden-unviable.txt" "$out/mutants.out/unviable.txt"
: > "$out/mutants.out/caught.txt"

save() {
  local o="$out/mutants.out"
  cat "$keep/golden-caught.txt" "$o/caught.txt" "$o/previously_caught.txt" 2>/dev/null |
    sort -u > "$keep/golden-caught.txt.new" && mv "$keep/golden-caught.txt.new" "$keep/golden-caught.txt"
  for kind in unviable missed timeout; do
    cat "$keep/golden-$kind.txt" "$o/$kind.txt" 2>/dev/null | sort -u > "$keep/golden-$kind.txt.new"
    mv "$keep/golden-$kind.txt.new" "$keep/golden-$kind.txt"
  done
  # A mutant missed once and caught later (a new test) is caught; one whose name the current
  # tree no longer has (its line moved) was tested again under its new name.
  if [ -f "$o/mutants.json" ]; then
    python3 -c 'import json, sys; print("\n".join(m["name"] for m in json.load(open(sys.argv[1]))))' \
      "$o/mutants.json" | sort -u > "$o/current.txt"
    comm -12 "$keep/golden-missed.txt" "$o/current.txt" | cat - "$o/missed.txt" | sort -u \
      > "$keep/golden-missed.txt.new"
    mv "$keep/golden-missed.txt.new" "$keep/golden-missed.txt"
  fi
  comm -23 "$keep/golden-missed.txt" "$keep/golden-caught.txt" > "$keep/golden-missed.txt.new"
  mv "$keep/golden-missed.txt.new" "$keep/golden-missed.txt"
}
trap save EXIT

# Faster incremental rebuilds than the workspace's release profile; mold links the 13 test
# binaries of each mutant in a fraction of ld's time.
export CARGO_PROFILE_RELEASE_DEBUG=0 CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
  CARGO_PROFILE_RELEASE_INCREMENTAL=true CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
command -v mold >/dev/null && export RUSTFLAGS="-C link-arg=-fuse-ld=mold"
cargo mutants -p spoon-golden --profile release -j "${JOBS:-1}" --timeout 180 \
  --build-timeout 900 --iterate -o "$out" "$@"
