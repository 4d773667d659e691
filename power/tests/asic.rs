//! The default chip mapped to the characterised library (Yosys, about 3 minutes the first
//! time, then from the cache): the report's consistency.

use spoon_power::{asic, charlib, report::AsicReport};

#[test]
fn the_default_chip_maps_and_its_blocks_add_up() {
    let lib = charlib::shipped().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let config = golden::config::Config::default();
    let cache = spoon_synth::cache::cache_root();
    let mapped =
        asic::map(&config, &lib, tmp.path(), &cache, true).unwrap_or_else(|e| panic!("{e}"));
    for block in [
        "control",
        "config_port",
        "aer_fifo",
        "conv",
        "fc",
        "learning_unit",
        "memories",
    ] {
        let b = &mapped.blocks[block];
        assert!(
            b.cells > 0 && b.area_um2 > 0.0 && b.leakage_nw > 0.0,
            "{block}: {b:?}"
        );
    }
    let sum: f64 = mapped
        .blocks
        .values()
        .map(|b| b.area_um2 + b.macro_area_um2)
        .sum();
    assert_eq!(sum, mapped.total_area_um2);
    let cells: u64 = mapped.blocks.values().map(|b| b.cells).sum();
    assert_eq!(cells, mapped.cells_by_type.values().sum::<u64>());
    let macros: Vec<&str> = mapped.macros.iter().map(|m| m.memory.as_str()).collect();
    assert_eq!(
        macros,
        [
            "kernel_memory",
            "membrane_map",
            "fc0_weights",
            "output_weights"
        ]
    );
    // The FIFO and the accumulators are flip-flops: every flip-flop is a dfxtp.
    assert!(mapped.blocks["memories"].flip_flops >= 16 * 18 + 15 * 176);
    let report = AsicReport::new(&lib, mapped, "test".into());
    assert!(report.total_area_mm2 > 0.0 && report.total_leakage_uw > 0.0);
    assert!(report.markdown().contains("learning_unit"));
}
