//! Regression pin of the whole training flow on real digits: k-means kernels, two epochs of
//! on-chip DRTP with the learning-rate schedule, validation carve, test accuracy. The pinned
//! values were recorded from this implementation (every block is checked by hand elsewhere);
//! they catch any change of behaviour, e.g. by an optimisation of a hot loop.

use golden::chip::Chip;
use golden::config::Config;
use golden::dataset::load_split_dir;
use golden::experiment::{run, Progress};
use std::path::Path;

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
    })
}

/// FNV-1a of every memory and the rounding LFSR (not the embedded config text, which changes
/// when a config field is added).
fn memory_hash(chip: &Chip) -> u64 {
    let mut bytes: Vec<u8> = chip.rounding_lfsr().state().to_le_bytes().to_vec();
    let memories =
        std::iter::once(chip.kernels().weights()).chain(chip.layers().iter().map(|l| l.weights()));
    for words in memories {
        bytes.extend(words.iter().flat_map(|w| w.to_le_bytes()));
    }
    fnv1a(&bytes)
}

#[test]
fn two_epochs_on_the_shipped_sample_are_pinned() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample");
    let (train, test) = load_split_dir(&dir).unwrap();
    let train = train.subset((0..3000).step_by(10));
    // A seeded shuffle first: the sample is sorted by digit (its first 200 are 0s and 1s).
    let test = test.shuffled(1).subset(0..200);
    let mut config = Config::default();
    config.training.epochs = 2;
    config.training.lr_decay_epochs = vec![1];
    let mut samples = 0;
    let (chip, report) = run(&config, &train, Some(&test), |p| {
        if let Progress::Sample = p {
            samples += 1
        }
    });
    assert_eq!(samples, 2 * 250);
    assert_eq!((report.train_samples, report.validation_samples), (250, 50));
    let e = &report.epochs[1];
    assert_eq!(
        (e.hidden_lr_shifts.clone(), e.output_lr_shift),
        (vec![3], 13)
    );
    let got = (
        report.epochs[0].train.correct,
        e.train.correct,
        e.validation.correct,
        e.test.unwrap().correct,
        memory_hash(&chip),
    );
    assert_eq!(
        got,
        (45, 146, 31, 125, 8_924_012_292_900_704_542),
        "pinned values changed"
    );
}
