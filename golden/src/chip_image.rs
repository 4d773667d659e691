//! Chip image: the whole programmable state of a chip in one file, the way the host writes it
//! through the configuration port (kernels, FC weights, the rounding LFSR) plus the config it
//! was built for.
//!
//! Layout, all integers little-endian:
//!
//! | bytes | field |
//! |---|---|
//! | 8 | magic `SPOONCHP` |
//! | 4 | format version (3) |
//! | 4 + n | config TOML length `n`, then the text |
//! | 4 | rounding LFSR state |
//! | 4 + 4·h + 4 | learning-rate shift registers: count `h` of hidden layers, their shifts, the output shift |
//! | 4 + 2·m | kernel memory: word count `m`, then `m` × i16 |
//! | per FC layer | word count `m`, then `m` × i16 (hidden layers, then output) |
//! | 4 | CRC-32 (IEEE, as zlib and gzip) of every byte before it |
//!
//! The checksum is verified before anything after the version is read, so one changed byte
//! anywhere is refused instead of loading as a slightly different chip (the RTL and golden
//! would both load the same wrong weights, and no co-simulation could notice). Every count is
//! then checked against the config, every weight against its bit width, and the checksum must
//! follow the last layer exactly. Version 2 (no checksum) is refused with how to regenerate.
//! docs/HOST.md ("The chip image") is the full specification.

use crate::chip::Chip;
use crate::config::{Config, ConfigError};
use crate::fc::FcLayer;
use crate::fixed::{max_signed, min_signed};
use crate::kernel::KernelMemory;
use crate::lfsr::Lfsr;
use std::path::Path;

pub const MAGIC: &[u8; 8] = b"SPOONCHP";
pub const VERSION: u32 = 3;
/// Bytes of the trailing CRC-32.
pub const CHECKSUM_BYTES: usize = 4;

#[derive(Debug, thiserror::Error)]
pub enum ChipImageError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: not a spoon chip image (bad magic bytes {found:02x?})")]
    BadMagic { path: String, found: Vec<u8> },
    #[error("{path}: unsupported chip image version {found} (this build reads {VERSION})")]
    Version { path: String, found: u32 },
    #[error(
        "{path}: chip image format {found} has no checksum and is no longer read (this build \
         reads {VERSION}); regenerate it with the command that wrote it (`spoon train`, \
         `spoon offchip train`)"
    )]
    OldVersion { path: String, found: u32 },
    #[error(
        "{path}: corrupt chip image: CRC-32 of bytes 0..{covered} is {computed:#010x}, the file \
         says {stored:#010x}"
    )]
    Checksum {
        path: String,
        covered: usize,
        stored: u32,
        computed: u32,
    },
    #[error("{path}: truncated at byte {offset}: {what} needs {needed} bytes, {available} left")]
    Truncated {
        path: String,
        offset: usize,
        what: String,
        needed: usize,
        available: usize,
    },
    #[error("{path}: embedded config: {source}")]
    Config { path: String, source: ConfigError },
    #[error("{path}: {what} holds {found} words, the config needs {expected}")]
    Count {
        path: String,
        what: String,
        found: usize,
        expected: usize,
    },
    #[error("{path}: {what} word {index} = {value} does not fit {bits} signed bits")]
    Range {
        path: String,
        what: String,
        index: usize,
        value: i16,
        bits: u32,
    },
    #[error("{path}: {extra} unexpected bytes between the last layer and the checksum (offset {offset})")]
    Trailing {
        path: String,
        offset: usize,
        extra: usize,
    },
    #[error("{path}: rounding LFSR state is zero (a locked register)")]
    ZeroLfsr { path: String },
    #[error("{path}: learning-rate shift registers: {problem}")]
    Shifts { path: String, problem: String },
}

/// Serialises the chip's programmable state.
pub fn to_bytes(chip: &Chip) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    let toml = chip.config().to_toml();
    out.extend_from_slice(&(toml.len() as u32).to_le_bytes());
    out.extend_from_slice(toml.as_bytes());
    out.extend_from_slice(&chip.rounding_lfsr().state().to_le_bytes());
    let (hidden, output) = chip.learning_shifts();
    out.extend_from_slice(&(hidden.len() as u32).to_le_bytes());
    for s in hidden.iter().chain([&output]) {
        out.extend_from_slice(&s.to_le_bytes());
    }
    let memories =
        std::iter::once(chip.kernels().weights()).chain(chip.layers().iter().map(FcLayer::weights));
    for words in memories {
        out.extend_from_slice(&(words.len() as u32).to_le_bytes());
        for w in words {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

pub fn save(chip: &Chip, path: &Path) -> Result<(), ChipImageError> {
    std::fs::write(path, to_bytes(chip)).map_err(|source| ChipImageError::Io {
        path: path.display().to_string(),
        source,
    })
}

pub fn load(path: &Path) -> Result<Chip, ChipImageError> {
    let bytes = std::fs::read(path).map_err(|source| ChipImageError::Io {
        path: path.display().to_string(),
        source,
    })?;
    from_bytes(&bytes, &path.display().to_string())
}

struct Reader<'a> {
    bytes: &'a [u8],
    offset: usize,
    path: &'a str,
}

impl<'a> Reader<'a> {
    fn take(&mut self, needed: usize, what: &str) -> Result<&'a [u8], ChipImageError> {
        let available = self.bytes.len() - self.offset;
        if needed > available {
            return Err(ChipImageError::Truncated {
                path: self.path.into(),
                offset: self.offset,
                what: what.into(),
                needed,
                available,
            });
        }
        let s = &self.bytes[self.offset..self.offset + needed];
        self.offset += needed;
        Ok(s)
    }

    fn u32(&mut self, what: &str) -> Result<u32, ChipImageError> {
        Ok(u32::from_le_bytes(
            self.take(4, what)?.try_into().expect("4 bytes"),
        ))
    }

    /// A counted memory of `expected` words, each in `bits` signed bits.
    fn memory(
        &mut self,
        what: &str,
        expected: usize,
        bits: u32,
    ) -> Result<Vec<i16>, ChipImageError> {
        let found = self.u32(&format!("{what} word count"))? as usize;
        if found != expected {
            return Err(ChipImageError::Count {
                path: self.path.into(),
                what: what.into(),
                found,
                expected,
            });
        }
        let raw = self.take(2 * found, what)?;
        let words: Vec<i16> = raw
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        let range = min_signed(bits)..=max_signed(bits);
        if let Some((index, &value)) = words
            .iter()
            .enumerate()
            .find(|(_, &w)| !range.contains(&i32::from(w)))
        {
            return Err(ChipImageError::Range {
                path: self.path.into(),
                what: what.into(),
                index,
                value,
                bits,
            });
        }
        Ok(words)
    }
}

/// The image without its checksum, once the CRC-32 of those bytes equals the stored one;
/// `header` bytes (magic, version) are already read.
fn verify_checksum<'a>(
    bytes: &'a [u8],
    header: usize,
    path: &str,
) -> Result<&'a [u8], ChipImageError> {
    let Some(covered) = bytes
        .len()
        .checked_sub(CHECKSUM_BYTES)
        .filter(|&c| c >= header)
    else {
        return Err(ChipImageError::Truncated {
            path: path.into(),
            offset: header,
            what: "checksum".into(),
            needed: CHECKSUM_BYTES,
            available: bytes.len() - header,
        });
    };
    let (body, tail) = bytes.split_at(covered);
    let stored = u32::from_le_bytes(tail.try_into().expect("4 bytes"));
    let computed = crc32fast::hash(body);
    if stored != computed {
        return Err(ChipImageError::Checksum {
            path: path.into(),
            covered,
            stored,
            computed,
        });
    }
    Ok(body)
}

/// Parses a chip image; `path` names the source in errors.
pub fn from_bytes(bytes: &[u8], path: &str) -> Result<Chip, ChipImageError> {
    let mut r = Reader {
        bytes,
        offset: 0,
        path,
    };
    let magic = r.take(MAGIC.len(), "magic")?;
    if magic != MAGIC {
        return Err(ChipImageError::BadMagic {
            path: path.into(),
            found: magic.to_vec(),
        });
    }
    let version = r.u32("version")?;
    match version {
        VERSION => {}
        1 | 2 => {
            return Err(ChipImageError::OldVersion {
                path: path.into(),
                found: version,
            })
        }
        _ => {
            return Err(ChipImageError::Version {
                path: path.into(),
                found: version,
            })
        }
    }
    let body = verify_checksum(bytes, r.offset, path)?;
    r.bytes = body;
    let len = r.u32("config length")? as usize;
    let text = String::from_utf8_lossy(r.take(len, "config text")?).into_owned();
    let config = Config::from_toml(&text).map_err(|source| ChipImageError::Config {
        path: path.into(),
        source,
    })?;
    let state = r.u32("rounding LFSR state")?;
    if state == 0 {
        return Err(ChipImageError::ZeroLfsr { path: path.into() });
    }
    let count = r.u32("learning-rate shift count")? as usize;
    let layers_hidden = config.fc.hidden.len();
    if count != layers_hidden {
        return Err(ChipImageError::Shifts {
            path: path.into(),
            problem: format!("{count} hidden shifts, the config has {layers_hidden} hidden layers"),
        });
    }
    let mut shifts = Vec::with_capacity(count + 1);
    for _ in 0..=count {
        shifts.push(r.u32("learning-rate shift")?);
    }
    if let Some(bad) = shifts.iter().find(|&&s| s > 16) {
        return Err(ChipImageError::Shifts {
            path: path.into(),
            problem: format!("shift {bad} is beyond 16"),
        });
    }
    let mut kernels = KernelMemory::zeros(&config);
    let n = kernels.weights().len();
    kernels.weights_mut().copy_from_slice(&r.memory(
        "kernel memory",
        n,
        config.conv.weight_bits,
    )?);
    let mut layers = Vec::new();
    for (k, (&i, &o)) in config
        .fc_inputs()
        .iter()
        .zip(&config.fc_outputs())
        .enumerate()
    {
        let mut layer = FcLayer::zeros(i, o, config.fc.weight_bits);
        let words = r.memory(
            &format!("FC layer {k} weights"),
            i * o,
            config.fc.weight_bits,
        )?;
        layer.weights_mut().copy_from_slice(&words);
        layers.push(layer);
    }
    if r.offset != body.len() {
        return Err(ChipImageError::Trailing {
            path: path.into(),
            offset: r.offset,
            extra: body.len() - r.offset,
        });
    }
    let mut chip = Chip::from_parts(&config, kernels, layers, Lfsr::new(state));
    chip.set_learning_shifts(&shifts[..count], shifts[count]);
    Ok(chip)
}
