//! `spoon lab ...`: the experiments from the command line. Each command writes
//! `<out>/<name>.json` (every curve), `<out>/<name>.md` (summary table) and SVG charts.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use crate::conv::ConvGeometry;
use crate::experiments::{
    conv_spec, image_data, image_spec, regression_data, regression_spec, run_experiment,
    save_report, summary_table, synthetic_data, synthetic_spec, ExperimentReport, ExperimentSpec,
    LrChoice,
};
use crate::learning::TrainingMode;
use crate::network::Init;
use crate::optimizer::Optimizer;
use crate::plot::plot_report;

#[derive(clap::Subcommand, Debug)]
pub enum LabCommand {
    /// Regression task: 256-100-100-10, cosine targets, 5k/1k samples, batch 50.
    Regression(TaskArgs),
    /// Synthetic classification (make_classification equivalent): 256-500-500-10, 25k/5k.
    Synthetic(TaskArgs),
    /// Image classification from an IDX directory (MNIST layout, e.g. Fashion-MNIST).
    Images(ImageArgs),
    /// MNIST CONV: one conv layer (tanh) then FC to 10 outputs, on an IDX directory of 28×28
    /// images.
    Conv(ConvArgs),
    /// Redraw the charts (and table) of a saved JSON report.
    Plot {
        /// report written by one of the other commands
        json: PathBuf,
        /// output folder (default: the report's folder)
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(clap::Args, Debug)]
pub struct TaskArgs {
    /// training epochs (default: the paper's 500 for the synthetic tasks, 100 for images)
    #[arg(long)]
    pub epochs: Option<usize>,
    /// seed of the data, the weights, the feedback matrices and the minibatch order
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// output folder
    #[arg(long, default_value = "build/lab")]
    pub out: PathBuf,
    /// training modes to run, comma separated (default: all six)
    #[arg(long, value_enum, value_delimiter = ',')]
    pub modes: Vec<TrainingMode>,
    /// learning rate: one value for all modes, or MODE=VALUE pairs, comma separated
    #[arg(long, value_delimiter = ',')]
    pub lr: Vec<String>,
    /// tune the learning rate of each mode over this comma-separated grid on a validation
    /// slice of the training set (overrides --lr)
    #[arg(long, value_delimiter = ',')]
    pub tune: Vec<f32>,
    /// epochs of each tuning run
    #[arg(long, default_value_t = 5)]
    pub tune_epochs: usize,
    /// size of the validation slice (default: a fifth of the training set)
    #[arg(long)]
    pub validation: Option<usize>,
    /// forward-weight initialisation; `paper`: zero for FA/DFA/sDFA/DRTP, He for BP/shallow
    #[arg(long, value_enum, default_value_t = InitChoice::Paper)]
    pub init: InitChoice,
    #[arg(long, value_enum)]
    pub optimizer: Option<Optimizer>,
    #[arg(long)]
    pub batch: Option<usize>,
    /// measure the angles to BP on one minibatch out of this many (0: never)
    #[arg(long)]
    pub angle_every: Option<usize>,
}

#[derive(clap::Args, Debug)]
pub struct ImageArgs {
    /// directory holding train-/t10k- images and labels in IDX format (.gz or not)
    #[arg(long)]
    pub data: PathBuf,
    /// name of the experiment (file names of the outputs)
    #[arg(long)]
    pub name: String,
    /// layer sizes, input first
    #[arg(long, default_value = "784-500-10")]
    pub topology: String,
    #[command(flatten)]
    pub task: TaskArgs,
}

#[derive(clap::Args, Debug)]
pub struct ConvArgs {
    /// directory holding train-/t10k- images and labels in IDX format (.gz or not)
    #[arg(long)]
    pub data: PathBuf,
    /// name of the experiment (file names of the outputs)
    #[arg(long, default_value = "mnist-conv")]
    pub name: String,
    /// kernels (output channels) of the conv layer
    #[arg(long, default_value_t = 16)]
    pub channels: usize,
    /// kernel side, pixels
    #[arg(long, default_value_t = 5)]
    pub kernel: usize,
    /// kernel stride, pixels
    #[arg(long, default_value_t = 2)]
    pub stride: usize,
    #[command(flatten)]
    pub task: TaskArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InitChoice {
    Paper,
    He,
    Zero,
}

pub fn run(cmd: LabCommand) -> anyhow::Result<()> {
    match cmd {
        LabCommand::Regression(args) => {
            let spec = customise(regression_spec(500, args.seed), &args)?;
            let (train, test) = regression_data(args.seed);
            finish(&spec, &train, &test, &args.out)
        }
        LabCommand::Synthetic(args) => {
            let spec = customise(synthetic_spec(500, args.seed), &args)?;
            let (train, test) = synthetic_data(args.seed);
            finish(&spec, &train, &test, &args.out)
        }
        LabCommand::Images(args) => {
            let sizes = parse_topology(&args.topology)?;
            let base = image_spec(&args.name, sizes, 100, args.task.seed);
            let spec = customise(base, &args.task)?;
            let (train, test) = image_data(&args.data)
                .with_context(|| format!("loading images from {}", args.data.display()))?;
            if train.features() != spec.sizes[0] {
                bail!(
                    "{}: images have {} pixels but the topology starts with {}",
                    args.data.display(),
                    train.features(),
                    spec.sizes[0]
                );
            }
            finish(&spec, &train, &test, &args.task.out)
        }
        LabCommand::Conv(args) => {
            let (train, test) = image_data(&args.data)
                .with_context(|| format!("loading images from {}", args.data.display()))?;
            let side = (train.features() as f64).sqrt().round() as usize;
            if side * side != train.features() || args.kernel == 0 || args.kernel > side {
                bail!(
                    "{}: {} pixels per image is not a square of side ≥ the {}-pixel kernel",
                    args.data.display(),
                    train.features(),
                    args.kernel
                );
            }
            if args.stride == 0 || args.channels == 0 {
                bail!("--stride and --channels must be at least 1");
            }
            let conv = ConvGeometry {
                side,
                kernel: args.kernel,
                stride: args.stride,
                channels: args.channels,
            };
            let spec = customise(conv_spec(&args.name, conv, 100, args.task.seed), &args.task)?;
            finish(&spec, &train, &test, &args.task.out)
        }
        LabCommand::Plot { json, out } => replot(&json, out.as_deref()),
    }
}

fn customise(mut spec: ExperimentSpec, args: &TaskArgs) -> anyhow::Result<ExperimentSpec> {
    if let Some(epochs) = args.epochs {
        spec.epochs = epochs;
    }
    if !args.modes.is_empty() {
        spec.modes = args.modes.clone();
    }
    if let Some(optimizer) = args.optimizer {
        spec.optimizer = optimizer;
    }
    if let Some(batch) = args.batch {
        spec.batch_size = batch;
    }
    if let Some(every) = args.angle_every {
        spec.angle_every = every;
    }
    spec.init = match args.init {
        InitChoice::Paper => None,
        InitChoice::He => Some(Init::He),
        InitChoice::Zero => Some(Init::Zero),
    };
    if !args.lr.is_empty() {
        spec.lr = parse_lr(&args.lr, &spec.lr)?;
    }
    if !args.tune.is_empty() {
        spec.lr = LrChoice::Tune {
            grid: args.tune.clone(),
            epochs: args.tune_epochs,
            validation: args.validation.unwrap_or(0),
        };
    }
    Ok(spec)
}

/// `["0.01"]` or `["bp=0.01", "drtp=0.001"]`; modes not listed keep `current`'s fixed rate.
fn parse_lr(items: &[String], current: &LrChoice) -> anyhow::Result<LrChoice> {
    let mut default = match current {
        LrChoice::Fixed(lr) => *lr,
        _ => 1e-3,
    };
    let mut rates = Vec::new();
    for item in items {
        match item.split_once('=') {
            None => default = item.parse().with_context(|| format!("--lr {item}"))?,
            Some((mode, value)) => {
                let mode: TrainingMode = mode.parse()?;
                let lr: f32 = value.parse().with_context(|| format!("--lr {item}"))?;
                rates.push((mode, lr));
            }
        }
    }
    Ok(if rates.is_empty() {
        LrChoice::Fixed(default)
    } else {
        LrChoice::PerMode { default, rates }
    })
}

fn parse_topology(text: &str) -> anyhow::Result<Vec<usize>> {
    let sizes = text
        .split(['-', '_', ','])
        .map(|s| s.parse::<usize>())
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("--topology {text}: expected sizes like 784-500-10"))?;
    if sizes.len() < 2 || sizes.contains(&0) {
        bail!("--topology {text}: need at least an input and an output size, none zero");
    }
    Ok(sizes)
}

fn finish(
    spec: &ExperimentSpec,
    train: &crate::data::Dataset,
    test: &crate::data::Dataset,
    out: &Path,
) -> anyhow::Result<()> {
    let mut spec = spec.clone();
    if let LrChoice::Tune { validation, .. } = &mut spec.lr {
        if *validation == 0 {
            *validation = train.len() / 5;
        }
    }
    let report = run_experiment(&spec, train, test, |line| eprintln!("{line}"));
    let written = save_report(&report, out)
        .with_context(|| format!("writing the {} report into {}", spec.name, out.display()))?;
    print!("{}", summary_table(&report));
    for path in written {
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

fn replot(json: &Path, out: Option<&Path>) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(json).with_context(|| format!("reading {}", json.display()))?;
    let report: ExperimentReport = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a lab report", json.display()))?;
    let dir = out.unwrap_or_else(|| json.parent().unwrap_or(Path::new(".")));
    for path in plot_report(&report, dir)? {
        eprintln!("wrote {}", path.display());
    }
    print!("{}", summary_table(&report));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(clap::Parser)]
    struct Wrapper {
        #[command(subcommand)]
        cmd: LabCommand,
    }

    #[test]
    fn parses_per_mode_rates_and_topology() {
        let w = Wrapper::try_parse_from([
            "spoon",
            "images",
            "--data",
            "d",
            "--name",
            "n",
            "--topology",
            "784-1000-10",
            "--lr",
            "0.01,drtp=0.002",
            "--modes",
            "bp,drtp",
        ])
        .unwrap();
        let LabCommand::Images(args) = w.cmd else {
            panic!("not images")
        };
        assert_eq!(parse_topology(&args.topology).unwrap(), vec![784, 1000, 10]);
        let lr = parse_lr(&args.task.lr, &LrChoice::Fixed(1.0)).unwrap();
        assert_eq!(
            lr,
            LrChoice::PerMode {
                default: 0.01,
                rates: vec![(TrainingMode::Drtp, 0.002)]
            }
        );
        assert_eq!(args.task.modes, vec![TrainingMode::Bp, TrainingMode::Drtp]);
    }

    #[test]
    fn parses_the_conv_geometry() {
        let w = Wrapper::try_parse_from([
            "spoon",
            "conv",
            "--data",
            "d",
            "--stride",
            "1",
            "--channels",
            "8",
            "--epochs",
            "3",
        ])
        .unwrap();
        let LabCommand::Conv(args) = w.cmd else {
            panic!("not conv")
        };
        assert_eq!((args.channels, args.kernel, args.stride), (8, 5, 1));
        assert_eq!(
            (args.name.as_str(), args.task.epochs),
            ("mnist-conv", Some(3))
        );
    }
}
