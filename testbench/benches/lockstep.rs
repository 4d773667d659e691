//! Verilator alone versus lock-step (Verilator + golden's cycle model, every port compared),
//! default config: the same host stimulus (kernels written through the port, then test digits
//! streamed in inference). Prints cycles/s; never fails on speed. The digits are the first of
//! the test split in the mnist suite's seeded shuffle (`suite::mnist_digits`, seed 1): the
//! shipped sample is sorted by digit, and its first 20 are all 0s.

use golden::chip::Chip;
use golden::config::Config;
use golden::cycle::config_port::SELECT_KERNELS;
use golden::cycle::host::{aer_words, Host};
use golden::cycle::{PortsIn, PortsOut};
use golden::dataset::ImageSet;
use golden::encoder::encode_ttfs;
use std::cell::RefCell;
use std::path::Path;
use std::time::Instant;
use testbench::{cosim, suite, Cosim, CosimOptions};

const DIGITS: usize = 20;
/// Seed of the digit shuffle (the default of `spoon cosim --seed`).
const SEED: u64 = 1;

/// Kernels through the port, then `DIGITS` test digits; returns the cycles stepped.
fn stimulus<D: FnMut(&PortsIn) -> PortsOut>(h: &mut Host<D>, config: &Config) -> u64 {
    let mut cycles = 0u64;
    let chip = Chip::new(config);
    for (a, &w) in chip.kernels().weights().iter().enumerate() {
        h.write(SELECT_KERNELS, a, w.into());
    }
    let test = digits().1;
    let mut events = Vec::new();
    for i in 0..DIGITS {
        events.clear();
        encode_ttfs(config, test.image(i), &mut events);
        cycles += h.sample(&aer_words(&events, false, 0)).1 as u64;
    }
    cycles
}

/// The shipped sample's digits in the mnist suite's seeded shuffles.
fn digits() -> (ImageSet, ImageSet) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample");
    suite::mnist_digits(&dir, SEED).expect("data/mnist-sample")
}

/// The stimulus on `device` alone, through the host; prints and returns its cycles/s.
fn measure(what: &str, config: &Config, mut device: impl FnMut(&PortsIn) -> PortsOut) -> f64 {
    let mut cycles = 0u64;
    let t = Instant::now();
    {
        let mut h = Host::new(|i: &PortsIn| {
            cycles += 1;
            device(i)
        });
        h.record = false;
        stimulus(&mut h, config);
    }
    let rate = cycles as f64 / t.elapsed().as_secs_f64();
    println!("{what}: {cycles} cycles, {:.3} M cycles/s", rate / 1e6);
    rate
}

fn main() {
    let config = Config::default();
    println!(
        "{DIGITS} test digits of data/mnist-sample in the mnist suite's seeded shuffle (seed \
         {SEED}), labels {:?}",
        &digits().1.labels[..DIGITS]
    );
    let model = sim::Model::build(&config).expect("the model builds");
    let mut sim = model.simulator().expect("an instance");
    let pins = sim::Pins::resolve(sim.layout()).expect("the ports");
    let (mut inputs, mut outputs) = (sim.inputs(), sim.outputs());
    let alone = measure("Verilator alone (through the host)", &config, |i| {
        cosim::set_inputs(&pins, i, &mut inputs);
        sim.step_after_into(&inputs, &mut outputs);
        cosim::ports_out(&pins, &outputs)
    });
    let mut golden = golden::cycle::CycleChip::new(&config);
    measure("golden's cycle model alone", &config, |i| golden.step(i));
    let cell = RefCell::new(Cosim::new(&config, &CosimOptions::default()).expect("cosim"));
    let t = Instant::now();
    {
        let mut h = cosim::host(&cell);
        stimulus(&mut h, &config);
    }
    let mut c = cell.borrow_mut();
    c.check().expect("no mismatch");
    let lockstep = c.cycles_compared() as f64 / t.elapsed().as_secs_f64();
    println!(
        "lock-step (Verilator + CycleChip, every port compared): {} cycles, {:.3} M cycles/s ({:.0} % of Verilator alone)",
        c.cycles_compared(),
        lockstep / 1e6,
        100.0 * lockstep / alone
    );
}
