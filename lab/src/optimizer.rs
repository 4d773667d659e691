//! Update rules that turn a layer gradient into a weight change.

use ndarray::{Array, Dimension, Zip};
use serde::{Deserialize, Serialize};

use crate::learning::Gradient;
use crate::network::Network;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Optimizer {
    /// Plain SGD: `W ← W − η G`.
    Sgd,
    /// SGD with Nesterov momentum 0.9 as PyTorch writes it (the authors' default):
    /// `v ← 0.9 v + G`, `W ← W − η (G + 0.9 v)`.
    Nag,
    /// Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    Adam,
}

const MOMENTUM: f32 = 0.9;
const BETA1: f32 = 0.9;
const BETA2: f32 = 0.999;
const EPSILON: f32 = 1e-8;

/// Per-parameter memory of one tensor.
#[derive(Clone, Debug)]
struct Moments<D: Dimension> {
    first: Array<f32, D>,
    second: Array<f32, D>,
}

impl<D: Dimension> Moments<D> {
    fn new(shape: D) -> Self {
        Moments {
            first: Array::zeros(shape.clone()),
            second: Array::zeros(shape),
        }
    }

    fn step(
        &mut self,
        rule: Optimizer,
        lr: f32,
        t: i32,
        param: &mut Array<f32, D>,
        g: &Array<f32, D>,
    ) {
        match rule {
            Optimizer::Sgd => param.scaled_add(-lr, g),
            Optimizer::Nag => {
                let v = &mut self.first;
                Zip::from(param).and(v).and(g).for_each(|p, v, &g| {
                    *v = MOMENTUM * *v + g;
                    *p -= lr * (g + MOMENTUM * *v);
                });
            }
            Optimizer::Adam => {
                let c1 = 1.0 - BETA1.powi(t);
                let c2 = 1.0 - BETA2.powi(t);
                Zip::from(param)
                    .and(&mut self.first)
                    .and(&mut self.second)
                    .and(g)
                    .for_each(|p, m, s, &g| {
                        *m = BETA1 * *m + (1.0 - BETA1) * g;
                        *s = BETA2 * *s + (1.0 - BETA2) * g * g;
                        *p -= lr * (*m / c1) / ((*s / c2).sqrt() + EPSILON);
                    });
            }
        }
    }
}

/// Optimizer state for a whole network.
#[derive(Clone, Debug)]
pub struct OptimizerState {
    rule: Optimizer,
    steps: i32,
    weights: Vec<Moments<ndarray::Ix2>>,
    biases: Vec<Moments<ndarray::Ix1>>,
}

impl OptimizerState {
    pub fn new(rule: Optimizer, net: &Network) -> Self {
        OptimizerState {
            rule,
            steps: 0,
            weights: net
                .layers
                .iter()
                .map(|l| Moments::new(l.weight.raw_dim()))
                .collect(),
            biases: net
                .layers
                .iter()
                .map(|l| Moments::new(l.bias.raw_dim()))
                .collect(),
        }
    }

    /// Applies one step; layers whose gradient is `None` are left untouched.
    pub fn step(&mut self, net: &mut Network, gradients: &[Option<Gradient>], lr: f32) {
        self.steps += 1;
        for (k, gradient) in gradients.iter().enumerate() {
            let Some(g) = gradient else { continue };
            let layer = &mut net.layers[k];
            self.weights[k].step(self.rule, lr, self.steps, &mut layer.weight, &g.weight);
            self.biases[k].step(self.rule, lr, self.steps, &mut layer.bias, &g.bias);
        }
    }
}
