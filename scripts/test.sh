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
# A real single-node Slurm: a 4-point sweep as a 2-task job array must merge to the same bytes
# as the sweep run locally (docs/DSE.md; about 10 s once built).
scripts/slurm-ci.sh
# ULX3S (ECP5-85F): must place, route and meet 50 MHz from the 25 MHz oscillator by the PLL
# (the issue's target).
$spoon synth --target ecp5-85f --freq 50 --check --out build/ci/ecp5-85f
# iCEBreaker (UP5K): must place, route and meet the board's sign-off clock, 24 MHz from the
# 12 MHz oscillator by the PLL, with at most 90 % of the logic cells (the issue's targets).
$spoon synth --target up5k --check --max-logic 90 --out build/ci/up5k
