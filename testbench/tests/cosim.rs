//! Lock-step co-simulation of the Verilated RTL against golden's cycle model: every output
//! port equal every cycle through the suites, and a deliberately wrong RTL caught with a
//! report and a VCD.

use golden::config::Config;
use std::path::{Path, PathBuf};
use testbench::suite::{self, random_config};
use testbench::{CosimError, CosimOptions, Perturbation};

fn mnist_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample")
}

fn options(vcd_dir: &Path) -> CosimOptions {
    CosimOptions {
        vcd_dir: Some(vcd_dir.to_path_buf()),
        perturbation: None,
        ..Default::default()
    }
}

#[test]
fn directed_suite_in_lockstep() {
    let dir = tempfile::tempdir().unwrap();
    for config in [hdl::tiny_config(), suite::partial_groups_config()] {
        let r = suite::directed(&config, &options(dir.path())).unwrap_or_else(|e| panic!("{e}"));
        println!("{r}");
        assert!(r.stalls > 0, "the dense sample fills the FIFO");
        assert!(r.cycles > 10_000);
    }
}

#[test]
fn directed_suite_on_the_default_config_in_lockstep() {
    let dir = tempfile::tempdir().unwrap();
    let r =
        suite::directed(&Config::default(), &options(dir.path())).unwrap_or_else(|e| panic!("{e}"));
    println!("{r}");
}

#[test]
fn random_streams_in_lockstep() {
    let dir = tempfile::tempdir().unwrap();
    let clock = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    for seed in [1, 2, clock] {
        println!("seed {seed}");
        let r = suite::random(&hdl::tiny_config(), &options(dir.path()), seed, 30)
            .unwrap_or_else(|e| panic!("{e}"));
        println!("{r}");
    }
}

#[test]
fn a_random_config_in_lockstep() {
    // Fixed seed: every new config is a Verilator build (≈ 10 s), this one is cached.
    let seed = 7;
    let config = random_config(seed);
    println!("config seed {seed}: {}", config.to_toml());
    let dir = tempfile::tempdir().unwrap();
    let r =
        suite::random(&config, &options(dir.path()), seed, 20).unwrap_or_else(|e| panic!("{e}"));
    println!("{r}");
}

#[test]
fn mnist_training_and_inference_in_lockstep() {
    let dir = tempfile::tempdir().unwrap();
    let r = suite::mnist(
        &hdl::tiny_config(),
        &options(dir.path()),
        &mnist_dir(),
        12,
        1,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    println!("{r}");
    assert_eq!(r.samples, 12 + 4);
}

/// The suite takes its prefixes from a seeded shuffle of the sorted sample: 12 training
/// digits of mixed classes; an empty split is an error before any division by its length.
#[test]
fn mnist_digits_are_shuffled_and_an_empty_split_is_an_error() {
    let (train, test) = suite::mnist_digits(&mnist_dir(), 1).unwrap();
    let labels = |set: &golden::dataset::ImageSet| {
        let mut l: Vec<u8> = set.labels[..12].to_vec();
        l.sort_unstable();
        l.dedup();
        l.len()
    };
    assert!(labels(&train) >= 6 && labels(&test) >= 6);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("empty-test");
    golden::dataset::write_split_dir(
        &data,
        &train.subset(0..4),
        &golden::dataset::ImageSet::new(28, 28),
        golden::dataset::Encoding::Raw,
    )
    .unwrap();
    let e = suite::mnist(&hdl::tiny_config(), &options(dir.path()), &data, 4, 1)
        .expect_err("an empty test split is an error");
    assert!(
        e.to_string().contains("the test split holds no samples"),
        "{e}"
    );
    assert!(e.mismatch().is_none());
}

fn caught(
    perturbation: Perturbation,
    run: impl Fn(&CosimOptions) -> Result<suite::Report, CosimError>,
) -> String {
    let dir = tempfile::tempdir().unwrap();
    let options = CosimOptions {
        vcd_dir: Some(dir.path().to_path_buf()),
        perturbation: Some(perturbation),
        ..Default::default()
    };
    let e = run(&options).expect_err("the perturbed RTL is caught");
    let text = e.to_string();
    println!("{text}");
    let m = e.mismatch().expect("a mismatch report");
    let vcd = m.vcd.as_ref().expect("a VCD");
    assert!(vcd.starts_with(dir.path()));
    let dump = std::fs::read_to_string(vcd).unwrap();
    assert!(dump.contains("$timescale"));
    let first = (m.cycle.saturating_sub(200).max(golden::cycle::RESET_CYCLES)) * 10;
    let last = (m.cycle + 20) * 10 + 5;
    assert!(
        dump.contains(&format!("\n#{first}\n")),
        "window starts at {first}"
    );
    assert!(
        dump.contains(&format!("\n#{last}\n")),
        "window ends at {last}"
    );
    assert!(!dump.contains(&format!("\n#{}\n", last + 5)));
    assert!(text.contains(&format!("cycle {}", m.cycle)));
    assert!(text.contains(&vcd.display().to_string()));
    text
}

#[test]
fn a_wrong_learning_rate_reset_value_is_caught() {
    let config = hdl::tiny_config();
    let text = caught(Perturbation::output_lr_shift(&config), |o| {
        suite::directed(&config, o)
    });
    // The first read of register 1 after reset: 4 in golden, 5 in the perturbed RTL.
    assert!(
        text.contains("cfg_rdata expected 4 (golden), got 5 (RTL)"),
        "{text}"
    );
    assert!(text.contains("last 0 AER words"), "{text}");
}

#[test]
fn a_wrong_conv_threshold_is_caught() {
    let config = hdl::tiny_config();
    let text = caught(Perturbation::conv_threshold(&config), |o| {
        suite::mnist(&config, o, &mnist_dir(), 12, 1)
    });
    // The first shuffled training digit (seed 1): its 8 events and end-of-sample word.
    assert!(text.contains("last 9 AER words"), "{text}");
}

#[test]
fn a_perturbation_not_in_the_verilog_is_an_error() {
    let options = CosimOptions {
        vcd_dir: None,
        perturbation: Some(Perturbation {
            find: "no such text".into(),
            replace: "x".into(),
        }),
        ..Default::default()
    };
    let e = testbench::Cosim::new(&hdl::tiny_config(), &options)
        .err()
        .unwrap();
    assert!(matches!(e, CosimError::PerturbationNotFound(_)), "{e}");
}

#[test]
fn mnist_on_the_default_config_in_lockstep() {
    // The default chip through the configuration port is most of the cycles (≈ 1.7 M).
    let dir = tempfile::tempdir().unwrap();
    let r = suite::mnist(
        &Config::default(),
        &options(dir.path()),
        &mnist_dir(),
        10,
        1,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    println!("{r}");
}

#[test]
fn mnist_on_partial_lane_groups_in_lockstep() {
    let dir = tempfile::tempdir().unwrap();
    let r = suite::mnist(
        &suite::partial_groups_config(),
        &options(dir.path()),
        &mnist_dir(),
        20,
        1,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    println!("{r}");
}

/// The chip without its learning unit (`hardware.learning = false`): the directed suite
/// (register writes and reads included: registers 0–5 read 0) and 12 training digits in
/// lock-step, 0 mismatches; the training digits run as inferences (no learning pass is
/// entered, no weight is written), where the same digits on the learning chip learn.
#[test]
fn an_inference_only_chip_in_lockstep() {
    let dir = tempfile::tempdir().unwrap();
    let hits = |r: &suite::Report, name: &str| {
        let point = r.coverage.points.iter().find(|p| p.name == name);
        point
            .unwrap_or_else(|| panic!("no cover point {name}"))
            .hits
    };
    let learning_pass = "fc pass: Output → LearnHidden";
    let mut config = hdl::tiny_config();
    let learning = suite::mnist(&config, &options(dir.path()), &mnist_dir(), 12, 1)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(hits(&learning, learning_pass) > 0);
    config.hardware.learning = false;
    let r = suite::directed(&config, &options(dir.path())).unwrap_or_else(|e| panic!("{e}"));
    println!("{r}");
    let r = suite::mnist(&config, &options(dir.path()), &mnist_dir(), 12, 1)
        .unwrap_or_else(|e| panic!("{e}"));
    println!("{r}");
    assert_eq!(r.samples, 12 + 4);
    assert_eq!(hits(&r, learning_pass), 0);
    assert_eq!(hits(&r, "fc: RowHold → RowWrite"), 0, "no weight written");
}
