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
    pub absent: Vec<Absent>,
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
