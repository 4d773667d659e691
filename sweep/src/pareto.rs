//! Pareto fronts of a merged table: accuracy (higher is better) against a cost (lower is
//! better: LUTs, logic cells, cycles or time per classification, energy), with the default
//! chip and the points that dominate it.

use crate::table::{Table, ACCURACY};
use crate::SweepError;
use plot::{scatter_chart, Chart, Layer, Mark, RGBColor, PALETTE};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The cost columns drawn against accuracy: any column with one of these suffixes (one
/// figure per target), with its axis label. The power stage adds `.energy_nj`.
pub const COSTS: [(&str, &str); 5] = [
    (".yosys_luts", "LUTs (Yosys, before place and route)"),
    (".logic_cells", "logic cells (placed)"),
    (".cycles_per_classification", "cycles per classification"),
    (".us_per_classification", "time per classification (µs)"),
    (".energy_nj", "energy per classification (nJ)"),
];

/// A design point on one figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub id: String,
    pub cost: f64,
    pub accuracy: f64,
    pub default_chip: bool,
}

/// `a` dominates `b`: no worse on both axes, better on one.
pub fn dominates(a: &Candidate, b: &Candidate) -> bool {
    a.cost <= b.cost && a.accuracy >= b.accuracy && (a.cost < b.cost || a.accuracy > b.accuracy)
}

/// The points no other point dominates, by increasing cost.
pub fn front(points: &[Candidate]) -> Vec<Candidate> {
    let mut front: Vec<Candidate> = points
        .iter()
        .filter(|p| !points.iter().any(|q| dominates(q, p)))
        .cloned()
        .collect();
    front.sort_by(|a, b| a.cost.total_cmp(&b.cost).then(a.id.cmp(&b.id)));
    front
}

/// One figure's findings (`fronts.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub cost: String,
    pub points: usize,
    pub front: Vec<String>,
    pub default_chip: Option<String>,
    pub dominating_default: Vec<String>,
    pub svg: Option<PathBuf>,
}

/// The Pareto front of `cost` in the `fronts.json` that `spoon sweep merge` wrote in `dir`:
/// the ids of the points to give a costly stage next (`spoon sweep run --front COST`).
pub fn front_of(dir: &Path, cost: &str) -> Result<Vec<String>, SweepError> {
    let path = dir.join("fronts.json");
    let bad = |message: String| SweepError::Fronts {
        path: path.clone(),
        message,
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(bad(format!(
                "no fronts yet: run `spoon sweep merge {}` first",
                dir.display()
            )))
        }
        Err(e) => return Err(SweepError::io(&path, e)),
    };
    let figures: Vec<Figure> =
        serde_json::from_str(&text).map_err(|e| bad(format!("not a merge's fronts: {e}")))?;
    let figure = figures.iter().find(|f| f.cost == cost).ok_or_else(|| {
        let costs: Vec<&str> = figures.iter().map(|f| f.cost.as_str()).collect();
        bad(format!(
            "no front of `{cost}`; the merge drew {}",
            costs.join(", ")
        ))
    })?;
    if figure.front.is_empty() {
        return Err(bad(format!("the front of `{cost}` has no point")));
    }
    Ok(figure.front.clone())
}

/// The points of `table` that have both `cost` and the accuracy, and that fit the cost's
/// target (`<target>.yosys_fits`, `<target>.places` not false).
pub fn candidates(table: &Table, cost: &str) -> Vec<Candidate> {
    let target = cost.split_once('.').map_or("", |(t, _)| t);
    let refused = |r: usize| {
        ["yosys_fits", "places"]
            .iter()
            .any(|c| table.get(r, &format!("{target}.{c}")) == Some(&serde_json::json!(false)))
    };
    (0..table.rows.len())
        .filter(|&r| !refused(r))
        .filter_map(|r| {
            Some(Candidate {
                id: table.get(r, "id")?.as_str()?.to_string(),
                cost: table.get(r, cost)?.as_f64()?,
                accuracy: table.get(r, ACCURACY)?.as_f64()?,
                default_chip: table.get(r, "default_chip")?.as_bool()?,
            })
        })
        .collect()
}

pub fn analyse(cost: &str, points: &[Candidate]) -> Figure {
    let default = points.iter().find(|p| p.default_chip);
    Figure {
        cost: cost.to_string(),
        points: points.len(),
        front: front(points).into_iter().map(|p| p.id).collect(),
        default_chip: default.map(|d| d.id.clone()),
        dominating_default: default.map_or_else(Vec::new, |d| {
            points
                .iter()
                .filter(|p| dominates(p, d))
                .map(|p| p.id.clone())
                .collect()
        }),
        svg: None,
    }
}

/// Every figure the table can make, drawn as `pareto-<cost>.svg` in `dir`.
pub fn draw_all(table: &Table, dir: &Path) -> Result<Vec<Figure>, SweepError> {
    let mut figures = Vec::new();
    for column in &table.columns {
        let Some((_, label)) = COSTS.iter().find(|(s, _)| column.ends_with(s)) else {
            continue;
        };
        let points = candidates(table, column);
        if points.is_empty() {
            continue;
        }
        let mut figure = analyse(column, &points);
        let path = dir.join(format!("pareto-{}.svg", column.replace(['.', ':'], "-")));
        draw(&path, column, label, &points, &figure)?;
        figure.svg = Some(path);
        figures.push(figure);
    }
    Ok(figures)
}

fn draw(
    path: &Path,
    column: &str,
    label: &str,
    points: &[Candidate],
    f: &Figure,
) -> Result<(), SweepError> {
    let pick = |ids: &[String]| -> Vec<(f64, f64)> {
        points
            .iter()
            .filter(|p| ids.contains(&p.id))
            .map(|p| (p.cost, p.accuracy))
            .collect()
    };
    let mut front: Vec<&Candidate> = points.iter().filter(|p| f.front.contains(&p.id)).collect();
    front.sort_by(|a, b| a.cost.total_cmp(&b.cost));
    let layer = |name: &str, colour: RGBColor, mark, points| Layer {
        name: name.into(),
        colour,
        mark,
        points,
    };
    let layers = [
        layer(
            "design points",
            PALETTE[0],
            Mark::Dot,
            pick(&points.iter().map(|p| p.id.clone()).collect::<Vec<_>>()),
        ),
        layer(
            "Pareto front",
            PALETTE[1],
            Mark::Line,
            front.iter().map(|p| (p.cost, p.accuracy)).collect(),
        ),
        layer(
            "dominates the default",
            PALETTE[2],
            Mark::Ring,
            pick(&f.dominating_default),
        ),
        layer(
            "default chip",
            PALETTE[5],
            Mark::Cross,
            pick(&f.default_chip.iter().cloned().collect::<Vec<_>>()),
        ),
    ];
    let title = format!("test accuracy (validation-chosen epoch) vs {column}");
    let chart = Chart {
        title: &title,
        x_label: label,
        y_label: "test accuracy (%)",
        log_y: false,
    };
    scatter_chart(path, &chart, &layers)?;
    Ok(())
}
