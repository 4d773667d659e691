//! The generator's figures for docs/RTL.md § "The generator": for each config, the lines of
//! Verilog, the emit time (the emitter of its capacities compiled first if it is not cached:
//! that time is shown apart), the Verilator build time (into a fresh cache), Yosys's iCE40
//! cells (board top, `spoon synth --target up5k` up to technology mapping), the cycles per
//! classification (golden's cycle model, 20 digits of the seeded shuffle) and the cycles of a
//! lock-step run (directed suite + 4 random samples) with its mismatches.
//!
//! `cargo run --release -p spoon-testbench --example generator_table -- [CONFIG.toml ...]`
//! (the default config with 8, 4, 2 and 1 lanes, configs/nmnist.toml, configs/fashion.toml,
//! configs/two-hidden.toml, the tiny test config and its 1-lane minimum when none is given).

use golden::chip::Chip;
use golden::config::Config;
use std::path::{Path, PathBuf};
use std::time::Instant;
use testbench::suite;
use testbench::CosimOptions;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn configs() -> Vec<(String, Config)> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        let file = |n: &str| Config::from_file(&root().join("configs").join(n)).unwrap();
        let lanes = |mut c: Config, l: usize| {
            (c.hardware.conv_lanes, c.hardware.fc_lanes) = (l, l);
            c
        };
        return vec![
            ("default".into(), Config::default()),
            ("default, 4 lanes".into(), lanes(Config::default(), 4)),
            ("default, 2 lanes".into(), lanes(Config::default(), 2)),
            ("default, 1 lane".into(), lanes(Config::default(), 1)),
            ("configs/nmnist.toml".into(), file("nmnist.toml")),
            ("configs/fashion.toml".into(), file("fashion.toml")),
            ("configs/two-hidden.toml".into(), file("two-hidden.toml")),
            ("tiny (tests)".into(), Config::tiny()),
            ("tiny, 1 lane (minimum)".into(), lanes(Config::tiny(), 1)),
        ];
    }
    args.iter()
        .map(|a| {
            (
                a.clone(),
                Config::from_file(Path::new(a)).unwrap_or_else(|e| panic!("{e}")),
            )
        })
        .collect()
}

fn cycles_per_classification(config: &Config) -> f64 {
    let (_, test) = suite::mnist_digits(&root().join("data/mnist-sample"), 1).unwrap();
    let samples = (0..20)
        .map(|i| {
            let mut events = Vec::new();
            suite::digit_events(config, &test, i, &mut events);
            (events, usize::from(test.label(i)) % config.fc.classes)
        })
        .collect();
    let w = spoon_synth::throughput::Workload {
        chip: Chip::new(config),
        samples,
        description: "20 test digits".into(),
    };
    spoon_synth::throughput::measure(&w, 1.0).cycles_per_classification
}

fn yosys_up5k(config: &Config, out: &Path) -> Result<spoon_synth::report::Utilisation, String> {
    let opts = spoon_synth::Options {
        target: spoon_synth::Target::Up5k,
        board_file: None,
        config: config.clone(),
        freq_mhz: None,
        out: out.to_path_buf(),
        use_cache: true,
        cache: spoon_synth::cache::cache_root(),
        seed: 1,
        workload: None,
        command: "generator_table".into(),
    };
    spoon_synth::run_yosys_only(&opts)
        .map(|r| r.utilisation())
        .map_err(|e| e.to_string())
}

fn main() {
    println!(
        "| config | capacities (addr bits k/m/h/o, cfg; count, acc) | Verilog lines | emitter compile s | emit s | Verilator build s | iCE40 LUT / FF / BRAM / SPRAM / DSP | cycles / classification | lock-step cycles, mismatches |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for (name, config) in configs() {
        let dir = tempfile::tempdir().unwrap();
        let caps = golden::cycle::Capacities::of(&config);
        let t = Instant::now();
        hdl::emit(&config, dir.path()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let first = t.elapsed().as_secs_f64();
        let t = Instant::now();
        hdl::emit(&config, dir.path()).unwrap();
        let emit = t.elapsed().as_secs_f64();
        let lines = std::fs::read_to_string(dir.path().join("spoon.v"))
            .unwrap()
            .lines()
            .count();
        let cache = tempfile::tempdir().unwrap();
        let t = Instant::now();
        sim::Model::build_in(&config, cache.path(), sim::Tracing::Off)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let verilator = t.elapsed().as_secs_f64();
        let yosys = match yosys_up5k(&config, &dir.path().join("up5k")) {
            Ok(u) => format!(
                "{} / {} / {} / {} / {}",
                u.luts, u.ff, u.bram, u.spram, u.dsp
            ),
            Err(e) => format!("failed: {e}"),
        };
        let cycles = cycles_per_classification(&config);
        let options = CosimOptions::default();
        let d = suite::directed(&config, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let r = suite::random(&config, &options, 1, 4).unwrap_or_else(|e| panic!("{name}: {e}"));
        println!(
            "| {name} | {}/{}/{}/{}, {}; {}, {} | {lines} | {:.0} | {emit:.1} | {verilator:.0} | {yosys} | {cycles:.0} | {}, {} |",
            caps.kernel_addr_bits,
            caps.membrane_addr_bits,
            caps.hidden_addr_bits,
            caps.output_addr_bits,
            caps.cfg_address_bits,
            caps.count_bits,
            caps.acc_bits,
            (first - emit).max(0.0),
            d.cycles + r.cycles,
            0, // a mismatch is an error: the run stops at the first, with its report and VCD
        );
    }
}
