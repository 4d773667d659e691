//! Verilator alone versus lock-step (Verilator + golden's cycle model, every port compared),
//! default config: the same host stimulus (kernels written through the port, then test digits
//! streamed in inference). Prints cycles/s; never fails on speed.

use golden::chip::Chip;
use golden::config::Config;
use golden::cycle::config_port::SELECT_KERNELS;
use golden::cycle::host::{aer_words, Host};
use golden::cycle::{PortsIn, PortsOut};
use golden::dataset::load_split_dir;
use golden::encoder::encode_ttfs;
use std::cell::RefCell;
use std::time::Instant;
use testbench::{cosim, Cosim, CosimOptions};

const DIGITS: usize = 20;

/// Kernels through the port, then `DIGITS` test digits; returns the cycles stepped.
fn stimulus<D: FnMut(&PortsIn) -> PortsOut>(h: &mut Host<D>, config: &Config) -> u64 {
    let mut cycles = 0u64;
    let chip = Chip::new(config);
    for (a, &w) in chip.kernels().weights().iter().enumerate() {
        h.write(SELECT_KERNELS, a, w.into());
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample");
    let test = load_split_dir(&dir).expect("data/mnist-sample").1;
    let mut events = Vec::new();
    for i in 0..DIGITS {
        events.clear();
        encode_ttfs(config, test.image(i), &mut events);
        cycles += h.sample(&aer_words(&events, false, 0)).1 as u64;
    }
    cycles
}

fn main() {
    let config = Config::default();
    let model = sim::Model::build(&config).expect("the model builds");
    let mut sim = model.simulator().expect("an instance");
    let pins = Ports::new(&sim);
    let counter = RefCell::new(0u64);
    let t = Instant::now();
    {
        let mut h = Host::new(|i: &PortsIn| {
            *counter.borrow_mut() += 1;
            pins.step(&mut sim, i)
        });
        h.record = false;
        stimulus(&mut h, &config);
    }
    let alone = *counter.borrow() as f64 / t.elapsed().as_secs_f64();
    println!(
        "Verilator alone (through the host): {} cycles, {:.3} M cycles/s",
        counter.borrow(),
        alone / 1e6
    );
    let cell = RefCell::new(Cosim::new(&config, &CosimOptions::default()).expect("cosim"));
    let t = Instant::now();
    {
        let mut h = cosim::host(&cell);
        stimulus(&mut h, &config);
    }
    let mut c = cell.borrow_mut();
    c.check().expect("no mismatch");
    let lockstep = c.cycles_compared() as f64 / t.elapsed().as_secs_f64();
    println!(
        "lock-step (Verilator + CycleChip, every port compared): {} cycles, {:.3} M cycles/s ({:.0} % of Verilator alone)",
        c.cycles_compared(),
        lockstep / 1e6,
        100.0 * lockstep / alone
    );
}

/// The ports as `PortsIn`/`PortsOut` for Verilator alone (what `Cosim` does, minus golden).
struct Ports {
    names_in: Vec<sim::InPort>,
    names_out: Vec<sim::OutPort>,
}

impl Ports {
    fn new(sim: &sim::Simulator) -> Self {
        let l = sim.layout();
        let ins = [
            "reset",
            "in_valid",
            "in_data",
            "cfg_valid",
            "cfg_write",
            "cfg_select",
        ];
        let ins = ins.iter().chain(&["cfg_address", "cfg_wdata"]);
        let outs = [
            "in_ready",
            "cfg_ready",
            "cfg_rdata",
            "cfg_rvalid",
            "out_valid",
            "out_class",
            "busy",
        ];
        Self {
            names_in: ins.map(|n| l.input(n).unwrap()).collect(),
            names_out: outs.iter().map(|n| l.output(n).unwrap()).collect(),
        }
    }

    fn step(&self, sim: &mut sim::Simulator, i: &PortsIn) -> PortsOut {
        let mut inputs = sim.inputs();
        let values = [
            u64::from(i.reset),
            u64::from(i.in_valid),
            u64::from(i.in_data),
            u64::from(i.cfg_valid),
            u64::from(i.cfg_write),
            u64::from(i.cfg_select),
            u64::from(i.cfg_address),
            u64::from(i.cfg_wdata),
        ];
        for (&p, v) in self.names_in.iter().zip(values) {
            inputs.set(p, v);
        }
        let o = sim.step_after(&inputs);
        let g = |k: usize| o.get(self.names_out[k]);
        PortsOut {
            in_ready: g(0) != 0,
            cfg_ready: g(1) != 0,
            cfg_rdata: g(2) as u16,
            cfg_rvalid: g(3) != 0,
            out_valid: g(4) != 0,
            out_class: g(5) as u8,
            busy: g(6) != 0,
            taps: None,
        }
    }
}
