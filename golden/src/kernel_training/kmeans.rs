//! Unsupervised k-means over the binary event patches the convolution engine sees.
//! Label-free and integer-only, so that it is reproducible bit for bit on any machine.
//!
//! 1. Patches: samples are visited in the seeded order [`crate::train::epoch_order`]`(n, seed, 0)`;
//!    at every convolution position (rows, then columns) the patch is the
//!    `channels × size × size` map of taps that receive an event (1) or not (0). Patches with
//!    fewer than [`MIN_ACTIVE_TAPS`] events are skipped; collection stops at `max_patches`.
//! 2. Centroids in Q8 (`0..=256` stands for `0.0..=1.0`), initialised from the patches at
//!    `c · P / K`; each iteration assigns every patch to the nearest centroid (squared
//!    distance of `256·p` and the centroid, lowest index on ties) and moves each non-empty
//!    centroid to `round(256 · mean)`.
//! 3. Kernel weight `w = round(range · (2c − 256) / 256)`, half rounding up: taps where the
//!    cluster has events are excitatory, the others inhibitory.

use super::EventMap;
use crate::config::Config;
use crate::event::Event;
use crate::kernel::KernelMemory;
use crate::train::{epoch_order, SampleSource};

/// Patches with fewer events than this carry no shape and are skipped.
pub const MIN_ACTIVE_TAPS: u32 = 3;

/// Settings of the k-means procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KMeans {
    pub max_patches: usize,
    pub iterations: usize,
    pub seed: u32,
}

/// Collects the binary event patches of `data`, as described in the module documentation.
pub fn collect_patches(config: &Config, data: &dyn SampleSource, km: &KMeans) -> Vec<Vec<u8>> {
    let (size, stride, channels) = (config.conv.size, config.conv.stride, config.input.channels);
    let (out_w, out_h) = config.conv_out_side();
    let width = config.input.width;
    let mut events: Vec<Event> = Vec::new();
    let mut map = EventMap::new(config);
    let mut patches = Vec::new();
    for i in epoch_order(data.len(), km.seed, 0) {
        data.events(config, i, &mut events);
        map.load(&events);
        let bits = map.bits();
        for oy in 0..out_h {
            for ox in 0..out_w {
                let mut patch = Vec::with_capacity(channels * size * size);
                for ch in 0..channels {
                    for ky in 0..size {
                        let row =
                            (ch * config.input.height + oy * stride + ky) * width + ox * stride;
                        patch.extend_from_slice(&bits[row..row + size]);
                    }
                }
                if patch.iter().map(|&b| u32::from(b)).sum::<u32>() >= MIN_ACTIVE_TAPS {
                    patches.push(patch);
                    if patches.len() == km.max_patches {
                        return patches;
                    }
                }
            }
        }
    }
    patches
}

/// Q8 centroids of `k` clusters of `patches`.
pub fn centroids(patches: &[Vec<u8>], k: usize, iterations: usize) -> Vec<Vec<i64>> {
    if patches.is_empty() {
        return vec![Vec::new(); k];
    }
    let dim = patches[0].len();
    let mut cent: Vec<Vec<i64>> = (0..k)
        .map(|c| {
            patches[c * patches.len() / k]
                .iter()
                .map(|&b| 256 * i64::from(b))
                .collect()
        })
        .collect();
    for _ in 0..iterations {
        let mut sums = vec![vec![0i64; dim]; k];
        let mut counts = vec![0i64; k];
        for p in patches {
            let best = nearest(&cent, p);
            counts[best] += 1;
            for (s, &b) in sums[best].iter_mut().zip(p) {
                *s += i64::from(b);
            }
        }
        for ((c, s), &n) in cent.iter_mut().zip(&sums).zip(&counts) {
            if n > 0 {
                for (cv, &sv) in c.iter_mut().zip(s) {
                    *cv = (256 * sv + n / 2) / n;
                }
            }
        }
    }
    cent
}

fn nearest(cent: &[Vec<i64>], p: &[u8]) -> usize {
    let dist = |c: &Vec<i64>| -> i64 {
        c.iter()
            .zip(p)
            .map(|(&cv, &b)| (256 * i64::from(b) - cv).pow(2))
            .sum()
    };
    let mut best = 0;
    let mut best_d = dist(&cent[0]);
    for (i, c) in cent.iter().enumerate().skip(1) {
        let d = dist(c);
        if d < best_d {
            best = i;
            best_d = d;
        }
    }
    best
}

/// Kernel weight of a Q8 centroid value: `round(range · (2c − 256) / 256)`, half up.
pub fn weight_of(centroid: i64, range: i32) -> i16 {
    (i64::from(range) * (2 * centroid - 256) + 128).div_euclid(256) as i16
}

/// Kernels trained by k-means on `data` (see the module documentation).
pub fn train_kernels(config: &Config, data: &dyn SampleSource, km: &KMeans) -> KernelMemory {
    let patches = collect_patches(config, data, km);
    let cent = centroids(&patches, config.conv.kernels, km.iterations);
    let mut mem = KernelMemory::zeros(config);
    let size = config.conv.size;
    for (k, c) in cent.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
        for ch in 0..config.input.channels {
            for ky in 0..size {
                for kx in 0..size {
                    let q8 = c[(ch * size + ky) * size + kx];
                    mem.set(k, ch, ky, kx, weight_of(q8, config.conv.init_range));
                }
            }
        }
    }
    mem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weight_mapping() {
        assert_eq!(weight_of(0, 31), -31);
        assert_eq!(weight_of(256, 31), 31);
        assert_eq!(weight_of(128, 31), 0);
        assert_eq!(weight_of(192, 31), 16); // 31·128/256 = 15.5 → 16
        assert_eq!(weight_of(64, 31), -15); // −15.5 → −15 (half up)
    }

    #[test]
    fn two_obvious_clusters() {
        let a = vec![1u8, 1, 1, 0, 0, 0];
        let b = vec![0u8, 0, 0, 1, 1, 1];
        let mut patches = vec![a.clone(); 3];
        patches.extend(vec![b.clone(); 3]);
        patches.push(vec![1, 1, 0, 0, 0, 0]);
        let c = centroids(&patches, 2, 5);
        // Cluster 0: three `a` and one [1,1,0,..]: means 1, 1, 3/4 → 256, 256, 192.
        assert_eq!(c[0], vec![256, 256, 192, 0, 0, 0]);
        assert_eq!(c[1], vec![0, 0, 0, 256, 256, 256]);
    }
}
