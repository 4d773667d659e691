//! Cycle-accurate simulator of the emitted spoon Verilog: Verilator behind a one-call-per-cycle
//! C ABI, driven from Rust.
//!
//! [`Model::build`] emits the Verilog of a `Config` (`hdl::emit`), verilates it and compiles it
//! with a generated C++ shim into a shared library in an on-disk cache keyed by the Verilog
//! (`verilate`), then loads it (`libloading`). A [`Simulator`] is one instance of the model:
//! [`Simulator::step`] is one clock cycle; the drivers in `driver` (configuration port, AER
//! stream, class output) are built on it. `docs/SIM.md` describes the design and the figures.

pub mod aer;
mod board;
mod driver;
mod ffi;
pub mod ports;
pub mod shim;
pub mod verilate;

pub use board::{BoardPins, BoardSimulator};
pub use driver::{LoadMismatch, SampleRun};
pub use ports::{InPort, Inputs, OutPort, Outputs, PortLayout};
pub use verilate::{BuildInfo, BuildOptions, PowerUp, Tracing};

use golden::config::Config;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error(transparent)]
    Emit(#[from] hdl::EmitError),
    #[error("cannot run `{command}` (is it installed? scripts/setup.sh installs verilator, make and g++): {error}")]
    ToolMissing {
        command: String,
        error: std::io::Error,
    },
    #[error("`{command}` failed ({status}):\n{stderr}")]
    ToolFailed {
        command: String,
        status: String,
        stderr: String,
    },
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("cannot load the model {path}: {error}")]
    Load {
        path: PathBuf,
        error: libloading::Error,
    },
    #[error("the model {path} was built for another port layout (stale cache entry?)")]
    StaleModel { path: PathBuf },
    #[error("the top has no port `{0}`")]
    MissingPort(String),
    #[error("port `{name}` is not supported: {problem}")]
    UnsupportedPort { name: String, problem: String },
    #[error("VCD window {start}..{end} is empty or starts before the current cycle {now}")]
    BadWindow { start: u64, end: u64, now: u64 },
    #[error("the model {model} was built without VCD tracing (Tracing::Off, the fast build); build it with Model::build_traced or Model::traced")]
    NotTraced { model: PathBuf },
    #[error("timed out at cycle {cycle} after {waited} cycles waiting for {what}")]
    Timeout {
        what: &'static str,
        waited: u64,
        cycle: u64,
    },
    #[error("protocol violation at cycle {cycle}: {problem}")]
    Protocol { cycle: u64, problem: String },
}

/// Which top a model is built from: the processor (`spoon`, [`Simulator`]) or the board top
/// (`spoon_board`: the processor behind its UART, [`BoardSimulator`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Top {
    Core,
    Board { clocks_per_bit: usize },
}

impl Top {
    /// Writes this top's Verilog and manifest into `dir`.
    pub(crate) fn emit(self, config: &Config, dir: &Path) -> Result<hdl::Manifest, SimError> {
        Ok(match self {
            Top::Core => hdl::emit(config, dir)?,
            Top::Board { clocks_per_bit } => hdl::emit_board(config, clocks_per_bit, dir)?,
        })
    }
}

/// A verilated, compiled and loaded model of one `Config` and [`Top`]; makes [`Simulator`]s
/// (or [`BoardSimulator`]s).
#[derive(Clone)]
pub struct Model {
    top: Top,
    config: Config,
    manifest: Arc<hdl::Manifest>,
    layout: Arc<PortLayout>,
    library: Arc<ffi::Library>,
    info: BuildInfo,
    options: BuildOptions,
}

impl Model {
    /// The fast model of `config` (no VCD tracing), from the cache ([`verilate::cache_root`])
    /// or built into it.
    pub fn build(config: &Config) -> Result<Self, SimError> {
        Self::build_in(config, &verilate::cache_root(), Tracing::Off)
    }

    /// The model of `config` with VCD tracing compiled in ([`Simulator::trace_window`]).
    pub fn build_traced(config: &Config) -> Result<Self, SimError> {
        Self::build_in(config, &verilate::cache_root(), Tracing::On)
    }

    /// Same, with the cache at `cache_root`.
    pub fn build_in(
        config: &Config,
        cache_root: &Path,
        tracing: Tracing,
    ) -> Result<Self, SimError> {
        let options = BuildOptions {
            tracing,
            ..BuildOptions::default()
        };
        let built = verilate::model_with(config, Top::Core, cache_root, None, &options)?;
        Self::load(config, Top::Core, built, options)
    }

    /// The fast model of the board top of `config` with a UART of `clocks_per_bit` cycles per
    /// bit, from the cache or built into it; its instances are [`BoardSimulator`]s.
    pub fn build_board(config: &Config, clocks_per_bit: usize) -> Result<Self, SimError> {
        let top = Top::Board { clocks_per_bit };
        let options = BuildOptions::default();
        let built = verilate::model_with(config, top, &verilate::cache_root(), None, &options)?;
        Self::load(config, top, built, options)
    }

    /// This model's Verilog (as built, edits included) with VCD tracing: itself if it has it.
    pub fn traced(&self) -> Result<Self, SimError> {
        if self.options.tracing == Tracing::On {
            return Ok(self.clone());
        }
        let path = self.info.dir.join(&self.manifest.verilog);
        let text = std::fs::read_to_string(&path).map_err(|error| SimError::Io {
            path: path.clone(),
            error,
        })?;
        let same = move |_: &str| text.clone();
        let options = BuildOptions {
            tracing: Tracing::On,
            ..self.options.clone()
        };
        let built = verilate::model_with(
            &self.config,
            self.top,
            &verilate::cache_root(),
            Some(&same),
            &options,
        )?;
        Self::load(&self.config, self.top, built, options)
    }

    /// The model of `config` with the emitted Verilog text passed through `edit` before it is
    /// verilated: a test hook for a deliberately wrong RTL (e.g. one constant changed), so a
    /// testbench can check that it catches it. Cached under the edited text's key.
    pub fn build_from_edited_verilog(
        config: &Config,
        edit: &dyn Fn(&str) -> String,
    ) -> Result<Self, SimError> {
        Self::build_with(config, edit, &BuildOptions::default())
    }

    /// [`Model::build_from_edited_verilog`] with every build option. `edit` may replace the
    /// text altogether, e.g. by a gate netlist of `spoon` (same ports) and its cell library,
    /// verilated with the library's defines and random undefined bits (`testbench::mapped`).
    pub fn build_with(
        config: &Config,
        edit: &dyn Fn(&str) -> String,
        options: &BuildOptions,
    ) -> Result<Self, SimError> {
        let built = verilate::model_with(
            config,
            Top::Core,
            &verilate::cache_root(),
            Some(edit),
            options,
        )?;
        Self::load(config, Top::Core, built, options.clone())
    }

    fn load(
        config: &Config,
        top: Top,
        built: verilate::Built,
        options: BuildOptions,
    ) -> Result<Self, SimError> {
        let library = ffi::Library::load(&built.library, &built.layout)?;
        Ok(Self {
            top,
            config: config.clone(),
            manifest: Arc::new(built.manifest),
            layout: Arc::new(built.layout),
            library: Arc::new(library),
            info: built.info,
            options,
        })
    }

    /// A new instance, after the reset sequence ([`Simulator::reset`], two cycles). A board
    /// model has no `reset` port: [`SimError::MissingPort`] (use [`Model::board`]).
    pub fn simulator(&self) -> Result<Simulator, SimError> {
        Simulator::from_model(self)
    }

    /// A new instance of a board model, at power-up (the board resets itself).
    pub fn board(&self) -> Result<BoardSimulator, SimError> {
        BoardSimulator::from_model(self)
    }

    pub fn top(&self) -> Top {
        self.top
    }

    pub fn info(&self) -> &BuildInfo {
        &self.info
    }

    pub fn manifest(&self) -> &hdl::Manifest {
        &self.manifest
    }

    pub fn layout(&self) -> &PortLayout {
        &self.layout
    }
}

/// The ports of `spoon`, resolved once from the manifest's layout.
#[derive(Debug, Clone, Copy)]
pub struct Pins {
    pub reset: InPort,
    pub in_valid: InPort,
    pub in_data: InPort,
    pub cfg_valid: InPort,
    pub cfg_write: InPort,
    pub cfg_word: InPort,
    pub cfg_select: InPort,
    pub cfg_address: InPort,
    pub cfg_wdata: InPort,
    pub in_ready: OutPort,
    pub cfg_ready: OutPort,
    pub cfg_rdata: OutPort,
    pub cfg_rvalid: OutPort,
    pub out_valid: OutPort,
    pub out_class: OutPort,
    pub busy: OutPort,
}

impl Pins {
    pub fn resolve(l: &PortLayout) -> Result<Self, SimError> {
        Ok(Self {
            reset: l.input("reset")?,
            in_valid: l.input("in_valid")?,
            in_data: l.input("in_data")?,
            cfg_valid: l.input("cfg_valid")?,
            cfg_write: l.input("cfg_write")?,
            cfg_word: l.input("cfg_word")?,
            cfg_select: l.input("cfg_select")?,
            cfg_address: l.input("cfg_address")?,
            cfg_wdata: l.input("cfg_wdata")?,
            in_ready: l.output("in_ready")?,
            cfg_ready: l.output("cfg_ready")?,
            cfg_rdata: l.output("cfg_rdata")?,
            cfg_rvalid: l.output("cfg_rvalid")?,
            out_valid: l.output("out_valid")?,
            out_class: l.output("out_class")?,
            busy: l.output("busy")?,
        })
    }
}

/// One instance of a loaded model and its clock: what [`Simulator`] and [`BoardSimulator`]
/// share.
struct Engine {
    library: Arc<ffi::Library>,
    instance: ffi::Instance,
    layout: Arc<PortLayout>,
    cycle: u64,
    /// VCD dumping for these cycles; the file is open while this is `Some`.
    trace: Option<Range<u64>>,
    tracing: Tracing,
    /// The model's directory, for error messages.
    model_dir: PathBuf,
}

impl Engine {
    fn new(model: &Model) -> Self {
        Self {
            instance: model.library.instantiate(),
            library: model.library.clone(),
            layout: model.layout.clone(),
            cycle: 0,
            trace: None,
            tracing: model.options.tracing,
            model_dir: model.info.dir.clone(),
        }
    }

    fn cycle_once(
        &mut self,
        inputs: &Inputs,
        before: Option<&mut Outputs>,
        after: Option<&mut Outputs>,
    ) {
        let dump = self.trace.as_ref().is_some_and(|w| w.contains(&self.cycle));
        self.library.step(
            &self.instance,
            &inputs.words,
            before.map(|o| &mut o.words[..]),
            after.map(|o| &mut o.words[..]),
            self.cycle,
            dump,
        );
        self.cycle += 1;
        if self.trace.as_ref().is_some_and(|w| self.cycle >= w.end) {
            self.library.trace_close(&self.instance);
            self.trace = None;
        }
    }

    fn trace_window(&mut self, window: Range<u64>, path: &Path) -> Result<(), SimError> {
        if self.tracing == Tracing::Off {
            return Err(SimError::NotTraced {
                model: self.model_dir.clone(),
            });
        }
        if window.is_empty() || window.start < self.cycle {
            return Err(SimError::BadWindow {
                start: window.start,
                end: window.end,
                now: self.cycle,
            });
        }
        if self.trace.take().is_some() {
            self.library.trace_close(&self.instance);
        }
        // Created here so that an unwritable path is reported now, not mid-simulation.
        std::fs::File::create(path).map_err(|error| SimError::Io {
            path: path.to_path_buf(),
            error,
        })?;
        self.library.trace_open(&self.instance, path)?;
        self.trace = Some(window);
        Ok(())
    }

    fn trace_end(&mut self) {
        if self.trace.take().is_some() {
            self.library.trace_close(&self.instance);
        }
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.library.free(&self.instance);
    }
}

/// One running instance of the model. Cycle `n` is the `n`-th clock cycle stepped (any `step*`)
/// since the instance was made (the reset sequence of [`Model::simulator`] is cycles 0 and 1).
pub struct Simulator {
    engine: Engine,
    config: Config,
    manifest: Arc<hdl::Manifest>,
    pub(crate) pins: Pins,
}

impl Simulator {
    /// Builds (or finds in the cache) the model of `config` and makes one instance of it.
    pub fn new(config: &Config) -> Result<Self, SimError> {
        Model::build(config)?.simulator()
    }

    fn from_model(model: &Model) -> Result<Self, SimError> {
        let pins = Pins::resolve(&model.layout)?;
        let mut sim = Self {
            engine: Engine::new(model),
            config: model.config.clone(),
            manifest: model.manifest.clone(),
            pins,
        };
        sim.reset();
        Ok(sim)
    }

    /// Inputs of this model, all zero.
    pub fn inputs(&self) -> Inputs {
        Inputs::new(self.engine.layout.clone())
    }

    /// An output buffer for [`Simulator::step_into`].
    pub fn outputs(&self) -> Outputs {
        Outputs::new(self.engine.layout.clone())
    }

    pub fn layout(&self) -> &PortLayout {
        &self.engine.layout
    }

    pub fn manifest(&self) -> &hdl::Manifest {
        &self.manifest
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Cycles stepped so far.
    pub fn cycle(&self) -> u64 {
        self.engine.cycle
    }

    /// One clock cycle with `inputs` applied; returns the outputs of this cycle, sampled just
    /// before its rising edge (so `in_valid && in_ready` there means the word was taken).
    pub fn step(&mut self, inputs: &Inputs) -> Outputs {
        let mut out = self.outputs();
        self.step_into(inputs, &mut out);
        out
    }

    /// [`Simulator::step`] without allocating: the outputs are written into `out`.
    pub fn step_into(&mut self, inputs: &Inputs, out: &mut Outputs) {
        self.cycle_once(inputs, Some(out), None);
    }

    /// One clock cycle; returns the outputs once its rising edge has settled (the convention
    /// of rust_hdl's `Bench::tick` and of a model whose step is "one edge": registered
    /// outputs show this edge's effect).
    pub fn step_after(&mut self, inputs: &Inputs) -> Outputs {
        let mut out = self.outputs();
        self.step_after_into(inputs, &mut out);
        out
    }

    /// [`Simulator::step_after`] without allocating.
    pub fn step_after_into(&mut self, inputs: &Inputs, out: &mut Outputs) {
        self.cycle_once(inputs, None, Some(out));
    }

    /// One cycle, with the outputs at the edge and after it (each if asked).
    pub fn step_both(&mut self, inputs: &Inputs, before: &mut Outputs, after: &mut Outputs) {
        self.cycle_once(inputs, Some(before), Some(after));
    }

    fn cycle_once(
        &mut self,
        inputs: &Inputs,
        before: Option<&mut Outputs>,
        after: Option<&mut Outputs>,
    ) {
        self.engine.cycle_once(inputs, before, after);
    }

    /// The reset sequence (`golden::cycle::RESET_CYCLES`): one cycle with `reset` high, then
    /// one with every input low while the reset pin register resets the chip (synchronous).
    pub fn reset(&mut self) {
        let mut i = self.inputs();
        i.set(self.pins.reset, 1);
        self.step(&i);
        i.set(self.pins.reset, 0);
        for _ in 1..golden::cycle::RESET_CYCLES {
            self.step(&i);
        }
    }

    /// Dumps every signal of the design to the VCD file `path` (viewable in GTKWave) for the
    /// cycles in `window`; the file is complete once the window has passed (or the simulator
    /// is dropped). Time: 10 ns per cycle, the clock rising at `10·cycle + 5` ns. Replaces a
    /// window still open. Needs a traced model ([`Model::build_traced`], [`Model::traced`]):
    /// [`SimError::NotTraced`] otherwise.
    pub fn trace_window(&mut self, window: Range<u64>, path: &Path) -> Result<(), SimError> {
        self.engine.trace_window(window, path)
    }

    /// Closes the VCD window now if one is open (the file then ends at this cycle).
    pub fn trace_end(&mut self) {
        self.engine.trace_end();
    }
}
