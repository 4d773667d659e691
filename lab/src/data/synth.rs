//! The paper's two synthetic tasks.

use std::collections::HashSet;
use std::f32::consts::PI;

use ndarray::{s, Array2, Axis};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_distr::{Distribution, StandardNormal, Uniform};

use super::Dataset;

/// Regression task: `x ∈ R^features`, each entry `N(m, 1)` with one mean `m ~ U(−π, π)` per
/// sample; target `j` of `outputs` is `cos(mean(x) + φ_j)` with `φ_j = −π/2 + jπ/9`.
pub fn regression(samples: usize, features: usize, outputs: usize, rng: &mut impl Rng) -> Dataset {
    let mean_dist = Uniform::new(-PI, PI).expect("finite range");
    let mut inputs = Array2::zeros((samples, features));
    let mut targets = Array2::zeros((samples, outputs));
    for (mut x, mut t) in inputs.outer_iter_mut().zip(targets.outer_iter_mut()) {
        let m: f32 = mean_dist.sample(rng);
        x.mapv_inplace(|_| m + Distribution::<f32>::sample(&StandardNormal, rng));
        let sample_mean = x.mean().expect("features > 0");
        for (j, tj) in t.iter_mut().enumerate() {
            *tj = (sample_mean - PI / 2.0 + j as f32 * PI / 9.0).cos();
        }
    }
    Dataset {
        inputs,
        targets,
        labels: None,
    }
}

/// Parameters of [`make_classification`], named as in scikit-learn.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassificationParams {
    pub samples: usize,
    pub features: usize,
    pub informative: usize,
    pub redundant: usize,
    pub classes: usize,
    pub clusters_per_class: usize,
    pub class_sep: f32,
    /// Fraction of labels replaced by a uniformly drawn class (scikit-learn's default 0.01,
    /// which the paper's script leaves in place).
    pub flip_y: f32,
}

impl ClassificationParams {
    /// The paper's task: 30k samples (25k train, 5k test), 256 features, 128 informative,
    /// 10 classes of 5 clusters, class separation 4.5, no redundant feature.
    pub fn paper() -> Self {
        ClassificationParams {
            samples: 30_000,
            features: 256,
            informative: 128,
            redundant: 0,
            classes: 10,
            clusters_per_class: 5,
            class_sep: 4.5,
            flip_y: 0.01,
        }
    }
}

/// Same construction as scikit-learn's `make_classification` with `hypercube=True`,
/// `shift=0`, `scale=1`, `n_repeated=0`, `shuffle=True` (the paper's call), drawn from our own
/// seeded generator, so equal in distribution but not in value to scikit-learn's output:
/// cluster centroids on distinct vertices of the `±class_sep` hypercube of the informative
/// features, each cluster's Gaussian mixed by its own `U(−1, 1)` matrix (a random covariance),
/// redundant features as random mixtures of the informative ones, the rest pure noise,
/// `flip_y` of the labels redrawn, then samples and feature columns shuffled.
pub fn make_classification(params: &ClassificationParams, rng: &mut impl Rng) -> Dataset {
    let p = params;
    assert!(p.informative + p.redundant <= p.features);
    let clusters = p.classes * p.clusters_per_class;
    let centroids = hypercube_vertices(clusters, p.informative, rng)
        .mapv(|bit| bit * 2.0 * p.class_sep - p.class_sep);
    let mut inputs = normal_matrix(p.samples, p.features, rng);
    let mut labels = vec![0u8; p.samples];
    let unit = Uniform::new(-1.0f32, 1.0).expect("finite range");
    let mut start = 0;
    for (k, size) in cluster_sizes(p.samples, clusters).into_iter().enumerate() {
        let rows = start..start + size;
        labels[rows.clone()].fill((k % p.classes) as u8);
        let mixing =
            Array2::from_shape_simple_fn((p.informative, p.informative), || unit.sample(rng));
        let mut block = inputs.slice_mut(s![rows, ..p.informative]);
        let mixed = block.dot(&mixing) + centroids.row(k);
        block.assign(&mixed);
        start += size;
    }
    if p.redundant > 0 {
        let mixing =
            Array2::from_shape_simple_fn((p.informative, p.redundant), || unit.sample(rng));
        let redundant = inputs.slice(s![.., ..p.informative]).dot(&mixing);
        let end = p.informative + p.redundant;
        inputs
            .slice_mut(s![.., p.informative..end])
            .assign(&redundant);
    }
    flip_labels(&mut labels, p.flip_y, p.classes, rng);
    shuffle(inputs, labels, p.classes, rng)
}

/// Samples per cluster: equal shares, the remainder spread from the first cluster on.
fn cluster_sizes(samples: usize, clusters: usize) -> Vec<usize> {
    (0..clusters)
        .map(|k| samples / clusters + usize::from(k < samples % clusters))
        .collect()
}

fn normal_matrix(rows: usize, cols: usize, rng: &mut impl Rng) -> Array2<f32> {
    Array2::from_shape_simple_fn((rows, cols), || StandardNormal.sample(rng))
}

/// `count` distinct vertices of the unit hypercube in `dims` dimensions, as 0/1 rows.
/// As scikit-learn does, distinctness is enforced on the last 30 bits only (ample for
/// 50 clusters); earlier bits are free coin flips.
fn hypercube_vertices(count: usize, dims: usize, rng: &mut impl Rng) -> Array2<f32> {
    let low_bits = dims.min(30);
    assert!(count <= 1 << low_bits, "not enough hypercube vertices");
    let mut seen = HashSet::new();
    let mut vertices = Array2::zeros((count, dims));
    for mut row in vertices.outer_iter_mut() {
        for v in row.slice_mut(s![..dims - low_bits]).iter_mut() {
            *v = f32::from(rng.random::<bool>());
        }
        let code = loop {
            let code = rng.random_range(0..1u32 << low_bits);
            if seen.insert(code) {
                break code;
            }
        };
        for (bit, v) in row.slice_mut(s![dims - low_bits..]).iter_mut().enumerate() {
            *v = ((code >> (low_bits - 1 - bit)) & 1) as f32;
        }
    }
    vertices
}

fn flip_labels(labels: &mut [u8], fraction: f32, classes: usize, rng: &mut impl Rng) {
    for label in labels.iter_mut() {
        if rng.random::<f32>() < fraction {
            *label = rng.random_range(0..classes) as u8;
        }
    }
}

/// Shuffles the samples, then the feature columns, and one-hot encodes the labels.
fn shuffle(inputs: Array2<f32>, labels: Vec<u8>, classes: usize, rng: &mut impl Rng) -> Dataset {
    let mut rows: Vec<usize> = (0..inputs.nrows()).collect();
    rows.shuffle(rng);
    let mut cols: Vec<usize> = (0..inputs.ncols()).collect();
    cols.shuffle(rng);
    let inputs = inputs.select(Axis(0), &rows).select(Axis(1), &cols);
    let labels = rows.iter().map(|&r| labels[r]).collect();
    Dataset::classification(inputs, labels, classes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn regression_targets_follow_the_cosine_of_the_input_mean() {
        let data = regression(4, 16, 10, &mut ChaCha8Rng::seed_from_u64(1));
        for (x, t) in data.inputs.outer_iter().zip(data.targets.outer_iter()) {
            let m = x.mean().unwrap();
            assert_eq!(t[0], (m - PI / 2.0).cos());
            assert_eq!(t[9], (m - PI / 2.0 + 9.0 * PI / 9.0).cos());
        }
    }

    #[test]
    fn classification_has_balanced_clusters_on_hypercube_vertices() {
        let params = ClassificationParams {
            samples: 1000,
            features: 8,
            informative: 4,
            redundant: 2,
            classes: 2,
            clusters_per_class: 2,
            class_sep: 3.0,
            flip_y: 0.0,
        };
        let data = make_classification(&params, &mut ChaCha8Rng::seed_from_u64(7));
        assert_eq!(data.inputs.dim(), (1000, 8));
        let labels = data.labels.as_ref().unwrap();
        assert_eq!(labels.iter().filter(|&&l| l == 1).count(), 500);
        assert_eq!(data.targets.sum(), 1000.0);
    }

    #[test]
    fn hypercube_vertices_are_distinct_and_binary() {
        let v = hypercube_vertices(50, 40, &mut ChaCha8Rng::seed_from_u64(3));
        assert!(v.iter().all(|&b| b == 0.0 || b == 1.0));
        let rows: HashSet<Vec<u32>> = v
            .outer_iter()
            .map(|r| r.iter().map(|&b| b as u32).collect())
            .collect();
        assert_eq!(rows.len(), 50);
    }

    #[test]
    fn cluster_sizes_spread_the_remainder() {
        assert_eq!(cluster_sizes(11, 4), vec![3, 3, 3, 2]);
    }
}
