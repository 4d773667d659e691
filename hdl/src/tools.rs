//! Where the open tools live: the PyPI `yowasp-*` builds of Yosys, nextpnr, SymbiYosys and the
//! solvers that `scripts/setup.sh` installs in a virtual environment. One place for the flows
//! (`synth/`), the mapped-netlist replay (`testbench/`) and the formal proofs (`hdl/tests`).

use std::path::PathBuf;

/// The environment variable naming the tools' virtual environment.
pub const TOOLS_ENV: &str = "SPOON_TOOLS";

/// The virtual environment of the tools: `$SPOON_TOOLS`, else `~/.cache/spoon/tools`.
pub fn tools_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(TOOLS_ENV) {
        return PathBuf::from(dir);
    }
    home_cache().join("tools")
}

/// `$XDG_CACHE_HOME/spoon`, else `~/.cache/spoon`.
pub fn home_cache() -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
        .join("spoon")
}
