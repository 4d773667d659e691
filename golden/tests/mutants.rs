//! Tests for golden mutants that its other tests let through (`cargo mutants -p spoon-golden`,
//! docs/SIM.md § "Mutation testing"): each asserts exact values the mutant changes.

use golden::chip::Activity;

/// `Activity::add` sums every count, per layer for the active inputs, and widens to the longer
/// list (mutant: `*a += b` → `*a -= b`).
#[test]
fn activities_add_up_count_by_count() {
    let mut total = Activity {
        events: 5,
        membrane_updates: 40,
        active_inputs: vec![3, 2],
        rounding_draws: 1,
    };
    total.add(&Activity {
        events: 7,
        membrane_updates: 60,
        active_inputs: vec![4, 6, 1],
        rounding_draws: 2,
    });
    assert_eq!(
        total,
        Activity {
            events: 12,
            membrane_updates: 100,
            active_inputs: vec![7, 8, 1],
            rounding_draws: 3,
        }
    );
}

/// The means divide every count by the samples (mutant: `/` → `%` for the active inputs).
#[test]
fn mean_activity_divides_every_count() {
    let total = Activity {
        events: 10,
        membrane_updates: 30,
        active_inputs: vec![7, 3],
        rounding_draws: 4,
    };
    let m = golden::experiment::MeanActivity::of(&total, 4);
    assert_eq!(m.events, 2.5);
    assert_eq!(m.membrane_updates, 7.5);
    assert_eq!(m.active_inputs, vec![1.75, 0.75]);
    assert_eq!(m.rounding_draws, 1.0);
}

/// `integrate_event` returns touched positions × kernels: on a 4×4 field with 3×3 kernels at
/// stride 1 (2×2 positions) and 3 kernels, an event at (1, 1) touches all 4 positions (12
/// updates), one at a corner 1 (3 updates), one on an absent channel none (mutants: the last
/// `*` → `/`, invisible with one kernel; a row count `oy1 + oy0 + 1`).
#[test]
fn an_event_counts_its_membrane_updates() {
    let mut c = golden::config::Config::default();
    c.input.width = 4;
    c.input.height = 4;
    c.conv.size = 3;
    c.conv.stride = 1;
    c.conv.kernels = 3;
    c.hardware.conv_lanes = 1;
    c.validate().unwrap();
    let kernels = golden::kernel::KernelMemory::zeros(&c);
    let mut map = golden::membrane::MembraneMap::new(&c);
    let count = |x, y, ch, map: &mut _| {
        let e = golden::event::Event::new(x, y, ch);
        golden::conv::integrate_event(&c, &kernels, map, e)
    };
    assert_eq!(count(1, 1, 0, &mut map), 12);
    assert_eq!(count(0, 0, 0, &mut map), 3);
    assert_eq!(count(3, 2, 0, &mut map), 6);
    // Row 3 is read by output row 1 only: 2 columns × 1 row × 3 kernels (mutant:
    // `oy1 - oy0` → `oy1 + oy0`, equal while the first row is 0).
    assert_eq!(count(1, 3, 0, &mut map), 6);
    assert_eq!(count(1, 1, 1, &mut map), 0);
}

/// A sample source is empty exactly when it has no sample (the trait's default method;
/// mutant: `is_empty` → `true`).
#[test]
fn a_source_with_samples_is_not_empty() {
    use golden::train::SampleSource;
    struct Samples(usize);
    impl SampleSource for Samples {
        fn len(&self) -> usize {
            self.0
        }
        fn label(&self, _: usize) -> usize {
            0
        }
        fn events(&self, _: &golden::config::Config, _: usize, _: &mut Vec<golden::event::Event>) {}
    }
    assert!(!Samples(2).is_empty());
    assert!(Samples(0).is_empty());
}

/// Accuracy is correct / total (mutant: `/` → `*`), 0 for no sample.
#[test]
fn accuracy_is_the_share_of_correct_decisions() {
    use golden::train::Score;
    assert_eq!(
        Score {
            correct: 3,
            total: 4
        }
        .accuracy(),
        0.75
    );
    assert_eq!(
        Score {
            correct: 0,
            total: 0
        }
        .accuracy(),
        0.0
    );
}

/// `Host::load_chip` writes every word of the FC memories unless told to skip the all-zero
/// ones (mutant: `!skip_zero` → `skip_zero`): the word writes of a chip with zero FC weights,
/// counted at the port, are the kernel words alone when skipping, every word otherwise.
#[test]
fn load_chip_skips_only_zero_fc_words_when_asked() {
    use golden::cycle::config_port::{chip_memories, memory_words};
    use golden::cycle::host::Host;
    use golden::cycle::CycleChip;
    use std::collections::BTreeSet;
    let config = golden::config::Config::tiny();
    let mut chip = golden::chip::Chip::new(&config);
    for layer in chip.layers_mut() {
        layer.weights_mut().fill(0);
    }
    let words: Vec<usize> = chip_memories(&chip)
        .iter()
        .map(|(_, w, row)| memory_words(w, *row, config.hardware.fc_lanes, 8).len())
        .collect();
    let written = |skip_zero: bool| {
        let mut cycle = CycleChip::new(&config);
        let mut seen = BTreeSet::new();
        let mut host = Host::new(|i: &golden::cycle::PortsIn| {
            if i.cfg_valid && i.cfg_write && i.cfg_word {
                seen.insert((i.cfg_select, i.cfg_address));
            }
            cycle.step(i)
        });
        host.load_chip(&chip, skip_zero);
        drop(host);
        seen.len()
    };
    assert!(words.iter().all(|&n| n > 0), "{words:?}");
    assert_eq!(written(true), words[0]);
    assert_eq!(written(false), words.iter().sum::<usize>());
}

/// A sample whose label is not a class (`label ≥ classes`, an inference) loads the projection
/// LFSR with the base seed itself, for every such label: the RTL's seed ROM reads 0 past the
/// last class. So labels `classes` and `classes + 1` give the same activation words (taps
/// included), where reading the label's seed for `label = classes` (mutant: `<` → `<=`) would
/// not.
#[test]
fn labels_past_the_classes_all_use_the_base_seed() {
    use golden::cycle::host::{aer_words, Host};
    use golden::cycle::{CycleChip, PortsOut};
    let config = golden::config::Config::tiny();
    let events: Vec<golden::event::Event> = (0..6)
        .map(|i| golden::event::Event::new(i, 5 - i, 0))
        .collect();
    let run = |label: usize| -> Vec<PortsOut> {
        let mut chip = CycleChip::from_chip(&golden::chip::Chip::new(&config));
        let mut host = Host::new(|i: &golden::cycle::PortsIn| chip.step(i));
        host.sample(&aer_words(&events, true, label));
        host.trace.iter().map(|(_, o)| *o).collect()
    };
    let classes = config.fc.classes;
    let (a, b) = (run(classes), run(classes + 1));
    let acc_writes = a
        .iter()
        .filter(|o| o.taps.is_some_and(|t| t.accumulator_write.is_some()));
    assert!(acc_writes.count() > 0);
    assert_eq!(a, b);
}

/// The float model's membrane vector holds `out_w · out_h · kernels` sums (mutant: the first
/// `*` → `+`, which a 2×2 output cannot tell): 5×5 input, 3×3 kernels at stride 1, 3×3
/// outputs; an event at the last pixel touches the last position alone.
#[test]
fn float_membranes_cover_every_position() {
    let mut c = golden::config::Config::default();
    c.input.width = 5;
    c.input.height = 5;
    c.conv.kernels = 2;
    c.conv.size = 3;
    c.conv.stride = 1;
    c.hardware.conv_lanes = 1;
    c.validate().unwrap();
    let m = golden::kernel_training::backprop::FloatModel::new(&c);
    let mut v = Vec::new();
    m.membranes(&[golden::event::Event::new(4, 4, 0)], &mut v);
    assert_eq!(v.len(), 3 * 3 * 2);
    assert!(v[..16].iter().all(|&x| x == 0.0), "{v:?}");
    assert!(v[16..].iter().any(|&x| x != 0.0), "{v:?}");
}

/// The cycle model hands the AER word's channel bit to the convolution engine (mutant: the
/// `channel` field left out of `ConvIn` in `CycleChip::step`, so every event would use the
/// channel-0 kernels): a 2-channel tiny chip, events on both channels, every membrane
/// potential and spike count read through select 10 equals the functional chip's.
///
/// Also with 4 lanes: two lane groups, so channel 1's kernels start `size² · G` = 18 words in
/// (mutant: `taps_per_channel * g` → `/ g`, equal only for one group).
#[test]
fn channel_one_events_use_the_channel_one_kernels() {
    for lanes in [8, 4] {
        let mut config = golden::config::Config::tiny();
        config.input.channels = 2;
        (config.hardware.conv_lanes, config.hardware.fc_lanes) = (lanes, lanes);
        config.validate().unwrap();
        membranes_read_back_as_golden(&config);
    }
}

/// Select 10 reads neuron `n`'s pair at `2n`, `2n + 1` also when the kernels fill no whole
/// lane group (mutant: the `SELECT_MEMBRANES` arm deleted from `CfgPort::divisor_and_groups`,
/// which divides by the register divisor: the same words only when `K` is a multiple of the
/// lanes): 12 kernels in 8 lanes.
#[test]
fn membranes_read_back_with_a_partial_lane_group() {
    let mut config = golden::config::Config::tiny();
    config.conv.kernels = 12;
    config.validate().unwrap();
    assert_ne!(config.conv.kernels % config.hardware.conv_lanes, 0);
    membranes_read_back_as_golden(&config);
}

/// A membrane map of one word (one output position, 8 kernels in 8 lanes) is cleared at each
/// sample's start too: the second sample's membranes are its own (mutant: the functional map
/// cleared on the writes of words other than 0, which a one-word map never makes).
#[test]
fn a_one_word_membrane_map_is_cleared_between_samples() {
    let mut config = golden::config::Config::tiny();
    (config.input.width, config.input.height) = (3, 3);
    config.validate().unwrap();
    assert_eq!(golden::cycle::Sizes::new(&config).membrane_words, 1);
    membranes_read_back_as_golden(&config);
}

/// Two samples of events on every channel through the cycle model, then every membrane
/// potential and spike count of the second read through select 10 equal to the functional
/// chip's.
fn membranes_read_back_as_golden(config: &golden::config::Config) {
    use golden::cycle::config_port::SELECT_MEMBRANES;
    use golden::cycle::host::{aer_words, Host};
    use golden::cycle::CycleChip;
    use golden::event::Event;
    let mut chip = golden::chip::Chip::new(config);
    let (w, h) = (config.input.width as u8, config.input.height as u8);
    let channels = config.input.channels as u8;
    let events: Vec<Event> = (0..24u8)
        .map(|i| Event::new(i * 5 % w, i * 3 % h, i % channels))
        .collect();
    let mut cycle = CycleChip::from_chip(&chip);
    let mut host = Host::new(|i: &golden::cycle::PortsIn| cycle.step(i));
    // Two samples: the second starts from the first's membranes, which the sample start clears.
    let _ = host.sample(&aer_words(&events, false, 0));
    let second: Vec<Event> = events[..12].to_vec();
    let (class, _) = host.sample(&aer_words(&second, false, 0));
    let golden = chip.infer(&second);
    assert_eq!(class, golden.class);
    let m = chip.membranes();
    let counts = m.counts();
    assert!(counts.iter().any(|&c| c > 0), "some neuron fired");
    for (n, &p) in m.potentials().iter().enumerate() {
        assert_eq!(
            host.read(SELECT_MEMBRANES, 2 * n) as i16,
            p,
            "potential {n}"
        );
        assert_eq!(
            host.read(SELECT_MEMBRANES, 2 * n + 1) as i16,
            counts[n],
            "count {n}"
        );
    }
}

/// A reset in the middle of an event's walk stops the convolution engine (mutant: the `reset`
/// field left out of `ConvIn` in `CycleChip::step`, so the walk would go on writing
/// membranes): a chip reset while it walks the events of a sample is idle once the reset
/// sequence is over, then runs a sample exactly as a fresh chip does, every output of every
/// cycle equal.
#[test]
fn a_reset_stops_an_event_walk() {
    use golden::cycle::host::{aer_words, Host};
    use golden::cycle::{CycleChip, PortsIn, PortsOut, RESET_CYCLES};
    use golden::event::Event;
    let config = golden::config::Config::tiny();
    let chip = golden::chip::Chip::new(&config);
    let events: Vec<Event> = (0..8).map(|i| Event::new(i + 1, 7 - i, 0)).collect();
    let words = aer_words(&events, false, 0);
    let run = |interrupted: bool| -> Vec<PortsOut> {
        let mut cycle = CycleChip::from_chip(&chip);
        if interrupted {
            // Offer the first words, then stop mid-walk: the engine is busy.
            let mut busy = false;
            for &word in &words[..4] {
                let o = cycle.step(&PortsIn {
                    in_valid: true,
                    in_data: word,
                    ..PortsIn::default()
                });
                busy |= o.busy;
            }
            let o = cycle.step(&PortsIn::default());
            assert!(
                busy && o.busy,
                "the engine walks an event when the reset comes"
            );
        }
        let mut host = Host::new(|i: &PortsIn| cycle.step(i));
        // The reset sequence, then idle: from the end of the sequence nothing walks (no
        // membrane write, not busy). The sequence's own cycles show the state the reset pin
        // register is about to clear (a full FIFO's `in_ready` low, the walk's last write).
        for _ in 1..RESET_CYCLES + 8 {
            host.tick(PortsIn::default());
        }
        for (c, (_, o)) in host.trace.iter().enumerate().skip(RESET_CYCLES as usize) {
            let write = o.taps.and_then(|t| t.membrane_write);
            assert!(
                !o.busy && write.is_none(),
                "cycle {c} after the reset: {write:?}"
            );
        }
        let from = host.trace.len();
        host.sample(&words);
        host.trace[from..].iter().map(|(_, o)| *o).collect()
    };
    let (a, b) = (run(true), run(false));
    assert_eq!(a.len(), b.len(), "cycles of the sample");
    if let Some(c) = (0..a.len()).find(|&c| a[c] != b[c]) {
        panic!(
            "cycle {c} after the reset: {:?} against a fresh chip's {:?}",
            a[c], b[c]
        );
    }
}

/// The configuration data bus is a memory word of weight lanes, and never narrower than an
/// element's 16 bits (mutant: `bits * lanes` → `bits / lanes`, a 16-bit bus for every lane
/// count).
#[test]
fn the_configuration_bus_holds_a_word_of_lanes() {
    use golden::cycle::config_port::{cfg_data_bits, cfg_data_ones};
    let bits: Vec<usize> = [1, 2, 4, 8, 16].map(|l| cfg_data_bits(l, 8)).to_vec();
    assert_eq!(bits, [16, 16, 32, 64, 128]);
    let five: Vec<usize> = [1, 2, 4, 8].map(|l| cfg_data_bits(l, 5)).to_vec();
    assert_eq!(five, [16, 16, 20, 40]);
    assert_eq!(cfg_data_ones(1, 8), 0xFFFF);
    assert_eq!(cfg_data_ones(4, 8), 0xFFFF_FFFF);
    assert_eq!(cfg_data_ones(8, 8), u64::MAX.into());
    assert_eq!(cfg_data_ones(16, 8), u128::MAX);
    assert_eq!(cfg_data_ones(8, 5), 0xFF_FFFF_FFFF);
}

/// Every byte of an IDX header word counts (mutant: `bytes[i + 1]` → `bytes[i * 1]`, which
/// reads a dimension's second byte as its first: equal for every dimension below 65,536):
/// 70,000 labels (0x0001_1170) are 70,000.
#[test]
fn idx_dimensions_above_65536_are_read_whole() {
    let n: u32 = 70_000;
    let mut bytes = vec![0, 0, 0x08, 0x01];
    bytes.extend_from_slice(&n.to_be_bytes());
    bytes.extend((0..n).map(|i| (i % 10) as u8));
    let a =
        golden::dataset::idx::parse_idx(std::path::Path::new("labels"), &bytes, false, 1).unwrap();
    assert_eq!(a.dims, [n]);
    assert_eq!(a.data.len(), n as usize);
    assert_eq!(a.data[69_999], 9);
}

/// A sample starts by clearing the membrane map word by word, every word once in address order
/// before the first event is walked (mutant: `==` → `!=` on the last word in the `Clear` state,
/// which stops after word 0; golden clears its map at word 0, so only the timing and the
/// writes show it).
#[test]
fn a_sample_clears_every_membrane_word_first() {
    use golden::cycle::host::{aer_words, Host};
    use golden::cycle::{CycleChip, PortsIn, Sizes};
    use golden::event::Event;
    let config = golden::config::Config::tiny();
    let words = Sizes::new(&config).membrane_words;
    let chip = golden::chip::Chip::new(&config);
    let mut cycle = CycleChip::from_chip(&chip);
    let mut host = Host::new(|i: &PortsIn| cycle.step(i));
    host.sample(&aer_words(
        &[Event::new(1, 1, 0), Event::new(2, 3, 0)],
        false,
        0,
    ));
    let writes: Vec<usize> = host
        .trace
        .iter()
        .filter_map(|(_, o)| o.taps.and_then(|t| t.membrane_write).map(|w| w.address))
        .collect();
    assert!(
        words > 1 && writes.len() > words,
        "{words} words, {} writes",
        writes.len()
    );
    assert_eq!(writes[..words], (0..words).collect::<Vec<_>>()[..]);
}

/// `Chip::run_image` returns the inference of the image's TTFS events, and trains with a label
/// as `Chip::train` does (mutant: its body replaced by `Default::default()`).
#[test]
fn run_image_returns_the_inference_of_its_events() {
    use golden::chip::Chip;
    use golden::config::Config;
    use golden::encoder::encode_ttfs;
    let config = Config::default();
    let image: Vec<u8> = (0..784).map(|i| ((i * 37) % 256) as u8).collect();
    let mut events = Vec::new();
    encode_ttfs(&config, &image, &mut events);
    let (mut by_image, mut by_events) = (Chip::new(&config), Chip::new(&config));
    let got = by_image.run_image(&image, None);
    let want = by_events.infer(&events);
    assert_eq!(got.activity.events, events.len());
    assert!(!events.is_empty() && got.scores.len() == 10);
    assert_eq!(
        (got.class, &got.scores, &got.activity),
        (want.class, &want.scores, &want.activity)
    );
    let got = by_image.run_image(&image, Some(3));
    let want = by_events.train(&events, 3);
    assert_eq!((got.class, got.scores), (want.class, want.scores));
    assert_eq!(
        by_image.layers()[1].weights(),
        by_events.layers()[1].weights()
    );
}

/// A chip image's errors carry exact counts: an image cut to 2 bytes after its header (magic,
/// version) lacks its 4-byte checksum with 2 bytes left, and 3 bytes between the last layer and
/// the checksum are 3 trailing bytes at the body's end (mutants: `-` → `+` or `/` in both
/// counts).
#[test]
fn chip_image_errors_count_exactly() {
    use golden::chip::Chip;
    use golden::chip_image::{self, ChipImageError, CHECKSUM_BYTES, MAGIC};
    use golden::config::Config;
    let bytes = chip_image::to_bytes(&Chip::new(&Config::tiny()));
    let header = MAGIC.len() + 4;
    let cut = &bytes[..header + 2];
    match chip_image::from_bytes(cut, "cut.bin") {
        Err(ChipImageError::Truncated {
            offset,
            what,
            needed,
            available,
            ..
        }) => assert_eq!(
            (offset, what.as_str(), needed, available),
            (header, "checksum", CHECKSUM_BYTES, 2)
        ),
        other => panic!("{other:?}"),
    }
    let mut body = bytes[..bytes.len() - CHECKSUM_BYTES].to_vec();
    let end = body.len();
    body.extend_from_slice(&[1, 2, 3]);
    let crc = crc32fast::hash(&body);
    body.extend_from_slice(&crc.to_le_bytes());
    match chip_image::from_bytes(&body, "trailing.bin") {
        Err(ChipImageError::Trailing { offset, extra, .. }) => {
            assert_eq!((offset, extra), (end, 3))
        }
        other => panic!("{other:?}"),
    }
}

/// A config without the learning unit keeps `hardware.learning = false` through its TOML
/// (mutant: `is_true` → `true`, which would drop the field and read it back as `true`).
#[test]
fn a_config_without_learning_round_trips() {
    use golden::config::Config;
    let mut config = Config::default();
    config.hardware.learning = false;
    let back = Config::from_toml(&config.to_toml()).unwrap();
    assert!(!back.hardware.learning);
    assert!(!Config::default().to_toml().contains("learning ="));
}

/// The cycle model's memory sizes of the default chip (mutant: `* groups` → `+ groups` in the
/// kernel words).
#[test]
fn sizes_count_every_memory_word() {
    use golden::config::Config;
    use golden::cycle::Sizes;
    let s = Sizes::new(&Config::default());
    assert_eq!(
        (
            s.kernel_words,
            s.hidden_weight_words,
            s.output_weight_words,
            s.membrane_words,
            s.acc_words
        ),
        // 7 × 7 taps × 2 kernel groups; 1,024 inputs × 13 groups; 100 × 2; 8 × 8 × 2; 13 + 2.
        (98, 13_312, 200, 128, 15)
    );
}

/// A membrane word's lanes: potential in the low `membrane_bits`, counter above, lane `l` at bit
/// `(membrane_bits + count_bits) · l` (mutants of every operator of `pack_membrane`).
#[test]
fn membrane_words_pack_potential_then_counter() {
    use golden::config::Config;
    use golden::cycle::{pack_membrane, Capacities, Wide, LANES};
    let caps = Capacities::of(&Config::default());
    assert_eq!((caps.membrane_bits, caps.count_bits), (12, 2));
    let mut word = [(0i16, 0i16); LANES];
    word[0] = (-1, 3);
    word[1] = (5, 1);
    word[7] = (-2048, 2);
    word[15] = (1, 1);
    // Lane 0: 0xFFF | 3 << 12; lane 1: (5 | 1 << 12) << 14; lane 7: (0x800 | 2 << 12) << 98;
    // lane 15: (1 | 1 << 12) << 210 (limb 3, bit 18).
    let mut want = [0; 8];
    want[0] = 0x0401_7fff;
    want[1] = 0xa000_0000_0000;
    want[3] = 0x1001 << 18;
    assert_eq!(pack_membrane(&word, &caps), Wide(want));
    assert_eq!(
        format!("{:?}", pack_membrane(&word, &caps)),
        "0x40040000_0000000000000000_0000a00000000000_0000000004017fff"
    );
}

/// Lanes past a word's lanes unpack to 0 (mutant: `l < lanes` → `l <= lanes`).
#[test]
fn unpacked_lanes_past_the_word_are_zero() {
    use golden::cycle::unpack_weights;
    let got = unpack_weights(u128::MAX, 2, 8);
    assert_eq!(got[..4], [-1, -1, 0, 0]);
    assert!(got[2..].iter().all(|&w| w == 0));
}

/// A cycle chip made from a functional chip holds its layers (mutant: `layers` → empty).
#[test]
fn a_cycle_chip_from_a_chip_holds_its_layers() {
    use golden::chip::Chip;
    use golden::config::Config;
    use golden::cycle::CycleChip;
    use golden::kernel::fill_uniform;
    use golden::lfsr::Lfsr;
    let config = Config::tiny();
    let mut chip = Chip::new(&config);
    fill_uniform(chip.layers_mut()[1].weights_mut(), 20, &mut Lfsr::new(9));
    let model = CycleChip::from_chip(&chip);
    assert_eq!(model.layers().len(), 2);
    for (got, want) in model.layers().iter().zip(chip.layers()) {
        assert_eq!(got.weights(), want.weights());
    }
}

/// After its reset sequence a cycle chip holds the config's learning-rate shifts and
/// projection seed, and the first cycles after it are idle ones (`cfg_ready` every other
/// cycle), not a reset (mutants: the reset field dropped, or asserted in the wrong cycle of
/// the sequence, which leaves a reset in the pin register for the first cycle).
#[test]
fn the_reset_sequence_loads_the_registers_and_ends() {
    use golden::config::Config;
    use golden::cycle::config_port::{
        register_index, REG_OUTPUT_LR_SHIFT, REG_PROJECTION_HI, REG_PROJECTION_LO,
    };
    use golden::cycle::{CycleChip, PortsIn};
    let config = Config::default();
    let mut model = CycleChip::new(&config);
    let seed = config.learning.target_projection_seed;
    let reg = |m: &CycleChip, r: usize| m.register(register_index(r, 1));
    assert_eq!(
        model.register(0),
        config.learning.hidden_lr_shifts[0] as u16
    );
    assert_eq!(
        reg(&model, REG_OUTPUT_LR_SHIFT),
        config.learning.output_lr_shift as u16
    );
    assert_eq!(reg(&model, REG_PROJECTION_LO), seed as u16);
    assert_eq!(reg(&model, REG_PROJECTION_HI), (seed >> 16) as u16);
    let ready: Vec<bool> = (0..4)
        .map(|_| model.step(&PortsIn::default()).cfg_ready)
        .collect();
    assert_eq!(ready, [true, false, true, false]);
}

/// Runs one sample of the default chip with random weights ([`random_chip_and_events`])
/// through the ports (learn flag and label in its end-of-sample word), returning the model, the
/// class, and the cycles in which the status register read busy, and every word the FIFO
/// presented.
fn run_sample(
    learning: bool,
    learn: bool,
    label: usize,
) -> (golden::cycle::CycleChip, usize, usize, Vec<u32>) {
    use golden::cycle::config_port::{register_index, REG_STATUS};
    use golden::cycle::host::aer_words;
    use golden::cycle::{CycleChip, PortsIn};
    let (chip, events) = random_chip_and_events(learning);
    let mut model = CycleChip::from_chip(&chip);
    let (mut busy, mut seen) = (0, Vec::new());
    let outs = sample_outputs(&mut model, &aer_words(&events, learn, label), |m| {
        seen.push(m.fifo_word());
        busy += usize::from(m.register(register_index(REG_STATUS, 1)) == 1);
    });
    // The status reads idle once the chip is back in `Idle`.
    model.step(&PortsIn::default());
    let class = usize::from(outs.last().unwrap().out_class);
    (model, class, busy, seen)
}

/// The register reads of select 8 after a sample: the class decided (not 0 here), status busy
/// while the sample ran and idle after, the learn flag and label of the end-of-sample word, the
/// FIFO presenting the sample's words (mutants: `REG_CLASS` and `REG_STATUS` arms deleted,
/// `sample_label` and `fifo_word` returning constants).
#[test]
fn registers_and_taps_follow_a_sample() {
    use golden::cycle::config_port::{register_index, REG_CLASS, REG_STATUS};
    let (model, class, busy, seen) = run_sample(true, true, 3);
    assert_ne!(class, 0, "pick weights that decide another class");
    assert_eq!(model.register(register_index(REG_CLASS, 1)), class as u16);
    assert_eq!(model.register(register_index(REG_STATUS, 1)), 0);
    assert!(busy > 100, "busy in {busy} cycles");
    assert_eq!(model.sample_label(), (true, 3));
    // The end-of-sample word `{1, learn, 0, label}` and an event word beyond 0 and 1.
    assert!(seen.contains(&(1 << 17 | 1 << 16 | 3)));
    assert!(seen.iter().any(|&w| w > 1 && w >> 17 == 0));
}

/// Without the learning unit the shift, rounding and projection registers read 0, the others
/// their values (mutants: the learning guard of the hidden shifts dropped, `<=` → `>`).
#[test]
fn an_inference_only_chip_reads_zero_learning_registers() {
    use golden::cycle::config_port::{
        register_index, REG_CLASS, REG_OUTPUT_LR_SHIFT, REG_PROJECTION_HI,
    };
    let (model, class, _, _) = run_sample(false, false, 0);
    let reg = |r: usize| model.register(register_index(r, 1));
    assert_eq!(model.register(0), 0);
    assert_eq!(reg(REG_OUTPUT_LR_SHIFT), 0);
    assert_eq!(reg(REG_PROJECTION_HI), 0);
    assert_eq!(reg(REG_CLASS), class as u16);
    assert_ne!(class, 0);
}

/// A sample's cycles from its first AER word to `out_valid` on the tiny chip, inference and
/// learning, as the RTL takes them (the lock-step suites hold the cycle model equal to the RTL
/// cycle by cycle; mutant: a sample starting only while `cfg_ready` is high, one cycle later
/// every other time).
#[test]
fn samples_take_the_rtls_cycles() {
    use golden::config::Config;
    use golden::cycle::host::{aer_words, Host};
    use golden::cycle::{CycleChip, PortsIn};
    use golden::event::Event;
    let config = Config::tiny();
    let mut model = CycleChip::new(&config);
    let mut host = Host::new(|i: &PortsIn| model.step(i));
    let events = [
        Event::new(1, 1, 0),
        Event::new(2, 2, 0),
        Event::new(3, 0, 0),
    ];
    let mut cycles = Vec::new();
    for (learn, idle) in [(false, 0), (true, 1), (false, 2), (true, 3)] {
        for _ in 0..idle {
            host.tick(PortsIn::default());
        }
        cycles.push(host.sample(&aer_words(&events, learn, 1)).1);
    }
    assert_eq!(cycles, [53, 68, 52, 68]);
}

/// An epoch's training throughput is its samples over its seconds: rate × seconds = the
/// samples trained (mutants: `/` → `%` or `*`).
#[test]
fn the_training_rate_is_samples_per_second() {
    use golden::config::{Config, KernelInit};
    use golden::event::Event;
    use golden::train::SampleSource;
    struct Samples;
    impl SampleSource for Samples {
        fn len(&self) -> usize {
            24
        }
        fn label(&self, i: usize) -> usize {
            i % 2
        }
        fn events(&self, _: &Config, i: usize, out: &mut Vec<Event>) {
            out.clear();
            out.push(Event::new((i % 4) as u8, (i / 4 % 4) as u8, 0));
        }
    }
    let mut config = Config::tiny();
    config.training.epochs = 2;
    config.training.kernel_init = KernelInit::Random;
    let (_, report) = golden::experiment::run(&config, &Samples, None, |_| {});
    assert_eq!(report.epochs.len(), 2);
    for e in &report.epochs {
        let trained = e.train.total as f64;
        assert!(trained > 0.0);
        let got = e.train_samples_per_second * e.train_seconds;
        assert!(
            (got - trained).abs() < 1e-6 * trained,
            "{got} for {trained}"
        );
    }
}

/// An FC layer's accessors: weight `(input, neuron)` at `input · N + neuron`, its width
/// (mutants: constants, `+` → `-`/`*`, `*` → `+`/`/`).
#[test]
fn fc_layer_weights_are_addressed_input_major() {
    use golden::fc::FcLayer;
    let mut layer = FcLayer::zeros(3, 4, 6);
    for (i, w) in layer.weights_mut().iter_mut().enumerate() {
        *w = i as i16 - 5;
    }
    assert_eq!(layer.weight_bits(), 6);
    assert_eq!(layer.weight(0, 0), -5);
    assert_eq!(layer.weight(2, 1), 2 * 4 + 1 - 5);
    assert_eq!(layer.weight(1, 3), 4 + 3 - 5);
}

/// An event set's samples keep their own labels (mutants: `label` → 0, 1).
#[test]
fn event_sets_give_each_sample_its_label() {
    use golden::event::Event;
    use golden::train::{EventSet, SampleSource};
    let set = EventSet {
        samples: vec![
            (vec![Event::new(1, 2, 0)], 3),
            (vec![], 7),
            (vec![Event::new(0, 0, 1)], 0),
        ],
    };
    let labels: Vec<usize> = (0..set.len()).map(|i| set.label(i)).collect();
    assert_eq!(labels, [3, 7, 0]);
}

/// A word request compares its address, masked to the configuration address's bits, with the
/// memory's words: the default's kernel memory has 98 words at 7-bit addresses, so address 128
/// (which the kernel address width alone would alias to word 0) is past the last word: nothing
/// written, 0 read (mutants: `cfg_address_mask` → 0 or 1, every address in range).
#[test]
fn a_word_address_past_the_memory_does_not_alias() {
    use golden::cycle::config_port::SELECT_KERNELS;
    use golden::cycle::host::Host;
    use golden::cycle::{Capacities, CycleChip, PortsIn};
    let config = golden::config::Config::default();
    let caps = Capacities::of(&config);
    assert_eq!((caps.kernel_addr_bits, caps.cfg_address_bits), (7, 17));
    let mut chip = CycleChip::new(&config);
    let mut host = Host::new(|i: &PortsIn| chip.step(i));
    host.write_word(SELECT_KERNELS, 0, 0x0102_0304_0506_0708);
    assert_eq!(
        host.read_word(SELECT_KERNELS, 0),
        0x0102_0304_0506_0708,
        "before"
    );
    host.write_word(SELECT_KERNELS, 128, u64::MAX.into());
    assert_eq!(host.read_word(SELECT_KERNELS, 0), 0x0102_0304_0506_0708);
    assert_eq!(host.read_word(SELECT_KERNELS, 128), 0);
}

/// What a host loads for a chip: the kernel memory (rows of `K`), then every FC layer (rows of
/// its neurons) with its select, and the registers of its learning-rate shifts and rounding
/// LFSR state, by index (mutants: `chip_memories`, `chip_registers` returning constants; the
/// load tests derive their expectations from these functions, so they cannot see it).
#[test]
fn a_chip_load_is_its_memories_and_registers() {
    use golden::chip::Chip;
    use golden::cycle::config_port::{chip_memories, chip_registers};
    let mut config = golden::config::Config::tiny();
    config.fc.hidden = vec![8, 6];
    config.fc.activation_shifts = vec![1, 4];
    config.learning.hidden_lr_shifts = vec![1, 1];
    config.validate().unwrap();
    let mut chip = Chip::new(&config);
    chip.set_learning_shifts(&[3, 5], 7);
    let memories: Vec<(u8, Vec<i16>, usize)> = chip_memories(&chip)
        .into_iter()
        .map(|(s, w, row)| (s, w.to_vec(), row))
        .collect();
    let want = vec![
        (0, chip.kernels().weights().to_vec(), 8),
        (1, chip.layers()[0].weights().to_vec(), 8),
        (2, chip.layers()[1].weights().to_vec(), 6),
        (3, chip.layers()[2].weights().to_vec(), 4),
    ];
    assert_eq!(memories, want);
    assert_eq!(memories[0].1.len(), 9 * 8);
    let state = chip.rounding_lfsr().state();
    // Two hidden layers: shifts at 0 and 1, the output shift at 2, the LFSR halves at 3 and 4.
    assert_eq!(
        chip_registers(&chip),
        [
            (0, 3),
            (1, 5),
            (2, 7),
            (3, state as u16),
            (4, (state >> 16) as u16)
        ]
    );
}

/// The element divider's trial remainder keeps one bit more than the address: an FC layer of
/// 2 inputs and 40 neurons has 80 elements at 7-bit addresses, and the remainder of address 79
/// reaches 79 before 40 is subtracted (mutant: the trial masked to `mask >> 1`, 6 bits). Every
/// element reads back as loaded.
#[test]
fn elements_of_long_rows_read_back() {
    use golden::chip::Chip;
    use golden::cycle::config_port::fc_select;
    use golden::cycle::host::Host;
    use golden::cycle::{CycleChip, PortsIn, Sizes};
    let mut config = golden::config::Config::tiny();
    (config.input.width, config.input.height) = (3, 3);
    config.conv.kernels = 2;
    config.fc.hidden = vec![40];
    config.fc.classes = 2;
    (config.hardware.conv_lanes, config.hardware.fc_lanes) = (2, 2);
    config.validate().unwrap();
    let s = Sizes::new(&config);
    assert_eq!((s.conv_neurons, s.caps.cfg_address_bits), (2, 7));
    let mut chip = Chip::new(&config);
    for (i, w) in chip.layers_mut()[0].weights_mut().iter_mut().enumerate() {
        *w = i as i16 - 40;
    }
    let mut cycle = CycleChip::from_chip(&chip);
    let mut host = Host::new(|i: &PortsIn| cycle.step(i));
    let got: Vec<i16> = (0..80).map(|a| host.read(fc_select(0), a) as i16).collect();
    assert_eq!(got, chip.layers()[0].weights());
}

/// An element read one past the last kernel reads 0 (the word it decodes to is past the
/// memory), and an event on the row just below the field is ignored and counted (mutants:
/// `<` → `<=` in `kernel_index` and in `in_field`'s row test).
#[test]
fn a_read_past_the_kernels_and_an_event_past_the_field() {
    use golden::chip::Chip;
    use golden::cycle::config_port::{
        register_index, REG_IGNORED, SELECT_KERNELS, SELECT_REGISTERS,
    };
    use golden::cycle::host::{aer_words, Host};
    use golden::cycle::{CycleChip, PortsIn};
    use golden::event::Event;
    let config = golden::config::Config::tiny();
    let mut chip = Chip::new(&config);
    for (i, w) in chip.kernels_mut().weights_mut().iter_mut().enumerate() {
        *w = 1 + i as i16 % 50;
    }
    let mut cycle = CycleChip::from_chip(&chip);
    let mut host = Host::new(|i: &PortsIn| cycle.step(i));
    // A sample whose events charge every membrane, one of them on row 6 of a 6-row field.
    let events: Vec<Event> = (0..36)
        .map(|q| Event::new((q % 6) as u8, (q / 6) as u8, 0))
        .chain([Event::new(2, 6, 0)])
        .collect();
    host.sample(&aer_words(&events, false, 0));
    let ignored = register_index(REG_IGNORED, 1);
    assert_eq!(host.read(SELECT_REGISTERS, ignored), 1);
    // 9 taps × 8 kernels.
    assert_eq!(host.read(SELECT_KERNELS, 71), 1 + 71 % 50);
    assert_eq!(host.read(SELECT_KERNELS, 72), 0);
}

/// A membrane element read one past the last neuron reads 0 where the map's address width
/// reaches past its words: 3 × 3 positions of 8 kernels are 9 words at 4-bit addresses, and
/// element 144 decodes to word 9 (mutant: `<` → `<=` in `neuron_index`).
#[test]
fn a_membrane_read_past_the_map_is_zero() {
    use golden::chip::Chip;
    use golden::cycle::config_port::SELECT_MEMBRANES;
    use golden::cycle::host::{aer_words, Host};
    use golden::cycle::{CycleChip, PortsIn, Sizes};
    use golden::event::Event;
    let mut config = golden::config::Config::tiny();
    (config.input.width, config.input.height) = (7, 7);
    config.validate().unwrap();
    let s = Sizes::new(&config);
    assert_eq!((s.membrane_words, s.caps.membrane_addr_bits), (9, 4));
    let mut chip = Chip::new(&config);
    chip.kernels_mut().weights_mut().fill(3);
    let mut cycle = CycleChip::from_chip(&chip);
    let mut host = Host::new(|i: &PortsIn| cycle.step(i));
    let events: Vec<Event> = (0..49)
        .map(|q| Event::new((q % 7) as u8, (q / 7) as u8, 0))
        .collect();
    host.sample(&aer_words(&events, false, 0));
    assert!((0..144)
        .step_by(2)
        .all(|a| host.read(SELECT_MEMBRANES, a) != 0));
    assert_eq!(host.read(SELECT_MEMBRANES, 144), 0);
}

/// An element read one past FC layer 0's last weight reads 0: the default's 13,312 words of FC
/// layer 0 sit in a 16,384-word address space, so element 102,400 decodes to word 13,312,
/// past the layer (mutant: `i < inputs` → `<=` in `FcEngine::weight_index`).
#[test]
fn a_read_past_the_last_fc_weight_is_zero() {
    use golden::cycle::config_port::SELECT_HIDDEN_WEIGHTS;
    use golden::cycle::host::Host;
    use golden::cycle::{CycleChip, PortsIn, Sizes};
    let config = golden::config::Config::default();
    let s = Sizes::new(&config);
    assert_eq!(
        (s.hidden_weight_words, s.caps.hidden_addr_bits),
        (13_312, 14)
    );
    let mut chip = golden::chip::Chip::new(&config);
    chip.layers_mut()[0].weights_mut().fill(5);
    let mut cycle = CycleChip::from_chip(&chip);
    let mut host = Host::new(|i: &PortsIn| cycle.step(i));
    assert_eq!(host.read(SELECT_HIDDEN_WEIGHTS, 102_399), 5);
    assert_eq!(host.read(SELECT_HIDDEN_WEIGHTS, 102_400), 0);
}

/// A learning sample classified perfectly (every output probability saturated at its target)
/// has no output error, so the output layer draws nothing, although padding lanes (4 classes
/// in 8 lanes; 6 classes in two groups of 4 lanes, the last with 2 padding lanes) would give
/// a probability of one half from their sums of 0: their errors are masked (mutants of
/// `FcEngine::error`'s last-group mask, which would make the chip draw for the output rows
/// and leave the rounding LFSR elsewhere than the functional chip's). Likewise every hidden
/// neuron saturates, so no hidden row is updated, although 6 hidden neurons in 4 lanes leave
/// 2 padding lanes whose activation 0 lies in the derivative window (mutants of
/// `activation_word`'s last-group mask).
#[test]
fn padding_lanes_neither_err_nor_modulate() {
    use golden::cycle::config_port::{register_index, REG_ROUNDING_LO, SELECT_REGISTERS};
    use golden::cycle::host::{aer_words, Host};
    use golden::cycle::{CycleChip, PortsIn};
    use golden::event::Event;
    for (lanes, hidden, classes, label) in [(8, 8, 4, 1), (4, 6, 6, 5)] {
        let mut config = golden::config::Config::tiny();
        (config.hardware.conv_lanes, config.hardware.fc_lanes) = (lanes, lanes);
        (config.fc.hidden, config.fc.classes) = (vec![hidden], classes);
        config.validate().unwrap();
        let mut chip = golden::chip::Chip::new(&config);
        chip.kernels_mut().weights_mut().fill(10);
        chip.layers_mut()[0].weights_mut().fill(20);
        for (i, w) in chip.layers_mut()[1].weights_mut().iter_mut().enumerate() {
            *w = if i % classes == label { 127 } else { -127 };
        }
        let mut cycle = CycleChip::from_chip(&chip);
        let mut host = Host::new(|i: &PortsIn| cycle.step(i));
        let events: Vec<Event> = (0..36)
            .map(|q| Event::new((q % 6) as u8, (q / 6) as u8, 0))
            .collect();
        host.sample(&aer_words(&events, true, label));
        let golden = chip.train(&events, label);
        // Saturated: `z >> output_shift` beyond ±64 (probability bits 7).
        let limit = 64 << config.fc.output_shift;
        for (c, &z) in golden.scores.iter().enumerate() {
            assert!(
                if c == label { z >= limit } else { z <= -limit },
                "{lanes} lanes, score {c}: {z}"
            );
        }
        let lo = register_index(REG_ROUNDING_LO, 1);
        let state = host.read32(SELECT_REGISTERS, lo);
        assert_eq!(state, chip.rounding_lfsr().state(), "{lanes} lanes");
    }
}

/// `Wide::bits` reads 0 past the word's last bit: a 16-bit read 8 bits below the top of an
/// all-ones word gives 8 ones (mutant: `at + b < BITS` → `<=` reads a ninth limb and panics).
#[test]
fn wide_bits_past_the_top_read_zero() {
    use golden::cycle::{Wide, WIDE_LIMBS};
    let ones = Wide([u64::MAX; WIDE_LIMBS]);
    assert_eq!(ones.bits(Wide::BITS - 8, 16), 0xff);
    assert_eq!(ones.bits(Wide::BITS, 8), 0);
    assert_eq!(ones.bits(60, 8), 0xff);
}

/// The AER FIFO's fill level (`Taps::fifo_held`, which the hdl lock-step compares with the
/// RTL's) and `in_ready`, high while at least two of its 8 words are free; a ninth word is
/// refused, a push and a pop in one cycle keep the level, and the words leave in order
/// (mutants: `Fifo::held` → 0, 1; `held + 2 > depth` → `held * 2 > depth`, `>=`).
#[test]
fn the_fifo_takes_words_while_two_are_free() {
    use golden::cycle::fifo::Fifo;
    let mut fifo = Fifo::new(8);
    let mut seen = Vec::new();
    for w in 0..9 {
        seen.push((fifo.held(), fifo.in_ready()));
        fifo.step(false, true, 100 + w, false);
    }
    seen.push((fifo.held(), fifo.in_ready()));
    let ready = |held: usize| (held, held < 7);
    let expected: Vec<_> = (0..=8).chain([8]).map(ready).collect();
    assert_eq!(seen, expected);
    // Full: the word offered with a pop is refused; below full, a push and a pop keep the level.
    fifo.step(false, true, 200, true);
    assert_eq!((fifo.held(), fifo.out_data()), (7, 100));
    fifo.step(false, true, 201, true);
    assert_eq!((fifo.held(), fifo.out_data()), (7, 101));
    for w in 102..108 {
        fifo.step(false, false, 0, true);
        assert_eq!(fifo.out_data(), w);
    }
    assert_eq!((fifo.held(), fifo.empty()), (1, false));
    fifo.step(false, false, 0, true);
    assert_eq!((fifo.held(), fifo.empty(), fifo.out_data()), (0, true, 201));
}

/// Resets `model` and streams `words` into it with [`Host::sample`](golden::cycle::host::Host),
/// showing the model to `each` after every edge; returns the outputs of every cycle from the
/// first word to `out_valid`.
fn sample_outputs(
    model: &mut golden::cycle::CycleChip,
    words: &[u32],
    mut each: impl FnMut(&golden::cycle::CycleChip),
) -> Vec<golden::cycle::PortsOut> {
    use golden::cycle::host::Host;
    use golden::cycle::PortsIn;
    let mut host = Host::new(|i: &PortsIn| {
        let out = model.step(i);
        each(model);
        out
    });
    host.trace.clear();
    host.sample(words);
    host.trace.into_iter().map(|(_, out)| out).collect()
}

/// The default chip (with or without its learning unit) with random FC weights, and the
/// events of one image.
fn random_chip_and_events(learning: bool) -> (golden::chip::Chip, Vec<golden::event::Event>) {
    use golden::chip::Chip;
    use golden::config::Config;
    use golden::encoder::encode_ttfs;
    use golden::kernel::fill_uniform;
    use golden::lfsr::Lfsr;
    let mut config = Config::default();
    config.hardware.learning = learning;
    let mut chip = Chip::new(&config);
    fill_uniform(chip.layers_mut()[1].weights_mut(), 60, &mut Lfsr::new(11));
    fill_uniform(chip.layers_mut()[0].weights_mut(), 60, &mut Lfsr::new(12));
    let image: Vec<u8> = (0..784).map(|i| ((i * 37) % 256) as u8).collect();
    let mut events = Vec::new();
    encode_ttfs(&config, &image, &mut events);
    (chip, events)
}

/// A sample's first accumulator writes are the FC engine's clear: every accumulator word
/// once, in order, to zero, and nothing more before the first event is fetched (mutants: the
/// clear's last word `acc_words − 1` → `acc_words + 1`, `acc_words / 1`: extra writes the
/// longer membrane clear hides from the ports, not from the RTL's write taps).
#[test]
fn the_fc_clear_writes_each_accumulator_word_once() {
    use golden::cycle::host::aer_words;
    use golden::cycle::{CycleChip, Phase, Wide, Write};
    let (chip, events) = random_chip_and_events(true);
    let mut model = CycleChip::from_chip(&chip);
    let words = model.sizes().acc_words;
    assert_eq!(words, 15, "13 hidden and 2 output words");
    let outs = sample_outputs(&mut model, &aer_words(&events, true, 3), |_| ());
    let fetch = outs
        .iter()
        .position(|o| o.taps.unwrap().phase == Phase::Fetch as u8)
        .unwrap();
    let writes: Vec<_> = outs[..fetch]
        .iter()
        .filter_map(|o| o.taps.unwrap().accumulator_write)
        .collect();
    let cleared: Vec<_> = (0..words)
        .map(|address| Write {
            address,
            data: Wide::default(),
        })
        .collect();
    assert_eq!(writes, cleared);
}

/// A learning sample of the default chip (a hidden layer) takes the RTL's cycles: its hidden
/// rows whose rounded input `q` is 0 are skipped, the others read, update and write back
/// their weights (mutant: the skip's guard → false: the same weights, written back in more
/// cycles). The hdl lock-step suites hold the cycle model equal to the RTL cycle by cycle on
/// such samples.
#[test]
fn hidden_rows_with_q_zero_take_no_cycles() {
    use golden::cycle::host::aer_words;
    use golden::cycle::CycleChip;
    let (chip, events) = random_chip_and_events(true);
    let mut cycles = Vec::new();
    let mut hidden_writes = Vec::new();
    for learn in [false, true] {
        let mut model = CycleChip::from_chip(&chip);
        let outs = sample_outputs(&mut model, &aer_words(&events, learn, 3), |_| ());
        cycles.push(outs.len());
        hidden_writes.push(
            outs.iter()
                .filter(|o| o.taps.unwrap().hidden_weight_write.is_some())
                .count(),
        );
    }
    assert_eq!(cycles, [18_694, 38_210]);
    // 387 rows of the hidden layer's 13 lane groups.
    assert_eq!(hidden_writes, [0, 387 * 13]);
}
