//! SVG charts of the spoon project, on plotters' SVG backend (text is left to the viewer, so no
//! font library is needed): line charts of curves over epochs (the algorithm lab, `spoon
//! train`'s learning curve) and scatter charts with Pareto fronts (`spoon sweep merge`).

use std::path::{Path, PathBuf};

use plotters::coord::ranged1d::ValueFormatter;
use plotters::prelude::*;

pub use plotters::style::RGBColor;

mod bars;
mod scatter;
pub use bars::{bar_chart, BarGroup};
pub use scatter::{scatter_chart, Layer, Mark};

/// Colours of a few series that must be told apart (the matplotlib "tab10" set).
pub const PALETTE: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
    RGBColor(0, 0, 0),
];

#[derive(Debug, thiserror::Error)]
#[error("plotting {path}: {message}")]
pub struct PlotError {
    pub path: PathBuf,
    pub message: String,
}

/// One named curve of `(x, y)` points.
pub struct Series {
    pub name: String,
    pub colour: RGBColor,
    pub points: Vec<(f64, f64)>,
}

pub struct Chart<'a> {
    pub title: &'a str,
    pub x_label: &'a str,
    pub y_label: &'a str,
    pub log_y: bool,
}

/// Writes `series` as an SVG line chart at `path`.
pub fn line_chart(path: &Path, chart: &Chart, series: &[Series]) -> Result<(), PlotError> {
    let fail = |e: &dyn std::fmt::Display| PlotError {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let points = || series.iter().flat_map(|s| s.points.iter());
    let finite: Vec<(f64, f64)> = points()
        .copied()
        .filter(|p| p.1.is_finite() && (!chart.log_y || p.1 > 0.0))
        .collect();
    if finite.is_empty() {
        return Err(fail(&"no finite point to draw"));
    }
    let x_max = finite.iter().map(|p| p.0).fold(1.0, f64::max);
    let y_min = finite.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let y_max = finite.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let root = SVGBackend::new(path, (800, 500)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let mut builder = ChartBuilder::on(&root);
    builder
        .caption(chart.title, ("sans-serif", 22))
        .margin(12)
        .x_label_area_size(45)
        .y_label_area_size(70);
    if chart.log_y {
        let mut ctx = builder
            .build_cartesian_2d(
                0.0..x_max,
                (y_min * 0.9..y_max * 1.1)
                    .log_scale()
                    .with_key_points(log_ticks(y_min * 0.9, y_max * 1.1)),
            )
            .map_err(|e| fail(&e))?;
        draw(&mut ctx, chart, series).map_err(|e| fail(&e))?;
    } else {
        let pad = ((y_max - y_min) * 0.05).max(1e-9);
        let mut ctx = builder
            .build_cartesian_2d(0.0..x_max, (y_min - pad).min(0.0)..y_max + pad)
            .map_err(|e| fail(&e))?;
        draw(&mut ctx, chart, series).map_err(|e| fail(&e))?;
    }
    root.present().map_err(|e| fail(&e))
}

/// 1-2-5 ticks of every decade in `[low, high]`, so a log axis is labelled at small values too.
fn log_ticks(low: f64, high: f64) -> Vec<f64> {
    let first = low.log10().floor() as i32;
    let last = high.log10().ceil() as i32;
    (first..=last)
        .flat_map(|e| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(e)))
        .filter(|v| (low..=high).contains(v))
        .collect()
}

/// The legend of the scatter and bar charts: the series' names in a white box at `position`.
fn legend<'a, CT: plotters::coord::CoordTranslate>(
    ctx: &mut ChartContext<'a, SVGBackend<'a>, CT>,
    position: SeriesLabelPosition,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    ctx.configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .label_font(("sans-serif", 14))
        .draw()
}

fn draw<'a, X, Y>(
    ctx: &mut ChartContext<'a, SVGBackend<'a>, Cartesian2d<X, Y>>,
    chart: &Chart,
    series: &[Series],
) -> Result<(), DrawingAreaErrorKind<std::io::Error>>
where
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    ctx.configure_mesh()
        .x_label_formatter(&|x| format!("{x:.0}"))
        .x_desc(chart.x_label)
        .y_desc(chart.y_label)
        .label_style(("sans-serif", 14))
        .draw()?;
    for s in series {
        let colour = s.colour;
        let points = s.points.iter().copied().filter(|p| p.1.is_finite());
        ctx.draw_series(LineSeries::new(points, colour.stroke_width(2)))?
            .label(s.name.as_str())
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], colour.stroke_width(2)));
    }
    ctx.configure_series_labels()
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .label_font(("sans-serif", 14))
        .draw()
}
