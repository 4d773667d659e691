//! The processor top, `spoon` (golden `chip.rs`): AER FIFO, control FSM, convolution engine,
//! FC engine with the learning unit, configuration port.
//!
//! A sample: idle → clear (membrane map and accumulators) → events, one at a time through the
//! convolution engine → on the end-of-sample word, the FC engine (forward pass, class decision,
//! learning if the word says so) → `out_valid` for one cycle with `out_class` → idle.
//!
//! Configuration port: a request is taken when `cfg_valid && cfg_ready` (`cfg_ready` is high
//! only in the idle state). The element address is divided by the select's row length (`K`
//! kernels; `N_0` hidden neurons or `C` classes for the FC weights; 16 for the scores, i.e.
//! 8 classes × 2 halves; `2K` for the membrane map) by a restoring divider, one bit per cycle
//! (`CFG_ADDRESS_BITS` cycles), which also forms `row · G` (the row's first word) by Horner's
//! rule; then the word is read, and a read returns its lane on `cfg_rdata` with `cfg_rvalid`
//! high for one cycle, a write replaces the lane and writes the word back. Fixed read latency:
//! `CFG_READ_LATENCY`.

use crate::conv::ConvEngine;
use crate::event::{EventFifo, AER_BITS};
use crate::fc::{FcEngine, MEM_HIDDEN, MEM_OUTPUT, MEM_SCORES};
use crate::params::*;
use rust_hdl::prelude::*;

/// Cycles from the edge that takes a read request at the pins to the edge after which
/// `cfg_rdata` is valid (`cfg_rvalid` high): one in the pin registers, then the request.
pub const CFG_READ_LATENCY: usize = CFG_ADDRESS_BITS + 4;

#[derive(Copy, Clone, Debug, PartialEq, LogicState)]
pub enum Phase {
    Idle,
    Clear,
    ClearWait,
    Fetch,
    Decode,
    Integrate,
    IntegrateWait,
    FcStart,
    FcWait,
    Finish,
    CfgDivide,
    CfgIssue,
    CfgData,
}

#[derive(LogicBlock)]
pub struct Spoon {
    pub clock: Signal<In, Clock>,
    /// Synchronous reset: idle, FIFO empty, registers at their config values. Like every
    /// input it goes through a pin register: high in one cycle, it resets at the next edge.
    pub reset: Signal<In, Bit>,
    /// AER input stream: 18-bit words (ARCHITECTURE § "AER input and FIFO").
    pub in_valid: Signal<In, Bit>,
    pub in_data: Signal<In, Bits<AER_BITS>>,
    /// A word is taken at this edge if `in_valid` (registered; high while two FIFO words are
    /// free, one for the word in the pin register).
    pub in_ready: Signal<Out, Bit>,
    /// Configuration request: valid, write (else read), select, element address, write data.
    pub cfg_valid: Signal<In, Bit>,
    pub cfg_write: Signal<In, Bit>,
    pub cfg_select: Signal<In, Bits<4>>,
    pub cfg_address: Signal<In, Bits<CFG_ADDRESS_BITS>>,
    pub cfg_wdata: Signal<In, Bits<16>>,
    /// A request is taken at this edge if `cfg_valid` (registered; idle only, and every other
    /// cycle: the cycle after a chance to take one, the core learns whether it was taken).
    pub cfg_ready: Signal<Out, Bit>,
    /// Read data (weights sign-extended to 16 bits), valid while `cfg_rvalid`.
    pub cfg_rdata: Signal<Out, Bits<16>>,
    pub cfg_rvalid: Signal<Out, Bit>,
    /// One cycle at the end of every sample, with its class.
    pub out_valid: Signal<Out, Bit>,
    pub out_class: Signal<Out, Bits<8>>,
    /// A sample is under way.
    pub busy: Signal<Out, Bit>,
    /// Pin registers: every input but the clock, as it was in the previous cycle. Nothing else
    /// reads an input, so no logic depends combinationally on one (docs/RTL.md § "Pins").
    pub(crate) pin_reset: DFF<Bit>,
    pub(crate) pin_in_valid: DFF<Bit>,
    pub(crate) pin_in_data: DFF<Bits<AER_BITS>>,
    pub(crate) pin_cfg_valid: DFF<Bit>,
    pub(crate) pin_cfg_write: DFF<Bit>,
    pub(crate) pin_cfg_select: DFF<Bits<4>>,
    pub(crate) pin_cfg_address: DFF<Bits<CFG_ADDRESS_BITS>>,
    pub(crate) pin_cfg_wdata: DFF<Bits<16>>,
    /// `in_ready` and `cfg_ready` of the previous cycle: whether the pin registers hold a word
    /// or a request that was taken.
    pub(crate) in_shown: DFF<Bit>,
    pub(crate) cfg_shown: DFF<Bit>,
    pub(crate) cfg_ready_q: DFF<Bit>,
    pub(crate) fifo: EventFifo,
    pub(crate) conv: ConvEngine,
    pub(crate) fc: FcEngine,
    pub(crate) phase: DFF<Phase>,
    /// Events consumed and ignored (outside the field), saturating.
    pub(crate) ignored: DFF<Bits<16>>,
    /// Last end-of-sample word: learn flag and label.
    pub(crate) learn: DFF<Bit>,
    pub(crate) label: DFF<Bits<8>>,
    /// Learning-rate shift registers, target-projection base seed (the rounding LFSR state is
    /// in the FC engine, which steps it).
    pub(crate) hidden_lr_shift: DFF<Bits<5>>,
    pub(crate) output_lr_shift: DFF<Bits<5>>,
    pub(crate) projection_seed: DFF<Bits<32>>,
    /// Configuration request in progress.
    pub(crate) cfg_is_write: DFF<Bit>,
    pub(crate) cfg_sel: DFF<Bits<4>>,
    pub(crate) cfg_data: DFF<Bits<16>>,
    /// Divider: address bits still to shift in (MSB first), remainder, `row · G`, steps left.
    pub(crate) cfg_dividend: DFF<Bits<CFG_ADDRESS_BITS>>,
    pub(crate) cfg_remainder: DFF<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    pub(crate) cfg_row_words: DFF<Bits<CFG_ADDRESS_BITS>>,
    pub(crate) cfg_steps: DFF<Bits<5>>,
    pub(crate) cfg_rvalid_q: DFF<Bit>,
    pub(crate) cfg_rdata_q: DFF<Bits<16>>,
    divisor: Signal<Local, Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    row_groups: Signal<Local, Bits<CFG_ADDRESS_BITS>>,
    trial: Signal<Local, Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    /// Selects whose elements come in pairs (membrane map: potential, counter; scores: halves).
    paired: Signal<Local, Bit>,
    /// Column within the row (kernel, neuron, class), lane, word address.
    column: Signal<Local, Bits<16>>,
    lane: Signal<Local, Bits<8>>,
    word_address: Signal<Local, Bits<CFG_ADDRESS_BITS>>,
    /// The lane, one-hot, and its bits in an 8-bit-lane word.
    lane_onehot: Signal<Local, Bits<8>>,
    lane_mask: Signal<Local, Bits<KERNEL_WORD>>,
    /// The 8-bit-lane word of the select (kernels, FC weights), its lane, and the word with
    /// the lane replaced by the write data.
    weight_word: Signal<Local, Bits<KERNEL_WORD>>,
    weight_lane: Signal<Local, Bits<8>>,
    weight_lane_wide: Signal<Local, Bits<16>>,
    write_byte: Signal<Local, Bits<8>>,
    write_bytes: Signal<Local, Bits<KERNEL_WORD>>,
    merged_word: Signal<Local, Bits<KERNEL_WORD>>,
    neuron_lane: Signal<Local, Bits<NEURON_BITS>>,
    potential_wide: Signal<Local, Bits<16>>,
    score: Signal<Local, Bits<32>>,
    register_value: Signal<Local, Bits<16>>,
    busy_bit: Signal<Local, Bits<1>>,
    /// The learning-rate shift a register write stores.
    shift_value: Signal<Local, Bits<5>>,
    one_lane: Constant<Bits<8>>,
    /// The largest learning-rate shift (16: a 16-bit rounding draw); a write above stores it.
    max_shift: Constant<Bits<16>>,
    /// `classes`: an end-of-sample word with a label at or above it is not learned.
    label_limit: Constant<Bits<8>>,
    /// `lane_masks[l]`: the bits of lane `l` in an 8-bit-lane word.
    lane_masks: [Constant<Bits<KERNEL_WORD>>; 8],
    kernels: Constant<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    hidden: Constant<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    classes: Constant<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    score_row: Constant<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    past_addresses: Constant<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    membrane_row: Constant<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    conv_groups: Constant<Bits<CFG_ADDRESS_BITS>>,
    hidden_groups: Constant<Bits<CFG_ADDRESS_BITS>>,
    output_groups: Constant<Bits<CFG_ADDRESS_BITS>>,
    divide_steps: Constant<Bits<5>>,
    reset_hidden_lr_shift: Constant<Bits<5>>,
    reset_output_lr_shift: Constant<Bits<5>>,
    reset_projection_seed: Constant<Bits<32>>,
}

impl Spoon {
    pub fn new(p: &Params) -> Self {
        fn c<const N: usize>(v: usize) -> Constant<Bits<N>> {
            Constant::new((v as u64).into())
        }
        Self {
            clock: Default::default(),
            reset: Default::default(),
            in_valid: Default::default(),
            in_data: Default::default(),
            in_ready: Default::default(),
            cfg_valid: Default::default(),
            cfg_write: Default::default(),
            cfg_select: Default::default(),
            cfg_address: Default::default(),
            cfg_wdata: Default::default(),
            pin_reset: Default::default(),
            pin_in_valid: Default::default(),
            pin_in_data: Default::default(),
            pin_cfg_valid: Default::default(),
            pin_cfg_write: Default::default(),
            pin_cfg_select: Default::default(),
            pin_cfg_address: Default::default(),
            pin_cfg_wdata: Default::default(),
            in_shown: Default::default(),
            cfg_shown: Default::default(),
            cfg_ready_q: Default::default(),
            cfg_ready: Default::default(),
            cfg_rdata: Default::default(),
            cfg_rvalid: Default::default(),
            out_valid: Default::default(),
            out_class: Default::default(),
            busy: Default::default(),
            fifo: EventFifo::new(p),
            conv: ConvEngine::new(p),
            fc: FcEngine::new(p),
            phase: Default::default(),
            ignored: Default::default(),
            learn: Default::default(),
            label: Default::default(),
            hidden_lr_shift: Default::default(),
            output_lr_shift: Default::default(),
            projection_seed: Default::default(),
            cfg_is_write: Default::default(),
            cfg_sel: Default::default(),
            cfg_data: Default::default(),
            cfg_dividend: Default::default(),
            cfg_remainder: Default::default(),
            cfg_row_words: Default::default(),
            cfg_steps: Default::default(),
            cfg_rvalid_q: Default::default(),
            cfg_rdata_q: Default::default(),
            divisor: Default::default(),
            row_groups: Default::default(),
            trial: Default::default(),
            paired: Default::default(),
            column: Default::default(),
            lane: Default::default(),
            word_address: Default::default(),
            lane_onehot: Default::default(),
            lane_mask: Default::default(),
            weight_word: Default::default(),
            weight_lane: Default::default(),
            weight_lane_wide: Default::default(),
            write_byte: Default::default(),
            write_bytes: Default::default(),
            merged_word: Default::default(),
            neuron_lane: Default::default(),
            potential_wide: Default::default(),
            score: Default::default(),
            register_value: Default::default(),
            busy_bit: Default::default(),
            shift_value: Default::default(),
            one_lane: c(1),
            max_shift: Constant::new(16_u64.into()),
            label_limit: Constant::new((p.classes as u64).into()),
            lane_masks: std::array::from_fn(|l| Constant::new((0xFFu64 << (8 * l)).into())),
            kernels: c(p.kernels),
            hidden: c(p.hidden),
            classes: c(p.classes),
            score_row: c(2 * FC_LANES),
            past_addresses: c(1 << CFG_ADDRESS_BITS),
            membrane_row: c(2 * p.kernels),
            conv_groups: c(p.conv_groups),
            hidden_groups: c(p.hidden_groups),
            output_groups: c(p.output_groups),
            divide_steps: c(CFG_ADDRESS_BITS),
            reset_hidden_lr_shift: c(p.hidden_lr_shift),
            reset_output_lr_shift: c(p.output_lr_shift),
            reset_projection_seed: Constant::new(u64::from(p.target_projection_seed).into()),
        }
    }
}

impl Logic for Spoon {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self,
            clock,
            phase,
            ignored,
            learn,
            label,
            hidden_lr_shift,
            output_lr_shift,
            projection_seed,
            cfg_is_write,
            cfg_sel,
            cfg_data,
            cfg_dividend,
            cfg_remainder,
            cfg_row_words,
            cfg_steps,
            cfg_rvalid_q,
            cfg_rdata_q,
            in_shown,
            cfg_shown,
            cfg_ready_q
        );
        clock!(
            self,
            clock,
            fifo,
            conv,
            fc,
            pin_reset,
            pin_in_valid,
            pin_in_data,
            pin_cfg_valid,
            pin_cfg_write,
            pin_cfg_select,
            pin_cfg_address,
            pin_cfg_wdata
        );
        // Pins: each input into its register, unconditionally (the emitter wires these copies
        // straight to the flip-flops, `verilog::wires`).
        self.pin_reset.d.next = self.reset.val();
        self.pin_in_valid.d.next = self.in_valid.val();
        self.pin_in_data.d.next = self.in_data.val();
        self.pin_cfg_valid.d.next = self.cfg_valid.val();
        self.pin_cfg_write.d.next = self.cfg_write.val();
        self.pin_cfg_select.d.next = self.cfg_select.val();
        self.pin_cfg_address.d.next = self.cfg_address.val();
        self.pin_cfg_wdata.d.next = self.cfg_wdata.val();
        // AER input: the word taken at the pins in the previous cycle goes into the FIFO.
        self.fifo.reset.next = self.pin_reset.q.val();
        self.fifo.in_valid.next = self.pin_in_valid.q.val() && self.in_shown.q.val();
        self.fifo.in_data.next = self.pin_in_data.q.val();
        self.in_ready.next = self.fifo.in_ready.val();
        self.in_shown.d.next = self.fifo.in_ready.val();
        self.fifo.pop.next = false;
        // Convolution engine: commands from the FSM below.
        self.conv.reset.next = self.pin_reset.q.val();
        self.conv.start_event.next = false;
        self.conv.start_clear.next = false;
        self.conv.x.next = self.fifo.out_data.val().get_bits::<8>(0);
        self.conv.y.next = self.fifo.out_data.val().get_bits::<8>(8);
        self.conv.channel.next = self.fifo.out_data.val().get_bit(16);
        self.conv.kernel_read.next = false;
        self.conv.kernel_write.next = false;
        self.conv.membrane_read.next = false;
        // FC engine: commands from the FSM; its layer 0 inputs are the membrane map's spike
        // counters, lane `l` of a membrane word at bit `14l + 12`, zero-extended to 8 bits.
        self.fc.reset.next = self.pin_reset.q.val();
        self.fc.start_clear.next = false;
        self.fc.start.next = false;
        self.fc.learn.next = self.learn.q.val();
        self.fc.label.next = self.label.q.val();
        self.fc.hidden_lr_shift.next = self.hidden_lr_shift.q.val();
        self.fc.output_lr_shift.next = self.output_lr_shift.q.val();
        self.fc.projection_seed.next = self.projection_seed.q.val();
        self.fc.input_word.next = bit_cast::<INPUT_WORD, COUNT_BITS>(
            self.conv
                .membrane_rdata
                .val()
                .get_bits::<COUNT_BITS>(MEMBRANE_BITS),
        ) | (bit_cast::<INPUT_WORD, COUNT_BITS>(
            self.conv
                .membrane_rdata
                .val()
                .get_bits::<COUNT_BITS>(NEURON_BITS + MEMBRANE_BITS),
        ) << 8_u64)
            | (bit_cast::<INPUT_WORD, COUNT_BITS>(
                self.conv
                    .membrane_rdata
                    .val()
                    .get_bits::<COUNT_BITS>(2 * NEURON_BITS + MEMBRANE_BITS),
            ) << 16_u64)
            | (bit_cast::<INPUT_WORD, COUNT_BITS>(
                self.conv
                    .membrane_rdata
                    .val()
                    .get_bits::<COUNT_BITS>(3 * NEURON_BITS + MEMBRANE_BITS),
            ) << 24_u64)
            | (bit_cast::<INPUT_WORD, COUNT_BITS>(
                self.conv
                    .membrane_rdata
                    .val()
                    .get_bits::<COUNT_BITS>(4 * NEURON_BITS + MEMBRANE_BITS),
            ) << 32_u64)
            | (bit_cast::<INPUT_WORD, COUNT_BITS>(
                self.conv
                    .membrane_rdata
                    .val()
                    .get_bits::<COUNT_BITS>(5 * NEURON_BITS + MEMBRANE_BITS),
            ) << 40_u64)
            | (bit_cast::<INPUT_WORD, COUNT_BITS>(
                self.conv
                    .membrane_rdata
                    .val()
                    .get_bits::<COUNT_BITS>(6 * NEURON_BITS + MEMBRANE_BITS),
            ) << 48_u64)
            | (bit_cast::<INPUT_WORD, COUNT_BITS>(
                self.conv
                    .membrane_rdata
                    .val()
                    .get_bits::<COUNT_BITS>(7 * NEURON_BITS + MEMBRANE_BITS),
            ) << 56_u64);
        self.fc.mem_read.next = false;
        self.fc.mem_write.next = false;
        self.fc.rounding_write.next = false;
        self.fc.rounding_wdata.next = self.fc.rounding_state.val();
        // Configuration port: decode of the divider's result.
        // Registers (and unmapped selects): a divisor above every address leaves the address as
        // the remainder, i.e. the register index.
        self.divisor.next = self.past_addresses.val();
        self.row_groups.next = self.conv_groups.val();
        if self.cfg_sel.q.val() == 0 {
            self.divisor.next = self.kernels.val();
        }
        if self.cfg_sel.q.val() == 1 {
            self.divisor.next = self.hidden.val();
            self.row_groups.next = self.hidden_groups.val();
        }
        if self.cfg_sel.q.val() == 2 {
            self.divisor.next = self.classes.val();
            self.row_groups.next = self.output_groups.val();
        }
        if self.cfg_sel.q.val() == 9 {
            self.divisor.next = self.score_row.val();
            self.row_groups.next = 1.into();
        }
        if self.cfg_sel.q.val() == 10 {
            self.divisor.next = self.membrane_row.val();
        }
        self.paired.next = (self.cfg_sel.q.val() == 9) || (self.cfg_sel.q.val() == 10);
        self.trial.next = (self.cfg_remainder.q.val() << 1)
            | bit_cast::<{ CFG_ADDRESS_BITS + 1 }, 1>(
                self.cfg_dividend
                    .q
                    .val()
                    .get_bits::<1>(CFG_ADDRESS_BITS - 1),
            );
        self.column.next = bit_cast::<16, { CFG_ADDRESS_BITS + 1 }>(self.cfg_remainder.q.val());
        if self.paired.val() {
            self.column.next =
                bit_cast::<16, { CFG_ADDRESS_BITS + 1 }>(self.cfg_remainder.q.val()) >> 1;
        }
        self.lane.next = bit_cast::<8, 16>(self.column.val()) & 7;
        self.word_address.next =
            self.cfg_row_words.q.val() + bit_cast::<CFG_ADDRESS_BITS, 16>(self.column.val() >> 3);
        self.conv.kernel_address.next =
            bit_cast::<KERNEL_ADDR_BITS, CFG_ADDRESS_BITS>(self.word_address.val());
        self.conv.membrane_address.next =
            bit_cast::<MEMBRANE_ADDR_BITS, CFG_ADDRESS_BITS>(self.word_address.val());
        self.fc.mem_address.next =
            bit_cast::<HIDDEN_ADDR_BITS, CFG_ADDRESS_BITS>(self.word_address.val());
        self.fc.mem_select.next = MEM_SCORES.into();
        if self.cfg_sel.q.val() == 1 {
            self.fc.mem_select.next = MEM_HIDDEN.into();
        }
        if self.cfg_sel.q.val() == 2 {
            self.fc.mem_select.next = MEM_OUTPUT.into();
        }
        self.fc.score_lane.next = bit_cast::<3, 8>(self.lane.val());
        self.weight_word.next = self.conv.kernel_rdata.val();
        if self.cfg_sel.q.val() == 1 {
            self.weight_word.next = self.fc.hidden_rdata.val();
        }
        if self.cfg_sel.q.val() == 2 {
            self.weight_word.next = self.fc.output_rdata.val();
        }
        // Lane selection by one-hot muxes (no barrel shifter).
        self.lane_onehot.next = self.one_lane.val() << self.lane.val();
        self.weight_lane.next = 0.into();
        self.lane_mask.next = 0.into();
        self.neuron_lane.next = 0.into();
        for l in 0..8 {
            if self.lane_onehot.val().get_bit(l) {
                self.weight_lane.next = self.weight_word.val().get_bits::<8>(8 * l);
                self.lane_mask.next = self.lane_masks[l].val();
                self.neuron_lane.next = self
                    .conv
                    .membrane_rdata
                    .val()
                    .get_bits::<NEURON_BITS>(l * NEURON_BITS);
            }
        }
        self.write_byte.next = bit_cast::<8, 16>(self.cfg_data.q.val());
        self.write_bytes.next = bit_cast::<KERNEL_WORD, 8>(self.write_byte.val())
            | (bit_cast::<KERNEL_WORD, 8>(self.write_byte.val()) << 8_u64)
            | (bit_cast::<KERNEL_WORD, 8>(self.write_byte.val()) << 16_u64)
            | (bit_cast::<KERNEL_WORD, 8>(self.write_byte.val()) << 24_u64)
            | (bit_cast::<KERNEL_WORD, 8>(self.write_byte.val()) << 32_u64)
            | (bit_cast::<KERNEL_WORD, 8>(self.write_byte.val()) << 40_u64)
            | (bit_cast::<KERNEL_WORD, 8>(self.write_byte.val()) << 48_u64)
            | (bit_cast::<KERNEL_WORD, 8>(self.write_byte.val()) << 56_u64);
        self.merged_word.next = (self.weight_word.val() & !self.lane_mask.val())
            | (self.write_bytes.val() & self.lane_mask.val());
        self.conv.kernel_wdata.next = self.merged_word.val();
        self.fc.mem_wdata.next = self.merged_word.val();
        // Sign extensions by replicating the sign bit: weight lane, potential, score.
        self.weight_lane_wide.next = bit_cast::<16, 8>(self.weight_lane.val());
        if self.weight_lane.val().get_bit(7) {
            self.weight_lane_wide.next = bit_cast::<16, 8>(self.weight_lane.val()) | 0xFF00_u64;
        }
        self.potential_wide.next =
            bit_cast::<16, MEMBRANE_BITS>(self.neuron_lane.val().get_bits::<MEMBRANE_BITS>(0));
        if self.neuron_lane.val().get_bit(MEMBRANE_BITS - 1) {
            self.potential_wide.next =
                bit_cast::<16, MEMBRANE_BITS>(self.neuron_lane.val().get_bits::<MEMBRANE_BITS>(0))
                    | 0xF000_u64;
        }
        self.score.next = bit_cast::<32, ACC_BITS>(self.fc.score.val());
        if self.fc.score.val().get_bit(ACC_BITS - 1) {
            self.score.next = bit_cast::<32, ACC_BITS>(self.fc.score.val()) | 0xFFC0_0000_u64;
        }
        self.busy.next = (self.phase.q.val() != Phase::Idle)
            && (self.phase.q.val() != Phase::CfgDivide)
            && (self.phase.q.val() != Phase::CfgIssue)
            && (self.phase.q.val() != Phase::CfgData);
        self.busy_bit.next = 0.into();
        if self.busy.val() {
            self.busy_bit.next = 1.into();
        }
        self.register_value.next = 0.into();
        if self.column.val() == 0 {
            self.register_value.next = bit_cast::<16, 5>(self.hidden_lr_shift.q.val());
        }
        if self.column.val() == 1 {
            self.register_value.next = bit_cast::<16, 5>(self.output_lr_shift.q.val());
        }
        if self.column.val() == 2 {
            self.register_value.next = self.fc.rounding_state.val().get_bits::<16>(0);
        }
        if self.column.val() == 3 {
            self.register_value.next = self.fc.rounding_state.val().get_bits::<16>(16);
        }
        if self.column.val() == 4 {
            self.register_value.next = self.projection_seed.q.val().get_bits::<16>(0);
        }
        if self.column.val() == 5 {
            self.register_value.next = self.projection_seed.q.val().get_bits::<16>(16);
        }
        if self.column.val() == 6 {
            self.register_value.next = bit_cast::<16, 8>(self.fc.decision.val());
        }
        if self.column.val() == 7 {
            self.register_value.next = bit_cast::<16, 1>(self.busy_bit.val());
        }
        if self.column.val() == 8 {
            self.register_value.next = self.ignored.q.val();
        }
        self.cfg_ready.next = self.cfg_ready_q.q.val();
        self.cfg_shown.d.next = self.cfg_ready_q.q.val();
        self.cfg_rvalid.next = self.cfg_rvalid_q.q.val();
        self.cfg_rdata.next = self.cfg_rdata_q.q.val();
        self.cfg_rvalid_q.d.next = false;
        self.out_valid.next = false;
        self.out_class.next = self.fc.decision.val();
        if self.conv.ignored.val() && (self.ignored.q.val() != 0xFFFF) {
            self.ignored.d.next = self.ignored.q.val() + 1;
        }
        // A learning-rate shift written through the port saturates at 16.
        self.shift_value.next = bit_cast::<5, 16>(self.cfg_data.q.val());
        if self.cfg_data.q.val() > self.max_shift.val() {
            self.shift_value.next = 16.into();
        }
        match self.phase.q.val() {
            Phase::Idle => {
                // A request taken at the pins in the previous cycle; else a sample starts, but
                // only in a cycle where no request can be taken (`cfg_ready` low).
                if self.pin_cfg_valid.q.val() && self.cfg_shown.q.val() {
                    self.phase.d.next = Phase::CfgDivide;
                    self.cfg_is_write.d.next = self.pin_cfg_write.q.val();
                    self.cfg_sel.d.next = self.pin_cfg_select.q.val();
                    self.cfg_data.d.next = self.pin_cfg_wdata.q.val();
                    self.cfg_dividend.d.next = self.pin_cfg_address.q.val();
                    self.cfg_remainder.d.next = 0.into();
                    self.cfg_row_words.d.next = 0.into();
                    self.cfg_steps.d.next = self.divide_steps.val();
                } else if !self.cfg_ready_q.q.val() && !self.fifo.empty.val() {
                    self.phase.d.next = Phase::Clear;
                }
            }
            Phase::Clear => {
                self.conv.start_clear.next = true;
                self.fc.start_clear.next = true;
                self.phase.d.next = Phase::ClearWait;
            }
            Phase::ClearWait => {
                if !self.conv.busy.val() && !self.fc.busy.val() {
                    self.phase.d.next = Phase::Fetch;
                }
            }
            Phase::Fetch => {
                if !self.fifo.empty.val() {
                    self.fifo.pop.next = true;
                    self.phase.d.next = Phase::Decode;
                }
            }
            Phase::Decode => {
                if self.fifo.out_data.val().get_bit(AER_BITS - 1) {
                    // A label outside the classes has no target: the sample is an inference.
                    self.learn.d.next = self.fifo.out_data.val().get_bit(16)
                        && (self.fifo.out_data.val().get_bits::<8>(0) < self.label_limit.val());
                    self.label.d.next = self.fifo.out_data.val().get_bits::<8>(0);
                    self.phase.d.next = Phase::FcStart;
                } else {
                    self.conv.start_event.next = true;
                    self.phase.d.next = Phase::Integrate;
                }
            }
            Phase::Integrate => {
                self.phase.d.next = Phase::IntegrateWait;
            }
            Phase::IntegrateWait => {
                if !self.conv.busy.val() {
                    self.phase.d.next = Phase::Fetch;
                }
            }
            Phase::FcStart => {
                self.fc.start.next = true;
                self.phase.d.next = Phase::FcWait;
            }
            Phase::FcWait => {
                // The FC engine scans the membrane map's spike counters.
                self.conv.membrane_address.next = self.fc.input_address.val();
                self.conv.membrane_read.next = self.fc.input_read.val();
                if !self.fc.busy.val() {
                    self.phase.d.next = Phase::Finish;
                }
            }
            Phase::Finish => {
                self.out_valid.next = true;
                self.phase.d.next = Phase::Idle;
            }
            Phase::CfgDivide => {
                // Restoring division, one quotient bit per cycle, MSB first; the quotient is
                // accumulated directly as `row · G` (Horner).
                self.cfg_dividend.d.next = self.cfg_dividend.q.val() << 1;
                self.cfg_remainder.d.next = self.trial.val();
                self.cfg_row_words.d.next = self.cfg_row_words.q.val() << 1;
                if self.trial.val() >= self.divisor.val() {
                    self.cfg_remainder.d.next = self.trial.val() - self.divisor.val();
                    self.cfg_row_words.d.next =
                        (self.cfg_row_words.q.val() << 1) + self.row_groups.val();
                }
                self.cfg_steps.d.next = self.cfg_steps.q.val() - 1;
                if self.cfg_steps.q.val() == 1 {
                    self.phase.d.next = Phase::CfgIssue;
                }
            }
            Phase::CfgIssue => {
                self.conv.kernel_read.next = self.cfg_sel.q.val() == 0;
                self.conv.membrane_read.next = self.cfg_sel.q.val() == 10;
                self.fc.mem_read.next = (self.cfg_sel.q.val() == 1)
                    || (self.cfg_sel.q.val() == 2)
                    || (self.cfg_sel.q.val() == 9);
                self.phase.d.next = Phase::CfgData;
            }
            Phase::CfgData => {
                self.phase.d.next = Phase::Idle;
                if self.cfg_is_write.q.val() {
                    if self.cfg_sel.q.val() == 0 {
                        self.conv.kernel_write.next = true;
                    }
                    if (self.cfg_sel.q.val() == 1) || (self.cfg_sel.q.val() == 2) {
                        self.fc.mem_write.next = true;
                    }
                    if self.cfg_sel.q.val() == 8 {
                        if self.column.val() == 0 {
                            self.hidden_lr_shift.d.next = self.shift_value.val();
                        }
                        if self.column.val() == 1 {
                            self.output_lr_shift.d.next = self.shift_value.val();
                        }
                        if self.column.val() == 2 {
                            self.fc.rounding_write.next = true;
                            self.fc.rounding_wdata.next = (self.fc.rounding_state.val()
                                & 0xFFFF_0000_u64)
                                | bit_cast::<32, 16>(self.cfg_data.q.val());
                        }
                        if self.column.val() == 3 {
                            self.fc.rounding_write.next = true;
                            self.fc.rounding_wdata.next = (self.fc.rounding_state.val()
                                & 0xFFFF_u64)
                                | (bit_cast::<32, 16>(self.cfg_data.q.val()) << 16_u64);
                        }
                        if self.column.val() == 4 {
                            self.projection_seed.d.next = (self.projection_seed.q.val()
                                & 0xFFFF_0000_u64)
                                | bit_cast::<32, 16>(self.cfg_data.q.val());
                        }
                        if self.column.val() == 5 {
                            self.projection_seed.d.next = (self.projection_seed.q.val()
                                & 0xFFFF_u64)
                                | (bit_cast::<32, 16>(self.cfg_data.q.val()) << 16_u64);
                        }
                    }
                } else {
                    self.cfg_rvalid_q.d.next = true;
                    self.cfg_rdata_q.d.next = 0.into();
                    if (self.cfg_sel.q.val() == 0)
                        || (self.cfg_sel.q.val() == 1)
                        || (self.cfg_sel.q.val() == 2)
                    {
                        self.cfg_rdata_q.d.next = self.weight_lane_wide.val();
                    }
                    if self.cfg_sel.q.val() == 8 {
                        self.cfg_rdata_q.d.next = self.register_value.val();
                    }
                    if self.cfg_sel.q.val() == 9 {
                        self.cfg_rdata_q.d.next = self.score.val().get_bits::<16>(0);
                        if self.cfg_remainder.q.val().get_bit(0) {
                            self.cfg_rdata_q.d.next = self.score.val().get_bits::<16>(16);
                        }
                    }
                    if self.cfg_sel.q.val() == 10 {
                        self.cfg_rdata_q.d.next = self.potential_wide.val();
                        if self.cfg_remainder.q.val().get_bit(0) {
                            self.cfg_rdata_q.d.next = bit_cast::<16, COUNT_BITS>(
                                self.neuron_lane.val().get_bits::<COUNT_BITS>(MEMBRANE_BITS),
                            );
                        }
                    }
                }
            }
        }
        // While idle, `cfg_ready` is high every other cycle.
        self.cfg_ready_q.d.next = (self.phase.d.val() == Phase::Idle) && !self.cfg_ready_q.q.val();
        if self.pin_reset.q.val() {
            self.cfg_ready_q.d.next = false;
            self.phase.d.next = Phase::Idle;
            self.ignored.d.next = 0.into();
            self.hidden_lr_shift.d.next = self.reset_hidden_lr_shift.val();
            self.output_lr_shift.d.next = self.reset_output_lr_shift.val();
            self.projection_seed.d.next = self.reset_projection_seed.val();
            self.cfg_rvalid_q.d.next = false;
        }
    }
}

// The membrane word → spike-count word and the write byte's copies above are written out for
// 8 lanes, and the sign extensions use literal masks (8-bit lanes, 12-bit potentials, 22-bit
// scores).
const _: () = assert!(
    CONV_LANES == 8 && FC_LANES == 8 && KERNEL_BITS == 8 && MEMBRANE_BITS == 12 && ACC_BITS == 22
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::{sext, Bench};
    use golden::chip::Chip;
    use golden::conv::integrate_event;
    use golden::event::Event;
    use golden::kernel::{fill_uniform, KernelMemory};
    use golden::lfsr::Lfsr;
    use golden::membrane::MembraneMap;

    fn reset(p: &Params) -> Bench<Spoon> {
        let mut b = Bench::new(Spoon::new(p), |x| &mut x.clock);
        b.uut.reset.next = true;
        b.tick();
        b.uut.reset.next = false;
        b
    }

    /// One configuration request; returns the read data (reads) after checking the latency.
    fn request(b: &mut Bench<Spoon>, write: bool, select: u64, address: u64, data: i64) -> i64 {
        b.tick_until(100, |x| x.cfg_ready.val());
        b.uut.cfg_valid.next = true;
        b.uut.cfg_write.next = write;
        b.uut.cfg_select.next = select.into();
        b.uut.cfg_address.next = address.into();
        b.uut.cfg_wdata.next = crate::params::twos(data, 16).into();
        b.tick();
        b.uut.cfg_valid.next = false;
        if write {
            return 0;
        }
        let latency = b.tick_until(100, |x| x.cfg_rvalid.val()) + 1;
        assert_eq!(latency as usize, CFG_READ_LATENCY);
        sext(b.uut.cfg_rdata.val().index() as u64, 16)
    }

    fn read(b: &mut Bench<Spoon>, select: u64, address: usize) -> i64 {
        request(b, false, select, address as u64, 0)
    }

    fn write(b: &mut Bench<Spoon>, select: u64, address: usize, data: i64) {
        request(b, true, select, address as u64, data);
    }

    /// Sends the AER words of `events` and an end-of-sample word (back-pressure respected)
    /// and waits for `out_valid`; returns the class and the cycles from the first word.
    fn sample(b: &mut Bench<Spoon>, events: &[Event], learn: bool, label: usize) -> (usize, u64) {
        let words: Vec<u64> = events
            .iter()
            .map(|e| u64::from(e.x) | u64::from(e.y) << 8 | u64::from(e.channel) << 16)
            .chain([1 << 17 | u64::from(learn) << 16 | label as u64])
            .collect();
        let (start, mut sent) = (b.cycles, 0);
        loop {
            b.uut.in_valid.next = sent < words.len();
            b.uut.in_data.next = words[sent.min(words.len() - 1)].into();
            b.settle();
            let taken = b.uut.in_valid.val() && b.uut.in_ready.val();
            b.tick();
            sent += usize::from(taken);
            if b.uut.out_valid.val() {
                b.uut.in_valid.next = false;
                assert_eq!(sent, words.len());
                return (b.uut.out_class.val().index(), b.cycles - start);
            }
            assert!(b.cycles - start < 20_000, "the sample ends");
        }
    }

    /// Kernels written element by element through the configuration port read back exactly;
    /// every register holds its reset value, takes writes and reads them back; a sample's
    /// events give the golden membrane map, read back through select 10; `out_valid` ends the
    /// sample.
    #[test]
    fn configuration_port_and_one_sample_match_golden() {
        let mut config = crate::tiny_config();
        config.conv.init_range = 20;
        let p = Params::new(&config).unwrap();
        let kernels = KernelMemory::random(&config);
        let mut b = reset(&p);
        for (a, &w) in kernels.weights().iter().enumerate() {
            write(&mut b, 0, a, w.into());
        }
        for (a, &w) in kernels.weights().iter().enumerate().step_by(7) {
            assert_eq!(read(&mut b, 0, a), i64::from(w), "kernel {a}");
        }
        let l = &config.learning;
        let halves = |v: u32| {
            [
                i64::from(v as u16 as i16),
                i64::from((v >> 16) as u16 as i16),
            ]
        };
        let [r0, r1] = halves(l.rounding_seed);
        let [t0, t1] = halves(l.target_projection_seed);
        let registers: Vec<i64> = (0..9).map(|r| read(&mut b, 8, r)).collect();
        let shifts = [l.hidden_lr_shifts[0].into(), l.output_lr_shift.into()];
        assert_eq!(registers, [shifts[0], shifts[1], r0, r1, t0, t1, 0, 0, 0]);
        for (r, v) in [
            (0, 9i64),
            (1, 16),
            (2, -2),
            (3, 0x1234),
            (4, 0x7777),
            (5, -1),
        ] {
            write(&mut b, 8, r, v);
            assert_eq!(read(&mut b, 8, r), v, "register {r}");
        }
        for (r, v) in [
            (0, shifts[0]),
            (1, shifts[1]),
            (2, r0),
            (3, r1),
            (4, t0),
            (5, t1),
        ] {
            write(&mut b, 8, r, v);
        }

        let events = [
            (1u8, 1u8),
            (2, 2),
            (2, 2),
            (5, 4),
            (3, 0),
            (9, 9),
            (4, 5),
            (2, 3),
        ];
        let mut golden = MembraneMap::new(&config);
        for &(x, y) in &events {
            if usize::from(x) < p.width && usize::from(y) < p.height {
                integrate_event(&config, &kernels, &mut golden, Event::new(x, y, 0));
            }
        }
        let events: Vec<Event> = events.iter().map(|&(x, y)| Event::new(x, y, 0)).collect();
        sample(&mut b, &events, true, 2);
        assert_eq!(read(&mut b, 8, 8), 1, "one event was outside the field");
        for n in 0..p.conv_neurons {
            let v = read(&mut b, 10, 2 * n);
            let c = read(&mut b, 10, 2 * n + 1);
            let want = (golden.potentials()[n].into(), golden.counts()[n].into());
            assert_eq!((v, c), want, "neuron {n}");
        }
    }

    /// End to end on the tiny config: kernels, FC layer 0 weights (random, `±20`) and output
    /// weights (random, `±20`) written through the configuration port (a sample read back); two
    /// training samples from the AER port; after each, the class (`out_class` and register 6),
    /// the scores (select 9) and the rounding LFSR (registers 2, 3) equal golden `Chip::train`;
    /// at the end every weight of both layers does.
    #[test]
    fn two_training_samples_equal_golden_chip_train() {
        let mut config = crate::tiny_config();
        config.conv.init_range = 20;
        config.learning.hidden_init_range = 20;
        let p = Params::new(&config).unwrap();
        let mut chip = Chip::new(&config);
        fill_uniform(chip.layers_mut()[1].weights_mut(), 20, &mut Lfsr::new(77));
        let mut b = reset(&p);
        for (a, &w) in chip.kernels().weights().iter().enumerate() {
            write(&mut b, 0, a, w.into());
        }
        for (select, layer) in [(1, &chip.layers()[0]), (2, &chip.layers()[1])] {
            for (a, &w) in layer.weights().iter().enumerate() {
                write(&mut b, select, a, w.into());
            }
            for (a, &w) in layer.weights().iter().enumerate().step_by(11) {
                assert_eq!(
                    read(&mut b, select, a),
                    i64::from(w),
                    "select {select} weight {a}"
                );
            }
        }
        let mut lfsr = Lfsr::new(19);
        for label in [1usize, 3] {
            let events: Vec<Event> = (0..14)
                .map(|_| {
                    let d = lfsr.draw();
                    Event::new((d % 6) as u8, ((d >> 8) % 6) as u8, 0)
                })
                .collect();
            let golden = chip.train(&events, label);
            let (class, cycles) = sample(&mut b, &events, true, label);
            println!(
                "label {label}: class {class}, {cycles} cycles, activity {:?}",
                golden.activity
            );
            assert_eq!(class, golden.class);
            assert_eq!(read(&mut b, 8, 6), golden.class as i64);
            let scores: Vec<i32> = (0..p.classes)
                .map(|c| {
                    (read(&mut b, 9, 2 * c) & 0xFFFF | read(&mut b, 9, 2 * c + 1) << 16) as i32
                })
                .collect();
            assert_eq!(scores, golden.scores);
            let state = (read(&mut b, 8, 2) & 0xFFFF | read(&mut b, 8, 3) << 16) as u32;
            assert_eq!(state, chip.rounding_lfsr().state());
            assert!(golden.activity.rounding_draws > 0);
        }
        for (select, layer) in [(1, &chip.layers()[0]), (2, &chip.layers()[1])] {
            let got: Vec<i16> = (0..layer.weights().len())
                .map(|a| read(&mut b, select, a) as i16)
                .collect();
            assert_eq!(got, layer.weights(), "select {select}");
        }
    }
}
