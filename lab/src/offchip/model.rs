//! The float model of the chip's FC layers, and its integer twin that computes exactly what the
//! chip computes.
//!
//! **Units.** The float model is a lab [`Network`] (hard tanh hidden layers, softmax read-out,
//! biases held at zero: the chip has none) in *normalised units*: FC layer 0 sees the spike
//! counts `x` themselves, a hidden layer's output is `y = clamp(z, −1, 1)`, i.e. the chip's
//! activation divided by `ymax` (127). The chip computes `z_int = Σ x_int · w_int`,
//! `y_int = clamp(z_int >> s_k, ±ymax)`. Both agree (up to the floor of the shift and the
//! rounding of the weights) when
//!
//! ```text
//! w_int = w · S_k,   S_k = ymax · 2^s_k / u_k   (u_0 = 1 for counts, u_k = ymax after layer 0)
//! ```
//!
//! so the hidden scales are fixed by the chip. The output layer only feeds an argmax, which no
//! positive scale changes: its scale `S_o` is free and is chosen as `wmax / max |v|` (the
//! largest float weight lands on 127), then frozen for quantisation-aware training.
//!
//! **Quantisation-aware training.** The integer twin ([`ChipFormat::forward`]) uses the
//! rounded, clipped weights and the floor shift, so its scores are the chip's scores
//! bit for bit (integer sums in `f32` are exact below 2^24, which
//! [`ChipFormat::from_config`] checks from the accumulator widths). Its pass becomes a lab
//! [`Trace`], the lab's learning rules compute the gradients for the dequantised weights, and
//! they are applied to the float weights (straight-through estimator).

use golden::config::Config;
use golden::fixed::{max_signed, min_signed};
use ndarray::{Array2, ArrayView2};

use super::quantise::{max_abs_scale, quantise};
use super::OffchipError;
use crate::activation::{Activation, Loss};
use crate::network::{Network, Trace};

/// Largest integer magnitude an `f32` sum holds exactly is 2^24: accumulators of at most
/// 25 signed bits.
const EXACT_F32_BITS: u32 = 25;

/// What the chip fixes about its FC layers.
#[derive(Clone, Debug, PartialEq)]
pub struct ChipFormat {
    /// `fc.activation_shifts`.
    pub shifts: Vec<u32>,
    /// Largest hidden activation, `2^(activation_bits−1) − 1`.
    pub ymax: i32,
    /// FC weight range, `fc.weight_bits`.
    pub weight_min: i32,
    pub weight_max: i32,
    pub classes: usize,
}

impl ChipFormat {
    pub fn from_config(config: &Config) -> Result<Self, OffchipError> {
        for layer in 0..=config.fc.hidden.len() {
            let bits = config.fc_accumulator_bits(layer);
            if bits > EXACT_F32_BITS {
                return Err(OffchipError::AccumulatorTooWide { layer, bits });
            }
        }
        Ok(ChipFormat {
            shifts: config.fc.activation_shifts.clone(),
            ymax: config.activation_max(),
            weight_min: min_signed(config.fc.weight_bits),
            weight_max: max_signed(config.fc.weight_bits),
            classes: config.fc.classes,
        })
    }

    /// `S_k` of every hidden layer: float weight × `S_k` = chip weight.
    pub fn hidden_scales(&self) -> Vec<f32> {
        self.shifts
            .iter()
            .enumerate()
            .map(|(k, &s)| {
                let input_unit = if k == 0 { 1.0 } else { self.ymax as f32 };
                self.ymax as f32 * (1u64 << s) as f32 / input_unit
            })
            .collect()
    }

    /// The chip's FC layers on a batch of spike counts, with integer-valued weights
    /// (`outputs × inputs`, as a lab layer): `(hidden activations y_int, scores z_c)`.
    pub fn forward(
        &self,
        weights: &[Array2<f32>],
        counts: ArrayView2<f32>,
    ) -> (Vec<Array2<f32>>, Array2<f32>) {
        let ymax = self.ymax as f32;
        let mut hidden = Vec::with_capacity(self.shifts.len());
        for (k, &shift) in self.shifts.iter().enumerate() {
            let input = hidden.last().map_or(counts, |y: &Array2<f32>| y.view());
            let divisor = (1u64 << shift) as f32;
            let y = input
                .dot(&weights[k].t())
                .mapv(|z| (z / divisor).floor().clamp(-ymax, ymax));
            hidden.push(y);
        }
        let last = hidden.last().map_or(counts, |y| y.view());
        let scores = last.dot(&weights[self.shifts.len()].t());
        (hidden, scores)
    }
}

/// The float model and how it maps onto the chip.
#[derive(Clone, Debug, PartialEq)]
pub struct ChipModel {
    /// Normalised units (module docs); biases stay zero.
    pub net: Network,
    pub format: ChipFormat,
    /// `S_o` once frozen (start of quantisation-aware training or export).
    pub output_scale: Option<f32>,
}

impl ChipModel {
    /// A model with the given float layers (`outputs × inputs`, normalised units).
    pub fn new(format: ChipFormat, weights: Vec<Array2<f32>>) -> Self {
        let layers = weights
            .into_iter()
            .map(|weight| crate::network::Layer {
                bias: ndarray::Array1::zeros(weight.nrows()),
                weight,
            })
            .collect();
        ChipModel {
            net: Network {
                layers,
                hidden: Activation::HardTanh,
                loss: Loss::CrossEntropy,
            },
            format,
            output_scale: None,
        }
    }

    /// `S_k` of every layer, the output's frozen or, before that, the max-abs choice.
    pub fn scales(&self) -> Vec<f32> {
        let mut scales = self.format.hidden_scales();
        let output = &self.net.layers[scales.len()].weight;
        scales.push(
            self.output_scale
                .unwrap_or_else(|| max_abs_scale(output, self.format.weight_max)),
        );
        scales
    }

    /// Freezes `S_o` at the max-abs choice of the current output weights.
    pub fn freeze_output_scale(&mut self) {
        let output = &self.net.layers[self.format.shifts.len()].weight;
        self.output_scale = Some(max_abs_scale(output, self.format.weight_max));
    }

    /// Keeps every float weight inside what its chip weight can hold; the output layer only
    /// once its scale is frozen.
    pub fn clip(&mut self) {
        let scales = self.scales();
        let (lo, hi) = (self.format.weight_min as f32, self.format.weight_max as f32);
        let clipped = self.format.shifts.len() + usize::from(self.output_scale.is_some());
        for (layer, &s) in self.net.layers.iter_mut().zip(&scales).take(clipped) {
            layer.weight.mapv_inplace(|w| w.clamp(lo / s, hi / s));
        }
    }

    /// The chip's weights, `outputs × inputs`, integer-valued.
    pub fn integer_weights(&self) -> Vec<Array2<f32>> {
        let range = (self.format.weight_min, self.format.weight_max);
        self.net
            .layers
            .iter()
            .zip(self.scales())
            .map(|(layer, s)| quantise(&layer.weight, s, range))
            .collect()
    }

    /// The float network whose weights are the chip's, back in normalised units.
    pub fn dequantised(&self, integer: &[Array2<f32>]) -> Network {
        let mut net = self.net.clone();
        for ((layer, w), s) in net.layers.iter_mut().zip(integer).zip(self.scales()) {
            layer.weight = w / s;
        }
        net
    }

    /// The integer pass as a lab trace in normalised units: counts, `y_int / ymax` per hidden
    /// layer, then the softmax of the scores divided by `ymax · S_o`.
    pub fn chip_trace(&self, counts: ArrayView2<f32>, integer: &[Array2<f32>]) -> Trace {
        let (hidden, scores) = self.format.forward(integer, counts);
        let ymax = self.format.ymax as f32;
        let mut outputs = vec![counts.to_owned()];
        outputs.extend(hidden.into_iter().map(|y| y / ymax));
        let mut logits = scores / (ymax * self.scales()[self.format.shifts.len()]);
        self.net.loss.output_activation(&mut logits);
        outputs.push(logits);
        Trace { outputs }
    }

    /// Classes the chip decides (lowest index on ties) for a batch of spike counts.
    pub fn chip_classes(&self, counts: ArrayView2<f32>, integer: &[Array2<f32>]) -> Vec<usize> {
        let (_, scores) = self.format.forward(integer, counts);
        rows_argmax(&scores)
    }

    /// Classes of the float model.
    pub fn float_classes(&self, counts: ArrayView2<f32>) -> Vec<usize> {
        rows_argmax(&self.net.predict(counts))
    }
}

/// Argmax of every row, the lowest index on ties (as the chip decides).
pub fn rows_argmax(values: &Array2<f32>) -> Vec<usize> {
    values
        .outer_iter()
        .map(|row| golden::chip::argmax(&row.to_vec()))
        .collect()
}
