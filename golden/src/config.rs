//! The one parameter set of the processor: sizes, bit widths, shifts and seeds.
//!
//! The golden model, the HDL generator, the simulator and the synthesis flow all read this
//! structure; nothing else declares a width. A `Config` is only usable after [`Config::validate`],
//! which rejects every impossible combination with an error naming the field.

use serde::{Deserialize, Serialize};
use std::path::Path;

/// Largest accumulator the datapath may need, in bits. The golden model holds accumulators in
/// `i32`, and the hardware sizes them from [`Config::fc_accumulator_bits`].
pub const MAX_ACCUMULATOR_BITS: u32 = 32;

/// Most kernels, and most neurons of a hidden layer: far beyond any chip, small enough that
/// every size product below stays exact in 64 bits.
pub const MAX_LAYER_WIDTH: usize = 1 << 16;

/// Most words of one memory (kernel memory, membrane map, an FC layer's weights): 64 Mi
/// 16-bit words, so that a config that validates can be held by the model.
pub const MAX_MEMORY_WORDS: usize = 1 << 26;

/// Number of output classes (digits / Fashion-MNIST classes).
pub const DEFAULT_CLASSES: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub input: InputConfig,
    pub encoder: EncoderConfig,
    pub conv: ConvConfig,
    pub fc: FcConfig,
    pub learning: LearningConfig,
    pub hardware: HardwareConfig,
    pub training: TrainingConfig,
}

/// The AER input: a `width × height` field of pixels with `channels` polarities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputConfig {
    /// Pixels per row (≤ 256: `x` is an 8-bit field of the event word).
    pub width: usize,
    /// Rows (≤ 256).
    pub height: usize,
    /// Input channels (event polarities): 1 for TTFS-encoded images, 2 for event cameras.
    pub channels: usize,
}

/// Time-to-first-spike encoding of an 8-bit image into at most one event per pixel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncoderConfig {
    /// Number of time bins (a power of two, ≤ 256). A pixel `p ≥ threshold` fires in bin
    /// `((255 − p) · time_bins) >> 8`: the brightest pixels fire first.
    pub time_bins: u32,
    /// Pixels below this 8-bit intensity emit no event.
    pub threshold: u8,
}

/// The event-driven convolution layer and its integrate-and-fire membrane map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConvConfig {
    /// Number of kernels (output feature maps).
    pub kernels: usize,
    /// Kernel side, in pixels.
    pub size: usize,
    /// Stride, in pixels (no padding).
    pub stride: usize,
    /// Signed kernel weight width, bits.
    pub weight_bits: u32,
    /// Signed membrane width, bits (≤ 16); the membrane saturates at both ends.
    pub membrane_bits: u32,
    /// Firing threshold, membrane units. A neuron fires when its membrane is `≥ threshold`,
    /// and the threshold is then subtracted.
    pub threshold: i32,
    /// Width of each neuron's saturating spike counter, bits; the counter is the FC input.
    pub spike_count_bits: u32,
    /// Seed of the LFSR that draws the random kernels (nonzero).
    pub seed: u32,
    /// Random kernels are drawn uniformly in `[-init_range, init_range]`.
    pub init_range: i32,
}

/// The fully connected layers: `hidden.len()` hidden layers, then the output layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FcConfig {
    /// Neurons per hidden layer.
    pub hidden: Vec<usize>,
    /// Output neurons (classes).
    pub classes: usize,
    /// Signed weight width of every FC layer, bits.
    pub weight_bits: u32,
    /// Signed hidden activation width, bits: `y ∈ [−(2^(b−1) − 1), 2^(b−1) − 1]`.
    pub activation_bits: u32,
    /// Per hidden layer: `y = clamp(z >> shift)` (arithmetic shift).
    pub activation_shifts: Vec<u32>,
    /// Output layer: `u = z >> output_shift`, probability `p = clamp(u + one/2, 0, one)`.
    pub output_shift: u32,
    /// Fraction bits of the output probability: `one = 2^probability_bits`.
    pub probability_bits: u32,
}

/// The DRTP learning unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearningConfig {
    /// Per hidden layer: learning rate `2^−shift` applied to the layer input.
    pub hidden_lr_shifts: Vec<u32>,
    /// Output layer: learning rate `2^−shift` applied to `e · y`.
    pub output_lr_shift: u32,
    /// Base seed of the target-projection LFSRs (seeded per layer and label; nonzero).
    pub target_projection_seed: u32,
    /// Seed of the stochastic-rounding LFSR (nonzero).
    pub rounding_seed: u32,
    /// Seed of the LFSR that draws the random initial hidden weights (nonzero).
    pub init_seed: u32,
    /// Initial hidden weights drawn uniformly in `[-hidden_init_range, hidden_init_range]`;
    /// 0 starts from all-zero weights. Output weights always start at zero.
    pub hidden_init_range: i32,
}

/// Hardware parallelism; it changes the cycle count, never the results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HardwareConfig {
    /// Parallel lanes of the convolution engine (kernels updated per cycle).
    pub conv_lanes: usize,
    /// Parallel lanes of the FC engine and learning unit (neurons per cycle).
    pub fc_lanes: usize,
    /// Depth of the AER input FIFO, events (a power of two).
    pub fifo_depth: usize,
    /// Whether the chip has its learning unit (default true). Without it (`false`, SPOON's
    /// inference-only comparison) a learning sample is run as an inference, the learning-rate,
    /// rounding and projection registers (select 8, 0–5) read 0 and ignore writes, and the
    /// generated RTL has no update datapath, rounding LFSR or target projection.
    #[serde(default = "learning_unit_present", skip_serializing_if = "is_true")]
    pub learning: bool,
}

fn learning_unit_present() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// How the kernels are made before on-chip learning starts (host side, off chip).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KernelInit {
    /// Uniform in `[-conv.init_range, conv.init_range]` from the LFSR seeded with `conv.seed`.
    Random,
    /// Unsupervised k-means over the training split's event patches
    /// (`kernel_training::kmeans`), scaled to `conv.init_range`.
    Kmeans,
    /// A float model of the convolution layer with a softmax read-out, trained by
    /// backpropagation on the training split (`kernel_training::backprop`).
    Backprop,
}

/// The host's training procedure (not hardware): epochs, sample order, learning-rate
/// schedule, and how the kernels are made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingConfig {
    /// Passes over the training split.
    pub epochs: u32,
    /// Seed of the per-epoch sample order ([`crate::train::epoch_order`]) and of the
    /// validation carve.
    pub order_seed: u32,
    /// At the start of each listed epoch (0-based) every learning-rate shift grows by one.
    pub lr_decay_epochs: Vec<u32>,
    /// Fraction of the training split, in per mille, held out for validation.
    pub validation_per_mille: u32,
    pub kernel_init: KernelInit,
    /// k-means: patches collected.
    pub kmeans_patches: usize,
    /// k-means: iterations.
    pub kmeans_iterations: usize,
    /// Backprop: passes over the training samples.
    pub backprop_epochs: u32,
    /// Backprop: at most this many samples per pass.
    pub backprop_samples: usize,
    /// Backprop: SGD learning rate `2^−shift`.
    pub backprop_lr_shift: u32,
}

/// Everything that is wrong with a configuration, naming the field.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("config file {path}: {source}")]
    Parse {
        path: String,
        source: Box<toml::de::Error>,
    },
    #[error("config file {path}: {source}")]
    InvalidFile {
        path: String,
        source: Box<ConfigError>,
    },
    #[error("invalid configuration: `{field}` {problem}")]
    Invalid {
        field: &'static str,
        problem: String,
    },
}

fn invalid(field: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        field,
        problem: problem.into(),
    }
}

fn check(
    ok: bool,
    field: &'static str,
    problem: impl FnOnce() -> String,
) -> Result<(), ConfigError> {
    if ok {
        Ok(())
    } else {
        Err(invalid(field, problem()))
    }
}

/// Bits needed to hold every value in `[-m, m]` as two's complement.
pub fn signed_bits_for(m: u64) -> u32 {
    65 - m.leading_zeros()
}

impl Default for Config {
    /// The default processor: 28×28 images, 16 7×7 kernels at stride 3 (1,024 convolution
    /// neurons), one hidden layer of 100 neurons, 10 classes; sized to fit an iCE40 UP5K.
    /// See `docs/ARCHITECTURE.md` for the budget and `docs/results.md` for how it was tuned.
    fn default() -> Self {
        Self {
            input: InputConfig {
                width: 28,
                height: 28,
                channels: 1,
            },
            encoder: EncoderConfig {
                time_bins: 8,
                threshold: 32,
            },
            conv: ConvConfig {
                kernels: 16,
                size: 7,
                stride: 3,
                weight_bits: 8,
                membrane_bits: 12,
                threshold: 32,
                spike_count_bits: 2,
                seed: 0x5EED_C0DE,
                init_range: 31,
            },
            fc: FcConfig {
                hidden: vec![100],
                classes: DEFAULT_CLASSES,
                weight_bits: 8,
                activation_bits: 8,
                activation_shifts: vec![4],
                output_shift: 8,
                probability_bits: 7,
            },
            learning: LearningConfig {
                hidden_lr_shifts: vec![2],
                output_lr_shift: 12,
                target_projection_seed: 0xB0A7_5EED,
                rounding_seed: 0x0DD5_EED5,
                init_seed: 0x1417_5EED,
                hidden_init_range: 0,
            },
            hardware: HardwareConfig {
                conv_lanes: 8,
                fc_lanes: 8,
                fifo_depth: 16,
                learning: true,
            },
            training: TrainingConfig {
                epochs: 13,
                order_seed: 1,
                lr_decay_epochs: vec![4, 7, 10],
                validation_per_mille: 167,
                kernel_init: KernelInit::Kmeans,
                kmeans_patches: 40_000,
                kmeans_iterations: 15,
                backprop_epochs: 2,
                backprop_samples: 60_000,
                backprop_lr_shift: 7,
            },
        }
    }
}

impl Config {
    /// A small configuration for fast simulation tests, within the RTL's capacities: 6×6
    /// input, 8 kernels of 3×3 at stride 2 (2×2 positions, 32 convolution neurons), 8 hidden
    /// neurons, 4 classes, a 4-deep FIFO. Everything else is the default.
    pub fn tiny() -> Self {
        let mut c = Config::default();
        c.input.width = 6;
        c.input.height = 6;
        c.conv.kernels = 8;
        c.conv.size = 3;
        c.conv.stride = 2;
        c.conv.threshold = 8;
        c.fc.hidden = vec![8];
        c.fc.classes = 4;
        c.fc.activation_shifts = vec![1];
        c.fc.output_shift = 2;
        c.learning.hidden_lr_shifts = vec![1];
        c.learning.output_lr_shift = 4;
        c.hardware.fifo_depth = 4;
        c
    }

    /// Reads and validates a TOML config file.
    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_toml(&text).map_err(|e| match e {
            ConfigError::Parse { source, .. } => ConfigError::Parse {
                path: path.display().to_string(),
                source,
            },
            other => ConfigError::InvalidFile {
                path: path.display().to_string(),
                source: Box::new(other),
            },
        })
    }

    /// Parses and validates TOML text.
    pub fn from_toml(text: &str) -> Result<Self, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: "<text>".into(),
            source: Box::new(e),
        })?;
        config.validate()?;
        Ok(config)
    }

    /// The config as TOML text (round-trips through [`Config::from_toml`]).
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).expect("a Config always serialises")
    }

    /// Output width and height of the convolution (no padding).
    pub fn conv_out_side(&self) -> (usize, usize) {
        let c = &self.conv;
        (
            (self.input.width - c.size) / c.stride + 1,
            (self.input.height - c.size) / c.stride + 1,
        )
    }

    /// Number of convolution neurons, which is the width of the first FC layer's input.
    pub fn conv_neurons(&self) -> usize {
        let (w, h) = self.conv_out_side();
        w * h * self.conv.kernels
    }

    /// Input width of every FC layer (hidden layers, then the output layer).
    pub fn fc_inputs(&self) -> Vec<usize> {
        let mut v = vec![self.conv_neurons()];
        v.extend(self.fc.hidden.iter().copied());
        v
    }

    /// Output width of every FC layer (hidden layers, then the output layer).
    pub fn fc_outputs(&self) -> Vec<usize> {
        let mut v = self.fc.hidden.clone();
        v.push(self.fc.classes);
        v
    }

    /// Largest magnitude of an FC layer's input value: spike counts for the first layer,
    /// hidden activations after it.
    pub fn fc_input_max(&self, layer: usize) -> i32 {
        if layer == 0 {
            self.spike_count_max()
        } else {
            self.activation_max()
        }
    }

    /// Accumulator width of FC layer `layer` that can never overflow: every input at its
    /// largest magnitude times the most negative weight.
    pub fn fc_accumulator_bits(&self, layer: usize) -> u32 {
        let n = self.fc_inputs()[layer] as u64;
        let worst = n * self.fc_input_max(layer) as u64 * (1u64 << (self.fc.weight_bits - 1));
        signed_bits_for(worst)
    }

    /// Largest spike count a convolution neuron can report.
    pub fn spike_count_max(&self) -> i32 {
        (1 << self.conv.spike_count_bits) - 1
    }

    /// Largest hidden activation magnitude, `2^(activation_bits−1) − 1`.
    pub fn activation_max(&self) -> i32 {
        (1 << (self.fc.activation_bits - 1)) - 1
    }

    /// The output probability that stands for 1.0.
    pub fn probability_one(&self) -> i32 {
        1 << self.fc.probability_bits
    }

    /// Checks every field and every cross-field constraint.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.validate_input()?;
        self.validate_conv()?;
        self.validate_fc()?;
        self.validate_learning()?;
        self.validate_hardware()?;
        self.validate_training()
    }

    fn validate_training(&self) -> Result<(), ConfigError> {
        let t = &self.training;
        check(t.epochs >= 1, "training.epochs", || {
            "must be at least 1 (no epoch learns nothing)".into()
        })?;
        check(
            t.validation_per_mille < 1000,
            "training.validation_per_mille",
            || format!("must be below 1000, got {}", t.validation_per_mille),
        )?;
        let deepest = self
            .learning
            .hidden_lr_shifts
            .iter()
            .chain([&self.learning.output_lr_shift])
            .max()
            .copied()
            .unwrap_or(0);
        check(
            deepest as usize + t.lr_decay_epochs.len() <= 16,
            "training.lr_decay_epochs",
            || "the schedule would push a learning-rate shift past 16".into(),
        )?;
        check(t.order_seed != 0, "training.order_seed", || {
            "an LFSR seed must be nonzero".into()
        })?;
        check(
            t.backprop_lr_shift <= 30,
            "training.backprop_lr_shift",
            || format!("must be in 0..=30, got {}", t.backprop_lr_shift),
        )?;
        let readout = self.conv_neurons() * self.fc.classes;
        check(
            t.kernel_init != KernelInit::Backprop || readout <= MAX_MEMORY_WORDS,
            "training.kernel_init",
            || {
                format!(
                    "backprop's float read-out would hold {readout} weights (convolution \
                     neurons × fc.classes), more than {MAX_MEMORY_WORDS}"
                )
            },
        )?;
        check(
            t.kernel_init != KernelInit::Kmeans || t.kmeans_patches >= self.conv.kernels,
            "training.kmeans_patches",
            || {
                format!(
                    "needs at least one patch per kernel ({})",
                    self.conv.kernels
                )
            },
        )
    }

    fn validate_input(&self) -> Result<(), ConfigError> {
        let i = &self.input;
        check((1..=256).contains(&i.width), "input.width", || {
            format!("must be in 1..=256 (an 8-bit event field), got {}", i.width)
        })?;
        check((1..=256).contains(&i.height), "input.height", || {
            format!(
                "must be in 1..=256 (an 8-bit event field), got {}",
                i.height
            )
        })?;
        check((1..=2).contains(&i.channels), "input.channels", || {
            format!(
                "must be 1 (images) or 2 (event polarities), got {}",
                i.channels
            )
        })?;
        let e = &self.encoder;
        check(
            e.time_bins.is_power_of_two() && e.time_bins <= 256,
            "encoder.time_bins",
            || format!("must be a power of two in 1..=256, got {}", e.time_bins),
        )?;
        check(e.threshold > 0, "encoder.threshold", || {
            "must be at least 1 (a zero pixel never fires)".into()
        })
    }

    fn validate_conv(&self) -> Result<(), ConfigError> {
        let c = &self.conv;
        check(c.kernels >= 1, "conv.kernels", || {
            "must be at least 1".into()
        })?;
        check(c.kernels <= MAX_LAYER_WIDTH, "conv.kernels", || {
            format!("must be at most {MAX_LAYER_WIDTH}, got {}", c.kernels)
        })?;
        check(c.stride >= 1, "conv.stride", || "must be at least 1".into())?;
        check(
            c.size >= 1 && c.size <= self.input.width && c.size <= self.input.height,
            "conv.size",
            || {
                format!(
                    "must be in 1..=min(input.width, input.height) = {}, got {}",
                    self.input.width.min(self.input.height),
                    c.size
                )
            },
        )?;
        let kernel_words = self.input.channels * c.size * c.size * c.kernels;
        check(kernel_words <= MAX_MEMORY_WORDS, "conv.kernels", || {
            format!(
                "{kernel_words} kernel weights (input.channels · conv.size² · conv.kernels) \
                 exceed {MAX_MEMORY_WORDS}"
            )
        })?;
        let neurons = self.conv_neurons();
        check(neurons <= MAX_MEMORY_WORDS, "conv.kernels", || {
            format!("{neurons} convolution neurons exceed {MAX_MEMORY_WORDS}")
        })?;
        check(
            (2..=15).contains(&c.weight_bits),
            "conv.weight_bits",
            || format!("must be in 2..=15, got {}", c.weight_bits),
        )?;
        check(
            (2..=16).contains(&c.membrane_bits),
            "conv.membrane_bits",
            || format!("must be in 2..=16, got {}", c.membrane_bits),
        )?;
        check(
            c.membrane_bits > c.weight_bits,
            "conv.membrane_bits",
            || {
                format!(
                    "({}) must be wider than conv.weight_bits ({})",
                    c.membrane_bits, c.weight_bits
                )
            },
        )?;
        let vmax = (1i64 << (c.membrane_bits - 1)) - 1;
        check(
            c.threshold >= 1 && i64::from(c.threshold) <= vmax,
            "conv.threshold",
            || {
                format!(
                    "must be in 1..={vmax} (the membrane maximum), got {}",
                    c.threshold
                )
            },
        )?;
        check(
            (1..=8).contains(&c.spike_count_bits),
            "conv.spike_count_bits",
            || format!("must be in 1..=8, got {}", c.spike_count_bits),
        )?;
        check(c.seed != 0, "conv.seed", || {
            "an LFSR seed must be nonzero".into()
        })?;
        let wmax = (1i32 << (c.weight_bits - 1)) - 1;
        check(
            (0..=wmax).contains(&c.init_range),
            "conv.init_range",
            || {
                format!(
                    "must be in 0..={wmax} (conv.weight_bits), got {}",
                    c.init_range
                )
            },
        )
    }

    fn validate_fc(&self) -> Result<(), ConfigError> {
        let f = &self.fc;
        check(f.hidden.iter().all(|&n| n >= 1), "fc.hidden", || {
            "every hidden layer needs at least 1 neuron".into()
        })?;
        check(f.hidden.len() <= 4, "fc.hidden", || {
            format!("at most 4 hidden layers, got {}", f.hidden.len())
        })?;
        check(
            f.hidden.iter().all(|&n| n <= MAX_LAYER_WIDTH),
            "fc.hidden",
            || format!("a hidden layer has at most {MAX_LAYER_WIDTH} neurons"),
        )?;
        check((2..=256).contains(&f.classes), "fc.classes", || {
            format!("must be in 2..=256, got {}", f.classes)
        })?;
        for (layer, (i, o)) in self
            .fc_inputs()
            .into_iter()
            .zip(self.fc_outputs())
            .enumerate()
        {
            check(i * o <= MAX_MEMORY_WORDS, "fc.hidden", || {
                format!("FC layer {layer} has {i} × {o} weights, more than {MAX_MEMORY_WORDS}")
            })?;
        }
        check((2..=16).contains(&f.weight_bits), "fc.weight_bits", || {
            format!("must be in 2..=16, got {}", f.weight_bits)
        })?;
        check(
            (2..=16).contains(&f.activation_bits),
            "fc.activation_bits",
            || format!("must be in 2..=16, got {}", f.activation_bits),
        )?;
        check(
            f.activation_shifts.len() == f.hidden.len(),
            "fc.activation_shifts",
            || {
                format!(
                    "needs one shift per hidden layer ({}), got {}",
                    f.hidden.len(),
                    f.activation_shifts.len()
                )
            },
        )?;
        check(
            (1..=15).contains(&f.probability_bits),
            "fc.probability_bits",
            || format!("must be in 1..=15, got {}", f.probability_bits),
        )?;
        for layer in 0..=f.hidden.len() {
            let bits = self.fc_accumulator_bits(layer);
            check(bits <= MAX_ACCUMULATOR_BITS, "fc.hidden", || {
                format!(
                    "FC layer {layer} needs a {bits}-bit accumulator, more than {MAX_ACCUMULATOR_BITS}"
                )
            })?;
            let (shift, field) = if layer < f.hidden.len() {
                (f.activation_shifts[layer], "fc.activation_shifts")
            } else {
                (f.output_shift, "fc.output_shift")
            };
            check(shift < bits, field, || {
                format!(
                    "shift {shift} of FC layer {layer} is not below its accumulator width {bits}"
                )
            })?;
        }
        Ok(())
    }

    fn validate_learning(&self) -> Result<(), ConfigError> {
        let l = &self.learning;
        check(
            l.hidden_lr_shifts.len() == self.fc.hidden.len(),
            "learning.hidden_lr_shifts",
            || {
                format!(
                    "needs one shift per hidden layer ({}), got {}",
                    self.fc.hidden.len(),
                    l.hidden_lr_shifts.len()
                )
            },
        )?;
        check(
            l.hidden_lr_shifts.iter().all(|&s| s <= 16),
            "learning.hidden_lr_shifts",
            || "every shift must be in 0..=16 (a 16-bit rounding draw)".into(),
        )?;
        check(l.output_lr_shift <= 16, "learning.output_lr_shift", || {
            format!(
                "must be in 0..=16 (a 16-bit rounding draw), got {}",
                l.output_lr_shift
            )
        })?;
        for (field, seed) in [
            ("learning.target_projection_seed", l.target_projection_seed),
            ("learning.rounding_seed", l.rounding_seed),
            ("learning.init_seed", l.init_seed),
        ] {
            check(seed != 0, field, || "an LFSR seed must be nonzero".into())?;
        }
        let wmax = (1i32 << (self.fc.weight_bits - 1)) - 1;
        check(
            (0..=wmax).contains(&l.hidden_init_range),
            "learning.hidden_init_range",
            || {
                format!(
                    "must be in 0..={wmax} (fc.weight_bits), got {}",
                    l.hidden_init_range
                )
            },
        )
    }

    fn validate_hardware(&self) -> Result<(), ConfigError> {
        let h = &self.hardware;
        check(
            h.conv_lanes >= 1 && h.conv_lanes <= self.conv.kernels,
            "hardware.conv_lanes",
            || {
                format!(
                    "must be in 1..=conv.kernels ({}), got {}",
                    self.conv.kernels, h.conv_lanes
                )
            },
        )?;
        check((1..=64).contains(&h.fc_lanes), "hardware.fc_lanes", || {
            format!("must be in 1..=64, got {}", h.fc_lanes)
        })?;
        check(
            h.fifo_depth.is_power_of_two() && h.fifo_depth >= 2,
            "hardware.fifo_depth",
            || format!("must be a power of two ≥ 2, got {}", h.fifo_depth),
        )
    }
}
