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

/// A lanes axis (two fields set together) and a stage added to a finished sweep: the power
/// stage runs on each point's trained chip (5 digits simulated, its energy per classification
/// on the UP5K model in the table) without training again, and the accuracy-vs-energy front
/// is drawn.
#[test]
fn a_power_stage_added_later_gives_the_energy_per_classification() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("power.toml");
    let text = |stages: &str| {
        format!(
            "stages = {stages}\ntargets = [\"up5k\"]\n\
             [set]\n\"training.epochs\" = 1\n\"training.kmeans_patches\" = 2000\n\
             \"training.kmeans_iterations\" = 3\n\"conv.kernels\" = 8\n\"fc.hidden\" = 20\n\
             [data]\ndata = \"data/mnist-sample\"\ntrain_limit = 200\ntest_limit = 50\n\
             [[vary]]\nfield = \"hardware.conv_lanes+hardware.fc_lanes\"\nvalues = [8, 4]\n"
        )
    };
    let out = dir.path().join("out");
    let run = |stages: &str| {
        std::fs::write(&spec, text(stages)).unwrap();
        spoon(&["sweep", "run", spec.to_str().unwrap(), "--out"], &out)
    };
    let results = || -> Vec<serde_json::Value> {
        let mut files: Vec<_> = std::fs::read_dir(out.join("results"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
            .iter()
            .map(|f| serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
            .collect()
    };
    let first = run("[\"train\"]");
    assert!(first.contains("2 points, 0 already done, 2 run"), "{first}");
    let trained = results();
    let then = run("[\"train\", \"power\"]");
    assert!(
        then.contains("2 run (0 invalid configs), 0 failed stages"),
        "{then}"
    );
    for (before, after) in trained.iter().zip(results()) {
        assert_eq!(before["stages"][0], after["stages"][0], "train ran again");
        assert_eq!(after["stages"][1][0], "power:up5k");
    }
    let again = run("[\"train\", \"power\"]");
    assert!(again.contains("2 already done, 0 run"), "{again}");
    spoon(&["sweep", "merge"], &out);
    let table: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("table.json")).unwrap()).unwrap();
    let rows = table.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for row in rows {
        let lanes = &row["hardware.conv_lanes+hardware.fc_lanes"];
        let energy = row["up5k.energy_nj"].as_f64().unwrap();
        let power = row["up5k.power_mw"].as_f64().unwrap();
        assert!(
            energy > 0.0 && power > 0.0,
            "lanes {lanes}: {energy} nJ, {power} mW"
        );
    }
    assert!(out.join("pareto-up5k-energy_nj.svg").exists());
}
