//! Bit-exact reference model of the spoon processor: an event-driven convolutional spiking
//! front end followed by fully connected layers that learn on chip with DRTP (direct random
//! target projection). Integer arithmetic only in the datapath; see `docs/ARCHITECTURE.md`.

pub mod activation;
pub mod chip;
pub mod chip_image;
pub mod config;
pub mod conv;
pub mod cycle;
pub mod dataset;
pub mod encoder;
pub mod event;
pub mod experiment;
pub mod fc;
pub mod fixed;
pub mod kernel;
pub mod kernel_training;
pub mod learning_unit;
pub mod lfsr;
pub mod membrane;
pub mod target_projection;
pub mod train;
