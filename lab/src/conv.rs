//! Convolutional network of the DRTP paper's MNIST CONV experiment, scaled down: one layer of
//! `channels` square kernels over a one-channel square image (valid padding), the hidden
//! nonlinearity, then a fully connected output layer on the flattened map.
//!
//! The network is held as a [`Network`] of two layers so that the learning rules, feedback,
//! optimizer and angle measurement of the fully connected lab apply unchanged:
//! - `layers[0]`: the kernels, `channels × kernel²` (row `c` is kernel `c`, row-major), and
//!   one bias per channel;
//! - `layers[1]`: the output layer, `classes × map_units`.
//!
//! The output map is flattened position-major, `unit = (row · side_out + col) · channels + c`,
//! and [`Trace::outputs`]`[1]` is that map, so a mode's `δz` of the conv layer is batch ×
//! `map_units` exactly as for a hidden FC layer of that many units. Only the weight gradient
//! differs: the kernel's is the correlation of `δz` with the input patches (im2col).
//! [`Network::forward`] does not apply to such a network; use [`ConvGeometry::forward`].

use ndarray::{Array1, Array2, ArrayView2, Axis};
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::activation::{Activation, Loss};
use crate::learning::{layer_gradient, Gradient, TrainingMode};
use crate::network::{he_uniform, Init, Layer, Network, Trace};

/// Shape of the conv layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConvGeometry {
    /// input image side, pixels (the image is `side × side`, one channel, row-major)
    pub side: usize,
    /// kernel side, pixels
    pub kernel: usize,
    /// pixels between two kernel positions, both directions
    pub stride: usize,
    /// kernels, i.e. output channels
    pub channels: usize,
}

impl ConvGeometry {
    /// Side of the output map (valid padding).
    pub fn side_out(&self) -> usize {
        (self.side - self.kernel) / self.stride + 1
    }

    /// Kernel positions per image.
    pub fn positions(&self) -> usize {
        self.side_out().pow(2)
    }

    /// Units of the flattened output map.
    pub fn map_units(&self) -> usize {
        self.positions() * self.channels
    }

    /// Layer sizes as the FC lab counts them: input pixels, map units, classes.
    pub fn sizes(&self, classes: usize) -> Vec<usize> {
        vec![self.side * self.side, self.map_units(), classes]
    }

    /// Kernels He-uniform with fan-in `kernel²` (PyTorch's `Conv2d` default gain √2) or zero,
    /// likewise the output layer with fan-in `map_units`; biases zero.
    pub fn network(
        &self,
        classes: usize,
        hidden: Activation,
        loss: Loss,
        init: Init,
        rng: &mut impl Rng,
    ) -> Network {
        let taps = self.kernel * self.kernel;
        let mut layer = |rows: usize, cols: usize| Layer {
            weight: match init {
                Init::He => he_uniform(rows, cols, cols, rng),
                Init::Zero => Array2::zeros((rows, cols)),
            },
            bias: Array1::zeros(rows),
        };
        let conv = layer(self.channels, taps);
        let output = layer(classes, self.map_units());
        Network {
            layers: vec![conv, output],
            hidden,
            loss,
        }
    }

    /// im2col: `(batch · positions) × kernel²`, row `n · positions + p` holding the pixels
    /// under the kernel at position `p` of image `n`.
    pub fn patches(&self, images: ArrayView2<f32>) -> Array2<f32> {
        assert_eq!(images.ncols(), self.side * self.side, "image size");
        let (out, k) = (self.side_out(), self.kernel);
        let mut patches = Array2::zeros((images.nrows() * self.positions(), k * k));
        let mut rows = patches.outer_iter_mut();
        for image in images.outer_iter() {
            for r in 0..out {
                for c in 0..out {
                    let mut row = rows.next().expect("one row per position");
                    for (tap, v) in row.iter_mut().enumerate() {
                        let (dr, dc) = (tap / k, tap % k);
                        *v = image[(r * self.stride + dr) * self.side + c * self.stride + dc];
                    }
                }
            }
        }
        patches
    }

    /// Pre-activations of the map, batch × `map_units`, position-major.
    pub fn correlate(&self, patches: ArrayView2<f32>, conv: &Layer) -> Array2<f32> {
        let mut z = patches.dot(&conv.weight.t());
        z += &conv.bias.view().insert_axis(Axis(0));
        let batch = patches.nrows() / self.positions();
        z.into_shape_with_order((batch, self.map_units()))
            .expect("contiguous (batch · positions) × channels")
    }

    /// Forward pass: `outputs = [images, map, network output]`.
    pub fn forward(&self, net: &Network, images: ArrayView2<f32>) -> Trace {
        let mut map = self.correlate(self.patches(images).view(), &net.layers[0]);
        let f = net.hidden;
        map.mapv_inplace(|v| f.apply(v));
        let output_layer = &net.layers[1];
        let mut z = map.dot(&output_layer.weight.t());
        z += &output_layer.bias.view().insert_axis(Axis(0));
        net.loss.output_activation(&mut z);
        Trace {
            outputs: vec![images.to_owned(), map, z],
        }
    }

    /// Kernel gradient from the map's signal `δz` (batch × `map_units`):
    /// `G[c, tap] = mean_n Σ_p δz[n, p, c] · patch[n, p, tap]`, bias `mean_n Σ_p δz[n, p, c]`.
    pub fn kernel_gradient(&self, signal: ArrayView2<f32>, images: ArrayView2<f32>) -> Gradient {
        let batch = signal.nrows() as f32;
        let per_position = signal
            .as_standard_layout()
            .into_owned()
            .into_shape_with_order((signal.nrows() * self.positions(), self.channels))
            .expect("batch × (positions · channels)");
        let patches = self.patches(images);
        Gradient {
            weight: per_position.t().dot(&patches) / batch,
            bias: per_position.sum_axis(Axis(0)) / batch,
        }
    }

    /// The two layers' gradients under `mode` from its [`modulatory_signals`]; `None` for
    /// the kernels under shallow learning.
    ///
    /// [`modulatory_signals`]: crate::learning::modulatory_signals
    pub fn gradients(
        &self,
        mode: TrainingMode,
        signals: &[Array2<f32>],
        trace: &Trace,
    ) -> Vec<Option<Gradient>> {
        let kernels = mode
            .trains_hidden()
            .then(|| self.kernel_gradient(signals[0].view(), trace.outputs[0].view()));
        let output = layer_gradient(signals[1].view(), trace.outputs[1].view());
        vec![kernels, Some(output)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learning::{backprop_signals, modulatory_signals, Feedback, TrainingMode};
    use ndarray::{arr1, arr2};
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    /// 3×3 image, 2×2 kernel, stride 1: a 2×2 map of one channel.
    const TINY: ConvGeometry = ConvGeometry {
        side: 3,
        kernel: 2,
        stride: 1,
        channels: 1,
    };

    fn tiny_image() -> Array2<f32> {
        // 1 2 0
        // 0 1 1
        // 2 0 1
        arr2(&[[1.0, 2.0, 0.0, 0.0, 1.0, 1.0, 2.0, 0.0, 1.0]])
    }

    #[test]
    fn conv_forward_of_a_hand_set_image() {
        // kernel [[1, 0], [0, −1]], bias 0.5: z = x[r][c] − x[r+1][c+1] + 0.5.
        let conv = Layer {
            weight: arr2(&[[1.0, 0.0, 0.0, -1.0]]),
            bias: arr1(&[0.5]),
        };
        let z = TINY.correlate(TINY.patches(tiny_image().view()).view(), &conv);
        // (0,0): 1 − 1 + .5; (0,1): 2 − 1 + .5; (1,0): 0 − 0 + .5; (1,1): 1 − 1 + .5
        assert_eq!(z, arr2(&[[0.5, 1.5, 0.5, 0.5]]));
    }

    #[test]
    fn stride_two_picks_every_other_position() {
        let g = ConvGeometry {
            side: 5,
            kernel: 3,
            stride: 2,
            channels: 2,
        };
        assert_eq!((g.side_out(), g.map_units()), (2, 8));
        let image = Array2::from_shape_fn((1, 25), |(_, i)| i as f32);
        let patches = g.patches(image.view());
        // position (1, 1) starts at pixel (2, 2) = 12
        assert_eq!(
            patches.row(3).to_vec(),
            vec![12., 13., 14., 17., 18., 19., 22., 23., 24.]
        );
    }

    /// Linear hidden units and MSE on a linear output keep every step exact in f32:
    /// kernel [[1, 0], [0, −1]] (bias .5) gives the map m = [.5, 1.5, .5, .5] above;
    /// output weights W = [[1, 0, 0, −1], [0, .5, .5, 0]], bias 0: y = [0, 1];
    /// target y* = [1, 0], so the error is e = y − y* = [−1, 1].
    fn tiny_net() -> Network {
        Network {
            layers: vec![
                Layer {
                    weight: arr2(&[[1.0, 0.0, 0.0, -1.0]]),
                    bias: arr1(&[0.5]),
                },
                Layer {
                    weight: arr2(&[[1.0, 0.0, 0.0, -1.0], [0.0, 0.5, 0.5, 0.0]]),
                    bias: arr1(&[0.0, 0.0]),
                },
            ],
            hidden: Activation::Linear,
            loss: Loss::Mse,
        }
    }

    /// Feedback for the tiny net: B = [[.5, −1, 0, 1], [1, 0, −.5, .25]] for every mode that
    /// has one (FA's replaces W, DFA's projects e, DRTP's y*).
    fn tiny_feedback(mode: TrainingMode) -> Feedback {
        let b = arr2(&[[0.5, -1.0, 0.0, 1.0], [1.0, 0.0, -0.5, 0.25]]);
        Feedback {
            matrices: match mode {
                TrainingMode::Bp | TrainingMode::Shallow => vec![],
                _ => vec![b],
            },
        }
    }

    fn conv_gradient(mode: TrainingMode) -> Option<Gradient> {
        let net = tiny_net();
        let trace = TINY.forward(&net, tiny_image().view());
        assert_eq!(trace.outputs[2], arr2(&[[0.0, 1.0]]));
        let targets = arr2(&[[1.0, 0.0]]);
        let feedback = tiny_feedback(mode);
        let signals = modulatory_signals(mode, &net, &feedback, &trace, targets.view());
        let mut grads = TINY.gradients(mode, &signals, &trace);
        // the output layer always learns from e ⊗ m
        assert_eq!(
            grads[1].as_ref().map(|g| g.bias.clone()),
            Some(arr1(&[-1.0, 1.0]))
        );
        grads[0].take()
    }

    /// `G = Σ_p δ[p] · patch[p]`, patches (row-major 2×2 windows of the image):
    /// p0 [1, 2, 0, 1], p1 [2, 0, 1, 1], p2 [0, 1, 2, 0], p3 [1, 1, 0, 1].
    #[test]
    fn each_mode_updates_the_kernel_as_computed_by_hand() {
        let expect = |mode, weight: [f32; 4], bias: f32| {
            let g = conv_gradient(mode).expect("the conv layer learns");
            assert_eq!(g.weight, arr2(&[weight]), "{mode}");
            assert_eq!(g.bias, arr1(&[bias]), "{mode}");
        };
        // BP: δ = e W = −1·[1, 0, 0, −1] + 1·[0, .5, .5, 0] = [−1, .5, .5, 1]
        // G = −p0 + .5 p1 + .5 p2 + p3 = [1, −.5, 1.5, .5], bias 1
        expect(TrainingMode::Bp, [1.0, -0.5, 1.5, 0.5], 1.0);
        // FA, DFA: δ = e B = −[.5, −1, 0, 1] + [1, 0, −.5, .25] = [.5, 1, −.5, −.75]
        // G = .5 p0 + p1 − .5 p2 − .75 p3 = [1.75, −.25, 0, .75], bias .25
        for mode in [TrainingMode::Fa, TrainingMode::Dfa] {
            expect(mode, [1.75, -0.25, 0.0, 0.75], 0.25);
        }
        // sDFA: sign(e) = e here, the same signal.
        expect(TrainingMode::Sdfa, [1.75, -0.25, 0.0, 0.75], 0.25);
        // DRTP: δ = y* B = B row 0 = [.5, −1, 0, 1]
        // G = .5 p0 − p1 + p3 = [−.5, 2, −1, .5], bias .5
        expect(TrainingMode::Drtp, [-0.5, 2.0, -1.0, 0.5], 0.5);
        // shallow: the kernel keeps its value.
        assert_eq!(conv_gradient(TrainingMode::Shallow), None);
    }

    #[test]
    fn sdfa_uses_the_sign_of_the_error_only() {
        let net = tiny_net();
        let image = tiny_image();
        let trace = TINY.forward(&net, image.view());
        // y = [0, 1], y* = [3, 0]: e = [−3, 1], sign [−1, 1] as in the hand-computed case.
        let targets = arr2(&[[3.0, 0.0]]);
        let mode = TrainingMode::Sdfa;
        let signals = modulatory_signals(mode, &net, &tiny_feedback(mode), &trace, targets.view());
        let g = TINY.kernel_gradient(signals[0].view(), image.view());
        assert_eq!(g.weight, arr2(&[[1.75, -0.25, 0.0, 0.75]]));
    }

    /// A random tanh/BCE conv network: 6×6 images, two 3×3 kernels, stride 1, 3 classes.
    fn random_case(seed: u64) -> (ConvGeometry, Network, Array2<f32>, Array2<f32>) {
        let g = ConvGeometry {
            side: 6,
            kernel: 3,
            stride: 1,
            channels: 2,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let net = g.network(3, Activation::Tanh, Loss::Bce, Init::He, &mut rng);
        let images = Array2::from_shape_fn((2, 36), |(n, i)| ((n * 7 + i * 5) % 11) as f32 / 10.0);
        let targets = arr2(&[[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]);
        (g, net, images, targets)
    }

    #[test]
    fn bp_kernel_gradient_matches_finite_differences() {
        let seed = 5;
        let (g, net, images, targets) = random_case(seed);
        let loss = |net: &Network| {
            let y = g.forward(net, images.view()).outputs.pop().unwrap();
            net.loss.batch_mean(y.view(), targets.view())
        };
        let trace = g.forward(&net, images.view());
        let bp = backprop_signals(&net, &trace, targets.view());
        let grad = g.kernel_gradient(bp[0].view(), images.view());
        let eps = 1e-2;
        for ((c, tap), &analytic) in grad.weight.indexed_iter() {
            let mut plus = net.clone();
            plus.layers[0].weight[(c, tap)] += eps;
            let mut minus = net.clone();
            minus.layers[0].weight[(c, tap)] -= eps;
            let numeric = (loss(&plus) - loss(&minus)) / (2.0 * eps as f64);
            assert!(
                (numeric - analytic as f64).abs() < 2e-3,
                "seed {seed}: kernel {c} tap {tap}: numeric {numeric} analytic {analytic}"
            );
        }
    }

    #[test]
    fn drtp_signal_is_the_label_row_of_b_times_the_derivative() {
        let seed = 9;
        let (g, net, images, targets) = random_case(seed);
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mode = TrainingMode::Drtp;
        let feedback = Feedback::new(mode, &g.sizes(3), &mut rng);
        let trace = g.forward(&net, images.view());
        let signals = modulatory_signals(mode, &net, &feedback, &trace, targets.view());
        for (n, label) in [1usize, 0].into_iter().enumerate() {
            let row = feedback.matrices[0].row(label);
            let map = trace.outputs[1].row(n);
            let expected: Vec<f32> = row
                .iter()
                .zip(map)
                .map(|(&b, &y)| b * (1.0 - y * y))
                .collect();
            assert_eq!(
                signals[0].row(n).to_vec(),
                expected,
                "seed {seed}, sample {n}"
            );
        }
        // reshaped, sample 0's δ at (position 4, channel 1) is B[1, 4·2 + 1] · f'.
        let y = trace.outputs[1][(0, 9)];
        assert_eq!(
            signals[0][(0, 9)],
            feedback.matrices[0][(1, 9)] * (1.0 - y * y)
        );
    }

    /// The lab's trainer drives a conv network: every mode but shallow moves the kernels, and
    /// a task where the class is the brighter half of a 6×6 image is learnt in a few epochs.
    #[test]
    fn the_trainer_runs_every_mode_on_a_conv_network() {
        use crate::data::Dataset;
        use crate::optimizer::Optimizer;
        use crate::trainer::{TrainConfig, Trainer};
        let seed = 3;
        let g = ConvGeometry {
            side: 6,
            kernel: 3,
            stride: 1,
            channels: 2,
        };
        let labels: Vec<u8> = (0..40).map(|n| (n % 2) as u8).collect();
        let images = Array2::from_shape_fn((40, 36), |(n, i)| {
            let bright = (i % 6 < 3) == (n % 2 == 0);
            if bright {
                0.9
            } else {
                ((n * 3 + i) % 5) as f32 / 10.0
            }
        });
        let data = Dataset::classification(images, labels, 2);
        for mode in TrainingMode::ALL {
            let mut trainer = Trainer::new(TrainConfig {
                mode,
                sizes: g.sizes(2),
                hidden: Activation::Tanh,
                loss: Loss::Bce,
                init: mode.default_init(),
                optimizer: Optimizer::Nag,
                lr: 0.05,
                batch_size: 10,
                angle_every: 1,
                seed,
                conv: Some(g),
            });
            let start = trainer.net.layers[0].weight.clone();
            let history = trainer.run(&data, &data, &data, 10, |_| {});
            let moved = trainer.net.layers[0].weight != start;
            assert_eq!(moved, mode.trains_hidden(), "seed {seed}, {mode}");
            let error = history.last().unwrap().test.error_pct.unwrap();
            assert_eq!(error, 0.0, "seed {seed}, {mode}: error {error} %");
            let angle = history.last().unwrap().angles_deg[0];
            assert_eq!(angle.is_some(), mode != TrainingMode::Shallow, "{mode}");
        }
    }
}
