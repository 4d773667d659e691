//! IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed.
//!
//! An IDX file is a big-endian header followed by the data in row-major order:
//!
//! ```text
//! offset 0   u32  magic: 0x00 0x00, element type (0x08 = unsigned byte), number of dimensions
//! offset 4   u32  size of dimension 0 (the item count)
//! ...        u32  size of each further dimension
//! then       u8   the product of the sizes, nothing after it
//! ```
//!
//! Only unsigned-byte files are read and written: 3-dimensional images (magic `0x00000803`) and
//! 1-dimensional labels (magic `0x00000801`). A file is gzip-compressed when it starts with the
//! gzip magic bytes `1f 8b`, whatever its name.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;

use flate2::read::MultiGzDecoder;
use flate2::{Compression, GzBuilder};

use super::DatasetError;

/// Magic number of an IDX file of unsigned bytes with 3 dimensions (images × rows × columns).
pub const IMAGES_MAGIC: u32 = 0x0000_0803;
/// Magic number of an IDX file of unsigned bytes with 1 dimension (labels).
pub const LABELS_MAGIC: u32 = 0x0000_0801;

const UNSIGNED_BYTE_TYPE: u32 = 0x08;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// How a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// The bytes as they are.
    Raw,
    /// gzip at the best compression level, with an empty header (mtime 0, no file name, OS 255),
    /// so that the same data always give the same bytes.
    Gzip,
}

/// The contents of one IDX file of unsigned bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdxArray {
    /// Size of each dimension, the item count first.
    pub dims: Vec<u32>,
    /// The elements in row-major order; `data.len()` is the product of `dims`.
    pub data: Vec<u8>,
}

/// Reads the file, gunzipping it if it starts with `1f 8b`. Returns the bytes and whether they
/// were compressed.
pub fn read_maybe_gz(path: &Path) -> Result<(Vec<u8>, bool), DatasetError> {
    let bytes = super::error::read_file(path)?;
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok((bytes, false));
    }
    let mut plain = Vec::new();
    MultiGzDecoder::new(&bytes[..])
        .read_to_end(&mut plain)
        .map_err(|source| DatasetError::BadGzip {
            path: path.to_owned(),
            source,
        })?;
    Ok((plain, true))
}

/// Reads an IDX file of unsigned bytes that must have `ndims` dimensions. A gzip stream is
/// decompressed no further than its header announces: the bytes beyond are counted, not
/// stored, so a small file cannot make the reader allocate more than its header claims and
/// the decompressed data hold.
pub fn read_idx(path: &Path, ndims: u8) -> Result<IdxArray, DatasetError> {
    let bytes = super::error::read_file(path)?;
    if !bytes.starts_with(&GZIP_MAGIC) {
        return parse_idx(path, &bytes, false, ndims);
    }
    let bad_gzip = |source| DatasetError::BadGzip {
        path: path.to_owned(),
        source,
    };
    let mut stream = MultiGzDecoder::new(&bytes[..]);
    let header_len = 4 + 4 * u64::from(ndims);
    let mut plain = Vec::new();
    (&mut stream)
        .take(header_len)
        .read_to_end(&mut plain)
        .map_err(bad_gzip)?;
    // A short header, another magic or dimensions past 2^64 bytes: the header says which.
    let Some(announced) = announced_len(&plain, ndims) else {
        return parse_idx(path, &plain, true, ndims);
    };
    (&mut stream)
        .take(announced - plain.len() as u64)
        .read_to_end(&mut plain)
        .map_err(bad_gzip)?;
    let beyond = std::io::copy(&mut stream, &mut std::io::sink()).map_err(bad_gzip)?;
    if beyond > 0 {
        return Err(DatasetError::TrailingBytes {
            path: path.to_owned(),
            expected: announced,
            actual: announced + beyond,
            gzip: true,
        });
    }
    parse_idx(path, &plain, true, ndims)
}

/// Total length (header + data) a complete header of `ndims` dimensions announces, if it does
/// and the length fits 64 bits; `parse_idx` reports every other case.
fn announced_len(header: &[u8], ndims: u8) -> Option<u64> {
    let header_len = 4 + 4 * usize::from(ndims);
    if header.len() < header_len || header[..4] != magic(ndims).to_be_bytes() {
        return None;
    }
    header[4..header_len]
        .chunks_exact(4)
        .map(|w| u64::from(u32::from_be_bytes([w[0], w[1], w[2], w[3]])))
        .try_fold(1_u64, |acc, d| acc.checked_mul(d))?
        .checked_add(header_len as u64)
}

/// Parses the bytes of an IDX file (already gunzipped); `path` and `gzip` only go into errors.
pub fn parse_idx(
    path: &Path,
    bytes: &[u8],
    gzip: bool,
    ndims: u8,
) -> Result<IdxArray, DatasetError> {
    let header_len = 4 + 4 * usize::from(ndims);
    let truncated = |part, expected: u64| DatasetError::Truncated {
        path: path.to_owned(),
        part,
        expected,
        actual: bytes.len() as u64,
        gzip,
    };
    let word = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);

    if bytes.len() < 4 {
        return Err(truncated("IDX header", header_len as u64));
    }
    let expected_magic = magic(ndims);
    if word(0) != expected_magic {
        return Err(DatasetError::BadMagic {
            path: path.to_owned(),
            found: word(0),
            expected: expected_magic,
        });
    }
    if bytes.len() < header_len {
        return Err(truncated("IDX header", header_len as u64));
    }
    let dims: Vec<u32> = (0..usize::from(ndims)).map(|d| word(4 + 4 * d)).collect();
    let expected = dims
        .iter()
        .try_fold(1_u64, |acc, &d| acc.checked_mul(u64::from(d)))
        .and_then(|data_len| data_len.checked_add(header_len as u64))
        .ok_or_else(|| DatasetError::BadDimensions {
            path: path.to_owned(),
            problem: format!("{dims:?} holds more than 2^64 bytes"),
        })?;
    let actual = bytes.len() as u64;
    if actual < expected {
        return Err(truncated("IDX data", expected));
    }
    if actual > expected {
        return Err(DatasetError::TrailingBytes {
            path: path.to_owned(),
            expected,
            actual,
            gzip,
        });
    }
    Ok(IdxArray {
        dims,
        data: bytes[header_len..].to_vec(),
    })
}

/// The bytes of an IDX file of unsigned bytes with the given dimensions; `path` only goes into
/// the error raised when `data.len()` is not the product of `dims`.
pub fn encode_idx(path: &Path, dims: &[u32], data: &[u8]) -> Result<Vec<u8>, DatasetError> {
    let bad = |problem: String| DatasetError::BadDimensions {
        path: path.to_owned(),
        problem,
    };
    let ndims = u8::try_from(dims.len())
        .map_err(|_| bad(format!("{} dimensions, at most 255", dims.len())))?;
    let elements = dims
        .iter()
        .try_fold(1_u64, |acc, &d| acc.checked_mul(u64::from(d)));
    if elements != Some(data.len() as u64) {
        return Err(bad(format!(
            "{dims:?} do not match {} data bytes",
            data.len()
        )));
    }
    let mut bytes = Vec::with_capacity(4 + 4 * dims.len() + data.len());
    bytes.extend_from_slice(&magic(ndims).to_be_bytes());
    for d in dims {
        bytes.extend_from_slice(&d.to_be_bytes());
    }
    bytes.extend_from_slice(data);
    Ok(bytes)
}

/// Writes an IDX file of unsigned bytes.
pub fn write_idx(
    path: &Path,
    dims: &[u32],
    data: &[u8],
    encoding: Encoding,
) -> Result<(), DatasetError> {
    let bytes = encode_idx(path, dims, data)?;
    write_encoded(path, &bytes, encoding)
}

/// Writes bytes to a file, gzip-compressed if asked with the fixed settings of [`Encoding::Gzip`].
pub fn write_encoded(path: &Path, bytes: &[u8], encoding: Encoding) -> Result<(), DatasetError> {
    let io_error = |action| {
        move |source| DatasetError::Io {
            path: path.to_owned(),
            action,
            source,
        }
    };
    let contents = match encoding {
        Encoding::Raw => bytes.to_vec(),
        Encoding::Gzip => {
            let mut encoder = GzBuilder::new()
                .mtime(0)
                .operating_system(255)
                .write(Vec::new(), Compression::best());
            encoder.write_all(bytes).map_err(io_error("compress"))?;
            encoder.finish().map_err(io_error("compress"))?
        }
    };
    fs::write(path, contents).map_err(io_error("write"))
}

fn magic(ndims: u8) -> u32 {
    (UNSIGNED_BYTE_TYPE << 8) | u32::from(ndims)
}
