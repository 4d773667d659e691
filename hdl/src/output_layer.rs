//! Output layer error (golden `activation.rs::hard_sigmoid`, `output_error`), one lane,
//! combinational.
//!
//! `p = clamp((z >> fc.output_shift) + one/2, 0, one)` with `one = 2^fc.probability_bits`, and
//! `e = p − one·[c = label]`, an s`INPUT_BITS + 1` value in `[−one, one]`. Sign extension,
//! arithmetic shift as in `activation.rs`; no adder but the `+ one/2`, no comparator.

use crate::params::{twos, Params, ACC_BITS, INPUT_BITS};
use rust_hdl::prelude::*;

/// Bits of the output error `e` (two's complement).
pub const ERROR_BITS: usize = INPUT_BITS + 1;
/// Internal width: `z` sign-extended so that `+ one/2` cannot overflow.
const WIDE: usize = ACC_BITS + 2;

#[derive(LogicBlock)]
pub struct OutputError {
    /// Output accumulator (score) `z_c`, s`ACC_BITS`.
    pub z: Signal<In, Bits<ACC_BITS>>,
    /// This lane's class is the label.
    pub target: Signal<In, Bit>,
    /// Error `e_c`, s`ERROR_BITS`.
    pub error: Signal<Out, Bits<ERROR_BITS>>,
    /// `(z >> shift) + one/2`, s`ACC_BITS`. The clamp to `[0, one]` needs no comparator (a carry
    /// chain on an FPGA): with `one = 2^probability_bits`, a non-negative value exceeds `one`
    /// when a bit above `probability_bits` is set, or that bit and a lower one.
    shifted: Signal<Local, Bits<WIDE>>,
    centred: Signal<Local, Bits<WIDE>>,
    over: Signal<Local, Bit>,
    probability: Signal<Local, Bits<WIDE>>,
    extension: Constant<Bits<WIDE>>,
    shift: Constant<Bits<8>>,
    fill: Constant<Bits<WIDE>>,
    half: Constant<Bits<WIDE>>,
    one: Constant<Bits<WIDE>>,
    /// Bits above `probability_bits`; bits below it.
    above_one: Constant<Bits<WIDE>>,
    below_one: Constant<Bits<WIDE>>,
}

impl OutputError {
    pub fn new(p: &Params) -> Self {
        let all = (1u64 << WIDE) - 1;
        let one = 1i64 << p.probability_bits;
        Self {
            z: Default::default(),
            target: Default::default(),
            error: Default::default(),
            shifted: Default::default(),
            extension: Constant::new((((1u64 << WIDE) - 1) & !((1u64 << ACC_BITS) - 1)).into()),
            centred: Default::default(),
            over: Default::default(),
            probability: Default::default(),
            shift: Constant::new((p.output_shift as u64).into()),
            fill: Constant::new(
                (((1u64 << WIDE) - 1) & !(((1u64 << WIDE) - 1) >> p.output_shift)).into(),
            ),
            half: Constant::new(twos(one / 2, WIDE).into()),
            one: Constant::new(twos(one, WIDE).into()),
            above_one: Constant::new((all & !((2 * one as u64) - 1)).into()),
            below_one: Constant::new((one as u64 - 1).into()),
        }
    }
}

impl Logic for OutputError {
    #[hdl_gen]
    fn update(&mut self) {
        // Sign extension to WIDE bits, then the arithmetic shift.
        self.shifted.next = bit_cast::<WIDE, ACC_BITS>(self.z.val()) >> self.shift.val();
        if self.z.val().get_bit(ACC_BITS - 1) {
            self.shifted.next = ((bit_cast::<WIDE, ACC_BITS>(self.z.val()) | self.extension.val())
                >> self.shift.val())
                | self.fill.val();
        }
        self.centred.next = self.shifted.val() + self.half.val();
        self.over.next = (self.centred.val() & self.above_one.val()).any()
            || ((self.centred.val() & self.one.val()).any()
                && (self.centred.val() & self.below_one.val()).any());
        self.probability.next = self.centred.val();
        if self.centred.val().get_bit(ACC_BITS + 1) {
            self.probability.next = 0.into();
        } else if self.over.val() {
            self.probability.next = self.one.val();
        }
        self.error.next = bit_cast::<ERROR_BITS, WIDE>(self.probability.val());
        if self.target.val() {
            self.error.next = bit_cast::<ERROR_BITS, WIDE>(self.probability.val() - self.one.val());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::{sext, Bench};
    use golden::activation::{hard_sigmoid, output_error};
    use golden::config::Config;

    #[test]
    fn equals_golden_hard_sigmoid_error() {
        for (shift, pb) in [(8u32, 7u32), (2, 7), (0, 3)] {
            let mut config = Config::default();
            config.fc.output_shift = shift;
            config.fc.probability_bits = pb;
            let p = Params::new(&config).unwrap();
            let mut b = Bench::combinational(OutputError::new(&p));
            let lo = -(1i64 << (ACC_BITS - 1));
            let hi = (1i64 << (ACC_BITS - 1)) - 1;
            for z in
                (lo..=hi)
                    .step_by(3001)
                    .chain([lo, hi, 0, -1, 1, 64 << shift, -(64 << shift) - 1])
            {
                for target in [false, true] {
                    b.uut.z.next = twos(z, ACC_BITS).into();
                    b.uut.target.next = target;
                    b.settle();
                    let e = output_error(hard_sigmoid(z as i32, shift, pb), target, pb);
                    let got = sext(b.uut.error.val().index() as u64, ERROR_BITS);
                    assert_eq!(
                        got,
                        i64::from(e),
                        "z {z} shift {shift} pb {pb} target {target}"
                    );
                }
            }
        }
    }
}
