//! The simulated board (`spoon_board` under Verilator, driven bit by bit on its UART lines by
//! the host library) in lock-step with golden: a trained chip loaded through the link by
//! bursts of words, real training and inference digits from `data/mnist-sample` (a seeded
//! shuffle, every class present), and after each the class and every score compared with
//! golden's `Chip`; the memories read back through the link at the end. 0 mismatches.

use golden::chip::Chip;
use golden::config::Config;
use golden::dataset::{load_split_dir, ImageSet};
use golden::encoder::encode_ttfs;
use golden::event::Event;
use host::{Board, HostError, Transport};
use sim::Model;
use std::path::Path;
use std::time::{Duration, Instant};
use testbench::board::SimulatedBoard;
use testbench::rng::SplitMix64;

/// UART bit period of the simulated board: 4 cycles, the smallest, for speed.
const CLOCKS_PER_BIT: usize = 4;
/// Nominal clock of the simulated board (3 Mbaud at 4 cycles per bit).
const CLOCK_HZ: f64 = 12e6;

fn board(config: &Config) -> Board<SimulatedBoard> {
    let model = Model::build_board(config, CLOCKS_PER_BIT).unwrap_or_else(|e| panic!("{e}"));
    let t = SimulatedBoard::new(&model, CLOCK_HZ).unwrap();
    Board::new(t, config)
}

/// `n` indices of `set`, a seeded shuffle (the sample is sorted by digit).
fn shuffled(set: &ImageSet, n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..set.len()).collect();
    let mut rng = SplitMix64::new(seed);
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    order.truncate(n);
    order
}

fn events(config: &Config, set: &ImageSet, i: usize) -> Vec<Event> {
    let mut e = vec![];
    encode_ttfs(config, set.image(i), &mut e);
    e
}

#[test]
fn status_and_registers_through_the_uart() {
    let config = Config::default();
    let mut b = board(&config);
    let s = b.status().unwrap();
    assert_eq!((s.version, s.busy, s.error_seen), (1, false, false));
    b.write_element(8, 1, 7).unwrap();
    assert_eq!(b.read_element(8, 1).unwrap(), 7);
    // A command the link does not know: the board's error, then the link is back after the
    // line has been quiet.
    b.transport().write(&[0x7F]).unwrap();
    match b.status() {
        Err(HostError::Link(e)) => assert!(e.bad_command(), "{e}"),
        other => panic!("expected the link's error, got {other:?}"),
    }
    let quiet = hdl::host_link::QUIET_BIT_TIMES * CLOCKS_PER_BIT;
    b.transport().drain(quiet as u64 + 100);
    let s = b.status().unwrap();
    assert!(s.error_seen);
}

#[test]
fn a_trained_chip_through_the_link_matches_golden() {
    let config = Config::default();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample");
    let (train, test) = load_split_dir(&data).expect("the shipped MNIST sample");
    // A chip trained by golden on 300 shuffled training digits.
    let mut golden = Chip::new(&config);
    for i in shuffled(&train, 300, 1) {
        golden.train(&events(&config, &train, i), usize::from(train.label(i)));
    }
    let started = Instant::now();
    let mut b = board(&config);
    b.timeout = Duration::from_secs(10);
    b.load_chip(&golden).unwrap();
    let loaded = b.transport().simulator().cycle();
    assert_eq!(b.compare(&golden).unwrap(), []);
    // 8 training digits (learning on the board and in golden), then 12 test digits.
    let training = shuffled(&train, 308, 1)[300..].to_vec();
    let testing = shuffled(&test, 12, 2);
    let mut labels = std::collections::BTreeSet::new();
    let samples = training
        .iter()
        .map(|&i| (&train, i, true))
        .chain(testing.iter().map(|&i| (&test, i, false)));
    for (n, (set, i, learn)) in samples.enumerate() {
        let e = events(&config, set, i);
        let label = usize::from(set.label(i));
        labels.insert(label);
        let (class, want) = if learn {
            (b.train(&e, label).unwrap(), golden.train(&e, label))
        } else {
            (b.infer(&e).unwrap(), golden.infer(&e))
        };
        assert_eq!(usize::from(class), want.class, "sample {n} (index {i})");
        assert_eq!(b.scores().unwrap(), want.scores, "scores of sample {n}");
    }
    assert!(labels.len() >= 8, "a spread of classes: {labels:?}");
    let before_readback = b.transport().simulator().cycle();
    assert_eq!(b.compare(&golden).unwrap(), [], "memories after training");
    // The read-back can fail: one kernel weight off in the reference is exactly one mismatch.
    let kernels = b.read_memory(0, host::memory::kernels(&config)).unwrap();
    let mut wrong = golden.kernels().weights().to_vec();
    wrong[37] ^= 1;
    let found = host::board::differences("kernels", &kernels, &wrong);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].index, found[0].golden),
        (37, i64::from(wrong[37]))
    );
    let cycles = b.transport().simulator().cycle();
    println!(
        "simulated board, {CLOCKS_PER_BIT} clocks per bit: load {loaded} cycles, 20 samples \
         + read-backs {} cycles, final read-back {} cycles, total {cycles} cycles in {:.1?}",
        before_readback - loaded,
        cycles - before_readback,
        started.elapsed()
    );
}

/// 16 lanes of 8-bit weights: 128-bit configuration words, 16 bytes each on the link
/// (`host::memory::word_bytes`), with the 2-byte status and element replies taken from the top
/// of the link's 128-bit shift register. A chip loaded by bursts reads back equal; two samples
/// (one learning) give golden's classes and scores; the memories read back equal after them.
#[test]
fn sixteen_lane_words_through_the_link() {
    let mut config = Config::tiny();
    config.conv.kernels = 16;
    (config.hardware.conv_lanes, config.hardware.fc_lanes) = (16, 16);
    config.validate().unwrap();
    assert_eq!(host::memory::word_bytes(&config), 16);
    let mut golden = Chip::new(&config);
    for (k, w) in golden.kernels_mut().weights_mut().iter_mut().enumerate() {
        *w = (k as i16 * 37 % 255 - 127).clamp(-128, 127);
    }
    for layer in golden.layers_mut() {
        for (i, w) in layer.weights_mut().iter_mut().enumerate() {
            *w = (i as i16 * 53 % 201 - 100).clamp(-128, 127);
        }
    }
    let mut b = board(&config);
    let s = b.status().unwrap();
    assert_eq!((s.version, s.busy, s.error_seen), (1, false, false));
    b.write_element(8, 1, 9).unwrap();
    assert_eq!(b.read_element(8, 1).unwrap(), 9);
    b.load_chip(&golden).unwrap();
    assert_eq!(b.compare(&golden).unwrap(), []);
    let events: Vec<Event> = (0..20)
        .map(|k| Event::new((k * 5 % 6) as u8, (k * 7 % 6) as u8, 0))
        .collect();
    let (class, want) = (b.train(&events, 2).unwrap(), golden.train(&events, 2));
    assert_eq!(usize::from(class), want.class);
    assert_eq!(b.scores().unwrap(), want.scores);
    let (class, want) = (b.infer(&events[..9]).unwrap(), golden.infer(&events[..9]));
    assert_eq!(usize::from(class), want.class);
    assert_eq!(b.scores().unwrap(), want.scores);
    assert_eq!(b.compare(&golden).unwrap(), [], "memories after learning");
}
