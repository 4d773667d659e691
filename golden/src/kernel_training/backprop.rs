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

    /// With integer kernels the float membranes are the chip's membrane potentials (no neuron
    /// reaching the threshold): two channels, stride 2, three kernels, every pixel of a 7 × 7
    /// field on one channel or the other (mutants: `*` → `/` in the tap and neuron indices of
    /// `touches`, `v[n + k]` → `v[n - k]`; the other tests have one channel, stride 1 or one
    /// kernel, where they agree).
    #[test]
    fn float_membranes_are_the_chips_potentials() {
        use crate::conv::integrate_event;
        use crate::membrane::MembraneMap;
        let mut c = Config::default();
        (c.input.width, c.input.height, c.input.channels) = (7, 7, 2);
        (c.conv.size, c.conv.stride, c.conv.kernels) = (3, 2, 3);
        c.conv.threshold = 2000;
        c.conv.init_range = 9;
        let kernels = KernelMemory::random(&c);
        let mut m = FloatModel::new(&c);
        m.conv = kernels.weights().iter().map(|&w| f32::from(w)).collect();
        let events: Vec<Event> = (0..49)
            .map(|i| Event::new(i % 7, i / 7, i * 5 / 3 % 2))
            .collect();
        let mut chip = MembraneMap::new(&c);
        for &e in &events {
            integrate_event(&c, &kernels, &mut chip, e);
        }
        let mut v = Vec::new();
        m.membranes(&events, &mut v);
        let potentials: Vec<f32> = chip.potentials().iter().map(|&p| f32::from(p)).collect();
        assert_eq!(v, potentials);
        assert!(chip.counts().iter().all(|&n| n == 0));
        assert!(potentials.iter().filter(|&&p| p != 0.0).count() > 20);
    }

    /// One SGD step by hand on a 2 × 2 map of two kernels, one event touching every position
    /// (its tap at position `(ox, oy)` is `(1 − oy, 1 − ox)`): features
    /// `a = clamp(⌊v⌋, 0, 3)` and a straight-through window `0 < v < 4` checked at both edges,
    /// below and inside them; spike counts up to 3 scale the read-out's update (mutants: the
    /// window's four comparisons and its `cmax + 1`; `a · w` → `a + w` in the scores, the
    /// prediction `== label` → `!=`, `lr · a` → `lr / a`, and the kernel gradient's indices).
    #[test]
    fn one_step_follows_the_gradient_by_hand() {
        let mut c = tiny();
        c.conv.kernels = 2;
        let mut m = FloatModel::new(&c);
        assert_eq!(m.count_max, 3.0);
        // conv[tap · 2 + kernel]; feature f = position · 2 + kernel.
        let tap_of_position = [4, 3, 1, 0];
        let v = [2.5, 1.25, 0.0, 3.0, 4.0, 0.5, -1.0, 3.5];
        let a = [2.0, 1.0, 0.0, 3.0, 3.0, 0.0, 0.0, 3.0];
        let window = [true, true, false, true, false, true, false, true];
        m.conv.fill(0.2);
        let conv_index = |f: usize| tap_of_position[f / 2] * 2 + f % 2;
        for (f, &v) in v.iter().enumerate() {
            m.conv[conv_index(f)] = v;
        }
        let w = |f: usize| [0.1 + 0.01 * f as f32, -0.05 - 0.02 * f as f32];
        for f in 0..8 {
            m.readout[2 * f..2 * f + 2].copy_from_slice(&w(f));
        }
        m.bias = vec![0.3, -0.2];
        let before = m.conv.clone();
        let event = [Event::new(1, 1, 0)];
        let lr = 0.5;
        let mut z = [0.3f32, -0.2];
        for (f, &a) in a.iter().enumerate() {
            z[0] += a * w(f)[0];
            z[1] += a * w(f)[1];
        }
        let p0 = 1.0 / (1.0 + (z[1] - z[0]).exp());
        let dz = [p0, -p0]; // p − y for label 1
        assert!(
            !m.step(&event, 1, lr, &mut Scratch::default()),
            "class 0 scores higher"
        );
        let close = |x: f32, y: f32| (x - y).abs() < 1e-6;
        for f in 0..8 {
            let dv = if window[f] {
                w(f)[0] * dz[0] + w(f)[1] * dz[1]
            } else {
                0.0
            };
            let t = conv_index(f);
            assert!(
                close(m.conv[t], before[t] - lr * dv),
                "feature {f}: {}",
                m.conv[t]
            );
            for (k, d) in dz.iter().enumerate() {
                let want = w(f)[k] - lr * a[f] * d;
                assert!(close(m.readout[2 * f + k], want), "feature {f}, class {k}");
            }
        }
        assert!(close(m.bias[0], 0.3 - lr * dz[0]) && close(m.bias[1], -0.2 - lr * dz[1]));
        // Taps no position reads keep their value.
        assert!([5, 6, 7, 8]
            .iter()
            .all(|&t| m.conv[2 * t] == 0.2 && m.conv[2 * t + 1] == 0.2));
        let mut fresh = FloatModel::new(&c);
        (fresh.conv, fresh.bias) = (before, vec![0.3, -0.2]);
        fresh.readout = (0..8).flat_map(w).collect();
        assert!(
            fresh.step(&event, 0, lr, &mut Scratch::default()),
            "label 0 is predicted"
        );
    }

    /// The export clamps to the weight range, `±(2^(weight_bits − 1) − 1)` (mutants: either `−`
    /// of the limit → `+`, `/`).
    #[test]
    fn the_export_clamps_to_the_weight_range() {
        let config = tiny();
        let mut m = FloatModel::new(&config);
        m.conv[..4].copy_from_slice(&[12.7, 12.8, -13.0, 1000.0]);
        assert_eq!(m.export(&config).weights()[..4], [127, 127, -127, 127]);
    }

    /// `train_kernels` is `backprop_epochs` passes of `FloatModel::step` at the learning rate
    /// `2^−backprop_lr_shift`, exported (mutants: the rate's `/` → `%`, `*` and `<<` → `>>`).
    /// The read-out starts at zero, so the kernels move from the second step on.
    #[test]
    fn train_kernels_takes_steps_at_the_configured_rate() {
        let mut config = tiny();
        config.conv.threshold = 100;
        (
            config.training.backprop_epochs,
            config.training.backprop_lr_shift,
        ) = (3, 2);
        // Tap (0, 0) alone, five times: its initial 0.38 gives v = 1.9, a spike count of 1.
        let events = vec![Event::new(0, 0, 0); 5];
        let set = crate::train::EventSet {
            samples: vec![(events.clone(), 1)],
        };
        let mut m = FloatModel::new(&config);
        let initial = m.export(&config);
        let mut scratch = Scratch::default();
        for _ in 0..3 {
            m.step(&events, 1, 0.25, &mut scratch);
        }
        let trained = train_kernels(&config, &set);
        assert_eq!(trained.weights(), m.export(&config).weights());
        assert_ne!(trained.weights(), initial.weights());
    }
}
