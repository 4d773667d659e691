//! Float weights into the chip's weight memories, and the result checked against the golden
//! model.

use golden::chip::Chip;
use golden::config::Config;
use golden::fc::FcLayer;
use golden::kernel::KernelMemory;
use golden::lfsr::Lfsr;
use golden::train::SampleSource;
use ndarray::Array2;

use super::model::{ChipFormat, ChipModel};
use super::{ChipExport, OffchipError};
use crate::network::Network;

/// `clamp(round(w · scale), lo, hi)` element-wise (round half away from zero), as floats.
pub fn quantise(weight: &Array2<f32>, scale: f32, (lo, hi): (i32, i32)) -> Array2<f32> {
    weight.mapv(|w| (w * scale).round().clamp(lo as f32, hi as f32))
}

/// The scale that puts the largest magnitude of `weight` on `wmax` (1 for an all-zero layer).
pub fn max_abs_scale(weight: &Array2<f32>, wmax: i32) -> f32 {
    let largest = weight.fold(0.0f32, |m, &w| m.max(w.abs()));
    if largest > 0.0 {
        wmax as f32 / largest
    } else {
        1.0
    }
}

/// A lab layer's integer-valued weights (`outputs × inputs`) as a chip weight memory
/// (`[input][neuron]`).
pub fn to_fc_layer(integer: &Array2<f32>, weight_bits: u32) -> FcLayer {
    let mut layer = FcLayer::zeros(integer.ncols(), integer.nrows(), weight_bits);
    for ((neuron, input), &w) in integer.indexed_iter() {
        layer.set_weight(input, neuron, w as i16);
    }
    layer
}

/// Exports a float network in the normalised units of [`ChipModel`] into a golden [`Chip`]
/// with the given kernels; the rounding LFSR starts at its configured seed, so the chip can
/// go on learning on chip from the exported weights.
pub struct GoldenExport<'a> {
    pub config: &'a Config,
    pub kernels: &'a KernelMemory,
    /// `S_o`; `None` takes the max-abs choice of the network's output weights.
    pub output_scale: Option<f32>,
}

impl ChipExport for GoldenExport<'_> {
    type Image = Chip;
    type Error = OffchipError;

    fn export(&self, net: &Network) -> Result<Chip, OffchipError> {
        check_shapes(self.config, net)?;
        let model = ChipModel {
            net: net.clone(),
            format: ChipFormat::from_config(self.config)?,
            output_scale: self.output_scale,
        };
        let layers = model
            .integer_weights()
            .iter()
            .map(|w| to_fc_layer(w, self.config.fc.weight_bits))
            .collect();
        Ok(Chip::from_parts(
            self.config,
            self.kernels.clone(),
            layers,
            Lfsr::new(self.config.learning.rounding_seed),
        ))
    }
}

/// The network has the chip's FC topology, no bias (the chip has none) and finite weights.
fn check_shapes(config: &Config, net: &Network) -> Result<(), OffchipError> {
    let expected: Vec<(usize, usize)> = config
        .fc_outputs()
        .into_iter()
        .zip(config.fc_inputs())
        .collect();
    let found: Vec<(usize, usize)> = net.layers.iter().map(|l| l.weight.dim()).collect();
    if found != expected {
        return Err(OffchipError::Topology { expected, found });
    }
    for (layer, l) in net.layers.iter().enumerate() {
        if l.bias.iter().any(|&b| b != 0.0) {
            return Err(OffchipError::Bias { layer });
        }
        if l.weight.iter().any(|w| !w.is_finite()) {
            return Err(OffchipError::NonFinite { layer });
        }
    }
    Ok(())
}

/// Samples on which the golden chip's decision equals `predicted` (the integer twin's).
pub fn agreement(chip: &mut Chip, data: &dyn SampleSource, predicted: &[usize]) -> usize {
    let mut events = Vec::new();
    (0..data.len())
        .filter(|&i| {
            data.events(chip.config(), i, &mut events);
            chip.infer(&events).class == predicted[i]
        })
        .count()
}
