//! A directory holding a train and a test split under the standard MNIST file names, raw or gz.

use std::fs;
use std::path::{Path, PathBuf};

use super::idx::Encoding;
use super::{load_idx, DatasetError, ImageSet};

/// Standard file names, as in the MNIST and Fashion-MNIST distributions (without `.gz`).
pub const TRAIN_IMAGES: &str = "train-images-idx3-ubyte";
pub const TRAIN_LABELS: &str = "train-labels-idx1-ubyte";
pub const TEST_IMAGES: &str = "t10k-images-idx3-ubyte";
pub const TEST_LABELS: &str = "t10k-labels-idx1-ubyte";

/// Where Debian's package `dataset-fashion-mnist` installs Fashion-MNIST (60,000 train and
/// 10,000 test images of 28×28, the four standard names with `.gz`).
pub const FASHION_MNIST_DEBIAN_DIR: &str = "/usr/share/datasets/fashion-mnist";

/// The four files of a split directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitPaths {
    pub train_images: PathBuf,
    pub train_labels: PathBuf,
    pub test_images: PathBuf,
    pub test_labels: PathBuf,
}

/// Finds the four standard files in `dir`, each either raw or with `.gz` (the raw one if both).
pub fn find_split_files(dir: &Path) -> Result<SplitPaths, DatasetError> {
    if !dir.is_dir() {
        return Err(DatasetError::NotADirectory {
            path: dir.to_owned(),
            exists: dir.exists(),
        });
    }
    let find = |name: &'static str| {
        let raw = dir.join(name);
        let gz = dir.join(format!("{name}.gz"));
        if raw.is_file() {
            Ok(raw)
        } else if gz.is_file() {
            Ok(gz)
        } else if let Some(path) = [raw, gz].into_iter().find(|p| p.exists()) {
            Err(DatasetError::NotAFile { path })
        } else {
            Err(DatasetError::MissingFile {
                dir: dir.to_owned(),
                name,
            })
        }
    };
    Ok(SplitPaths {
        train_images: find(TRAIN_IMAGES)?,
        train_labels: find(TRAIN_LABELS)?,
        test_images: find(TEST_IMAGES)?,
        test_labels: find(TEST_LABELS)?,
    })
}

/// Reads the train and the test split of a directory with the four standard files; neither
/// may be empty.
pub fn load_split_dir(dir: &Path) -> Result<(ImageSet, ImageSet), DatasetError> {
    let paths = find_split_files(dir)?;
    let train = load_idx(&paths.train_images, &paths.train_labels)?;
    let test = load_idx(&paths.test_images, &paths.test_labels)?;
    for (set, path, split) in [
        (&train, &paths.train_images, "train"),
        (&test, &paths.test_images, "test"),
    ] {
        if set.is_empty() {
            return Err(DatasetError::EmptySplit {
                path: path.clone(),
                split,
            });
        }
    }
    if (train.rows, train.cols) != (test.rows, test.cols) {
        return Err(DatasetError::BadDimensions {
            path: paths.test_images,
            problem: format!(
                "test images are {}×{} but train images are {}×{}",
                test.rows, test.cols, train.rows, train.cols
            ),
        });
    }
    Ok((train, test))
}

/// Writes a train and a test split under the standard names (with `.gz` for
/// [`Encoding::Gzip`]), creating `dir` if needed.
pub fn write_split_dir(
    dir: &Path,
    train: &ImageSet,
    test: &ImageSet,
    encoding: Encoding,
) -> Result<SplitPaths, DatasetError> {
    fs::create_dir_all(dir).map_err(|source| DatasetError::Io {
        path: dir.to_owned(),
        action: "create directory",
        source,
    })?;
    let suffix = match encoding {
        Encoding::Raw => "",
        Encoding::Gzip => ".gz",
    };
    let path = |name: &str| dir.join(format!("{name}{suffix}"));
    let paths = SplitPaths {
        train_images: path(TRAIN_IMAGES),
        train_labels: path(TRAIN_LABELS),
        test_images: path(TEST_IMAGES),
        test_labels: path(TEST_LABELS),
    };
    train.write_idx(&paths.train_images, &paths.train_labels, encoding)?;
    test.write_idx(&paths.test_images, &paths.test_labels, encoding)?;
    Ok(paths)
}
