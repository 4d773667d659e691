//! The emitted Verilog of the default config through the tools: Verilator lint (`-Wall`, only
//! WIDTH, DECLFILENAME and UNOPTFLAT waived; `docs/RTL.md` gives the reason for UNOPTFLAT), Icarus (`-g2005`), Yosys `synth_ice40 -spram` and
//! `synth_ecp5`, with the memories in block RAM.

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

#[test]
fn verilator_lint_is_clean_but_for_the_waivers() {
    let dir = emitted();
    let out = common::run(
        dir.path(),
        "verilator",
        &[
            "--lint-only",
            "-Wall",
            "-Wno-WIDTH",
            "-Wno-DECLFILENAME",
            "-Wno-UNOPTFLAT",
            "--top-module",
            "spoon",
            "spoon.v",
        ],
    );
    let text = common::text(&out);
    assert!(!text.contains("%Warning"), "{text}");
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

fn synth(script: &str) -> String {
    let dir = emitted();
    let out = common::run(dir.path(), "yosys", &["-p", script]);
    let text = common::text(&out);
    std::fs::write(dir.path().join("yosys.log"), &text).unwrap();
    let stat = &text[text.rfind("Printing statistics").expect("stat ran")..];
    println!("{stat}");
    stat.to_string()
}

#[test]
fn yosys_synth_ice40_maps_the_memories_to_block_ram() {
    let stat = synth("read_verilog spoon.v; synth_ice40 -spram -top spoon; stat");
    // Kernel memory 64 bits → 4 EBR; membrane map 112 bits → 7 EBR; FIFO 18 bits → 2 EBR.
    assert_eq!(cells(&stat, "SB_RAM40_4K"), 13, "{stat}");
    assert!(cells(&stat, "SB_LUT4") > 0);
}

#[test]
fn yosys_synth_ecp5_maps_the_memories_to_block_ram() {
    let stat = synth("read_verilog spoon.v; synth_ecp5 -top spoon; stat");
    assert!(cells(&stat, "DP16KD") >= 3, "{stat}");
}
