//! The weight memories as the RTL lays them out (docs/RTL.md): rows of elements (a kernel tap's
//! `K` kernels, an FC input's neurons), each row in `⌈row/L⌉` words of `L` lanes of `b` bits
//! (`L` = `hardware.fc_lanes`, `b` the wider of the two weight widths: golden
//! `Capacities::weight_bits_of`), lane `l` of word `row·G + g` holding element `L·g + l` of the
//! row; padding lanes are 0.

use golden::chip::Chip;
use golden::config::Config;
use golden::cycle::config_port::{cfg_data_bits, memory_elements, memory_words};
use golden::cycle::Capacities;
use hdl::host_link::link_word_bits;

/// The shape of one memory: `rows` rows of `row_len` elements, `lanes` elements of `bits` bits
/// a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub rows: usize,
    pub row_len: usize,
    pub lanes: usize,
    pub bits: usize,
}

impl Shape {
    /// Words per row.
    pub fn groups(&self) -> usize {
        self.row_len.div_ceil(self.lanes)
    }

    pub fn words(&self) -> usize {
        self.rows * self.groups()
    }

    pub fn elements(&self) -> usize {
        self.rows * self.row_len
    }
}

/// The kernel memory (select 0): one row per tap `(channel, ky, kx)`, `K` kernels each.
pub fn kernels(config: &Config) -> Shape {
    let c = &config.conv;
    Shape {
        rows: config.input.channels * c.size * c.size,
        row_len: c.kernels,
        lanes: config.hardware.conv_lanes,
        bits: Capacities::weight_bits_of(config),
    }
}

/// FC layer `k`'s weights (select `1 + k`): one row per input.
pub fn fc_layer(chip: &Chip, k: usize) -> Shape {
    let layer = &chip.layers()[k];
    Shape {
        rows: layer.inputs(),
        row_len: layer.neurons(),
        lanes: chip.config().hardware.fc_lanes,
        bits: Capacities::weight_bits_of(chip.config()),
    }
}

/// Bytes of a memory word on the host link of the chip of `config` (8, or 16 for a
/// configuration word above 64 bits: hdl `host_link::LINK_WORD_BITS`).
pub fn word_bytes(config: &Config) -> usize {
    let bits = cfg_data_bits(config.hardware.fc_lanes, Capacities::weight_bits_of(config));
    link_word_bits(bits) / 8
}

/// Elements (golden storage order, row-major) into memory words (golden's packing, the one
/// the RTL's word requests use).
pub fn pack(shape: Shape, elements: &[i16]) -> Vec<u128> {
    assert_eq!(elements.len(), shape.elements(), "elements of {shape:?}");
    memory_words(elements, shape.row_len, shape.lanes, shape.bits)
}

/// Memory words back into elements (each lane sign-extended), padding lanes dropped.
pub fn unpack(shape: Shape, words: &[u128]) -> Vec<i16> {
    assert_eq!(words.len(), shape.words(), "words of {shape:?}");
    memory_elements(words, shape.row_len, shape.lanes, shape.bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_padded_to_whole_words_and_round_trip() {
        let shape = Shape {
            rows: 2,
            row_len: 10,
            lanes: 8,
            bits: 8,
        };
        let elements: Vec<i16> = (0..20).map(|i| i - 10).collect();
        let words = pack(shape, &elements);
        assert_eq!(words.len(), 4);
        // Row 0: elements -10..-3 in word 0 (lane 0 = -10 = 0xF6), -2, -1 in word 1.
        assert_eq!(words[0], 0xFDFC_FBFA_F9F8_F7F6);
        assert_eq!(words[1], 0xFFFE);
        assert_eq!(words[3], 0x0908);
        assert_eq!(unpack(shape, &words), elements);
    }

    #[test]
    fn the_default_memories_have_the_rtl_word_counts() {
        let config = Config::default();
        let chip = Chip::new(&config);
        assert_eq!(kernels(&config).words(), 98);
        assert_eq!(fc_layer(&chip, 0).words(), 13_312);
        assert_eq!(fc_layer(&chip, 1).words(), 200);
        assert_eq!(word_bytes(&config), 8);
    }

    /// 16 lanes of 8-bit weights make 128-bit words, 16 bytes on the link; of 4 bits, 8.
    #[test]
    fn sixteen_lanes_of_bytes_take_sixteen_byte_link_words() {
        let mut config = Config::default();
        config.hardware.conv_lanes = 16;
        config.hardware.fc_lanes = 16;
        assert_eq!(word_bytes(&config), 16);
        config.conv.weight_bits = 4;
        config.fc.weight_bits = 4;
        assert_eq!(word_bytes(&config), 8);
    }
}
