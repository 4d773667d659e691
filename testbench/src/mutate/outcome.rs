//! One mutant against the CI slice: built from its Verilog text, run through the slice's
//! suites, and what became of it.

use crate::cosim::{CosimError, CosimOptions};
use crate::suite::{self, Report};
use golden::config::Config;
use serde::{Deserialize, Serialize};
use sim::Model;
use std::path::Path;
use std::sync::Arc;

/// Part of every cached result's key: bump it when the slice's suites or this harness change
/// what a mutant's result would be.
pub const BENCH_VERSION: &str = "ci-slice-2";

/// Earlier bench versions whose slice is a part of this one's (suites only added): a mutant
/// they detected is detected now, so those cached results stand; their survivors run again.
pub const DETECTED_BY_EARLIER: &[&str] = &["ci-slice-1"];

/// The config of the CI slice (`suite::partial_groups_config`: two lane groups in every layer,
/// so every FSM transition exists); the catalogue is made from its Verilog.
pub fn slice_config() -> Config {
    suite::partial_groups_config()
}

/// A suite of the slice failed.
#[derive(Debug, thiserror::Error)]
#[error("{suite} suite: {error}")]
pub struct SliceFailure {
    pub suite: &'static str,
    pub error: CosimError,
}

/// The CI slice, as `testbench/tests/coverage.rs` runs it: the directed, random (seed 1, 30
/// samples), MNIST (20 digits of `data`, seed 1), corners and gaps suites, in that order, up
/// to the first failure. `options.rtl` runs them on another Verilog text.
pub fn ci_slice(
    config: &Config,
    options: &CosimOptions,
    data: &Path,
) -> Result<Vec<Report>, SliceFailure> {
    let fail = |suite| move |error| SliceFailure { suite, error };
    Ok(vec![
        suite::directed(config, options).map_err(fail("directed"))?,
        suite::random(config, options, 1, 30).map_err(fail("random"))?,
        suite::mnist(config, options, data, 20, 1).map_err(fail("mnist"))?,
        suite::corners(config, options).map_err(fail("corners"))?,
        crate::gaps::gaps(config, options).map_err(fail("gaps"))?,
    ])
}

/// Where a mutant was caught.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caught {
    pub suite: String,
    /// The simulator cycle of the first mismatch in that suite's run (none for a failure that
    /// is not a port mismatch).
    pub cycle: Option<u64>,
    /// The first mismatching port, or what failed.
    pub signal: String,
    pub expected: String,
    pub actual: String,
}

/// What became of a mutant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "lowercase")]
pub enum Outcome {
    /// The slice failed on it.
    Caught(Caught),
    /// The slice passed on it.
    Survived { cycles: u64 },
    /// It does not build (Verilator refuses it): not a mutant of a design.
    Invalid { error: String },
    /// Its simulation aborted the process (e.g. Verilator's "didn't converge" on a
    /// combinational loop): the slice fails, so caught.
    Crashed { status: String, stderr: String },
    /// No result within the time limit: counted as caught (the slice would not pass).
    Timeout { seconds: u64 },
}

impl Outcome {
    pub fn name(&self) -> &'static str {
        match self {
            Outcome::Caught(_) => "caught",
            Outcome::Survived { .. } => "survived",
            Outcome::Invalid { .. } => "invalid",
            Outcome::Crashed { .. } => "crashed",
            Outcome::Timeout { .. } => "timeout",
        }
    }

    /// The slice does not pass on this mutant.
    pub fn detected(&self) -> bool {
        matches!(
            self,
            Outcome::Caught(_) | Outcome::Crashed { .. } | Outcome::Timeout { .. }
        )
    }
}

fn caught(f: SliceFailure) -> Outcome {
    let suite = f.suite.to_string();
    match f.error.mismatch() {
        Some(m) => Outcome::Caught(Caught {
            suite,
            cycle: Some(m.cycle),
            signal: m.signal.to_string(),
            expected: m.expected.clone(),
            actual: m.actual.clone(),
        }),
        None => Outcome::Caught(Caught {
            suite,
            cycle: None,
            signal: f.error.to_string(),
            expected: String::new(),
            actual: String::new(),
        }),
    }
}

/// Builds `verilog` (a text with the emitted top's ports) as the RTL of `config` and runs the
/// CI slice on it, without mismatch VCDs. Unless `keep`, the model's cache entry is removed
/// afterwards (a mutant's model is not used again; its result is what is kept).
pub fn run_mutant(config: &Config, verilog: &str, data: &Path, keep: bool) -> Outcome {
    let text: Arc<str> = Arc::from(verilog);
    let model = match Model::build_from_edited_verilog(config, &|_| verilog.to_string()) {
        Ok(m) => m,
        Err(e) => {
            return Outcome::Invalid {
                error: e.to_string(),
            }
        }
    };
    let options = CosimOptions {
        rtl: Some(text),
        no_vcd: true,
        ..CosimOptions::default()
    };
    let outcome = match ci_slice(config, &options, data) {
        Ok(reports) => Outcome::Survived {
            cycles: reports.iter().map(|r| r.cycles).sum(),
        },
        Err(f) => caught(f),
    };
    if !keep {
        let dir = model.info().dir.clone();
        drop(model);
        let _ = std::fs::remove_dir_all(dir);
    }
    outcome
}

/// The emitted Verilog text of `config` (what `sim` verilates, and what the catalogue is made
/// from).
pub fn emitted_verilog(config: &Config) -> Result<String, CosimError> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("spoon-mutate-{}-{n}", std::process::id()));
    let io = |error| sim::SimError::Io {
        path: dir.clone(),
        error,
    };
    std::fs::create_dir_all(&dir).map_err(io)?;
    let text = hdl::emit(config, &dir)
        .map_err(sim::SimError::from)
        .and_then(|m| std::fs::read_to_string(dir.join(&m.verilog)).map_err(io));
    let _ = std::fs::remove_dir_all(&dir);
    Ok(text?)
}
