//! The reports of `spoon mutate`: per mutant its outcome (caught with the suite, the first
//! mismatching cycle and signal; survived; invalid), the counts and the kill rate over the
//! non-equivalent mutants, as `report.json` and `report.md`.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use testbench::mutate::{Mutation, Outcome, BENCH_VERSION};

/// One mutant's result.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub mutation: Mutation,
    pub outcome: Outcome,
    /// Build and run, wall-clock (of the run that produced it, if cached).
    pub seconds: f64,
    pub cached: bool,
}

/// A run of the harness.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub command: String,
    pub bench_version: &'static str,
    /// SHA-256 (24 hex digits) of the unmutated Verilog.
    pub verilog: String,
    pub catalogue: usize,
    pub chosen: usize,
    pub entries: Vec<Entry>,
}

impl Run {
    pub fn new(command: &str, verilog: &str, catalogue: usize, chosen: &[Mutation]) -> Self {
        Self {
            command: command.to_string(),
            bench_version: BENCH_VERSION,
            verilog: sim::verilate::sha256_hex(&[verilog.as_bytes()]),
            catalogue,
            chosen: chosen.len(),
            entries: Vec::new(),
        }
    }
}

/// The mutants argued equivalent in docs/SIM.md, by id.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Equivalent {
    #[serde(default)]
    pub equivalent: Vec<EquivalentMutant>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EquivalentMutant {
    pub id: String,
    pub reason: String,
}

impl Equivalent {
    /// The list in `path`; none if the file does not exist.
    pub fn load(path: &Path) -> Result<Self> {
        if !path.exists() {
            return Ok(Self::default());
        }
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("{}: not a list of mutants", path.display()))
    }

    pub fn reason(&self, id: &str) -> Option<&str> {
        let e = self.equivalent.iter().find(|e| e.id == id);
        e.map(|e| e.reason.as_str())
    }
}

/// The counts of a run: outcome name → mutants, and the equivalent survivors apart.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub by_outcome: BTreeMap<&'static str, usize>,
    pub equivalent: usize,
    /// Detected / (valid − equivalent), valid = not invalid.
    pub kill_rate: Option<f64>,
}

pub fn counts<'a>(entries: impl Iterator<Item = &'a Entry>, eq: &Equivalent) -> Counts {
    let mut c = Counts::default();
    let (mut detected, mut valid) = (0, 0);
    for e in entries {
        *c.by_outcome.entry(e.outcome.name()).or_default() += 1;
        let equivalent = eq.reason(&e.mutation.id).is_some() && !e.outcome.detected();
        c.equivalent += usize::from(equivalent);
        if !matches!(e.outcome, Outcome::Invalid { .. }) && !equivalent {
            valid += 1;
            detected += usize::from(e.outcome.detected());
        }
    }
    c.kill_rate = (valid > 0).then(|| detected as f64 / valid as f64);
    c
}

fn rate(c: &Counts) -> String {
    c.kill_rate
        .map_or("–".into(), |r| format!("{:.1} %", 100.0 * r))
}

/// The outcome in a few words: where it was caught, or why not.
pub fn detail(o: &Outcome) -> String {
    match o {
        Outcome::Caught(c) => match c.cycle {
            Some(cycle) => format!(
                "{} cycle {cycle}: {} golden {} RTL {}",
                c.suite, c.signal, c.expected, c.actual
            ),
            None => format!("{}: {}", c.suite, c.signal),
        },
        Outcome::Survived { cycles } => format!("{cycles} cycles equal"),
        Outcome::Invalid { error } => first_line(error),
        Outcome::Crashed { status, stderr } => format!("{status}: {}", first_line(stderr)),
        Outcome::Timeout { seconds } => format!("after {seconds} s"),
    }
}

fn first_line(s: &str) -> String {
    let l = s.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    l.chars().take(160).collect()
}

/// The progress line of one mutant.
pub fn line(m: &Mutation, o: &Outcome, seconds: f64, cached: bool) -> String {
    let from = if cached { " (cached)" } else { "" };
    format!(
        "{:<36} {:<8} {}  {seconds:.1} s{from}",
        m.id,
        o.name(),
        detail(o)
    )
}

pub fn summary(run: &Run, eq: &Equivalent) -> String {
    let c = counts(run.entries.iter(), eq);
    let each: Vec<String> = c
        .by_outcome
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    format!(
        "{} mutants run: {}; {} survivors argued equivalent; kill rate {} of the non-equivalent valid mutants",
        run.entries.len(),
        each.join(", "),
        c.equivalent,
        rate(&c)
    )
}

pub fn write(dir: &Path, run: &Run, verilog: &str, eq: &Equivalent) -> Result<()> {
    let json = serde_json::json!({
        "run": run,
        "counts": counts(run.entries.iter(), eq),
    });
    let path = dir.join("report.json");
    std::fs::write(&path, serde_json::to_string_pretty(&json)?)
        .with_context(|| format!("writing {}", path.display()))?;
    let path = dir.join("report.md");
    std::fs::write(&path, markdown(run, verilog, eq))
        .with_context(|| format!("writing {}", path.display()))
}

fn markdown(run: &Run, verilog: &str, eq: &Equivalent) -> String {
    let mut s = format!(
        "# Mutation report\n\n`{}` — bench `{}`, Verilog `{}`, catalogue {} mutants, {} chosen, {} run.\n\n{}\n\n",
        run.command,
        run.bench_version,
        run.verilog,
        run.catalogue,
        run.chosen,
        run.entries.len(),
        summary(run, eq)
    );
    s += "| block | run | caught | survived | equivalent | invalid | kill rate |\n|---|---|---|---|---|---|---|\n";
    let mut blocks: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in &run.entries {
        blocks.entry(&e.mutation.block).or_default().push(e);
    }
    for (block, entries) in &blocks {
        let c = counts(entries.iter().copied(), eq);
        let n = |k: &str| c.by_outcome.get(k).copied().unwrap_or(0);
        let detected = n("caught") + n("crashed") + n("timeout");
        s += &format!(
            "| {block} | {} | {detected} | {} | {} | {} | {} |\n",
            entries.len(),
            n("survived"),
            c.equivalent,
            n("invalid"),
            rate(&c)
        );
    }
    s += "\n| mutant | line | edit | outcome | first mismatch / reason |\n|---|---|---|---|---|\n";
    for e in &run.entries {
        let m = &e.mutation;
        let why = match (&e.outcome, eq.reason(&m.id)) {
            (Outcome::Survived { .. }, Some(r)) => format!("equivalent: {r}"),
            (o, _) => detail(o),
        };
        s += &format!(
            "| `{}` | {} | `{}` | {} | {} |\n",
            m.id,
            m.line,
            m.describe(verilog).replace('|', "\\|"),
            e.outcome.name(),
            why.replace('|', "\\|")
        );
    }
    s
}
