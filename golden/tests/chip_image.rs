//! Chip image files: exact round trip, and a clear error for every kind of corruption.

use golden::chip::Chip;
use golden::chip_image::{self, ChipImageError};
use golden::config::Config;

/// A chip after a learning step and a learning-rate schedule step past what the config
/// alone would validate (output shift 12 + 4 = 16).
fn trained_chip() -> Chip {
    let mut chip = Chip::new(&Config::default());
    chip.set_learning_shifts(&[6], 16);
    let image: Vec<u8> = (0..784).map(|i| ((i * 37) % 256) as u8).collect();
    chip.run_image(&image, Some(3));
    chip
}

#[test]
fn round_trip_is_exact() {
    let chip = trained_chip();
    let bytes = chip_image::to_bytes(&chip);
    let back = chip_image::from_bytes(&bytes, "mem").unwrap();
    assert_eq!(back.config(), chip.config());
    assert_eq!(back.kernels(), chip.kernels());
    assert_eq!(back.layers(), chip.layers());
    assert_eq!(back.rounding_lfsr(), chip.rounding_lfsr());
    assert_eq!(back.learning_shifts(), chip.learning_shifts());
    assert_eq!(chip_image::to_bytes(&back), bytes);
}

#[test]
fn file_round_trip_and_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chip.bin");
    let chip = trained_chip();
    chip_image::save(&chip, &path).unwrap();
    assert_eq!(chip_image::load(&path).unwrap().layers(), chip.layers());
    let err = chip_image::load(&dir.path().join("nope.bin"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("nope.bin"), "{err}");
}

#[test]
fn every_truncation_is_reported_with_its_offset() {
    let bytes = chip_image::to_bytes(&trained_chip());
    for cut in [0, 5, 8, 11, 14, 100, bytes.len() - 1] {
        let err = chip_image::from_bytes(&bytes[..cut], "weights.bin").unwrap_err();
        assert!(
            matches!(err, ChipImageError::Truncated { offset, .. } if offset <= cut),
            "cut {cut}: {err}"
        );
        assert!(
            err.to_string()
                .starts_with("weights.bin: truncated at byte"),
            "{err}"
        );
    }
}

#[test]
fn bad_magic_version_and_trailing_bytes() {
    let bytes = chip_image::to_bytes(&trained_chip());
    let mut bad = bytes.clone();
    bad[0] = b'X';
    let err = chip_image::from_bytes(&bad, "w.bin").unwrap_err();
    assert!(matches!(err, ChipImageError::BadMagic { .. }), "{err}");
    let mut bad = bytes.clone();
    bad[8] = 9;
    let err = chip_image::from_bytes(&bad, "w.bin").unwrap_err();
    assert_eq!(
        err.to_string(),
        "w.bin: unsupported chip image version 9 (this build reads 2)"
    );
    let mut bad = bytes.clone();
    bad.extend_from_slice(&[1, 2, 3]);
    let err = chip_image::from_bytes(&bad, "w.bin").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "w.bin: 3 unexpected bytes after the last layer (offset {})",
            bytes.len()
        )
    );
}

#[test]
fn out_of_range_weight_and_wrong_count() {
    let chip = Chip::new(&Config::default());
    let bytes = chip_image::to_bytes(&chip);
    // The last word is output weight (99, 9); 0x0100 = 256 does not fit 8 bits.
    let mut bad = bytes.clone();
    let n = bad.len();
    bad[n - 2..].copy_from_slice(&256i16.to_le_bytes());
    let err = chip_image::from_bytes(&bad, "w.bin").unwrap_err();
    assert_eq!(
        err.to_string(),
        "w.bin: FC layer 1 weights word 999 = 256 does not fit 8 signed bits"
    );
    // A config asking for a different shape than the memories.
    let mut other = Config::default();
    other.fc.hidden = vec![99];
    let small = Chip::new(&other);
    let mut mixed = chip_image::to_bytes(&small);
    let toml_len = u32::from_le_bytes(mixed[12..16].try_into().unwrap()) as usize;
    let text = Config::default().to_toml();
    mixed.splice(
        12..16 + toml_len,
        (text.len() as u32)
            .to_le_bytes()
            .into_iter()
            .chain(text.bytes()),
    );
    let err = chip_image::from_bytes(&mixed, "w.bin").unwrap_err();
    assert_eq!(
        err.to_string(),
        "w.bin: FC layer 0 weights holds 101376 words, the config needs 102400"
    );
}

#[test]
fn invalid_embedded_config_names_the_field() {
    let chip = Chip::new(&Config::default());
    let mut bytes = chip_image::to_bytes(&chip);
    let toml_len = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    let text = String::from_utf8(bytes[16..16 + toml_len].to_vec()).unwrap();
    let broken = text.replace("spike_count_bits = 2", "spike_count_bits = 9");
    assert_ne!(broken, text);
    bytes.splice(
        12..16 + toml_len,
        (broken.len() as u32)
            .to_le_bytes()
            .into_iter()
            .chain(broken.bytes()),
    );
    let err = chip_image::from_bytes(&bytes, "w.bin")
        .unwrap_err()
        .to_string();
    assert!(err.contains("conv.spike_count_bits"), "{err}");
}
