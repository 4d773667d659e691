//! The default chip's iCE40 netlist (the FPGA flow's `synth_ice40 -spram -dsp`, Yosys' cell
//! models, every undefined bit random) replays golden's stimulus of real digits with every
//! output port equal in every cycle; a netlist with one LUT inverted is caught. Needs the PyPI
//! Yosys (`scripts/setup.sh`): without it the tests say so and pass, except under `CI=true`,
//! where a missing tool fails. `SPOON_MAPPED_VCD=DIR` writes a VCD around a mismatch.

use golden::config::Config;
use std::path::{Path, PathBuf};
use std::time::Instant;
use testbench::icarus::Stimulus;
use testbench::mapped::{self, Family, MappedError, Workload, Yosys};

/// Seed of the digit shuffle and of the random undefined bits.
const SEED: u64 = 11;

/// The CI workload, default config: the chip's every word through the configuration port
/// (≈ 104 k writes), then on-chip learning and inference of real digits (every phase, both
/// learning updates, SPRAM read–modify–writes), then everything read back.
const WORKLOAD: Workload = Workload {
    seed: SEED,
    pretrain: 10,
    train: 4,
    infer: 2,
    read_back: 32,
};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/mnist-sample")
}

/// The PyPI Yosys, or `None` (with the reason printed) when it is absent outside CI.
fn yosys() -> Option<Yosys> {
    match Yosys::locate() {
        Ok(y) => Some(y),
        Err(e @ MappedError::ToolMissing { .. })
            if std::env::var("CI").as_deref() != Ok("true") =>
        {
            println!("SKIPPED: {e}");
            None
        }
        Err(e) => panic!("{e}"),
    }
}

fn vcd_dir() -> Option<PathBuf> {
    std::env::var_os("SPOON_MAPPED_VCD").map(PathBuf::from)
}

fn replay(
    config: &Config,
    yosys: &Yosys,
    stimulus: &Stimulus,
    edit: Option<&dyn Fn(&str) -> String>,
) -> Result<mapped::Replay, MappedError> {
    let start = Instant::now();
    let netlist = mapped::netlist(config, Family::Ice40, yosys)?;
    let model = mapped::model(config, &netlist, yosys, SEED as u32, edit)?;
    let info = model.info();
    // Wall times of the tools; the rest of `total` is waiting for the other tests' builds.
    println!(
        "Yosys {:.1} s (cached: {}), verilator {:.1} s + compile {:.1} s (cached: {}), \
         total {:.1} s before the replay",
        netlist.yosys.as_secs_f64(),
        netlist.cached,
        info.verilate.as_secs_f64(),
        info.compile.as_secs_f64(),
        info.cached,
        start.elapsed().as_secs_f64()
    );
    mapped::replay(&model, stimulus, vcd_dir().as_deref())
}

#[test]
fn the_ice40_netlist_replays_real_digits_like_golden() {
    let Some(yosys) = yosys() else { return };
    let config = Config::default();
    let start = Instant::now();
    let stimulus = mapped::mnist_stimulus(&config, &data_dir(), &WORKLOAD).unwrap();
    println!(
        "stimulus: {} cycles recorded in {:.1} s",
        stimulus.inputs.len(),
        start.elapsed().as_secs_f64()
    );
    let r = replay(&config, &yosys, &stimulus, None).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "replay: {} cycles, every port equal, {:.1} s, {:.0} cycles/s",
        r.cycles,
        r.seconds,
        r.cycles_per_second()
    );
    assert_eq!(r.cycles, stimulus.expected.len());
    let classes = stimulus.expected.iter().filter(|o| o.out_valid).count();
    assert_eq!(
        classes,
        WORKLOAD.train + WORKLOAD.infer,
        "one class per digit"
    );
}

/// The random power-up is live: an FC layer 0 word never written reads back undefined
/// (random) from the SPRAM, where golden — and the RTL's Verilator model — read 0. The chip's
/// host must therefore write every FC layer 0 word (`suite::load_every_word`).
#[test]
fn an_spram_word_never_written_reads_undefined() {
    let Some(yosys) = yosys() else { return };
    let config = Config::default();
    let stimulus = testbench::icarus::record(&config, |h| {
        for a in 0..4 {
            h.read(golden::cycle::config_port::SELECT_HIDDEN_WEIGHTS, a);
        }
    });
    let first_read = stimulus.expected.iter().position(|o| o.cfg_rvalid).unwrap();
    match replay(&config, &yosys, &stimulus, None) {
        Err(MappedError::Mismatch { cycle, signal, .. }) => {
            assert_eq!((cycle, signal), (first_read, "cfg_rdata"))
        }
        other => panic!("expected a cfg_rdata mismatch at cycle {first_read}, got {other:?}"),
    }
}

/// The comparison is live: the netlist with one LUT of the read-back path inverted
/// (`LUT_INIT` complemented) is caught at the cycle and port where it shows. The stimulus
/// writes and reads back kernel words and the registers: no FC phase, so it needs no FC layer 0
/// load, and the perturbed model costs one Verilator build (the Yosys run is shared).
#[test]
fn a_netlist_with_one_lut_inverted_is_caught() {
    use golden::cycle::config_port::{REG_IGNORED, SELECT_KERNELS, SELECT_REGISTERS};
    let Some(yosys) = yosys() else { return };
    let config = Config::default();
    let stimulus = testbench::icarus::record(&config, |h| {
        for a in 0..64 {
            h.write(SELECT_KERNELS, a, (a as i32 * 37) % 255 - 127);
            h.read(SELECT_KERNELS, a);
        }
        for r in 0..=REG_IGNORED {
            h.read(SELECT_REGISTERS, r);
        }
    });
    let name = std::cell::RefCell::new(String::new());
    let edit = |net: &str| {
        let (text, lut) = mapped::invert_lut(net, "cfg_rdata").unwrap();
        *name.borrow_mut() = lut;
        text
    };
    let r = replay(&config, &yosys, &stimulus, Some(&edit));
    println!("inverted LUT: {}", name.borrow());
    match r {
        Err(e @ MappedError::Mismatch { .. }) => println!("caught: {e}"),
        Err(e) => panic!("the inverted LUT was not caught: {e}"),
        Ok(r) => panic!("the inverted LUT was not caught: {r:?}"),
    }
}
