//! Hidden activation (golden `activation.rs::hard_tanh`), one lane, combinational; and
//! [`ActivationLane`], which adds the DRTP modulation `d = B · f'` and places both in the
//! activation word.
//!
//! `a = z >> fc.activation_shifts[k]` (arithmetic, hidden layer `k`'s shift, an input: with one
//! hidden layer a constant), `y = clamp(a, −ymax, ymax)` and the derivative window
//! `f' = (−ymax < a < ymax)`. `z` is an s`ACC_BITS` accumulator; the arithmetic shift by a
//! constant is a logical shift with the sign bit filled in above (wiring, no adder; with several
//! hidden layers a multiplexer of those wirings).
//! `ymax = 2^(b−1) − 1` (`b = fc.activation_bits`), so the clamp and the window need no
//! comparator (a carry chain each on an FPGA): `a` fits `b` bits when its bits from `b − 1` up are
//! all equal, and then its low `INPUT_BITS` bits decide the three equalities (`a = ymax`,
//! `a = −ymax`, `a = −ymax − 1`).

use crate::params::{twos, Params, ACC_BITS, ACC_WORD, INPUT_BITS, INPUT_WORD};
use rust_hdl::prelude::*;

#[derive(LogicBlock)]
pub struct HardTanh {
    /// Accumulator `z`, s`ACC_BITS`.
    pub z: Signal<In, Bits<ACC_BITS>>,
    /// The activation shift of the layer.
    pub shift: Signal<In, Bits<8>>,
    /// Activation `y`, s`INPUT_BITS`, in `[−ymax, ymax]`.
    pub y: Signal<Out, Bits<INPUT_BITS>>,
    /// Derivative window `f'`.
    pub window: Signal<Out, Bit>,
    /// `a = z >> shift`, s`ACC_BITS`; its bits from `b − 1` up; its low bits.
    shifted: Signal<Local, Bits<ACC_BITS>>,
    high: Signal<Local, Bits<ACC_BITS>>,
    low: Signal<Local, Bits<INPUT_BITS>>,
    fits: Signal<Local, Bit>,
    below: Signal<Local, Bit>,
    /// The bits a negative `z` fills in above the shifted value.
    fill: Signal<Local, Bits<ACC_BITS>>,
    ones: Constant<Bits<ACC_BITS>>,
    /// Bits `b − 1` and up (the bits of `−ymax − 1`).
    high_mask: Constant<Bits<ACC_BITS>>,
    ymax: Constant<Bits<INPUT_BITS>>,
    ymin: Constant<Bits<INPUT_BITS>>,
    below_ymin: Constant<Bits<INPUT_BITS>>,
}

impl HardTanh {
    pub fn new(p: &Params) -> Self {
        let c = |v: i64| Constant::new(twos(v, INPUT_BITS).into());
        debug_assert!((p.activation_max + 1).count_ones() == 1);
        Self {
            z: Default::default(),
            y: Default::default(),
            window: Default::default(),
            shifted: Default::default(),
            high: Default::default(),
            low: Default::default(),
            fits: Default::default(),
            below: Default::default(),
            shift: Default::default(),
            fill: Default::default(),
            ones: Constant::new(((1u64 << ACC_BITS) - 1).into()),
            high_mask: Constant::new(twos(-p.activation_max - 1, ACC_BITS).into()),
            ymax: c(p.activation_max),
            ymin: c(-p.activation_max),
            below_ymin: c(-p.activation_max - 1),
        }
    }
}

impl Logic for HardTanh {
    #[hdl_gen]
    fn update(&mut self) {
        self.fill.next = !(self.ones.val() >> self.shift.val());
        self.shifted.next = self.z.val() >> self.shift.val();
        if self.z.val().get_bit(ACC_BITS - 1) {
            self.shifted.next = (self.z.val() >> self.shift.val()) | self.fill.val();
        }
        self.high.next = self.shifted.val() & self.high_mask.val();
        self.fits.next = !self.high.val().any() || (self.high.val() == self.high_mask.val());
        self.low.next = self.shifted.val().get_bits::<INPUT_BITS>(0);
        self.below.next = self.low.val() == self.below_ymin.val();
        self.y.next = self.low.val();
        if !self.fits.val() {
            self.y.next = self.ymax.val();
            if self.shifted.val().get_bit(ACC_BITS - 1) {
                self.y.next = self.ymin.val();
            }
        } else if self.below.val() {
            self.y.next = self.ymin.val();
        }
        self.window.next = self.fits.val()
            && !self.below.val()
            && (self.low.val() != self.ymax.val())
            && (self.low.val() != self.ymin.val());
    }
}

/// Bits of the DRTP modulation `d ∈ {−1, 0, +1}` (two's complement) in an activation word.
pub const MODULATION_BITS: usize = 2;

/// One lane of the activation phase: `y` and `d = B · f'` of neuron `8g + lane`, placed in the
/// activation word that replaces the neuron's accumulator word: `y` (s`INPUT_BITS`) at bit
/// `INPUT_BITS · lane`, `d` (s2) at bit `INPUT_WORD + 2 · lane`. A lane beyond the layer
/// (`valid` low) gives `y = 0` and `d = 0`, whatever its accumulator holds.
#[derive(LogicBlock)]
pub struct ActivationLane {
    /// Accumulator `z`, s`ACC_BITS`.
    pub z: Signal<In, Bits<ACC_BITS>>,
    /// Target-projection sign `B`: 1 for `+1`, 0 for `−1`.
    pub sign: Signal<In, Bit>,
    /// The layer's activation shift.
    pub shift: Signal<In, Bits<8>>,
    /// The lane is a neuron of the layer.
    pub valid: Signal<In, Bit>,
    /// `y` and `d` at this lane's place, zero elsewhere.
    pub placed: Signal<Out, Bits<ACC_WORD>>,
    /// `d ≠ 0`.
    pub modulated: Signal<Out, Bit>,
    tanh: HardTanh,
    y: Signal<Local, Bits<INPUT_BITS>>,
    d: Signal<Local, Bits<MODULATION_BITS>>,
    y_offset: Constant<Bits<8>>,
    d_offset: Constant<Bits<8>>,
}

impl ActivationLane {
    pub fn new(p: &Params, lane: usize) -> Self {
        Self {
            z: Default::default(),
            sign: Default::default(),
            shift: Default::default(),
            valid: Default::default(),
            placed: Default::default(),
            modulated: Default::default(),
            tanh: HardTanh::new(p),
            y: Default::default(),
            d: Default::default(),
            y_offset: Constant::new(((lane * INPUT_BITS) as u64).into()),
            d_offset: Constant::new(((INPUT_WORD + lane * MODULATION_BITS) as u64).into()),
        }
    }
}

impl Logic for ActivationLane {
    #[hdl_gen]
    fn update(&mut self) {
        self.tanh.z.next = self.z.val();
        self.tanh.shift.next = self.shift.val();
        self.y.next = 0.into();
        self.d.next = 0.into();
        if self.valid.val() {
            self.y.next = self.tanh.y.val();
            if self.tanh.window.val() {
                // +1 is 01, −1 is 11.
                self.d.next = 1.into();
                if !self.sign.val() {
                    self.d.next = 3.into();
                }
            }
        }
        self.modulated.next = self.d.val().any();
        self.placed.next = (bit_cast::<ACC_WORD, INPUT_BITS>(self.y.val()) << self.y_offset.val())
            | (bit_cast::<ACC_WORD, MODULATION_BITS>(self.d.val()) << self.d_offset.val());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::{sext, Bench};
    use golden::activation::hard_tanh;
    use golden::config::Config;

    #[test]
    fn equals_golden_hard_tanh_across_the_accumulator_range() {
        for shift in [0u32, 4, 7] {
            let mut config = Config::default();
            config.fc.activation_shifts = vec![shift];
            let p = Params::new(&config).unwrap();
            let mut b = Bench::combinational(HardTanh::new(&p));
            b.uut.shift.next = (shift as u64).into();
            let lo = -(1i64 << (ACC_BITS - 1));
            let hi = (1i64 << (ACC_BITS - 1)) - 1;
            let edges = [
                lo,
                hi,
                0,
                -1,
                1,
                16 * 127,
                16 * 127 - 1,
                -16 * 126 - 1,
                -2017,
                127,
                -127,
                128,
                -128,
            ];
            for z in (lo..=hi).step_by(4099).chain(edges) {
                b.uut.z.next = twos(z, ACC_BITS).into();
                b.settle();
                let (y, w) = hard_tanh(z as i32, shift, 127);
                let at = format!("z {z} shift {shift}");
                assert_eq!(
                    sext(b.uut.y.val().index() as u64, INPUT_BITS),
                    i64::from(y),
                    "{at}"
                );
                assert_eq!(b.uut.window.val(), w, "{at}");
            }
        }
    }

    #[test]
    fn activation_lane_places_y_and_the_modulation() {
        let p = Params::new(&Config::default()).unwrap();
        let mut b = Bench::combinational(ActivationLane::new(&p, 3));
        b.uut.shift.next = (p.activation_shifts[0] as u64).into();
        // (z, sign, valid) → (y, d): z = 16·5 is inside the window, 16·200 saturates.
        for (z, sign, valid, y, d) in [
            (80i64, true, true, 5i64, 1i64),
            (80, false, true, 5, -1),
            (-80, false, true, -5, -1),
            (3200, true, true, 127, 0),
            (-3200, false, true, -127, 0),
            (80, true, false, 0, 0),
        ] {
            b.uut.z.next = twos(z, ACC_BITS).into();
            b.uut.sign.next = sign;
            b.uut.valid.next = valid;
            b.settle();
            let word = b.uut.placed.val();
            let got_y = sext(word.get_bits::<8>(3 * INPUT_BITS).index() as u64, 8);
            let got_d = sext(word.get_bits::<2>(INPUT_WORD + 6).index() as u64, 2);
            assert_eq!((got_y, got_d), (y, d), "z {z} sign {sign} valid {valid}");
            assert_eq!(b.uut.modulated.val(), d != 0);
            let others = word
                & !((Bits::<ACC_WORD>::from(0xFFu64) << 24u64)
                    | (Bits::<ACC_WORD>::from(3u64) << ((INPUT_WORD + 6) as u64)));
            assert!(!others.any(), "nothing outside the lane");
        }
    }
}
