//! RTL of the spoon processor in rust_hdl, and the emitter of its Verilog.
//!
//! One hardware block per module, named as in `docs/ARCHITECTURE.md` and `golden/`; each has a
//! simulation test asserting exact values. `docs/RTL.md` gives the micro-architecture, the
//! cycle timing and the configuration port protocol.

pub mod activation;
pub mod chip;
pub mod conv;
pub mod emit;
pub mod event;
pub mod fc;
pub mod integrate_fire;
pub mod learning_unit;
pub mod lfsr;
pub mod output_layer;
pub mod params;
pub mod ram;
pub mod scan;
pub mod target_projection;
pub mod verilog;

#[cfg(test)]
mod lockstep;
#[cfg(test)]
pub(crate) mod testbench;

use golden::config::Config;

/// A small configuration for fast simulation: 6×6 input, 8 kernels of 3×3 at stride 2
/// (2×2 positions, 32 convolution neurons), 8 hidden neurons, 4 classes, a 4-deep FIFO.
pub fn tiny_config() -> Config {
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
    c.validate().expect("the tiny config is valid");
    c
}

pub use emit::{emit, EmitError, Manifest};
