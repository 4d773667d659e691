//! The zero-skipping input scan of the FC engine (golden `fc.rs::active_inputs`).
//!
//! A layer's inputs are read as words of `L` = `FC_LANES` inputs of `INPUT_BITS`: spike counts of
//! the membrane map for FC layer 0 (one word per membrane word: position `pos`, lane group `g`,
//! lane `l` is input `pos·K + L·g + l`), the activations of hidden layer `k − 1` for FC layer
//! `k ≥ 1` (accumulator word `A_(k−1) + g`, lane `l` is neuron `L·g + l`). The scan presents the
//! nonzero inputs one at a time, ascending, with the weight-memory word address of their row
//! (`row = B_k + i · G_k`, `G_k` the layer's lane groups, `B_k` its first word); lanes beyond the
//! source layer (the last group of a position) are masked, whatever they hold.
//!
//! Handshake: `start` (with `layer`, the FC layer whose inputs are scanned) begins a scan; the scan reads its source (`read`,
//! `address`, data on `word` one cycle later) only in cycles where `allow_read` is high, because
//! the output layer's source is the accumulator memory, whose read port the FC engine also uses.
//! A word is latched when it arrives and examined and presented from the next cycle on (so the
//! memory's read data never reaches an address or the engine's decision in the cycle it
//! arrives). While `valid`, `value` and `row` describe the lowest nonzero input not yet taken
//! (all from registers but the row's adder); `take` consumes it at the edge. When a word holds no
//! more inputs the next one is read at once (if allowed): an all-zero word costs two cycles, a
//! word with inputs one more than it has inputs. `done` is high when no scan is under way
//! (after the last word, or before any `start`).
//!
//! Row addresses step by constants (`L·G_k` per word, `(K − L(G_c − 1))·G_0` after the last group
//! of a position); `l · G_k` comes from `L` constants per layer. No multiplier.

use crate::params::*;
use rust_hdl::prelude::*;

#[derive(Copy, Clone, Debug, PartialEq, LogicState)]
pub enum ScanState {
    Idle,
    /// The next word must be read when allowed.
    NeedRead,
    /// The word read last cycle is on `word`: latched.
    Fresh,
    /// The word is held in `word_q` with its pending inputs (none: the next word is read), the
    /// lowest presented.
    Hold,
}

#[derive(LogicBlock)]
pub struct InputScan {
    pub clock: Signal<In, Clock>,
    /// Synchronous reset: idle.
    pub reset: Signal<In, Bit>,
    /// Begin a scan of FC layer `layer`'s inputs (0: the spike counts; `k ≥ 1`: the
    /// activations of hidden layer `k − 1`).
    pub start: Signal<In, Bit>,
    pub layer: Signal<In, Bits<LAYER_BITS>>,
    /// The source's read port may be used in this cycle.
    pub allow_read: Signal<In, Bit>,
    /// Read source word `address` at this edge.
    pub read: Signal<Out, Bit>,
    pub address: Signal<Out, Bits<MEMBRANE_ADDR_BITS>>,
    /// Source word: `FC_LANES` inputs of `INPUT_BITS`, one cycle after `read`.
    pub word: Signal<In, Bits<INPUT_WORD>>,
    /// A nonzero input is presented.
    pub valid: Signal<Out, Bit>,
    /// Its value (s`INPUT_BITS`) and the weight word address of its row.
    pub value: Signal<Out, Bits<INPUT_BITS>>,
    pub row: Signal<Out, Bits<HIDDEN_ADDR_BITS>>,
    /// Consume the presented input at this edge.
    pub take: Signal<In, Bit>,
    /// No scan under way.
    pub done: Signal<Out, Bit>,
    state: DFF<ScanState>,
    layer_q: DFF<Bits<LAYER_BITS>>,
    /// `layer_q` and `layer` one-hot.
    layer_onehot: Signal<Local, Bits<FC_LAYERS>>,
    start_onehot: Signal<Local, Bits<FC_LAYERS>>,
    /// Source word index, lane group within the position, row of the word's lane 0.
    index: DFF<Bits<MEMBRANE_ADDR_BITS>>,
    group: DFF<Bits<8>>,
    row_base: DFF<Bits<HIDDEN_ADDR_BITS>>,
    word_q: DFF<Bits<INPUT_WORD>>,
    /// Lanes of `word_q` not yet taken.
    pending_q: DFF<Bits<FC_LANES>>,
    nonzero: Signal<Local, Bits<FC_LANES>>,
    /// The arrived word's nonzero lanes within the layer.
    arrived: Signal<Local, Bits<FC_LANES>>,
    last_group: Signal<Local, Bit>,
    lane_mask: Signal<Local, Bits<FC_LANES>>,
    /// Lowest pending lane, one-hot, and the lanes after it.
    lowest: Signal<Local, Bits<FC_LANES>>,
    rest: Signal<Local, Bits<FC_LANES>>,
    lane_offset: Signal<Local, Bits<HIDDEN_ADDR_BITS>>,
    exhausted: Signal<Local, Bit>,
    last_index: Signal<Local, Bits<MEMBRANE_ADDR_BITS>>,
    next_index: Signal<Local, Bits<MEMBRANE_ADDR_BITS>>,
    /// The layer's constants, selected: its last group (of a position), that group's lanes,
    /// the row step per word.
    last_group_k: Signal<Local, Bits<8>>,
    last_mask_k: Signal<Local, Bits<FC_LANES>>,
    step: Signal<Local, Bits<HIDDEN_ADDR_BITS>>,
    /// Per FC layer `k` (golden `Scan`'s slots): first and last source word, last group (of a
    /// position), lanes of that group, first row, row step per word, lane offsets `l · G_k`.
    first_index: [Constant<Bits<MEMBRANE_ADDR_BITS>>; FC_LAYERS],
    last_index_of: [Constant<Bits<MEMBRANE_ADDR_BITS>>; FC_LAYERS],
    last_group_of: [Constant<Bits<8>>; FC_LAYERS],
    last_mask_of: [Constant<Bits<FC_LANES>>; FC_LAYERS],
    row_start: [Constant<Bits<HIDDEN_ADDR_BITS>>; FC_LAYERS],
    step_of: [Constant<Bits<HIDDEN_ADDR_BITS>>; FC_LAYERS],
    lane_offsets: [LaneOffsets; FC_LAYERS],
    /// Every lane of a word; a one-hot 1.
    all_lanes: Constant<Bits<FC_LANES>>,
    one_layer: Constant<Bits<FC_LAYERS>>,
    position_step0: Constant<Bits<HIDDEN_ADDR_BITS>>,
    /// Lanes below lane `l`.
    below: [Constant<Bits<FC_LANES>>; FC_LANES],
}

impl InputScan {
    pub fn new(p: &Params) -> Self {
        fn c<const N: usize>(v: usize) -> Constant<Bits<N>> {
            Constant::new((v as u64).into())
        }
        let mask = |lanes: usize| c::<FC_LANES>((1 << lanes) - 1);
        let conv_last = p.kernels - FC_LANES * (p.conv_groups - 1);
        let fc = &p.fc;
        // FC layer k's source: the membrane map (k = 0) or hidden layer k − 1's words; the
        // layers past the config's (an RTL compiled for more) are never scanned.
        let source = |k: usize| match k {
            0 => (0, p.membrane_words, p.conv_groups, conv_last),
            k if k < fc.neurons.len() => {
                let g = fc.groups[k - 1];
                let last = fc.neurons[k - 1] - FC_LANES * (g - 1);
                (fc.acc_base[k - 1], g, g, last)
            }
            _ => (0, 1, 1, FC_LANES),
        };
        let groups = |k: usize| fc.groups.get(k).copied().unwrap_or(0);
        Self {
            clock: Default::default(),
            reset: Default::default(),
            start: Default::default(),
            layer: Default::default(),
            allow_read: Default::default(),
            read: Default::default(),
            address: Default::default(),
            word: Default::default(),
            valid: Default::default(),
            value: Default::default(),
            row: Default::default(),
            take: Default::default(),
            done: Default::default(),
            state: Default::default(),
            layer_q: Default::default(),
            layer_onehot: Default::default(),
            start_onehot: Default::default(),
            index: Default::default(),
            group: Default::default(),
            row_base: Default::default(),
            word_q: Default::default(),
            pending_q: Default::default(),
            nonzero: Default::default(),
            arrived: Default::default(),
            last_group: Default::default(),
            lane_mask: Default::default(),
            lowest: Default::default(),
            rest: Default::default(),
            lane_offset: Default::default(),
            exhausted: Default::default(),
            last_index: Default::default(),
            next_index: Default::default(),
            last_group_k: Default::default(),
            last_mask_k: Default::default(),
            step: Default::default(),
            first_index: std::array::from_fn(|k| c(source(k).0)),
            last_index_of: std::array::from_fn(|k| c(source(k).0 + source(k).1 - 1)),
            last_group_of: std::array::from_fn(|k| c(source(k).2 - 1)),
            last_mask_of: std::array::from_fn(|k| mask(source(k).3)),
            row_start: std::array::from_fn(|k| c(fc.weight_base.get(k).copied().unwrap_or(0))),
            step_of: std::array::from_fn(|k| c(FC_LANES * groups(k))),
            lane_offsets: std::array::from_fn(|k| LaneOffsets::new(groups(k))),
            all_lanes: mask(FC_LANES),
            one_layer: c(1),
            position_step0: c(conv_last * p.hidden_groups),
            below: std::array::from_fn(|l| c((1 << l) - 1)),
        }
    }
}

impl Logic for InputScan {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, state, layer_q, index, group, row_base, word_q, pending_q);
        // The layer's constants.
        self.layer_onehot.next = self.one_layer.val() << self.layer_q.q.val();
        self.start_onehot.next = 0.into();
        self.last_index.next = self.last_index_of[0].val();
        self.last_group_k.next = self.last_group_of[0].val();
        self.last_mask_k.next = self.last_mask_of[0].val();
        self.step.next = self.step_of[0].val();
        for k in 1..FC_LAYERS {
            if self.layer_onehot.val().get_bit(k) {
                self.last_index.next = self.last_index_of[k].val();
                self.last_group_k.next = self.last_group_of[k].val();
                self.last_mask_k.next = self.last_mask_of[k].val();
                self.step.next = self.step_of[k].val();
            }
        }
        self.last_group.next = self.group.q.val() == self.last_group_k.val();
        self.lane_mask.next = self.all_lanes.val();
        if self.last_group.val() {
            self.lane_mask.next = self.last_mask_k.val();
        }
        // The word that arrived (`Fresh`) is latched with its nonzero lanes, and examined and
        // presented from the registers from the next cycle on (`Hold`): no memory output reaches
        // an address or the engine in the cycle it arrives.
        self.nonzero.next = 0.into();
        for l in 0..FC_LANES {
            self.nonzero.next = self.nonzero.val().replace_bit(
                l,
                self.word.val().get_bits::<INPUT_BITS>(l * INPUT_BITS).any(),
            );
        }
        self.arrived.next = self.nonzero.val() & self.lane_mask.val();
        // The lowest pending lane by a priority chain (no adder: its carry would be in the path).
        self.lowest.next = 0.into();
        for l in 0..FC_LANES {
            self.lowest.next = self.lowest.val().replace_bit(
                l,
                self.pending_q.q.val().get_bit(l)
                    && !(self.pending_q.q.val() & self.below[l].val()).any(),
            );
        }
        self.rest.next = self.pending_q.q.val() & !self.lowest.val();
        self.value.next = 0.into();
        for l in 0..FC_LANES {
            if self.lowest.val().get_bit(l) {
                self.value.next = self.word_q.q.val().get_bits::<INPUT_BITS>(l * INPUT_BITS);
            }
        }
        for k in 0..FC_LAYERS {
            self.lane_offsets[k].lowest.next = self.lowest.val();
        }
        self.lane_offset.next = self.lane_offsets[0].offset.val();
        for k in 1..FC_LAYERS {
            if self.layer_onehot.val().get_bit(k) {
                self.lane_offset.next = self.lane_offsets[k].offset.val();
            }
        }
        self.row.next = self.row_base.q.val() + self.lane_offset.val();
        self.valid.next = (self.state.q.val() == ScanState::Hold) && self.pending_q.q.val().any();
        self.done.next = self.state.q.val() == ScanState::Idle;
        self.exhausted.next =
            !self.pending_q.q.val().any() || (self.take.val() && !self.rest.val().any());
        self.next_index.next = self.index.q.val() + 1;
        self.read.next = false;
        self.address.next = self.index.q.val();
        match self.state.q.val() {
            ScanState::Idle => {}
            ScanState::NeedRead => {
                if self.allow_read.val() {
                    self.read.next = true;
                    self.state.d.next = ScanState::Fresh;
                }
            }
            ScanState::Fresh => {
                self.word_q.d.next = self.word.val();
                self.pending_q.d.next = self.arrived.val();
                self.state.d.next = ScanState::Hold;
            }
            ScanState::Hold => {
                if self.take.val() {
                    self.pending_q.d.next = self.rest.val();
                }
                if self.exhausted.val() {
                    if self.index.q.val() == self.last_index.val() {
                        self.state.d.next = ScanState::Idle;
                    } else {
                        self.index.d.next = self.next_index.val();
                        self.group.d.next = self.group.q.val() + 1;
                        self.row_base.d.next = self.row_base.q.val() + self.step.val();
                        if self.layer_onehot.val().get_bit(0) && self.last_group.val() {
                            self.group.d.next = 0.into();
                            self.row_base.d.next =
                                self.row_base.q.val() + self.position_step0.val();
                        }
                        self.state.d.next = ScanState::NeedRead;
                        if self.allow_read.val() {
                            self.read.next = true;
                            self.address.next = self.next_index.val();
                            self.state.d.next = ScanState::Fresh;
                        }
                    }
                }
            }
        }
        if self.start.val() {
            self.state.d.next = ScanState::NeedRead;
            self.layer_q.d.next = self.layer.val();
            self.start_onehot.next = self.one_layer.val() << self.layer.val();
            self.index.d.next = self.first_index[0].val();
            self.row_base.d.next = self.row_start[0].val();
            for k in 0..FC_LAYERS {
                if self.start_onehot.val().get_bit(k) {
                    self.index.d.next = self.first_index[k].val();
                    self.row_base.d.next = self.row_start[k].val();
                }
            }
            self.group.d.next = 0.into();
        }
        if self.reset.val() {
            self.state.d.next = ScanState::Idle;
        }
    }
}

/// The row offset `l · G` of lane `l` of a layer of `G` lane groups, `l` one-hot (no
/// multiplier: one constant per lane).
#[derive(LogicBlock)]
pub struct LaneOffsets {
    pub lowest: Signal<In, Bits<FC_LANES>>,
    pub offset: Signal<Out, Bits<HIDDEN_ADDR_BITS>>,
    offsets: [Constant<Bits<HIDDEN_ADDR_BITS>>; FC_LANES],
}

impl LaneOffsets {
    fn new(groups: usize) -> Self {
        Self {
            lowest: Default::default(),
            offset: Default::default(),
            offsets: std::array::from_fn(|l| Constant::new(((l * groups) as u64).into())),
        }
    }
}

impl Logic for LaneOffsets {
    #[hdl_gen]
    fn update(&mut self) {
        self.offset.next = 0.into();
        for l in 0..FC_LANES {
            if self.lowest.val().get_bit(l) {
                self.offset.next = self.offsets[l].val();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::{pack, Bench};
    use golden::fc::active_inputs;

    /// Drives a scan over `words` (the source memory, latency 1), taking an input every
    /// `take_every` cycles and allowing reads only when not "busy" with a row; returns the
    /// `(row, value)` pairs and the cycles until `done`.
    fn scan(
        b: &mut Bench<InputScan>,
        layer: u64,
        words: &[u64],
        take_every: usize,
    ) -> (Vec<(usize, u64)>, u64) {
        b.uut.layer.next = layer.into();
        b.uut.start.next = true;
        b.tick();
        b.uut.start.next = false;
        let start = b.cycles;
        let (mut got, mut busy) = (vec![], 0usize);
        loop {
            b.uut.allow_read.next = busy == 0;
            b.uut.take.next = false;
            b.settle();
            if busy == 0 && b.uut.valid.val() {
                b.uut.take.next = true;
                b.settle();
                got.push((b.uut.row.val().index(), b.uut.value.val().index() as u64));
                busy = take_every;
            } else {
                busy = busy.saturating_sub(1);
            }
            if b.uut.done.val() {
                return (got, b.cycles - start);
            }
            let read = b.uut.read.val().then(|| b.uut.address.val().index());
            b.tick();
            if let Some(a) = read {
                b.uut.word.next = pack::<INPUT_WORD>(
                    &(0..FC_LANES)
                        .map(|l| words[a] >> (8 * l) & 0xFF)
                        .collect::<Vec<_>>(),
                    8,
                );
            }
            assert!(b.cycles - start < 2000, "the scan ends");
        }
    }

    /// FC layer 0 with 12 kernels (two lane groups, the second half full, its padding lanes
    /// holding garbage) and the output layer with 12 hidden neurons: the scan gives golden
    /// `active_inputs` in order with `row = i · G_w`; an all-zero word costs two cycles, a word
    /// with `k` inputs `k + 1`.
    #[test]
    fn presents_the_golden_active_inputs_in_order() {
        let mut config = crate::tiny_config();
        config.conv.kernels = 12;
        config.fc.hidden = vec![12];
        let p = Params::new(&config).unwrap();
        assert_eq!((p.conv_groups, p.hidden_groups, p.output_groups), (2, 2, 1));
        let mut b = Bench::new(InputScan::new(&p), |x| &mut x.clock);
        b.uut.reset.next = true;
        b.tick();
        b.uut.reset.next = false;
        // Spike counts in golden order, with runs of zeros.
        let mut lfsr = golden::lfsr::Lfsr::new(3);
        let counts: Vec<i16> = (0..p.conv_neurons)
            .map(|i| {
                if i % 13 < 6 {
                    0
                } else {
                    (lfsr.draw() % 4) as i16
                }
            })
            .collect();
        let mut words = vec![];
        for pos in 0..p.out_w * p.out_h {
            for g in 0..2 {
                let word = (0..8).fold(0u64, |w, l| {
                    let k = 8 * g + l;
                    let v = if k < 12 {
                        counts[pos * 12 + k] as u64
                    } else {
                        3
                    };
                    w | v << (8 * l)
                });
                words.push(word);
            }
        }
        let mut want = vec![];
        active_inputs(&counts, &mut want);
        for take_every in [0, 3] {
            let (got, cycles) = scan(&mut b, 0, &words, take_every);
            let want: Vec<(usize, u64)> = want
                .iter()
                .map(|&(i, x)| (i as usize * p.hidden_groups, x as u64))
                .collect();
            assert_eq!(got, want, "take every {take_every}");
            if take_every == 0 {
                // One cycle to read the first word, then per word one cycle to latch it and one
                // per input (the last take reads the next word), one if it holds none.
                let per_word: usize = (0..words.len())
                    .map(|w| {
                        want.iter()
                            .filter(|&&(row, _)| {
                                let i = row / p.hidden_groups;
                                (i / 12) * 2 + (i % 12) / 8 == w
                            })
                            .count()
                    })
                    .map(|inputs| 1 + inputs.max(1))
                    .sum();
                assert_eq!(cycles as usize, 1 + per_word);
            }
        }
        // Output layer: 12 activations (s8), lanes 12..16 of the last word are padding.
        let ys: Vec<i32> = vec![0, -5, 127, 0, 0, 0, 0, -127, 0, 1, 0, 0];
        let words = [
            ys[..8]
                .iter()
                .enumerate()
                .fold(0u64, |w, (l, &y)| w | ((y as u8 as u64) << (8 * l))),
            ys[8..]
                .iter()
                .enumerate()
                .fold(0xFFFF_FFFF << 32, |w, (l, &y)| {
                    w | ((y as u8 as u64) << (8 * l))
                }),
        ];
        let (got, _) = scan(&mut b, 1, &words, 1);
        let mut want = vec![];
        active_inputs(&ys, &mut want);
        let want: Vec<(usize, u64)> = want
            .iter()
            .map(|&(j, y)| (j as usize * p.output_groups, y as u8 as u64))
            .collect();
        assert_eq!(got, want);
    }
}
