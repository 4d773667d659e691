//! Data sets as the trainer sees them: float inputs, float targets, optional class labels.

pub mod images;
pub mod synth;

use ndarray::{Array2, Axis};
use rand::seq::SliceRandom;
use rand::Rng;

#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// samples × features
    pub inputs: Array2<f32>,
    /// samples × outputs: one-hot for classification, real values for regression
    pub targets: Array2<f32>,
    /// class of each sample; `None` for regression
    pub labels: Option<Vec<u8>>,
}

impl Dataset {
    /// A classification set with one-hot targets built from `labels`.
    pub fn classification(inputs: Array2<f32>, labels: Vec<u8>, classes: usize) -> Self {
        assert_eq!(inputs.nrows(), labels.len(), "one label per sample");
        let mut targets = Array2::zeros((labels.len(), classes));
        for (row, &label) in labels.iter().enumerate() {
            targets[[row, label as usize]] = 1.0;
        }
        Dataset {
            inputs,
            targets,
            labels: Some(labels),
        }
    }

    pub fn len(&self) -> usize {
        self.inputs.nrows()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn features(&self) -> usize {
        self.inputs.ncols()
    }

    pub fn outputs(&self) -> usize {
        self.targets.ncols()
    }

    /// The samples at `indices`, in that order.
    pub fn select(&self, indices: &[usize]) -> Dataset {
        Dataset {
            inputs: self.inputs.select(Axis(0), indices),
            targets: self.targets.select(Axis(0), indices),
            labels: self
                .labels
                .as_ref()
                .map(|l| indices.iter().map(|&i| l[i]).collect()),
        }
    }

    /// Splits off `count` randomly chosen samples as a validation set; returns
    /// `(training, validation)`.
    pub fn split_validation(&self, count: usize, rng: &mut impl Rng) -> (Dataset, Dataset) {
        assert!(count < self.len(), "validation slice larger than the set");
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.shuffle(rng);
        let (validation, training) = order.split_at(count);
        (self.select(training), self.select(validation))
    }

    /// The first `count` samples (or all of them).
    pub fn head(&self, count: usize) -> Dataset {
        let indices: Vec<usize> = (0..count.min(self.len())).collect();
        self.select(&indices)
    }
}
