//! The ASIC view's energy of a workload, per block: the SRAM macros' accesses (OpenRAM's
//! figures), the flip-flops' clock (characterised), leakage × time (characterised), and the
//! logic's switching as an **RTL-toggle proxy** (not a gate-level simulation):
//!
//! `RTL net toggles × (mapped cells ÷ RTL nets of the block) × the block's mean energy per
//! cell output transition`,
//!
//! the mean over the block's mapped cells (by count) of `internal energy + ½ · C_load · V²`,
//! `C_load = FANOUT × the library's mean input capacitance + WIRE_FF`. The ratio spreads an
//! RTL net's toggle over the gates that implement it; glitches, correlation and the real
//! fan-outs are not seen, so the switching term is uncertain by a factor of about 3 either way
//! (docs/POWER.md). The memories that are flip-flops (FIFO, accumulators) count their storage
//! bits' toggles (traced by the simulator) as the memories block's nets.

use crate::asic::Mapped;
use crate::charlib::Library;
use crate::energy::{BlockActivity, Events};
use crate::workload::Workload;

/// Assumed mean fan-out of a mapped cell's output.
pub const FANOUT: f64 = 2.0;
/// Assumed wire capacitance of a net (fF): short sky130 hd wires at ~0.2 fF/µm over ~10 µm.
pub const WIRE_FF: f64 = 2.0;

/// The library's mean input-pin capacitance (fF), over every pin of every cell.
fn mean_input_cap(lib: &Library) -> f64 {
    let caps: Vec<f64> = lib
        .cells
        .iter()
        .flat_map(|c| c.inputs.iter().map(|p| p.cap_ff))
        .collect();
    caps.iter().sum::<f64>() / caps.len().max(1) as f64
}

/// Mean energy (fJ) per output transition of a block's cells, by count.
fn mean_transition_fj(lib: &Library, types: &std::collections::BTreeMap<String, u64>) -> f64 {
    let load = 0.5 * (FANOUT * mean_input_cap(lib) + WIRE_FF) * lib.vdd * lib.vdd;
    let (mut sum, mut n) = (0.0, 0u64);
    for (ty, k) in types {
        if let Some(c) = lib.cell(ty) {
            sum += *k as f64 * (c.internal_fj + load);
            n += k;
        }
    }
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// The workload's energy per block of the mapped chip at `clock_mhz`; the window is
/// `cycles / clock`. A workload simulated on the mapped netlist itself (`w.gate`) costs each
/// net's toggles by its own driver and loads (`net_energy`); traced nets the netlist does not
/// name, at the block's mean cell transition.
pub fn blocks(
    mapped: &Mapped,
    lib: &Library,
    w: &Workload,
    clock_mhz: f64,
) -> (Vec<BlockActivity>, f64) {
    let window_ns = w.cycles as f64 * 1e3 / clock_mhz;
    let ff_clock = lib
        .cells
        .iter()
        .find_map(|c| c.clock_fj_per_cycle)
        .unwrap_or(0.0);
    let mut out = Vec::new();
    for (name, cells) in &mapped.blocks {
        let mut t = w.blocks.get(name).cloned().unwrap_or_default();
        let mut accesses = Vec::new();
        if name == "memories" {
            for m in &w.memories {
                match mapped.macros.iter().find(|u| u.memory == m.memory) {
                    Some(u) => {
                        accesses.push(Events {
                            what: format!("{}: SRAM reads", m.memory),
                            count: m.reads,
                            energy_fj: u.read_pj() * 1e3,
                        });
                        accesses.push(Events {
                            what: format!("{}: SRAM writes", m.memory),
                            count: m.writes,
                            energy_fj: u.write_pj() * 1e3,
                        });
                    }
                    None => {
                        t.nets += m.storage_nets;
                        t.toggles += m.storage_toggles;
                    }
                }
            }
        }
        let mean = mean_transition_fj(lib, &cells.types);
        let mut toggles = match &w.gate {
            Some(gate) => {
                let g = gate.get(name).cloned().unwrap_or_default();
                vec![
                    Events {
                        what: "gate-level net toggles × the net's own driver and loads".into(),
                        count: g.toggles,
                        energy_fj: if g.toggles == 0 {
                            0.0
                        } else {
                            g.energy_fj / g.toggles as f64
                        },
                    },
                    Events {
                        what: "gate-level toggles of nets the netlist does not name × the \
                               block's mean cell transition"
                            .into(),
                        count: g.unmatched_toggles,
                        energy_fj: mean,
                    },
                ]
            }
            None => vec![Events {
                what: "RTL net toggles (proxy: × cells/nets × mean cell transition)".into(),
                count: t.toggles,
                energy_fj: if t.nets == 0 {
                    0.0
                } else {
                    cells.cells as f64 / t.nets as f64 * mean
                },
            }],
        };
        toggles.push(Events {
            what: "flip-flop clock cycles (characterised dfxtp)".into(),
            count: w.cycles * cells.flip_flops,
            energy_fj: ff_clock,
        });
        out.push(BlockActivity {
            block: name.clone(),
            toggles,
            accesses,
            leakage_uw: cells.leakage_nw / 1e3,
        });
    }
    (out, window_ns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asic::BlockCells;
    use crate::charlib::{Cell, Pin};
    use crate::sram::{MacroUse, SRAM_1RW_32X512};
    use crate::workload::{BlockToggles, MemoryUse};

    fn cell(name: &str, cap_ff: f64, internal_fj: f64, clock: Option<f64>) -> Cell {
        Cell {
            name: name.into(),
            area_um2: 1.0,
            inputs: vec![Pin {
                name: "A".into(),
                cap_ff,
            }],
            output: "Y".into(),
            function: None,
            clear: None,
            is_ff: clock.is_some(),
            leakage_nw: 0.0,
            internal_fj,
            clock_fj_per_cycle: clock,
            arcs: vec![],
        }
    }

    /// By hand, with V = 2 V: mean input cap (1 + 3) / 2 = 2 fF, so the load's share per
    /// transition is ½ · (2 × 2 + 2) fF · 4 V² = 12 fJ. Block `fc`: 3 inv (1 + 12) and 1 dff
    /// (3 + 12) → 13.5 fJ mean; 4 cells over 2 RTL nets → 27 fJ per RTL toggle × 5 = 135;
    /// clock 4 cycles × 1 flip-flop × 0.5 = 2; leakage 0.25 µW × 250 ns (4 cycles at 16 MHz)
    /// = 62.5: 199.5 fJ. `memories`: the accumulators' 2 storage nets (6 toggles) over 2 dff
    /// cells → 15 fJ per toggle = 90; clock 4 × 2 × 0.5 = 4; FC layer 0's 3 reads of one
    /// 32 × 512 macro.
    #[test]
    fn a_hand_checked_mapping_gives_exact_energies() {
        let mut lib = Library::new("test".into());
        lib.vdd = 2.0;
        lib.cells = vec![
            cell("inv", 1.0, 1.0, None),
            cell("dff", 3.0, 3.0, Some(0.5)),
        ];
        let block = |types: &[(&str, u64)], flip_flops, leakage_nw| BlockCells {
            cells: types.iter().map(|t| t.1).sum(),
            flip_flops,
            leakage_nw,
            types: types.iter().map(|(t, n)| (t.to_string(), *n)).collect(),
            ..BlockCells::default()
        };
        let fc0 = MacroUse {
            memory: "fc0_weights".into(),
            words: 512,
            width: 32,
            macro_cell: SRAM_1RW_32X512,
            columns: 1,
            rows: 1,
        };
        let mapped = Mapped {
            blocks: [
                ("fc".to_string(), block(&[("inv", 3), ("dff", 1)], 1, 250.0)),
                ("memories".to_string(), block(&[("dff", 2)], 2, 0.0)),
            ]
            .into_iter()
            .collect(),
            cells_by_type: Default::default(),
            macros: vec![fc0],
            total_area_um2: 0.0,
            step: spoon_synth::tools::Step {
                name: "test".into(),
                command: String::new(),
                wall_s: 0.0,
                cached: true,
                input_sha256: String::new(),
            },
        };
        let w = Workload {
            kind: "inference".into(),
            vcd: "hand".into(),
            cycles: 4,
            samples: 1,
            blocks: [(
                "fc".to_string(),
                BlockToggles {
                    nets: 2,
                    toggles: 5,
                },
            )]
            .into_iter()
            .collect(),
            memories: vec![
                MemoryUse {
                    memory: "fc0_weights".into(),
                    reads: 3,
                    ..MemoryUse::default()
                },
                MemoryUse {
                    memory: "accumulators".into(),
                    storage_nets: 2,
                    storage_toggles: 6,
                    ..MemoryUse::default()
                },
            ],
            gate: None,
        };
        let (activities, window) = blocks(&mapped, &lib, &w, 16.0);
        // Gate level: fc's 4 named toggles cost 100 fJ together (25 each), its 2 unnamed ones
        // the block's mean 13.5 fJ; no cells-per-net scaling; the clock as before.
        let gate = Workload {
            gate: Some(
                [(
                    "fc".to_string(),
                    crate::net_energy::GateSwitching {
                        toggles: 4,
                        energy_fj: 100.0,
                        unmatched_toggles: 2,
                    },
                )]
                .into_iter()
                .collect(),
            ),
            ..w.clone()
        };
        let (g, _) = blocks(&mapped, &lib, &gate, 16.0);
        let e: Vec<(u64, f64)> = g[0]
            .toggles
            .iter()
            .map(|t| (t.count, t.energy_fj))
            .collect();
        assert_eq!(e, [(4, 25.0), (2, 13.5), (4, 0.5)]);
        let r = crate::energy::report(&g, window);
        assert_eq!(r.blocks[0].total_fj, 100.0 + 27.0 + 2.0 + 62.5);
        assert_eq!(window, 250.0);
        let r = crate::energy::report(&activities, window);
        assert_eq!(r.blocks[0].block, "fc");
        assert_eq!(r.blocks[0].total_fj, 199.5);
        assert_eq!(r.blocks[1].switching_fj, 94.0);
        assert_eq!(r.blocks[1].memory_fj, 3.0 * (SRAM_1RW_32X512.read_pj * 1e3));
        assert_eq!(r.total_fj, r.blocks[0].total_fj + r.blocks[1].total_fj);
    }
}
