//! A whole training run as the config describes it: carve the validation slice, make the
//! kernels (off chip), then train on chip epoch by epoch under the learning-rate schedule,
//! measuring train (online), validation and test accuracy after every epoch.

use crate::chip::{Activity, Chip};
use crate::config::{Config, KernelInit};
use crate::kernel_training::make_kernels;
use crate::train::{
    epoch_order, evaluate, scheduled_shifts, train_epoch, validation_split, SampleSource, Score,
    Subset,
};
use serde::Serialize;
use std::time::Instant;

#[derive(Debug, Clone, Serialize)]
pub struct EpochReport {
    pub epoch: u32,
    pub hidden_lr_shifts: Vec<u32>,
    pub output_lr_shift: u32,
    /// Decisions made during training, before each update.
    pub train: Score,
    pub validation: Score,
    pub test: Option<Score>,
    /// Wall time of the training pass alone, seconds.
    pub train_seconds: f64,
    pub train_samples_per_second: f64,
    /// Mean activity per training sample (events, membrane updates, nonzero FC inputs per
    /// layer, rounding draws): what sets the cycle count.
    pub mean_activity: MeanActivity,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeanActivity {
    pub events: f64,
    pub membrane_updates: f64,
    pub active_inputs: Vec<f64>,
    pub rounding_draws: f64,
}

impl MeanActivity {
    /// The per-sample means of `samples` samples' summed activity (0 samples: the sums).
    pub fn of(total: &Activity, samples: usize) -> Self {
        let n = samples.max(1) as f64;
        Self {
            events: total.events as f64 / n,
            membrane_updates: total.membrane_updates as f64 / n,
            active_inputs: total.active_inputs.iter().map(|&a| a as f64 / n).collect(),
            rounding_draws: total.rounding_draws as f64 / n,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RunReport {
    pub train_samples: usize,
    pub validation_samples: usize,
    pub test_samples: usize,
    pub kernel_init: KernelInit,
    pub epochs: Vec<EpochReport>,
}

/// What the run tells its observer (progress bars, logs).
pub enum Progress<'a> {
    EpochStart { epoch: u32, samples: usize },
    Sample,
    EpochEnd(&'a EpochReport),
}

/// Runs the training procedure of `config.training` on `train` (validation carved from it)
/// and reports test accuracy on `test` after each epoch.
pub fn run(
    config: &Config,
    train: &dyn SampleSource,
    test: Option<&dyn SampleSource>,
    mut observe: impl FnMut(Progress<'_>),
) -> (Chip, RunReport) {
    let t = &config.training;
    let (train_idx, val_idx) = validation_split(train.len(), t.validation_per_mille, t.order_seed);
    let fit = Subset {
        source: train,
        indices: train_idx,
    };
    let val = Subset {
        source: train,
        indices: val_idx,
    };
    let mut chip = Chip::new(config);
    *chip.kernels_mut() = make_kernels(config, &fit);
    let mut report = RunReport {
        train_samples: fit.len(),
        validation_samples: val.len(),
        test_samples: test.map_or(0, |s| s.len()),
        kernel_init: t.kernel_init,
        epochs: Vec::new(),
    };
    for epoch in 0..t.epochs {
        let (hidden, output) = scheduled_shifts(config, epoch);
        chip.set_learning_shifts(&hidden, output);
        observe(Progress::EpochStart {
            epoch,
            samples: fit.len(),
        });
        let order = epoch_order(fit.len(), t.order_seed, epoch);
        let start = Instant::now();
        let (train_score, activity) =
            train_epoch(&mut chip, &fit, &order, || observe(Progress::Sample));
        let train_seconds = start.elapsed().as_secs_f64();
        let e = EpochReport {
            epoch,
            hidden_lr_shifts: hidden,
            output_lr_shift: output,
            train: train_score,
            validation: evaluate(&mut chip, &val),
            test: test.map(|s| evaluate(&mut chip, s)),
            train_seconds,
            train_samples_per_second: fit.len() as f64 / train_seconds.max(1e-9),
            mean_activity: MeanActivity::of(&activity, fit.len()),
        };
        observe(Progress::EpochEnd(&e));
        report.epochs.push(e);
    }
    (chip, report)
}
