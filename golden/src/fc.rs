//! Fully connected layer: weight memory and the event-driven accumulation.
//!
//! Weights are signed `fc.weight_bits`, stored input-major (`[input][neuron]`): one input's
//! weights to every neuron are contiguous, so the FC engine reads one word per input and lane
//! group, and skips inputs that are zero (most spike counts are). Accumulators are exact: their
//! width, [`crate::config::Config::fc_accumulator_bits`], cannot overflow.

use crate::fixed::{add_saturating_i16, max_signed, min_signed};

/// One nonzero input of a layer: `(index, value)`.
pub type ActiveInput = (u32, i32);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FcLayer {
    inputs: usize,
    neurons: usize,
    weight_bits: u32,
    /// `[input][neuron]`, signed `weight_bits`.
    weights: Vec<i16>,
}

impl FcLayer {
    pub fn zeros(inputs: usize, neurons: usize, weight_bits: u32) -> Self {
        Self {
            inputs,
            neurons,
            weight_bits,
            weights: vec![0; inputs * neurons],
        }
    }

    pub fn inputs(&self) -> usize {
        self.inputs
    }

    pub fn neurons(&self) -> usize {
        self.neurons
    }

    pub fn weight_bits(&self) -> u32 {
        self.weight_bits
    }

    pub fn weight(&self, input: usize, neuron: usize) -> i16 {
        self.weights[input * self.neurons + neuron]
    }

    pub fn set_weight(&mut self, input: usize, neuron: usize, value: i16) {
        self.weights[input * self.neurons + neuron] = value;
    }

    /// Raw storage, `[input][neuron]`.
    pub fn weights(&self) -> &[i16] {
        &self.weights
    }

    pub fn weights_mut(&mut self) -> &mut [i16] {
        &mut self.weights
    }

    /// The weights of one input to every neuron.
    #[inline(always)]
    pub fn row_mut(&mut self, input: usize) -> &mut [i16] {
        &mut self.weights[input * self.neurons..(input + 1) * self.neurons]
    }

    /// `z_j = Σ_i x_i · w_ij` over the nonzero inputs, in input order.
    pub fn accumulate(&self, active: &[ActiveInput], z: &mut [i32]) {
        z.fill(0);
        for &(i, x) in active {
            let row = &self.weights[i as usize * self.neurons..(i as usize + 1) * self.neurons];
            for (acc, &w) in z.iter_mut().zip(row) {
                *acc += x * i32::from(w);
            }
        }
    }

    /// The weight range `[lo, hi]` of `weight_bits`.
    pub fn weight_range(&self) -> (i16, i16) {
        (
            min_signed(self.weight_bits) as i16,
            max_signed(self.weight_bits) as i16,
        )
    }

    /// `w_ij ← sat(w_ij + delta_j)` for one input row.
    #[inline(always)]
    pub fn add_saturating(&mut self, input: usize, deltas: impl Iterator<Item = i16>) {
        let (lo, hi) = self.weight_range();
        for (w, d) in self.row_mut(input).iter_mut().zip(deltas) {
            *w = add_saturating_i16(*w, d, lo, hi);
        }
    }
}

/// The nonzero entries of `values`, as the FC engine visits them.
pub fn active_inputs<T: Copy + Into<i32>>(values: &[T], out: &mut Vec<ActiveInput>) {
    out.clear();
    out.extend(
        values
            .iter()
            .enumerate()
            .filter_map(|(i, &v)| (v.into() != 0).then_some((i as u32, v.into()))),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accumulates_only_active_inputs() {
        let mut l = FcLayer::zeros(3, 2, 8);
        // w = [[1, -2], [3, 4], [-128, 127]]
        for (i, row) in [[1, -2], [3, 4], [-128, 127]].iter().enumerate() {
            for (j, &w) in row.iter().enumerate() {
                l.set_weight(i, j, w);
            }
        }
        let mut active = Vec::new();
        active_inputs(&[2u8, 0, 3], &mut active);
        assert_eq!(active, vec![(0, 2), (2, 3)]);
        let mut z = vec![99; 2];
        l.accumulate(&active, &mut z);
        assert_eq!(z, vec![2 - 384, -4 + 381]);
    }

    #[test]
    fn saturating_write_back() {
        let mut l = FcLayer::zeros(1, 3, 8);
        l.set_weight(0, 0, 120);
        l.set_weight(0, 1, -120);
        l.set_weight(0, 2, 5);
        l.add_saturating(0, [20, -20, -3].into_iter());
        assert_eq!(l.weights(), &[127, -128, 2]);
    }
}
