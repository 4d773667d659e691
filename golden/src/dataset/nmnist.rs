//! N-MNIST event files (Orchard et al. 2015, "Converting static image datasets to spiking
//! neuromorphic datasets using saccades").
//!
//! A file is a sequence of 40-bit events, 5 bytes each:
//!
//! ```text
//! byte 0        x, 0..=33 (column, 0 = left)
//! byte 1        y, 0..=33 (row, 0 = top)
//! byte 2 bit 7  polarity, 1 = ON (brighter), 0 = OFF
//! byte 2 bits 6..0, byte 3, byte 4   timestamp in µs, 23 bits, big-endian
//! ```
//!
//! An event with y = 240 is not an event but the timestamp-overflow marker of the original
//! recordings: the 23-bit counter wrapped, so every later timestamp is 2^23 µs
//! ([`OVERFLOW_PERIOD_US`]) later than its bits say (markers add up). The reader applies it and
//! drops the marker, whatever its other fields; the writer refuses timestamps beyond 23 bits
//! (our synthetic recordings never need them) instead of writing markers.
//!
//! The dataset is a tree `Train/<digit>/<id>.bin` and `Test/<digit>/<id>.bin`, ids being
//! zero-padded numbers (`00002.bin`).

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{DatasetError, CLASSES};

/// Width and height of the N-MNIST field in pixels (28×28 digits plus the saccade travel).
pub const NMNIST_SIDE: u8 = 34;
/// Bytes of one event in a file.
pub const EVENT_BYTES: usize = 5;
/// Largest timestamp a file can hold, in µs (23 bits, about 8.4 s).
pub const MAX_TIMESTAMP_US: u32 = (1 << 23) - 1;
/// The `y` of the timestamp-overflow marker.
pub const OVERFLOW_MARKER_Y: u8 = 240;
/// Time added to every event after an overflow marker, µs.
pub const OVERFLOW_PERIOD_US: u32 = 1 << 23;

/// One event of a dynamic vision sensor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DvsEvent {
    /// Column, 0 = left, `< NMNIST_SIDE`.
    pub x: u8,
    /// Row, 0 = top, `< NMNIST_SIDE`.
    pub y: u8,
    /// `true` = ON (log intensity rose by the contrast threshold), `false` = OFF.
    pub polarity: bool,
    /// Time since the start of the recording, µs: `<= MAX_TIMESTAMP_US`, plus
    /// `OVERFLOW_PERIOD_US` per overflow marker before the event in its file.
    pub timestamp_us: u32,
}

impl DvsEvent {
    /// The 5 bytes of the event in a file. The caller checks the ranges (see
    /// [`encode_nmnist`]); bits above the format's are dropped.
    pub fn to_bytes(self) -> [u8; EVENT_BYTES] {
        let t = self.timestamp_us.to_be_bytes();
        [
            self.x,
            self.y,
            (u8::from(self.polarity) << 7) | (t[1] & 0x7f),
            t[2],
            t[3],
        ]
    }

    /// The event held by 5 bytes of a file (ranges not checked).
    pub fn from_bytes(b: [u8; EVENT_BYTES]) -> Self {
        Self {
            x: b[0],
            y: b[1],
            polarity: b[2] & 0x80 != 0,
            timestamp_us: u32::from_be_bytes([0, b[2] & 0x7f, b[3], b[4]]),
        }
    }
}

/// Decodes the bytes of an N-MNIST file, checking length, coordinates and time order; `path`
/// only goes into errors.
pub fn decode_nmnist(path: &Path, bytes: &[u8]) -> Result<Vec<DvsEvent>, DatasetError> {
    let whole = bytes.len() - bytes.len() % EVENT_BYTES;
    if whole != bytes.len() {
        return Err(DatasetError::NmnistLength {
            path: path.to_owned(),
            len: bytes.len() as u64,
            offset: whole as u64,
        });
    }
    let mut events = Vec::with_capacity(bytes.len() / EVENT_BYTES);
    let mut offsets = Vec::with_capacity(bytes.len() / EVENT_BYTES);
    let mut overflow_us = 0_u32;
    for (index, c) in bytes.chunks_exact(EVENT_BYTES).enumerate() {
        let mut e = DvsEvent::from_bytes([c[0], c[1], c[2], c[3], c[4]]);
        if e.y == OVERFLOW_MARKER_Y {
            overflow_us = overflow_us.checked_add(OVERFLOW_PERIOD_US).ok_or_else(|| {
                DatasetError::NmnistOverflowCount {
                    path: path.to_owned(),
                    offset: (index * EVENT_BYTES) as u64,
                }
            })?;
            continue;
        }
        e.timestamp_us += overflow_us;
        events.push(e);
        offsets.push(index);
    }
    check_events(path, &events, &offsets)?;
    Ok(events)
}

/// The bytes of an N-MNIST file, refusing events the format cannot hold or a reader would
/// reject; `path` only goes into errors.
pub fn encode_nmnist(path: &Path, events: &[DvsEvent]) -> Result<Vec<u8>, DatasetError> {
    if let Some((index, e)) = events
        .iter()
        .enumerate()
        .find(|(_, e)| e.timestamp_us > MAX_TIMESTAMP_US)
    {
        return Err(DatasetError::NmnistTimestampRange {
            path: path.to_owned(),
            index,
            timestamp_us: e.timestamp_us,
        });
    }
    let positions: Vec<usize> = (0..events.len()).collect();
    check_events(path, events, &positions)?;
    Ok(events.iter().flat_map(|e| e.to_bytes()).collect())
}

/// Checks field and time order; `positions[i]` is event `i`'s place among the file's 5-byte
/// records (markers included), for the byte offsets of errors.
fn check_events(path: &Path, events: &[DvsEvent], positions: &[usize]) -> Result<(), DatasetError> {
    let offset = |index: usize| (positions[index] * EVENT_BYTES) as u64;
    let mut previous_us = 0;
    for (index, e) in events.iter().enumerate() {
        if e.x >= NMNIST_SIDE || e.y >= NMNIST_SIDE {
            return Err(DatasetError::NmnistCoordinate {
                path: path.to_owned(),
                index,
                offset: offset(index),
                x: e.x,
                y: e.y,
            });
        }
        if e.timestamp_us < previous_us {
            return Err(DatasetError::NmnistTimeBackwards {
                path: path.to_owned(),
                index,
                offset: offset(index),
                previous_us,
                timestamp_us: e.timestamp_us,
            });
        }
        previous_us = e.timestamp_us;
    }
    Ok(())
}

/// Reads one N-MNIST `.bin` file.
pub fn read_nmnist_file(path: &Path) -> Result<Vec<DvsEvent>, DatasetError> {
    let bytes = super::error::read_file(path)?;
    decode_nmnist(path, &bytes)
}

/// Writes one N-MNIST `.bin` file (the parent directory must exist).
pub fn write_nmnist_file(path: &Path, events: &[DvsEvent]) -> Result<(), DatasetError> {
    let bytes = encode_nmnist(path, events)?;
    fs::write(path, bytes).map_err(|source| DatasetError::Io {
        path: path.to_owned(),
        action: "write",
        source,
    })
}

/// The two halves of N-MNIST, named as its top-level directories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NmnistSplit {
    Train,
    Test,
}

impl NmnistSplit {
    /// The directory name: `Train` or `Test`.
    pub fn dir_name(self) -> &'static str {
        match self {
            NmnistSplit::Train => "Train",
            NmnistSplit::Test => "Test",
        }
    }
}

impl fmt::Display for NmnistSplit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.dir_name())
    }
}

impl FromStr for NmnistSplit {
    type Err = String;

    /// `Train` or `Test`, in any case.
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "train" => Ok(NmnistSplit::Train),
            "test" => Ok(NmnistSplit::Test),
            _ => Err(format!("N-MNIST split {s:?} is neither Train nor Test")),
        }
    }
}

/// Path of one sample: `<root>/<Train|Test>/<digit>/<id, 5 digits>.bin`.
pub fn nmnist_sample_path(root: &Path, split: NmnistSplit, digit: u8, id: usize) -> PathBuf {
    root.join(split.dir_name())
        .join(digit.to_string())
        .join(format!("{id:05}.bin"))
}

/// Reads a split of an N-MNIST tree: every `<root>/<split>/<digit>/*.bin` for the digits 0..=9,
/// in the order digit, then file name (byte order); with `limit_per_digit`, only the first that
/// many files of each digit. Each sample comes with its digit. A digit directory without a
/// `.bin` file is an error (a split missing a class would train or test on the others
/// silently); the caller refuses a limit of 0.
pub fn load_nmnist_dir(
    root: &Path,
    split: NmnistSplit,
    limit_per_digit: Option<usize>,
) -> Result<Vec<(Vec<DvsEvent>, u8)>, DatasetError> {
    let mut samples = Vec::new();
    for digit in 0..CLASSES as u8 {
        let dir = root.join(split.dir_name()).join(digit.to_string());
        let files = list_bin_files(&dir)?;
        if files.is_empty() {
            return Err(DatasetError::NmnistEmptyDigit { dir });
        }
        for path in files.iter().take(limit_per_digit.unwrap_or(usize::MAX)) {
            samples.push((read_nmnist_file(path)?, digit));
        }
    }
    Ok(samples)
}

/// The `.bin` files of a directory, sorted by name.
fn list_bin_files(dir: &Path) -> Result<Vec<PathBuf>, DatasetError> {
    let io_error = |source| DatasetError::Io {
        path: dir.to_owned(),
        action: "list",
        source,
    };
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(io_error)? {
        let path = entry.map_err(io_error)?.path();
        if path.extension().is_some_and(|e| e == "bin") {
            if !path.is_file() {
                return Err(DatasetError::NotAFile { path });
            }
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
