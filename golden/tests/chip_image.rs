//! Chip image files: exact round trip, and a clear error for every kind of corruption.

use golden::chip::Chip;
use golden::chip_image::{self, ChipImageError};
use golden::config::Config;

/// The body (without the checksum) of an image.
fn body(bytes: &[u8]) -> Vec<u8> {
    bytes[..bytes.len() - chip_image::CHECKSUM_BYTES].to_vec()
}

/// An image from an edited body, sealed with its checksum: what the later checks see once
/// the checksum has let a deliberate change through.
fn sealed(mut body: Vec<u8>) -> Vec<u8> {
    let crc = crc32fast::hash(&body);
    body.extend_from_slice(&crc.to_le_bytes());
    body
}

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
fn every_truncation_is_reported_naming_the_file() {
    let bytes = chip_image::to_bytes(&trained_chip());
    for cut in [0, 5, 8, 11, 14, 15, 16, 100, bytes.len() - 1] {
        let err = chip_image::from_bytes(&bytes[..cut], "weights.bin").unwrap_err();
        match cut {
            // Magic, version and the checksum itself: a truncation.
            0..=15 => assert!(
                matches!(err, ChipImageError::Truncated { offset, .. } if offset <= cut),
                "cut {cut}: {err}"
            ),
            // Anything longer: the last 4 bytes are not the CRC of the rest.
            _ => assert!(
                matches!(err, ChipImageError::Checksum { .. }),
                "cut {cut}: {err}"
            ),
        }
        assert!(err.to_string().starts_with("weights.bin: "), "{err}");
    }
}

#[test]
fn a_truncated_body_with_a_valid_checksum_is_reported_with_its_offset() {
    let bytes = chip_image::to_bytes(&trained_chip());
    let b = body(&bytes);
    for cut in [16, 100, b.len() - 1] {
        let err = chip_image::from_bytes(&sealed(b[..cut].to_vec()), "w.bin").unwrap_err();
        assert!(
            matches!(err, ChipImageError::Truncated { offset, .. } if offset <= cut),
            "cut {cut}: {err}"
        );
    }
}

/// One changed byte in the header, the embedded config, the LFSR, the shift registers, the
/// kernels, a hidden weight, an output weight or the checksum: refused, naming the file.
#[test]
fn every_flipped_byte_is_refused_naming_the_file() {
    let bytes = chip_image::to_bytes(&trained_chip());
    let toml_len = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    let lfsr = 16 + toml_len;
    let kernels = lfsr + 4 + 4 + 8 + 4;
    let n = bytes.len();
    let offsets = [
        (0, "magic"),
        (9, "version"),
        (12, "config length"),
        (16 + toml_len / 2, "config text"),
        (lfsr, "LFSR"),
        (lfsr + 8, "hidden shift"),
        (kernels + 3, "kernel weight"),
        (kernels + 784 * 2 + 4 + 1001, "hidden weight"),
        (n - 4 - 3, "output weight"),
        (n - 2, "checksum"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("flipped.bin");
    for (offset, what) in offsets {
        for mask in [0x01, 0x80] {
            let mut bad = bytes.clone();
            bad[offset] ^= mask;
            std::fs::write(&path, &bad).unwrap();
            let err = match chip_image::load(&path) {
                Ok(_) => panic!("{what} (byte {offset} ^ {mask:#x}) loaded"),
                Err(e) => e.to_string(),
            };
            assert!(
                err.starts_with(&format!("{}: ", path.display())),
                "{what}: {err}"
            );
        }
    }
    let mut bad = bytes.clone();
    bad[kernels + 3] ^= 1;
    let err = chip_image::from_bytes(&bad, "w.bin").unwrap_err();
    let computed = crc32fast::hash(&bad[..n - 4]);
    let stored = u32::from_le_bytes(bytes[n - 4..].try_into().unwrap());
    assert_eq!(
        err.to_string(),
        format!(
            "w.bin: corrupt chip image: CRC-32 of bytes 0..{} is {computed:#010x}, the file says \
             {stored:#010x}",
            n - 4
        )
    );
}

#[test]
fn a_version_2_image_is_refused_saying_how_to_regenerate_it() {
    let mut old = body(&chip_image::to_bytes(&trained_chip()));
    old[8..12].copy_from_slice(&2u32.to_le_bytes());
    let err = chip_image::from_bytes(&old, "old.bin").unwrap_err();
    assert!(
        matches!(err, ChipImageError::OldVersion { found: 2, .. }),
        "{err}"
    );
    let text = err.to_string();
    assert!(
        text.starts_with("old.bin: chip image format 2 has no checksum")
            && text.contains("regenerate it")
            && text.contains("spoon train"),
        "{text}"
    );
}

#[test]
fn out_of_range_weight_and_wrong_count() {
    let chip = Chip::new(&Config::default());
    let bytes = chip_image::to_bytes(&chip);
    // The last word is output weight (99, 9); 0x0100 = 256 does not fit 8 bits.
    let mut bad = body(&bytes);
    let n = bad.len();
    bad[n - 2..].copy_from_slice(&256i16.to_le_bytes());
    let err = chip_image::from_bytes(&sealed(bad), "w.bin").unwrap_err();
    assert_eq!(
        err.to_string(),
        "w.bin: FC layer 1 weights word 999 = 256 does not fit 8 signed bits"
    );
    // A config asking for a different shape than the memories.
    let mut other = Config::default();
    other.fc.hidden = vec![99];
    let small = Chip::new(&other);
    let mut mixed = body(&chip_image::to_bytes(&small));
    let toml_len = u32::from_le_bytes(mixed[12..16].try_into().unwrap()) as usize;
    let text = Config::default().to_toml();
    mixed.splice(
        12..16 + toml_len,
        (text.len() as u32)
            .to_le_bytes()
            .into_iter()
            .chain(text.bytes()),
    );
    let err = chip_image::from_bytes(&sealed(mixed), "w.bin").unwrap_err();
    assert_eq!(
        err.to_string(),
        "w.bin: FC layer 0 weights holds 101376 words, the config needs 102400"
    );
}

#[test]
fn invalid_embedded_config_names_the_field() {
    let chip = Chip::new(&Config::default());
    let mut bytes = body(&chip_image::to_bytes(&chip));
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
    let err = chip_image::from_bytes(&sealed(bytes), "w.bin")
        .unwrap_err()
        .to_string();
    assert!(err.contains("conv.spike_count_bits"), "{err}");
}
