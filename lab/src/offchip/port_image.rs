//! A chip as the host (or a Verilog testbench) programs it through the configuration port
//! (`docs/ARCHITECTURE.md`, "Configuration / memory port"): one text file per select, one
//! 16-bit port word per line as four lowercase hex digits, address 0 first (`$readmemh`
//! format; weights sign-extended, so −1 is `ffff`), and `index.json` describing them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use golden::chip::Chip;
use golden::config::Config;
use serde::Serialize;

use super::OffchipError;

/// Writable registers of select 8, in register-index order: the learning-rate shift of every
/// hidden layer, then the output layer's; the rounding LFSR state (low, high half); the
/// target-projection base seed (low, high half). The read-only registers (last class,
/// status, ignored events) follow them on the port and are not written. The shifts are the
/// chip's registers, not the config's reset values: taken at the same moment as the LFSR
/// state, so that a chip loaded from the export learns on as the saved one would.
pub fn registers(chip: &Chip) -> Vec<(String, u16)> {
    let l = &chip.config().learning;
    let (hidden, output) = chip.learning_shifts();
    let mut regs: Vec<(String, u16)> = hidden
        .iter()
        .enumerate()
        .map(|(k, &s)| (format!("hidden_lr_shift[{k}]"), s as u16))
        .collect();
    regs.push(("output_lr_shift".into(), output as u16));
    let halves = |name: &str, v: u32| {
        [
            (format!("{name}[15:0]"), v as u16),
            (format!("{name}[31:16]"), (v >> 16) as u16),
        ]
    };
    regs.extend(halves("rounding_lfsr", chip.rounding_lfsr().state()));
    regs.extend(halves("target_projection_seed", l.target_projection_seed));
    regs
}

/// One select of the port and the words written to it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PortMemory {
    pub select: u8,
    pub name: String,
    pub file: String,
    pub words: usize,
    /// Width of each value before sign extension to the port word.
    pub value_bits: u32,
    /// Element address of each word.
    pub address: String,
    pub dims: BTreeMap<String, usize>,
    #[serde(skip)]
    pub data: Vec<u16>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PortRegister {
    pub index: usize,
    pub name: String,
    pub value: u16,
}

/// Everything `index.json` holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PortImage {
    pub word_bits: u32,
    pub line_format: String,
    pub memories: Vec<PortMemory>,
    /// The words of `registers.hex`, named.
    pub registers: Vec<PortRegister>,
    pub config: Config,
}

fn dims(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|&(k, v)| (k.to_string(), v)).collect()
}

fn port_words(values: &[i16]) -> Vec<u16> {
    values.iter().map(|&v| v as u16).collect()
}

/// The port image of `chip`: kernels (select 0), FC layer k (select 1 + k), registers (8).
pub fn port_image(chip: &Chip) -> PortImage {
    let config = chip.config();
    let kernels = chip.kernels().weights();
    let mut memories = vec![PortMemory {
        select: 0,
        name: "kernel memory".into(),
        file: "kernels.hex".into(),
        words: kernels.len(),
        value_bits: config.conv.weight_bits,
        address: "((channel·size + ky)·size + kx)·kernels + kernel".into(),
        dims: dims(&[
            ("channels", config.input.channels),
            ("size", config.conv.size),
            ("kernels", config.conv.kernels),
        ]),
        data: port_words(kernels),
    }];
    for (k, layer) in chip.layers().iter().enumerate() {
        memories.push(PortMemory {
            select: 1 + k as u8,
            name: format!("FC layer {k} weights"),
            file: format!("fc{k}.hex"),
            words: layer.weights().len(),
            value_bits: layer.weight_bits(),
            address: "input·neurons + neuron".into(),
            dims: dims(&[("inputs", layer.inputs()), ("neurons", layer.neurons())]),
            data: port_words(layer.weights()),
        });
    }
    // Config validation allows at most 4 hidden layers: FC selects stay below 8.
    assert!(
        memories.len() <= 8,
        "FC selects run into the register select"
    );
    let regs = registers(chip);
    memories.push(PortMemory {
        select: 8,
        name: "registers".into(),
        file: "registers.hex".into(),
        words: regs.len(),
        value_bits: 16,
        address: "register index".into(),
        dims: dims(&[("registers", regs.len())]),
        data: regs.iter().map(|r| r.1).collect(),
    });
    PortImage {
        word_bits: 16,
        line_format: "one port word per line, 4 lowercase hex digits, two's complement, \
                      address 0 first ($readmemh)"
            .into(),
        memories,
        registers: regs
            .into_iter()
            .enumerate()
            .map(|(index, (name, value))| PortRegister { index, name, value })
            .collect(),
        config: config.clone(),
    }
}

/// `words` as the lines of a memory file.
pub fn hex_lines(words: &[u16]) -> String {
    words.iter().map(|w| format!("{w:04x}\n")).collect()
}

/// Writes every memory file and `index.json` into `dir`; returns the paths written.
pub fn write(image: &PortImage, dir: &Path) -> Result<Vec<PathBuf>, OffchipError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| OffchipError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut written = Vec::new();
    for m in &image.memories {
        let path = dir.join(&m.file);
        std::fs::write(&path, hex_lines(&m.data)).map_err(io(&path))?;
        written.push(path);
    }
    let path = dir.join("index.json");
    let json = serde_json::to_string_pretty(image).expect("a port image serialises");
    std::fs::write(&path, json + "\n").map_err(io(&path))?;
    written.push(path);
    Ok(written)
}
