//! From a `Config` to a loadable shared library of the Verilated model, cached on disk.
//!
//! ```text
//! <cache>/runtime-<key>/libspoon_runtime.a   Verilator's runtime (verilated.cpp, VCD, threads),
//!                                            compiled once per Verilator version and flags
//! <cache>/model-<key>/spoon.v, spoon.json    the emission of the top (or spoon_board.v, .json;
//!                                            key: SHA-256 of Verilog + shim + tools)
//!                     spoon_sim_shim.cpp     the generated C ABI
//!                     obj/                   `verilator --cc` output, Vspoon__ALL.a
//!                     libspoon_sim.so        shim + model + runtime, loaded with libloading
//! ```
//!
//! Verilator's own generated makefile compiles everything, so the compiler flags (`-faligned-new`,
//! the `VM_TRACE` defines, the C++ standard, thread libraries) are always those of the installed
//! Verilator version. A directory is built under a temporary name and renamed into place, so a
//! cache entry is complete or absent, also with several processes; within one process a lock
//! keeps two threads from building at once. `docs/SIM.md` gives the reasons.

use crate::ports::PortLayout;
use crate::shim;
use crate::{SimError, Top};
use golden::config::Config;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Environment variable naming the cache root (default: `<cargo target dir>/spoon-sim`).
pub const CACHE_ENV: &str = "SPOON_SIM_CACHE";
/// Environment variable naming the Verilator executable (default `verilator`).
pub const VERILATOR_ENV: &str = "VERILATOR";
/// File name of the loadable model in a model directory.
pub const LIBRARY: &str = "libspoon_sim.so";
const RUNTIME: &str = "libspoon_runtime.a";
/// Changes whenever this file changes the way a model is built (part of every cache key).
const RECIPE: &str = "spoon-sim recipe 1";
/// Verilator options: C++ output, nanosecond time unit; the lint waivers of
/// `hdl/tests/tools.rs` (docs/RTL.md) so the log stays short; warnings never fatal. `--trace` is
/// added for [`Tracing::On`].
const VERILATOR_ARGS: &[&str] = &[
    "--cc",
    "--timescale",
    "1ns/1ns",
    "-Wno-fatal",
    "-Wno-WIDTH",
    "-Wno-UNOPTFLAT",
    "-Wno-DECLFILENAME",
];
/// `make` variables: position-independent code (everything ends in a shared library), and
/// `-O3` for the per-cycle code instead of Verilator's `-Os`: it inlines Verilator's helper for
/// shifts wider than 64 bits (rust_hdl's lane placement), 2.4× the cycles/s (docs/SIM.md).
const MAKE_VARS: &[&str] = &["CXXFLAGS=-fPIC", "OPT_FAST=-O3"];

/// Whether the model can write VCD waveforms. Compiling tracing in costs about a third of the
/// cycles/s even while nothing is dumped (Verilator keeps every signal and flags its activity;
/// docs/SIM.md), so the default build has none and a waveform asks for its own build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tracing {
    #[default]
    Off,
    On,
}

/// The value of every bit the Verilog leaves undefined: a variable with no initial value (a
/// memory word, a register without an `initial`), and, with `--x-assign unique` among
/// [`BuildOptions::verilator_args`], every `x` the Verilog assigns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PowerUp {
    /// 0, what the emitted RTL and golden assume (`randReset(0)`).
    #[default]
    Zero,
    /// Random, drawn from `seed` (`randReset(2)`): a design that depends on an undefined bit
    /// (an FPGA cell's output during a write, an uninitialised RAM) shows it.
    Random { seed: u32 },
}

/// How a model is built, beyond its Verilog (all part of the cache key).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BuildOptions {
    pub tracing: Tracing,
    /// Verilator options after the default ones (e.g. defines a cell library needs).
    pub verilator_args: Vec<String>,
    pub power_up: PowerUp,
}

/// How a model was obtained.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildInfo {
    /// The model directory (holds `spoon.v`, `spoon.json`, the library and `build.log`).
    pub dir: PathBuf,
    /// True if the library was already in the cache.
    pub cached: bool,
    /// `hdl::emit` (always run: it gives the manifest and the cache key).
    pub emit: Duration,
    /// `verilator --cc` (zero when cached).
    pub verilate: Duration,
    /// Compiling and linking the model and the shim (zero when cached).
    pub compile: Duration,
    /// Compiling the Verilator runtime, when it was not cached.
    pub runtime: Duration,
}

static BUILD_LOCK: Mutex<()> = Mutex::new(());

/// The cache root: `$SPOON_SIM_CACHE`, else `spoon-sim` in the Cargo target directory holding
/// the running executable (tests, benches and the CLI all run from there), else the user cache.
pub fn cache_root() -> PathBuf {
    if let Some(dir) = std::env::var_os(CACHE_ENV) {
        return PathBuf::from(dir);
    }
    let exe = std::env::current_exe().ok();
    if let Some(target) = exe
        .as_deref()
        .and_then(|e| e.ancestors().find(|d| d.join("CACHEDIR.TAG").is_file()))
    {
        return target.join("spoon-sim");
    }
    let user_cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")));
    user_cache
        .unwrap_or_else(std::env::temp_dir)
        .join("spoon-sim")
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SimError + '_ {
    move |error| SimError::Io {
        path: path.to_path_buf(),
        error,
    }
}

fn verilator() -> String {
    std::env::var(VERILATOR_ENV).unwrap_or_else(|_| "verilator".into())
}

/// Runs a tool in `dir`, appending its output to `log`; a missing tool or a failure is an error
/// naming the command and carrying its stderr.
fn run(dir: &Path, program: &str, args: &[&str], log: &mut String) -> Result<String, SimError> {
    let command = format!("{program} {}", args.join(" "));
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|error| SimError::ToolMissing {
            command: command.clone(),
            error,
        })?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    log.push_str(&format!("$ {command}\n{stdout}{stderr}\n"));
    if !out.status.success() {
        return Err(SimError::ToolFailed {
            command,
            status: out.status.to_string(),
            stderr: if stderr.trim().is_empty() {
                stdout
            } else {
                stderr
            },
        });
    }
    Ok(stdout)
}

/// The cache key of the model builds (and of other tool runs keyed the same way): a SHA-256
/// over the parts, each prefixed by its length, as 24 hex digits.
pub fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A fresh, empty directory under `root` to build in before the rename.
fn staging_dir(root: &Path) -> Result<PathBuf, SimError> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let dir = root.join(format!("tmp-{}-{n}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(io(&dir))?;
    }
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    Ok(dir)
}

/// Moves a finished `staging` directory to `dir`; if another process got there first, keeps
/// theirs (the contents are the same by construction of the key).
fn publish(staging: &Path, dir: &Path) -> Result<(), SimError> {
    if std::fs::rename(staging, dir).is_err() && dir.is_dir() {
        let _ = std::fs::remove_dir_all(staging);
        return Ok(());
    }
    if dir.is_dir() {
        Ok(())
    } else {
        std::fs::rename(staging, dir).map_err(io(dir))
    }
}

/// Result of [`model`]: the library, the manifest and the port layout.
pub(crate) struct Built {
    pub library: PathBuf,
    pub manifest: hdl::Manifest,
    pub layout: PortLayout,
    pub info: BuildInfo,
}

/// Emits, verilates and compiles the model of `config` and `top` into `root`, or finds it there.
/// `edit`, if any, changes the emitted Verilog text before it is verilated (a deliberately wrong
/// RTL, or a gate netlist of `spoon` with the same ports and its cell models); the cache key is
/// that of the text verilated.
pub(crate) fn model_with(
    config: &Config,
    top: Top,
    root: &Path,
    edit: Option<&dyn Fn(&str) -> String>,
    options: &BuildOptions,
) -> Result<Built, SimError> {
    let _guard = BUILD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    std::fs::create_dir_all(root).map_err(io(root))?;
    let staging = staging_dir(root)?;
    let result = emit_and_build(config, top, root, &staging, edit, options);
    // A finished build was renamed into the cache; whatever is left is scratch.
    if staging.exists() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn emit_and_build(
    config: &Config,
    top: Top,
    root: &Path,
    staging: &Path,
    edit: Option<&dyn Fn(&str) -> String>,
    options: &BuildOptions,
) -> Result<Built, SimError> {
    let started = Instant::now();
    let manifest = top.emit(config, staging)?;
    let emit = started.elapsed();
    let layout = PortLayout::new(&manifest.ports)?;
    let shim = shim::source(&layout, options.power_up);
    let verilog_path = staging.join(&manifest.verilog);
    if let Some(edit) = edit {
        let text = std::fs::read_to_string(&verilog_path).map_err(io(&verilog_path))?;
        std::fs::write(&verilog_path, edit(&text)).map_err(io(&verilog_path))?;
    }
    let verilog = std::fs::read(&verilog_path).map_err(io(&verilog_path))?;
    let mut log = String::new();
    let version = run(staging, &verilator(), &["--version"], &mut log)?;
    let recipe = format!(
        "{RECIPE} {VERILATOR_ARGS:?} {:?} {:?} {MAKE_VARS:?}",
        options.tracing, options.verilator_args
    );
    let key = sha256_hex(&[
        &verilog,
        shim.as_bytes(),
        version.as_bytes(),
        recipe.as_bytes(),
    ]);
    let dir = root.join(format!("model-{key}"));
    let mut info = BuildInfo {
        dir: dir.clone(),
        cached: true,
        emit,
        verilate: Duration::ZERO,
        compile: Duration::ZERO,
        runtime: Duration::ZERO,
    };
    if !dir.join(LIBRARY).is_file() {
        info.cached = false;
        if dir.exists() {
            // Not made by `publish` (e.g. a library deleted by hand): rebuild it.
            std::fs::remove_dir_all(&dir).map_err(io(&dir))?;
        }
        let shim_path = staging.join(shim::SOURCE);
        std::fs::write(&shim_path, &shim).map_err(io(&shim_path))?;
        let result = build(
            staging, &manifest, &version, root, options, &mut info, &mut log,
        );
        let log_path = staging.join("build.log");
        let _ = std::fs::write(&log_path, &log);
        result?;
        publish(staging, &dir)?;
    }
    Ok(Built {
        library: dir.join(LIBRARY),
        manifest,
        layout,
        info,
    })
}

/// Verilates, compiles the runtime if needed, compiles and links (the shim's source already
/// written), all inside `staging`.
fn build(
    staging: &Path,
    manifest: &hdl::Manifest,
    version: &str,
    root: &Path,
    options: &BuildOptions,
    info: &mut BuildInfo,
    log: &mut String,
) -> Result<(), SimError> {
    let t = Instant::now();
    let mut args: Vec<&str> = VERILATOR_ARGS.to_vec();
    if options.tracing == Tracing::On {
        args.push("--trace");
    }
    args.extend(options.verilator_args.iter().map(String::as_str));
    let prefix = shim::MODEL_CLASS;
    args.extend(["--top-module", &manifest.top, "--prefix", prefix]);
    args.extend(["--Mdir", "obj", &manifest.verilog]);
    run(staging, &verilator(), &args, log)?;
    info.verilate = t.elapsed();
    let obj = staging.join("obj");
    let t = Instant::now();
    let runtime = runtime(&obj, version, root, log)?;
    info.runtime = t.elapsed();
    let t = Instant::now();
    let makefile = format!(
        "# Generated by spoon-sim: the shim and the shared library, with Verilator's rules.\n\
         include {prefix}.mk\n\
         {shim_o}: ../{src}\n\
         \t$(CXX) $(CXXFLAGS) $(CPPFLAGS) $(OPT_FAST) -c -o $@ $<\n\
         {LIBRARY}: {shim_o} {prefix}__ALL.a {runtime}\n\
         \t$(LINK) -shared -Wl,-Bsymbolic $(LDFLAGS) -o $@ $^ $(LDLIBS)\n",
        shim_o = "spoon_sim_shim.o",
        src = shim::SOURCE,
        runtime = runtime.display(),
    );
    let mk = obj.join("spoon_sim.mk");
    std::fs::write(&mk, makefile).map_err(io(&mk))?;
    let jobs = format!("-j{}", parallelism());
    let mut margs = vec!["-s", &jobs, "-f", "spoon_sim.mk"];
    margs.extend(MAKE_VARS);
    margs.push(LIBRARY);
    run(&obj, "make", &margs, log)?;
    let built = obj.join(LIBRARY);
    let dest = staging.join(LIBRARY);
    std::fs::rename(&built, &dest).map_err(io(&dest))?;
    info.compile = t.elapsed();
    Ok(())
}

fn parallelism() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The `VM_*` settings and runtime file list of a verilated model: what the runtime depends on.
fn runtime_settings(classes_mk: &str) -> String {
    let mut out = String::new();
    let mut in_globals = false;
    for line in classes_mk.lines() {
        let t = line.trim();
        if t.starts_with("VM_GLOBAL") {
            in_globals = true;
        } else if t.starts_with("VM_") {
            in_globals = false;
        }
        let setting = t.starts_with("VM_") && !t.starts_with("VM_CLASSES");
        let setting = setting && !t.starts_with("VM_SUPPORT");
        if setting || (in_globals && !t.is_empty() && !t.starts_with('#')) {
            out.push_str(t);
            out.push('\n');
        }
    }
    out
}

/// The runtime archive for the settings of the model in `obj`, built on first use.
fn runtime(obj: &Path, version: &str, root: &Path, log: &mut String) -> Result<PathBuf, SimError> {
    let prefix = shim::MODEL_CLASS;
    let classes = obj.join(format!("{prefix}_classes.mk"));
    let classes_text = std::fs::read_to_string(&classes).map_err(io(&classes))?;
    let settings = runtime_settings(&classes_text);
    let key = sha256_hex(&[
        version.as_bytes(),
        settings.as_bytes(),
        format!("{RECIPE} {MAKE_VARS:?}").as_bytes(),
    ]);
    let dir = root.join(format!("runtime-{key}"));
    let archive = dir.join(RUNTIME);
    if archive.is_file() {
        return Ok(archive);
    }
    let staging = staging_dir(root)?;
    let result = build_runtime(obj, &staging, log).and_then(|()| publish(&staging, &dir));
    if staging.exists() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result.map(|()| archive)
}

/// Compiles `$(VK_GLOBAL_OBJS)` with the makefiles of the model in `obj`, into `staging`.
fn build_runtime(obj: &Path, staging: &Path, log: &mut String) -> Result<(), SimError> {
    let prefix = shim::MODEL_CLASS;
    for f in [format!("{prefix}.mk"), format!("{prefix}_classes.mk")] {
        std::fs::copy(obj.join(&f), staging.join(&f)).map_err(io(&staging.join(&f)))?;
    }
    let makefile = format!(
        "# Generated by spoon-sim: Verilator's runtime objects, with Verilator's rules.\n\
         include {prefix}.mk\n\
         {RUNTIME}: $(VK_GLOBAL_OBJS)\n\
         \t$(AR) rcs $@ $^\n"
    );
    let mk = staging.join("spoon_runtime.mk");
    std::fs::write(&mk, makefile).map_err(io(&mk))?;
    let jobs = format!("-j{}", parallelism());
    let mut margs = vec!["-s", &jobs, "-f", "spoon_runtime.mk"];
    margs.extend(MAKE_VARS);
    margs.push(RUNTIME);
    run(staging, "make", &margs, log).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_key_reads_the_settings_and_the_runtime_files_only() {
        let mk = "# comment\nVM_C11 = 1\nVM_TRACE = 1\nVM_CLASSES_FAST += \\\n\tVspoon \\\n\
                  VM_GLOBAL_FAST += \\\n\tverilated \\\n\tverilated_threads \\\n\
                  VM_GLOBAL_SLOW += \\\n\n";
        assert_eq!(
            runtime_settings(mk),
            "VM_C11 = 1\nVM_TRACE = 1\nVM_GLOBAL_FAST += \\\nverilated \\\n\
             verilated_threads \\\nVM_GLOBAL_SLOW += \\\n"
        );
    }

    #[test]
    fn a_missing_tool_is_an_error_naming_the_command() {
        let mut log = String::new();
        let e = run(Path::new("."), "no-such-tool-spoon", &["--x"], &mut log).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("cannot run `no-such-tool-spoon --x`"),
            "{e}"
        );
        let e = run(
            Path::new("."),
            "sh",
            &["-c", "echo boom >&2; exit 3"],
            &mut log,
        )
        .unwrap_err();
        let text = e.to_string();
        assert!(text.contains("`sh -c echo boom >&2; exit 3`"), "{text}");
        assert!(text.contains("boom"), "{text}");
    }
}
