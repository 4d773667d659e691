//! Neuron nonlinearities and the loss functions that close the network.

use ndarray::{Array2, ArrayView2, Axis, Zip};
use serde::{Deserialize, Serialize};

/// Hidden-layer nonlinearity `y = f(z)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Activation {
    Tanh,
    Sigmoid,
    Linear,
    /// `clamp(z, −1, 1)`: the spoon chip's hidden activation in units of its `ymax`
    /// (`lab::offchip`); derivative the window `|z| < 1`.
    HardTanh,
}

impl Activation {
    pub fn apply(self, z: f32) -> f32 {
        match self {
            Activation::Tanh => z.tanh(),
            Activation::Sigmoid => sigmoid(z),
            Activation::Linear => z,
            Activation::HardTanh => z.clamp(-1.0, 1.0),
        }
    }

    /// `f'(z)` written from the output `y = f(z)`, so a layer only has to keep its outputs.
    pub fn derivative_from_output(self, y: f32) -> f32 {
        match self {
            Activation::Tanh => 1.0 - y * y,
            Activation::Sigmoid => y * (1.0 - y),
            Activation::Linear => 1.0,
            // Strictly inside the linear region, as the chip's window `f'`.
            Activation::HardTanh => f32::from(u8::from(y.abs() < 1.0)),
        }
    }

    /// `f'(z)` element-wise over a batch of outputs.
    pub fn derivative(self, outputs: ArrayView2<f32>) -> Array2<f32> {
        outputs.mapv(|y| self.derivative_from_output(y))
    }
}

pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Output nonlinearity and loss, paired so that the output modulatory signal is always
/// `δz_out = y − y*` for the per-sample loss summed over the outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Loss {
    /// Sigmoid outputs, binary cross-entropy `−Σ_j [t_j ln y_j + (1 − t_j) ln(1 − y_j)]`.
    Bce,
    /// Linear outputs, `½ Σ_j (y_j − t_j)²`.
    Mse,
    /// Softmax outputs, cross-entropy `−Σ_j t_j ln y_j`.
    CrossEntropy,
}

impl Loss {
    /// Output activations from the output pre-activations (batch × classes), in place.
    pub fn output_activation(self, z: &mut Array2<f32>) {
        match self {
            Loss::Bce => z.mapv_inplace(sigmoid),
            Loss::Mse => {}
            Loss::CrossEntropy => z.axis_iter_mut(Axis(0)).for_each(|mut row| {
                let max = row.fold(f32::NEG_INFINITY, |m, &v| m.max(v));
                row.mapv_inplace(|v| (v - max).exp());
                let sum = row.sum();
                row.mapv_inplace(|v| v / sum);
            }),
        }
    }

    /// Loss of each sample, summed over outputs, averaged over the batch (the quantity whose
    /// gradient every training mode's output layer follows).
    pub fn batch_mean(self, outputs: ArrayView2<f32>, targets: ArrayView2<f32>) -> f64 {
        // Clamp as PyTorch does (log ≥ −100) so that a saturated sigmoid gives a finite loss.
        let ln = |v: f32| (v as f64).ln().max(-100.0);
        let mut total = 0.0f64;
        Zip::from(outputs).and(targets).for_each(|&y, &t| {
            total += match self {
                Loss::Bce => -(t as f64 * ln(y) + (1.0 - t as f64) * ln(1.0 - y)),
                Loss::Mse => 0.5 * ((y - t) as f64).powi(2),
                Loss::CrossEntropy => -(t as f64) * ln(y),
            };
        });
        total / outputs.nrows().max(1) as f64
    }
}
