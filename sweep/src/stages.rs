//! The hardware stages: RTL emission, Yosys utilisation and full place and route per target.
//! (Training needs the dataset loader of the `spoon` tool and lives there.)

use crate::run::{PointContext, Stage, StageOutput};
use serde_json::{json, Value};
use spoon_synth::{Options, Report, Target};
use std::collections::BTreeMap;

/// `emit`: the processor's Verilog; refused configs record the generator's error.
pub struct Emit;

impl Stage for Emit {
    fn name(&self) -> String {
        "emit".into()
    }

    fn run(&self, p: &PointContext<'_>) -> Result<StageOutput, String> {
        let dir = p.dir.join("rtl");
        let manifest = hdl::emit(&p.point.config, &dir).map_err(|e| e.to_string())?;
        let bits: usize = manifest.memories.iter().map(|m| m.words * m.width).sum();
        let columns = BTreeMap::from([
            ("emit.memories".into(), json!(manifest.memories.len())),
            ("emit.memory_bits".into(), json!(bits)),
        ]);
        Ok(StageOutput {
            columns,
            detail: Value::Null,
        })
    }
}

/// `synth-yosys` (one per target): Yosys's technology mapping only, cached by its inputs.
pub struct SynthYosys(pub Target);

/// `synth` (one per target): Yosys, nextpnr and the packer (`spoon_synth::run` and its cache).
pub struct Synth(pub Target);

fn options(target: Target, p: &PointContext<'_>, stage: &str) -> Options {
    Options {
        target,
        board_file: None,
        config: p.point.config.clone(),
        freq_mhz: None,
        out: p.dir.join(format!("{stage}-{}", target.name())),
        use_cache: true,
        cache: spoon_synth::cache::cache_root(),
        seed: 1,
        workload: None,
        command: format!("spoon sweep run (point {})", p.point.id),
    }
}

/// The LUTs of Yosys's mapped netlist: SB_LUT4 (iCE40), LUT4 (ECP5), every cell (generic).
fn yosys_columns(t: &str, r: &Report) -> BTreeMap<String, Value> {
    let u = r.utilisation();
    let (luts, ff, bram, spram, dsp) = (u.luts, u.ff, u.bram, u.spram, u.dsp);
    let mut columns = BTreeMap::from([
        (format!("{t}.yosys_luts"), json!(luts)),
        (format!("{t}.yosys_ff"), json!(ff)),
        (format!("{t}.yosys_bram"), json!(bram)),
        (format!("{t}.yosys_spram"), json!(spram)),
        (format!("{t}.yosys_dsp"), json!(dsp)),
    ]);
    if let Some(d) = device(t) {
        let fits = luts <= d.luts && bram <= d.bram && spram <= d.spram && dsp <= d.dsp;
        columns.insert(format!("{t}.yosys_fits"), json!(fits));
    }
    columns
}

/// What a target's device holds (vendor data sheets; nextpnr reports the same totals, see
/// docs/SYNTH.md): LUT4s, block RAMs, SPRAMs, multipliers.
struct Device {
    luts: u64,
    bram: u64,
    spram: u64,
    dsp: u64,
}

fn device(target: &str) -> Option<Device> {
    let (luts, bram, spram, dsp) = match target {
        "up5k" => (5280, 30, 4, 8),
        "ecp5-85f" => (83640, 208, 0, 156),
        "ecp5-45f" => (43848, 108, 0, 72),
        _ => return None,
    };
    Some(Device {
        luts,
        bram,
        spram,
        dsp,
    })
}

impl Stage for SynthYosys {
    fn name(&self) -> String {
        format!("synth-yosys:{}", self.0.name())
    }

    fn run(&self, p: &PointContext<'_>) -> Result<StageOutput, String> {
        let report =
            spoon_synth::run_yosys_only(&options(self.0, p, "yosys")).map_err(|e| e.to_string())?;
        Ok(StageOutput {
            columns: yosys_columns(self.0.name(), &report),
            detail: json!({ "cells": report.cells }),
        })
    }
}

impl Stage for Synth {
    fn name(&self) -> String {
        format!("synth:{}", self.0.name())
    }

    fn run(&self, p: &PointContext<'_>) -> Result<StageOutput, String> {
        let t = self.0.name();
        let report = spoon_synth::run(&options(self.0, p, "synth")).map_err(|e| e.to_string())?;
        let mut columns = yosys_columns(t, &report);
        columns.insert(format!("{t}.places"), json!(report.failure.is_none()));
        if let Some(pr) = &report.place_route {
            let logic = ["ICESTORM_LC", "TRELLIS_COMB"]
                .iter()
                .find_map(|k| pr.utilisation.get(*k));
            if let Some(u) = logic {
                columns.insert(format!("{t}.logic_cells"), json!(u.used));
                columns.insert(format!("{t}.logic_pct"), json!(round2(u.percent())));
            }
            let fmax = pr
                .clocks
                .iter()
                .map(|c| c.achieved_mhz)
                .fold(f64::INFINITY, f64::min);
            if fmax.is_finite() && report.failure.is_none() {
                let clock = report
                    .clock
                    .as_ref()
                    .map_or(fmax, |c| c.clock_mhz.min(fmax));
                columns.insert(format!("{t}.fmax_mhz"), json!(round2(fmax)));
                columns.insert(format!("{t}.clock_mhz"), json!(round2(clock)));
                columns.insert(format!("{t}.timing_met"), json!(pr.timing_met()));
            }
        }
        Ok(StageOutput {
            columns,
            detail: json!({ "failure": report.failure, "utilisation": report.place_route.map(|p| p.utilisation) }),
        })
    }
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The hardware stages named in `stages`, one per target for the synthesis stages (`train`
/// is the caller's).
pub fn hardware_stages(stage: &str, targets: &[Target]) -> Vec<Box<dyn Stage>> {
    match stage {
        "emit" => vec![Box::new(Emit)],
        "synth-yosys" => targets
            .iter()
            .map(|&t| Box::new(SynthYosys(t)) as Box<dyn Stage>)
            .collect(),
        "synth" => targets
            .iter()
            .map(|&t| Box::new(Synth(t)) as Box<dyn Stage>)
            .collect(),
        _ => Vec::new(),
    }
}
