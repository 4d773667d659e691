//! One integrate-and-fire neuron update (golden `membrane.rs`), combinational: one lane of the
//! convolution engine.
//!
//! `v ← saturate(v + w, conv.membrane_bits)`; if `v ≥ conv.threshold` then `v ← v − threshold`
//! and the counter `c ← min(c + 1, 2^spike_count_bits − 1)`. Signed values are two's complement
//! in `Bits`; the sum is formed in 16 bits (`MEMBRANE_BITS + 1` would do), so no `Signed` type
//! and no signed localparam is involved. No comparator (a carry chain each on an FPGA): the sum
//! leaves the range of `membrane_bits` bits exactly when its bits from `membrane_bits − 1` up are
//! not all equal, and `v ≥ threshold` is the sign of `v − threshold`, which the reset needs anyway.

use crate::params::{
    sign_fill, twos, Params, COUNT_BITS, INPUT_BITS, INPUT_WORD, KERNEL_BITS, MEMBRANE_BITS,
    MEMBRANE_OFFSET_BITS, MEMBRANE_WORD, NEURON_BITS,
};
use rust_hdl::prelude::*;

#[derive(LogicBlock)]
pub struct IntegrateFire {
    /// Membrane potential before the update, s`MEMBRANE_BITS`.
    pub v: Signal<In, Bits<MEMBRANE_BITS>>,
    /// Spike counter before the update, u`COUNT_BITS`.
    pub c: Signal<In, Bits<COUNT_BITS>>,
    /// Kernel weight integrated, s`KERNEL_BITS`.
    pub w: Signal<In, Bits<KERNEL_BITS>>,
    /// Membrane potential after the update.
    v_next: Signal<Local, Bits<MEMBRANE_BITS>>,
    /// Spike counter after the update.
    c_next: Signal<Local, Bits<COUNT_BITS>>,
    /// The neuron fired.
    fire: Signal<Local, Bit>,
    /// `{c_next, v_next}` shifted to this lane's place in a membrane word (zero elsewhere), so
    /// that the engine builds the word by OR (a rust_hdl kernel cannot cast inside a loop).
    pub placed: Signal<Out, Bits<MEMBRANE_WORD>>,
    /// Bit offset of this lane in a membrane word.
    offset: Constant<Bits<MEMBRANE_OFFSET_BITS>>,
    /// `c` (the counter before the update), zero-extended and shifted to this lane's place in
    /// an FC input word (the FC engine's layer 0 input, `count_offset` = `lane · INPUT_BITS`).
    pub count_placed: Signal<Out, Bits<INPUT_WORD>>,
    count_offset: Constant<Bits<8>>,
    /// `v`, `w` sign-extended, and `sext(v) + sext(w)`, 16-bit two's complement.
    v_wide: Signal<Local, Bits<16>>,
    w_wide: Signal<Local, Bits<16>>,
    sum: Signal<Local, Bits<16>>,
    /// `sum` saturated to the membrane range; `sum`'s bits from `membrane_bits − 1` up.
    sat: Signal<Local, Bits<16>>,
    high: Signal<Local, Bits<16>>,
    /// `sat − threshold`.
    reset_value: Signal<Local, Bits<16>>,
    /// Lowest and highest membrane values, threshold: 16-bit two's complement (the lowest value
    /// has exactly the bits from `membrane_bits − 1` up set).
    lo: Constant<Bits<16>>,
    hi: Constant<Bits<16>>,
    threshold: Constant<Bits<16>>,
    /// Largest spike count.
    count_max: Constant<Bits<COUNT_BITS>>,
    /// Ones above a `KERNEL_BITS` weight and a `MEMBRANE_BITS` potential in 16 bits: their
    /// sign extensions.
    weight_fill: Constant<Bits<16>>,
    potential_fill: Constant<Bits<16>>,
    /// Where the counter sits in a neuron: above the potential.
    count_at: Constant<Bits<8>>,
}

impl IntegrateFire {
    /// Lane `lane` of the membrane word.
    pub fn new(p: &Params, lane: usize) -> Self {
        Self {
            v: Default::default(),
            c: Default::default(),
            w: Default::default(),
            v_next: Default::default(),
            c_next: Default::default(),
            fire: Default::default(),
            placed: Default::default(),
            offset: Constant::new(((lane * NEURON_BITS) as u64).into()),
            count_placed: Default::default(),
            count_offset: Constant::new(((lane * INPUT_BITS) as u64).into()),
            v_wide: Default::default(),
            w_wide: Default::default(),
            sum: Default::default(),
            sat: Default::default(),
            high: Default::default(),
            reset_value: Default::default(),
            weight_fill: Constant::new(sign_fill(KERNEL_BITS, 16).into()),
            potential_fill: Constant::new(sign_fill(MEMBRANE_BITS, 16).into()),
            count_at: Constant::new((MEMBRANE_BITS as u64).into()),
            lo: Constant::new(twos(p.membrane_lo, 16).into()),
            hi: Constant::new(twos(p.membrane_hi, 16).into()),
            threshold: Constant::new(twos(p.threshold, 16).into()),
            count_max: Constant::new(p.count_max.into()),
        }
    }
}

impl Logic for IntegrateFire {
    #[hdl_gen]
    fn update(&mut self) {
        self.count_placed.next =
            bit_cast::<INPUT_WORD, COUNT_BITS>(self.c.val()) << self.count_offset.val();
        // Sign extension to 16 bits by replicating the sign bit (wiring, no adder).
        self.v_wide.next = bit_cast::<16, MEMBRANE_BITS>(self.v.val());
        if self.v.val().get_bit(MEMBRANE_BITS - 1) {
            self.v_wide.next =
                bit_cast::<16, MEMBRANE_BITS>(self.v.val()) | self.potential_fill.val();
        }
        self.w_wide.next = bit_cast::<16, KERNEL_BITS>(self.w.val());
        if self.w.val().get_bit(KERNEL_BITS - 1) {
            self.w_wide.next = bit_cast::<16, KERNEL_BITS>(self.w.val()) | self.weight_fill.val();
        }
        self.sum.next = self.v_wide.val() + self.w_wide.val();
        self.high.next = self.sum.val() & self.lo.val();
        self.sat.next = self.sum.val();
        if self.high.val().any() && (self.high.val() != self.lo.val()) {
            self.sat.next = self.hi.val();
            if self.sum.val().get_bit(15) {
                self.sat.next = self.lo.val();
            }
        }
        // v − threshold fits 16 bits (both fit 13), so its sign is the compare: no comparator.
        self.reset_value.next = self.sat.val() - self.threshold.val();
        self.fire.next = !self.reset_value.val().get_bit(15);
        self.v_next.next = bit_cast::<MEMBRANE_BITS, 16>(self.sat.val());
        self.c_next.next = self.c.val();
        if self.fire.val() {
            self.v_next.next = bit_cast::<MEMBRANE_BITS, 16>(self.reset_value.val());
            if self.c.val() != self.count_max.val() {
                self.c_next.next = self.c.val() + 1;
            }
        }
        self.placed.next = (bit_cast::<MEMBRANE_WORD, MEMBRANE_BITS>(self.v_next.val())
            | (bit_cast::<MEMBRANE_WORD, COUNT_BITS>(self.c_next.val()) << self.count_at.val()))
            << self.offset.val();
    }
}

// The sum and the reset value are formed in 16 bits: a potential of at most 15 bits plus a
// weight of at most 8, or minus a threshold of the potential's range, does not overflow them.
const _: () = assert!(MEMBRANE_BITS <= 15 && KERNEL_BITS <= 8);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::{sext, Bench};
    use golden::config::Config;
    use golden::membrane::MembraneMap;

    /// A long weight sequence (LFSR draws, seed printed in the name) fed back through the lane
    /// equals golden `MembraneMap::integrate` after every update, saturation included.
    #[test]
    fn equals_the_golden_neuron_over_a_weight_sequence_seed_7() {
        for threshold in [32, 2047, 1] {
            let mut config = Config::default();
            config.conv.threshold = threshold;
            let p = Params::new(&config).unwrap();
            let mut b = Bench::combinational(IntegrateFire::new(&p, 2));
            let mut golden = MembraneMap::new(&config);
            let mut lfsr = golden::lfsr::Lfsr::new(7);
            let (mut v, mut c) = (0u64, 0u64);
            for step in 0..3000 {
                // Runs of one sign drive the membrane into both saturations.
                let d = lfsr.draw();
                let w = if (step / 200) % 2 == 0 {
                    (d % 128) as i64
                } else {
                    -((d % 129) as i64)
                };
                let fired = golden.integrate(0, w as i16);
                b.uut.v.next = v.into();
                b.uut.c.next = c.into();
                b.uut.w.next = twos(w, 8).into();
                b.settle();
                v = b.uut.v_next.val().index() as u64;
                c = b.uut.c_next.val().index() as u64;
                let at = format!("threshold {threshold} step {step} w {w}");
                assert_eq!(sext(v, 12), i64::from(golden.potentials()[0]), "{at}");
                assert_eq!(c as i16, golden.counts()[0], "{at}");
                assert_eq!(b.uut.fire.val(), fired, "{at}");
                let placed = b.uut.placed.val().get_bits::<NEURON_BITS>(2 * NEURON_BITS);
                assert_eq!(placed.index() as u64, v | c << MEMBRANE_BITS, "{at}");
            }
        }
    }
}
