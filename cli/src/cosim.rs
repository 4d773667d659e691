//! `spoon cosim`: lock-step co-simulation of the Verilated RTL against golden's cycle-stepped
//! model (`testbench`), every output port compared every cycle; the first mismatch is reported
//! with its cycle, signal, expected and actual value, the last AER words and a VCD.

use anyhow::{Context, Result};
use golden::config::Config;
use std::path::PathBuf;
use testbench::{suite, CosimOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Suite {
    /// Every register, a sample of every memory, FIFO full, saturation, reset mid-sample.
    Directed,
    /// Seeded random event streams, pacing, register writes and reads (--seed).
    Random,
    /// Real digits (--data): on-chip training, then inference, FC weights checked.
    Mnist,
    /// The hard cover points by construction (derivative-window edges, shift 16, every
    /// label, ignored-counter saturation; tiny configs).
    Corners,
}

#[derive(Debug, clap::Args)]
pub struct CosimArgs {
    /// Configuration file (TOML); the built-in default when omitted.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Suite::Mnist)]
    pub suite: Suite,
    /// Samples (training digits for mnist, random samples for random).
    #[arg(long, default_value_t = 10)]
    pub samples: usize,
    /// Seed of the random suite (printed; the same seed gives the same run).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Directory for the VCD of a mismatch (default: target/spoon-cosim).
    #[arg(long, value_name = "DIR")]
    pub vcd_dir: Option<PathBuf>,
    /// Split directory of the mnist suite (train-/t10k- IDX files).
    #[arg(long, value_name = "DIR", default_value = crate::dataset_arg::DEFAULT_DATA)]
    pub data: PathBuf,
}

pub fn run(args: CosimArgs) -> Result<()> {
    let config = match &args.config {
        Some(path) => {
            Config::from_file(path).with_context(|| format!("reading {}", path.display()))?
        }
        None => Config::default(),
    };
    let options = CosimOptions {
        vcd_dir: args.vcd_dir.clone(),
        perturbation: None,
    };
    let started = std::time::Instant::now();
    let result = match args.suite {
        Suite::Directed => suite::directed(&config, &options),
        Suite::Random => {
            println!("seed {}", args.seed);
            suite::random(&config, &options, args.seed, args.samples)
        }
        Suite::Mnist => suite::mnist(&config, &options, &args.data, args.samples),
        Suite::Corners => suite::corners(&config, &options),
    };
    match result {
        Ok(report) => {
            let seconds = started.elapsed().as_secs_f64();
            println!("{}\n", report.coverage);
            println!("{report}");
            println!(
                "{seconds:.1} s including the model build, {:.0} k cycles/s",
                report.cycles as f64 / seconds / 1e3
            );
            Ok(())
        }
        Err(e) => {
            println!("1 mismatch");
            Err(e).context(format!("{:?} suite", args.suite))
        }
    }
}
