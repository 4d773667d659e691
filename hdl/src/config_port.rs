//! The configuration port (golden `cycle/config_port.rs`): request registers, the restoring
//! divider that splits an element address into row and column, the lane select and merge of
//! the 8-bit-lane memories, the registers of select 8 and the read data register.
//!
//! The top's control FSM (`chip.rs`) owns the phases and sequences the block: `take` in `Idle`
//! when a request was taken at the pins, `divide` in `CfgDivide` until `divided`, `issue` in
//! `CfgIssue`, `finish` in `CfgData`, `write_back` in `CfgWrite` (element writes). The block drives the memory ports in those cycles only;
//! in every other cycle its read and write enables are low.
//!
//! **Element requests**: the element address is divided by the select's row length (`K`
//! kernels; `N_k` neurons of FC layer `k` for its weights, select `1 + k`; 16 for the scores, i.e.
//! 8 classes × 2 halves; `2K` for the membrane map), one bit per cycle (`CFG_ADDRESS_BITS`
//! cycles), forming `row · G` (the row's first word) by Horner's rule; then the word is read,
//! and a read returns its lane with `rvalid` high for one cycle. A write latches the word read
//! in the read data register (`finish`) and, one cycle later (`write_back`), writes it back
//! with its lane replaced: the memory's output never reaches a write port in the cycle it
//! arrives. Read latency [`CFG_READ_LATENCY`]; a write takes one cycle more.
//!
//! **Word requests** (`pin_word`, select 0 and the FC layers' only): the address is the memory's
//! (the layer's) word address, no division. The access is done in the `take` cycle itself, from the pin
//! registers: a write stores the whole word (the FSM stays `Idle`), a read is issued and its
//! word latched in the next cycle (`CfgData`). A word request to another select or past the
//! memory's last word accesses nothing: a write is ignored, a read returns 0 with the same
//! timing. Read latency [`CFG_WORD_READ_LATENCY`], one word write per
//! [`CFG_WORD_WRITE_CYCLES`] cycles.

use crate::fc::{MEM_HIDDEN, MEM_OUTPUT, MEM_SCORES};
use crate::params::*;
use golden::cycle::config_port::{
    fc_select, register_index, REG_CLASS, REG_IGNORED, REG_OUTPUT_LR_SHIFT, REG_PROJECTION_HI,
    REG_PROJECTION_LO, REG_ROUNDING_HI, REG_ROUNDING_LO, REG_STATUS,
};
use rust_hdl::prelude::*;

/// Cycles from the edge that takes an element read at the pins to the edge after which `rdata`
/// is valid (`rvalid` high), both counted: that edge, 1 to see it in `Idle`, `CFG_ADDRESS_BITS`
/// dividing, 1 issue, 1 data (the edge that sets `rvalid`).
pub const CFG_READ_LATENCY: usize = CFG_ADDRESS_BITS + 4;
/// The same for a word read: the taking edge, 1 with the read issued from the pin registers,
/// 1 latching the word.
pub const CFG_WORD_READ_LATENCY: usize = 3;
/// Cycles per word write when the host offers one whenever `cfg_ready` allows: the write is
/// done in the cycle after the taking edge, the port stays idle, and `cfg_ready` is high
/// every other cycle.
pub const CFG_WORD_WRITE_CYCLES: usize = 2;

#[derive(LogicBlock)]
pub struct ConfigPort {
    pub clock: Signal<In, Clock>,
    /// Synchronous reset: registers of select 8 to their config values, no read data valid.
    pub reset: Signal<In, Bit>,
    /// The FSM takes the request held in the pin registers (`Idle`, a request was shown).
    pub take: Signal<In, Bit>,
    /// One divider step (`CfgDivide`).
    pub divide: Signal<In, Bit>,
    /// The element's word is read (`CfgIssue`).
    pub issue: Signal<In, Bit>,
    /// Read data latched (a write: the word read), or a register written (`CfgData`).
    pub finish: Signal<In, Bit>,
    /// An element write's merged word written back (`CfgWrite`).
    pub write_back: Signal<In, Bit>,
    /// The request in progress is a write (`CfgData` goes on to `CfgWrite`).
    pub writing_request: Signal<Out, Bit>,
    /// The request in the pin registers: write (else read).
    pub pin_write: Signal<In, Bit>,
    /// The request in the pin registers addresses a whole memory word.
    pub pin_word: Signal<In, Bit>,
    /// The request in the pin registers: select (the memory or the register file).
    pub pin_select: Signal<In, Bits<4>>,
    /// The request in the pin registers: element address, or word address if `pin_word`.
    pub pin_address: Signal<In, Bits<CFG_ADDRESS_BITS>>,
    /// The request in the pin registers: write data (element: bits 15..0; word: all).
    pub pin_wdata: Signal<In, Bits<CFG_DATA_BITS>>,
    /// The request in the pin registers skips the divider (word request): the FSM stays `Idle`
    /// for a write and goes to `CfgData` for a read.
    pub word_request: Signal<Out, Bit>,
    /// The divider's last step is this cycle's (with `divide`).
    pub divided: Signal<Out, Bit>,
    /// Kernel memory port: word address, read enable, write enable.
    pub kernel_address: Signal<Out, Bits<KERNEL_ADDR_BITS>>,
    pub kernel_read: Signal<Out, Bit>,
    pub kernel_write: Signal<Out, Bit>,
    /// Kernel word read one cycle after `kernel_read`.
    pub kernel_rdata: Signal<In, Bits<KERNEL_WORD>>,
    /// Membrane map read port: word address, read enable.
    pub membrane_address: Signal<Out, Bits<MEMBRANE_ADDR_BITS>>,
    pub membrane_read: Signal<Out, Bit>,
    /// Membrane word read one cycle after `membrane_read`.
    pub membrane_rdata: Signal<In, Bits<MEMBRANE_WORD>>,
    /// FC engine's configuration access: memory (`MEM_…`), word address, read, write.
    pub fc_select: Signal<Out, Bits<2>>,
    pub fc_address: Signal<Out, Bits<HIDDEN_ADDR_BITS>>,
    pub fc_read: Signal<Out, Bit>,
    pub fc_write: Signal<Out, Bit>,
    /// FC layer 0 and output weight words read one cycle after `fc_read`.
    pub hidden_rdata: Signal<In, Bits<FC_WORD>>,
    pub output_rdata: Signal<In, Bits<FC_WORD>>,
    /// Lane of the score word read, and that score (s`ACC_BITS`).
    pub score_lane: Signal<Out, Bits<LANE_BITS>>,
    pub score: Signal<In, Bits<ACC_BITS>>,
    /// Write data of the kernel memory and of the FC weight memories.
    pub wdata: Signal<Out, Bits<KERNEL_WORD>>,
    /// Rounding LFSR (in the FC engine): its state, and a write of registers 2, 3.
    pub rounding_state: Signal<In, Bits<32>>,
    pub rounding_write: Signal<Out, Bit>,
    pub rounding_wdata: Signal<Out, Bits<32>>,
    /// Read-only registers: class of the last sample, `busy`, ignored events.
    pub decision: Signal<In, Bits<8>>,
    pub busy: Signal<In, Bit>,
    pub ignored: Signal<In, Bits<16>>,
    /// The learning-rate shift registers (hidden layer `k`'s at bit `5k`, then the output
    /// layer's) and the target-projection base seed.
    pub hidden_lr_shifts: Signal<Out, Bits<{ 5 * HIDDEN_LAYERS }>>,
    pub output_lr_shift: Signal<Out, Bits<5>>,
    pub projection_seed: Signal<Out, Bits<32>>,
    /// Read data (element: bits 15..0, zeros above; word: the word), valid while `rvalid`.
    /// After an element write of a weight (selects 0, 1, 2) it holds the word read (the host
    /// must not use it).
    pub rdata: Signal<Out, Bits<CFG_DATA_BITS>>,
    pub rvalid: Signal<Out, Bit>,
    pub(crate) hidden_shift: DFF<Bits<{ 5 * HIDDEN_LAYERS }>>,
    pub(crate) output_shift: DFF<Bits<5>>,
    pub(crate) seed: DFF<Bits<32>>,
    /// The request in progress: write, select, word request (and whether it addresses a word
    /// of the memory), element write data.
    pub(crate) is_write: DFF<Bit>,
    pub(crate) select: DFF<Bits<4>>,
    pub(crate) word: DFF<Bit>,
    pub(crate) word_valid: DFF<Bit>,
    pub(crate) data: DFF<Bits<16>>,
    /// Divider: address bits still to shift in (MSB first), remainder, `row · G`, steps left.
    pub(crate) dividend: DFF<Bits<CFG_ADDRESS_BITS>>,
    pub(crate) remainder: DFF<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    pub(crate) row_words: DFF<Bits<CFG_ADDRESS_BITS>>,
    pub(crate) steps: DFF<Bits<5>>,
    pub(crate) rvalid_q: DFF<Bit>,
    pub(crate) rdata_q: DFF<Bits<CFG_DATA_BITS>>,
    /// The words of the pin registers' select (0: no word requests), and whether the word
    /// request addresses one of them.
    word_limit: Signal<Local, Bits<CFG_ADDRESS_BITS>>,
    word_ok: Signal<Local, Bit>,
    /// A word request served in this (`take`) cycle from the pin registers.
    direct: Signal<Local, Bit>,
    /// Select and word address of this cycle's memory access.
    access_select: Signal<Local, Bits<4>>,
    access_address: Signal<Local, Bits<CFG_ADDRESS_BITS>>,
    reading: Signal<Local, Bit>,
    writing: Signal<Local, Bit>,
    divisor: Signal<Local, Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    row_groups: Signal<Local, Bits<CFG_ADDRESS_BITS>>,
    trial: Signal<Local, Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    /// `trial − divisor` one bit wider: its top bit is the borrow, so one subtractor serves as
    /// the comparison too.
    difference: Signal<Local, Bits<{ CFG_ADDRESS_BITS + 2 }>>,
    /// Selects whose elements come in pairs (membrane map: potential, counter; scores: halves).
    paired: Signal<Local, Bit>,
    /// Column within the row (kernel, neuron, class, register), lane, word address.
    column: Signal<Local, Bits<16>>,
    lane: Signal<Local, Bits<8>>,
    word_address: Signal<Local, Bits<CFG_ADDRESS_BITS>>,
    /// The lane, one-hot, and its bits in a weight word.
    lane_onehot: Signal<Local, Bits<CONV_LANES>>,
    lane_mask: Signal<Local, Bits<KERNEL_WORD>>,
    /// The 8-bit-lane word of the select (kernels, FC weights), its lane, and the word with
    /// the lane replaced by the write data.
    weight_word: Signal<Local, Bits<KERNEL_WORD>>,
    weight_lane: Signal<Local, Bits<KERNEL_BITS>>,
    weight_lane_wide: Signal<Local, Bits<16>>,
    write_byte: Signal<Local, Bits<KERNEL_BITS>>,
    write_bytes: Signal<Local, Bits<KERNEL_WORD>>,
    merged_word: Signal<Local, Bits<KERNEL_WORD>>,
    neuron_lane: Signal<Local, Bits<NEURON_BITS>>,
    potential_wide: Signal<Local, Bits<16>>,
    score_wide: Signal<Local, Bits<32>>,
    register_value: Signal<Local, Bits<16>>,
    busy_bit: Signal<Local, Bits<1>>,
    /// The 16-bit value of an element read.
    element_value: Signal<Local, Bits<16>>,
    /// The learning-rate shift a register write stores.
    shift_value: Signal<Local, Bits<5>>,
    /// The shift register of the hidden layer the column names.
    shift_read: Signal<Local, Bits<5>>,
    /// The FC layer of the pin registers' select, of the request's, of this cycle's access
    /// (one-hot, 0: not an FC layer's), and that access's first word in its memory.
    pin_fc: Signal<Local, Bits<FC_LAYERS>>,
    select_fc: Signal<Local, Bits<FC_LAYERS>>,
    access_fc: Signal<Local, Bits<FC_LAYERS>>,
    access_base: Signal<Local, Bits<HIDDEN_ADDR_BITS>>,
    /// Per FC layer `k`: its select `1 + k`, row length `N_k`, lane groups, words, first word.
    fc_selects: [Constant<Bits<4>>; FC_LAYERS],
    fc_neurons: [Constant<Bits<{ CFG_ADDRESS_BITS + 1 }>>; FC_LAYERS],
    fc_groups: [Constant<Bits<CFG_ADDRESS_BITS>>; FC_LAYERS],
    fc_words: [Constant<Bits<CFG_ADDRESS_BITS>>; FC_LAYERS],
    fc_base: [Constant<Bits<HIDDEN_ADDR_BITS>>; FC_LAYERS],
    /// Register indices: the hidden layers' shifts `0..h`, then the others from `h`
    /// (golden `register_index`).
    reg_hidden: [Constant<Bits<16>>; HIDDEN_LAYERS],
    reg_output_shift: Constant<Bits<16>>,
    reg_rounding_lo: Constant<Bits<16>>,
    reg_rounding_hi: Constant<Bits<16>>,
    reg_seed_lo: Constant<Bits<16>>,
    reg_seed_hi: Constant<Bits<16>>,
    reg_class: Constant<Bits<16>>,
    reg_status: Constant<Bits<16>>,
    reg_ignored: Constant<Bits<16>>,
    /// The shift registers' bits of hidden layer `k`.
    shift_masks: [Constant<Bits<{ 5 * HIDDEN_LAYERS }>>; HIDDEN_LAYERS],
    shift_at: [Constant<Bits<8>>; HIDDEN_LAYERS],
    one_lane: Constant<Bits<CONV_LANES>>,
    /// The largest learning-rate shift (16: a 16-bit rounding draw); a write above stores it.
    max_shift: Constant<Bits<16>>,
    /// `lane_masks[l]`: the bits of lane `l` in a weight word; `lane_at[l]` = `KERNEL_BITS · l`.
    lane_masks: [Constant<Bits<KERNEL_WORD>>; CONV_LANES],
    lane_at: [Constant<Bits<8>>; CONV_LANES],
    /// Ones above a `KERNEL_BITS` weight and a `MEMBRANE_BITS` potential in 16 bits: their
    /// sign extensions.
    weight_fill: Constant<Bits<16>>,
    potential_fill: Constant<Bits<16>>,
    /// The write byte in lanes `0..l` (`write_bytes_at[l]`).
    write_bytes_at: [Signal<Local, Bits<KERNEL_WORD>>; CONV_LANES + 1],
    kernels: Constant<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    score_row: Constant<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    past_addresses: Constant<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    membrane_row: Constant<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    conv_groups: Constant<Bits<CFG_ADDRESS_BITS>>,
    /// Words of the kernel memory (of an FC layer: `fc_words`): a word request at or above
    /// accesses nothing.
    kernel_words: Constant<Bits<CFG_ADDRESS_BITS>>,
    divide_steps: Constant<Bits<5>>,
    reset_hidden_lr_shift: Constant<Bits<{ 5 * HIDDEN_LAYERS }>>,
    reset_output_lr_shift: Constant<Bits<5>>,
    reset_projection_seed: Constant<Bits<32>>,
    /// Ones above an `ACC_BITS` score in 32 bits: its sign extension.
    score_fill: Constant<Bits<32>>,
    /// The learning unit is generated (`Params::learning`); else registers 0–5 (shifts,
    /// rounding LFSR, projection seed) read 0 and ignore writes.
    learning: Constant<Bit>,
}

impl ConfigPort {
    pub fn new(p: &Params) -> Self {
        fn c<const N: usize>(v: usize) -> Constant<Bits<N>> {
            Constant::new((v as u64).into())
        }
        let reg = |r: usize| c::<16>(register_index(r, HIDDEN_LAYERS));
        let fc = &p.fc;
        Self {
            clock: Default::default(),
            reset: Default::default(),
            take: Default::default(),
            divide: Default::default(),
            issue: Default::default(),
            finish: Default::default(),
            write_back: Default::default(),
            writing_request: Default::default(),
            pin_write: Default::default(),
            pin_word: Default::default(),
            pin_select: Default::default(),
            pin_address: Default::default(),
            pin_wdata: Default::default(),
            word_request: Default::default(),
            divided: Default::default(),
            kernel_address: Default::default(),
            kernel_read: Default::default(),
            kernel_write: Default::default(),
            kernel_rdata: Default::default(),
            membrane_address: Default::default(),
            membrane_read: Default::default(),
            membrane_rdata: Default::default(),
            fc_select: Default::default(),
            fc_address: Default::default(),
            fc_read: Default::default(),
            fc_write: Default::default(),
            hidden_rdata: Default::default(),
            output_rdata: Default::default(),
            score_lane: Default::default(),
            score: Default::default(),
            wdata: Default::default(),
            rounding_state: Default::default(),
            rounding_write: Default::default(),
            rounding_wdata: Default::default(),
            decision: Default::default(),
            busy: Default::default(),
            ignored: Default::default(),
            hidden_lr_shifts: Default::default(),
            output_lr_shift: Default::default(),
            projection_seed: Default::default(),
            rdata: Default::default(),
            rvalid: Default::default(),
            hidden_shift: Default::default(),
            output_shift: Default::default(),
            seed: Default::default(),
            is_write: Default::default(),
            select: Default::default(),
            word: Default::default(),
            word_valid: Default::default(),
            data: Default::default(),
            dividend: Default::default(),
            remainder: Default::default(),
            row_words: Default::default(),
            steps: Default::default(),
            rvalid_q: Default::default(),
            rdata_q: Default::default(),
            word_limit: Default::default(),
            word_ok: Default::default(),
            direct: Default::default(),
            access_select: Default::default(),
            access_address: Default::default(),
            reading: Default::default(),
            writing: Default::default(),
            divisor: Default::default(),
            row_groups: Default::default(),
            trial: Default::default(),
            difference: Default::default(),
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
            score_wide: Default::default(),
            register_value: Default::default(),
            busy_bit: Default::default(),
            element_value: Default::default(),
            shift_value: Default::default(),
            shift_read: Default::default(),
            pin_fc: Default::default(),
            select_fc: Default::default(),
            access_fc: Default::default(),
            access_base: Default::default(),
            fc_selects: std::array::from_fn(|k| c(usize::from(fc_select(k)))),
            fc_neurons: std::array::from_fn(|k| c(fc.neurons[k])),
            fc_groups: std::array::from_fn(|k| c(fc.groups[k])),
            fc_words: std::array::from_fn(|k| c(fc.words[k])),
            fc_base: std::array::from_fn(|k| c(fc.weight_base[k])),
            reg_hidden: std::array::from_fn(c),
            reg_output_shift: reg(REG_OUTPUT_LR_SHIFT),
            reg_rounding_lo: reg(REG_ROUNDING_LO),
            reg_rounding_hi: reg(REG_ROUNDING_HI),
            reg_seed_lo: reg(REG_PROJECTION_LO),
            reg_seed_hi: reg(REG_PROJECTION_HI),
            reg_class: reg(REG_CLASS),
            reg_status: reg(REG_STATUS),
            reg_ignored: reg(REG_IGNORED),
            shift_masks: std::array::from_fn(|k| c(0x1F << (5 * k))),
            shift_at: std::array::from_fn(|k| c(5 * k)),
            one_lane: c(1),
            max_shift: Constant::new(16_u64.into()),
            // Up to 16 lanes of 8 bits: a 128-bit mask.
            lane_masks: std::array::from_fn(|l| {
                Constant::new((((1u128 << KERNEL_BITS) - 1) << (KERNEL_BITS * l)).to_bits())
            }),
            lane_at: std::array::from_fn(|l| Constant::new(((KERNEL_BITS * l) as u64).into())),
            weight_fill: Constant::new(sign_fill(KERNEL_BITS, 16).into()),
            potential_fill: Constant::new(sign_fill(MEMBRANE_BITS, 16).into()),
            write_bytes_at: Default::default(),
            kernels: c(p.kernels),
            score_row: c(2 * FC_LANES),
            past_addresses: c(1 << CFG_ADDRESS_BITS),
            membrane_row: c(2 * p.kernels),
            conv_groups: c(p.conv_groups),
            kernel_words: c(p.kernel_words),
            divide_steps: c(CFG_ADDRESS_BITS),
            reset_hidden_lr_shift: c(p
                .hidden_lr_shifts
                .iter()
                .enumerate()
                .fold(0, |v, (k, &s)| v | s << (5 * k))),
            reset_output_lr_shift: c(p.output_lr_shift),
            reset_projection_seed: Constant::new(u64::from(p.target_projection_seed).into()),
            score_fill: Constant::new(sign_fill(ACC_BITS, 32).into()),
            learning: Constant::new(p.learning),
        }
    }
}

impl Logic for ConfigPort {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self,
            clock,
            hidden_shift,
            output_shift,
            seed,
            is_write,
            select,
            word,
            word_valid,
            data,
            dividend,
            remainder,
            row_words,
            steps,
            rvalid_q,
            rdata_q
        );
        self.hidden_lr_shifts.next = self.hidden_shift.q.val();
        self.output_lr_shift.next = self.output_shift.q.val();
        self.projection_seed.next = self.seed.q.val();
        self.rvalid.next = self.rvalid_q.q.val();
        self.rdata.next = self.rdata_q.q.val();
        self.rvalid_q.d.next = false;
        // The FC layers of the selects (pins, request).
        self.pin_fc.next = 0.into();
        self.select_fc.next = 0.into();
        for k in 0..FC_LAYERS {
            self.pin_fc.next = self
                .pin_fc
                .val()
                .replace_bit(k, self.pin_select.val() == self.fc_selects[k].val());
            self.select_fc.next = self
                .select_fc
                .val()
                .replace_bit(k, self.select.q.val() == self.fc_selects[k].val());
        }
        // Word request: a word of select 0 or an FC layer's below the memory's size.
        self.word_request.next = self.pin_word.val();
        // One comparator against the select's size (a 0 size for the other selects).
        self.word_limit.next = 0.into();
        if self.pin_select.val() == 0 {
            self.word_limit.next = self.kernel_words.val();
        }
        for k in 0..FC_LAYERS {
            if self.pin_fc.val().get_bit(k) {
                self.word_limit.next = self.fc_words[k].val();
            }
        }
        self.word_ok.next = self.pin_address.val() < self.word_limit.val();
        self.direct.next = self.take.val() && self.pin_word.val() && self.word_ok.val();
        // Decode of the divider's result. Registers (and unmapped selects): a divisor above
        // every address leaves the address as the remainder, i.e. the register index.
        self.divisor.next = self.past_addresses.val();
        self.row_groups.next = self.conv_groups.val();
        if self.select.q.val() == 0 {
            self.divisor.next = self.kernels.val();
        }
        for k in 0..FC_LAYERS {
            if self.select_fc.val().get_bit(k) {
                self.divisor.next = self.fc_neurons[k].val();
                self.row_groups.next = self.fc_groups[k].val();
            }
        }
        if self.select.q.val() == 9 {
            self.divisor.next = self.score_row.val();
            self.row_groups.next = 1.into();
        }
        if self.select.q.val() == 10 {
            self.divisor.next = self.membrane_row.val();
        }
        self.paired.next = (self.select.q.val() == 9) || (self.select.q.val() == 10);
        self.trial.next = (self.remainder.q.val() << 1)
            | bit_cast::<{ CFG_ADDRESS_BITS + 1 }, 1>(
                self.dividend.q.val().get_bits::<1>(CFG_ADDRESS_BITS - 1),
            );
        self.difference.next =
            bit_cast::<{ CFG_ADDRESS_BITS + 2 }, { CFG_ADDRESS_BITS + 1 }>(self.trial.val())
                - bit_cast::<{ CFG_ADDRESS_BITS + 2 }, { CFG_ADDRESS_BITS + 1 }>(
                    self.divisor.val(),
                );
        self.column.next = bit_cast::<16, { CFG_ADDRESS_BITS + 1 }>(self.remainder.q.val());
        if self.paired.val() {
            self.column.next =
                bit_cast::<16, { CFG_ADDRESS_BITS + 1 }>(self.remainder.q.val()) >> 1;
        }
        self.lane.next = bit_cast::<8, 16>(self.column.val()) & LAST_LANE;
        self.word_address.next = self.row_words.q.val()
            + bit_cast::<CFG_ADDRESS_BITS, 16>(self.column.val() >> FC_LANES_LOG2);
        // This cycle's memory access: a direct word request from the pins, else the element
        // request in its `issue` (read) or `write_back` cycle.
        self.access_select.next = self.select.q.val();
        self.access_address.next = self.word_address.val();
        self.access_fc.next = self.select_fc.val();
        if self.direct.val() {
            self.access_select.next = self.pin_select.val();
            self.access_address.next = self.pin_address.val();
            self.access_fc.next = self.pin_fc.val();
        }
        // FC layers 1.. start at their first word in the output weight memory.
        self.access_base.next = self.fc_base[0].val();
        for k in 1..FC_LAYERS {
            if self.access_fc.val().get_bit(k) {
                self.access_base.next = self.fc_base[k].val();
            }
        }
        self.reading.next = self.issue.val() || (self.direct.val() && !self.pin_write.val());
        self.writing.next = self.write_back.val() || (self.direct.val() && self.pin_write.val());
        self.kernel_address.next =
            bit_cast::<KERNEL_ADDR_BITS, CFG_ADDRESS_BITS>(self.access_address.val());
        self.membrane_address.next =
            bit_cast::<MEMBRANE_ADDR_BITS, CFG_ADDRESS_BITS>(self.access_address.val());
        self.fc_address.next =
            bit_cast::<HIDDEN_ADDR_BITS, CFG_ADDRESS_BITS>(self.access_address.val())
                + self.access_base.val();
        self.kernel_read.next = self.reading.val() && (self.access_select.val() == 0);
        self.membrane_read.next = self.issue.val() && (self.select.q.val() == 10);
        self.fc_read.next =
            self.reading.val() && (self.access_fc.val().any() || (self.access_select.val() == 9));
        self.kernel_write.next = self.writing.val() && (self.access_select.val() == 0);
        self.fc_write.next = self.writing.val() && self.access_fc.val().any();
        self.fc_select.next = MEM_SCORES.into();
        if self.access_fc.val().any() {
            self.fc_select.next = MEM_OUTPUT.into();
        }
        if self.access_fc.val().get_bit(0) {
            self.fc_select.next = MEM_HIDDEN.into();
        }
        self.score_lane.next = bit_cast::<LANE_BITS, 8>(self.lane.val());
        self.weight_word.next = self.kernel_rdata.val();
        if self.select_fc.val().any() {
            self.weight_word.next = self.output_rdata.val();
        }
        if self.select_fc.val().get_bit(0) {
            self.weight_word.next = self.hidden_rdata.val();
        }
        // Lane selection by one-hot muxes (no barrel shifter).
        self.lane_onehot.next = self.one_lane.val() << self.lane.val();
        self.weight_lane.next = 0.into();
        self.lane_mask.next = 0.into();
        self.neuron_lane.next = 0.into();
        for l in 0..CONV_LANES {
            if self.lane_onehot.val().get_bit(l) {
                self.weight_lane.next = self
                    .weight_word
                    .val()
                    .get_bits::<KERNEL_BITS>(l * KERNEL_BITS);
                self.lane_mask.next = self.lane_masks[l].val();
                self.neuron_lane.next = self
                    .membrane_rdata
                    .val()
                    .get_bits::<NEURON_BITS>(l * NEURON_BITS);
            }
        }
        self.write_byte.next = bit_cast::<KERNEL_BITS, 16>(self.data.q.val());
        // The write byte in every lane (the lane mask picks one).
        self.write_bytes_at[0].next = 0.into();
        for l in 0..CONV_LANES {
            self.write_bytes_at[l + 1].next = self.write_bytes_at[l].val()
                | (bit_cast::<KERNEL_WORD, KERNEL_BITS>(self.write_byte.val())
                    << self.lane_at[l].val());
        }
        // A one-pass loop: rust_hdl writes an array index as a number, which a loop index is.
        for l in CONV_LANES..(CONV_LANES + 1) {
            self.write_bytes.next = self.write_bytes_at[l].val();
        }
        // The word read, latched in `rdata_q` by `finish`.
        self.merged_word.next = (bit_cast::<KERNEL_WORD, CFG_DATA_BITS>(self.rdata_q.q.val())
            & !self.lane_mask.val())
            | (self.write_bytes.val() & self.lane_mask.val());
        self.wdata.next = self.merged_word.val();
        if self.direct.val() {
            self.wdata.next = bit_cast::<KERNEL_WORD, CFG_DATA_BITS>(self.pin_wdata.val());
        }
        // Sign extensions by replicating the sign bit: weight lane, potential, score.
        self.weight_lane_wide.next = bit_cast::<16, KERNEL_BITS>(self.weight_lane.val());
        if self.weight_lane.val().get_bit(KERNEL_BITS - 1) {
            self.weight_lane_wide.next =
                bit_cast::<16, KERNEL_BITS>(self.weight_lane.val()) | self.weight_fill.val();
        }
        self.potential_wide.next =
            bit_cast::<16, MEMBRANE_BITS>(self.neuron_lane.val().get_bits::<MEMBRANE_BITS>(0));
        if self.neuron_lane.val().get_bit(MEMBRANE_BITS - 1) {
            self.potential_wide.next =
                bit_cast::<16, MEMBRANE_BITS>(self.neuron_lane.val().get_bits::<MEMBRANE_BITS>(0))
                    | self.potential_fill.val();
        }
        self.score_wide.next = bit_cast::<32, ACC_BITS>(self.score.val());
        if self.score.val().get_bit(ACC_BITS - 1) {
            self.score_wide.next =
                bit_cast::<32, ACC_BITS>(self.score.val()) | self.score_fill.val();
        }
        self.busy_bit.next = 0.into();
        if self.busy.val() {
            self.busy_bit.next = 1.into();
        }
        self.register_value.next = 0.into();
        // (rust_hdl cannot put a loop index in a `bit_cast`: the shift is picked first.)
        self.shift_read.next = 0.into();
        for k in 0..HIDDEN_LAYERS {
            if self.column.val() == self.reg_hidden[k].val() {
                self.shift_read.next = self.hidden_shift.q.val().get_bits::<5>(5 * k);
            }
        }
        if self.column.val() < self.reg_output_shift.val() {
            self.register_value.next = bit_cast::<16, 5>(self.shift_read.val());
        }
        if self.column.val() == self.reg_output_shift.val() {
            self.register_value.next = bit_cast::<16, 5>(self.output_shift.q.val());
        }
        if self.column.val() == self.reg_rounding_lo.val() {
            self.register_value.next = self.rounding_state.val().get_bits::<16>(0);
        }
        if self.column.val() == self.reg_rounding_hi.val() {
            self.register_value.next = self.rounding_state.val().get_bits::<16>(16);
        }
        if self.column.val() == self.reg_seed_lo.val() {
            self.register_value.next = self.seed.q.val().get_bits::<16>(0);
        }
        if self.column.val() == self.reg_seed_hi.val() {
            self.register_value.next = self.seed.q.val().get_bits::<16>(16);
        }
        if self.column.val() == self.reg_class.val() {
            self.register_value.next = bit_cast::<16, 8>(self.decision.val());
        }
        if self.column.val() == self.reg_status.val() {
            self.register_value.next = bit_cast::<16, 1>(self.busy_bit.val());
        }
        if self.column.val() == self.reg_ignored.val() {
            self.register_value.next = self.ignored.val();
        }
        if !self.learning.val() && (self.column.val() < self.reg_class.val()) {
            self.register_value.next = 0.into();
        }
        self.element_value.next = 0.into();
        if (self.select.q.val() == 0) || self.select_fc.val().any() {
            self.element_value.next = self.weight_lane_wide.val();
        }
        if self.select.q.val() == 8 {
            self.element_value.next = self.register_value.val();
        }
        if self.select.q.val() == 9 {
            self.element_value.next = self.score_wide.val().get_bits::<16>(0);
            if self.remainder.q.val().get_bit(0) {
                self.element_value.next = self.score_wide.val().get_bits::<16>(16);
            }
        }
        if self.select.q.val() == 10 {
            self.element_value.next = self.potential_wide.val();
            if self.remainder.q.val().get_bit(0) {
                self.element_value.next = bit_cast::<16, COUNT_BITS>(
                    self.neuron_lane.val().get_bits::<COUNT_BITS>(MEMBRANE_BITS),
                );
            }
        }
        // A learning-rate shift written through the port saturates at 16.
        self.shift_value.next = bit_cast::<5, 16>(self.data.q.val());
        if self.data.q.val() > self.max_shift.val() {
            self.shift_value.next = 16.into();
        }
        self.rounding_write.next = false;
        self.rounding_wdata.next = self.rounding_state.val();
        self.divided.next = self.steps.q.val() == 1;
        self.writing_request.next = self.is_write.q.val();
        if self.take.val() {
            self.is_write.d.next = self.pin_write.val();
            self.select.d.next = self.pin_select.val();
            self.word.d.next = self.pin_word.val();
            self.word_valid.d.next = self.word_ok.val();
            self.data.d.next = self.pin_wdata.val().get_bits::<16>(0);
            self.dividend.d.next = self.pin_address.val();
            self.remainder.d.next = 0.into();
            self.row_words.d.next = 0.into();
            self.steps.d.next = self.divide_steps.val();
        }
        if self.divide.val() {
            // Restoring division, one quotient bit per cycle, MSB first; the quotient is
            // accumulated directly as `row · G` (Horner).
            self.dividend.d.next = self.dividend.q.val() << 1;
            self.remainder.d.next = self.trial.val();
            self.row_words.d.next = self.row_words.q.val() << 1;
            if !self.difference.val().get_bit(CFG_ADDRESS_BITS + 1) {
                self.remainder.d.next = bit_cast::<
                    { CFG_ADDRESS_BITS + 1 },
                    { CFG_ADDRESS_BITS + 2 },
                >(self.difference.val());
                self.row_words.d.next = (self.row_words.q.val() << 1) + self.row_groups.val();
            }
            self.steps.d.next = self.steps.q.val() - 1;
        }
        // The registers below the class are the writable ones, all of the learning unit.
        if self.finish.val()
            && self.is_write.q.val()
            && (self.select.q.val() == 8)
            && self.learning.val()
        {
            for k in 0..HIDDEN_LAYERS {
                if self.column.val() == self.reg_hidden[k].val() {
                    self.hidden_shift.d.next = (self.hidden_shift.q.val()
                        & !self.shift_masks[k].val())
                        | (bit_cast::<{ 5 * HIDDEN_LAYERS }, 5>(self.shift_value.val())
                            << self.shift_at[k].val());
                }
            }
            if self.column.val() == self.reg_output_shift.val() {
                self.output_shift.d.next = self.shift_value.val();
            }
            if self.column.val() == self.reg_rounding_lo.val() {
                self.rounding_write.next = true;
                self.rounding_wdata.next = (self.rounding_state.val() & 0xFFFF_0000_u64)
                    | bit_cast::<32, 16>(self.data.q.val());
            }
            if self.column.val() == self.reg_rounding_hi.val() {
                self.rounding_write.next = true;
                self.rounding_wdata.next = (self.rounding_state.val() & 0xFFFF_u64)
                    | (bit_cast::<32, 16>(self.data.q.val()) << 16_u64);
            }
            if self.column.val() == self.reg_seed_lo.val() {
                self.seed.d.next =
                    (self.seed.q.val() & 0xFFFF_0000_u64) | bit_cast::<32, 16>(self.data.q.val());
            }
            if self.column.val() == self.reg_seed_hi.val() {
                self.seed.d.next = (self.seed.q.val() & 0xFFFF_u64)
                    | (bit_cast::<32, 16>(self.data.q.val()) << 16_u64);
            }
        }
        // A weight's word (select 0 or an FC layer's: read in `issue`), written back with its
        // lane replaced in `write_back`; `rvalid` stays low. Other selects read no word: a
        // memory's read data may still be undefined (never read since power-up).
        if self.finish.val()
            && self.is_write.q.val()
            && ((self.select.q.val() == 0) || self.select_fc.val().any())
        {
            self.rdata_q.d.next = bit_cast::<CFG_DATA_BITS, KERNEL_WORD>(self.weight_word.val());
        }
        if self.finish.val() && !self.is_write.q.val() {
            self.rvalid_q.d.next = true;
            self.rdata_q.d.next = bit_cast::<CFG_DATA_BITS, 16>(self.element_value.val());
            if self.word.q.val() {
                self.rdata_q.d.next = 0.into();
                if self.word_valid.q.val() {
                    self.rdata_q.d.next =
                        bit_cast::<CFG_DATA_BITS, KERNEL_WORD>(self.weight_word.val());
                }
            }
        }
        if self.reset.val() {
            self.hidden_shift.d.next = self.reset_hidden_lr_shift.val();
            self.output_shift.d.next = self.reset_output_lr_shift.val();
            self.seed.d.next = self.reset_projection_seed.val();
            self.rvalid_q.d.next = false;
        }
    }
}

// A lane index is below 256 (`lane`, `lane_at` have 8 bits); weights and potentials are read as
// 16-bit elements; a score as two 16-bit halves.
const _: () =
    assert!(CONV_LANES <= 16 && KERNEL_BITS <= 8 && MEMBRANE_BITS <= 16 && ACC_BITS <= 32);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::Bench;

    /// Inputs of one request held in the pin registers.
    fn pins(b: &mut Bench<ConfigPort>, write: bool, word: bool, select: u64, address: u64) {
        b.uut.pin_write.next = write;
        b.uut.pin_word.next = word;
        b.uut.pin_select.next = select.into();
        b.uut.pin_address.next = address.into();
    }

    fn bench(p: &Params) -> Bench<ConfigPort> {
        let mut b = Bench::new(ConfigPort::new(p), |x| &mut x.clock);
        b.uut.reset.next = true;
        b.tick();
        b.uut.reset.next = false;
        b
    }

    /// An element request through the FSM's commands: `take`, the divider until `divided`
    /// (asserted to take `CFG_ADDRESS_BITS` cycles), `issue` (the memory access checked by
    /// `at_issue`), `finish` with `rdata` of the memory set by `before_finish`.
    fn element(
        b: &mut Bench<ConfigPort>,
        write: bool,
        select: u64,
        address: u64,
        data: u64,
        at_issue: impl Fn(&ConfigPort),
        before_finish: impl Fn(&mut ConfigPort),
    ) {
        pins(b, write, false, select, address);
        b.uut.pin_wdata.next = data.into();
        b.uut.take.next = true;
        b.settle();
        assert!(!b.uut.word_request.val());
        assert!(!b.uut.kernel_read.val() && !b.uut.fc_read.val() && !b.uut.fc_write.val());
        b.tick();
        b.uut.take.next = false;
        b.uut.divide.next = true;
        let steps = b.tick_until(100, |x| x.divided.val()) + 1;
        assert_eq!(steps as usize, CFG_ADDRESS_BITS);
        b.tick();
        b.uut.divide.next = false;
        b.uut.issue.next = true;
        b.settle();
        at_issue(&b.uut);
        b.tick();
        b.uut.issue.next = false;
        b.uut.finish.next = true;
        before_finish(&mut b.uut);
        b.settle();
    }

    /// Word requests: a valid write drives the memory's write port from the pins in the `take`
    /// cycle (whole word); a valid read issues the read then and returns the word after
    /// `finish`; a word request to select 8 or past the last word accesses nothing and reads
    /// 0. Element requests: the divider's word address and lane (`9·13 + 1`, lane 2 for FC
    /// layer 0 weight `9·100 + 10`), the read lane sign-extended into bits 15..0, the
    /// write-back word (in `write_back`, from the word latched by `finish`) with only that
    /// lane replaced, a register write saturating at 16.
    #[test]
    fn word_and_element_requests_drive_the_memory_ports_exactly() {
        let config = golden::config::Config::default();
        let p = Params::new(&config).unwrap();
        assert_eq!(
            (p.hidden, p.hidden_groups, p.hidden_weight_words()),
            (100, 13, 13_312)
        );
        assert_eq!((p.kernel_words, p.output_weight_words()), (98, 200));
        let mut b = bench(&p);
        // Word write, FC layer 0 word 13,311 (the last).
        pins(&mut b, true, true, 1, 13_311);
        b.uut.pin_wdata.next = 0x0123_4567_89AB_CDEF_u64.into();
        b.uut.take.next = true;
        b.settle();
        let u = &b.uut;
        assert!(u.word_request.val() && u.fc_write.val() && !u.fc_read.val());
        assert!(!u.kernel_write.val() && !u.kernel_read.val());
        assert_eq!(u.fc_select.val(), Bits::<2>::from(MEM_HIDDEN));
        assert_eq!(u.fc_address.val().index(), 13_311);
        assert_eq!(
            u.wdata.val(),
            Bits::<CFG_DATA_BITS>::from(0x0123_4567_89AB_CDEF_u64)
        );
        // Past the last word, and selects without words: nothing written.
        for (select, address) in [(1, 13_312), (0, p.kernel_words as u64), (2, 200), (8, 0)] {
            pins(&mut b, true, true, select, address);
            b.settle();
            let u = &b.uut;
            assert!(u.word_request.val(), "select {select}");
            assert!(
                !u.fc_write.val() && !u.kernel_write.val(),
                "select {select}"
            );
            assert!(!u.rounding_write.val(), "select {select}");
        }
        // Word read, output weights word 199: issued in the take cycle, latched after finish.
        pins(&mut b, false, true, 2, 199);
        b.settle();
        assert!(b.uut.fc_read.val() && !b.uut.fc_write.val());
        assert_eq!(b.uut.fc_select.val(), Bits::<2>::from(MEM_OUTPUT));
        assert_eq!(b.uut.fc_address.val().index(), 199);
        b.tick();
        b.uut.take.next = false;
        b.uut.finish.next = true;
        b.uut.output_rdata.next = 0x8000_0000_0000_00FF_u64.into();
        b.tick();
        b.uut.finish.next = false;
        assert!(b.uut.rvalid.val());
        assert_eq!(
            b.uut.rdata.val(),
            Bits::<64>::from(0x8000_0000_0000_00FF_u64)
        );
        b.tick();
        assert!(!b.uut.rvalid.val());
        // Word read of kernel word 98 (one past the last): 0, with the same timing.
        pins(&mut b, false, true, 0, 98);
        b.uut.take.next = true;
        b.settle();
        assert!(!b.uut.kernel_read.val() && !b.uut.fc_read.val());
        b.tick();
        b.uut.take.next = false;
        b.uut.finish.next = true;
        b.uut.kernel_rdata.next = 0x1111_u64.into();
        b.tick();
        b.uut.finish.next = false;
        assert!(b.uut.rvalid.val());
        assert_eq!(b.uut.rdata.val(), Bits::<64>::from(0));
        // Element read of FC layer 0 weight 910 = input 9, neuron 10: word 9·13 + 1, lane 2.
        let word = 0x0102_0304_0580_0708_u64;
        element(
            &mut b,
            false,
            1,
            910,
            0,
            |u| {
                assert!(u.fc_read.val() && !u.fc_write.val());
                assert_eq!(u.fc_address.val().index(), 9 * 13 + 1);
            },
            |u| u.hidden_rdata.next = word.into(),
        );
        b.tick();
        b.uut.finish.next = false;
        assert!(b.uut.rvalid.val());
        assert_eq!(b.uut.rdata.val(), Bits::<64>::from(0xFF80_u64), "-128");
        // Element write of the same weight: lane 2 replaced by the low byte of the data.
        element(
            &mut b,
            true,
            1,
            910,
            0xFF_FFFF_FF5A,
            |u| assert!(u.fc_read.val()),
            |u| u.hidden_rdata.next = word.into(),
        );
        assert!(b.uut.writing_request.val());
        assert!(!b.uut.fc_write.val() && !b.uut.fc_read.val());
        b.tick();
        b.uut.finish.next = false;
        b.uut.write_back.next = true;
        // The memory's output has moved on: the word written back is the one latched.
        b.uut.hidden_rdata.next = 0xFFFF_FFFF_FFFF_FFFF_u64.into();
        b.settle();
        assert!(!b.uut.rvalid.val());
        assert!(b.uut.fc_write.val() && !b.uut.fc_read.val());
        assert_eq!(b.uut.fc_select.val(), Bits::<2>::from(MEM_HIDDEN));
        assert_eq!(b.uut.fc_address.val().index(), 9 * 13 + 1);
        assert_eq!(
            b.uut.wdata.val(),
            Bits::<64>::from(0x0102_0304_055A_0708_u64)
        );
        b.tick();
        b.uut.write_back.next = false;
        b.settle();
        assert!(!b.uut.fc_write.val() && !b.uut.rvalid.val());
        // Register 0 (hidden learning-rate shift): 20 stores 16.
        element(&mut b, true, 8, 0, 20, |_| {}, |_| {});
        b.tick();
        b.uut.finish.next = false;
        b.settle();
        assert_eq!(b.uut.hidden_lr_shifts.val().index(), 16);
        assert_eq!(b.uut.output_lr_shift.val().index(), p.output_lr_shift);
    }
}
