//! Membrane map: the integrate-and-fire neurons of the convolution layer.
//!
//! One neuron per (output row, output column, kernel), stored position-major so that the
//! neurons of all kernels at one position form one memory word. Each neuron holds a signed
//! membrane of `conv.membrane_bits` (saturating) and an unsigned spike counter of
//! `conv.spike_count_bits` (saturating). Both are cleared at the start of every sample.

use crate::config::Config;
use crate::fixed::{max_signed, min_signed};

/// The constants of every neuron update, membrane units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Neuron {
    lo: i16,
    hi: i16,
    threshold: i16,
    count_max: i16,
}

impl Neuron {
    /// One update: `v ← sat(v + w)`; if `v ≥ threshold` then `v ← v − threshold` and the
    /// counter increments, saturating. Branch-free, so that lanes run in parallel as in
    /// hardware. `saturating_add` is exact: with `membrane_bits ≤ 16`, saturating at 16 bits
    /// first never changes the result of saturating at `membrane_bits`.
    #[inline(always)]
    fn update(self, v: &mut i16, c: &mut i16, w: i16) -> bool {
        let sum = v.saturating_add(w).clamp(self.lo, self.hi);
        let fire = sum >= self.threshold;
        *v = sum - self.threshold * i16::from(fire);
        *c = (*c + i16::from(fire)).min(self.count_max);
        fire
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembraneMap {
    neuron: Neuron,
    /// Membrane potentials, `[oy][ox][kernel]`, membrane units (`conv.membrane_bits ≤ 16`).
    potential: Vec<i16>,
    /// Spike counters, `[oy][ox][kernel]`, `0..=2^spike_count_bits − 1`.
    count: Vec<i16>,
}

impl MembraneMap {
    pub fn new(config: &Config) -> Self {
        let n = config.conv_neurons();
        let bits = config.conv.membrane_bits;
        Self {
            neuron: Neuron {
                lo: min_signed(bits) as i16,
                hi: max_signed(bits) as i16,
                threshold: config.conv.threshold as i16,
                count_max: config.spike_count_max() as i16,
            },
            potential: vec![0; n],
            count: vec![0; n],
        }
    }

    /// Start of a sample: every membrane and counter to zero.
    pub fn clear(&mut self) {
        self.potential.fill(0);
        self.count.fill(0);
    }

    /// Integrates `weight` into neuron `index` and fires at most once. Returns whether it fired.
    pub fn integrate(&mut self, index: usize, weight: i16) -> bool {
        let neuron = self.neuron;
        neuron.update(&mut self.potential[index], &mut self.count[index], weight)
    }

    /// [`MembraneMap::integrate`] for the neurons of every kernel at one position (one
    /// memory word, `base..base + taps.len()`), with the taps of one kernel word.
    #[inline(always)]
    pub fn integrate_word(&mut self, base: usize, taps: &[i16]) {
        let neuron = self.neuron;
        let n = taps.len();
        let potentials = &mut self.potential[base..base + n];
        let counts = &mut self.count[base..base + n];
        for ((v, c), &w) in potentials.iter_mut().zip(counts.iter_mut()).zip(taps) {
            neuron.update(v, c, w);
        }
    }

    /// Membrane potentials, `[oy][ox][kernel]`.
    pub fn potentials(&self) -> &[i16] {
        &self.potential
    }

    /// Spike counters, `[oy][ox][kernel]`: the input of the first FC layer.
    pub fn counts(&self) -> &[i16] {
        &self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(threshold: i32, membrane_bits: u32, count_bits: u32) -> MembraneMap {
        let mut c = Config::default();
        c.conv.threshold = threshold;
        c.conv.membrane_bits = membrane_bits;
        c.conv.spike_count_bits = count_bits;
        MembraneMap::new(&c)
    }

    #[test]
    fn integrates_fires_and_subtracts_the_threshold() {
        let mut m = map(10, 12, 2);
        assert!(!m.integrate(0, 6));
        assert_eq!(m.potentials()[0], 6);
        assert!(m.integrate(0, 7)); // 13 ≥ 10 → 3
        assert_eq!((m.potentials()[0], m.counts()[0]), (3, 1));
        assert!(!m.integrate(0, -20));
        assert_eq!((m.potentials()[0], m.counts()[0]), (-17, 1));
    }

    #[test]
    fn fires_at_most_once_per_update_and_counter_saturates() {
        let mut m = map(10, 12, 2);
        assert!(m.integrate(5, 100)); // 100 → 90, one spike only
        assert_eq!((m.potentials()[5], m.counts()[5]), (90, 1));
        assert!(m.integrate(5, 0));
        assert!(m.integrate(5, 0));
        assert!(m.integrate(5, 0)); // fourth spike: counter stays at 3
        assert_eq!((m.potentials()[5], m.counts()[5]), (60, 3));
    }

    #[test]
    fn word_update_equals_neuron_updates() {
        let mut a = map(10, 8, 2);
        let mut b = map(10, 8, 2);
        let taps: [i16; 4] = [127, -128, 9, 10];
        for round in 0..6 {
            a.integrate_word(4, &taps);
            for (lane, &w) in taps.iter().enumerate() {
                b.integrate(4 + lane, w);
            }
            assert_eq!(a, b, "round {round}");
        }
        assert_eq!(a.potentials()[4..8], [117, -128, 4, 0]);
        assert_eq!(a.counts()[4..8], [3, 0, 3, 3]);
    }

    #[test]
    fn membrane_saturates_at_both_ends() {
        let mut m = map(2047, 12, 2);
        for _ in 0..40 {
            m.integrate(1, -127);
        }
        assert_eq!(m.potentials()[1], -2048);
        for _ in 0..80 {
            m.integrate(2, 127);
        }
        // 2047 fires each time it is reached: saturation at +2047 then subtract.
        assert!(m.potentials()[2] < 2047);
        let mut m = map(2047, 12, 2);
        m.integrate(3, 2000);
        assert!(m.integrate(3, 100)); // sat(2100) = 2047 ≥ 2047 → 0
        assert_eq!(m.potentials()[3], 0);
        m.clear();
        assert_eq!((m.potentials()[3], m.counts()[3]), (0, 0));
    }
}
