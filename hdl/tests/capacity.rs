//! Any `Config` that validates either emits Verilog or is refused with a capacity error naming
//! a field: the RTL (processor and board top) never panics on a config `spoon config --check`
//! accepts (a seeded run).

use golden::config::Config;
use hdl::emit::{verilog, EmitError};
use hdl::params::Params;
use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};
use std::cell::Cell;

/// Configs around the RTL's capacities: every size field drawn on both sides of what the
/// compiled lanes and memories hold, and lanes the generator does and does not build.
fn configs() -> impl Strategy<Value = Config> {
    let input = (1usize..=30, 1usize..=30, 1usize..=2, 3u32..=13);
    let conv = (1usize..=24, 1usize..=8, 1usize..=12, 2u32..=9, 1u32..=3);
    let fc = (
        1usize..=140,
        2usize..=20,
        2u32..=9,
        2u32..=9,
        0u32..=6,
        0u32..=10,
    );
    let other = (
        1u32..=8,
        0u32..=17,
        proptest::sample::select(vec![2usize, 4, 8, 16, 32]),
        // Lanes: mostly the compiled 8, else anything (the generator builds 1, 2, 4, 8).
        proptest::sample::select(vec![8usize, 8, 8, 8, 8, 8, 1, 2, 3, 4, 16]),
        proptest::bool::weighted(0.9),
        // Hidden layers: mostly one (the compiled RTL's), up to golden's 4, and 5 (invalid).
        proptest::sample::select(vec![1usize, 1, 1, 1, 2, 3, 4, 5]),
    );
    (input, conv, fc, other).prop_map(|(i, c, f, o)| {
        let mut config = Config::default();
        (
            config.input.width,
            config.input.height,
            config.input.channels,
        ) = (i.0, i.1, i.2);
        config.conv.membrane_bits = i.3.max(c.3 + 1);
        (config.conv.kernels, config.conv.size, config.conv.stride) = (c.0, c.1, c.2);
        (config.conv.weight_bits, config.conv.spike_count_bits) = (c.3, c.4);
        config.conv.threshold = 1;
        config.conv.init_range = 1;
        config.fc.hidden = vec![f.0; o.5];
        config.fc.classes = f.1;
        (config.fc.weight_bits, config.fc.activation_bits) = (f.2, f.3);
        config.fc.activation_shifts = vec![f.4; o.5];
        config.fc.output_shift = f.5;
        config.fc.probability_bits = o.0;
        config.learning.output_lr_shift = o.1.min(16);
        config.learning.hidden_lr_shifts = vec![o.1.min(16); o.5];
        config.training.lr_decay_epochs = vec![];
        config.hardware.conv_lanes = o.3.min(c.0);
        config.hardware.fc_lanes = if o.4 { o.3.min(c.0) } else { 4 };
        config.hardware.fifo_depth = o.2;
        config
    })
}

#[test]
fn a_valid_config_emits_or_is_refused_by_capacity() {
    let mut runner = TestRunner::new_with_rng(
        RunnerConfig {
            cases: 1000,
            failure_persistence: None,
            ..RunnerConfig::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &[3; 32]),
    );
    let (emitted, refused, generated) = (Cell::new(0), Cell::new(0), Cell::new(0));
    runner
        .run(&configs(), |config| {
            if config.validate().is_err() {
                return Ok(());
            }
            // What the generator would build for it: capacities or a capacity error.
            if hdl::generator::capacities(&config).is_ok() {
                generated.set(generated.get() + 1);
            }
            match Params::new(&config) {
                Err(_) => refused.set(refused.get() + 1),
                Ok(_) => {
                    let text = match verilog(&config) {
                        Ok(text) => text,
                        Err(EmitError::Capacity(_)) => unreachable!("Params accepted it"),
                        Err(e) => return Err(TestCaseError::fail(e.to_string())),
                    };
                    prop_assert!(text.contains("module spoon"));
                    // The board top wraps the same processor with the host link's constants.
                    let dir = tempfile::tempdir().unwrap();
                    let board = hdl::emit::emit_board_compiled(&config, 8, dir.path());
                    prop_assert!(board.is_ok(), "{:?}", board.err());
                    emitted.set(emitted.get() + 1);
                }
            }
            Ok(())
        })
        .unwrap();
    let (emitted, refused, generated) = (emitted.get(), refused.get(), generated.get());
    println!(
        "{emitted} configs emitted, {refused} refused by the compiled capacities, {generated} \
         the generator builds"
    );
    assert!(
        emitted >= 20 && refused >= 20 && generated > emitted,
        "{emitted} emitted, {refused} refused, {generated} generated"
    );
}
