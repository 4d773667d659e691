//! `spoon sweep run`: the stages of one shard's points, in parallel, one result file per point.

use crate::spec::{shard, Point, Spec};
use crate::{write_atomic, SweepError};
use golden::config::Config;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// One step of a point's evaluation (training, RTL emission, a synthesis for one target,
/// later the power estimate). A stage that cannot run for a point returns its error, which
/// is recorded in the point's result; the sweep goes on.
pub trait Stage: Sync {
    /// The key of the stage in results and the prefix of its columns (`train`,
    /// `synth-yosys:up5k`, ...).
    fn name(&self) -> String;
    fn run(&self, point: &PointContext<'_>) -> Result<StageOutput, String>;
}

/// What a stage sees of its point.
pub struct PointContext<'a> {
    pub point: &'a Point,
    /// The point's own folder (`<out>/points/<id>`), for the files a stage writes.
    pub dir: PathBuf,
    /// The outcomes of the stages that ran before on this point.
    pub earlier: &'a [(String, StageOutcome)],
}

/// A stage's figures: flat columns for the merged table (deterministic: no wall time) and
/// any detail kept in the result file only.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StageOutput {
    pub columns: BTreeMap<String, Value>,
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub detail: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageOutcome {
    #[serde(flatten)]
    pub output: StageOutput,
    pub error: Option<String>,
    /// Wall time, seconds (not in the merged table: it differs from run to run).
    pub seconds: f64,
}

/// Everything one point produced: the file `<out>/results/<id>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointResult {
    pub index: usize,
    pub id: String,
    /// The varied fields and their values (TOML), in the spec's order.
    pub values: Vec<(String, String)>,
    pub default_chip: bool,
    /// Why the config is refused by `Config::validate`; no stage runs then.
    pub invalid: Option<String>,
    pub config: Config,
    /// The stages in the order they ran.
    pub stages: Vec<(String, StageOutcome)>,
}

impl PointResult {
    pub fn stage(&self, name: &str) -> Option<&StageOutcome> {
        self.stages.iter().find(|(n, _)| n == name).map(|(_, o)| o)
    }
}

pub struct RunOptions {
    pub out: PathBuf,
    pub shard: (usize, usize),
    pub jobs: usize,
    /// Only these point ids (of the shard), if given: e.g. the Pareto candidates a costly
    /// stage (place and route) is added for.
    pub only: Option<Vec<String>>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct RunSummary {
    pub points: usize,
    pub skipped: usize,
    pub ran: usize,
    pub invalid: usize,
    pub failed_stages: usize,
}

pub fn result_path(out: &Path, id: &str) -> PathBuf {
    out.join("results").join(format!("{id}.json"))
}

/// Runs `stages` on every point of the shard that has no result file yet, and the stages a
/// point's result lacks (a spec that gained a stage), `jobs` points at a time; each result is
/// written as soon as its point is done.
pub fn run(
    spec: &Spec,
    stages: &[Box<dyn Stage>],
    opts: &RunOptions,
) -> Result<RunSummary, SweepError> {
    let all = spec.points()?;
    let (i, n) = opts.shard;
    if let Some(ids) = &opts.only {
        if let Some(id) = ids.iter().find(|id| !all.iter().any(|p| &p.id == *id)) {
            return Err(SweepError::UnknownPoint(id.clone()));
        }
    }
    let points: Vec<Point> = shard(all, i, n)
        .into_iter()
        .filter(|p| opts.only.as_ref().is_none_or(|ids| ids.contains(&p.id)))
        .collect();
    let mut summary = RunSummary {
        points: points.len(),
        ..Default::default()
    };
    let names: Vec<String> = stages.iter().map(|s| s.name()).collect();
    let todo: Vec<(&Point, Option<PointResult>)> = points
        .iter()
        .map(|p| (p, earlier_result(&opts.out, &p.id)))
        .filter(|(p, r)| match r {
            None => true,
            Some(r) => p.invalid.is_none() && names.iter().any(|n| r.stage(n).is_none()),
        })
        .collect();
    summary.skipped = points.len() - todo.len();
    let next = AtomicUsize::new(0);
    let shared = Mutex::new((summary, None::<SweepError>));
    std::thread::scope(|scope| {
        for _ in 0..opts.jobs.max(1).min(todo.len().max(1)) {
            scope.spawn(|| loop {
                let k = next.fetch_add(1, Ordering::SeqCst);
                let Some((point, earlier)) = todo.get(k) else {
                    break;
                };
                let kept = earlier.as_ref().map_or(0, |r| r.stages.len());
                let result = run_point(point, stages, &opts.out, earlier.clone());
                let written = write_result(&opts.out, &result);
                let mut s = shared.lock().unwrap_or_else(|e| e.into_inner());
                log_point(&result, k + 1, todo.len());
                s.0.ran += 1;
                s.0.invalid += usize::from(result.invalid.is_some());
                // The stages run now (not those kept from an earlier run).
                s.0.failed_stages += result.stages[kept..]
                    .iter()
                    .filter(|(_, o)| o.error.is_some())
                    .count();
                if let Err(e) = written {
                    s.1.get_or_insert(e);
                }
            });
        }
    });
    let (summary, error) = shared.into_inner().unwrap_or_else(|e| e.into_inner());
    match error {
        Some(e) => Err(e),
        None => Ok(summary),
    }
}

/// The point's result of an earlier run, if its file parses (a rename makes it whole or
/// absent).
fn earlier_result(out: &Path, id: &str) -> Option<PointResult> {
    std::fs::read_to_string(result_path(out, id))
        .ok()
        .and_then(|t| serde_json::from_str::<PointResult>(&t).ok())
        .filter(|r| r.id == id)
}

fn write_result(out: &Path, result: &PointResult) -> Result<(), SweepError> {
    let text = serde_json::to_string_pretty(result).expect("plain data serialises") + "\n";
    write_atomic(&result_path(out, &result.id), &text)
}

/// Runs every stage on `point` that `earlier` (its result of an earlier run) does not hold;
/// a stage's error or panic is recorded, the next stage runs.
pub fn run_point(
    point: &Point,
    stages: &[Box<dyn Stage>],
    out: &Path,
    earlier: Option<PointResult>,
) -> PointResult {
    let mut result = PointResult {
        index: point.index,
        id: point.id.clone(),
        values: point
            .values
            .iter()
            .map(|(f, v)| (f.clone(), v.to_string()))
            .collect(),
        default_chip: crate::spec::is_default_chip(&point.config),
        invalid: point.invalid.clone(),
        config: point.config.clone(),
        stages: earlier.map(|r| r.stages).unwrap_or_default(),
    };
    if point.invalid.is_some() {
        return result;
    }
    let dir = out.join("points").join(&point.id);
    for stage in stages {
        if result.stage(&stage.name()).is_some() {
            continue;
        }
        let start = Instant::now();
        let ctx = PointContext {
            point,
            dir: dir.clone(),
            earlier: &result.stages,
        };
        let outcome = match catch_unwind(AssertUnwindSafe(|| stage.run(&ctx))) {
            Ok(r) => r,
            Err(panic) => Err(format!("panicked: {}", panic_text(&panic))),
        };
        // The out folder differs between runs of the same sweep (local, cluster): errors
        // name it `$OUT` so that the merged tables compare equal.
        let (output, error) = match outcome {
            Ok(o) => (o, None),
            Err(e) => (
                StageOutput::default(),
                Some(e.replace(&*out.to_string_lossy(), "$OUT")),
            ),
        };
        let seconds = start.elapsed().as_secs_f64();
        result.stages.push((
            stage.name(),
            StageOutcome {
                output,
                error,
                seconds,
            },
        ));
    }
    result
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "(no message)".into())
}

fn log_point(r: &PointResult, k: usize, n: usize) {
    let values: Vec<String> = r.values.iter().map(|(f, v)| format!("{f}={v}")).collect();
    let mut line = format!("[{k}/{n}] {} {}", r.id, values.join(" "));
    if let Some(e) = &r.invalid {
        line += &format!(": invalid: {e}");
    }
    for (name, o) in &r.stages {
        match &o.error {
            None => line += &format!("; {name} ok ({:.1} s)", o.seconds),
            Some(e) => line += &format!("; {name} FAILED: {}", e.lines().next().unwrap_or("")),
        }
    }
    eprintln!("{line}");
}
