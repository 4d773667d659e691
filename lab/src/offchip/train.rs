//! Minibatch training of the chip model: float epochs, then quantisation-aware epochs on the
//! integer twin, with the lab's learning rules ([`gradients`]) and optimizers.

use golden::config::Config;
use golden::target_projection;
use golden::train::Score;
use ndarray::{Array2, ArrayView2};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Uniform};
use serde::Serialize;

use super::features::SpikeCounts;
use super::model::{rows_argmax, ChipFormat, ChipModel};
use super::OffchipError;
use crate::learning::{gradients, Feedback, TrainingMode};
use crate::network::{he_uniform, Init, Trace};
use crate::optimizer::{Optimizer, OptimizerState};

/// Everything that fixes a training run besides the data and the chip config.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Settings {
    pub mode: TrainingMode,
    pub optimizer: Optimizer,
    /// Learning rate of the first epoch.
    pub lr: f32,
    /// The rate is multiplied by this after every epoch.
    pub lr_decay: f32,
    /// Epochs in all; the last `qat_epochs` of them are quantisation-aware.
    pub epochs: usize,
    pub qat_epochs: usize,
    pub batch_size: usize,
    /// Seeds the initial weights, FA/DFA/sDFA feedback and the minibatch order.
    pub seed: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Float,
    /// Quantisation-aware: forward pass on the integer twin.
    Qat,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EpochLog {
    pub epoch: usize,
    pub phase: Phase,
    pub lr: f32,
    /// Mean loss of the minibatches, each before its update.
    pub train_loss: f64,
    /// Decisions on the minibatches before each update (float model or integer twin).
    pub train: Score,
    /// Float model on the validation slice.
    pub validation_float: Score,
    /// Integer twin (= the chip) on the validation slice, with the output scale it has or
    /// would get now.
    pub validation_chip: Score,
}

pub struct Trained {
    pub settings: Settings,
    /// After the last epoch, output scale frozen: what goes on chip.
    pub model: ChipModel,
    /// After the last float epoch (output scale not yet frozen).
    pub float_model: ChipModel,
    pub log: Vec<EpochLog>,
}

/// One learning rate of a grid, scored on the validation slice.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GridPoint {
    pub lr: f32,
    /// Float model after the float epochs.
    pub validation_float: Score,
    /// The chip after every epoch.
    pub validation_chip: Score,
}

/// Trains once per rate of `lrs` and keeps the best chip on `val` (the first on ties).
pub fn train_grid(
    config: &Config,
    fit: &SpikeCounts,
    val: &SpikeCounts,
    settings: &Settings,
    lrs: &[f32],
    mut progress: impl FnMut(f32, &EpochLog),
) -> Result<(Trained, Vec<GridPoint>), OffchipError> {
    let mut best: Option<(usize, Trained)> = None;
    let mut grid = Vec::new();
    for &lr in lrs {
        let s = Settings {
            lr,
            ..settings.clone()
        };
        let run = train(config, fit, val, &s, |e| progress(lr, e))?;
        let point = GridPoint {
            lr,
            validation_float: float_score(&run.float_model, val),
            validation_chip: chip_score(&run.model, val),
        };
        let correct = point.validation_chip.correct;
        let better = match &best {
            None => true,
            Some((b, _)) => correct > *b,
        };
        if better {
            best = Some((correct, run));
        }
        grid.push(point);
    }
    Ok((best.expect("at least one learning rate").1, grid))
}

/// Trains the chip model on `fit`, logging validation after every epoch.
pub fn train(
    config: &Config,
    fit: &SpikeCounts,
    val: &SpikeCounts,
    s: &Settings,
    mut progress: impl FnMut(&EpochLog),
) -> Result<Trained, OffchipError> {
    assert!(s.qat_epochs <= s.epochs, "QAT epochs are among the epochs");
    let format = ChipFormat::from_config(config)?;
    let mut rng = ChaCha8Rng::seed_from_u64(s.seed);
    let mut model = ChipModel::new(format, initial_weights(config, s.mode, fit, &mut rng));
    model.clip();
    let feedback = feedback(config, s.mode, &model.net.sizes(), &mut rng);
    let mut optimizer = OptimizerState::new(s.optimizer, &model.net);
    let mut order: Vec<usize> = (0..fit.len()).collect();
    let mut float_model = None;
    let mut log = Vec::new();
    for epoch in 0..s.epochs {
        let phase = if epoch + s.qat_epochs >= s.epochs {
            Phase::Qat
        } else {
            Phase::Float
        };
        if phase == Phase::Qat && model.output_scale.is_none() {
            float_model = Some(model.clone());
            model.freeze_output_scale();
            model.clip();
        }
        let lr = s.lr * s.lr_decay.powi(epoch as i32);
        order.shuffle(&mut rng);
        let (mut loss, mut correct) = (0.0f64, 0usize);
        for chunk in order.chunks(s.batch_size) {
            let x = fit.dense(chunk);
            let t = fit.targets(chunk, config.fc.classes);
            let step = Step {
                mode: s.mode,
                feedback: &feedback,
                phase,
            };
            let (l, c) = step.run(&mut model, &mut optimizer, x.view(), t.view(), lr);
            loss += l * chunk.len() as f64;
            correct += c;
        }
        let e = EpochLog {
            epoch,
            phase,
            lr,
            train_loss: loss / fit.len().max(1) as f64,
            train: Score {
                correct,
                total: fit.len(),
            },
            validation_float: float_score(&model, val),
            validation_chip: chip_score(&model, val),
        };
        progress(&e);
        log.push(e);
    }
    let float_model = float_model.unwrap_or_else(|| model.clone());
    if model.output_scale.is_none() {
        model.freeze_output_scale();
    }
    Ok(Trained {
        settings: s.clone(),
        model,
        float_model,
        log,
    })
}

/// One minibatch update.
struct Step<'a> {
    mode: TrainingMode,
    feedback: &'a Feedback,
    phase: Phase,
}

impl Step<'_> {
    /// Returns the minibatch's mean loss and correct decisions, both before the update.
    fn run(
        &self,
        model: &mut ChipModel,
        optimizer: &mut OptimizerState,
        x: ArrayView2<f32>,
        t: ArrayView2<f32>,
        lr: f32,
    ) -> (f64, usize) {
        let (trace, mut grads) = match self.phase {
            Phase::Float => {
                let trace = model.net.forward(x);
                let grads = gradients(self.mode, &model.net, self.feedback, &trace, t);
                (trace, grads)
            }
            Phase::Qat => {
                let integer = model.integer_weights();
                let trace = model.chip_trace(x, &integer);
                let net = model.dequantised(&integer);
                let grads = gradients(self.mode, &net, self.feedback, &trace, t);
                (trace, grads)
            }
        };
        for g in grads.iter_mut().flatten() {
            g.bias.fill(0.0); // the chip has no bias
        }
        let result = outcome(&model.net, &trace, t);
        optimizer.step(&mut model.net, &grads, lr);
        model.clip();
        result
    }
}

fn outcome(net: &crate::Network, trace: &Trace, t: ArrayView2<f32>) -> (f64, usize) {
    let loss = net.loss.batch_mean(trace.output().view(), t);
    let predicted = rows_argmax(trace.output());
    let labels = rows_argmax(&t.to_owned());
    let correct = predicted
        .iter()
        .zip(&labels)
        .filter(|(p, l)| p == l)
        .count();
    (loss, correct)
}

/// Starting weights in normalised units: zero for the feedback-alignment family (as on chip);
/// for BP and shallow learning, layer 0 uniform with unit pre-activation variance on the
/// training counts (`±√(3 / E[Σ x²])`), later layers He-uniform.
fn initial_weights(
    config: &Config,
    mode: TrainingMode,
    fit: &SpikeCounts,
    rng: &mut ChaCha8Rng,
) -> Vec<Array2<f32>> {
    let (ins, outs) = (config.fc_inputs(), config.fc_outputs());
    ins.iter()
        .zip(&outs)
        .enumerate()
        .map(|(k, (&i, &o))| match (mode.default_init(), k) {
            (Init::Zero, _) => Array2::zeros((o, i)),
            (Init::He, 0) => {
                let bound = (3.0 / fit.mean_square_norm().max(1.0)).sqrt() as f32;
                let dist = Uniform::new_inclusive(-bound, bound).expect("finite bound");
                Array2::from_shape_simple_fn((o, i), || dist.sample(rng))
            }
            (Init::He, _) => he_uniform(o, i, i, rng),
        })
        .collect()
}

/// DRTP uses the chip's own projection rows (±1 from the target-projection LFSR), so the float
/// rule is the on-chip rule; the other modes draw the lab's feedback.
fn feedback(
    config: &Config,
    mode: TrainingMode,
    sizes: &[usize],
    rng: &mut ChaCha8Rng,
) -> Feedback {
    if mode != TrainingMode::Drtp {
        return Feedback::new(mode, sizes, rng);
    }
    let seed = config.learning.target_projection_seed;
    let matrices = config
        .fc
        .hidden
        .iter()
        .enumerate()
        .map(|(k, &n)| {
            Array2::from_shape_fn((config.fc.classes, n), |(c, j)| {
                f32::from(target_projection::row(seed, k, c, n)[j])
            })
        })
        .collect();
    Feedback { matrices }
}

const EVAL_CHUNK: usize = 1000;

fn score_by(data: &SpikeCounts, classes: impl Fn(ArrayView2<f32>) -> Vec<usize>) -> Score {
    let predicted = predictions_by(data, classes);
    let correct = predicted
        .iter()
        .zip(&data.labels)
        .filter(|(&p, &l)| p == usize::from(l))
        .count();
    Score {
        correct,
        total: data.len(),
    }
}

fn predictions_by(
    data: &SpikeCounts,
    classes: impl Fn(ArrayView2<f32>) -> Vec<usize>,
) -> Vec<usize> {
    let rows: Vec<usize> = (0..data.len()).collect();
    rows.chunks(EVAL_CHUNK)
        .flat_map(|chunk| classes(data.dense(chunk).view()))
        .collect()
}

/// Accuracy of the float model.
pub fn float_score(model: &ChipModel, data: &SpikeCounts) -> Score {
    score_by(data, |x| model.float_classes(x))
}

/// Decisions of the integer twin, i.e. of the chip.
pub fn chip_predictions(model: &ChipModel, data: &SpikeCounts) -> Vec<usize> {
    let integer = model.integer_weights();
    predictions_by(data, |x| model.chip_classes(x, &integer))
}

/// Accuracy of the integer twin, i.e. of the chip.
pub fn chip_score(model: &ChipModel, data: &SpikeCounts) -> Score {
    let integer = model.integer_weights();
    score_by(data, |x| model.chip_classes(x, &integer))
}
