//! Fixed-point helpers shared by every block: saturation, arithmetic shifts and stochastic
//! rounding. Each exists once; the HDL mirrors these definitions.

/// Smallest value of a `bits`-wide two's-complement word.
pub const fn min_signed(bits: u32) -> i32 {
    -(1 << (bits - 1))
}

/// Largest value of a `bits`-wide two's-complement word.
pub const fn max_signed(bits: u32) -> i32 {
    (1 << (bits - 1)) - 1
}

/// The low `bits` bits of `v` as a two's-complement number (`1 ≤ bits ≤ 64`).
pub fn sext(v: u64, bits: usize) -> i64 {
    let shift = 64 - bits;
    (v << shift) as i64 >> shift
}

/// Saturates `v` into a `bits`-wide two's-complement word: `[−2^(bits−1), 2^(bits−1) − 1]`.
#[inline(always)]
pub fn saturate(v: i32, bits: u32) -> i32 {
    v.clamp(min_signed(bits), max_signed(bits))
}

/// Arithmetic right shift (floor division by `2^shift`), as a hardware `>>>`.
#[inline(always)]
pub fn shift_right(v: i32, shift: u32) -> i32 {
    v >> shift
}

/// `w ← saturate(w + delta, bits)` for a weight stored in 16 bits (`bits ≤ 16`), with
/// `[lo, hi]` the `bits`-wide range. Exact: saturating at 16 bits first never changes the result
/// of saturating at `bits`. Written for 16-bit SIMD lanes.
#[inline(always)]
pub fn add_saturating_i16(w: i16, delta: i16, lo: i16, hi: i16) -> i16 {
    w.saturating_add(delta).clamp(lo, hi)
}

/// Narrows an update to 16 bits without changing what it does to a weight of `≤ 16` bits:
/// any update beyond the 16-bit range saturates such a weight anyway.
#[inline(always)]
pub fn narrow_delta(delta: i32) -> i16 {
    delta.clamp(i32::from(i16::MIN), i32::from(i16::MAX)) as i16
}

/// Stochastic rounding of `v · 2^−shift`: `(v + r) >> shift`, where `r` is the low `shift`
/// bits of a 16-bit random draw. Unbiased: over a uniform `r` the mean is exactly `v / 2^shift`.
/// `shift == 0` returns `v`.
#[inline(always)]
pub fn stochastic_round(v: i32, shift: u32, draw: u16) -> i32 {
    let r = i32::from(draw) & ((1 << shift) - 1);
    (v + r) >> shift
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saturate_clamps_at_both_ends_of_8_bits() {
        assert_eq!(saturate(127, 8), 127);
        assert_eq!(saturate(128, 8), 127);
        assert_eq!(saturate(-128, 8), -128);
        assert_eq!(saturate(-129, 8), -128);
        assert_eq!(saturate(i32::MIN, 8), -128);
        assert_eq!(saturate(i32::MAX, 8), 127);
        assert_eq!(saturate(-5, 8), -5);
    }

    #[test]
    fn saturate_most_negative_value_is_kept() {
        assert_eq!(saturate(min_signed(12), 12), -2048);
        assert_eq!(saturate(-2049, 12), -2048);
        assert_eq!(saturate(2048, 12), 2047);
        assert_eq!(min_signed(2), -2);
        assert_eq!(max_signed(2), 1);
    }

    #[test]
    fn shift_right_floors_negative_values() {
        assert_eq!(shift_right(7, 2), 1);
        assert_eq!(shift_right(-7, 2), -2);
        assert_eq!(shift_right(-8, 2), -2);
        assert_eq!(shift_right(-1, 4), -1);
        assert_eq!(shift_right(i32::MIN, 31), -1);
    }

    #[test]
    fn stochastic_round_uses_the_low_bits_of_the_draw() {
        // 3 / 4 = 0.75: rounds up for r in {1, 2, 3}, down for r = 0.
        assert_eq!(stochastic_round(3, 2, 0b00), 0);
        assert_eq!(stochastic_round(3, 2, 0b01), 1);
        assert_eq!(stochastic_round(3, 2, 0b11), 1);
        // Only the low `shift` bits count.
        assert_eq!(stochastic_round(3, 2, 0xFFFC), 0);
        // −3 / 4 = −0.75: −1 unless r = 3.
        assert_eq!(stochastic_round(-3, 2, 0), -1);
        assert_eq!(stochastic_round(-3, 2, 2), -1);
        assert_eq!(stochastic_round(-3, 2, 3), 0);
        assert_eq!(stochastic_round(-5, 0, 0xFFFF), -5);
        assert_eq!(stochastic_round(-16384, 16, 0xFFFF), 0);
        assert_eq!(stochastic_round(-16384, 16, 0), -1);
    }

    #[test]
    fn sixteen_bit_weight_updates_saturate_exactly() {
        for (w, d, bits) in [
            (120i16, 20i32, 8u32),
            (-120, -20, 8),
            (5, -3, 8),
            (32767, 40000, 16),
            (-32768, -70000, 16),
            (100, -40000, 8),
        ] {
            let (lo, hi) = (min_signed(bits) as i16, max_signed(bits) as i16);
            let exact = saturate(i32::from(w) + d, bits);
            assert_eq!(
                i32::from(add_saturating_i16(w, narrow_delta(d), lo, hi)),
                exact,
                "{w} + {d}"
            );
        }
    }

    #[test]
    fn stochastic_round_is_unbiased_over_all_draws() {
        for shift in 0..=6u32 {
            for v in -40..=40 {
                let sum: i32 = (0..(1u16 << shift))
                    .map(|r| stochastic_round(v, shift, r))
                    .sum();
                assert_eq!(sum, v, "v={v} shift={shift}");
            }
        }
    }
}
