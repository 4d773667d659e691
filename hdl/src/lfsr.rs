//! The chip's LFSR (golden `lfsr.rs`): 32-bit Galois, right shifting, taps `0x8020_0003`,
//! as unrolled next-state networks, combinational. Each step: `out = s & 1; s = (s >> 1) ^ (out
//! ? TAPS : 0)`. The register holding the state lives in the user.
//!
//! [`LfsrDraw`] does 16 steps: one stochastic-rounding *draw* (its value is the low 16 bits of the
//! new state). [`LfsrSteps`] does `FC_LANES` steps and gives the bits shifted out: the
//! target-projection signs of one lane group per cycle. Two blocks, so that neither has an
//! unused output.

use crate::params::FC_LANES;
use golden::lfsr::TAPS;
use rust_hdl::prelude::*;

/// One rounding draw: the state after 16 steps.
#[derive(LogicBlock, Default)]
pub struct LfsrDraw {
    /// State before the draw.
    pub state: Signal<In, Bits<32>>,
    /// State after 16 steps; the draw is its low 16 bits.
    pub after16: Signal<Out, Bits<32>>,
    /// `stage[j]` is the state after `j` steps.
    stage: [Signal<Local, Bits<32>>; 17],
}

impl Logic for LfsrDraw {
    #[hdl_gen]
    fn update(&mut self) {
        self.stage[0].next = self.state.val();
        for j in 0..16 {
            self.stage[j + 1].next = self.stage[j].val() >> 1;
            if self.stage[j].val().get_bit(0) {
                self.stage[j + 1].next = (self.stage[j].val() >> 1) ^ 0x8020_0003_u64;
            }
        }
        self.after16.next = self.stage[16].val();
    }
}

/// `FC_LANES` steps with the bits they shift out.
#[derive(LogicBlock, Default)]
pub struct LfsrSteps {
    /// State before the steps.
    pub state: Signal<In, Bits<32>>,
    /// State after `FC_LANES` steps.
    pub after: Signal<Out, Bits<32>>,
    /// Bit shifted out at step `j < FC_LANES`, in bit `j`.
    pub out: Signal<Out, Bits<FC_LANES>>,
    /// `stage[j]` is the state after `j` steps.
    stage: [Signal<Local, Bits<32>>; FC_LANES + 1],
    /// Shifted-out bits of steps `0..j`, in `shifted[j]`.
    shifted: [Signal<Local, Bits<FC_LANES>>; FC_LANES + 1],
}

impl Logic for LfsrSteps {
    #[hdl_gen]
    fn update(&mut self) {
        self.stage[0].next = self.state.val();
        self.shifted[0].next = 0.into();
        for j in 0..FC_LANES {
            self.stage[j + 1].next = self.stage[j].val() >> 1;
            if self.stage[j].val().get_bit(0) {
                self.stage[j + 1].next = (self.stage[j].val() >> 1) ^ 0x8020_0003_u64;
            }
            self.shifted[j + 1].next = self.shifted[j]
                .val()
                .replace_bit(j, self.stage[j].val().get_bit(0));
        }
        // A one-pass loop: rust_hdl writes an array index as a number, which a loop index is.
        for j in FC_LANES..(FC_LANES + 1) {
            self.after.next = self.stage[j].val();
            self.out.next = self.shifted[j].val();
        }
    }
}

// The literals in `update` are golden's tap mask.
const _: () = assert!(TAPS == 0x8020_0003);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::Bench;
    use golden::lfsr::Lfsr;

    #[test]
    fn sixteen_steps_are_a_golden_draw() {
        let mut b = Bench::combinational(LfsrDraw::default());
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
    fn lane_count_steps_give_the_golden_shifted_out_bits() {
        let mut b = Bench::combinational(LfsrSteps::default());
        let mut golden = Lfsr::new(1);
        let mut state = 1u32;
        for _ in 0..50 {
            let bits: u64 = (0..FC_LANES).map(|j| u64::from(golden.step()) << j).sum();
            b.uut.state.next = u64::from(state).into();
            b.settle();
            assert_eq!(b.uut.out.val().index() as u64, bits);
            state = b.uut.after.val().index() as u32;
            assert_eq!(state, golden.state());
        }
    }
}
