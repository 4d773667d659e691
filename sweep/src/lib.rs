//! Design-space exploration of the spoon processor (`spoon sweep`, docs/DSE.md).
//!
//! A sweep spec (`spec`) names a base `Config`, the fields to vary and the stages to run; it
//! expands into points, each with a stable id (the hash of its config). `run` runs the stages
//! of one deterministic shard of the points, writing one result file per point as it finishes,
//! so that a killed sweep resumes and a failed stage is a recorded result, never fatal.
//! `table` merges the result files into one deterministic table (CSV + JSON), `pareto` finds
//! and draws the fronts, `slurm` writes the job-array script of a cluster.

pub mod pareto;
pub mod run;
pub mod slurm;
pub mod spec;
pub mod stages;
pub mod table;

pub use run::{PointResult, Stage, StageOutcome};
pub use spec::{Point, Spec};

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum SweepError {
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("sweep spec {path}: {message}")]
    Spec { path: PathBuf, message: String },
    #[error("sweep spec {path}: field `{field}`: {message}")]
    Field {
        path: PathBuf,
        field: String,
        message: String,
    },
    #[error("`--shard {0}`: expected I/N with 0 ≤ I < N")]
    Shard(String),
    #[error("`--points`: the sweep has no point `{0}` (ids are in table.csv and results/)")]
    UnknownPoint(String),
    #[error("{path}: not a result file of this sweep: {message}")]
    BadResult { path: PathBuf, message: String },
    #[error("{path}: {message}")]
    Fronts { path: PathBuf, message: String },
    #[error(transparent)]
    Plot(#[from] plot::PlotError),
}

impl SweepError {
    pub fn io(path: &Path, error: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            error,
        }
    }
}

/// Writes `text` to `path` atomically: a temporary file in the same directory, then a rename,
/// so that a reader (or a resumed sweep) never sees half a file.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), SweepError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| SweepError::io(dir, e))?;
    let name = path
        .file_name()
        .map_or("out".into(), |n| n.to_string_lossy());
    // Unique across the processes of a cluster sharing the folder (pid, thread, clock).
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let thread = format!("{:?}", std::thread::current().id());
    let thread: String = thread.chars().filter(char::is_ascii_digit).collect();
    let tmp = dir.join(format!(
        ".{name}.{}-{thread}-{nanos}.tmp",
        std::process::id()
    ));
    std::fs::write(&tmp, text).map_err(|e| SweepError::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| SweepError::io(path, e))
}
