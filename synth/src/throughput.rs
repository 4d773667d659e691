//! Time per classification, per training sample and per chip load at the achieved clock, from
//! cycles counted in golden's cycle-stepped model, which equals the RTL cycle for cycle
//! (lock-step co-simulation, docs/SIM.md).

use crate::report::Throughput;
use golden::chip::Chip;
use golden::cycle::config_port::{REG_CLASS, SELECT_REGISTERS};
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

/// Cycles to load `chip` through the configuration port of a chip just out of reset, as a
/// board's host does it: every memory word by word requests, zeros included (an FPGA's SPRAM
/// powers up undefined), then the registers.
pub fn load_cycles(chip: &Chip) -> u64 {
    let mut cycles = 0;
    let mut model = CycleChip::new(chip.config());
    let mut host = Host::new(|i: &PortsIn| {
        cycles += 1;
        model.step(i)
    });
    host.record = false;
    host.load_chip(chip, false);
    // The last request is taken; wait until the port has served it.
    host.read(SELECT_REGISTERS, REG_CLASS);
    drop(host);
    cycles
}

#[cfg(test)]
mod tests {
    use super::*;
    use golden::config::Config;
    use golden::cycle::config_port::{chip_memories, memory_words, CFG_WORD_WRITE_CYCLES};

    fn words(chip: &Chip) -> u64 {
        chip_memories(chip)
            .iter()
            .map(|(_, w, row)| {
                let bits = golden::cycle::Capacities::weight_bits_of(chip.config());
                memory_words(w, *row, chip.config().hardware.fc_lanes, bits).len() as u64
            })
            .sum()
    }

    /// A chip load costs `CFG_WORD_WRITE_CYCLES` per memory word, every word (zeros too), plus
    /// a fixed cost for the registers: two configs that differ only in their FC layer 0 (more
    /// hidden neurons, so more words, with the same configuration address width, on which an
    /// element write's cycles depend) differ by exactly that per word.
    #[test]
    fn a_chip_load_is_two_cycles_per_word_plus_the_registers() {
        let mut small = Config::tiny();
        small.fc.hidden = vec![9];
        let mut wide = Config::tiny();
        wide.fc.hidden = vec![16];
        let bits = |c: &Config| golden::cycle::Capacities::of(c).cfg_address_bits;
        assert_eq!((bits(&small), bits(&wide)), (9, 9));
        let (small, wide) = (Chip::new(&small), Chip::new(&wide));
        let extra = words(&wide) - words(&small);
        assert!(extra > 0);
        assert_eq!(
            load_cycles(&wide) - load_cycles(&small),
            extra * CFG_WORD_WRITE_CYCLES as u64
        );
    }
}
