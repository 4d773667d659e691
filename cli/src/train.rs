//! `spoon run`, `spoon train`, `spoon eval`: on-chip DRTP training and accuracy in the
//! bit-exact model.

use crate::dataset_arg::DataArgs;
use crate::report::{epoch_cells, write_reports, TrainOutput};
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use golden::chip_image;
use golden::config::Config;
use golden::experiment::{self, Progress};
use golden::train::evaluate;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Output directory.
    #[arg(long, default_value = "build/run")]
    out: PathBuf,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Parameter set (TOML); the built-in default if absent.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(flatten)]
    data: DataArgs,
    /// Override training.epochs (at least 1).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    epochs: Option<u32>,
    /// Output directory: chip.bin, results.json, summary.md, learning-curve.svg.
    #[arg(long, default_value = "build/train")]
    out: PathBuf,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Split {
    Train,
    Test,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Chip image written by `spoon train`.
    #[arg(long, value_name = "FILE")]
    chip: PathBuf,
    #[command(flatten)]
    data: DataArgs,
    /// Which split to measure.
    #[arg(long, value_enum, default_value = "test")]
    split: Split,
}

/// Seed of the digit shuffles of `spoon run`'s lock-step run and RTL check: the shipped sample
/// is sorted by digit, so its first 20 digits would all be 0s.
pub const RUN_SEED: u32 = 1;

/// Files `spoon train` writes into its output directory.
const TRAIN_OUTPUTS: [&str; 4] = [
    "chip.bin",
    "results.json",
    "summary.md",
    "learning-curve.svg",
];

/// What `spoon run` reads and writes, checked before it writes anything: the shipped sample is
/// found relative to the working directory.
fn check_run_inputs(args: &RunArgs) -> Result<()> {
    let data = std::path::Path::new(crate::dataset_arg::DEFAULT_DATA);
    golden::dataset::load_split_dir(data).with_context(|| {
        format!(
            "spoon run trains on the sample shipped in the repository ({}): run it from the \
             repository's root",
            data.display()
        )
    })?;
    crate::out_dir::prepare(&args.out, &TRAIN_OUTPUTS)
}

/// The RTL check of `spoon run`: 20 test digits of `data` (a seeded shuffle) through the
/// Verilated chip, every class and membrane map against golden.
fn run_check(chip: Option<PathBuf>, data: PathBuf) -> crate::sim::SimArgs {
    crate::sim::SimArgs {
        config: None,
        chip,
        data,
        events: None,
        samples: 20,
        seed: RUN_SEED,
        check: true,
        vcd: None,
        window: None,
        train: false,
        quiet: false,
    }
}

pub fn run_default(args: RunArgs) -> Result<()> {
    check_run_inputs(&args)?;
    crate::emit::run(crate::emit::EmitArgs {
        config: Default::default(),
        out: args.out.join("rtl"),
        board_clocks_per_bit: None,
    })?;
    eprintln!(
        "lock-step co-simulation: the RTL (Verilator) against golden's cycle-stepped model, \
         every port every cycle, on-chip training of real digits:"
    );
    crate::cosim::run(crate::cosim::CosimArgs {
        config: Default::default(),
        suite: crate::cosim::Suite::Mnist,
        samples: 20,
        seed: RUN_SEED.into(),
        vcd_dir: Some(args.out.join("cosim")),
        data: crate::dataset_arg::DEFAULT_DATA.into(),
    })?;
    train(TrainArgs {
        config: None,
        data: DataArgs {
            data: crate::dataset_arg::DEFAULT_DATA.into(),
            nmnist: None,
            nmnist_limit: None,
        },
        epochs: None,
        out: args.out.clone(),
        quiet: args.quiet,
    })?;
    eprintln!(
        "cycle-accurate RTL simulation (Verilator) of the trained chip, checked against golden:"
    );
    crate::sim::run(run_check(
        Some(args.out.join("chip.bin")),
        crate::dataset_arg::DEFAULT_DATA.into(),
    ))?;
    eprintln!(
        "FPGA flow of the default chip for the iCEBreaker (iCE40 UP5K): Yosys, nextpnr, icepack:"
    );
    crate::synth::run(crate::synth::SynthArgs {
        target: "up5k".into(),
        config: Default::default(),
        board: None,
        freq: None,
        out: Some(args.out.join("synth-up5k")),
        chip: Some(args.out.join("chip.bin")),
        data: DataArgs {
            data: crate::dataset_arg::DEFAULT_DATA.into(),
            nmnist: None,
            nmnist_limit: None,
        },
        samples: 50,
        seed: 1,
        no_cache: false,
        check: false,
        max_logic: None,
    })
    .map(|_| ())
}

pub fn train(args: TrainArgs) -> Result<()> {
    let mut config = match &args.config {
        Some(path) => Config::from_file(path)?,
        None => Config::default(),
    };
    if let Some(epochs) = args.epochs {
        config.training.epochs = epochs;
    }
    config.validate()?;
    if let (false, Some(path)) = (config.hardware.learning, &args.config) {
        bail!(
            "{}: hardware.learning = false: a chip without its learning unit cannot train on chip \
             (train the config with it, then build the inference-only chip with --inference-only)",
            path.display()
        );
    }
    crate::out_dir::prepare(&args.out, &TRAIN_OUTPUTS)?;
    let data = args.data.load(&config)?;
    eprintln!(
        "training on chip (bit-exact model): {} — {} train / {} test samples, {} epochs",
        data.name,
        data.train.len(),
        data.test.len(),
        config.training.epochs
    );
    let bar = progress_bar(args.quiet);
    let (chip, report) = experiment::run(
        &config,
        data.train.as_ref(),
        Some(data.test.as_ref()),
        |p| match p {
            Progress::EpochStart { epoch, samples } => {
                bar.set_length(samples as u64);
                bar.set_position(0);
                bar.set_message(format!("epoch {epoch}"));
            }
            Progress::Sample => bar.inc(1),
            Progress::EpochEnd(e) => {
                let [epoch, shifts, train, val, test, rate] = epoch_cells(e);
                let line = format!(
                    "epoch {epoch:>2}  lr shifts {shifts}  train {train} %  \
                     validation {val} %  test {test} %  ({rate} samples/s)"
                );
                // A hidden bar (no terminal, or --quiet) swallows println; the log still matters.
                if bar.is_hidden() {
                    eprintln!("{line}");
                } else {
                    bar.println(line);
                }
            }
        },
    );
    bar.finish_and_clear();
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let chip_path = args.out.join("chip.bin");
    chip_image::save(&chip, &chip_path)?;
    let output = TrainOutput {
        command: std::env::args().collect::<Vec<_>>().join(" "),
        dataset: data.name,
        chip_image: chip_path.display().to_string(),
        config,
        report,
    };
    write_reports(&output, &args.out)?;
    println!("{}", output.final_line());
    println!(
        "wrote {}, results.json, summary.md and learning-curve.svg in {}",
        chip_path.display(),
        args.out.display()
    );
    Ok(())
}

pub fn eval(args: EvalArgs) -> Result<()> {
    let mut chip = chip_image::load(&args.chip)?;
    let data = args.data.load(chip.config())?;
    let set = match args.split {
        Split::Train => data.train,
        Split::Test => data.test,
    };
    let score = evaluate(&mut chip, set.as_ref());
    println!(
        "{} on {} ({:?}): {} / {} correct = {:.2} %",
        args.chip.display(),
        data.name,
        args.split,
        score.correct,
        score.total,
        100.0 * score.accuracy()
    );
    Ok(())
}

fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} {per_sec} eta {eta}")
            .expect("static template")
            .progress_chars("=> "),
    );
    bar
}

#[cfg(test)]
mod tests {
    use super::RUN_SEED;
    use std::path::{Path, PathBuf};

    fn shipped() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample")
    }

    /// The 20 training digits `spoon run` co-simulates in lock-step and the 20 test digits it
    /// checks in the RTL, with the labels they have for its seed: every class, not 20 zeros
    /// (the shipped sample is sorted by digit).
    #[test]
    fn spoon_run_checks_20_digits_of_mixed_classes() {
        let (train, test) = crate::cosim::digit_labels(&shipped(), RUN_SEED.into(), 20).unwrap();
        let args = super::run_check(None, shipped());
        let config = golden::config::Config::default();
        let sim: Vec<u8> = crate::sim::samples(&args, &config)
            .unwrap()
            .into_iter()
            .map(|(_, _, label)| label)
            .collect();
        assert_eq!(
            train,
            [8, 3, 2, 2, 9, 4, 4, 6, 8, 9, 1, 9, 1, 6, 5, 2, 2, 0, 0, 3]
        );
        assert_eq!(test, [8, 4, 9, 2, 7, 7]);
        assert_eq!(
            sim,
            [0, 9, 5, 5, 3, 2, 0, 8, 9, 4, 6, 6, 8, 4, 0, 9, 8, 8, 9, 6]
        );
        let classes = |l: &[u8]| (0..10).filter(|c| l.contains(c)).count();
        assert_eq!((classes(&train), classes(&sim)), (9, 8));
    }
}
