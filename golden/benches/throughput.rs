//! Throughput of the bit-exact model on the default configuration, one core:
//! on-chip DRTP training (inference + learning step) and inference, in samples/s, on the
//! shipped real-MNIST sample. `cargo bench -p spoon-golden --bench throughput`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use golden::chip::Chip;
use golden::config::Config;
use golden::dataset::load_split_dir;
use golden::encoder::encode_ttfs;
use golden::event::Event;
use std::path::Path;

const SAMPLES: usize = 1000;

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample");
    let (train, _) = load_split_dir(&dir).expect("the shipped MNIST sample");
    let config = Config::default();
    let streams: Vec<(Vec<Event>, usize)> = (0..SAMPLES)
        .map(|i| {
            let mut ev = Vec::new();
            encode_ttfs(&config, train.image(i * 3), &mut ev);
            (ev, usize::from(train.label(i * 3)))
        })
        .collect();
    // A chip part-way through learning, so that the update sparsity is realistic.
    let mut chip = Chip::new(&config);
    for (ev, label) in &streams {
        chip.train(ev, *label);
    }
    let mut group = c.benchmark_group("default config, one core");
    group.throughput(Throughput::Elements(SAMPLES as u64));
    group.sample_size(20);
    group.bench_function("on-chip training (samples)", |b| {
        b.iter(|| {
            for (ev, label) in &streams {
                chip.train(ev, *label);
            }
        })
    });
    group.bench_function("inference (samples)", |b| {
        b.iter(|| {
            for (ev, _) in &streams {
                chip.infer(ev);
            }
        })
    });
    let images: Vec<&[u8]> = (0..SAMPLES).map(|i| train.image(i * 3)).collect();
    group.bench_function("TTFS encoding + on-chip training (samples)", |b| {
        b.iter(|| {
            for (i, img) in images.iter().enumerate() {
                chip.run_image(img, Some(streams[i].1));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
