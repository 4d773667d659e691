//! The tiny config's RTL under Icarus (`iverilog -g2005`): a stimulus recorded from golden's
//! cycle model replayed cycle by cycle, every output port equal after every edge.

use std::time::{Duration, Instant};
use testbench::icarus::{replay, short_stimulus, Level};

fn check(samples: usize) {
    let config = hdl::tiny_config();
    let stimulus = short_stimulus(&config, 7, samples);
    let dir = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let r = replay(
        &config,
        &stimulus,
        Level::Rtl,
        dir.path(),
        Duration::from_secs(60),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "Icarus, RTL, {samples} samples: {} cycles compared, tools {:.1} s, total {:.1} s",
        r.cycles,
        r.tool_seconds,
        start.elapsed().as_secs_f64()
    );
    assert_eq!(r.cycles, stimulus.expected.len());
}

/// CI slice: every memory programmed through the port and read back, no sample.
#[test]
fn icarus_runs_the_configuration_port_like_golden() {
    check(0);
}

/// Two learning samples: Icarus stops advancing time at the first sample's FC phase (a
/// zero-delay loop, docs/SIM.md § "Icarus and gate-level checks").
#[test]
#[ignore = "known failure: Icarus hangs in the first sample's FC phase (zero-delay loop), docs/SIM.md"]
fn icarus_runs_two_learning_samples_like_golden() {
    check(2);
}
