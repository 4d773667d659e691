//! The ASIC view's mapping and area: the emitted chip through Yosys (`synth` without
//! flattening, so every block keeps its module), its flip-flops to the characterised library
//! (`dfflibmap -liberty`), its logic to it (`abc -liberty`); the large memories kept as SRAM
//! macros (`sram`), the small ones mapped to flip-flops. Area per block = Σ cells × their LEF
//! area, + the macros.

use crate::charlib::{self, Library};
use crate::sram::{self, MacroUse};
use crate::PowerError;
use serde::{Deserialize, Serialize};
use spoon_synth::cache::CachedStep;
use spoon_synth::tools::{self, Step};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The mapping script, a flow file beside the FPGA ones (`{top}`, `{small_memories}` and
/// `{small_memory_modules}` filled from the emitted manifest).
const ASIC_YS: &str = include_str!("../../synth/flows/asic.ys");

/// The blocks of the breakdown, by module-name prefix (the longest that matches wins; a prefix
/// matches whole `$`-separated parts). The learning unit is the FC engine's update lanes, the
/// output rule's shifter, the rounding and target-projection LFSRs, the output errors and the
/// registers only a learning pass uses; the memories are the RAM modules.
pub const BLOCKS: &[(&str, &str)] = &[
    ("control", "spoon"),
    ("config_port", "spoon$cfg_port"),
    ("aer_fifo", "spoon$fifo"),
    ("conv", "spoon$conv"),
    ("fc", "spoon$fc"),
    ("learning_unit", "spoon$fc$updates"),
    ("learning_unit", "spoon$fc$output_round"),
    ("learning_unit", "spoon$fc$projection"),
    ("learning_unit", "spoon$fc$rounding"),
    ("learning_unit", "spoon$fc$round"),
    ("learning_unit", "spoon$fc$rounded"),
    ("learning_unit", "spoon$fc$draw"),
    ("learning_unit", "spoon$fc$weight_held"),
    ("learning_unit", "spoon$fc$modulation_held"),
    ("learning_unit", "spoon$fc$errors"),
    ("learning_unit", "spoon$fc$any_error"),
    ("learning_unit", "spoon$fc$any_modulated"),
    ("memories", "spoon$conv$kernels"),
    ("memories", "spoon$conv$membranes"),
    ("memories", "spoon$fc$accumulators"),
    ("memories", "spoon$fc$hidden_weights"),
    ("memories", "spoon$fc$output_weights"),
    ("memories", "spoon$fifo$words"),
];

/// The block of a module.
pub fn block_of(module: &str) -> &'static str {
    let module = module.trim_start_matches('\\');
    BLOCKS
        .iter()
        .filter(|(_, prefix)| {
            module == *prefix
                || (module.starts_with(prefix)
                    && module.as_bytes().get(prefix.len()) == Some(&b'$'))
        })
        .max_by_key(|(_, prefix)| prefix.len())
        .map_or("control", |(block, _)| block)
}

/// A block's standard cells.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BlockCells {
    pub cells: u64,
    pub flip_flops: u64,
    pub area_um2: f64,
    pub leakage_nw: f64,
    /// Macros' area (SRAM), in `memories` only.
    pub macro_area_um2: f64,
    /// Cells by type.
    pub types: BTreeMap<String, u64>,
}

/// The mapped chip: cells per block, the macros, the totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mapped {
    pub blocks: BTreeMap<String, BlockCells>,
    pub cells_by_type: BTreeMap<String, u64>,
    pub macros: Vec<MacroUse>,
    pub total_area_um2: f64,
    pub step: Step,
}

#[derive(Deserialize)]
struct Stat {
    modules: BTreeMap<String, ModuleStat>,
}
#[derive(Deserialize)]
struct ModuleStat {
    num_cells_by_type: BTreeMap<String, u64>,
}

/// Maps the chip of `config` in `dir` and measures its area per block.
pub fn map(
    config: &golden::config::Config,
    lib: &Library,
    dir: &Path,
    cache: &Path,
    use_cache: bool,
) -> Result<Mapped, PowerError> {
    std::fs::create_dir_all(dir).map_err(|e| PowerError::io(dir, e))?;
    let manifest = hdl::emit(config, dir).map_err(spoon_synth::SynthError::from)?;
    let design = dir.join("design.v");
    std::fs::rename(dir.join(&manifest.verilog), &design).map_err(|e| PowerError::io(dir, e))?;
    let liberty = charlib::shipped_dir().join(charlib::LIB_LIBERTY);
    std::fs::copy(&liberty, dir.join("cells.lib")).map_err(|e| PowerError::io(&liberty, e))?;
    let macros = sram::plan(&manifest.memories);
    let small: Vec<&str> = sram::MODULES
        .iter()
        .filter(|(name, _)| !macros.iter().any(|m| m.memory == *name))
        .map(|(_, module)| *module)
        .collect();
    let script = ASIC_YS
        .replace("{top}", &manifest.top)
        .replace(
            "{small_memories}",
            &format!("# flip-flops: {}", small.join(" ")),
        )
        .replace("{small_memory_modules}", &small.join(" "));
    let step = yosys(dir, &script, cache, use_cache)?;
    let path = dir.join("stat.json");
    let text = std::fs::read_to_string(&path).map_err(|e| PowerError::io(&path, e))?;
    let stat = parse_stat(&text, &path)?;
    tally(&stat, lib, &manifest.top, macros, step, &path)
}

/// Debian's Yosys (0.23), not the PyPI yowasp build the FPGA flows use: the WebAssembly build's
/// ABC stops without output on `abc -liberty` here (the process ends in the ABC step, no
/// netlist), the native one maps.
const YOSYS: &str = "yosys";

/// The `modules` object of `stat -json`. Yosys 0.23 writes the design's hierarchy after it as
/// plain text (not JSON), so only that first object is read.
fn parse_stat(text: &str, origin: &Path) -> Result<Stat, PowerError> {
    let bad = |problem: String| PowerError::BadTool {
        file: origin.to_path_buf(),
        problem,
    };
    let at = text
        .find("\"modules\":")
        .ok_or_else(|| bad("no \"modules\" object".into()))?;
    let rest = &text[at + "\"modules\":".len()..];
    let modules = serde_json::Deserializer::from_str(rest)
        .into_iter::<BTreeMap<String, ModuleStat>>()
        .next()
        .ok_or_else(|| bad("an empty \"modules\" object".into()))?
        .map_err(|e| bad(e.to_string()))?;
    // Module names are escaped (`\\spoon`) as keys, not as cell types: one spelling.
    let plain = |n: &str| n.trim_start_matches('\\').to_string();
    let modules = modules
        .into_iter()
        .map(|(name, m)| {
            let cells = m
                .num_cells_by_type
                .iter()
                .map(|(t, k)| (plain(t), *k))
                .collect();
            (
                plain(&name),
                ModuleStat {
                    num_cells_by_type: cells,
                },
            )
        })
        .collect();
    Ok(Stat { modules })
}

fn yosys(dir: &Path, script: &str, cache: &Path, use_cache: bool) -> Result<Step, PowerError> {
    let path = dir.join("asic.ys");
    std::fs::write(&path, script).map_err(|e| PowerError::io(&path, e))?;
    let version = tools::version(YOSYS, "-V")?;
    let args: Vec<String> = ["-q", "-l", "yosys.log", "-s", "asic.ys"]
        .map(String::from)
        .to_vec();
    let _ = std::fs::remove_file(dir.join("yosys.log"));
    Ok(CachedStep {
        root: cache,
        name: "yosys-asic",
        input_files: &["design.v", "cells.lib", "asic.ys"],
        recipe: format!("{YOSYS} {} ({version})", args.join(" ")),
        outputs: &["stat.json", "yosys.log", "netlist.v", "netlist.json"],
    }
    .run(dir, use_cache, || {
        let (_, wall) = tools::run(dir, YOSYS, &args, "yosys.run.log")?;
        Ok((format!("{YOSYS} {}", args.join(" ")), wall))
    })?)
}

/// Sums every module's cells into its block, each module counted as often as the hierarchy
/// instantiates it (from the top).
fn tally(
    stat: &Stat,
    lib: &Library,
    top: &str,
    macros: Vec<MacroUse>,
    step: Step,
    origin: &Path,
) -> Result<Mapped, PowerError> {
    let mut count: BTreeMap<String, u64> = BTreeMap::new();
    instances(stat, top, 1, &mut count);
    let mut blocks: BTreeMap<String, BlockCells> = BTreeMap::new();
    let mut by_type: BTreeMap<String, u64> = BTreeMap::new();
    for (module, n) in &count {
        let b = blocks.entry(block_of(module).to_string()).or_default();
        for (ty, k) in &stat.modules[module].num_cells_by_type {
            if stat.modules.contains_key(ty) || ty.starts_with("$mem") {
                continue;
            }
            let cell = lib.cell(ty).ok_or_else(|| PowerError::BadTool {
                file: origin.to_path_buf(),
                problem: format!("cell type `{ty}` in module {module} is not in the library"),
            })?;
            b.cells += n * k;
            b.flip_flops += if cell.is_ff { n * k } else { 0 };
            b.area_um2 += (n * k) as f64 * cell.area_um2;
            b.leakage_nw += (n * k) as f64 * cell.leakage_nw;
            *b.types.entry(ty.clone()).or_default() += n * k;
            *by_type.entry(ty.clone()).or_default() += n * k;
        }
    }
    let mem = blocks.entry("memories".into()).or_default();
    mem.macro_area_um2 = macros.iter().map(|m| m.area_um2()).sum();
    mem.leakage_nw += macros.iter().map(|m| m.leakage_nw()).sum::<f64>();
    let total_area_um2 = blocks.values().map(|b| b.area_um2 + b.macro_area_um2).sum();
    Ok(Mapped {
        blocks,
        cells_by_type: by_type,
        macros,
        total_area_um2,
        step,
    })
}

fn instances(stat: &Stat, module: &str, n: u64, count: &mut BTreeMap<String, u64>) {
    *count.entry(module.to_string()).or_default() += n;
    let Some(m) = stat.modules.get(module) else {
        return;
    };
    for (ty, k) in &m.num_cells_by_type {
        if stat.modules.contains_key(ty) {
            instances(stat, ty, n * k, count);
        }
    }
}

/// The default place of a mapping run.
pub fn default_dir() -> PathBuf {
    PathBuf::from("build/power/asic")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_fall_into_their_blocks() {
        assert_eq!(block_of("\\spoon"), "control");
        assert_eq!(block_of("\\spoon$phase"), "control");
        assert_eq!(block_of("spoon$fc$scan$state"), "fc");
        assert_eq!(block_of("spoon$fc$round"), "learning_unit");
        assert_eq!(block_of("spoon$fc$rounding"), "learning_unit");
        assert_eq!(block_of("spoon$fc$updates$3"), "learning_unit");
        assert_eq!(block_of("spoon$fc$hidden_weights"), "memories");
        assert_eq!(block_of("spoon$conv$lanes$0"), "conv");
        assert_eq!(block_of("spoon$fifo$words"), "memories");
        assert_eq!(block_of("spoon$fifo$held"), "aer_fifo");
    }
}
