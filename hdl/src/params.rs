//! Everything the RTL takes from `golden::config::Config`, computed once at generation time.
//!
//! rust_hdl widths are Rust const generics, fixed when this crate is compiled, so the RTL has
//! compiled *capacities* (lanes, lane widths, memory address widths: golden `Capacities`, written
//! by `build.rs`) and takes every size, bound, shift and seed from the `Config` as a constant (a
//! Verilog `localparam`). [`Params::new`] checks that a `Config` fits the compiled capacities and
//! names the field that does not; [`Params::new_for`] checks it against others (the generator,
//! `generator.rs`, compiles this crate again with the capacities a config needs).

use golden::config::Config;
use golden::fixed::{max_signed, min_signed};

// The capacities the crate is compiled with (`build.rs`: golden `Capacities`, the default
// config's unless the generator sets `SPOON_RTL_CAPACITIES`): `CONV_LANES`, `FC_LANES`,
// `KERNEL_BITS`, `MEMBRANE_BITS`, `COUNT_BITS`, `FC_WEIGHT_BITS`, `INPUT_BITS`, `ACC_BITS`,
// `KERNEL_ADDR_BITS`, `MEMBRANE_ADDR_BITS`, `HIDDEN_ADDR_BITS`, `OUTPUT_ADDR_BITS`,
// `ACC_ADDR_BITS`, `FIFO_ADDR_BITS`, `CFG_ADDRESS_BITS`, `HIDDEN_LAYERS`, and all of them as
// `COMPILED`.
include!(concat!(env!("OUT_DIR"), "/capacities.rs"));

/// FC layers: the hidden layers, then the output layer.
pub const FC_LAYERS: usize = HIDDEN_LAYERS + 1;
/// Bits of an FC layer index `0..FC_LAYERS` (at least 1).
pub const LAYER_BITS: usize = if FC_LAYERS <= 2 {
    1
} else if FC_LAYERS <= 4 {
    2
} else {
    3
};

/// One neuron of the membrane map: potential (low bits) then counter.
pub const NEURON_BITS: usize = MEMBRANE_BITS + COUNT_BITS;
/// Kernel memory word: `CONV_LANES` weights.
pub const KERNEL_WORD: usize = CONV_LANES * KERNEL_BITS;
/// Membrane memory word: `CONV_LANES` neurons.
pub const MEMBRANE_WORD: usize = CONV_LANES * NEURON_BITS;
/// FC weight memory word: `FC_LANES` weights.
pub const FC_WORD: usize = FC_LANES * FC_WEIGHT_BITS;
/// FC input word handed to the scanners: `FC_LANES` inputs.
pub const INPUT_WORD: usize = FC_LANES * INPUT_BITS;
/// Accumulator memory word: `FC_LANES` accumulators.
pub const ACC_WORD: usize = FC_LANES * ACC_BITS;
/// Bits of a lane's bit offset in a word of `word` bits (a shift amount; at least 8).
pub const fn offset_bits(word: usize) -> usize {
    let mut bits = 8;
    while (1 << bits) < word {
        bits += 1;
    }
    bits
}
/// Offsets of a lane in a membrane word and in an accumulator word (above 255 with 16 lanes).
pub const MEMBRANE_OFFSET_BITS: usize = offset_bits(MEMBRANE_WORD);
pub const ACC_OFFSET_BITS: usize = offset_bits(ACC_WORD);
/// Data of the configuration port (`cfg_wdata`, `cfg_rdata`): one kernel or FC weight word, so
/// that a word request moves a whole memory word, and at least the 16 bits of an element
/// (golden `cfg_data_bits`; kernel and FC weight lanes are both `KERNEL_BITS` wide).
pub const CFG_DATA_BITS: usize = golden::cycle::config_port::cfg_data_bits(CONV_LANES, KERNEL_BITS);
/// The sign fill of a `bits`-bit two's-complement value in a `width`-bit word: ones in bits
/// `bits..width` (OR-ed in when the value's sign bit is set, so no adder extends it).
pub const fn sign_fill(bits: usize, width: usize) -> u64 {
    (u64::MAX >> (64 - width)) & !((1u64 << bits) - 1)
}
/// `log2(FC_LANES)`: a column's lane is its low `FC_LANES_LOG2` bits, its lane group the rest.
pub const FC_LANES_LOG2: u64 = FC_LANES.trailing_zeros() as u64;
/// The last lane's index (`FC_LANES − 1`), also the mask of a column's lane bits.
pub const LAST_LANE: u64 = FC_LANES as u64 - 1;
/// Bits of a lane index register (at least 1).
pub const LANE_BITS: usize = if FC_LANES > 2 {
    FC_LANES.trailing_zeros() as usize
} else {
    1
};

// A word request of the configuration port moves a kernel word or an FC weight word alike, and
// the scan hands a membrane word to the FC engine as one input word: one lane count, a power
// of two.
const _: () =
    assert!(KERNEL_WORD == FC_WORD && CONV_LANES == FC_LANES && FC_LANES.is_power_of_two());

// The scan addresses the membrane map and the accumulator memory with one address.
const _: () = assert!(ACC_ADDR_BITS <= MEMBRANE_ADDR_BITS);

/// A `Config` the compiled RTL cannot hold, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the RTL cannot hold `{field}`: {problem}")]
pub struct CapacityError {
    pub field: &'static str,
    pub problem: String,
}

fn need(
    ok: bool,
    field: &'static str,
    problem: impl FnOnce() -> String,
) -> Result<(), CapacityError> {
    if ok {
        Ok(())
    } else {
        Err(CapacityError {
            field,
            problem: problem(),
        })
    }
}

/// The first of `fields` (sizes that grow a memory or a word) set above the default config's,
/// whose memories the capacities are exactly; `otherwise` when none is. It names the field that
/// made a memory too big (`input.channels = 2` of configs/nmnist.toml, not `conv.kernels`).
fn grown_field(config: &Config, fields: &[&'static str], otherwise: &'static str) -> &'static str {
    let d = Config::default();
    let grown = |field: &str| match field {
        "input.channels" => config.input.channels > d.input.channels,
        "input.width" => config.input.width > d.input.width,
        "input.height" => config.input.height > d.input.height,
        "conv.size" => config.conv.size > d.conv.size,
        "conv.kernels" => config.conv.kernels > d.conv.kernels,
        _ => false,
    };
    fields
        .iter()
        .copied()
        .find(|f| grown(f))
        .unwrap_or(otherwise)
}

pub use golden::cycle::capacities::address_bits;
pub use golden::cycle::{Capacities, FcLayout};

/// The most hidden layers (golden's limit): the FC engine's per-layer constants are arrays of
/// this many, of which the first `Params::hidden_layers` are used.
pub const MAX_HIDDEN: usize = golden::cycle::MAX_HIDDEN;

/// The most lanes the RTL blocks are written for (golden's cycle model holds 16: a word of 16
/// weight lanes of 8 bits is a `u128`, the widest configuration word).
pub const MAX_LANES: usize = golden::cycle::LANES;

/// The widest weight lane the RTL blocks are written for (golden `Capacities::LANE_WIDTHS`);
/// narrower weights are stored in lanes of their width.
pub const MAX_WEIGHT_BITS: usize = golden::cycle::Capacities::LANE_WIDTHS.kernel_bits;

/// The widest membrane lane: the integrate-and-fire unit forms its sum and reset value in 16
/// bits, which a potential of 15 bits plus a weight of 8 cannot overflow.
pub const MAX_MEMBRANE_BITS: usize = 15;

// Every membrane word (lanes × (potential + counter) bits, counters of up to 8 bits) and
// accumulator word (lanes × at most 32 bits) fits golden's `Wide`.
const _: () = assert!(
    MAX_LANES * (MAX_MEMBRANE_BITS + 8) <= golden::cycle::Wide::BITS
        && MAX_LANES * golden::config::MAX_ACCUMULATOR_BITS as usize <= golden::cycle::Wide::BITS
);

/// The shape the generator builds: 1, 2, 4, 8 or 16 lanes, as many in the FC engine as in the
/// convolution engine, and lane groups an 8-bit group counter can count (the generator builds
/// every other capacity to fit; see golden `Capacities::LANE_WIDTHS`).
pub fn check_generated_shape(config: &Config) -> Result<(), CapacityError> {
    let h = &config.hardware;
    need(
        h.conv_lanes.is_power_of_two() && h.conv_lanes <= MAX_LANES,
        "hardware.conv_lanes",
        || {
            format!(
                "{} lanes: the RTL has 1, 2, 4, 8 or 16 (a lane index is a bit field of an \
                 element's column; 16 lanes of 8-bit weights make the widest configuration word, \
                 128 bits)",
                h.conv_lanes
            )
        },
    )?;
    need(h.fc_lanes == h.conv_lanes, "hardware.fc_lanes", || {
        format!(
            "{} FC lanes and {} conv lanes: the RTL has one lane count (the scan hands a membrane \
             word to the FC engine as one input word)",
            h.fc_lanes, h.conv_lanes
        )
    })?;
    let groups = std::iter::once(config.conv.kernels)
        .chain(config.fc_outputs())
        .map(|n| n.div_ceil(h.fc_lanes.max(1)))
        .max()
        .unwrap_or(0);
    need(groups <= 256, "hardware.fc_lanes", || {
        format!(
            "{} lanes make {groups} lane groups in a layer; the group counters have 8 bits",
            h.fc_lanes
        )
    })?;
    // Weight lanes take the wider of the two weight widths (golden
    // `Capacities::weight_bits_of`), up to the 8 bits of the lanes' multipliers and adders.
    for (field, bits) in [
        ("conv.weight_bits", config.conv.weight_bits),
        ("fc.weight_bits", config.fc.weight_bits),
    ] {
        need(bits as usize <= MAX_WEIGHT_BITS, field, || {
            format!(
                "{bits} bits: weight lanes hold at most {MAX_WEIGHT_BITS} (the FC lane's \
                 product and the convolution's sum are formed in 16 bits)"
            )
        })?;
    }
    let membrane = config.conv.membrane_bits as usize;
    need(membrane <= MAX_MEMBRANE_BITS, "conv.membrane_bits", || {
        format!(
            "{membrane} bits: membrane lanes hold at most {MAX_MEMBRANE_BITS} (the \
             integrate-and-fire sum is formed in 16 bits)"
        )
    })?;
    // Every hidden layer count golden validates (1 to 4) is generated.
    let caps = Capacities {
        hidden_layers: config.fc.hidden.len(),
        ..Capacities::of_lanes(h.conv_lanes)
    };
    check_shape(config, &caps)
}

/// The shape the RTL blocks are written for: hidden layers and lanes (the generator builds
/// every other capacity to fit; see golden `Capacities::LANE_WIDTHS`).
pub fn check_shape(config: &Config, caps: &Capacities) -> Result<(), CapacityError> {
    let h = &config.hardware;
    let shape = [
        (
            "fc.hidden",
            "hidden layer",
            config.fc.hidden.len(),
            caps.hidden_layers,
        ),
        (
            "hardware.conv_lanes",
            "lanes",
            h.conv_lanes,
            caps.conv_lanes,
        ),
        ("hardware.fc_lanes", "lanes", h.fc_lanes, caps.fc_lanes),
    ];
    for (field, what, got, built) in shape {
        need(got == built, field, || {
            format!("the RTL has {built} {what}, the config {got}")
        })?;
    }
    Ok(())
}

/// The constants of one configuration, as the RTL uses them. Signed bounds are held as `i64`
/// and enter the RTL as two's-complement bit patterns of their lane width.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Params {
    pub width: usize,
    pub height: usize,
    pub channels: usize,
    pub kernels: usize,
    pub size: usize,
    pub stride: usize,
    pub out_w: usize,
    pub out_h: usize,
    /// `⌈kernels / CONV_LANES⌉`: kernel (and membrane) words per tap (per position).
    pub conv_groups: usize,
    /// Words of the kernel memory: `channels · size² · conv_groups`.
    pub kernel_words: usize,
    /// Words of the membrane memory: `out_w · out_h · conv_groups`.
    pub membrane_words: usize,
    pub membrane_lo: i64,
    pub membrane_hi: i64,
    pub threshold: i64,
    pub count_max: u64,
    /// Neurons of the hidden layer.
    pub hidden: usize,
    pub classes: usize,
    /// Inputs of FC layer 0 (convolution neurons).
    pub conv_neurons: usize,
    /// `⌈hidden / FC_LANES⌉`.
    pub hidden_groups: usize,
    /// `⌈classes / FC_LANES⌉`.
    pub output_groups: usize,
    pub fc_weight_lo: i64,
    pub fc_weight_hi: i64,
    pub activation_max: i64,
    pub output_shift: usize,
    pub probability_bits: usize,
    pub output_lr_shift: usize,
    pub target_projection_seed: u32,
    pub rounding_seed: u32,
    pub fifo_depth: usize,
    pub accumulator_bits: Vec<u32>,
    /// Hidden layers, their activation and learning-rate shifts (after reset), and the FC
    /// layers' places in the memories (golden `FcLayout`: layers 1.. in the output weight memory).
    pub hidden_layers: usize,
    pub activation_shifts: Vec<usize>,
    pub hidden_lr_shifts: Vec<usize>,
    pub fc: FcLayout,
    /// The learning unit is generated (`hardware.learning`); without it the update datapath,
    /// rounding LFSR, target projection and registers 0–5 are tied off and Yosys removes them.
    pub learning: bool,
}

impl Params {
    /// The constants of `config` (validated), or the first field the compiled RTL
    /// ([`COMPILED`]) cannot hold.
    pub fn new(config: &Config) -> Result<Self, CapacityError> {
        Self::new_for(config, &COMPILED)
    }

    /// The constants of `config` in an RTL of capacities `caps`, or the first field it cannot
    /// hold: [`Capacities::of`] gives the capacities of the chip generated for `config`, and
    /// this refuses what the generator does not build (lanes, lane widths, hidden layers).
    pub fn new_for(config: &Config, caps: &Capacities) -> Result<Self, CapacityError> {
        let (out_w, out_h) = config.conv_out_side();
        let c = &config.conv;
        let conv_groups = c.kernels.div_ceil(caps.conv_lanes);
        let hidden = config.fc.hidden.first().copied().unwrap_or(0);
        let p = Params {
            width: config.input.width,
            height: config.input.height,
            channels: config.input.channels,
            kernels: c.kernels,
            size: c.size,
            stride: c.stride,
            out_w,
            out_h,
            conv_groups,
            kernel_words: config.input.channels * c.size * c.size * conv_groups,
            membrane_words: out_w * out_h * conv_groups,
            membrane_lo: min_signed(c.membrane_bits).into(),
            membrane_hi: max_signed(c.membrane_bits).into(),
            threshold: c.threshold.into(),
            count_max: config.spike_count_max() as u64,
            hidden,
            classes: config.fc.classes,
            conv_neurons: config.conv_neurons(),
            hidden_groups: hidden.div_ceil(caps.fc_lanes),
            output_groups: config.fc.classes.div_ceil(caps.fc_lanes),
            fc_weight_lo: min_signed(config.fc.weight_bits).into(),
            fc_weight_hi: max_signed(config.fc.weight_bits).into(),
            activation_max: config.activation_max().into(),
            output_shift: config.fc.output_shift as usize,
            probability_bits: config.fc.probability_bits as usize,
            output_lr_shift: config.learning.output_lr_shift as usize,
            target_projection_seed: config.learning.target_projection_seed,
            rounding_seed: config.learning.rounding_seed,
            fifo_depth: config.hardware.fifo_depth,
            accumulator_bits: (0..=config.fc.hidden.len())
                .map(|k| config.fc_accumulator_bits(k))
                .collect(),
            hidden_layers: config.fc.hidden.len(),
            activation_shifts: config
                .fc
                .activation_shifts
                .iter()
                .map(|&s| s as usize)
                .collect(),
            hidden_lr_shifts: config
                .learning
                .hidden_lr_shifts
                .iter()
                .map(|&s| s as usize)
                .collect(),
            fc: FcLayout::of(config, caps.fc_lanes.max(1)),
            learning: config.hardware.learning,
        };
        p.check(config, caps)?;
        Ok(p)
    }

    fn check(&self, config: &Config, caps: &Capacities) -> Result<(), CapacityError> {
        let Capacities {
            kernel_bits,
            membrane_bits,
            count_bits,
            fc_weight_bits,
            input_bits,
            acc_bits,
            hidden_addr_bits,
            output_addr_bits,
            acc_addr_bits,
            fifo_addr_bits,
            cfg_address_bits,
            ..
        } = *caps;
        check_shape(config, caps)?;
        let widths = [
            (
                "conv.weight_bits",
                config.conv.weight_bits as usize,
                kernel_bits,
            ),
            (
                "conv.membrane_bits",
                config.conv.membrane_bits as usize,
                membrane_bits,
            ),
            (
                "conv.spike_count_bits",
                config.conv.spike_count_bits as usize,
                count_bits,
            ),
            (
                "fc.weight_bits",
                config.fc.weight_bits as usize,
                fc_weight_bits,
            ),
            (
                "fc.activation_bits",
                config.fc.activation_bits as usize,
                input_bits,
            ),
        ];
        for (field, got, cap) in widths {
            need(got <= cap, field, || {
                format!("{got} bits, the RTL lane holds {cap}")
            })?;
        }
        for (k, &bits) in self.accumulator_bits.iter().enumerate() {
            need(bits as usize <= acc_bits, "fc.hidden", || {
                format!(
                    "FC layer {k} needs a {bits}-bit accumulator, the RTL lane holds {acc_bits}"
                )
            })?;
        }
        let (pb, ob) = (self.probability_bits, self.output_lr_shift);
        need(pb < input_bits, "fc.probability_bits", || {
            format!("{pb} must be below {input_bits}")
        })?;
        need(ob <= 16, "learning.output_lr_shift", || {
            format!("{ob} > 16")
        })?;
        self.check_conv(config, caps)?;
        let words = [
            ("fc.hidden", self.hidden_weight_words(), hidden_addr_bits),
            // The scan's row register addresses the output weight memory too.
            ("fc.hidden", self.output_weight_words(), hidden_addr_bits),
            ("fc.classes", self.output_weight_words(), output_addr_bits),
            ("fc.hidden", self.acc_words(), acc_addr_bits),
            ("hardware.fifo_depth", self.fifo_depth, fifo_addr_bits),
        ];
        for (field, n, bits) in words {
            need(address_bits(n) <= bits, field, || {
                format!(
                    "needs a memory of {n} words, the RTL addresses {}",
                    1usize << bits
                )
            })?;
        }
        let largest = self.largest_cfg_address();
        need(
            address_bits(largest + 1) <= cfg_address_bits,
            "fc.hidden",
            || format!("configuration address {largest} needs more than {cfg_address_bits} bits"),
        )?;
        // The board's host link carries a 3-byte address (docs/HOST.md).
        need(cfg_address_bits <= 24, "fc.hidden", || {
            format!("configuration address {largest} needs more than the host link's 24 bits")
        })
    }

    /// The convolution engine's address constants and axis ROMs fit their words: the kernel
    /// memory (input channels, then taps, then kernel groups) and the membrane map (output
    /// positions, then kernel groups), each addressed with its steps held in an address word.
    fn check_conv(&self, config: &Config, caps: &Capacities) -> Result<(), CapacityError> {
        let (kernel_addr_bits, membrane_addr_bits) =
            (caps.kernel_addr_bits, caps.membrane_addr_bits);
        let g = self.conv_groups;
        let kernel_cap = 1usize << kernel_addr_bits;
        let membrane_cap = 1usize << membrane_addr_bits;
        let kernel_field = grown_field(
            config,
            &["input.channels", "conv.size", "conv.kernels"],
            "conv.kernels",
        );
        need(self.kernel_words <= kernel_cap, kernel_field, || {
            format!(
                "{} channel(s) × {}² taps × {g} kernel group(s) = {} kernel words, the RTL \
                 addresses {kernel_cap}",
                self.channels, self.size, self.kernel_words
            )
        })?;
        need(self.size * self.size * g < kernel_cap, "conv.size", || {
            format!(
                "the channel offset {}² × {g} = {} does not fit the {kernel_addr_bits}-bit \
                 kernel address",
                self.size,
                self.size * self.size * g
            )
        })?;
        let row_step = self.stride * self.size * g;
        need(row_step < kernel_cap, "conv.stride", || {
            format!(
                "the kernel step {} × {} × {g} = {row_step} of one output row does not fit \
                 the {kernel_addr_bits}-bit kernel address",
                self.stride, self.size
            )
        })?;
        let membrane_field = grown_field(
            config,
            &["input.width", "input.height", "conv.kernels"],
            "conv.stride",
        );
        need(self.membrane_words <= membrane_cap, membrane_field, || {
            format!(
                "{}×{} output positions × {g} kernel group(s) = {} membrane words, the RTL \
                 addresses {membrane_cap}",
                self.out_w, self.out_h, self.membrane_words
            )
        })?;
        need(self.out_w * g < membrane_cap, membrane_field, || {
            format!(
                "the membrane row step {} × {g} does not fit the {membrane_addr_bits}-bit \
                 membrane address",
                self.out_w
            )
        })
    }

    /// The largest element address of the configuration port (FC layer 0 weights, usually),
    /// or word count a word request is compared with.
    pub fn largest_cfg_address(&self) -> usize {
        let fc = &self.fc;
        // FC layer k: `inputs · N_k` elements; the word counts the port compares a word
        // request's address with.
        let fc_layers =
            (0..fc.neurons.len()).flat_map(|k| [fc.inputs[k] * fc.neurons[k], fc.words[k] + 1]);
        [
            self.kernel_words / self.conv_groups * self.kernels,
            2 * self.conv_neurons,
            self.kernel_words + 1,
        ]
        .into_iter()
        .chain(fc_layers)
        .max()
        .unwrap_or(1)
            - 1
    }

    /// The words of the accumulator memory: the words of each hidden layer, then the scores.
    pub fn acc_words(&self) -> usize {
        self.fc.groups.iter().sum()
    }

    /// Words of FC layer 0's weight memory: `conv_neurons · ⌈hidden / FC_LANES⌉`.
    pub fn hidden_weight_words(&self) -> usize {
        self.conv_neurons * self.hidden_groups
    }

    /// Words of the output weight memory: FC layers 1.. (the output layer: `hidden ·
    /// ⌈classes / FC_LANES⌉` with one hidden layer), one after the other.
    pub fn output_weight_words(&self) -> usize {
        self.fc.words[1..].iter().sum()
    }
}

/// Two's-complement bit pattern of `v` in `bits` bits.
pub fn twos(v: i64, bits: usize) -> u64 {
    (v as u64) & ((1u64 << bits) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacities_are_those_of_the_default_config() {
        let config = Config::default();
        let p = Params::new(&config).expect("the default fits");
        assert_eq!(config.conv.weight_bits as usize, KERNEL_BITS);
        assert_eq!(config.conv.membrane_bits as usize, MEMBRANE_BITS);
        assert_eq!(config.conv.spike_count_bits as usize, COUNT_BITS);
        assert_eq!(config.fc.weight_bits as usize, FC_WEIGHT_BITS);
        assert_eq!(config.fc.activation_bits as usize, INPUT_BITS);
        assert_eq!(*p.accumulator_bits.iter().max().unwrap() as usize, ACC_BITS);
        assert_eq!(address_bits(p.kernel_words), KERNEL_ADDR_BITS);
        assert_eq!(address_bits(p.membrane_words), MEMBRANE_ADDR_BITS);
        assert_eq!(
            address_bits(p.conv_neurons * p.hidden_groups),
            HIDDEN_ADDR_BITS
        );
        assert_eq!(address_bits(p.hidden * p.output_groups), OUTPUT_ADDR_BITS);
        assert_eq!(address_bits(p.acc_words()), ACC_ADDR_BITS);
        assert_eq!(address_bits(p.fifo_depth), FIFO_ADDR_BITS);
        assert_eq!(address_bits(p.largest_cfg_address() + 1), CFG_ADDRESS_BITS);
        assert_eq!(
            (p.kernel_words, p.membrane_words, p.hidden_groups),
            (98, 128, 13)
        );
    }

    #[test]
    fn a_config_beyond_the_capacity_names_its_field() {
        let mut config = Config::default();
        config.fc.weight_bits = 10;
        let e = Params::new(&config).unwrap_err();
        assert_eq!(e.field, "fc.weight_bits");
        let mut config = Config::default();
        config.hardware.fc_lanes = 4;
        assert_eq!(Params::new(&config).unwrap_err().field, "hardware.fc_lanes");
    }

    /// Stride 10 passes `Config::validate` and used to panic inside rust_hdl (a kernel step
    /// of 10 × 7 × 2 = 140 in a 7-bit constant).
    #[test]
    fn a_long_stride_is_refused_naming_conv_stride() {
        let mut config = Config::default();
        config.conv.stride = 10;
        config.validate().unwrap();
        let e = Params::new(&config).unwrap_err();
        assert_eq!(e.field, "conv.stride");
        assert_eq!(
            e.to_string(),
            "the RTL cannot hold `conv.stride`: the kernel step 10 × 7 × 2 = 140 of one output \
             row does not fit the 7-bit kernel address"
        );
    }

    /// configs/nmnist.toml: two channels of 7×7 taps for 16 kernels need 196 kernel words;
    /// the cause is `input.channels = 2` (one channel fits), not `conv.kernels`.
    #[test]
    fn two_channels_are_named_as_the_cause_of_a_full_kernel_memory() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../configs/nmnist.toml");
        let config = Config::from_file(std::path::Path::new(path)).unwrap();
        let e = Params::new(&config).unwrap_err();
        assert_eq!(e.field, "input.channels", "{e}");
        assert!(e
            .to_string()
            .contains("2 channel(s) × 7² taps × 2 kernel group(s) = 196"));
        let mut more = Config::default();
        more.conv.kernels = 24;
        more.hardware.conv_lanes = 8;
        assert_eq!(Params::new(&more).unwrap_err().field, "conv.kernels");
    }

    #[test]
    fn tiny_config_fits() {
        let p = Params::new(&crate::tiny_config()).unwrap();
        assert_eq!(
            (p.out_w, p.out_h, p.conv_groups, p.hidden_groups),
            (2, 2, 1, 1)
        );
    }
}
