//! `spoon power`'s report (JSON + Markdown): what was computed, and for each figure that was
//! not, why (no placeholder numbers).

use crate::asic::Mapped;
use crate::charlib::Library;
use crate::energy::{BlockActivity, EnergyReport};
use crate::workload::Workload;
use crate::PowerError;
use serde::Serialize;
use std::fmt::Write;
use std::path::Path;

/// A figure the report does not give, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Absent {
    pub figure: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AsicReport {
    pub target: String,
    pub command: String,
    pub library: String,
    pub simulator: String,
    pub operating_point: String,
    pub mapped: Mapped,
    pub total_area_mm2: f64,
    pub total_leakage_uw: f64,
    /// SRAM accesses counted in an RTL VCD of inference (`--vcd`).
    pub memory_activity: Option<MemoryActivity>,
    /// The clock the ASIC view's workloads are timed at (an assumption: no sky130 timing
    /// closure is run; it sets leakage × time and the average power only).
    pub clock_mhz: f64,
    /// Energy of the simulated workloads (inference, training).
    pub workloads: Vec<WorkloadEnergy>,
    pub overhead: Option<Overhead>,
    pub absent: Vec<Absent>,
    /// Caveats of the figures (e.g. a gate-level netlist that is not cycle-equivalent).
    pub notes: Vec<String>,
}

/// The SRAM macros' accesses in an RTL simulation of inference samples.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemoryActivity {
    pub vcd: String,
    pub cycles: u64,
    /// `out_valid` pulses.
    pub classifications: u64,
    pub memories: Vec<crate::sram::Accesses>,
    /// Σ accesses × their energy ÷ classifications (the macros' dynamic energy only).
    pub sram_energy_per_classification_nj: f64,
}

/// Counts the SRAM accesses of an RTL VCD of `spoon sim` (top scope `spoon`): the clock period
/// from the top clock's toggles, the classifications from `out_valid`.
pub fn memory_activity(
    vcd: &Path,
    macros: &[crate::sram::MacroUse],
) -> Result<MemoryActivity, PowerError> {
    let activity = crate::toggle::count_file(vcd)?;
    let bad = |problem: &str| PowerError::BadVcd {
        origin: vcd.display().to_string(),
        problem: problem.into(),
    };
    let clock = activity
        .variable("spoon", "clock")
        .ok_or_else(|| bad("no spoon.clock"))?;
    let cycles = clock.toggles.div_ceil(2);
    if cycles == 0 {
        return Err(bad("the clock never toggles"));
    }
    let period_ns = (activity.end_time_ns - activity.start_time_ns) / cycles as f64;
    let valid = activity
        .variable("spoon", "out_valid")
        .ok_or_else(|| bad("no spoon.out_valid"))?;
    let classifications = (valid.high_ns / period_ns).round() as u64;
    if classifications == 0 {
        return Err(bad("no classification (out_valid never high)"));
    }
    let memories = crate::sram::accesses(&activity, macros, period_ns)?;
    let total_pj: f64 = memories.iter().map(|m| m.energy_pj).sum();
    Ok(MemoryActivity {
        vcd: vcd.display().to_string(),
        cycles,
        classifications,
        memories,
        sram_energy_per_classification_nj: total_pj / 1e3 / classifications as f64,
    })
}

impl AsicReport {
    pub fn new(lib: &Library, mapped: Mapped, command: String) -> Self {
        let total_leakage_uw = mapped.blocks.values().map(|b| b.leakage_nw).sum::<f64>() / 1e3;
        AsicReport {
            target: "asic".into(),
            command,
            library: lib.source.clone(),
            simulator: lib.simulator.clone(),
            operating_point: format!("{} V, {}, {} °C", lib.vdd, lib.corner, lib.temp_c),
            total_area_mm2: mapped.total_area_um2 / 1e6,
            total_leakage_uw,
            memory_activity: None,
            clock_mhz: ASIC_CLOCK_MHZ,
            workloads: Vec::new(),
            overhead: None,
            mapped,
            absent: absent(),
            notes: Vec::new(),
        }
    }

    pub fn write(&self, dir: &Path) -> Result<(), PowerError> {
        let json = serde_json::to_string_pretty(self).expect("a report serialises");
        write_pair(dir, &json, &self.markdown())
    }

    pub fn markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "# Power and area: {} view\n", self.target);
        let _ = writeln!(s, "`{}`\n", self.command);
        let _ = writeln!(
            s,
            "Cells: {} (characterised with {} at {}; docs/POWER.md). Mapping: {} ({}).\n",
            self.library,
            self.simulator,
            self.operating_point,
            self.mapped.step.command,
            if self.mapped.step.cached {
                "cached"
            } else {
                "run"
            }
        );
        let _ = writeln!(
            s,
            "| block | cells | flip-flops | cell area µm² | SRAM area µm² | leakage µW |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|---|");
        for (name, b) in &self.mapped.blocks {
            let _ = writeln!(
                s,
                "| {name} | {} | {} | {:.0} | {:.0} | {:.3} |",
                b.cells,
                b.flip_flops,
                b.area_um2,
                b.macro_area_um2,
                b.leakage_nw / 1e3
            );
        }
        let _ = writeln!(
            s,
            "| **total** | | | | **{:.3} mm²** | **{:.2}** |\n",
            self.total_area_mm2, self.total_leakage_uw
        );
        self.macros(&mut s);
        for w in &self.workloads {
            w.markdown(&mut s);
        }
        if let Some(o) = &self.overhead {
            o.markdown(&mut s);
        }
        if let Some(m) = &self.memory_activity {
            let _ = writeln!(s, "## SRAM accesses in the RTL simulation (`{}`)\n", m.vcd);
            let _ = writeln!(
                s,
                "{} cycles, {} classifications (inference). **SRAM dynamic energy per classification: {:.2} nJ** (the macros only; the logic's energy needs the gate-level activity).\n",
                m.cycles, m.classifications, m.sram_energy_per_classification_nj
            );
            let _ = writeln!(
                s,
                "| memory | reads | writes | energy nJ |\n|---|---|---|---|"
            );
            for a in &m.memories {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {:.2} |",
                    a.memory,
                    a.reads,
                    a.writes,
                    a.energy_pj / 1e3
                );
            }
            let _ = writeln!(s);
        }
        absent_markdown(&mut s, &self.absent);
        if !self.notes.is_empty() {
            let _ = writeln!(s, "## Notes\n");
            for n in &self.notes {
                let _ = writeln!(s, "- {n}");
            }
        }
        s
    }

    fn macros(&self, s: &mut String) {
        let _ = writeln!(
            s,
            "## Memories as SRAM macros (OpenRAM sky130, power/src/sram.rs)\n"
        );
        let _ = writeln!(
            s,
            "| memory | words × bits | macro | tiles | area µm² | read pJ/word | write pJ/word |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|---|---|");
        for m in &self.mapped.macros {
            let _ = writeln!(
                s,
                "| {} | {} × {} | {} | {} × {} | {:.0} | {:.2} | {:.2} |",
                m.memory,
                m.words,
                m.width,
                m.macro_cell.name,
                m.columns,
                m.rows,
                m.area_um2(),
                m.read_pj(),
                m.write_pj()
            );
        }
        let _ = writeln!(s);
    }
}

fn absent() -> Vec<Absent> {
    vec![Absent {
        figure: "gate-level switching energy".into(),
        reason: "the logic's switching is an RTL-toggle proxy (power/src/switching.rs: RTL net \
                 toggles × mapped cells per RTL net × the block's mean characterised energy per \
                 cell transition), not a simulation of the mapped netlist"
            .into(),
    }]
}

fn absent_markdown(s: &mut String, absent: &[Absent]) {
    if absent.is_empty() {
        return;
    }
    let _ = writeln!(s, "## Not computed\n");
    for a in absent {
        let _ = writeln!(s, "- **{}**: {}", a.figure, a.reason);
    }
}

/// The clock of the ASIC view's workloads (MHz): an assumption, the ECP5 build's sign-off
/// clock (no sky130 timing closure is run).
pub const ASIC_CLOCK_MHZ: f64 = 50.0;

/// A workload's energy in one view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkloadEnergy {
    pub kind: String,
    pub samples: u64,
    pub cycles: u64,
    pub clock_mhz: f64,
    pub energy: EnergyReport,
    /// Σ blocks ÷ samples.
    pub energy_per_sample_nj: f64,
    /// Σ blocks ÷ the window (`cycles / clock`).
    pub average_power_mw: f64,
    /// What each block did and what each event costs.
    pub activities: Vec<BlockActivity>,
    pub workload: Workload,
}

impl WorkloadEnergy {
    pub fn new(
        w: Workload,
        activities: Vec<BlockActivity>,
        window_ns: f64,
        clock_mhz: f64,
    ) -> Self {
        let energy = crate::energy::report(&activities, window_ns);
        WorkloadEnergy {
            kind: w.kind.clone(),
            samples: w.samples,
            cycles: w.cycles,
            clock_mhz,
            energy_per_sample_nj: energy.total_fj / 1e6 / w.samples as f64,
            average_power_mw: energy.total_fj / window_ns / 1e3,
            energy,
            activities,
            workload: w,
        }
    }

    /// A block's energy per sample (nJ); 0 for a block the view does not have.
    pub fn block_nj(&self, block: &str) -> f64 {
        self.energy
            .blocks
            .iter()
            .find(|b| b.block == block)
            .map_or(0.0, |b| b.total_fj / 1e6 / self.samples as f64)
    }

    pub fn markdown(&self, s: &mut String) {
        let _ = writeln!(
            s,
            "## {}: {} samples, {} cycles at {} MHz\n",
            self.kind, self.samples, self.cycles, self.clock_mhz
        );
        let _ = writeln!(
            s,
            "**{:.1} nJ per sample, average power {:.3} mW** (VCD {}).\n",
            self.energy_per_sample_nj, self.average_power_mw, self.workload.vcd
        );
        let _ = writeln!(
            s,
            "| block | switching nJ | memory nJ | static nJ | total nJ | per sample nJ | share |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|---|---|");
        let n = self.samples as f64;
        for b in &self.energy.blocks {
            let _ = writeln!(
                s,
                "| {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.2} | {:.1} % |",
                b.block,
                b.switching_fj / 1e6,
                b.memory_fj / 1e6,
                b.leakage_fj / 1e6,
                b.total_fj / 1e6,
                b.total_fj / 1e6 / n,
                100.0 * b.total_fj / self.energy.total_fj
            );
        }
        let _ = writeln!(
            s,
            "| **total** | | | | **{:.1}** | **{:.2}** | |\n",
            self.energy.total_fj / 1e6,
            self.energy_per_sample_nj
        );
    }
}

/// The learning unit's cost: the chip with it against the chip without it (`hardware.learning
/// = false`), on the same inference samples, and a training sample against an inference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overhead {
    /// What "area" is in this view (mm², logic cells).
    pub area_unit: String,
    pub area_with: f64,
    pub area_without: f64,
    /// (with − without) ÷ with, %: the learning unit's share of the learning chip.
    pub area_percent: f64,
    pub power_with_mw: f64,
    pub power_without_mw: f64,
    /// (with − without) ÷ with, % of the average power on the same inference workload.
    pub power_percent: f64,
    pub inference_nj_with: f64,
    pub inference_nj_without: f64,
    /// Energy of a training sample − an inference, on the learning chip (nJ).
    pub training_extra_nj: Option<f64>,
}

impl Overhead {
    pub fn new(
        area_unit: &str,
        (area_with, area_without): (f64, f64),
        with: &[WorkloadEnergy],
        without: &WorkloadEnergy,
    ) -> Option<Self> {
        let find = |kind: &str| with.iter().find(|w| w.kind == kind);
        let inference = find("inference")?;
        let share = |a: f64, b: f64| 100.0 * (a - b) / a;
        Some(Overhead {
            area_unit: area_unit.into(),
            area_with,
            area_without,
            area_percent: share(area_with, area_without),
            power_with_mw: inference.average_power_mw,
            power_without_mw: without.average_power_mw,
            power_percent: share(inference.average_power_mw, without.average_power_mw),
            inference_nj_with: inference.energy_per_sample_nj,
            inference_nj_without: without.energy_per_sample_nj,
            training_extra_nj: find("training")
                .map(|t| t.energy_per_sample_nj - inference.energy_per_sample_nj),
        })
    }

    pub fn markdown(&self, s: &mut String) {
        let _ = writeln!(s, "## The learning unit's overhead\n");
        let _ = writeln!(
            s,
            "| figure | with | without | overhead |\n|---|---|---|---|"
        );
        // A count of cells as such, an area in mm² to four places.
        let area = |v: f64| {
            if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.4}")
            }
        };
        let _ = writeln!(
            s,
            "| area ({}) | {} | {} | **{:.1} %** |",
            self.area_unit,
            area(self.area_with),
            area(self.area_without),
            self.area_percent
        );
        let _ = writeln!(
            s,
            "| average power, inference (mW) | {:.3} | {:.3} | **{:.1} %** |",
            self.power_with_mw, self.power_without_mw, self.power_percent
        );
        let _ = writeln!(
            s,
            "| energy per inference (nJ) | {:.1} | {:.1} | |",
            self.inference_nj_with, self.inference_nj_without
        );
        if let Some(extra) = self.training_extra_nj {
            let _ = writeln!(s, "| training sample − inference (nJ) | {extra:.1} | | |");
        }
        let _ = writeln!(s);
    }
}

/// The FPGA view's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FpgaReport {
    pub target: String,
    pub command: String,
    pub learning_unit: bool,
    pub device: crate::fpga::Device,
    pub utilisation: crate::fpga::Utilisation,
    pub workloads: Vec<WorkloadEnergy>,
    pub overhead: Option<Overhead>,
}

impl FpgaReport {
    pub fn write(&self, dir: &Path) -> Result<(), PowerError> {
        write_pair(
            dir,
            &serde_json::to_string_pretty(self).expect("a report serialises"),
            &self.markdown(),
        )
    }

    pub fn markdown(&self) -> String {
        let mut s = String::new();
        let d = &self.device;
        let _ = writeln!(s, "# Power and energy: {} view ({})\n", d.target, d.part);
        let _ = writeln!(s, "`{}`\n", self.command);
        let _ = writeln!(
            s,
            "Build: {}. Clock {} MHz. RTL net toggles stand for the LUT and flip-flop outputs \
             (a proxy); constants and their sources: docs/POWER.md § \"The FPGA view\".\n",
            if self.learning_unit {
                "with the learning unit"
            } else {
                "inference only"
            },
            d.clock_mhz
        );
        let u = &self.utilisation;
        let _ = writeln!(
            s,
            "Utilisation ({}): {} LUT4, {} flip-flops, {} carries, {} block RAMs, {} SPRAMs, {} DSPs.\n",
            u.source, u.luts, u.flip_flops, u.carries, u.block_rams, u.sprams, u.dsps
        );
        let _ = writeln!(
            s,
            "| constant | value | low | high | source |\n|---|---|---|---|---|"
        );
        for (name, f, unit) in [
            ("static (core + banks)", d.static_uw, "µW"),
            ("PLL", d.pll_uw, "µW"),
            ("clock tree per cycle", d.clock_tree_fj, "fJ"),
            ("flip-flop clock per cycle", d.ff_clock_fj, "fJ"),
            ("per net toggle", d.toggle_fj, "fJ"),
            ("block RAM access", d.ebr_access_fj, "fJ"),
            ("SPRAM access", d.spram_access_fj, "fJ"),
            ("DSP multiplication", d.dsp_op_fj, "fJ"),
            ("I/O per sample", d.io_per_sample_fj, "fJ"),
        ] {
            let _ = writeln!(
                s,
                "| {name} | {:.4} {unit} | {:.4} | {:.4} | {} |",
                f.value, f.low, f.high, f.source
            );
        }
        let _ = writeln!(s);
        for w in &self.workloads {
            w.markdown(&mut s);
        }
        if let Some(o) = &self.overhead {
            o.markdown(&mut s);
        }
        s
    }
}

fn write_pair(dir: &Path, json: &str, markdown: &str) -> Result<(), PowerError> {
    for (name, text) in [
        ("power.json", format!("{json}\n")),
        ("power.md", markdown.to_string()),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| PowerError::io(&path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sram::{plan, MODULES};

    /// By hand: a 10 ns clock over 4 cycles (#0..#40); `out_valid` high for one cycle; the
    /// kernel memory's read enable high for 3 cycles (#10..#40), its write enable never; the
    /// enables of the other macros are absent from this VCD, so only the kernels are planned.
    /// Energy: 3 reads × 2 columns × 4.816576 pJ, over 1 classification.
    #[test]
    fn sram_accesses_are_counted_from_the_enables() {
        let vcd = "$timescale 1ns $end
$scope module spoon $end
$var wire 1 ! clock $end
$var wire 1 \" out_valid $end
$scope module spoon $end
$scope module conv $end
$scope module kernels $end
$var wire 1 # read_enable $end
$var wire 1 $ write_enable $end
$upscope $end $upscope $end $upscope $end $upscope $end
$enddefinitions $end
#100
0! 0\" 0# 0$
#105
1!
#110
0! 1#
#115
1!
#120
0! 1\"
#125
1!
#130
0! 0\"
#135
1!
#140
0! 0#
";
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("k.vcd");
        std::fs::write(&path, vcd).unwrap();
        let kernels = hdl::emit::Memory {
            name: MODULES[1].0.into(),
            words: 98,
            width: 64,
            declared_words: 128,
        };
        let m = memory_activity(&path, &plan(&[kernels])).unwrap();
        assert_eq!((m.cycles, m.classifications), (4, 1));
        assert_eq!((m.memories[0].reads, m.memories[0].writes), (3, 0));
        assert_eq!(m.memories[0].energy_pj, 3.0 * 2.0 * (2.458020 + 2.358556));
        assert_eq!(
            m.sram_energy_per_classification_nj,
            m.memories[0].energy_pj / 1e3
        );
    }
}
