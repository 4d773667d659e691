//! What a flow reports: the tools' own JSON (Yosys `stat -json`, nextpnr `--report`) parsed
//! into one summary, written as `report.json` and `report.md` beside the tools' files.

use crate::tools::Step;
use crate::SynthError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Cells by type, from Yosys's `stat -json` (the `design` totals), without the `$scopeinfo`
/// cells that flattening leaves (names, no hardware).
pub fn yosys_cells(stat_json: &str, origin: &Path) -> Result<BTreeMap<String, u64>, SynthError> {
    #[derive(Deserialize)]
    struct Stat {
        design: Totals,
    }
    #[derive(Deserialize)]
    struct Totals {
        num_cells_by_type: BTreeMap<String, u64>,
    }
    let stat: Stat = serde_json::from_str(stat_json).map_err(|e| SynthError::BadReport {
        file: origin.to_path_buf(),
        problem: e.to_string(),
    })?;
    let mut cells = stat.design.num_cells_by_type;
    cells.remove("$scopeinfo");
    Ok(cells)
}

/// Used and available resources of one kind (nextpnr's `utilization`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Use {
    pub used: u64,
    pub available: u64,
}

impl Use {
    pub fn percent(&self) -> f64 {
        if self.available == 0 {
            0.0
        } else {
            100.0 * self.used as f64 / self.available as f64
        }
    }
}

/// One clock's timing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClockTiming {
    pub clock: String,
    pub achieved_mhz: f64,
    pub constraint_mhz: f64,
    pub met: bool,
}

/// One of nextpnr's critical paths, summed up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriticalPath {
    pub from: String,
    pub to: String,
    /// First and last cell of the path.
    pub start_cell: String,
    pub end_cell: String,
    pub delay_ns: f64,
    pub logic_ns: f64,
    pub routing_ns: f64,
    /// Cells the path goes through (nextpnr's `logic` segments).
    pub logic_levels: usize,
}

/// nextpnr's `--report` JSON, summed up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceRoute {
    pub utilisation: BTreeMap<String, Use>,
    pub clocks: Vec<ClockTiming>,
    pub critical_paths: Vec<CriticalPath>,
}

impl PlaceRoute {
    pub fn parse(report_json: &str, origin: &Path) -> Result<Self, SynthError> {
        #[derive(Deserialize)]
        struct Report {
            utilization: BTreeMap<String, Use>,
            #[serde(default)]
            fmax: BTreeMap<String, Fmax>,
            #[serde(default)]
            critical_paths: Vec<RawPath>,
        }
        #[derive(Deserialize)]
        struct Fmax {
            achieved: f64,
            constraint: f64,
        }
        #[derive(Deserialize)]
        struct RawPath {
            from: String,
            to: String,
            path: Vec<Segment>,
        }
        #[derive(Deserialize)]
        struct Segment {
            #[serde(rename = "type")]
            kind: String,
            delay: f64,
            from: End,
            to: End,
        }
        #[derive(Deserialize)]
        struct End {
            cell: String,
        }
        let r: Report = serde_json::from_str(report_json).map_err(|e| SynthError::BadReport {
            file: origin.to_path_buf(),
            problem: e.to_string(),
        })?;
        let clocks = r
            .fmax
            .into_iter()
            .map(|(clock, f)| ClockTiming {
                clock,
                achieved_mhz: f.achieved,
                constraint_mhz: f.constraint,
                met: f.achieved >= f.constraint,
            })
            .collect();
        let critical_paths = r
            .critical_paths
            .into_iter()
            .filter(|p| !p.path.is_empty())
            .map(|p| {
                let sum = |kind: &str| -> f64 {
                    p.path
                        .iter()
                        .filter(|s| s.kind == kind)
                        .map(|s| s.delay)
                        .sum()
                };
                CriticalPath {
                    start_cell: p.path[0].from.cell.clone(),
                    end_cell: p.path[p.path.len() - 1].to.cell.clone(),
                    delay_ns: p.path.iter().map(|s| s.delay).sum(),
                    logic_ns: sum("logic") + sum("clk-to-q") + sum("setup"),
                    routing_ns: sum("routing"),
                    logic_levels: p.path.iter().filter(|s| s.kind == "logic").count(),
                    from: p.from,
                    to: p.to,
                }
            })
            .collect();
        Ok(Self {
            utilisation: r
                .utilization
                .into_iter()
                .filter(|(_, u)| u.used > 0)
                .collect(),
            clocks,
            critical_paths,
        })
    }

    /// Every clock met its constraint.
    pub fn timing_met(&self) -> bool {
        self.clocks.iter().all(|c| c.met)
    }
}

/// The packer's `Device utilisation` table from a nextpnr log: what a design needs even when
/// it cannot be placed.
pub fn logged_utilisation(log: &str) -> BTreeMap<String, Use> {
    let Some(start) = log.find("Device utilisation:") else {
        return BTreeMap::new();
    };
    log[start..]
        .lines()
        .skip(1)
        .map(|l| l.trim_start_matches("Info:").trim())
        .take_while(|l| !l.is_empty())
        .filter_map(|l| {
            let (name, rest) = l.split_once(':')?;
            let (used, rest) = rest.split_once('/')?;
            let available = rest.split_whitespace().next()?;
            let u = Use {
                used: used.trim().parse().ok()?,
                available: available.parse().ok()?,
            };
            (u.used > 0).then(|| (name.trim().to_string(), u))
        })
        .collect()
}

/// A Markdown section holding one table: `## title`, the header, then one line per row.
fn table(title: &str, header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let line = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let mut t = format!("\n## {title}\n\n{}", line(&header));
    t += &format!("|{}\n", "---|".repeat(header.len()));
    for row in rows {
        t += &line(&row);
    }
    t
}

/// A bitstream and its hash.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bitstream {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// Cycles measured in golden's cycle-stepped model (= the RTL, cycle for cycle) and the time
/// they take at the achieved clock.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Throughput {
    /// What was measured: the chip and the samples.
    pub workload: String,
    pub cycles_per_classification: f64,
    pub cycles_per_training_sample: f64,
    pub cycles_per_chip_load: u64,
    pub clock_mhz: f64,
    pub us_per_classification: f64,
    pub us_per_training_sample: f64,
    pub ms_per_chip_load: f64,
}

/// The clock plan: oscillator, PLL and the UART divisor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClockPlan {
    pub oscillator_mhz: f64,
    pub requested_mhz: f64,
    /// The PLL's output (the oscillator itself when no PLL is needed).
    pub clock_mhz: f64,
    pub pll: bool,
    pub baud: u32,
    pub clocks_per_bit: usize,
    /// Relative error of the UART bit rate at that divisor.
    pub baud_error: f64,
}

/// Everything a flow run reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub target: String,
    pub board: Option<String>,
    pub device: String,
    pub top: String,
    pub command: String,
    pub tools: BTreeMap<String, String>,
    pub steps: Vec<Step>,
    pub clock: Option<ClockPlan>,
    /// Yosys's cells by type after technology mapping.
    pub cells: BTreeMap<String, u64>,
    pub place_route: Option<PlaceRoute>,
    /// Why place and route did not finish (the tool's error), if it did not; `place_route`
    /// then holds the packer's utilisation only.
    pub failure: Option<String>,
    pub bitstream: Option<Bitstream>,
    pub throughput: Option<Throughput>,
}

/// Yosys's mapped cells summed by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Utilisation {
    /// SB_LUT4 (iCE40), LUT4 (ECP5), every cell (the generic gate count).
    pub luts: u64,
    pub ff: u64,
    /// SB_RAM40_4K, DP16KD; SB_SPRAM256KA; SB_MAC16, MULT18X18D.
    pub bram: u64,
    pub spram: u64,
    pub dsp: u64,
}

impl Report {
    /// The mapped cells by kind (before packing: LUTs, not logic cells).
    pub fn utilisation(&self) -> Utilisation {
        let count =
            |names: &[&str]| -> u64 { names.iter().filter_map(|n| self.cells.get(*n)).sum() };
        let luts = match self.cells.contains_key("SB_LUT4") || self.cells.contains_key("LUT4") {
            true => count(&["SB_LUT4", "LUT4"]),
            false => self.cells.values().sum(),
        };
        let ff = self
            .cells
            .iter()
            .filter(|(k, _)| {
                k.starts_with("SB_DFF") || k.starts_with("TRELLIS_FF") || k.contains("DFF")
            })
            .map(|(_, n)| n)
            .sum();
        Utilisation {
            luts,
            ff,
            bram: count(&["SB_RAM40_4K", "DP16KD"]),
            spram: count(&["SB_SPRAM256KA"]),
            dsp: count(&["SB_MAC16", "MULT18X18D"]),
        }
    }

    /// `report.json` and `report.md` in `dir`.
    pub fn write(&self, dir: &Path) -> Result<(), SynthError> {
        let json = dir.join("report.json");
        let text = serde_json::to_string_pretty(self).expect("plain data serialises");
        std::fs::write(&json, text + "\n").map_err(|e| SynthError::io(&json, e))?;
        let md = dir.join("report.md");
        std::fs::write(&md, self.markdown()).map_err(|e| SynthError::io(&md, e))
    }

    pub fn markdown(&self) -> String {
        let mut m = format!("# spoon synthesis: `{}`\n\n", self.target);
        if let Some(b) = &self.board {
            m += &format!(
                "Board `{b}`, device `{}`, top `{}`.\n\n",
                self.device, self.top
            );
        } else {
            m += &format!("Top `{}`, no place and route.\n\n", self.top);
        }
        m += &format!("Command: `{}`\n", self.command);
        if let Some(f) = &self.failure {
            m += &format!("\n**Place and route failed:** {f}\n");
        }
        if let Some(pr) = &self.place_route {
            m += &table(
                "Timing",
                &["clock", "achieved MHz", "constraint MHz", "met"],
                pr.clocks.iter().map(|c| {
                    let met = if c.met { "yes" } else { "**no**" };
                    vec![
                        format!("`{}`", c.clock),
                        format!("{:.2}", c.achieved_mhz),
                        format!("{:.2}", c.constraint_mhz),
                        met.into(),
                    ]
                }),
            );
            m += &table(
                "Utilisation (nextpnr)",
                &["resource", "used", "available", "%"],
                pr.utilisation.iter().map(|(k, u)| {
                    let p = format!("{:.1}", u.percent());
                    vec![k.clone(), u.used.to_string(), u.available.to_string(), p]
                }),
            );
            m += &table(
                "Critical paths",
                &[
                    "from → to",
                    "delay ns",
                    "logic ns",
                    "routing ns",
                    "levels",
                    "start → end cell",
                ],
                pr.critical_paths.iter().map(|p| {
                    vec![
                        format!("{} → {}", p.from, p.to),
                        format!("{:.2}", p.delay_ns),
                        format!("{:.2}", p.logic_ns),
                        format!("{:.2}", p.routing_ns),
                        p.logic_levels.to_string(),
                        format!("`{}` → `{}`", p.start_cell, p.end_cell),
                    ]
                }),
            );
        }
        m += &table(
            "Cells (Yosys)",
            &["cell", "count"],
            self.cells
                .iter()
                .map(|(k, n)| vec![k.clone(), n.to_string()]),
        );
        if let Some(c) = &self.clock {
            m += &format!(
                "\n## Clock\n\nOscillator {} MHz → {} {:.3} MHz (requested {} MHz). UART {} baud: {} clocks per bit ({:+.2} %).\n",
                c.oscillator_mhz,
                if c.pll { "PLL" } else { "no PLL" },
                c.clock_mhz,
                c.requested_mhz,
                c.baud,
                c.clocks_per_bit,
                100.0 * c.baud_error
            );
        }
        if let Some(t) = &self.throughput {
            m += &format!(
                "\n## Throughput at {:.3} MHz\n\n{}\n\n| per | cycles | time |\n|---|---|---|\n\
                 | classification | {:.0} | {:.1} µs |\n| training sample | {:.0} | {:.1} µs |\n\
                 | chip load (configuration port) | {} | {:.2} ms |\n",
                t.clock_mhz,
                t.workload,
                t.cycles_per_classification,
                t.us_per_classification,
                t.cycles_per_training_sample,
                t.us_per_training_sample,
                t.cycles_per_chip_load,
                t.ms_per_chip_load
            );
        }
        if let Some(b) = &self.bitstream {
            m += &format!(
                "\n## Bitstream\n\n`{}`: {} bytes, sha256 `{}`\n",
                b.path, b.bytes, b.sha256
            );
        }
        m += &table(
            "Tools and steps",
            &["step", "command", "wall s", "cached", "input sha256"],
            self.steps.iter().map(|s| {
                vec![
                    s.name.clone(),
                    format!("`{}`", s.command),
                    format!("{:.1}", s.wall_s),
                    if s.cached { "yes" } else { "no" }.into(),
                    format!("`{}`", &s.input_sha256[..16.min(s.input_sha256.len())]),
                ]
            }),
        );
        for (tool, v) in &self.tools {
            m += &format!("\n- {tool}: {v}");
        }
        m + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A nextpnr 0.11 report cut down by hand: two clocks, one path of four segments.
    const NEXTPNR: &str = r#"{
      "utilization": {"ICESTORM_LC": {"available": 5280, "used": 4000},
                      "SB_GB": {"available": 8, "used": 2},
                      "ICESTORM_PLL": {"available": 1, "used": 0}},
      "fmax": {"clock": {"achieved": 25.5, "constraint": 24},
               "oscillator": {"achieved": 11.0, "constraint": 12}},
      "critical_paths": [{"from": "posedge clock", "to": "posedge clock", "path": [
        {"type": "clk-to-q", "delay": 1.0, "from": {"cell": "a", "port": "O"}, "to": {"cell": "a", "port": "O"}},
        {"type": "routing", "delay": 2.5, "net": "n", "from": {"cell": "a", "port": "O"}, "to": {"cell": "b", "port": "I0"}},
        {"type": "logic", "delay": 1.25, "from": {"cell": "b", "port": "I0"}, "to": {"cell": "b", "port": "O"}},
        {"type": "setup", "delay": 0.5, "from": {"cell": "b", "port": "O"}, "to": {"cell": "c", "port": "I"}}]}]
    }"#;

    #[test]
    fn nextpnr_report_is_summed_up_exactly() {
        let pr = PlaceRoute::parse(NEXTPNR, Path::new("r.json")).unwrap();
        assert_eq!(pr.utilisation.len(), 2, "unused resources are dropped");
        assert_eq!(pr.utilisation["ICESTORM_LC"].used, 4000);
        assert!((pr.utilisation["ICESTORM_LC"].percent() - 75.757_575).abs() < 1e-4);
        assert_eq!(pr.clocks.len(), 2);
        assert!(pr.clocks[0].met && pr.clocks[0].clock == "clock");
        assert!(!pr.clocks[1].met);
        assert!(!pr.timing_met());
        let p = &pr.critical_paths[0];
        assert_eq!((p.delay_ns, p.logic_ns, p.routing_ns), (5.25, 2.75, 2.5));
        assert_eq!(p.logic_levels, 1);
        assert_eq!((p.start_cell.as_str(), p.end_cell.as_str()), ("a", "c"));
    }

    #[test]
    fn yosys_stat_gives_the_design_totals() {
        let stat = r#"{"creator": "Yosys", "modules": {"\\t": {"num_cells_by_type": {"SB_LUT4": 1}}},
                       "design": {"num_cells": 28, "num_cells_by_type": {"$scopeinfo": 1, "SB_CARRY": 7, "SB_DFF": 9, "SB_LUT4": 11}}}"#;
        let cells = yosys_cells(stat, Path::new("stat.json")).unwrap();
        assert_eq!(cells["SB_LUT4"], 11);
        assert_eq!(cells["SB_CARRY"], 7);
        assert_eq!(cells.len(), 3);
    }

    #[test]
    fn the_packer_utilisation_is_read_from_a_failed_log() {
        let log = "Info: Packing RAMs..\nInfo: Device utilisation:\n\
                   Info: \t         ICESTORM_LC:    5990/   5280   113%\n\
                   Info: \t        ICESTORM_RAM:      28/     30    93%\n\
                   Info: \t        ICESTORM_PLL:       0/      1     0%\n\
                   \nInfo: Placed 12 cells based on constraints.\n";
        let u = logged_utilisation(log);
        assert_eq!(u.len(), 2);
        assert_eq!(
            u["ICESTORM_LC"],
            Use {
                used: 5990,
                available: 5280
            }
        );
        assert_eq!(
            u["ICESTORM_RAM"],
            Use {
                used: 28,
                available: 30
            }
        );
        assert!(logged_utilisation("no table").is_empty());
    }

    #[test]
    fn a_markdown_table_is_a_section_with_its_rows() {
        let rows = [
            vec!["a".to_string(), "1".to_string()],
            vec!["b".into(), "2".into()],
        ];
        assert_eq!(
            table("T", &["k", "v"], rows),
            "\n## T\n\n| k | v |\n|---|---|\n| a | 1 |\n| b | 2 |\n"
        );
    }

    #[test]
    fn a_broken_report_is_an_error_naming_the_file() {
        let err = PlaceRoute::parse("{", Path::new("/x/report.json")).unwrap_err();
        assert!(err.to_string().contains("/x/report.json"), "{err}");
    }
}
