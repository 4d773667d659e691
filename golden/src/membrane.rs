//! Membrane map: the integrate-and-fire neurons of the convolution layer.
//!
//! One neuron per (output row, output column, kernel), stored position-major so that the
//! neurons of all kernels at one position form one memory word. Each neuron holds a signed
//! membrane of `conv.membrane_bits` (saturating) and an unsigned spike counter of
//! `conv.spike_count_bits` (saturating). Both are cleared at the start of every sample.

use crate::config::Config;
use crate::fixed::saturate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembraneMap {
    membrane_bits: u32,
    threshold: i32,
    count_max: u8,
    /// Membrane potentials, `[oy][ox][kernel]`, membrane units.
    potential: Vec<i32>,
    /// Spike counters, `[oy][ox][kernel]`, `0..=count_max`.
    count: Vec<u8>,
}

impl MembraneMap {
    pub fn new(config: &Config) -> Self {
        let n = config.conv_neurons();
        Self {
            membrane_bits: config.conv.membrane_bits,
            threshold: config.conv.threshold,
            count_max: config.spike_count_max() as u8,
            potential: vec![0; n],
            count: vec![0; n],
        }
    }

    /// Start of a sample: every membrane and counter to zero.
    pub fn clear(&mut self) {
        self.potential.fill(0);
        self.count.fill(0);
    }

    /// Integrates `weight` into neuron `index` and fires at most once:
    /// `v ← sat(v + w)`; if `v ≥ threshold` then `v ← v − threshold` and the counter
    /// increments, saturating. Returns whether the neuron fired.
    #[inline(always)]
    pub fn integrate(&mut self, index: usize, weight: i32) -> bool {
        let v = saturate(self.potential[index] + weight, self.membrane_bits);
        if v >= self.threshold {
            self.potential[index] = v - self.threshold;
            let c = &mut self.count[index];
            *c = (*c + 1).min(self.count_max);
            true
        } else {
            self.potential[index] = v;
            false
        }
    }

    /// Membrane potentials, `[oy][ox][kernel]`.
    pub fn potentials(&self) -> &[i32] {
        &self.potential
    }

    /// Spike counters, `[oy][ox][kernel]`: the input of the first FC layer.
    pub fn counts(&self) -> &[u8] {
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
