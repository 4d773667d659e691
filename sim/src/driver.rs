//! Testbench drivers built on [`Simulator::step`]: the configuration port (honouring
//! `cfg_ready` and `cfg_rvalid`), the AER stream with valid/ready backpressure, and the class
//! output. Protocols: `docs/RTL.md` § "Configuration port protocol", ARCHITECTURE § "AER
//! input and FIFO".

use crate::aer::{self, EndOfSample};
use crate::{SimError, Simulator};
use golden::chip::Chip;
use golden::cycle::config_port::{memory_elements, memory_words};
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

    /// Offers one request until it is taken (`cfg_valid && cfg_ready` at an edge). Returns
    /// right after the taking edge, so back-to-back requests run at the port's full rate.
    fn cfg_issue(
        &mut self,
        write: bool,
        word: bool,
        select: u8,
        address: u32,
        data: u64,
    ) -> Result<(), SimError> {
        let p = self.pins;
        let mut i = self.inputs();
        i.set(p.cfg_valid, 1);
        i.set(p.cfg_write, u64::from(write));
        i.set(p.cfg_word, u64::from(word));
        i.set(p.cfg_select, u64::from(select));
        i.set(p.cfg_address, u64::from(address));
        i.set(p.cfg_wdata, data);
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
        self.cfg_issue(true, false, select, address, data.into())
    }

    /// Reads one element: bits 15..0 of `cfg_rdata` in the cycle `cfg_rvalid` is high.
    pub fn cfg_read(&mut self, select: u8, address: u32) -> Result<u16, SimError> {
        self.cfg_issue(false, false, select, address, 0)?;
        Ok(self.cfg_rdata()? as u16)
    }

    /// Writes one memory word (word request, selects 0, 1, 2; `address`: the memory's word
    /// address, lane `l` at bits `8l + 7..8l`). Returns once the request is taken.
    pub fn cfg_write_word(&mut self, select: u8, address: u32, word: u64) -> Result<(), SimError> {
        self.cfg_issue(true, true, select, address, word)
    }

    /// Reads one memory word (word request; 0 for another select or past the last word).
    pub fn cfg_read_word(&mut self, select: u8, address: u32) -> Result<u64, SimError> {
        self.cfg_issue(false, true, select, address, 0)?;
        self.cfg_rdata()
    }

    /// `cfg_rdata` in the cycle `cfg_rvalid` is high.
    fn cfg_rdata(&mut self) -> Result<u64, SimError> {
        let i = self.inputs();
        let mut out = self.outputs();
        for _ in 0..CFG_RVALID_LIMIT {
            self.step_into(&i, &mut out);
            if out.bit(self.pins.cfg_rvalid) {
                return Ok(out.get(self.pins.cfg_rdata));
            }
        }
        Err(self.timeout("cfg_rvalid", CFG_RVALID_LIMIT))
    }

    /// Elements per row of select 0, 1, 2 (`K`, the layer's neurons): a memory word holds 8 of
    /// one row.
    fn row_len(&self, select: u8) -> usize {
        let c = self.config();
        match select {
            select::KERNELS => c.conv.kernels,
            s if usize::from(s) <= c.fc.hidden.len() => c.fc.hidden[usize::from(s) - 1],
            _ => c.fc.classes,
        }
    }

    /// Writes the words of a memory (select 0, 1, 2) from `weights` in element order (golden
    /// storage order), packed by `golden::cycle::config_port::memory_words`; all-zero words
    /// are skipped when `skip_zero` (right after reset: the simulated memories power up at 0).
    pub fn write_memory_words(
        &mut self,
        select: u8,
        weights: &[i16],
        skip_zero: bool,
    ) -> Result<(), SimError> {
        let lanes = self.config().hardware.fc_lanes;
        let words = memory_words(weights, self.row_len(select), lanes);
        for (a, &w) in words.iter().enumerate() {
            if w != 0 || !skip_zero {
                self.cfg_write_word(select, a as u32, w)?;
            }
        }
        Ok(())
    }

    /// Reads the first `n` elements of a memory (select 0, 1, 2) by words, golden order.
    pub fn read_memory_words(&mut self, select: u8, n: usize) -> Result<Vec<i16>, SimError> {
        let row = self.row_len(select);
        let lanes = self.config().hardware.fc_lanes;
        let words = n.div_ceil(row) * row.div_ceil(lanes);
        let words = (0..words as u32)
            .map(|a| self.cfg_read_word(select, a))
            .collect::<Result<Vec<_>, _>>()?;
        let mut elements = memory_elements(&words, row, lanes);
        elements.truncate(n);
        Ok(elements)
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

    /// Writes the kernel memory (select 0) by elements, element `a` = `weights[a]` (golden
    /// storage order).
    pub fn write_kernels(&mut self, weights: &[i16]) -> Result<(), SimError> {
        for (a, &w) in weights.iter().enumerate() {
            self.cfg_write(select::KERNELS, a as u32, w as u16)?;
        }
        Ok(())
    }

    /// Reads `n` kernel weights back by words.
    pub fn read_kernels(&mut self, n: usize) -> Result<Vec<i16>, SimError> {
        self.read_memory_words(select::KERNELS, n)
    }

    /// Reads `n` kernel weights back by elements (sign-extended by the port).
    pub fn read_kernels_elements(&mut self, n: usize) -> Result<Vec<i16>, SimError> {
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

    /// Loads a golden chip's state through the port: kernels and FC weights by words (right
    /// after reset: all-zero FC words are skipped), learning-rate shifts and the rounding LFSR
    /// state.
    pub fn write_chip(&mut self, chip: &Chip) -> Result<(), SimError> {
        self.write_memory_words(select::KERNELS, chip.kernels().weights(), false)?;
        for (k, layer) in chip.layers().iter().enumerate() {
            self.write_memory_words(select::fc_layer(k), layer.weights(), true)?;
        }
        self.write_chip_registers(chip)
    }

    /// [`Simulator::write_chip`] element by element (zero FC weights skipped).
    pub fn write_chip_elements(&mut self, chip: &Chip) -> Result<(), SimError> {
        self.write_kernels(chip.kernels().weights())?;
        for (k, layer) in chip.layers().iter().enumerate() {
            self.write_fc_layer(k, layer.weights())?;
        }
        self.write_chip_registers(chip)
    }

    fn write_chip_registers(&mut self, chip: &Chip) -> Result<(), SimError> {
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

    /// Reads `n` weights of FC layer `k` back by words, golden order.
    pub fn read_fc_layer(&mut self, k: usize, n: usize) -> Result<Vec<i16>, SimError> {
        self.read_memory_words(select::fc_layer(k), n)
    }

    /// Reads `n` weights of FC layer `k` back by elements (sign-extended by the port).
    pub fn read_fc_layer_elements(&mut self, k: usize, n: usize) -> Result<Vec<i16>, SimError> {
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
