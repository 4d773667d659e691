//! The configuration port's request registers and address decode (hdl `chip.rs`): a restoring
//! divider, one quotient bit per cycle, splits the element address into the select's row and
//! column and forms `row · G` (the row's first word) by Horner's rule.

use super::{Sizes, LANES};

/// Element address bits of the configuration port, and the divider's cycles.
pub const CFG_ADDRESS_BITS: u32 = 17;
/// Cycles from the edge that takes a read request at the pins to the edge after which
/// `cfg_rvalid` is high (one in the pin registers).
pub const CFG_READ_LATENCY: usize = CFG_ADDRESS_BITS as usize + 4;
const ADDRESS_MASK: usize = (1 << CFG_ADDRESS_BITS) - 1;

/// Selects of the configuration port.
pub const SELECT_KERNELS: u8 = 0;
pub const SELECT_HIDDEN_WEIGHTS: u8 = 1;
pub const SELECT_OUTPUT_WEIGHTS: u8 = 2;
pub const SELECT_REGISTERS: u8 = 8;
pub const SELECT_SCORES: u8 = 9;
pub const SELECT_MEMBRANES: u8 = 10;

/// Registers of select 8.
pub const REG_HIDDEN_LR_SHIFT: usize = 0;
pub const REG_OUTPUT_LR_SHIFT: usize = 1;
pub const REG_ROUNDING_LO: usize = 2;
pub const REG_ROUNDING_HI: usize = 3;
pub const REG_PROJECTION_LO: usize = 4;
pub const REG_PROJECTION_HI: usize = 5;
pub const REG_CLASS: usize = 6;
pub const REG_STATUS: usize = 7;
pub const REG_IGNORED: usize = 8;

#[derive(Debug, Clone, Default)]
pub struct CfgPort {
    pub is_write: bool,
    pub select: u8,
    pub data: u16,
    dividend: usize,
    /// 18 bits.
    remainder: usize,
    row_words: usize,
    steps: u32,
    pub rvalid: bool,
    pub rdata: u16,
}

/// The decode of the divider's result (combinational).
#[derive(Debug, Clone, Copy)]
pub struct Decoded {
    /// Column within the row (kernel, neuron, class, register), its lane, the word address.
    pub column: usize,
    pub lane: usize,
    pub word_address: usize,
    /// The odd element of a pair (select 9: high half; select 10: the counter).
    pub odd: bool,
}

impl CfgPort {
    fn divisor_and_groups(&self, s: &Sizes) -> (usize, usize) {
        match self.select {
            SELECT_KERNELS => (s.kernels, s.conv_groups),
            SELECT_HIDDEN_WEIGHTS => (s.hidden, s.hidden_groups),
            SELECT_OUTPUT_WEIGHTS => (s.classes, s.output_groups),
            SELECT_SCORES => (2 * LANES, 1),
            SELECT_MEMBRANES => (2 * s.kernels, s.conv_groups),
            // Registers: a divisor above every address leaves the register index.
            _ => (1 << CFG_ADDRESS_BITS, s.conv_groups),
        }
    }

    pub fn decode(&self) -> Decoded {
        let paired = matches!(self.select, SELECT_SCORES | SELECT_MEMBRANES);
        let column = (self.remainder & 0xFFFF) >> usize::from(paired);
        Decoded {
            column,
            lane: column & 7,
            word_address: (self.row_words + (column >> 3)) & ADDRESS_MASK,
            odd: self.remainder & 1 == 1,
        }
    }

    /// Takes a request (at an edge in `Idle` with `cfg_valid`).
    pub fn take(&mut self, write: bool, select: u8, address: u32, wdata: u16) {
        self.is_write = write;
        self.select = select & 0xF;
        self.data = wdata;
        self.dividend = address as usize & ADDRESS_MASK;
        self.remainder = 0;
        self.row_words = 0;
        self.steps = CFG_ADDRESS_BITS;
    }

    /// One divider step; true when the division is done.
    pub fn divide(&mut self, s: &Sizes) -> bool {
        let (divisor, groups) = self.divisor_and_groups(s);
        let top = self.dividend >> (CFG_ADDRESS_BITS - 1) & 1;
        let trial = ((self.remainder << 1) | top) & ((1 << (CFG_ADDRESS_BITS + 1)) - 1);
        self.dividend = (self.dividend << 1) & ADDRESS_MASK;
        self.row_words = (self.row_words << 1) & ADDRESS_MASK;
        self.remainder = trial;
        if trial >= divisor {
            self.remainder = trial - divisor;
            self.row_words = (self.row_words + groups) & ADDRESS_MASK;
        }
        let done = self.steps == 1;
        self.steps = self.steps.wrapping_sub(1) & 31;
        done
    }
}
