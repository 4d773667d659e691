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
    /// Samples of real work to simulate for the switching activity (not used yet: the report
    /// says which figures need it).
    #[arg(long, default_value_t = 0)]
    pub samples: usize,
    /// Run folder: Yosys's inputs, log, netlist, power.json, power.md.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Run Yosys even if the cache holds its result for the same inputs.
    #[arg(long)]
    pub no_cache: bool,
    /// An RTL VCD of inference samples from `spoon sim --vcd` (the whole run in its window):
    /// each SRAM macro memory's reads and writes are counted from its enables and costed per
    /// classification.
    #[arg(long, value_name = "FILE")]
    pub vcd: Option<PathBuf>,
    /// Characterise the cell library again with ngspice into power/lib/ (else the checked-in
    /// library is used).
    #[arg(long)]
    pub charlib: bool,
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
    if let Some(vcd) = &args.vcd {
        report.memory_activity = Some(spoon_power::report::memory_activity(
            vcd,
            &report.mapped.macros,
        )?);
    }
    report.write(&out)?;
    print!("{}", report.markdown());
    println!("\nreports: {}", out.join("power.md").display());
    Ok(())
}
