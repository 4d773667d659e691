//! The `gaps` suite: directed stimuli for single-point RTL mutants that the other suites of the
//! CI slice let through (found by `spoon mutate`, docs/SIM.md § "Mutation testing"). Each
//! step names the mutant it exists for; the lock-step compares every port every cycle, so a
//! step only has to make the mutated logic decide something the host reads back.

use crate::cosim::{host, Cosim, CosimError, CosimOptions};
use crate::rng::SplitMix64;
use crate::suite::{self, Report};
use golden::config::Config;
use golden::cycle::config_port::*;
use golden::cycle::host::{aer_words, Host};
use golden::cycle::{PortsIn, PortsOut};
use golden::event::Event;
use std::cell::RefCell;

/// Random events inside the field (channel 0), `n` of them.
fn events(config: &Config, rng: &mut SplitMix64, n: usize) -> Vec<Event> {
    let (w, h) = (config.input.width as u64, config.input.height as u64);
    (0..n)
        .map(|_| Event::new(rng.below(w) as u8, rng.below(h) as u8, 0))
        .collect()
}

/// Reads every hidden-layer weight word (the lock-step compares each).
fn read_hidden_words<D: FnMut(&PortsIn) -> PortsOut>(h: &mut Host<D>, config: &Config) {
    let words = config.conv_neurons() * config.fc.hidden[0].div_ceil(8);
    for a in 0..words {
        h.read_word(SELECT_HIDDEN_WEIGHTS, a);
    }
}

/// The projection seed of a label that XORs to zero: `base ^ constant(label) = 0` loads 1
/// into the projection LFSR (golden `target_projection::seed`). With `base` = label 3's
/// constant, a learning sample of label 3 draws its row from seed 1; any other value there
/// (mutant `fc.projection: seed = 32'h2`) moves other hidden weights.
fn zero_projection_seed<D: FnMut(&PortsIn) -> PortsOut>(
    h: &mut Host<D>,
    config: &Config,
    rng: &mut SplitMix64,
) {
    let label = 3 % config.fc.classes;
    let base = golden::target_projection::seed(0, 0, label);
    h.write(SELECT_REGISTERS, REG_PROJECTION_LO, (base & 0xFFFF) as i32);
    h.write(SELECT_REGISTERS, REG_PROJECTION_HI, (base >> 16) as i32);
    h.write(SELECT_REGISTERS, REG_HIDDEN_LR_SHIFT, 0);
    let n = config.input.width * config.input.height;
    for _ in 0..2 {
        let e = events(config, rng, n);
        h.sample(&aer_words(&e, true, label));
    }
    read_hidden_words(h, config);
}

/// The suite: a random chip (as the random suite makes it), then each directed step.
pub fn gaps(config: &Config, options: &CosimOptions) -> Result<Report, CosimError> {
    let cell = RefCell::new(Cosim::new(config, options)?);
    let mut h = host(&cell);
    let mut rng = SplitMix64::new(0x6A95);
    let range = 1 << (config.conv.weight_bits - 2);
    suite::load_chip(&mut h, &suite::random_chip(config, 0x6A95, range));
    zero_projection_seed(&mut h, config, &mut rng);
    drop(h);
    cell.borrow_mut().check()?;
    Ok(suite::report("gaps", &cell, 2))
}
