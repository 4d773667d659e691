//! The FC engine with the DRTP learning unit's sequencing (golden `fc.rs`, `chip.rs`,
//! `learning_unit.rs`): weight memories, accumulators, the forward pass of every FC layer, the
//! hidden activations, the class decision and the weight updates.
//!
//! Memories: FC layer 0 weights, `conv_neurons · G_0` words of `FC_LANES` s8 weights, single
//! port (iCE40: 4 SPRAMs side by side); the output weight memory, FC layers 1..=h one after the
//! other (layer `k` from word `B_k`; with one hidden layer only the output layer,
//! `hidden · G_o` words), single port (block RAM); accumulators, `Σ G_k` words of `FC_LANES`
//! s`ACC_BITS` (block RAM), each hidden layer's words (from `A_k`), then the scores. Word
//! `i·G + g` of a layer holds the weights of input `i` to neurons `8g .. 8g + 8` (input-major,
//! as golden). After its activation phase a hidden layer's accumulator words hold its activation
//! words instead: `y` (s8) of lane `l` at bit `8l`, the DRTP modulation `d` (s2) at bit
//! `64 + 2l`; the output words hold the scores `z_c`. With `h > 1` hidden layers the passes
//! below run layer after layer (the `layer` register; docs/RTL.md § "Several hidden layers").
//!
//! One sample (`start`, after `start_clear` zeroed the accumulators at the sample's start):
//!
//! 1. forward pass of FC layer 0: the scan (`scan.rs`) presents the nonzero spike counts
//!    `x_i`, ascending; for each (cycle *Pick*) the engine issues one weight word and one
//!    accumulator word per lane group (*Row*, one per cycle) and writes `acc + x_i · w` back the
//!    next cycle (8 multipliers, one DSP each);
//! 2. activation: per hidden word, hard tanh, window and target projection (`d = B · f'`), written
//!    over the accumulator word;
//! 3. forward pass of the output layer over the nonzero activations `y_j` (same datapath);
//! 4. class decision: one class per cycle, the lowest index on ties; meanwhile whether any output
//!    error is nonzero;
//! 5. if `learn`: the hidden update if any `d_j ≠ 0` — per nonzero input one rounding draw
//!    (in *Pick*), `q = (x + r mod 2^s) >> s`, and if `q ≠ 0` a read–modify–write of each weight
//!    word of the row (*RowRead*, *RowWrite*: the memory is single port); then the output update
//!    if any `e_c ≠ 0` — per nonzero `y_j` one draw, then a read–modify–write per word with the
//!    errors recomputed from the scores and the products `−e_c · y_j` from the same multipliers.
//!
//! Rows never overlap in the accumulator memory (a *Pick* cycle separates two rows), so the
//! write of a word always precedes its next read: no read-after-write hazard for any `G`.

use crate::activation::ActivationLane;
use crate::learning_unit::{OutputRound, UpdateLane, DELTA_BITS};
use crate::lfsr::LfsrDraw;
use crate::output_layer::{OutputError, ERROR_BITS};
use crate::params::*;
use crate::ram::{Ram, SinglePortRam};
use crate::scan::InputScan;
use crate::target_projection::TargetProjection;
use rust_hdl::prelude::*;

/// `mem_select` of the configuration access: FC layer 0 weights, output weights, scores.
pub const MEM_HIDDEN: u64 = 0;
pub const MEM_OUTPUT: u64 = 1;
pub const MEM_SCORES: u64 = 2;

/// One FC lane: the product `a · b` of the shared input `a` and the lane's operand `b` — its
/// weight (forward pass) or `e` (output update, where the engine feeds `a = −y`: one negation
/// for the 8 lanes) — and the accumulator plus that product placed in an accumulator word. Both operands are sign-extended to 16 bits and multiplied by rust_hdl's
/// 16×16 unsigned multiplier: the low 16 bits are the two's-complement product, exact because
/// `|a · b| ≤ 128 · 128` (`|w| ≤ 2^(weight_bits−1)`, `|e| ≤ 2^probability_bits ≤ 128`, `|a| ≤ 128`).
/// Yosys maps it to one DSP (iCE40 `SB_MAC16`, ECP5 `MULT18X18D`).
///
/// The multiplier is register to register: `a` and `b` are registered (`a_q`, `b_q`), and so is
/// the product (`product_q`), so `product` is `a · b` of two edges before. On the iCE40 Yosys
/// packs the three registers into the `SB_MAC16` (`A_REG`, `B_REG`, the 16×16 pipeline
/// register): nextpnr treats every DSP port as a register port, which is then the truth, and the
/// multiplier's own delay stays inside the DSP (docs/RTL.md § "Timing and area on FPGAs").
#[derive(LogicBlock)]
pub struct FcLane {
    pub clock: Signal<In, Clock>,
    /// Shared input `a`, s16 (an s`INPUT_BITS` value sign-extended).
    pub a: Signal<In, Bits<16>>,
    /// Weight, s`FC_WEIGHT_BITS`: `b = w` unless `use_error`.
    pub weight: Signal<In, Bits<FC_WEIGHT_BITS>>,
    /// Output error `e`, s`ERROR_BITS`: `b = e` if `use_error`.
    pub error: Signal<In, Bits<ERROR_BITS>>,
    pub use_error: Signal<In, Bit>,
    /// Accumulator, s`ACC_BITS`.
    pub acc: Signal<In, Bits<ACC_BITS>>,
    /// `a · b` of the operands two edges before, s16.
    pub product: Signal<Out, Bits<16>>,
    /// `acc + product` at this lane's place in an accumulator word, zero elsewhere.
    pub placed_sum: Signal<Out, Bits<ACC_WORD>>,
    a_q: DFF<Bits<16>>,
    b_q: DFF<Bits<16>>,
    product_q: DFF<Bits<16>>,
    b: Signal<Local, Bits<16>>,
    full: Signal<Local, Bits<32>>,
    product_wide: Signal<Local, Bits<ACC_BITS>>,
    sum: Signal<Local, Bits<ACC_BITS>>,
    offset: Constant<Bits<ACC_OFFSET_BITS>>,
    /// Ones above the 16-bit product in an accumulator: its sign extension.
    product_fill: Constant<Bits<ACC_BITS>>,
    /// Ones above an `FC_WEIGHT_BITS` weight in 16 bits: its sign extension.
    weight_fill: Constant<Bits<16>>,
}

impl FcLane {
    /// Lane `lane` of an accumulator word.
    pub fn new(lane: usize) -> Self {
        Self {
            clock: Default::default(),
            a: Default::default(),
            weight: Default::default(),
            error: Default::default(),
            use_error: Default::default(),
            acc: Default::default(),
            product: Default::default(),
            placed_sum: Default::default(),
            a_q: Default::default(),
            b_q: Default::default(),
            product_q: Default::default(),
            b: Default::default(),
            full: Default::default(),
            product_wide: Default::default(),
            sum: Default::default(),
            offset: Constant::new(((lane * ACC_BITS) as u64).into()),
            product_fill: Constant::new(sign_fill(16, ACC_BITS).into()),
            weight_fill: Constant::new(sign_fill(FC_WEIGHT_BITS, 16).into()),
        }
    }
}

impl Logic for FcLane {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, a_q, b_q, product_q);
        // b, sign-extended by replicating the sign bit.
        self.b.next = bit_cast::<16, FC_WEIGHT_BITS>(self.weight.val());
        if self.weight.val().get_bit(FC_WEIGHT_BITS - 1) {
            self.b.next =
                bit_cast::<16, FC_WEIGHT_BITS>(self.weight.val()) | self.weight_fill.val();
        }
        if self.use_error.val() {
            self.b.next = bit_cast::<16, ERROR_BITS>(self.error.val());
            if self.error.val().get_bit(ERROR_BITS - 1) {
                self.b.next = bit_cast::<16, ERROR_BITS>(self.error.val()) | 0xFE00_u64;
            }
        }
        self.a_q.d.next = self.a.val();
        self.b_q.d.next = self.b.val();
        self.full.next = self.a_q.q.val() * self.b_q.q.val();
        self.product_q.d.next = bit_cast::<16, 32>(self.full.val());
        self.product.next = self.product_q.q.val();
        self.product_wide.next = bit_cast::<ACC_BITS, 16>(self.product.val());
        if self.product.val().get_bit(15) {
            self.product_wide.next =
                bit_cast::<ACC_BITS, 16>(self.product.val()) | self.product_fill.val();
        }
        self.sum.next = self.acc.val() + self.product_wide.val();
        self.placed_sum.next = bit_cast::<ACC_WORD, ACC_BITS>(self.sum.val()) << self.offset.val();
    }
}

// Operands of at most 8 (weights) and 9 bits (the error, a literal mask); the product is 16 bits.
const _: () = assert!(FC_WEIGHT_BITS <= 8 && ERROR_BITS == 9 && ACC_BITS > 16);

#[derive(Copy, Clone, Debug, PartialEq, LogicState)]
pub enum FcPhase {
    Idle,
    Clear,
    /// Take the next nonzero input (and, learning, draw); pass end when the scan is done.
    Pick,
    /// Forward pass: issue lane group `group` of the row.
    Row,
    /// Learning: read word `group` of the row, then write it back updated.
    RowRead,
    RowWrite,
    /// Hidden activation: read accumulator word `group`; the last word's write-back.
    Activate,
    ActivateLast,
    /// Class decision: read output word `group`, then one lane per cycle.
    DecideRead,
    DecideLane,
    /// Output update: the two cycles of the registered multiplier after *RowRead* (the score
    /// word, hence `−e`): operands, then products.
    RowMultiply,
    RowProduct,
    /// Output update: lane `lane`'s product enters the shared [`OutputRound`] (its sum is
    /// registered), one lane per cycle; each lane's update `(p + r mod 2^s) >> s` is registered
    /// (`UpdateLane::delta_q`) one cycle later, the last lane's in *RowHold*.
    RowShift,
    /// Hidden update: `q = (x + r mod 2^s) >> s` of the row registered, from the `x` and
    /// `r mod 2^s` its *Pick* latched.
    RowRound,
    /// Learning sample: the decision is made; the learning pass follows from the registered
    /// `any_modulated` and `any_error`.
    DecideEnd,
    /// Learning: the weight word and the `d` lanes, read in *RowRead*, are registered
    /// (`weight_held`, `modulation_held`, every edge), so no memory's read data reaches a
    /// memory's write data in one cycle; in the output layer, after the last *RowShift*, also
    /// the last lane's update.
    RowHold,
}

/// What the scan-driven phases are doing.
#[derive(Copy, Clone, Debug, PartialEq, LogicState)]
pub enum FcPass {
    Hidden,
    Output,
    LearnHidden,
    LearnOutput,
}

#[derive(LogicBlock)]
pub struct FcEngine {
    pub clock: Signal<In, Clock>,
    /// Synchronous reset: idle, rounding LFSR at `learning.rounding_seed`.
    pub reset: Signal<In, Bit>,
    /// Zero the accumulators (the start of a sample; the scores stay readable until then).
    pub start_clear: Signal<In, Bit>,
    /// Run the forward pass, the decision and, if `learn`, the update towards `label`.
    pub start: Signal<In, Bit>,
    pub learn: Signal<In, Bit>,
    pub label: Signal<In, Bits<8>>,
    /// Learning-rate shift registers (0..=16; hidden layer `k`'s at bit `5k`) and the
    /// target-projection base seed.
    pub hidden_lr_shifts: Signal<In, Bits<{ 5 * HIDDEN_LAYERS }>>,
    pub output_lr_shift: Signal<In, Bits<5>>,
    pub projection_seed: Signal<In, Bits<32>>,
    /// Not idle.
    pub busy: Signal<Out, Bit>,
    /// Class of the last sample.
    pub decision: Signal<Out, Bits<8>>,
    /// Membrane map read port (FC layer 0 inputs): its spike counts as an `INPUT_WORD`, one
    /// cycle after `input_read`.
    pub input_read: Signal<Out, Bit>,
    pub input_address: Signal<Out, Bits<MEMBRANE_ADDR_BITS>>,
    pub input_word: Signal<In, Bits<INPUT_WORD>>,
    /// Configuration access (idle only): `mem_select` (`MEM_…`), word address (for the scores:
    /// the output word), read (data one cycle later) or write.
    pub mem_select: Signal<In, Bits<2>>,
    pub mem_address: Signal<In, Bits<HIDDEN_ADDR_BITS>>,
    pub mem_read: Signal<In, Bit>,
    pub mem_write: Signal<In, Bit>,
    pub mem_wdata: Signal<In, Bits<FC_WORD>>,
    /// Last word read from the FC layer 0 / output weight memory.
    pub hidden_rdata: Signal<Out, Bits<FC_WORD>>,
    pub output_rdata: Signal<Out, Bits<FC_WORD>>,
    /// Lane `score_lane` (of the cycle before, while idle) of the last score word read,
    /// s`ACC_BITS`.
    pub score_lane: Signal<In, Bits<LANE_BITS>>,
    pub score: Signal<Out, Bits<ACC_BITS>>,
    /// Rounding LFSR state: written while idle, carried over between samples.
    pub rounding_write: Signal<In, Bit>,
    pub rounding_wdata: Signal<In, Bits<32>>,
    pub rounding_state: Signal<Out, Bits<32>>,
    pub(crate) hidden_weights: SinglePortRam<FC_WORD, HIDDEN_ADDR_BITS>,
    pub(crate) output_weights: SinglePortRam<FC_WORD, OUTPUT_ADDR_BITS>,
    pub(crate) accumulators: Ram<ACC_WORD, ACC_ADDR_BITS>,
    pub(crate) scan: InputScan,
    lanes: [FcLane; FC_LANES],
    activations: [ActivationLane; FC_LANES],
    errors: [OutputError; FC_LANES],
    updates: [UpdateLane; FC_LANES],
    output_round: OutputRound,
    projection: TargetProjection,
    draw: LfsrDraw,
    pub(crate) phase: DFF<FcPhase>,
    pub(crate) pass: DFF<FcPass>,
    pub(crate) learn_q: DFF<Bit>,
    pub(crate) label_q: DFF<Bits<8>>,
    /// The hidden layer of the `Hidden` and `LearnHidden` passes.
    pub(crate) layer: DFF<Bits<LAYER_BITS>>,
    /// Lane group (row word, activation word, output word), lane of the decision.
    pub(crate) group: DFF<Bits<8>>,
    pub(crate) lane: DFF<Bits<LANE_BITS>>,
    /// Weight word address of group 0 of the current row, and its input `x`.
    pub(crate) row: DFF<Bits<HIDDEN_ADDR_BITS>>,
    pub(crate) x: DFF<Bits<INPUT_BITS>>,
    /// Learning: `q` of the row (hidden), `r mod 2^s` of the row (output).
    pub(crate) rounded: DFF<Bits<INPUT_BITS>>,
    pub(crate) round: DFF<Bits<16>>,
    /// The forward row's pipeline, one stage per cycle after a *Row* cycle: the weight word
    /// arrives (into the multipliers' operand registers), the accumulator word is read (the
    /// products are registered), the sums are written back.
    pub(crate) mac_operands: DFF<Bit>,
    pub(crate) mac_operands_address: DFF<Bits<ACC_ADDR_BITS>>,
    pub(crate) mac_read: DFF<Bit>,
    pub(crate) mac_read_address: DFF<Bits<ACC_ADDR_BITS>>,
    /// Write-backs due this cycle: accumulator word `mac_address`; activation word `act_group`.
    pub(crate) mac_pending: DFF<Bit>,
    pub(crate) mac_address: DFF<Bits<ACC_ADDR_BITS>>,
    pub(crate) act_pending: DFF<Bit>,
    pub(crate) act_group: DFF<Bits<8>>,
    /// Per hidden layer (bit `k`): whether any of its `d ≠ 0`.
    pub(crate) any_modulated: DFF<Bits<HIDDEN_LAYERS>>,
    pub(crate) any_error: DFF<Bit>,
    pub(crate) best: DFF<Bits<ACC_BITS>>,
    pub(crate) best_class: DFF<Bits<8>>,
    pub(crate) class_q: DFF<Bits<8>>,
    pub(crate) rounding: DFF<Bits<32>>,
    /// The weight word and the activation word's `d` lanes on the memories' read ports, one
    /// edge later: *RowWrite* updates them (the memories hold them since *RowRead*).
    weight_held: DFF<Bits<FC_WORD>>,
    modulation_held: DFF<Bits<{ 2 * FC_LANES }>>,
    /// The lane whose sum the shared shifter holds, one-hot (none unless the cycle before was
    /// a *RowShift*).
    shift_lanes: DFF<Bits<FC_LANES>>,
    output_layer: Signal<Local, Bit>,
    /// The FC layer worked on (`layer`, or the output layer `HIDDEN_LAYERS` in the output
    /// passes), one-hot; its weights are in the output weight memory (`upper`) unless it is FC
    /// layer 0, and then its inputs are activation words.
    fc_layer: Signal<Local, Bits<LAYER_BITS>>,
    fc_onehot: Signal<Local, Bits<FC_LAYERS>>,
    upper: Signal<Local, Bit>,
    /// That layer's constants: last lane group, first accumulator word (`acc_base`); the
    /// activation shift and learning-rate shift of hidden layer `layer`.
    last_group_k: Signal<Local, Bits<8>>,
    activation_shift: Signal<Local, Bits<8>>,
    hidden_lr_shift: Signal<Local, Bits<5>>,
    /// Hidden layer `layer`'s first accumulator word, last lane group and its lanes (the
    /// activation phase's; constants when `h = 1`).
    act_base: Signal<Local, Bits<ACC_ADDR_BITS>>,
    act_last_group: Signal<Local, Bits<8>>,
    act_last_mask: Signal<Local, Bits<FC_LANES>>,
    /// The hidden layers with a nonzero `d` still to learn (after `layer` in its learning pass),
    /// and the lowest of them.
    modulated_after: Signal<Local, Bits<HIDDEN_LAYERS>>,
    next_layer: Signal<Local, Bits<LAYER_BITS>>,
    /// `layer + 1`, and `layer` one-hot among the hidden layers.
    layer_up: Signal<Local, Bits<LAYER_BITS>>,
    layer_bit: Signal<Local, Bits<HIDDEN_LAYERS>>,
    /// *Pick* waits for the row pipeline: in the output layer always (the scan reads the
    /// accumulator memory), in FC layer 0 at the end of the pass.
    stall: Signal<Local, Bit>,
    acc_data: Signal<Local, Bits<ACC_WORD>>,
    weight_data: Signal<Local, Bits<FC_WORD>>,
    weight_address: Signal<Local, Bits<HIDDEN_ADDR_BITS>>,
    acc_base: Signal<Local, Bits<ACC_ADDR_BITS>>,
    acc_address: Signal<Local, Bits<ACC_ADDR_BITS>>,
    last_row_group: Signal<Local, Bit>,
    /// `x` sign-extended to 16 bits; the lanes' `a` (`−x` in the output update).
    x_wide: Signal<Local, Bits<16>>,
    lane_a: Signal<Local, Bits<16>>,
    shift: Signal<Local, Bits<5>>,
    shift_mask: Signal<Local, Bits<17>>,
    draw_round: Signal<Local, Bits<16>>,
    round_sum: Signal<Local, Bits<18>>,
    rounded_now: Signal<Local, Bits<18>>,
    /// `−q` for the update lanes' hidden rule.
    rounded_wide: Signal<Local, Bits<DELTA_BITS>>,
    rounded_negated: Signal<Local, Bits<DELTA_BITS>>,
    hidden_mask: Signal<Local, Bits<FC_LANES>>,
    class_mask: Signal<Local, Bits<FC_LANES>>,
    target: Signal<Local, Bits<FC_LANES>>,
    modulated: Signal<Local, Bits<FC_LANES>>,
    erring: Signal<Local, Bits<FC_LANES>>,
    errors_now: Signal<Local, Bit>,
    lane_onehot: Signal<Local, Bits<FC_LANES>>,
    lane_value: Signal<Local, Bits<ACC_BITS>>,
    class_index: Signal<Local, Bits<8>>,
    better: Signal<Local, Bit>,
    winner: Signal<Local, Bits<8>>,
    sums: [Signal<Local, Bits<ACC_WORD>>; FC_LANES + 1],
    activation_words: [Signal<Local, Bits<ACC_WORD>>; FC_LANES + 1],
    updated: [Signal<Local, Bits<FC_WORD>>; FC_LANES + 1],
    last_output_group: Constant<Bits<8>>,
    last_acc_word: Constant<Bits<8>>,
    score_base: Constant<Bits<ACC_ADDR_BITS>>,
    last_class_mask: Constant<Bits<FC_LANES>>,
    /// Per FC layer: last lane group, its lanes, first accumulator word; per hidden layer: the
    /// activation shift, the hidden layers above it, below it, its index.
    last_group_of: [Constant<Bits<8>>; FC_LAYERS],
    last_mask_of: [Constant<Bits<FC_LANES>>; FC_LAYERS],
    acc_base_of: [Constant<Bits<ACC_ADDR_BITS>>; FC_LAYERS],
    activation_shift_of: [Constant<Bits<8>>; HIDDEN_LAYERS],
    layers_above: [Constant<Bits<HIDDEN_LAYERS>>; HIDDEN_LAYERS],
    layers_below: [Constant<Bits<HIDDEN_LAYERS>>; HIDDEN_LAYERS],
    layer_index: [Constant<Bits<LAYER_BITS>>; HIDDEN_LAYERS],
    /// The output layer's index `HIDDEN_LAYERS`, the last hidden layer's; a one-hot 1.
    output_index: Constant<Bits<LAYER_BITS>>,
    last_hidden: Constant<Bits<LAYER_BITS>>,
    one_layer: Constant<Bits<FC_LAYERS>>,
    one_hidden: Constant<Bits<HIDDEN_LAYERS>>,
    /// More than one hidden layer: the layer register and the per-layer selections are live
    /// (low, every write of `layer` is 0 and Yosys removes it).
    many_layers: Constant<Bit>,
    /// `round_sum`'s 18 bits set.
    ones_18: Constant<Bits<18>>,
    input_ones: Constant<Bits<INPUT_BITS>>,
    last_class: Constant<Bits<8>>,
    sign: Constant<Bits<ACC_BITS>>,
    one_lane: Constant<Bits<FC_LANES>>,
    /// Every lane of a word.
    all_lanes: Constant<Bits<FC_LANES>>,
    one_17: Constant<Bits<17>>,
    reset_rounding: Constant<Bits<32>>,
    /// The learning unit is generated (`Params::learning`). Low, the learning datapath's
    /// effects are tied off here (no pass learns, no update is written, no draw is taken), so
    /// Yosys removes the update lanes, the shared shifter, the rounding LFSR and the target
    /// projection as logic without loads.
    learning: Constant<Bit>,
}

impl FcEngine {
    pub fn new(p: &Params) -> Self {
        fn c<const N: usize>(v: usize) -> Constant<Bits<N>> {
            Constant::new((v as u64).into())
        }
        let mask = |lanes: usize| c::<FC_LANES>((1 << lanes) - 1);
        // The RTL is compiled for the config's hidden layers (golden `Capacities`).
        let (fc, h) = (&p.fc, HIDDEN_LAYERS);
        assert_eq!(
            p.hidden_layers, h,
            "Params::new_for checks the hidden layers"
        );
        Self {
            clock: Default::default(),
            reset: Default::default(),
            start_clear: Default::default(),
            start: Default::default(),
            learn: Default::default(),
            label: Default::default(),
            hidden_lr_shifts: Default::default(),
            output_lr_shift: Default::default(),
            projection_seed: Default::default(),
            busy: Default::default(),
            decision: Default::default(),
            input_read: Default::default(),
            input_address: Default::default(),
            input_word: Default::default(),
            mem_select: Default::default(),
            mem_address: Default::default(),
            mem_read: Default::default(),
            mem_write: Default::default(),
            mem_wdata: Default::default(),
            hidden_rdata: Default::default(),
            output_rdata: Default::default(),
            score_lane: Default::default(),
            score: Default::default(),
            rounding_write: Default::default(),
            rounding_wdata: Default::default(),
            rounding_state: Default::default(),
            hidden_weights: SinglePortRam::new(p.hidden_weight_words()),
            output_weights: SinglePortRam::new(p.output_weight_words()),
            accumulators: Default::default(),
            scan: InputScan::new(p),
            lanes: std::array::from_fn(FcLane::new),
            activations: std::array::from_fn(|l| ActivationLane::new(p, l)),
            errors: std::array::from_fn(|_| OutputError::new(p)),
            updates: std::array::from_fn(|l| UpdateLane::new(p, l)),
            output_round: Default::default(),
            projection: TargetProjection::new(p),
            draw: Default::default(),
            phase: Default::default(),
            pass: Default::default(),
            learn_q: Default::default(),
            label_q: Default::default(),
            layer: Default::default(),
            group: Default::default(),
            lane: Default::default(),
            row: Default::default(),
            x: Default::default(),
            rounded: Default::default(),
            round: Default::default(),
            mac_operands: Default::default(),
            mac_operands_address: Default::default(),
            mac_read: Default::default(),
            mac_read_address: Default::default(),
            mac_pending: Default::default(),
            mac_address: Default::default(),
            act_pending: Default::default(),
            act_group: Default::default(),
            any_modulated: Default::default(),
            any_error: Default::default(),
            best: Default::default(),
            best_class: Default::default(),
            class_q: Default::default(),
            rounding: Default::default(),
            shift_lanes: Default::default(),
            weight_held: Default::default(),
            modulation_held: Default::default(),
            output_layer: Default::default(),
            fc_layer: Default::default(),
            fc_onehot: Default::default(),
            upper: Default::default(),
            last_group_k: Default::default(),
            activation_shift: Default::default(),
            hidden_lr_shift: Default::default(),
            act_base: Default::default(),
            act_last_group: Default::default(),
            act_last_mask: Default::default(),
            modulated_after: Default::default(),
            next_layer: Default::default(),
            layer_up: Default::default(),
            layer_bit: Default::default(),
            stall: Default::default(),
            acc_data: Default::default(),
            weight_data: Default::default(),
            weight_address: Default::default(),
            acc_base: Default::default(),
            acc_address: Default::default(),
            last_row_group: Default::default(),
            x_wide: Default::default(),
            lane_a: Default::default(),
            shift: Default::default(),
            shift_mask: Default::default(),
            draw_round: Default::default(),
            round_sum: Default::default(),
            rounded_now: Default::default(),
            rounded_wide: Default::default(),
            rounded_negated: Default::default(),
            hidden_mask: Default::default(),
            class_mask: Default::default(),
            target: Default::default(),
            modulated: Default::default(),
            erring: Default::default(),
            errors_now: Default::default(),
            lane_onehot: Default::default(),
            lane_value: Default::default(),
            class_index: Default::default(),
            better: Default::default(),
            winner: Default::default(),
            sums: Default::default(),
            activation_words: Default::default(),
            updated: Default::default(),
            last_output_group: c(p.output_groups - 1),
            last_acc_word: c(p.acc_words() - 1),
            score_base: c(fc.acc_base[h]),
            last_class_mask: mask(p.classes - FC_LANES * (p.output_groups - 1)),
            last_group_of: std::array::from_fn(|k| c(fc.groups[k] - 1)),
            last_mask_of: std::array::from_fn(|k| {
                mask(fc.neurons[k] - FC_LANES * (fc.groups[k] - 1))
            }),
            acc_base_of: std::array::from_fn(|k| c(fc.acc_base[k])),
            activation_shift_of: std::array::from_fn(|k| c(p.activation_shifts[k])),
            layers_above: std::array::from_fn(|k| c(((1 << h) - 1) & !((2 << k) - 1))),
            layers_below: std::array::from_fn(|k| c((1 << k) - 1)),
            layer_index: std::array::from_fn(c),
            output_index: c(h),
            last_hidden: c(h - 1),
            one_layer: c(1),
            one_hidden: c(1),
            many_layers: Constant::new(h > 1),
            ones_18: c((1 << 18) - 1),
            input_ones: c((1 << INPUT_BITS) - 1),
            last_class: c(p.classes - 1),
            sign: c(1 << (ACC_BITS - 1)),
            one_lane: c(1),
            all_lanes: mask(FC_LANES),
            one_17: c(1),
            reset_rounding: Constant::new(u64::from(p.rounding_seed).into()),
            learning: Constant::new(p.learning),
        }
    }
}

// `get_bits::<{ 2 * FC_LANES }>` needs its braces (a const expression), which the lint does not see
// through `hdl_gen`.
#[allow(unused_braces)]
impl Logic for FcEngine {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self,
            clock,
            phase,
            pass,
            learn_q,
            label_q,
            layer,
            group,
            lane,
            row,
            x,
            rounded,
            round,
            mac_operands,
            mac_operands_address,
            mac_read,
            mac_read_address,
            mac_pending,
            mac_address,
            act_pending,
            act_group,
            any_modulated,
            any_error,
            best,
            best_class,
            class_q,
            rounding,
            shift_lanes,
            weight_held,
            modulation_held
        );
        clock!(
            self,
            clock,
            hidden_weights,
            output_weights,
            accumulators,
            scan,
            projection
        );
        self.busy.next = self.phase.q.val() != FcPhase::Idle;
        self.decision.next = self.class_q.q.val();
        self.rounding_state.next = self.rounding.q.val();
        self.output_layer.next =
            (self.pass.q.val() == FcPass::Output) || (self.pass.q.val() == FcPass::LearnOutput);
        // The FC layer worked on and its constants.
        self.fc_layer.next = self.layer.q.val();
        if self.output_layer.val() {
            self.fc_layer.next = self.output_index.val();
        }
        self.fc_onehot.next = self.one_layer.val() << self.fc_layer.val();
        self.upper.next = !self.fc_onehot.val().get_bit(0);
        self.last_group_k.next = self.last_group_of[0].val();
        self.acc_base.next = self.acc_base_of[0].val();
        for k in 1..FC_LAYERS {
            if self.fc_onehot.val().get_bit(k) {
                self.last_group_k.next = self.last_group_of[k].val();
                self.acc_base.next = self.acc_base_of[k].val();
            }
        }
        self.layer_bit.next = self.one_hidden.val() << self.layer.q.val();
        self.activation_shift.next = self.activation_shift_of[0].val();
        self.hidden_lr_shift.next = self.hidden_lr_shifts.val().get_bits::<5>(0);
        self.act_base.next = self.acc_base_of[0].val();
        self.act_last_group.next = self.last_group_of[0].val();
        self.act_last_mask.next = self.last_mask_of[0].val();
        self.modulated_after.next = self.any_modulated.q.val();
        for k in 0..HIDDEN_LAYERS {
            if self.layer_bit.val().get_bit(k) {
                self.activation_shift.next = self.activation_shift_of[k].val();
                self.act_base.next = self.acc_base_of[k].val();
                self.act_last_group.next = self.last_group_of[k].val();
                self.act_last_mask.next = self.last_mask_of[k].val();
                self.hidden_lr_shift.next = self.hidden_lr_shifts.val().get_bits::<5>(5 * k);
                if self.pass.q.val() == FcPass::LearnHidden {
                    self.modulated_after.next =
                        self.any_modulated.q.val() & self.layers_above[k].val();
                }
            }
        }
        // The lowest hidden layer still to learn (a priority chain), and the next layer up.
        self.next_layer.next = 0.into();
        for k in 0..HIDDEN_LAYERS {
            if self.modulated_after.val().get_bit(k)
                && !(self.modulated_after.val() & self.layers_below[k].val()).any()
            {
                self.next_layer.next = self.layer_index[k].val();
            }
        }
        self.layer_up.next = self.layer.q.val() + 1;
        if !self.many_layers.val() {
            self.next_layer.next = 0.into();
            self.layer_up.next = 0.into();
        }
        self.acc_data.next = self.accumulators.read_data.val();
        self.weight_data.next = self.hidden_weights.read_data.val();
        if self.upper.val() {
            self.weight_data.next = self.output_weights.read_data.val();
        }
        self.last_row_group.next = self.group.q.val() == self.last_group_k.val();
        self.weight_held.d.next = self.weight_data.val();
        self.modulation_held.d.next = self.acc_data.val().get_bits::<{ 2 * FC_LANES }>(INPUT_WORD);
        self.hidden_rdata.next = self.hidden_weights.read_data.val();
        self.output_rdata.next = self.output_weights.read_data.val();
        self.weight_address.next =
            self.row.q.val() + bit_cast::<HIDDEN_ADDR_BITS, 8>(self.group.q.val());
        self.acc_address.next =
            self.acc_base.val() + bit_cast::<ACC_ADDR_BITS, 8>(self.group.q.val());
        // The scan: FC layer 0 reads the membrane map, the others the activation words.
        self.scan.reset.next = self.reset.val();
        self.scan.start.next = false;
        self.scan.layer.next = 0.into();
        self.scan.take.next = false;
        self.stall.next = (self.mac_operands.q.val() || self.mac_read.q.val())
            && (self.upper.val() || self.scan.done.val());
        self.scan.allow_read.next = (self.phase.q.val() == FcPhase::Pick) && !self.stall.val();
        self.scan.word.next = self.input_word.val();
        if self.upper.val() {
            self.scan.word.next = self.acc_data.val().get_bits::<INPUT_WORD>(0);
        }
        self.input_read.next = self.scan.read.val() && !self.upper.val();
        self.input_address.next = self.scan.address.val();
        self.x_wide.next = bit_cast::<16, INPUT_BITS>(self.x.q.val());
        if self.x.q.val().get_bit(INPUT_BITS - 1) {
            self.x_wide.next = bit_cast::<16, INPUT_BITS>(self.x.q.val()) | 0xFF00_u64;
        }
        self.lane_a.next = self.x_wide.val();
        if self.pass.q.val() == FcPass::LearnOutput {
            self.lane_a.next = !self.x_wide.val() + 1;
        }
        // The rounding draw of a row: r mod 2^s, and q = (x + r mod 2^s) >> s (FC layer 0's input
        // is a spike count, x ≥ 0; a later hidden layer's an activation, signed).
        self.draw.state.next = self.rounding.q.val();
        self.shift.next = self.hidden_lr_shift.val();
        if self.output_layer.val() {
            self.shift.next = self.output_lr_shift.val();
        }
        self.shift_mask.next = (self.one_17.val() << self.shift.val()) - 1;
        self.draw_round.next =
            bit_cast::<16, 32>(self.draw.after16.val()) & bit_cast::<16, 17>(self.shift_mask.val());
        self.round_sum.next =
            bit_cast::<18, INPUT_BITS>(self.x.q.val()) + bit_cast::<18, 16>(self.round.q.val());
        self.rounded_now.next = self.round_sum.val() >> self.shift.val();
        self.rounded_wide.next = bit_cast::<DELTA_BITS, INPUT_BITS>(self.rounded.q.val());
        if self.many_layers.val() {
            if self.x.q.val().get_bit(INPUT_BITS - 1) {
                self.round_sum.next = (bit_cast::<18, INPUT_BITS>(self.x.q.val())
                    | !bit_cast::<18, INPUT_BITS>(self.input_ones.val()))
                    + bit_cast::<18, 16>(self.round.q.val());
            }
            self.rounded_now.next = self.round_sum.val() >> self.shift.val();
            if self.round_sum.val().get_bit(17) {
                self.rounded_now.next = (self.round_sum.val() >> self.shift.val())
                    | !(self.ones_18.val() >> self.shift.val());
            }
            if self.rounded.q.val().get_bit(INPUT_BITS - 1) {
                self.rounded_wide.next = bit_cast::<DELTA_BITS, INPUT_BITS>(self.rounded.q.val())
                    | !bit_cast::<DELTA_BITS, INPUT_BITS>(self.input_ones.val());
            }
        }
        self.rounded_negated.next = !self.rounded_wide.val() + 1;
        // Lane masks of the current word, the label's lane, the decision's lane.
        self.hidden_mask.next = self.all_lanes.val();
        if self.act_group.q.val() == self.act_last_group.val() {
            self.hidden_mask.next = self.act_last_mask.val();
        }
        self.class_mask.next = self.all_lanes.val();
        if self.group.q.val() == self.last_output_group.val() {
            self.class_mask.next = self.last_class_mask.val();
        }
        self.target.next = 0.into();
        if (self.label_q.q.val() >> FC_LANES_LOG2) == self.group.q.val() {
            self.target.next = self.one_lane.val() << (self.label_q.q.val() & LAST_LANE);
        }
        // While idle, `lane` follows the configuration port's score lane, so a score read (issue,
        // then data one cycle later with the same lane) and the decision share one lane
        // multiplexer without the port's decode in front of it.
        self.lane_onehot.next = self.one_lane.val() << self.lane.q.val();
        // The lanes.
        self.sums[0].next = 0.into();
        self.activation_words[0].next = 0.into();
        self.updated[0].next = 0.into();
        self.modulated.next = 0.into();
        self.erring.next = 0.into();
        self.lane_value.next = 0.into();
        // The output rule's shifter, shared: lane `lane`'s product in a *RowShift* cycle.
        self.output_round.clock.next = self.clock.val();
        self.output_round.product.next = 0.into();
        self.shift_lanes.d.next = 0.into();
        if self.phase.q.val() == FcPhase::RowShift {
            self.shift_lanes.d.next = self.lane_onehot.val();
        }
        self.output_round.round.next = self.round.q.val();
        self.output_round.shift.next = self.output_lr_shift.val();
        self.projection.base.next = self.projection_seed.val();
        self.projection.label.next = self.label_q.q.val();
        self.projection.layer.next = self.layer.q.val();
        for l in 0..FC_LANES {
            self.lanes[l].clock.next = self.clock.val();
            self.lanes[l].a.next = self.lane_a.val();
            self.lanes[l].weight.next = self
                .weight_data
                .val()
                .get_bits::<FC_WEIGHT_BITS>(l * FC_WEIGHT_BITS);
            self.lanes[l].acc.next = self.acc_data.val().get_bits::<ACC_BITS>(l * ACC_BITS);
            self.lanes[l].use_error.next =
                self.learning.val() && (self.pass.q.val() == FcPass::LearnOutput);
            self.errors[l].z.next = self.acc_data.val().get_bits::<ACC_BITS>(l * ACC_BITS);
            self.errors[l].target.next = self.target.val().get_bit(l);
            self.lanes[l].error.next = 0.into();
            if self.class_mask.val().get_bit(l) && self.learning.val() {
                self.lanes[l].error.next = self.errors[l].error.val();
            }
            self.erring.next = self
                .erring
                .val()
                .replace_bit(l, self.lanes[l].error.val().any());
            self.sums[l + 1].next = self.sums[l].val() | self.lanes[l].placed_sum.val();
            self.activations[l].z.next = self.acc_data.val().get_bits::<ACC_BITS>(l * ACC_BITS);
            self.activations[l].sign.next = self.projection.signs.val().get_bit(l);
            self.activations[l].shift.next = self.activation_shift.val();
            self.activations[l].valid.next = self.hidden_mask.val().get_bit(l);
            self.modulated.next = self.modulated.val().replace_bit(
                l,
                self.activations[l].modulated.val() && self.learning.val(),
            );
            self.activation_words[l + 1].next =
                self.activation_words[l].val() | self.activations[l].placed.val();
            self.updates[l].clock.next = self.clock.val();
            self.updates[l].weight.next = self
                .weight_held
                .q
                .val()
                .get_bits::<FC_WEIGHT_BITS>(l * FC_WEIGHT_BITS);
            self.updates[l].output_layer.next = self.output_layer.val();
            self.updates[l].modulation.next = self.modulation_held.q.val().get_bits::<2>(2 * l);
            self.updates[l].rounded_wide.next = self.rounded_wide.val();
            self.updates[l].rounded_negated.next = self.rounded_negated.val();
            self.updates[l].output_delta.next = self.output_round.delta.val();
            self.updates[l].load_delta.next = self.shift_lanes.q.val().get_bit(l);
            self.updated[l + 1].next = self.updated[l].val() | self.updates[l].placed.val();
            if self.lane_onehot.val().get_bit(l) {
                self.lane_value.next = self.acc_data.val().get_bits::<ACC_BITS>(l * ACC_BITS);
                self.output_round.product.next = self.lanes[l].product.val();
            }
        }
        self.score.next = self.lane_value.val();
        // The decision: this lane against the best so far (signed compare, sign bits flipped).
        self.class_index.next =
            (self.group.q.val() << FC_LANES_LOG2) | bit_cast::<8, LANE_BITS>(self.lane.q.val());
        self.better.next =
            (self.lane_value.val() ^ self.sign.val()) > (self.best.q.val() ^ self.sign.val());
        if !self.class_index.val().any() {
            self.better.next = true;
        }
        self.winner.next = self.best_class.q.val();
        if self.better.val() {
            self.winner.next = self.class_index.val();
        }
        self.errors_now.next = self.any_error.q.val();
        if !self.lane.q.val().any() && self.erring.val().any() {
            self.errors_now.next = true;
        }
        // Memory ports: idle → the configuration access; otherwise the phases below.
        self.hidden_weights.address.next = self.weight_address.val();
        self.hidden_weights.read_enable.next = false;
        self.hidden_weights.write_enable.next = false;
        self.hidden_weights.write_data.next = self.mem_wdata.val();
        // (One-pass loops: rust_hdl writes an array index as a number, which a loop index is.)
        for l in FC_LANES..(FC_LANES + 1) {
            if self.learning.val() {
                self.hidden_weights.write_data.next = self.updated[l].val();
            }
        }
        self.output_weights.address.next =
            bit_cast::<OUTPUT_ADDR_BITS, HIDDEN_ADDR_BITS>(self.weight_address.val());
        self.output_weights.read_enable.next = false;
        self.output_weights.write_enable.next = false;
        self.output_weights.write_data.next = self.mem_wdata.val();
        for l in FC_LANES..(FC_LANES + 1) {
            if self.learning.val() {
                self.output_weights.write_data.next = self.updated[l].val();
            }
        }
        self.accumulators.read_address.next = self.acc_address.val();
        self.accumulators.read_enable.next = false;
        self.accumulators.write_address.next = self.mac_address.q.val();
        self.accumulators.write_enable.next = false;
        for l in FC_LANES..(FC_LANES + 1) {
            self.accumulators.write_data.next = self.sums[l].val();
        }
        self.projection.load.next = false;
        self.projection.step.next = false;
        self.mac_operands.d.next = false;
        self.mac_read.d.next = self.mac_operands.q.val();
        self.mac_read_address.d.next = self.mac_operands_address.q.val();
        self.mac_pending.d.next = self.mac_read.q.val();
        self.mac_address.d.next = self.mac_read_address.q.val();
        self.act_pending.d.next = false;
        match self.phase.q.val() {
            FcPhase::Idle => {
                self.lane.d.next = self.score_lane.val();
                self.hidden_weights.address.next = self.mem_address.val();
                self.hidden_weights.read_enable.next =
                    self.mem_read.val() && (self.mem_select.val() == MEM_HIDDEN);
                self.hidden_weights.write_enable.next =
                    self.mem_write.val() && (self.mem_select.val() == MEM_HIDDEN);
                self.hidden_weights.write_data.next = self.mem_wdata.val();
                self.output_weights.address.next =
                    bit_cast::<OUTPUT_ADDR_BITS, HIDDEN_ADDR_BITS>(self.mem_address.val());
                self.output_weights.read_enable.next =
                    self.mem_read.val() && (self.mem_select.val() == MEM_OUTPUT);
                self.output_weights.write_enable.next =
                    self.mem_write.val() && (self.mem_select.val() == MEM_OUTPUT);
                self.output_weights.write_data.next = self.mem_wdata.val();
                self.accumulators.read_address.next = self.score_base.val()
                    + bit_cast::<ACC_ADDR_BITS, HIDDEN_ADDR_BITS>(self.mem_address.val());
                self.accumulators.read_enable.next =
                    self.mem_read.val() && (self.mem_select.val() == MEM_SCORES);
                if self.rounding_write.val() {
                    self.rounding.d.next = self.rounding_wdata.val();
                }
                if self.start_clear.val() {
                    self.phase.d.next = FcPhase::Clear;
                    self.group.d.next = 0.into();
                } else if self.start.val() {
                    self.learn_q.d.next = self.learn.val() && self.learning.val();
                    self.label_q.d.next = self.label.val();
                    self.any_modulated.d.next = 0.into();
                    self.any_error.d.next = false;
                    self.pass.d.next = FcPass::Hidden;
                    self.layer.d.next = 0.into();
                    self.scan.start.next = true;
                    self.phase.d.next = FcPhase::Pick;
                }
            }
            FcPhase::Clear => {
                self.accumulators.write_address.next =
                    bit_cast::<ACC_ADDR_BITS, 8>(self.group.q.val());
                self.accumulators.write_enable.next = true;
                self.accumulators.write_data.next = 0.into();
                self.group.d.next = self.group.q.val() + 1;
                if self.group.q.val() == self.last_acc_word.val() {
                    self.phase.d.next = FcPhase::Idle;
                }
            }
            FcPhase::Pick => {
                if self.upper.val() {
                    self.accumulators.read_address.next =
                        bit_cast::<ACC_ADDR_BITS, MEMBRANE_ADDR_BITS>(self.scan.address.val());
                    self.accumulators.read_enable.next = self.scan.read.val();
                }
                if self.scan.valid.val() && !self.stall.val() {
                    self.scan.take.next = true;
                    self.x.d.next = self.scan.value.val();
                    self.row.d.next = self.scan.row.val();
                    self.group.d.next = 0.into();
                    if (self.pass.q.val() == FcPass::Hidden)
                        || (self.pass.q.val() == FcPass::Output)
                    {
                        self.phase.d.next = FcPhase::Row;
                    } else {
                        // One rounding draw per nonzero input (a hidden row's `q` follows in
                        // *RowRound*, and *RowRead* skips the row if q = 0).
                        if self.learning.val() {
                            self.rounding.d.next = self.draw.after16.val();
                            self.round.d.next = self.draw_round.val();
                        }
                        self.phase.d.next = FcPhase::RowRead;
                        if self.pass.q.val() == FcPass::LearnHidden {
                            self.phase.d.next = FcPhase::RowRound;
                        }
                    }
                } else if self.scan.done.val() && !self.stall.val() {
                    match self.pass.q.val() {
                        FcPass::Hidden => {
                            self.phase.d.next = FcPhase::Activate;
                            self.group.d.next = 0.into();
                            self.projection.load.next = true;
                        }
                        FcPass::Output => {
                            self.phase.d.next = FcPhase::DecideRead;
                            self.group.d.next = 0.into();
                        }
                        FcPass::LearnHidden => {
                            // The next hidden layer to learn, or the output layer.
                            self.phase.d.next = FcPhase::Idle;
                            if self.many_layers.val() && self.modulated_after.val().any() {
                                self.layer.d.next = self.next_layer.val();
                                self.scan.start.next = true;
                                self.scan.layer.next = self.next_layer.val();
                                self.phase.d.next = FcPhase::Pick;
                            } else if self.any_error.q.val() {
                                self.pass.d.next = FcPass::LearnOutput;
                                self.scan.start.next = true;
                                self.scan.layer.next = self.output_index.val();
                                self.phase.d.next = FcPhase::Pick;
                            }
                        }
                        FcPass::LearnOutput => {
                            self.phase.d.next = FcPhase::Idle;
                        }
                    }
                }
            }
            FcPhase::Row => {
                self.hidden_weights.read_enable.next = !self.upper.val();
                self.output_weights.read_enable.next = self.upper.val();
                self.mac_operands.d.next = true;
                self.mac_operands_address.d.next = self.acc_address.val();
                self.group.d.next = self.group.q.val() + 1;
                if self.last_row_group.val() {
                    self.phase.d.next = FcPhase::Pick;
                }
            }
            FcPhase::RowRead => {
                self.hidden_weights.read_enable.next = !self.upper.val();
                self.output_weights.read_enable.next = self.upper.val();
                self.accumulators.read_enable.next = true;
                self.phase.d.next = FcPhase::RowHold;
                if self.pass.q.val() == FcPass::LearnOutput {
                    self.phase.d.next = FcPhase::RowMultiply;
                }
                // A hidden row with q = 0 is left as it is (golden skips it).
                if (self.pass.q.val() == FcPass::LearnHidden) && !self.rounded.q.val().any() {
                    self.hidden_weights.read_enable.next = false;
                    self.output_weights.read_enable.next = false;
                    self.accumulators.read_enable.next = false;
                    self.phase.d.next = FcPhase::Pick;
                }
            }
            FcPhase::RowMultiply => {
                self.phase.d.next = FcPhase::RowProduct;
            }
            FcPhase::RowProduct => {
                self.lane.d.next = 0.into();
                self.phase.d.next = FcPhase::RowShift;
            }
            FcPhase::RowShift => {
                self.lane.d.next = self.lane.q.val() + 1;
                if self.lane.q.val() == LAST_LANE {
                    self.phase.d.next = FcPhase::RowHold;
                }
            }
            FcPhase::RowHold => {
                self.phase.d.next = FcPhase::RowWrite;
            }
            FcPhase::RowRound => {
                self.rounded.d.next = bit_cast::<INPUT_BITS, 18>(self.rounded_now.val());
                self.phase.d.next = FcPhase::RowRead;
            }
            FcPhase::RowWrite => {
                self.hidden_weights.write_enable.next = !self.upper.val() && self.learning.val();
                self.output_weights.write_enable.next = self.upper.val() && self.learning.val();
                self.group.d.next = self.group.q.val() + 1;
                self.phase.d.next = FcPhase::RowRead;
                if self.last_row_group.val() {
                    self.phase.d.next = FcPhase::Pick;
                }
            }
            FcPhase::Activate => {
                self.accumulators.read_enable.next = true;
                self.act_pending.d.next = true;
                self.act_group.d.next = self.group.q.val();
                self.group.d.next = self.group.q.val() + 1;
                if self.last_row_group.val() {
                    self.phase.d.next = FcPhase::ActivateLast;
                }
            }
            FcPhase::ActivateLast => {
                // The next hidden layer's forward pass, or the output layer's.
                self.scan.start.next = true;
                self.phase.d.next = FcPhase::Pick;
                if self.many_layers.val() && (self.layer.q.val() != self.last_hidden.val()) {
                    self.layer.d.next = self.layer_up.val();
                    self.scan.layer.next = self.layer_up.val();
                } else {
                    self.pass.d.next = FcPass::Output;
                    self.scan.layer.next = self.output_index.val();
                }
            }
            FcPhase::DecideRead => {
                self.accumulators.read_enable.next = true;
                self.lane.d.next = 0.into();
                self.phase.d.next = FcPhase::DecideLane;
            }
            FcPhase::DecideLane => {
                self.any_error.d.next = self.errors_now.val();
                if self.better.val() {
                    self.best.d.next = self.lane_value.val();
                    self.best_class.d.next = self.class_index.val();
                }
                self.lane.d.next = self.lane.q.val() + 1;
                if self.class_index.val() == self.last_class.val() {
                    self.class_q.d.next = self.winner.val();
                    self.phase.d.next = FcPhase::Idle;
                    if self.learn_q.q.val() {
                        self.phase.d.next = FcPhase::DecideEnd;
                    }
                } else if self.lane.q.val() == LAST_LANE {
                    self.group.d.next = self.group.q.val() + 1;
                    self.phase.d.next = FcPhase::DecideRead;
                }
            }
            FcPhase::DecideEnd => {
                self.phase.d.next = FcPhase::Idle;
                if self.modulated_after.val().any() {
                    self.pass.d.next = FcPass::LearnHidden;
                    self.layer.d.next = self.next_layer.val();
                    self.scan.start.next = true;
                    self.scan.layer.next = self.next_layer.val();
                    self.phase.d.next = FcPhase::Pick;
                } else if self.any_error.q.val() {
                    self.pass.d.next = FcPass::LearnOutput;
                    self.scan.start.next = true;
                    self.scan.layer.next = self.output_index.val();
                    self.phase.d.next = FcPhase::Pick;
                }
            }
        }
        // The forward row's accumulator read (its *Pick* stalls meanwhile, so the port is free);
        // write-backs of the forward pass and of the activation phase, one cycle after the read.
        if self.mac_read.q.val() {
            self.accumulators.read_address.next = self.mac_read_address.q.val();
            self.accumulators.read_enable.next = true;
        }
        if self.mac_pending.q.val() {
            self.accumulators.write_enable.next = true;
        }
        if self.act_pending.q.val() {
            self.accumulators.write_enable.next = true;
            self.accumulators.write_address.next =
                self.act_base.val() + bit_cast::<ACC_ADDR_BITS, 8>(self.act_group.q.val());
            for l in FC_LANES..(FC_LANES + 1) {
                self.accumulators.write_data.next = self.activation_words[l].val();
            }
            self.projection.step.next = true;
            if self.modulated.val().any() {
                self.any_modulated.d.next = self.any_modulated.q.val() | self.layer_bit.val();
            }
        }
        if self.reset.val() {
            self.phase.d.next = FcPhase::Idle;
            self.mac_operands.d.next = false;
            self.mac_read.d.next = false;
            self.mac_pending.d.next = false;
            self.act_pending.d.next = false;
            self.class_q.d.next = 0.into();
            self.rounding.d.next = self.reset_rounding.val();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::{pack, sext, Bench};
    use golden::activation::{hard_sigmoid, hard_tanh, output_error};
    use golden::chip::argmax;
    use golden::config::Config;
    use golden::fc::{active_inputs, FcLayer};
    use golden::fixed::stochastic_round;
    use golden::kernel::fill_uniform;
    use golden::learning_unit::{drtp_modulation, update_hidden, update_output};
    use golden::lfsr::Lfsr;
    use golden::target_projection;

    /// 12 kernels on 2×2 positions (48 inputs, two lane groups per position, the second half
    /// full), 12 hidden neurons, 10 classes: every layer has a partial last lane group.
    fn config() -> Config {
        let mut c = crate::tiny_config();
        c.conv.kernels = 12;
        c.fc.hidden = vec![12];
        c.fc.classes = 10;
        c.fc.output_shift = 4;
        c.learning.hidden_lr_shifts = vec![1];
        c.learning.output_lr_shift = 4;
        c.validate().unwrap();
        c
    }

    /// The golden model of one sample on the FC layers (golden `Chip::run` and `Chip::learn`
    /// without the convolution), from the spike counts.
    struct Golden {
        scores: Vec<i32>,
        class: usize,
        y: Vec<i32>,
        modulation: Vec<i8>,
        /// Learning: whether each layer was updated, and per nonzero input of FC layer 0
        /// whether its `q ≠ 0` (its row is rewritten).
        hidden_updated: bool,
        output_updated: bool,
        hidden_rows: Vec<bool>,
    }

    fn golden_sample(
        config: &Config,
        layers: &mut [FcLayer; 2],
        counts: &[i16],
        label: usize,
        learn: bool,
        rounding: &mut Lfsr,
    ) -> Golden {
        let (mut x, mut active) = (vec![], vec![]);
        active_inputs(counts, &mut x);
        let n = layers[0].neurons();
        let mut z = vec![0; n];
        layers[0].accumulate(&x, config.fc_input_max(0), &mut z);
        let (y, window): (Vec<i32>, Vec<bool>) = z
            .iter()
            .map(|&z| hard_tanh(z, config.fc.activation_shifts[0], config.activation_max()))
            .unzip();
        active_inputs(&y, &mut active);
        let mut scores = vec![0; config.fc.classes];
        layers[1].accumulate(&active, config.fc_input_max(1), &mut scores);
        let projection =
            target_projection::row(config.learning.target_projection_seed, 0, label, n);
        let mut modulation = vec![];
        drtp_modulation(&projection, &window, &mut modulation);
        let (mut hidden_updated, mut output_updated, mut hidden_rows) = (false, false, vec![]);
        if learn {
            let l = &config.learning;
            let shift = l.hidden_lr_shifts[0];
            let mut replay = *rounding;
            hidden_rows = x
                .iter()
                .map(|&(_, x)| stochastic_round(x, shift, replay.draw()) != 0)
                .collect();
            hidden_updated = update_hidden(&mut layers[0], &x, &modulation, shift, rounding) > 0;
            let pb = config.fc.probability_bits;
            let errors: Vec<i32> = scores
                .iter()
                .enumerate()
                .map(|(c, &z)| {
                    output_error(hard_sigmoid(z, config.fc.output_shift, pb), c == label, pb)
                })
                .collect();
            let shift = l.output_lr_shift;
            output_updated = update_output(&mut layers[1], &active, &errors, shift, rounding) > 0;
        }
        Golden {
            class: argmax(&scores),
            scores,
            y,
            modulation,
            hidden_updated,
            output_updated,
            hidden_rows,
        }
    }

    /// Cycles of one scan pass (`docs/RTL.md`): `words[w]` lists the row cycles of word `w`'s
    /// nonzero inputs (0 for a skipped row). Two cycles (the first read, the end), one per
    /// nonzero input plus its row, one per word without a nonzero input — except a last word
    /// that arrives while a row is under way, which costs nothing.
    /// The *Pick* cycles the scan spends on word `w` besides its inputs' *Pick* and rows: a word
    /// arrives during a row if it was read at the last take of a predecessor with inputs, else in
    /// a *Pick* cycle, where its latch costs one cycle; a word without inputs then costs the
    /// cycle that reads its successor (none if it is the last word).
    fn word_cycles(words: &[Vec<usize>], w: usize) -> usize {
        let during_row = w > 0 && words[w - 1].last().is_some_and(|&row| row > 0);
        let latch = usize::from(!during_row);
        let read_next = usize::from(words[w].is_empty() && w + 1 < words.len());
        let idle = usize::from(words[w].is_empty() && w + 1 == words.len() && !during_row);
        latch + read_next + idle
    }

    /// A scan pass: the first read and the cycle that sees the scan done, per nonzero input its
    /// *Pick* and its row, and each word's [`word_cycles`].
    fn pass_cycles(words: &[Vec<usize>]) -> usize {
        let inputs: usize = words.iter().flatten().map(|row| 1 + row).sum();
        let spent: usize = (0..words.len()).map(|w| word_cycles(words, w)).sum();
        2 + inputs + spent
    }

    /// The cycles FC layer 0's last *Pick* waits for the row pipeline (2 stages) beyond those
    /// the scan spends on the words after the last nonzero input.
    fn drain_cycles(words: &[Vec<usize>]) -> usize {
        let Some(last) = words.iter().rposition(|w| !w.is_empty()) else {
            return 0;
        };
        let picks: usize = (last + 1..words.len()).map(|w| word_cycles(words, w)).sum();
        2usize.saturating_sub(picks)
    }

    /// The FC engine's cycles from `start` to idle: forward passes (rows of `G` cycles in FC
    /// layer 0 and its drain, `G_o + 2` in the output layer), activation `G_h + 1`, decision
    /// `G_o + classes` (+ 1 when learning), learning passes (rows of `1 + 3G_h` cycles, 2 for a
    /// hidden input whose `q` is 0; `(5 + 8)G_o` in the output layer).
    fn fc_cycles(p: &Params, counts: &[i16], g: &Golden, learn: bool) -> usize {
        let (gh, go) = (p.hidden_groups, p.output_groups);
        let mut inputs0: Vec<Vec<usize>> = vec![vec![]; p.membrane_words];
        for (i, &c) in counts.iter().enumerate() {
            let (pos, k) = (i / p.kernels, i % p.kernels);
            if c != 0 {
                inputs0[pos * p.conv_groups + k / FC_LANES].push(gh);
            }
        }
        let mut inputs1: Vec<Vec<usize>> = vec![vec![]; gh];
        for (j, &y) in g.y.iter().enumerate() {
            if y != 0 {
                inputs1[j / FC_LANES].push(go + 2);
            }
        }
        let mut cycles = pass_cycles(&inputs0)
            + drain_cycles(&inputs0)
            + (gh + 1)
            + pass_cycles(&inputs1)
            + (go + p.classes + usize::from(learn));
        if g.hidden_updated {
            let mut rows = g.hidden_rows.iter();
            let learn0: Vec<Vec<usize>> = inputs0
                .iter()
                .map(|w| {
                    w.iter()
                        .map(|_| if *rows.next().unwrap() { 1 + 3 * gh } else { 2 })
                        .collect()
                })
                .collect();
            cycles += pass_cycles(&learn0);
        }
        if g.output_updated {
            let learn1: Vec<Vec<usize>> = inputs1
                .iter()
                .map(|w| w.iter().map(|_| (5 + FC_LANES) * go).collect())
                .collect();
            cycles += pass_cycles(&learn1);
        }
        cycles
    }

    fn bench(config: &Config) -> Bench<FcEngine> {
        let p = Params::new(config).unwrap();
        let mut b = Bench::new(FcEngine::new(&p), |x| &mut x.clock);
        b.uut.hidden_lr_shifts.next = (p.hidden_lr_shifts[0] as u64).into();
        b.uut.output_lr_shift.next = (p.output_lr_shift as u64).into();
        b.uut.projection_seed.next = u64::from(p.target_projection_seed).into();
        b.uut.reset.next = true;
        b.tick();
        b.uut.reset.next = false;
        b
    }

    /// Writes both weight memories word by word through the configuration access.
    fn program(b: &mut Bench<FcEngine>, layers: &[FcLayer; 2]) {
        for (select, layer) in [(MEM_HIDDEN, &layers[0]), (MEM_OUTPUT, &layers[1])] {
            let groups = layer.neurons().div_ceil(FC_LANES);
            for i in 0..layer.inputs() {
                for g in 0..groups {
                    let lanes: Vec<u64> = (0..FC_LANES)
                        .map(|l| {
                            let j = g * FC_LANES + l;
                            if j < layer.neurons() {
                                twos(layer.weight(i, j).into(), 8)
                            } else {
                                0x5A // padding lanes hold garbage
                            }
                        })
                        .collect();
                    b.uut.mem_select.next = select.into();
                    b.uut.mem_address.next = ((i * groups + g) as u64).into();
                    b.uut.mem_wdata.next = pack(&lanes, 8);
                    b.uut.mem_write.next = true;
                    b.tick();
                }
            }
        }
        b.uut.mem_write.next = false;
    }

    /// Reads both weight memories back through the configuration access.
    fn read_weights(b: &mut Bench<FcEngine>, p: &Params) -> [Vec<i16>; 2] {
        let mut out = [vec![], vec![]];
        let shapes = [
            (MEM_HIDDEN, p.conv_neurons, p.hidden),
            (MEM_OUTPUT, p.hidden, p.classes),
        ];
        for (k, (select, inputs, neurons)) in shapes.into_iter().enumerate() {
            let groups = neurons.div_ceil(FC_LANES);
            for i in 0..inputs {
                for g in 0..groups {
                    b.uut.mem_select.next = select.into();
                    b.uut.mem_address.next = ((i * groups + g) as u64).into();
                    b.uut.mem_read.next = true;
                    b.tick();
                    let word = if select == MEM_HIDDEN {
                        b.uut.hidden_rdata.val()
                    } else {
                        b.uut.output_rdata.val()
                    };
                    for l in 0..FC_LANES.min(neurons - g * FC_LANES) {
                        let w = word.get_bits::<8>(8 * l).index() as u64;
                        out[k].push(sext(w, 8) as i16);
                    }
                }
            }
        }
        b.uut.mem_read.next = false;
        out
    }

    fn read_scores(b: &mut Bench<FcEngine>, p: &Params) -> Vec<i32> {
        let mut scores = vec![];
        for g in 0..p.output_groups {
            b.uut.mem_select.next = MEM_SCORES.into();
            b.uut.mem_address.next = (g as u64).into();
            b.uut.mem_read.next = true;
            b.tick();
            b.uut.mem_read.next = false;
            for l in 0..FC_LANES.min(p.classes - g * FC_LANES) {
                b.uut.score_lane.next = (l as u64).into();
                b.tick();
                scores.push(sext(b.uut.score.val().index() as u64, ACC_BITS) as i32);
            }
        }
        scores
    }

    /// Membrane words of spike counts (`[pos][group]`, 8 lanes of 8 bits); lanes beyond the
    /// kernels hold garbage.
    fn count_words(p: &Params, counts: &[i16]) -> Vec<u64> {
        let mut words = vec![];
        for pos in 0..p.out_w * p.out_h {
            for g in 0..p.conv_groups {
                words.push((0..FC_LANES).fold(0u64, |w, l| {
                    let k = g * FC_LANES + l;
                    let v = if k < p.kernels {
                        counts[pos * p.kernels + k] as u64
                    } else {
                        3
                    };
                    w | v << (8 * l)
                }));
            }
        }
        words
    }

    /// Clears the accumulators, runs one sample with the membrane map answering the engine's
    /// reads; returns the cycles of the run (from `start` to idle).
    fn run(b: &mut Bench<FcEngine>, words: &[u64], learn: bool, label: usize) -> u64 {
        b.uut.start_clear.next = true;
        b.tick();
        b.uut.start_clear.next = false;
        b.tick_until(100, |x| !x.busy.val());
        b.uut.learn.next = learn;
        b.uut.label.next = (label as u64).into();
        b.uut.start.next = true;
        b.tick();
        b.uut.start.next = false;
        let start = b.cycles;
        while b.uut.busy.val() {
            b.settle();
            let read = b
                .uut
                .input_read
                .val()
                .then(|| b.uut.input_address.val().index());
            b.tick();
            if let Some(a) = read {
                b.uut.input_word.next = pack(
                    &(0..FC_LANES)
                        .map(|l| words[a] >> (8 * l) & 0xFF)
                        .collect::<Vec<_>>(),
                    8,
                );
                b.settle();
            }
            assert!(b.cycles - start < 20_000, "the sample ends");
        }
        b.cycles - start
    }

    fn random_layers(config: &Config, seed: u32) -> [FcLayer; 2] {
        let (ins, outs) = (config.fc_inputs(), config.fc_outputs());
        let mut lfsr = Lfsr::new(seed);
        [0, 1].map(|k| {
            let mut layer = FcLayer::zeros(ins[k], outs[k], config.fc.weight_bits);
            fill_uniform(layer.weights_mut(), 20, &mut lfsr);
            layer
        })
    }

    fn random_counts(p: &Params, seed: u32) -> Vec<i16> {
        let mut lfsr = Lfsr::new(seed);
        (0..p.conv_neurons)
            .map(|i| {
                let d = lfsr.draw();
                if i % 16 < 6 || d.is_multiple_of(3) {
                    0
                } else {
                    (d % 4) as i16
                }
            })
            .collect()
    }

    /// A programmed memory, inference only: the scores, the class, and the activation words
    /// (`y`, and `d` for the label) equal golden, neuron by neuron; the cycle count is
    /// `(2 + word cycles + nonzero inputs · (1 + G))` per layer + `G_h + 1` (activation)
    /// + `G_o + classes` (decision).
    #[test]
    fn forward_pass_equals_golden_seed_21() {
        let config = config();
        let p = Params::new(&config).unwrap();
        let mut b = bench(&config);
        let mut layers = random_layers(&config, 21);
        program(&mut b, &layers);
        for (sample, label) in [(1u32, 3usize), (2, 9)] {
            let counts = random_counts(&p, sample);
            let cycles = run(&mut b, &count_words(&p, &counts), false, label);
            let mut rounding = Lfsr::new(1);
            let g = golden_sample(&config, &mut layers, &counts, label, false, &mut rounding);
            assert_eq!(read_scores(&mut b, &p), g.scores, "sample {sample}");
            assert_eq!(b.uut.decision.val().index(), g.class);
            for j in 0..p.hidden {
                let word = b.uut.accumulators.peek(j / FC_LANES);
                let l = j % FC_LANES;
                let y = sext(word.get_bits::<8>(8 * l).index() as u64, 8);
                let d = sext(word.get_bits::<2>(INPUT_WORD + 2 * l).index() as u64, 2);
                assert_eq!(
                    (y, d),
                    (g.y[j].into(), g.modulation[j].into()),
                    "neuron {j}"
                );
            }
            assert_eq!(cycles as usize, fc_cycles(&p, &counts, &g, false));
        }
    }

    /// One active input (`x = 3` at input 5) and FC layer 0 weights `hidden_row` for it: only
    /// the neurons with a nonzero weight get an activation.
    fn single_input(
        config: &Config,
        hidden_row: &[i16],
        output_row0: &[i16],
    ) -> ([FcLayer; 2], Vec<i16>) {
        let p = Params::new(config).unwrap();
        let mut layers = [
            FcLayer::zeros(p.conv_neurons, p.hidden, 8),
            FcLayer::zeros(p.hidden, p.classes, 8),
        ];
        for (j, &w) in hidden_row.iter().enumerate() {
            layers[0].set_weight(5, j, w);
        }
        for (c, &w) in output_row0.iter().enumerate() {
            layers[1].set_weight(0, c, w);
        }
        let mut counts = vec![0; p.conv_neurons];
        counts[5] = 3;
        (layers, counts)
    }

    /// Scores with ties, positive and negative: the class is the lowest index among the
    /// largest, as golden `argmax`, within a word and across the two output words.
    #[test]
    fn argmax_takes_the_lowest_index_on_ties() {
        let config = config();
        let p = Params::new(&config).unwrap();
        let mut b = bench(&config);
        let rows: [[i16; 10]; 5] = [
            [1, 5, 5, 2, 5, 0, 0, 0, 5, 5],
            [0, 0, 0, 0, 0, 0, 0, 0, 7, 7],
            [-3, -3, -5, -5, -5, -5, -5, -5, -5, -5],
            [2; 10],
            [-1, -1, -1, -1, -1, -1, -1, -1, -1, 4],
        ];
        let mut classes = vec![];
        for y_sign in [1i16, -1] {
            for row in &rows {
                let mut hidden = [0i16; 12];
                hidden[0] = 20 * y_sign;
                let (mut layers, counts) = single_input(&config, &hidden, row);
                program(&mut b, &layers);
                run(&mut b, &count_words(&p, &counts), false, 0);
                let g = golden_sample(&config, &mut layers, &counts, 0, false, &mut Lfsr::new(1));
                assert_eq!(read_scores(&mut b, &p), g.scores);
                assert_eq!(
                    b.uut.decision.val().index(),
                    g.class,
                    "row {row:?} sign {y_sign}"
                );
                classes.push(g.class);
            }
        }
        assert_eq!(classes, vec![1, 8, 0, 0, 9, 5, 0, 2, 0, 0]);
    }

    /// Learning steps (`learn = 1`): every weight of both layers, the rounding LFSR state and
    /// the class equal golden's `update_hidden` / `update_output` after each sample, the LFSR
    /// carrying over. Three random samples, then one where every output error is 0 (the output
    /// update is skipped) and one where every hidden neuron saturates (`d = 0`: the hidden update
    /// is skipped, no draw).
    #[test]
    fn learning_steps_equal_golden_seed_33() {
        let config = config();
        let p = Params::new(&config).unwrap();
        let mut b = bench(&config);
        let mut layers = random_layers(&config, 33);
        program(&mut b, &layers);
        let mut rounding = Lfsr::new(config.learning.rounding_seed);
        let mut step =
            |b: &mut Bench<FcEngine>, layers: &mut [FcLayer; 2], counts: &[i16], label| {
                let cycles = run(b, &count_words(&p, counts), true, label);
                let g = golden_sample(&config, layers, counts, label, true, &mut rounding);
                assert_eq!(b.uut.decision.val().index(), g.class);
                assert_eq!(cycles as usize, fc_cycles(&p, counts, &g, true));
                let [hidden, output] = read_weights(b, &p);
                assert_eq!(hidden, layers[0].weights(), "FC layer 0 weights");
                assert_eq!(output, layers[1].weights(), "output weights");
                assert_eq!(b.uut.rounding_state.val().index() as u32, rounding.state());
                g
            };
        for (sample, label) in [(4u32, 2usize), (5, 9), (6, 0)] {
            let g = step(&mut b, &mut layers, &random_counts(&p, sample), label);
            assert!(g.modulation.iter().any(|&d| d != 0));
        }
        let draws_before = b.uut.rounding_state.val();
        // Every output error 0: the label's score is far above, the others far below.
        let mut output_row = [-127i16; 10];
        output_row[6] = 127;
        let mut hidden = [0i16; 12];
        hidden[0] = 20;
        let (mut layers, counts) = single_input(&config, &hidden, &output_row);
        program(&mut b, &layers);
        let g = step(&mut b, &mut layers, &counts, 6);
        assert!(g.hidden_updated && !g.output_updated);
        assert_ne!(b.uut.rounding_state.val(), draws_before, "one hidden draw");
        // Every hidden neuron saturated: no hidden draw, one output draw.
        let hidden: Vec<i16> = (0..12)
            .map(|j| if j % 2 == 0 { 127 } else { -128 })
            .collect();
        let (mut layers, counts) = single_input(&config, &hidden, &[3; 10]);
        program(&mut b, &layers);
        let g = step(&mut b, &mut layers, &counts, 1);
        assert!(g.modulation.iter().all(|&d| d == 0));
        assert!(!g.hidden_updated && g.output_updated);
    }
}
