//! `spoon offchip ...`: off-chip training for the chip and the configuration-port export.
//! `train` writes `<out>/chip.bin`, `<out>/results.json` and `<out>/summary.md`; `export`
//! writes one hex file per memory and `index.json`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use golden::chip::Chip;
use golden::chip_image;
use golden::config::Config;
use golden::dataset::{load_split_dir, ImageSet};
use golden::kernel::KernelMemory;
use golden::kernel_training::make_kernels;
use golden::train::{evaluate, validation_split, SampleSource, Score, Subset};
use serde::Serialize;

use crate::learning::TrainingMode;
use crate::offchip::features::{extract, SpikeCounts};
use crate::offchip::model::ChipModel;
use crate::offchip::port_image::{port_image, write};
use crate::offchip::quantise::{agreement, GoldenExport};
use crate::offchip::train::{
    chip_predictions, chip_score, float_score, train_grid, EpochLog, GridPoint, Settings,
};
use crate::offchip::ChipExport;
use crate::optimizer::Optimizer;

#[derive(clap::Subcommand, Debug)]
pub enum OffchipCommand {
    /// Train the chip's FC layers off chip (float, on the chip's own spike counts), quantise
    /// them into a chip image and measure it on the bit-exact golden model.
    Train(TrainArgs),
    /// Write a chip image as configuration-port memory files (hex words) and index.json.
    Export(ExportArgs),
}

#[derive(clap::Args, Debug)]
pub struct TrainArgs {
    /// directory with train-/t10k- images and labels in IDX format (raw or .gz)
    #[arg(long)]
    pub data: PathBuf,
    /// parameter set (TOML); the built-in default if absent
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// learning rule of the hidden layers (bp, or drtp with the chip's own projections)
    #[arg(long, value_enum, default_value_t = TrainingMode::Bp)]
    pub mode: TrainingMode,
    /// epochs in all, the quantisation-aware ones included
    #[arg(long, default_value_t = 20)]
    pub epochs: usize,
    /// the last this many epochs train on the integer twin (straight-through estimator)
    #[arg(long, default_value_t = 5)]
    pub qat_epochs: usize,
    /// learning rate of the first epoch; several (comma separated) are each trained and the
    /// best on the validation slice is kept
    #[arg(long, value_delimiter = ',', default_value = "1e-3")]
    pub lr: Vec<f32>,
    /// the learning rate is multiplied by this after every epoch
    #[arg(long, default_value_t = 0.85)]
    pub lr_decay: f32,
    #[arg(long, default_value_t = 32)]
    pub batch: usize,
    #[arg(long, value_enum, default_value_t = Optimizer::Adam)]
    pub optimizer: Optimizer,
    /// seed of the initial weights and the minibatch order (the validation slice follows
    /// training.order_seed)
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// take the kernels from this chip image instead of making them (its input and
    /// convolution parameters must equal the config's)
    #[arg(long, value_name = "FILE")]
    pub kernels_from: Option<PathBuf>,
    /// output directory
    #[arg(long, default_value = "build/offchip")]
    pub out: PathBuf,
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// chip image (`spoon train` or `spoon offchip train`)
    #[arg(long, value_name = "FILE")]
    pub chip: PathBuf,
    /// output directory
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(cmd: OffchipCommand) -> anyhow::Result<()> {
    match cmd {
        OffchipCommand::Train(args) => train(&args),
        OffchipCommand::Export(args) => export(&args),
    }
}

/// `spoon offchip export`.
pub fn export(args: &ExportArgs) -> anyhow::Result<()> {
    let chip = chip_image::load(&args.chip).context("reading the chip image")?;
    let image = port_image(&chip);
    let written = write(&image, &args.out)?;
    for m in &image.memories {
        eprintln!(
            "select {:>2}  {:<20} {:>7} words",
            m.select, m.file, m.words
        );
    }
    println!("wrote {} files into {}", written.len(), args.out.display());
    Ok(())
}

/// Figures on the validation slice and the test split.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Split<T> {
    pub validation: T,
    pub test: T,
}

#[derive(Debug, Serialize)]
pub struct Seconds {
    pub kernels: f64,
    pub features: f64,
    pub training: f64,
    pub evaluation: f64,
}

/// `results.json`.
#[derive(Debug, Serialize)]
pub struct OffchipReport {
    pub command: String,
    pub dataset: String,
    pub config: Config,
    /// The chosen run's settings (learning rate included).
    pub settings: Settings,
    pub lr_grid: Vec<GridPoint>,
    pub kernels: String,
    pub samples: Split<usize>,
    pub train_samples: usize,
    pub mean_active_inputs: f64,
    /// `S_o` of the output layer.
    pub output_scale: f32,
    /// Fraction of each FC layer's chip weights at the ends of their range.
    pub weights_at_limit: Vec<f64>,
    /// Float model after the float epochs.
    pub float: Split<Score>,
    /// That float model rounded into the chip without quantisation-aware training.
    pub post_training_quantised: Split<Score>,
    /// The chip image, measured by `golden::train::evaluate`.
    pub chip: Split<Score>,
    /// Samples on which the golden chip decided as the lab's integer twin.
    pub twin_agreement: Split<usize>,
    pub epochs: Vec<EpochLog>,
    pub seconds: Seconds,
}

struct Data {
    name: String,
    train: ImageSet,
    test: ImageSet,
}

fn load_data(dir: &Path, config: &Config) -> anyhow::Result<Data> {
    let (train, test) = load_split_dir(dir)?;
    let want = (
        config.input.height,
        config.input.width,
        config.input.channels,
    );
    if (train.rows, train.cols, 1) != want {
        bail!(
            "{}: images are {}×{} with one channel, the config's input is {}×{}×{}",
            dir.display(),
            train.cols,
            train.rows,
            want.1,
            want.0,
            want.2
        );
    }
    for (split, set) in [("train", &train), ("test", &test)] {
        if let Some(i) = (0..set.len()).find(|&i| usize::from(set.label(i)) >= config.fc.classes) {
            bail!(
                "{}: {split} sample {i} has label {}, the config has {} classes",
                dir.display(),
                set.label(i),
                config.fc.classes
            );
        }
    }
    Ok(Data {
        name: dir.display().to_string(),
        train,
        test,
    })
}

/// Kernels of a chip image made for the same input and convolution.
fn kernels_from(path: &Path, config: &Config) -> anyhow::Result<KernelMemory> {
    let chip = chip_image::load(path).context("reading the kernels' chip image")?;
    let c = chip.config();
    if (&c.input, &c.encoder, &c.conv) != (&config.input, &config.encoder, &config.conv) {
        bail!(
            "{}: its input, encoder or conv parameters differ from the config's",
            path.display()
        );
    }
    Ok(chip.kernels().clone())
}

/// The kernels `--kernels-from` names, or those the config's procedure makes on `fit`; with
/// where they came from and the seconds it took.
fn kernels_for(
    args: &TrainArgs,
    config: &Config,
    fit: &dyn SampleSource,
) -> anyhow::Result<(KernelMemory, String, f64)> {
    let clock = Instant::now();
    let (kernels, source) = match &args.kernels_from {
        Some(path) => (
            kernels_from(path, config)?,
            format!("from {}", path.display()),
        ),
        None => (
            make_kernels(config, fit),
            format!(
                "{:?}, made on the training split",
                config.training.kernel_init
            )
            .to_lowercase(),
        ),
    };
    let seconds = clock.elapsed().as_secs_f64();
    eprintln!("kernels ({source}): {seconds:.1} s");
    Ok((kernels, source, seconds))
}

/// Spike counts of the training, validation and test samples.
struct Counts {
    fit: SpikeCounts,
    eval: Split<SpikeCounts>,
    seconds: f64,
}

fn extract_all(
    config: &Config,
    kernels: &KernelMemory,
    [fit, val, test]: [&dyn SampleSource; 3],
) -> Counts {
    let clock = Instant::now();
    let mut chip = Chip::new(config);
    *chip.kernels_mut() = kernels.clone();
    let counts = Counts {
        fit: extract(&mut chip, fit),
        eval: Split {
            validation: extract(&mut chip, val),
            test: extract(&mut chip, test),
        },
        seconds: clock.elapsed().as_secs_f64(),
    };
    eprintln!(
        "spike counts of {} + {} + {} samples: {:.1} nonzero of {} per sample, {:.1} s",
        fit.len(),
        val.len(),
        test.len(),
        counts.fit.mean_active(),
        counts.fit.inputs,
        counts.seconds
    );
    counts
}

/// The exported chip, its golden accuracy and its agreement with the integer twin.
struct Measured {
    chip: Chip,
    scores: Split<Score>,
    agreement: Split<usize>,
    seconds: f64,
}

fn measure(
    config: &Config,
    kernels: &KernelMemory,
    model: &ChipModel,
    [val, test]: [&dyn SampleSource; 2],
    counts: &Split<SpikeCounts>,
) -> anyhow::Result<Measured> {
    let clock = Instant::now();
    let exporter = GoldenExport {
        config,
        kernels,
        output_scale: model.output_scale,
    };
    let mut chip = exporter.export(&model.net)?;
    let scores = Split {
        validation: evaluate(&mut chip, val),
        test: evaluate(&mut chip, test),
    };
    let agreement = Split {
        validation: agreement(&mut chip, val, &chip_predictions(model, &counts.validation)),
        test: agreement(&mut chip, test, &chip_predictions(model, &counts.test)),
    };
    Ok(Measured {
        chip,
        scores,
        agreement,
        seconds: clock.elapsed().as_secs_f64(),
    })
}

/// `spoon offchip train`.
pub fn train(args: &TrainArgs) -> anyhow::Result<()> {
    let config = match &args.config {
        Some(path) => Config::from_file(path)?,
        None => Config::default(),
    };
    if args.epochs == 0 || args.qat_epochs > args.epochs || args.batch == 0 || args.lr.is_empty() {
        bail!("need --epochs ≥ 1, --qat-epochs ≤ --epochs, --batch ≥ 1 and at least one --lr");
    }
    // The output directory before the training, not after it.
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("{}: cannot create the output directory", args.out.display()))?;
    let data = load_data(&args.data, &config)?;
    let t = &config.training;
    let (fit, val) = validation_split(data.train.len(), t.validation_per_mille, t.order_seed);
    let [fit, val] = [fit, val].map(|indices| Subset {
        source: &data.train,
        indices,
    });
    let (kernels, kernel_source, kernel_seconds) = kernels_for(args, &config, &fit)?;
    let counts = extract_all(&config, &kernels, [&fit, &val, &data.test]);
    let settings = Settings {
        mode: args.mode,
        optimizer: args.optimizer,
        lr: args.lr[0],
        lr_decay: args.lr_decay,
        epochs: args.epochs,
        qat_epochs: args.qat_epochs,
        batch_size: args.batch,
        seed: args.seed,
    };
    let clock = Instant::now();
    let (trained, grid) = train_grid(
        &config,
        &counts.fit,
        &counts.eval.validation,
        &settings,
        &args.lr,
        |lr, e| eprintln!("{}", epoch_line(lr, e)),
    )?;
    let training_seconds = clock.elapsed().as_secs_f64();
    let m = measure(
        &config,
        &kernels,
        &trained.model,
        [&val, &data.test],
        &counts.eval,
    )?;
    let report = OffchipReport {
        command: std::env::args().collect::<Vec<_>>().join(" "),
        dataset: data.name.clone(),
        config: config.clone(),
        settings: trained.settings.clone(),
        lr_grid: grid,
        kernels: kernel_source,
        samples: Split {
            validation: val.len(),
            test: data.test.len(),
        },
        train_samples: fit.len(),
        mean_active_inputs: counts.fit.mean_active(),
        output_scale: trained.model.output_scale.expect("frozen after training"),
        weights_at_limit: weights_at_limit(&m.chip),
        float: split_score(&counts.eval, |c| float_score(&trained.float_model, c)),
        post_training_quantised: split_score(&counts.eval, |c| chip_score(&trained.float_model, c)),
        chip: m.scores,
        twin_agreement: m.agreement,
        epochs: trained.log,
        seconds: Seconds {
            kernels: kernel_seconds,
            features: counts.seconds,
            training: training_seconds,
            evaluation: m.seconds,
        },
    };
    save(&m.chip, &report, &args.out)
}

fn split_score(counts: &Split<SpikeCounts>, score: impl Fn(&SpikeCounts) -> Score) -> Split<Score> {
    Split {
        validation: score(&counts.validation),
        test: score(&counts.test),
    }
}

fn epoch_line(lr: f32, e: &EpochLog) -> String {
    format!(
        "lr {lr:e}  epoch {:>2} {:<5}  loss {:.4}  train {:.2} %  validation: float {:.2} %, chip {:.2} %",
        e.epoch,
        format!("{:?}", e.phase).to_lowercase(),
        e.train_loss,
        100.0 * e.train.accuracy(),
        100.0 * e.validation_float.accuracy(),
        100.0 * e.validation_chip.accuracy()
    )
}

fn weights_at_limit(chip: &Chip) -> Vec<f64> {
    chip.layers()
        .iter()
        .map(|l| {
            let (lo, hi) = l.weight_range();
            let at = l.weights().iter().filter(|&&w| w == lo || w == hi).count();
            at as f64 / l.weights().len().max(1) as f64
        })
        .collect()
}

fn save(chip: &Chip, report: &OffchipReport, out: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let chip_path = out.join("chip.bin");
    chip_image::save(chip, &chip_path)?;
    let json = out.join("results.json");
    let text = serde_json::to_string_pretty(report).expect("a report serialises");
    std::fs::write(&json, text + "\n").with_context(|| format!("writing {}", json.display()))?;
    let md = out.join("summary.md");
    std::fs::write(&md, summary(report, &chip_path))
        .with_context(|| format!("writing {}", md.display()))?;
    println!(
        "chip (bit-exact golden): validation {:.2} %, test {:.2} %",
        100.0 * report.chip.validation.accuracy(),
        100.0 * report.chip.test.accuracy()
    );
    println!(
        "wrote {}, results.json and summary.md in {}",
        chip_path.display(),
        out.display()
    );
    Ok(())
}

fn pct(s: Score) -> String {
    format!(
        "{:.2} % ({} / {})",
        100.0 * s.accuracy(),
        s.correct,
        s.total
    )
}

/// `summary.md`.
pub fn summary(r: &OffchipReport, chip_path: &Path) -> String {
    let s = &r.settings;
    let float_epochs = s.epochs - s.qat_epochs;
    let mut md = format!(
        "# Off-chip training for the chip ({mode})\n\n\
         - command: `{cmd}`\n- dataset: {data}\n\
         - samples: {fit} train, {val} validation (carved from train, order seed {order}), {test} test\n\
         - kernels: {kernels}; spike counts: {active:.1} nonzero of {inputs} per sample\n\
         - {mode}, {opt:?}, lr {lr:e} (×{decay} per epoch), batch {batch}, {float_epochs} float + \
           {qat} quantisation-aware epochs, seed {seed}\n\
         - output scale S_o = {so:.2}; chip weights at their limits: {limits}\n\
         - chip image: `{chip}`; the golden chip decided as the lab's integer twin on \
           {av} / {vt} validation and {at} / {tt} test samples\n\n\
         | model | validation | test |\n|---|---|---|\n\
         | float, after the float epochs | {fv} | {ft} |\n\
         | same, rounded into the chip (no QAT) | {pv} | {pt} |\n\
         | **chip image, bit-exact golden model** | **{cv}** | **{ct}** |\n",
        mode = s.mode,
        cmd = r.command,
        data = r.dataset,
        fit = r.train_samples,
        val = r.samples.validation,
        order = r.config.training.order_seed,
        test = r.samples.test,
        kernels = r.kernels,
        active = r.mean_active_inputs,
        inputs = r.config.conv_neurons(),
        opt = s.optimizer,
        lr = s.lr,
        decay = s.lr_decay,
        batch = s.batch_size,
        qat = s.qat_epochs,
        seed = s.seed,
        so = r.output_scale,
        limits = r
            .weights_at_limit
            .iter()
            .map(|f| format!("{:.2} %", 100.0 * f))
            .collect::<Vec<_>>()
            .join(", "),
        chip = chip_path.display(),
        av = r.twin_agreement.validation,
        vt = r.samples.validation,
        at = r.twin_agreement.test,
        tt = r.samples.test,
        fv = pct(r.float.validation),
        ft = pct(r.float.test),
        pv = pct(r.post_training_quantised.validation),
        pt = pct(r.post_training_quantised.test),
        cv = pct(r.chip.validation),
        ct = pct(r.chip.test),
    );
    if r.lr_grid.len() > 1 {
        md += "\n| lr | validation, float | validation, chip |\n|---|---|---|\n";
        for g in &r.lr_grid {
            md += &format!(
                "| {:e} | {} | {} |\n",
                g.lr,
                pct(g.validation_float),
                pct(g.validation_chip)
            );
        }
    }
    md += "\n| epoch | phase | lr | loss | train % | validation float % | validation chip % |\n\
           |---|---|---|---|---|---|---|\n";
    for e in &r.epochs {
        md += &format!(
            "| {} | {:?} | {:.2e} | {:.4} | {:.2} | {:.2} | {:.2} |\n",
            e.epoch,
            e.phase,
            e.lr,
            e.train_loss,
            100.0 * e.train.accuracy(),
            100.0 * e.validation_float.accuracy(),
            100.0 * e.validation_chip.accuracy()
        );
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(clap::Parser)]
    struct Wrapper {
        #[command(subcommand)]
        cmd: OffchipCommand,
    }

    #[test]
    fn parses_train_and_export() {
        let w = Wrapper::try_parse_from([
            "spoon",
            "train",
            "--data",
            "d",
            "--mode",
            "drtp",
            "--lr",
            "3e-4,1e-3",
            "--out",
            "o",
        ])
        .unwrap();
        let OffchipCommand::Train(a) = w.cmd else {
            panic!("not train")
        };
        assert_eq!(
            (a.mode, a.lr.clone(), a.epochs),
            (TrainingMode::Drtp, vec![3e-4, 1e-3], 20)
        );
        let w =
            Wrapper::try_parse_from(["spoon", "export", "--chip", "c.bin", "--out", "o"]).unwrap();
        assert!(matches!(w.cmd, OffchipCommand::Export(_)));
    }
}
