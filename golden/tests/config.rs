//! The parameter set: defaults, TOML round trip, and a named error for every impossible value.

use golden::config::{Config, ConfigError};

#[test]
fn default_is_valid_and_round_trips_through_toml() {
    let c = Config::default();
    c.validate().unwrap();
    assert_eq!(Config::from_toml(&c.to_toml()).unwrap(), c);
}

#[test]
fn derived_sizes_of_the_default() {
    let c = Config::default();
    assert_eq!(c.conv_out_side(), (8, 8));
    assert_eq!(c.conv_neurons(), 1024);
    assert_eq!(c.fc_inputs(), vec![1024, 100]);
    assert_eq!(c.fc_outputs(), vec![100, 10]);
    // 1024 inputs × 3 × 128 = 393216 → 20 bits; 100 × 127 × 128 = 1625600 → 22 bits.
    assert_eq!(c.fc_accumulator_bits(0), 20);
    assert_eq!(c.fc_accumulator_bits(1), 22);
    assert_eq!(c.activation_max(), 127);
    assert_eq!(c.probability_one(), 128);
}

fn field_of(text: &str) -> String {
    match Config::from_toml(text) {
        Err(ConfigError::Invalid { field, .. }) => field.to_string(),
        other => panic!("expected an invalid-field error, got {other:?}"),
    }
}

#[test]
fn impossible_values_name_their_field() {
    let base = Config::default().to_toml();
    let cases = [
        ("width = 28", "width = 300", "input.width"),
        ("channels = 1", "channels = 3", "input.channels"),
        ("time_bins = 8", "time_bins = 6", "encoder.time_bins"),
        ("size = 7", "size = 40", "conv.size"),
        ("stride = 3", "stride = 0", "conv.stride"),
        ("epochs = 13", "epochs = 0", "training.epochs"),
        ("kernels = 16", "kernels = 65537", "conv.kernels"),
        // 64 × 65,536 convolution neurons × 100 hidden: 419 M weights, validated before.
        ("kernels = 16", "kernels = 65536", "fc.hidden"),
        (
            "membrane_bits = 12",
            "membrane_bits = 8",
            "conv.membrane_bits",
        ),
        (
            "threshold = 32\nspike",
            "threshold = 5000\nspike",
            "conv.threshold",
        ),
        (
            "spike_count_bits = 2",
            "spike_count_bits = 0",
            "conv.spike_count_bits",
        ),
        ("seed = 1592639710", "seed = 0", "conv.seed"),
        (
            "activation_shifts = [4]",
            "activation_shifts = [4, 4]",
            "fc.activation_shifts",
        ),
        (
            "hidden_lr_shifts = [2]",
            "hidden_lr_shifts = [17]",
            "learning.hidden_lr_shifts",
        ),
        (
            "output_lr_shift = 12",
            "output_lr_shift = 17",
            "learning.output_lr_shift",
        ),
        (
            "rounding_seed = 232124117",
            "rounding_seed = 0",
            "learning.rounding_seed",
        ),
        (
            "hidden_init_range = 0",
            "hidden_init_range = 128",
            "learning.hidden_init_range",
        ),
        ("conv_lanes = 8", "conv_lanes = 17", "hardware.conv_lanes"),
        ("fifo_depth = 16", "fifo_depth = 12", "hardware.fifo_depth"),
    ];
    for (from, to, field) in cases {
        assert!(base.contains(from), "default TOML lacks `{from}`:\n{base}");
        assert_eq!(field_of(&base.replacen(from, to, 1)), field, "{to}");
    }
}

#[test]
fn an_accumulator_wider_than_32_bits_is_rejected() {
    let mut c = Config::default();
    c.fc.weight_bits = 16;
    c.conv.spike_count_bits = 8;
    c.input.width = 256;
    c.input.height = 256;
    c.conv.kernels = 64;
    c.hardware.conv_lanes = 8;
    let err = c.validate().unwrap_err().to_string();
    assert!(err.contains("accumulator"), "{err}");
}

#[test]
fn unknown_keys_and_syntax_errors_are_reported() {
    let text = Config::default()
        .to_toml()
        .replace("[conv]", "[conv]\nkernal = 3");
    let err = Config::from_toml(&text).unwrap_err().to_string();
    assert!(err.contains("kernal"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "[input\nwidth = 1").unwrap();
    let err = Config::from_file(&path).unwrap_err().to_string();
    assert!(err.contains("bad.toml"), "{err}");
    // A file that parses but does not validate: the file and the field.
    let path = dir.path().join("invalid.toml");
    let text = Config::default()
        .to_toml()
        .replace("stride = 3", "stride = 0");
    std::fs::write(&path, text).unwrap();
    let err = Config::from_file(&path).unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "config file {}: invalid configuration: `conv.stride` must be at least 1",
            path.display()
        )
    );
    let err = Config::from_file(dir.path()).unwrap_err().to_string();
    assert!(err.contains("Is a directory"), "{err}");
    let err = Config::from_file(&dir.path().join("missing.toml"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("missing.toml"), "{err}");
}

#[test]
fn shipped_configs_are_valid_and_default_is_in_sync() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../configs");
    for name in ["default.toml", "fashion.toml", "nmnist.toml"] {
        Config::from_file(&dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let shipped = Config::from_file(&dir.join("default.toml")).unwrap();
    assert_eq!(
        shipped,
        Config::default(),
        "regenerate with `spoon config --print-default`"
    );
}

#[test]
fn the_tiny_config_is_valid() {
    let c = Config::tiny();
    c.validate().unwrap();
    assert_eq!((c.conv_out_side(), c.conv_neurons()), ((2, 2), 32));
}

/// Backprop kernels train a float read-out of every convolution neuron to every class: a size
/// bound of its own (8,192 kernels × 64 positions × 256 classes = 2^27 weights).
#[test]
fn a_backprop_readout_beyond_the_memory_bound_is_rejected() {
    let mut c = Config::default();
    c.conv.kernels = 8192;
    c.fc.hidden = vec![1];
    c.fc.classes = 256;
    c.validate().unwrap();
    c.training.kernel_init = golden::config::KernelInit::Backprop;
    let err = c.validate().unwrap_err();
    assert!(
        matches!(
            err,
            ConfigError::Invalid {
                field: "training.kernel_init",
                ..
            }
        ),
        "{err}"
    );
}

/// Every config the repository ships reads and validates (`configs/*.toml`), and
/// `configs/sixteen-lanes.toml` is the default with 16 lanes.
#[test]
fn every_shipped_config_validates() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../configs");
    let mut names = vec![];
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            golden::config::Config::from_file(&path).unwrap_or_else(|e| panic!("{e}"));
            names.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(names.len() >= 6, "{names:?}");
    let sixteen = golden::config::Config::from_file(&dir.join("sixteen-lanes.toml")).unwrap();
    let mut default = golden::config::Config::default();
    (default.hardware.conv_lanes, default.hardware.fc_lanes) = (16, 16);
    assert_eq!(sixteen, default);
}
