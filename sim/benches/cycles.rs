//! Verilator-alone speed of the default config, one core, in simulated clock cycles per second
//! (criterion's "elem/s"): streaming real digits (the convolution engine busy, FIFO
//! backpressure) and idle cycles. The model comes from the cache (built on first use).
//! The digits are the first of the test split's seeded shuffle (`ImageSet::shuffled`, the
//! order `spoon sim --seed 1` and the suites take): the shipped sample is sorted by digit, and
//! its first 20 are all 0s. `cargo bench -p spoon-sim --bench cycles`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use golden::chip::Chip;
use golden::config::Config;
use golden::dataset::load_split_dir;
use golden::encoder::encode_ttfs;
use sim::aer::EndOfSample;
use sim::Model;
use std::path::Path;

const DIGITS: usize = 20;
/// Seed of the digit shuffle (that of `spoon sim` and `spoon run`).
const SEED: u32 = 1;
const IDLE_CYCLES: u64 = 100_000;

fn bench(c: &mut Criterion) {
    let config = Config::default();
    let model = Model::build(&config).unwrap_or_else(|e| panic!("{e}"));
    let info = model.info();
    println!(
        "model {}: cached {}, emit {:?}, verilate {:?}, runtime {:?}, compile {:?}",
        info.dir.display(),
        info.cached,
        info.emit,
        info.verilate,
        info.runtime,
        info.compile
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample");
    let (_, test) = load_split_dir(&dir).expect("the shipped MNIST sample");
    let test = test.shuffled(SEED);
    println!(
        "{DIGITS} test digits of {} in a seeded shuffle (seed {SEED}), labels {:?}",
        dir.display(),
        &test.labels[..DIGITS]
    );
    let samples: Vec<_> = (0..DIGITS)
        .map(|i| {
            let mut events = Vec::new();
            encode_ttfs(&config, test.image(i), &mut events);
            events
        })
        .collect();
    let mut sim = model.simulator().unwrap();
    sim.write_kernels(Chip::new(&config).kernels().weights())
        .unwrap();
    sim.wait_idle().unwrap();
    let before = sim.cycle();
    for events in &samples {
        sim.run_sample(events, EndOfSample::INFER).unwrap();
    }
    let per_pass = sim.cycle() - before;
    println!("{DIGITS} digits: {per_pass} cycles per pass");

    let mut group = c.benchmark_group("default config, Verilator, one core");
    group.sample_size(10);
    group.throughput(Throughput::Elements(per_pass));
    group.bench_function("streaming digits (cycles)", |b| {
        b.iter(|| {
            for events in &samples {
                sim.run_sample(events, EndOfSample::INFER).unwrap();
            }
        })
    });
    group.throughput(Throughput::Elements(IDLE_CYCLES));
    let idle = sim.inputs();
    let mut out = sim.outputs();
    group.bench_function("idle (cycles)", |b| {
        b.iter(|| {
            for _ in 0..IDLE_CYCLES {
                sim.step_into(&idle, &mut out);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
