//! `spoon sweep`: design-space exploration over configs (docs/DSE.md). The spec, the runner,
//! the table, the fronts and the Slurm script are the `sweep` crate; the training stage is
//! here because it reads the data as `spoon train` does (`DataArgs`), and the power stage
//! because it is `spoon power`'s FPGA view.

use crate::dataset_arg::DataArgs;
use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use golden::experiment::{self, RunReport};
use golden::train::{epoch_order, SampleSource, Subset};
use serde_json::json;
use spoon_synth::throughput::{measure, Workload};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use sweep::run::{PointContext, RunOptions, StageOutput};
use sweep::spec::DataSpec;
use sweep::{Spec, Stage};

#[derive(Debug, Subcommand)]
pub enum SweepCommand {
    /// Run the stages of every point (or of one shard) that has no result yet.
    Run(RunArgs),
    /// Merge the result files into table.csv / table.json and draw the Pareto fronts.
    Merge(MergeArgs),
    /// Write the sbatch job-array script of a sweep (one task per shard), or submit it.
    Slurm(SlurmArgs),
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Sweep spec (TOML, docs/DSE.md).
    spec: PathBuf,
    /// Sweep folder: results/<id>.json, points/<id>/ (each point's files).
    #[arg(long)]
    out: PathBuf,
    /// Only the points whose index is I modulo N.
    #[arg(long, value_name = "I/N")]
    shard: Option<String>,
    /// Points run at once (default: the machine's cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// Only these points (ids, comma-separated): e.g. the Pareto candidates of a merged table,
    /// with a costly stage (`synth`) added to the spec for them.
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    points: Option<Vec<String>>,
    /// Only the Pareto front of COST (`up5k.yosys_luts`, `ecp5-85f.energy_nj`, ...) in the
    /// folder's fronts.json (`spoon sweep merge` writes it): the candidates for a costly stage.
    #[arg(long, value_name = "COST", conflicts_with = "points")]
    front: Option<String>,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Sweep folder written by `spoon sweep run`.
    dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct SlurmArgs {
    spec: PathBuf,
    #[arg(long)]
    out: PathBuf,
    /// Array tasks (shards).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    shards: u64,
    /// Submit the script with sbatch.
    #[arg(long)]
    submit: bool,
}

pub fn run(cmd: SweepCommand) -> Result<()> {
    match cmd {
        SweepCommand::Run(a) => run_sweep(a),
        SweepCommand::Merge(a) => merge(a),
        SweepCommand::Slurm(a) => slurm(a),
    }
}

/// The stages of `spec`, in the order of the spec, one per target for the synthesis stages.
pub fn stages(spec: &Spec) -> Vec<Box<dyn Stage>> {
    spec.stages
        .iter()
        .flat_map(|s| match s.as_str() {
            "train" => vec![Box::new(Train(spec.data.clone())) as Box<dyn Stage>],
            "power" => spec
                .targets
                .iter()
                .map(|&t| Box::new(Power(t, spec.data.clone())) as Box<dyn Stage>)
                .collect(),
            other => sweep::stages::hardware_stages(other, &spec.targets),
        })
        .collect()
}

/// The spec's text is kept in the sweep folder; another spec there is refused, so that one
/// folder never mixes two sweeps. A spec that differs only in its `stages` is the same sweep
/// with stages added or dropped (a point's result gets the stages it lacks): it replaces the
/// kept text.
fn claim_folder(spec_path: &Path, out: &Path) -> Result<()> {
    let text = std::fs::read_to_string(spec_path)
        .with_context(|| format!("reading {}", spec_path.display()))?;
    let kept = out.join("spec.toml");
    let without_stages = |t: &str| {
        toml::from_str::<toml::Table>(t).ok().map(|mut t| {
            t.remove("stages");
            t
        })
    };
    match std::fs::read_to_string(&kept) {
        Ok(old) if old == text => Ok(()),
        Ok(old) if without_stages(&old).is_some_and(|o| Some(o) == without_stages(&text)) => {
            Ok(sweep::write_atomic(&kept, &text)?)
        }
        Ok(_) => bail!(
            "{} holds another sweep (its spec.toml differs from {} in more than its stages): \
             use another --out",
            out.display(),
            spec_path.display()
        ),
        Err(_) => Ok(sweep::write_atomic(&kept, &text)?),
    }
}

fn run_sweep(a: RunArgs) -> Result<()> {
    let spec = Spec::from_file(&a.spec)?;
    let shard = match &a.shard {
        Some(s) => sweep::spec::parse_shard(s)?,
        None => (0, 1),
    };
    claim_folder(&a.spec, &a.out)?;
    // A stage's panic is a recorded result: one line in the log, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("  a stage panicked (recorded in its result): {info}")
    }));
    let only = match &a.front {
        Some(cost) => Some(sweep::pareto::front_of(&a.out, cost)?),
        None => a.points.clone(),
    };
    let jobs = a
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let summary = sweep::run::run(
        &spec,
        &stages(&spec),
        &RunOptions {
            out: a.out.clone(),
            shard,
            jobs,
            only,
        },
    )?;
    println!(
        "shard {}/{}: {} points, {} already done, {} run ({} invalid configs), {} failed stages; results in {}",
        shard.0,
        shard.1,
        summary.points,
        summary.skipped,
        summary.ran,
        summary.invalid,
        summary.failed_stages,
        a.out.join("results").display()
    );
    Ok(())
}

fn merge(a: MergeArgs) -> Result<()> {
    let (table, results) = sweep::table::merge(&a.dir)?;
    let figures = sweep::pareto::draw_all(&table, &a.dir)?;
    let text = serde_json::to_string_pretty(&figures)? + "\n";
    sweep::write_atomic(&a.dir.join("fronts.json"), &text)?;
    println!(
        "{} points ({} invalid) → {}, table.json, timing.csv",
        results.len(),
        results.iter().filter(|r| r.invalid.is_some()).count(),
        a.dir.join("table.csv").display()
    );
    for f in &figures {
        println!(
            "  {}: {} points, front {:?}, default chip {}, dominating it {:?} → {}",
            f.cost,
            f.points,
            f.front,
            f.default_chip.as_deref().unwrap_or("not in the sweep"),
            f.dominating_default,
            f.svg
                .as_ref()
                .map_or(String::new(), |p| p.display().to_string())
        );
    }
    Ok(())
}

fn slurm(a: SlurmArgs) -> Result<()> {
    let spec = Spec::from_file(&a.spec)?;
    let points = spec.points()?.len();
    std::fs::create_dir_all(a.out.join("logs"))
        .with_context(|| format!("creating {}", a.out.display()))?;
    let abs = |p: &Path| std::fs::canonicalize(p).with_context(|| format!("{}", p.display()));
    let (spoon, spec_file, out) = (std::env::current_exe()?, abs(&a.spec)?, abs(&a.out)?);
    let workdir = std::env::current_dir()?;
    let job = sweep::slurm::Job {
        spec: &spec,
        spoon: &spoon,
        spec_file: &spec_file,
        out: &out,
        workdir: &workdir,
        shards: a.shards as usize,
        points,
    };
    let script = out.join("sweep.sbatch");
    sweep::write_atomic(&script, &sweep::slurm::script(&job))?;
    println!(
        "wrote {} ({points} points, {} array tasks)",
        script.display(),
        a.shards
    );
    if a.submit {
        let output = std::process::Command::new("sbatch")
            .arg("--parsable")
            .arg(&script)
            .output()
            .context("running sbatch (is Slurm installed and on PATH?)")?;
        if !output.status.success() {
            bail!(
                "sbatch failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        println!(
            "submitted job {}",
            String::from_utf8_lossy(&output.stdout).trim()
        );
    }
    Ok(())
}

/// `train`: on-chip training in the bit-exact model as `spoon train` does it; the epoch is
/// chosen on validation and its test accuracy reported; cycles per classification counted in
/// golden's cycle model on 20 test samples (a seeded shuffle).
struct Train(DataSpec);

/// Test samples whose cycles are counted.
const TIMED_SAMPLES: usize = 20;

impl Stage for Train {
    fn name(&self) -> String {
        "train".into()
    }

    fn run(&self, p: &PointContext<'_>) -> Result<StageOutput, String> {
        self.train(p).map_err(|e| format!("{e:#}"))
    }
}

/// The first `limit` samples of a seeded shuffle of `set` (all of them without a limit).
fn limited(set: &dyn SampleSource, limit: Option<usize>) -> Subset<'_> {
    let mut indices = epoch_order(set.len(), 1, 0);
    indices.truncate(limit.unwrap_or(usize::MAX));
    Subset {
        source: set,
        indices,
    }
}

impl Train {
    fn data_args(&self) -> DataArgs {
        DataArgs {
            data: self
                .0
                .data
                .clone()
                .unwrap_or_else(|| crate::dataset_arg::DEFAULT_DATA.into()),
            nmnist: self.0.nmnist.clone(),
            nmnist_limit: self.0.nmnist_limit,
        }
    }

    fn train(&self, p: &PointContext<'_>) -> Result<StageOutput> {
        let config = &p.point.config;
        if !config.hardware.learning {
            bail!("hardware.learning = false: a chip without its learning unit cannot train");
        }
        let data = self.data_args().load(config)?;
        let train = limited(data.train.as_ref(), self.0.train_limit);
        let test = limited(data.test.as_ref(), self.0.test_limit);
        let (chip, report) = experiment::run(config, &train, Some(&test), |_| {});
        std::fs::create_dir_all(&p.dir)?;
        golden::chip_image::save(&chip, &p.dir.join("chip.bin"))?;
        let samples = (0..test.len().min(TIMED_SAMPLES))
            .map(|i| {
                let mut events = Vec::new();
                test.events(config, i, &mut events);
                (events, test.label(i))
            })
            .collect();
        let workload = Workload {
            chip,
            samples,
            description: data.name.clone(),
        };
        let mut columns = accuracy_columns(&report, config.training.order_seed)?;
        // The cycle model is the generated RTL's: beyond what the generator builds the
        // accuracy still counts.
        let cycles = match hdl::generator::capacities(config) {
            Err(e) => Err(format!("the generator: {e}")),
            Ok(_) => std::panic::catch_unwind(|| measure(&workload, 1.0)).map_err(|panic| {
                panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default()
            }),
        };
        match cycles {
            Ok(cycles) => {
                let round = sweep::stages::round2;
                columns.insert(
                    "train.cycles_per_classification".into(),
                    json!(round(cycles.cycles_per_classification)),
                );
                columns.insert(
                    "train.cycles_per_training_sample".into(),
                    json!(round(cycles.cycles_per_training_sample)),
                );
            }
            Err(text) => {
                let error = format!("golden's cycle model cannot run this config: {text}");
                columns.insert("train.cycles_error".into(), json!(error));
            }
        }
        let epochs: Vec<_> = report
            .epochs
            .iter()
            .map(|e| {
                json!([
                    e.epoch,
                    pct(e.train.accuracy()),
                    pct(e.validation.accuracy()),
                    e.test.map(|s| pct(s.accuracy()))
                ])
            })
            .collect();
        Ok(StageOutput {
            columns,
            detail: json!({ "dataset": data.name, "epochs [epoch, train %, validation %, test %]": epochs }),
        })
    }
}

/// `power` (one per target): `spoon power`'s FPGA view of the point's chip (the trained one
/// if the train stage ran, else a fresh chip of its config) on [`POWER_SAMPLES`] inference
/// digits of the spec's data simulated by Verilator: energy per classification and average
/// power at the device's nominal clock (docs/POWER.md).
struct Power(spoon_synth::Target, DataSpec);

/// Inference samples a power stage simulates (a seeded shuffle of the test split).
pub const POWER_SAMPLES: usize = 5;

impl Stage for Power {
    fn name(&self) -> String {
        format!("power:{}", self.0.name())
    }

    fn run(&self, p: &PointContext<'_>) -> Result<StageOutput, String> {
        self.estimate(p).map_err(|e| format!("{e:#}"))
    }
}

impl Power {
    fn estimate(&self, p: &PointContext<'_>) -> Result<StageOutput> {
        let t = self.0.name();
        let Some(device) = spoon_power::fpga::device(t) else {
            bail!("the power model has no FPGA `{t}` (up5k, ecp5-85f)");
        };
        let Some(data) = self.1.data.clone() else {
            bail!("the power stage simulates IDX digits: give `data`, not `nmnist`");
        };
        let out = p.dir.join(format!("power-{t}"));
        std::fs::create_dir_all(&out)?;
        let trained = p.dir.join("chip.bin");
        let chip = if trained.exists() {
            trained
        } else {
            let fresh = out.join("fresh-chip.bin");
            golden::chip_image::save(&golden::chip::Chip::new(&p.point.config), &fresh)?;
            fresh
        };
        let args = crate::power::PowerArgs {
            target: t.into(),
            config: crate::config_arg::ConfigArgs {
                config: None,
                inference_only: false,
            },
            samples: POWER_SAMPLES,
            train_samples: 0,
            overhead: false,
            chip: Some(chip),
            data,
            out: Some(out.clone()),
            no_cache: false,
            place_route: false,
            vcd: None,
            charlib: false,
            gate_level: false,
            quiet: true,
        };
        let command = format!(
            "spoon sweep run (point {}): spoon power --target {t}",
            p.point.id
        );
        let report = crate::power::fpga_estimate(&args, device, &out, command)?;
        let inference = report
            .workloads
            .first()
            .context("the power estimate has no inference workload")?;
        let round = sweep::stages::round2;
        let columns = BTreeMap::from([
            (
                format!("{t}.energy_nj"),
                json!(round(inference.energy_per_sample_nj)),
            ),
            (
                format!("{t}.power_mw"),
                json!(round(inference.average_power_mw)),
            ),
            (format!("{t}.power_clock_mhz"), json!(inference.clock_mhz)),
        ]);
        Ok(StageOutput {
            columns,
            detail: json!({ "samples": inference.samples, "cycles": inference.cycles }),
        })
    }
}

fn pct(x: f64) -> f64 {
    sweep::stages::round2(100.0 * x)
}

/// The epoch with the best validation accuracy (the first of equals) and its figures.
pub fn accuracy_columns(
    report: &RunReport,
    seed: u32,
) -> Result<BTreeMap<String, serde_json::Value>> {
    let best = report
        .epochs
        .iter()
        .fold(
            None::<&golden::experiment::EpochReport>,
            |best, e| match best {
                Some(b) if b.validation.correct >= e.validation.correct => Some(b),
                _ => Some(e),
            },
        )
        .context("no epoch was run")?;
    let test = best.test.context("no test split")?;
    Ok(BTreeMap::from([
        ("train.seed".into(), json!(seed)),
        ("train.epochs".into(), json!(report.epochs.len())),
        ("train.chosen_epoch".into(), json!(best.epoch)),
        (
            "train.validation_pct".into(),
            json!(pct(best.validation.accuracy())),
        ),
        ("train.test_pct".into(), json!(pct(test.accuracy()))),
        ("train.train_samples".into(), json!(report.train_samples)),
        (
            "train.validation_samples".into(),
            json!(report.validation_samples),
        ),
        ("train.test_samples".into(), json!(report.test_samples)),
    ]))
}
