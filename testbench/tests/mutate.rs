//! The mutation harness in CI: the unmutated Verilog passes the CI slice through the same
//! seam the mutants take (so a catch below is the mutant's doing), and a fixed sample of
//! single-point mutants, one per block kind of fault, is caught by it. `spoon mutate` runs the
//! whole catalogue (docs/SIM.md § "Mutation testing").

use std::path::{Path, PathBuf};
use testbench::mutate::{self, Outcome};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample")
}

/// One mutant of each kind of fault the issue names, in blocks spread over the chip.
const CI_SAMPLE: &[(&str, &str)] = &[
    (
        "fifo:op:81fe6ca9",
        "FIFO `in_ready` one word late (`>` → `>=`)",
    ),
    (
        "conv.lanes:branch:e08bcded",
        "membrane saturation dropped (lane 0)",
    ),
    (
        "fc.activations.tanh:branch:5001e294",
        "hard-tanh clamp dropped (lane 0)",
    ),
    (
        "fc.updates:branch:ed292fd7",
        "weight write-back saturation dropped (lane 0)",
    ),
    (
        "fc.projection.constants:rom:95361cb0",
        "projection seed of label 3, plus one",
    ),
    (
        "fc.draw:tap:efca600a",
        "a tap of the rounding LFSR dropped (first step)",
    ),
];

#[test]
fn the_unmutated_rtl_passes_and_every_ci_mutant_is_caught() {
    let config = mutate::slice_config();
    let verilog = mutate::emitted_verilog(&config).unwrap();
    let unmutated = mutate::run_mutant(&config, &verilog, &data(), true);
    assert!(
        matches!(unmutated, Outcome::Survived { cycles } if cycles > 400_000),
        "the unmutated RTL: {unmutated:?}"
    );
    let catalogue = mutate::catalogue(&verilog);
    for (id, what) in CI_SAMPLE {
        let m = catalogue
            .iter()
            .find(|m| m.id == *id)
            .unwrap_or_else(|| panic!("{id} ({what}) is no longer in the catalogue: pick another with `spoon mutate --list`"));
        let outcome = mutate::run_mutant(&config, &m.apply(&verilog), &data(), false);
        println!("{id} ({what}): {outcome:?}");
        match outcome {
            Outcome::Caught(c) => assert!(c.cycle.is_some(), "{id}: not a port mismatch: {c:?}"),
            o => panic!("{id} ({what}) {}: {o:?}", o.name()),
        }
    }
}
