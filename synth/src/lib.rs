//! Open FPGA flows of the spoon processor: Yosys and nextpnr from the emitted Verilog to a
//! bitstream for a real board, with reports (utilisation, Fmax per clock, critical paths, tool
//! versions, wall times, bitstream hash, time per classification at the achieved clock).
//!
//! The flows are data in this folder — `boards/*.toml` (one file per board: device, package,
//! oscillator, pins), `flows/*.ys` (the Yosys scripts) and `flows/board_top.v` (the wrapper with
//! the PLL and the LEDs) — and this crate is the thin driver that fills them from the `Config`
//! and the board, runs the tools (`tools`), caches their slow runs by the hash of their inputs
//! (`cache`) and parses their JSON reports (`report`). `docs/SYNTH.md` has the figures.

pub mod board;
pub mod cache;
pub mod flow;
pub mod pll;
pub mod report;
pub mod throughput;
pub mod tools;

pub use board::{Board, Family};
pub use flow::{run, run_yosys_only, Options, Target};
pub use report::Report;

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error(transparent)]
    Emit(#[from] hdl::EmitError),
    #[error("no board `{0}`: the shipped boards are icebreaker, ulx3s-85f and ulx3s-45f (synth/boards/)")]
    UnknownBoard(String),
    #[error("no target `{0}`: the targets are up5k, ecp5-85f, ecp5-45f and yosys")]
    UnknownTarget(String),
    #[error("{file}: {problem}")]
    BadBoard { file: String, problem: String },
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("cannot run `{command}` (scripts/setup.sh installs the yowasp tools; SPOON_TOOLS names their virtual environment): {error}")]
    ToolMissing {
        command: String,
        error: std::io::Error,
    },
    #[error("`{command}` failed ({status}); its log is {log}:\n{tail}")]
    ToolFailed {
        command: String,
        status: String,
        log: PathBuf,
        tail: String,
    },
    #[error("{file}: unexpected tool report: {problem}")]
    BadReport { file: PathBuf, problem: String },
    #[error("board {board}: {baud} baud cannot be made from a {clock_mhz} MHz clock within 2 % and with at least 4 clocks per bit; change `baud` in the board file or the clock")]
    Baud {
        board: String,
        baud: u32,
        clock_mhz: f64,
    },
    #[error("`--freq {0}` must be a positive number of MHz")]
    BadFrequency(f64),
    #[error("{0}")]
    Check(String),
}

impl SynthError {
    pub fn io(path: &Path, error: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            error,
        }
    }
}
