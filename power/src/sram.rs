//! The memories of the ASIC view as SRAM macros: OpenRAM's published sky130 macros, tiled.
//!
//! Source (the only sky130 SRAM figures we can cite): the Liberty files that OpenRAM generated
//! for its sky130 macros, repository `VLSIDA/sky130_sram_macros`, corner TT 1.8 V 25 °C:
//! - `sky130_sram_2kbyte_1rw_32x512_8` (commit 0178860d): `area : 31064.064` µm²,
//!   `cell_leakage_power : 0.000814` mW, clock `internal_power` when selected: write
//!   (`!csb0 & !web0`) 2.3755 + 2.5909 pJ, read (`!csb0 & web0`) 2.4580 + 2.3586 pJ per cycle
//!   (rise + fall).
//! - `sky130_sram_1kbyte_1rw1r_32x256_8` (commit 261a97b2): `area : 50479.104` µm²,
//!   leakage 0.000912 mW, port 0 write 2.2269 + 2.3716 pJ, port 1 read (`!csb1`) 2.8435 +
//!   2.5819 pJ.
//!
//! Uncertainty: these are OpenRAM's own characterisation of its generated netlists (not
//! silicon measurements); we take them as ±50 % for energy and ±20 % for area (the macros
//! exist as layouts, so their area is real, but a production compiler's macro of the same size
//! would be denser). Assumptions of this model, not from the source: a memory is tiled from
//! the macro (⌈width / 32⌉ columns × ⌈words / depth⌉ rows); an access activates one row of
//! tiles; the clock of unselected tiles is gated (OpenRAM gives 1.6 pJ per cycle for a
//! deselected 2 kB macro, which this model leaves out); memories under [`MACRO_MIN_BITS`]
//! are flip-flops (Yosys `memory_map`), costed as cells.

use serde::Serialize;

/// A memory smaller than this (declared words × width) is made of flip-flops.
pub const MACRO_MIN_BITS: usize = 4096;

/// The RAM module of each memory of the manifest (`hdl::emit`'s memory names).
pub const MODULES: &[(&str, &str)] = &[
    ("aer_fifo", "spoon$fifo$words"),
    ("kernel_memory", "spoon$conv$kernels"),
    ("membrane_map", "spoon$conv$membranes"),
    ("fc0_weights", "spoon$fc$hidden_weights"),
    ("output_weights", "spoon$fc$output_weights"),
    ("accumulators", "spoon$fc$accumulators"),
];

/// One OpenRAM macro's published figures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Macro {
    pub name: &'static str,
    pub words: usize,
    pub width: usize,
    pub area_um2: f64,
    pub leakage_nw: f64,
    pub read_pj: f64,
    pub write_pj: f64,
}

pub const SRAM_1RW_32X512: Macro = Macro {
    name: "sky130_sram_2kbyte_1rw_32x512_8",
    words: 512,
    width: 32,
    area_um2: 31064.064,
    leakage_nw: 814.0023,
    read_pj: 2.458020 + 2.358556,
    write_pj: 2.375523 + 2.590904,
};

pub const SRAM_1RW1R_32X256: Macro = Macro {
    name: "sky130_sram_1kbyte_1rw1r_32x256_8",
    words: 256,
    width: 32,
    area_um2: 50479.104,
    leakage_nw: 911.7994,
    read_pj: 2.843456 + 2.581878,
    write_pj: 2.226912 + 2.371604,
};

/// Memories the RTL reads and writes in the same cycle (two ports); the others are single
/// port or written only between samples.
const DUAL_PORT: &[&str] = &["membrane_map", "accumulators", "aer_fifo"];

/// A memory built from macros.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MacroUse {
    pub memory: String,
    pub words: usize,
    pub width: usize,
    pub macro_cell: Macro,
    pub columns: usize,
    pub rows: usize,
}

impl MacroUse {
    pub fn tiles(&self) -> usize {
        self.columns * self.rows
    }
    pub fn area_um2(&self) -> f64 {
        self.tiles() as f64 * self.macro_cell.area_um2
    }
    pub fn leakage_nw(&self) -> f64 {
        self.tiles() as f64 * self.macro_cell.leakage_nw
    }
    /// One word read: a row of tiles (pJ).
    pub fn read_pj(&self) -> f64 {
        self.columns as f64 * self.macro_cell.read_pj
    }
    pub fn write_pj(&self) -> f64 {
        self.columns as f64 * self.macro_cell.write_pj
    }
}

/// The memories that become macros, and their tiling.
pub fn plan(memories: &[hdl::emit::Memory]) -> Vec<MacroUse> {
    memories
        .iter()
        .filter(|m| m.declared_words * m.width >= MACRO_MIN_BITS)
        .map(|m| {
            let macro_cell = if DUAL_PORT.contains(&m.name.as_str()) {
                SRAM_1RW1R_32X256
            } else {
                SRAM_1RW_32X512
            };
            MacroUse {
                memory: m.name.to_string(),
                words: m.words,
                width: m.width,
                macro_cell,
                columns: m.width.div_ceil(macro_cell.width),
                rows: m.words.div_ceil(macro_cell.words),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_chip_tiles_as_counted_by_hand() {
        let m = |name: &str, words, width, declared_words| hdl::emit::Memory {
            name: name.into(),
            words,
            width,
            declared_words,
        };
        let plan = plan(&[
            m("aer_fifo", 16, 18, 16),
            m("fc0_weights", 13312, 64, 13312),
            m("membrane_map", 128, 112, 128),
            m("accumulators", 15, 176, 16),
        ]);
        // FC layer 0: 2 columns × 26 rows of 32×512; membrane map: 4 columns of 32×256;
        // the FIFO (288 bits) and the accumulators (2,816) stay flip-flops.
        let got: Vec<(&str, usize, usize)> = plan
            .iter()
            .map(|u| (u.memory.as_str(), u.columns, u.rows))
            .collect();
        assert_eq!(got, vec![("fc0_weights", 2, 26), ("membrane_map", 4, 1)]);
        assert_eq!(plan[0].area_um2(), 52.0 * 31064.064);
        assert_eq!(plan[0].read_pj(), 2.0 * (2.458020 + 2.358556));
    }
}

/// A macro memory's accesses in a window of the RTL's simulation, and their energy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Accesses {
    pub memory: String,
    pub reads: u64,
    pub writes: u64,
    pub energy_pj: f64,
}

/// Counts each macro memory's reads and writes in an RTL VCD of `spoon sim`: the cycles its
/// RAM module's `read_enable` / `write_enable` are high (time at 1 ÷ `period_ns`).
pub fn accesses(
    activity: &crate::toggle::Activity,
    macros: &[MacroUse],
    period_ns: f64,
) -> Result<Vec<Accesses>, crate::PowerError> {
    macros
        .iter()
        .map(|m| {
            let module = MODULES
                .iter()
                .find(|(name, _)| *name == m.memory)
                .map(|(_, module)| *module)
                .unwrap_or_default();
            let reads = enable_cycles(activity, module, "read_enable", period_ns)?;
            let writes = enable_cycles(activity, module, "write_enable", period_ns)?;
            Ok(Accesses {
                memory: m.memory.clone(),
                reads,
                writes,
                energy_pj: reads as f64 * m.read_pj() + writes as f64 * m.write_pj(),
            })
        })
        .collect()
}

/// The cycles the RAM module `module`'s enable `port` is high (its time at 1 ÷ `period_ns`).
pub fn enable_cycles(
    activity: &crate::toggle::Activity,
    module: &str,
    port: &str,
    period_ns: f64,
) -> Result<u64, crate::PowerError> {
    let scope = format!(".{}", module.replace('$', "."));
    activity
        .variables
        .iter()
        .find(|(s, n, _)| n == port && s.ends_with(&scope))
        .map(|(_, _, net)| (activity.nets[*net].high_ns / period_ns).round() as u64)
        .ok_or_else(|| crate::PowerError::BadVcd {
            origin: "the RTL VCD".into(),
            problem: format!("no `{port}` under a scope ending in `{scope}`"),
        })
}
