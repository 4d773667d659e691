//! `spoon power` end to end on the default chip (issue 12's CI check): a short inference and
//! training workload through the Verilator-simulated RTL, costed in both views; the report must
//! be consistent (every energy positive, the blocks summing exactly to the total, the chart
//! written). Yosys's results come from the cache after the first run (`~/.cache/spoon/synth`).

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn power(target: &str, out: &Path) -> Value {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample");
    Command::cargo_bin("spoon")
        .unwrap()
        .args([
            "power",
            "--target",
            target,
            "--samples",
            "2",
            "--train-samples",
            "1",
        ])
        .arg("--data")
        .arg(&data)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
    assert!(out.join("energy.svg").is_file(), "{target}: no chart");
    assert!(out.join("power.md").is_file());
    // float_roundtrip (the workspace Cargo.toml): the parsed floats are the written ones, bit for bit.
    let text = std::fs::read_to_string(out.join("power.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Every workload: the blocks' totals add up to the report's total, exactly (the same sums in
/// the same order), every block's energy is ≥ 0 and the total > 0; per sample and power follow.
fn check(report: &Value, target: &str) {
    let workloads = report["workloads"].as_array().unwrap();
    let kinds: Vec<&str> = workloads
        .iter()
        .map(|w| w["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["inference", "training"], "{target}");
    for w in workloads {
        let energy = &w["energy"];
        let blocks = energy["blocks"].as_array().unwrap();
        let mut sum = 0.0;
        for b in blocks {
            let total = b["total_fj"].as_f64().unwrap();
            let parts: f64 = ["switching_fj", "memory_fj", "leakage_fj"]
                .iter()
                .map(|k| b[k].as_f64().unwrap())
                .sum();
            assert!(total >= 0.0, "{target}: {b}");
            assert_eq!(total, parts, "{target}: {b}");
            sum += total;
        }
        let total = energy["total_fj"].as_f64().unwrap();
        assert!(total > 0.0, "{target}");
        assert_eq!(sum, total, "{target}: the blocks do not add up");
        let samples = w["samples"].as_f64().unwrap();
        assert_eq!(
            w["energy_per_sample_nj"].as_f64().unwrap(),
            total / 1e6 / samples
        );
        assert!(w["average_power_mw"].as_f64().unwrap() > 0.0);
    }
    let per_sample = |k: usize| workloads[k]["energy_per_sample_nj"].as_f64().unwrap();
    assert!(
        per_sample(1) > per_sample(0),
        "{target}: a training sample costs more than an inference"
    );
}

#[test]
fn the_fpga_view_of_a_short_run_adds_up() {
    let tmp = tempfile::tempdir().unwrap();
    let report = power("up5k", tmp.path());
    check(&report, "up5k");
    assert!(report["utilisation"]["luts"].as_u64().unwrap() > 1000);
}

#[test]
fn the_asic_view_of_a_short_run_adds_up() {
    let tmp = tempfile::tempdir().unwrap();
    let report = power("asic", tmp.path());
    check(&report, "asic");
    assert!(report["total_area_mm2"].as_f64().unwrap() > 0.0);
}

/// `--gate-level` runs the sky130 netlist itself under Verilator. On a small chip (8 kernels,
/// 8 hidden neurons: its FC lanes are the default's) it must take the RTL's cycles for every
/// workload; without `-fno-const-bit-op-tree` Verilator 5.006 evaluated the mapped multipliers
/// wrongly and the netlist drifted from the RTL (docs/POWER.md § "Gate-level activity"). About
/// 4 minutes, most of it compiling the netlist's model.
#[test]
fn the_gate_level_netlist_takes_the_rtls_cycles() {
    let tmp = tempfile::tempdir().unwrap();
    let mut config = golden::config::Config::default();
    config.conv.kernels = 8;
    config.fc.hidden = vec![8];
    let file = tmp.path().join("small.toml");
    std::fs::write(&file, config.to_toml()).unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample");
    let out = tmp.path().join("gate");
    Command::cargo_bin("spoon")
        .unwrap()
        .args([
            "power",
            "--target",
            "asic",
            "--gate-level",
            "--samples",
            "2",
        ])
        .args(["--train-samples", "1", "--quiet", "--config"])
        .arg(&file)
        .arg("--data")
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(out.join("power.json")).unwrap();
    let report: Value = serde_json::from_str(&text).unwrap();
    check(&report, "asic");
    let notes: Vec<&str> = report["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    for (note, kind) in notes.iter().zip(["inference", "training"]) {
        assert!(
            note.starts_with(&format!("{kind}: the gate-level netlist took the RTL's")),
            "{note}"
        );
    }
    // Every traced net of the netlist is found in its connectivity (netlist.json) and costed
    // by its own driver and loads: none is left to a block's mean.
    for w in report["workloads"].as_array().unwrap() {
        let mut own = 0;
        for a in w["activities"].as_array().unwrap() {
            for t in a["toggles"].as_array().unwrap() {
                let what = t["what"].as_str().unwrap();
                let count = t["count"].as_u64().unwrap();
                if what.starts_with("gate-level toggles of nets the netlist does not name") {
                    assert_eq!(count, 0, "{}: {}", w["kind"], a["block"]);
                }
                if what.starts_with("gate-level net toggles × the net's own") {
                    own += count;
                }
            }
        }
        assert!(own > 100_000, "{}: {own} toggles", w["kind"]);
    }
}
