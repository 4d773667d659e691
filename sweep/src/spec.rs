//! The sweep spec (TOML) and its expansion into points.
//!
//! ```toml
//! base = "default"                 # "default", "tiny" or a config file
//! stages = ["train", "synth-yosys"]
//! targets = ["up5k"]
//! seed = 1                         # of the random draws
//! [set]                            # fixed changes to the base
//! "training.epochs" = 3
//! [data]                           # the options of `spoon train`, plus sample limits
//! data = "data/mnist-sample"
//! [[vary]]
//! field = "conv.kernels"
//! values = [8, 16]                 # or range = { from = 50, to = 150, step = 50 }
//!                                  # or random = { min = 4, max = 8, count = 3 }
//! [[vary]]                         # fields set together to each value (one axis,
//! field = "hardware.conv_lanes+hardware.fc_lanes"   # its name the fields joined by `+`)
//! values = [1, 2, 4, 8]
//! ```

use crate::SweepError;
use golden::config::Config;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages a sweep knows, in the order they run.
pub const STAGES: [&str; 5] = ["train", "emit", "synth-yosys", "synth", "power"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpecFile {
    base: Option<String>,
    #[serde(default)]
    set: BTreeMap<String, toml::Value>,
    #[serde(default)]
    vary: Vec<Vary>,
    #[serde(default = "one")]
    seed: u64,
    #[serde(default)]
    data: DataSpec,
    #[serde(default)]
    targets: Vec<String>,
    stages: Vec<String>,
    #[serde(default)]
    slurm: SlurmSpec,
}

fn one() -> u64 {
    1
}

/// Where the samples come from: the options of `spoon train` (`--data`, `--nmnist`,
/// `--nmnist-limit`), plus limits that keep a sweep's points short.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSpec {
    pub data: Option<PathBuf>,
    pub nmnist: Option<PathBuf>,
    pub nmnist_limit: Option<u64>,
    /// At most this many training samples (a seeded shuffle of the split, seed 1).
    pub train_limit: Option<usize>,
    /// At most this many test samples (a seeded shuffle of the split, seed 1).
    pub test_limit: Option<usize>,
}

/// Resources of one Slurm array task (`spoon sweep slurm`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SlurmSpec {
    pub partition: Option<String>,
    pub account: Option<String>,
    /// CPUs of a task (its points run in parallel on them).
    pub cpus: u32,
    /// Memory of a task, MB.
    pub mem_mb: u32,
    /// Wall-time budget per point and stage, minutes; a task's limit is the sum over its
    /// points. Stages not listed get `default_minutes`.
    pub minutes: BTreeMap<String, u32>,
    pub default_minutes: u32,
}

impl Default for SlurmSpec {
    fn default() -> Self {
        let minutes = [
            ("train", 10),
            ("emit", 1),
            ("synth-yosys", 5),
            ("synth", 30),
        ]
        .map(|(s, m)| (s.to_string(), m))
        .into();
        Self {
            partition: None,
            account: None,
            cpus: 1,
            mem_mb: 2000,
            minutes,
            default_minutes: 10,
        }
    }
}

/// One varied field: exactly one of `values`, `range`, `random`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Vary {
    field: String,
    values: Option<Vec<toml::Value>>,
    range: Option<IntRange>,
    random: Option<RandomDraw>,
}

/// `from`, `from + step`, ... up to `to` inclusive.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntRange {
    from: i64,
    to: i64,
    #[serde(default = "one_i64")]
    step: i64,
}

fn one_i64() -> i64 {
    1
}

/// `count` integers drawn uniformly in `[min, max]` from the spec's seed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RandomDraw {
    min: i64,
    max: i64,
    count: usize,
}

/// A parsed and checked sweep spec.
#[derive(Debug, Clone)]
pub struct Spec {
    pub path: PathBuf,
    pub base: Config,
    pub data: DataSpec,
    pub targets: Vec<spoon_synth::Target>,
    pub stages: Vec<String>,
    pub slurm: SlurmSpec,
    /// Each varied field with its values, in the spec's order.
    pub axes: Vec<Axis>,
}

/// A varied field and its values.
pub type Axis = (String, Vec<toml::Value>);

/// One design point.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Position in the expansion (sharding and the table's row order follow it).
    pub index: usize,
    /// First 12 hex digits of the SHA-256 of the config's TOML.
    pub id: String,
    pub config: Config,
    /// The varied fields' values.
    pub values: Vec<(String, toml::Value)>,
    /// Why `Config::validate` refuses the config, if it does.
    pub invalid: Option<String>,
}

impl Spec {
    pub fn from_file(path: &Path) -> Result<Self, SweepError> {
        let text = std::fs::read_to_string(path).map_err(|e| SweepError::io(path, e))?;
        Self::from_toml(&text, path)
    }

    /// Parses `text`; `path` names the spec in errors (and a relative `base` is read from
    /// the current directory, like every path of the spec).
    pub fn from_toml(text: &str, path: &Path) -> Result<Self, SweepError> {
        let spec_err = |message: String| SweepError::Spec {
            path: path.to_path_buf(),
            message,
        };
        let field_err = |field: &str, message: String| SweepError::Field {
            path: path.to_path_buf(),
            field: field.to_string(),
            message,
        };
        let file: SpecFile = toml::from_str(text).map_err(|e| spec_err(e.to_string()))?;
        let mut base = match file.base.as_deref() {
            None | Some("default") => Config::default(),
            Some("tiny") => Config::tiny(),
            Some(file) => {
                Config::from_file(Path::new(file)).map_err(|e| field_err("base", e.to_string()))?
            }
        };
        for (field, value) in &file.set {
            base = with_value(&base, field, value)
                .map_err(|m| field_err(&format!("set.{field}"), m))?;
        }
        let targets = file
            .targets
            .iter()
            .map(|t| t.parse().map_err(|e| field_err("targets", format!("{e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        check_stages(&file.stages, &targets).map_err(|m| field_err("stages", m))?;
        if file.data.data.is_some() && file.data.nmnist.is_some() {
            return Err(field_err(
                "data",
                "give `data` or `nmnist`, not both".into(),
            ));
        }
        let axes = axes(&file, &base).map_err(|(f, m)| field_err(&f, m))?;
        Ok(Self {
            path: path.to_path_buf(),
            base,
            data: file.data,
            targets,
            stages: file.stages,
            slurm: file.slurm,
            axes,
        })
    }

    /// Every point, in a fixed order (the first varied field outermost); a config met twice
    /// is kept once, at its first place.
    pub fn points(&self) -> Result<Vec<Point>, SweepError> {
        let mut combos: Vec<Vec<(String, toml::Value)>> = vec![Vec::new()];
        for (field, values) in &self.axes {
            combos = combos
                .into_iter()
                .flat_map(|c| {
                    values.iter().map(move |v| {
                        let mut c = c.clone();
                        c.push((field.clone(), v.clone()));
                        c
                    })
                })
                .collect();
        }
        let mut seen = BTreeSet::new();
        let mut points = Vec::new();
        for values in combos {
            let mut config = self.base.clone();
            for (field, value) in &values {
                config =
                    with_values(&config, field, value).map_err(|message| SweepError::Field {
                        path: self.path.clone(),
                        field: field.clone(),
                        message,
                    })?;
            }
            let id = config_id(&config);
            if !seen.insert(id.clone()) {
                continue;
            }
            points.push(Point {
                index: points.len(),
                id,
                invalid: config.validate().err().map(|e| e.to_string()),
                config,
                values,
            });
        }
        Ok(points)
    }

    /// The varied fields' names, in the spec's order.
    pub fn fields(&self) -> Vec<String> {
        self.axes.iter().map(|(f, _)| f.clone()).collect()
    }
}

/// The stable id of a config: the first 12 hex digits of the SHA-256 of its TOML.
pub fn config_id(config: &Config) -> String {
    let digest = Sha256::digest(config.to_toml().as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

fn check_stages(stages: &[String], targets: &[spoon_synth::Target]) -> Result<(), String> {
    if stages.is_empty() {
        return Err("name at least one stage".into());
    }
    for s in stages {
        if !STAGES.contains(&s.as_str()) {
            return Err(format!(
                "unknown stage `{s}`; the stages are {}",
                STAGES.join(", ")
            ));
        }
    }
    let synth = stages.iter().any(|s| s.starts_with("synth"));
    if synth && targets.is_empty() {
        return Err("a synth stage needs `targets` (up5k, ecp5-85f, ecp5-45f, yosys)".into());
    }
    if stages.iter().any(|s| s == "power") {
        // The FPGA energy model's devices (spoon-power `fpga::device`, docs/POWER.md).
        let modelled = ["up5k", "ecp5-85f"];
        if targets.is_empty() {
            return Err("the power stage needs `targets` (up5k, ecp5-85f)".into());
        }
        if let Some(t) = targets.iter().find(|t| !modelled.contains(&t.name())) {
            return Err(format!(
                "the power stage has an energy model for up5k and ecp5-85f, not `{}`",
                t.name()
            ));
        }
    }
    Ok(())
}

/// Each `[[vary]]` as a field and its list of values; errors carry the field's name.
fn axes(file: &SpecFile, base: &Config) -> Result<Vec<Axis>, (String, String)> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(file.seed);
    let mut seen = BTreeSet::new();
    let mut axes = Vec::new();
    for v in &file.vary {
        let err = |m: &str| (format!("vary.{}", v.field), m.to_string());
        if !seen.insert(v.field.clone()) {
            return Err(err("varied twice"));
        }
        let values: Vec<toml::Value> = match (&v.values, &v.range, &v.random) {
            (Some(values), None, None) => values.clone(),
            (None, Some(r), None) => {
                if r.step <= 0 || r.to < r.from {
                    return Err(err("range needs from ≤ to and step ≥ 1"));
                }
                (r.from..=r.to)
                    .step_by(r.step as usize)
                    .map(toml::Value::Integer)
                    .collect()
            }
            (None, None, Some(r)) => {
                if r.max < r.min {
                    return Err(err("random needs min ≤ max"));
                }
                (0..r.count)
                    .map(|_| toml::Value::Integer(rng.random_range(r.min..=r.max)))
                    .collect()
            }
            _ => return Err(err("give exactly one of `values`, `range`, `random`")),
        };
        if values.is_empty() {
            return Err(err("no value"));
        }
        for value in &values {
            with_values(base, &v.field, value).map_err(|m| err(&m))?;
        }
        axes.push((v.field.clone(), values));
    }
    Ok(axes)
}

/// `config` with each field of `axis` (TOML paths joined by `+`) set to `value` (not
/// validated).
pub fn with_values(config: &Config, axis: &str, value: &toml::Value) -> Result<Config, String> {
    axis.split('+').try_fold(config.clone(), |c, field| {
        with_value(&c, field.trim(), value)
    })
}

/// `config` with the field at TOML path `field` set to `value` (not validated). A single
/// value given for a list field (`fc.hidden = 50`) is the one-element list.
pub fn with_value(config: &Config, field: &str, value: &toml::Value) -> Result<Config, String> {
    let no_field = || format!("the config has no field `{field}`");
    let mut root = toml::Value::try_from(config).map_err(|e| e.to_string())?;
    let (parent, last) = field.rsplit_once('.').unwrap_or(("", field));
    let mut table = root.as_table_mut().ok_or_else(no_field)?;
    for key in parent.split('.').filter(|k| !k.is_empty()) {
        table = table
            .get_mut(key)
            .and_then(|v| v.as_table_mut())
            .ok_or_else(no_field)?;
    }
    // A field left out of the TOML when it has its default value (`hardware.learning`):
    // deserialising says whether the config has it.
    let absent = !table.contains_key(last);
    if absent {
        set_in(&mut root, parent, last, value.clone());
        return root.try_into::<Config>().map_err(|e| match e.message() {
            m if m.starts_with("unknown field") => no_field(),
            m => format!("value not accepted: {m}"),
        });
    }
    let slot = table.get_mut(last).ok_or_else(no_field)?;
    let value = match (&*slot, value) {
        (toml::Value::Array(_), v) if !v.is_array() => toml::Value::Array(vec![v.clone()]),
        _ => value.clone(),
    };
    if slot.type_str() != value.type_str() {
        return Err(format!(
            "expects {} {}, got {value}",
            article(slot.type_str()),
            slot.type_str()
        ));
    }
    *slot = value;
    root.try_into::<Config>()
        .map_err(|e| format!("value not accepted: {}", e.message()))
}

/// Inserts `key = value` in the table at path `parent` of `root` (which exists).
fn set_in(root: &mut toml::Value, parent: &str, key: &str, value: toml::Value) {
    let mut t = root;
    for k in parent.split('.').filter(|k| !k.is_empty()) {
        t = &mut t[k];
    }
    if let Some(table) = t.as_table_mut() {
        table.insert(key.to_string(), value);
    }
}

fn article(kind: &str) -> &'static str {
    if kind.starts_with(['a', 'i']) {
        "an"
    } else {
        "a"
    }
}

/// The slice `i` of `n`: the points whose index is `i` modulo `n`.
pub fn shard(points: Vec<Point>, i: usize, n: usize) -> Vec<Point> {
    points.into_iter().filter(|p| p.index % n == i).collect()
}

/// Parses `I/N`.
pub fn parse_shard(text: &str) -> Result<(usize, usize), SweepError> {
    let bad = || SweepError::Shard(text.to_string());
    let (i, n) = text.split_once('/').ok_or_else(bad)?;
    let (i, n): (usize, usize) = (
        i.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if n == 0 || i >= n {
        return Err(bad());
    }
    Ok((i, n))
}

/// Whether `config` is the default chip (its training procedure aside).
pub fn is_default_chip(config: &Config) -> bool {
    let mut c = config.clone();
    c.training = Config::default().training;
    c == Config::default()
}
