//! The zero-skipping input scan of the FC engine, cycle by cycle (hdl `scan.rs`; golden
//! `fc::active_inputs`): presents the nonzero inputs of a layer ascending, one word of `L` lanes
//! ([`Sizes::lanes`]) at a time, reading its source only in cycles the engine allows.

use super::{lane_mask, Sizes, LANES};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Idle,
    NeedRead,
    Fresh,
    Hold,
}

/// The scan's combinational outputs in one cycle.
#[derive(Debug, Clone, Copy)]
pub struct Presented {
    /// A nonzero input is presented: its raw 8-bit value and the weight word of its row.
    pub valid: bool,
    pub value: u8,
    pub row: usize,
    /// No scan under way.
    pub done: bool,
    current: [u8; LANES],
    pending: u32,
    lowest: u32,
}

/// The constants of one scan *slot*: slot 0 scans FC layer 0's inputs (the spike counts of the
/// membrane map), slot `k ≥ 1` FC layer `k`'s (the activation words of hidden layer `k − 1` in
/// the accumulator memory).
#[derive(Debug, Clone)]
struct Slot {
    /// First and last source word; last lane group (of a position in slot 0) and its lanes.
    first_index: usize,
    last_index: usize,
    last_group: usize,
    last_mask: u32,
    /// Row of the first word (the layer's first weight word), row step per word, lane offsets
    /// `l · G_k`.
    row_start: usize,
    step: usize,
    offsets: [usize; LANES],
}

#[derive(Debug, Clone)]
pub struct Scan {
    slots: Vec<Slot>,
    position_step0: usize,
    /// The RTL's address widths wrap the row and index counters.
    hidden_mask: usize,
    membrane_mask: usize,
    /// All `L` lanes of a word.
    full_mask: u32,
    state: State,
    layer: usize,
    index: usize,
    group: usize,
    row_base: usize,
    word: [u8; LANES],
    pending: u32,
}

impl Scan {
    pub fn new(s: &Sizes) -> Self {
        let conv_last = s.kernels - s.lanes * (s.conv_groups - 1);
        let slots = (0..s.fc.neurons.len())
            .map(|k| {
                let g = s.fc.groups[k];
                let (first_index, words, last_group, last_lanes) = if k == 0 {
                    (0, s.membrane_words, s.conv_groups - 1, conv_last)
                } else {
                    let source = s.fc.groups[k - 1];
                    let last = s.fc.neurons[k - 1] - s.lanes * (source - 1);
                    (s.fc.acc_base[k - 1], source, source - 1, last)
                };
                Slot {
                    first_index,
                    last_index: first_index + words - 1,
                    last_group,
                    last_mask: lane_mask(last_lanes),
                    row_start: s.fc.weight_base[k],
                    step: s.lanes * g,
                    offsets: std::array::from_fn(|l| l * g),
                }
            })
            .collect();
        Self {
            slots,
            position_step0: conv_last * s.hidden_groups,
            hidden_mask: s.caps.hidden_mask(),
            membrane_mask: s.caps.membrane_mask(),
            full_mask: lane_mask(s.lanes),
            state: State::Idle,
            layer: 0,
            index: 0,
            group: 0,
            row_base: 0,
            word: [0; LANES],
            pending: 0,
        }
    }

    fn last_group(&self) -> bool {
        self.group & 0xFF == self.slots[self.layer].last_group
    }

    /// What the scan presents this cycle, given its source word (read last cycle). A word that
    /// arrives (`Fresh`) is latched with its nonzero lanes; it is examined and its inputs are
    /// presented from the registers (`Hold`).
    pub fn present(&self, word: [u8; LANES]) -> Presented {
        let fresh = self.state == State::Fresh;
        let lane_mask = if self.last_group() {
            self.slots[self.layer].last_mask
        } else {
            self.full_mask
        };
        let nonzero = (0..LANES).fold(0u32, |m, l| m | u32::from(word[l] != 0) << l);
        let pending = if fresh {
            nonzero & lane_mask
        } else {
            self.pending
        };
        let lowest = self.pending & self.pending.wrapping_neg();
        let (value, offset) = match lowest.trailing_zeros() as usize {
            l if l < LANES => (self.word[l], self.slots[self.layer].offsets[l]),
            _ => (0, 0),
        };
        Presented {
            valid: self.state == State::Hold && self.pending != 0,
            value,
            row: (self.row_base + offset) & self.hidden_mask,
            done: self.state == State::Idle,
            current: if fresh { word } else { self.word },
            pending,
            lowest,
        }
    }

    /// One rising edge; returns the source read issued at it (`read`, `address`).
    pub fn step(
        &mut self,
        p: &Presented,
        take: bool,
        allow_read: bool,
        reset: bool,
    ) -> (bool, usize) {
        let rest = p.pending & !p.lowest;
        let exhausted = p.pending == 0 || (take && rest == 0);
        let next_index = (self.index + 1) & self.membrane_mask;
        let (mut read, mut address) = (false, self.index);
        let mut next = (self.state, self.index, self.group, self.row_base);
        match self.state {
            State::Idle => {}
            State::NeedRead => {
                if allow_read {
                    read = true;
                    next.0 = State::Fresh;
                }
            }
            State::Fresh => {
                // The word that arrived is latched; it is examined from the next cycle on.
                self.word = p.current;
                self.pending = p.pending;
                next.0 = State::Hold;
            }
            State::Hold => {
                if take {
                    self.pending = rest;
                }
                if exhausted {
                    if self.index == self.slots[self.layer].last_index {
                        next.0 = State::Idle;
                    } else {
                        next.1 = next_index;
                        next.2 = (self.group + 1) & 0xFF;
                        next.3 = (self.row_base + self.slots[self.layer].step) & self.hidden_mask;
                        if self.layer == 0 && self.last_group() {
                            next.2 = 0;
                            next.3 = (self.row_base + self.position_step0) & self.hidden_mask;
                        }
                        next.0 = State::NeedRead;
                        if allow_read {
                            read = true;
                            address = next_index;
                            next.0 = State::Fresh;
                        }
                    }
                }
            }
        }
        if reset {
            next.0 = State::Idle;
        }
        (self.state, self.index, self.group, self.row_base) = next;
        (read, address)
    }

    /// `start` at the edge just stepped (it overrides the scan's own next state; `reset` wins).
    /// `layer`: the scan slot, FC layer `layer`'s inputs.
    pub fn restart(&mut self, layer: usize, reset: bool) {
        let slot = &self.slots[layer];
        (self.state, self.index, self.group, self.row_base) =
            (State::NeedRead, slot.first_index, 0, slot.row_start);
        self.layer = layer;
        if reset {
            self.state = State::Idle;
        }
    }
}
