//! The chip's own FC-layer-0 input: the spike counts the golden convolution leaves after each
//! sample's event stream, kept sparse (most counters stay at zero).

use golden::chip::Chip;
use golden::train::SampleSource;
use ndarray::Array2;

/// Spike counts of a set of samples, compressed by rows: sample `n` holds the nonzero
/// counters `index[offsets[n]..offsets[n + 1]]` with values `value[...]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpikeCounts {
    /// Convolution neurons, `[oy][ox][kernel]`: the FC input index of the chip.
    pub inputs: usize,
    pub offsets: Vec<usize>,
    pub index: Vec<u32>,
    /// Counter values, `1..=2^conv.spike_count_bits − 1`.
    pub value: Vec<u8>,
    pub labels: Vec<u8>,
}

impl SpikeCounts {
    pub fn new(inputs: usize) -> Self {
        SpikeCounts {
            inputs,
            offsets: vec![0],
            index: Vec::new(),
            value: Vec::new(),
            labels: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Appends one sample from its dense counters.
    pub fn push(&mut self, counts: &[i16], label: u8) {
        assert_eq!(
            counts.len(),
            self.inputs,
            "one counter per convolution neuron"
        );
        for (i, &c) in counts.iter().enumerate().filter(|(_, &c)| c != 0) {
            self.index.push(i as u32);
            self.value
                .push(u8::try_from(c).expect("a spike counter is at most 8 bits"));
        }
        self.offsets.push(self.index.len());
        self.labels.push(label);
    }

    /// The samples at `rows` as a dense `rows × inputs` batch of counts.
    pub fn dense(&self, rows: &[usize]) -> Array2<f32> {
        let mut out = Array2::zeros((rows.len(), self.inputs));
        for (r, &n) in rows.iter().enumerate() {
            for k in self.offsets[n]..self.offsets[n + 1] {
                out[[r, self.index[k] as usize]] = f32::from(self.value[k]);
            }
        }
        out
    }

    /// One-hot targets of the samples at `rows`.
    pub fn targets(&self, rows: &[usize], classes: usize) -> Array2<f32> {
        let mut out = Array2::zeros((rows.len(), classes));
        for (r, &n) in rows.iter().enumerate() {
            out[[r, usize::from(self.labels[n])]] = 1.0;
        }
        out
    }

    /// Mean over samples of `Σ_i x_i²`: the input power that sets a sensible weight scale.
    pub fn mean_square_norm(&self) -> f64 {
        let total: f64 = self.value.iter().map(|&v| f64::from(v).powi(2)).sum();
        total / self.len().max(1) as f64
    }

    /// Mean number of nonzero counters per sample.
    pub fn mean_active(&self) -> f64 {
        self.index.len() as f64 / self.len().max(1) as f64
    }
}

/// Runs every sample of `data` through the chip's convolution (`Chip::infer` on its event
/// stream) and keeps the spike counters: exactly what FC layer 0 of that chip receives. Only
/// the chip's kernels matter here; its FC weights do not touch the counters.
pub fn extract(chip: &mut Chip, data: &dyn SampleSource) -> SpikeCounts {
    let mut out = SpikeCounts::new(chip.config().conv_neurons());
    let mut events = Vec::new();
    for i in 0..data.len() {
        data.events(chip.config(), i, &mut events);
        chip.infer(&events);
        let label = u8::try_from(data.label(i)).expect("labels are below 256 (fc.classes)");
        out.push(chip.membranes().counts(), label);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_rows_round_trip_to_dense() {
        let mut s = SpikeCounts::new(4);
        s.push(&[0, 3, 0, 1], 2);
        s.push(&[0, 0, 0, 0], 0);
        s.push(&[2, 0, 0, 0], 1);
        assert_eq!(s.index, vec![1, 3, 0]);
        assert_eq!(s.offsets, vec![0, 2, 2, 3]);
        let d = s.dense(&[2, 0]);
        assert_eq!(
            d,
            ndarray::arr2(&[[2.0, 0.0, 0.0, 0.0], [0.0, 3.0, 0.0, 1.0]])
        );
        assert_eq!(s.targets(&[0], 3), ndarray::arr2(&[[0.0, 0.0, 1.0]]));
        assert_eq!(s.mean_square_norm(), (9.0 + 1.0 + 4.0) / 3.0);
        assert_eq!(s.mean_active(), 1.0);
    }
}
