//! Minibatch training loop, evaluation and the alignment measurement.

use ndarray::{ArrayView2, Axis};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::activation::{Activation, Loss};
use crate::angle::angle_degrees;
use crate::conv::ConvGeometry;
use crate::data::Dataset;
use crate::learning::{
    backprop_signals, gradients_from_signals, modulatory_signals, Feedback, TrainingMode,
};
use crate::network::{Init, Network, Trace};
use crate::optimizer::{Optimizer, OptimizerState};

/// Everything that fixes a training run, so that a run is reproducible from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    pub mode: TrainingMode,
    /// units per layer, input first
    pub sizes: Vec<usize>,
    pub hidden: Activation,
    pub loss: Loss,
    pub init: Init,
    pub optimizer: Optimizer,
    pub lr: f32,
    pub batch_size: usize,
    /// measure the angles to BP on one minibatch out of this many (0: never)
    pub angle_every: usize,
    /// seeds the forward weights, the feedback matrices and the minibatch order
    pub seed: u64,
    /// a conv layer in place of the first FC layer; `sizes` is then its
    /// [`ConvGeometry::sizes`]
    #[serde(default)]
    pub conv: Option<ConvGeometry>,
}

/// A network under training with its mode's feedback and its optimizer memory.
pub struct Trainer {
    pub config: TrainConfig,
    pub net: Network,
    pub feedback: Feedback,
    optimizer: OptimizerState,
    rng: ChaCha8Rng,
}

/// Loss and error of a network on a data set.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// mean over samples of the loss summed over outputs (the trained quantity)
    pub loss: f64,
    /// mean over samples and outputs of `(y − y*)²`, PyTorch's `mse_loss`
    pub mse: f64,
    /// misclassified samples in %, for classification sets
    pub error_pct: Option<f64>,
}

/// One point of every curve, after `epoch` epochs (0: the initial network).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpochRecord {
    pub epoch: usize,
    pub train: Metrics,
    pub test: Metrics,
    /// per hidden layer, the mean over the measured minibatches of the angle (degrees) between
    /// this mode's `δz_k` and BP's; `None` where undefined (shallow) or not measured
    pub angles_deg: Vec<Option<f64>>,
}

impl Trainer {
    pub fn new(config: TrainConfig) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let net = match config.conv {
            None => Network::new(
                &config.sizes,
                config.hidden,
                config.loss,
                config.init,
                &mut rng,
            ),
            Some(conv) => {
                let classes = *config.sizes.last().expect("sizes are not empty");
                assert_eq!(config.sizes, conv.sizes(classes), "conv sizes");
                conv.network(classes, config.hidden, config.loss, config.init, &mut rng)
            }
        };
        let feedback = Feedback::new(config.mode, &config.sizes, &mut rng);
        let optimizer = OptimizerState::new(config.optimizer, &net);
        Trainer {
            config,
            net,
            feedback,
            optimizer,
            rng,
        }
    }

    /// One update on a minibatch; returns the per-hidden-layer angles to BP when `measure`.
    pub fn train_batch(
        &mut self,
        inputs: ArrayView2<f32>,
        targets: ArrayView2<f32>,
        measure: bool,
    ) -> Option<Vec<Option<f64>>> {
        let mode = self.config.mode;
        let trace = forward(self.config.conv, &self.net, inputs);
        let signals = modulatory_signals(mode, &self.net, &self.feedback, &trace, targets);
        let grads = match self.config.conv {
            None => gradients_from_signals(mode, &signals, &trace),
            Some(conv) => conv.gradients(mode, &signals, &trace),
        };
        let angles = measure.then(|| {
            let bp = backprop_signals(&self.net, &trace, targets);
            let hidden = self.net.layers.len() - 1;
            (0..hidden)
                .map(|k| angle_degrees(&signals[k], &bp[k]))
                .collect()
        });
        self.optimizer.step(&mut self.net, &grads, self.config.lr);
        angles
    }

    /// One pass over `data` in a fresh random order; returns the mean angles of the epoch.
    pub fn train_epoch(&mut self, data: &Dataset) -> Vec<Option<f64>> {
        let mut order: Vec<usize> = (0..data.len()).collect();
        order.shuffle(&mut self.rng);
        let hidden = self.net.layers.len() - 1;
        let mut sums = vec![(0.0, 0usize); hidden];
        for (b, chunk) in order.chunks(self.config.batch_size).enumerate() {
            let measure = self.config.angle_every > 0
                && b % self.config.angle_every == 0
                && self.config.mode != TrainingMode::Bp;
            let inputs = data.inputs.select(Axis(0), chunk);
            let targets = data.targets.select(Axis(0), chunk);
            let angles = self.train_batch(inputs.view(), targets.view(), measure);
            for (sum, angle) in sums.iter_mut().zip(angles.into_iter().flatten()) {
                if let Some(a) = angle {
                    *sum = (sum.0 + a, sum.1 + 1);
                }
            }
        }
        sums.into_iter()
            .map(|(total, n)| (n > 0).then(|| total / n as f64))
            .map(|a| match self.config.mode {
                // BP is its own reference; its angle is 0 by definition, not measured.
                TrainingMode::Bp => Some(0.0),
                _ => a,
            })
            .collect()
    }

    /// Trains on `train` for `epochs`, evaluating after each one (and before the first) on
    /// `train_probe` (all or part of the training set, to bound the cost) and `test`;
    /// `progress` sees every record as it is made.
    pub fn run(
        &mut self,
        train: &Dataset,
        train_probe: &Dataset,
        test: &Dataset,
        epochs: usize,
        mut progress: impl FnMut(&EpochRecord),
    ) -> Vec<EpochRecord> {
        let hidden = self.net.layers.len() - 1;
        let mut history = Vec::with_capacity(epochs + 1);
        let mut angles = vec![None; hidden];
        for epoch in 0..=epochs {
            if epoch > 0 {
                angles = self.train_epoch(train);
            }
            let record = EpochRecord {
                epoch,
                train: evaluate_with(self.config.conv, &self.net, train_probe),
                test: evaluate_with(self.config.conv, &self.net, test),
                angles_deg: angles.clone(),
            };
            progress(&record);
            history.push(record);
        }
        history
    }
}

/// The forward pass of an FC network, or of a conv network when `conv` is given.
pub fn forward(conv: Option<ConvGeometry>, net: &Network, inputs: ArrayView2<f32>) -> Trace {
    match conv {
        None => net.forward(inputs),
        Some(conv) => conv.forward(net, inputs),
    }
}

/// Loss, MSE and (for labelled sets) classification error of `net` on `data`.
pub fn evaluate(net: &Network, data: &Dataset) -> Metrics {
    evaluate_with(None, net, data)
}

/// [`evaluate`] for an FC network or, when `conv` is given, a conv network.
pub fn evaluate_with(conv: Option<ConvGeometry>, net: &Network, data: &Dataset) -> Metrics {
    const CHUNK: usize = 1000;
    let (mut loss, mut squared, mut wrong) = (0.0f64, 0.0f64, 0usize);
    for start in (0..data.len()).step_by(CHUNK) {
        let end = (start + CHUNK).min(data.len());
        let inputs = data.inputs.slice(ndarray::s![start..end, ..]);
        let targets = data.targets.slice(ndarray::s![start..end, ..]);
        let outputs = forward(conv, net, inputs)
            .outputs
            .pop()
            .expect("a trace holds the output");
        loss += net.loss.batch_mean(outputs.view(), targets) * (end - start) as f64;
        squared += (&outputs - &targets).mapv(|d| (d as f64).powi(2)).sum();
        if let Some(labels) = &data.labels {
            wrong += outputs
                .outer_iter()
                .zip(&labels[start..end])
                .filter(|(row, &label)| argmax(row.iter()) != label as usize)
                .count();
        }
    }
    let n = data.len().max(1) as f64;
    Metrics {
        loss: loss / n,
        mse: squared / (n * data.outputs() as f64),
        error_pct: data.labels.as_ref().map(|_| 100.0 * wrong as f64 / n),
    }
}

/// Index of the largest value (the first one on ties, as PyTorch's `max`).
fn argmax<'a>(values: impl Iterator<Item = &'a f32>) -> usize {
    let mut best = (0, f32::NEG_INFINITY);
    for (i, &v) in values.enumerate() {
        if v > best.1 {
            best = (i, v);
        }
    }
    best.0
}
