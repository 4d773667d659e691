//! `spoon power`: power, energy and area estimates (crate spoon-power, docs/POWER.md): the
//! ASIC view (sky130 cells characterised with ngspice, OpenRAM macros) or the FPGA view (iCE40
//! UP5K, ECP5-85F: cited energy model), on RTL workloads simulated by Verilator.

use anyhow::{bail, Context, Result};
use golden::chip::Chip;
use golden::chip_image;
use golden::config::Config;
use spoon_power::net_energy::NetEnergies;
use spoon_power::report::{AsicReport, FpgaReport, Overhead, WorkloadEnergy, ASIC_CLOCK_MHZ};
use spoon_power::workload::{self, Workload};
use spoon_power::{asic, charlib, fpga, switching};
use spoon_synth::flow::{self, Target};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct PowerArgs {
    /// asic (sky130 cells characterised with ngspice, memories as OpenRAM macros), up5k or
    /// ecp5-85f (the FPGA energy model of docs/POWER.md).
    #[arg(long, default_value = "asic")]
    pub target: String,
    #[command(flatten)]
    pub config: crate::config_arg::ConfigArgs,
    /// Inference samples (the first test digits of a seeded shuffle of --data) run through the
    /// Verilator-simulated RTL with a VCD (about 10 MB per sample, deleted once counted).
    #[arg(long, default_value_t = 0)]
    pub samples: usize,
    /// Training samples (the same digits, learned on chip) run likewise.
    #[arg(long, default_value_t = 0)]
    pub train_samples: usize,
    /// Also build the chip without its learning unit, run it on the same inference samples,
    /// and report the learning unit's area and power overhead.
    #[arg(long)]
    pub overhead: bool,
    /// Chip image for the samples (`spoon train` writes one); else a fresh chip of the config.
    #[arg(long, value_name = "FILE")]
    pub chip: Option<PathBuf>,
    /// Dataset of the samples (IDX files).
    #[arg(long, value_name = "DIR", default_value = crate::dataset_arg::DEFAULT_DATA)]
    pub data: PathBuf,
    /// Run folder: the tools' inputs and logs, power.json, power.md, energy.svg.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Run Yosys even if the cache holds its result for the same inputs.
    #[arg(long)]
    pub no_cache: bool,
    /// FPGA view: the utilisation after place and route (`spoon synth`'s flow, cached results
    /// reused; minutes when not cached) instead of Yosys's cells alone.
    #[arg(long)]
    pub place_route: bool,
    /// Instead of --samples: an RTL VCD of inference samples from `spoon sim --vcd` (the whole
    /// run in its window).
    #[arg(long, value_name = "FILE")]
    pub vcd: Option<PathBuf>,
    /// ASIC view: characterise the cell library again with ngspice into the run folder (else
    /// the checked-in library is used).
    #[arg(long)]
    pub charlib: bool,
    /// ASIC view: run the samples on the mapped sky130 netlist itself (Verilator, cell models
    /// generated from the library) instead of the RTL, so the logic's toggles are the gates',
    /// each costed by its net's own driver and loads.
    #[arg(long)]
    pub gate_level: bool,
    /// Print nothing of the simulations (their samples, cycles and VCDs).
    #[arg(long)]
    pub quiet: bool,
}

/// The chip the samples run on, with or without its learning unit.
fn chip(args: &PowerArgs, learning: bool) -> Result<Chip> {
    let chip = match &args.chip {
        Some(path) => chip_image::load(path)?,
        None => Chip::new(&args.config.load()?),
    };
    let mut config = chip.config().clone();
    config.hardware.learning = learning && !args.config.inference_only;
    Ok(Chip::from_parts(
        &config,
        chip.kernels().clone(),
        chip.layers().to_vec(),
        chip.rounding_lfsr(),
    ))
}

/// `spoon sim` of `samples` digits (learned if `train`) with a VCD of the whole run, counted.
fn simulate(
    args: &PowerArgs,
    chip: &Chip,
    samples: usize,
    train: bool,
    model: Option<&GateModel>,
) -> Result<Workload> {
    let out = out_dir(args);
    let kind = if train { "training" } else { "inference" };
    let learning = if chip.config().hardware.learning {
        ""
    } else {
        "-inference-only"
    };
    let image = out.join(format!("chip{learning}.bin"));
    chip_image::save(chip, &image)?;
    let level = if model.is_some() { "gate" } else { "rtl" };
    let vcd = out.join(format!("{level}-{kind}{learning}.vcd"));
    let sim_args = crate::sim::SimArgs {
        config: None,
        chip: Some(image),
        data: args.data.clone(),
        events: None,
        samples,
        seed: 1,
        // No --check: its membrane read-backs through the configuration port would be counted.
        check: false,
        vcd: Some(vcd.clone()),
        // Far beyond any sample's cycles (about 7,000 for an inference), without overflowing
        // when the simulator offsets it by the chip load.
        window: Some(0..samples as u64 * 1_000_000),
        train,
        quiet: args.quiet,
    };
    let counted = match model {
        Some(gate) => {
            crate::sim::run_on(sim_args, &gate.model)?;
            workload::from_gate_vcd(&vcd, kind, &gate.nets)
        }
        None => {
            crate::sim::run(sim_args)?;
            workload::from_vcd(&vcd, kind)
        }
    };
    let _ = std::fs::remove_file(&vcd);
    Ok(counted?)
}

/// The inference and training workloads of one build (on `model`, else on the RTL).
fn workloads(args: &PowerArgs, learning: bool, model: Option<&GateModel>) -> Result<Vec<Workload>> {
    let chip = chip(args, learning)?;
    let mut out = Vec::new();
    if let Some(vcd) = &args.vcd {
        out.push(workload::from_vcd(vcd, "inference")?);
    } else if args.samples > 0 {
        out.push(simulate(args, &chip, args.samples, false, model)?);
    }
    if args.train_samples > 0 && chip.config().hardware.learning {
        out.push(simulate(args, &chip, args.train_samples, true, model)?);
    }
    Ok(out)
}

/// The sky130 netlist under simulation, and the energy of each of its nets.
struct GateModel {
    model: ::sim::Model,
    nets: NetEnergies,
}

/// The Verilator model of the sky130 netlist `asic::map` wrote in `dir`, with the cells'
/// models; every register powers up at 0 as the RTL and golden assume (the flip-flops have no
/// reset of their own), and so do the netlist's `x` writes (a read during a write). With it,
/// each net's energy from `netlist.json`.
fn gate_model(dir: &Path, config: &Config, lib: &charlib::Library) -> Result<GateModel> {
    let nets = NetEnergies::from_json(
        &dir.join("netlist.json"),
        lib,
        "spoon",
        workload::CHIP_SCOPE,
    )?;
    let path = dir.join("netlist.v");
    let net =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let text = format!("{net}\n{}", spoon_power::gate::cell_models(lib));
    let options = ::sim::BuildOptions {
        tracing: ::sim::Tracing::On,
        // Yosys names most of a netlist's nets `_123_`, which Verilator leaves out of a VCD
        // unless asked.
        // Verilator 5.006's bit-op-tree optimisation (V3Const) evaluates parts of the mapped
        // multipliers wrongly: with it, an FC lane's product register reads 0x8000 for
        // 0 × 0 where Icarus and Yosys `sat` give 0, and the netlist drifted from the RTL by
        // hundreds of cycles per sample (docs/POWER.md § "Gate level").
        verilator_args: vec![
            "--x-assign".into(),
            "unique".into(),
            "--trace-underscore".into(),
            "-fno-const-bit-op-tree".into(),
        ],
        power_up: ::sim::PowerUp::Zero,
    };
    let model = ::sim::Model::build_with(config, &|_| text.clone(), &options)
        .context("verilating the sky130 netlist")?;
    Ok(GateModel { model, nets })
}

fn out_dir(args: &PowerArgs) -> PathBuf {
    args.out
        .clone()
        .unwrap_or_else(|| PathBuf::from("build/power").join(&args.target))
}

pub fn run(args: PowerArgs) -> Result<()> {
    let out = out_dir(&args);
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    if args.overhead && args.config.inference_only {
        bail!("--overhead compares the chip with its learning unit against the chip without: drop --inference-only");
    }
    if args.overhead && (args.samples == 0 || args.vcd.is_some()) {
        bail!(
            "--overhead runs both chips on the same inference samples: give --samples N, not --vcd"
        );
    }
    if args.gate_level && args.target != "asic" {
        bail!(
            "--gate-level simulates the sky130 netlist of the ASIC view: it needs --target asic, not `{}`",
            args.target
        );
    }
    // The samples' images against the chip, before any mapping or model build (minutes).
    if args.vcd.is_none() && args.samples + args.train_samples > 0 {
        crate::sim::check_data(&args.data, chip(&args, true)?.config())?;
    }
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    match args.target.as_str() {
        "asic" => run_asic(&args, &out, command),
        t => match fpga::device(t) {
            Some(device) => run_fpga(&args, device, &out, command),
            None => bail!("no power target `{t}`: asic, up5k or ecp5-85f"),
        },
    }
}

/// The config of a build: the chip image's (or the file's), with or without learning.
fn build_config(args: &PowerArgs, learning: bool) -> Result<Config> {
    Ok(chip(args, learning)?.config().clone())
}

fn run_asic(args: &PowerArgs, out: &Path, command: String) -> Result<()> {
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
    let learning = !args.config.inference_only;
    let config = build_config(args, learning)?;
    let mapped = asic::map(&config, &lib, out, &cache, !args.no_cache)?;
    let gate = args.gate_level;
    let model = gate.then(|| gate_model(out, &config, &lib)).transpose()?;
    let mut report = AsicReport::new(&lib, mapped, command);
    report.workloads = workloads(args, learning, model.as_ref())?
        .into_iter()
        .map(|w| {
            let (blocks, window) = switching::blocks(&report.mapped, &lib, &w, ASIC_CLOCK_MHZ);
            WorkloadEnergy::new(w, blocks, window, ASIC_CLOCK_MHZ)
        })
        .collect();
    if gate {
        report.absent.clear();
        report.notes = equivalence(args, learning, &report.workloads)?;
    }
    if args.overhead {
        let dir = out.join("inference-only");
        let config = build_config(args, false)?;
        let mapped = asic::map(&config, &lib, &dir, &cache, !args.no_cache)?;
        let model = gate.then(|| gate_model(&dir, &config, &lib)).transpose()?;
        let w = workloads(args, false, model.as_ref())?.remove(0);
        let (blocks, window) = switching::blocks(&mapped, &lib, &w, ASIC_CLOCK_MHZ);
        let without = WorkloadEnergy::new(w, blocks, window, ASIC_CLOCK_MHZ);
        report.overhead = Overhead::new(
            "mm², cells + SRAM macros",
            (report.total_area_mm2, mapped.total_area_um2 / 1e6),
            &report.workloads,
            &without,
        );
    }
    report.write(out)?;
    chart(out, "asic (sky130)", &report.workloads)?;
    print!("{}", report.markdown());
    println!("\nreports: {}", out.join("power.md").display());
    Ok(())
}

/// The gate-level runs against the same samples on the RTL: a netlist that takes other cycles
/// is not equivalent to the RTL, and its figures say so.
fn equivalence(args: &PowerArgs, learning: bool, gate: &[WorkloadEnergy]) -> Result<Vec<String>> {
    let rtl = workloads(args, learning, None)?;
    Ok(gate
        .iter()
        .zip(&rtl)
        .map(|(g, r)| {
            if g.cycles == r.cycles {
                format!(
                    "{}: the gate-level netlist took the RTL's {} cycles",
                    g.kind, r.cycles
                )
            } else {
                format!(
                    "**{}: the gate-level netlist took {} cycles, the RTL {}: the netlist is not \
                     equivalent to the RTL (docs/POWER.md), its figures are not the chip's**",
                    g.kind, g.cycles, r.cycles
                )
            }
        })
        .collect())
}

/// Yosys's (or nextpnr's) utilisation of the chip of `config` on the device.
fn utilisation(
    args: &PowerArgs,
    device: &fpga::Device,
    config: Config,
    dir: PathBuf,
    command: &str,
) -> Result<(fpga::Utilisation, Option<u64>)> {
    let opts = flow::Options {
        target: device.target.parse::<Target>()?,
        board_file: None,
        config,
        freq_mhz: None,
        out: dir,
        use_cache: !args.no_cache,
        cache: spoon_synth::cache::cache_root(),
        seed: 1,
        workload: None,
        command: command.into(),
    };
    let (report, source) = if args.place_route {
        (flow::run(&opts)?, "Yosys cells; nextpnr logic cells")
    } else {
        (
            flow::run_yosys_only(&opts)?,
            "Yosys cells, no place and route",
        )
    };
    let cached = report.steps.iter().all(|s| s.cached);
    let source = format!("{source}{}", if cached { ", cached" } else { "" });
    let cells = report.place_route.as_ref().and_then(|p| {
        ["ICESTORM_LC", "TRELLIS_COMB"]
            .iter()
            .find_map(|k| p.utilisation.get(*k).map(|u| u.used))
    });
    Ok((fpga::Utilisation::from_cells(&report.cells, source), cells))
}

fn run_fpga(args: &PowerArgs, device: &fpga::Device, out: &Path, command: String) -> Result<()> {
    let report = fpga_estimate(args, device, out, command)?;
    print!("{}", report.markdown());
    println!("\nreports: {}", out.join("power.md").display());
    Ok(())
}

/// The FPGA view of `args` on `device`: the utilisation, the workloads' energies (and the
/// overhead if asked); power.json, power.md and energy.svg written in `out`.
pub fn fpga_estimate(
    args: &PowerArgs,
    device: &fpga::Device,
    out: &Path,
    command: String,
) -> Result<FpgaReport> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let learning = !args.config.inference_only;
    let config = build_config(args, learning)?;
    let lanes = config.hardware.fc_lanes;
    let (util, cells) = utilisation(args, device, config, out.join("synth"), &command)?;
    let cost = |util: &fpga::Utilisation, w: Workload| {
        let (blocks, window) = fpga::blocks(device, util, &w, lanes);
        WorkloadEnergy::new(w, blocks, window, device.clock_mhz)
    };
    let energies: Vec<WorkloadEnergy> = workloads(args, learning, None)?
        .into_iter()
        .map(|w| cost(&util, w))
        .collect();
    let mut overhead = None;
    if args.overhead {
        let dir = out.join("synth-inference-only");
        let (util_without, cells_without) =
            utilisation(args, device, build_config(args, false)?, dir, &command)?;
        let without = cost(&util_without, workloads(args, false, None)?.remove(0));
        let (unit, area) = match (cells, cells_without) {
            (Some(a), Some(b)) => ("logic cells (nextpnr)", (a as f64, b as f64)),
            _ => ("LUT4 (Yosys)", (util.luts as f64, util_without.luts as f64)),
        };
        overhead = Overhead::new(unit, area, &energies, &without);
    }
    let report = FpgaReport {
        target: device.target.into(),
        command,
        learning_unit: learning,
        device: device.clone(),
        utilisation: util,
        workloads: energies,
        overhead,
    };
    report.write(out)?;
    chart(out, device.part, &report.workloads)?;
    Ok(report)
}

/// `energy.svg`: energy per sample of every block, one bar per workload.
fn chart(out: &Path, view: &str, workloads: &[WorkloadEnergy]) -> Result<()> {
    let Some(first) = workloads.first() else {
        return Ok(());
    };
    let blocks: Vec<String> = first
        .energy
        .blocks
        .iter()
        .map(|b| b.block.clone())
        .collect();
    let groups: Vec<plot::BarGroup> = workloads
        .iter()
        .enumerate()
        .map(|(k, w)| plot::BarGroup {
            name: format!("{} ({:.0} nJ per sample)", w.kind, w.energy_per_sample_nj),
            colour: plot::PALETTE[k % plot::PALETTE.len()],
            values: blocks.iter().map(|b| w.block_nj(b)).collect(),
        })
        .collect();
    let title = format!("Energy per sample by block: {view}");
    plot::bar_chart(
        &out.join("energy.svg"),
        &plot::Chart {
            title: &title,
            x_label: "block",
            y_label: "nJ per sample",
            log_y: false,
        },
        &blocks,
        &groups,
    )?;
    Ok(())
}
