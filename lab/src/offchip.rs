//! Off-chip training for the spoon chip: its FC layers trained in float (BP, or DRTP for
//! comparison) on the chip's own spike counts, quantised into its weight memories, and
//! measured on the bit-exact golden model.
//!
//! The blocks, in the order a run meets them:
//! - [`features`]: every sample's event stream through the golden chip's convolution (its
//!   kernels, made by `training.kernel_init` and fixed); the spike counts are the exact input
//!   of FC layer 0;
//! - [`model`]: the float model of the FC layers in the chip's formats, and its integer twin
//!   (bit-exact scores) used for quantisation-aware training;
//! - [`train`]: minibatch training with the lab's learning rules and optimizers, float epochs
//!   then quantisation-aware epochs, a learning-rate grid picked on the validation slice;
//! - [`quantise`]: float weights into a golden [`golden::chip::Chip`] ([`ChipExport`]), and the
//!   per-sample agreement check against it;
//! - [`port_image`]: a chip image as the configuration port loads it (hex words per memory).
//!
//! The commands are `spoon offchip train|export` ([`crate::offchip_cli`]).

pub mod features;
pub mod model;
pub mod port_image;
pub mod quantise;
pub mod train;

use crate::network::Network;

/// Turns a float network into what a chip loads. [`quantise::GoldenExport`] is the
/// implementation for the golden model's memories.
pub trait ChipExport {
    /// memory images, e.g. a golden `Chip`
    type Image;
    type Error: std::error::Error;

    fn export(&self, net: &Network) -> Result<Self::Image, Self::Error>;
}

/// What can go wrong between a float network and a chip's memories.
#[derive(Debug, thiserror::Error)]
pub enum OffchipError {
    #[error(
        "FC layer {layer} needs a {bits}-bit accumulator; the float twin is exact up to 25 bits"
    )]
    AccumulatorTooWide { layer: usize, bits: u32 },
    #[error("the network's layers are {found:?} (outputs × inputs), the chip's are {expected:?}")]
    Topology {
        expected: Vec<(usize, usize)>,
        found: Vec<(usize, usize)>,
    },
    #[error("FC layer {layer} has a nonzero bias; the chip has no bias")]
    Bias { layer: usize },
    #[error("FC layer {layer} has a weight that is not finite")]
    NonFinite { layer: usize },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}
