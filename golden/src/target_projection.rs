//! Target projection: the label-selected random row `B_kᵀ y*` of DRTP, regenerated on the fly.
//!
//! No matrix `B` is stored. For hidden layer `k` and label `c`, an LFSR is loaded with
//! [`seed`]`(base, k, c)` and stepped once per neuron `j` (ascending); the bit shifted out gives
//! `B_kjc = +1` (bit 1) or `−1` (bit 0).

use crate::lfsr::Lfsr;

/// LFSR seed of layer `layer`, label `label`: the base seed XOR a dense per-(layer, label)
/// constant (so that the rows of different labels are uncorrelated from their first bit);
/// a zero result loads 1. The constants are `(layer·256 + label + 1) · 0x9E37_79B9` mod 2^32
/// (a ROM of `layers × classes` words in hardware).
pub fn seed(base: u32, layer: usize, label: usize) -> u32 {
    let s = base ^ ((layer as u32 * 256 + label as u32 + 1).wrapping_mul(0x9E37_79B9));
    if s == 0 {
        1
    } else {
        s
    }
}

/// The projected target row `B_k[·, label]` for `neurons` neurons, as ±1.
pub fn row(base: u32, layer: usize, label: usize, neurons: usize) -> Vec<i8> {
    let mut lfsr = Lfsr::new(seed(base, layer, label));
    (0..neurons)
        .map(|_| if lfsr.step() { 1 } else { -1 })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_mixing() {
        assert_eq!(seed(0, 0, 0), 0x9E37_79B9);
        assert_eq!(seed(0x9E37_79B9, 0, 0), 1);
        assert_eq!(
            seed(0xFFFF_FFFF, 0, 1),
            0xFFFF_FFFF ^ 0x9E37_79B9u32.wrapping_mul(2)
        );
        assert_eq!(seed(0, 1, 0), 257u32.wrapping_mul(0x9E37_79B9));
    }

    #[test]
    fn row_is_the_lfsr_bit_sequence() {
        // Seed 1 (base 0x9E3779B9, layer 0, label 0): shifted-out bits are 1, 1, 0, 1, ...
        // (state 1 → 0x80200003 → 0xC0300002 → 0x60180001 → ...).
        let r = row(0x9E37_79B9, 0, 0, 4);
        assert_eq!(r, vec![1, 1, -1, 1]);
    }

    #[test]
    fn rows_of_different_labels_are_nearly_uncorrelated() {
        let rows: Vec<Vec<i8>> = (0..10).map(|c| row(0xB0A7_5EED, 0, c, 1000)).collect();
        for a in 0..10 {
            for b in 0..a {
                let dot: i32 = rows[a]
                    .iter()
                    .zip(&rows[b])
                    .map(|(&x, &y)| i32::from(x * y))
                    .sum();
                assert!(dot.abs() < 120, "labels {a},{b}: dot {dot}");
            }
        }
    }
}
