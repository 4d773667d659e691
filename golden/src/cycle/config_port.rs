//! The configuration port (hdl `config_port.rs`): request registers and address decode. For an
//! element request a restoring divider, one quotient bit per cycle, splits the element address
//! into the select's row and column and forms `row · G` (the row's first word) by Horner's
//! rule. A word request (selects 0, 1, 2) addresses a memory word directly and is served from
//! the pin registers in the cycle that takes it (`CycleChip::step`).

use super::{PortsIn, Sizes, LANES};
use crate::chip::Chip;
use crate::fixed::sext;

/// The element read latency is [`super::Capacities::cfg_read_latency`]: the divider takes one
/// cycle per element address bit. The read latency of a word request: the taking edge, the read issued from the pin registers, the
/// word latched.
pub const CFG_WORD_READ_LATENCY: usize = 3;
/// Cycles per word write at the port's full rate (`cfg_ready` every other cycle; the write is
/// done in the cycle after the taking edge and the port stays idle).
pub const CFG_WORD_WRITE_CYCLES: usize = 2;

/// Bits of `cfg_wdata` and `cfg_rdata` (hdl `CFG_DATA_BITS`) with `lanes` weight lanes of
/// `bits` bits: a memory word of weights, and at least the 16 bits of an element.
pub const fn cfg_data_bits(lanes: usize, bits: usize) -> usize {
    if bits * lanes > 16 {
        bits * lanes
    } else {
        16
    }
}

/// Every bit of `cfg_wdata` with `lanes` lanes of `bits` bits set.
pub fn cfg_data_ones(lanes: usize, bits: usize) -> u128 {
    u128::MAX >> (128 - cfg_data_bits(lanes, bits))
}

/// Selects of the configuration port. FC layer `k`'s weights are select `1 + k`: FC layer 0
/// is [`SELECT_HIDDEN_WEIGHTS`], the output layer `1 + H` ([`SELECT_OUTPUT_WEIGHTS`] with one
/// hidden layer; [`fc_select`]).
pub const SELECT_KERNELS: u8 = 0;
pub const SELECT_HIDDEN_WEIGHTS: u8 = 1;
pub const SELECT_OUTPUT_WEIGHTS: u8 = 2;
pub const SELECT_REGISTERS: u8 = 8;
pub const SELECT_SCORES: u8 = 9;
pub const SELECT_MEMBRANES: u8 = 10;

/// The select of FC layer `k`'s weights.
pub const fn fc_select(k: usize) -> u8 {
    1 + k as u8
}

/// The FC layer of select `select`, if it is one of the `hidden_layers + 1` FC layers'.
pub fn fc_layer_of(select: u8, hidden_layers: usize) -> Option<usize> {
    let k = usize::from(select).checked_sub(1)?;
    (k <= hidden_layers).then_some(k)
}

/// Registers of select 8, numbered as with one hidden layer: with `h` hidden layers the shift
/// registers of the hidden layers are `0..h` and every other register moves up by `h − 1`
/// ([`register_index`]; docs/ARCHITECTURE.md § "Registers").
pub const REG_HIDDEN_LR_SHIFT: usize = 0;
pub const REG_OUTPUT_LR_SHIFT: usize = 1;
pub const REG_ROUNDING_LO: usize = 2;
pub const REG_ROUNDING_HI: usize = 3;
pub const REG_PROJECTION_LO: usize = 4;
pub const REG_PROJECTION_HI: usize = 5;
pub const REG_CLASS: usize = 6;
pub const REG_STATUS: usize = 7;
pub const REG_IGNORED: usize = 8;

/// The index of register `r` (a `REG_` constant other than [`REG_HIDDEN_LR_SHIFT`]) in a chip
/// of `hidden_layers` hidden layers.
pub const fn register_index(r: usize, hidden_layers: usize) -> usize {
    if r == REG_HIDDEN_LR_SHIFT {
        r
    } else {
        r + hidden_layers - 1
    }
}

/// The register at index `index` of a chip of `hidden_layers` hidden layers: `Err(k)` for
/// hidden layer `k`'s shift, `Ok(r)` for the others as their `REG_` constant.
pub fn register_at(index: usize, hidden_layers: usize) -> Result<usize, usize> {
    if index < hidden_layers {
        Err(index)
    } else {
        Ok(index + 1 - hidden_layers)
    }
}

#[derive(Debug, Clone)]
pub struct CfgPort {
    /// Element address bits ([`super::Capacities::cfg_address_bits`]), the divider's cycles.
    address_bits: u32,
    pub is_write: bool,
    pub select: u8,
    /// A word request, and whether it addresses a word of its memory.
    pub word: bool,
    pub word_valid: bool,
    /// Element write data (bits 15..0 of `cfg_wdata`).
    pub data: u16,
    dividend: usize,
    /// 18 bits.
    remainder: usize,
    row_words: usize,
    steps: u32,
    pub rvalid: bool,
    pub rdata: u128,
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
    /// The port after power-up, for element addresses of `address_bits`.
    pub fn new(address_bits: usize) -> Self {
        Self {
            address_bits: address_bits as u32,
            is_write: false,
            select: 0,
            word: false,
            word_valid: false,
            data: 0,
            dividend: 0,
            remainder: 0,
            row_words: 0,
            steps: 0,
            rvalid: false,
            rdata: 0,
        }
    }

    fn address_mask(&self) -> usize {
        (1 << self.address_bits) - 1
    }

    fn divisor_and_groups(&self, s: &Sizes) -> (usize, usize) {
        if let Some(k) = fc_layer_of(self.select, s.hidden_layers) {
            return (s.fc.neurons[k], s.fc.groups[k]);
        }
        match self.select {
            SELECT_KERNELS => (s.kernels, s.conv_groups),
            SELECT_SCORES => (2 * s.lanes, 1),
            SELECT_MEMBRANES => (2 * s.kernels, s.conv_groups),
            // Registers: a divisor above every address leaves the register index.
            _ => (1 << self.address_bits, s.conv_groups),
        }
    }

    pub fn decode(&self, s: &Sizes) -> Decoded {
        let paired = matches!(self.select, SELECT_SCORES | SELECT_MEMBRANES);
        let column = (self.remainder & 0xFFFF) >> usize::from(paired);
        Decoded {
            column,
            lane: column & (s.lanes - 1),
            word_address: (self.row_words + (column >> s.lanes_log2)) & self.address_mask(),
            odd: self.remainder & 1 == 1,
        }
    }

    /// Whether a word request addresses a word of its memory: select 0 or an FC layer's, and an
    /// address below the memory's (the layer's) words. Another word request accesses nothing.
    pub fn word_ok(s: &Sizes, select: u8, address: u32) -> bool {
        let select = select & 0xF;
        let words = match fc_layer_of(select, s.hidden_layers) {
            Some(k) => s.fc.words[k],
            None if select == SELECT_KERNELS => s.kernel_words,
            None => 0,
        };
        (address as usize & s.caps.cfg_address_mask()) < words
    }

    /// Takes a request (at an edge in `Idle` with `cfg_valid`; `word_ok`: [`Self::word_ok`]).
    pub fn take(&mut self, i: &PortsIn, word_ok: bool) {
        let (select, address) = (i.cfg_select, i.cfg_address);
        self.is_write = i.cfg_write;
        self.select = select & 0xF;
        self.word = i.cfg_word;
        self.word_valid = word_ok;
        self.data = i.cfg_wdata as u16;
        self.dividend = address as usize & self.address_mask();
        self.remainder = 0;
        self.row_words = 0;
        self.steps = self.address_bits;
    }

    /// One divider step; true when the division is done.
    pub fn divide(&mut self, s: &Sizes) -> bool {
        let (divisor, groups) = self.divisor_and_groups(s);
        let mask = self.address_mask();
        let top = self.dividend >> (self.address_bits - 1) & 1;
        let trial = ((self.remainder << 1) | top) & ((mask << 1) | 1);
        self.dividend = (self.dividend << 1) & mask;
        self.row_words = (self.row_words << 1) & mask;
        self.remainder = trial;
        if trial >= divisor {
            self.remainder = trial - divisor;
            self.row_words = (self.row_words + groups) & mask;
        }
        let done = self.steps == 1;
        self.steps = self.steps.wrapping_sub(1) & 31;
        done
    }
}

/// The words of a memory as word requests write them: `weights` in element order (rows of
/// `row_len` elements: kernels `tap · K + k`, FC weights `input · N + neuron`) packed `L` =
/// `lanes` a word, `⌈row_len / L⌉` words a row (word `row · G + g`, lane `l` = element
/// `L·g + l` of the row at bits `b·l + b − 1..b·l`, `b` = `bits`), padding lanes 0.
pub fn memory_words(weights: &[i16], row_len: usize, lanes: usize, bits: usize) -> Vec<u128> {
    assert!((1..=LANES).contains(&lanes), "1 to {LANES} lanes");
    weights
        .chunks(row_len)
        .flat_map(|row| {
            row.chunks(lanes)
                .map(|word| super::pack_weights(word, bits))
        })
        .collect()
}

/// The memories of a functional chip by select (kernels, then every FC layer): `(select,
/// elements in golden order, elements per row)`; with [`memory_words`], what a host writes to
/// load the chip.
pub fn chip_memories(chip: &Chip) -> Vec<(u8, &[i16], usize)> {
    let c = chip.config();
    std::iter::once((SELECT_KERNELS, chip.kernels().weights(), c.conv.kernels))
        .chain(
            chip.layers()
                .iter()
                .enumerate()
                .map(|(k, layer)| (fc_select(k), layer.weights(), layer.neurons())),
        )
        .collect()
}

/// The registers of select 8 that a host writes to load a functional chip: the learning-rate
/// shifts and the rounding LFSR state, as `(register index, 16-bit value)`.
pub fn chip_registers(chip: &Chip) -> Vec<(usize, u16)> {
    let (hidden, output) = chip.learning_shifts();
    let h = hidden.len();
    let state = chip.rounding_lfsr().state();
    let named = [
        (REG_OUTPUT_LR_SHIFT, output as u16),
        (REG_ROUNDING_LO, state as u16),
        (REG_ROUNDING_HI, (state >> 16) as u16),
    ];
    hidden
        .iter()
        .enumerate()
        .map(|(k, &shift)| (k, shift as u16))
        .chain(named.map(|(r, v)| (register_index(r, h), v)))
        .collect()
}

/// The elements of a memory from its words (the inverse of [`memory_words`]; lanes of `bits`
/// bits sign-extended, padding lanes dropped).
pub fn memory_elements(words: &[u128], row_len: usize, lanes: usize, bits: usize) -> Vec<i16> {
    let groups = row_len.div_ceil(lanes);
    words
        .chunks(groups)
        .flat_map(|row| {
            (0..row_len)
                .map(move |e| sext((row[e / lanes] >> (bits * (e % lanes))) as u64, bits) as i16)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of 10 elements with 8 lanes (2 words a row, the second with 2 lanes and 6 zero
    /// padding lanes) and with 4 lanes (3 words a row, the last with 2 padding lanes), 8-bit
    /// lanes; 8 lanes of 5 bits (lane `l` at bit `5l`); 1 lane round-trips too.
    #[test]
    fn memory_words_pack_rows_with_zero_padding() {
        let weights: Vec<i16> = (0..20).map(|e| e as i16 - 10).collect();
        let eight = [
            0xFDFC_FBFA_F9F8_F7F6,
            0x0000_0000_0000_FFFE,
            0x0706_0504_0302_0100,
            0x0000_0000_0000_0908,
        ];
        let four = [
            0xF9F8_F7F6,
            0xFDFC_FBFA,
            0x0000_FFFE,
            0x0302_0100,
            0x0706_0504,
            0x0000_0908,
        ];
        // −10 … −3 = 0b10110 … 0b11101; −2, −1; 0 … 7; 8, 9.
        let five = [0xEF_37AC_E2F6, 0x3FE, 0x39_8A41_8820, 0x128];
        for (lanes, bits, want) in [(8, 8, &eight[..]), (4, 8, &four[..]), (8, 5, &five[..])] {
            let words = memory_words(&weights, 10, lanes, bits);
            assert_eq!(words, want, "{lanes} lanes of {bits} bits");
            assert_eq!(memory_elements(&words, 10, lanes, bits), weights);
        }
        assert_eq!(
            memory_elements(&memory_words(&weights, 10, 1, 8), 10, 1, 8),
            weights
        );
    }
}
