//! Functional coverage of the CI slice: every cover point of `testbench::coverage` is hit by
//! the lock-step suites on a config with partial lane groups (so that every FSM transition
//! exists), and no FSM transition outside the list is seen.

use std::path::{Path, PathBuf};
use testbench::suite;
use testbench::{CosimOptions, Coverage, Perturbation, Report};

fn options(vcd_dir: &Path) -> CosimOptions {
    CosimOptions {
        vcd_dir: Some(vcd_dir.to_path_buf()),
        perturbation: None,
        ..Default::default()
    }
}

fn mnist_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample")
}

#[test]
fn every_cover_point_is_hit_by_the_ci_slice() {
    let dir = tempfile::tempdir().unwrap();
    let config = suite::partial_groups_config();
    let o = options(dir.path());
    let runs: Vec<Report> =
        testbench::mutate::ci_slice(&config, &o, &mnist_dir()).unwrap_or_else(|e| panic!("{e}"));
    let mut coverage = Coverage::default();
    for r in &runs {
        println!("{r}");
        coverage.merge(&r.coverage);
    }
    println!("{coverage}");
    corner_counts(&runs[3].coverage);
    assert!(coverage.unlisted().is_empty(), "{:?}", coverage.unlisted());
    assert!(
        coverage.missed().is_empty(),
        "missed: {:#?}",
        coverage.missed()
    );
}

/// The corners suite's points, counted by hand: 12 samples with the window edges (one
/// inference, one learning sample per label at shifts 16, one of label 0 at hidden shift 0 and
/// output shift 16), one learning sample with nothing to learn (no learning pass, so no count
/// below changes), 65,536 ignored events, two writes to read-only selects and two requests
/// to unmapped ones.
fn corner_counts(c: &Coverage) {
    let hits = |name: &str| {
        let p = c.points.iter().find(|p| p.name == name);
        p.unwrap_or_else(|| panic!("no point {name}")).hits
    };
    for edge in [
        "−ymax (closed)",
        "−ymax + 1 (open)",
        "ymax − 1 (open)",
        "ymax (closed)",
    ] {
        assert_eq!(
            hits(&format!("derivative window: a = {edge}")),
            12,
            "{edge}"
        );
    }
    for label in 0..10 {
        let row = hits(&format!("learning: projection row of label {label}"));
        assert_eq!(row, if label == 0 { 2 } else { 1 }, "label {label}");
    }
    assert_eq!(hits("learning: hidden pass with shift 16"), 10);
    assert_eq!(hits("learning: output pass with shift 16"), 11);
    assert_eq!(hits("learning: hidden pass with shift 0"), 1);
    assert_eq!(hits("ignored counter: reaches 65,535"), 1);
    assert_eq!(hits("ignored counter: an ignored event at 65,535"), 1);
    assert_eq!(hits("aer: event outside the field"), 1 << 16);
    assert_eq!(hits("cfg: element write to a read-only select (9, 10)"), 2);
    assert_eq!(hits("cfg: element request to an unmapped select"), 2);
}

/// One of the single-point RTL changes the CI slice used to miss: the derivative window of FC
/// lane 0 left open at `a = ymax`. The corners suite's learning step at shift 0 catches it.
#[test]
fn a_window_edge_mutant_is_caught_by_the_corners_suite() {
    let dir = tempfile::tempdir().unwrap();
    let window = "window$work = fits && ~below && (low != ymax) && (low != ymin);";
    let o = CosimOptions {
        vcd_dir: Some(dir.path().to_path_buf()),
        perturbation: Some(Perturbation {
            find: window.into(),
            replace: "window$work = fits && ~below && (low != ymin);".into(),
        }),
        ..Default::default()
    };
    let e = suite::corners(&suite::partial_groups_config(), &o).unwrap_err();
    let m = e
        .mismatch()
        .unwrap_or_else(|| panic!("not a mismatch: {e}"));
    println!("{m}");
    assert_eq!(m.signal, "cfg_rdata", "{m}");
}
