//! Float algorithm lab of the spoon project: fully connected networks trained in `f32` with the
//! six modes of Frenkel, Lefebvre & Bol, "Learning without feedback: Fixed random learning
//! signals allow for feedforward training of deep neural networks" (Front. Neurosci. 2021):
//! BP, FA, DFA, sDFA, DRTP and shallow learning, with the angle of each mode's modulatory
//! signals to BP's measured during training.
//!
//! The blocks, in the order a sample meets them:
//! - [`data`]: the paper's synthetic tasks; MNIST-format images via `golden::dataset`;
//! - [`network`]: layers, initialisation, forward pass; [`activation`]: nonlinearities, losses;
//! - [`conv`]: the one-conv-layer network of the MNIST CONV experiment, trained by the same rules;
//! - [`learning`]: per-mode modulatory signals `δz_k` and weight gradients, fixed feedback;
//! - [`optimizer`]: SGD, NAG, Adam; [`trainer`]: minibatch loop, evaluation, alignment;
//! - [`angle`]: the alignment measure;
//! - [`experiments`]: the paper's tasks as functions, [`plot`]: SVG charts, [`cli`]: the
//!   `spoon lab` subcommands;
//! - [`offchip`]: off-chip training for the chip: float BP/DRTP on the chip's spike counts,
//!   quantised into its weight memories and measured on the golden model; [`offchip_cli`]: the
//!   `spoon offchip` subcommands.

pub mod activation;
pub mod angle;
pub mod cli;
pub mod conv;
pub mod data;
pub mod experiments;
pub mod learning;
pub mod network;
pub mod offchip;
pub mod offchip_cli;
pub mod optimizer;
pub mod plot;
pub mod trainer;

pub use activation::{Activation, Loss};
pub use data::Dataset;
pub use learning::{Feedback, Gradient, TrainingMode};
pub use network::{Init, Layer, Network};
pub use optimizer::Optimizer;
pub use trainer::{EpochRecord, Metrics, TrainConfig, Trainer};
