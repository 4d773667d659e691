//! The six training modes: how each one builds the modulatory signals `δz_k` of every layer,
//! and the weight gradients that follow from them.
//!
//! Conventions (all modes): the loss of a sample is summed over the outputs and averaged over
//! the minibatch, the output layer's signal is `δz_L = e = y − y*` (see [`Loss`]), and a layer's
//! gradient is `G_k = mean_n δz_k[n] ⊗ y_{k−1}[n]`, so that SGD applies `ΔW_k = −η G_k`.
//!
//! | mode    | hidden-layer signal `δz_k`                               |
//! |---------|-----------------------------------------------------------|
//! | BP      | `(δz_{k+1} W_{k+1}) ⊙ f'(z_k)`                            |
//! | FA      | `(δz_{k+1} B_{k+1}) ⊙ f'(z_k)`, `B_{k+1}` shaped like `W_{k+1}` |
//! | DFA     | `(e B_k) ⊙ f'(z_k)`, `B_k` classes × units                |
//! | sDFA    | `(sign(e) B_k) ⊙ f'(z_k)`                                 |
//! | DRTP    | `(y* B_k) ⊙ f'(z_k)`: the target's projection, no error  |
//! | shallow | none: hidden layers keep their initial weights            |
//!
//! [`Loss`]: crate::activation::Loss

use std::fmt;
use std::str::FromStr;

use ndarray::{Array1, Array2, ArrayView2, Axis};
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::network::{he_uniform, Init, Network, Trace};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
pub enum TrainingMode {
    #[serde(rename = "BP")]
    #[value(name = "bp")]
    Bp,
    #[serde(rename = "FA")]
    #[value(name = "fa")]
    Fa,
    #[serde(rename = "DFA")]
    #[value(name = "dfa")]
    Dfa,
    #[serde(rename = "sDFA")]
    #[value(name = "sdfa")]
    Sdfa,
    #[serde(rename = "DRTP")]
    #[value(name = "drtp")]
    Drtp,
    #[serde(rename = "shallow")]
    #[value(name = "shallow")]
    Shallow,
}

impl TrainingMode {
    pub const ALL: [TrainingMode; 6] = [
        TrainingMode::Bp,
        TrainingMode::Fa,
        TrainingMode::Dfa,
        TrainingMode::Sdfa,
        TrainingMode::Drtp,
        TrainingMode::Shallow,
    ];

    pub fn name(self) -> &'static str {
        match self {
            TrainingMode::Bp => "BP",
            TrainingMode::Fa => "FA",
            TrainingMode::Dfa => "DFA",
            TrainingMode::Sdfa => "sDFA",
            TrainingMode::Drtp => "DRTP",
            TrainingMode::Shallow => "shallow",
        }
    }

    /// Forward-weight start used in our experiments: zero for the feedback-alignment family,
    /// He-uniform for BP and shallow learning, which cannot leave a zero start.
    pub fn default_init(self) -> Init {
        match self {
            TrainingMode::Bp | TrainingMode::Shallow => Init::He,
            _ => Init::Zero,
        }
    }

    /// Whether the hidden layers learn at all.
    pub fn trains_hidden(self) -> bool {
        self != TrainingMode::Shallow
    }
}

impl fmt::Display for TrainingMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown training mode `{0}` (expected BP, FA, DFA, sDFA, DRTP or shallow)")]
pub struct UnknownMode(String);

impl FromStr for TrainingMode {
    type Err = UnknownMode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TrainingMode::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownMode(s.to_string()))
    }
}

/// Fixed random matrices that carry the learning signal to the hidden layers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    /// FA: `matrices[k]` replaces `W_{k+1}` (same shape) when going down from layer k+1 to k.
    /// DFA, sDFA, DRTP: `matrices[k]` is `B_{k+1}` (classes × units of hidden layer k+1,
    /// counting layers from 1), one per hidden layer.
    /// BP, shallow: empty.
    pub matrices: Vec<Array2<f32>>,
}

impl Feedback {
    /// He-uniform feedback for `mode`, with fan-in the number of columns as PyTorch counts it.
    pub fn new(mode: TrainingMode, sizes: &[usize], rng: &mut impl Rng) -> Self {
        let classes = *sizes.last().expect("sizes are not empty");
        let hidden = &sizes[1..sizes.len() - 1];
        let matrices = match mode {
            TrainingMode::Bp | TrainingMode::Shallow => Vec::new(),
            TrainingMode::Fa => sizes[1..]
                .windows(2)
                .map(|p| he_uniform(p[1], p[0], p[0], rng))
                .collect(),
            TrainingMode::Dfa | TrainingMode::Sdfa | TrainingMode::Drtp => hidden
                .iter()
                .map(|&units| he_uniform(classes, units, units, rng))
                .collect(),
        };
        Feedback { matrices }
    }
}

/// `δz_k` for every layer (batch × units), first hidden layer first, output layer last.
/// Shallow learning's hidden entries are zero.
pub fn modulatory_signals(
    mode: TrainingMode,
    net: &Network,
    feedback: &Feedback,
    trace: &Trace,
    targets: ArrayView2<f32>,
) -> Vec<Array2<f32>> {
    let error = trace.output() - &targets;
    let hidden_count = net.layers.len() - 1;
    let derivative = |k: usize| net.hidden.derivative(trace.outputs[k + 1].view());
    let direct = |source: &Array2<f32>| -> Vec<Array2<f32>> {
        (0..hidden_count)
            .map(|k| source.dot(&feedback.matrices[k]) * derivative(k))
            .collect()
    };
    let mut signals = match mode {
        TrainingMode::Bp => {
            return chain_down(
                error,
                hidden_count,
                |k| &net.layers[k + 1].weight,
                derivative,
            )
        }
        TrainingMode::Fa => {
            return chain_down(error, hidden_count, |k| &feedback.matrices[k], derivative)
        }
        TrainingMode::Dfa => direct(&error),
        TrainingMode::Sdfa => direct(&error.mapv(sign)),
        TrainingMode::Drtp => direct(&targets.to_owned()),
        TrainingMode::Shallow => (0..hidden_count)
            .map(|k| Array2::zeros(trace.outputs[k + 1].raw_dim()))
            .collect(),
    };
    signals.push(error);
    signals
}

/// BP's signals for the network's current weights, whatever mode is training it; used to
/// measure the alignment of the other modes.
pub fn backprop_signals(
    net: &Network,
    trace: &Trace,
    targets: ArrayView2<f32>,
) -> Vec<Array2<f32>> {
    let error = trace.output() - &targets;
    let derivative = |k: usize| net.hidden.derivative(trace.outputs[k + 1].view());
    chain_down(
        error,
        net.layers.len() - 1,
        |k| &net.layers[k + 1].weight,
        derivative,
    )
}

/// Signals of a layer-by-layer chain (BP, FA): `δz_k = (δz_{k+1} M_k) ⊙ f'_k`.
fn chain_down<'a>(
    error: Array2<f32>,
    hidden_count: usize,
    down: impl Fn(usize) -> &'a Array2<f32>,
    derivative: impl Fn(usize) -> Array2<f32>,
) -> Vec<Array2<f32>> {
    let mut signals = vec![error];
    for k in (0..hidden_count).rev() {
        let above = signals.last().expect("starts with the error");
        let signal = above.dot(down(k)) * derivative(k);
        signals.push(signal);
    }
    signals.reverse();
    signals
}

/// `sign(0) = 0`, unlike `f32::signum`.
fn sign(v: f32) -> f32 {
    if v > 0.0 {
        1.0
    } else if v < 0.0 {
        -1.0
    } else {
        0.0
    }
}

/// Batch-averaged gradient of one layer; SGD applies `W ← W − η weight`, `b ← b − η bias`.
#[derive(Clone, Debug, PartialEq)]
pub struct Gradient {
    pub weight: Array2<f32>,
    pub bias: Array1<f32>,
}

/// The gradient each layer receives under `mode`; `None` for a layer that does not learn.
pub fn gradients(
    mode: TrainingMode,
    net: &Network,
    feedback: &Feedback,
    trace: &Trace,
    targets: ArrayView2<f32>,
) -> Vec<Option<Gradient>> {
    let signals = modulatory_signals(mode, net, feedback, trace, targets);
    gradients_from_signals(mode, &signals, trace)
}

/// Layer gradients from already computed [`modulatory_signals`].
pub fn gradients_from_signals(
    mode: TrainingMode,
    signals: &[Array2<f32>],
    trace: &Trace,
) -> Vec<Option<Gradient>> {
    let last = signals.len() - 1;
    signals
        .iter()
        .enumerate()
        .map(|(k, signal)| {
            (k == last || mode.trains_hidden())
                .then(|| layer_gradient(signal.view(), trace.outputs[k].view()))
        })
        .collect()
}

/// `mean_n δz[n] ⊗ y_prev[n]` and `mean_n δz[n]`.
pub fn layer_gradient(signal: ArrayView2<f32>, layer_input: ArrayView2<f32>) -> Gradient {
    let batch = signal.nrows() as f32;
    Gradient {
        weight: signal.t().dot(&layer_input) / batch,
        bias: signal.sum_axis(Axis(0)) / batch,
    }
}
