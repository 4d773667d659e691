//! The generator (hdl `generator.rs`): random valid configs, each with its own capacities,
//! emit, build in Verilator and pass the directed suite and random learning samples in
//! lock-step with golden's cycle model; configs/nmnist.toml and configs/fashion.toml likewise,
//! N-MNIST with on-chip learning from synthetic event streams. Every config is printed with
//! its seed, so a failure can be replayed with `spoon cosim --config`.

use golden::config::Config;
use golden::cycle::Capacities;
use std::path::{Path, PathBuf};
use testbench::suite::{self, random_config};
use testbench::CosimOptions;

fn options(vcd_dir: &Path) -> CosimOptions {
    CosimOptions {
        vcd_dir: Some(vcd_dir.to_path_buf()),
        perturbation: None,
        ..Default::default()
    }
}

fn config_file(name: &str) -> Config {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../configs")
        .join(name);
    Config::from_file(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn mnist_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample")
}

/// Three fixed seeds (1, 4 and 16 lanes with 3, 4 and 3 hidden layers and weight lanes of 4, 5
/// and 7 bits; seed 28's 112-bit words take 16-byte link words) and one from the clock
/// (printed): each config is an emitter compilation (half a minute) and a Verilator build.
#[test]
fn random_configs_are_generated_and_pass_lockstep() {
    let dir = tempfile::tempdir().unwrap();
    let clock = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    for (seed, shape) in [
        (11, Some((1, 3, 4))),
        (23, Some((4, 4, 5))),
        (28, Some((16, 3, 7))),
        (1000 + clock % 100_000, None),
    ] {
        let config = random_config(seed);
        let caps = Capacities::of(&config);
        if let Some(shape) = shape {
            let got = (
                config.hardware.fc_lanes,
                config.fc.hidden.len(),
                caps.weight_bits(),
            );
            assert_eq!(
                got, shape,
                "seed {seed}: lanes, hidden layers, weight lane bits"
            );
        }
        println!(
            "config seed {seed}, capacities {}:\n{}",
            caps.to_json(),
            config.to_toml()
        );
        let d = suite::directed(&config, &options(dir.path()))
            .unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        println!("{d}");
        let r = suite::random(&config, &options(dir.path()), seed, 6)
            .unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        println!("{r}");
    }
}

/// Two channels of 34 × 34 (196 kernel words, 18 configuration address bits): digits learned
/// on chip from their synthetic N-MNIST streams, every cycle equal to golden.
#[test]
fn the_nmnist_config_learns_from_event_streams_in_lockstep() {
    let config = config_file("nmnist.toml");
    let caps = Capacities::of(&config);
    assert_eq!((caps.kernel_addr_bits, caps.cfg_address_bits), (8, 18));
    let dir = tempfile::tempdir().unwrap();
    let r = suite::mnist(&config, &options(dir.path()), &mnist_dir(), 3, 1)
        .unwrap_or_else(|e| panic!("{e}"));
    println!("{r}");
    let r = suite::random(&config, &options(dir.path()), 1, 4).unwrap_or_else(|e| panic!("{e}"));
    println!("{r}");
}

/// 64 kernels, 3-bit spike counters, 24-bit accumulators, 119,808 words of FC layer 0.
#[test]
fn the_fashion_config_in_lockstep() {
    let config = config_file("fashion.toml");
    let caps = Capacities::of(&config);
    assert_eq!(
        (caps.count_bits, caps.acc_bits, caps.hidden_addr_bits),
        (3, 24, 17)
    );
    let dir = tempfile::tempdir().unwrap();
    let r = suite::mnist(&config, &options(dir.path()), &mnist_dir(), 2, 1)
        .unwrap_or_else(|e| panic!("{e}"));
    println!("{r}");
}

/// Membrane lanes as wide as the potentials: 15 bits (the widest, 3-bit counters, 4 lanes:
/// 72-bit membrane words) with 6-bit weight lanes, directed and learning samples in lock-step.
#[test]
fn wide_membranes_in_lockstep() {
    let mut config = Config::tiny();
    config.conv.membrane_bits = 15;
    config.conv.spike_count_bits = 3;
    config.conv.threshold = 300;
    (config.conv.weight_bits, config.fc.weight_bits) = (6, 5);
    config.conv.init_range = 31;
    (config.hardware.conv_lanes, config.hardware.fc_lanes) = (4, 4);
    config.validate().unwrap();
    let caps = Capacities::of(&config);
    assert_eq!((caps.membrane_bits, caps.weight_bits()), (15, 6));
    let dir = tempfile::tempdir().unwrap();
    let d = suite::directed(&config, &options(dir.path())).unwrap_or_else(|e| panic!("{e}"));
    println!("{d}");
    let r = suite::random(&config, &options(dir.path()), 5, 6).unwrap_or_else(|e| panic!("{e}"));
    println!("{r}");
}

/// 16 lanes of bytes (128-bit weight and configuration words) with 7-bit spike counters
/// (16 × (12 + 7) = 304-bit membrane words): 40 kernels in 3 lane groups, the last of 8; 20
/// hidden neurons (a group of 16 and one of 4); 10 classes in one partial group. Directed and
/// learning samples in lock-step.
#[test]
fn sixteen_lanes_in_lockstep() {
    let mut config = Config::tiny();
    config.input.width = 8;
    config.input.height = 8;
    config.conv.kernels = 40;
    config.conv.spike_count_bits = 7;
    config.fc.hidden = vec![20];
    config.fc.classes = 10;
    (config.hardware.conv_lanes, config.hardware.fc_lanes) = (16, 16);
    config.validate().unwrap();
    let caps = Capacities::of(&config);
    assert_eq!(
        (caps.conv_lanes, caps.weight_bits(), caps.count_bits),
        (16, 8, 7)
    );
    let dir = tempfile::tempdir().unwrap();
    let d = suite::directed(&config, &options(dir.path())).unwrap_or_else(|e| panic!("{e}"));
    println!("{d}");
    let r = suite::random(&config, &options(dir.path()), 7, 6).unwrap_or_else(|e| panic!("{e}"));
    println!("{r}");
}

/// What the blocks are not written for is refused before anything is compiled, naming the
/// field: 4 FC lanes beside 8 conv lanes, 32 or 3 lanes, 1 lane for 300 neurons in the first
/// or the second hidden layer (300 lane groups), 10-bit FC weights, 9-bit kernels, 16-bit
/// membranes.
#[test]
fn an_unsupported_config_is_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let lanes = |conv: usize, fc: usize| {
        let mut c = Config::default();
        (c.hardware.conv_lanes, c.hardware.fc_lanes) = (conv, fc);
        c
    };
    let mut many = lanes(32, 32);
    many.conv.kernels = 32;
    let mut groups = lanes(1, 1);
    groups.fc.hidden = vec![300];
    let mut second = lanes(1, 1);
    second.fc.hidden = vec![100, 300];
    second.fc.activation_shifts = vec![4, 8];
    second.learning.hidden_lr_shifts = vec![2, 2];
    let mut wide = Config::default();
    wide.fc.weight_bits = 10;
    let mut wide_kernels = Config::default();
    wide_kernels.conv.weight_bits = 9;
    let mut wide_membranes = Config::default();
    wide_membranes.conv.membrane_bits = 16;
    for (config, field) in [
        (lanes(8, 4), "hardware.fc_lanes"),
        (many, "hardware.conv_lanes"),
        (lanes(3, 3), "hardware.conv_lanes"),
        (groups, "hardware.fc_lanes"),
        (second, "hardware.fc_lanes"),
        (wide, "fc.weight_bits"),
        (wide_kernels, "conv.weight_bits"),
        (wide_membranes, "conv.membrane_bits"),
    ] {
        config.validate().unwrap();
        let e = hdl::emit(&config, dir.path()).unwrap_err();
        assert!(
            matches!(&e, hdl::EmitError::Capacity(c) if c.field == field),
            "{field}: {e}"
        );
    }
}
