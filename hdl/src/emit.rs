//! The emitter: one Verilog file of the whole processor and a manifest, from a `Config`.
//!
//! `emit(config, dir)` writes `dir/spoon.v` (top module `spoon`) and `dir/spoon.json` (ports,
//! memories with words × width, parameters). Both are byte-for-byte reproducible from the
//! config: rust_hdl's output is deterministic (modules sorted by name), the localparams get
//! their ranges (`verilog::fix_localparams`), and the manifest is serialised from ordered data.

use crate::board::SpoonBoard;
use crate::chip::{Spoon, CFG_READ_LATENCY, CFG_WORD_READ_LATENCY, CFG_WORD_WRITE_CYCLES};
use crate::event::AER_BITS;
use crate::params::*;
use crate::uart::{check_clocks_per_bit, BitPeriodError};
use crate::verilog::block_verilog;
use golden::config::Config;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Name of the top module and stem of the emitted files.
pub const TOP: &str = "spoon";
/// Name of the board top (the processor behind its UART) and stem of its files.
pub const BOARD_TOP: &str = "spoon_board";

#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    #[error(transparent)]
    Capacity(#[from] CapacityError),
    #[error(transparent)]
    BitPeriod(#[from] BitPeriodError),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The emitter of the config's capacities could not be compiled or run.
    #[error("the generator (capacities {capacities}): {problem}")]
    Generator { capacities: String, problem: String },
}

/// One port of the top module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Port {
    pub name: String,
    pub direction: String,
    pub width: usize,
}

/// A port of the manifest's lists below.
fn p(name: &str, direction: &str, width: usize) -> Port {
    Port {
        name: name.into(),
        direction: direction.into(),
        width,
    }
}

/// One memory: the words the config uses, the word width, and the words the RTL declares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memory {
    pub name: String,
    pub words: usize,
    pub width: usize,
    pub declared_words: usize,
}

/// What `emit` wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub top: String,
    pub verilog: String,
    /// Cycles from a taken configuration read to `cfg_rvalid`: element, word request.
    pub cfg_read_latency: usize,
    pub cfg_word_read_latency: usize,
    /// Cycles per word write at the port's full rate.
    pub cfg_word_write_cycles: usize,
    pub ports: Vec<Port>,
    pub memories: Vec<Memory>,
    /// The capacities the Verilog is generated with (golden `Capacities::of` the config).
    pub capacities: Capacities,
    pub parameters: Params,
    /// The board top's UART bit period in clock cycles (absent for the processor alone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clocks_per_bit: Option<usize>,
}

/// The ports of `spoon`, as `chip::Spoon` declares them.
pub fn ports() -> Vec<Port> {
    vec![
        p("clock", "in", 1),
        p("reset", "in", 1),
        p("in_valid", "in", 1),
        p("in_data", "in", AER_BITS),
        p("in_ready", "out", 1),
        p("cfg_valid", "in", 1),
        p("cfg_write", "in", 1),
        p("cfg_word", "in", 1),
        p("cfg_select", "in", 4),
        p("cfg_address", "in", CFG_ADDRESS_BITS),
        p("cfg_wdata", "in", CFG_DATA_BITS),
        p("cfg_ready", "out", 1),
        p("cfg_rdata", "out", CFG_DATA_BITS),
        p("cfg_rvalid", "out", 1),
        p("out_valid", "out", 1),
        p("out_class", "out", 8),
        p("busy", "out", 1),
    ]
}

/// The memories of `spoon` for these parameters.
pub fn memories(p: &Params) -> Vec<Memory> {
    let m = |name: &str, words, width, bits: usize| Memory {
        name: name.into(),
        words,
        width,
        declared_words: 1 << bits,
    };
    vec![
        m("aer_fifo", p.fifo_depth, AER_BITS, FIFO_ADDR_BITS),
        m(
            "kernel_memory",
            p.kernel_words,
            KERNEL_WORD,
            KERNEL_ADDR_BITS,
        ),
        m(
            "membrane_map",
            p.membrane_words,
            MEMBRANE_WORD,
            MEMBRANE_ADDR_BITS,
        ),
        Memory {
            name: "fc0_weights".into(),
            words: p.hidden_weight_words(),
            width: FC_WORD,
            declared_words: p.hidden_weight_words(),
        },
        Memory {
            name: "output_weights".into(),
            words: p.output_weight_words(),
            width: FC_WORD,
            declared_words: p.output_weight_words(),
        },
        m("accumulators", p.acc_words(), ACC_WORD, ACC_ADDR_BITS),
    ]
}

/// The Verilog text of the whole processor for `config` (validated).
pub fn verilog(config: &Config) -> Result<String, EmitError> {
    let p = Params::new(config)?;
    Ok(block_verilog(&mut Spoon::new(&p), TOP))
}

/// The ports of `spoon_board`, as `board::SpoonBoard` declares them.
pub fn board_ports() -> Vec<Port> {
    vec![
        p("clock", "in", 1),
        p("uart_rx", "in", 1),
        p("uart_tx", "out", 1),
        p("leds", "out", 8),
    ]
}

/// Writes `out_dir/spoon.v` and `out_dir/spoon.json` (creating `out_dir`) with the capacities
/// this crate is compiled with ([`COMPILED`]); [`crate::generator::emit`] gives each config its
/// own.
pub fn emit_compiled(config: &Config, out_dir: &Path) -> Result<Manifest, EmitError> {
    let p = Params::new(config)?;
    let text = block_verilog(&mut Spoon::new(&p), TOP);
    write(out_dir, manifest(TOP, ports(), p, None), &text)
}

/// Writes the board top, `out_dir/spoon_board.v` (the processor included) and
/// `out_dir/spoon_board.json`, for a UART of `clocks_per_bit` cycles per bit (docs/HOST.md),
/// with the compiled capacities.
pub fn emit_board_compiled(
    config: &Config,
    clocks_per_bit: usize,
    out_dir: &Path,
) -> Result<Manifest, EmitError> {
    let p = Params::new(config)?;
    check_clocks_per_bit(clocks_per_bit)?;
    let text = block_verilog(&mut SpoonBoard::new(&p, clocks_per_bit), BOARD_TOP);
    let m = manifest(BOARD_TOP, board_ports(), p, Some(clocks_per_bit));
    write(out_dir, m, &text)
}

fn manifest(top: &str, ports: Vec<Port>, p: Params, clocks_per_bit: Option<usize>) -> Manifest {
    Manifest {
        top: top.into(),
        verilog: format!("{top}.v"),
        cfg_read_latency: CFG_READ_LATENCY,
        cfg_word_read_latency: CFG_WORD_READ_LATENCY,
        cfg_word_write_cycles: CFG_WORD_WRITE_CYCLES,
        ports,
        memories: memories(&p),
        capacities: COMPILED,
        parameters: p,
        clocks_per_bit,
    }
}

/// Writes the Verilog and the manifest `<top>.json` into `out_dir` (created).
fn write(out_dir: &Path, manifest: Manifest, text: &str) -> Result<Manifest, EmitError> {
    let io = |path: PathBuf| move |source| EmitError::Io { path, source };
    std::fs::create_dir_all(out_dir).map_err(io(out_dir.to_path_buf()))?;
    let v = out_dir.join(&manifest.verilog);
    std::fs::write(&v, text).map_err(io(v.clone()))?;
    let j = out_dir.join(format!("{}.json", manifest.top));
    let mut json = serde_json::to_string_pretty(&manifest).expect("a manifest serialises");
    json.push('\n');
    std::fs::write(&j, json).map_err(io(j.clone()))?;
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emission_is_reproducible_byte_for_byte() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let config = Config::default();
        let ma = emit_compiled(&config, a.path()).unwrap();
        let mb = emit_compiled(&config, b.path()).unwrap();
        assert_eq!(ma, mb);
        for f in ["spoon.v", "spoon.json"] {
            let x = std::fs::read(a.path().join(f)).unwrap();
            let y = std::fs::read(b.path().join(f)).unwrap();
            assert!(x == y, "{f} differs between two emissions");
        }
        let v = std::fs::read_to_string(a.path().join("spoon.v")).unwrap();
        assert!(v.contains("module spoon(") && !v.contains("module top("));
        assert!(!v
            .lines()
            .any(|l| l.trim_start().starts_with("localparam signed ")));
        assert_eq!(ma.memories[2].words, 128);
        assert_eq!(ma.memories[2].width, 112);
        let fc: Vec<(&str, usize, usize)> = ma.memories[3..]
            .iter()
            .map(|m| (m.name.as_str(), m.words, m.width))
            .collect();
        assert_eq!(
            fc,
            [
                ("fc0_weights", 13_312, 64),
                ("output_weights", 200, 64),
                ("accumulators", 15, 176)
            ]
        );
    }

    #[test]
    fn the_board_emission_is_reproducible_and_holds_the_core() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let config = Config::tiny();
        let ma = emit_board_compiled(&config, 8, a.path()).unwrap();
        assert_eq!(ma, emit_board_compiled(&config, 8, b.path()).unwrap());
        for f in ["spoon_board.v", "spoon_board.json"] {
            let x = std::fs::read(a.path().join(f)).unwrap();
            let y = std::fs::read(b.path().join(f)).unwrap();
            assert!(x == y, "{f} differs between two emissions");
        }
        let v = std::fs::read_to_string(a.path().join("spoon_board.v")).unwrap();
        assert!(v.contains("module spoon_board(") && v.contains("module spoon_board$core("));
        assert_eq!(ma.clocks_per_bit, Some(8));
        let names: Vec<&str> = ma.ports.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["clock", "uart_rx", "uart_tx", "leds"]);
        let json = std::fs::read_to_string(a.path().join("spoon_board.json")).unwrap();
        assert!(json.contains("\"clocks_per_bit\": 8"), "{json}");
        let e = emit_board_compiled(&config, 3, a.path()).unwrap_err();
        assert!(e.to_string().contains("clocks_per_bit 3"), "{e}");
        // The processor's own manifest has no bit period.
        emit_compiled(&config, b.path()).unwrap();
        let json = std::fs::read_to_string(b.path().join("spoon.json")).unwrap();
        assert!(!json.contains("clocks_per_bit"));
    }

    #[test]
    fn a_config_beyond_the_capacity_is_an_error_naming_the_field() {
        let mut config = Config::default();
        config.fc.hidden = vec![100, 50];
        config.fc.activation_shifts = vec![4, 4];
        config.learning.hidden_lr_shifts = vec![2, 2];
        let e = verilog(&config).unwrap_err();
        assert!(e.to_string().contains("fc.hidden"), "{e}");
    }
}
