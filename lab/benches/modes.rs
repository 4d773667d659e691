//! Training throughput of the MNIST FC 784-500-10 network per training mode, one thread,
//! minibatches of 100, angle measurement off. Criterion's `thrpt` is in samples/s.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lab::{Activation, Init, Loss, Optimizer, TrainConfig, Trainer, TrainingMode};
use ndarray::Array2;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const BATCH: usize = 100;
const SEED: u64 = 1;

fn trainer(mode: TrainingMode) -> Trainer {
    Trainer::new(TrainConfig {
        mode,
        sizes: vec![784, 500, 10],
        hidden: Activation::Tanh,
        loss: Loss::Bce,
        init: Init::He,
        optimizer: Optimizer::Sgd,
        lr: 1e-3,
        batch_size: BATCH,
        angle_every: 0,
        seed: SEED,
        conv: None,
    })
}

/// A random stand-in for an MNIST minibatch: pixels in [0, 1], one-hot targets.
fn minibatch() -> (Array2<f32>, Array2<f32>) {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let inputs = Array2::from_shape_simple_fn((BATCH, 784), || rng.random::<f32>());
    let mut targets = Array2::zeros((BATCH, 10));
    for mut row in targets.outer_iter_mut() {
        row[rng.random_range(0..10)] = 1.0;
    }
    (inputs, targets)
}

fn modes(c: &mut Criterion) {
    let (inputs, targets) = minibatch();
    let mut group = c.benchmark_group("fc_784_500_10");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.sample_size(10);
    group.warm_up_time(std::time::Duration::from_millis(500));
    group.measurement_time(std::time::Duration::from_secs(2));
    for mode in TrainingMode::ALL {
        let mut t = trainer(mode);
        group.bench_function(mode.name(), |b| {
            b.iter(|| t.train_batch(inputs.view(), targets.view(), false))
        });
    }
    group.finish();
}

criterion_group!(benches, modes);
criterion_main!(benches);
