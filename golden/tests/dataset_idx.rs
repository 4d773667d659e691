//! IDX reader and writer, split directories, the shipped MNIST sample and Debian's Fashion-MNIST.

use std::fs;
use std::path::{Path, PathBuf};

use golden::dataset::idx::{self, write_encoded, Encoding};
use golden::dataset::split_dir::{TEST_IMAGES, TEST_LABELS, TRAIN_IMAGES};
use golden::dataset::{
    load_idx, load_split_dir, write_split_dir, DatasetError, ImageSet, FASHION_MNIST_DEBIAN_DIR,
};
use proptest::prelude::*;
use tempfile::TempDir;

/// Two 2×3 images with pixels 0..=11, labels 7 and 3.
const TINY_IMAGES: [u8; 28] = [
    0x00, 0x00, 0x08, 0x03, // magic: unsigned bytes, 3 dimensions
    0x00, 0x00, 0x00, 0x02, // 2 images
    0x00, 0x00, 0x00, 0x02, // 2 rows
    0x00, 0x00, 0x00, 0x03, // 3 columns
    0, 1, 2, 3, 4, 5, // image 0
    6, 7, 8, 9, 10, 11, // image 1
];
const TINY_LABELS: [u8; 10] = [0x00, 0x00, 0x08, 0x01, 0x00, 0x00, 0x00, 0x02, 7, 3];

fn put(dir: &TempDir, name: &str, bytes: &[u8], encoding: Encoding) -> PathBuf {
    let path = dir.path().join(name);
    write_encoded(&path, bytes, encoding).unwrap();
    path
}

fn tiny_set() -> ImageSet {
    ImageSet {
        rows: 2,
        cols: 3,
        pixels: (0..12).collect(),
        labels: vec![7, 3],
    }
}

#[test]
fn reads_a_hand_built_file_raw_and_gz() {
    for encoding in [Encoding::Raw, Encoding::Gzip] {
        let dir = TempDir::new().unwrap();
        let images = put(&dir, "img", &TINY_IMAGES, encoding);
        let labels = put(&dir, "lbl", &TINY_LABELS, encoding);
        let set = load_idx(&images, &labels).unwrap();
        assert_eq!(set, tiny_set(), "{encoding:?}");
        assert_eq!(set.len(), 2);
        assert_eq!(set.image(1), &[6, 7, 8, 9, 10, 11]);
        assert_eq!(set.label(0), 7);
    }
}

#[test]
fn gz_is_detected_by_magic_not_name() {
    let dir = TempDir::new().unwrap();
    let images = put(&dir, "images.gz", &TINY_IMAGES, Encoding::Raw);
    let labels = put(&dir, "labels", &TINY_LABELS, Encoding::Gzip);
    assert_eq!(load_idx(&images, &labels).unwrap(), tiny_set());
}

#[test]
fn round_trip_writes_exact_bytes() {
    let dir = TempDir::new().unwrap();
    let (images, labels) = (dir.path().join("i"), dir.path().join("l"));
    tiny_set()
        .write_idx(&images, &labels, Encoding::Raw)
        .unwrap();
    assert_eq!(fs::read(&images).unwrap(), TINY_IMAGES);
    assert_eq!(fs::read(&labels).unwrap(), TINY_LABELS);

    tiny_set()
        .write_idx(&images, &labels, Encoding::Gzip)
        .unwrap();
    let gz = fs::read(&images).unwrap();
    // gzip header: deflate, no flags, mtime 0, best compression, OS unknown.
    assert_eq!(gz[..10], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
    assert_eq!(
        idx::read_maybe_gz(&images).unwrap(),
        (TINY_IMAGES.to_vec(), true)
    );
    assert_eq!(load_idx(&images, &labels).unwrap(), tiny_set());
}

#[test]
fn subset_and_class_counts() {
    let set = tiny_set();
    assert_eq!(set.subset([1]).pixels, vec![6, 7, 8, 9, 10, 11]);
    assert_eq!(set.subset(0..2), set);
    assert_eq!(set.subset([1, 0, 1]).labels, vec![3, 7, 3]);
    assert!(set.subset(0..0).is_empty());
    let mut counts = [0; 10];
    counts[3] = 1;
    counts[7] = 1;
    assert_eq!(set.class_counts(), counts);
    assert_eq!(set.first_per_class(0), ImageSet::new(2, 3));
}

/// The first `n` images of each class, in the set's order (mutants: the count `+= 1` → `*=`,
/// which keeps every image, and `-=`).
#[test]
fn first_per_class_keeps_the_first_n_of_each_class() {
    let set = tiny_set().subset([1, 0, 0, 1, 1, 0]); // labels 3, 7, 7, 3, 3, 7
    assert_eq!(set.first_per_class(1), set.subset([0, 1]));
    assert_eq!(set.first_per_class(2), set.subset([0, 1, 2, 3]));
    assert_eq!(set.first_per_class(5), set);
}

/// Writes `images` and `labels` (raw or gzipped) and returns the error of loading them.
fn load_error(images: &[u8], labels: &[u8], encoding: Encoding) -> (DatasetError, String) {
    let dir = TempDir::new().unwrap();
    let i = put(&dir, "bad-images", images, encoding);
    let l = put(&dir, "bad-labels", labels, encoding);
    let error = load_idx(&i, &l).unwrap_err();
    let message = error.to_string();
    (error, message)
}

/// Images of another magic, and labels given as images, raw or gzipped alike: a gzip stream
/// is checked as a raw file is, its magic first (before, a gzipped file of the wrong kind was
/// reported as having trailing bytes after its would-be header). The message names the file,
/// both magics and the kind expected.
#[test]
fn bad_magic() {
    let mut images = TINY_IMAGES;
    images[3] = 0x01;
    let cases = [
        (
            &images[..],
            &TINY_LABELS[..],
            "bad-images",
            0x801,
            0x803,
            "3 dimensions: images",
        ),
        (
            &TINY_IMAGES,
            &TINY_IMAGES,
            "bad-labels",
            0x803,
            0x801,
            "1 dimension: labels",
        ),
    ];
    for (images, labels, file, found, expected, kind) in cases {
        for encoding in [Encoding::Raw, Encoding::Gzip] {
            let (error, message) = load_error(images, labels, encoding);
            assert!(
                matches!(error, DatasetError::BadMagic { found: f, expected: e, .. }
                    if (f, e) == (found, expected)),
                "{encoding:?}: {error:?}"
            );
            let text = format!(
                "{file}: bad IDX magic number 0x{found:08x}, expected 0x{expected:08x} \
                 (unsigned bytes, {kind})"
            );
            assert!(message.ends_with(&text), "{message}");
        }
    }
    // A kind without a name of its own.
    let error = idx::parse_idx(Path::new("two-d"), &images, false, 2).unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("0x00000801, expected 0x00000802 (unsigned bytes)"),
        "{error}"
    );
}

/// A header cut short is `Truncated` with the bytes there are, raw or gzipped, with the right
/// magic or too short to hold one; a 4-byte file has a magic, and a wrong one is `BadMagic`
/// (mutants: `announced_len`'s `header.len() < header_len` → `>` and its `||` → `&&`, which
/// read the missing dimensions; `bytes.len() < 4` → `<=` in `parse_idx`).
#[test]
fn a_short_header_is_truncated_and_its_magic_checked() {
    for encoding in [Encoding::Raw, Encoding::Gzip] {
        for cut in [3, 10] {
            let (error, _) = load_error(&TINY_IMAGES[..cut], &TINY_LABELS, encoding);
            assert!(
                matches!(
                    error,
                    DatasetError::Truncated { part: "IDX header", expected: 16, actual, .. }
                        if actual == cut as u64
                ),
                "{cut} bytes, {encoding:?}: {error:?}"
            );
        }
        let (error, _) = load_error(&TINY_LABELS[..4], &TINY_LABELS, encoding);
        assert!(
            matches!(
                error,
                DatasetError::BadMagic {
                    found: 0x801,
                    expected: 0x803,
                    ..
                }
            ),
            "{encoding:?}: {error:?}"
        );
    }
}

#[test]
fn truncated_header() {
    for len in [0, 3, 4, 15] {
        let (error, message) = load_error(&TINY_IMAGES[..len], &TINY_LABELS, Encoding::Raw);
        assert!(
            matches!(
                error,
                DatasetError::Truncated { part: "IDX header", expected: 16, actual, gzip: false, .. }
                    if actual == len as u64
            ),
            "{len}: {error:?}"
        );
        assert!(message.contains("bad-images"), "{message}");
        assert!(
            message.contains(&format!("expected 16 bytes, found {len}")),
            "{message}"
        );
    }
}

#[test]
fn truncated_data_names_expected_and_actual_bytes() {
    let (error, message) = load_error(&TINY_IMAGES[..25], &TINY_LABELS, Encoding::Gzip);
    assert!(
        matches!(
            error,
            DatasetError::Truncated {
                part: "IDX data",
                expected: 28,
                actual: 25,
                gzip: true,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(message.contains("bad-images"), "{message}");
    assert!(
        message.contains("expected 28 bytes, found 25 (after gunzip)"),
        "{message}"
    );
}

#[test]
fn trailing_bytes() {
    let mut labels = TINY_LABELS.to_vec();
    labels.extend([0, 0, 0]);
    let (error, message) = load_error(&TINY_IMAGES, &labels, Encoding::Raw);
    assert!(
        matches!(
            error,
            DatasetError::TrailingBytes {
                expected: 10,
                actual: 13,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(message.contains("bad-labels"), "{message}");
    assert!(message.contains("3 trailing bytes"), "{message}");
}

#[test]
fn count_mismatch() {
    let labels = [0x00, 0x00, 0x08, 0x01, 0x00, 0x00, 0x00, 0x03, 7, 3, 1];
    let (error, message) = load_error(&TINY_IMAGES, &labels, Encoding::Raw);
    assert!(
        matches!(
            error,
            DatasetError::CountMismatch {
                image_count: 2,
                label_count: 3,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        message.contains("bad-images") && message.contains("bad-labels"),
        "{message}"
    );
    assert!(
        message.contains("2 images") && message.contains("3 labels"),
        "{message}"
    );
}

#[test]
fn label_out_of_range() {
    let mut labels = TINY_LABELS;
    labels[9] = 10;
    let (error, message) = load_error(&TINY_IMAGES, &labels, Encoding::Raw);
    assert!(
        matches!(
            error,
            DatasetError::LabelOutOfRange {
                index: 1,
                label: 10,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(message.contains("bad-labels"), "{message}");
    assert!(message.contains("label 10 of item 1"), "{message}");
}

#[test]
fn zero_sized_images_are_wrong_dimensions() {
    let mut images = TINY_IMAGES[..16].to_vec();
    images[11] = 0; // 2 images of 0×3
    let (error, message) = load_error(&images, &TINY_LABELS, Encoding::Raw);
    assert!(
        matches!(error, DatasetError::BadDimensions { .. }),
        "{error:?}"
    );
    assert!(message.contains("bad-images"), "{message}");
    // Without images too: 0 images of 0×3 pixels are wrong dimensions, not an empty split.
    images[7] = 0;
    let (error, message) = load_error(&images, &[0, 0, 8, 1, 0, 0, 0, 0], Encoding::Raw);
    assert!(
        message.ends_with("0 images of 0×3 pixels"),
        "{error:?}: {message}"
    );
}

#[test]
fn huge_dimensions_do_not_allocate_or_panic() {
    let mut images = TINY_IMAGES[..16].to_vec();
    images[4..16].fill(0xff);
    let (error, _) = load_error(&images, &TINY_LABELS, Encoding::Raw);
    assert!(
        matches!(error, DatasetError::BadDimensions { .. }),
        "{error:?}"
    );
    images[4..16].copy_from_slice(&[0, 0, 0, 0xff, 0, 0, 0xff, 0xff, 0, 0, 0xff, 0xff]);
    let (error, message) = load_error(&images, &TINY_LABELS, Encoding::Raw);
    let expected = 16 + 255 * 0xffff_u64 * 0xffff;
    assert!(
        matches!(error, DatasetError::Truncated { expected: e, actual: 16, .. } if e == expected),
        "{error:?}"
    );
    assert!(message.contains("bad-images"), "{message}");
}

#[test]
fn corrupt_gzip() {
    let dir = TempDir::new().unwrap();
    let good = put(&dir, "good.gz", &TINY_IMAGES, Encoding::Gzip);
    let bytes = fs::read(good).unwrap();
    let labels = put(&dir, "labels", &TINY_LABELS, Encoding::Raw);

    let mut bad_crc = bytes.clone();
    let n = bad_crc.len();
    bad_crc[n - 8] ^= 0xff; // CRC-32 of the trailer
    for (name, corrupt) in [
        ("cut.gz", &bytes[..bytes.len() - 5]),
        ("crc.gz", &bad_crc[..]),
        ("head.gz", &bytes[..2]),
    ] {
        let path = put(&dir, name, corrupt, Encoding::Raw);
        let error = load_idx(&path, &labels).unwrap_err();
        assert!(
            matches!(error, DatasetError::BadGzip { .. }),
            "{name}: {error:?}"
        );
        assert!(error.to_string().contains(name), "{error}");
    }
}

#[test]
fn missing_file_is_io_error_with_path() {
    let dir = TempDir::new().unwrap();
    let absent = dir.path().join("absent-images");
    let error = load_idx(&absent, &absent).unwrap_err();
    assert!(
        matches!(error, DatasetError::Io { action: "read", .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("absent-images"), "{error}");
}

#[test]
fn split_dir_round_trip_and_name_resolution() {
    let dir = TempDir::new().unwrap();
    let train = tiny_set();
    let test = tiny_set().subset([1]);
    let paths = write_split_dir(dir.path(), &train, &test, Encoding::Gzip).unwrap();
    assert_eq!(
        paths.train_images,
        dir.path().join(format!("{TRAIN_IMAGES}.gz"))
    );
    assert_eq!(
        load_split_dir(dir.path()).unwrap(),
        (train.clone(), test.clone())
    );

    // A raw file is taken before its .gz.
    fs::write(dir.path().join(TEST_LABELS), [0, 0, 8, 1, 0, 0, 0, 1, 9]).unwrap();
    let (_, test_read) = load_split_dir(dir.path()).unwrap();
    assert_eq!(test_read.labels, vec![9]);

    fs::remove_file(dir.path().join(format!("{TEST_IMAGES}.gz"))).unwrap();
    let error = load_split_dir(dir.path()).unwrap_err();
    assert!(
        matches!(
            error,
            DatasetError::MissingFile {
                name: TEST_IMAGES,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("t10k-images-idx3-ubyte.gz"),
        "{error}"
    );
}

fn image_sets() -> impl Strategy<Value = ImageSet> {
    (0_usize..5, 1_usize..6, 1_usize..6).prop_flat_map(|(n, rows, cols)| {
        (
            proptest::collection::vec(any::<u8>(), n * rows * cols),
            proptest::collection::vec(0_u8..10, n),
        )
            .prop_map(move |(pixels, labels)| ImageSet {
                rows,
                cols,
                pixels,
                labels,
            })
    })
}

proptest! {
    #[test]
    fn any_set_round_trips(set in image_sets(), gzip in any::<bool>()) {
        let dir = TempDir::new().unwrap();
        let (images, labels) = (dir.path().join("i"), dir.path().join("l"));
        let encoding = if gzip { Encoding::Gzip } else { Encoding::Raw };
        set.write_idx(&images, &labels, encoding).unwrap();
        let read = load_idx(&images, &labels).unwrap();
        // With no image, rows and columns are still in the header.
        prop_assert_eq!(read, set);
    }

    #[test]
    fn no_input_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let dir = TempDir::new().unwrap();
        let path = put(&dir, "any", &bytes, Encoding::Raw);
        let _ = load_idx(&path, &path);
    }
}

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

#[test]
fn shipped_mnist_sample_has_300_and_100_of_each_digit() {
    let (train, test) = load_split_dir(&repo_path("data/mnist-sample")).unwrap();
    assert_eq!((train.len(), test.len()), (3000, 1000));
    assert_eq!(
        (train.rows, train.cols, test.rows, test.cols),
        (28, 28, 28, 28)
    );
    assert_eq!(train.class_counts(), [300; 10]);
    assert_eq!(test.class_counts(), [100; 10]);
    // Sorted by digit, as the converter concatenates the digit files.
    assert!(train.labels.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn debian_fashion_mnist_if_installed() {
    let dir = Path::new(FASHION_MNIST_DEBIAN_DIR);
    if !dir.is_dir() {
        println!(
            "skipped: {FASHION_MNIST_DEBIAN_DIR} is absent (Debian package dataset-fashion-mnist)"
        );
        return;
    }
    let (train, test) = load_split_dir(dir).unwrap();
    assert_eq!((train.len(), test.len()), (60_000, 10_000));
    assert_eq!((train.rows, train.cols), (28, 28));
    assert_eq!(train.class_counts(), [6000; 10]);
    assert_eq!(test.class_counts(), [1000; 10]);
}

/// An empty split loads as an error naming its image file, not as 0 samples.
#[test]
fn an_empty_split_is_an_error() {
    let dir = TempDir::new().unwrap();
    write_split_dir(dir.path(), &tiny_set(), &ImageSet::new(2, 3), Encoding::Raw).unwrap();
    let error = load_split_dir(dir.path()).unwrap_err();
    assert!(
        matches!(error, DatasetError::EmptySplit { split: "test", .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!(
            "{}: the test split holds no samples",
            dir.path().join(TEST_IMAGES).display()
        )
    );
    write_split_dir(dir.path(), &ImageSet::new(2, 3), &tiny_set(), Encoding::Raw).unwrap();
    let error = load_split_dir(dir.path()).unwrap_err().to_string();
    assert!(
        error.ends_with("the train split holds no samples"),
        "{error}"
    );
}

/// A directory where a file is expected, and a file or nothing where the directory is.
#[test]
fn a_directory_instead_of_a_file_is_said_so() {
    let dir = TempDir::new().unwrap();
    write_split_dir(dir.path(), &tiny_set(), &tiny_set(), Encoding::Raw).unwrap();
    let labels = dir.path().join(TEST_LABELS);
    fs::remove_file(&labels).unwrap();
    fs::create_dir(&labels).unwrap();
    let error = load_split_dir(dir.path()).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("{}: is a directory, not a file", labels.display())
    );
    let file = dir.path().join(TEST_IMAGES);
    let error = load_split_dir(&file).unwrap_err().to_string();
    assert_eq!(error, format!("{}: not a directory", file.display()));
    let error = load_split_dir(&dir.path().join("nope"))
        .unwrap_err()
        .to_string();
    assert!(error.ends_with("nope: no such directory"), "{error}");
}
