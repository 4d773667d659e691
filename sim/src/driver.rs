//! Testbench drivers built on [`Simulator::step`]: the configuration port (honouring
//! `cfg_ready` and `cfg_rvalid`), the AER stream with valid/ready backpressure, and the class
//! output. Protocols: `docs/RTL.md` § "Configuration port protocol", ARCHITECTURE § "AER
//! input and FIFO".

use crate::aer::{self, EndOfSample};
use crate::{SimError, Simulator};
use golden::chip::Chip;
use golden::event::Event;

/// `cfg_select` values (ARCHITECTURE § "Configuration / memory port").
pub mod select {
    pub const KERNELS: u8 = 0;
    /// FC layer `k` weights (hidden layers, then output).
    pub const fn fc_layer(k: usize) -> u8 {
        1 + k as u8
    }
    pub const REGISTERS: u8 = 8;
    pub const SCORES: u8 = 9;
    pub const MEMBRANES: u8 = 10;
}

/// Register indices of select 8 (`docs/RTL.md`).
pub mod register {
    pub const HIDDEN_LR_SHIFT: u32 = 0;
    pub const OUTPUT_LR_SHIFT: u32 = 1;
    pub const ROUNDING_LOW: u32 = 2;
    pub const ROUNDING_HIGH: u32 = 3;
    pub const PROJECTION_SEED_LOW: u32 = 4;
    pub const PROJECTION_SEED_HIGH: u32 = 5;
    pub const CLASS: u32 = 6;
    pub const STATUS: u32 = 7;
    pub const IGNORED_EVENTS: u32 = 8;
}

/// Cycles a configuration request may wait for `cfg_ready` (a sample may be under way).
const CFG_READY_LIMIT: u64 = 10_000_000;
/// Cycles a read may take to `cfg_rvalid` (the RTL's latency is a few tens).
const CFG_RVALID_LIMIT: u64 = 10_000;
/// Cycles a sample may take: this plus [`SAMPLE_LIMIT_PER_WORD`] per word.
const SAMPLE_LIMIT: u64 = 10_000_000;
const SAMPLE_LIMIT_PER_WORD: u64 = 10_000;

/// What streaming one sample did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleRun {
    /// `out_class` in the cycle `out_valid` was high.
    pub class: u8,
    /// Cycles from the one where the first word was offered to the one with `out_valid`,
    /// both included.
    pub cycles: u64,
    /// The cycle where the first word was offered.
    pub start_cycle: u64,
    /// Cycles where a word was offered but not taken (`in_valid && !in_ready`).
    pub stalls: u64,
    /// Words sent (events + the end-of-sample word).
    pub words: usize,
}

impl Simulator {
    fn timeout(&self, what: &'static str, waited: u64) -> SimError {
        SimError::Timeout {
            what,
            waited,
            cycle: self.cycle(),
        }
    }

    /// Offers one request until it is taken (`cfg_valid && cfg_ready` at an edge).
    fn cfg_issue(
        &mut self,
        write: bool,
        select: u8,
        address: u32,
        data: u16,
    ) -> Result<(), SimError> {
        let p = self.pins;
        let mut i = self.inputs();
        i.set(p.cfg_valid, 1);
        i.set(p.cfg_write, u64::from(write));
        i.set(p.cfg_select, u64::from(select));
        i.set(p.cfg_address, u64::from(address));
        i.set(p.cfg_wdata, u64::from(data));
        let mut out = self.outputs();
        for _ in 0..CFG_READY_LIMIT {
            self.step_into(&i, &mut out);
            if out.bit(p.cfg_ready) {
                return Ok(());
            }
        }
        Err(self.timeout("cfg_ready", CFG_READY_LIMIT))
    }

    /// Writes one element (a weight as its 16-bit two's complement: `w as u16`). Returns once
    /// the request is taken; the next request waits for the port.
    pub fn cfg_write(&mut self, select: u8, address: u32, data: u16) -> Result<(), SimError> {
        self.cfg_issue(true, select, address, data)
    }

    /// Reads one element: the 16 bits on `cfg_rdata` in the cycle `cfg_rvalid` is high.
    pub fn cfg_read(&mut self, select: u8, address: u32) -> Result<u16, SimError> {
        self.cfg_issue(false, select, address, 0)?;
        let i = self.inputs();
        let mut out = self.outputs();
        for _ in 0..CFG_RVALID_LIMIT {
            self.step_into(&i, &mut out);
            if out.bit(self.pins.cfg_rvalid) {
                return Ok(out.get(self.pins.cfg_rdata) as u16);
            }
        }
        Err(self.timeout("cfg_rvalid", CFG_RVALID_LIMIT))
    }

    /// Steps with idle inputs until the processor is idle (`cfg_ready`); returns the cycles.
    pub fn wait_idle(&mut self) -> Result<u64, SimError> {
        let i = self.inputs();
        let mut out = self.outputs();
        for waited in 1..=CFG_READY_LIMIT {
            self.step_into(&i, &mut out);
            if out.bit(self.pins.cfg_ready) && !out.bit(self.pins.busy) {
                return Ok(waited);
            }
        }
        Err(self.timeout("idle (cfg_ready)", CFG_READY_LIMIT))
    }

    /// Writes the kernel memory (select 0), element `a` = `weights[a]` (golden storage order).
    pub fn write_kernels(&mut self, weights: &[i16]) -> Result<(), SimError> {
        for (a, &w) in weights.iter().enumerate() {
            self.cfg_write(select::KERNELS, a as u32, w as u16)?;
        }
        Ok(())
    }

    /// Reads `n` kernel weights back (sign-extended by the port).
    pub fn read_kernels(&mut self, n: usize) -> Result<Vec<i16>, SimError> {
        (0..n)
            .map(|a| Ok(self.cfg_read(select::KERNELS, a as u32)? as i16))
            .collect()
    }

    /// Writes the weights of FC layer `k` (select `1 + k`, address `input · neurons + neuron`,
    /// golden `FcLayer::weights` order), skipping zeros: the simulated memories power up at 0.
    pub fn write_fc_layer(&mut self, k: usize, weights: &[i16]) -> Result<(), SimError> {
        for (a, &w) in weights.iter().enumerate().filter(|(_, &w)| w != 0) {
            self.cfg_write(select::fc_layer(k), a as u32, w as u16)?;
        }
        Ok(())
    }

    /// Loads a golden chip's state through the port: kernels, FC weights, learning-rate
    /// shifts and the rounding LFSR state (right after reset: zero FC weights are skipped).
    pub fn write_chip(&mut self, chip: &Chip) -> Result<(), SimError> {
        self.write_kernels(chip.kernels().weights())?;
        for (k, layer) in chip.layers().iter().enumerate() {
            self.write_fc_layer(k, layer.weights())?;
        }
        let learning = &chip.config().learning;
        let state = chip.rounding_lfsr().state();
        let registers = [
            (
                register::HIDDEN_LR_SHIFT,
                learning.hidden_lr_shifts.first().map_or(0, |&s| s as u16),
            ),
            (register::OUTPUT_LR_SHIFT, learning.output_lr_shift as u16),
            (register::ROUNDING_LOW, state as u16),
            (register::ROUNDING_HIGH, (state >> 16) as u16),
        ];
        for (r, v) in registers {
            self.cfg_write(select::REGISTERS, r, v)?;
        }
        Ok(())
    }

    /// Reads `n` weights of FC layer `k` back (sign-extended by the port), golden order.
    pub fn read_fc_layer(&mut self, k: usize, n: usize) -> Result<Vec<i16>, SimError> {
        (0..n)
            .map(|a| Ok(self.cfg_read(select::fc_layer(k), a as u32)? as i16))
            .collect()
    }

    /// The output scores `z_c` of the last sample through select 9 (low, then high half).
    pub fn read_scores(&mut self) -> Result<Vec<i32>, SimError> {
        (0..self.config().fc.classes as u32)
            .map(|c| {
                let low = self.cfg_read(select::SCORES, 2 * c)?;
                let high = self.cfg_read(select::SCORES, 2 * c + 1)?;
                Ok((u32::from(high) << 16 | u32::from(low)) as i32)
            })
            .collect()
    }

    /// The membrane map through select 10: `(potentials, spike counters)` of every
    /// convolution neuron, `[oy][ox][kernel]` as golden `MembraneMap`.
    pub fn read_membranes(&mut self) -> Result<(Vec<i16>, Vec<i16>), SimError> {
        let n = self.config().conv_neurons();
        let mut potentials = Vec::with_capacity(n);
        let mut counts = Vec::with_capacity(n);
        for neuron in 0..n as u32 {
            potentials.push(self.cfg_read(select::MEMBRANES, 2 * neuron)? as i16);
            counts.push(self.cfg_read(select::MEMBRANES, 2 * neuron + 1)? as i16);
        }
        Ok((potentials, counts))
    }

    /// Streams one sample (its events, then the end-of-sample word), offering a word every
    /// cycle and holding it while `in_ready` is low, and waits for `out_valid`.
    pub fn run_sample(
        &mut self,
        events: &[Event],
        end: EndOfSample,
    ) -> Result<SampleRun, SimError> {
        self.run_sample_paced(events, end, |_| true)
    }

    /// [`Simulator::run_sample`] with a sender that starts offering the next word only in
    /// cycles where `pace(cycles since the start)` is true; once offered, a word is held
    /// (`in_valid` high, `in_data` unchanged) until it is taken.
    pub fn run_sample_paced(
        &mut self,
        events: &[Event],
        end: EndOfSample,
        mut pace: impl FnMut(u64) -> bool,
    ) -> Result<SampleRun, SimError> {
        let p = self.pins;
        let words = aer::sample_words(events, end);
        let limit = SAMPLE_LIMIT + SAMPLE_LIMIT_PER_WORD * words.len() as u64;
        let mut i = self.inputs();
        let mut out = self.outputs();
        let (mut next, mut offering, mut stalls) = (0, false, 0);
        let mut start = None;
        for elapsed in 0..limit {
            if !offering && next < words.len() && pace(elapsed) {
                offering = true;
                start.get_or_insert(self.cycle());
            }
            i.set(p.in_valid, u64::from(offering));
            i.set(p.in_data, if offering { words[next] } else { 0 });
            self.step_into(&i, &mut out);
            if offering {
                if out.bit(p.in_ready) {
                    next += 1;
                    offering = false;
                } else {
                    stalls += 1;
                }
            }
            if out.bit(p.out_valid) {
                if next < words.len() {
                    return Err(SimError::Protocol {
                        cycle: self.cycle() - 1,
                        problem: format!("out_valid with {} words not sent", words.len() - next),
                    });
                }
                let start_cycle = start.unwrap_or(self.cycle() - 1);
                return Ok(SampleRun {
                    class: out.get(p.out_class) as u8,
                    cycles: self.cycle() - start_cycle,
                    start_cycle,
                    stalls,
                    words: words.len(),
                });
            }
        }
        Err(self.timeout("out_valid", limit))
    }
}
