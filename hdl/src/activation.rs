//! Hidden activation (golden `activation.rs::hard_tanh`), one lane, combinational.
//!
//! `a = z >> fc.activation_shifts[0]` (arithmetic), `y = clamp(a, −ymax, ymax)` and the
//! derivative window `f' = (−ymax < a < ymax)`. `z` is an s`ACC_BITS` accumulator; the arithmetic
//! shift is `((z ^ m) >> s) − (m >> s)` with `m = 2^(ACC_BITS−1)`, and signed compares flip the
//! sign bit, so everything stays in unsigned `Bits`.

use crate::params::{twos, Params, ACC_BITS, INPUT_BITS};
use rust_hdl::prelude::*;

#[derive(LogicBlock)]
pub struct HardTanh {
    /// Accumulator `z`, s`ACC_BITS`.
    pub z: Signal<In, Bits<ACC_BITS>>,
    /// Activation `y`, s`INPUT_BITS`, in `[−ymax, ymax]`.
    pub y: Signal<Out, Bits<INPUT_BITS>>,
    /// Derivative window `f'`.
    pub window: Signal<Out, Bit>,
    /// `z >> shift`, s`ACC_BITS`, and its biased form.
    shifted: Signal<Local, Bits<ACC_BITS>>,
    biased: Signal<Local, Bits<ACC_BITS>>,
    clamped: Signal<Local, Bits<ACC_BITS>>,
    shift: Constant<Bits<8>>,
    sign: Constant<Bits<ACC_BITS>>,
    sign_shifted: Constant<Bits<ACC_BITS>>,
    ymax: Constant<Bits<ACC_BITS>>,
    ymin: Constant<Bits<ACC_BITS>>,
    ymax_biased: Constant<Bits<ACC_BITS>>,
    ymin_biased: Constant<Bits<ACC_BITS>>,
}

impl HardTanh {
    pub fn new(p: &Params) -> Self {
        let sign = 1u64 << (ACC_BITS - 1);
        let c = |v: i64| Constant::new(twos(v, ACC_BITS).into());
        let cb = |v: i64| Constant::new((twos(v, ACC_BITS) ^ sign).into());
        Self {
            z: Default::default(),
            y: Default::default(),
            window: Default::default(),
            shifted: Default::default(),
            biased: Default::default(),
            clamped: Default::default(),
            shift: Constant::new((p.activation_shift as u64).into()),
            sign: Constant::new(sign.into()),
            sign_shifted: Constant::new((sign >> p.activation_shift).into()),
            ymax: c(p.activation_max),
            ymin: c(-p.activation_max),
            ymax_biased: cb(p.activation_max),
            ymin_biased: cb(-p.activation_max),
        }
    }
}

impl Logic for HardTanh {
    #[hdl_gen]
    fn update(&mut self) {
        self.shifted.next =
            ((self.z.val() ^ self.sign.val()) >> self.shift.val()) - self.sign_shifted.val();
        self.biased.next = self.shifted.val() ^ self.sign.val();
        self.clamped.next = self.shifted.val();
        if self.biased.val() > self.ymax_biased.val() {
            self.clamped.next = self.ymax.val();
        }
        if self.biased.val() < self.ymin_biased.val() {
            self.clamped.next = self.ymin.val();
        }
        self.y.next = bit_cast::<INPUT_BITS, ACC_BITS>(self.clamped.val());
        self.window.next = (self.biased.val() > self.ymin_biased.val())
            && (self.biased.val() < self.ymax_biased.val());
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
}
