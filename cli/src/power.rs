//! `spoon power`: power, energy and area estimates (crate spoon-power, docs/POWER.md).

use anyhow::{bail, Context, Result};
use golden::config::Config;
use spoon_power::{asic, charlib, report::AsicReport};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct PowerArgs {
    /// asic (sky130 cells characterised with ngspice, memories as OpenRAM macros); the FPGA
    /// view (up5k) is not built yet.
    #[arg(long, default_value = "asic")]
    pub target: String,
    /// Configuration file (TOML); the built-in default when omitted.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Test samples (a seeded shuffle of --data) run through the Verilator-simulated RTL with
    /// a VCD, whose SRAM accesses are counted (inference); 0: none. The VCD (about 80 MB per
    /// sample) is deleted once counted.
    #[arg(long, default_value_t = 0)]
    pub samples: usize,
    /// Chip image for --samples (`spoon train` writes one); else a fresh chip of the config.
    #[arg(long, value_name = "FILE")]
    pub chip: Option<PathBuf>,
    /// Dataset of --samples (IDX files).
    #[arg(long, value_name = "DIR", default_value = crate::dataset_arg::DEFAULT_DATA)]
    pub data: PathBuf,
    /// Run folder: Yosys's inputs, log, netlist, power.json, power.md.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Run Yosys even if the cache holds its result for the same inputs.
    #[arg(long)]
    pub no_cache: bool,
    /// Instead of --samples: an RTL VCD of inference samples from `spoon sim --vcd` (the whole
    /// run in its window):
    /// each SRAM macro memory's reads and writes are counted from its enables and costed per
    /// classification.
    #[arg(long, value_name = "FILE")]
    pub vcd: Option<PathBuf>,
    /// Characterise the cell library again with ngspice into power/lib/ (else the checked-in
    /// library is used).
    #[arg(long)]
    pub charlib: bool,
}

/// `spoon sim` of the samples with a VCD of the whole run (it prints each class beside golden's).
fn simulate(args: &PowerArgs, vcd: &std::path::Path) -> Result<()> {
    crate::sim::run(crate::sim::SimArgs {
        config: if args.chip.is_some() {
            None
        } else {
            args.config.clone()
        },
        chip: args.chip.clone(),
        data: args.data.clone(),
        events: None,
        samples: args.samples,
        seed: 1,
        // No --check: its membrane read-backs through the configuration port would be counted.
        check: false,
        vcd: Some(vcd.to_path_buf()),
        // Far beyond any sample's cycles (about 7,000 for an inference), without overflowing
        // when the simulator offsets it by the chip load.
        window: Some(0..args.samples as u64 * 1_000_000),
    })
}

pub fn run(args: PowerArgs) -> Result<()> {
    if args.target != "asic" {
        bail!(
            "no power target `{}`: only `asic` is built (the FPGA view's energy model is not)",
            args.target
        );
    }
    let config = match &args.config {
        Some(path) => {
            Config::from_file(path).with_context(|| format!("reading {}", path.display()))?
        }
        None => Config::default(),
    };
    let out = args.out.clone().unwrap_or_else(asic::default_dir);
    let cache = spoon_synth::cache::cache_root();
    let lib = if args.charlib {
        charlib::make(
            &out.join("charlib"),
            &charlib::shipped_dir(),
            !args.no_cache,
        )?
    } else {
        charlib::shipped()?
    };
    let mapped = asic::map(&config, &lib, &out, &cache, !args.no_cache)?;
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    let mut report = AsicReport::new(&lib, mapped, command);
    let macros = &report.mapped.macros;
    if let Some(vcd) = &args.vcd {
        report.memory_activity = Some(spoon_power::report::memory_activity(vcd, macros)?);
    } else if args.samples > 0 {
        let vcd = out.join("rtl.vcd");
        simulate(&args, &vcd)?;
        let activity = spoon_power::report::memory_activity(&vcd, macros);
        let _ = std::fs::remove_file(&vcd);
        report.memory_activity = Some(activity?);
    }
    report.write(&out)?;
    print!("{}", report.markdown());
    println!("\nreports: {}", out.join("power.md").display());
    Ok(())
}
