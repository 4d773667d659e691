//! The ngspice deck that characterises every cell in one transient run (the sky130 model
//! library takes most of a run's time to load, so one deck does all cells), and the reading of
//! its `meas` results.
//!
//! Each measurement has its own instance of the cell with its own supply source, so the
//! energy drawn by one arc is the integral of one source's current. Inputs come from ideal
//! sources (their charge is the pin capacitance, not the cell's supply energy); the inputs an
//! arc does not switch are tied to a separate, unmeasured supply.

use super::cells::{sensitising, CellSpec, Kind};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The operating point and stimulus of the characterisation.
pub const VDD: f64 = 1.8;
pub const TEMP_C: f64 = 25.0;
/// Input ramps: 0–100 % in 100 ps.
pub const INPUT_RAMP_NS: f64 = 0.1;
/// The two output loads of every arc (fF): about 1 and 6 fan-outs of a small gate.
pub const LOADS_FF: [f64; 2] = [5.0, 20.0];

const SUPPLY: &str = "VGND VNB VPB VPWR";

/// One deck line per element, one `meas` per measurement.
#[derive(Default)]
pub struct Deck {
    pub elements: String,
    pub measures: String,
}

impl Deck {
    fn el(&mut self, line: String) {
        self.elements.push_str(&line);
        self.elements.push('\n');
    }
    fn meas(&mut self, line: String) {
        self.measures.push_str("meas tran ");
        self.measures.push_str(&line);
        self.measures.push('\n');
    }

    /// A cell instance `id` with its own supply `vdd_<id>` and load; `pins` are the input nodes.
    fn instance(&mut self, id: &str, cell: &CellSpec, pins: &[String], load_ff: Option<f64>) {
        self.el(format!("Vdd_{id} vdd_{id} 0 {VDD}"));
        let supply = SUPPLY
            .replace("VGND VNB", "0 0")
            .replace("VPB VPWR", &format!("vdd_{id} vdd_{id}"));
        self.el(format!(
            "X{id} {} {supply} out_{id} sky130_fd_sc_hd__{}",
            pins.join(" "),
            cell.name
        ));
        if let Some(c) = load_ff {
            self.el(format!("CL_{id} out_{id} 0 {c}f"));
        }
    }

    /// A pulse source `V<name>_<id>` driving node `<name>_<id>`.
    fn source(&mut self, name: &str, id: &str, spec: &str) -> String {
        self.el(format!("V{name}_{id} {name}_{id} 0 {spec}"));
        format!("{name}_{id}")
    }
}

fn tie(high: bool) -> String {
    if high { "hi" } else { "0" }.to_string()
}

/// The whole deck: the model library (`tt` corner), the cells' netlists, every instance.
pub fn build(models: &str, netlists: &[String], cells: &[CellSpec]) -> String {
    let mut d = Deck::default();
    d.el(format!("Vhi hi 0 {VDD}"));
    for (ci, cell) in cells.iter().enumerate() {
        match cell.kind {
            Kind::Comb(f) => comb(&mut d, ci, cell, f),
            Kind::Dff { clear } => dff(&mut d, ci, cell, clear),
        }
        statics(&mut d, ci, cell);
    }
    let mut s = String::from("* spoon-power: characterisation of sky130_fd_sc_hd cells\n");
    let _ = writeln!(s, ".lib \"{models}\" tt");
    for n in netlists {
        let _ = writeln!(s, ".include \"{n}\"");
    }
    let _ = writeln!(s, ".option scale=1e-6\n.temp {TEMP_C}");
    s += &d.elements;
    // Only the measured vectors are kept (the whole circuit's would take gigabytes).
    let _ = writeln!(s, ".tran 2p 21n\n.control");
    for chunk in saved(&d.measures).chunks(16) {
        let _ = writeln!(s, "save {}", chunk.join(" "));
    }
    s += "run\n";
    s += &d.measures;
    // Batch ngspice exits with 1 after a control block; a failed measurement is caught by
    // its missing result instead.
    s += "quit 0\n.endc\n.end\n";
    s
}

const RAMP: &str = "100p 100p";

/// Per input pin and load: the pin pulsed (up at 1 ns, down at 5.1 ns), the others at its
/// sensitising vector; supply charge over one period, input charge on the rise, delays and
/// output transitions (20–80 %).
fn comb(d: &mut Deck, ci: usize, cell: &CellSpec, f: &str) {
    for (p, _) in cell.inputs.iter().enumerate() {
        let Some((state, _)) = sensitising(f, cell.inputs, p) else {
            continue;
        };
        for (li, load) in LOADS_FF.iter().enumerate() {
            let id = format!("c{ci}p{p}l{li}");
            let src = d.source("in", &id, &format!("PULSE(0 {VDD} 1n {RAMP} 4n 10n)"));
            let pins: Vec<String> = (0..cell.inputs.len())
                .map(|k| {
                    if k == p {
                        src.clone()
                    } else {
                        tie(state >> k & 1 == 1)
                    }
                })
                .collect();
            d.instance(&id, cell, &pins, Some(*load));
            d.meas(format!("e_{id} integ i(Vdd_{id}) from=0.5n to=10.5n"));
            d.meas(format!("q_{id} integ i(Vin_{id}) from=0.5n to=4n"));
            let o = format!("v(out_{id})");
            d.meas(format!(
                "dr_{id} trig v({src}) val=0.9 rise=1 targ {o} val=0.9 cross=1"
            ));
            d.meas(format!(
                "df_{id} trig v({src}) val=0.9 fall=1 targ {o} val=0.9 cross=2"
            ));
            transitions(d, &id, 0.0);
        }
    }
}

/// Output 20–80 % rise and fall times, the first after `td_ns`.
fn transitions(d: &mut Deck, id: &str, td_ns: f64) {
    let o = format!("v(out_{id})");
    let (lo, hi) = (0.2 * VDD, 0.8 * VDD);
    d.meas(format!(
        "tr_{id} trig {o} val={lo} td={td_ns}n rise=1 targ {o} val={hi} td={td_ns}n rise=1"
    ));
    d.meas(format!(
        "tf_{id} trig {o} val={hi} td={td_ns}n fall=1 targ {o} val={lo} td={td_ns}n fall=1"
    ));
}

/// Flip-flop: a clock-only instance (D = 0), a toggling one per load (D changes between clock
/// edges, so Q rises at the edge of 6 ns and falls at 11 ns), and for a clear pin an instance
/// where Q (loaded with 1 at 1 ns) is cleared at 3 ns. Windows of two clock periods.
fn dff(d: &mut Deck, ci: usize, cell: &CellSpec, clear: Option<&str>) {
    let clock = format!("PULSE(0 {VDD} 1n {RAMP} 2.4n 5n)");
    let set_pins = |clk: String, data: String, rst: String| {
        let mut pins = vec![clk, data];
        if clear.is_some() {
            pins.push(rst);
        }
        pins
    };
    let id = format!("f{ci}clk");
    let ck = d.source("ck", &id, &clock);
    d.instance(
        &id,
        cell,
        &set_pins(ck.clone(), tie(false), tie(true)),
        Some(LOADS_FF[0]),
    );
    d.meas(format!("e_{id} integ i(Vdd_{id}) from=5.5n to=15.5n"));
    d.meas(format!("q_{id} integ i(Vck_{id}) from=5.9n to=8n"));
    for (li, load) in LOADS_FF.iter().enumerate() {
        let id = format!("f{ci}tog{li}");
        let ck = d.source("ck", &id, &clock);
        let dd = d.source("d", &id, &format!("PULSE(0 {VDD} 3.5n {RAMP} 4.9n 10n)"));
        d.instance(&id, cell, &set_pins(ck.clone(), dd, tie(true)), Some(*load));
        d.meas(format!("e_{id} integ i(Vdd_{id}) from=5.5n to=15.5n"));
        d.meas(format!("q_{id} integ i(Vd_{id}) from=13.4n to=15n"));
        let o = format!("v(out_{id})");
        d.meas(format!(
            "dr_{id} trig v({ck}) val=0.9 td=5n rise=1 targ {o} val=0.9 td=5n rise=1"
        ));
        d.meas(format!(
            "df_{id} trig v({ck}) val=0.9 td=10n rise=1 targ {o} val=0.9 td=10n fall=1"
        ));
        transitions(d, &id, 5.0);
        if clear.is_some() {
            let id = format!("f{ci}rst{li}");
            let ck = d.source("ck", &id, &format!("PULSE(0 {VDD} 1n {RAMP} 1n 100n)"));
            let r = d.source("r", &id, &format!("PULSE({VDD} 0 3n {RAMP} 4n 100n)"));
            d.instance(&id, cell, &set_pins(ck, tie(true), r.clone()), Some(*load));
            d.meas(format!("q_{id} integ i(Vr_{id}) from=7n to=9n"));
            let o = format!("v(out_{id})");
            d.meas(format!(
                "df_{id} trig v({r}) val=0.9 fall=1 targ {o} val=0.9 td=2n fall=1"
            ));
            d.meas(format!(
                "tf_{id} trig {o} val={} td=2n fall=1 targ {o} val={} td=2n fall=1",
                0.8 * VDD,
                0.2 * VDD
            ));
        }
    }
}

/// Leakage: one unloaded instance per static input state (flip-flops: clock low, clear
/// inactive, D either way), its supply current and, for a combinational cell, its output.
fn statics(d: &mut Deck, ci: usize, cell: &CellSpec) {
    let states: Vec<Vec<String>> = match cell.kind {
        Kind::Comb(_) => (0..1u32 << cell.inputs.len())
            .map(|s| {
                (0..cell.inputs.len())
                    .map(|k| tie(s >> k & 1 == 1))
                    .collect()
            })
            .collect(),
        Kind::Dff { clear } => (0..2)
            .map(|dv| {
                let mut pins = vec![tie(false), tie(dv == 1)];
                if clear.is_some() {
                    pins.push(tie(true));
                }
                pins
            })
            .collect(),
    };
    for (s, pins) in states.iter().enumerate() {
        let id = format!("s{ci}k{s}");
        d.instance(&id, cell, pins, None);
        d.meas(format!("l_{id} avg i(Vdd_{id}) from=18n to=21n"));
        d.meas(format!("v_{id} find v(out_{id}) at=20n"));
    }
}

/// Every `v(node)` and `i(source)` the measurements read, once each.
fn saved(measures: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (at, _) in measures.match_indices('(') {
        let head = &measures[..at];
        if !(head.ends_with(" v") || head.ends_with(" i")) {
            continue;
        }
        let Some(len) = measures[at..].find(')') else {
            continue;
        };
        let vector = format!("{}{}", &head[head.len() - 1..], &measures[at..=at + len]);
        if !out.contains(&vector) {
            out.push(vector);
        }
    }
    out
}

/// The `name = value` lines ngspice prints for its measurements (names lower case).
pub fn results(stdout: &str) -> BTreeMap<String, f64> {
    stdout
        .lines()
        .filter_map(|l| {
            let (name, rest) = l.split_once('=')?;
            let name = name.trim();
            if name.is_empty() || name.contains(char::is_whitespace) {
                return None;
            }
            let value = rest.split_whitespace().next()?.parse().ok()?;
            Some((name.to_ascii_lowercase(), value))
        })
        .collect()
}
