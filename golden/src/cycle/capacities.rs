//! The RTL's capacities: the lanes, lane widths and address widths its Verilog is generated
//! with (hdl `params.rs` takes them as its Rust const generics, docs/RTL.md § "The generator").
//! [`Capacities::of`] derives them from a `Config`: the address widths are those its memory
//! depths, address steps and configuration addresses need, so a generated chip is exactly as
//! wide as its config, with the config's lanes (equal conv and FC lanes, a power of two up to
//! 8). Weight lanes are as wide as the config's wider weights ([`Capacities::weight_bits_of`]),
//! membrane lanes as its potentials; the other lane widths are those the RTL blocks are
//! written for
//! ([`Capacities::LANE_WIDTHS`], also the widest weight lane); a config beyond them is refused
//! by hdl `Params::new`.
//!
//! The cycle-stepped model wraps its addresses at these widths, as the RTL's counters do.

use super::Sizes;
use crate::config::Config;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capacities {
    /// Kernels per cycle of the convolution engine, neurons per cycle of the FC engine.
    pub conv_lanes: usize,
    pub fc_lanes: usize,
    /// Two's-complement lane widths: kernel weight (= `fc_weight_bits`), membrane potential;
    /// unsigned spike counter.
    pub kernel_bits: usize,
    pub membrane_bits: usize,
    pub count_bits: usize,
    /// FC weight and FC input (spike counts and activations) lanes, accumulator lane.
    pub fc_weight_bits: usize,
    pub input_bits: usize,
    pub acc_bits: usize,
    /// Word address widths of the kernel memory, membrane map, FC layer 0 weights, output
    /// weights, accumulator memory and AER FIFO.
    pub kernel_addr_bits: usize,
    pub membrane_addr_bits: usize,
    pub hidden_addr_bits: usize,
    pub output_addr_bits: usize,
    pub acc_addr_bits: usize,
    pub fifo_addr_bits: usize,
    /// Element address of the configuration port (its divider takes one cycle per bit).
    pub cfg_address_bits: usize,
    pub hidden_layers: usize,
}

/// Bits of an unsigned address of `n` words (at least 1).
pub fn address_bits(n: usize) -> usize {
    (usize::BITS - n.saturating_sub(1).leading_zeros()).max(1) as usize
}

impl Capacities {
    /// Lane widths the RTL blocks are written for (FC input bits, the widest kernel and FC
    /// weight lanes, hidden layers): the default config's, with its 8 lanes (the most the blocks
    /// have). The lanes, the weight and membrane lanes, the spike counter and the accumulator
    /// are as the config needs.
    pub const LANE_WIDTHS: Self = Self {
        conv_lanes: 8,
        fc_lanes: 8,
        kernel_bits: 8,
        membrane_bits: 12,
        count_bits: 2,
        fc_weight_bits: 8,
        input_bits: 8,
        acc_bits: 22,
        kernel_addr_bits: 0,
        membrane_addr_bits: 0,
        hidden_addr_bits: 0,
        output_addr_bits: 0,
        acc_addr_bits: 0,
        fifo_addr_bits: 0,
        cfg_address_bits: 0,
        hidden_layers: 1,
    };

    /// [`Self::LANE_WIDTHS`] with `lanes` lanes in both engines.
    pub fn of_lanes(lanes: usize) -> Self {
        Self {
            conv_lanes: lanes,
            fc_lanes: lanes,
            ..Self::LANE_WIDTHS
        }
    }

    /// The capacities of the chip generated for `config` (validated).
    pub fn of(config: &Config) -> Self {
        Sizes::new(config).caps
    }

    /// The address widths `s` needs, with its lanes, weight and membrane lanes, and the other
    /// lane widths of [`Self::LANE_WIDTHS`].
    pub(super) fn needed(s: &Sizes) -> Self {
        let g = s.conv_groups;
        // The convolution engine steps its kernel address by a channel (`size² · G`) and by an
        // output row (`stride · size · G`) and its membrane address by a row (`out_w · G`);
        // the scan shares the membrane map's address with the accumulator memory.
        let kernel = s
            .kernel_words
            .max(s.taps_per_channel * g + 1)
            .max(s.stride * s.size * g + 1);
        let membrane = s.membrane_words.max(s.out_w * g + 1).max(s.acc_words);
        // Element addresses of every select, and the word counts word requests compare
        // their address with (one more than a word address: with one lane a memory has as
        // many words as elements).
        // FC layer k: `inputs · N_k` elements, `inputs · G_k` words.
        let fc_layers = (0..s.fc.neurons.len())
            .flat_map(|k| [s.fc.inputs[k] * s.fc.neurons[k], s.fc.words[k] + 1]);
        let largest_element = [s.taps * s.kernels, 2 * s.conv_neurons, s.kernel_words + 1]
            .into_iter()
            .chain(fc_layers)
            .max()
            .unwrap_or(1);
        Self {
            kernel_addr_bits: address_bits(kernel),
            membrane_addr_bits: address_bits(membrane),
            // The scan's row register addresses both weight memories.
            hidden_addr_bits: address_bits(s.hidden_weight_words.max(s.output_weight_words)),
            output_addr_bits: address_bits(s.output_weight_words),
            acc_addr_bits: address_bits(s.acc_words),
            fifo_addr_bits: address_bits(s.fifo_depth),
            cfg_address_bits: address_bits(largest_element),
            count_bits: s.count_bits,
            kernel_bits: s.weight_bits,
            fc_weight_bits: s.weight_bits,
            membrane_bits: s.membrane_bits,
            // An FC lane adds a 16-bit product (`|x · w|, |y · e| ≤ 2^14`) to its accumulator.
            acc_bits: s.acc_bits.max(17),
            hidden_layers: s.hidden_layers,
            conv_lanes: s.lanes,
            fc_lanes: s.lanes,
            ..Self::LANE_WIDTHS
        }
    }

    /// Bits of a weight lane in the kernel and FC weight memories (one format: a word request
    /// moves either memory's word).
    pub fn weight_bits(&self) -> usize {
        self.kernel_bits
    }

    /// The weight lane bits of the chip generated for `config`: the wider of `conv.weight_bits`
    /// and `fc.weight_bits` (the narrower weights are sign-extended in their lanes).
    pub fn weight_bits_of(config: &Config) -> usize {
        config.conv.weight_bits.max(config.fc.weight_bits) as usize
    }

    pub fn kernel_mask(&self) -> usize {
        mask(self.kernel_addr_bits)
    }
    pub fn membrane_mask(&self) -> usize {
        mask(self.membrane_addr_bits)
    }
    pub fn hidden_mask(&self) -> usize {
        mask(self.hidden_addr_bits)
    }
    pub fn output_mask(&self) -> usize {
        mask(self.output_addr_bits)
    }
    pub fn acc_mask(&self) -> usize {
        mask(self.acc_addr_bits)
    }
    pub fn cfg_address_mask(&self) -> usize {
        mask(self.cfg_address_bits)
    }

    /// Cycles from the edge that takes an element read request at the pins to the edge after
    /// which `cfg_rvalid` is high: the pin register, the divider's `cfg_address_bits` steps,
    /// the memory read, the data latched.
    pub fn cfg_read_latency(&self) -> usize {
        self.cfg_address_bits + 4
    }

    /// The capacities as one line of JSON (the generator's build environment, a cache key).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain integers serialise")
    }

    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }
}

fn mask(bits: usize) -> usize {
    (1 << bits) - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default config's capacities (docs/RTL.md § "The generator").
    #[test]
    fn the_default_config_needs_these_capacities() {
        let c = Capacities::of(&Config::default());
        assert_eq!(
            (
                c.kernel_addr_bits,
                c.membrane_addr_bits,
                c.hidden_addr_bits,
                c.output_addr_bits,
                c.acc_addr_bits,
                c.fifo_addr_bits,
                c.cfg_address_bits
            ),
            (7, 7, 14, 8, 4, 4, 17)
        );
        assert_eq!(c.cfg_read_latency(), 21);
        assert_eq!(Capacities::from_json(&c.to_json()).unwrap(), c);
    }

    /// The lanes, spike counter, accumulator and hidden layers are the config's, not
    /// `LANE_WIDTHS`' (8 lanes, 2, 22, 1): tiny with 4 lanes, 3-bit counters and hidden layers of
    /// 8 and 6. Its accumulators: FC layer 0 `32 · 7 · 2^7` (16 bits), layer 1 `8 · 127 · 2^7` =
    /// 130,048 (18 bits), layer 2 `6 · 127 · 2^7` (18).
    #[test]
    fn the_lane_widths_follow_the_config() {
        let mut config = Config::tiny();
        config.conv.spike_count_bits = 3;
        config.fc.hidden = vec![8, 6];
        config.fc.activation_shifts = vec![1, 4];
        config.learning.hidden_lr_shifts = vec![1, 1];
        (config.hardware.conv_lanes, config.hardware.fc_lanes) = (4, 4);
        config.validate().unwrap();
        let c = Capacities::of(&config);
        assert_eq!(
            (
                c.conv_lanes,
                c.fc_lanes,
                c.count_bits,
                c.acc_bits,
                c.hidden_layers
            ),
            (4, 4, 3, 18, 2)
        );
    }

    /// With one lane a memory has as many words as elements, and a word request compares its
    /// address with one more than the last word: tiny's FC layer 0 has `32 · 8` = 256 words, and
    /// 16 kernels of 4 × 4 have 256 kernel words (beside 128 membrane elements and 129 FC words),
    /// so each needs a 9-bit configuration address (their elements alone, 8).
    #[test]
    fn one_lane_addresses_one_past_the_last_word() {
        let mut config = Config::tiny();
        (config.hardware.conv_lanes, config.hardware.fc_lanes) = (1, 1);
        assert_eq!(Capacities::of(&config).cfg_address_bits, 9);
        (config.conv.kernels, config.conv.size) = (16, 4);
        config.fc.hidden = vec![2];
        config.validate().unwrap();
        let s = Sizes::new(&config);
        assert_eq!(
            (s.kernel_words, s.conv_neurons, s.fc.words[0]),
            (256, 64, 128)
        );
        assert_eq!(s.caps.cfg_address_bits, 9);
    }

    /// Each address bound decides a width in some config (8 lanes, tiny otherwise; the
    /// numbers are the bound, then the address bits):
    /// - the kernel memory's channel step `size² · G + 1`, one channel of 4 × 4 in 2 groups: 33
    ///   (6 bits; its 32 words alone, 5);
    /// - its output-row step `stride · size · G + 1`, 2 × 2 at stride 4 in 2 groups: 17 (5;
    ///   the channel step 9);
    /// - the membrane map's row step `out_w · G + 1`, one output row of 8 in 2 groups: 17 (5;
    ///   its 16 words, 4);
    /// - the element addresses `taps · K`, 2 channels of 4 × 4 taps, 16 kernels: 512 (9; the
    ///   FC elements 128);
    /// - the membrane select's `2 · conv_neurons`, 9 × 9 positions of 4 kernels: 648 (10; FC
    ///   layer 0's 324 elements).
    #[test]
    fn every_address_bound_decides_a_width() {
        let tiny =
            |channels: usize, (w, h): (usize, usize), size: usize, stride: usize, k: usize| {
                let mut c = Config::tiny();
                (c.input.channels, c.input.width, c.input.height) = (channels, w, h);
                (c.conv.size, c.conv.stride, c.conv.kernels) = (size, stride, k);
                c
            };
        let channel_step = Capacities::of(&tiny(1, (6, 6), 4, 2, 16));
        assert_eq!(channel_step.kernel_addr_bits, 6);
        let row_step = Capacities::of(&tiny(1, (10, 10), 2, 4, 16));
        assert_eq!(row_step.kernel_addr_bits, 5);
        let membrane_row = Capacities::of(&tiny(1, (9, 2), 2, 1, 16));
        assert_eq!(membrane_row.membrane_addr_bits, 5);
        let taps = Capacities::of(&tiny(2, (4, 4), 4, 1, 16));
        assert_eq!(taps.cfg_address_bits, 9);
        let mut pairs = tiny(1, (10, 10), 2, 1, 4);
        (pairs.fc.hidden, pairs.fc.classes) = (vec![1], 2);
        let s = Sizes::new(&pairs);
        assert_eq!((s.conv_neurons, s.caps.cfg_address_bits), (324, 10));
    }

    /// Weight lanes take the wider of the two weight widths, in both memories; membrane lanes
    /// the potentials' width.
    #[test]
    fn weight_lanes_are_as_wide_as_the_wider_weights() {
        let mut config = Config::tiny();
        assert_eq!(Capacities::of(&config).weight_bits(), 8);
        (config.conv.weight_bits, config.fc.weight_bits) = (5, 6);
        let c = Capacities::of(&config);
        assert_eq!(
            (c.kernel_bits, c.fc_weight_bits, c.weight_bits()),
            (6, 6, 6)
        );
        (config.conv.weight_bits, config.fc.weight_bits) = (4, 3);
        assert_eq!(Capacities::weight_bits_of(&config), 4);
        config.conv.membrane_bits = 9;
        assert_eq!(Capacities::of(&config).membrane_bits, 9);
    }

    /// With one lane FC layer 0 of the tiny config has as many words as weights (32 inputs ×
    /// 8 neurons = 256): the port compares a word address with 256, so it has 9 bits.
    #[test]
    fn the_configuration_address_holds_every_word_count() {
        let mut config = Config::tiny();
        (config.hardware.conv_lanes, config.hardware.fc_lanes) = (1, 1);
        let c = Capacities::of(&config);
        assert_eq!(
            (c.conv_lanes, c.hidden_addr_bits, c.cfg_address_bits),
            (1, 8, 9)
        );
        assert_eq!(Capacities::of(&Config::tiny()).cfg_address_bits, 8);
    }

    #[test]
    fn address_bits_round_up_to_a_power_of_two() {
        let got: Vec<usize> = [0, 1, 2, 3, 4, 5, 128, 129].map(address_bits).to_vec();
        assert_eq!(got, [1, 1, 1, 2, 2, 3, 7, 8]);
    }
}
