//! The runner: one result per point, stage errors and panics recorded, resume by skipping
//! finished points, and the merged table the same however the sweep was cut.

use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use sweep::run::{run, PointContext, RunOptions, StageOutput};
use sweep::{Spec, Stage};

const SPEC: &str = r#"
stages = ["train"]
[[vary]]
field = "conv.kernels"
values = [4, 8, 16]
[[vary]]
field = "fc.hidden"
values = [10, 20, 30]
"#;

/// A stand-in for training: accuracy and cost from the config, no data; counts its runs.
struct Fake(Arc<AtomicUsize>);

impl Stage for Fake {
    fn name(&self) -> String {
        "train".into()
    }
    fn run(&self, p: &PointContext<'_>) -> Result<StageOutput, String> {
        self.0.fetch_add(1, Ordering::SeqCst);
        let c = &p.point.config;
        let (k, h) = (c.conv.kernels as f64, c.fc.hidden[0] as f64);
        if h == 30.0 && k == 16.0 {
            return Err(format!("no room in {}", p.dir.display()));
        }
        Ok(StageOutput {
            columns: BTreeMap::from([
                ("train.test_pct".into(), json!(50.0 + k + h / 10.0)),
                ("train.cycles_per_classification".into(), json!(k * h)),
            ]),
            detail: serde_json::Value::Null,
        })
    }
}

/// A stage that panics on one point.
struct Fragile;

impl Stage for Fragile {
    fn name(&self) -> String {
        "emit".into()
    }
    fn run(&self, p: &PointContext<'_>) -> Result<StageOutput, String> {
        assert!(p.point.config.fc.hidden[0] != 20, "hidden 20 breaks it");
        // The stage before it is visible.
        assert_eq!(p.earlier.len(), 1);
        Ok(StageOutput::default())
    }
}

fn sweep_into(out: &Path, shard: (usize, usize), jobs: usize) -> usize {
    sweep_only(out, shard, jobs, None).unwrap()
}

fn sweep_only(
    out: &Path,
    shard: (usize, usize),
    jobs: usize,
    only: Option<Vec<String>>,
) -> Result<usize, sweep::SweepError> {
    let spec = Spec::from_toml(SPEC, Path::new("s.toml")).unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let stages: Vec<Box<dyn Stage>> = vec![Box::new(Fake(count.clone())), Box::new(Fragile)];
    run(
        &spec,
        &stages,
        &RunOptions {
            out: out.to_path_buf(),
            shard,
            jobs,
            only,
        },
    )?;
    Ok(count.load(Ordering::SeqCst))
}

/// `--points`: only the named points run; an id the sweep does not have is an error.
#[test]
fn only_the_named_points_run() {
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec::from_toml(SPEC, Path::new("s.toml")).unwrap();
    let valid: Vec<String> = spec
        .points()
        .unwrap()
        .into_iter()
        .filter(|p| p.invalid.is_none())
        .map(|p| p.id)
        .take(2)
        .collect();
    assert_eq!(
        sweep_only(dir.path(), (0, 1), 1, Some(valid.clone())).unwrap(),
        2
    );
    let results = sweep::table::load_results(dir.path()).unwrap();
    let ids: Vec<&String> = results.iter().map(|r| &r.id).collect();
    assert_eq!(ids.len(), 2);
    assert!(valid.iter().all(|id| ids.contains(&id)));
    let e = sweep_only(dir.path(), (0, 1), 1, Some(vec!["0123456789ab".into()]))
        .unwrap_err()
        .to_string();
    assert!(e.contains("no point `0123456789ab`"), "{e}");
}

fn merged(out: &Path) -> (String, String) {
    sweep::table::merge(out).unwrap();
    let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
    (read("table.csv"), read("table.json"))
}

#[test]
fn every_point_gets_a_result_and_errors_are_recorded_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    // conv.kernels = 4 is under the default's 8 convolution lanes: 3 invalid points.
    assert_eq!(sweep_into(dir.path(), (0, 1), 3), 6);
    let results = sweep::table::load_results(dir.path()).unwrap();
    assert_eq!(results.len(), 9);
    assert_eq!(results.iter().filter(|r| r.invalid.is_some()).count(), 3);
    let failed = results
        .iter()
        .find(|r| r.values[0].1 == "16" && r.values[1].1 == "30")
        .unwrap();
    assert_eq!(
        failed.stage("train").unwrap().error.as_deref(),
        Some(format!("no room in $OUT/points/{}", failed.id).as_str())
    );
    let broken = results
        .iter()
        .find(|r| r.values[0].1 == "8" && r.values[1].1 == "20")
        .unwrap();
    assert_eq!(
        broken.stage("emit").unwrap().error.as_deref(),
        Some("panicked: hidden 20 breaks it")
    );
    let (csv, _) = merged(dir.path());
    assert_eq!(csv.lines().next().unwrap(), HEADER);
    assert_eq!(csv.lines().count(), 10);
}

const HEADER: &str = "index,id,conv.kernels,fc.hidden,default_chip,invalid,train.cycles_per_classification,train.test_pct,train.error,emit.error";

#[test]
fn a_finished_point_is_skipped_and_a_cut_sweep_merges_to_the_same_table() {
    let whole = tempfile::tempdir().unwrap();
    assert_eq!(sweep_into(whole.path(), (0, 1), 2), 6);
    let want = merged(whole.path());
    // Again in the same folder: nothing left to do.
    assert_eq!(sweep_into(whole.path(), (0, 1), 2), 0);
    assert_eq!(merged(whole.path()), want);

    // A "killed" sweep: one shard done, a half-written temporary file and a truncated result
    // left behind; the resumed run does the rest and only the rest.
    let cut = tempfile::tempdir().unwrap();
    let done = sweep_into(cut.path(), (1, 3), 1);
    assert_eq!(done, 2);
    let results = cut.path().join("results");
    std::fs::write(results.join(".x.json.123.tmp"), "{\"ind").unwrap();
    let spec = Spec::from_toml(SPEC, Path::new("s.toml")).unwrap();
    let last = spec.points().unwrap().pop().unwrap();
    std::fs::write(results.join(format!("{}.json", last.id)), "{\"index\": 8,").unwrap();
    assert_eq!(sweep_into(cut.path(), (0, 1), 2), 4);
    assert_eq!(merged(cut.path()), want);
}

#[test]
fn a_result_file_of_another_kind_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("results")).unwrap();
    std::fs::write(dir.path().join("results/x.json"), "[]").unwrap();
    let e = sweep::table::load_results(dir.path())
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with(&format!(
            "{}: not a result file of this sweep",
            dir.path().join("results/x.json").display()
        )),
        "{e}"
    );
}

/// A stage that always works, added to a finished sweep.
struct Late;

impl Stage for Late {
    fn name(&self) -> String {
        "late".into()
    }
    fn run(&self, _: &PointContext<'_>) -> Result<StageOutput, String> {
        Ok(StageOutput::default())
    }
}

/// A stage added to a finished sweep runs on every point alone: the earlier stages are kept,
/// not run again, and their failures are not counted again.
#[test]
fn an_added_stage_runs_alone_and_counts_only_its_failures() {
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec::from_toml(SPEC, Path::new("s.toml")).unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let options = RunOptions {
        out: dir.path().to_path_buf(),
        shard: (0, 1),
        jobs: 2,
        only: None,
    };
    let first: Vec<Box<dyn Stage>> = vec![Box::new(Fake(count.clone())), Box::new(Fragile)];
    let before = run(&spec, &first, &options).unwrap();
    assert_eq!((before.ran, before.failed_stages), (9, 3));
    let more: Vec<Box<dyn Stage>> = vec![
        Box::new(Fake(count.clone())),
        Box::new(Fragile),
        Box::new(Late),
    ];
    let after = run(&spec, &more, &options).unwrap();
    // The 6 valid points get `late`; the 3 invalid ones run nothing.
    assert_eq!((after.ran, after.skipped, after.failed_stages), (6, 3, 0));
    assert_eq!(count.load(Ordering::SeqCst), 6, "train ran again");
    for r in sweep::table::load_results(dir.path()).unwrap() {
        let names: Vec<&str> = r.stages.iter().map(|(n, _)| n.as_str()).collect();
        let want: &[&str] = if r.invalid.is_some() {
            &[]
        } else {
            &["train", "emit", "late"]
        };
        assert_eq!(names, want, "{}", r.id);
    }
}
