//! A labelled set of same-sized grey-level images (MNIST, Fashion-MNIST), and its IDX files.

use std::path::Path;

use super::idx::{self, Encoding};
use super::DatasetError;

/// Number of classes of MNIST and Fashion-MNIST; labels are `0..CLASSES`.
pub const CLASSES: usize = 10;

/// Labelled grey-level images, stored one after the other.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageSet {
    /// Image height in pixels.
    pub rows: usize,
    /// Image width in pixels.
    pub cols: usize,
    /// Pixels (0 = background, 255 = full intensity), image after image, each row-major;
    /// `pixels.len() == labels.len() * rows * cols`.
    pub pixels: Vec<u8>,
    /// Class of each image, `0..=9` (checked on load).
    pub labels: Vec<u8>,
}

impl ImageSet {
    /// An empty set of `rows`×`cols` images.
    pub fn new(rows: usize, cols: usize) -> Self {
        Self {
            rows,
            cols,
            ..Self::default()
        }
    }

    /// Number of images.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Pixels in one image (`rows * cols`).
    pub fn image_len(&self) -> usize {
        self.rows * self.cols
    }

    /// The pixels of image `i`, row-major. Panics if `i >= self.len()`, like slice indexing.
    pub fn image(&self, i: usize) -> &[u8] {
        let n = self.image_len();
        &self.pixels[i * n..(i + 1) * n]
    }

    /// The label of image `i`. Panics if `i >= self.len()`, like slice indexing.
    pub fn label(&self, i: usize) -> u8 {
        self.labels[i]
    }

    /// Appends one image. Panics if `image.len() != self.image_len()`.
    pub fn push(&mut self, image: &[u8], label: u8) {
        assert_eq!(image.len(), self.image_len(), "image size of the set");
        self.pixels.extend_from_slice(image);
        self.labels.push(label);
    }

    /// The images at `indices`, in that order: a range (`0..100`) or any list of indices.
    /// Panics on an index `>= self.len()`.
    pub fn subset(&self, indices: impl IntoIterator<Item = usize>) -> ImageSet {
        let mut out = ImageSet::new(self.rows, self.cols);
        for i in indices {
            out.push(self.image(i), self.label(i));
        }
        out
    }

    /// The images in a seeded shuffle (`train::epoch_order(len, seed, 0)`). Every suite, test
    /// or demo that takes the first N samples of a set takes them from this: a dataset may be
    /// sorted by class (`data/mnist-sample` is), and its prefix would hold one class.
    pub fn shuffled(&self, seed: u32) -> ImageSet {
        self.subset(crate::train::epoch_order(self.len(), seed, 0))
    }

    /// How many images each class has; labels above 9 are not counted.
    pub fn class_counts(&self) -> [usize; CLASSES] {
        let mut counts = [0; CLASSES];
        for &label in &self.labels {
            if let Some(count) = counts.get_mut(usize::from(label)) {
                *count += 1;
            }
        }
        counts
    }

    /// The first `n` images of each class (fewer if the class has fewer), keeping their order in
    /// the set.
    pub fn first_per_class(&self, n: usize) -> ImageSet {
        let mut taken = [0; CLASSES];
        let keep = (0..self.len()).filter(|&i| match taken.get_mut(usize::from(self.label(i))) {
            Some(count) if *count < n => {
                *count += 1;
                true
            }
            _ => false,
        });
        self.subset(keep.collect::<Vec<_>>())
    }

    /// Writes the images and the labels as two IDX files.
    pub fn write_idx(
        &self,
        images: &Path,
        labels: &Path,
        encoding: Encoding,
    ) -> Result<(), DatasetError> {
        let dim = |path: &Path, what: &str, value: usize| {
            u32::try_from(value).map_err(|_| DatasetError::BadDimensions {
                path: path.to_owned(),
                problem: format!("{what} {value} does not fit the 32 bits of an IDX dimension"),
            })
        };
        let count = dim(images, "image count", self.len())?;
        let image_dims = [
            count,
            dim(images, "rows", self.rows)?,
            dim(images, "columns", self.cols)?,
        ];
        idx::write_idx(images, &image_dims, &self.pixels, encoding)?;
        idx::write_idx(labels, &[count], &self.labels, encoding)
    }
}

/// Reads a set from an IDX image file and its IDX label file, each raw or gzip-compressed.
pub fn load_idx(images: &Path, labels: &Path) -> Result<ImageSet, DatasetError> {
    let image_array = idx::read_idx(images, 3)?;
    let label_array = idx::read_idx(labels, 1)?;
    debug_assert_eq!(image_array.dims.len(), 3);
    let [count, rows, cols] = [0, 1, 2].map(|d| image_array.dims[d] as usize);
    if rows == 0 || cols == 0 {
        return Err(DatasetError::BadDimensions {
            path: images.to_owned(),
            problem: format!("{count} images of {rows}×{cols} pixels"),
        });
    }
    if label_array.data.len() != count {
        return Err(DatasetError::CountMismatch {
            images: images.to_owned(),
            labels: labels.to_owned(),
            image_count: count,
            label_count: label_array.data.len(),
        });
    }
    if let Some((index, &label)) = label_array
        .data
        .iter()
        .enumerate()
        .find(|(_, &label)| usize::from(label) >= CLASSES)
    {
        return Err(DatasetError::LabelOutOfRange {
            path: labels.to_owned(),
            index,
            label,
        });
    }
    Ok(ImageSet {
        rows,
        cols,
        pixels: image_array.data,
        labels: label_array.data,
    })
}
