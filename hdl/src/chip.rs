//! The processor top, `spoon` (golden `chip.rs`): AER FIFO, control FSM, convolution engine,
//! configuration port.
//!
//! Status of this block (see `docs/RTL.md`): the sample flow runs idle → clear → events →
//! done, with `out_valid` at the end of every sample; the FC engine, the learning unit and
//! their memories are not yet wired in (their lanes are built and tested: `activation`,
//! `output_layer`, `lfsr`), so `out_class` is 0. The configuration port serves the kernel
//! memory (select 0), the registers (8) and the membrane map (10) with the element addresses
//! of `docs/ARCHITECTURE.md`.
//!
//! Configuration port: a request is taken when `cfg_valid && cfg_ready` (`cfg_ready` is high
//! only in the idle state). The element address is divided by the select's row length (`K`
//! kernels; `2K` for the membrane map) by a restoring divider, one bit per cycle
//! (`CFG_ADDRESS_BITS` cycles), which also forms `row · G` by Horner's rule; then the word is
//! read, and a read returns its lane on `cfg_rdata` with `cfg_rvalid` high for one cycle, a
//! write replaces the lane and writes the word back. Fixed read latency: `CFG_READ_LATENCY`.

use crate::conv::ConvEngine;
use crate::event::{EventFifo, AER_BITS};
use crate::params::*;
use rust_hdl::prelude::*;

/// Cycles from the edge that takes a read request to the edge after which `cfg_rdata` is
/// valid (`cfg_rvalid` high).
pub const CFG_READ_LATENCY: usize = CFG_ADDRESS_BITS + 3;

#[derive(Copy, Clone, Debug, PartialEq, LogicState)]
pub enum Phase {
    Idle,
    Clear,
    ClearWait,
    Fetch,
    Decode,
    Integrate,
    IntegrateWait,
    Finish,
    CfgDivide,
    CfgIssue,
    CfgData,
}

#[derive(LogicBlock)]
pub struct Spoon {
    pub clock: Signal<In, Clock>,
    /// Synchronous reset: idle, FIFO empty, registers at their config values.
    pub reset: Signal<In, Bit>,
    /// AER input stream: 18-bit words (ARCHITECTURE § "AER input and FIFO").
    pub in_valid: Signal<In, Bit>,
    pub in_data: Signal<In, Bits<AER_BITS>>,
    /// Low exactly when the FIFO is full.
    pub in_ready: Signal<Out, Bit>,
    /// Configuration request: valid, write (else read), select, element address, write data.
    pub cfg_valid: Signal<In, Bit>,
    pub cfg_write: Signal<In, Bit>,
    pub cfg_select: Signal<In, Bits<4>>,
    pub cfg_address: Signal<In, Bits<CFG_ADDRESS_BITS>>,
    pub cfg_wdata: Signal<In, Bits<16>>,
    /// A request is taken at this edge if `cfg_valid` (idle only).
    pub cfg_ready: Signal<Out, Bit>,
    /// Read data (weights sign-extended to 16 bits), valid while `cfg_rvalid`.
    pub cfg_rdata: Signal<Out, Bits<16>>,
    pub cfg_rvalid: Signal<Out, Bit>,
    /// One cycle at the end of every sample, with its class.
    pub out_valid: Signal<Out, Bit>,
    pub out_class: Signal<Out, Bits<8>>,
    /// A sample is under way.
    pub busy: Signal<Out, Bit>,
    fifo: EventFifo,
    conv: ConvEngine,
    phase: DFF<Phase>,
    /// Events consumed and ignored (outside the field), saturating.
    ignored: DFF<Bits<16>>,
    /// Last end-of-sample word: learn flag and label.
    learn: DFF<Bit>,
    label: DFF<Bits<8>>,
    decided_class: DFF<Bits<8>>,
    /// Learning-rate shift registers, rounding LFSR state, target-projection base seed.
    hidden_lr_shift: DFF<Bits<5>>,
    output_lr_shift: DFF<Bits<5>>,
    rounding_state: DFF<Bits<32>>,
    projection_seed: DFF<Bits<32>>,
    /// Configuration request in progress.
    cfg_is_write: DFF<Bit>,
    cfg_sel: DFF<Bits<4>>,
    cfg_data: DFF<Bits<16>>,
    /// Divider: address bits still to shift in (MSB first), remainder, `row · G`, steps left.
    cfg_dividend: DFF<Bits<CFG_ADDRESS_BITS>>,
    cfg_remainder: DFF<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    cfg_row_words: DFF<Bits<CFG_ADDRESS_BITS>>,
    cfg_steps: DFF<Bits<5>>,
    cfg_rvalid_q: DFF<Bit>,
    cfg_rdata_q: DFF<Bits<16>>,
    divisor: Signal<Local, Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    trial: Signal<Local, Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    /// Column within the row (kernel or `2·kernel + field`), lane, word address.
    column: Signal<Local, Bits<16>>,
    lane: Signal<Local, Bits<8>>,
    word_address: Signal<Local, Bits<CFG_ADDRESS_BITS>>,
    kernel_lane: Signal<Local, Bits<8>>,
    neuron_lane: Signal<Local, Bits<NEURON_BITS>>,
    register_value: Signal<Local, Bits<16>>,
    busy_bit: Signal<Local, Bits<1>>,
    kernels: Constant<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    past_addresses: Constant<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    membrane_row: Constant<Bits<{ CFG_ADDRESS_BITS + 1 }>>,
    conv_groups: Constant<Bits<CFG_ADDRESS_BITS>>,
    divide_steps: Constant<Bits<5>>,
    reset_hidden_lr_shift: Constant<Bits<5>>,
    reset_output_lr_shift: Constant<Bits<5>>,
    reset_rounding_state: Constant<Bits<32>>,
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
            cfg_ready: Default::default(),
            cfg_rdata: Default::default(),
            cfg_rvalid: Default::default(),
            out_valid: Default::default(),
            out_class: Default::default(),
            busy: Default::default(),
            fifo: EventFifo::new(p),
            conv: ConvEngine::new(p),
            phase: Default::default(),
            ignored: Default::default(),
            learn: Default::default(),
            label: Default::default(),
            decided_class: Default::default(),
            hidden_lr_shift: Default::default(),
            output_lr_shift: Default::default(),
            rounding_state: Default::default(),
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
            trial: Default::default(),
            column: Default::default(),
            lane: Default::default(),
            word_address: Default::default(),
            kernel_lane: Default::default(),
            neuron_lane: Default::default(),
            register_value: Default::default(),
            busy_bit: Default::default(),
            kernels: c(p.kernels),
            past_addresses: c(1 << CFG_ADDRESS_BITS),
            membrane_row: c(2 * p.kernels),
            conv_groups: c(p.conv_groups),
            divide_steps: c(CFG_ADDRESS_BITS),
            reset_hidden_lr_shift: c(p.hidden_lr_shift),
            reset_output_lr_shift: c(p.output_lr_shift),
            reset_rounding_state: Constant::new(u64::from(p.rounding_seed).into()),
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
            decided_class,
            hidden_lr_shift,
            output_lr_shift,
            rounding_state,
            projection_seed,
            cfg_is_write,
            cfg_sel,
            cfg_data,
            cfg_dividend,
            cfg_remainder,
            cfg_row_words,
            cfg_steps,
            cfg_rvalid_q,
            cfg_rdata_q
        );
        clock!(self, clock, fifo, conv);
        // AER input.
        self.fifo.reset.next = self.reset.val();
        self.fifo.in_valid.next = self.in_valid.val();
        self.fifo.in_data.next = self.in_data.val();
        self.in_ready.next = self.fifo.in_ready.val();
        self.fifo.pop.next = false;
        // Convolution engine: commands from the FSM below.
        self.conv.reset.next = self.reset.val();
        self.conv.start_event.next = false;
        self.conv.start_clear.next = false;
        self.conv.x.next = self.fifo.out_data.val().get_bits::<8>(0);
        self.conv.y.next = self.fifo.out_data.val().get_bits::<8>(8);
        self.conv.channel.next = self.fifo.out_data.val().get_bit(16);
        self.conv.kernel_read.next = false;
        self.conv.kernel_write.next = false;
        self.conv.membrane_read.next = false;
        // Configuration port: decode of the divider's result.
        // Registers (and unmapped selects): a divisor above every address leaves the address as
        // the remainder, i.e. the register index.
        self.divisor.next = self.past_addresses.val();
        if self.cfg_sel.q.val() == 0 {
            self.divisor.next = self.kernels.val();
        }
        if self.cfg_sel.q.val() == 10 {
            self.divisor.next = self.membrane_row.val();
        }
        self.trial.next = (self.cfg_remainder.q.val() << 1)
            | bit_cast::<{ CFG_ADDRESS_BITS + 1 }, 1>(
                self.cfg_dividend
                    .q
                    .val()
                    .get_bits::<1>(CFG_ADDRESS_BITS - 1),
            );
        self.column.next = bit_cast::<16, { CFG_ADDRESS_BITS + 1 }>(self.cfg_remainder.q.val());
        if self.cfg_sel.q.val() == 10 {
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
        self.kernel_lane.next =
            bit_cast::<8, KERNEL_WORD>(self.conv.kernel_rdata.val() >> (self.lane.val() << 3));
        self.neuron_lane.next = bit_cast::<NEURON_BITS, MEMBRANE_WORD>(
            self.conv.membrane_rdata.val() >> ((self.lane.val() << 4) - (self.lane.val() << 1)),
        );
        self.conv.kernel_wdata.next = (self.conv.kernel_rdata.val()
            & !(bit_cast::<KERNEL_WORD, 8>(255.into()) << (self.lane.val() << 3)))
            | (bit_cast::<KERNEL_WORD, 8>(bit_cast::<8, 16>(self.cfg_data.q.val()))
                << (self.lane.val() << 3));
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
            self.register_value.next = self.rounding_state.q.val().get_bits::<16>(0);
        }
        if self.column.val() == 3 {
            self.register_value.next = self.rounding_state.q.val().get_bits::<16>(16);
        }
        if self.column.val() == 4 {
            self.register_value.next = self.projection_seed.q.val().get_bits::<16>(0);
        }
        if self.column.val() == 5 {
            self.register_value.next = self.projection_seed.q.val().get_bits::<16>(16);
        }
        if self.column.val() == 6 {
            self.register_value.next = bit_cast::<16, 8>(self.decided_class.q.val());
        }
        if self.column.val() == 7 {
            self.register_value.next = bit_cast::<16, 1>(self.busy_bit.val());
        }
        if self.column.val() == 8 {
            self.register_value.next = self.ignored.q.val();
        }
        self.cfg_ready.next = self.phase.q.val() == Phase::Idle;
        self.cfg_rvalid.next = self.cfg_rvalid_q.q.val();
        self.cfg_rdata.next = self.cfg_rdata_q.q.val();
        self.cfg_rvalid_q.d.next = false;
        self.out_valid.next = false;
        self.out_class.next = self.decided_class.q.val();
        if self.conv.ignored.val() && (self.ignored.q.val() != 0xFFFF) {
            self.ignored.d.next = self.ignored.q.val() + 1;
        }
        match self.phase.q.val() {
            Phase::Idle => {
                if self.cfg_valid.val() {
                    self.phase.d.next = Phase::CfgDivide;
                    self.cfg_is_write.d.next = self.cfg_write.val();
                    self.cfg_sel.d.next = self.cfg_select.val();
                    self.cfg_data.d.next = self.cfg_wdata.val();
                    self.cfg_dividend.d.next = self.cfg_address.val();
                    self.cfg_remainder.d.next = 0.into();
                    self.cfg_row_words.d.next = 0.into();
                    self.cfg_steps.d.next = self.divide_steps.val();
                } else if !self.fifo.empty.val() {
                    self.phase.d.next = Phase::Clear;
                }
            }
            Phase::Clear => {
                self.conv.start_clear.next = true;
                self.phase.d.next = Phase::ClearWait;
            }
            Phase::ClearWait => {
                if !self.conv.busy.val() {
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
                    self.learn.d.next = self.fifo.out_data.val().get_bit(16);
                    self.label.d.next = self.fifo.out_data.val().get_bits::<8>(0);
                    self.decided_class.d.next = 0.into();
                    self.phase.d.next = Phase::Finish;
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
                        (self.cfg_row_words.q.val() << 1) + self.conv_groups.val();
                }
                self.cfg_steps.d.next = self.cfg_steps.q.val() - 1;
                if self.cfg_steps.q.val() == 1 {
                    self.phase.d.next = Phase::CfgIssue;
                }
            }
            Phase::CfgIssue => {
                self.conv.kernel_read.next = self.cfg_sel.q.val() == 0;
                self.conv.membrane_read.next = self.cfg_sel.q.val() == 10;
                self.phase.d.next = Phase::CfgData;
            }
            Phase::CfgData => {
                self.phase.d.next = Phase::Idle;
                if self.cfg_is_write.q.val() {
                    if self.cfg_sel.q.val() == 0 {
                        self.conv.kernel_write.next = true;
                    }
                    if self.cfg_sel.q.val() == 8 {
                        if self.column.val() == 0 {
                            self.hidden_lr_shift.d.next = bit_cast::<5, 16>(self.cfg_data.q.val());
                        }
                        if self.column.val() == 1 {
                            self.output_lr_shift.d.next = bit_cast::<5, 16>(self.cfg_data.q.val());
                        }
                        if self.column.val() == 2 {
                            self.rounding_state.d.next = (self.rounding_state.q.val()
                                & 0xFFFF_0000_u64)
                                | bit_cast::<32, 16>(self.cfg_data.q.val());
                        }
                        if self.column.val() == 3 {
                            self.rounding_state.d.next = (self.rounding_state.q.val() & 0xFFFF_u64)
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
                    if self.cfg_sel.q.val() == 0 {
                        // Sign extension of the 8-bit lane.
                        self.cfg_rdata_q.d.next =
                            (bit_cast::<16, 8>(self.kernel_lane.val()) ^ 0x80) - 0x80;
                    }
                    if self.cfg_sel.q.val() == 8 {
                        self.cfg_rdata_q.d.next = self.register_value.val();
                    }
                    if self.cfg_sel.q.val() == 10 {
                        self.cfg_rdata_q.d.next = (bit_cast::<16, MEMBRANE_BITS>(
                            self.neuron_lane.val().get_bits::<MEMBRANE_BITS>(0),
                        ) ^ 0x800)
                            - 0x800;
                        if self.cfg_remainder.q.val().get_bit(0) {
                            self.cfg_rdata_q.d.next = bit_cast::<16, COUNT_BITS>(
                                self.neuron_lane.val().get_bits::<COUNT_BITS>(MEMBRANE_BITS),
                            );
                        }
                    }
                }
            }
        }
        if self.reset.val() {
            self.phase.d.next = Phase::Idle;
            self.ignored.d.next = 0.into();
            self.decided_class.d.next = 0.into();
            self.hidden_lr_shift.d.next = self.reset_hidden_lr_shift.val();
            self.output_lr_shift.d.next = self.reset_output_lr_shift.val();
            self.rounding_state.d.next = self.reset_rounding_state.val();
            self.projection_seed.d.next = self.reset_projection_seed.val();
            self.cfg_rvalid_q.d.next = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::{sext, Bench};
    use golden::conv::integrate_event;
    use golden::event::Event;
    use golden::kernel::KernelMemory;
    use golden::membrane::MembraneMap;

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

    /// Kernels written element by element through the configuration port read back exactly;
    /// registers hold their reset values and take writes; a sample's events give the golden
    /// membrane map, read back through select 10; `out_valid` ends the sample.
    #[test]
    fn configuration_port_and_one_sample_match_golden() {
        let mut config = crate::tiny_config();
        config.conv.init_range = 20;
        let p = Params::new(&config).unwrap();
        let kernels = KernelMemory::random(&config);
        let mut b = Bench::new(Spoon::new(&p), |x| &mut x.clock);
        b.uut.reset.next = true;
        b.tick();
        b.uut.reset.next = false;
        for (a, &w) in kernels.weights().iter().enumerate() {
            request(&mut b, true, 0, a as u64, w.into());
        }
        for (a, &w) in kernels.weights().iter().enumerate().step_by(7) {
            assert_eq!(
                request(&mut b, false, 0, a as u64, 0),
                i64::from(w),
                "kernel {a}"
            );
        }
        let seed = config.learning.rounding_seed;
        assert_eq!(request(&mut b, false, 8, 2, 0), i64::from(seed as i16));
        assert_eq!(request(&mut b, false, 8, 1, 0), 4);
        request(&mut b, true, 8, 1, 9);
        assert_eq!(request(&mut b, false, 8, 1, 0), 9);

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
        let words: Vec<u64> = events
            .iter()
            .map(|&(x, y)| u64::from(x) | u64::from(y) << 8)
            .chain([1 << 17 | 1 << 16 | 2])
            .collect();
        let mut sent = 0;
        let mut done = false;
        for _ in 0..2000 {
            b.uut.in_valid.next = sent < words.len();
            b.uut.in_data.next = words[sent.min(words.len() - 1)].into();
            b.settle();
            let taken = b.uut.in_valid.val() && b.uut.in_ready.val();
            b.tick();
            sent += usize::from(taken);
            if b.uut.out_valid.val() {
                done = true;
                break;
            }
        }
        b.uut.in_valid.next = false;
        assert!(done && sent == words.len());
        assert_eq!(
            request(&mut b, false, 8, 8, 0),
            1,
            "one event was outside the field"
        );
        for n in 0..p.conv_neurons {
            let v = request(&mut b, false, 10, 2 * n as u64, 0);
            let c = request(&mut b, false, 10, 2 * n as u64 + 1, 0);
            assert_eq!(
                (v, c),
                (golden.potentials()[n].into(), golden.counts()[n].into()),
                "neuron {n}"
            );
        }
    }
}
