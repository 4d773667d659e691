//! Sweep specs: parsing, expansion (exact points and ids), errors naming the file and field,
//! sharding.

use std::path::Path;
use sweep::spec::{parse_shard, shard, Spec};

fn spec(text: &str) -> Result<Spec, sweep::SweepError> {
    Spec::from_toml(text, Path::new("s.toml"))
}

const GRID: &str = r#"
stages = ["train"]
[set]
"training.epochs" = 1
[[vary]]
field = "conv.kernels"
values = [8, 16]
[[vary]]
field = "fc.hidden"
range = { from = 50, to = 150, step = 50 }
"#;

fn listing(s: &Spec) -> Vec<(usize, String, String)> {
    s.points()
        .unwrap()
        .into_iter()
        .map(|p| {
            let v: Vec<String> = p.values.iter().map(|(f, v)| format!("{f}={v}")).collect();
            (p.index, p.id, v.join(" "))
        })
        .collect()
}

#[test]
fn a_grid_expands_to_its_product_first_field_outermost_with_stable_ids() {
    let s = spec(GRID).unwrap();
    assert_eq!(s.base.training.epochs, 1);
    let got = listing(&s);
    let want: Vec<(usize, String, String)> = [
        "conv.kernels=8 fc.hidden=50",
        "conv.kernels=8 fc.hidden=100",
        "conv.kernels=8 fc.hidden=150",
        "conv.kernels=16 fc.hidden=50",
        "conv.kernels=16 fc.hidden=100",
        "conv.kernels=16 fc.hidden=150",
    ]
    .iter()
    .zip(IDS)
    .enumerate()
    .map(|(i, (v, id))| (i, id.to_string(), v.to_string()))
    .collect();
    assert_eq!(got, want);
    let points = s.points().unwrap();
    assert_eq!(points[4].config.fc.hidden, vec![100]);
    assert_eq!(points[4].config.conv.kernels, 16);
    // The default chip (training aside) is point 4; every point here is valid.
    assert!(sweep::spec::is_default_chip(&points[4].config));
    assert!(
        points
            .iter()
            .filter(|p| sweep::spec::is_default_chip(&p.config))
            .count()
            == 1
    );
    assert!(points.iter().all(|p| p.invalid.is_none()));
}

/// The SHA-256 ids of the grid's configs: they change only if the config (or its TOML form)
/// does.
const IDS: [&str; 6] = [
    "a006e476955c",
    "c5f4da2d9296",
    "e50dd5026952",
    "edaa1ee05e6d",
    "4351d3a70535",
    "4bf28b357914",
];

#[test]
fn random_draws_are_seeded_and_a_repeated_config_is_kept_once() {
    let text = r#"
        stages = ["train"]
        seed = 7
        [[vary]]
        field = "fc.weight_bits"
        random = { min = 4, max = 9, count = 5 }
    "#;
    let values = |t: &str| -> Vec<String> {
        spec(t)
            .unwrap()
            .points()
            .unwrap()
            .iter()
            .map(|p| p.values[0].1.to_string())
            .collect()
    };
    let first = values(text);
    assert_eq!(first, values(text));
    assert_eq!(first, DRAWS);
    assert_ne!(values(&text.replace("seed = 7", "seed = 8")), first);
}

/// Five draws in [4, 9] from seed 7; one repeats an earlier draw, so four points.
const DRAWS: [&str; 4] = ["4", "5", "8", "7"];

#[test]
fn an_invalid_point_carries_its_validation_error() {
    let s = spec(
        r#"
        stages = ["train"]
        [[vary]]
        field = "conv.kernels"
        values = [4, 16]
    "#,
    )
    .unwrap();
    let points = s.points().unwrap();
    assert_eq!(
        points[0].invalid.as_deref(),
        Some("invalid configuration: `hardware.conv_lanes` must be in 1..=conv.kernels (4), got 8")
    );
    assert_eq!(points[1].invalid, None);
}

#[test]
fn errors_name_the_file_and_the_field() {
    let cases = [
        ("stages = [\"train\"]\nbogus = 1", "sweep spec s.toml: TOML parse error at line 2"),
        (
            "stages = [\"train\"]\n[[vary]]\nfield = \"conv.kernel\"\nvalues = [1]",
            "sweep spec s.toml: field `vary.conv.kernel`: the config has no field `conv.kernel`",
        ),
        (
            "stages = [\"train\"]\n[[vary]]\nfield = \"conv.kernels\"\nvalues = [\"x\"]",
            "sweep spec s.toml: field `vary.conv.kernels`: expects an integer, got \"x\"",
        ),
        (
            "stages = [\"train\"]\n[[vary]]\nfield = \"conv.kernels\"\nvalues = [1]\nrange = { from = 1, to = 2 }",
            "sweep spec s.toml: field `vary.conv.kernels`: give exactly one of `values`, `range`, `random`",
        ),
        (
            "stages = [\"train\"]\n[set]\n\"fc.hidden\" = -3",
            "sweep spec s.toml: field `set.fc.hidden`: value not accepted",
        ),
        ("stages = [\"place\"]", "sweep spec s.toml: field `stages`: unknown stage `place`"),
        ("stages = [\"power\"]", "sweep spec s.toml: field `stages`: the power stage needs `targets` (up5k, ecp5-85f)"),
        ("stages = [\"synth\"]", "sweep spec s.toml: field `stages`: a synth stage needs `targets`"),
        (
            "stages = [\"power\"]\ntargets = [\"yosys\"]",
            "sweep spec s.toml: field `stages`: the power stage has an energy model for up5k and ecp5-85f, not `yosys`",
        ),
        (
            "stages = [\"synth\"]\ntargets = [\"up6k\"]",
            "sweep spec s.toml: field `targets`: no target `up6k`",
        ),
        (
            "stages = [\"train\"]\nbase = \"/nonexistent.toml\"",
            "sweep spec s.toml: field `base`: cannot read config file /nonexistent.toml",
        ),
    ];
    let e = spec("stages = [\"train\"]\nbogus = 1")
        .unwrap_err()
        .to_string();
    assert!(e.contains("unknown field `bogus`"), "{e}");
    for (text, want) in cases {
        let e = spec(text).unwrap_err().to_string();
        assert!(e.starts_with(want), "{text}\n→ {e}\nwanted {want}");
    }
}

#[test]
fn shards_are_disjoint_and_together_the_whole() {
    let points = spec(GRID).unwrap().points().unwrap();
    for n in 1..=7 {
        let mut seen: Vec<usize> = (0..n)
            .flat_map(|i| shard(points.clone(), i, n))
            .map(|p| p.index)
            .collect();
        assert_eq!(seen.len(), points.len(), "{n} shards");
        seen.sort();
        assert_eq!(seen, (0..points.len()).collect::<Vec<_>>());
    }
    let ids = |i| -> Vec<String> {
        shard(points.clone(), i, 4)
            .into_iter()
            .map(|p| p.id)
            .collect()
    };
    assert_eq!(ids(1), [IDS[1], IDS[5]]);
    assert_eq!(ids(3), [IDS[3]]);
}

#[test]
fn shard_arguments_are_checked() {
    assert_eq!(parse_shard("2/5").unwrap(), (2, 5));
    for bad in ["5/5", "1/0", "1", "a/2", "-1/2"] {
        assert_eq!(
            parse_shard(bad).unwrap_err().to_string(),
            format!("`--shard {bad}`: expected I/N with 0 ≤ I < N")
        );
    }
}

#[test]
fn a_field_left_out_of_the_toml_at_its_default_can_be_varied() {
    let s = spec(
        r#"
        stages = ["emit"]
        [[vary]]
        field = "hardware.learning"
        values = [true, false]
    "#,
    )
    .unwrap();
    let points = s.points().unwrap();
    let learning: Vec<bool> = points.iter().map(|p| p.config.hardware.learning).collect();
    assert_eq!(learning, [true, false]);
    assert_ne!(points[0].id, points[1].id);
    let e = spec("stages = [\"emit\"]\n[[vary]]\nfield = \"hardware.learnin\"\nvalues = [true]")
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "sweep spec s.toml: field `vary.hardware.learnin`: the config has no field `hardware.learnin`"
    );
    let e = spec("stages = [\"emit\"]\n[[vary]]\nfield = \"hardware.learning\"\nvalues = [3]")
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("sweep spec s.toml: field `vary.hardware.learning`: value not accepted: invalid type: integer `3`, expected a boolean"),
        "{e}"
    );
}
