//! RTL of the spoon processor in rust_hdl, and the emitter of its Verilog.
//!
//! One hardware block per module, named as in `docs/ARCHITECTURE.md` and `golden/`; each has a
//! simulation test asserting exact values. `docs/RTL.md` gives the micro-architecture, the
//! cycle timing and the configuration port protocol.

pub mod activation;
pub mod board;
pub mod chip;
pub mod config_port;
pub mod conv;
pub mod emit;
pub mod event;
pub mod fc;
pub mod generator;
pub mod host_link;
pub mod integrate_fire;
pub mod learning_unit;
pub mod lfsr;
pub mod output_layer;
pub mod params;
pub mod ram;
pub mod scan;
pub mod target_projection;
pub mod tools;
pub mod uart;
pub mod verilog;

#[cfg(test)]
mod lockstep;
#[cfg(test)]
pub(crate) mod testbench;

use golden::config::Config;

/// The small configuration of the simulation tests: golden's [`Config::tiny`].
pub fn tiny_config() -> Config {
    Config::tiny()
}

pub use emit::{EmitError, Manifest};
pub use generator::{emit, emit_board};
