//! The energy of one transition of each net of the mapped sky130 netlist, from its own driver
//! and loads (the gate-level view's switching): `internal energy of the driving cell
//! + ½ · (Σ input-pin capacitances of the cells it drives + WIRE_FF_PER_SINK · sinks) · V²`.
//!
//! The connectivity is Yosys's JSON of `netlist.v` read back (`write_json` after
//! `read_verilog netlist.v`, so its net names are the ones Verilator traces). The hierarchy is
//! kept: a net crossing module ports is one net here (its driver in one module, its sinks in
//! several), named by every (instance path, wire) that carries it. Cells other than the
//! library's are the SRAM macros' behavioural models (`$mem_v2`, `$dff`, `$mux`, ...): a net
//! they drive (a macro's read data) costs its load but no internal energy, and their inputs
//! load nothing (the macro's per-access energy covers them). A net with no driver (a pin of
//! the chip, the clock) costs nothing here: the flip-flops' clock energy is counted per cycle.

use crate::charlib::Library;
use crate::toggle::Activity;
use crate::PowerError;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// Wire capacitance per driven input pin (fF): a star of short sky130 hd routes, about 10 µm
/// each at about 0.2 fF/µm (`switching::WIRE_FF` per net in the proxy, which assumes 2 sinks);
/// uncertain by 2× either way without a placement.
pub const WIRE_FF_PER_SINK: f64 = 2.0;

#[derive(Deserialize)]
struct Design {
    modules: HashMap<String, Module>,
}

#[derive(Deserialize)]
struct Module {
    #[serde(default)]
    ports: HashMap<String, Port>,
    #[serde(default)]
    cells: HashMap<String, Cell>,
    #[serde(default)]
    netnames: HashMap<String, NetName>,
}

#[derive(Deserialize)]
struct Port {
    bits: Vec<Bit>,
}

#[derive(Deserialize)]
struct Cell {
    #[serde(rename = "type")]
    ty: String,
    #[serde(default)]
    port_directions: HashMap<String, String>,
    connections: HashMap<String, Vec<Bit>>,
}

#[derive(Deserialize)]
struct NetName {
    bits: Vec<Bit>,
    #[serde(default)]
    hide_name: u8,
    #[serde(default)]
    offset: i64,
    #[serde(default)]
    upto: u8,
}

/// A signal bit of Yosys's JSON: a net number, or a constant (`"0"`, `"1"`, `"x"`, `"z"`).
#[derive(Deserialize, Clone, Copy)]
#[serde(untagged)]
enum Bit {
    Net(u64),
    #[allow(dead_code)]
    Constant(char),
}

#[derive(Default, Clone, Copy)]
struct Net {
    /// The driving cell's internal energy per output transition, if a cell drives it.
    internal_fj: Option<f64>,
    /// Driven by something that is not a library cell (a macro's behavioural model).
    other_driver: bool,
    load_ff: f64,
    sinks: u32,
}

/// Every traced name of the netlist's nets, with each net's energy per transition.
#[derive(Debug, Clone, Default)]
pub struct NetEnergies {
    /// `(instance path, bit name)` → net; the path starts with the top's name (`spoon.fc`),
    /// a bit name is `wire` or `wire[i]`, as `toggle` names VCD nets.
    names: HashMap<(String, String), usize>,
    /// Per net, fJ per transition.
    energy_fj: Vec<f64>,
    /// Per net, whether anything drives it.
    driven: Vec<bool>,
}

impl NetEnergies {
    /// Reads Yosys's JSON at `path` with the cells of `lib`; module `top` is traced as the VCD
    /// scope `scope`.
    pub fn from_json(
        path: &Path,
        lib: &Library,
        top: &str,
        scope: &str,
    ) -> Result<Self, PowerError> {
        let text = std::fs::read_to_string(path).map_err(|e| PowerError::io(path, e))?;
        Self::from_json_text(&text, lib, top, scope, path)
    }

    fn from_json_text(
        text: &str,
        lib: &Library,
        top: &str,
        scope: &str,
        origin: &Path,
    ) -> Result<Self, PowerError> {
        let bad = |problem: String| PowerError::BadTool {
            file: origin.to_path_buf(),
            problem,
        };
        let design: Design = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        let mut b = Builder {
            design: &design,
            lib,
            nets: Vec::new(),
            names: HashMap::new(),
        };
        if !design.modules.contains_key(top) {
            return Err(bad(format!("no module `{top}`")));
        }
        b.instance(top, scope, &HashMap::new(), 0).map_err(bad)?;
        let v2 = lib.vdd * lib.vdd;
        let energy_fj = b
            .nets
            .iter()
            .map(|n| {
                if n.internal_fj.is_none() && !n.other_driver {
                    0.0
                } else {
                    let wire = WIRE_FF_PER_SINK * f64::from(n.sinks.max(1));
                    n.internal_fj.unwrap_or(0.0) + 0.5 * (n.load_ff + wire) * v2
                }
            })
            .collect();
        let driven = b
            .nets
            .iter()
            .map(|n| n.internal_fj.is_some() || n.other_driver)
            .collect();
        Ok(Self {
            names: b.names,
            energy_fj,
            driven,
        })
    }

    /// The net traced as `name` in `scope`, if the netlist has it.
    fn net(&self, scope: &str, name: &str) -> Option<usize> {
        self.names
            .get(&(scope.to_string(), name.to_string()))
            .copied()
    }

    /// fJ per transition of the net traced as `name` in `scope`.
    pub fn energy_fj(&self, scope: &str, name: &str) -> Option<f64> {
        self.net(scope, name).map(|n| self.energy_fj[n])
    }

    /// The nets that anything drives.
    pub fn driven_nets(&self) -> usize {
        self.driven.iter().filter(|&&d| d).count()
    }
}

struct Builder<'a> {
    design: &'a Design,
    lib: &'a Library,
    nets: Vec<Net>,
    names: HashMap<(String, String), usize>,
}

/// Instances deeper than this are a recursive hierarchy, which a netlist cannot have.
const MAX_DEPTH: usize = 64;

impl Builder<'_> {
    /// Elaborates instance `path` of `module`, whose port bits are the parent's nets `ports`.
    fn instance(
        &mut self,
        module: &str,
        path: &str,
        ports: &HashMap<u64, usize>,
        depth: usize,
    ) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Err(format!(
                "the hierarchy under {path} is deeper than {MAX_DEPTH}"
            ));
        }
        let m = &self.design.modules[module];
        let mut local: HashMap<u64, usize> = ports.clone();
        let mut net = |b: u64, nets: &mut Vec<Net>| {
            *local.entry(b).or_insert_with(|| {
                nets.push(Net::default());
                nets.len() - 1
            })
        };
        let mut names: Vec<(&str, &NetName)> =
            m.netnames.iter().map(|(n, v)| (n.as_str(), v)).collect();
        names.sort_by_key(|(n, _)| *n);
        for (name, v) in names {
            if v.hide_name != 0 {
                continue;
            }
            let width = v.bits.len() as i64;
            for (k, bit) in v.bits.iter().enumerate() {
                let Bit::Net(b) = *bit else { continue };
                let n = net(b, &mut self.nets);
                let index = if v.upto != 0 {
                    v.offset + width - 1 - k as i64
                } else {
                    v.offset + k as i64
                };
                // The top's ports are also the wrapper's (the bench or simulator top whose
                // scope holds the top's): a VCD may name them there first.
                let wrapper = (depth == 0 && m.ports.contains_key(name))
                    .then(|| path.rsplit_once('.').map(|(w, _)| w))
                    .flatten();
                for scope in std::iter::once(path).chain(wrapper) {
                    if width == 1 {
                        self.names.insert((scope.to_string(), name.to_string()), n);
                    }
                    self.names
                        .insert((scope.to_string(), format!("{name}[{index}]")), n);
                }
            }
        }
        let mut cells: Vec<(&String, &Cell)> = m.cells.iter().collect();
        cells.sort_by_key(|(n, _)| *n);
        for (name, cell) in cells {
            let lib_cell = self.lib.cell(&cell.ty);
            // Yosys lists the library's cells as (blackbox) modules too: a library cell first.
            if let (None, Some(child)) = (lib_cell, self.design.modules.get(&cell.ty)) {
                let mut map = HashMap::new();
                for (port, bits) in &cell.connections {
                    let Some(p) = child.ports.get(port) else {
                        return Err(format!(
                            "{path}: instance {name} of {} connects an unknown port {port}",
                            cell.ty
                        ));
                    };
                    for (inner, outer) in p.bits.iter().zip(bits) {
                        if let (Bit::Net(i), Bit::Net(o)) = (inner, outer) {
                            map.insert(*i, net(*o, &mut self.nets));
                        }
                    }
                }
                let child_path = format!("{path}.{}", name.trim_start_matches('\\'));
                self.instance(&cell.ty, &child_path, &map, depth + 1)?;
                continue;
            }
            let cell_scope = format!("{path}.{}", name.trim_start_matches('\\'));
            for (pin, bits) in &cell.connections {
                let dir = cell.port_directions.get(pin).map(String::as_str);
                for bit in bits {
                    let Bit::Net(b) = *bit else { continue };
                    let n = net(b, &mut self.nets);
                    if lib_cell.is_some() {
                        // Verilator traces a cell instance's pins in a scope of its own.
                        self.names.insert((cell_scope.clone(), pin.clone()), n);
                    }
                    match (lib_cell, dir) {
                        (Some(c), _) if *pin == c.output => {
                            self.nets[n].internal_fj = Some(c.internal_fj);
                        }
                        (Some(c), _) => {
                            let pin_cap =
                                c.inputs.iter().find(|p| p.name == *pin).ok_or_else(|| {
                                    format!(
                                        "{path}: cell {name} ({}) has no pin {pin} in the library",
                                        cell.ty
                                    )
                                })?;
                            self.nets[n].load_ff += pin_cap.cap_ff;
                            self.nets[n].sinks += 1;
                        }
                        (None, Some("output")) => self.nets[n].other_driver = true,
                        (None, _) => {}
                    }
                }
            }
        }
        Ok(())
    }
}

/// The gate-level switching of one block of a workload.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct GateSwitching {
    /// Toggles of nets found in the netlist, and their energy (Σ toggles × the net's energy).
    pub toggles: u64,
    pub energy_fj: f64,
    /// Toggles of traced nets the netlist does not name (costed by the caller some other way).
    pub unmatched_toggles: u64,
}

/// Sums `activity`'s toggles × each net's energy per block (`block_of_scope` of the VCD
/// scope), skipping the nets `skip` names (the macros' storage) and counting a net traced
/// under several names once.
pub fn per_block(
    activity: &Activity,
    nets: &NetEnergies,
    block_of_scope: impl Fn(&str) -> &'static str,
    skip: impl Fn(&str, &str) -> bool,
) -> BTreeMap<String, GateSwitching> {
    let mut out: BTreeMap<String, GateSwitching> = BTreeMap::new();
    let mut seen = HashSet::new();
    for n in &activity.nets {
        if skip(&n.scope, &n.name) {
            continue;
        }
        let b = out.entry(block_of_scope(&n.scope).to_string()).or_default();
        match nets.net(&n.scope, &n.name) {
            Some(id) => {
                if seen.insert(id) {
                    b.toggles += n.toggles;
                    b.energy_fj += n.toggles as f64 * nets.energy_fj[id];
                }
            }
            None => b.unmatched_toggles += n.toggles,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charlib::{Cell as LibCell, Pin};

    fn lib() -> Library {
        let cell = |name: &str, inputs: &[(&str, f64)], output: &str, internal_fj: f64| LibCell {
            name: name.into(),
            area_um2: 1.0,
            inputs: inputs
                .iter()
                .map(|(n, c)| Pin {
                    name: n.to_string(),
                    cap_ff: *c,
                })
                .collect(),
            output: output.into(),
            function: None,
            clear: None,
            is_ff: false,
            leakage_nw: 0.0,
            internal_fj,
            clock_fj_per_cycle: None,
            arcs: vec![],
        };
        Library {
            vdd: 2.0,
            cells: vec![
                cell("inv", &[("A", 1.0)], "Y", 3.0),
                cell("nand", &[("A", 2.0), ("B", 4.0)], "Y", 5.0),
            ],
            ..crate::charlib::shipped().unwrap()
        }
    }

    /// `top` (ports `a`, `y`) holds `inv u1 (a → n)` and an instance `sub` of `leaf` (port
    /// `i` = n, port `o` = y); `leaf` holds `nand u2 (i, i → o)`; a behavioural `$dff` in the
    /// top drives `q`, which nothing reads. By hand, V = 2 V (½V² = 2 fJ/fF):
    /// - n (top `n`, `sub.i`): inv (3 fJ) + ½ · (2 + 4 + 2 × 2 wire) fF · 4 V² = 3 + 20 = 23 fJ;
    /// - y (top `y`, `sub.o`): nand (5 fJ) + ½ · (0 + 2 × 1 wire) · 4 = 5 + 4 = 9 fJ;
    /// - q: behavioural driver, ½ · 2 fF · 4 = 4 fJ; a: a pin of the chip, 0.
    ///
    /// Yosys lists library cells as blackbox modules too (`inv` here): a cell, not an instance.
    const JSON: &str = r#"{"modules": {
      "inv": {"attributes": {"blackbox": "00000000000000000000000000000001"},
              "ports": {"A": {"direction": "input", "bits": [2]}, "Y": {"direction": "output", "bits": [3]}}},
      "top": {"ports": {"a": {"direction": "input", "bits": [2]}, "y": {"direction": "output", "bits": [3]}},
              "cells": {"u1": {"type": "inv", "port_directions": {"A": "input", "Y": "output"}, "connections": {"A": [2], "Y": [4]}},
                        "sub": {"type": "leaf", "connections": {"i": [4], "o": [3]}},
                        "$d": {"type": "$dff", "port_directions": {"CLK": "input", "D": "input", "Q": "output"}, "connections": {"CLK": [2], "D": [4], "Q": [5, "0"]}}},
              "netnames": {"a": {"bits": [2]}, "y": {"bits": [3]}, "n": {"bits": [4]}, "q": {"bits": [5, "0"], "offset": 2}, "$h": {"bits": [4], "hide_name": 1}}},
      "leaf": {"ports": {"i": {"direction": "input", "bits": [2]}, "o": {"direction": "output", "bits": [3]}},
               "cells": {"u2": {"type": "nand", "port_directions": {"A": "input", "B": "input", "Y": "output"}, "connections": {"A": [2], "B": [2], "Y": [3]}}},
               "netnames": {"i": {"bits": [2]}, "o": {"bits": [3]}}}}}"#;

    #[test]
    fn each_net_costs_its_driver_and_its_loads_across_the_hierarchy() {
        let nets =
            NetEnergies::from_json_text(JSON, &lib(), "top", "top", Path::new("t.json")).unwrap();
        let e = |s: &str, n: &str| nets.energy_fj(s, n);
        assert_eq!(e("top", "n"), Some(23.0));
        assert_eq!(e("top.sub", "i"), Some(23.0));
        assert_eq!(e("top.sub", "i[0]"), Some(23.0));
        assert_eq!(e("top", "y"), Some(9.0));
        assert_eq!(e("top.sub", "o"), Some(9.0));
        assert_eq!(
            e("top.sub.u2", "Y"),
            Some(9.0),
            "a cell's pins, in its own scope"
        );
        assert_eq!(e("top.sub.u2", "B"), Some(23.0));
        assert_eq!(e("top.$d", "Q"), None, "not a library cell");
        assert_eq!(e("top", "q[2]"), Some(4.0));
        assert_eq!(e("top", "q[3]"), None, "a constant bit is no net");
        assert_eq!(e("top", "a"), Some(0.0));
        assert_eq!(e("top", "$h"), None, "hidden names are not traced");
        assert_eq!(nets.driven_nets(), 3);
        let nested =
            NetEnergies::from_json_text(JSON, &lib(), "top", "sim.chip", Path::new("t.json"))
                .unwrap();
        assert_eq!(nested.energy_fj("sim.chip.sub", "i"), Some(23.0));
        assert_eq!(nested.energy_fj("top.sub", "i"), None);
        assert_eq!(
            nested.energy_fj("sim", "y"),
            Some(9.0),
            "a port, seen by the wrapper"
        );
        assert_eq!(nested.energy_fj("sim", "n"), None, "not a port");
    }

    /// Toggles: n 3 times (traced in both scopes: counted once), y twice, q once, and one
    /// untraced name: 3 × 23 + 2 × 9 + 4 = 91 fJ; the `mem[0]` storage net is skipped.
    #[test]
    fn per_block_counts_a_net_once_under_any_of_its_names() {
        let nets =
            NetEnergies::from_json_text(JSON, &lib(), "top", "top", Path::new("t.json")).unwrap();
        let net = |scope: &str, name: &str, toggles| crate::toggle::NetToggles {
            scope: scope.into(),
            name: name.into(),
            toggles,
            unknown: 0,
            high_ns: 0.0,
        };
        let activity = Activity {
            nets: vec![
                net("top", "n", 3),
                net("top.sub", "i", 3),
                net("top", "y", 2),
                net("top", "q[2]", 1),
                net("top", "extra", 7),
                net("top.sub", "mem[0]", 9),
            ],
            start_time_ns: 0.0,
            end_time_ns: 1.0,
            variables: vec![],
        };
        let blocks = per_block(&activity, &nets, |_| "all", |_, n| n.starts_with("mem["));
        assert_eq!(
            blocks["all"],
            GateSwitching {
                toggles: 6,
                energy_fj: 91.0,
                unmatched_toggles: 7
            }
        );
    }

    #[test]
    fn a_missing_top_or_bad_json_names_the_file() {
        let e = NetEnergies::from_json_text(JSON, &lib(), "nope", "top", Path::new("t.json"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("t.json: ") && e.contains("no module `nope`"),
            "{e}"
        );
        let e = NetEnergies::from_json_text("{", &lib(), "top", "top", Path::new("t.json"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.json: "), "{e}");
    }
}
