//! Grouped bar charts: one group of bars per category, one bar per named series.

use std::path::Path;

use plotters::prelude::*;

use crate::{Chart, PlotError};

/// One named series of bar heights, one per category.
pub struct BarGroup {
    pub name: String,
    pub colour: RGBColor,
    pub values: Vec<f64>,
}

/// Writes `groups` as an SVG bar chart at `path`: for category `i` of `categories`, the
/// groups' bars side by side. `chart.log_y` is ignored (bars start at 0).
pub fn bar_chart(
    path: &Path,
    chart: &Chart,
    categories: &[String],
    groups: &[BarGroup],
) -> Result<(), PlotError> {
    let fail = |e: &dyn std::fmt::Display| PlotError {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    if categories.is_empty() || groups.is_empty() {
        return Err(fail(&"no bar to draw"));
    }
    if let Some(g) = groups.iter().find(|g| g.values.len() != categories.len()) {
        return Err(fail(&format!(
            "series {} has {} values for {} categories",
            g.name,
            g.values.len(),
            categories.len()
        )));
    }
    let top = groups
        .iter()
        .flat_map(|g| g.values.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let n = categories.len();
    let root = SVGBackend::new(path, (900, 520)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let mut ctx = ChartBuilder::on(&root)
        .caption(chart.title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(45)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..n as f64, 0.0..(top * 1.1).max(1e-9))
        .map_err(|e| fail(&e))?;
    // Ticks every half unit (2n + 1 of them: plotters' 1-2-5 steps give 0.5); a category's
    // name at its centre, nothing at the group boundaries.
    let name = |x: &f64| {
        let centre = (x.fract() - 0.5).abs() < 1e-6;
        let i = x.floor() as usize;
        match categories.get(i) {
            Some(c) if centre => c.clone(),
            _ => String::new(),
        }
    };
    ctx.configure_mesh()
        .disable_x_mesh()
        .x_labels(2 * n + 1)
        .x_label_formatter(&name)
        .x_desc(chart.x_label)
        .y_desc(chart.y_label)
        .label_style(("sans-serif", 13))
        .draw()
        .map_err(|e| fail(&e))?;
    let width = 0.8 / groups.len() as f64;
    for (k, g) in groups.iter().enumerate() {
        let colour = g.colour;
        let bars = g.values.iter().enumerate().map(|(i, &v)| {
            let left = i as f64 + 0.1 + k as f64 * width;
            Rectangle::new([(left, 0.0), (left + width, v)], colour.filled())
        });
        ctx.draw_series(bars)
            .map_err(|e| fail(&e))?
            .label(g.name.as_str())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], colour.filled()));
    }
    crate::legend(&mut ctx, SeriesLabelPosition::UpperRight).map_err(|e| fail(&e))?;
    root.present().map_err(|e| fail(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_written_with_their_category_names() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("bars.svg");
        let chart = Chart {
            title: "t",
            x_label: "block",
            y_label: "nJ",
            log_y: false,
        };
        let categories = vec!["fc".to_string(), "conv".to_string()];
        let groups = [
            BarGroup {
                name: "inference".into(),
                colour: crate::PALETTE[0],
                values: vec![3.0, 1.0],
            },
            BarGroup {
                name: "training".into(),
                colour: crate::PALETTE[1],
                values: vec![5.0, 1.5],
            },
        ];
        bar_chart(&path, &chart, &categories, &groups).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.contains("\nfc\n") && svg.contains("\nconv\n"), "{svg}");
        assert!(svg.contains("training"));
        let short = [BarGroup {
            name: "x".into(),
            colour: crate::PALETTE[0],
            values: vec![1.0],
        }];
        assert!(bar_chart(&path, &chart, &categories, &short).is_err());
    }
}
