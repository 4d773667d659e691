//! Results of a training run: JSON for machines, a short Markdown summary for people.

use anyhow::{Context, Result};
use golden::config::Config;
use golden::experiment::{EpochReport, RunReport};
use serde::Serialize;
use std::fmt::Write;
use std::path::Path;

#[derive(Debug, Serialize)]
pub struct TrainOutput {
    pub command: String,
    pub dataset: String,
    pub chip_image: String,
    pub config: Config,
    pub report: RunReport,
}

impl TrainOutput {
    pub fn final_line(&self) -> String {
        match self.report.epochs.last() {
            None => "no epoch was run".into(),
            Some(e) => format!(
                "final (epoch {}): validation {:.2} % ({} samples), test {:.2} % ({} samples), order seed {}",
                e.epoch,
                100.0 * e.validation.accuracy(),
                e.validation.total,
                100.0 * e.test.map_or(0.0, |s| s.accuracy()),
                e.test.map_or(0, |s| s.total),
                self.config.training.order_seed
            ),
        }
    }

    pub fn markdown(&self) -> String {
        let mut md = String::new();
        let r = &self.report;
        let _ = writeln!(md, "# On-chip DRTP training (bit-exact golden model)\n");
        let _ = writeln!(md, "- command: `{}`", self.command);
        let _ = writeln!(md, "- dataset: {}", self.dataset);
        let _ = writeln!(
            md,
            "- samples: {} train, {} validation (carved from train), {} test",
            r.train_samples, r.validation_samples, r.test_samples
        );
        let _ = writeln!(
            md,
            "- kernels: {:?} (off chip); every FC weight learned on chip",
            r.kernel_init
        );
        let _ = writeln!(md, "- chip image: `{}`", self.chip_image);
        let _ = writeln!(md, "- {}\n", self.final_line());
        let _ = writeln!(
            md,
            "| epoch | lr shifts (hidden/output) | train % | validation % | test % | samples/s |"
        );
        let _ = writeln!(md, "|---|---|---|---|---|---|");
        for e in &r.epochs {
            let _ = writeln!(md, "| {} |", epoch_cells(e).join(" | "));
        }
        md
    }
}

/// One epoch as table cells: epoch, lr shifts (hidden/output), train %, validation %, test %,
/// training samples/s.
pub fn epoch_cells(e: &EpochReport) -> [String; 6] {
    [
        e.epoch.to_string(),
        format!("{:?}/{}", e.hidden_lr_shifts, e.output_lr_shift),
        format!("{:.2}", 100.0 * e.train.accuracy()),
        format!("{:.2}", 100.0 * e.validation.accuracy()),
        format!("{:.2}", 100.0 * e.test.map_or(0.0, |s| s.accuracy())),
        format!("{:.0}", e.train_samples_per_second),
    ]
}

/// The learning curve: train (online), validation and test accuracy per epoch, as SVG.
pub fn learning_curve(report: &RunReport, path: &Path) -> Result<()> {
    let curve = |name: &str, colour, score: &dyn Fn(&EpochReport) -> Option<f64>| plot::Series {
        name: name.into(),
        colour,
        points: report
            .epochs
            .iter()
            .filter_map(|e| Some((e.epoch as f64, 100.0 * score(e)?)))
            .collect(),
    };
    let series = [
        curve("train (online)", plot::PALETTE[0], &|e| {
            Some(e.train.accuracy())
        }),
        curve("validation", plot::PALETTE[2], &|e| {
            Some(e.validation.accuracy())
        }),
        curve("test", plot::PALETTE[1], &|e| e.test.map(|s| s.accuracy())),
    ];
    let chart = plot::Chart {
        title: "on-chip DRTP training: accuracy per epoch",
        x_label: "epoch",
        y_label: "accuracy (%)",
        log_y: false,
    };
    plot::line_chart(path, &chart, &series)?;
    Ok(())
}

pub fn write_reports(output: &TrainOutput, dir: &Path) -> Result<()> {
    learning_curve(&output.report, &dir.join("learning-curve.svg"))?;
    let json = dir.join("results.json");
    std::fs::write(&json, serde_json::to_string_pretty(output)?)
        .with_context(|| format!("writing {}", json.display()))?;
    let md = dir.join("summary.md");
    std::fs::write(&md, output.markdown()).with_context(|| format!("writing {}", md.display()))?;
    Ok(())
}
