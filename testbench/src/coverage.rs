//! Functional coverage of the lock-step runs: named cover points, counted every cycle from
//! golden's cycle model (its ports, its taps and its state; the lock-step proves the RTL's
//! ports equal), with the cycle of the first hit. docs/SIM.md § "Functional coverage" lists the
//! points and what counts as a hit.
//!
//! [`Monitor::observe`] sees every cycle after golden's edge: the FSM transitions (the taps'
//! phases), the AER and configuration handshakes (the ports), and at the few cycles where
//! something is decided it evaluates the datapath with golden's own functions on golden's
//! state: an event's membrane updates when it is decoded (before the convolution engine
//! writes them), the hard tanh of every hidden neuron when the activation phase starts, the
//! hard sigmoid, the errors and the argmax when the class decision starts, and every weight
//! write-back of the FC engine against the old word (shadows of the memories, kept from the
//! write taps).

use golden::activation::{hard_sigmoid, hard_tanh, output_error};
use golden::config::Config;
use golden::conv::touched_range;
use golden::cycle::config_port::*;
use golden::cycle::fc::{AccWord, FcPass, FcPhase};
use golden::cycle::{CycleChip, Phase, PortsIn, PortsOut, Sizes, Taps, Write};
use std::fmt;

/// One cover point: its hits and the simulator cycle of the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub name: String,
    pub hits: u64,
    pub first: Option<u64>,
}

/// Cover points with their counts, in the order of the list (docs/SIM.md).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    pub points: Vec<Point>,
}

impl Coverage {
    /// The points never hit.
    pub fn missed(&self) -> Vec<&str> {
        let missed = self.points.iter().filter(|p| p.hits == 0);
        missed.map(|p| p.name.as_str()).collect()
    }

    /// Points seen that the list does not have (an FSM transition: the list is out of date).
    pub fn unlisted(&self) -> Vec<&str> {
        let names = self.points.iter().map(|p| p.name.as_str());
        names.filter(|n| n.ends_with(UNLISTED)).collect()
    }

    /// Adds the hits of `other` (the first cycle stays this run's, else `other`'s).
    pub fn merge(&mut self, other: &Coverage) {
        for p in &other.points {
            match self.points.iter_mut().find(|q| q.name == p.name) {
                Some(q) => {
                    q.hits += p.hits;
                    q.first = q.first.or(p.first);
                }
                None => self.points.push(p.clone()),
            }
        }
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self.points.iter().map(|p| p.name.chars().count()).max();
        let width = width.unwrap_or(0);
        writeln!(
            f,
            "{:<width$}  {:>10}  {:>11}",
            "cover point", "hits", "first cycle"
        )?;
        for p in &self.points {
            let first = p.first.map_or("-".to_string(), |c| c.to_string());
            writeln!(f, "{:<width$}  {:>10}  {first:>11}", p.name, p.hits)?;
        }
        let hit = self.points.len() - self.missed().len();
        write!(f, "{hit} of {} cover points hit", self.points.len())
    }
}

const UNLISTED: &str = "(not in the list)";

macro_rules! points {
    ($($id:ident => $name:expr,)*) => {
        /// The fixed cover points (the config-dependent ones follow them).
        #[derive(Debug, Clone, Copy)]
        enum P { $($id,)* }
        const NAMES: &[&str] = &[$($name,)*];
    };
}

points! {
    FifoFull => "fifo: full (depth words held)",
    FifoStarved => "fifo: empty while the FSM fetches",
    FifoPushPop => "fifo: push and pop at one edge",
    Backpressure => "aer: word offered while in_ready is low",
    BackpressureHeld => "aer: word held 2+ cycles while in_ready is low",
    OutsideField => "aer: event outside the field",
    AbsentChannel => "aer: event on an absent channel",
    LabelOutside => "aer: learning end-of-sample with label ≥ classes",
    IgnoredMax => "ignored counter: reaches 65,535",
    IgnoredHeld => "ignored counter: an ignored event at 65,535",
    MembraneLow => "membrane: sum below the lower bound (saturated)",
    MembraneHigh => "membrane: sum above the upper bound (saturated)",
    CounterMax => "spike counter: reaches its maximum",
    CounterHeld => "spike counter: a spike at its maximum (saturated)",
    TanhLow => "hard tanh: clamped at −ymax",
    TanhHigh => "hard tanh: clamped at +ymax",
    WindowNegMax => "derivative window: a = −ymax (closed)",
    WindowNegInside => "derivative window: a = −ymax + 1 (open)",
    WindowPosInside => "derivative window: a = ymax − 1 (open)",
    WindowPosMax => "derivative window: a = ymax (closed)",
    SigmoidLow => "hard sigmoid: clamped at 0",
    SigmoidHigh => "hard sigmoid: clamped at one",
    ArgmaxTie => "argmax: tie for the best score",
    HiddenWritebackLow => "hidden weight write-back: saturated at the lower bound",
    HiddenWritebackHigh => "hidden weight write-back: saturated at the upper bound",
    OutputWritebackLow => "output weight write-back: saturated at the lower bound",
    OutputWritebackHigh => "output weight write-back: saturated at the upper bound",
    UpdateClampLow => "output update: clamped to −256",
    UpdateClampHigh => "output update: clamped to 255",
    HiddenShift0 => "learning: hidden pass with shift 0",
    HiddenShift16 => "learning: hidden pass with shift 16",
    OutputShift0 => "learning: output pass with shift 0",
    OutputShift16 => "learning: output pass with shift 16",
    TopReset => "top: reset in a busy phase",
    ReadOnlyWrite => "cfg: element write to a read-only select (9, 10)",
    Unmapped => "cfg: element request to an unmapped select",
    WordOtherSelect => "cfg: word request to another select",
    WordPastLast => "cfg: word request past the last word",
    ShiftAbove16 => "cfg: learning-rate shift written above 16",
}

/// Every phase of the control FSM and of the FC engine (golden's enums, numbered as the RTL
/// encodes them): names for the table.
#[rustfmt::skip]
const TOP_PHASES: [Phase; 14] = {
    use Phase::*;
    [Idle, Clear, ClearWait, Fetch, Decode, Integrate, IntegrateWait, FcStart, FcWait, Finish,
     CfgDivide, CfgIssue, CfgData, CfgWrite]
};
#[rustfmt::skip]
const FC_PHASES: [FcPhase; 16] = {
    use FcPhase::*;
    [Idle, Clear, Pick, Row, RowRead, RowWrite, Activate, ActivateLast, DecideRead, DecideLane,
     RowMultiply, RowProduct, RowShift, RowRound, DecideEnd, RowHold]
};
/// The control FSM's transitions (hdl/src/chip.rs).
#[rustfmt::skip]
const TOP_ARCS: [(Phase, Phase); 23] = {
    use Phase::*;
    [(Idle, Clear), (Idle, CfgDivide), (Idle, CfgData), (Clear, ClearWait),
     (ClearWait, ClearWait), (ClearWait, Fetch), (Fetch, Fetch), (Fetch, Decode),
     (Decode, Integrate), (Decode, FcStart), (Integrate, IntegrateWait),
     (IntegrateWait, IntegrateWait), (IntegrateWait, Fetch), (FcStart, FcWait),
     (FcWait, FcWait), (FcWait, Finish), (Finish, Idle), (CfgDivide, CfgDivide),
     (CfgDivide, CfgIssue), (CfgIssue, CfgData), (CfgData, Idle), (CfgData, CfgWrite),
     (CfgWrite, Idle)]
};
/// The FC engine's transitions (hdl/src/fc.rs, golden `cycle/fc.rs`).
#[rustfmt::skip]
const FC_ARCS: [(FcPhase, FcPhase); 34] = {
    use FcPhase::*;
    [(Idle, Clear), (Idle, Pick), (Clear, Clear), (Clear, Idle), (Pick, Pick), (Pick, Row),
     (Pick, RowRound), (Pick, RowRead), (Pick, Activate), (Pick, DecideRead), (Pick, Idle),
     (Row, Row), (Row, Pick), (RowRound, RowRead), (RowRead, Pick), (RowRead, RowHold),
     (RowHold, RowWrite),
     (RowRead, RowMultiply), (RowMultiply, RowProduct), (RowProduct, RowShift),
     (RowShift, RowShift), (RowShift, RowHold),
     (RowWrite, RowRead), (RowWrite, Pick), (Activate, Activate), (Activate, ActivateLast),
     (ActivateLast, Pick), (DecideRead, DecideLane), (DecideLane, DecideLane),
     (DecideLane, DecideRead), (DecideLane, Idle), (DecideLane, DecideEnd), (DecideEnd, Pick),
     (DecideEnd, Idle)]
};
/// Pass changes within a sample, and the passes a sample ends after.
#[rustfmt::skip]
const PASS_ARCS: [(FcPass, FcPass); 4] = {
    use FcPass::*;
    [(Hidden, Output), (Output, LearnHidden), (Output, LearnOutput), (LearnHidden, LearnOutput)]
};
const END_PASSES: [FcPass; 3] = [FcPass::Output, FcPass::LearnHidden, FcPass::LearnOutput];
const IDLE: u8 = Phase::Idle as u8;
const CFG_DIVIDE: u8 = Phase::CfgDivide as u8;
const PHASE_FETCH: u8 = Phase::Fetch as u8;
const PHASE_DECODE: u8 = Phase::Decode as u8;
const PHASE_FC_WAIT: u8 = Phase::FcWait as u8;
const FC_IDLE: u8 = FcPhase::Idle as u8;
const FC_PICK: u8 = FcPhase::Pick as u8;
const FC_ACTIVATE: u8 = FcPhase::Activate as u8;
const FC_DECIDE_READ: u8 = FcPhase::DecideRead as u8;
const PASS_LEARN_HIDDEN: u8 = FcPass::LearnHidden as u8;
const PASS_LEARN_OUTPUT: u8 = FcPass::LearnOutput as u8;
const NONE: usize = usize::MAX;

/// The constants the evaluations need, from the config.
#[derive(Debug, Clone)]
struct Limits {
    s: Sizes,
    membrane: (i32, i32),
    threshold: i32,
    count_max: i16,
    weight: (i32, i32),
}

/// Indices of the config-dependent points.
#[derive(Debug, Clone)]
struct Index {
    top: [[usize; TOP_PHASES.len()]; TOP_PHASES.len()],
    fc: [[usize; FC_PHASES.len()]; FC_PHASES.len()],
    pass: [[usize; 4]; 4],
    end_pass: [usize; 4],
    labels: Vec<usize>,
    /// Registers of select 8 by index (`8 + h` with `h` hidden layers): read, written.
    registers: [Vec<usize>; 2],
    /// Element requests per select (read, write); word requests of the memories' selects
    /// (kernels, then the `h + 1` FC layers).
    element: [[usize; 2]; 11],
    word: Vec<[usize; 2]>,
}

/// What the monitor remembers between cycles.
#[derive(Debug, Clone, Default)]
struct Last {
    phase: u8,
    fc_phase: u8,
    fc_pass: u8,
    in_ready: bool,
    cfg_ready: bool,
    reset: bool,
    word_taken: bool,
    stalled: bool,
    ignored: u16,
}

/// Counts the cover points of one lock-step run.
#[derive(Debug, Clone)]
pub struct Monitor {
    coverage: Coverage,
    limits: Limits,
    index: Index,
    last: Last,
    acc: Vec<AccWord>,
    hidden: Vec<u128>,
    output: Vec<u128>,
    /// The output errors `e_c` of the current sample (from its scores).
    errors: Vec<i32>,
}

impl Monitor {
    pub fn new(config: &Config) -> Self {
        let s = Sizes::new(config);
        let bound = |bits: u32| (-(1 << (bits - 1)), (1 << (bits - 1)) - 1);
        let limits = Limits {
            membrane: bound(config.conv.membrane_bits),
            threshold: config.conv.threshold,
            count_max: (1 << config.conv.spike_count_bits) - 1,
            weight: bound(config.fc.weight_bits),
            s: s.clone(),
        };
        let mut points: Vec<Point> = NAMES.iter().map(|n| point(n)).collect();
        let index = Index::new(&mut points, s.classes, s.hidden_layers);
        Self {
            coverage: Coverage { points },
            limits,
            index,
            last: Last::default(),
            acc: vec![AccWord::default(); s.acc_words],
            hidden: vec![0; s.hidden_weight_words],
            output: vec![0; s.output_weight_words],
            errors: vec![0; s.classes],
        }
    }

    pub fn coverage(&self) -> &Coverage {
        &self.coverage
    }

    /// One cycle: `i` the inputs, `o` golden's outputs after the edge (with taps), `chip`
    /// golden's state after it, `cycle` the simulator's cycle.
    pub fn observe(&mut self, cycle: u64, i: &PortsIn, o: &PortsOut, chip: &CycleChip) {
        let Some(t) = o.taps.as_ref() else { return };
        self.aer(cycle, i, t);
        self.configuration(cycle, i, chip.sizes());
        self.transitions(cycle, t, chip);
        self.memories(cycle, t, chip);
        if t.phase == PHASE_DECODE && self.last.phase != PHASE_DECODE {
            self.decoded(cycle, chip);
        }
        if t.ignored == u16::MAX && self.last.ignored == u16::MAX - 1 {
            self.hit(P::IgnoredMax as usize, cycle);
        }
        self.last = Last {
            phase: t.phase,
            fc_phase: t.fc_phase,
            fc_pass: t.fc_pass,
            in_ready: o.in_ready,
            cfg_ready: o.cfg_ready,
            reset: i.reset,
            word_taken: i.in_valid && self.last.in_ready && !i.reset,
            stalled: i.in_valid && !self.last.in_ready,
            ignored: t.ignored,
        };
    }

    fn hit(&mut self, index: usize, cycle: u64) {
        if let Some(p) = self.coverage.points.get_mut(index) {
            p.hits += 1;
            p.first.get_or_insert(cycle);
        }
    }

    fn hit_named(&mut self, name: String, cycle: u64) {
        let found = self.coverage.points.iter().position(|p| p.name == name);
        let index = found.unwrap_or_else(|| {
            self.coverage.points.push(point(&name));
            self.coverage.points.len() - 1
        });
        self.hit(index, cycle);
    }

    /// The AER handshake and the FIFO.
    fn aer(&mut self, cycle: u64, i: &PortsIn, t: &Taps) {
        if i.in_valid && !self.last.in_ready {
            self.hit(P::Backpressure as usize, cycle);
            if self.last.stalled {
                self.hit(P::BackpressureHeld as usize, cycle);
            }
        }
        let popped = self.last.phase == PHASE_FETCH && t.phase == PHASE_DECODE;
        if popped && self.last.word_taken && !self.last.reset && !i.reset {
            self.hit(P::FifoPushPop as usize, cycle);
        }
        if usize::from(t.fifo_held) == self.limits.s.fifo_depth {
            self.hit(P::FifoFull as usize, cycle);
        }
        if self.last.phase == PHASE_FETCH && t.phase == PHASE_FETCH {
            self.hit(P::FifoStarved as usize, cycle);
        }
    }

    /// A configuration request taken at the pins in this cycle.
    fn configuration(&mut self, cycle: u64, i: &PortsIn, s: &Sizes) {
        if !(i.cfg_valid && self.last.cfg_ready && !i.reset) {
            return;
        }
        let (select, address, write) = (i.cfg_select, i.cfg_address as usize, i.cfg_write);
        let w = usize::from(write);
        let memory = |select: u8| -> Option<usize> {
            match fc_layer_of(select, s.hidden_layers) {
                Some(k) => Some(s.fc.words[k]),
                None => (select == SELECT_KERNELS).then_some(s.kernel_words),
            }
        };
        let index = if i.cfg_word {
            match memory(select) {
                Some(n) if address >= n => P::WordPastLast as usize,
                Some(_) => self.index.word[usize::from(select)][w],
                None => P::WordOtherSelect as usize,
            }
        } else {
            match (select, write) {
                (SELECT_REGISTERS, _) => return self.register(cycle, address, write, i, s),
                (SELECT_SCORES | SELECT_MEMBRANES, true) => P::ReadOnlyWrite as usize,
                (SELECT_SCORES | SELECT_MEMBRANES, _) => self.index.element[usize::from(select)][w],
                _ if memory(select).is_some() => self.index.element[usize::from(select)][w],
                _ => P::Unmapped as usize,
            }
        };
        self.hit(index, cycle);
    }

    fn register(&mut self, cycle: u64, r: usize, write: bool, i: &PortsIn, s: &Sizes) {
        let index = self.index.registers[usize::from(write)].get(r).copied();
        self.hit(index.unwrap_or(NONE), cycle);
        // A hidden layer's shift (`Err`) or the output layer's.
        let shift = matches!(
            register_at(r, s.hidden_layers),
            Err(_) | Ok(REG_OUTPUT_LR_SHIFT)
        );
        if write && shift && (i.cfg_wdata & 0xFFFF) > 16 {
            self.hit(P::ShiftAbove16 as usize, cycle);
        }
    }

    /// FSM transitions of the top and the FC engine, the FC passes, the learning passes.
    fn transitions(&mut self, cycle: u64, t: &Taps, chip: &CycleChip) {
        let (from, to) = (self.last.phase, t.phase);
        if self.last.reset {
            if from != IDLE && from < CFG_DIVIDE {
                self.hit(P::TopReset as usize, cycle);
            }
            return;
        }
        self.arc(cycle, "top", &TOP_PHASES, from, to, |x: &Index| &x.top);
        let (from, to) = (self.last.fc_phase, t.fc_phase);
        self.arc(cycle, "fc", &FC_PHASES, from, to, |x: &Index| &x.fc);
        let (pass, next) = (self.last.fc_pass, t.fc_pass);
        if pass != next && (pass as usize) < 4 && (next as usize) < 4 {
            self.hit(self.index.pass[pass as usize][next as usize], cycle);
        }
        if from != FC_IDLE && to == FC_IDLE && (pass as usize) < 4 {
            self.hit(self.index.end_pass[pass as usize], cycle);
        }
        if pass != next {
            self.learning(cycle, next, chip);
        }
    }

    /// A phase change `from → to` of the FSM `fsm`: its listed point, else a point named as
    /// not in the list (a self-loop that is not listed is not a transition).
    fn arc<const N: usize>(
        &mut self,
        cycle: u64,
        fsm: &str,
        names: &[impl fmt::Debug],
        from: u8,
        to: u8,
        table: impl Fn(&Index) -> &[[usize; N]; N],
    ) {
        let listed = table(&self.index)
            .get(from as usize)
            .and_then(|row| row.get(to as usize))
            .copied()
            .unwrap_or(NONE);
        if listed != NONE {
            self.hit(listed, cycle);
        } else if from != to {
            let name = |p: u8| {
                names
                    .get(p as usize)
                    .map_or(p.to_string(), |n| format!("{n:?}"))
            };
            self.hit_named(
                format!("{fsm}: {} → {} {UNLISTED}", name(from), name(to)),
                cycle,
            );
        }
    }

    /// A learning pass starts: its shift and, for the hidden pass, the label's projection row.
    fn learning(&mut self, cycle: u64, pass: u8, chip: &CycleChip) {
        let (register, zero, sixteen) = match pass {
            PASS_LEARN_HIDDEN => (REG_HIDDEN_LR_SHIFT, P::HiddenShift0, P::HiddenShift16),
            PASS_LEARN_OUTPUT => (REG_OUTPUT_LR_SHIFT, P::OutputShift0, P::OutputShift16),
            _ => return,
        };
        match chip.register(register_index(register, self.limits.s.hidden_layers)) {
            0 => self.hit(zero as usize, cycle),
            16 => self.hit(sixteen as usize, cycle),
            _ => {}
        }
        if pass == PASS_LEARN_HIDDEN {
            let label = usize::from(chip.sample_label().1);
            self.hit(self.index.labels.get(label).copied().unwrap_or(NONE), cycle);
        }
    }

    /// The memories' shadows from the write taps; the FC engine's write-backs; the hidden
    /// activations and the class decision when their phases start.
    fn memories(&mut self, cycle: u64, t: &Taps, chip: &CycleChip) {
        if let Some(w) = &t.accumulator_write {
            if let Some(word) = self.acc.get_mut(w.address) {
                *word = AccWord(w.data);
            }
        }
        // The write-back and activation points are modelled for one hidden layer (with more,
        // the taps do not say which layer a write or an activation belongs to).
        let one_layer = self.limits.s.hidden_layers == 1;
        let engine = self.last.phase == PHASE_FC_WAIT && one_layer;
        if let Some(w) = &t.hidden_weight_write {
            if engine {
                self.hidden_writeback(cycle, w);
            }
            store(&mut self.hidden, w);
        }
        if let Some(w) = &t.output_weight_write {
            if engine {
                self.output_writeback(cycle, w, chip);
            }
            store(&mut self.output, w);
        }
        if t.fc_phase == FC_ACTIVATE && self.last.fc_phase == FC_PICK && one_layer {
            self.activations(cycle);
        }
        if t.fc_phase == FC_DECIDE_READ && self.last.fc_phase == FC_PICK {
            self.decision(cycle, chip);
        }
    }

    /// The AER word decoded next cycle: an event's membrane updates, or the end of a sample.
    fn decoded(&mut self, cycle: u64, chip: &CycleChip) {
        let word = chip.fifo_word();
        let (x, y, bit16) = (
            (word & 0xFF) as usize,
            (word >> 8 & 0xFF) as usize,
            word >> 16 & 1,
        );
        if word >> 17 & 1 == 1 {
            if bit16 == 1 && x >= self.limits.s.classes {
                self.hit(P::LabelOutside as usize, cycle);
            }
            return;
        }
        let s = &self.limits.s;
        let ranges = (
            touched_range(x, s.size, s.stride, s.out_w),
            touched_range(y, s.size, s.stride, s.out_h),
        );
        let ignored = if bit16 as usize >= s.channels {
            Some(P::AbsentChannel)
        } else if let (Some(xs), Some(ys)) = ranges {
            self.integrations(cycle, chip, (x, y, bit16 as usize), xs, ys);
            None
        } else {
            Some(P::OutsideField)
        };
        if let Some(p) = ignored {
            self.hit(p as usize, cycle);
            if chip.register(register_index(REG_IGNORED, self.limits.s.hidden_layers)) == u16::MAX {
                self.hit(P::IgnoredHeld as usize, cycle);
            }
        }
    }

    /// Every (position, kernel) update of an event, before the engine makes it.
    fn integrations(
        &mut self,
        cycle: u64,
        chip: &CycleChip,
        (x, y, channel): (usize, usize, usize),
        xs: (usize, usize),
        ys: (usize, usize),
    ) {
        let s = &self.limits.s;
        let (lo, hi) = self.limits.membrane;
        let (potentials, counts) = (chip.membranes().potentials(), chip.membranes().counts());
        let mut hits = vec![];
        for oy in ys.0..=ys.1 {
            for ox in xs.0..=xs.1 {
                let taps = chip
                    .kernels()
                    .tap(channel, y - oy * s.stride, x - ox * s.stride);
                for (k, &w) in taps.iter().enumerate() {
                    let n = (oy * s.out_w + ox) * s.kernels + k;
                    let sum = i32::from(potentials[n]) + i32::from(w);
                    let fire = sum.clamp(lo, hi) >= self.limits.threshold;
                    let count = counts[n];
                    hits.extend((sum < lo).then_some(P::MembraneLow));
                    hits.extend((sum > hi).then_some(P::MembraneHigh));
                    let max = self.limits.count_max;
                    hits.extend((fire && count == max - 1).then_some(P::CounterMax));
                    hits.extend((fire && count == max).then_some(P::CounterHeld));
                }
            }
        }
        for p in hits {
            self.hit(p as usize, cycle);
        }
    }

    /// Hard tanh and its derivative window of every hidden neuron (the forward sums are in
    /// the accumulator words when the activation phase starts).
    fn activations(&mut self, cycle: u64) {
        let (shift, ymax) = (self.limits.s.activation_shifts[0], self.limits.s.ymax);
        let lanes = self.limits.s.lanes;
        for j in 0..self.limits.s.hidden {
            let z = self.acc[j / lanes].sum(j % lanes, self.limits.s.caps.acc_bits);
            let a = z >> shift;
            let (y, _) = hard_tanh(z, shift, ymax);
            let points = [
                (a < -ymax && y == -ymax, P::TanhLow),
                (a > ymax && y == ymax, P::TanhHigh),
                (a == -ymax, P::WindowNegMax),
                (a == -ymax + 1, P::WindowNegInside),
                (a == ymax - 1, P::WindowPosInside),
                (a == ymax, P::WindowPosMax),
            ];
            for (is, p) in points {
                if is {
                    self.hit(p as usize, cycle);
                }
            }
        }
    }

    /// Hard sigmoid, errors and argmax of the scores when the class decision starts.
    fn decision(&mut self, cycle: u64, chip: &CycleChip) {
        let s = &self.limits.s;
        let (shift, bits) = (s.output_shift, s.probability_bits);
        let one = 1 << bits;
        let label = usize::from(chip.sample_label().1);
        let scores: Vec<i32> = (0..s.classes)
            .map(|c| {
                let word = s.fc.acc_base[s.hidden_layers] + c / s.lanes;
                self.acc[word].sum(c % s.lanes, s.caps.acc_bits)
            })
            .collect();
        let mut hits = vec![];
        for (c, &z) in scores.iter().enumerate() {
            let linear = (z >> shift) + one / 2;
            hits.extend((linear < 0).then_some(P::SigmoidLow));
            hits.extend((linear > one).then_some(P::SigmoidHigh));
            self.errors[c] = output_error(hard_sigmoid(z, shift, bits), c == label, bits);
        }
        let best = scores.iter().max().copied().unwrap_or(0);
        if scores.iter().filter(|&&z| z == best).count() > 1 {
            hits.push(P::ArgmaxTie);
        }
        for p in hits {
            self.hit(p as usize, cycle);
        }
    }

    /// A hidden row write-back: a lane with `d = −1` (update `+q`, `q ≥ 1`) at the upper bound,
    /// or `d = +1` at the lower bound, saturates.
    fn hidden_writeback(&mut self, cycle: u64, w: &Write<u128>) {
        let s = &self.limits.s;
        let (lo, hi) = self.limits.weight;
        let group = w.address % s.hidden_groups;
        let old = self.hidden.get(w.address).copied().unwrap_or(0);
        let mut hits = vec![];
        for l in (0..s.lanes).filter(|l| group * s.lanes + l < s.hidden) {
            let d = self.acc[group].modulation(l, s.lanes);
            let was = lane(old, l, s.weight_bits);
            hits.extend((d == -1 && was == hi).then_some(P::HiddenWritebackHigh));
            hits.extend((d == 1 && was == lo).then_some(P::HiddenWritebackLow));
        }
        for p in hits {
            self.hit(p as usize, cycle);
        }
    }

    /// An output row write-back: the update `(p + r) >> s`, `p = −e_c·y_j`, `0 ≤ r < 2^s`, lies
    /// in `[p >> s, (p + 2^s − 1) >> s]`; a point is hit when that whole range is clamped.
    fn output_writeback(&mut self, cycle: u64, w: &Write<u128>, chip: &CycleChip) {
        let s = &self.limits.s;
        let (lo, hi) = self.limits.weight;
        let (row, group) = (w.address / s.output_groups, w.address % s.output_groups);
        let y = i32::from(self.acc[row / s.lanes].input(row % s.lanes) as i8);
        let shift = u32::from(chip.register(REG_OUTPUT_LR_SHIFT));
        let old = self.output.get(w.address).copied().unwrap_or(0);
        let mut hits = vec![];
        for l in (0..s.lanes).filter(|l| group * s.lanes + l < s.classes) {
            let p = -self.errors[group * s.lanes + l] * y;
            let (least, most) = (p >> shift, (p + (1 << shift) - 1) >> shift);
            hits.extend((least > 255).then_some(P::UpdateClampHigh));
            hits.extend((most < -256).then_some(P::UpdateClampLow));
            let was = lane(old, l, s.weight_bits);
            hits.extend((was + least.min(255) > hi).then_some(P::OutputWritebackHigh));
            hits.extend((was + most.max(-256) < lo).then_some(P::OutputWritebackLow));
        }
        for p in hits {
            self.hit(p as usize, cycle);
        }
    }
}

impl Index {
    /// Appends the config-dependent points to `points` and indexes them.
    fn new(points: &mut Vec<Point>, classes: usize, hidden_layers: usize) -> Self {
        let mut add = |name: String| {
            points.push(point(&name));
            points.len() - 1
        };
        let mut top = [[NONE; TOP_PHASES.len()]; TOP_PHASES.len()];
        for (a, b) in TOP_ARCS {
            top[a as usize][b as usize] = add(format!("top: {a:?} → {b:?}"));
        }
        let mut fc = [[NONE; FC_PHASES.len()]; FC_PHASES.len()];
        for (a, b) in FC_ARCS {
            fc[a as usize][b as usize] = add(format!("fc: {a:?} → {b:?}"));
        }
        let mut pass = [[NONE; 4]; 4];
        for (a, b) in PASS_ARCS {
            pass[a as usize][b as usize] = add(format!("fc pass: {a:?} → {b:?}"));
        }
        let mut end_pass = [NONE; 4];
        for p in END_PASSES {
            end_pass[p as usize] = add(format!("fc: sample ends after {p:?}"));
        }
        let labels = (0..classes)
            .map(|l| add(format!("learning: projection row of label {l}")))
            .collect();
        let mut element = [[NONE; 2]; 11];
        let memories = hidden_layers + 2;
        let mut word = vec![[NONE; 2]; memories];
        let access = ["read", "written"];
        for select in 0..memories {
            let what = match select {
                0 => "kernels".to_string(),
                s if s == memories - 1 => "output layer".to_string(),
                s => format!("FC layer {}", s - 1),
            };
            for (w, a) in access.iter().enumerate() {
                element[select][w] = add(format!("cfg: element of select {select} ({what}) {a}"));
                word[select][w] = add(format!("cfg: word of select {select} ({what}) {a}"));
            }
        }
        element[9][0] = add("cfg: element of select 9 (scores) read".into());
        element[10][0] = add("cfg: element of select 10 (membranes) read".into());
        // Every register is read; the read-only ones (class, status, ignored) are not written.
        let accesses = [("read", REG_IGNORED), ("written", REG_PROJECTION_HI)];
        let registers = accesses.map(|(what, last)| {
            (0..=register_index(last, hidden_layers))
                .map(|r| add(format!("cfg: register {r} {what}")))
                .collect()
        });
        Self {
            top,
            fc,
            pass,
            end_pass,
            labels,
            registers,
            element,
            word,
        }
    }
}

fn point(name: &str) -> Point {
    Point {
        name: name.to_string(),
        hits: 0,
        first: None,
    }
}

fn store(memory: &mut [u128], w: &Write<u128>) {
    if let Some(word) = memory.get_mut(w.address) {
        *word = w.data;
    }
}

/// Weight lane `l` of a memory word of `bits`-bit lanes (two's complement at bit `bits · l`).
fn lane(word: u128, l: usize, bits: usize) -> i32 {
    golden::fixed::sext((word >> (bits * l)) as u64, bits) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coverage(points: &[(&str, u64, Option<u64>)]) -> Coverage {
        let points = points.iter().map(|&(name, hits, first)| Point {
            name: name.into(),
            hits,
            first,
        });
        Coverage {
            points: points.collect(),
        }
    }

    #[test]
    fn merged_runs_add_hits_and_keep_the_first_cycle_of_the_first_run() {
        let mut a = coverage(&[("x", 2, Some(10)), ("y", 0, None)]);
        let b = coverage(&[
            ("y", 3, Some(7)),
            ("x", 1, Some(4)),
            ("z (not in the list)", 1, Some(1)),
        ]);
        a.merge(&b);
        let want = coverage(&[
            ("x", 3, Some(10)),
            ("y", 3, Some(7)),
            ("z (not in the list)", 1, Some(1)),
        ]);
        assert_eq!(a, want);
        assert!(a.missed().is_empty());
        assert_eq!(a.unlisted(), ["z (not in the list)"]);
    }

    #[test]
    fn the_table_has_a_row_per_point_and_the_count_hit() {
        let c = coverage(&[("fifo: full", 12, Some(345)), ("a longer point", 0, None)]);
        let want = "cover point           hits  first cycle\n\
                    fifo: full              12          345\n\
                    a longer point           0            -\n\
                    1 of 2 cover points hit";
        assert_eq!(c.to_string(), want);
        assert_eq!(c.missed(), ["a longer point"]);
    }

    #[test]
    fn every_config_dependent_point_is_named_once() {
        let m = Monitor::new(&Config::tiny());
        let names: Vec<&str> = m
            .coverage()
            .points
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        let expected =
            NAMES.len() + TOP_ARCS.len() + FC_ARCS.len() + PASS_ARCS.len() + 3 + 4 + 15 + 14;
        assert_eq!(
            names.len(),
            expected,
            "4 labels, 9 + 6 registers, 14 select points"
        );
        assert!(m
            .coverage()
            .points
            .iter()
            .all(|p| p.hits == 0 && p.first.is_none()));
    }

    /// The configuration points follow the hidden layers: with two, select 2 is FC layer 1 and
    /// select 3 the output layer, and the registers are 10 (read) and 7 (written: up to the
    /// projection seed's high half, moved up by one).
    #[test]
    fn configuration_points_follow_the_hidden_layers() {
        let names = |hidden: Vec<usize>| {
            let mut config = Config::tiny();
            config.fc.activation_shifts = vec![2; hidden.len()];
            config.learning.hidden_lr_shifts = vec![2; hidden.len()];
            config.fc.hidden = hidden;
            config.validate().unwrap();
            let m = Monitor::new(&config);
            let names: Vec<String> = m.coverage().points.iter().map(|p| p.name.clone()).collect();
            names
        };
        let count =
            |names: &[String], prefix: &str| names.iter().filter(|n| n.starts_with(prefix)).count();
        let one = names(vec![8]);
        assert!(one.contains(&"cfg: word of select 2 (output layer) written".to_string()));
        assert!(!one.iter().any(|n| n.contains("select 3 (")));
        assert_eq!(count(&one, "cfg: register "), 9 + 6);
        let two = names(vec![8, 6]);
        for name in [
            "cfg: word of select 1 (FC layer 0) read",
            "cfg: element of select 2 (FC layer 1) written",
            "cfg: word of select 3 (output layer) read",
            "cfg: register 9 read",
            "cfg: register 6 written",
        ] {
            assert!(two.contains(&name.to_string()), "{name}");
        }
        assert!(!two.contains(&"cfg: register 7 written".to_string()));
        assert_eq!(count(&two, "cfg: register "), 10 + 7);
    }
}
