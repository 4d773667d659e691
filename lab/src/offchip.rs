//! Off-chip training for the spoon chip: the seam, not the work.
//!
//! The plan: train a [`Network`] here in `f32` (typically with DRTP, the rule the chip runs),
//! then hand it to an exporter that quantises weights, biases and the DRTP projection to the
//! chip's formats (`golden/src/config.rs`, `docs/ARCHITECTURE.md`, being defined) and checks
//! the result against `golden`. Nothing here depends on those formats yet.

use crate::learning::Feedback;
use crate::network::Network;

/// Turns a float network (and its fixed feedback, which the chip also stores) into what the
/// chip loads. One implementation per chip configuration, living beside `golden::config`.
pub trait ChipExport {
    /// memory images, e.g. `golden`'s weight and projection memories
    type Image;
    type Error: std::error::Error;

    fn export(&self, net: &Network, feedback: &Feedback) -> Result<Self::Image, Self::Error>;
}
