//! `spoon sweep merge`: every result file of a sweep as one table (CSV and JSON).
//!
//! The table is deterministic: rows in the spec's point order, columns in the order they
//! first appear, no wall time (that goes to `timing.csv`), error texts with the sweep's folder
//! written `$OUT`. The same sweep run locally or on a cluster, at once or killed and resumed,
//! merges into the same bytes.

use crate::run::PointResult;
use crate::{write_atomic, SweepError};
use serde_json::{json, Value};
use std::path::Path;

/// The column holding a point's accuracy: test accuracy at the epoch validation chose.
pub const ACCURACY: &str = "train.test_pct";
/// Cycles per classification in golden's cycle model (equal to the RTL's).
pub const CYCLES: &str = "train.cycles_per_classification";

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    pub fn get(&self, row: usize, name: &str) -> Option<&Value> {
        self.column(name)
            .and_then(|c| self.rows[row].get(c))
            .filter(|v| !v.is_null())
    }
}

/// Reads `<dir>/results/*.json`, in point order.
pub fn load_results(dir: &Path) -> Result<Vec<PointResult>, SweepError> {
    let folder = dir.join("results");
    let entries = std::fs::read_dir(&folder).map_err(|e| SweepError::io(&folder, e))?;
    let mut results = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| SweepError::io(&folder, e))?.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| SweepError::io(&path, e))?;
        let result: PointResult =
            serde_json::from_str(&text).map_err(|e| SweepError::BadResult {
                path: path.clone(),
                message: e.to_string(),
            })?;
        results.push(result);
    }
    results.sort_by(|a, b| (a.index, &a.id).cmp(&(b.index, &b.id)));
    Ok(results)
}

/// One row of cells, named, in order.
fn row(r: &PointResult) -> Vec<(String, Value)> {
    let mut cells = vec![
        ("index".to_string(), json!(r.index)),
        ("id".into(), json!(r.id)),
    ];
    for (field, text) in &r.values {
        cells.push((field.clone(), toml_to_json(text)));
    }
    cells.push(("default_chip".into(), json!(r.default_chip)));
    cells.push(("invalid".into(), json!(r.invalid)));
    for (name, o) in &r.stages {
        cells.extend(o.output.columns.iter().map(|(k, v)| (k.clone(), v.clone())));
        cells.push((format!("{name}.error"), json!(o.error)));
    }
    cells.extend(derived(&cells));
    cells
}

/// Figures computed from two stages: the time per classification at a target's clock.
fn derived(cells: &[(String, Value)]) -> Vec<(String, Value)> {
    let get = |k: &str| {
        cells
            .iter()
            .find(|(c, _)| c == k)
            .and_then(|(_, v)| v.as_f64())
    };
    let Some(cycles) = get(CYCLES) else {
        return Vec::new();
    };
    cells
        .iter()
        .filter_map(|(k, v)| Some((k.strip_suffix(".clock_mhz")?, v.as_f64()?)))
        .map(|(t, mhz)| {
            let us = crate::stages::round2(cycles / mhz);
            (format!("{t}.us_per_classification"), json!(us))
        })
        .collect()
}

fn toml_to_json(text: &str) -> Value {
    toml::from_str::<toml::Table>(&format!("v = {text}"))
        .ok()
        .and_then(|t| serde_json::to_value(&t["v"]).ok())
        .unwrap_or_else(|| json!(text))
}

pub fn build(results: &[PointResult]) -> Table {
    let rows: Vec<Vec<(String, Value)>> = results.iter().map(row).collect();
    let mut columns: Vec<String> = Vec::new();
    for r in &rows {
        for (k, _) in r {
            if !columns.contains(k) {
                columns.push(k.clone());
            }
        }
    }
    let rows = rows
        .iter()
        .map(|r| {
            columns
                .iter()
                .map(|c| {
                    r.iter()
                        .find(|(k, _)| k == c)
                        .map_or(Value::Null, |(_, v)| v.clone())
                })
                .collect()
        })
        .collect();
    Table { columns, rows }
}

fn csv_cell(v: &Value) -> String {
    let text = match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

pub fn to_csv(t: &Table) -> String {
    let line = |cells: Vec<String>| cells.join(",") + "\n";
    let mut out = line(t.columns.iter().map(|c| csv_cell(&json!(c))).collect());
    for r in &t.rows {
        out += &line(r.iter().map(csv_cell).collect());
    }
    out
}

/// The rows as JSON objects, keys in the table's column order.
pub fn to_json(t: &Table) -> String {
    let rows: Vec<String> = t
        .rows
        .iter()
        .map(|r| {
            let cells: Vec<String> = t
                .columns
                .iter()
                .zip(r)
                .map(|(c, v)| format!("\"{}\": {v}", c.replace('"', "\\\"")))
                .collect();
            format!("  {{{}}}", cells.join(", "))
        })
        .collect();
    format!("[\n{}\n]\n", rows.join(",\n"))
}

/// Wall time of every stage of every point: `id,stage,seconds`.
pub fn timing_csv(results: &[PointResult]) -> String {
    let mut out = String::from("id,stage,seconds\n");
    for r in results {
        for (name, o) in &r.stages {
            out += &format!("{},{name},{:.3}\n", r.id, o.seconds);
        }
    }
    out
}

/// Writes `table.csv`, `table.json` and `timing.csv` into `dir`; returns the table.
pub fn merge(dir: &Path) -> Result<(Table, Vec<PointResult>), SweepError> {
    let results = load_results(dir)?;
    let table = build(&results);
    write_atomic(&dir.join("table.csv"), &to_csv(&table))?;
    write_atomic(&dir.join("table.json"), &to_json(&table))?;
    write_atomic(&dir.join("timing.csv"), &timing_csv(&results))?;
    Ok((table, results))
}
