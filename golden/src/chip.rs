//! The whole processor, functional mode: every memory and register, inference and on-chip
//! DRTP training on one sample, bit-exact with the hardware.

use crate::activation::{hard_sigmoid, hard_tanh, output_error};
use crate::config::Config;
use crate::conv::integrate_event;
use crate::encoder::encode_ttfs;
use crate::event::Event;
use crate::fc::{active_inputs, ActiveInput, FcLayer};
use crate::kernel::{fill_uniform, KernelMemory};
use crate::learning_unit::{drtp_modulation, update_hidden, update_output};
use crate::lfsr::Lfsr;
use crate::membrane::MembraneMap;
use crate::target_projection;

/// What one sample did: the class decision, the output scores and the activity counts that
/// set the cycle count.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Inference {
    /// Index of the largest output accumulator (the lowest index on ties).
    pub class: usize,
    /// Output accumulators `z_c`, readable through the configuration port.
    pub scores: Vec<i32>,
    pub activity: Activity,
}

/// Activity counts of one sample (or, summed with [`Activity::add`], of many).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Activity {
    /// Input events.
    pub events: usize,
    /// Membrane updates (events × touched positions × kernels).
    pub membrane_updates: usize,
    /// Nonzero inputs of each FC layer (hidden layers, then output).
    pub active_inputs: Vec<usize>,
    /// Stochastic-rounding draws of the learning unit (0 in inference).
    pub rounding_draws: usize,
}

impl Activity {
    /// Adds another sample's counts to these.
    pub fn add(&mut self, other: &Activity) {
        self.events += other.events;
        self.membrane_updates += other.membrane_updates;
        self.rounding_draws += other.rounding_draws;
        if self.active_inputs.len() < other.active_inputs.len() {
            self.active_inputs.resize(other.active_inputs.len(), 0);
        }
        for (a, b) in self.active_inputs.iter_mut().zip(&other.active_inputs) {
            *a += b;
        }
    }
}

/// Per-sample working memory (membranes, accumulators); reused across samples.
#[derive(Debug, Clone)]
struct Scratch {
    membranes: MembraneMap,
    /// Nonzero inputs of each FC layer.
    active: Vec<Vec<ActiveInput>>,
    /// Accumulators of each FC layer.
    z: Vec<Vec<i32>>,
    /// Hidden activations of each hidden layer.
    y: Vec<Vec<i32>>,
    /// Derivative window of each hidden layer.
    window: Vec<Vec<bool>>,
    modulation: Vec<i8>,
    error: Vec<i32>,
    events: Vec<Event>,
}

#[derive(Debug, Clone)]
pub struct Chip {
    config: Config,
    kernels: KernelMemory,
    /// Hidden layers, then the output layer.
    layers: Vec<FcLayer>,
    rounding: Lfsr,
    /// Learning-rate shift registers: start at the config's values, written by the host's
    /// schedule ([`Chip::set_learning_shifts`]). The config itself never changes.
    hidden_lr_shifts: Vec<u32>,
    output_lr_shift: u32,
    /// `[hidden layer][label][neuron]`: the rows the target-projection LFSR regenerates.
    projections: Vec<Vec<Vec<i8>>>,
    scratch: Scratch,
}

impl Chip {
    /// A chip after reset and host initialisation: random kernels, hidden weights from
    /// `learning.init_seed` (or zero), output weights zero, rounding LFSR at its seed.
    /// `config` must be validated.
    pub fn new(config: &Config) -> Self {
        let kernels = KernelMemory::random(config);
        let (ins, outs) = (config.fc_inputs(), config.fc_outputs());
        let mut layers: Vec<FcLayer> = ins
            .iter()
            .zip(&outs)
            .map(|(&i, &o)| FcLayer::zeros(i, o, config.fc.weight_bits))
            .collect();
        let mut init = Lfsr::new(config.learning.init_seed);
        let hidden_count = config.fc.hidden.len();
        for layer in &mut layers[..hidden_count] {
            if config.learning.hidden_init_range > 0 {
                fill_uniform(
                    layer.weights_mut(),
                    config.learning.hidden_init_range,
                    &mut init,
                );
            }
        }
        Self::from_parts(
            config,
            kernels,
            layers,
            Lfsr::new(config.learning.rounding_seed),
        )
    }

    /// A chip holding the given memories (e.g. loaded from a chip image).
    pub fn from_parts(
        config: &Config,
        kernels: KernelMemory,
        layers: Vec<FcLayer>,
        rounding: Lfsr,
    ) -> Self {
        let projections = config
            .fc
            .hidden
            .iter()
            .enumerate()
            .map(|(k, &n)| {
                (0..config.fc.classes)
                    .map(|c| {
                        target_projection::row(config.learning.target_projection_seed, k, c, n)
                    })
                    .collect()
            })
            .collect();
        let outs = config.fc_outputs();
        let scratch = Scratch {
            membranes: MembraneMap::new(config),
            active: vec![Vec::new(); outs.len()],
            z: outs.iter().map(|&n| vec![0; n]).collect(),
            y: config.fc.hidden.iter().map(|&n| vec![0; n]).collect(),
            window: config.fc.hidden.iter().map(|&n| vec![false; n]).collect(),
            modulation: Vec::new(),
            error: vec![0; config.fc.classes],
            events: Vec::new(),
        };
        Self {
            config: config.clone(),
            kernels,
            layers,
            rounding,
            hidden_lr_shifts: config.learning.hidden_lr_shifts.clone(),
            output_lr_shift: config.learning.output_lr_shift,
            projections,
            scratch,
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn kernels(&self) -> &KernelMemory {
        &self.kernels
    }

    pub fn kernels_mut(&mut self) -> &mut KernelMemory {
        &mut self.kernels
    }

    /// FC layers: hidden layers, then the output layer.
    pub fn layers(&self) -> &[FcLayer] {
        &self.layers
    }

    pub fn layers_mut(&mut self) -> &mut [FcLayer] {
        &mut self.layers
    }

    /// The stochastic-rounding LFSR (part of the chip state: it carries over between samples).
    pub fn rounding_lfsr(&self) -> Lfsr {
        self.rounding
    }

    /// Writes the learning-rate shift registers (a configuration-port write, e.g. for a
    /// host-side learning-rate schedule). Shifts must be in `0..=16`.
    pub fn set_learning_shifts(&mut self, hidden: &[u32], output: u32) {
        assert_eq!(
            hidden.len(),
            self.config.fc.hidden.len(),
            "one shift per hidden layer"
        );
        assert!(
            hidden.iter().chain([&output]).all(|&s| s <= 16),
            "shifts are 0..=16"
        );
        self.hidden_lr_shifts = hidden.to_vec();
        self.output_lr_shift = output;
    }

    /// The learning-rate shift registers: per hidden layer, then the output layer.
    pub fn learning_shifts(&self) -> (&[u32], u32) {
        (&self.hidden_lr_shifts, self.output_lr_shift)
    }

    /// Membrane map after the last sample.
    pub fn membranes(&self) -> &MembraneMap {
        &self.scratch.membranes
    }

    /// Inference on an event stream.
    pub fn infer(&mut self, events: &[Event]) -> Inference {
        self.run(events, None)
    }

    /// Inference then one DRTP learning step towards `label`. The returned inference is the
    /// one made before the update.
    pub fn train(&mut self, events: &[Event], label: usize) -> Inference {
        assert!(label < self.config.fc.classes, "label {label} out of range");
        self.run(events, Some(label))
    }

    /// TTFS-encodes `image` then runs [`Chip::infer`] or [`Chip::train`].
    pub fn run_image(&mut self, image: &[u8], label: Option<usize>) -> Inference {
        let mut events = std::mem::take(&mut self.scratch.events);
        encode_ttfs(&self.config, image, &mut events);
        let result = self.run(&events, label);
        self.scratch.events = events;
        result
    }

    fn run(&mut self, events: &[Event], label: Option<usize>) -> Inference {
        let mut activity = Activity {
            events: events.len(),
            ..Activity::default()
        };
        let s = &mut self.scratch;
        s.membranes.clear();
        for &e in events {
            activity.membrane_updates +=
                integrate_event(&self.config, &self.kernels, &mut s.membranes, e);
        }
        active_inputs(s.membranes.counts(), &mut s.active[0]);
        let hidden = self.config.fc.hidden.len();
        let ymax = self.config.activation_max();
        for k in 0..hidden {
            self.layers[k].accumulate(&s.active[k], self.config.fc_input_max(k), &mut s.z[k]);
            let shift = self.config.fc.activation_shifts[k];
            for ((&z, y), w) in s.z[k].iter().zip(&mut s.y[k]).zip(&mut s.window[k]) {
                (*y, *w) = hard_tanh(z, shift, ymax);
            }
            active_inputs(&s.y[k], &mut s.active[k + 1]);
        }
        self.layers[hidden].accumulate(
            &s.active[hidden],
            self.config.fc_input_max(hidden),
            &mut s.z[hidden],
        );
        let scores = s.z[hidden].clone();
        let class = argmax(&scores);
        activity.active_inputs = s.active.iter().map(Vec::len).collect();
        // A chip built without its learning unit runs a learning sample as an inference.
        if let Some(label) = label.filter(|_| self.config.hardware.learning) {
            activity.rounding_draws = self.learn(label);
        }
        Inference {
            class,
            scores,
            activity,
        }
    }

    /// The learning unit: hidden layers in order (DRTP), then the output layer.
    fn learn(&mut self, label: usize) -> usize {
        let s = &mut self.scratch;
        let cfg = &self.config;
        let hidden = cfg.fc.hidden.len();
        let mut draws = 0;
        for k in 0..hidden {
            drtp_modulation(&self.projections[k][label], &s.window[k], &mut s.modulation);
            draws += update_hidden(
                &mut self.layers[k],
                &s.active[k],
                &s.modulation,
                self.hidden_lr_shifts[k],
                &mut self.rounding,
            );
        }
        let pb = cfg.fc.probability_bits;
        for (c, (e, &z)) in s.error.iter_mut().zip(&s.z[hidden]).enumerate() {
            *e = output_error(hard_sigmoid(z, cfg.fc.output_shift, pb), c == label, pb);
        }
        draws += update_output(
            &mut self.layers[hidden],
            &s.active[hidden],
            &s.error,
            self.output_lr_shift,
            &mut self.rounding,
        );
        draws
    }
}

/// Index of the largest value, the lowest index on ties.
pub fn argmax<T: PartialOrd + Copy>(values: &[T]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argmax_takes_the_lowest_index_on_ties() {
        assert_eq!(argmax(&[1, 5, 5, -3]), 1);
        assert_eq!(argmax(&[-7, -7]), 0);
    }
}
