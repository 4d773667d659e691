//! Image sets (MNIST layout) from `golden::dataset`, turned into float training data.

use ndarray::Array2;

pub use golden::dataset::{load_split_dir, DatasetError, ImageSet};

use super::Dataset;

/// Inputs scaled to [0, 1] (pixel / 255, as torchvision's `ToTensor`), one-hot targets.
pub fn to_dataset(images: &ImageSet, classes: usize) -> Dataset {
    let inputs = Array2::from_shape_vec(
        (images.labels.len(), images.rows * images.cols),
        images.pixels.iter().map(|&p| p as f32 / 255.0).collect(),
    )
    .expect("golden checks pixels.len() == labels × rows × cols");
    Dataset::classification(inputs, images.labels.clone(), classes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_scale_to_unit_range_and_labels_become_one_hot() {
        let images = ImageSet {
            rows: 1,
            cols: 2,
            pixels: vec![0, 255, 51, 102],
            labels: vec![3, 7],
        };
        let data = to_dataset(&images, 10);
        assert_eq!(data.inputs, ndarray::arr2(&[[0.0, 1.0], [0.2, 0.4]]));
        assert_eq!(data.targets[[0, 3]], 1.0);
        assert_eq!(data.targets[[1, 7]], 1.0);
        assert_eq!(data.targets.sum(), 2.0);
    }
}
