//! Bit-exact reference model of the spoon processor: an event-driven convolutional spiking
//! front end followed by fully connected layers that learn on chip with DRTP (direct random
//! target projection). Integer arithmetic only in the datapath; see `docs/ARCHITECTURE.md`.

pub mod dataset;
pub mod event;
pub mod config;
pub mod fixed;
pub mod lfsr;
pub mod conv;
pub mod encoder;
pub mod kernel;
pub mod membrane;
pub mod activation;
pub mod target_projection;
pub mod fc;
pub mod learning_unit;
pub mod chip;
pub mod train;
pub mod chip_image;
pub mod kernel_training;
pub mod experiment;
