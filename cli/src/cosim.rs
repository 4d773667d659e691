//! `spoon cosim`: lock-step co-simulation of the Verilated RTL against golden's cycle-stepped
//! model (`testbench`), every output port compared every cycle; the first mismatch is reported
//! with its cycle, signal, expected and actual value, the last AER words and a VCD.

use anyhow::{Context, Result};
use golden::dataset::ImageSet;
use std::path::{Path, PathBuf};
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
    #[command(flatten)]
    pub config: crate::config_arg::ConfigArgs,
    #[arg(long, value_enum, default_value_t = Suite::Mnist)]
    pub suite: Suite,
    /// Samples (training digits for mnist, random samples for random).
    #[arg(long, default_value_t = 10)]
    pub samples: usize,
    /// Seed of the random suite and of the mnist suite's digit shuffle (printed; the same seed
    /// gives the same run).
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
    let config = args.config.load()?;
    if let Some(dir) = &args.vcd_dir {
        crate::out_dir::prepare(dir, &[])?;
    }
    let options = CosimOptions {
        vcd_dir: args.vcd_dir.clone(),
        perturbation: None,
        ..Default::default()
    };
    let started = std::time::Instant::now();
    let result = match args.suite {
        Suite::Directed => suite::directed(&config, &options),
        Suite::Random => {
            println!("seed {}", args.seed);
            suite::random(&config, &options, args.seed, args.samples)
        }
        Suite::Mnist => {
            announce_digits(&args)?;
            suite::mnist(&config, &options, &args.data, args.samples, args.seed)
        }
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
            // Only a difference between the RTL and golden is a mismatch; a data, build or
            // check failure is reported as itself.
            if e.mismatch().is_some() {
                println!("1 mismatch");
            }
            Err(e).context(format!("{:?} suite", args.suite))
        }
    }
}

/// The labels of the digits the mnist suite takes: a seeded shuffle, so the first N cover
/// the classes even though `data/mnist-sample` is sorted by digit.
pub fn digit_labels(data: &Path, seed: u64, samples: usize) -> Result<(Vec<u8>, Vec<u8>)> {
    let (train, test) = suite::mnist_digits(data, seed)?;
    let first = |set: &ImageSet, n: usize| (0..n).map(|i| set.label(i % set.len())).collect();
    Ok((first(&train, samples), first(&test, samples / 4 + 1)))
}

fn announce_digits(args: &CosimArgs) -> Result<()> {
    let (train, test) = digit_labels(&args.data, args.seed, args.samples)?;
    println!(
        "digits of {} in a seeded shuffle (seed {}): training {}; test {}",
        args.data.display(),
        args.seed,
        label_summary(&train),
        label_summary(&test)
    );
    Ok(())
}

/// The first labels (at most 20) and how many classes all of them cover.
fn label_summary(labels: &[u8]) -> String {
    let shown = &labels[..labels.len().min(20)];
    let more = if labels.len() > shown.len() {
        ", …"
    } else {
        ""
    };
    let mut classes = labels.to_vec();
    classes.sort_unstable();
    classes.dedup();
    let list: Vec<String> = shown.iter().map(u8::to_string).collect();
    format!(
        "labels [{}{more}] ({} digits, {} classes)",
        list.join(", "),
        labels.len(),
        classes.len()
    )
}
