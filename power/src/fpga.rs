//! The FPGA view: an energy model of the iCE40 UP5K and the ECP5-85F built from cited figures,
//! applied to an RTL workload (`workload::Workload`) and the device's utilisation (Yosys's
//! cells). No open FPGA tool estimates power; every constant below carries its source, its
//! central value and bounds (docs/POWER.md § "The FPGA view" has the derivations).
//!
//! **iCE40 UP5K** constants come from one published measurement campaign: tinyvision.ai's
//! `ice40_power` (repository `tinyvision-ai-inc/ice40_power`, README, commit 1af931e9): an
//! iCE40UP5K-SG48 on Lattice's UltraPlus breakout board, built with icestorm, each rail's
//! current measured with a Joulescope JS110, core rail at 1.219 V, I/O banks at 3.283 V.
//! Lattice's own figures (the UltraPlus data sheet FPGA-DS-02008's supply-current table, the
//! Radiant power calculator) could not be read here (the stored copies hold the data sheet's
//! first pages only), so the measurement is the source.
//!
//! **ECP5-85F** figures: no published per-resource figure was findable (the data sheet DS1044 /
//! FPGA-DS-02012 and the power note TN1266 are stored without their tables); each constant is a
//! bounded estimate scaled from the UP5K's (both 40 nm), with the reasoning beside it.
//!
//! The model: `static × time + clock tree × cycles + flip-flops × clock energy × cycles + RTL
//! net toggles × energy per toggle + block RAM / SPRAM accesses × energy per primitive access +
//! DSP operations × energy per operation + I/O per sample`. The net toggles are the RTL's
//! (Verilator VCD), a proxy for the LUT and flip-flop outputs of the placed design.

use crate::energy::{BlockActivity, Events};
use crate::workload::Workload;
use serde::Serialize;
use std::collections::BTreeMap;

/// A constant of the model: central value, bounds, source.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Figure {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub source: &'static str,
}

/// A device's energy model. Energies in fJ, powers in µW.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Device {
    pub target: &'static str,
    pub part: &'static str,
    /// The clock the workload runs at: the flow's sign-off clock, met after place and route
    /// (docs/SYNTH.md).
    pub clock_mhz: f64,
    /// Configured device, clock stopped: core and I/O banks.
    pub static_uw: Figure,
    /// The PLL that makes the clock from the board's oscillator.
    pub pll_uw: Figure,
    /// The global clock network, per cycle.
    pub clock_tree_fj: Figure,
    /// One flip-flop's clock load, per cycle.
    pub ff_clock_fj: Figure,
    /// One RTL net toggle (a LUT or flip-flop output with its routing).
    pub toggle_fj: Figure,
    /// One block RAM primitive's access (read or write of its word).
    pub ebr_access_fj: Figure,
    /// One SPRAM primitive's access (UP5K only).
    pub spram_access_fj: Figure,
    /// One multiplication of one DSP primitive.
    pub dsp_op_fj: Figure,
    /// The result sent to the host per sample (UART bits into the board's trace).
    pub io_per_sample_fj: Figure,
    /// How memories map to primitives.
    pub memories: &'static [(&'static str, Primitive)],
}

/// What holds a memory, and how many of its primitives one access activates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Primitive {
    /// Block RAM: primitives side by side across the word (one row of them per access).
    Ebr { per_access: u32 },
    /// iCE40 SPRAM, side by side.
    Spram { per_access: u32 },
    /// LUT RAM (ECP5 `TRELLIS_DPR16X4`): its accesses cost the LUTs' toggles only.
    LutRam,
}

/// Core rail voltage of the measurements (V) and their µA → µW and µA/MHz → fJ factors.
const UP5K_VCORE: f64 = 1.219;

/// The UP5K's figures (tinyvision.ai `ice40_power`, README table; currents in µA).
pub const UP5K: Device = Device {
    target: "up5k",
    part: "iCE40UP5K-SG48 (iCEBreaker)",
    clock_mhz: 24.0,
    // "Blank design": core 85.6 µA × 1.219 V = 104.35 µW, banks (1.3 + 3.4 + 1.5) µA ×
    // 3.283 V = 20.35 µW: 124.70 µW. Bounds: one board at room temperature; leakage doubles
    // with ~+25 °C and varies between parts.
    static_uw: Figure {
        value: 85.6 * UP5K_VCORE + (1.3 + 3.4 + 1.5) * 3.283,
        low: 90.0,
        high: 250.0,
        source: "tinyvision ice40_power: blank design, core 85.6 µA at 1.219 V, banks 6.2 µA at 3.283 V",
    },
    // PLL rail 138.6 µA at 1.219 V (12 → 16 MHz row) = 168.95 µW; 103.6 µA at 48 MHz is the
    // low bound. The PLL rows' core current also sits ~750 µA above the oscillator rows'
    // (842 µA intercept of 1419/2029/2573 µA at 16/32/48 MHz against 92 µA halted): not
    // explained by the README, taken as the high bound (+914 µW).
    pll_uw: Figure {
        value: 138.6 * UP5K_VCORE,
        low: 103.6 * UP5K_VCORE,
        high: 138.6 * UP5K_VCORE + 750.0 * UP5K_VCORE,
        source: "tinyvision ice40_power: PLL rail 138.6 µA (16 MHz out), 103.6 µA (48 MHz out)",
    },
    // HFOSC + 24-bit counter (28 LCs) at 6/12/24/48 MHz: 388.4/645/1162/2184 µA, slope
    // (2184 − 388.4) / 42 = 42.75 µA/MHz × 1.219 V = 52.12 pJ per cycle (the external 12 MHz
    // clock gives (613.5 − 92.1) / 12 × 1.219 = 52.97 pJ). A counter in one corner enables
    // few clock branches; a full device more: high bound 3×.
    clock_tree_fj: Figure {
        value: (2184.0 - 388.4) / 42.0 * UP5K_VCORE * 1e3,
        low: 40e3,
        high: 156e3,
        source: "tinyvision ice40_power: HFOSC 6–48 MHz rows, slope 42.75 µA/MHz at 1.219 V",
    },
    // Counters of 32 → 228 LCs at 12 MHz: 613.5 → 641.3 µA: 27.8 µA / 196 LC / 12 MHz ×
    // 1.219 V = 14.41 fJ per LC per cycle (their ~0.14 toggles per LC per cycle included, so
    // an upper estimate of the clock load alone).
    ff_clock_fj: Figure {
        value: (641.3 - 613.5) / 196.0 / 12.0 * UP5K_VCORE * 1e3,
        low: 7.0,
        high: 20.0,
        source: "tinyvision ice40_power: 28-bit counters ×1…×8 at 12 MHz, +27.8 µA for +196 LCs",
    },
    // "Math (no DSP)": an 8×8 multiplier of two counters in 180 LCs at 12 MHz: 996 − 645 =
    // 351 µA → 35.66 pJ per cycle, − 180 × 14.41 fJ clock = 33.07 pJ of switching. Its output
    // toggles per cycle (glitches included) are not measured: 64–180 give 184–517 fJ per
    // toggle; 300 fJ central, bounds 150–600 (with the RTL-net proxy's own error).
    toggle_fj: Figure {
        value: 300.0,
        low: 150.0,
        high: 600.0,
        source: "tinyvision ice40_power: 8×8 LUT multiplier, 33.1 pJ/cycle over 180 LCs; toggles per cycle estimated",
    },
    // Not measured there and not findable in Lattice's stored documents: a 4 kbit array
    // (256 × 16) in 40 nm, bit lines of 256 cells, 16 sense amplifiers and a decoder: 2–15 pJ
    // per access, 5 central (its port nets' toggles are counted as RTL toggles apart).
    ebr_access_fj: Figure {
        value: 5e3,
        low: 2e3,
        high: 15e3,
        source: "estimate (no published figure found): 4 kbit 40 nm array access",
    },
    // Likewise: a 256 kbit array (16k × 16), longer bit and word lines: 10 pJ, 4–30.
    spram_access_fj: Figure {
        value: 10e3,
        low: 4e3,
        high: 30e3,
        source: "estimate (no published figure found): 256 kbit 40 nm array access",
    },
    // "Math (1 DSP)": 882 − 645 = 237 µA at 12 MHz → 24.07 pJ per cycle for one SB_MAC16
    // and 44 LCs; − their clock (0.63 pJ) and toggles (44 × ½ × 300 fJ = 6.6 pJ) → 16.8 pJ
    // per 8×8 multiplication; bounds 10–24 pJ (none to all of the LC correction).
    dsp_op_fj: Figure {
        value: 16.8e3,
        low: 10e3,
        high: 24e3,
        source: "tinyvision ice40_power: 8×8 multiply in one SB_MAC16, 24.1 pJ/cycle with 44 LCs",
    },
    io_per_sample_fj: IO_PER_SAMPLE,
    memories: &[
        ("aer_fifo", Primitive::Ebr { per_access: 2 }),
        ("kernel_memory", Primitive::Ebr { per_access: 4 }),
        ("membrane_map", Primitive::Ebr { per_access: 7 }),
        ("fc0_weights", Primitive::Spram { per_access: 4 }),
        ("output_weights", Primitive::Ebr { per_access: 4 }),
        ("accumulators", Primitive::Ebr { per_access: 11 }),
    ],
};

/// One result byte per sample on the UART (10 bits, half of them transitions) into ~10 pF
/// (pin, trace, the FTDI's input) at 3.3 V: 5 × ½ × 10 pF × 3.3² = 272 pJ; 100–800 pJ.
const IO_PER_SAMPLE: Figure = Figure {
    value: 5.0 * 0.5 * 10e3 * 3.3 * 3.3,
    low: 100e3,
    high: 800e3,
    source: "estimate: one UART byte per sample, 10 pF at 3.3 V",
};

/// ECP5 core supply (V): the per-toggle figures scale by (1.1 / 1.219)² = 0.814.
const ECP5_SCALE: f64 = (1.1 / UP5K_VCORE) * (1.1 / UP5K_VCORE);

/// The ECP5-85F's figures: no published per-resource figure was findable; estimates.
pub const ECP5_85F: Device = Device {
    target: "ecp5-85f",
    part: "LFE5U-85F-6BG381C (ULX3S)",
    clock_mhz: 50.0,
    // A general-purpose 40 nm process with 16× the UP5K's LUTs and 3.7 Mbit of EBR, VCC
    // 1.1 V and VCCAUX 2.5 V: tens of mW quiescent; 40 mW central, 15–120 mW.
    static_uw: Figure {
        value: 40e3,
        low: 15e3,
        high: 120e3,
        source: "estimate (DS1044's static current table not findable here)",
    },
    pll_uw: Figure {
        value: 2e3,
        low: 0.5e3,
        high: 10e3,
        source: "estimate (no published figure found): one EHXPLLL",
    },
    // The UP5K's 52.11 pJ × √(84k / 5.3k LUTs) ≈ 4 (span of the clock spines) × 0.814.
    clock_tree_fj: Figure {
        value: (2184.0 - 388.4) / 42.0 * UP5K_VCORE * 1e3 * 4.0 * ECP5_SCALE,
        low: 50e3,
        high: 500e3,
        source: "estimate: UP5K clock tree × 4 (die span) × (1.1/1.219)²",
    },
    // The UP5K's 14.41 fJ × 0.814 × 1.5 (longer local clock branches): 17.6 fJ.
    ff_clock_fj: Figure {
        value: (641.3 - 613.5) / 196.0 / 12.0 * UP5K_VCORE * 1e3 * ECP5_SCALE * 1.5,
        low: 7.0,
        high: 40.0,
        source: "estimate: UP5K per-LC clock × 1.5 × (1.1/1.219)²",
    },
    // The UP5K's 300 fJ × 0.814 × 1.25 (longer average routes in a larger fabric): 305 fJ.
    toggle_fj: Figure {
        value: 300.0 * ECP5_SCALE * 1.25,
        low: 150.0,
        high: 750.0,
        source: "estimate: UP5K per toggle × 1.25 × (1.1/1.219)²",
    },
    // DP16KD (18 kbit): 10 pJ per access, 4–30.
    ebr_access_fj: Figure {
        value: 10e3,
        low: 4e3,
        high: 30e3,
        source: "estimate (no published figure found): 18 kbit 40 nm array access",
    },
    spram_access_fj: Figure {
        value: 0.0,
        low: 0.0,
        high: 0.0,
        source: "no SPRAM on the ECP5",
    },
    // MULT18X18D: the SB_MAC16's 16.8 pJ × 0.814 × 18²/16² ≈ 17.3 pJ; 20 central, 10–50.
    dsp_op_fj: Figure {
        value: 20e3,
        low: 10e3,
        high: 50e3,
        source: "estimate: UP5K DSP multiply × (18/16)² × (1.1/1.219)²",
    },
    io_per_sample_fj: IO_PER_SAMPLE,
    // Yosys's ECP5 mapping (docs/RTL.md): FC layer 0 52 DP16KD (2 per word), kernels 2,
    // membranes 4, output weights 2; the FIFO and the accumulators in LUT RAM.
    memories: &[
        ("aer_fifo", Primitive::LutRam),
        ("kernel_memory", Primitive::Ebr { per_access: 2 }),
        ("membrane_map", Primitive::Ebr { per_access: 4 }),
        ("fc0_weights", Primitive::Ebr { per_access: 2 }),
        ("output_weights", Primitive::Ebr { per_access: 2 }),
        ("accumulators", Primitive::LutRam),
    ],
};

pub const DEVICES: [&Device; 2] = [&UP5K, &ECP5_85F];

/// The device of a `spoon power --target` name.
pub fn device(target: &str) -> Option<&'static Device> {
    DEVICES.into_iter().find(|d| d.target == target)
}

/// What Yosys mapped the chip to.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Utilisation {
    pub luts: u64,
    pub flip_flops: u64,
    pub carries: u64,
    pub block_rams: u64,
    pub sprams: u64,
    pub dsps: u64,
    /// Where the counts come from (Yosys only, or after place and route).
    pub source: String,
}

impl Utilisation {
    /// From Yosys's cells by type (`stat -json` after `synth_ice40` / `synth_ecp5`).
    pub fn from_cells(cells: &BTreeMap<String, u64>, source: String) -> Self {
        let sum = |pred: &dyn Fn(&str) -> bool| {
            cells
                .iter()
                .filter(|(t, _)| pred(t))
                .map(|(_, n)| n)
                .sum::<u64>()
        };
        Utilisation {
            luts: sum(&|t| t == "SB_LUT4" || t == "LUT4"),
            flip_flops: sum(&|t| t.starts_with("SB_DFF") || t == "TRELLIS_FF"),
            carries: sum(&|t| t == "SB_CARRY" || t == "CCU2C"),
            block_rams: sum(&|t| t == "SB_RAM40_4K" || t == "DP16KD"),
            sprams: sum(&|t| t == "SB_SPRAM256KA"),
            dsps: sum(&|t| t == "SB_MAC16" || t == "MULT18X18D"),
            source,
        }
    }
}

/// The workload's energy on `device` per block: the RTL blocks' net toggles, the memories'
/// primitive accesses, the DSPs (in `fc`), and three blocks of the device itself: `clock`
/// (tree and flip-flops), `static` (leakage and PLL, as a power over the window) and `io`.
/// The window is `cycles / clock`.
/// The workload's energy per block on `device`. `fc_lanes` (the config's
/// `hardware.fc_lanes`): each accumulator write is one multiplication per lane, one DSP each
/// (docs/RTL.md: the Row step writes `acc + x_i · w` back for every lane).
pub fn blocks(
    device: &Device,
    util: &Utilisation,
    w: &Workload,
    fc_lanes: usize,
) -> (Vec<BlockActivity>, f64) {
    let window_ns = w.cycles as f64 * 1e3 / device.clock_mhz;
    let per_toggle = device.toggle_fj.value * physical_per_rtl_net(util, w);
    let mut out: Vec<BlockActivity> = w
        .blocks
        .iter()
        .map(|(name, t)| BlockActivity {
            block: name.clone(),
            toggles: vec![Events {
                what: "RTL net toggles × (LUT4 + flip-flops) / RTL nets".into(),
                count: t.toggles,
                energy_fj: per_toggle,
            }],
            accesses: vec![],
            leakage_uw: 0.0,
        })
        .collect();
    // The RAM modules' ports are their parents' nets (counted there), so a VCD may give the
    // memories no net of their own: their accesses still need the block.
    if !out.iter().any(|b| b.block == "memories") {
        out.push(BlockActivity {
            block: "memories".into(),
            toggles: vec![],
            accesses: vec![],
            leakage_uw: 0.0,
        });
    }
    let memories = memory_events(device, w);
    let dsp_ops = w.memory("accumulators").map_or(0, |m| m.writes) * fc_lanes as u64;
    for b in &mut out {
        match b.block.as_str() {
            "memories" => b.accesses.extend(memories.iter().cloned()),
            "fc" => b.accesses.push(Events {
                what: "DSP multiplications".into(),
                count: dsp_ops,
                energy_fj: device.dsp_op_fj.value,
            }),
            _ => {}
        }
    }
    out.push(BlockActivity {
        block: "clock".into(),
        toggles: vec![
            Events {
                what: "clock tree cycles".into(),
                count: w.cycles,
                energy_fj: device.clock_tree_fj.value,
            },
            Events {
                what: "flip-flop clock cycles".into(),
                count: w.cycles * util.flip_flops,
                energy_fj: device.ff_clock_fj.value,
            },
        ],
        accesses: vec![],
        leakage_uw: 0.0,
    });
    out.push(BlockActivity {
        block: "static".into(),
        toggles: vec![],
        accesses: vec![],
        leakage_uw: device.static_uw.value + device.pll_uw.value,
    });
    out.push(BlockActivity {
        block: "io".into(),
        toggles: vec![],
        accesses: vec![Events {
            what: "result sent per sample".into(),
            count: w.samples,
            energy_fj: device.io_per_sample_fj.value,
        }],
        leakage_uw: 0.0,
    });
    (out, window_ns)
}

/// The device's LUT and flip-flop outputs per RTL net of the VCD (storage excluded): the RTL
/// names many signals that one LUT output carries (a word's copies, slices, next-state
/// values), so its toggles are scaled to the placed design's nets, uniformly (the neutral
/// assumption: which RTL nets fold into one LUT is not traced). Carry chains are dedicated
/// wires, not counted.
pub fn physical_per_rtl_net(util: &Utilisation, w: &Workload) -> f64 {
    let nets: u64 = w.blocks.values().map(|b| b.nets).sum();
    if nets == 0 {
        0.0
    } else {
        (util.luts + util.flip_flops) as f64 / nets as f64
    }
}

/// Every memory's accesses × the primitives one access activates × their energy.
fn memory_events(device: &Device, w: &Workload) -> Vec<Events> {
    device
        .memories
        .iter()
        .filter_map(|(name, p)| {
            let m = w.memory(name)?;
            let (per_access, energy_fj, kind) = match p {
                Primitive::Ebr { per_access } => (*per_access, device.ebr_access_fj.value, "EBR"),
                Primitive::Spram { per_access } => {
                    (*per_access, device.spram_access_fj.value, "SPRAM")
                }
                Primitive::LutRam => return None,
            };
            Some(Events {
                what: format!("{name}: {kind} accesses ({per_access} per word)"),
                count: (m.reads + m.writes) * u64::from(per_access),
                energy_fj,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workload::{BlockToggles, MemoryUse};

    #[test]
    fn the_cited_figures_compute_as_derived_by_hand() {
        // 85.6 × 1.219 + 6.2 × 3.283 = 104.3464 + 20.3546 = 124.701 µW.
        assert!((UP5K.static_uw.value - 124.701).abs() < 1e-9);
        // 1795.6 / 42 × 1.219 × 1000 = 52,115.15 fJ.
        assert!((UP5K.clock_tree_fj.value - 52_115.15).abs() < 0.01);
        // 27.8 / 196 / 12 × 1.219 × 1000 = 14.408 fJ.
        assert!((UP5K.ff_clock_fj.value - 14.408).abs() < 1e-3);
        for d in DEVICES {
            for f in [
                d.static_uw,
                d.pll_uw,
                d.clock_tree_fj,
                d.ff_clock_fj,
                d.toggle_fj,
                d.ebr_access_fj,
                d.dsp_op_fj,
                d.io_per_sample_fj,
            ] {
                assert!(f.low <= f.value && f.value <= f.high, "{}: {f:?}", d.target);
            }
        }
    }

    #[test]
    fn yosys_cells_count_into_the_utilisation() {
        let cells: BTreeMap<String, u64> = [
            ("SB_LUT4", 4032),
            ("SB_DFF", 213),
            ("SB_DFFE", 497),
            ("SB_DFFESR", 207),
            ("SB_CARRY", 828),
            ("SB_RAM40_4K", 28),
            ("SB_SPRAM256KA", 4),
            ("SB_MAC16", 8),
            ("SB_PLL40_PAD", 1),
        ]
        .into_iter()
        .map(|(t, n)| (t.to_string(), n))
        .collect();
        let u = Utilisation::from_cells(&cells, "yosys".into());
        assert_eq!(
            (
                u.luts,
                u.flip_flops,
                u.carries,
                u.block_rams,
                u.sprams,
                u.dsps
            ),
            (4032, 917, 828, 28, 4, 8)
        );
    }

    /// By hand, on a made-up device whose energies are short binary fractions (exact): 4
    /// cycles at 16 MHz (250 ns); 1 LUT + 3 flip-flops over 3 + 5 RTL nets: ½ a device net
    /// per RTL net, so 1 fJ per toggle × ½; block `fc` 10 toggles × 0.5 fJ + 2 accumulator writes × 8
    /// lanes × 2 fJ = 37; `memories` 6 toggles × 0.5 + fc0 3 reads × 4 SPRAM × 1.5 + the
    /// accumulators 3 accesses × 11 EBR × 0.25 = 3 + 18 + 8.25 = 29.25; clock 4 × 8 + 4 × 3
    /// FFs × 0.125 = 33.5; static (0.5 + 0.25) µW × 250 ns = 187.5; io 1 × 4 = 4. Total 291.25.
    #[test]
    fn a_hand_checked_workload_gives_exact_energies() {
        let f = |value| Figure {
            value,
            low: value,
            high: value,
            source: "test",
        };
        let device = Device {
            clock_mhz: 16.0,
            static_uw: f(0.5),
            pll_uw: f(0.25),
            clock_tree_fj: f(8.0),
            ff_clock_fj: f(0.125),
            toggle_fj: f(1.0),
            ebr_access_fj: f(0.25),
            spram_access_fj: f(1.5),
            dsp_op_fj: f(2.0),
            io_per_sample_fj: f(4.0),
            ..UP5K
        };
        let util = Utilisation {
            luts: 1,
            flip_flops: 3,
            ..Utilisation::default()
        };
        let use_ = |memory: &str, reads, writes| MemoryUse {
            memory: memory.into(),
            reads,
            writes,
            ..MemoryUse::default()
        };
        let w = Workload {
            kind: "inference".into(),
            vcd: "hand".into(),
            cycles: 4,
            samples: 1,
            blocks: [
                (
                    "fc".to_string(),
                    BlockToggles {
                        nets: 3,
                        toggles: 10,
                    },
                ),
                (
                    "memories".to_string(),
                    BlockToggles {
                        nets: 5,
                        toggles: 6,
                    },
                ),
            ]
            .into_iter()
            .collect(),
            memories: vec![use_("fc0_weights", 3, 0), use_("accumulators", 1, 2)],
            gate: None,
        };
        let (blocks, window) = blocks(&device, &util, &w, 8);
        assert_eq!(window, 250.0);
        // One DSP multiplication per lane and accumulator write (2 writes).
        let dsp =
            |b: &[BlockActivity]| b.iter().find(|b| b.block == "fc").unwrap().accesses[0].count;
        assert_eq!(dsp(&blocks), 16);
        assert_eq!(dsp(&super::blocks(&device, &util, &w, 1).0), 2);
        let r = crate::energy::report(&blocks, window);
        let got: Vec<(&str, f64)> = r
            .blocks
            .iter()
            .map(|b| (b.block.as_str(), b.total_fj))
            .collect();
        assert_eq!(
            got,
            vec![
                ("fc", 37.0),
                ("memories", 29.25),
                ("clock", 33.5),
                ("static", 187.5),
                ("io", 4.0)
            ]
        );
        assert_eq!(r.total_fj, 291.25);
    }
}
