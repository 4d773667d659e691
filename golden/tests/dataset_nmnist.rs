//! N-MNIST event files, the N-MNIST directory tree and the synthetic generator.

use std::collections::HashMap;
use std::fs;
use std::path::PathBuf;

use golden::dataset::nmnist::{decode_nmnist, encode_nmnist, MAX_TIMESTAMP_US, NMNIST_SIDE};
use golden::dataset::synth_nmnist::{log2_q8, SACCADE_US};
use golden::dataset::{
    load_nmnist_dir, load_split_dir, nmnist_sample_path, read_nmnist_file, synthesize_nmnist,
    write_nmnist_file, DatasetError, DvsEvent, NmnistSplit,
};
use proptest::prelude::*;
use tempfile::TempDir;

fn event(x: u8, y: u8, polarity: bool, timestamp_us: u32) -> DvsEvent {
    DvsEvent {
        x,
        y,
        polarity,
        timestamp_us,
    }
}

#[test]
fn event_bytes_are_the_n_mnist_layout() {
    assert_eq!(
        event(3, 7, true, 0x12345).to_bytes(),
        [0x03, 0x07, 0x81, 0x23, 0x45]
    );
    assert_eq!(
        event(33, 0, false, MAX_TIMESTAMP_US).to_bytes(),
        [33, 0, 0x7f, 0xff, 0xff]
    );
    assert_eq!(event(0, 33, true, 0).to_bytes(), [0, 33, 0x80, 0, 0]);
    assert_eq!(
        DvsEvent::from_bytes([0x03, 0x07, 0x81, 0x23, 0x45]),
        event(3, 7, true, 0x12345)
    );
    assert_eq!(
        DvsEvent::from_bytes([1, 2, 0x7f, 0xff, 0xfe]),
        event(1, 2, false, 0x7f_fffe)
    );
}

#[test]
fn file_round_trip_exact_bytes() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("00001.bin");
    let events = [
        event(3, 7, true, 0x12345),
        event(33, 33, false, 0x12345),
        event(0, 0, true, 0x7f_ffff),
    ];
    write_nmnist_file(&path, &events).unwrap();
    let expected = [
        0x03, 0x07, 0x81, 0x23, 0x45, //
        0x21, 0x21, 0x01, 0x23, 0x45, //
        0x00, 0x00, 0xff, 0xff, 0xff,
    ];
    assert_eq!(fs::read(&path).unwrap(), expected);
    assert_eq!(read_nmnist_file(&path).unwrap(), events);

    write_nmnist_file(&path, &[]).unwrap();
    assert_eq!(read_nmnist_file(&path).unwrap(), vec![]);
}

fn read_error(bytes: &[u8]) -> (DatasetError, String) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("corrupt-sample.bin");
    fs::write(&path, bytes).unwrap();
    let error = read_nmnist_file(&path).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("corrupt-sample.bin"), "{message}");
    (error, message)
}

#[test]
fn length_not_a_multiple_of_5() {
    let (error, message) = read_error(&[3, 7, 0x81, 0x23, 0x45, 1, 2]);
    assert!(
        matches!(
            error,
            DatasetError::NmnistLength {
                len: 7,
                offset: 5,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(message.contains("length 7 bytes"), "{message}");
    assert!(message.contains("byte offset 5"), "{message}");
}

#[test]
fn coordinates_outside_34x34() {
    let (error, message) = read_error(&[3, 7, 0x81, 0x23, 0x45, 34, 0, 0x81, 0x23, 0x45]);
    assert!(
        matches!(
            error,
            DatasetError::NmnistCoordinate {
                index: 1,
                offset: 5,
                x: 34,
                y: 0,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        message.contains("event 1 (byte offset 5) at x = 34, y = 0"),
        "{message}"
    );
    let (error, _) = read_error(&[0, 255, 0, 0, 0]);
    assert!(
        matches!(
            error,
            DatasetError::NmnistCoordinate {
                index: 0,
                x: 0,
                y: 255,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn timestamps_going_backwards_name_the_event() {
    let bytes = [
        0, 0, 0x00, 0x00, 0x10, // 16 µs
        0, 0, 0x80, 0x00, 0x10, // 16 µs: equal times are in order
        0, 0, 0x00, 0x00, 0x0f, // 15 µs
    ];
    let (error, message) = read_error(&bytes);
    assert!(
        matches!(
            error,
            DatasetError::NmnistTimeBackwards {
                index: 2,
                offset: 10,
                previous_us: 16,
                timestamp_us: 15,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        message.contains("event 2 (byte offset 10): 15 µs after 16 µs"),
        "{message}"
    );
}

#[test]
fn writer_refuses_what_the_format_or_reader_cannot_take() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("refused.bin");
    let error =
        write_nmnist_file(&path, &[event(0, 0, true, 1), event(0, 0, true, 1 << 23)]).unwrap_err();
    assert!(
        matches!(
            error,
            DatasetError::NmnistTimestampRange {
                index: 1,
                timestamp_us: 0x80_0000,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("refused.bin"), "{error}");
    let error = encode_nmnist(&path, &[event(0, 34, true, 0)]).unwrap_err();
    assert!(
        matches!(error, DatasetError::NmnistCoordinate { index: 0, .. }),
        "{error:?}"
    );
    let error = encode_nmnist(&path, &[event(0, 0, true, 2), event(0, 0, true, 1)]).unwrap_err();
    assert!(
        matches!(error, DatasetError::NmnistTimeBackwards { index: 1, .. }),
        "{error:?}"
    );
    assert!(!path.exists());
}

#[test]
fn split_names() {
    assert_eq!("Train".parse::<NmnistSplit>(), Ok(NmnistSplit::Train));
    assert_eq!("test".parse::<NmnistSplit>(), Ok(NmnistSplit::Test));
    assert!("Validation".parse::<NmnistSplit>().is_err());
    assert_eq!(
        [NmnistSplit::Train, NmnistSplit::Test].map(|s| s.to_string()),
        ["Train", "Test"]
    );
    let root = PathBuf::from("/n");
    assert_eq!(
        nmnist_sample_path(&root, NmnistSplit::Test, 4, 12),
        PathBuf::from("/n/Test/4/00012.bin")
    );
}

/// A tree whose sample `Train/<d>/<id>.bin` holds one event at x = d, y = id % 34, t = id µs.
fn fabricate_tree(ids: &[usize]) -> TempDir {
    let root = TempDir::new().unwrap();
    for digit in 0..10_u8 {
        for &id in ids.iter().rev() {
            let path = nmnist_sample_path(root.path(), NmnistSplit::Train, digit, id);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            write_nmnist_file(&path, &[event(digit, (id % 34) as u8, true, id as u32)]).unwrap();
        }
        fs::write(
            root.path().join(format!("Train/{digit}/notes.txt")),
            "not a sample",
        )
        .unwrap();
    }
    root
}

#[test]
fn loads_a_tree_in_digit_then_name_order() {
    let root = fabricate_tree(&[10, 2, 7]);
    let samples = load_nmnist_dir(root.path(), NmnistSplit::Train, None).unwrap();
    assert_eq!(samples.len(), 30);
    let order: Vec<(u8, u32)> = samples
        .iter()
        .map(|(events, digit)| (*digit, events[0].timestamp_us))
        .collect();
    assert_eq!(
        order[..6],
        [(0, 2), (0, 7), (0, 10), (1, 2), (1, 7), (1, 10)]
    );
    assert_eq!(samples[29], (vec![event(9, 10, true, 10)], 9));

    let limited = load_nmnist_dir(root.path(), NmnistSplit::Train, Some(1)).unwrap();
    let firsts: Vec<(u8, u32)> = limited
        .iter()
        .map(|(e, d)| (*d, e[0].timestamp_us))
        .collect();
    assert_eq!(firsts, (0..10).map(|d| (d, 2)).collect::<Vec<_>>());
}

#[test]
fn missing_split_or_digit_directory() {
    let root = fabricate_tree(&[1]);
    let error = load_nmnist_dir(root.path(), NmnistSplit::Test, None).unwrap_err();
    assert!(
        matches!(error, DatasetError::Io { action: "list", .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("Test/0"), "{error}");

    fs::remove_dir_all(root.path().join("Train/6")).unwrap();
    let error = load_nmnist_dir(root.path(), NmnistSplit::Train, None).unwrap_err();
    assert!(error.to_string().contains("Train/6"), "{error}");
}

/// A digit directory with no `.bin` file (empty, or other files only) is an error naming it,
/// and so is a directory named like a sample.
#[test]
fn a_digit_without_samples_is_an_error() {
    let root = fabricate_tree(&[1]);
    let digit = root.path().join("Train/3");
    fs::remove_file(digit.join("00001.bin")).unwrap();
    let error = load_nmnist_dir(root.path(), NmnistSplit::Train, None).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{}: no .bin file in this N-MNIST digit directory",
            digit.display()
        )
    );
    fs::create_dir(digit.join("00001.bin")).unwrap();
    let error = load_nmnist_dir(root.path(), NmnistSplit::Train, None).unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("00001.bin: is a directory, not a file"),
        "{error}"
    );
}

#[test]
fn corrupt_file_in_a_tree_is_named() {
    let root = fabricate_tree(&[1, 2]);
    fs::write(root.path().join("Train/5/00002.bin"), [0, 0, 0]).unwrap();
    let error = load_nmnist_dir(root.path(), NmnistSplit::Train, None).unwrap_err();
    assert!(
        matches!(
            error,
            DatasetError::NmnistLength {
                len: 3,
                offset: 0,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("Train/5/00002.bin"), "{error}");
}

/// A recording of the original N-MNIST kind, hand-encoded: the counter wraps twice, each
/// wrap marked by an event with y = 240 (the second marker with every other bit set).
#[test]
fn overflow_markers_add_2_pow_23_us_to_later_events_and_are_not_events() {
    #[rustfmt::skip]
    let bytes = [
        3, 7, 0x80, 0x00, 0x64,     // x 3, y 7, ON, 100 µs
        33, 33, 0x7f, 0xff, 0xf0,   // x 33, y 33, OFF, 8,388,592 µs
        0, 240, 0x00, 0x00, 0x00,   // overflow marker
        1, 2, 0x80, 0x00, 0x05,     // ON, 5 µs after the wrap
        9, 240, 0xff, 0xff, 0xff,   // overflow marker (its other fields mean nothing)
        0, 0, 0x00, 0x01, 0x02,     // OFF, 258 µs after the second wrap
    ];
    let events = decode_nmnist(&PathBuf::from("wrapped.bin"), &bytes).unwrap();
    assert_eq!(
        events,
        vec![
            event(3, 7, true, 100),
            event(33, 33, false, 8_388_592),
            event(1, 2, true, 8_388_608 + 5),
            event(0, 0, false, 2 * 8_388_608 + 258),
        ]
    );
    // Only markers: no event at all.
    let none = decode_nmnist(&PathBuf::from("m.bin"), &[0, 240, 0, 0, 0]).unwrap();
    assert_eq!(none, vec![]);
    // Time order is checked on the unwrapped times, and the error gives the file offset.
    let mut back = bytes.to_vec();
    back.extend_from_slice(&[5, 5, 0x00, 0x00, 0x00]);
    let err = decode_nmnist(&PathBuf::from("wrapped.bin"), &back).unwrap_err();
    assert!(
        matches!(
            err,
            DatasetError::NmnistTimeBackwards {
                index: 4,
                offset: 30,
                previous_us: 16_777_474,
                timestamp_us: 16_777_216,
                ..
            }
        ),
        "{err:?}"
    );
}

proptest! {
    #[test]
    fn any_valid_stream_round_trips(
        raw in proptest::collection::vec((0..NMNIST_SIDE, 0..NMNIST_SIDE, any::<bool>(), 0..=MAX_TIMESTAMP_US), 0..50)
    ) {
        let mut events: Vec<DvsEvent> = raw.into_iter().map(|(x, y, p, t)| event(x, y, p, t)).collect();
        events.sort_by_key(|e| e.timestamp_us);
        let path = PathBuf::from("memory.bin");
        let bytes = encode_nmnist(&path, &events).unwrap();
        prop_assert_eq!(bytes.len(), 5 * events.len());
        prop_assert_eq!(decode_nmnist(&path, &bytes).unwrap(), events);
    }

    #[test]
    fn no_input_panics(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
        let _ = decode_nmnist(&PathBuf::from("any.bin"), &bytes);
    }
}

#[test]
fn log2_q8_values() {
    assert_eq!(log2_q8(0), 0);
    assert_eq!(log2_q8(1), 0);
    assert_eq!(log2_q8(2), 256);
    assert_eq!(log2_q8(3), 256 + 128);
    assert_eq!(log2_q8(4096), 12 * 256);
    assert_eq!(log2_q8(4096 + 2048), 12 * 256 + 128);
    assert_eq!(log2_q8(u32::MAX), 31 * 256 + 255);
}

/// A white 10×10 square on black, its top-left corner at (9, 9).
fn square() -> [u8; 784] {
    let mut image = [0; 784];
    for y in 9..19 {
        image[y * 28 + 9..y * 28 + 19].fill(255);
    }
    image
}

#[test]
fn synthetic_events_of_a_square() {
    let events = synthesize_nmnist(&square());
    assert_eq!(events, synthesize_nmnist(&square()), "deterministic");
    // The square covers field pixels 9..19 shifted by 0..=6 along the saccades.
    let (xs, ys): (Vec<u8>, Vec<u8>) = events.iter().map(|e| (e.x, e.y)).unzip();
    let bounds = |v: &[u8]| (*v.iter().min().unwrap(), *v.iter().max().unwrap());
    assert_eq!(events.len(), SQUARE_EVENTS);
    assert_eq!(events[..3], SQUARE_FIRST);
    assert_eq!(
        fnv1a(&encode_nmnist(&PathBuf::from("square"), &events).unwrap()),
        SQUARE_FNV1A
    );
    assert_eq!((bounds(&xs), bounds(&ys)), ((9, 24), (9, 24)));
    assert!(events
        .windows(2)
        .all(|w| w[0].timestamp_us <= w[1].timestamp_us));
    assert!(events.last().unwrap().timestamp_us < 3 * SACCADE_US);
}

#[test]
fn synthetic_pixels_end_as_they_started() {
    // The digit returns to its start, so each pixel has as many ON as OFF events.
    let (train, _) =
        load_split_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample"))
            .unwrap();
    for i in [0, 1234, 2999] {
        let image: &[u8; 784] = train.image(i).try_into().unwrap();
        let events = synthesize_nmnist(image);
        let mut balance: HashMap<(u8, u8), i32> = HashMap::new();
        for e in &events {
            *balance.entry((e.x, e.y)).or_default() += if e.polarity { 1 } else { -1 };
        }
        assert!(balance.values().all(|&b| b == 0), "image {i}");
        assert!(
            (1000..20_000).contains(&events.len()),
            "image {i}: {} events",
            events.len()
        );
        assert!(events
            .windows(2)
            .all(|w| w[0].timestamp_us <= w[1].timestamp_us));
    }
}

#[test]
fn synthetic_black_image_is_silent() {
    assert!(synthesize_nmnist(&[0; 784]).is_empty());
    assert!(
        !synthesize_nmnist(&[200; 784]).is_empty(),
        "a uniform grey still has edges at its border"
    );
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

// Pinned from the generator as written; a change here changes every synthetic data set.
const SQUARE_EVENTS: usize = 2376;
/// The first shift, 1/16 pixel down at 1 ms, stays under the threshold; the second lights the
/// row under the square (y = 19) from its left corner at x = 3 + 9.
const SQUARE_FIRST: [DvsEvent; 3] = [
    DvsEvent {
        x: 12,
        y: 19,
        polarity: true,
        timestamp_us: 1500,
    },
    DvsEvent {
        x: 13,
        y: 19,
        polarity: true,
        timestamp_us: 1500,
    },
    DvsEvent {
        x: 14,
        y: 19,
        polarity: true,
        timestamp_us: 1500,
    },
];
const SQUARE_FNV1A: u64 = 0x7ce9_5b5a_5676_7fea;

/// 511 overflow markers reach 511 · 2^23 µs, within 32 bits; the 512th would pass 2^32 µs and
/// is reported at its byte offset, 511 · 5 (mutants: the offset's `index * 5` → `+`, `/`).
#[test]
fn the_marker_past_32_bits_of_time_is_named_by_its_offset() {
    let marker = [0, 240, 0, 0, 0];
    let (error, message) = read_error(&marker.repeat(512));
    assert!(
        matches!(
            error,
            DatasetError::NmnistOverflowCount { offset: 2555, .. }
        ),
        "{error:?}"
    );
    assert!(message.contains("2555"), "{message}");
    let mut bytes = marker.repeat(511);
    bytes.extend_from_slice(&[1, 2, 0x80, 0, 5]);
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("511-markers.bin");
    fs::write(&path, &bytes).unwrap();
    assert_eq!(
        read_nmnist_file(&path).unwrap(),
        [event(1, 2, true, (511 << 23) + 5)]
    );
}
