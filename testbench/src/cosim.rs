//! [`Cosim`]: the Verilated RTL and `CycleChip` stepped with the same inputs, every output port
//! compared after every edge.

use crate::coverage::{Coverage, Monitor};
use crate::rtl_thread::RtlThread;
use golden::config::Config;
use golden::cycle::host::Host;
use golden::cycle::{CycleChip, PortsIn, PortsOut};
use sim::{Inputs, Model, Outputs, Pins, SimError};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// AER words listed in a mismatch report.
pub const RECENT_WORDS: usize = 16;
/// Cycles of the VCD window before and after the mismatch.
pub const VCD_BEFORE: u64 = 200;
pub const VCD_AFTER: u64 = 20;

#[derive(Debug, thiserror::Error)]
pub enum CosimError {
    #[error(transparent)]
    Sim(#[from] SimError),
    #[error("the RTL thread of the lock-step run: {0}")]
    RtlThread(String),
    #[error("the perturbation's text `{0}` is not in the emitted Verilog")]
    PerturbationNotFound(String),
    #[error("{0}")]
    Mismatch(Box<MismatchReport>),
    /// A suite-level check (e.g. golden's cycle model against the functional model).
    #[error("{what}: expected {expected}, got {actual}")]
    Check {
        what: String,
        expected: String,
        actual: String,
    },
    #[error("seed {seed}: {source}")]
    Seeded {
        seed: u64,
        #[source]
        source: Box<CosimError>,
    },
}

impl CosimError {
    /// The mismatch report, also under a seed.
    pub fn mismatch(&self) -> Option<&MismatchReport> {
        match self {
            Self::Mismatch(m) => Some(m),
            Self::Seeded { source, .. } => source.mismatch(),
            _ => None,
        }
    }
}

/// The first cycle where the RTL and golden differ.
#[derive(Debug, Clone)]
pub struct MismatchReport {
    /// Simulator cycle (cycles 0 and 1 are the simulator's own reset sequence; the VCD shows it at `10·cycle` ns).
    pub cycle: u64,
    pub signal: &'static str,
    /// Golden's value.
    pub expected: String,
    /// The RTL's value.
    pub actual: String,
    /// The inputs of that cycle.
    pub inputs: PortsIn,
    /// The last AER words taken by the FIFO (oldest first), at most [`RECENT_WORDS`].
    pub recent_words: Vec<u32>,
    /// The VCD of cycles `cycle − 200 ..= cycle + 20`, or why it could not be written.
    pub vcd: Result<PathBuf, String>,
}

impl fmt::Display for MismatchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "RTL and golden differ at cycle {}: {} expected {} (golden), got {} (RTL)",
            self.cycle, self.signal, self.expected, self.actual
        )?;
        writeln!(f, "  inputs of that cycle: {:?}", self.inputs)?;
        let words: Vec<String> = self
            .recent_words
            .iter()
            .map(|w| format!("{w:#07x}"))
            .collect();
        writeln!(
            f,
            "  last {} AER words taken (oldest first): [{}]",
            words.len(),
            words.join(", ")
        )?;
        match &self.vcd {
            Ok(path) => write!(f, "  VCD of the window: {}", path.display()),
            Err(e) => write!(f, "  no VCD: {e}"),
        }
    }
}

/// A deliberately wrong RTL: the first occurrence of `find` in the emitted Verilog becomes
/// `replace` (test hook; hdl itself is not touched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Perturbation {
    pub find: String,
    pub replace: String,
}

impl Perturbation {
    /// The reset value of the output-layer learning-rate shift register, plus one: seen on the
    /// first read of register 1 and in every output-layer update.
    pub fn output_lr_shift(config: &Config) -> Self {
        let shift = config.learning.output_lr_shift;
        let text = |s: u32| format!("localparam [4:0] reset_output_lr_shift = 5'b{s:b};");
        Self {
            find: text(shift),
            replace: text(shift + 1),
        }
    }

    /// The firing threshold of the first integrate-and-fire lane (kernel 0), doubled
    /// (`conv.threshold`; the RTL fires on the sign of `v − threshold`, so the subtraction after
    /// a spike doubles too): a neuron of kernel 0 reaching `[t, 2t)` does not fire.
    pub fn conv_threshold(config: &Config) -> Self {
        let t = config.conv.threshold;
        let text = |t: i32| format!("localparam [15:0] threshold = 16'h{t:x};");
        Self {
            find: text(t),
            replace: text(2 * t),
        }
    }
}

/// Where mismatch VCDs go and which RTL is built.
#[derive(Debug, Clone, Default)]
pub struct CosimOptions {
    /// Directory of mismatch VCDs (default: `spoon-cosim` beside the simulator cache, i.e.
    /// `target/spoon-cosim`).
    pub vcd_dir: Option<PathBuf>,
    pub perturbation: Option<Perturbation>,
    /// The Verilog text to verilate instead of the emitted one (the same top and ports: a
    /// mutant of it, `mutate`); `perturbation` then applies to this text.
    pub rtl: Option<Arc<str>>,
    /// No VCD of a mismatch: it costs a second, traced, build of the model (mutation runs).
    pub no_vcd: bool,
}

/// The model of the options' RTL: the emitted Verilog of `config`, or `rtl` instead, with the
/// perturbation applied.
fn model(config: &Config, options: &CosimOptions) -> Result<Model, CosimError> {
    if options.rtl.is_none() && options.perturbation.is_none() {
        return Ok(Model::build(config)?);
    }
    let found = Cell::new(true);
    let edit = |emitted: &str| {
        let v = options.rtl.as_deref().unwrap_or(emitted);
        match &options.perturbation {
            None => v.to_string(),
            Some(p) => {
                found.set(v.contains(&p.find));
                v.replacen(&p.find, &p.replace, 1)
            }
        }
    };
    let model = Model::build_from_edited_verilog(config, &edit)?;
    match (&options.perturbation, found.get()) {
        (Some(p), false) => Err(CosimError::PerturbationNotFound(p.find.clone())),
        _ => Ok(model),
    }
}

/// Golden's input ports into the simulator's input word.
pub fn set_inputs(p: &Pins, i: &PortsIn, to: &mut Inputs) {
    to.set(p.reset, u64::from(i.reset));
    to.set(p.in_valid, u64::from(i.in_valid));
    to.set(p.in_data, u64::from(i.in_data));
    to.set(p.cfg_valid, u64::from(i.cfg_valid));
    to.set(p.cfg_write, u64::from(i.cfg_write));
    to.set(p.cfg_word, u64::from(i.cfg_word));
    to.set(p.cfg_select, u64::from(i.cfg_select));
    to.set(p.cfg_address, u64::from(i.cfg_address));
    to.set_u128(p.cfg_wdata, i.cfg_wdata);
}

/// The simulator's outputs as golden's port record (no taps: they are not top-level ports).
pub fn ports_out(p: &Pins, o: &Outputs) -> PortsOut {
    PortsOut {
        in_ready: o.bit(p.in_ready),
        cfg_ready: o.bit(p.cfg_ready),
        cfg_rdata: o.get_u128(p.cfg_rdata),
        cfg_rvalid: o.bit(p.cfg_rvalid),
        out_valid: o.bit(p.out_valid),
        out_class: o.get(p.out_class) as u8,
        busy: o.bit(p.busy),
        taps: None,
    }
}

/// The RTL and golden's cycle model in lock-step. Both start after the reset sequence (cycles 0,
/// 1). Golden runs on the caller's thread and answers the host; the Verilated RTL runs on a
/// thread of its own (`rtl_thread`) and compares every cycle's outputs with golden's.
/// [`Cosim::step`] never fails: the first mismatch is latched, from then on golden alone is
/// stepped (so a host finishes its operation quickly), and [`Cosim::check`] (which waits for
/// the RTL thread to catch up) reports it.
pub struct Cosim {
    model: Model,
    rtl: RtlThread,
    golden: CycleChip,
    pins: Pins,
    /// Inputs of every cycle since the reset sequence, run-length encoded (for the VCD re-run).
    history: Vec<(PortsIn, u64)>,
    /// AER words taken, with their cycle: the last [`RECENT_WORDS`] up to the cycle the RTL
    /// thread has verified, and every one after it.
    taken: VecDeque<(u64, u32)>,
    /// Golden's `in_ready` after the last edge: a word offered now is taken at this edge.
    in_ready: bool,
    /// The simulator cycle of the next [`Cosim::step`].
    cycle: u64,
    compared: u64,
    stalls: u64,
    /// The first mismatch was reported (only it is).
    reported: bool,
    no_vcd: bool,
    vcd_dir: PathBuf,
    /// Cover points, counted every cycle from golden's side.
    monitor: Monitor,
}

impl Cosim {
    /// Builds (or finds in the cache) the RTL of `config`, perturbed if asked.
    pub fn new(config: &Config, options: &CosimOptions) -> Result<Self, CosimError> {
        let model = model(config, options)?;
        let rtl = RtlThread::spawn(&model)?;
        let pins = Pins::resolve(model.layout())?;
        let vcd_dir = options
            .vcd_dir
            .clone()
            .unwrap_or_else(|| sim::verilate::cache_root().with_file_name("spoon-cosim"));
        Ok(Self {
            golden: CycleChip::new(config),
            cycle: rtl.first_cycle(),
            model,
            rtl,
            pins,
            history: Vec::new(),
            taken: VecDeque::new(),
            in_ready: false,
            compared: 0,
            stalls: 0,
            reported: false,
            no_vcd: options.no_vcd,
            vcd_dir,
            monitor: Monitor::new(config),
        })
    }

    /// One clock cycle of both; the outputs after the edge (golden's, equal to the RTL's while
    /// no mismatch is latched).
    pub fn step(&mut self, i: &PortsIn) -> PortsOut {
        match self.history.last_mut() {
            Some((last, n)) if last == i => *n += 1,
            _ => self.history.push((*i, 1)),
        }
        if i.in_valid && !i.reset {
            if self.in_ready {
                self.taken.push_back((self.cycle, i.in_data));
                let verified = self.rtl.verified();
                while self
                    .taken
                    .get(RECENT_WORDS)
                    .is_some_and(|&(c, _)| c < verified)
                {
                    self.taken.pop_front();
                }
            } else {
                self.stalls += 1;
            }
        }
        self.cycle += 1;
        let gold = self.golden.step(i);
        self.monitor.observe(self.cycle - 1, i, &gold, &self.golden);
        self.in_ready = gold.in_ready;
        if !self.rtl.stopped() {
            self.rtl.push(*i, gold);
        }
        gold
    }

    /// Waits for the RTL thread to compare every cycle so far; the first mismatch, if any, as
    /// an error with its VCD written (the same inputs re-run from reset on a fresh instance,
    /// dumping the window around it).
    pub fn check(&mut self) -> Result<(), CosimError> {
        let progress = self.rtl.sync()?;
        self.compared = progress.compared;
        let Some(found) = progress.found.filter(|_| !self.reported) else {
            return Ok(());
        };
        self.reported = true;
        let mut recent_words: Vec<u32> = self
            .taken
            .iter()
            .filter(|&&(c, _)| c <= found.cycle)
            .map(|&(_, w)| w)
            .collect();
        recent_words.drain(..recent_words.len().saturating_sub(RECENT_WORDS));
        let vcd = match self.no_vcd {
            true => Err("none asked for".to_string()),
            false => self.write_vcd(found.cycle).map_err(|e| e.to_string()),
        };
        Err(CosimError::Mismatch(Box::new(MismatchReport {
            cycle: found.cycle,
            signal: found.mismatch.signal,
            expected: found.mismatch.expected,
            actual: found.mismatch.actual,
            inputs: found.inputs,
            recent_words,
            vcd,
        })))
    }

    fn write_vcd(&self, cycle: u64) -> Result<PathBuf, SimError> {
        // The lock-step model is the fast one; the replay for the waveform has tracing.
        let mut sim = self.model.traced()?.simulator()?;
        let window = cycle.saturating_sub(VCD_BEFORE).max(sim.cycle())..cycle + VCD_AFTER + 1;
        std::fs::create_dir_all(&self.vcd_dir).map_err(|error| SimError::Io {
            path: self.vcd_dir.clone(),
            error,
        })?;
        let path = self.vcd_dir.join(format!("mismatch-cycle-{cycle}.vcd"));
        sim.trace_window(window.clone(), &path)?;
        let mut inputs = sim.inputs();
        let idle = (PortsIn::default(), u64::MAX);
        for (i, n) in self.history.iter().chain([&idle]) {
            set_inputs(&self.pins, i, &mut inputs);
            for _ in 0..*n {
                if sim.cycle() >= window.end {
                    return Ok(path);
                }
                sim.step_after(&inputs);
            }
        }
        Ok(path)
    }

    /// Cycles where the RTL's ports were compared with golden's, as of the last
    /// [`Cosim::check`].
    pub fn cycles_compared(&self) -> u64 {
        self.compared
    }

    /// Cycles where an AER word was offered and not taken (FIFO full or engine busy).
    pub fn stalls(&self) -> u64 {
        self.stalls
    }

    /// Golden's cycle model (its memories: e.g. the FC weights after on-chip learning).
    pub fn golden(&self) -> &CycleChip {
        &self.golden
    }

    /// The cover points counted so far.
    pub fn coverage(&self) -> &Coverage {
        self.monitor.coverage()
    }

    pub fn vcd_dir(&self) -> &Path {
        &self.vcd_dir
    }
}

/// A host (`golden::cycle::host::Host`, trace off) driving a shared cosim: after one reset cycle.
/// The cosim stays reachable (`cell.borrow_mut().check()`) between host operations.
pub fn host(cell: &RefCell<Cosim>) -> Host<impl FnMut(&PortsIn) -> PortsOut + '_> {
    let mut h = Host::new(move |i: &PortsIn| cell.borrow_mut().step(i));
    h.record = false;
    h
}
