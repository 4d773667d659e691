//! One inference and one DRTP training step on a tiny configuration, checked against integers
//! computed by hand (the derivation is in the comments).

use golden::chip::Chip;
use golden::config::Config;
use golden::event::Event;

/// 4×4 input, one 3×3 kernel at stride 1 (2×2 conv neurons), one hidden layer of 3, 2 classes.
fn tiny_config() -> Config {
    let mut c = Config::default();
    c.input.width = 4;
    c.input.height = 4;
    c.encoder.time_bins = 4;
    c.encoder.threshold = 1;
    c.conv.kernels = 1;
    c.conv.size = 3;
    c.conv.stride = 1;
    c.conv.threshold = 10;
    c.conv.init_range = 0;
    c.fc.hidden = vec![3];
    c.fc.classes = 2;
    c.fc.activation_shifts = vec![0];
    c.fc.output_shift = 2;
    c.learning.hidden_lr_shifts = vec![1];
    c.learning.output_lr_shift = 4;
    // Layer 0, label 0 seeds the projection LFSR with base ^ 0x9E3779B9 = 1: B = [+1, +1, −1].
    c.learning.target_projection_seed = 0x9E37_79B9;
    c.learning.rounding_seed = 1;
    c.learning.hidden_init_range = 0;
    c.hardware.conv_lanes = 1;
    c.hardware.fc_lanes = 1;
    c.hardware.fifo_depth = 2;
    c.validate().unwrap();
    c
}

fn tiny_chip() -> Chip {
    let config = tiny_config();
    let mut chip = Chip::new(&config);
    // Kernel tap (ky, kx) = 4·ky + kx + 1.
    for ky in 0..3 {
        for kx in 0..3 {
            chip.kernels_mut()
                .set(0, 0, ky, kx, (4 * ky + kx + 1) as i16);
        }
    }
    let hidden = [[10, -20, 127], [5, 0, -7], [-100, 30, 1], [50, 50, 50]];
    for (i, row) in hidden.iter().enumerate() {
        for (j, &w) in row.iter().enumerate() {
            chip.layers_mut()[0].set_weight(i, j, w);
        }
    }
    let output = [[1, -1], [2, 3], [0, 1]];
    for (j, row) in output.iter().enumerate() {
        for (c, &w) in row.iter().enumerate() {
            chip.layers_mut()[1].set_weight(j, c, w);
        }
    }
    chip
}

const EVENTS: [Event; 3] = [
    Event::new(1, 1, 0),
    Event::new(2, 2, 0),
    Event::new(2, 1, 0),
];

#[test]
fn membranes_and_spike_counts_by_hand() {
    // Neuron order [oy][ox]. Event (1,1): taps (1,1),(1,0),(0,1),(0,0) = 6, 5, 2, 1.
    // Event (2,2): taps 11, 10, 7, 6 → 17, 15, 9, 7 → neurons 0, 1 fire: 7, 5 (count 1, 1).
    // Event (2,1): taps 7, 6, 3, 2 → 14, 11, 12, 9 → 0, 1, 2 fire: 4, 1, 2, 9 (counts 2, 2, 1, 0).
    let mut chip = tiny_chip();
    chip.infer(&EVENTS);
    assert_eq!(chip.membranes().potentials(), &[4, 1, 2, 9]);
    assert_eq!(chip.membranes().counts(), &[2, 2, 1, 0]);
}

#[test]
fn inference_by_hand() {
    // z = 2·[10,−20,127] + 2·[5,0,−7] + 1·[−100,30,1] = [−70, −10, 241] → y = [−70, −10, 127].
    // z_out = −70·[1,−1] − 10·[2,3] + 127·[0,1] = [−90, 167] → class 1.
    let mut chip = tiny_chip();
    let r = chip.infer(&EVENTS);
    assert_eq!(r.scores, vec![-90, 167]);
    assert_eq!(r.class, 1);
    assert_eq!(r.activity.events, 3);
    assert_eq!(r.activity.membrane_updates, 12);
    assert_eq!(r.activity.active_inputs, vec![3, 3]);
    assert_eq!(r.activity.rounding_draws, 0);
    assert_eq!(chip.rounding_lfsr().state(), 1);
}

#[test]
fn one_training_step_by_hand() {
    let mut chip = tiny_chip();
    let r = chip.train(&EVENTS, 0);
    assert_eq!(r.class, 1, "the decision is made before the update");
    assert_eq!(r.activity.rounding_draws, 6);
    // Hidden: window = [T, T, F] (y₂ = 127 is saturated); B = [+1, +1, −1] → d = [1, 1, 0].
    // Draws 0xB6C3, 0x3DB5, 0xF3CF all odd → q = (x + 1) >> 1 = 1, 1, 1 for x = 2, 2, 1.
    // w_i ← w_i − d·q.
    assert_eq!(
        chip.layers()[0].weights(),
        &[9, -21, 127, 4, -1, -7, -101, 29, 1, 50, 50, 50]
    );
    // Output: p = clamp((z >> 2) + 64, 0, 128) = [41, 105]; e = p − 128·[c = 0] = [−87, 105].
    // j0 (y = −70), draw 0x2FA6 → r = 6: (−6090 + 6) >> 4 = −381 → sat(1 − 381) = −128;
    //    (7350 + 6) >> 4 = 459 → sat(−1 + 459) = 127.
    // j1 (y = −10), draw 0xDE3E → r = 14: (−870 + 14) >> 4 = −54 → −52; (1050 + 14) >> 4 = 66 → 69.
    // j2 (y = 127), draw 0x8D95 → r = 5: (11049 + 5) >> 4 = 690 → 127; (−13335 + 5) >> 4 = −834 → −128.
    assert_eq!(chip.layers()[1].weights(), &[-128, 127, -52, 69, 127, -128]);
    assert_eq!(chip.rounding_lfsr().state(), 0x44C3_8D95);
}

#[test]
fn training_a_saturated_correct_sample_changes_nothing_in_the_output_layer() {
    // With every hidden neuron outside its window and the output exactly right, nothing moves.
    let mut chip = tiny_chip();
    for (i, row) in [[127i16, 127, 127]; 4].iter().enumerate() {
        for (j, &w) in row.iter().enumerate() {
            chip.layers_mut()[0].set_weight(i, j, w);
        }
    }
    // y = [127, 127, 127]; set output weights so that z_out = [−127·3·2, 127·3·2] → p = [0, 128].
    for j in 0..3 {
        chip.layers_mut()[1].set_weight(j, 0, -2);
        chip.layers_mut()[1].set_weight(j, 1, 2);
    }
    let before: Vec<_> = chip.layers().iter().map(|l| l.weights().to_vec()).collect();
    let r = chip.train(&EVENTS, 1);
    assert_eq!(r.scores, vec![-762, 762]);
    assert_eq!(r.activity.rounding_draws, 0);
    let after: Vec<_> = chip.layers().iter().map(|l| l.weights().to_vec()).collect();
    assert_eq!(before, after);
    assert_eq!(chip.rounding_lfsr().state(), 1);
}
