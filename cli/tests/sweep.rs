//! `spoon sweep` end to end on the 4-point example: two shards and a whole run merge to the
//! same table, a rerun skips every point, and the fronts are drawn.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn spoon(args: &[&str], out: &Path) -> String {
    let run = Command::cargo_bin("spoon")
        .unwrap()
        .current_dir(root())
        .args(args)
        .arg(out)
        .assert()
        .success();
    String::from_utf8(run.get_output().stdout.clone()).unwrap()
}

#[test]
fn shards_and_a_whole_run_merge_to_the_same_table() {
    let dir = tempfile::tempdir().unwrap();
    let (cut, whole) = (dir.path().join("cut"), dir.path().join("whole"));
    let spec = "sweep/examples/tiny.toml";
    for shard in ["0/2", "1/2"] {
        let line = spoon(&["sweep", "run", spec, "--shard", shard, "--out"], &cut);
        assert!(
            line.contains(&format!("shard {shard}: 2 points, 0 already done, 2 run")),
            "{line}"
        );
    }
    spoon(&["sweep", "run", spec, "--jobs", "2", "--out"], &whole);
    let again = spoon(&["sweep", "run", spec, "--out"], &whole);
    assert!(again.contains("4 points, 4 already done, 0 run"), "{again}");
    for out in [&cut, &whole] {
        let merged = spoon(&["sweep", "merge"], out);
        assert!(merged.starts_with("4 points (0 invalid)"), "{merged}");
        assert!(out
            .join("pareto-train-cycles_per_classification.svg")
            .exists());
    }
    let table = |d: &Path| std::fs::read_to_string(d.join("table.csv")).unwrap();
    assert_eq!(table(&cut), table(&whole));
    let csv = table(&whole);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let test = header.iter().position(|c| *c == "train.test_pct").unwrap();
    let samples = header
        .iter()
        .position(|c| *c == "train.test_samples")
        .unwrap();
    for row in csv.lines().skip(1) {
        let cells: Vec<&str> = row.split(',').collect();
        let pct: f64 = cells[test].parse().unwrap();
        assert!(pct > 20.0 && pct <= 100.0, "{row}");
        assert_eq!(cells[samples], "100");
    }
    assert_eq!(csv.lines().count(), 5);
}

#[test]
fn a_second_spec_in_the_same_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("spec.toml"), "stages = [\"emit\"]\n").unwrap();
    let run = Command::cargo_bin("spoon")
        .unwrap()
        .current_dir(root())
        .args(["sweep", "run", "sweep/examples/tiny.toml", "--out"])
        .arg(&out)
        .assert()
        .failure();
    let err = String::from_utf8(run.get_output().stderr.clone()).unwrap();
    assert!(err.contains("holds another sweep"), "{err}");
}
