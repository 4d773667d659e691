//! Time per classification, per training sample and per chip load at the achieved clock, from
//! cycles counted in golden's cycle-stepped model, which equals the RTL cycle for cycle
//! (lock-step co-simulation, docs/SIM.md).

use crate::report::Throughput;
use golden::chip::Chip;
use golden::cycle::config_port::{SELECT_HIDDEN_WEIGHTS, SELECT_KERNELS, SELECT_OUTPUT_WEIGHTS};
use golden::cycle::host::{aer_words, Host};
use golden::cycle::{CycleChip, PortsIn};
use golden::event::Event;

/// A chip and the samples to time on it.
pub struct Workload {
    pub chip: Chip,
    /// Events and labels; each is run once as an inference and once as a training sample.
    pub samples: Vec<(Vec<Event>, usize)>,
    /// Where they come from, for the report.
    pub description: String,
}

/// Mean cycles of `samples` on `chip` as inferences, then as training samples (each on the chip
/// as the earlier training samples left it), and the cycles of loading the chip through the
/// configuration port; times at `clock_mhz`.
pub fn measure(w: &Workload, clock_mhz: f64) -> Throughput {
    let mut model = CycleChip::from_chip(&w.chip);
    let mut host = Host::new(|i: &PortsIn| model.step(i));
    host.record = false;
    let mut mean = |learn: bool| {
        let total: usize = w
            .samples
            .iter()
            .map(|(events, label)| host.sample(&aer_words(events, learn, *label)).1)
            .sum();
        total as f64 / w.samples.len().max(1) as f64
    };
    let classification = mean(false);
    let training = mean(true);
    let load = load_cycles(&w.chip);
    let us = |cycles: f64| cycles / clock_mhz;
    Throughput {
        workload: format!("{} ({} samples)", w.description, w.samples.len()),
        cycles_per_classification: classification,
        cycles_per_training_sample: training,
        cycles_per_chip_load: load,
        clock_mhz,
        us_per_classification: us(classification),
        us_per_training_sample: us(training),
        ms_per_chip_load: us(load as f64) / 1000.0,
    }
}

/// Cycles to write every kernel and FC weight of `chip`, zeros included (an FPGA's SPRAM
/// powers up undefined), through the configuration port of a chip just out of reset.
pub fn load_cycles(chip: &Chip) -> u64 {
    let mut cycles = 0;
    let mut model = CycleChip::new(chip.config());
    let mut host = Host::new(|i: &PortsIn| {
        cycles += 1;
        model.step(i)
    });
    host.record = false;
    for (a, &w) in chip.kernels().weights().iter().enumerate() {
        host.write(SELECT_KERNELS, a, w.into());
    }
    for (select, layer) in [SELECT_HIDDEN_WEIGHTS, SELECT_OUTPUT_WEIGHTS]
        .into_iter()
        .zip(chip.layers())
    {
        for (a, &w) in layer.weights().iter().enumerate() {
            host.write(select, a, w.into());
        }
    }
    // The last request is taken; wait for the port to be free again.
    host.read(SELECT_KERNELS, 0);
    drop(host);
    cycles
}
