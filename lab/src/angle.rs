//! Angle between two modulatory signals, the alignment measure of the paper's Figs 2–3.

use ndarray::{ArrayBase, Data, Dimension, Zip};

/// Angle in degrees between `a` and `b` taken as flat vectors (for a minibatch of signals,
/// the Frobenius inner product of the batch × units matrices). `None` when either is zero,
/// e.g. shallow learning's hidden signals.
pub fn angle_degrees<S, T, D>(a: &ArrayBase<S, D>, b: &ArrayBase<T, D>) -> Option<f64>
where
    S: Data<Elem = f32>,
    T: Data<Elem = f32>,
    D: Dimension,
{
    let (mut dot, mut aa, mut bb) = (0.0f64, 0.0f64, 0.0f64);
    Zip::from(a).and(b).for_each(|&x, &y| {
        let (x, y) = (x as f64, y as f64);
        dot += x * y;
        aa += x * x;
        bb += y * y;
    });
    if aa == 0.0 || bb == 0.0 {
        return None;
    }
    // One square root of the product keeps parallel integer vectors at exactly cos = 1.
    let cos = (dot / (aa * bb).sqrt()).clamp(-1.0, 1.0);
    Some(cos.acos().to_degrees())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{arr1, arr2};

    #[test]
    fn orthogonal_vectors_are_at_90_degrees() {
        assert_eq!(
            angle_degrees(&arr1(&[1.0, 0.0, 0.0]), &arr1(&[0.0, 2.5, 0.0])),
            Some(90.0)
        );
    }

    #[test]
    fn parallel_vectors_are_at_0_degrees() {
        assert_eq!(
            angle_degrees(&arr1(&[1.0, 2.0, 3.0]), &arr1(&[2.0, 4.0, 6.0])),
            Some(0.0)
        );
    }

    #[test]
    fn antiparallel_vectors_are_at_180_degrees() {
        assert_eq!(
            angle_degrees(&arr1(&[1.0, -2.0]), &arr1(&[-3.0, 6.0])),
            Some(180.0)
        );
    }

    #[test]
    fn a_45_degree_pair() {
        let angle = angle_degrees(&arr1(&[1.0, 0.0]), &arr1(&[1.0, 1.0])).unwrap();
        assert!((angle - 45.0).abs() < 1e-12, "{angle}");
    }

    #[test]
    fn batches_are_compared_as_flat_vectors() {
        // [[1, 0], [0, 0]] against [[0, 0], [0, 1]]: orthogonal once flattened.
        let a = arr2(&[[1.0, 0.0], [0.0, 0.0]]);
        let b = arr2(&[[0.0, 0.0], [0.0, 1.0]]);
        assert_eq!(angle_degrees(&a, &b), Some(90.0));
    }

    #[test]
    fn a_zero_signal_has_no_angle() {
        assert_eq!(angle_degrees(&arr1(&[0.0, 0.0]), &arr1(&[1.0, 0.0])), None);
    }
}
