//! The generator: Verilog for any config the blocks support, each memory, address and counter
//! exactly as wide as the config needs.
//!
//! rust_hdl widths are Rust const generics, fixed when this crate is compiled (`build.rs`
//! writes them from golden's `Capacities`). [`emit`] takes the config's capacities
//! ([`Capacities::of`]): if this crate was compiled with them, it emits in process; otherwise
//! it compiles the same crate again with those capacities (`SPOON_RTL_CAPACITIES`) into the
//! small emitter `spoon-rtl-emit` and runs it. Those emitters are cached under
//! `target/rtl-generators/`, keyed by the capacities and a hash of the generator's sources, so
//! each set of capacities costs one compilation of this crate (about a minute) per source
//! change. A config the blocks do not support is refused first, naming the field
//! ([`Params::new_for`]), without compiling anything.

use crate::emit::{Manifest, BOARD_TOP, TOP};
use crate::params::{check_generated_shape, Capacities, CapacityError, Params, COMPILED};
use crate::uart::check_clocks_per_bit;
use crate::EmitError;
use golden::config::Config;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Environment variable through which `build.rs` takes the capacities (JSON).
pub const CAPACITIES_ENV: &str = "SPOON_RTL_CAPACITIES";
/// The emitter binary of this crate.
pub const EMITTER: &str = "spoon-rtl-emit";

/// Writes `out_dir/spoon.v` and `out_dir/spoon.json` for `config` (validated).
pub fn emit(config: &Config, out_dir: &Path) -> Result<Manifest, EmitError> {
    generate(config, None, out_dir)
}

/// Writes the board top `out_dir/spoon_board.v` and its manifest for `config`, with a UART of
/// `clocks_per_bit` cycles per bit (docs/HOST.md).
pub fn emit_board(
    config: &Config,
    clocks_per_bit: usize,
    out_dir: &Path,
) -> Result<Manifest, EmitError> {
    check_clocks_per_bit(clocks_per_bit)?;
    generate(config, Some(clocks_per_bit), out_dir)
}

/// The capacities of the chip the generator builds for `config` (validated), or the first field
/// the blocks are not written for.
pub fn capacities(config: &Config) -> Result<Capacities, CapacityError> {
    check_generated_shape(config)?;
    let caps = Capacities::of(config);
    Params::new_for(config, &caps)?;
    Ok(caps)
}

fn generate(config: &Config, board: Option<usize>, out_dir: &Path) -> Result<Manifest, EmitError> {
    let caps = capacities(config)?;
    if caps == COMPILED {
        return match board {
            None => crate::emit::emit_compiled(config, out_dir),
            Some(n) => crate::emit::emit_board_compiled(config, n, out_dir),
        };
    }
    let emitter = emitter(&caps)?;
    run_emitter(&emitter, config, board, out_dir)?;
    let top = if board.is_some() { BOARD_TOP } else { TOP };
    let path = out_dir.join(format!("{top}.json"));
    let text = std::fs::read_to_string(&path).map_err(|source| EmitError::Io {
        path: path.clone(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| EmitError::Generator {
        capacities: caps.to_json(),
        problem: format!("{} is not a manifest: {e}", path.display()),
    })
}

/// Runs the emitter of the config's capacities: the config as TOML on its standard input.
fn run_emitter(
    emitter: &Path,
    config: &Config,
    board: Option<usize>,
    out_dir: &Path,
) -> Result<(), EmitError> {
    let failed = |problem: String| EmitError::Generator {
        capacities: Capacities::of(config).to_json(),
        problem,
    };
    let mut command = Command::new(emitter);
    command.arg(out_dir);
    if let Some(n) = board {
        command.arg(n.to_string());
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| failed(format!("cannot run {}: {e}", emitter.display())))?;
    let mut stdin = child.stdin.take().expect("piped");
    stdin
        .write_all(config.to_toml().as_bytes())
        .map_err(|e| failed(format!("cannot write to {}: {e}", emitter.display())))?;
    drop(stdin);
    let out = child
        .wait_with_output()
        .map_err(|e| failed(format!("{} did not finish: {e}", emitter.display())))?;
    if !out.status.success() {
        return Err(failed(format!(
            "{} failed ({}): {}",
            emitter.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(())
}

/// The workspace this crate was compiled from (the generator compiles it again).
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("hdl/ is in the workspace")
        .to_path_buf()
}

/// The sources an emitter is compiled from: this crate, golden, the manifests and the lock file.
fn source_hash(root: &Path) -> Result<u64, std::io::Error> {
    let mut files = vec![root.join("Cargo.toml"), root.join("Cargo.lock")];
    for dir in ["hdl", "golden"] {
        files.push(root.join(dir).join("Cargo.toml"));
        files.push(root.join(dir).join("build.rs"));
        collect_rs(&root.join(dir).join("src"), &mut files)?;
    }
    files.sort();
    // FNV-1a: stable across runs and Rust versions, unlike `DefaultHasher`.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in files.iter().filter(|f| f.exists()) {
        let bytes = std::fs::read(f)?;
        for b in f.to_string_lossy().bytes().chain([0]).chain(bytes) {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    Ok(h)
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), std::io::Error> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_rs(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs" || e == "v") {
            out.push(path);
        }
    }
    Ok(())
}

/// The emitter compiled for `caps` from the current sources, compiled now if not cached.
fn emitter(caps: &Capacities) -> Result<PathBuf, EmitError> {
    let failed = |problem: String| EmitError::Generator {
        capacities: caps.to_json(),
        problem,
    };
    let root = workspace();
    let sources = source_hash(&root).map_err(|e| {
        failed(format!(
            "the generator compiles the RTL for these capacities from its sources in {}, \
             which cannot be read: {e}",
            root.display()
        ))
    })?;
    let json = caps.to_json();
    let mut key: u64 = sources;
    for b in json.bytes() {
        key = (key ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    let cache = root.join("target").join("rtl-generators");
    let exe = cache.join(format!("{key:016x}")).join(EMITTER);
    if exe.exists() {
        return Ok(exe);
    }
    std::fs::create_dir_all(&cache).map_err(|e| failed(format!("{}: {e}", cache.display())))?;
    // One compilation at a time: they share a target directory, whose emitter each copies out.
    let lock_path = cache.join("lock");
    let lock = std::fs::File::create(&lock_path)
        .and_then(|f| f.lock().map(|()| f))
        .map_err(|e| failed(format!("cannot lock {}: {e}", lock_path.display())))?;
    if !exe.exists() {
        compile(&root, &cache, &json, &exe).map_err(failed)?;
    }
    drop(lock);
    Ok(exe)
}

fn compile(root: &Path, cache: &Path, json: &str, exe: &Path) -> Result<(), String> {
    let target = cache.join("target");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(&cargo)
        .current_dir(root)
        .args([
            "build",
            "--release",
            "--locked",
            "-p",
            "spoon-hdl",
            "--bin",
            EMITTER,
        ])
        .arg("--target-dir")
        .arg(&target)
        .env(CAPACITIES_ENV, json)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .output()
        .map_err(|e| format!("cannot run {cargo}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "compiling the RTL for these capacities failed:\n{}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let built = target.join("release").join(EMITTER);
    let dir = exe.parent().expect("a cache folder");
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    // Copy then rename, so that a reader never sees half an emitter.
    let partial = dir.join(format!("{EMITTER}.partial"));
    std::fs::copy(&built, &partial)
        .and_then(|_| std::fs::rename(&partial, exe))
        .map_err(|e| format!("{} → {}: {e}", built.display(), exe.display()))
}
