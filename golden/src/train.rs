//! Host-side training loop: epochs over a labelled sample source with a seeded order,
//! on-chip DRTP learning in the bit-exact model, and accuracy measurement.

use crate::chip::{Activity, Chip};
use crate::config::Config;
use crate::dataset::ImageSet;
use crate::encoder::encode_ttfs;
use crate::event::Event;
use crate::lfsr::Lfsr;

/// Labelled samples as the chip receives them: event streams.
pub trait SampleSource {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn label(&self, i: usize) -> usize;
    /// The input events of sample `i`, in arrival order.
    fn events(&self, config: &Config, i: usize, out: &mut Vec<Event>);
}

/// Images are TTFS-encoded on the way in.
impl SampleSource for ImageSet {
    fn len(&self) -> usize {
        ImageSet::len(self)
    }
    fn label(&self, i: usize) -> usize {
        usize::from(ImageSet::label(self, i))
    }
    fn events(&self, config: &Config, i: usize, out: &mut Vec<Event>) {
        encode_ttfs(config, self.image(i), out);
    }
}

/// Event streams already in the chip's format (e.g. from an event camera).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventSet {
    pub samples: Vec<(Vec<Event>, u8)>,
}

impl SampleSource for EventSet {
    fn len(&self) -> usize {
        self.samples.len()
    }
    fn label(&self, i: usize) -> usize {
        usize::from(self.samples[i].1)
    }
    fn events(&self, _config: &Config, i: usize, out: &mut Vec<Event>) {
        out.clear();
        out.extend_from_slice(&self.samples[i].0);
    }
}

/// The samples of `source` at `indices`, in that order.
pub struct Subset<'a> {
    pub source: &'a dyn SampleSource,
    pub indices: Vec<usize>,
}

impl SampleSource for Subset<'_> {
    fn len(&self) -> usize {
        self.indices.len()
    }
    fn label(&self, i: usize) -> usize {
        self.source.label(self.indices[i])
    }
    fn events(&self, config: &Config, i: usize, out: &mut Vec<Event>) {
        self.source.events(config, self.indices[i], out)
    }
}

/// Splits `0..n` into (train, validation): a seeded permutation, whose last
/// `n · per_mille / 1000` indices are the validation slice; both returned in ascending order.
pub fn validation_split(n: usize, per_mille: u32, seed: u32) -> (Vec<usize>, Vec<usize>) {
    let order = epoch_order(n, seed, u32::MAX);
    let held = n * per_mille as usize / 1000;
    let (mut train, mut val) = (order[..n - held].to_vec(), order[n - held..].to_vec());
    train.sort_unstable();
    val.sort_unstable();
    (train, val)
}

/// Correct decisions out of a number of samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Score {
    pub correct: usize,
    pub total: usize,
}

impl Score {
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
}

/// The order of one epoch: Fisher–Yates over `0..n` driven by an LFSR seeded with
/// `seed ^ epoch · 0x9E3779B9` (two 16-bit draws per swap).
pub fn epoch_order(n: usize, seed: u32, epoch: u32) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut lfsr = Lfsr::new(seed ^ epoch.wrapping_mul(0x9E37_79B9));
    for i in (1..n).rev() {
        let r = (u32::from(lfsr.draw()) << 16) | u32::from(lfsr.draw());
        order.swap(i, r as usize % (i + 1));
    }
    order
}

/// Learning-rate shifts at `epoch` under the config's schedule: the configured shifts plus
/// the number of decay epochs `≤ epoch`.
pub fn scheduled_shifts(config: &Config, epoch: u32) -> (Vec<u32>, u32) {
    let bump = config
        .training
        .lr_decay_epochs
        .iter()
        .filter(|&&e| e <= epoch)
        .count() as u32;
    let hidden = config
        .learning
        .hidden_lr_shifts
        .iter()
        .map(|s| s + bump)
        .collect();
    (hidden, config.learning.output_lr_shift + bump)
}

/// One training epoch in the given order; `progress` is called after every sample. Returns the
/// training accuracy of the decisions made before each update, and the summed activity.
pub fn train_epoch(
    chip: &mut Chip,
    data: &dyn SampleSource,
    order: &[usize],
    mut progress: impl FnMut(),
) -> (Score, Activity) {
    let mut events = Vec::new();
    let mut correct = 0;
    let mut activity = Activity::default();
    for &i in order {
        data.events(chip.config(), i, &mut events);
        let label = data.label(i);
        let result = chip.train(&events, label);
        if result.class == label {
            correct += 1;
        }
        activity.add(&result.activity);
        progress();
    }
    let score = Score {
        correct,
        total: order.len(),
    };
    (score, activity)
}

/// Inference over every sample.
pub fn evaluate(chip: &mut Chip, data: &dyn SampleSource) -> Score {
    let mut events = Vec::new();
    let correct = (0..data.len())
        .filter(|&i| {
            data.events(chip.config(), i, &mut events);
            chip.infer(&events).class == data.label(i)
        })
        .count();
    Score {
        correct,
        total: data.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_order_is_a_seeded_permutation() {
        let a = epoch_order(100, 7, 0);
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..100).collect::<Vec<_>>());
        assert_eq!(a, epoch_order(100, 7, 0));
        assert_ne!(a, epoch_order(100, 7, 1));
        assert_eq!(epoch_order(1, 7, 0), vec![0]);
        assert!(epoch_order(0, 7, 0).is_empty());
    }

    #[test]
    fn validation_split_is_disjoint_and_sized() {
        let (t, v) = validation_split(1000, 167, 3);
        assert_eq!((t.len(), v.len()), (833, 167));
        let mut all: Vec<usize> = t.iter().chain(&v).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..1000).collect::<Vec<_>>());
        assert_eq!(validation_split(10, 0, 3), ((0..10).collect(), vec![]));
    }

    #[test]
    fn schedule_bumps_every_shift() {
        let mut c = Config::default();
        c.learning.hidden_lr_shifts = vec![2];
        c.learning.output_lr_shift = 12;
        c.training.lr_decay_epochs = vec![4, 7];
        assert_eq!(scheduled_shifts(&c, 0), (vec![2], 12));
        assert_eq!(scheduled_shifts(&c, 4), (vec![3], 13));
        assert_eq!(scheduled_shifts(&c, 9), (vec![4], 14));
    }
}
