//! `spoon synth`: the open FPGA flow of a config for a board (Yosys, nextpnr, packer), with its
//! reports and the time per classification at the achieved clock.

use crate::dataset_arg::DataArgs;
use anyhow::{bail, Context, Result};
use golden::chip_image;
use golden::config::Config;
use golden::experiment;
use golden::train::epoch_order;
use spoon_synth::throughput::Workload;
use spoon_synth::{Options, Report, Target};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct SynthArgs {
    /// up5k (iCEBreaker), ecp5-85f, ecp5-45f (ULX3S), or yosys (generic gate count).
    #[arg(long, default_value = "up5k")]
    pub target: String,
    #[command(flatten)]
    pub config: crate::config_arg::ConfigArgs,
    /// A board file (synth/boards/*.toml format) instead of the target's shipped board.
    #[arg(long, value_name = "FILE")]
    pub board: Option<PathBuf>,
    /// Sign-off clock in MHz (the PLL makes it from the oscillator); the board's target if absent.
    #[arg(long, value_name = "MHZ")]
    pub freq: Option<f64>,
    /// Run folder: the tools' inputs, logs and reports, the bitstream, report.json/report.md.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Chip image whose cycles per sample are timed; without it, the config trained on chip
    /// for one epoch on --data.
    #[arg(long, value_name = "FILE")]
    pub chip: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    /// Test samples timed (a seeded shuffle of the test split, so that every class is in it).
    #[arg(long, default_value_t = 50)]
    pub samples: usize,
    /// nextpnr's placer seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u32,
    /// Run Yosys and nextpnr even if the cache holds their result for the same inputs.
    #[arg(long)]
    pub no_cache: bool,
    /// Fail unless every clock meets its constraint (and, with --max-logic, the logic fits).
    #[arg(long)]
    pub check: bool,
    /// With --check: the largest share of logic cells (ICESTORM_LC / TRELLIS_COMB) allowed, %.
    #[arg(long, value_name = "PERCENT")]
    pub max_logic: Option<f64>,
}

pub fn run(args: SynthArgs) -> Result<Report> {
    let target: Target = args.target.parse()?;
    let config = args.config.load()?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("build/synth").join(target.name()));
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    // Bad input is reported before the minutes of work start.
    if let Some(board) = &args.board {
        spoon_synth::Board::from_file(board)?;
    }
    let workload = match target {
        Target::Yosys => None,
        _ => Some(workload(&args, &config)?),
    };
    eprintln!(
        "synthesis for {} into {} (Yosys, nextpnr and the packer; place and route of the default chip takes minutes unless cached)",
        target.name(),
        out.display()
    );
    let report = spoon_synth::run(&Options {
        target,
        board_file: args.board.clone(),
        config,
        freq_mhz: args.freq,
        out: out.clone(),
        use_cache: !args.no_cache,
        cache: spoon_synth::cache::cache_root(),
        seed: args.seed,
        workload,
        command: std::env::args().collect::<Vec<_>>().join(" "),
    })?;
    print_summary(&report);
    println!("wrote {} and report.md", out.join("report.json").display());
    if args.check {
        check(&report, args.max_logic)?;
    }
    Ok(report)
}

/// The chip and samples that time the flow's result.
fn workload(args: &SynthArgs, config: &Config) -> Result<Workload> {
    let data = args.data.load(config)?;
    let chip = match &args.chip {
        Some(path) => {
            let chip = chip_image::load(path)?;
            // Training settings (epochs, schedule) are the host's; the rest is the hardware.
            let mut hardware = chip.config().clone();
            hardware.training = config.training.clone();
            if &hardware != config {
                bail!(
                    "{}: the chip image was made with another config than the one synthesised",
                    path.display()
                );
            }
            chip
        }
        None => {
            let mut once = config.clone();
            once.training.epochs = 1;
            experiment::run(&once, data.train.as_ref(), None, |_| {}).0
        }
    };
    let test = data.test.as_ref();
    if test.is_empty() {
        bail!("{}: the test split is empty", data.name);
    }
    let samples = epoch_order(test.len(), 1, 0)
        .into_iter()
        .take(args.samples.max(1))
        .map(|i| {
            let mut events = Vec::new();
            test.events(config, i, &mut events);
            (events, test.label(i))
        })
        .collect();
    Ok(Workload {
        chip,
        samples,
        description: format!(
            "{}, test split, seeded shuffle (seed 1); chip {}",
            data.name,
            args.chip.as_ref().map_or_else(
                || "trained on chip for 1 epoch".to_string(),
                |p| p.display().to_string()
            )
        ),
    })
}

fn print_summary(r: &Report) {
    if let Some(pr) = &r.place_route {
        for (k, u) in &pr.utilisation {
            println!(
                "  {k:<14} {:>6} / {:<6} {:>5.1} %",
                u.used,
                u.available,
                u.percent()
            );
        }
        for c in &pr.clocks {
            println!(
                "  Fmax {}: {:.2} MHz (constraint {:.2} MHz) {}",
                c.clock,
                c.achieved_mhz,
                c.constraint_mhz,
                if c.met { "PASS" } else { "FAIL" }
            );
        }
    } else {
        for (k, n) in &r.cells {
            println!("  {k:<14} {n:>7}");
        }
    }
    if let Some(f) = &r.failure {
        println!("  place and route FAILED: {f}");
    }
    if let Some(t) = &r.throughput {
        println!(
            "  at {:.2} MHz: {:.1} µs per classification, {:.1} µs per training sample, {:.2} ms per chip load",
            t.clock_mhz, t.us_per_classification, t.us_per_training_sample, t.ms_per_chip_load
        );
    }
    if let Some(b) = &r.bitstream {
        println!("  bitstream {} (sha256 {})", b.path, &b.sha256[..16]);
    }
}

/// `--check`: timing met on every clock, and the logic under `max_logic` % if given.
fn check(r: &Report, max_logic: Option<f64>) -> Result<()> {
    if let Some(f) = &r.failure {
        bail!("place and route failed: {f} (utilisation above)");
    }
    let Some(pr) = &r.place_route else {
        return Ok(());
    };
    if let Some(c) = pr.clocks.iter().find(|c| !c.met) {
        bail!(
            "timing fails: clock {} reaches {:.2} MHz, the constraint is {:.2} MHz",
            c.clock,
            c.achieved_mhz,
            c.constraint_mhz
        );
    }
    if let Some(limit) = max_logic {
        for kind in ["ICESTORM_LC", "TRELLIS_COMB"] {
            if let Some(u) = pr.utilisation.get(kind).filter(|u| u.percent() > limit) {
                bail!(
                    "{kind}: {} of {} used ({:.1} %), over the {limit} % allowed",
                    u.used,
                    u.available,
                    u.percent()
                );
            }
        }
    }
    Ok(())
}
