#!/usr/bin/env bash
# The test suite: formatting, lints, every test of the workspace, then the FPGA flows of the
# default chip (docs/SYNTH.md). Yosys and nextpnr results are cached by the hash of their inputs
# (~/.cache/spoon/synth), so only a changed design is placed and routed again.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace --release

cargo build --release -p spoon
spoon=target/release/spoon
# ULX3S (ECP5-85F): must place, route and meet the regression clock of 35 MHz (the issue's
# target is 50 MHz; docs/SYNTH.md has the Fmax reached).
$spoon synth --target ecp5-85f --freq 35 --check --out build/ci/ecp5-85f
# iCEBreaker (UP5K): the board top does not fit yet (docs/SYNTH.md); the flow runs and reports
# the packer's utilisation, so that a change of the logic count shows in the CI log.
$spoon synth --target up5k --out build/ci/up5k
