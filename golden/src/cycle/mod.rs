//! Cycle-stepped mode of the golden model: every rising clock edge of the RTL top `spoon`
//! (hdl `chip.rs`), with the same port values and a set of architecturally visible taps
//! (`docs/SIM.md` § "Cycle-stepped golden model"). One file per RTL block; the arithmetic is the
//! functional model's (`membrane.rs`, `activation.rs`, `fixed.rs`, `lfsr.rs`,
//! `target_projection.rs`): this module only schedules it.

pub mod capacities;
pub mod config_port;
pub mod conv;
pub mod fc;
pub mod fifo;
pub mod fsm;
pub mod host;
pub mod scan;

use crate::chip::Chip;
use crate::config::Config;
use crate::fc::FcLayer;
use crate::fixed::sext;
use crate::kernel::KernelMemory;
use crate::lfsr::Lfsr;
use crate::membrane::MembraneMap;
pub use capacities::Capacities;
use config_port::*;
use conv::{ConvEngine, ConvIn, MembraneWord};
use fc::{AccWord, FcEngine, FcIn};
use fifo::Fifo;
pub use fsm::Phase;

/// Cycles of the reset sequence: `reset` high for one cycle, taken by its pin register at that
/// edge, resets the chip at the next one (docs/RTL.md § "Pins").
pub const RESET_CYCLES: u64 = 2;

/// The most lanes the cycle model holds: its lane arrays have this many entries, of which the
/// first [`Sizes::lanes`] are the chip's and the rest stay 0 (the RTL's words are that narrow).
/// A weight word of 16 lanes of at most 8 bits fits a `u128`.
pub const LANES: usize = 16;

/// The first `lanes` lanes (up to [`LANES`]) as a bit mask, lane `l` at bit `l`.
pub(crate) fn lane_mask(lanes: usize) -> u32 {
    (1u32 << lanes) - 1
}

/// 64-bit limbs of a [`Wide`] word.
pub const WIDE_LIMBS: usize = 8;

/// A memory word wider than 128 bits, raw (membrane words of up to 16 × 22 bits, accumulator
/// words of up to 16 × 32 bits): little-endian 64-bit limbs, bits past the word 0. `Debug`
/// prints it in hexadecimal, as a mismatch report shows it.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Wide(pub [u64; WIDE_LIMBS]);

impl Wide {
    /// The most bits a `Wide` holds.
    pub const BITS: usize = 64 * WIDE_LIMBS;

    /// `width` (≤ 64) bits from bit `at`; bits past [`Self::BITS`] read 0.
    pub fn bits(&self, at: usize, width: usize) -> u64 {
        (0..width).filter(|b| at + b < Self::BITS).fold(0, |v, b| {
            let i = at + b;
            v | ((self.0[i / 64] >> (i % 64)) & 1) << b
        })
    }

    /// ORs the low `width` (≤ 64) bits of `value` in at bit `at` (below [`Self::BITS`]).
    pub fn place(&mut self, at: usize, width: usize, value: u64) {
        for b in 0..width {
            let i = at + b;
            self.0[i / 64] |= ((value >> b) & 1) << (i % 64);
        }
    }
}

impl std::fmt::Debug for Wide {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let top = self.0.iter().rposition(|&l| l != 0).unwrap_or(0);
        write!(f, "0x{:x}", self.0[top])?;
        self.0[..top]
            .iter()
            .rev()
            .try_for_each(|l| write!(f, "_{l:016x}"))
    }
}

/// The most hidden layers (golden's limit, `Config::validate`).
pub const MAX_HIDDEN: usize = 4;

/// The sizes and constants the blocks use, from the `Config` (as hdl `Params`).
#[derive(Debug, Clone)]
pub struct Sizes {
    pub width: usize,
    pub height: usize,
    pub channels: usize,
    pub kernels: usize,
    pub size: usize,
    pub stride: usize,
    pub out_w: usize,
    pub out_h: usize,
    pub positions: usize,
    pub taps_per_channel: usize,
    pub taps: usize,
    /// Inputs of FC layer 0 (convolution neurons).
    pub conv_neurons: usize,
    pub conv_groups: usize,
    /// Lanes of the convolution and FC engines (`hardware.conv_lanes` = `hardware.fc_lanes`, a
    /// power of two up to [`LANES`]); `lanes_log2` its logarithm.
    pub lanes: usize,
    pub lanes_log2: u32,
    /// Words of the kernel memory, FC layer 0 weights, output weights.
    pub kernel_words: usize,
    pub hidden_weight_words: usize,
    pub output_weight_words: usize,
    pub membrane_words: usize,
    pub hidden: usize,
    pub classes: usize,
    pub hidden_groups: usize,
    pub output_groups: usize,
    pub acc_words: usize,
    /// Hidden layers `H` (1 to 4), and the FC layers' places in the memories.
    pub hidden_layers: usize,
    pub fc: FcLayout,
    /// Per hidden layer: activation shift, learning-rate shift after reset.
    pub activation_shifts: Vec<u32>,
    pub hidden_lr_shifts: Vec<u32>,
    pub ymax: i32,
    pub output_shift: u32,
    pub probability_bits: u32,
    pub output_lr_shift: u32,
    pub projection_seed: u32,
    pub rounding_seed: u32,
    pub fifo_depth: usize,
    /// The chip has its learning unit (`hardware.learning`).
    pub learning: bool,
    /// Membrane potential bits (`conv.membrane_bits`).
    pub membrane_bits: usize,
    /// Weight lane bits: the wider of the kernel and FC weights (both memories' words have one
    /// lane format).
    pub weight_bits: usize,
    /// Spike counter bits; accumulator bits (the widest layer's, `Config::fc_accumulator_bits`).
    pub count_bits: usize,
    pub acc_bits: usize,
    /// The capacities of the RTL being modelled: its address widths wrap the addresses.
    pub caps: Capacities,
}

impl Sizes {
    /// The sizes of `config` in the chip generated for it ([`Capacities::of`]). `config` must
    /// be validated and have the RTL's shape (equal conv and FC lanes, a power of two up to
    /// [`LANES`]: hdl `check_shape`).
    pub fn new(config: &Config) -> Self {
        let mut s = Self::shape(config, Capacities::of_lanes(config.hardware.conv_lanes));
        s.caps = Capacities::needed(&s);
        s
    }

    /// The sizes of `config` in an RTL of capacities `caps` (wider than `config` needs: the
    /// compiled RTL of hdl's in-process simulations holds smaller configs).
    pub fn with_capacities(config: &Config, caps: Capacities) -> Self {
        Self::shape(config, caps)
    }

    fn shape(config: &Config, caps: Capacities) -> Self {
        let lanes = caps.conv_lanes;
        assert!(
            lanes.is_power_of_two() && lanes <= LANES && caps.fc_lanes == lanes,
            "the RTL's lanes: equal conv and FC lanes, a power of two up to {LANES}"
        );
        assert_eq!(
            (config.hardware.conv_lanes, config.hardware.fc_lanes),
            (lanes, lanes)
        );
        let (out_w, out_h) = config.conv_out_side();
        let c = &config.conv;
        let groups = |n: usize| n.div_ceil(lanes);
        let (hidden, classes) = (config.fc.hidden[0], config.fc.classes);
        let fc = FcLayout::of(config, lanes);
        Self {
            width: config.input.width,
            height: config.input.height,
            channels: config.input.channels,
            kernels: c.kernels,
            size: c.size,
            stride: c.stride,
            out_w,
            out_h,
            positions: out_w * out_h,
            taps_per_channel: c.size * c.size,
            taps: config.input.channels * c.size * c.size,
            conv_neurons: config.conv_neurons(),
            conv_groups: groups(c.kernels),
            lanes,
            lanes_log2: lanes.trailing_zeros(),
            kernel_words: config.input.channels * c.size * c.size * groups(c.kernels),
            hidden_weight_words: config.conv_neurons() * groups(hidden),
            output_weight_words: fc.words[1..].iter().sum(),
            membrane_words: out_w * out_h * groups(c.kernels),
            hidden,
            classes,
            hidden_groups: groups(hidden),
            output_groups: groups(classes),
            acc_words: fc.groups.iter().sum(),
            hidden_layers: config.fc.hidden.len(),
            activation_shifts: config.fc.activation_shifts.clone(),
            hidden_lr_shifts: config.learning.hidden_lr_shifts.clone(),
            fc,
            ymax: config.activation_max(),
            output_shift: config.fc.output_shift,
            probability_bits: config.fc.probability_bits,
            output_lr_shift: config.learning.output_lr_shift,
            projection_seed: config.learning.target_projection_seed,
            rounding_seed: config.learning.rounding_seed,
            fifo_depth: config.hardware.fifo_depth,
            learning: config.hardware.learning,
            count_bits: c.spike_count_bits as usize,
            weight_bits: Capacities::weight_bits_of(config),
            membrane_bits: c.membrane_bits as usize,
            acc_bits: (0..=config.fc.hidden.len())
                .map(|k| config.fc_accumulator_bits(k) as usize)
                .max()
                .unwrap_or(1),
            caps,
        }
    }
}

/// Where the FC layers are in the RTL's memories with `L` lanes, per FC layer `k` (the hidden
/// layers, then the output layer at `k = H`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FcLayout {
    /// Inputs, neurons `N_k`, lane groups `G_k = ⌈N_k / L⌉` and weight words `inputs · G_k`.
    pub inputs: Vec<usize>,
    pub neurons: Vec<usize>,
    pub groups: Vec<usize>,
    pub words: Vec<usize>,
    /// First word in its weight memory: FC layer 0 alone in the FC layer 0 memory (0), the
    /// others one after the other in the output weight memory.
    pub weight_base: Vec<usize>,
    /// First accumulator word: `A_k = G_0 + … + G_(k−1)`.
    pub acc_base: Vec<usize>,
}

impl FcLayout {
    pub fn of(config: &Config, lanes: usize) -> Self {
        let inputs = config.fc_inputs();
        let neurons = config.fc_outputs();
        let groups: Vec<usize> = neurons.iter().map(|&n| n.div_ceil(lanes)).collect();
        let words: Vec<usize> = inputs.iter().zip(&groups).map(|(i, g)| i * g).collect();
        let layers = neurons.len();
        Self {
            weight_base: (0..layers)
                .map(|k| words[1..k.max(1)].iter().sum())
                .collect(),
            acc_base: (0..layers).map(|k| groups[..k].iter().sum()).collect(),
            inputs,
            neurons,
            groups,
            words,
        }
    }
}

/// A memory write done at a clock edge: word address and data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Write<T> {
    pub address: usize,
    pub data: T,
}

/// The input ports of `spoon` during one clock cycle (sampled at its rising edge).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PortsIn {
    pub reset: bool,
    pub in_valid: bool,
    /// AER word, 18 bits.
    pub in_data: u32,
    pub cfg_valid: bool,
    pub cfg_write: bool,
    /// A word request: `cfg_address` is a memory word address (selects 0, 1, 2).
    pub cfg_word: bool,
    /// 4 bits.
    pub cfg_select: u8,
    /// 17 bits.
    pub cfg_address: u32,
    /// hdl `CFG_DATA_BITS`, `max(bL, 16)` for `L` lanes of `b` bits (up to 128): an element
    /// write uses bits 15..0, a word write the word's `bL`.
    pub cfg_wdata: u128,
}

/// The output ports of `spoon` after one rising edge (every output is registered or decoded
/// from registers), and optionally the taps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PortsOut {
    pub in_ready: bool,
    pub cfg_ready: bool,
    /// `CFG_DATA_BITS`: an element in bits 15..0 (zeros above), or a word.
    pub cfg_rdata: u128,
    pub cfg_rvalid: bool,
    pub out_valid: bool,
    pub out_class: u8,
    pub busy: bool,
    /// Compared by [`compare_trace`] only when both sides have them.
    pub taps: Option<Taps>,
}

/// Architecturally visible state of one cycle. Registers (`phase`, `fc_phase`, `fc_pass`,
/// `rounding`, `ignored`, `fifo_held`) are their values after the edge; `*_write` are the memory
/// writes done at the edge (`None`: write enable low), with the RTL's word packing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Taps {
    /// Control FSM phase, [`Phase`] as a number (the RTL's encoding).
    pub phase: u8,
    /// FC engine phase and pass, [`fc::FcPhase`], [`fc::FcPass`] as numbers.
    pub fc_phase: u8,
    pub fc_pass: u8,
    /// Rounding LFSR state.
    pub rounding: u32,
    /// Ignored-event counter.
    pub ignored: u16,
    /// Words held by the AER FIFO.
    pub fifo_held: u8,
    /// Membrane map: [`Sizes::lanes`] lanes of `membrane_bits + count_bits` (potential low, counter above).
    pub membrane_write: Option<Write<Wide>>,
    /// Kernel memory, FC layer 0 weights, output weights: [`Sizes::lanes`] lanes of
    /// [`Capacities::weight_bits`].
    pub kernel_write: Option<Write<u128>>,
    pub hidden_weight_write: Option<Write<u128>>,
    pub output_weight_write: Option<Write<u128>>,
    /// Accumulator memory: [`Sizes::lanes`] lanes of `acc_bits`.
    pub accumulator_write: Option<Write<Wide>>,
}

/// Weight lanes as the RTL packs them: lane `l` at bit `bits · l`, `bits` wide
/// ([`Capacities::weight_bits`]; lanes past `w` are 0).
pub fn pack_weights(w: &[i16], bits: usize) -> u128 {
    let mask = (1u128 << bits) - 1;
    w.iter()
        .enumerate()
        .fold(0, |p, (l, &v)| p | (v as u128 & mask) << (bits * l))
}

/// A word of `lanes` weight lanes of `bits` bits as the RTL packs it, unpacked (each lane
/// sign-extended; the lanes past `lanes` are not in the word and are 0).
pub fn unpack_weights(word: u128, lanes: usize, bits: usize) -> [i16; LANES] {
    std::array::from_fn(|l| {
        if l < lanes {
            sext((word >> (bits * l)) as u64, bits) as i16
        } else {
            0
        }
    })
}

/// A membrane word as the RTL packs it (lane `l` at bit `(membrane_bits + count_bits) · l`:
/// potential, then counter).
pub fn pack_membrane(w: &MembraneWord, caps: &Capacities) -> Wide {
    let (mb, cb) = (caps.membrane_bits, caps.count_bits);
    let mut word = Wide::default();
    for (l, &(v, c)) in w.iter().enumerate() {
        let neuron = (v as u64 & ((1 << mb) - 1)) | (c as u64 & ((1 << cb) - 1)) << mb;
        word.place((mb + cb) * l, mb + cb, neuron);
    }
    word
}

/// The processor, cycle by cycle.
#[derive(Debug, Clone)]
pub struct CycleChip {
    s: Sizes,
    fifo: Fifo,
    conv: ConvEngine,
    fc: FcEngine,
    phase: Phase,
    ignored: u16,
    learn: bool,
    label: u8,
    /// Per hidden layer (the first [`Sizes::hidden_layers`]).
    hidden_lr_shifts: [u32; MAX_HIDDEN],
    output_lr_shift: u32,
    projection_seed: u32,
    cfg: CfgPort,
    /// The pin registers: every input as it was in the previous cycle (power-up 0).
    pins: PortsIn,
    /// `in_ready` and `cfg_ready` as they were in the previous cycle: whether the word or the
    /// request in the pin registers was taken.
    in_shown: bool,
    cfg_shown: bool,
    /// `cfg_ready` (registered): high every other cycle while idle, see [`Self::step`].
    cfg_ready: bool,
}

impl CycleChip {
    /// Power-up: every register 0, every memory 0 (the state before the first reset), of the
    /// chip generated for `config` ([`Capacities::of`]).
    pub fn power_up(config: &Config) -> Self {
        Self::power_up_sized(config, Sizes::new(config))
    }

    /// [`Self::power_up`] in an RTL of capacities `caps`.
    pub fn power_up_with_capacities(config: &Config, caps: Capacities) -> Self {
        Self::power_up_sized(config, Sizes::with_capacities(config, caps))
    }

    fn power_up_sized(config: &Config, s: Sizes) -> Self {
        let layers = config
            .fc_inputs()
            .into_iter()
            .zip(config.fc_outputs())
            .map(|(i, o)| FcLayer::zeros(i, o, config.fc.weight_bits))
            .collect();
        Self {
            fifo: Fifo::new(s.fifo_depth),
            conv: ConvEngine::new(&s, KernelMemory::zeros(config), MembraneMap::new(config)),
            fc: FcEngine::new(&s, layers),
            cfg: CfgPort::new(s.caps.cfg_address_bits),
            s,
            phase: Phase::Idle,
            ignored: 0,
            learn: false,
            label: 0,
            hidden_lr_shifts: [0; MAX_HIDDEN],
            output_lr_shift: 0,
            projection_seed: 0,
            pins: PortsIn::default(),
            in_shown: false,
            cfg_shown: false,
            cfg_ready: false,
        }
    }

    /// The state after the reset sequence from power-up ([`RESET_CYCLES`]: one cycle with
    /// `reset` high, one low while the reset pin register resets the chip): idle, registers at
    /// the config values, memories zero.
    pub fn new(config: &Config) -> Self {
        Self::reset_from(Self::power_up(config))
    }

    /// [`Self::new`] in an RTL of capacities `caps` (at least those `config` needs), as hdl's
    /// in-process simulations compile it.
    pub fn with_capacities(config: &Config, caps: Capacities) -> Self {
        Self::reset_from(Self::power_up_sized(
            config,
            Sizes::with_capacities(config, caps),
        ))
    }

    fn reset_from(mut chip: Self) -> Self {
        for cycle in 0..RESET_CYCLES {
            chip.step(&PortsIn {
                reset: cycle == 0,
                ..PortsIn::default()
            });
        }
        chip
    }

    /// After reset, with the memories and the rounding LFSR of a functional `Chip` (as if
    /// written through the configuration port).
    pub fn from_chip(chip: &Chip) -> Self {
        Self::load(Self::new(chip.config()), chip)
    }

    /// [`Self::from_chip`] in an RTL of capacities `caps`.
    pub fn from_chip_with_capacities(chip: &Chip, caps: Capacities) -> Self {
        Self::load(Self::with_capacities(chip.config(), caps), chip)
    }

    fn load(mut c: Self, chip: &Chip) -> Self {
        c.conv.kernels = chip.kernels().clone();
        c.fc.layers = chip.layers().to_vec();
        c.fc.rounding = chip.rounding_lfsr().state();
        let (hidden, output) = chip.learning_shifts();
        c.hidden_lr_shifts[..hidden.len()].copy_from_slice(hidden);
        c.output_lr_shift = output;
        c
    }

    pub fn sizes(&self) -> &Sizes {
        &self.s
    }

    pub fn kernels(&self) -> &KernelMemory {
        &self.conv.kernels
    }

    /// The FC layers: hidden layers, then the output layer.
    pub fn layers(&self) -> &[FcLayer] {
        &self.fc.layers
    }

    pub fn membranes(&self) -> &MembraneMap {
        &self.conv.membranes
    }

    pub fn rounding_lfsr(&self) -> Lfsr {
        Lfsr::new(self.fc.rounding)
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The word the AER FIFO presents: after a pop, the word `Decode` reads.
    pub fn fifo_word(&self) -> u32 {
        self.fifo.out_data()
    }

    /// The learn flag and the label of the last end-of-sample word decoded.
    pub fn sample_label(&self) -> (bool, u8) {
        (self.learn, self.label)
    }

    /// The value of the register at index `index` of select 8, as a read returns it
    /// ([`register_at`]). Without the learning unit, the shifts, rounding LFSR and projection
    /// seed do not exist and read 0.
    pub fn register(&self, index: usize) -> u16 {
        let r = match register_at(index, self.s.hidden_layers) {
            Err(k) if self.s.learning => return self.hidden_lr_shifts[k] as u16,
            Err(_) => return 0,
            Ok(r) => r,
        };
        if !self.s.learning && r <= REG_PROJECTION_HI {
            return 0;
        }
        match r {
            REG_OUTPUT_LR_SHIFT => self.output_lr_shift as u16,
            REG_ROUNDING_LO => self.fc.rounding as u16,
            REG_ROUNDING_HI => (self.fc.rounding >> 16) as u16,
            REG_PROJECTION_LO => self.projection_seed as u16,
            REG_PROJECTION_HI => (self.projection_seed >> 16) as u16,
            REG_CLASS => u16::from(self.fc.decision()),
            REG_STATUS => u16::from(self.phase.busy()),
            REG_IGNORED => self.ignored,
            _ => 0,
        }
    }

    /// The read data of the request in progress (in `CfgData`, from the read registers).
    fn read_data(&self, d: &Decoded, weight_word: &[i16; LANES]) -> u16 {
        if fc_layer_of(self.cfg.select, self.s.hidden_layers).is_some() {
            return i16::from(weight_word[d.lane] as i8) as u16;
        }
        match self.cfg.select {
            SELECT_KERNELS => i16::from(weight_word[d.lane] as i8) as u16,
            SELECT_REGISTERS => self.register(d.column),
            SELECT_SCORES => {
                let z = self.fc.score(d.lane) as u32;
                if d.odd {
                    (z >> 16) as u16
                } else {
                    z as u16
                }
            }
            SELECT_MEMBRANES => {
                let (v, c) = self.conv.membrane_rdata()[d.lane];
                let (mb, cb) = (self.s.caps.membrane_bits, self.s.caps.count_bits);
                if d.odd {
                    (c & ((1 << cb) - 1)) as u16
                } else {
                    (((v as u16) << (16 - mb)) as i16 >> (16 - mb)) as u16
                }
            }
            _ => 0,
        }
    }

    /// One rising clock edge with these inputs; the outputs after it.
    pub fn step(&mut self, i: &PortsIn) -> PortsOut {
        // The core sees the pin registers: the inputs of the previous cycle.
        let p = std::mem::replace(&mut self.pins, *i);
        let in_shown = std::mem::replace(&mut self.in_shown, self.fifo.in_ready());
        let cfg_shown = std::mem::replace(&mut self.cfg_shown, self.cfg_ready);
        let d = self.cfg.decode(&self.s);
        let sel = self.cfg.select;
        let word = self.fifo.out_data();
        // The FC layer of the request's select, if any.
        let fc_layer = fc_layer_of(sel, self.s.hidden_layers);
        let weight_word = match fc_layer {
            Some(0) => self.fc.hidden_rdata(),
            Some(_) => self.fc.output_rdata(),
            None => self.conv.kernel_rdata(),
        };
        // An element write's word, latched in the read data register in `CfgData`, with its
        // lane replaced (written back in `CfgWrite`).
        let bits = self.s.caps.weight_bits();
        let mut merged = unpack_weights(self.cfg.rdata, self.s.lanes, bits);
        merged[d.lane] = sext(u64::from(self.cfg.data), bits) as i16;
        let mut conv_in = ConvIn {
            reset: p.reset,
            x: word as u8,
            y: (word >> 8) as u8,
            channel: word >> 16 & 1 == 1,
            kernel_address: d.word_address & self.s.caps.kernel_mask(),
            kernel_wdata: merged,
            membrane_address: d.word_address & self.s.caps.membrane_mask(),
            ..ConvIn::default()
        };
        let mut fc_in = FcIn {
            reset: p.reset,
            learn: self.learn,
            label: self.label,
            hidden_lr_shifts: self.hidden_lr_shifts,
            output_lr_shift: self.output_lr_shift,
            projection_seed: self.projection_seed,
            input_word: {
                let count_mask = (1 << self.s.caps.count_bits) - 1;
                self.conv
                    .membrane_rdata()
                    .map(|(_, c)| (c & count_mask) as u8)
            },
            mem_select: match fc_layer {
                Some(0) => 0,
                Some(_) => 1,
                None => 2,
            },
            // FC layers 1.. start at their first word in the output weight memory.
            mem_address: (fc_layer.map_or(0, |k| self.s.fc.weight_base[k]) + d.word_address)
                & self.s.caps.hidden_mask(),
            mem_wdata: merged,
            rounding_wdata: self.fc.rounding,
            ..FcIn::default()
        };
        let mut pop = false;
        let mut next = self.phase;
        self.cfg.rvalid = false;
        match self.phase {
            Phase::Idle => {
                // A request taken at the pins in the previous cycle; else, a sample may start
                // only in a cycle where no request can be taken (`cfg_ready` low). A word
                // request is served from the pins now: a write is done (the port stays idle),
                // a read issued.
                if p.cfg_valid && cfg_shown {
                    let ok = CfgPort::word_ok(&self.s, p.cfg_select, p.cfg_address);
                    self.cfg.take(&p, ok);
                    next = Phase::CfgDivide;
                    if p.cfg_word {
                        next = if p.cfg_write {
                            Phase::Idle
                        } else {
                            Phase::CfgData
                        };
                        if ok {
                            word_access(&self.s, &p, &mut conv_in, &mut fc_in);
                        }
                    }
                } else if !self.cfg_ready && !self.fifo.empty() {
                    next = Phase::Clear;
                }
            }
            Phase::Clear => {
                conv_in.start_clear = true;
                fc_in.start_clear = true;
                next = Phase::ClearWait;
            }
            Phase::ClearWait => {
                if !self.conv.busy() && !self.fc.busy() {
                    next = Phase::Fetch;
                }
            }
            Phase::Fetch => {
                if !self.fifo.empty() {
                    pop = true;
                    next = Phase::Decode;
                }
            }
            Phase::Decode => {
                if word >> 17 & 1 == 1 {
                    // A label outside the classes has no target, and a chip without its learning
                    // unit cannot learn: the sample is an inference.
                    self.learn = word >> 16 & 1 == 1
                        && usize::from(word as u8) < self.s.classes
                        && self.s.learning;
                    self.label = word as u8;
                    next = Phase::FcStart;
                } else {
                    conv_in.start_event = true;
                    next = Phase::Integrate;
                }
            }
            Phase::Integrate => next = Phase::IntegrateWait,
            Phase::IntegrateWait => {
                if !self.conv.busy() {
                    next = Phase::Fetch;
                }
            }
            Phase::FcStart => {
                fc_in.start = true;
                next = Phase::FcWait;
            }
            Phase::FcWait => {
                if !self.fc.busy() {
                    next = Phase::Finish;
                }
            }
            Phase::Finish => next = Phase::Idle,
            Phase::CfgDivide => {
                if self.cfg.divide(&self.s) {
                    next = Phase::CfgIssue;
                }
            }
            Phase::CfgIssue => {
                conv_in.kernel_read = sel == SELECT_KERNELS;
                conv_in.membrane_read = sel == SELECT_MEMBRANES;
                fc_in.mem_read = fc_layer.is_some() || sel == SELECT_SCORES;
                next = Phase::CfgData;
            }
            Phase::CfgData => {
                next = Phase::Idle;
                if self.cfg.is_write {
                    self.write_register(&d, &mut fc_in);
                    // A weight's word, read in `CfgIssue` (other selects read none).
                    if sel == SELECT_KERNELS || fc_layer.is_some() {
                        self.cfg.rdata = pack_weights(&weight_word, self.s.caps.weight_bits());
                    }
                    next = Phase::CfgWrite;
                } else {
                    self.cfg.rvalid = true;
                    self.cfg.rdata = match (self.cfg.word, self.cfg.word_valid) {
                        (true, true) => pack_weights(&weight_word, self.s.caps.weight_bits()),
                        (true, false) => 0,
                        (false, _) => u128::from(self.read_data(&d, &weight_word)),
                    };
                }
            }
            Phase::CfgWrite => {
                next = Phase::Idle;
                conv_in.kernel_write = sel == SELECT_KERNELS;
                fc_in.mem_write = fc_layer.is_some();
            }
        }
        let fc_out = self.fc.step(&fc_in);
        if self.phase == Phase::FcWait {
            // The FC engine scans the membrane map's spike counters.
            conv_in.membrane_address = fc_out.input_address;
            conv_in.membrane_read = fc_out.input_read;
        }
        if self.conv.ignored(&conv_in) && self.ignored != u16::MAX {
            self.ignored += 1;
        }
        let (membrane_write, kernel_write) = self.conv.step(&conv_in);
        self.fifo
            .step(p.reset, p.in_valid && in_shown, p.in_data, pop);
        self.phase = next;
        // While idle, `cfg_ready` is high every other cycle: the cycle after one where a request
        // could be taken, the core does not yet know whether it was.
        self.cfg_ready = next == Phase::Idle && !self.cfg_ready;
        if p.reset {
            self.cfg_ready = false;
            self.phase = Phase::Idle;
            self.ignored = 0;
            let h = self.s.hidden_layers;
            self.hidden_lr_shifts[..h].copy_from_slice(&self.s.hidden_lr_shifts);
            self.output_lr_shift = self.s.output_lr_shift;
            self.projection_seed = self.s.projection_seed;
            self.cfg.rvalid = false;
        }
        let taps = Taps {
            phase: self.phase as u8,
            fc_phase: self.fc.phase as u8,
            fc_pass: self.fc.pass as u8,
            rounding: self.fc.rounding,
            ignored: self.ignored,
            fifo_held: self.fifo.held() as u8,
            membrane_write: membrane_write.map(|w| Write {
                address: w.address,
                data: pack_membrane(&w.data, &self.s.caps),
            }),
            kernel_write: kernel_write.map(|w| Write {
                address: w.address,
                data: pack_weights(&w.data, self.s.caps.weight_bits()),
            }),
            hidden_weight_write: fc_out.hidden_write.map(|w| Write {
                address: w.address,
                data: pack_weights(&w.data, self.s.caps.weight_bits()),
            }),
            output_weight_write: fc_out.output_write.map(|w| Write {
                address: w.address,
                data: pack_weights(&w.data, self.s.caps.weight_bits()),
            }),
            accumulator_write: fc_out.acc_write.map(|w: Write<AccWord>| Write {
                address: w.address,
                data: w.data.0,
            }),
        };
        PortsOut {
            in_ready: self.fifo.in_ready(),
            cfg_ready: self.cfg_ready,
            cfg_rdata: self.cfg.rdata,
            cfg_rvalid: self.cfg.rvalid,
            out_valid: self.phase == Phase::Finish,
            out_class: self.fc.decision(),
            busy: self.phase.busy(),
            taps: Some(taps),
        }
    }

    /// `CfgData` of a write: a register of select 8 (the memories are written in `CfgWrite`).
    fn write_register(&mut self, d: &Decoded, fc_in: &mut FcIn) {
        // Without the learning unit the writable registers do not exist.
        if self.cfg.select != SELECT_REGISTERS || !self.s.learning {
            return;
        }
        let data = self.cfg.data;
        let r = match register_at(d.column, self.s.hidden_layers) {
            // Shifts saturate at 16 (a 16-bit rounding draw).
            Err(k) => {
                self.hidden_lr_shifts[k] = u32::from(data.min(16));
                return;
            }
            Ok(r) => r,
        };
        match r {
            REG_OUTPUT_LR_SHIFT => self.output_lr_shift = u32::from(data.min(16)),
            REG_ROUNDING_LO | REG_ROUNDING_HI => {
                let state = self.fc.rounding;
                fc_in.rounding_write = true;
                fc_in.rounding_wdata = if r == REG_ROUNDING_LO {
                    (state & 0xFFFF_0000) | u32::from(data)
                } else {
                    (state & 0xFFFF) | u32::from(data) << 16
                };
            }
            REG_PROJECTION_LO => {
                self.projection_seed = (self.projection_seed & 0xFFFF_0000) | u32::from(data)
            }
            REG_PROJECTION_HI => {
                self.projection_seed = (self.projection_seed & 0xFFFF) | u32::from(data) << 16
            }
            _ => {}
        }
    }
}

/// The memory access of a word request that addresses a word of its memory (select 0, 1 or 2),
/// from the pin registers in the cycle that takes it.
fn word_access(s: &Sizes, p: &PortsIn, conv_in: &mut ConvIn, fc_in: &mut FcIn) {
    let caps = &s.caps;
    let address = p.cfg_address as usize;
    let data = unpack_weights(p.cfg_wdata, s.lanes, caps.weight_bits());
    if p.cfg_select == SELECT_KERNELS {
        conv_in.kernel_address = address & caps.kernel_mask();
        conv_in.kernel_wdata = data;
        conv_in.kernel_read = !p.cfg_write;
        conv_in.kernel_write = p.cfg_write;
    } else if let Some(k) = fc_layer_of(p.cfg_select & 0xF, s.hidden_layers) {
        fc_in.mem_select = u8::from(k != 0);
        fc_in.mem_address = (s.fc.weight_base[k] + address) & caps.hidden_mask();
        fc_in.mem_wdata = data;
        fc_in.mem_read = !p.cfg_write;
        fc_in.mem_write = p.cfg_write;
    }
}

/// The first difference between two traces of [`PortsOut`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cycle {cycle}: {signal} expected {expected}, got {actual}")]
pub struct Mismatch {
    /// Index in the traces (the edge, counted from the first recorded one).
    pub cycle: usize,
    pub signal: &'static str,
    pub expected: String,
    pub actual: String,
}

/// Compares two traces cycle by cycle: every port, and the taps where both traces have them.
pub fn compare_trace(expected: &[PortsOut], actual: &[PortsOut]) -> Result<(), Mismatch> {
    fn check<T: PartialEq + std::fmt::Debug>(
        cycle: usize,
        signal: &'static str,
        e: T,
        a: T,
    ) -> Result<(), Mismatch> {
        if e == a {
            return Ok(());
        }
        Err(Mismatch {
            cycle,
            signal,
            expected: format!("{e:?}"),
            actual: format!("{a:?}"),
        })
    }
    for (c, (e, a)) in expected.iter().zip(actual).enumerate() {
        check(c, "in_ready", e.in_ready, a.in_ready)?;
        check(c, "cfg_ready", e.cfg_ready, a.cfg_ready)?;
        check(c, "cfg_rvalid", e.cfg_rvalid, a.cfg_rvalid)?;
        check(c, "cfg_rdata", e.cfg_rdata, a.cfg_rdata)?;
        check(c, "out_valid", e.out_valid, a.out_valid)?;
        check(c, "out_class", e.out_class, a.out_class)?;
        check(c, "busy", e.busy, a.busy)?;
        if let (Some(e), Some(a)) = (&e.taps, &a.taps) {
            check(c, "phase", e.phase, a.phase)?;
            check(c, "fc_phase", e.fc_phase, a.fc_phase)?;
            check(c, "fc_pass", e.fc_pass, a.fc_pass)?;
            check(c, "rounding", e.rounding, a.rounding)?;
            check(c, "ignored", e.ignored, a.ignored)?;
            check(c, "fifo_held", e.fifo_held, a.fifo_held)?;
            check(c, "membrane_write", e.membrane_write, a.membrane_write)?;
            check(c, "kernel_write", e.kernel_write, a.kernel_write)?;
            check(
                c,
                "hidden_weight_write",
                e.hidden_weight_write,
                a.hidden_weight_write,
            )?;
            check(
                c,
                "output_weight_write",
                e.output_weight_write,
                a.output_weight_write,
            )?;
            check(
                c,
                "accumulator_write",
                e.accumulator_write,
                a.accumulator_write,
            )?;
        }
    }
    check(
        expected.len().min(actual.len()),
        "trace length",
        expected.len(),
        actual.len(),
    )
}
