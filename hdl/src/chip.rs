//! The processor top, `spoon` (golden `chip.rs`): AER FIFO, control FSM, convolution engine,
//! FC engine with the learning unit, configuration port.
//!
//! A sample: idle → clear (membrane map and accumulators) → events, one at a time through the
//! convolution engine → on the end-of-sample word, the FC engine (forward pass, class decision,
//! learning if the word says so) → `out_valid` for one cycle with `out_class` → idle.
//!
//! Configuration port: a request is taken when `cfg_valid && cfg_ready` (`cfg_ready` is high
//! only in the idle state, every other cycle); the block `config_port.rs` serves it, sequenced
//! by this FSM (`CfgDivide`, `CfgIssue`, `CfgData`, and `CfgWrite` for an element write; a
//! word request skips the divider).

use crate::config_port::ConfigPort;
pub use crate::config_port::{CFG_READ_LATENCY, CFG_WORD_READ_LATENCY, CFG_WORD_WRITE_CYCLES};
use crate::conv::ConvEngine;
use crate::event::{EventFifo, AER_BITS};
use crate::fc::FcEngine;
use crate::params::*;
use rust_hdl::prelude::*;

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
    CfgWrite,
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
    /// Configuration request: valid, write (else read), word request (whole memory word,
    /// selects 0, 1, 2), select, element or word address, write data (element: bits 15..0).
    pub cfg_valid: Signal<In, Bit>,
    pub cfg_write: Signal<In, Bit>,
    pub cfg_word: Signal<In, Bit>,
    pub cfg_select: Signal<In, Bits<4>>,
    pub cfg_address: Signal<In, Bits<CFG_ADDRESS_BITS>>,
    pub cfg_wdata: Signal<In, Bits<CFG_DATA_BITS>>,
    /// A request is taken at this edge if `cfg_valid` (registered; idle only, and every other
    /// cycle: the cycle after a chance to take one, the core learns whether it was taken).
    pub cfg_ready: Signal<Out, Bit>,
    /// Read data, valid while `cfg_rvalid`: an element in bits 15..0 (weights sign-extended to
    /// 16 bits), zeros above; a word request's whole word.
    pub cfg_rdata: Signal<Out, Bits<CFG_DATA_BITS>>,
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
    pub(crate) pin_cfg_word: DFF<Bit>,
    pub(crate) pin_cfg_select: DFF<Bits<4>>,
    pub(crate) pin_cfg_address: DFF<Bits<CFG_ADDRESS_BITS>>,
    pub(crate) pin_cfg_wdata: DFF<Bits<CFG_DATA_BITS>>,
    /// `in_ready` and `cfg_ready` of the previous cycle: whether the pin registers hold a word
    /// or a request that was taken.
    pub(crate) in_shown: DFF<Bit>,
    pub(crate) cfg_shown: DFF<Bit>,
    pub(crate) cfg_ready_q: DFF<Bit>,
    pub(crate) fifo: EventFifo,
    pub(crate) conv: ConvEngine,
    pub(crate) fc: FcEngine,
    pub(crate) cfg_port: ConfigPort,
    pub(crate) phase: DFF<Phase>,
    /// Events consumed and ignored (outside the field), saturating.
    pub(crate) ignored: DFF<Bits<16>>,
    /// Last end-of-sample word: learn flag and label.
    pub(crate) learn: DFF<Bit>,
    pub(crate) label: DFF<Bits<8>>,
    /// `classes`: an end-of-sample word with a label at or above it is not learned.
    label_limit: Constant<Bits<8>>,
    /// The learning unit is generated (`Params::learning`): else every sample is an inference.
    learning: Constant<Bit>,
    /// Built with [`Spoon::behind_holding_link`]: the FIFO and the configuration port read
    /// `in_data`, `cfg_write`, `cfg_word`, `cfg_select` and `cfg_wdata` themselves instead of
    /// their pin registers (which Yosys then removes).
    link_holds: Constant<Bit>,
    /// `cfg_write` of the request taken in the previous cycle (see `link_holds`).
    cfg_write_taken: Signal<Local, Bit>,
}

impl Spoon {
    pub fn new(p: &Params) -> Self {
        Self {
            clock: Default::default(),
            reset: Default::default(),
            in_valid: Default::default(),
            in_data: Default::default(),
            in_ready: Default::default(),
            cfg_valid: Default::default(),
            cfg_write: Default::default(),
            cfg_word: Default::default(),
            cfg_select: Default::default(),
            cfg_address: Default::default(),
            cfg_wdata: Default::default(),
            pin_reset: Default::default(),
            pin_in_valid: Default::default(),
            pin_in_data: Default::default(),
            pin_cfg_valid: Default::default(),
            pin_cfg_write: Default::default(),
            pin_cfg_word: Default::default(),
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
            cfg_port: ConfigPort::new(p),
            phase: Default::default(),
            ignored: Default::default(),
            learn: Default::default(),
            label: Default::default(),
            label_limit: Constant::new((p.classes as u64).into()),
            learning: Constant::new(p.learning),
            link_holds: Constant::new(false),
            cfg_write_taken: Default::default(),
        }
    }

    /// The core for a driver that holds `in_data`, `cfg_write`, `cfg_word`, `cfg_select` and
    /// `cfg_wdata` unchanged in the cycle after the edge that takes a word or a request (the
    /// host link: `shift`, `opcode` and `select` only change on a received byte or in
    /// `Execute`, and the link drops bytes while it offers). The core reads them only in that
    /// cycle (the FIFO's write, `take`), so there they equal what the pin registers would
    /// hold, and those 88 flip-flops (fed by flip-flops: an LC each) go. With any other
    /// driver the pins behave as those of [`Spoon::new`] only if the driver holds them so;
    /// `cfg_address` keeps its register (the link counts it on at the taking edge).
    pub fn behind_holding_link(p: &Params) -> Self {
        Self {
            link_holds: Constant::new(true),
            ..Self::new(p)
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
            cfg_port,
            pin_reset,
            pin_in_valid,
            pin_in_data,
            pin_cfg_valid,
            pin_cfg_write,
            pin_cfg_word,
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
        self.pin_cfg_word.d.next = self.cfg_word.val();
        self.pin_cfg_select.d.next = self.cfg_select.val();
        self.pin_cfg_address.d.next = self.cfg_address.val();
        self.pin_cfg_wdata.d.next = self.cfg_wdata.val();
        // AER input: the word taken at the pins in the previous cycle goes into the FIFO.
        self.fifo.reset.next = self.pin_reset.q.val();
        self.fifo.in_valid.next = self.pin_in_valid.q.val() && self.in_shown.q.val();
        self.fifo.in_data.next = self.pin_in_data.q.val();
        if self.link_holds.val() {
            self.fifo.in_data.next = self.in_data.val();
        }
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
        // The configuration port drives the memory ports; its enables are low outside the
        // `Idle` cycle taking a request and the `Cfg…` phases.
        self.conv.kernel_address.next = self.cfg_port.kernel_address.val();
        self.conv.kernel_read.next = self.cfg_port.kernel_read.val();
        self.conv.kernel_write.next = self.cfg_port.kernel_write.val();
        self.conv.kernel_wdata.next = self.cfg_port.wdata.val();
        self.conv.membrane_address.next = self.cfg_port.membrane_address.val();
        self.conv.membrane_read.next = self.cfg_port.membrane_read.val();
        // FC engine: commands from the FSM; its layer 0 inputs are the membrane map's spike
        // counters (`conv.spike_counts`).
        self.fc.reset.next = self.pin_reset.q.val();
        self.fc.start_clear.next = false;
        self.fc.start.next = false;
        self.fc.learn.next = self.learn.q.val();
        self.fc.label.next = self.label.q.val();
        self.fc.hidden_lr_shifts.next = self.cfg_port.hidden_lr_shifts.val();
        self.fc.output_lr_shift.next = self.cfg_port.output_lr_shift.val();
        self.fc.projection_seed.next = self.cfg_port.projection_seed.val();
        self.fc.input_word.next = self.conv.spike_counts.val();
        self.fc.mem_select.next = self.cfg_port.fc_select.val();
        self.fc.mem_address.next = self.cfg_port.fc_address.val();
        self.fc.mem_read.next = self.cfg_port.fc_read.val();
        self.fc.mem_write.next = self.cfg_port.fc_write.val();
        self.fc.mem_wdata.next = self.cfg_port.wdata.val();
        self.fc.score_lane.next = self.cfg_port.score_lane.val();
        self.fc.rounding_write.next = self.cfg_port.rounding_write.val();
        self.fc.rounding_wdata.next = self.cfg_port.rounding_wdata.val();
        // Configuration port: the request in the pin registers, its read sources, the FSM's
        // commands (below).
        self.cfg_port.reset.next = self.pin_reset.q.val();
        self.cfg_port.pin_write.next = self.pin_cfg_write.q.val();
        self.cfg_port.pin_word.next = self.pin_cfg_word.q.val();
        self.cfg_port.pin_select.next = self.pin_cfg_select.q.val();
        self.cfg_port.pin_address.next = self.pin_cfg_address.q.val();
        self.cfg_port.pin_wdata.next = self.pin_cfg_wdata.q.val();
        self.cfg_write_taken.next = self.pin_cfg_write.q.val();
        if self.link_holds.val() {
            self.cfg_write_taken.next = self.cfg_write.val();
            self.cfg_port.pin_write.next = self.cfg_write.val();
            self.cfg_port.pin_word.next = self.cfg_word.val();
            self.cfg_port.pin_select.next = self.cfg_select.val();
            self.cfg_port.pin_wdata.next = self.cfg_wdata.val();
        }
        self.cfg_port.kernel_rdata.next = self.conv.kernel_rdata.val();
        self.cfg_port.membrane_rdata.next = self.conv.membrane_rdata.val();
        self.cfg_port.hidden_rdata.next = self.fc.hidden_rdata.val();
        self.cfg_port.output_rdata.next = self.fc.output_rdata.val();
        self.cfg_port.score.next = self.fc.score.val();
        self.cfg_port.rounding_state.next = self.fc.rounding_state.val();
        self.cfg_port.decision.next = self.fc.decision.val();
        self.cfg_port.ignored.next = self.ignored.q.val();
        self.cfg_port.take.next = false;
        self.cfg_port.divide.next = false;
        self.cfg_port.issue.next = false;
        self.cfg_port.finish.next = false;
        self.cfg_port.write_back.next = false;
        self.busy.next = (self.phase.q.val() != Phase::Idle)
            && (self.phase.q.val() != Phase::CfgDivide)
            && (self.phase.q.val() != Phase::CfgIssue)
            && (self.phase.q.val() != Phase::CfgData)
            && (self.phase.q.val() != Phase::CfgWrite);
        self.cfg_port.busy.next = self.busy.val();
        self.cfg_ready.next = self.cfg_ready_q.q.val();
        self.cfg_shown.d.next = self.cfg_ready_q.q.val();
        self.cfg_rvalid.next = self.cfg_port.rvalid.val();
        self.cfg_rdata.next = self.cfg_port.rdata.val();
        self.out_valid.next = false;
        self.out_class.next = self.fc.decision.val();
        if self.conv.ignored.val() && (self.ignored.q.val() != 0xFFFF) {
            self.ignored.d.next = self.ignored.q.val() + 1;
        }
        match self.phase.q.val() {
            Phase::Idle => {
                // A request taken at the pins in the previous cycle; else a sample starts, but
                // only in a cycle where no request can be taken (`cfg_ready` low). A word write
                // is done in this cycle (the port stays idle), a word read is issued in it.
                if self.pin_cfg_valid.q.val() && self.cfg_shown.q.val() {
                    self.cfg_port.take.next = true;
                    self.phase.d.next = Phase::CfgDivide;
                    if self.cfg_port.word_request.val() {
                        self.phase.d.next = Phase::CfgData;
                        if self.cfg_write_taken.val() {
                            self.phase.d.next = Phase::Idle;
                        }
                    }
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
                    // A label outside the classes has no target, and a chip without its learning
                    // unit cannot learn: the sample is an inference.
                    self.learn.d.next = self.fifo.out_data.val().get_bit(16)
                        && (self.fifo.out_data.val().get_bits::<8>(0) < self.label_limit.val())
                        && self.learning.val();
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
                self.cfg_port.divide.next = true;
                if self.cfg_port.divided.val() {
                    self.phase.d.next = Phase::CfgIssue;
                }
            }
            Phase::CfgIssue => {
                self.cfg_port.issue.next = true;
                self.phase.d.next = Phase::CfgData;
            }
            Phase::CfgData => {
                self.cfg_port.finish.next = true;
                self.phase.d.next = Phase::Idle;
                if self.cfg_port.writing_request.val() {
                    self.phase.d.next = Phase::CfgWrite;
                }
            }
            Phase::CfgWrite => {
                self.cfg_port.write_back.next = true;
                self.phase.d.next = Phase::Idle;
            }
        }
        // While idle, `cfg_ready` is high every other cycle.
        self.cfg_ready_q.d.next = (self.phase.d.val() == Phase::Idle) && !self.cfg_ready_q.q.val();
        if self.pin_reset.q.val() {
            self.cfg_ready_q.d.next = false;
            self.phase.d.next = Phase::Idle;
            self.ignored.d.next = 0.into();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::{bits_of, sext, Bench};
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
        sext(b.uut.cfg_rdata.val().get_bits::<16>(0).index() as u64, 16)
    }

    /// One word request; returns the read word (reads) after checking the latency.
    fn word_request(
        b: &mut Bench<Spoon>,
        write: bool,
        select: u64,
        address: usize,
        data: u128,
    ) -> u128 {
        b.tick_until(100, |x| x.cfg_ready.val());
        b.uut.cfg_valid.next = true;
        b.uut.cfg_word.next = true;
        b.uut.cfg_write.next = write;
        b.uut.cfg_select.next = select.into();
        b.uut.cfg_address.next = (address as u64).into();
        b.uut.cfg_wdata.next = bits_of(data);
        b.tick();
        b.uut.cfg_valid.next = false;
        b.uut.cfg_word.next = false;
        if write {
            return 0;
        }
        let latency = b.tick_until(100, |x| x.cfg_rvalid.val()) + 1;
        assert_eq!(latency as usize, CFG_WORD_READ_LATENCY);
        b.uut.cfg_rdata.val().to_u128()
    }

    /// Word writes of `words` to `select` from word 0, `cfg_valid` held high and the next word
    /// offered after each taking edge; returns the cycles from the first offer to the last
    /// taking edge.
    fn stream_words(b: &mut Bench<Spoon>, select: u64, words: &[u128]) -> u64 {
        b.tick_until(100, |x| !x.cfg_ready.val());
        let start = b.cycles;
        for (a, &w) in words.iter().enumerate() {
            b.uut.cfg_valid.next = true;
            b.uut.cfg_word.next = true;
            b.uut.cfg_write.next = true;
            b.uut.cfg_select.next = select.into();
            b.uut.cfg_address.next = (a as u64).into();
            b.uut.cfg_wdata.next = bits_of(w);
            b.tick_until(100, |x| x.cfg_ready.val());
            b.tick();
        }
        b.uut.cfg_valid.next = false;
        b.uut.cfg_word.next = false;
        b.cycles - start
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

    /// Word mode on a config with partial lane groups (12 kernels, 12 hidden neurons, 10
    /// classes): every memory streamed in by words (one word per `CFG_WORD_WRITE_CYCLES`),
    /// read back by elements (= the golden chip's weights) and by words (= golden
    /// `memory_words`); then rewritten by elements and read back by words; word requests to
    /// selects 8, 9, 10 and past each memory's last word write nothing and read 0 (latency
    /// `CFG_WORD_READ_LATENCY`); a training sample on the word-loaded chip = golden.
    #[test]
    fn word_requests_write_and_read_every_memory() {
        use golden::cycle::config_port::{memory_elements, memory_words};
        let mut config = crate::tiny_config();
        config.conv.kernels = 12;
        config.fc.hidden = vec![12];
        config.fc.classes = 10;
        config.fc.output_shift = 4;
        config.validate().unwrap();
        let p = Params::new(&config).unwrap();
        let mut chip = Chip::new(&config);
        let mut lfsr = Lfsr::new(0x5EED);
        fill_uniform(chip.kernels_mut().weights_mut(), 100, &mut lfsr);
        for layer in chip.layers_mut() {
            fill_uniform(layer.weights_mut(), 100, &mut lfsr);
        }
        let rows = [p.kernels, p.hidden, p.classes];
        let words = [
            p.kernel_words,
            p.hidden_weight_words(),
            p.output_weight_words(),
        ];
        let weights = |chip: &Chip| -> [Vec<i16>; 3] {
            [
                chip.kernels().weights().to_vec(),
                chip.layers()[0].weights().to_vec(),
                chip.layers()[1].weights().to_vec(),
            ]
        };
        let mut b = reset(&p);
        for (select, w) in weights(&chip).iter().enumerate() {
            let packed = memory_words(w, rows[select], FC_LANES, KERNEL_BITS);
            assert_eq!(packed.len(), words[select]);
            let cycles = stream_words(&mut b, select as u64, &packed);
            assert_eq!(cycles as usize, CFG_WORD_WRITE_CYCLES * packed.len());
        }
        for (select, w) in weights(&chip).iter().enumerate() {
            let got: Vec<i16> = (0..w.len())
                .map(|a| read(&mut b, select as u64, a) as i16)
                .collect();
            assert_eq!(&got, w, "select {select} by elements");
            let got: Vec<u128> = (0..words[select])
                .map(|a| word_request(&mut b, false, select as u64, a, 0))
                .collect();
            assert_eq!(
                got,
                memory_words(w, rows[select], FC_LANES, KERNEL_BITS),
                "select {select} by words"
            );
        }
        // Invalid word requests: nothing written, 0 read.
        let registers: Vec<i64> = (0..6).map(|r| read(&mut b, 8, r)).collect();
        for (select, address) in [(8, 0), (8, 1), (9, 0), (10, 0), (3, 0), (15, 0)] {
            word_request(&mut b, true, select, address, u128::MAX);
            assert_eq!(word_request(&mut b, false, select, address, 0), 0);
        }
        for (select, &n) in words.iter().enumerate() {
            word_request(&mut b, true, select as u64, n, u128::MAX);
            word_request(
                &mut b,
                true,
                select as u64,
                (1 << CFG_ADDRESS_BITS) - 1,
                u128::MAX,
            );
            assert_eq!(word_request(&mut b, false, select as u64, n, 0), 0);
        }
        assert_eq!(
            (0..6).map(|r| read(&mut b, 8, r)).collect::<Vec<_>>(),
            registers
        );
        for (select, w) in weights(&chip).iter().enumerate() {
            let last = word_request(&mut b, false, select as u64, words[select] - 1, 0);
            assert_eq!(
                last,
                *memory_words(w, rows[select], FC_LANES, KERNEL_BITS)
                    .last()
                    .unwrap()
            );
        }
        // Elements written, words read.
        for w in chip.kernels_mut().weights_mut() {
            *w = -*w / 2;
        }
        for layer in chip.layers_mut() {
            for w in layer.weights_mut() {
                *w = (*w + 7) / 3;
            }
        }
        for (select, w) in weights(&chip).iter().enumerate() {
            for (a, &v) in w.iter().enumerate() {
                write(&mut b, select as u64, a, v.into());
            }
            let got: Vec<u128> = (0..words[select])
                .map(|a| word_request(&mut b, false, select as u64, a, 0))
                .collect();
            assert_eq!(
                memory_elements(&got, rows[select], FC_LANES, KERNEL_BITS),
                *w,
                "select {select}"
            );
        }
        // A training sample on the chip as loaded.
        let events: Vec<Event> = (0..14)
            .map(|k| Event::new((k * 5 % 6) as u8, (k % 6) as u8, 0))
            .collect();
        let golden = chip.train(&events, 3);
        let (class, _) = sample(&mut b, &events, true, 3);
        assert_eq!(class, golden.class);
        for (select, w) in weights(&chip).iter().enumerate().skip(1) {
            let got: Vec<u128> = (0..words[select])
                .map(|a| word_request(&mut b, false, select as u64, a, 0))
                .collect();
            assert_eq!(
                memory_elements(&got, rows[select], FC_LANES, KERNEL_BITS),
                *w,
                "select {select} after learning"
            );
        }
    }
}
