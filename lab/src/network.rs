//! Fully connected network: weights, initialisation and the forward pass.

use ndarray::{Array1, Array2, ArrayView2, Axis};
use rand::Rng;
use rand_distr::{Distribution, Uniform};
use serde::{Deserialize, Serialize};

use crate::activation::{Activation, Loss};

/// One fully connected layer, `z = W y_prev + b`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Layer {
    /// outputs × inputs
    pub weight: Array2<f32>,
    pub bias: Array1<f32>,
}

impl Layer {
    pub fn inputs(&self) -> usize {
        self.weight.ncols()
    }

    pub fn outputs(&self) -> usize {
        self.weight.nrows()
    }
}

/// How forward weights start. Biases always start at zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Init {
    /// `U(−√(6/fan_in), +√(6/fan_in))`, PyTorch's `kaiming_uniform_` with its default gain √2.
    He,
    /// All zero. Only the feedback-alignment family can leave this point: BP and shallow
    /// learning need the symmetry broken by a random start.
    Zero,
}

/// He-uniform matrix of shape `rows × cols` whose fan-in is `fan_in`.
pub fn he_uniform(rows: usize, cols: usize, fan_in: usize, rng: &mut impl Rng) -> Array2<f32> {
    let bound = (6.0 / fan_in as f32).sqrt();
    let dist = Uniform::new_inclusive(-bound, bound).expect("finite bound");
    Array2::from_shape_simple_fn((rows, cols), || dist.sample(rng))
}

/// A multilayer perceptron: hidden layers share one nonlinearity, the last layer's is fixed by
/// the loss.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Network {
    pub layers: Vec<Layer>,
    pub hidden: Activation,
    pub loss: Loss,
}

/// Everything a learning rule may need from one forward pass.
#[derive(Clone, Debug)]
pub struct Trace {
    /// `outputs[0]` is the input batch; `outputs[k]` is layer k's output `y_k = f(z_k)`
    /// (batch × units), the last one being the network output.
    pub outputs: Vec<Array2<f32>>,
}

impl Trace {
    pub fn output(&self) -> &Array2<f32> {
        self.outputs
            .last()
            .expect("a trace holds at least the input")
    }
}

impl Network {
    /// `sizes` lists the units of every layer, input first: `[784, 500, 10]`.
    pub fn new(
        sizes: &[usize],
        hidden: Activation,
        loss: Loss,
        init: Init,
        rng: &mut impl Rng,
    ) -> Self {
        assert!(
            sizes.len() >= 2,
            "a network needs an input and an output size"
        );
        let layers = sizes
            .windows(2)
            .map(|pair| {
                let (inputs, outputs) = (pair[0], pair[1]);
                let weight = match init {
                    Init::He => he_uniform(outputs, inputs, inputs, rng),
                    Init::Zero => Array2::zeros((outputs, inputs)),
                };
                Layer {
                    weight,
                    bias: Array1::zeros(outputs),
                }
            })
            .collect();
        Network {
            layers,
            hidden,
            loss,
        }
    }

    /// Unit counts, input first.
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![self.layers[0].inputs()];
        sizes.extend(self.layers.iter().map(Layer::outputs));
        sizes
    }

    pub fn forward(&self, inputs: ArrayView2<f32>) -> Trace {
        let mut outputs = vec![inputs.to_owned()];
        for (k, layer) in self.layers.iter().enumerate() {
            let mut z = outputs[k].dot(&layer.weight.t());
            z += &layer.bias.view().insert_axis(Axis(0));
            if k + 1 == self.layers.len() {
                self.loss.output_activation(&mut z);
            } else {
                let f = self.hidden;
                z.mapv_inplace(|v| f.apply(v));
            }
            outputs.push(z);
        }
        Trace { outputs }
    }

    pub fn predict(&self, inputs: ArrayView2<f32>) -> Array2<f32> {
        self.forward(inputs)
            .outputs
            .pop()
            .expect("a trace holds the output")
    }
}
