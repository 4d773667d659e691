//! Off-chip kernel training: how the host makes the convolution kernels before on-chip
//! learning starts (`training.kernel_init`). Kernels never change on chip.
//!
//! - `random`: [`KernelMemory::random`], LFSR draws.
//! - `kmeans`: [`kmeans`], unsupervised, label-free, integer-only.
//! - `backprop`: [`backprop`], supervised, float, on the training split only.
//!
//! Both trained procedures see a sample as its binary event map: which
//! `(channel, y, x)` received at least one event.

pub mod backprop;
pub mod kmeans;

use crate::config::{Config, KernelInit};
use crate::event::Event;
use crate::kernel::KernelMemory;
use crate::train::SampleSource;

/// Binary `[channel][y][x]` map of the pixels that received an event.
pub struct EventMap {
    width: usize,
    height: usize,
    bits: Vec<u8>,
}

impl EventMap {
    pub fn new(config: &Config) -> Self {
        let (width, height) = (config.input.width, config.input.height);
        Self {
            width,
            height,
            bits: vec![0; config.input.channels * width * height],
        }
    }

    /// Loads one sample's events.
    pub fn load(&mut self, events: &[Event]) {
        self.bits.fill(0);
        for e in events {
            let (c, y, x) = (usize::from(e.channel), usize::from(e.y), usize::from(e.x));
            self.bits[(c * self.height + y) * self.width + x] = 1;
        }
    }

    /// `[channel][y][x]`, 1 where an event arrived.
    pub fn bits(&self) -> &[u8] {
        &self.bits
    }
}

/// The kernels `config.training.kernel_init` asks for, trained on `data` where it needs data.
pub fn make_kernels(config: &Config, data: &dyn SampleSource) -> KernelMemory {
    let t = &config.training;
    match t.kernel_init {
        KernelInit::Random => KernelMemory::random(config),
        KernelInit::Kmeans => kmeans::train_kernels(
            config,
            data,
            &kmeans::KMeans {
                max_patches: t.kmeans_patches,
                iterations: t.kmeans_iterations,
                seed: config.conv.seed,
            },
        ),
        KernelInit::Backprop => backprop::train_kernels(config, data),
    }
}
