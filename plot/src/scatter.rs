//! Scatter charts: design points, their Pareto front as a step line, highlighted points.

use std::path::Path;

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use crate::{Chart, PlotError};

/// How a layer's points are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Filled dots.
    Dot,
    /// Open rings around the points (drawn over dots to single them out).
    Ring,
    /// Crosses.
    Cross,
    /// A line through the points in the order given (a front).
    Line,
}

/// One named set of points.
pub struct Layer {
    pub name: String,
    pub colour: RGBColor,
    pub mark: Mark,
    pub points: Vec<(f64, f64)>,
}

/// Writes `layers` as an SVG scatter chart at `path`; axes span every finite point.
pub fn scatter_chart(path: &Path, chart: &Chart, layers: &[Layer]) -> Result<(), PlotError> {
    let fail = |e: &dyn std::fmt::Display| PlotError {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let finite: Vec<(f64, f64)> = layers
        .iter()
        .flat_map(|l| l.points.iter().copied())
        .filter(|p| p.0.is_finite() && p.1.is_finite())
        .collect();
    if finite.is_empty() {
        return Err(fail(&"no finite point to draw"));
    }
    let span = |v: Vec<f64>| {
        let (lo, hi) = v
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                (a.min(x), b.max(x))
            });
        let pad = ((hi - lo) * 0.08).max(hi.abs() * 0.02).max(1e-6);
        (lo - pad)..(hi + pad)
    };
    let x = span(finite.iter().map(|p| p.0).collect());
    let y = span(finite.iter().map(|p| p.1).collect());
    let root = SVGBackend::new(path, (800, 520)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let mut ctx = ChartBuilder::on(&root)
        .caption(chart.title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(45)
        .y_label_area_size(70)
        .build_cartesian_2d(x, y)
        .map_err(|e| fail(&e))?;
    ctx.configure_mesh()
        .x_desc(chart.x_label)
        .y_desc(chart.y_label)
        .label_style(("sans-serif", 14))
        .draw()
        .map_err(|e| fail(&e))?;
    // An empty layer would still put its name in the legend.
    for layer in layers.iter().filter(|l| !l.points.is_empty()) {
        draw_layer(&mut ctx, layer).map_err(|e| fail(&e))?;
    }
    crate::legend(&mut ctx, SeriesLabelPosition::LowerRight).map_err(|e| fail(&e))?;
    root.present().map_err(|e| fail(&e))
}

type Ctx<'a> = ChartContext<'a, SVGBackend<'a>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

fn draw_layer(ctx: &mut Ctx<'_>, l: &Layer) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    let c = l.colour;
    let points = l
        .points
        .iter()
        .copied()
        .filter(|p| p.0.is_finite() && p.1.is_finite());
    let drawn = match l.mark {
        Mark::Dot => ctx.draw_series(points.map(|p| Circle::new(p, 4, c.filled())))?,
        Mark::Ring => ctx.draw_series(points.map(|p| Circle::new(p, 9, c.stroke_width(2))))?,
        Mark::Cross => ctx.draw_series(points.map(|p| Cross::new(p, 5, c.stroke_width(2))))?,
        Mark::Line => ctx.draw_series(LineSeries::new(points, c.stroke_width(2)))?,
    };
    drawn
        .label(l.name.as_str())
        .legend(move |(x, y)| Circle::new((x + 9, y), 4, c.filled()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scatter_chart_has_one_circle_per_dot_and_the_labels() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.svg");
        let layers = [
            Layer {
                name: "points".into(),
                colour: crate::PALETTE[0],
                mark: Mark::Dot,
                points: vec![(1.0, 2.0), (2.0, 3.0), (3.0, 1.0)],
            },
            Layer {
                name: "front".into(),
                colour: crate::PALETTE[1],
                mark: Mark::Line,
                points: vec![(1.0, 2.0), (2.0, 3.0)],
            },
            Layer {
                name: "empty".into(),
                colour: crate::PALETTE[2],
                mark: Mark::Ring,
                points: vec![],
            },
        ];
        let chart = Chart {
            title: "t",
            x_label: "LUTs",
            y_label: "accuracy (%)",
            log_y: false,
        };
        scatter_chart(&path, &chart, &layers).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        // Three dots and the legend's two swatches.
        assert_eq!(svg.matches("<circle").count(), 5);
        // plotters writes each text on its own line.
        assert!(svg.contains("\nLUTs\n") && svg.contains("\nfront\n"));
        assert!(!svg.contains("\nempty\n"));
    }

    #[test]
    fn nothing_to_draw_is_an_error_naming_the_file() {
        let chart = Chart {
            title: "t",
            x_label: "x",
            y_label: "y",
            log_y: false,
        };
        let e = scatter_chart(Path::new("/tmp/none.svg"), &chart, &[]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "plotting /tmp/none.svg: no finite point to draw"
        );
    }
}
