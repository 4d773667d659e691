//! Off-chip training for the chip, against values computed by hand: quantisation of a hand-set
//! float model, the scores of the golden chip loaded with it, the configuration-port files,
//! and errors that name the chip image; plus the integer twin against the golden chip on
//! seeded random chips.

use golden::chip::Chip;
use golden::chip_image;
use golden::config::Config;
use golden::event::Event;
use golden::fc::FcLayer;
use golden::kernel::{fill_uniform, KernelMemory};
use golden::lfsr::Lfsr;
use golden::train::{EventSet, SampleSource};
use lab::learning::TrainingMode;
use lab::offchip::features::{extract, SpikeCounts};
use lab::offchip::model::{ChipFormat, ChipModel};
use lab::offchip::port_image::registers;
use lab::offchip::quantise::{agreement, GoldenExport};
use lab::offchip::train::{chip_predictions, chip_score, train, Settings};
use lab::offchip::{ChipExport, OffchipError};
use lab::offchip_cli::{export, ExportArgs};
use lab::Optimizer;
use ndarray::{arr2, Array2};

/// 6×6 input, one 3×3 kernel at stride 3 (2×2 positions: 4 FC inputs), threshold 8, 2-bit
/// counters; 2 hidden neurons with activation shift 1; 2 classes.
fn tiny_config() -> Config {
    let mut c = Config::default();
    c.input.width = 6;
    c.input.height = 6;
    c.conv.kernels = 1;
    c.conv.size = 3;
    c.conv.stride = 3;
    c.conv.threshold = 8;
    c.hardware.conv_lanes = 1;
    c.fc.hidden = vec![2];
    c.fc.classes = 2;
    c.fc.activation_shifts = vec![1];
    c.fc.output_shift = 2;
    c.learning.hidden_lr_shifts = vec![1];
    c.learning.output_lr_shift = 4;
    c.validate().expect("the tiny config is valid");
    c
}

/// Every tap 8 = the threshold: each event in a position's field is one spike there.
fn tiny_kernels(config: &Config) -> KernelMemory {
    let mut k = KernelMemory::zeros(config);
    k.weights_mut().fill(8);
    k
}

/// Float model in normalised units. Hidden scale S_0 = ymax · 2^1 = 254; output scale the
/// max-abs choice 127 / 2 = 63.5.
fn hand_model(config: &Config) -> ChipModel {
    ChipModel::new(
        ChipFormat::from_config(config).unwrap(),
        vec![
            arr2(&[[0.1, -0.25, 0.5, 1.0], [-0.2, 0.3, -0.004, -1.0]]),
            arr2(&[[0.5, -1.0], [0.25, 2.0]]),
        ],
    )
}

/// Hidden: 0.1·254 = 25.4 → 25, −0.25·254 = −63.5 → −64 (half away from zero),
/// 0.5·254 = 127, 1.0·254 = 254 → 127 (clipped), −50.8 → −51, 76.2 → 76, −1.016 → −1,
/// −254 → −128. Output (× 63.5): 31.75 → 32, −63.5 → −64, 15.875 → 16, 127.
/// Chip layout `[input][neuron]`.
const HIDDEN_INT: [i16; 8] = [25, -51, -64, 76, 127, -1, 127, -128];
const OUTPUT_INT: [i16; 4] = [32, 16, -64, 127];

fn hand_chip(config: &Config) -> Chip {
    let model = hand_model(config);
    GoldenExport {
        config,
        kernels: &tiny_kernels(config),
        output_scale: None,
    }
    .export(&model.net)
    .unwrap()
}

/// Events per position (index oy·2 + ox): 2, 0, 5 (counter saturates at 3), 1.
fn sample_a() -> Vec<Event> {
    let e = |x, y| Event::new(x, y, 0);
    vec![
        e(0, 0),
        e(2, 1),
        e(0, 3),
        e(1, 3),
        e(2, 4),
        e(0, 5),
        e(1, 5),
        e(4, 4),
    ]
}

/// One event in position (ox 1, oy 0).
fn sample_b() -> Vec<Event> {
    vec![Event::new(4, 1, 0)]
}

#[test]
fn hand_set_float_model_quantises_to_hand_computed_weights() {
    let config = tiny_config();
    let model = hand_model(&config);
    assert_eq!(model.scales(), vec![254.0, 63.5]);
    let integer = model.integer_weights();
    assert_eq!(
        integer[0],
        arr2(&[[25.0, -64.0, 127.0, 127.0], [-51.0, 76.0, -1.0, -128.0]])
    );
    assert_eq!(integer[1], arr2(&[[32.0, -64.0], [16.0, 127.0]]));
    let chip = hand_chip(&config);
    assert_eq!(chip.layers()[0].weights(), &HIDDEN_INT);
    assert_eq!(chip.layers()[1].weights(), &OUTPUT_INT);
    assert_eq!(chip.kernels(), &tiny_kernels(&config));
    assert_eq!(
        chip.rounding_lfsr(),
        Lfsr::new(config.learning.rounding_seed)
    );
}

/// Sample a: counts x = [2, 0, 3, 1].
/// z_0 = 2·25 + 3·127 + 127 = 558, 558 >> 1 = 279 → y_0 = 127;
/// z_1 = 2·(−51) + 3·(−1) − 128 = −233, −233 >> 1 = −117 (floor) → y_1 = −117;
/// scores: 127·32 + (−117)(−64) = 11552, 127·16 + (−117)·127 = −12827 → class 0.
/// Sample b: x = [0, 1, 0, 0]. z = (−64, 76) → y = (−32, 38);
/// scores: −32·32 + 38·(−64) = −3456, −32·16 + 38·127 = 4314 → class 1.
#[test]
fn loaded_into_the_golden_chip_gives_hand_computed_scores() {
    let config = tiny_config();
    let mut chip = hand_chip(&config);
    let a = chip.infer(&sample_a());
    assert_eq!(chip.membranes().counts(), &[2, 0, 3, 1]);
    assert_eq!((a.scores, a.class), (vec![11552, -12827], 0));
    let b = chip.infer(&sample_b());
    assert_eq!((b.scores, b.class), (vec![-3456, 4314], 1));

    // The integer twin computes the same scores and activations.
    let model = hand_model(&config);
    let x = arr2(&[[2.0, 0.0, 3.0, 1.0], [0.0, 1.0, 0.0, 0.0]]);
    let (hidden, scores) = model.format.forward(&model.integer_weights(), x.view());
    assert_eq!(hidden[0], arr2(&[[127.0, -117.0], [-32.0, 38.0]]));
    assert_eq!(scores, arr2(&[[11552.0, -12827.0], [-3456.0, 4314.0]]));
}

#[test]
fn export_writes_the_exact_port_words_of_a_tiny_chip() {
    let config = tiny_config();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chip.bin");
    chip_image::save(&hand_chip(&config), &path).unwrap();
    let out = dir.path().join("port");
    export(&ExportArgs {
        chip: path,
        out: out.clone(),
    })
    .unwrap();
    let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
    assert_eq!(read("kernels.hex"), "0008\n".repeat(9));
    assert_eq!(
        read("fc0.hex"),
        "0019\nffcd\nffc0\n004c\n007f\nffff\n007f\nff80\n"
    );
    assert_eq!(read("fc1.hex"), "0020\n0010\nffc0\n007f\n");
    // hidden lr shift 1, output lr shift 4, rounding seed 0x0DD5EED5, projection seed
    // 0xB0A75EED, low halves first.
    assert_eq!(
        read("registers.hex"),
        "0001\n0004\need5\n0dd5\n5eed\nb0a7\n"
    );
    let index: serde_json::Value = serde_json::from_str(&read("index.json")).unwrap();
    let selects: Vec<(u64, &str, u64)> = index["memories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let (s, f, w) = (&m["select"], &m["file"], &m["words"]);
            (
                s.as_u64().unwrap(),
                f.as_str().unwrap(),
                w.as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        selects,
        vec![
            (0, "kernels.hex", 9),
            (1, "fc0.hex", 8),
            (2, "fc1.hex", 4),
            (8, "registers.hex", 6)
        ]
    );
    assert_eq!(index["registers"][2]["name"], "rounding_lfsr[15:0]");
    assert_eq!(index["config"]["fc"]["hidden"][0], 2);
}

/// The exported registers are the chip's, taken at one moment: the shift registers in force
/// (a schedule's, not the config's reset values) with the LFSR state; with two hidden layers
/// every register after the shifts moves up by one (docs/ARCHITECTURE.md, "Registers").
#[test]
fn exported_registers_are_the_shifts_in_force_and_move_with_the_hidden_layers() {
    let config = tiny_config();
    let mut chip = hand_chip(&config);
    chip.set_learning_shifts(&[3], 6);
    let values: Vec<u16> = registers(&chip).iter().map(|r| r.1).collect();
    assert_eq!(values, [3, 6, 0xEED5, 0x0DD5, 0x5EED, 0xB0A7]);

    let mut two = Config::default();
    two.fc.hidden = vec![6, 5];
    two.fc.activation_shifts = vec![4, 4];
    two.learning.hidden_lr_shifts = vec![2, 3];
    let mut chip = Chip::new(&two);
    chip.set_learning_shifts(&[7, 8], 9);
    let names: Vec<String> = registers(&chip).into_iter().map(|r| r.0).collect();
    assert_eq!(
        names,
        [
            "hidden_lr_shift[0]",
            "hidden_lr_shift[1]",
            "output_lr_shift",
            "rounding_lfsr[15:0]",
            "rounding_lfsr[31:16]",
            "target_projection_seed[15:0]",
            "target_projection_seed[31:16]"
        ]
    );
    let values: Vec<u16> = registers(&chip).iter().map(|r| r.1).take(3).collect();
    assert_eq!(values, [7, 8, 9]);
}

#[test]
fn truncated_or_corrupt_chip_image_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = chip_image::to_bytes(&hand_chip(&tiny_config()));
    let cases = [
        ("truncated.bin", bytes[..bytes.len() - 3].to_vec()),
        (
            "corrupt.bin",
            [b"XPOONCHP".as_slice(), &bytes[8..]].concat(),
        ),
    ];
    for (name, content) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let out = dir.path().join("out");
        let err = export(&ExportArgs {
            chip: path,
            out: out.clone(),
        })
        .unwrap_err();
        let text = format!("{err:#}");
        assert!(text.contains(name), "{text}");
        assert!(!out.exists(), "nothing written for {name}");
    }
}

#[test]
fn export_rejects_a_bias_and_a_foreign_topology() {
    let config = tiny_config();
    let kernels = tiny_kernels(&config);
    let exporter = GoldenExport {
        config: &config,
        kernels: &kernels,
        output_scale: None,
    };
    let mut model = hand_model(&config);
    model.net.layers[1].bias[0] = 0.5;
    assert!(matches!(
        exporter.export(&model.net),
        Err(OffchipError::Bias { layer: 1 })
    ));
    let wrong = ChipModel::new(
        model.format.clone(),
        vec![Array2::zeros((3, 4)), Array2::zeros((2, 3))],
    );
    let err = exporter.export(&wrong.net).unwrap_err();
    assert!(matches!(err, OffchipError::Topology { .. }), "{err}");
}

/// Random 8-kernel chips with random weights and events: the twin's decisions and the
/// golden chip's agree on every sample, and their scores are equal.
#[test]
fn integer_twin_equals_the_golden_chip_seed_7() {
    let seed = 7;
    println!("seed {seed}");
    let mut config = tiny_config();
    config.conv.kernels = 8;
    config.conv.size = 3;
    config.conv.stride = 1; // 4 × 4 positions × 8 kernels = 128 inputs
    config.hardware.conv_lanes = 8;
    config.fc.hidden = vec![6, 5];
    config.fc.activation_shifts = vec![5, 6];
    config.learning.hidden_lr_shifts = vec![1, 1];
    config.fc.classes = 3;
    config.validate().unwrap();
    let mut lfsr = Lfsr::new(seed);
    let mut chip = Chip::new(&config);
    fill_uniform(chip.kernels_mut().weights_mut(), 12, &mut lfsr);
    for layer in chip.layers_mut() {
        fill_uniform(layer.weights_mut(), 127, &mut lfsr);
    }
    let mut data = EventSet::default();
    for n in 0..50 {
        let events = (0..(lfsr.draw() % 30))
            .map(|_| Event::new((lfsr.draw() % 6) as u8, (lfsr.draw() % 6) as u8, 0))
            .collect();
        data.samples.push((events, (n % 3) as u8));
    }
    let counts = extract(&mut chip.clone(), &data);
    let model = model_holding(&config, chip.layers());
    assert_eq!(model.integer_weights()[1], transposed(&chip.layers()[1]));
    let predicted = chip_predictions(&model, &counts);
    assert_eq!(agreement(&mut chip, &data, &predicted), 50);
    let (_, scores) = model
        .format
        .forward(&model.integer_weights(), counts.dense(&[0, 1, 2]).view());
    let mut events = Vec::new();
    for (row, i) in [0, 1, 2].into_iter().enumerate() {
        data.events(&config, i, &mut events);
        let golden: Vec<f32> = chip
            .infer(&events)
            .scores
            .iter()
            .map(|&s| s as f32)
            .collect();
        assert_eq!(scores.row(row).to_vec(), golden, "sample {i}");
    }
}

fn transposed(layer: &FcLayer) -> Array2<f32> {
    Array2::from_shape_fn((layer.neurons(), layer.inputs()), |(j, i)| {
        f32::from(layer.weight(i, j))
    })
}

/// A model whose integer weights are `layers`, the output scale frozen at 1.
fn model_holding(config: &Config, layers: &[FcLayer]) -> ChipModel {
    let format = ChipFormat::from_config(config).unwrap();
    let mut scales = format.hidden_scales();
    scales.push(1.0);
    let weights = layers
        .iter()
        .zip(&scales)
        .map(|(l, s)| transposed(l) / *s)
        .collect();
    let mut model = ChipModel::new(format, weights);
    model.output_scale = Some(1.0);
    model
}

/// Two classes told apart by which half of the inputs fire: BP learns them, and the exported
/// chip scores what the twin scores.
#[test]
fn bp_learns_a_separable_toy_task_seed_3() {
    let config = tiny_config();
    let mut data = SpikeCounts::new(4);
    for n in 0..64 {
        let c = (n % 4) as i16;
        let label = (n % 2) as u8;
        let counts = if label == 0 {
            [c.max(1), 1, 0, 0]
        } else {
            [0, 0, 1, c.max(1)]
        };
        data.push(&counts, label);
    }
    let settings = Settings {
        mode: TrainingMode::Bp,
        optimizer: Optimizer::Adam,
        lr: 1e-2,
        lr_decay: 1.0,
        epochs: 6,
        qat_epochs: 2,
        batch_size: 8,
        seed: 3,
    };
    let run = train(&config, &data, &data, &settings, |_| {}).unwrap();
    assert_eq!(run.log.len(), 6);
    assert!(run.model.output_scale.is_some());
    assert_eq!(chip_score(&run.model, &data).correct, 64);
}
