//! `spoon power`'s report (JSON + Markdown): what was computed, and for each figure that was
//! not, why (no placeholder numbers).

use crate::asic::Mapped;
use crate::charlib::Library;
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
    pub absent: Vec<Absent>,
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
            mapped,
            absent: absent(),
        }
    }

    pub fn write(&self, dir: &Path) -> Result<(), PowerError> {
        let json = serde_json::to_string_pretty(self).expect("a report serialises");
        for (name, text) in [("power.json", json + "\n"), ("power.md", self.markdown())] {
            let path = dir.join(name);
            std::fs::write(&path, text).map_err(|e| PowerError::io(&path, e))?;
        }
        Ok(())
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
        let _ = writeln!(s, "## Not computed\n");
        for a in &self.absent {
            let _ = writeln!(s, "- **{}**: {}", a.figure, a.reason);
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
    let a = |figure: &str, reason: &str| Absent {
        figure: figure.into(),
        reason: reason.into(),
    };
    vec![
        a(
            "energy per classification and per training sample, average power",
            "need the switching activity of the mapped netlist on real samples (a gate-level \
             simulation feeding the toggle counter), not built yet",
        ),
        a(
            "learning overhead (area %, power %)",
            "needs the chip generated without its learning unit (an RTL switch in hdl/, not \
             built yet); the learning_unit row above is the area of the blocks a learning pass \
             alone uses, not a build without them",
        ),
        a(
            "FPGA view (iCE40 UP5K, ECP5)",
            "its energy model with cited constants is not built yet",
        ),
    ]
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
