//! Target projection (golden `target_projection.rs`): the label-selected row of DRTP's random
//! matrix `B`, regenerated on the fly, `FC_LANES` signs per step (one per neuron of a lane group).
//!
//! `load` puts `seed(k, label) = base XOR ((256k + label + 1) · 0x9E37_79B9 mod 2^32)` of hidden
//! layer `k` in the LFSR (a zero result loads 1): the constants are a ROM of `fc.classes` words
//! per hidden layer (address `256k + label`) written at generation time from golden
//! `target_projection::seed`, so only XOR and a zero test are done in hardware. A label outside
//! the classes reads 0 (the base itself). `signs` bit `j` is the bit the LFSR shifts out at
//! its next step `j`, i.e. `B_j = +1` (1) or `−1` (0) of neuron `L·g + j` after `g` steps of `L`
//! = `FC_LANES`; `step` advances the state by those `L` steps at the clock edge.

use crate::lfsr::LfsrSteps;
use crate::params::Params;
use crate::params::{FC_LANES, LAYER_BITS};
use golden::target_projection::seed;
use rust_hdl::prelude::*;
use std::collections::BTreeMap;

#[derive(LogicBlock)]
pub struct TargetProjection {
    pub clock: Signal<In, Clock>,
    /// Load `seed(0, label)` at this edge (takes precedence over `step`).
    pub load: Signal<In, Bit>,
    /// Label of the sample (`< fc.classes`) and the hidden layer.
    pub label: Signal<In, Bits<8>>,
    pub layer: Signal<In, Bits<LAYER_BITS>>,
    /// Base seed (`learning.target_projection_seed`, a register).
    pub base: Signal<In, Bits<32>>,
    /// Advance `FC_LANES` steps at this edge.
    pub step: Signal<In, Bit>,
    /// The next `FC_LANES` signs: bit `j` = 1 for `+1`, 0 for `−1`.
    pub signs: Signal<Out, Bits<FC_LANES>>,
    state: DFF<Bits<32>>,
    /// `(256k + label + 1) · 0x9E37_79B9 mod 2^32` at `256k + label`.
    constants: ROM<Bits<32>, { 8 + LAYER_BITS }>,
    address: Signal<Local, Bits<{ 8 + LAYER_BITS }>>,
    steps: LfsrSteps,
    seed: Signal<Local, Bits<32>>,
}

impl TargetProjection {
    pub fn new(p: &Params) -> Self {
        let rom: BTreeMap<Bits<{ 8 + LAYER_BITS }>, Bits<32>> = (0..p.hidden_layers)
            .flat_map(|k| (0..p.classes).map(move |c| (k, c)))
            .map(|(k, c)| {
                // golden's seed with a zero base is the constant itself.
                let constant = seed(0, k, c);
                (((256 * k + c) as u64).into(), u64::from(constant).into())
            })
            .collect();
        Self {
            clock: Default::default(),
            load: Default::default(),
            label: Default::default(),
            layer: Default::default(),
            address: Default::default(),
            base: Default::default(),
            step: Default::default(),
            signs: Default::default(),
            state: Default::default(),
            constants: ROM::new(rom),
            steps: Default::default(),
            seed: Default::default(),
        }
    }
}

impl Logic for TargetProjection {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, state);
        self.address.next = (bit_cast::<{ 8 + LAYER_BITS }, LAYER_BITS>(self.layer.val()) << 8)
            | bit_cast::<{ 8 + LAYER_BITS }, 8>(self.label.val());
        self.constants.address.next = self.address.val();
        self.seed.next = self.base.val() ^ self.constants.data.val();
        if !self.seed.val().any() {
            self.seed.next = 1.into();
        }
        self.steps.state.next = self.state.q.val();
        self.signs.next = self.steps.out.val();
        if self.step.val() {
            self.state.d.next = self.steps.after.val();
        }
        if self.load.val() {
            self.state.d.next = self.seed.val();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::Bench;
    use golden::target_projection::row;

    /// For several labels and bases (one that makes the seed zero), 5 × `FC_LANES` signs equal golden
    /// `target_projection::row`.
    #[test]
    fn signs_are_the_golden_projection_row() {
        let config = golden::config::Config::default();
        let p = Params::new(&config).unwrap();
        let mut b = Bench::new(TargetProjection::new(&p), |x| &mut x.clock);
        let zero_for_3 = seed(0, 0, 3);
        for (base, label) in [
            (0xB0A7_5EED_u32, 0usize),
            (0xB0A7_5EED, 9),
            (1, 4),
            (zero_for_3, 3),
        ] {
            b.uut.base.next = u64::from(base).into();
            b.uut.label.next = (label as u64).into();
            b.uut.load.next = true;
            b.tick();
            b.uut.load.next = false;
            let want = row(base, 0, label, 5 * FC_LANES);
            for g in 0..5 {
                b.settle();
                let signs = b.uut.signs.val().index();
                for j in 0..FC_LANES {
                    let sign = if signs >> j & 1 == 1 { 1 } else { -1 };
                    let n = FC_LANES * g + j;
                    assert_eq!(sign, want[n], "base {base:#x} label {label} neuron {n}");
                }
                b.uut.step.next = true;
                b.tick();
                b.uut.step.next = false;
            }
        }
        assert_eq!(seed(zero_for_3, 0, 3), 1);
    }
}
