//! The emitted Verilog of the default config through the tools: Verilator lint (`-Wall`, only
//! WIDTH, DECLFILENAME and UNOPTFLAT waived; `docs/RTL.md` gives the reason for UNOPTFLAT),
//! Icarus (`-g2005`), Yosys `synth_ice40 -spram -dsp` and `synth_ecp5`, with every memory in RAM
//! cells (SPRAM, block RAM or LUT RAM, never flip-flops) and the FC lanes in DSPs.

mod common;

use golden::config::Config;
use std::path::Path;

fn emitted() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    hdl::emit(&Config::default(), dir.path()).unwrap();
    if let Ok(keep) = std::env::var("SPOON_KEEP_RTL") {
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::copy(dir.path().join("spoon.v"), Path::new(&keep).join("spoon.v")).unwrap();
    }
    dir
}

/// Verilator `-Wall` on `file` (top `top`) in `dir`: no warning but the waived kinds.
fn assert_lint_clean(dir: &Path, top: &str, file: &str) {
    let out = common::run(
        dir,
        "verilator",
        &[
            "--lint-only",
            "-Wall",
            "-Wno-WIDTH",
            "-Wno-DECLFILENAME",
            "-Wno-UNOPTFLAT",
            "--top-module",
            top,
            file,
        ],
    );
    let text = common::text(&out);
    assert!(!text.contains("%Warning"), "{text}");
}

#[test]
fn verilator_lint_is_clean_but_for_the_waivers() {
    assert_lint_clean(emitted().path(), "spoon", "spoon.v");
}

#[test]
fn icarus_compiles_it() {
    let dir = emitted();
    common::run(
        dir.path(),
        "iverilog",
        &["-g2005", "-s", "spoon", "-o", "spoon.vvp", "spoon.v"],
    );
}

/// Cells of `kind` in a Yosys `stat` report.
fn cells(stat: &str, kind: &str) -> usize {
    stat.lines()
        .rev()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            (it.next() == Some(kind)).then(|| it.next().and_then(|n| n.parse().ok()).unwrap_or(0))
        })
        .next()
        .unwrap_or(0)
}

/// Flip-flops of every kind whose name starts with `prefix`.
fn flip_flops(stat: &str, prefix: &str) -> usize {
    stat.lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let kind = it.next()?;
            kind.starts_with(prefix)
                .then(|| it.next().and_then(|n| n.parse::<usize>().ok()))
                .flatten()
        })
        .sum()
}

/// Runs Yosys; returns its log and the last `stat` report (printed).
fn synth(script: &str) -> (String, String) {
    let dir = emitted();
    let out = common::run(dir.path(), "yosys", &["-p", script]);
    let text = common::text(&out);
    let stat = text[text.rfind("Printing statistics").expect("stat ran")..].to_string();
    println!("{stat}");
    (text, stat)
}

/// Asserts that Yosys mapped `memory` (a path below the top, e.g. `fc.accumulators`) with
/// `cell`, i.e. to RAM cells and not to flip-flops.
fn assert_mapped(log: &str, memory: &str, cell: &str) {
    let line = format!("mapping memory spoon.{memory}.mem via {cell}");
    assert!(log.contains(&line), "no `{line}` in the Yosys log");
}

#[test]
fn yosys_synth_ice40_maps_the_memories_to_ram_and_the_lanes_to_dsps() {
    let (log, stat) = synth("read_verilog spoon.v; synth_ice40 -spram -dsp -top spoon; stat");
    // FC layer 0 weights: 13,312 × 64 bits in 4 SPRAMs side by side (16 bits each).
    assert_mapped(&log, "fc.hidden_weights", "$__ICE40_SPRAM_");
    assert_eq!(cells(&stat, "SB_SPRAM256KA"), 4, "{stat}");
    // Block RAM (256 × 16): kernels 4, membranes 7, FIFO 2, output weights 4, accumulators 11.
    for memory in [
        "conv.kernels",
        "conv.membranes",
        "fifo.words",
        "fc.output_weights",
        "fc.accumulators",
    ] {
        assert_mapped(&log, memory, "$__ICE40_RAM4K_");
    }
    assert_eq!(cells(&stat, "SB_RAM40_4K"), 28, "{stat}");
    // The 8 FC lanes' multipliers.
    assert_eq!(cells(&stat, "SB_MAC16"), 8, "{stat}");
    // No memory in flip-flops: the design's registers are about 1,000 (the pipeline registers
    // of the FC engine included), the accumulators alone would add 2,816.
    assert!(flip_flops(&stat, "SB_DFF") < 1_200, "{stat}");
    assert!(cells(&stat, "SB_LUT4") > 0);
}

#[test]
fn yosys_synth_ecp5_maps_the_memories_to_ram_and_the_lanes_to_dsps() {
    let (log, stat) = synth("read_verilog spoon.v; synth_ecp5 -top spoon; stat");
    assert_mapped(&log, "fc.hidden_weights", "$__ECP5_DP16KD_");
    for memory in ["conv.kernels", "conv.membranes", "fc.output_weights"] {
        assert_mapped(&log, memory, "$__ECP5_PDPW16KD_");
    }
    // 16-word memories go to distributed (LUT) RAM.
    for memory in ["fifo.words", "fc.accumulators"] {
        assert_mapped(&log, memory, "$__TRELLIS_DPR16X4_");
    }
    assert!(cells(&stat, "DP16KD") >= 50, "{stat}");
    assert_eq!(cells(&stat, "MULT18X18D"), 8, "{stat}");
    // No memory in flip-flops (the accumulators alone would need 2,816); the FC lanes'
    // multiplier registers (≈ 270) stay in the fabric here, Yosys packs them only on the iCE40.
    assert!(cells(&stat, "TRELLIS_FF") < 1_500, "{stat}");
}

/// The board top (processor, UARTs, host link) lints as clean as the processor.
#[test]
fn board_top_verilator_lint_is_clean_but_for_the_waivers() {
    let dir = tempfile::tempdir().unwrap();
    hdl::emit_board(&Config::default(), 8, dir.path()).unwrap();
    assert_lint_clean(dir.path(), "spoon_board", "spoon_board.v");
}
