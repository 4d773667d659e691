//! The chip's LFSR (golden `lfsr.rs`): 32-bit Galois, right shifting, taps `0x8020_0003`,
//! as an unrolled next-state network of `N` steps in one clock, combinational.
//!
//! `after16` is a rounding *draw* (its value is the low 16 bits); `after8` with `out8`
//! regenerates `FC_LANES` (8) target-projection signs per cycle (`out8` bit `j` is the bit
//! shifted out at step `j`). Each step: `out = s & 1; s = (s >> 1) ^ (out ?
//! TAPS : 0)`. The register holding the state lives in the user.

use golden::lfsr::TAPS;
use rust_hdl::prelude::*;

#[derive(LogicBlock, Default)]
pub struct LfsrSteps {
    /// State before the steps.
    pub state: Signal<In, Bits<32>>,
    /// State after 8 steps.
    pub after8: Signal<Out, Bits<32>>,
    /// State after 16 steps (one draw).
    pub after16: Signal<Out, Bits<32>>,
    /// Bit shifted out at step `j < 8`, in bit `j`.
    pub out8: Signal<Out, Bits<8>>,
    /// Shifted-out bits of all 16 steps.
    out16: Signal<Local, Bits<16>>,
    /// `stage[j]` is the state after `j` steps.
    stage: [Signal<Local, Bits<32>>; 17],
}

impl Logic for LfsrSteps {
    #[hdl_gen]
    fn update(&mut self) {
        self.stage[0].next = self.state.val();
        self.out16.next = 0.into();
        for j in 0..16 {
            self.stage[j + 1].next = self.stage[j].val() >> 1;
            if self.stage[j].val().get_bit(0) {
                self.stage[j + 1].next = (self.stage[j].val() >> 1) ^ 0x8020_0003_u64;
            }
            self.out16.next = self
                .out16
                .val()
                .replace_bit(j, self.stage[j].val().get_bit(0));
        }
        self.after8.next = self.stage[8].val();
        self.after16.next = self.stage[16].val();
        self.out8.next = bit_cast::<8, 16>(self.out16.val());
    }
}

// The literal in `update` is golden's tap mask, and 8 steps serve the 8 FC lanes.
const _: () = assert!(TAPS == 0x8020_0003 && crate::params::FC_LANES == 8);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::Bench;
    use golden::lfsr::Lfsr;

    #[test]
    fn sixteen_steps_are_a_golden_draw() {
        let mut b = Bench::combinational(LfsrSteps::default());
        let mut golden = Lfsr::new(0x0DD5_EED5);
        let mut state = golden.state();
        for _ in 0..200 {
            let draw = golden.draw();
            b.uut.state.next = u64::from(state).into();
            b.settle();
            state = b.uut.after16.val().index() as u32;
            assert_eq!(state, golden.state());
            assert_eq!(state as u16, draw);
        }
    }

    #[test]
    fn eight_steps_give_the_golden_shifted_out_bits() {
        let mut b = Bench::combinational(LfsrSteps::default());
        let mut golden = Lfsr::new(1);
        let mut state = 1u32;
        for _ in 0..50 {
            let bits: u64 = (0..8).map(|j| u64::from(golden.step()) << j).sum();
            b.uut.state.next = u64::from(state).into();
            b.settle();
            assert_eq!(b.uut.out8.val().index() as u64, bits);
            state = b.uut.after8.val().index() as u32;
            assert_eq!(state, golden.state());
        }
    }
}
