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

    /// `z_j = Σ_i x_i · w_ij` over the nonzero inputs; `input_max` bounds `|x_i|`.
    ///
    /// Integer addition is exact, so the order of the sum does not matter. When a block of
    /// inputs provably fits 16 bits (small spike counts), partial sums are kept in 16-bit lanes
    /// and flushed to the 32-bit accumulators once per block: the same result, twice the SIMD
    /// width.
    pub fn accumulate(&self, active: &[ActiveInput], input_max: i32, z: &mut [i32]) {
        z.fill(0);
        let term_max = input_max * (1 << (self.weight_bits - 1));
        let block = (i32::from(i16::MAX) / term_max.max(1)) as usize;
        if block < 8 {
            for &(i, x) in active {
                for (acc, &w) in z.iter_mut().zip(self.row(i as usize)) {
                    *acc += x * i32::from(w);
                }
            }
            return;
        }
        let mut partial = vec![0i16; self.neurons];
        for chunk in active.chunks(block) {
            partial.fill(0);
            for &(i, x) in chunk {
                let x = x as i16;
                for (acc, &w) in partial.iter_mut().zip(self.row(i as usize)) {
                    *acc += x * w;
                }
            }
            for (acc, &p) in z.iter_mut().zip(&partial) {
                *acc += i32::from(p);
            }
        }
    }

    #[inline(always)]
    fn row(&self, input: usize) -> &[i16] {
        &self.weights[input * self.neurons..(input + 1) * self.neurons]
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
        l.accumulate(&active, 3, &mut z);
        assert_eq!(z, vec![2 - 384, -4 + 381]);
        l.accumulate(&active, 127, &mut z); // the 32-bit path
        assert_eq!(z, vec![2 - 384, -4 + 381]);
    }

    #[test]
    fn sixteen_bit_blocks_equal_the_32_bit_sum() {
        // 300 inputs of 3 × (−128): the total, −115200, is far outside 16 bits.
        let mut l = FcLayer::zeros(300, 3, 8);
        for i in 0..300 {
            l.set_weight(i, 0, -128);
            l.set_weight(i, 1, 127);
            l.set_weight(i, 2, (i % 7) as i16 - 3);
        }
        let active: Vec<ActiveInput> = (0..300).map(|i| (i as u32, 3)).collect();
        let (mut fast, mut wide) = (vec![0; 3], vec![0; 3]);
        l.accumulate(&active, 3, &mut fast);
        l.accumulate(&active, 1 << 14, &mut wide);
        assert_eq!(fast, vec![-115_200, 114_300, wide[2]]);
        assert_eq!(fast, wide);
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
