//! A host that drives the ports cycle by cycle — configuration requests, AER samples — over
//! any device stepped as `FnMut(&PortsIn) -> PortsOut`: a [`super::CycleChip`], the RTL, or
//! both in lock-step. It keeps the trace of inputs and outputs.

use super::config_port::{
    chip_memories, chip_registers, memory_words, SELECT_KERNELS, SELECT_REGISTERS,
};
use super::{Capacities, PortsIn, PortsOut};
use crate::chip::Chip;
use crate::event::Event;

/// The AER words of a sample: one per event (`{0, channel, y, x}`), then the end-of-sample
/// word (`{1, learn, 0, label}`).
pub fn aer_words(events: &[Event], learn: bool, label: usize) -> Vec<u32> {
    events
        .iter()
        .map(|e| u32::from(e.x) | u32::from(e.y) << 8 | u32::from(e.channel) << 16)
        .chain([1 << 17 | u32::from(learn) << 16 | label as u32])
        .collect()
}

pub struct Host<D: FnMut(&PortsIn) -> PortsOut> {
    device: D,
    /// The outputs after the last edge.
    pub last: PortsOut,
    /// Every edge so far: its inputs and the outputs after it.
    pub trace: Vec<(PortsIn, PortsOut)>,
    /// Keep the trace (off for long runs).
    pub record: bool,
}

impl<D: FnMut(&PortsIn) -> PortsOut> Host<D> {
    /// A host over `device` after one reset cycle.
    pub fn new(device: D) -> Self {
        let mut h = Self {
            device,
            last: PortsOut::default(),
            trace: Vec::new(),
            record: true,
        };
        h.tick(PortsIn {
            reset: true,
            ..PortsIn::default()
        });
        h
    }

    pub fn tick(&mut self, i: PortsIn) -> PortsOut {
        self.last = (self.device)(&i);
        if self.record {
            self.trace.push((i, self.last));
        }
        self.last
    }

    fn idle_until(&mut self, limit: usize, done: impl Fn(&PortsOut) -> bool) {
        for _ in 0..limit {
            if done(&self.last) {
                return;
            }
            self.tick(PortsIn::default());
        }
        panic!("no result within {limit} cycles");
    }

    /// One configuration request (`word`: a word request); a read returns its data.
    pub fn request_raw(
        &mut self,
        write: bool,
        word: bool,
        select: u8,
        address: u32,
        data: u128,
    ) -> Option<u128> {
        self.idle_until(100_000, |o| o.cfg_ready);
        self.tick(PortsIn {
            cfg_valid: true,
            cfg_write: write,
            cfg_word: word,
            cfg_select: select,
            cfg_address: address,
            cfg_wdata: data,
            ..PortsIn::default()
        });
        if write {
            return None;
        }
        self.idle_until(100, |o| o.cfg_rvalid);
        Some(self.last.cfg_rdata)
    }

    /// One element request; a read returns its data (bits 15..0 of `cfg_rdata`).
    pub fn request(&mut self, write: bool, select: u8, address: u32, data: u16) -> Option<u16> {
        self.request_raw(write, false, select, address, data.into())
            .map(|d| d as u16)
    }

    /// Loads a functional chip through the port: its memories by word requests (all-zero FC
    /// words skipped if `skip_zero`, for a chip whose memories are known to hold 0), then its
    /// registers ([`chip_registers`]).
    pub fn load_chip(&mut self, chip: &Chip, skip_zero: bool) {
        let lanes = chip.config().hardware.fc_lanes;
        let bits = Capacities::weight_bits_of(chip.config());
        for (select, weights, row) in chip_memories(chip) {
            for (a, w) in memory_words(weights, row, lanes, bits)
                .into_iter()
                .enumerate()
            {
                if w != 0 || !skip_zero || select == SELECT_KERNELS {
                    self.write_word(select, a, w);
                }
            }
        }
        for (register, value) in chip_registers(chip) {
            self.write(SELECT_REGISTERS, register, value.into());
        }
    }

    /// A word write: the whole memory word `address` of select 0 or an FC layer's (lane `l` of
    /// `b` bits at bits `bl + b − 1..bl`).
    pub fn write_word(&mut self, select: u8, address: usize, word: u128) {
        self.request_raw(true, true, select, address as u32, word);
    }

    /// A word read.
    pub fn read_word(&mut self, select: u8, address: usize) -> u128 {
        self.request_raw(false, true, select, address as u32, 0)
            .unwrap()
    }

    pub fn write(&mut self, select: u8, address: usize, data: i32) {
        self.request(true, select, address as u32, data as u16);
    }

    /// A read, sign-extended from 16 bits.
    pub fn read(&mut self, select: u8, address: usize) -> i32 {
        i32::from(self.request(false, select, address as u32, 0).unwrap() as i16)
    }

    /// A 32-bit value read as two halves (scores, the rounding LFSR).
    pub fn read32(&mut self, select: u8, low_address: usize) -> u32 {
        let lo = self.read(select, low_address) as u32 & 0xFFFF;
        lo | (self.read(select, low_address + 1) as u32) << 16
    }

    /// Streams `words` into the AER port (back-pressure respected) until `out_valid`;
    /// returns the class and the cycles from the first word.
    pub fn sample(&mut self, words: &[u32]) -> (usize, usize) {
        let mut sent = 0;
        for cycle in 1..=10_000_000 {
            let valid = sent < words.len();
            let taken = valid && self.last.in_ready;
            let out = self.tick(PortsIn {
                in_valid: valid,
                in_data: words[sent.min(words.len() - 1)],
                ..PortsIn::default()
            });
            sent += usize::from(taken);
            if out.out_valid {
                assert_eq!(sent, words.len(), "the sample ended before its last word");
                return (usize::from(out.out_class), cycle);
            }
        }
        panic!("the sample does not end");
    }
}
