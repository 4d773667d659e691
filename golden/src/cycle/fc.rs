//! The FC engine with the DRTP learning unit's sequencing, cycle by cycle (hdl `fc.rs`): weight
//! memories (single port), accumulator memory, the scan-driven forward passes, the activation,
//! the class decision and the read–modify–write weight updates. The arithmetic is golden's
//! (`activation.rs`, `fixed.rs`, `target_projection.rs`, `lfsr.rs`); this file only schedules it.

use super::scan::Scan;
use super::Write;
use super::{lane_mask, Sizes, Wide, LANES, MAX_HIDDEN};
use crate::activation::{hard_sigmoid, hard_tanh, output_error};
use crate::fc::FcLayer;
use crate::fixed::{add_saturating_i16, narrow_delta, sext, stochastic_round};
use crate::lfsr::Lfsr;
use crate::target_projection;

/// Phases of the FC engine, numbered as the RTL encodes `FcPhase`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum FcPhase {
    Idle = 0,
    Clear = 1,
    Pick = 2,
    Row = 3,
    RowRead = 4,
    RowWrite = 5,
    Activate = 6,
    ActivateLast = 7,
    DecideRead = 8,
    DecideLane = 9,
    RowMultiply = 10,
    RowProduct = 11,
    RowShift = 12,
    RowRound = 13,
    DecideEnd = 14,
    RowHold = 15,
}

/// Scan-driven passes, numbered as the RTL encodes `FcPass`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum FcPass {
    Hidden = 0,
    Output = 1,
    LearnHidden = 2,
    LearnOutput = 3,
}

/// An accumulator memory word, raw ([`Wide`]): `L` = [`Sizes::lanes`] accumulators
/// (s`acc_bits`, lane `l` at bit `acc_bits · l`, [`Capacities`]), or an activation word (`y`
/// s8 at bit `8l`, `d` s2 at bit `8L + 2l`).
///
/// [`Capacities`]: super::Capacities
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccWord(pub Wide);

impl AccWord {
    fn bits(&self, at: usize, width: usize) -> u64 {
        self.0.bits(at, width)
    }

    fn place(&mut self, at: usize, width: usize, value: u64) {
        self.0.place(at, width, value)
    }

    /// Accumulator lane `l` of `acc_bits`.
    pub fn sum(&self, l: usize, acc_bits: usize) -> i32 {
        sext(self.bits(acc_bits * l, acc_bits), acc_bits) as i32
    }

    /// Raw 8-bit input lane `l` (`y` of an activation word).
    pub fn input(&self, l: usize) -> u8 {
        self.bits(8 * l, 8) as u8
    }

    /// Modulation `d` of lane `l` of an activation word of `lanes` lanes.
    pub fn modulation(&self, l: usize, lanes: usize) -> i16 {
        sext(self.bits(8 * lanes + 2 * l, 2), 2) as i16
    }
}

/// `(state after a 16-step draw, the draw)`; a zero state stays zero (a locked register).
fn draw(state: u32) -> (u32, u16) {
    if state == 0 {
        return (0, 0);
    }
    let mut l = Lfsr::new(state);
    let d = l.draw();
    (l.state(), d)
}

/// The next `lanes` bits the target-projection LFSR shifts out (one per neuron of a lane
/// group), and its state after them.
fn signs(state: u32, lanes: usize) -> (u32, u32) {
    if state == 0 {
        return (0, 0);
    }
    let mut l = Lfsr::new(state);
    let signs = (0..lanes).fold(0u32, |m, j| m | u32::from(l.step()) << j);
    (signs, l.state())
}

/// Inputs of the engine for one edge (from the top).
#[derive(Debug, Clone, Copy, Default)]
pub struct FcIn {
    pub reset: bool,
    pub start_clear: bool,
    pub start: bool,
    pub learn: bool,
    pub label: u8,
    /// The learning-rate shift registers of the hidden layers (`Sizes::hidden_layers` used).
    pub hidden_lr_shifts: [u32; MAX_HIDDEN],
    pub output_lr_shift: u32,
    pub projection_seed: u32,
    /// FC layer 0 inputs: the spike counters of the membrane word read last cycle.
    pub input_word: [u8; LANES],
    /// Configuration access (idle only): 0 FC layer 0 weights, 1 the output weight memory
    /// (FC layers 1.., its word address including the layer's first word), 2 scores.
    pub mem_select: u8,
    pub mem_address: usize,
    pub mem_read: bool,
    pub mem_write: bool,
    pub mem_wdata: [i16; LANES],
    pub rounding_write: bool,
    pub rounding_wdata: u32,
}

/// What the engine does at an edge besides its registers.
#[derive(Debug, Clone, Copy, Default)]
pub struct FcOut {
    /// Membrane map read for the scan.
    pub input_read: bool,
    pub input_address: usize,
    pub hidden_write: Option<Write<[i16; LANES]>>,
    pub output_write: Option<Write<[i16; LANES]>>,
    pub acc_write: Option<Write<AccWord>>,
}

#[derive(Debug, Clone)]
pub struct FcEngine {
    s: Sizes,
    /// FC layers 0.. (hidden layers, then the output layer): layer 0 is the FC layer 0 memory,
    /// the others the output weight memory.
    pub(super) layers: Vec<FcLayer>,
    acc: Vec<AccWord>,
    hidden_rdata: [i16; LANES],
    output_rdata: [i16; LANES],
    acc_rdata: AccWord,
    scan: Scan,
    projection: u32,
    pub(super) phase: FcPhase,
    pub(super) pass: FcPass,
    learn: bool,
    label: u8,
    /// The hidden layer of the `Hidden` and `LearnHidden` passes.
    layer: usize,
    group: usize,
    lane: usize,
    row: usize,
    x: u8,
    rounded: i16,
    round: u16,
    /// The forward row's pipeline (hdl `fc.rs`): operands arrive, accumulator read, write-back.
    mac_operands: bool,
    mac_operands_address: usize,
    mac_read: bool,
    mac_read_address: usize,
    mac_pending: bool,
    mac_address: usize,
    /// The FC lanes' multiplier registers: the shared `a`, each lane's `b`, the products.
    a_q: i32,
    b_q: [i32; LANES],
    product_q: [i32; LANES],
    /// The output rule's updates `(p + r mod 2^s) >> s`, clamped, registered one lane per
    /// cycle, one cycle after the lane's *RowShift* registered `p + r mod 2^s` in the shared
    /// shifter (`shift_sum`: lane, sum).
    delta_q: [i16; LANES],
    shift_sum: Option<(usize, i32)>,
    act_pending: bool,
    act_group: usize,
    /// Per hidden layer: whether any of its `d ≠ 0` (bit `k`).
    any_modulated: u8,
    any_error: bool,
    best: i32,
    best_class: u8,
    class: u8,
    pub(super) rounding: u32,
}

impl FcEngine {
    pub fn new(s: &Sizes, layers: Vec<FcLayer>) -> Self {
        Self {
            s: s.clone(),
            layers,
            acc: vec![AccWord::default(); s.caps.acc_mask() + 1],
            hidden_rdata: [0; LANES],
            output_rdata: [0; LANES],
            acc_rdata: AccWord::default(),
            scan: Scan::new(s),
            projection: 0,
            phase: FcPhase::Idle,
            pass: FcPass::Hidden,
            learn: false,
            label: 0,
            layer: 0,
            group: 0,
            lane: 0,
            row: 0,
            x: 0,
            rounded: 0,
            round: 0,
            mac_operands: false,
            mac_operands_address: 0,
            mac_read: false,
            mac_read_address: 0,
            mac_pending: false,
            mac_address: 0,
            a_q: 0,
            b_q: [0; LANES],
            product_q: [0; LANES],
            delta_q: [0; LANES],
            shift_sum: None,
            act_pending: false,
            act_group: 0,
            any_modulated: 0,
            any_error: false,
            best: 0,
            best_class: 0,
            class: 0,
            rounding: 0,
        }
    }

    pub fn busy(&self) -> bool {
        self.phase != FcPhase::Idle
    }

    /// Class of the last sample.
    pub fn decision(&self) -> u8 {
        self.class
    }

    pub fn hidden_rdata(&self) -> [i16; LANES] {
        self.hidden_rdata
    }

    pub fn output_rdata(&self) -> [i16; LANES] {
        self.output_rdata
    }

    /// Lane `lane` of the last accumulator word read (the configuration port's score).
    pub fn score(&self, lane: usize) -> i32 {
        self.acc_rdata.sum(lane, self.s.caps.acc_bits)
    }

    /// The FC layer and the weight (index in its `[input][neuron]` storage) of lane `l` of
    /// word `address` of a weight memory (`upper`: the output weight memory), or `None`: a
    /// padding lane, a lane past `L` or a word past the layers.
    fn weight_index(&self, upper: bool, address: usize, l: usize) -> Option<(usize, usize)> {
        let s = &self.s;
        let k = if upper {
            (1..s.fc.neurons.len())
                .rev()
                .find(|&k| s.fc.weight_base[k] <= address)?
        } else {
            0
        };
        let (layer, groups) = (&self.layers[k], s.fc.groups[k]);
        let word = address - s.fc.weight_base[k];
        let (i, n) = (word / groups, (word % groups) * s.lanes + l);
        (i < layer.inputs() && l < s.lanes && n < layer.neurons())
            .then_some((k, i * layer.neurons() + n))
    }

    fn read_weights(&self, upper: bool, address: usize) -> [i16; LANES] {
        std::array::from_fn(|l| {
            self.weight_index(upper, address, l)
                .map_or(0, |(k, i)| self.layers[k].weights()[i])
        })
    }

    fn write_weights(&mut self, upper: bool, w: &Write<[i16; LANES]>) {
        for (l, &v) in w.data.iter().enumerate() {
            if let Some((k, i)) = self.weight_index(upper, w.address, l) {
                self.layers[k].weights_mut()[i] = v;
            }
        }
    }

    /// The layer the engine works on: the output layer in the output passes, else `layer`.
    fn fc_layer(&self) -> usize {
        match self.pass {
            FcPass::Output | FcPass::LearnOutput => self.s.hidden_layers,
            _ => self.layer,
        }
    }

    /// The first hidden layer after `after` (all of them: `None`) with a nonzero `d`.
    fn next_modulated(&self, after: Option<usize>) -> Option<usize> {
        let from = after.map_or(0, |k| k + 1);
        (from..self.s.hidden_layers).find(|&k| self.any_modulated >> k & 1 == 1)
    }

    /// Output error of lane `l` of the score word in `acc_rdata` (output word `group`), masked.
    fn error(&self, l: usize) -> i32 {
        let s = &self.s;
        let last = s.classes - s.lanes * (s.output_groups - 1);
        let mask = if self.group & 0xFF == s.output_groups - 1 {
            lane_mask(last)
        } else {
            lane_mask(s.lanes)
        };
        if mask >> l & 1 == 0 {
            return 0;
        }
        let label = usize::from(self.label);
        let target = label >> s.lanes_log2 == self.group & 0xFF && label & (s.lanes - 1) == l;
        let p = hard_sigmoid(
            self.acc_rdata.sum(l, s.caps.acc_bits),
            s.output_shift,
            s.probability_bits,
        );
        output_error(p, target, s.probability_bits)
    }

    /// The activation word of the accumulator word in `acc_rdata` (hidden word `act_group`),
    /// and whether any `d ≠ 0`.
    fn activation_word(&self) -> (AccWord, bool) {
        let s = &self.s;
        let k = self.layer;
        let last = s.fc.neurons[k] - s.lanes * (s.fc.groups[k] - 1);
        let mask = if self.act_group == s.fc.groups[k] - 1 {
            lane_mask(last)
        } else {
            lane_mask(s.lanes)
        };
        let (signs, _) = signs(self.projection, s.lanes);
        let mut word = AccWord::default();
        let mut modulated = false;
        for l in (0..LANES).filter(|l| mask >> l & 1 == 1) {
            let (y, window) = hard_tanh(
                self.acc_rdata.sum(l, s.caps.acc_bits),
                s.activation_shifts[k],
                s.ymax,
            );
            let d: i64 = match (window, signs >> l & 1 == 1) {
                (false, _) => 0,
                (true, true) => 1,
                (true, false) => -1,
            };
            modulated |= d != 0;
            word.place(8 * l, 8, y as u64 & 0xFF);
            word.place(8 * s.lanes + 2 * l, 2, d as u64 & 3);
        }
        (word, modulated)
    }

    /// `acc + x · w` of every lane (the forward row's write-back), the products from the
    /// multipliers' registers.
    fn sums_word(&self) -> AccWord {
        let mut word = AccWord::default();
        for (l, &p) in self.product_q.iter().enumerate() {
            let bits = self.s.caps.acc_bits;
            let sum = self.acc_rdata.sum(l, bits) + p;
            word.place(bits * l, bits, sum as u64 & ((1 << bits) - 1));
        }
        word
    }

    /// The FC lanes' operands this cycle: `(a, b)` = `(x, w)`, in the output update `(−y, e)`.
    fn operands(&self, weight_data: [i16; LANES]) -> (i32, [i32; LANES]) {
        let x = i32::from(self.x as i8);
        if self.pass == FcPass::LearnOutput {
            (-x, std::array::from_fn(|l| self.error(l)))
        } else {
            (x, weight_data.map(i32::from))
        }
    }

    /// The updated weight word of a learning row (golden `update_hidden` / `update_output`
    /// per lane).
    fn updated_word(&self, weights: [i16; LANES], output_layer: bool) -> [i16; LANES] {
        let (lo, hi) = self.layers[0].weight_range();
        std::array::from_fn(|l| {
            if l >= self.s.lanes {
                return 0;
            }
            let delta = if output_layer {
                self.delta_q[l]
            } else {
                -self.acc_rdata.modulation(l, self.s.lanes) * self.rounded
            };
            add_saturating_i16(weights[l], delta, lo, hi)
        })
    }

    /// One rising edge.
    pub fn step(&mut self, i: &FcIn) -> FcOut {
        let s = self.s.clone();
        let output_layer = matches!(self.pass, FcPass::Output | FcPass::LearnOutput);
        // FC layer `k`; its weights are in the output weight memory unless it is FC layer 0,
        // and its inputs in the accumulator memory too.
        let k = self.fc_layer();
        let act_layer = self.layer;
        let upper = k != 0;
        let weight_data = if upper {
            self.output_rdata
        } else {
            self.hidden_rdata
        };
        let group8 = self.group & 0xFF;
        let last_row_group = group8 == s.fc.groups[k] - 1;
        let weight_address = (self.row + group8) & s.caps.hidden_mask();
        let acc_address = (s.fc.acc_base[k] + group8) & s.caps.acc_mask();
        // The scan.
        let word = if upper {
            std::array::from_fn(|l| self.acc_rdata.input(l))
        } else {
            i.input_word
        };
        let presented = self.scan.present(word);
        let stall = (self.mac_operands || self.mac_read) && (upper || presented.done);
        let allow_read = self.phase == FcPhase::Pick && !stall;
        let take = allow_read && presented.valid;
        let (scan_read, scan_address) = self.scan.step(&presented, take, allow_read, i.reset);
        let mut scan_start = None;
        // Write-backs due at this edge, one cycle after their read (forward rows, activation),
        // computed from the registers before the edge.
        let mac_write = self.mac_pending.then(|| Write {
            address: self.mac_address,
            data: self.sums_word(),
        });
        let (a, operands) = self.operands(weight_data);
        let products = std::array::from_fn(|l| i32::from((self.a_q * self.b_q[l]) as i16));
        // The shared shifter's registered sum of the cycle before: that lane's update.
        if let Some((l, sum)) = self.shift_sum.take() {
            self.delta_q[l] = narrow_delta(sum >> i.output_lr_shift);
        }
        let mut shift_sum = None;
        let mac_read = self.mac_read.then_some(self.mac_read_address);
        (self.mac_pending, self.mac_address) = (self.mac_read, self.mac_read_address);
        (self.mac_read, self.mac_read_address) = (self.mac_operands, self.mac_operands_address);
        self.mac_operands = false;
        let act_write = self.act_pending.then(|| {
            let (data, modulated) = self.activation_word();
            (
                Write {
                    address: (s.fc.acc_base[act_layer] + self.act_group) & s.caps.acc_mask(),
                    data,
                },
                modulated,
            )
        });
        self.act_pending = false;
        // The rounding draw of a row.
        let shift = if output_layer {
            i.output_lr_shift
        } else {
            i.hidden_lr_shifts[self.layer]
        };
        let (after_draw, drawn) = draw(self.rounding);
        let draw_round = (u32::from(drawn) & ((1u32 << shift) - 1)) as u16;
        // `x` is a spike count (below 2^7) in FC layer 0, an activation `y` (s8) after it.
        let rounded_now = stochastic_round(i32::from(self.x as i8), shift, self.round);
        // Memory ports.
        let mut out = FcOut {
            input_read: scan_read && !upper,
            input_address: scan_address,
            ..FcOut::default()
        };
        let (mut h_read, mut o_read) = (false, false);
        let (mut h_addr, mut o_addr) = (weight_address, weight_address & s.caps.output_mask());
        let mut acc_read = None;
        let mut acc_write: Option<Write<AccWord>> = None;
        let mut next = self.phase;
        let mut load_projection = false;
        match self.phase {
            FcPhase::Idle => {
                h_addr = i.mem_address & s.caps.hidden_mask();
                o_addr = i.mem_address & s.caps.output_mask();
                h_read = i.mem_read && i.mem_select == 0;
                o_read = i.mem_read && i.mem_select == 1;
                let data = i.mem_wdata;
                if i.mem_write && i.mem_select == 0 {
                    out.hidden_write = Some(Write {
                        address: h_addr,
                        data,
                    });
                }
                if i.mem_write && i.mem_select == 1 {
                    out.output_write = Some(Write {
                        address: o_addr,
                        data,
                    });
                }
                if i.mem_read && i.mem_select == 2 {
                    acc_read =
                        Some((s.fc.acc_base[s.hidden_layers] + i.mem_address) & s.caps.acc_mask());
                }
                if i.rounding_write {
                    self.rounding = i.rounding_wdata;
                }
                if i.start_clear {
                    next = FcPhase::Clear;
                    self.group = 0;
                } else if i.start {
                    self.learn = i.learn;
                    self.label = i.label;
                    self.any_modulated = 0;
                    self.any_error = false;
                    self.pass = FcPass::Hidden;
                    self.layer = 0;
                    scan_start = Some(0);
                    next = FcPhase::Pick;
                }
            }
            FcPhase::Clear => {
                acc_write = Some(Write {
                    address: group8 & s.caps.acc_mask(),
                    data: AccWord::default(),
                });
                self.group = (self.group + 1) & 0xFF;
                if group8 == s.acc_words - 1 {
                    next = FcPhase::Idle;
                }
            }
            FcPhase::Pick => {
                if upper && scan_read {
                    acc_read = Some(scan_address & s.caps.acc_mask());
                }
                if presented.valid && !stall {
                    self.x = presented.value;
                    self.row = presented.row;
                    self.group = 0;
                    if matches!(self.pass, FcPass::Hidden | FcPass::Output) {
                        next = FcPhase::Row;
                    } else {
                        // One draw per nonzero input (a hidden row's `q` follows in *RowRound*,
                        // and *RowRead* skips the row if q = 0).
                        self.rounding = after_draw;
                        self.round = draw_round;
                        next = if self.pass == FcPass::LearnHidden {
                            FcPhase::RowRound
                        } else {
                            FcPhase::RowRead
                        };
                    }
                } else if presented.done && !stall {
                    match self.pass {
                        FcPass::Hidden => {
                            next = FcPhase::Activate;
                            self.group = 0;
                            load_projection = true;
                        }
                        FcPass::Output => {
                            next = FcPhase::DecideRead;
                            self.group = 0;
                        }
                        FcPass::LearnHidden => {
                            next = FcPhase::Idle;
                            if let Some(j) = self.next_modulated(Some(self.layer)) {
                                self.layer = j;
                                scan_start = Some(j);
                                next = FcPhase::Pick;
                            } else if self.any_error {
                                self.pass = FcPass::LearnOutput;
                                scan_start = Some(s.hidden_layers);
                                next = FcPhase::Pick;
                            }
                        }
                        FcPass::LearnOutput => next = FcPhase::Idle,
                    }
                }
            }
            FcPhase::Row => {
                (h_read, o_read) = (!upper, upper);
                self.mac_operands = true;
                self.mac_operands_address = acc_address;
                self.group = (self.group + 1) & 0xFF;
                if last_row_group {
                    next = FcPhase::Pick;
                }
            }
            FcPhase::RowRound => {
                self.rounded = i16::from(rounded_now as i8);
                next = FcPhase::RowRead;
            }
            FcPhase::RowRead if self.pass == FcPass::LearnHidden && self.rounded == 0 => {
                // A hidden row with q = 0 is left as it is (golden skips it).
                next = FcPhase::Pick;
            }
            FcPhase::RowRead => {
                (h_read, o_read) = (!upper, upper);
                acc_read = Some(acc_address);
                next = if self.pass == FcPass::LearnOutput {
                    FcPhase::RowMultiply
                } else {
                    FcPhase::RowHold
                };
            }
            FcPhase::RowMultiply => next = FcPhase::RowProduct,
            FcPhase::RowProduct => {
                self.lane = 0;
                next = FcPhase::RowShift;
            }
            FcPhase::RowShift => {
                // One lane per cycle into the shared shifter, whose sum is registered.
                shift_sum = Some((self.lane, self.product_q[self.lane] + i32::from(self.round)));
                self.lane = (self.lane + 1) & (s.lanes - 1);
                if shift_sum.is_some_and(|(l, _)| l == s.lanes - 1) {
                    next = FcPhase::RowHold;
                }
            }
            // The RTL registers the words on the read ports here (and, in the output layer, the
            // last lane's update); the memories hold them, so *RowWrite* updates the same values.
            FcPhase::RowHold => next = FcPhase::RowWrite,
            FcPhase::RowWrite => {
                let data = self.updated_word(weight_data, output_layer);
                if upper {
                    out.output_write = Some(Write {
                        address: o_addr,
                        data,
                    });
                } else {
                    out.hidden_write = Some(Write {
                        address: h_addr,
                        data,
                    });
                }
                self.group = (self.group + 1) & 0xFF;
                next = FcPhase::RowRead;
                if last_row_group {
                    next = FcPhase::Pick;
                }
            }
            FcPhase::Activate => {
                acc_read = Some(acc_address);
                self.act_pending = true;
                self.act_group = group8;
                self.group = (self.group + 1) & 0xFF;
                if last_row_group {
                    next = FcPhase::ActivateLast;
                }
            }
            FcPhase::ActivateLast => {
                // The next hidden layer's forward pass, or the output layer's.
                if self.layer + 1 < s.hidden_layers {
                    self.layer += 1;
                    self.pass = FcPass::Hidden;
                    scan_start = Some(self.layer);
                } else {
                    self.pass = FcPass::Output;
                    scan_start = Some(s.hidden_layers);
                }
                next = FcPhase::Pick;
            }
            FcPhase::DecideRead => {
                acc_read = Some(acc_address);
                self.lane = 0;
                next = FcPhase::DecideLane;
            }
            FcPhase::DecideLane => {
                let erring = (0..LANES).any(|l| self.error(l) != 0);
                let errors_now = self.any_error || (self.lane == 0 && erring);
                let value = self.acc_rdata.sum(self.lane, self.s.caps.acc_bits);
                let class = ((self.group << s.lanes_log2 | self.lane) & 0xFF) as u8;
                let better = value > self.best || class == 0;
                let winner = if better { class } else { self.best_class };
                self.any_error = errors_now;
                if better {
                    self.best = value;
                    self.best_class = class;
                }
                let lane = self.lane;
                self.lane = (self.lane + 1) & (s.lanes - 1);
                if usize::from(class) == s.classes - 1 {
                    self.class = winner;
                    next = if self.learn {
                        FcPhase::DecideEnd
                    } else {
                        FcPhase::Idle
                    };
                } else if lane == s.lanes - 1 {
                    self.group = (self.group + 1) & 0xFF;
                    next = FcPhase::DecideRead;
                }
            }
            FcPhase::DecideEnd => {
                next = FcPhase::Idle;
                if let Some(j) = self.next_modulated(None) {
                    self.pass = FcPass::LearnHidden;
                    self.layer = j;
                    scan_start = Some(j);
                    next = FcPhase::Pick;
                } else if self.any_error {
                    self.pass = FcPass::LearnOutput;
                    scan_start = Some(s.hidden_layers);
                    next = FcPhase::Pick;
                }
            }
        }
        if mac_read.is_some() {
            acc_read = mac_read;
        }
        if let Some(w) = mac_write {
            acc_write = Some(w);
        }
        if let Some((w, modulated)) = act_write {
            acc_write = Some(w);
            self.projection = signs(self.projection, s.lanes).1;
            self.any_modulated |= u8::from(modulated) << act_layer;
        }
        if load_projection {
            self.projection = if usize::from(self.label) < s.classes {
                target_projection::seed(i.projection_seed, self.layer, usize::from(self.label))
            } else if i.projection_seed == 0 {
                1
            } else {
                i.projection_seed
            };
        }
        // The RAMs at the edge: a single-port write leaves the read register; reads return
        // the old word.
        if let Some(w) = out.hidden_write {
            self.write_weights(false, &w);
        } else if h_read {
            self.hidden_rdata = self.read_weights(false, h_addr);
        }
        if let Some(w) = out.output_write {
            self.write_weights(true, &w);
        } else if o_read {
            self.output_rdata = self.read_weights(true, o_addr);
        }
        if let Some(a) = acc_read {
            debug_assert!(
                !matches!(acc_write, Some(w) if w.address == a),
                "read and write of word {a}"
            );
            self.acc_rdata = self.acc[a];
        }
        if let Some(w) = acc_write {
            self.acc[w.address] = w.data;
        }
        out.acc_write = acc_write;
        if let Some(layer) = scan_start {
            self.scan.restart(layer, i.reset);
        }
        self.a_q = a;
        self.b_q = operands;
        self.product_q = products;
        self.shift_sum = shift_sum;
        self.phase = next;
        if i.reset {
            self.phase = FcPhase::Idle;
            self.mac_operands = false;
            self.mac_read = false;
            self.mac_pending = false;
            self.act_pending = false;
            self.class = 0;
            self.rounding = s.rounding_seed;
        }
        out
    }
}
