#!/usr/bin/env bash
# Installs the system packages the project needs on a fresh Debian 12 machine (run as root, or
# with sudo available). Idempotent; skips apt when everything is already there.
set -euo pipefail

packages=(
  build-essential        # cc for crates that build C
  pkg-config
  dataset-fashion-mnist  # Fashion-MNIST IDX files under /usr/share/datasets/fashion-mnist
  verilator              # lint of the emitted RTL (hdl/tests/tools.rs); spoon-sim's simulator
  g++                    # spoon-sim: compiles the verilated model and its shim
  make                   # spoon-sim: runs Verilator's generated makefiles
  python3                # spoon-sim: Verilator's makefiles call verilator_includer
  iverilog               # Icarus: compiles the emitted RTL
  yosys                  # synth_ice40 / synth_ecp5 of the emitted RTL
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
command -v cargo >/dev/null || { echo "cargo not found: install Rust (https://rustup.rs)" >&2; exit 1; }
