//! Neuron activations of the FC layers, in integers.
//!
//! Hidden layers use a hard tanh: `a = z >> shift`, `y = clamp(a, −ymax, ymax)` with
//! `ymax = 2^(activation_bits−1) − 1`, and its derivative window `f'(z) = 1` if `|a| < ymax`
//! (strictly inside the linear region), else 0. DRTP needs this saturation.
//!
//! The output layer uses a hard sigmoid for its error: `p = clamp((z >> shift) + one/2, 0, one)`
//! with `one = 2^probability_bits`; the BCE gradient through a sigmoid is `e = p − one·y*`.

/// Hard tanh of an accumulator: `(y, f')`.
#[inline(always)]
pub fn hard_tanh(z: i32, shift: u32, ymax: i32) -> (i32, bool) {
    let a = z >> shift;
    (a.clamp(-ymax, ymax), a > -ymax && a < ymax)
}

/// Hard sigmoid of an output accumulator, in units of `2^−probability_bits`.
#[inline(always)]
pub fn hard_sigmoid(z: i32, shift: u32, probability_bits: u32) -> i32 {
    let one = 1 << probability_bits;
    ((z >> shift) + one / 2).clamp(0, one)
}

/// Output error of class `c` for target `label`: `e = p − one·[c = label]`.
#[inline(always)]
pub fn output_error(p: i32, is_target: bool, probability_bits: u32) -> i32 {
    p - if is_target { 1 << probability_bits } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_tanh_and_window() {
        assert_eq!(hard_tanh(0, 4, 127), (0, true));
        assert_eq!(hard_tanh(16 * 126, 4, 127), (126, true));
        assert_eq!(hard_tanh(16 * 127, 4, 127), (127, false));
        assert_eq!(hard_tanh(16 * 127 - 1, 4, 127), (126, true));
        assert_eq!(hard_tanh(100_000, 4, 127), (127, false));
        assert_eq!(hard_tanh(-16 * 126, 4, 127), (-126, true));
        assert_eq!(hard_tanh(-16 * 126 - 1, 4, 127), (-127, false)); // floor: −2017 >> 4 = −127
        assert_eq!(hard_tanh(-1, 4, 127), (-1, true));
        assert_eq!(hard_tanh(i32::MIN, 4, 127), (-127, false));
    }

    #[test]
    fn hard_sigmoid_and_error() {
        assert_eq!(hard_sigmoid(0, 6, 7), 64);
        assert_eq!(hard_sigmoid(64 * 64, 6, 7), 128);
        assert_eq!(hard_sigmoid(64 * 64 + 1000, 6, 7), 128);
        assert_eq!(hard_sigmoid(-64 * 64, 6, 7), 0);
        assert_eq!(hard_sigmoid(-1, 6, 7), 63);
        assert_eq!(output_error(128, true, 7), 0);
        assert_eq!(output_error(0, true, 7), -128);
        assert_eq!(output_error(40, false, 7), 40);
    }
}
