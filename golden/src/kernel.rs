//! Kernel memory of the convolution layer.
//!
//! `kernels × channels × size × size` signed weights of `conv.weight_bits`, stored tap-major:
//! one word holds the same tap `(channel, ky, kx)` of every kernel, so that the convolution
//! engine reads all kernels of one tap in one access. Kernels are fixed on chip: the host writes
//! them through the configuration port (random from an LFSR, or trained off chip).

use crate::config::Config;
use crate::lfsr::Lfsr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KernelMemory {
    kernels: usize,
    channels: usize,
    size: usize,
    /// `[channel][ky][kx][kernel]`.
    weights: Vec<i16>,
}

impl KernelMemory {
    /// All-zero kernels of the configured shape.
    pub fn zeros(config: &Config) -> Self {
        let c = &config.conv;
        Self {
            kernels: c.kernels,
            channels: config.input.channels,
            size: c.size,
            weights: vec![0; c.kernels * config.input.channels * c.size * c.size],
        }
    }

    /// Random kernels: one LFSR draw per weight, in storage order, mapped to
    /// `(draw mod (2·init_range + 1)) − init_range`.
    pub fn random(config: &Config) -> Self {
        let mut mem = Self::zeros(config);
        fill_uniform(
            &mut mem.weights,
            config.conv.init_range,
            &mut Lfsr::new(config.conv.seed),
        );
        mem
    }

    /// Index of tap `(channel, ky, kx)` of `kernel` in storage order.
    #[inline(always)]
    pub fn index(&self, kernel: usize, channel: usize, ky: usize, kx: usize) -> usize {
        ((channel * self.size + ky) * self.size + kx) * self.kernels + kernel
    }

    pub fn get(&self, kernel: usize, channel: usize, ky: usize, kx: usize) -> i16 {
        self.weights[self.index(kernel, channel, ky, kx)]
    }

    pub fn set(&mut self, kernel: usize, channel: usize, ky: usize, kx: usize, value: i16) {
        let i = self.index(kernel, channel, ky, kx);
        self.weights[i] = value;
    }

    /// The weights of every kernel at one tap: one memory word.
    #[inline(always)]
    pub fn tap(&self, channel: usize, ky: usize, kx: usize) -> &[i16] {
        let base = self.index(0, channel, ky, kx);
        &self.weights[base..base + self.kernels]
    }

    /// Raw storage, `[channel][ky][kx][kernel]`.
    pub fn weights(&self) -> &[i16] {
        &self.weights
    }

    pub fn weights_mut(&mut self) -> &mut [i16] {
        &mut self.weights
    }
}

/// Fills `weights` with LFSR draws mapped uniformly (up to the modulo bias of a 16-bit draw)
/// onto `[-range, range]`. Host-side initialisation, not a datapath operation.
pub fn fill_uniform(weights: &mut [i16], range: i32, lfsr: &mut Lfsr) {
    let span = (2 * range + 1) as u32;
    for w in weights {
        *w = (u32::from(lfsr.draw()) % span) as i16 - range as i16;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tap_major_layout() {
        let mut config = Config::default();
        config.conv.kernels = 8;
        config.conv.size = 5;
        let mut mem = KernelMemory::zeros(&config);
        mem.set(3, 0, 1, 2, -7);
        assert_eq!(mem.index(3, 0, 1, 2), (5 + 2) * 8 + 3);
        assert_eq!(mem.tap(0, 1, 2)[3], -7);
        assert_eq!(mem.get(3, 0, 1, 2), -7);
    }

    #[test]
    fn random_kernels_are_pinned_and_in_range() {
        let mut config = Config::default();
        config.conv.seed = 1;
        config.conv.init_range = 3;
        let mem = KernelMemory::random(&config);
        // Draws from seed 1 are 0xB6C3, 0x3DB5, 0xF3CF, 0x2FA6 (see lfsr tests); mod 7 minus 3.
        let expect: Vec<i16> = [0xB6C3u32, 0x3DB5, 0xF3CF, 0x2FA6]
            .iter()
            .map(|d| (d % 7) as i16 - 3)
            .collect();
        assert_eq!(&mem.weights()[..4], &expect[..]);
        assert_eq!(&mem.weights()[..4], &[3, 2, 0, 1]);
        assert!(mem.weights().iter().all(|w| (-3..=3).contains(w)));
    }
}
