//! `spoon run`, `spoon train`, `spoon eval`: on-chip DRTP training and accuracy in the
//! bit-exact model.

use crate::dataset_arg::DataArgs;
use crate::report::{epoch_cells, write_reports, TrainOutput};
use anyhow::{Context, Result};
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
    /// Override training.epochs.
    #[arg(long)]
    epochs: Option<u32>,
    /// Output directory: chip.bin, results.json, summary.md.
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

pub fn run_default(args: RunArgs) -> Result<()> {
    crate::emit::run(crate::emit::EmitArgs {
        config: None,
        out: args.out.join("rtl"),
        board_clocks_per_bit: None,
    })?;
    eprintln!(
        "lock-step co-simulation: the RTL (Verilator) against golden's cycle-stepped model, \
         every port every cycle, on-chip training of real digits:"
    );
    crate::cosim::run(crate::cosim::CosimArgs {
        config: None,
        suite: crate::cosim::Suite::Mnist,
        samples: 20,
        seed: 1,
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
    crate::sim::run(crate::sim::SimArgs {
        config: None,
        chip: Some(args.out.join("chip.bin")),
        data: crate::dataset_arg::DEFAULT_DATA.into(),
        events: None,
        samples: 20,
        check: true,
        vcd: None,
        window: None,
    })?;
    eprintln!(
        "FPGA flow of the default chip for the iCEBreaker (iCE40 UP5K): Yosys, nextpnr, icepack:"
    );
    crate::synth::run(crate::synth::SynthArgs {
        target: "up5k".into(),
        config: None,
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
        "wrote {}, results.json and summary.md in {}",
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
