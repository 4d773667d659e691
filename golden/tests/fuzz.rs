//! Short fuzzing runs of every reader of outside bytes (seeded proptest, so CI runs the same
//! cases each time): the IDX reader, the N-MNIST reader, the chip-image reader and the TOML
//! config. Whatever the bytes, each returns a value or an error: no panic, and no allocation
//! sized by a header before the data are known to be there.

use golden::chip::Chip;
use golden::chip_image;
use golden::config::Config;
use golden::dataset::idx::parse_idx;
use golden::dataset::nmnist::decode_nmnist;
use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};
use std::path::Path;

/// A seeded runner of `cases` cases: the same inputs on every run.
fn runner(cases: u32) -> TestRunner {
    let config = RunnerConfig {
        cases,
        failure_persistence: None,
        ..RunnerConfig::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]))
}

/// Arbitrary bytes, and a valid input with a few bytes overwritten (deeper paths).
fn bytes_near(valid: Vec<u8>, max_len: usize) -> impl Strategy<Value = Vec<u8>> {
    let n = valid.len();
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..max_len),
        proptest::collection::vec((0..n, any::<u8>()), 1..4).prop_map(move |edits| {
            let mut b = valid.clone();
            for (i, v) in edits {
                b[i] = v;
            }
            b
        }),
    ]
}

fn tiny_idx() -> Vec<u8> {
    let mut b = vec![0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3];
    b.extend(1..=12);
    b
}

#[test]
fn idx_reader_never_panics() {
    runner(2000)
        .run(&bytes_near(tiny_idx(), 64), |bytes| {
            let path = Path::new("fuzz-idx");
            for ndims in [1, 3] {
                if let Ok(a) = parse_idx(path, &bytes, false, ndims) {
                    let n: u64 = a.dims.iter().map(|&d| u64::from(d)).product();
                    prop_assert_eq!(n, a.data.len() as u64);
                }
            }
            Ok(())
        })
        .unwrap();
}

/// Headers announcing 2^32 − 1 items of 2^32 − 1 × 2^32 − 1 pixels: refused from the
/// length, before anything is allocated for the data.
#[test]
fn huge_idx_headers_are_refused_from_the_length() {
    let mut b = vec![0, 0, 8, 3];
    b.extend([0xff; 12]);
    let err = parse_idx(Path::new("huge"), &b, false, 3).unwrap_err();
    assert!(
        err.to_string().contains("holds more than 2^64 bytes"),
        "{err}"
    );
    let b = [0, 0, 8, 3, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 28, 0, 0, 0, 28];
    let err = parse_idx(Path::new("huge"), &b, false, 3).unwrap_err();
    assert_eq!(
        err.to_string(),
        "huge: truncated IDX data: expected 3367254359296 bytes, found 16"
    );
    let err = parse_idx(
        Path::new("huge"),
        &[0, 0, 8, 1, 0xff, 0xff, 0xff, 0xff],
        false,
        1,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("expected 4294967303 bytes"),
        "{err}"
    );
}

#[test]
fn nmnist_reader_never_panics() {
    let valid = vec![
        3, 7, 0x80, 0, 100, 0, 240, 0, 0, 0, 33, 33, 0x7f, 0xff, 0xff,
    ];
    runner(2000)
        .run(&bytes_near(valid, 80), |bytes| {
            if let Ok(events) = decode_nmnist(Path::new("fuzz.bin"), &bytes) {
                prop_assert!(events.len() <= bytes.len() / 5);
                prop_assert!(events
                    .windows(2)
                    .all(|w| w[0].timestamp_us <= w[1].timestamp_us));
            }
            Ok(())
        })
        .unwrap();
}

/// A valid image of the tiny config with a few bytes changed, then its checksum recomputed
/// half of the time, so that the parser behind the checksum is fuzzed too.
#[test]
fn chip_image_reader_never_panics() {
    let valid = chip_image::to_bytes(&Chip::new(&Config::tiny()));
    let body = valid.len() - chip_image::CHECKSUM_BYTES;
    let strategy = (bytes_near(valid, 256), any::<bool>());
    runner(300)
        .run(&strategy, |(mut bytes, reseal)| {
            if reseal && bytes.len() >= body + 4 {
                bytes.truncate(body);
                let crc = crc32fast::hash(&bytes);
                bytes.extend_from_slice(&crc.to_le_bytes());
            }
            match chip_image::from_bytes(&bytes, "fuzz.bin") {
                Ok(chip) => prop_assert_eq!(chip_image::to_bytes(&chip), bytes),
                Err(e) => prop_assert!(e.to_string().starts_with("fuzz.bin: ")),
            }
            Ok(())
        })
        .unwrap();
}

/// Values that sit on or beyond a bound of some field.
fn edge_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("0".to_string()),
        Just("1".to_string()),
        Just("2".to_string()),
        Just("17".to_string()),
        Just("256".to_string()),
        Just("65537".to_string()),
        Just("4294967295".to_string()),
        Just("4294967296".to_string()),
        Just("9223372036854775807".to_string()),
        Just("-1".to_string()),
        Just("1e300".to_string()),
        Just("\"x\"".to_string()),
        Just("[]".to_string()),
        Just("[0, 0, 0, 0, 0]".to_string()),
        (0u64..100_000).prop_map(|v| v.to_string()),
    ]
}

/// The default TOML with up to three of its values replaced (a wrong type, a bound, a huge
/// size); what validates must have every derived size computable.
#[test]
fn config_parser_never_panics() {
    let text = Config::default().to_toml();
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let assignments: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains(" = "))
        .collect();
    let strategy = prop_oneof![
        proptest::collection::vec(any::<char>(), 0..200)
            .prop_map(|c| c.into_iter().collect::<String>()),
        proptest::collection::vec((proptest::sample::select(assignments), edge_value()), 1..4)
            .prop_map(move |edits| {
                let mut l = lines.clone();
                for (i, v) in edits {
                    let key = l[i].split(" = ").next().unwrap().to_owned();
                    l[i] = format!("{key} = {v}");
                }
                l.join("\n")
            }),
    ];
    runner(3000)
        .run(&strategy, |toml| {
            if let Ok(c) = Config::from_toml(&toml) {
                let (inputs, outputs) = (c.fc_inputs(), c.fc_outputs());
                let words = inputs.iter().zip(&outputs).map(|(i, o)| i * o);
                prop_assert!(words.max().unwrap() <= golden::config::MAX_MEMORY_WORDS);
                for layer in 0..=c.fc.hidden.len() {
                    prop_assert!(c.fc_accumulator_bits(layer) <= 32);
                }
                prop_assert_eq!(Config::from_toml(&c.to_toml()).unwrap(), c);
            }
            Ok(())
        })
        .unwrap();
}
