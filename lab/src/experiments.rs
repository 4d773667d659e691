//! The paper's experiments as functions: every mode on one task, learning rates tuned on a
//! validation slice of the training set, curves kept for JSON and plots.

use std::path::Path;
use std::time::Instant;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::activation::{Activation, Loss};
use crate::conv::ConvGeometry;
use crate::data::images::{load_split_dir, to_dataset, DatasetError};
use crate::data::synth::{make_classification, regression, ClassificationParams};
use crate::data::Dataset;
use crate::learning::TrainingMode;
use crate::network::Init;
use crate::optimizer::Optimizer;
use crate::trainer::{EpochRecord, Metrics, TrainConfig, Trainer};

/// How a run's learning rate is chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LrChoice {
    /// the same rate for every mode
    Fixed(f32),
    /// a rate per mode, `default` for the others
    PerMode {
        default: f32,
        rates: Vec<(TrainingMode, f32)>,
    },
    /// for each mode, the rate of `grid` with the lowest validation error (classification) or
    /// loss (regression) after `epochs` epochs on the training set less `validation` samples
    Tune {
        grid: Vec<f32>,
        epochs: usize,
        validation: usize,
    },
}

/// One experiment: a task, a topology and the modes to compare on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExperimentSpec {
    pub name: String,
    /// units per layer, input first
    pub sizes: Vec<usize>,
    pub loss: Loss,
    pub modes: Vec<TrainingMode>,
    pub epochs: usize,
    pub batch_size: usize,
    pub optimizer: Optimizer,
    pub lr: LrChoice,
    /// `None`: each mode's [`TrainingMode::default_init`]
    pub init: Option<Init>,
    pub angle_every: usize,
    /// training metrics are measured on the first this-many training samples
    pub train_probe: usize,
    pub seed: u64,
    /// a conv layer in place of the first FC layer (`sizes` then follow from it)
    #[serde(default)]
    pub conv: Option<ConvGeometry>,
}

/// Learning-rate search of one mode: every candidate with its validation figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tuning {
    pub epochs: usize,
    pub validation_samples: usize,
    /// `(lr, validation error % or loss)`
    pub candidates: Vec<(f32, f64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    pub mode: TrainingMode,
    pub lr: f32,
    pub init: Init,
    pub tuning: Option<Tuning>,
    pub history: Vec<EpochRecord>,
}

impl RunReport {
    pub fn last(&self) -> &EpochRecord {
        self.history.last().expect("a run has its epoch-0 record")
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExperimentReport {
    pub spec: ExperimentSpec,
    pub train_samples: usize,
    pub test_samples: usize,
    pub runs: Vec<RunReport>,
}

/// The figure a run is judged by: classification error when labelled, else the loss.
pub fn score(metrics: &Metrics) -> f64 {
    metrics.error_pct.unwrap_or(metrics.loss)
}

/// Regression task: 5k training and 1k test samples of 256 features and 10 targets.
pub fn regression_data(seed: u64) -> (Dataset, Dataset) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let train = regression(5000, 256, 10, &mut rng);
    let test = regression(1000, 256, 10, &mut rng);
    (train, test)
}

/// Synthetic classification task: the first 25k samples train, the last 5k test.
pub fn synthetic_data(seed: u64) -> (Dataset, Dataset) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let all = make_classification(&ClassificationParams::paper(), &mut rng);
    let train: Vec<usize> = (0..25_000).collect();
    let test: Vec<usize> = (25_000..all.len()).collect();
    (all.select(&train), all.select(&test))
}

/// Image classification from an IDX directory (MNIST layout), 10 classes.
pub fn image_data(dir: &Path) -> Result<(Dataset, Dataset), DatasetError> {
    let (train, test) = load_split_dir(dir)?;
    Ok((to_dataset(&train, 10), to_dataset(&test, 10)))
}

/// The paper's regression setup (256-100-100-10, tanh, linear outputs with MSE, batch 50).
pub fn regression_spec(epochs: usize, seed: u64) -> ExperimentSpec {
    ExperimentSpec {
        name: "regression".into(),
        sizes: vec![256, 100, 100, 10],
        loss: Loss::Mse,
        modes: TrainingMode::ALL.to_vec(),
        epochs,
        batch_size: 50,
        optimizer: Optimizer::Nag,
        lr: LrChoice::Fixed(5e-4),
        init: None,
        angle_every: 1,
        train_probe: 5000,
        seed,
        conv: None,
    }
}

/// The paper's synthetic classification setup (256-500-500-10, sigmoid outputs with BCE).
pub fn synthetic_spec(epochs: usize, seed: u64) -> ExperimentSpec {
    ExperimentSpec {
        name: "synthetic".into(),
        sizes: vec![256, 500, 500, 10],
        loss: Loss::Bce,
        modes: TrainingMode::ALL.to_vec(),
        epochs,
        batch_size: 100,
        optimizer: Optimizer::Nag,
        lr: LrChoice::Fixed(1e-3),
        init: None,
        angle_every: 10,
        train_probe: 5000,
        seed,
        conv: None,
    }
}

/// An MNIST-format image task with the given topology (e.g. `[784, 500, 10]`).
pub fn image_spec(name: &str, sizes: Vec<usize>, epochs: usize, seed: u64) -> ExperimentSpec {
    ExperimentSpec {
        name: name.into(),
        sizes,
        loss: Loss::Bce,
        modes: TrainingMode::ALL.to_vec(),
        epochs,
        batch_size: 100,
        optimizer: Optimizer::Nag,
        lr: LrChoice::Fixed(1e-3),
        init: None,
        angle_every: 10,
        train_probe: 10_000,
        seed,
        conv: None,
    }
}

/// The MNIST CONV experiment: `conv` on 28×28 images, tanh, then FC to 10 sigmoid outputs.
pub fn conv_spec(name: &str, conv: ConvGeometry, epochs: usize, seed: u64) -> ExperimentSpec {
    ExperimentSpec {
        sizes: conv.sizes(10),
        conv: Some(conv),
        ..image_spec(name, conv.sizes(10), epochs, seed)
    }
}

/// Runs every mode of `spec`; `log` receives one-line progress messages.
pub fn run_experiment(
    spec: &ExperimentSpec,
    train: &Dataset,
    test: &Dataset,
    mut log: impl FnMut(&str),
) -> ExperimentReport {
    let probe = train.head(spec.train_probe);
    let runs = spec
        .modes
        .iter()
        .map(|&mode| {
            let init = spec.init.unwrap_or(mode.default_init());
            let (lr, tuning) = choose_lr(spec, mode, init, train, &mut log);
            let mut trainer = Trainer::new(config(spec, mode, init, lr));
            let started = Instant::now();
            let every = (spec.epochs / 10).max(1);
            let history = trainer.run(train, &probe, test, spec.epochs, |r| {
                if r.epoch % every == 0 || r.epoch == spec.epochs {
                    log(&progress_line(spec, mode, r));
                }
            });
            let seconds = started.elapsed().as_secs_f64();
            log(&format!("{} {mode}: {seconds:.1} s", spec.name));
            RunReport {
                mode,
                lr,
                init,
                tuning,
                history,
            }
        })
        .collect();
    ExperimentReport {
        spec: spec.clone(),
        train_samples: train.len(),
        test_samples: test.len(),
        runs,
    }
}

fn config(spec: &ExperimentSpec, mode: TrainingMode, init: Init, lr: f32) -> TrainConfig {
    TrainConfig {
        mode,
        sizes: spec.sizes.clone(),
        hidden: Activation::Tanh,
        loss: spec.loss,
        init,
        optimizer: spec.optimizer,
        lr,
        batch_size: spec.batch_size,
        angle_every: spec.angle_every,
        seed: spec.seed.wrapping_add(1),
        conv: spec.conv,
    }
}

fn choose_lr(
    spec: &ExperimentSpec,
    mode: TrainingMode,
    init: Init,
    train: &Dataset,
    log: &mut impl FnMut(&str),
) -> (f32, Option<Tuning>) {
    let (grid, epochs, validation) = match &spec.lr {
        LrChoice::Fixed(lr) => return (*lr, None),
        LrChoice::PerMode { default, rates } => {
            let lr = rates
                .iter()
                .find(|(m, _)| *m == mode)
                .map_or(*default, |r| r.1);
            return (lr, None);
        }
        LrChoice::Tune {
            grid,
            epochs,
            validation,
        } => (grid, *epochs, *validation),
    };
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed.wrapping_add(2));
    let (fit, held_out) = train.split_validation(validation, &mut rng);
    let candidates: Vec<(f32, f64)> = grid
        .iter()
        .map(|&lr| {
            let mut cfg = config(spec, mode, init, lr);
            cfg.angle_every = 0;
            let mut trainer = Trainer::new(cfg);
            let empty = fit.head(0);
            let history = trainer.run(&fit, &empty, &held_out, epochs, |_| {});
            let last = &history.last().expect("epoch 0 at least").test;
            let figure = if score(last).is_finite() {
                score(last)
            } else {
                f64::INFINITY
            };
            log(&format!(
                "{} {mode}: tune lr {lr:e} -> validation {figure:.4}",
                spec.name
            ));
            (lr, figure)
        })
        .collect();
    let best = candidates
        .iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .expect("a non-empty grid")
        .0;
    let tuning = Tuning {
        epochs,
        validation_samples: validation,
        candidates,
    };
    (best, Some(tuning))
}

fn progress_line(spec: &ExperimentSpec, mode: TrainingMode, r: &EpochRecord) -> String {
    let angles: Vec<String> = r
        .angles_deg
        .iter()
        .map(|a| a.map_or("-".into(), |a| format!("{a:.1}")))
        .collect();
    format!(
        "{} {mode} epoch {}: train {:.4} test {:.4} angles [{}]",
        spec.name,
        r.epoch,
        score(&r.train),
        score(&r.test),
        angles.join(", ")
    )
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{path}: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Plot(#[from] crate::plot::PlotError),
}

/// Writes `<name>.json` (every curve), `<name>.md` (the summary table) and the SVG charts
/// into `dir`; returns the paths written.
pub fn save_report(
    report: &ExperimentReport,
    dir: &Path,
) -> Result<Vec<std::path::PathBuf>, SaveError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SaveError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let name = &report.spec.name;
    let json = dir.join(format!("{name}.json"));
    let text = serde_json::to_string_pretty(report).expect("reports serialise");
    std::fs::write(&json, text).map_err(io(&json))?;
    let table = dir.join(format!("{name}.md"));
    std::fs::write(&table, summary_table(report)).map_err(io(&table))?;
    let mut written = vec![json, table];
    written.extend(crate::plot::plot_report(report, dir)?);
    Ok(written)
}

/// Markdown table of the final figures of every run.
pub fn summary_table(report: &ExperimentReport) -> String {
    let spec = &report.spec;
    let classification = report
        .runs
        .first()
        .is_some_and(|r| r.last().test.error_pct.is_some());
    let what = if classification { "error %" } else { "MSE" };
    let figure = |m: &Metrics| m.error_pct.unwrap_or(m.mse);
    let hidden = spec.sizes.len() - 2;
    let mut out = format!(
        "{} ({} train / {} test, sizes {:?}, {} epochs, batch {}, {:?}, seed {})\n\n",
        spec.name,
        report.train_samples,
        report.test_samples,
        spec.sizes,
        spec.epochs,
        spec.batch_size,
        spec.optimizer,
        spec.seed
    );
    if let Some(conv) = &spec.conv {
        out += &format!(
            "conv layer: {} kernels {k}×{k}, stride {}, {}×{} map; FC to the outputs\n\n",
            conv.channels,
            conv.stride,
            conv.side_out(),
            conv.side_out(),
            k = conv.kernel,
        );
    }
    let angle_heads: String = (1..=hidden).map(|k| format!(" angle L{k} |")).collect();
    out += &format!(
        "| mode | lr | init | train {what} | test {what} | best test {what} |{angle_heads}\n"
    );
    out += &format!("|---|---|---|---|---|---|{}\n", "---|".repeat(hidden));
    for run in &report.runs {
        let last = run.last();
        let best = run
            .history
            .iter()
            .map(|e| figure(&e.test))
            .fold(f64::INFINITY, f64::min);
        let angles: String = last
            .angles_deg
            .iter()
            .map(|a| a.map_or(" – |".to_string(), |a| format!(" {a:.1}° |")))
            .collect();
        out += &format!(
            "| {} | {:e} | {:?} | {:.4} | {:.4} | {:.4} |{angles}\n",
            run.mode,
            run.lr,
            run.init,
            figure(&last.train),
            figure(&last.test),
            best
        );
    }
    out
}
