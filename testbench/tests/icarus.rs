//! The tiny config's Verilog under Icarus (`iverilog -g2005`), as emitted (RTL) and as Yosys'
//! gate netlist of it: a stimulus recorded from golden's cycle model (every memory programmed
//! through the configuration port, learning samples, everything read back) replayed cycle by
//! cycle, every output port equal to golden's after every edge. `SPOON_ICARUS_DIR=DIR` keeps
//! the files (Verilog, bench, stimulus, outputs) in `DIR/<test>` for a look in GTKWave or vvp.

use golden::cycle::PortsOut;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use testbench::icarus::{replay, short_stimulus, IcarusError, Level, Replay, Stimulus};

/// Learning samples in the CI stimulus: every phase of the chip (conv, FC hidden and output
/// layers, both learning updates), several times.
const SAMPLES: usize = 12;

fn run(name: &str, level: Level, stimulus: &Stimulus) -> Result<Replay, IcarusError> {
    let temp = tempfile::tempdir().unwrap();
    let dir = std::env::var_os("SPOON_ICARUS_DIR")
        .map_or(temp.path().to_path_buf(), |d| PathBuf::from(d).join(name));
    std::fs::create_dir_all(&dir).unwrap();
    let start = Instant::now();
    let r = replay(
        &hdl::tiny_config(),
        stimulus,
        level,
        &dir,
        Duration::from_secs(120),
    );
    if let Ok(r) = &r {
        println!(
            "{name}: {level:?}, {} cycles compared, tools {:.1} s, total {:.1} s",
            r.cycles,
            r.tool_seconds,
            start.elapsed().as_secs_f64()
        );
    }
    r
}

fn check(name: &str, level: Level) {
    let stimulus = short_stimulus(&hdl::tiny_config(), 7, SAMPLES);
    let r = run(name, level, &stimulus).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.cycles, stimulus.expected.len());
    let classes = stimulus.expected.iter().filter(|o| o.out_valid).count();
    assert_eq!(classes, SAMPLES, "one class out per sample");
}

#[test]
fn icarus_runs_the_rtl_like_golden() {
    check("rtl", Level::Rtl);
}

#[test]
fn icarus_runs_the_gate_netlist_like_golden() {
    check("gates", Level::Gates);
}

/// The comparison is live: golden's trace with one class changed is reported at that cycle.
#[test]
fn a_wrong_class_is_reported_with_its_cycle() {
    let mut stimulus = short_stimulus(&hdl::tiny_config(), 7, 1);
    let cycle = stimulus.expected.iter().position(|o| o.out_valid).unwrap();
    let PortsOut { out_class, .. } = stimulus.expected[cycle];
    stimulus.expected[cycle].out_class = out_class ^ 1;
    match run("wrong", Level::Rtl, &stimulus) {
        Err(IcarusError::Mismatch {
            cycle: c,
            signal,
            expected,
            actual,
            ..
        }) => {
            assert_eq!((c, signal), (cycle, "out_class"));
            assert_eq!(expected, (out_class ^ 1).to_string());
            assert_eq!(actual, out_class.to_string());
        }
        other => panic!("expected a mismatch at cycle {cycle}, got {other:?}"),
    }
}
