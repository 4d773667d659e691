//! The DRTP learning unit's weight update (golden `learning_unit.rs`): the output rule's
//! rounding shift, shared by the lanes ([`OutputRound`]), and one update lane per weight of a
//! word ([`UpdateLane`]).
//!
//! Hidden layer: `w ← sat(w − d · q)` with `d ∈ {−1, 0, +1}` (the lane's modulation) and
//! `q = sr(x_i, s_h, r)` the input's stochastically rounded value (shared by the row).
//! Output layer: `w ← sat(w + ((p + r mod 2^s) >> s))` with `p = −e_c · y_j` the lane's product
//! (from the FC lane's multiplier) and `r mod 2^s` shared by the row. `sat` clamps to the range of
//! `fc.weight_bits`. Widths are the least that are exact: `p + r mod 2^s` needs 18 bits
//! (`|p| ≤ 2^14`, `r < 2^16`); the arithmetic shift is a barrel shifter of five stages that fill
//! with the sign (one LUT per bit and stage); the update is then clamped to `[−256, 255]`, which
//! changes no result (an 8-bit weight plus any update beyond that range saturates anyway).
//! One shifter serves the 8 lanes, one lane per cycle (the engine's *RowShift* cycles), and each
//! lane registers its update (`delta_q`): the shifter is the larger part of an update lane. The
//! shifter registers its sum (`p + r mod 2^s`), and the lanes their update, so that the product
//! multiplexer, the shifter and the weight's saturation are three paths, not one.
//! The registered update (or the hidden rule's `−d · q`, combinational) is added in 10 bits. The
//! sum saturates when it does not fit `weight_bits` (its bits from `weight_bits − 1` up differ):
//! a test of those bits, not two comparators (carry chains) — the range of `weight_bits` bits is
//! exactly `[lo, hi]`.
//! The sequencing (scan, draws, read–modify–write) is in `fc.rs`.

use crate::params::{sign_fill, twos, Params, FC_WEIGHT_BITS, FC_WORD};
use rust_hdl::prelude::*;

/// Width of `p + r mod 2^s`, two's complement.
pub const ROUND_BITS: usize = 18;
/// Width of the clamped update and of the sum with the weight, two's complement.
pub const DELTA_BITS: usize = 10;

/// The output rule's update of one product: `(p + r mod 2^s) >> s`, clamped to `[−256, 255]`,
/// in two stages: the sum `p + r mod 2^s` is registered (`sum_q`), so `delta` is the update of
/// the product and `r` of the edge before.
#[derive(LogicBlock, Default)]
pub struct OutputRound {
    pub clock: Signal<In, Clock>,
    /// Product `−e · y`, s16.
    pub product: Signal<In, Bits<16>>,
    /// `r mod 2^s`.
    pub round: Signal<In, Bits<16>>,
    /// Learning-rate shift `s` (0..=16).
    pub shift: Signal<In, Bits<5>>,
    /// The update, s`DELTA_BITS`.
    pub delta: Signal<Out, Bits<DELTA_BITS>>,
    product_wide: Signal<Local, Bits<ROUND_BITS>>,
    sum_q: DFF<Bits<ROUND_BITS>>,
    negative: Signal<Local, Bit>,
    /// The shifter's stages: shifted by `s & 16`, `s & 24`, `s & 28`, `s & 30`, then `s`.
    by16: Signal<Local, Bits<ROUND_BITS>>,
    by8: Signal<Local, Bits<ROUND_BITS>>,
    by4: Signal<Local, Bits<ROUND_BITS>>,
    by2: Signal<Local, Bits<ROUND_BITS>>,
    shifted: Signal<Local, Bits<ROUND_BITS>>,
    /// `shifted` fits `DELTA_BITS − 1` bits and a sign.
    fits: Signal<Local, Bit>,
}

impl Logic for OutputRound {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, sum_q);
        self.product_wide.next = bit_cast::<ROUND_BITS, 16>(self.product.val());
        if self.product.val().get_bit(15) {
            self.product_wide.next = bit_cast::<ROUND_BITS, 16>(self.product.val()) | 0x3_0000_u64;
        }
        self.sum_q.d.next = self.product_wide.val() + bit_cast::<ROUND_BITS, 16>(self.round.val());
        self.negative.next = self.sum_q.q.val().get_bit(ROUND_BITS - 1);
        self.by16.next = self.sum_q.q.val();
        if self.shift.val().get_bit(4) {
            self.by16.next = self.sum_q.q.val() >> 16;
            if self.negative.val() {
                self.by16.next = (self.sum_q.q.val() >> 16) | 0x3_FFFC_u64;
            }
        }
        self.by8.next = self.by16.val();
        if self.shift.val().get_bit(3) {
            self.by8.next = self.by16.val() >> 8;
            if self.negative.val() {
                self.by8.next = (self.by16.val() >> 8) | 0x3_FC00_u64;
            }
        }
        self.by4.next = self.by8.val();
        if self.shift.val().get_bit(2) {
            self.by4.next = self.by8.val() >> 4;
            if self.negative.val() {
                self.by4.next = (self.by8.val() >> 4) | 0x3_C000_u64;
            }
        }
        self.by2.next = self.by4.val();
        if self.shift.val().get_bit(1) {
            self.by2.next = self.by4.val() >> 2;
            if self.negative.val() {
                self.by2.next = (self.by4.val() >> 2) | 0x3_0000_u64;
            }
        }
        self.shifted.next = self.by2.val();
        if self.shift.val().get_bit(0) {
            self.shifted.next = self.by2.val() >> 1;
            if self.negative.val() {
                self.shifted.next = (self.by2.val() >> 1) | 0x2_0000_u64;
            }
        }
        self.fits.next = !self.shifted.val().get_bits::<10>(8).any()
            || self.shifted.val().get_bits::<10>(8).all();
        self.delta.next = bit_cast::<DELTA_BITS, ROUND_BITS>(self.shifted.val());
        if !self.fits.val() {
            self.delta.next = 0xFF.into();
            if self.shifted.val().get_bit(ROUND_BITS - 1) {
                self.delta.next = 0x300.into();
            }
        }
    }
}

#[derive(LogicBlock)]
pub struct UpdateLane {
    pub clock: Signal<In, Clock>,
    /// Weight before the update, s`FC_WEIGHT_BITS`.
    pub weight: Signal<In, Bits<FC_WEIGHT_BITS>>,
    /// Output layer rule (else the hidden rule).
    pub output_layer: Signal<In, Bit>,
    /// Hidden: modulation `d`, 2-bit two's complement (01 = +1, 11 = −1, 00 = 0).
    pub modulation: Signal<In, Bits<2>>,
    /// Hidden: rounded input `q` and `−q` (s`DELTA_BITS`; `|q| < 2^(INPUT_BITS − 1)`), extended
    /// and negated once for the lanes by the engine.
    pub rounded_wide: Signal<In, Bits<DELTA_BITS>>,
    pub rounded_negated: Signal<In, Bits<DELTA_BITS>>,
    /// Output: this lane's update from the shared [`OutputRound`], registered at an edge where
    /// `load_delta` is high.
    pub output_delta: Signal<In, Bits<DELTA_BITS>>,
    pub load_delta: Signal<In, Bit>,
    /// The new weight at this lane's place in a weight word, zero elsewhere.
    pub placed: Signal<Out, Bits<FC_WORD>>,
    delta_q: DFF<Bits<DELTA_BITS>>,
    delta: Signal<Local, Bits<DELTA_BITS>>,
    weight_wide: Signal<Local, Bits<DELTA_BITS>>,
    total: Signal<Local, Bits<DELTA_BITS>>,
    /// `total`'s bits from `weight_bits − 1` up.
    high: Signal<Local, Bits<DELTA_BITS>>,
    saturated: Signal<Local, Bits<DELTA_BITS>>,
    new_weight: Signal<Local, Bits<FC_WEIGHT_BITS>>,
    offset: Constant<Bits<8>>,
    lo: Constant<Bits<DELTA_BITS>>,
    hi: Constant<Bits<DELTA_BITS>>,
    high_mask: Constant<Bits<DELTA_BITS>>,
    /// Ones above an `FC_WEIGHT_BITS` weight in `DELTA_BITS`: its sign extension.
    weight_fill: Constant<Bits<DELTA_BITS>>,
}

impl UpdateLane {
    /// Lane `lane` of a weight word.
    pub fn new(p: &Params, lane: usize) -> Self {
        let c = |v: i64| Constant::new(twos(v, DELTA_BITS).into());
        // lo = −2^(b−1) has exactly the bits from b − 1 up set.
        Self {
            clock: Default::default(),
            weight: Default::default(),
            output_layer: Default::default(),
            modulation: Default::default(),
            rounded_wide: Default::default(),
            rounded_negated: Default::default(),
            output_delta: Default::default(),
            load_delta: Default::default(),
            placed: Default::default(),
            delta_q: Default::default(),
            delta: Default::default(),
            weight_wide: Default::default(),
            total: Default::default(),
            high: Default::default(),
            saturated: Default::default(),
            new_weight: Default::default(),
            offset: Constant::new(((lane * FC_WEIGHT_BITS) as u64).into()),
            lo: c(p.fc_weight_lo),
            hi: c(p.fc_weight_hi),
            high_mask: c(p.fc_weight_lo),
            weight_fill: Constant::new(sign_fill(FC_WEIGHT_BITS, DELTA_BITS).into()),
        }
    }
}

impl Logic for UpdateLane {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, delta_q);
        if self.load_delta.val() {
            self.delta_q.d.next = self.output_delta.val();
        }
        // Output rule: the registered update; hidden rule: −d · q.
        self.delta.next = self.delta_q.q.val();
        if !self.output_layer.val() {
            self.delta.next = 0.into();
            if self.modulation.val() == 1 {
                self.delta.next = self.rounded_negated.val();
            }
            if self.modulation.val() == 3 {
                self.delta.next = self.rounded_wide.val();
            }
        }
        // The weight sign-extended, plus the update, saturated.
        self.weight_wide.next = bit_cast::<DELTA_BITS, FC_WEIGHT_BITS>(self.weight.val());
        if self.weight.val().get_bit(FC_WEIGHT_BITS - 1) {
            self.weight_wide.next =
                bit_cast::<DELTA_BITS, FC_WEIGHT_BITS>(self.weight.val()) | self.weight_fill.val();
        }
        self.total.next = self.weight_wide.val() + self.delta.val();
        self.high.next = self.total.val() & self.high_mask.val();
        self.saturated.next = self.total.val();
        if self.high.val().any() && (self.high.val() != self.high_mask.val()) {
            self.saturated.next = self.hi.val();
            if self.total.val().get_bit(DELTA_BITS - 1) {
                self.saturated.next = self.lo.val();
            }
        }
        self.new_weight.next = bit_cast::<FC_WEIGHT_BITS, DELTA_BITS>(self.saturated.val());
        self.placed.next =
            bit_cast::<FC_WORD, FC_WEIGHT_BITS>(self.new_weight.val()) << self.offset.val();
    }
}

// The literals above: sign extensions of 16 → 18 bits, the sign fills of the 18-bit shifter's
// stages; shifts are at most 16. A weight of at most 8 bits plus an update of at most 8 fits
// `DELTA_BITS`.
const _: () = assert!(FC_WEIGHT_BITS <= 8 && DELTA_BITS == 10 && ROUND_BITS == 18);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::{sext, Bench};
    use golden::config::Config;
    use golden::fixed::{add_saturating_i16, narrow_delta, stochastic_round};
    use golden::lfsr::Lfsr;

    /// Both rules over LFSR-drawn operands (seed 5) equal golden's arithmetic (the output rule
    /// through the shared [`OutputRound`], its update registered at one edge):
    /// `add_saturating_i16(w, −d·q)` and `add_saturating_i16(w, narrow_delta(sr(−e·y, s, r)))`.
    #[test]
    fn equals_golden_update_arithmetic_seed_5() {
        for weight_bits in [8u32, 5] {
            let mut config = Config::default();
            config.fc.weight_bits = weight_bits;
            let p = Params::new(&config).unwrap();
            let (lo, hi) = (p.fc_weight_lo as i16, p.fc_weight_hi as i16);
            let mut b = Bench::new(UpdateLane::new(&p, 5), |x| &mut x.clock);
            let mut shared = Bench::new(OutputRound::default(), |x| &mut x.clock);
            let mut lfsr = Lfsr::new(5);
            for step in 0..3000 {
                let (d0, d1) = (lfsr.draw(), lfsr.draw());
                let w = (i32::from(d0 as u8) % (i32::from(hi) - i32::from(lo) + 1)) as i16 + lo;
                let output = step % 2 == 1;
                let (want, at);
                b.uut.weight.next = twos(w.into(), 8).into();
                b.uut.output_layer.next = output;
                if output {
                    let e = i32::from(d0 >> 8) % 257 - 128;
                    let y = i32::from(d1 as u8) % 255 - 127;
                    let s = u32::from(d1 >> 8) % 17;
                    let r = lfsr.draw();
                    let delta = narrow_delta(stochastic_round(-e * y, s, r));
                    want = add_saturating_i16(w, delta, lo, hi);
                    shared.uut.product.next = twos((-e * y).into(), 16).into();
                    shared.uut.round.next = (u64::from(r) & ((1u64 << s) - 1)).into();
                    shared.uut.shift.next = u64::from(s).into();
                    shared.tick();
                    b.uut.output_delta.next = shared.uut.delta.val();
                    at = format!("w {w} e {e} y {y} s {s} r {r:#x}");
                } else {
                    let d = (d1 % 3) as i16 - 1;
                    // q of a spike count (≥ 0) or of an activation (signed).
                    let q = i64::from((d1 >> 4) % 255) - 127;
                    want = add_saturating_i16(w, -d * q as i16, lo, hi);
                    b.uut.modulation.next = twos(d.into(), 2).into();
                    b.uut.rounded_wide.next = twos(q, DELTA_BITS).into();
                    b.uut.rounded_negated.next = twos(-q, DELTA_BITS).into();
                    at = format!("w {w} d {d} q {q}");
                }
                // The output rule's update is registered: one edge with `load_delta`, then
                // the sum (a hidden step loads a stale update, which its rule ignores).
                b.uut.load_delta.next = true;
                b.tick();
                b.uut.load_delta.next = false;
                b.settle();
                let got = b.uut.placed.val().get_bits::<8>(5 * 8).index() as u64;
                assert_eq!(sext(got, 8), i64::from(want), "{at} bits {weight_bits}");
            }
        }
    }
}
