//! A small IDX (MNIST file format) reader, plain or gzip-compressed.
//!
//! Stand-in with the same shape as `golden::dataset::load_split_dir` (being written in
//! `golden/`); once that compiles, [`load_split_dir`] can forward to it and this file go.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use flate2::read::GzDecoder;
use ndarray::Array2;

use super::Dataset;

/// Grey-level images with their labels, as stored in IDX files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageSet {
    pub rows: usize,
    pub cols: usize,
    /// image after image, row-major, 0 = background
    pub pixels: Vec<u8>,
    pub labels: Vec<u8>,
}

impl ImageSet {
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Inputs scaled to [0, 1] (pixel / 255, as torchvision's `ToTensor`), one-hot targets.
    pub fn to_dataset(&self, classes: usize) -> Dataset {
        let inputs = Array2::from_shape_vec(
            (self.len(), self.rows * self.cols),
            self.pixels.iter().map(|&p| p as f32 / 255.0).collect(),
        )
        .expect("pixel count checked at load");
        Dataset::classification(inputs, self.labels.clone(), classes)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IdxError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: magic number {found:#010x}, expected {expected:#010x}")]
    BadMagic {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
    #[error("{path}: {found} bytes after the header, expected {expected}")]
    Truncated {
        path: PathBuf,
        found: usize,
        expected: usize,
    },
    #[error("{images}: {image_count} images but {labels}: {label_count} labels")]
    CountMismatch {
        images: PathBuf,
        image_count: usize,
        labels: PathBuf,
        label_count: usize,
    },
    #[error("{dir}: no file named {stem}[.gz]")]
    Missing { dir: PathBuf, stem: String },
}

const IMAGES_MAGIC: u32 = 0x0000_0803;
const LABELS_MAGIC: u32 = 0x0000_0801;

/// Reads `train-*` and `t10k-*` (or `test-*`) image and label files from `dir`;
/// returns `(train, test)`.
pub fn load_split_dir(dir: &Path) -> Result<(ImageSet, ImageSet), IdxError> {
    let train = load_pair(dir, &["train"])?;
    let test = load_pair(dir, &["t10k", "test"])?;
    Ok((train, test))
}

fn load_pair(dir: &Path, prefixes: &[&str]) -> Result<ImageSet, IdxError> {
    let images_path = find(dir, prefixes, "images-idx3-ubyte")?;
    let labels_path = find(dir, prefixes, "labels-idx1-ubyte")?;
    let (dims, pixels) = read_idx(&images_path, IMAGES_MAGIC)?;
    let (label_dims, labels) = read_idx(&labels_path, LABELS_MAGIC)?;
    if dims[0] != label_dims[0] {
        return Err(IdxError::CountMismatch {
            images: images_path,
            image_count: dims[0],
            labels: labels_path,
            label_count: label_dims[0],
        });
    }
    Ok(ImageSet {
        rows: dims[1],
        cols: dims[2],
        pixels,
        labels,
    })
}

fn find(dir: &Path, prefixes: &[&str], suffix: &str) -> Result<PathBuf, IdxError> {
    for prefix in prefixes {
        for ext in ["", ".gz"] {
            let path = dir.join(format!("{prefix}-{suffix}{ext}"));
            if path.is_file() {
                return Ok(path);
            }
        }
    }
    Err(IdxError::Missing {
        dir: dir.to_path_buf(),
        stem: format!("{}-{suffix}", prefixes.join("|")),
    })
}

/// Dimensions and unsigned-byte payload of one IDX file.
pub fn read_idx(path: &Path, magic: u32) -> Result<(Vec<usize>, Vec<u8>), IdxError> {
    let io = |source| IdxError::Io {
        path: path.to_path_buf(),
        source,
    };
    let raw = fs::read(path).map_err(io)?;
    let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        GzDecoder::new(raw.as_slice())
            .read_to_end(&mut out)
            .map_err(io)?;
        out
    } else {
        raw
    };
    let word = |i: usize| -> Option<u32> {
        let b = bytes.get(4 * i..4 * i + 4)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let truncated = |expected| IdxError::Truncated {
        path: path.to_path_buf(),
        found: bytes.len(),
        expected,
    };
    let found = word(0).ok_or_else(|| truncated(4))?;
    if found != magic {
        return Err(IdxError::BadMagic {
            path: path.to_path_buf(),
            found,
            expected: magic,
        });
    }
    let rank = (magic & 0xff) as usize;
    let dims: Vec<usize> = (1..=rank)
        .map(|i| word(i).map(|d| d as usize))
        .collect::<Option<_>>()
        .ok_or_else(|| truncated(4 + 4 * rank))?;
    let header = 4 + 4 * rank;
    let expected: usize = dims.iter().product();
    let payload = &bytes[header.min(bytes.len())..];
    if payload.len() != expected {
        return Err(IdxError::Truncated {
            path: path.to_path_buf(),
            found: payload.len(),
            expected,
        });
    }
    Ok((dims, payload.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) {
        fs::write(dir.join(name), bytes).unwrap();
    }

    fn images(count: u32, payload: &[u8]) -> Vec<u8> {
        let mut b = vec![0, 0, 8, 3];
        for d in [count, 1, 2] {
            b.extend(d.to_be_bytes());
        }
        b.extend(payload);
        b
    }

    fn labels(payload: &[u8]) -> Vec<u8> {
        let mut b = vec![0, 0, 8, 1];
        b.extend((payload.len() as u32).to_be_bytes());
        b.extend(payload);
        b
    }

    #[test]
    fn reads_a_split_directory() {
        let dir = std::env::temp_dir().join(format!("lab-idx-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        write(
            &dir,
            "train-images-idx3-ubyte",
            &images(2, &[0, 255, 10, 20]),
        );
        write(&dir, "train-labels-idx1-ubyte", &labels(&[3, 7]));
        write(&dir, "t10k-images-idx3-ubyte", &images(1, &[1, 2]));
        write(&dir, "t10k-labels-idx1-ubyte", &labels(&[9]));
        let (train, test) = load_split_dir(&dir).unwrap();
        assert_eq!((train.rows, train.cols), (1, 2));
        assert_eq!(train.pixels, vec![0, 255, 10, 20]);
        assert_eq!(train.labels, vec![3, 7]);
        assert_eq!(test.labels, vec![9]);
        let data = train.to_dataset(10);
        assert_eq!(data.inputs[[0, 1]], 1.0);
        assert_eq!(data.targets[[1, 7]], 1.0);
        write(&dir, "t10k-labels-idx1-ubyte", &labels(&[9, 1]));
        let err = load_split_dir(&dir).unwrap_err();
        assert!(matches!(err, IdxError::CountMismatch { .. }), "{err}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_short_payload_is_reported_with_its_sizes() {
        let dir = std::env::temp_dir().join(format!("lab-idx-short-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("x");
        fs::write(&path, images(2, &[1, 2, 3])).unwrap();
        let err = read_idx(&path, IMAGES_MAGIC).unwrap_err();
        assert!(
            matches!(
                err,
                IdxError::Truncated {
                    found: 3,
                    expected: 4,
                    ..
                }
            ),
            "{err}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
