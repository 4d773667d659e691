//! Stimulus suites for the lock-step co-simulation, each driving a [`Cosim`] through
//! `golden::cycle::host::Host`: directed (every register, every memory, back-pressure,
//! saturation, reset mid-sample), random (seeded event streams, pacing, register writes and
//! random configs), MNIST (real digits through on-chip training and inference).

use crate::cosim::{host, Cosim, CosimError, CosimOptions};
use crate::coverage::Coverage;
use crate::rng::SplitMix64;
use golden::chip::Chip;
use golden::config::Config;
use golden::cycle::config_port::*;
use golden::cycle::config_port::{cfg_data_ones, memory_words};
use golden::cycle::host::{aer_words, Host};
use golden::cycle::{Capacities, PortsIn, PortsOut};
use golden::dataset::{load_split_dir, synthesize_nmnist, ImageSet};
use golden::encoder::{encode_ttfs, from_dvs};
use golden::event::Event;
use golden::kernel::fill_uniform;
use golden::lfsr::Lfsr;
use std::cell::RefCell;
use std::fmt;
use std::path::Path;

/// What a suite ran; every cycle's ports were equal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub suite: &'static str,
    /// Cycles where every output port of the RTL and golden was compared (and equal).
    pub cycles: u64,
    /// AER samples streamed.
    pub samples: usize,
    /// Cycles where an offered AER word waited (FIFO full or engine busy).
    pub stalls: u64,
    /// The cover points of the run.
    pub coverage: Coverage,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} cycles compared, {} samples, {} stall cycles, 0 mismatches",
            self.suite, self.cycles, self.samples, self.stalls
        )
    }
}

pub(crate) fn report(suite: &'static str, cell: &RefCell<Cosim>, samples: usize) -> Report {
    let c = cell.borrow();
    Report {
        suite,
        cycles: c.cycles_compared(),
        samples,
        stalls: c.stalls(),
        coverage: c.coverage().clone(),
    }
}

fn check(cell: &RefCell<Cosim>) -> Result<(), CosimError> {
    cell.borrow_mut().check()
}

fn expect_eq<T: PartialEq + fmt::Debug>(
    what: String,
    expected: T,
    actual: T,
) -> Result<(), CosimError> {
    if expected == actual {
        return Ok(());
    }
    Err(CosimError::Check {
        what,
        expected: format!("{expected:?}"),
        actual: format!("{actual:?}"),
    })
}

/// Addresses `0..n`, all of them up to `limit`, else `limit` evenly spaced ones and the last.
fn sample_addresses(n: usize, limit: usize) -> Vec<usize> {
    let step = n.div_ceil(limit.max(1)).max(1);
    let mut addresses: Vec<usize> = (0..n).step_by(step).collect();
    if n > 0 && addresses.last() != Some(&(n - 1)) {
        addresses.push(n - 1);
    }
    addresses
}

/// Writes a functional chip's memories by word requests and its registers through the port
/// (all-zero FC words are skipped: memories power up at 0).
pub fn load_chip<D: FnMut(&PortsIn) -> PortsOut>(h: &mut Host<D>, chip: &Chip) {
    h.load_chip(chip, true);
}

/// [`load_chip`] with every word written, zeros too: what a chip whose RAMs power up
/// undefined (the iCE40's SPRAM) needs.
pub fn load_every_word<D: FnMut(&PortsIn) -> PortsOut>(h: &mut Host<D>, chip: &Chip) {
    h.load_chip(chip, false);
}

/// The index of register `r` (a `REG_` constant) in the chip of `config`: the registers move
/// with the hidden layers (golden `register_index`).
fn reg(config: &Config, r: usize) -> usize {
    register_index(r, config.fc.hidden.len())
}

/// The output layer's select, and the first select above the FC layers (no memory).
fn output_select(config: &Config) -> u8 {
    fc_select(config.fc.hidden.len())
}

/// [`load_chip`] by element requests (zero FC weights skipped).
pub fn load_chip_elements<D: FnMut(&PortsIn) -> PortsOut>(h: &mut Host<D>, chip: &Chip) {
    for (select, weights, _) in chip_memories(chip) {
        for (a, &w) in weights.iter().enumerate() {
            if w != 0 || select == SELECT_KERNELS {
                h.write(select, a, w.into());
            }
        }
    }
    for (register, value) in chip_registers(chip) {
        h.write(SELECT_REGISTERS, register, value.into());
    }
}

/// Word reads of the memories (all words, or `limit` evenly spaced and the last) equal to the
/// chip's words; word requests to other selects and past each memory's last word write
/// nothing and read 0.
fn check_words<D: FnMut(&PortsIn) -> PortsOut>(
    h: &mut Host<D>,
    chip: &Chip,
    limit: usize,
) -> Result<(), CosimError> {
    let lanes = chip.config().hardware.fc_lanes;
    let bits = Capacities::weight_bits_of(chip.config());
    let ones = cfg_data_ones(lanes, bits);
    for (select, weights, row) in chip_memories(chip) {
        let words = memory_words(weights, row, lanes, bits);
        for a in sample_addresses(words.len(), limit) {
            let got = h.read_word(select, a);
            expect_eq(format!("select {select} word {a}"), words[a], got)?;
        }
        h.write_word(select, words.len(), ones);
        let past = h.read_word(select, words.len());
        expect_eq(format!("select {select} word past the last"), 0, past)?;
    }
    let unmapped = output_select(chip.config()) + 1;
    for select in [
        SELECT_REGISTERS,
        SELECT_SCORES,
        SELECT_MEMBRANES,
        unmapped,
        15,
    ] {
        h.write_word(select, 1, ones);
        let got = h.read_word(select, 1);
        expect_eq(format!("word read of select {select}"), 0, got)?;
    }
    for (select, weights, row) in chip_memories(chip) {
        let words = memory_words(weights, row, lanes, bits);
        let last = h.read_word(select, words.len() - 1);
        expect_eq(
            format!("select {select} last word"),
            words[words.len() - 1],
            last,
        )?;
    }
    Ok(())
}

/// Reads a sample (at most `limit` words each) of every memory and every register.
pub(crate) fn read_everything<D: FnMut(&PortsIn) -> PortsOut>(
    h: &mut Host<D>,
    config: &Config,
    limit: usize,
) {
    let kernel_words = config.input.channels * config.conv.size.pow(2) * config.conv.kernels;
    let fc_layers = config
        .fc_inputs()
        .into_iter()
        .zip(config.fc_outputs())
        .enumerate()
        .map(|(k, (i, o))| (fc_select(k), i * o));
    let memories = [
        (SELECT_KERNELS, kernel_words),
        (SELECT_SCORES, 2 * config.fc.classes),
        (SELECT_MEMBRANES, 2 * config.conv_neurons()),
    ];
    for (select, n) in memories.into_iter().chain(fc_layers) {
        for a in sample_addresses(n, limit) {
            h.read(select, a);
        }
    }
    for r in 0..=reg(config, REG_IGNORED) {
        h.read(SELECT_REGISTERS, r);
    }
}

/// A chip with random kernels and random weights in both FC layers.
pub(crate) fn random_chip(config: &Config, seed: u32, range: i32) -> Chip {
    let mut chip = Chip::new(config);
    let mut lfsr = Lfsr::new(seed | 1);
    fill_uniform(chip.kernels_mut().weights_mut(), range, &mut lfsr);
    for layer in chip.layers_mut() {
        fill_uniform(layer.weights_mut(), range, &mut lfsr);
    }
    chip
}

/// Configuration read-back of every register and a sample of every memory, FIFO full with
/// back-pressure, saturation of membranes and weights, reset in the middle of a sample.
pub fn directed(config: &Config, options: &CosimOptions) -> Result<Report, CosimError> {
    let cell = RefCell::new(Cosim::new(config, options)?);
    let mut h = host(&cell);
    let mut samples = 0;
    // Registers at reset, then every writable register written and read back.
    let hidden_layers = config.fc.hidden.len();
    for r in 0..=reg(config, REG_IGNORED) {
        h.read(SELECT_REGISTERS, r);
    }
    let hidden_shifts = (0..hidden_layers).map(|k| (k, 3 + k as i32));
    let others = [
        (REG_OUTPUT_LR_SHIFT, 5),
        (REG_ROUNDING_LO, 0xBEEF),
        (REG_ROUNDING_HI, 0x1234),
        (REG_PROJECTION_LO, 0x5A5A),
        (REG_PROJECTION_HI, 0xC3C3),
    ]
    .map(|(r, v)| (reg(config, r), v));
    for (r, v) in hidden_shifts.chain(others) {
        h.write(SELECT_REGISTERS, r, v);
        h.read(SELECT_REGISTERS, r);
    }
    // A learning-rate shift above 16 stores 16 (docs/RTL.md, registers); without the learning
    // unit the register does not exist and reads 0.
    let learning = i32::from(config.hardware.learning);
    let output_shift = reg(config, REG_OUTPUT_LR_SHIFT);
    let last_hidden = hidden_layers - 1;
    for (r, v) in [
        (0, 17),
        (output_shift, 0xFFFF),
        (0, 16),
        (output_shift, 2),
        (last_hidden, 0xFFFF),
        (last_hidden, 1),
    ] {
        h.write(SELECT_REGISTERS, r, v);
        let stored = h.read(SELECT_REGISTERS, r);
        expect_eq(
            format!("register {r} after a write of {v}"),
            v.min(16) * learning,
            stored,
        )?;
    }
    check(&cell)?;
    // Every memory written by elements, a sample of it read back (all of it in small configs).
    let chip = random_chip(config, 0x5EED, 40);
    load_chip_elements(&mut h, &chip);
    read_everything(&mut h, config, 512);
    check(&cell)?;
    // Word requests: read back of the element-written memories, then another chip written by
    // words and read back by words and by elements; invalid word requests ignored, reading 0.
    check_words(&mut h, &chip, 512)?;
    let bits = config.conv.weight_bits.min(config.fc.weight_bits);
    let chip = random_chip(config, 0xB0B, (1 << (bits - 1)) - 1);
    load_every_word(&mut h, &chip);
    check_words(&mut h, &chip, 512)?;
    read_everything(&mut h, config, 512);
    check(&cell)?;
    // FIFO full and back-pressure: a dense sample, a word offered every cycle.
    let (w, ht) = (config.input.width as u8, config.input.height as u8);
    let dense: Vec<Event> = (0..3)
        .flat_map(|_| (0..ht).flat_map(move |y| (0..w).map(move |x| Event::new(x, y, 0))))
        .collect();
    h.sample(&aer_words(&dense, false, 0));
    samples += 1;
    read_everything(&mut h, config, 64);
    check(&cell)?;
    // Saturation: most negative kernels drive the membranes to their lower bound; largest
    // weights and learning-rate shift 0 drive the FC updates into the weight bounds.
    let (lo, hi) = (
        -(1 << (config.conv.weight_bits - 1)),
        (1 << (config.conv.weight_bits - 1)) - 1,
    );
    let taps = config.input.channels * config.conv.size.pow(2) * config.conv.kernels;
    for a in 0..taps {
        h.write(SELECT_KERNELS, a, lo);
    }
    let centre: Vec<Event> = (0..40).map(|_| Event::new(w / 2, ht / 2, 0)).collect();
    h.sample(&aer_words(&centre, false, 0));
    read_everything(&mut h, config, 64);
    let fc_hi = (1 << (config.fc.weight_bits - 1)) - 1;
    for a in 0..taps {
        h.write(SELECT_KERNELS, a, hi);
    }
    let last_hidden = *config.fc.hidden.last().expect("validated: a hidden layer");
    for a in 0..last_hidden * config.fc.classes {
        h.write(
            output_select(config),
            a,
            if a % 2 == 0 { fc_hi } else { -fc_hi - 1 },
        );
    }
    for r in 0..=reg(config, REG_OUTPUT_LR_SHIFT) {
        h.write(SELECT_REGISTERS, r, 0);
    }
    for label in 0..config.fc.classes.min(3) {
        h.sample(&aer_words(&dense, true, label));
        samples += 1;
    }
    samples += 1;
    read_everything(&mut h, config, 512);
    check(&cell)?;
    // A learning sample whose label is outside the classes is an inference: nothing learned.
    let weights = |c: &RefCell<Cosim>| -> Vec<Vec<i16>> {
        let c = c.borrow();
        c.golden()
            .layers()
            .iter()
            .map(|l| l.weights().to_vec())
            .collect()
    };
    let before = weights(&cell);
    h.sample(&aer_words(&dense, true, config.fc.classes));
    samples += 1;
    expect_eq(
        "FC weights after a learning sample with label = classes".into(),
        before,
        weights(&cell),
    )?;
    read_everything(&mut h, config, 512);
    check(&cell)?;
    // Reset asserted in the middle of a sample, then a clean sample.
    let words = aer_words(&dense, true, 1);
    let mut sent = 0;
    while sent < words.len() / 2 {
        let taken = h.last.in_ready;
        h.tick(PortsIn {
            in_valid: true,
            in_data: words[sent],
            ..PortsIn::default()
        });
        sent += usize::from(taken);
    }
    h.tick(PortsIn {
        reset: true,
        ..PortsIn::default()
    });
    h.sample(&aer_words(&centre, false, 0));
    samples += 2;
    read_everything(&mut h, config, 64);
    drop(h);
    check(&cell)?;
    Ok(report("directed", &cell, samples))
}

/// Streams `words`, offering the next word only in some cycles (random gaps), never withdrawing
/// an offered word; returns the class.
fn paced_sample<D: FnMut(&PortsIn) -> PortsOut>(
    h: &mut Host<D>,
    words: &[u32],
    rng: &mut SplitMix64,
    gap_per_mille: u64,
) -> usize {
    let (mut sent, mut offering) = (0, false);
    for _ in 0..10_000_000 {
        if !offering && sent < words.len() && !rng.chance(gap_per_mille) {
            offering = true;
        }
        let taken = offering && h.last.in_ready;
        let out = h.tick(PortsIn {
            in_valid: offering,
            in_data: if offering { words[sent] } else { 0 },
            ..PortsIn::default()
        });
        if taken {
            sent += 1;
            offering = false;
        }
        if out.out_valid {
            return usize::from(out.out_class);
        }
    }
    panic!("the sample does not end");
}

/// Random events (also outside the field and in an absent channel), random pacing, learning
/// or not, random register writes and reads, on a chip with random memories. Errors carry the
/// seed.
pub fn random(
    config: &Config,
    options: &CosimOptions,
    seed: u64,
    samples: usize,
) -> Result<Report, CosimError> {
    random_inner(config, options, seed, samples).map_err(|e| CosimError::Seeded {
        seed,
        source: Box::new(e),
    })
}

fn random_inner(
    config: &Config,
    options: &CosimOptions,
    seed: u64,
    samples: usize,
) -> Result<Report, CosimError> {
    let mut rng = SplitMix64::new(seed);
    let cell = RefCell::new(Cosim::new(config, options)?);
    let mut h = host(&cell);
    let range = rng.range(1, 1 << (config.conv.weight_bits - 1)) as i32;
    load_chip(&mut h, &random_chip(config, rng.next_u64() as u32, range));
    let (w, ht) = (config.input.width as u64, config.input.height as u64);
    for _ in 0..samples {
        let n = rng.below(3 * w * ht + 4);
        let events: Vec<Event> = (0..n)
            .map(|_| {
                let x = rng.below(w + 2) as u8;
                let y = rng.below(ht + 2) as u8;
                Event::new(x, y, rng.below(2) as u8)
            })
            .collect();
        let label = rng.below(config.fc.classes as u64) as usize;
        let words = aer_words(&events, rng.chance(500), label);
        let gaps = [0, 300, 900][rng.below(3) as usize];
        paced_sample(&mut h, &words, &mut rng, gaps);
        if rng.chance(300) {
            let shift = rng.below(17) as i32;
            let shift_registers = reg(config, REG_OUTPUT_LR_SHIFT) as u64 + 1;
            h.write(SELECT_REGISTERS, rng.below(shift_registers) as usize, shift);
        }
        if rng.chance(200) {
            let lo = reg(config, REG_ROUNDING_LO);
            h.write(SELECT_REGISTERS, lo, rng.below(1 << 16) as i32);
        }
        for _ in 0..rng.below(4) {
            let select = [SELECT_SCORES, SELECT_MEMBRANES, SELECT_REGISTERS][rng.below(3) as usize];
            let n = match select {
                SELECT_SCORES => 2 * config.fc.classes,
                SELECT_MEMBRANES => 2 * config.conv_neurons(),
                _ => reg(config, REG_IGNORED) + 1,
            };
            h.read(select, rng.below(n as u64) as usize);
        }
        check(&cell)?;
    }
    read_everything(&mut h, config, 256);
    drop(h);
    check(&cell)?;
    Ok(report("random", &cell, samples))
}

/// A random config the generator builds (hdl `generator::capacities`): field, channels,
/// kernels, hidden neurons, classes, FIFO depth, lanes (1, 2, 4, 8 or 16), 1 to 4 hidden
/// layers, weight, membrane and
/// spike-counter widths, shifts and seeds drawn around the default's, small enough for a
/// lock-step run of seconds.
pub fn random_config(seed: u64) -> Config {
    let mut rng = SplitMix64::new(seed);
    loop {
        let mut c = hdl::tiny_config();
        c.input.width = rng.range(4, 36) as usize;
        c.input.height = rng.range(4, 36) as usize;
        c.input.channels = rng.range(1, 2) as usize;
        c.conv.kernels = rng.range(1, 24) as usize;
        c.conv.size = rng.range(2, 7) as usize;
        c.conv.stride = rng.range(1, 4) as usize;
        c.conv.weight_bits = rng.range(3, 8) as u32;
        c.conv.membrane_bits = rng.range(i64::from(c.conv.weight_bits) + 1, 12) as u32;
        c.conv.spike_count_bits = rng.range(1, 4) as u32;
        c.conv.threshold = rng.range(2, 60) as i32;
        c.conv.init_range = 1;
        c.fc.hidden = vec![rng.range(1, 40) as usize];
        c.fc.classes = rng.range(2, 16) as usize;
        c.fc.weight_bits = rng.range(3, 8) as u32;
        c.fc.activation_shifts = vec![rng.range(0, 3) as u32];
        c.fc.output_shift = rng.range(0, 4) as u32;
        c.learning.hidden_lr_shifts = vec![rng.range(0, 6) as u32];
        c.learning.output_lr_shift = rng.range(0, 8) as u32;
        c.learning.rounding_seed = rng.next_u64() as u32 | 1;
        c.learning.target_projection_seed = rng.next_u64() as u32 | 1;
        c.hardware.fifo_depth = [2, 4, 8, 16, 32][rng.below(5) as usize];
        let lanes = [1, 2, 4, 8, 16][rng.below(5) as usize];
        c.hardware.conv_lanes = lanes;
        c.hardware.fc_lanes = lanes;
        // Hidden layers past the first (one layer in 2 draws of 5, as the default): inputs up to
        // 127 need larger activation shifts.
        let layers = [1, 1, 2, 3, 4][rng.below(5) as usize];
        for _ in 1..layers {
            c.fc.hidden.push(rng.range(1, 24) as usize);
            c.fc.activation_shifts.push(rng.range(3, 9) as u32);
            c.learning.hidden_lr_shifts.push(rng.range(0, 6) as u32);
        }
        if c.validate().is_ok() && hdl::generator::capacities(&c).is_ok() {
            return c;
        }
    }
}

/// A digit sampled down to the config's field (nearest neighbour).
pub(crate) fn field_image(config: &Config, digits: &ImageSet, i: usize) -> Vec<u8> {
    let (w, h) = (config.input.width, config.input.height);
    (0..h * w)
        .map(|q| digits.image(i)[(q / w * 28 / h) * 28 + q % w * 28 / w])
        .collect()
}

/// The events of digit `i`: its synthetic N-MNIST stream (`synthesize_nmnist`, polarity as the
/// channel) for an event-sensor config (two channels, a field of at least 34 × 34), else its
/// TTFS encoding in the config's field.
pub fn digit_events(config: &Config, digits: &ImageSet, i: usize, events: &mut Vec<Event>) {
    let (w, h) = (config.input.width, config.input.height);
    if config.input.channels == 2 && w >= 34 && h >= 34 {
        let image: &[u8; 784] = digits.image(i).try_into().expect("28 × 28 digits");
        let stream = synthesize_nmnist(image);
        events.extend(from_dvs(config, &stream).expect("a 34 × 34 stream fits the field"));
    } else {
        encode_ttfs(config, &field_image(config, digits, i), events);
    }
}

/// The training and test digits of `data_dir` (a `load_split_dir` folder) in the seeded
/// shuffles the mnist suite takes its prefixes from (`data/mnist-sample` is sorted by digit:
/// its first 20 training digits are all 0s).
pub fn mnist_digits(data_dir: &Path, seed: u64) -> Result<(ImageSet, ImageSet), CosimError> {
    let (train, test) = load_split_dir(data_dir).map_err(|e| CosimError::Check {
        what: format!("loading {}", data_dir.display()),
        expected: "a split directory with training and test digits".into(),
        actual: e.to_string(),
    })?;
    let seed = seed as u32;
    Ok((train.shuffled(seed), test.shuffled(seed ^ 0x5EED)))
}

/// Real digits of `data_dir` (a `load_split_dir` folder, e.g. `data/mnist-sample`) in the
/// seeded shuffles of [`mnist_digits`], TTFS-encoded (synthetic N-MNIST streams for an event
/// sensor config, [`digit_events`]): `samples` training digits learned on
/// chip (class checked against `Chip::train`, and golden's cycle-model FC weights against the
/// functional model's after every sample), then `samples / 4 + 1` test digits in inference
/// with their scores read, and at the end the FC weights read back through the port (all, or
/// 4,096 evenly spaced per layer) equal to the functional model's.
pub fn mnist(
    config: &Config,
    options: &CosimOptions,
    data_dir: &Path,
    samples: usize,
    seed: u64,
) -> Result<Report, CosimError> {
    let (train, test) = mnist_digits(data_dir, seed)?;
    let cell = RefCell::new(Cosim::new(config, options)?);
    let mut h = host(&cell);
    let mut chip = Chip::new(config);
    load_chip(&mut h, &chip);
    let mut events = Vec::new();
    for s in 0..samples {
        let i = s % train.len();
        events.clear();
        digit_events(config, &train, i, &mut events);
        let label = usize::from(train.label(i)) % config.fc.classes;
        let expected = chip.train(&events, label);
        let (class, _) = h.sample(&aer_words(&events, true, label));
        check(&cell)?;
        expect_eq(
            format!("class of training digit {s}"),
            expected.class,
            class,
        )?;
        let c = cell.borrow();
        for (k, (f, g)) in chip.layers().iter().zip(c.golden().layers()).enumerate() {
            let what = format!(
                "FC layer {k} weights after training digit {s} (functional vs cycle model)"
            );
            expect_eq(what, f.weights(), g.weights())?;
        }
    }
    let inferences = samples / 4 + 1;
    for s in 0..inferences {
        let i = s % test.len();
        events.clear();
        digit_events(config, &test, i, &mut events);
        let expected = chip.infer(&events);
        let (class, _) = h.sample(&aer_words(&events, false, 0));
        let scores: Vec<i32> = (0..config.fc.classes)
            .map(|c| h.read32(SELECT_SCORES, 2 * c) as i32)
            .collect();
        check(&cell)?;
        expect_eq(format!("class of test digit {s}"), expected.class, class)?;
        expect_eq(format!("scores of test digit {s}"), expected.scores, scores)?;
    }
    for (k, layer) in chip.layers().iter().enumerate() {
        let (select, weights) = (fc_select(k), layer.weights());
        for a in sample_addresses(weights.len(), 4096) {
            let got = h.read(select, a);
            expect_eq(
                format!("FC layer {k} weight {a} read back"),
                i32::from(weights[a]),
                got,
            )?;
        }
    }
    drop(h);
    check(&cell)?;
    Ok(report("mnist", &cell, samples + inferences))
}

/// Two lane groups in every layer (12 kernels, 12 hidden neurons, 10 classes): the small config
/// on which every FSM transition exists (one group would leave `Row → Row`, `Activate →
/// Activate` and `DecideLane → DecideRead` unreachable).
pub fn partial_groups_config() -> Config {
    let mut c = hdl::tiny_config();
    c.conv.kernels = 12;
    c.fc.hidden = vec![12];
    c.fc.classes = 10;
    c.fc.output_shift = 4;
    c.validate().expect("the partial-groups config is valid");
    c
}

/// The cover points (`coverage.rs`) that the other suites reach only by chance, each by
/// construction: requests to read-only and unmapped selects; a hidden layer whose sums sit
/// exactly at the four edges of the derivative window; learning at shift 16 with every label,
/// then at hidden shift 0, where the edges' windows decide the weights read back; a learning
/// sample with nothing to learn; the ignored-event counter driven to saturation. Needs
/// `2^activation_shift` spikes to fit the spike counter and `ymax` to fit an FC weight (the tiny
/// configs); other configs are an error.
pub fn corners(config: &Config, options: &CosimOptions) -> Result<Report, CosimError> {
    let cell = RefCell::new(Cosim::new(config, options)?);
    let mut h = host(&cell);
    for (select, write) in [
        (SELECT_SCORES, true),
        (SELECT_MEMBRANES, true),
        (output_select(config) + 1, false),
        (15, true),
    ] {
        match write {
            true => h.write(select, 0, 1),
            false => drop(h.read(select, 0)),
        }
    }
    let spike = window_edges(config, &mut h)?;
    let mut samples = 1;
    for r in 0..=reg(config, REG_OUTPUT_LR_SHIFT) {
        h.write(SELECT_REGISTERS, r, 16);
    }
    for label in 0..config.fc.classes {
        h.sample(&aer_words(&spike, true, label));
        samples += 1;
    }
    // At shift 0 the hidden update is exactly `−d·2^shift`: each edge neuron's weight from
    // input 0 moves by its window (read back, compared by the lock-step).
    h.write(SELECT_REGISTERS, REG_HIDDEN_LR_SHIFT, 0);
    h.sample(&aer_words(&spike, true, 0));
    samples += 1;
    let hidden = config.fc.hidden[0];
    for j in (0..4).chain(hidden..hidden + 4) {
        h.read(SELECT_HIDDEN_WEIGHTS, j);
    }
    check(&cell)?;
    nothing_to_learn(config, &mut h, &spike);
    samples += 1;
    // 65,536 events outside the field (4 cycles each): the counter stops at 65,535.
    let outside = vec![Event::new(u8::MAX, 0, 0); 1 << 16];
    h.sample(&aer_words(&outside, false, 0));
    samples += 1;
    let ignored = h.read(SELECT_REGISTERS, reg(config, REG_IGNORED));
    drop(h);
    check(&cell)?;
    expect_eq(
        "ignored events after 65,536".into(),
        0xFFFF,
        ignored & 0xFFFF,
    )?;
    Ok(report("corners", &cell, samples))
}

/// A learning sample with nothing to learn: every hidden neuron saturates (the inputs that
/// `spike` makes fire, 0 and 1, carry the largest weight to every neuron: `a = 2·w_max > ymax`,
/// so every `d` is 0), and the output weights are the largest to class 0 and the most negative
/// to every other class, so that with label 0 the hard sigmoid gives exactly the target
/// (`p_0 = 1`, every other `p = 0`): every error is 0. The engine decides, then ends the sample
/// without a learning pass.
fn nothing_to_learn<D: FnMut(&PortsIn) -> PortsOut>(
    config: &Config,
    h: &mut Host<D>,
    spike: &[Event],
) {
    let (hidden, classes) = (config.fc.hidden[0], config.fc.classes);
    let last_hidden = *config.fc.hidden.last().expect("validated: a hidden layer");
    let w_max = (1 << (config.fc.weight_bits - 1)) - 1;
    for j in 0..hidden {
        h.write(SELECT_HIDDEN_WEIGHTS, j, w_max);
        h.write(SELECT_HIDDEN_WEIGHTS, hidden + j, w_max);
    }
    for address in 0..last_hidden * classes {
        let to_label = address % classes == 0;
        h.write(
            output_select(config),
            address,
            if to_label { w_max } else { -w_max - 1 },
        );
    }
    h.sample(&aer_words(spike, true, 0));
}

/// One sample whose hidden sums give `a = z >> shift` exactly `ymax`, `ymax − 1`, `−ymax`,
/// `−ymax + 1` in hidden neurons 0..4: only neurons 0 and 1 of the membrane map (kernels 0
/// and 1 at the first position) spike, `2^shift` times each (their first taps at the threshold,
/// events at pixel (0, 0)), and their FC weights to hidden neuron `j` are the two halves of
/// that neuron's `a`, so that a learning step moves every one of them by `±2^shift` without
/// saturating. Returns the events.
fn window_edges<D: FnMut(&PortsIn) -> PortsOut>(
    config: &Config,
    h: &mut Host<D>,
) -> Result<Vec<Event>, CosimError> {
    let shift = config.fc.activation_shifts[0];
    let ymax = (1 << (config.fc.activation_bits - 1)) - 1;
    let fits = (1 << shift) < (1 << config.conv.spike_count_bits)
        && ymax / 2 + 1 + (1 << shift) < (1 << (config.fc.weight_bits - 1))
        && config.conv.threshold < (1 << (config.conv.weight_bits - 1))
        && config.conv.kernels >= 2
        && config.fc.hidden[0] >= 4;
    if !fits {
        return Err(CosimError::Check {
            what: "the corners suite's config".into(),
            expected: "2^activation_shift spikes in the counter, ymax / 2 in an FC weight".into(),
            actual: config.to_toml(),
        });
    }
    for kernel in 0..2 {
        h.write(SELECT_KERNELS, kernel, config.conv.threshold);
    }
    let hidden = config.fc.hidden[0];
    for (j, a) in [ymax, ymax - 1, -ymax, -ymax + 1].into_iter().enumerate() {
        let half = a / 2;
        h.write(SELECT_HIDDEN_WEIGHTS, j, half);
        h.write(SELECT_HIDDEN_WEIGHTS, hidden + j, a - half);
    }
    let spike = vec![Event::new(0, 0, 0); 1 << shift];
    h.sample(&aer_words(&spike, false, 0));
    Ok(spike)
}
