//! SVG line charts of an experiment's curves, drawn by the shared `plot` crate (spoon-plot).

use std::path::{Path, PathBuf};

use plot::RGBColor;
pub use plot::{line_chart, Chart, PlotError, Series};

use crate::experiments::{ExperimentReport, RunReport};
use crate::learning::TrainingMode;
use crate::trainer::Metrics;

/// Colour of each mode, the same in every chart.
pub fn mode_colour(mode: TrainingMode) -> RGBColor {
    match mode {
        TrainingMode::Bp => RGBColor(0, 0, 0),
        TrainingMode::Fa => RGBColor(31, 119, 180),
        TrainingMode::Dfa => RGBColor(44, 160, 44),
        TrainingMode::Sdfa => RGBColor(148, 103, 189),
        TrainingMode::Drtp => RGBColor(214, 39, 40),
        TrainingMode::Shallow => RGBColor(255, 127, 14),
    }
}

/// Test and training curves plus one angle chart per hidden layer, written into `dir` as
/// `<name>-test.svg`, `<name>-train.svg`, `<name>-angle-layer<k>.svg`; returns the paths.
pub fn plot_report(report: &ExperimentReport, dir: &Path) -> Result<Vec<PathBuf>, PlotError> {
    let name = &report.spec.name;
    let classification = report
        .runs
        .first()
        .is_some_and(|r| r.last().test.error_pct.is_some());
    let what = if classification { "error (%)" } else { "MSE" };
    // Log scale: the interesting spread (a few % or 1e-3 MSE) sits far below the start.
    let log_y = true;
    let figure = |m: &Metrics| m.error_pct.unwrap_or(m.mse);
    let mut written = Vec::new();
    for (set, pick) in [("test", true), ("train", false)] {
        let path = dir.join(format!("{name}-{set}.svg"));
        let series = curves(&report.runs, |r| {
            r.history
                .iter()
                .map(|e| {
                    (
                        e.epoch as f64,
                        figure(if pick { &e.test } else { &e.train }),
                    )
                })
                .collect()
        });
        let title = format!("{name}: {set} {what}");
        let chart = Chart {
            title: &title,
            x_label: "epoch",
            y_label: what,
            log_y,
        };
        line_chart(&path, &chart, &series)?;
        written.push(path);
    }
    let hidden = report.spec.sizes.len() - 2;
    for k in 0..hidden {
        let path = dir.join(format!("{name}-angle-layer{}.svg", k + 1));
        let runs: Vec<RunReport> = report
            .runs
            .iter()
            .filter(|r| {
                r.history
                    .iter()
                    .any(|e| e.angles_deg[k].is_some_and(|a| a > 0.0))
            })
            .cloned()
            .collect();
        let series = curves(&runs, |r| {
            r.history
                .iter()
                .filter_map(|e| e.angles_deg[k].map(|a| (e.epoch as f64, a)))
                .collect()
        });
        if series.is_empty() {
            continue;
        }
        let title = format!("{name}: angle of δz to BP's, hidden layer {}", k + 1);
        let chart = Chart {
            title: &title,
            x_label: "epoch",
            y_label: "angle (degrees)",
            log_y: false,
        };
        line_chart(&path, &chart, &series)?;
        written.push(path);
    }
    Ok(written)
}

fn curves(runs: &[RunReport], points: impl Fn(&RunReport) -> Vec<(f64, f64)>) -> Vec<Series> {
    runs.iter()
        .map(|r| Series {
            name: r.mode.name().to_string(),
            colour: mode_colour(r.mode),
            points: points(r),
        })
        .collect()
}
