//! The cycle-stepped model (`golden::cycle`) gives the functional model's results: real digits
//! streamed as AER words through the ports, then the class, the scores and the rounding LFSR
//! read back through the configuration port, and at the end every weight, equal
//! `Chip::train` on the same events.

use golden::chip::Chip;
use golden::config::Config;
use golden::cycle::config_port::{
    fc_select, memory_elements, memory_words, register_index, CFG_WORD_READ_LATENCY,
    CFG_WORD_WRITE_CYCLES, REG_HIDDEN_LR_SHIFT, REG_IGNORED, REG_OUTPUT_LR_SHIFT, REG_ROUNDING_LO,
    SELECT_HIDDEN_WEIGHTS, SELECT_KERNELS, SELECT_OUTPUT_WEIGHTS, SELECT_REGISTERS, SELECT_SCORES,
};
use golden::cycle::host::{aer_words, Host};
use golden::cycle::{compare_trace, Capacities, CycleChip, PortsIn, PortsOut};
use golden::dataset::{load_split_dir, ImageSet};
use golden::encoder::encode_ttfs;
use golden::event::Event;
use golden::fixed::max_signed;
use golden::kernel::fill_uniform;
use golden::lfsr::Lfsr;

/// Partial lane groups everywhere: 12 kernels, 12 hidden neurons, 10 classes.
fn partial_groups_config() -> Config {
    let mut c = Config::tiny();
    c.conv.kernels = 12;
    c.fc.hidden = vec![12];
    c.fc.classes = 10;
    c.fc.output_shift = 4;
    c.validate().unwrap();
    c
}

/// One digit of each class.
fn digits() -> ImageSet {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample");
    load_split_dir(&dir)
        .expect("data/mnist-sample")
        .0
        .first_per_class(1)
}

/// The events of digit `i`, the 28×28 image sampled down to the config's field.
fn events(config: &Config, digits: &ImageSet, i: usize) -> Vec<Event> {
    let (w, h) = (config.input.width, config.input.height);
    let image: Vec<u8> = (0..h * w)
        .map(|p| {
            let (r, c) = (p / w * 28 / h, p % w * 28 / w);
            digits.image(i)[r * 28 + c]
        })
        .collect();
    let mut events = Vec::new();
    encode_ttfs(config, &image, &mut events);
    events
}

/// Trains `samples` digits on the functional chip and on the cycle chip (host over its ports)
/// and asserts equal results after each sample and every weight at the end.
fn train_and_compare<D: FnMut(&PortsIn) -> PortsOut>(
    chip: &mut Chip,
    host: &mut Host<D>,
    samples: usize,
) {
    let config = chip.config().clone();
    let digits = digits();
    let classes = config.fc.classes;
    let h = config.fc.hidden.len();
    let before = chip.layers().to_vec();
    let mut activity = 0;
    for i in 0..samples {
        let events = events(&config, &digits, i);
        let label = usize::from(digits.label(i)) % classes;
        let golden = chip.train(&events, label);
        let (class, cycles) = host.sample(&aer_words(&events, true, label));
        println!(
            "sample {i}: {} events, label {label}, class {class}, {cycles} cycles, {:?}",
            events.len(),
            golden.activity
        );
        assert_eq!(class, golden.class, "sample {i}: class");
        let scores: Vec<i32> = (0..classes)
            .map(|c| host.read32(SELECT_SCORES, 2 * c) as i32)
            .collect();
        assert_eq!(scores, golden.scores, "sample {i}: scores");
        let state = host.read32(SELECT_REGISTERS, register_index(REG_ROUNDING_LO, h));
        assert_eq!(
            state,
            chip.rounding_lfsr().state(),
            "sample {i}: rounding LFSR"
        );
        assert_eq!(
            host.read(SELECT_REGISTERS, register_index(REG_IGNORED, h)),
            0
        );
        activity += golden.activity.rounding_draws;
    }
    assert!(activity > 0, "some learning happened");
    host.record = false;
    for (k, layer) in chip.layers().iter().enumerate() {
        assert_ne!(layer, &before[k], "FC layer {k} learned");
        let select = fc_select(k);
        let got: Vec<i16> = (0..layer.weights().len())
            .map(|a| host.read(select, a) as i16)
            .collect();
        assert_eq!(got, layer.weights(), "select {select}");
    }
}

/// Two and three hidden layers (12, 10 and 9 neurons: partial lane groups), each updated by
/// DRTP from its own `d` with its own projection row and shift, with 8 and 4 lanes.
fn hidden_layers_config(hidden: &[usize], lanes: usize) -> Config {
    let mut c = partial_groups_config();
    c.fc.hidden = hidden.to_vec();
    // Layer 0 sums spike counts (≤ 3), the next ones activations (≤ 127).
    c.fc.activation_shifts = (0..hidden.len())
        .map(|k| if k == 0 { 0 } else { 6 })
        .collect();
    c.learning.hidden_lr_shifts = (0..hidden.len()).map(|k| 1 + k as u32).collect();
    c.learning.hidden_init_range = 40;
    c.hardware.conv_lanes = lanes;
    c.hardware.fc_lanes = lanes;
    c.validate().unwrap();
    c
}

/// With `h` hidden layers the shift registers are `0..h` and the others move up by `h − 1`:
/// each written register reads back its own value, and the read-only ones follow.
#[test]
fn registers_move_with_the_hidden_layers() {
    for hidden in [&[12][..], &[12, 10], &[12, 10, 9, 8]] {
        let config = hidden_layers_config(hidden, 8);
        let h = hidden.len();
        let mut model = CycleChip::new(&config);
        let mut host = Host::new(|i: &PortsIn| model.step(i));
        let writable = h + 5;
        for r in 0..writable {
            host.write(SELECT_REGISTERS, r, 0x1100 + r as i32);
        }
        let got: Vec<i32> = (0..writable + 3)
            .map(|r| host.read(SELECT_REGISTERS, r))
            .collect();
        // Shifts saturate at 16; then the rounding LFSR and the projection seed halves; the
        // class, status and ignored count of a chip that ran nothing.
        let mut want: Vec<i32> = (0..=h).map(|_| 16).collect();
        want.extend((h + 1..writable).map(|r| 0x1100 + r as i32));
        want.extend([0, 0, 0]);
        assert_eq!(got, want, "{h} hidden layers");
        assert_eq!(register_index(REG_ROUNDING_LO, h), h + 1);
    }
}

#[test]
fn several_hidden_layers_equal_chip_train() {
    port_loaded(hidden_layers_config(&[12, 10], 8));
    port_loaded(hidden_layers_config(&[12, 10, 9], 4));
}

/// A functional chip with random output weights (so that the first samples already err).
fn chip(config: &Config) -> Chip {
    let mut chip = Chip::new(config);
    let output = config.fc.hidden.len();
    let range = 20.min(max_signed(config.fc.weight_bits));
    fill_uniform(
        chip.layers_mut()[output].weights_mut(),
        range,
        &mut Lfsr::new(77),
    );
    chip
}

/// Every memory written through the configuration port, then 6 digits trained.
fn port_loaded(config: Config) {
    let mut chip = chip(&config);
    let mut model = CycleChip::new(&config);
    let mut host = Host::new(|i: &PortsIn| model.step(i));
    for (a, &w) in chip.kernels().weights().iter().enumerate() {
        host.write(SELECT_KERNELS, a, w.into());
    }
    for (k, layer) in chip.layers().iter().enumerate() {
        for (a, &w) in layer.weights().iter().enumerate() {
            host.write(fc_select(k), a, w.into());
        }
    }
    for (r, value) in golden::cycle::config_port::chip_registers(&chip) {
        host.write(SELECT_REGISTERS, r, value.into());
    }
    for (a, &w) in chip.kernels().weights().iter().enumerate().step_by(5) {
        assert_eq!(host.read(SELECT_KERNELS, a), i32::from(w), "kernel {a}");
    }
    train_and_compare(&mut chip, &mut host, 6);
}

#[test]
fn tiny_config_equals_chip_train() {
    port_loaded(Config::tiny());
}

#[test]
fn partial_lane_groups_equal_chip_train() {
    port_loaded(partial_groups_config());
}

/// The same with 1, 2 and 4 lanes: 12 kernels, 12 hidden neurons and 10 classes in groups of
/// 1, 2 and 4 (3 of 4 lanes in the last output group), learning equal `Chip::train`.
#[test]
fn every_lane_count_equals_chip_train() {
    for lanes in [1, 2, 4] {
        let mut config = partial_groups_config();
        config.hardware.conv_lanes = lanes;
        config.hardware.fc_lanes = lanes;
        port_loaded(config);
    }
}

/// Weights narrower than 8 bits are stored in lanes of their width: 6-bit kernels and 5-bit FC
/// weights in 6-bit lanes (the wider of the two), with 8 and 2 lanes, loaded by element writes
/// and by word requests, learning equal `Chip::train`.
#[test]
fn narrow_weight_lanes_equal_chip_train() {
    for lanes in [8, 2] {
        let mut config = partial_groups_config();
        (config.conv.weight_bits, config.fc.weight_bits) = (6, 5);
        config.conv.init_range = config.conv.init_range.min(31);
        config.hardware.conv_lanes = lanes;
        config.hardware.fc_lanes = lanes;
        assert_eq!(Capacities::of(&config).weight_bits(), 6);
        port_loaded(config.clone());
        word_requests(config);
    }
}

/// The default config (28×28, 16 kernels, 100 hidden neurons, 10 classes), memories loaded
/// from the functional chip, 4 digits.
#[test]
fn default_config_equals_chip_train() {
    let config = Config::default();
    let mut chip = chip(&config);
    let mut model = CycleChip::from_chip(&chip);
    let mut host = Host::new(|i: &PortsIn| model.step(i));
    host.record = false;
    train_and_compare(&mut chip, &mut host, 4);
}

/// The port timing of docs/RTL.md: `cfg_ready` only in `Idle` and never two cycles running,
/// read latency 12 cycles (8 address bits) from the edge that takes the request at the pins, an event touching
/// 4 positions (one lane group) costs 4 + 4 cycles, an event outside the field 2 + 2 and is
/// counted.
#[test]
fn port_timing_is_the_rtl_s() {
    let config = Config::tiny();
    let mut model = CycleChip::new(&config);
    let mut host = Host::new(|i: &PortsIn| model.step(i));
    let start = host.trace.len();
    host.request(false, SELECT_REGISTERS, 0, 0);
    let taken = host.trace.iter().rposition(|(i, _)| i.cfg_valid).unwrap();
    let latency = golden::cycle::Capacities::of(&config).cfg_read_latency();
    assert_eq!(
        latency,
        8 + 4,
        "tiny: 256 weights of FC layer 0 need 8 address bits"
    );
    assert_eq!(host.trace.len() - taken, latency);
    // An element write: the same phases, then `CfgWrite` (13) writes the word back, and the
    // port is ready again one cycle later than after a read.
    host.request(true, SELECT_KERNELS, 3, 0x7F);
    let taken = host.trace.iter().rposition(|(i, _)| i.cfg_valid).unwrap();
    while !host.tick(PortsIn::default()).cfg_ready {}
    let phases: Vec<u8> = host.trace[taken..]
        .iter()
        .map(|(_, o)| o.taps.unwrap().phase)
        .collect();
    let mut expected = vec![0];
    expected.extend([10; 8]);
    expected.extend([11, 12, 13, 0]);
    assert_eq!(phases, expected, "8 divider steps: 8 address bits");
    let written: Vec<usize> = host.trace[taken..]
        .iter()
        .enumerate()
        .filter_map(|(c, (_, o))| o.taps.unwrap().kernel_write.map(|_| c))
        .collect();
    assert_eq!(written, [12], "written at the edge that leaves CfgWrite");
    assert_eq!(host.read(SELECT_KERNELS, 3), 0x7F);
    // (2, 2) touches 2×2 positions; (9, 9) is outside the 6×6 field.
    let words = aer_words(&[Event::new(2, 2, 0), Event::new(9, 9, 0)], false, 0);
    host.sample(&words);
    let phases: Vec<u8> = host.trace[start..]
        .iter()
        .map(|(_, o)| o.taps.unwrap().phase)
        .collect();
    let fetches: Vec<usize> = (1..phases.len())
        .filter(|&c| phases[c] == 3 && phases[c - 1] != 3)
        .collect();
    assert_eq!(fetches.len(), 3, "two events and the end-of-sample word");
    assert_eq!(fetches[1] - fetches[0], 4 + 4);
    assert_eq!(fetches[2] - fetches[1], 2 + 2);
    let after = &host.trace[start..];
    assert!(after
        .iter()
        .all(|(_, o)| !o.cfg_ready || o.taps.unwrap().phase == 0));
    assert!(after
        .windows(2)
        .all(|w| !(w[0].1.cfg_ready && w[1].1.cfg_ready)));
    assert_eq!(host.read(SELECT_REGISTERS, REG_IGNORED), 1);
    // Idle: ready every other cycle.
    let idle: Vec<bool> = (0..6)
        .map(|_| host.tick(PortsIn::default()).cfg_ready)
        .collect();
    assert!(
        idle == [true, false, true, false, true, false]
            || idle == [false, true, false, true, false, true],
        "{idle:?}"
    );
}

/// Word requests on partial lane groups: every memory written by words (taken exactly
/// `CFG_WORD_WRITE_CYCLES` = 2 edges apart, the port never leaving `Idle`), read back by
/// elements and by words (latency `CFG_WORD_READ_LATENCY` = 3) equal to the functional chip;
/// word requests past the last word or to select 8 change nothing and read 0; then 4 digits
/// trained equal `Chip::train`.
#[test]
fn word_requests_load_and_read_every_memory() {
    for lanes in [8, 2] {
        let mut config = partial_groups_config();
        config.hardware.conv_lanes = lanes;
        config.hardware.fc_lanes = lanes;
        word_requests(config);
    }
}

fn word_requests(config: Config) {
    let mut chip = chip(&config);
    let (kernel_max, fc_max) = (
        max_signed(config.conv.weight_bits),
        max_signed(config.fc.weight_bits),
    );
    fill_uniform(
        chip.kernels_mut().weights_mut(),
        100.min(kernel_max),
        &mut Lfsr::new(3),
    );
    fill_uniform(
        chip.layers_mut()[0].weights_mut(),
        100.min(fc_max),
        &mut Lfsr::new(5),
    );
    let mut model = CycleChip::new(&config);
    let mut host = Host::new(|i: &PortsIn| model.step(i));
    let memories = [
        (SELECT_KERNELS, chip.kernels().weights().to_vec(), 12),
        (
            SELECT_HIDDEN_WEIGHTS,
            chip.layers()[0].weights().to_vec(),
            12,
        ),
        (
            SELECT_OUTPUT_WEIGHTS,
            chip.layers()[1].weights().to_vec(),
            10,
        ),
    ];
    for (select, weights, row) in &memories {
        let words = memory_words(
            weights,
            *row,
            config.hardware.fc_lanes,
            Capacities::weight_bits_of(&config),
        );
        let start = host.trace.len();
        for (a, &w) in words.iter().enumerate() {
            host.write_word(*select, a, w);
        }
        let taken: Vec<usize> = (start..host.trace.len())
            .filter(|&c| host.trace[c].0.cfg_valid)
            .collect();
        assert!(taken
            .windows(2)
            .all(|w| w[1] - w[0] == CFG_WORD_WRITE_CYCLES));
        assert!(host.trace[start..]
            .iter()
            .all(|(_, o)| o.taps.unwrap().phase == 0));
        host.write_word(*select, words.len(), u128::MAX);
        host.write_word(SELECT_REGISTERS, 0, u128::MAX);
        let mut got = vec![];
        for a in 0..=words.len() {
            got.push(host.read_word(*select, a));
            let at = host.trace.iter().rposition(|(i, _)| i.cfg_valid).unwrap();
            assert_eq!(host.trace.len() - at, CFG_WORD_READ_LATENCY);
        }
        assert_eq!(got.pop(), Some(0), "past the last word");
        assert_eq!(got, words, "select {select}");
        assert_eq!(
            &memory_elements(
                &got,
                *row,
                config.hardware.fc_lanes,
                Capacities::weight_bits_of(&config)
            ),
            weights
        );
        for (a, &w) in weights.iter().enumerate().step_by(7) {
            assert_eq!(host.read(*select, a), i32::from(w), "select {select} {a}");
        }
    }
    assert_eq!(host.read_word(SELECT_REGISTERS, 0), 0);
    let shift = config.learning.hidden_lr_shifts[0] as i32;
    assert_eq!(host.read(SELECT_REGISTERS, REG_HIDDEN_LR_SHIFT), shift);
    train_and_compare(&mut chip, &mut host, 4);
}

/// What the port cannot hold has a defined effect: a learning-rate shift above 16 stores 16,
/// and a learning sample whose label is outside the classes is an inference (the functional
/// model's class, no weight changed).
#[test]
fn out_of_range_shifts_and_labels_have_defined_effects() {
    let config = Config::tiny();
    let mut chip = chip(&config);
    let mut lfsr = Lfsr::new(5);
    fill_uniform(chip.kernels_mut().weights_mut(), 40, &mut lfsr);
    fill_uniform(chip.layers_mut()[0].weights_mut(), 40, &mut lfsr);
    let mut model = CycleChip::from_chip(&chip);
    let mut host = Host::new(|i: &PortsIn| model.step(i));
    for (register, value, stored) in [
        (REG_HIDDEN_LR_SHIFT, 17, 16),
        (REG_OUTPUT_LR_SHIFT, 0xFFFF, 16),
        (REG_HIDDEN_LR_SHIFT, 16, 16),
        (REG_HIDDEN_LR_SHIFT, 1, 1),
        (REG_OUTPUT_LR_SHIFT, 1, 1),
    ] {
        host.write(SELECT_REGISTERS, register, value);
        assert_eq!(host.read(SELECT_REGISTERS, register), stored, "{value}");
    }
    let digits = digits();
    for i in 0..3 {
        let e = events(&config, &digits, i);
        let expected = chip.infer(&e);
        let (class, _) = host.sample(&aer_words(&e, true, config.fc.classes + i));
        assert_eq!(class, expected.class, "digit {i}");
    }
    drop(host);
    for (k, (m, c)) in model.layers().iter().zip(chip.layers()).enumerate() {
        assert_eq!(m.weights(), c.weights(), "FC layer {k}");
    }
    // With a label inside the classes, the same sample does learn, as the functional model
    // (the host's reset cycle put the shifts back to the config's, which `chip` has).
    let untrained = chip.layers()[1].weights().to_vec();
    let mut host = Host::new(|i: &PortsIn| model.step(i));
    let e = events(&config, &digits, 0);
    host.sample(&aer_words(&e, true, 1));
    drop(host);
    chip.train(&e, 1);
    assert_ne!(chip.layers()[1].weights(), &untrained[..]);
    for (k, (m, c)) in model.layers().iter().zip(chip.layers()).enumerate() {
        assert_eq!(m.weights(), c.weights(), "FC layer {k} after learning");
    }
}

/// `compare_trace` names the first differing cycle and signal.
#[test]
fn compare_trace_names_cycle_and_signal() {
    let config = Config::tiny();
    let mut model = CycleChip::new(&config);
    let mut host = Host::new(|i: &PortsIn| model.step(i));
    host.read(SELECT_REGISTERS, 1);
    let trace: Vec<PortsOut> = host.trace.iter().map(|&(_, o)| o).collect();
    assert_eq!(compare_trace(&trace, &trace), Ok(()));
    let mut other = trace.clone();
    other[7].taps.as_mut().unwrap().rounding ^= 1;
    other[9].cfg_rdata ^= 4;
    let m = compare_trace(&trace, &other).unwrap_err();
    assert_eq!((m.cycle, m.signal), (7, "rounding"));
    let ports_only: Vec<PortsOut> = other
        .iter()
        .map(|o| PortsOut { taps: None, ..*o })
        .collect();
    let m = compare_trace(&trace, &ports_only).unwrap_err();
    assert_eq!((m.cycle, m.signal), (9, "cfg_rdata"));
    assert_eq!(
        compare_trace(&trace, &trace[..5]).unwrap_err().signal,
        "trace length"
    );
}
