//! Supervised kernel training off chip: a float model of the convolution layer, with a
//! linear softmax read-out, trained by backpropagation on the training split; only the
//! kernels are kept (quantised), the read-out is thrown away. The FC layers the chip uses at
//! test time are then learned on chip from zero, as always.
//!
//! The float model mirrors what the chip computes, in units of the firing threshold:
//! `v = Σ w` over the events that reach a neuron (as the convolution engine integrates them),
//! feature `a = clamp(⌊v⌋, 0, count_max)` (the spike count of an integrate-and-fire neuron
//! with reset by subtraction, when its membrane rises monotonically), gradient passed straight
//! through where `0 < v < count_max + 1`. Read-out `z = Wᵀa + b`, softmax, cross-entropy.
//! Plain SGD, one sample at a time, learning rate `2^−training.backprop_lr_shift`, for
//! `training.backprop_epochs` passes over at most `training.backprop_samples` samples in the
//! seeded order `epoch_order(n, conv.seed, epoch)`. Initial kernels: uniform in `±0.5` from LFSR
//! draws (seed `conv.seed`); read-out starts at zero.
//!
//! Export: `w = round(w_float · conv.threshold)`, clamped to `±(2^(weight_bits−1) − 1)`.
//! Floats are deterministic here (fixed order, no parallelism), so a run is reproducible on
//! one platform; it is host software, not part of the bit-exact datapath.

use crate::chip::argmax;
use crate::config::Config;
use crate::conv::touched_range;
use crate::event::Event;
use crate::kernel::KernelMemory;
use crate::lfsr::Lfsr;
use crate::train::{epoch_order, SampleSource};

/// The float convolution layer and read-out.
pub struct FloatModel {
    kernels: usize,
    size: usize,
    stride: usize,
    out_w: usize,
    out_h: usize,
    count_max: f32,
    /// `[channel][ky][kx][kernel]`, threshold units.
    conv: Vec<f32>,
    /// `[feature][class]`.
    readout: Vec<f32>,
    bias: Vec<f32>,
    classes: usize,
}

impl FloatModel {
    pub fn new(config: &Config) -> Self {
        let c = &config.conv;
        let (out_w, out_h) = config.conv_out_side();
        let taps = config.input.channels * c.size * c.size * c.kernels;
        let mut lfsr = Lfsr::new(c.seed);
        let conv = (0..taps)
            .map(|_| f32::from(lfsr.draw()) / 65535.0 - 0.5)
            .collect();
        Self {
            kernels: c.kernels,
            size: c.size,
            stride: c.stride,
            out_w,
            out_h,
            count_max: config.spike_count_max() as f32,
            conv,
            readout: vec![0.0; config.conv_neurons() * config.fc.classes],
            bias: vec![0.0; config.fc.classes],
            classes: config.fc.classes,
        }
    }

    /// Every (neuron base index, kernel tap base index) pair an event feeds.
    fn touches(&self, e: Event, mut f: impl FnMut(usize, usize)) {
        let (x, y, ch) = (usize::from(e.x), usize::from(e.y), usize::from(e.channel));
        let (Some((ox0, ox1)), Some((oy0, oy1))) = (
            touched_range(x, self.size, self.stride, self.out_w),
            touched_range(y, self.size, self.stride, self.out_h),
        ) else {
            return;
        };
        for oy in oy0..=oy1 {
            for ox in ox0..=ox1 {
                let tap =
                    (ch * self.size + y - oy * self.stride) * self.size + x - ox * self.stride;
                f((oy * self.out_w + ox) * self.kernels, tap * self.kernels);
            }
        }
    }

    /// Membrane sums `v` (threshold units) of every neuron.
    pub fn membranes(&self, events: &[Event], v: &mut Vec<f32>) {
        v.clear();
        v.resize(self.out_w * self.out_h * self.kernels, 0.0);
        for &e in events {
            self.touches(e, |n, t| {
                for k in 0..self.kernels {
                    v[n + k] += self.conv[t + k];
                }
            });
        }
    }

    /// One SGD step on one sample; returns whether it was classified correctly before it.
    pub fn step(&mut self, events: &[Event], label: usize, lr: f32, scratch: &mut Scratch) -> bool {
        self.membranes(events, &mut scratch.v);
        let cmax = self.count_max;
        scratch.a.clear();
        scratch
            .a
            .extend(scratch.v.iter().map(|&v| v.floor().clamp(0.0, cmax)));
        let mut z = self.bias.clone();
        for (f, &a) in scratch.a.iter().enumerate().filter(|(_, &a)| a != 0.0) {
            for (zc, &w) in z.iter_mut().zip(&self.readout[f * self.classes..]) {
                *zc += a * w;
            }
        }
        let correct = argmax(&z) == label;
        let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let sum: f32 = z.iter().map(|&v| (v - max).exp()).sum();
        let dz: Vec<f32> = z
            .iter()
            .enumerate()
            .map(|(c, &v)| (v - max).exp() / sum - if c == label { 1.0 } else { 0.0 })
            .collect();
        // Gradient of the membranes, straight through the clamp of the spike count.
        scratch.dv.clear();
        scratch
            .dv
            .extend(scratch.v.iter().enumerate().map(|(f, &v)| {
                if v > 0.0 && v < cmax + 1.0 {
                    let w = &self.readout[f * self.classes..(f + 1) * self.classes];
                    w.iter().zip(&dz).map(|(w, d)| w * d).sum()
                } else {
                    0.0
                }
            }));
        for (f, &a) in scratch.a.iter().enumerate().filter(|(_, &a)| a != 0.0) {
            for (w, d) in self.readout[f * self.classes..].iter_mut().zip(&dz) {
                *w -= lr * a * d;
            }
        }
        for (b, d) in self.bias.iter_mut().zip(&dz) {
            *b -= lr * d;
        }
        let dv = &scratch.dv;
        let kernels = self.kernels;
        let mut grads = std::mem::take(&mut scratch.grad);
        grads.clear();
        grads.resize(self.conv.len(), 0.0);
        for &e in events {
            self.touches(e, |n, t| {
                for k in 0..kernels {
                    grads[t + k] += dv[n + k];
                }
            });
        }
        for (w, g) in self.conv.iter_mut().zip(&grads) {
            *w -= lr * g;
        }
        scratch.grad = grads;
        correct
    }

    /// The kernels in the chip's format: `round(w · threshold)`, clamped to the weight range.
    pub fn export(&self, config: &Config) -> KernelMemory {
        let mut mem = KernelMemory::zeros(config);
        let limit = ((1 << (config.conv.weight_bits - 1)) - 1) as f32;
        let scale = config.conv.threshold as f32;
        for (dst, &w) in mem.weights_mut().iter_mut().zip(&self.conv) {
            *dst = (w * scale).round().clamp(-limit, limit) as i16;
        }
        mem
    }
}

/// Reused buffers of [`FloatModel::step`].
#[derive(Default)]
pub struct Scratch {
    v: Vec<f32>,
    a: Vec<f32>,
    dv: Vec<f32>,
    grad: Vec<f32>,
}

/// Trains the float model as the module documentation describes and exports its kernels.
pub fn train_kernels(config: &Config, data: &dyn SampleSource) -> KernelMemory {
    let t = &config.training;
    let mut model = FloatModel::new(config);
    let lr = 1.0 / (1u64 << t.backprop_lr_shift) as f32;
    let mut scratch = Scratch::default();
    let mut events = Vec::new();
    for epoch in 0..t.backprop_epochs {
        for i in epoch_order(data.len(), config.conv.seed, epoch)
            .into_iter()
            .take(t.backprop_samples)
        {
            data.events(config, i, &mut events);
            model.step(&events, data.label(i), lr, &mut scratch);
        }
    }
    model.export(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Config {
        let mut c = Config::default();
        c.input.width = 4;
        c.input.height = 4;
        c.conv.kernels = 1;
        c.conv.size = 3;
        c.conv.stride = 1;
        c.conv.threshold = 10;
        c.fc.classes = 2;
        c.hardware.conv_lanes = 1;
        c
    }

    #[test]
    fn float_membranes_follow_the_event_driven_convolution() {
        let config = tiny();
        let mut m = FloatModel::new(&config);
        for ky in 0..3 {
            for kx in 0..3 {
                m.conv[ky * 3 + kx] = (4 * ky + kx + 1) as f32;
            }
        }
        let mut v = Vec::new();
        // Same events and kernel as the hand-computed chip test: 6+11+7, 5+10+6, 2+7+3, 1+6+2.
        m.membranes(
            &[
                Event::new(1, 1, 0),
                Event::new(2, 2, 0),
                Event::new(2, 1, 0),
            ],
            &mut v,
        );
        assert_eq!(v, vec![24.0, 21.0, 12.0, 9.0]);
        assert_eq!(m.export(&config).weights()[..3], [10, 20, 30]);
    }

    #[test]
    fn the_readout_gradient_moves_towards_the_label() {
        let config = tiny();
        let mut m = FloatModel::new(&config);
        m.conv.fill(0.5);
        let events = [
            Event::new(1, 1, 0),
            Event::new(2, 2, 0),
            Event::new(2, 1, 0),
        ];
        let mut s = Scratch::default();
        // Each neuron takes the three events: v = 1.5 → a = 1; z = 0 → p = ½; dz = [½, −½].
        m.step(&events, 1, 0.1, &mut s);
        assert_eq!(m.bias, vec![-0.05, 0.05]);
        assert_eq!(&m.readout[..2], &[-0.05, 0.05]);
    }

    /// The kernels descend the straight-through gradient. With read-out weights +1 (class 0)
    /// and −1 (class 1) on every feature, every membrane (1.5, inside the window) has
    /// `dv = dz₀ − dz₁ = 2·p₀` for label 1, so tap `t` moves by `−lr · 2p₀ · n_t`, `n_t` the
    /// (event, neuron) pairs that read it: counted by hand for the three events on the 2 × 2
    /// map, tap = (y − oy)·3 + (x − ox).
    #[test]
    fn the_kernels_descend_the_gradient() {
        let config = tiny();
        let mut m = FloatModel::new(&config);
        m.conv.fill(0.5);
        for f in 0..4 {
            m.readout[2 * f] = 1.0;
            m.readout[2 * f + 1] = -1.0;
        }
        let events = [
            Event::new(1, 1, 0),
            Event::new(2, 2, 0),
            Event::new(2, 1, 0),
        ];
        let lr = 0.01;
        m.step(&events, 1, lr, &mut Scratch::default());
        // z = [4, −4]: p₀ = 1 / (1 + e^−8).
        let p0 = 1.0 / (1.0 + (-8.0f32).exp());
        let uses = [1, 2, 1, 1, 3, 2, 0, 1, 1];
        for (t, n) in uses.into_iter().enumerate() {
            let want = 0.5 - lr * 2.0 * p0 * n as f32;
            assert!(
                (m.conv[t] - want).abs() < 1e-6,
                "tap {t}: {} for {want}",
                m.conv[t]
            );
        }
    }
}
