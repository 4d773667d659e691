//! `spoon sim`: runs samples through the Verilator simulation of the emitted RTL (spoon-sim),
//! next to the bit-exact golden model, and prints per sample the class and the cycles.

use ::sim::aer::EndOfSample;
use ::sim::Model;
use anyhow::{bail, Context, Result};
use golden::chip::Chip;
use golden::chip_image;
use golden::config::Config;
use golden::dataset::{load_split_dir, read_nmnist_file, ImageSet};
use golden::encoder::{encode_ttfs, from_dvs};
use golden::event::Event;
use golden::train::epoch_order;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct SimArgs {
    /// Configuration file (TOML); the built-in default when omitted.
    #[arg(long, value_name = "FILE", conflicts_with = "chip")]
    pub config: Option<PathBuf>,
    /// Chip image written by `spoon train` (its config, kernels, FC weights and registers are
    /// loaded through the configuration port); else a fresh chip of the config (`Chip::new`).
    #[arg(long, value_name = "FILE")]
    pub chip: Option<PathBuf>,
    /// Directory with train-/t10k- images and labels in IDX format (raw or .gz); the first
    /// --samples test images of a seeded shuffle (--seed) are TTFS-encoded.
    #[arg(long, value_name = "DIR", default_value = crate::dataset_arg::DEFAULT_DATA)]
    pub data: PathBuf,
    /// One N-MNIST event file (.bin) instead of --data (the config's input field must hold it).
    #[arg(long, value_name = "FILE", conflicts_with = "data")]
    pub events: Option<PathBuf>,
    /// Number of samples from --data.
    #[arg(long, default_value_t = 10)]
    pub samples: usize,
    /// Seed of the shuffle the test images are taken from (a dataset may be sorted by class).
    #[arg(long, default_value_t = 1)]
    pub seed: u32,
    /// Fail unless every class equals golden's, and read the membrane map back after each
    /// sample and compare it with golden.
    #[arg(long)]
    pub check: bool,
    /// Write a VCD waveform (GTKWave) of the cycles in --window.
    #[arg(long, value_name = "FILE", requires = "window")]
    pub vcd: Option<PathBuf>,
    /// Cycles A..B (B excluded) to dump, counted from the first sample's first word (the
    /// `start` column).
    #[arg(long, value_name = "A..B", requires = "vcd", value_parser = parse_window)]
    pub window: Option<Range<u64>>,
    /// Train on each sample on chip (its end-of-sample word asks for learning towards its
    /// label; golden trains alongside) instead of inferring.
    #[arg(long)]
    pub train: bool,
    /// Print nothing but errors (the power estimate and the sweep run it that way).
    #[arg(long)]
    pub quiet: bool,
}

/// `println!` unless `args.quiet`.
macro_rules! say {
    ($args:expr, $($t:tt)*) => {
        if !$args.quiet {
            println!($($t)*);
        }
    };
}

fn parse_window(text: &str) -> Result<Range<u64>, String> {
    let (a, b) = text
        .split_once("..")
        .ok_or_else(|| format!("expected A..B, got {text:?}"))?;
    let parse = |s: &str| {
        s.trim()
            .parse::<u64>()
            .map_err(|e| format!("{s:?} in {text:?}: {e}"))
    };
    let (a, b) = (parse(a)?, parse(b)?);
    if a >= b {
        return Err(format!("empty window {text:?}"));
    }
    Ok(a..b)
}

/// The test images of `data` must have the config's input size.
fn check_image_size(data: &Path, test: &ImageSet, config: &Config) -> Result<()> {
    if (test.rows, test.cols) != (config.input.height, config.input.width) {
        bail!(
            "{}: images are {}×{}, the config's input is {}×{}",
            data.display(),
            test.cols,
            test.rows,
            config.input.width,
            config.input.height
        );
    }
    Ok(())
}

/// What [`samples`] will read, checked before a model is built (minutes for a netlist): the
/// data's images against the config (an event file is read whole then).
pub(crate) fn check_data(data: &Path, config: &Config) -> Result<()> {
    let (_, test) = load_split_dir(data)?;
    check_image_size(data, &test, config)
}

/// The samples to run: `(name, events, label)`.
pub(crate) fn samples(args: &SimArgs, config: &Config) -> Result<Vec<(String, Vec<Event>, u8)>> {
    if let Some(path) = &args.events {
        let dvs = read_nmnist_file(path)?;
        let events = from_dvs(config, &dvs).with_context(|| format!("{}", path.display()))?;
        // N-MNIST trees hold <split>/<digit>/<id>.bin: the folder names the label.
        let label = path
            .parent()
            .and_then(|d| d.file_name()?.to_str()?.parse::<u8>().ok())
            .filter(|&l| usize::from(l) < config.fc.classes)
            .unwrap_or(0);
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        return Ok(vec![(name, events, label)]);
    }
    let (_, test) = load_split_dir(&args.data)?;
    check_image_size(&args.data, &test, config)?;
    let order = epoch_order(test.len(), args.seed, 0);
    say!(
        args,
        "test digits of {} in a seeded shuffle (seed {})",
        args.data.display(),
        args.seed
    );
    Ok(order
        .into_iter()
        .take(args.samples)
        .map(|i| {
            let mut events = Vec::new();
            encode_ttfs(config, test.image(i), &mut events);
            (format!("test {i}"), events, test.label(i))
        })
        .collect())
}

/// The chip of `--chip` or `--config`.
fn load_chip(args: &SimArgs) -> Result<Chip> {
    Ok(match (&args.chip, &args.config) {
        (Some(path), _) => chip_image::load(path)?,
        (None, Some(path)) => Chip::new(&Config::from_file(path)?),
        (None, None) => Chip::new(&Config::default()),
    })
}

pub fn run(args: SimArgs) -> Result<()> {
    let config = load_chip(&args)?.config().clone();
    if args.events.is_none() {
        check_data(&args.data, &config)?;
    }
    // A waveform needs tracing compiled in, which costs a third of the speed: only then.
    let model = if args.vcd.is_some() {
        Model::build_traced(&config)
    } else {
        Model::build(&config)
    }
    .context("building the Verilator model")?;
    run_on(args, &model)
}

/// [`run`] on a given model of the chip (`spoon power`'s gate-level netlist has the RTL's
/// ports).
pub fn run_on(args: SimArgs, model: &Model) -> Result<()> {
    let mut chip = load_chip(&args)?;
    let config = chip.config().clone();
    if let Some(path) = &args.vcd {
        crate::out_dir::prepare_file(path)?;
    }
    let samples = samples(&args, &config)?;
    let info = model.info();
    say!(
        args,
        "model {} ({}; emit {:.2} s, verilate {:.2} s, runtime {:.2} s, compile {:.2} s)",
        info.dir.display(),
        if info.cached { "cached" } else { "built" },
        info.emit.as_secs_f64(),
        info.verilate.as_secs_f64(),
        info.runtime.as_secs_f64(),
        info.compile.as_secs_f64()
    );
    let mut sim = model.simulator()?;
    sim.write_chip(&chip)
        .context("loading the chip through the configuration port")?;
    sim.wait_idle()?;
    let loaded = sim.cycle();
    // Read back before the samples (and their waveform window): a device that does not hold
    // the image would make every later figure meaningless.
    if let Some(m) = sim.verify_chip(&chip)? {
        bail!("the chip read back through the configuration port differs from the image: {m}");
    }
    let origin = sim.cycle();
    say!(
        args,
        "chip loaded through the configuration port in {loaded} cycles (read back equal)"
    );
    if let (Some(path), Some(window)) = (&args.vcd, &args.window) {
        sim.trace_window(origin + window.start..origin + window.end, path)?;
    }
    say!(
        args,
        "{:<10} {:>6} {:>6} {:>6} {:>7} {:>8} {:>9} {:>7}",
        "sample",
        "label",
        "events",
        "class",
        "golden",
        "cycles",
        "start",
        "stalls"
    );
    let wall = Instant::now();
    let (mut total_cycles, mut agree) = (0, 0);
    for (name, events, label) in &samples {
        let golden = if args.train {
            chip.train(events, usize::from(*label))
        } else {
            chip.infer(events)
        };
        let end = EndOfSample {
            learn: args.train,
            label: *label,
        };
        let run = sim
            .run_sample(events, end)
            .with_context(|| format!("sample {name}"))?;
        total_cycles += run.cycles;
        agree += usize::from(usize::from(run.class) == golden.class);
        say!(
            args,
            "{:<10} {:>6} {:>6} {:>6} {:>7} {:>8} {:>9} {:>7}",
            name,
            label,
            events.len(),
            run.class,
            golden.class,
            run.cycles,
            run.start_cycle - origin,
            run.stalls
        );
        if args.check {
            if usize::from(run.class) != golden.class {
                bail!(
                    "sample {name}: the RTL decided class {}, golden {}",
                    run.class,
                    golden.class
                );
            }
            check_membranes(&mut sim, &chip).with_context(|| format!("sample {name}"))?;
        }
    }
    let seconds = wall.elapsed().as_secs_f64();
    let simulated = sim.cycle() - origin;
    // After learning, the device must hold golden's trained chip: every weight, the shifts
    // and the rounding LFSR read back (outside any waveform window, which ends here).
    if args.train {
        sim.trace_end();
        if let Some(m) = sim.verify_chip(&chip)? {
            bail!("after learning, the device differs from golden's chip: {m}");
        }
    }
    say!(
        args,
        "{} samples, {total_cycles} cycles ({:.0} per sample), class = golden in {agree}; \
         {:.3} M cycles/s{}",
        samples.len(),
        total_cycles as f64 / samples.len().max(1) as f64,
        simulated as f64 / seconds / 1e6,
        match (args.check, args.train) {
            (true, true) => "; membrane maps and learned chip = golden",
            (true, false) => "; membrane maps = golden",
            (false, true) => "; learned chip = golden",
            (false, false) => "",
        }
    );
    if let Some(path) = &args.vcd {
        drop(sim);
        say!(args, "wrote {}", path.display());
    }
    Ok(())
}

fn check_membranes(sim: &mut ::sim::Simulator, chip: &Chip) -> Result<()> {
    let (potentials, counts) = sim.read_membranes()?;
    let golden = chip.membranes();
    for n in 0..potentials.len() {
        let (rtl, gold) = (
            (potentials[n], counts[n]),
            (golden.potentials()[n], golden.counts()[n]),
        );
        if rtl != gold {
            bail!("neuron {n}: RTL (potential, count) = {rtl:?}, golden {gold:?}");
        }
    }
    Ok(())
}
