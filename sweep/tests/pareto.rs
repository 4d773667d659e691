//! Pareto fronts of a hand-made table with a known answer, and its figure.

use serde_json::{json, Value};
use sweep::pareto::{analyse, candidates, draw_all, front, Candidate};
use sweep::table::Table;

fn table() -> Table {
    // id, LUTs, accuracy, default chip
    let rows: [(&str, Value, Value, bool); 8] = [
        ("a", json!(1000), json!(80.0), false),
        ("b", json!(2000), json!(90.0), false),
        ("def", json!(3000), json!(89.0), true),
        ("c", json!(2500), json!(92.0), false),
        ("d", json!(4000), json!(92.0), false), // dominated by c (same accuracy, more LUTs)
        ("e", json!(500), json!(70.0), false),
        ("f", Value::Null, json!(99.0), false), // no LUT figure: not on this figure
        ("g", json!(100), json!(99.0), false),  // does not fit the UP5K: not a candidate
    ];
    Table {
        columns: [
            "id",
            "default_chip",
            "up5k.yosys_luts",
            "train.test_pct",
            "up5k.yosys_fits",
        ]
        .map(String::from)
        .to_vec(),
        rows: rows
            .into_iter()
            .map(|(id, luts, acc, d)| vec![json!(id), json!(d), luts, acc, json!(id != "g")])
            .collect(),
    }
}

#[test]
fn the_front_and_the_points_dominating_the_default_are_exact() {
    let t = table();
    let points = candidates(&t, "up5k.yosys_luts");
    assert_eq!(points.len(), 6);
    let ids = |v: Vec<Candidate>| v.into_iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(ids(front(&points)), ["e", "a", "b", "c"]);
    let f = analyse("up5k.yosys_luts", &points);
    assert_eq!(f.default_chip.as_deref(), Some("def"));
    // b: fewer LUTs, better accuracy; c: fewer LUTs, better accuracy; d: more LUTs.
    assert_eq!(f.dominating_default, ["b", "c"]);
}

#[test]
fn equal_points_do_not_dominate_each_other() {
    let p = |id: &str| Candidate {
        id: id.into(),
        cost: 1.0,
        accuracy: 2.0,
        default_chip: false,
    };
    let points = [p("x"), p("y")];
    assert_eq!(front(&points).len(), 2);
}

#[test]
fn the_figure_draws_every_point_the_front_and_the_marks() {
    let dir = tempfile::tempdir().unwrap();
    let figures = draw_all(&table(), dir.path()).unwrap();
    assert_eq!(figures.len(), 1);
    let path = dir.path().join("pareto-up5k-yosys_luts.svg");
    assert_eq!(figures[0].svg.as_deref(), Some(path.as_path()));
    let svg = std::fs::read_to_string(&path).unwrap();
    // Six dots, two rings around b and c, and the legend's four swatches (dots).
    assert_eq!(svg.matches("<circle").count(), 6 + 2 + 4);
    for label in [
        "design points",
        "Pareto front",
        "dominates the default",
        "default chip",
    ] {
        assert!(svg.contains(&format!("\n{label}\n")), "{label}");
    }
}

/// `front_of` reads a merge's fronts.json back: the front of a cost, and errors that name the
/// file and say what to do (no merge yet, a cost the merge did not draw).
#[test]
fn front_of_reads_the_merged_fronts() {
    let dir = tempfile::tempdir().unwrap();
    let err = sweep::pareto::front_of(dir.path(), "up5k.yosys_luts")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("fronts.json: no fronts yet: run `spoon sweep merge"),
        "{err}"
    );
    let figures = draw_all(&table(), dir.path()).unwrap();
    let text = serde_json::to_string(&figures).unwrap();
    std::fs::write(dir.path().join("fronts.json"), text).unwrap();
    assert_eq!(
        sweep::pareto::front_of(dir.path(), "up5k.yosys_luts").unwrap(),
        ["e", "a", "b", "c"]
    );
    let err = sweep::pareto::front_of(dir.path(), "up5k.energy_nj")
        .unwrap_err()
        .to_string();
    assert!(
        err.ends_with("no front of `up5k.energy_nj`; the merge drew up5k.yosys_luts"),
        "{err}"
    );
}
