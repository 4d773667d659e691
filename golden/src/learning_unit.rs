//! The DRTP learning unit: weight updates computed from local signals only.
//!
//! Hidden layer `k` (DRTP): `d_j = B_kj(label) · f'(z_j) ∈ {−1, 0, +1}`; for every nonzero input
//! `x_i` (ascending) one rounding draw `r` gives `q_i = (x_i + r mod 2^s) >> s` (stochastic
//! rounding of `x_i · 2^−s`), and every neuron's weight becomes `w_ij ← sat(w_ij − d_j · q_i)`.
//! This is `ΔW = −η δz yᵀ` with `δz = (Bᵀ y*) ⊙ f'` and `η = 2^−s`.
//!
//! Output layer: error `e_c = p_c − one·y*_c`; for every nonzero hidden activation `y_j`
//! (ascending) one draw `r`, then `w_jc ← sat(w_jc + ((−e_c · y_j + r mod 2^s) >> s))`.
//!
//! A layer whose modulatory signal (`d` or `e`) is all zero is skipped and uses no draw.

use crate::fc::{ActiveInput, FcLayer};
use crate::fixed::{narrow_delta, stochastic_round};
use crate::lfsr::Lfsr;

/// DRTP update of a hidden layer. Returns the number of rounding draws used.
pub fn update_hidden(
    layer: &mut FcLayer,
    inputs: &[ActiveInput],
    modulation: &[i8],
    lr_shift: u32,
    rounding: &mut Lfsr,
) -> usize {
    if modulation.iter().all(|&d| d == 0) {
        return 0;
    }
    for &(i, x) in inputs {
        let q = narrow_delta(stochastic_round(x, lr_shift, rounding.draw()));
        if q != 0 {
            layer.add_saturating(i as usize, modulation.iter().map(|&d| -i16::from(d) * q));
        }
    }
    inputs.len()
}

/// Update of the output layer from its own error. Returns the number of rounding draws used.
pub fn update_output(
    layer: &mut FcLayer,
    hidden: &[ActiveInput],
    error: &[i32],
    lr_shift: u32,
    rounding: &mut Lfsr,
) -> usize {
    if error.iter().all(|&e| e == 0) {
        return 0;
    }
    for &(j, y) in hidden {
        let r = rounding.draw();
        let deltas = error
            .iter()
            .map(|&e| narrow_delta(stochastic_round(-e * y, lr_shift, r)));
        layer.add_saturating(j as usize, deltas);
    }
    hidden.len()
}

/// DRTP modulatory signal of a hidden layer: `d_j = B_j · f'_j`.
pub fn drtp_modulation(projection: &[i8], window: &[bool], out: &mut Vec<i8>) {
    out.clear();
    out.extend(
        projection
            .iter()
            .zip(window)
            .map(|(&b, &w)| if w { b } else { 0 }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_update_by_hand() {
        // 2 inputs × 3 neurons, lr shift 1, rounding LFSR from seed 1: draws 0xB6C3 (low bit 1),
        // 0x3DB5 (low bit 1).
        let mut layer = FcLayer::zeros(2, 3, 8);
        layer.set_weight(1, 2, -127);
        let inputs = [(0u32, 3), (1u32, 1)];
        let modulation = [1i8, 0, -1];
        let mut lfsr = Lfsr::new(1);
        let draws = update_hidden(&mut layer, &inputs, &modulation, 1, &mut lfsr);
        assert_eq!(draws, 2);
        // q_0 = (3 + 1) >> 1 = 2; q_1 = (1 + 1) >> 1 = 1.
        // w_0 = [0 − 2, 0, 0 + 2]; w_1 = [0 − 1, 0, −127 + 1].
        assert_eq!(layer.weights(), &[-2, 0, 2, -1, 0, -126]);
    }

    #[test]
    fn hidden_update_skipped_when_every_neuron_is_saturated() {
        let mut layer = FcLayer::zeros(1, 2, 8);
        let mut lfsr = Lfsr::new(1);
        assert_eq!(
            update_hidden(&mut layer, &[(0, 3)], &[0, 0], 0, &mut lfsr),
            0
        );
        assert_eq!(lfsr.state(), 1);
        assert_eq!(layer.weights(), &[0, 0]);
    }

    #[test]
    fn output_update_by_hand() {
        // 1 hidden input y = −5 × 2 classes; e = [64, −32]; shift 4; draw 0xB6C3 → r = 3.
        let mut layer = FcLayer::zeros(1, 2, 8);
        let mut lfsr = Lfsr::new(1);
        update_output(&mut layer, &[(0, -5)], &[64, -32], 4, &mut lfsr);
        // c0: (−64·−5 + 3) >> 4 = 323 >> 4 = 20; c1: (−(−32)·−5 + 3) >> 4 = −157 >> 4 = −10.
        assert_eq!(layer.weights(), &[20, -10]);
    }

    #[test]
    fn modulation_masks_the_projection_with_the_window() {
        let mut d = Vec::new();
        drtp_modulation(&[1, -1, -1, 1], &[true, true, false, false], &mut d);
        assert_eq!(d, vec![1, -1, 0, 0]);
    }
}
