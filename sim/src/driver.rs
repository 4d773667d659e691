//! Testbench drivers built on [`Simulator::step`]: the configuration port (honouring
//! `cfg_ready` and `cfg_rvalid`), the AER stream with valid/ready backpressure, and the class
//! output. Protocols: `docs/RTL.md` § "Configuration port protocol", ARCHITECTURE § "AER
//! input and FIFO".

use crate::aer::{self, EndOfSample};
use crate::{SimError, Simulator};
use golden::chip::Chip;
use golden::cycle::config_port::{
    chip_memories, chip_registers, fc_layer_of, fc_select, memory_elements, memory_words,
    SELECT_KERNELS, SELECT_MEMBRANES, SELECT_REGISTERS, SELECT_SCORES,
};
use golden::cycle::Capacities;
use golden::event::Event;

/// Cycles a configuration request may wait for `cfg_ready` (a sample may be under way).
const CFG_READY_LIMIT: u64 = 10_000_000;
/// Cycles a read may take to `cfg_rvalid` (the RTL's latency is a few tens).
const CFG_RVALID_LIMIT: u64 = 10_000;
/// Cycles a sample may take: this plus [`SAMPLE_LIMIT_PER_WORD`] per word.
const SAMPLE_LIMIT: u64 = 10_000_000;
const SAMPLE_LIMIT_PER_WORD: u64 = 10_000;

/// A difference between a chip and what the device holds ([`Simulator::verify_chip`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadMismatch {
    /// `cfg_select` (a memory, or the registers).
    pub select: u8,
    /// The element (golden order) or the register index.
    pub index: usize,
    /// As 16-bit two's complement.
    pub expected: u16,
    pub read: u16,
}

impl std::fmt::Display for LoadMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.select == SELECT_REGISTERS {
            "register"
        } else {
            "element"
        };
        write!(
            f,
            "select {} {what} {}: wrote {} (0x{:04x}), read back {} (0x{:04x})",
            self.select,
            self.index,
            self.expected as i16,
            self.expected,
            self.read as i16,
            self.read
        )
    }
}

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
        data: u128,
    ) -> Result<(), SimError> {
        let p = self.pins;
        let mut i = self.inputs();
        i.set(p.cfg_valid, 1);
        i.set(p.cfg_write, u64::from(write));
        i.set(p.cfg_word, u64::from(word));
        i.set(p.cfg_select, u64::from(select));
        i.set(p.cfg_address, u64::from(address));
        i.set_u128(p.cfg_wdata, data);
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

    /// Writes one memory word (word request, select 0 or an FC layer's; `address`: the
    /// memory's word address, lane `l` of `b` bits at bits `bl + b − 1..bl`). Returns once the
    /// request is taken.
    pub fn cfg_write_word(&mut self, select: u8, address: u32, word: u128) -> Result<(), SimError> {
        self.cfg_issue(true, true, select, address, word)
    }

    /// Reads one memory word (word request; 0 for another select or past the last word).
    pub fn cfg_read_word(&mut self, select: u8, address: u32) -> Result<u128, SimError> {
        self.cfg_issue(false, true, select, address, 0)?;
        self.cfg_rdata()
    }

    /// `cfg_rdata` in the cycle `cfg_rvalid` is high.
    fn cfg_rdata(&mut self) -> Result<u128, SimError> {
        let i = self.inputs();
        let mut out = self.outputs();
        for _ in 0..CFG_RVALID_LIMIT {
            self.step_into(&i, &mut out);
            if out.bit(self.pins.cfg_rvalid) {
                return Ok(out.get_u128(self.pins.cfg_rdata));
            }
        }
        Err(self.timeout("cfg_rvalid", CFG_RVALID_LIMIT))
    }

    /// Elements per row of select 0 and of the FC layers' selects (`K`, the layer's neurons):
    /// a memory word holds one lane's worth of one row.
    fn row_len(&self, select: u8) -> usize {
        let c = self.config();
        match fc_layer_of(select, c.fc.hidden.len()) {
            None => c.conv.kernels,
            Some(k) => c.fc.hidden.get(k).copied().unwrap_or(c.fc.classes),
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
        let bits = Capacities::weight_bits_of(self.config());
        let words = memory_words(weights, self.row_len(select), lanes, bits);
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
        let bits = Capacities::weight_bits_of(self.config());
        let mut elements = memory_elements(&words, row, lanes, bits);
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
            self.cfg_write(SELECT_KERNELS, a as u32, w as u16)?;
        }
        Ok(())
    }

    /// Reads `n` kernel weights back by words.
    pub fn read_kernels(&mut self, n: usize) -> Result<Vec<i16>, SimError> {
        self.read_memory_words(SELECT_KERNELS, n)
    }

    /// Reads `n` kernel weights back by elements (sign-extended by the port).
    pub fn read_kernels_elements(&mut self, n: usize) -> Result<Vec<i16>, SimError> {
        (0..n)
            .map(|a| Ok(self.cfg_read(SELECT_KERNELS, a as u32)? as i16))
            .collect()
    }

    /// Writes the weights of FC layer `k` (select `1 + k`, address `input · neurons + neuron`,
    /// golden `FcLayer::weights` order), skipping zeros: the simulated memories power up at 0.
    pub fn write_fc_layer(&mut self, k: usize, weights: &[i16]) -> Result<(), SimError> {
        for (a, &w) in weights.iter().enumerate().filter(|(_, &w)| w != 0) {
            self.cfg_write(fc_select(k), a as u32, w as u16)?;
        }
        Ok(())
    }

    /// Loads a golden chip's state through the port: kernels and FC weights by words (right
    /// after reset: all-zero FC words are skipped), the learning-rate shifts and the rounding
    /// LFSR state (golden's `chip_memories` and `chip_registers`).
    pub fn write_chip(&mut self, chip: &Chip) -> Result<(), SimError> {
        for (select, weights, _) in chip_memories(chip) {
            self.write_memory_words(select, weights, select != SELECT_KERNELS)?;
        }
        self.write_chip_registers(chip)
    }

    /// [`Simulator::write_chip`] element by element (zero FC weights skipped).
    pub fn write_chip_elements(&mut self, chip: &Chip) -> Result<(), SimError> {
        for (select, weights, _) in chip_memories(chip) {
            for (a, &w) in weights.iter().enumerate() {
                if w != 0 || select == SELECT_KERNELS {
                    self.cfg_write(select, a as u32, w as u16)?;
                }
            }
        }
        self.write_chip_registers(chip)
    }

    fn write_chip_registers(&mut self, chip: &Chip) -> Result<(), SimError> {
        for (r, v) in chip_registers(chip) {
            self.cfg_write(SELECT_REGISTERS, r as u32, v)?;
        }
        Ok(())
    }

    /// Reads every memory and register [`Simulator::write_chip`] loads back through the port
    /// (the registers only with the learning unit) and compares them with `chip`: the first difference as (select, element or register
    /// index, expected, read), or `None` when the device holds the chip.
    pub fn verify_chip(&mut self, chip: &Chip) -> Result<Option<LoadMismatch>, SimError> {
        for (select, weights, _) in chip_memories(chip) {
            let read = self.read_memory_words(select, weights.len())?;
            if let Some(a) = (0..weights.len()).find(|&a| read[a] != weights[a]) {
                return Ok(Some(LoadMismatch {
                    select,
                    index: a,
                    expected: weights[a] as u16,
                    read: read[a] as u16,
                }));
            }
        }
        // A chip without its learning unit has none of those registers (they read 0).
        let registers = if chip.config().hardware.learning {
            chip_registers(chip)
        } else {
            Vec::new()
        };
        for (r, v) in registers {
            let read = self.cfg_read(SELECT_REGISTERS, r as u32)?;
            if read != v {
                return Ok(Some(LoadMismatch {
                    select: SELECT_REGISTERS,
                    index: r,
                    expected: v,
                    read,
                }));
            }
        }
        Ok(None)
    }

    /// Reads `n` weights of FC layer `k` back by words, golden order.
    pub fn read_fc_layer(&mut self, k: usize, n: usize) -> Result<Vec<i16>, SimError> {
        self.read_memory_words(fc_select(k), n)
    }

    /// Reads `n` weights of FC layer `k` back by elements (sign-extended by the port).
    pub fn read_fc_layer_elements(&mut self, k: usize, n: usize) -> Result<Vec<i16>, SimError> {
        (0..n)
            .map(|a| Ok(self.cfg_read(fc_select(k), a as u32)? as i16))
            .collect()
    }

    /// The output scores `z_c` of the last sample through select 9 (low, then high half).
    pub fn read_scores(&mut self) -> Result<Vec<i32>, SimError> {
        (0..self.config().fc.classes as u32)
            .map(|c| {
                let low = self.cfg_read(SELECT_SCORES, 2 * c)?;
                let high = self.cfg_read(SELECT_SCORES, 2 * c + 1)?;
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
            potentials.push(self.cfg_read(SELECT_MEMBRANES, 2 * neuron)? as i16);
            counts.push(self.cfg_read(SELECT_MEMBRANES, 2 * neuron + 1)? as i16);
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
