//! What the RTL did in a simulated workload (a VCD of `spoon sim`, inference or training):
//! cycles, samples, net toggles per block and every memory's reads and writes. Both views
//! (FPGA and ASIC) cost the same workload with their own constants.

use crate::sram::MODULES;
use crate::toggle::Activity;
use crate::PowerError;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A block's nets in the window (a memory's storage excluded).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BlockToggles {
    pub nets: u64,
    pub toggles: u64,
}

/// One memory's accesses (cycles with its read / write enable high) and the toggles of its
/// storage cells when the simulator traces them (Verilator dumps the small arrays only).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MemoryUse {
    pub memory: String,
    pub reads: u64,
    pub writes: u64,
    pub storage_nets: u64,
    pub storage_toggles: u64,
}

/// An RTL workload: `samples` classifications (`out_valid` pulses) in `cycles`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Workload {
    /// `inference` or `training`.
    pub kind: String,
    pub vcd: String,
    pub cycles: u64,
    pub samples: u64,
    /// By the ASIC view's block names (`asic::BLOCKS`, from the VCD scope).
    pub blocks: BTreeMap<String, BlockToggles>,
    pub memories: Vec<MemoryUse>,
    /// A simulation of the mapped netlist: its switching per block, each net costed by its
    /// own driver and loads (`net_energy`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gate: Option<BTreeMap<String, crate::net_energy::GateSwitching>>,
}

/// The VCD scope of the chip's top module in `spoon sim`'s waveforms (the simulator's top
/// `spoon` wraps the chip `spoon`).
pub const CHIP_SCOPE: &str = "spoon.spoon";

/// The block of a VCD scope of `spoon sim`: the simulator's top `spoon` wraps the chip
/// `spoon`, whose instance path `spoon.fc.updates$3` is the module `spoon$fc$updates$3`.
pub fn block_of_scope(scope: &str) -> &'static str {
    let module = scope
        .strip_prefix("spoon.")
        .unwrap_or(scope)
        .replace('.', "$");
    crate::asic::block_of(&module)
}

/// The memory (`sram::MODULES`) whose RAM module holds `scope`, if any.
fn memory_of_scope(scope: &str) -> Option<&'static str> {
    MODULES
        .iter()
        .find(|(_, module)| {
            let path = format!(".{}", module.replace('$', "."));
            scope.ends_with(&path)
        })
        .map(|(name, _)| *name)
}

/// Counts a VCD of `spoon sim` (the whole run in its window).
pub fn from_vcd(path: &Path, kind: &str) -> Result<Workload, PowerError> {
    let activity = crate::toggle::count_file(path)?;
    from_activity(&activity, kind, &path.display().to_string())
}

/// Summarises counted activity; `origin` names the VCD in errors.
pub fn from_activity(
    activity: &Activity,
    kind: &str,
    origin: &str,
) -> Result<Workload, PowerError> {
    let bad = |problem: String| PowerError::BadVcd {
        origin: origin.to_string(),
        problem,
    };
    let clock = activity
        .variable("spoon", "clock")
        .ok_or_else(|| bad("no spoon.clock".into()))?;
    let cycles = clock.toggles.div_ceil(2);
    if cycles == 0 {
        return Err(bad("the clock never toggles".into()));
    }
    let period_ns = (activity.end_time_ns - activity.start_time_ns) / cycles as f64;
    let valid = activity
        .variable("spoon", "out_valid")
        .ok_or_else(|| bad("no spoon.out_valid".into()))?;
    let samples = (valid.high_ns / period_ns).round() as u64;
    if samples == 0 {
        return Err(bad("no sample ended (out_valid never high)".into()));
    }
    let mut blocks: BTreeMap<String, BlockToggles> = BTreeMap::new();
    let mut memories: Vec<MemoryUse> = MODULES
        .iter()
        .map(|(name, module)| {
            let cycles = |port| crate::sram::enable_cycles(activity, module, port, period_ns);
            Ok(MemoryUse {
                memory: name.to_string(),
                reads: cycles("read_enable")?,
                writes: cycles("write_enable")?,
                ..MemoryUse::default()
            })
        })
        .collect::<Result<_, PowerError>>()?;
    for net in &activity.nets {
        if is_storage(&net.scope, &net.name) {
            if let Some(m) = memory_of_scope(&net.scope) {
                let m = memories.iter_mut().find(|u| u.memory == m).expect("listed");
                m.storage_nets += 1;
                m.storage_toggles += net.toggles;
                continue;
            }
        }
        let b = blocks.entry(block_of_scope(&net.scope).into()).or_default();
        b.nets += 1;
        b.toggles += net.toggles;
    }
    Ok(Workload {
        kind: kind.into(),
        vcd: origin.into(),
        cycles,
        samples,
        blocks,
        memories,
        gate: None,
    })
}

/// The macros' storage nets of a VCD (a `mem[...]` array in a RAM module's scope): the SRAM
/// access energy covers them.
pub fn is_storage(scope: &str, name: &str) -> bool {
    name.starts_with("mem[") && memory_of_scope(scope).is_some()
}

/// Counts a VCD of the mapped netlist: [`from_activity`] plus its switching per block from
/// each net's own energy.
pub fn from_gate_vcd(
    path: &Path,
    kind: &str,
    nets: &crate::net_energy::NetEnergies,
) -> Result<Workload, PowerError> {
    let activity = crate::toggle::count_file(path)?;
    let mut w = from_activity(&activity, kind, &path.display().to_string())?;
    w.gate = Some(crate::net_energy::per_block(
        &activity,
        nets,
        block_of_scope,
        is_storage,
    ));
    Ok(w)
}

impl Workload {
    pub fn memory(&self, name: &str) -> Option<&MemoryUse> {
        self.memories.iter().find(|m| m.memory == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_fall_into_the_asic_blocks() {
        assert_eq!(block_of_scope("spoon"), "control");
        assert_eq!(block_of_scope("spoon.spoon"), "control");
        assert_eq!(block_of_scope("spoon.spoon.fc.updates$3"), "learning_unit");
        assert_eq!(block_of_scope("spoon.spoon.fc.lanes$0.a_q"), "fc");
        assert_eq!(block_of_scope("spoon.spoon.conv.membranes"), "memories");
        assert_eq!(block_of_scope("spoon.spoon.cfg_port.word"), "config_port");
        assert_eq!(
            memory_of_scope("spoon.spoon.fc.accumulators"),
            Some("accumulators")
        );
        assert_eq!(memory_of_scope("spoon.spoon.fc.scan"), None);
    }

    /// By hand: 4 cycles of a 10 ns clock; one `out_valid` cycle; the accumulators read 2
    /// cycles and written 1; a storage bit `mem[0]` of the accumulators toggles twice (its
    /// memory's, not a block's); the FC lane's `a_q` toggles 3 times (fc), the top's
    /// `out_valid` twice and the clock 8 times (control: 2 nets, 10 toggles); the memories'
    /// 12 enables toggle 4 times; every other memory's enables stay low.
    #[test]
    fn a_hand_written_vcd_gives_exact_blocks_and_accesses() {
        let mut vcd = String::from("$timescale 1ns $end\n$scope module spoon $end\n");
        vcd += "$var wire 1 ! clock $end\n$var wire 1 \" out_valid $end\n";
        vcd += "$scope module spoon $end\n$scope module fc $end\n";
        vcd += "$scope module lanes$0 $end\n$var wire 1 # a_q $end\n$upscope $end\n";
        vcd += "$upscope $end\n";
        let mut low = String::new();
        for (k, (_, module)) in MODULES.iter().enumerate() {
            let path: Vec<&str> = module.split('$').skip(1).collect();
            for part in &path {
                vcd += &format!("$scope module {part} $end\n");
            }
            for (j, port) in ["read_enable", "write_enable"].iter().enumerate() {
                let id = format!("r{}", 2 * k + j);
                vcd += &format!("$var wire 1 {id} {port} $end\n");
                low += &format!("0{id}\n");
            }
            if path.last() == Some(&"accumulators") {
                vcd += "$var wire 1 m mem[0] $end\n";
            }
            vcd += &"$upscope $end\n".repeat(path.len());
        }
        vcd += "$upscope $end\n$upscope $end\n$enddefinitions $end\n";
        vcd += &format!("#100\n0!\n0\"\n0#\n0m\n{low}");
        // Accumulators are the 6th memory: codes r10 (read) and r11 (write).
        vcd += "#105\n1!\n#110\n0!\n1r10\n1#\n1m\n#115\n1!\n#120\n0!\n1\"\n1r11\n0#\n0m\n";
        vcd += "#125\n1!\n#130\n0!\n0\"\n0r10\n0r11\n1#\n#135\n1!\n#140\n0!\n";
        let activity = crate::toggle::count(vcd.as_bytes(), "hand").unwrap();
        let w = from_activity(&activity, "inference", "hand").unwrap();
        assert_eq!((w.cycles, w.samples), (4, 1));
        assert_eq!(
            w.blocks["fc"],
            BlockToggles {
                nets: 1,
                toggles: 3
            }
        );
        assert_eq!(
            w.blocks["control"],
            BlockToggles {
                nets: 2,
                toggles: 10
            }
        );
        assert_eq!(
            w.blocks["memories"],
            BlockToggles {
                nets: 12,
                toggles: 4
            }
        );
        let acc = w.memory("accumulators").unwrap();
        assert_eq!(
            (acc.reads, acc.writes, acc.storage_nets, acc.storage_toggles),
            (2, 1, 1, 2)
        );
        assert_eq!(w.memory("fc0_weights").unwrap().reads, 0);
    }
}
