//! Tests for golden mutants that its other tests let through (`cargo mutants -p spoon-golden`,
//! docs/SIM.md § "Mutation testing"): each asserts exact values the mutant changes.

use golden::chip::Activity;

/// `Activity::add` sums every count, per layer for the active inputs, and widens to the longer
/// list (mutant: `*a += b` → `*a -= b`).
#[test]
fn activities_add_up_count_by_count() {
    let mut total = Activity {
        events: 5,
        membrane_updates: 40,
        active_inputs: vec![3, 2],
        rounding_draws: 1,
    };
    total.add(&Activity {
        events: 7,
        membrane_updates: 60,
        active_inputs: vec![4, 6, 1],
        rounding_draws: 2,
    });
    assert_eq!(
        total,
        Activity {
            events: 12,
            membrane_updates: 100,
            active_inputs: vec![7, 8, 1],
            rounding_draws: 3,
        }
    );
}

/// The means divide every count by the samples (mutant: `/` → `%` for the active inputs).
#[test]
fn mean_activity_divides_every_count() {
    let total = Activity {
        events: 10,
        membrane_updates: 30,
        active_inputs: vec![7, 3],
        rounding_draws: 4,
    };
    let m = golden::experiment::MeanActivity::of(&total, 4);
    assert_eq!(m.events, 2.5);
    assert_eq!(m.membrane_updates, 7.5);
    assert_eq!(m.active_inputs, vec![1.75, 0.75]);
    assert_eq!(m.rounding_draws, 1.0);
}

/// `integrate_event` returns touched positions × kernels: on a 4×4 field with 3×3 kernels at
/// stride 1 (2×2 positions) and 3 kernels, an event at (1, 1) touches all 4 positions (12
/// updates), one at a corner 1 (3 updates), one on an absent channel none (mutant: the last
/// `*` → `/`, invisible with one kernel).
#[test]
fn an_event_counts_its_membrane_updates() {
    let mut c = golden::config::Config::default();
    c.input.width = 4;
    c.input.height = 4;
    c.conv.size = 3;
    c.conv.stride = 1;
    c.conv.kernels = 3;
    c.hardware.conv_lanes = 1;
    c.validate().unwrap();
    let kernels = golden::kernel::KernelMemory::zeros(&c);
    let mut map = golden::membrane::MembraneMap::new(&c);
    let count = |x, y, ch, map: &mut _| {
        let e = golden::event::Event::new(x, y, ch);
        golden::conv::integrate_event(&c, &kernels, map, e)
    };
    assert_eq!(count(1, 1, 0, &mut map), 12);
    assert_eq!(count(0, 0, 0, &mut map), 3);
    assert_eq!(count(3, 2, 0, &mut map), 6);
    assert_eq!(count(1, 1, 1, &mut map), 0);
}
