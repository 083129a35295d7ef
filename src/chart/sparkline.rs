//! A sparkline: the recent trend of one metric, with its target as a line and
//! the latest point marked. Generic over plotters' backend, so the browser
//! draws it on a canvas and tests draw it to SVG.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{ChartError, Palette};

/// What the sparkline draws: values in order (`None` is a gap, never bridged)
/// and an optional target line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SparkData {
    pub values: Vec<Option<f64>>,
    pub target: Option<f64>,
}

/// Draws a sparkline filling `area`. `scale` is the device pixel ratio: line
/// widths and margins are multiplied by it so the chart is crisp on high-DPI
/// screens (the canvas itself is sized in device pixels by the caller).
pub fn draw_sparkline<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &SparkData,
    palette: &Palette,
    scale: f64,
) -> Result<(), ChartError<DB>> {
    area.fill(&palette.background)?;
    let known: Vec<f64> = data
        .values
        .iter()
        .flatten()
        .copied()
        .chain(data.target)
        .collect();
    if known.is_empty() {
        return Ok(());
    }
    let (w, h) = area.dim_in_pixel();
    let margin = (3.0 * scale).round() as i32;
    let (lo, hi) = known
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let n = data.values.len().max(2) - 1;
    let x =
        |i: usize| margin + ((w as i32 - 2 * margin) as f64 * i as f64 / n as f64).round() as i32;
    let y = |v: f64| margin + ((h as i32 - 2 * margin) as f64 * (hi - v) / span).round() as i32;
    let stroke = (1.5 * scale).max(1.0).round() as u32;
    if let Some(t) = data.target {
        let ty = y(t);
        area.draw(&PathElement::new(
            vec![(x(0), ty), (x(n), ty)],
            palette.target.stroke_width(stroke.max(1)),
        ))?;
    }
    // One polyline per unbroken run: gaps stay gaps.
    let mut run: Vec<(i32, i32)> = Vec::new();
    let flush = |run: &mut Vec<(i32, i32)>| -> Result<(), ChartError<DB>> {
        match run.len() {
            0 => {}
            1 => area.draw(&Circle::new(run[0], stroke as i32, palette.line.filled()))?,
            _ => area.draw(&PathElement::new(
                run.clone(),
                palette.line.stroke_width(stroke),
            ))?,
        }
        run.clear();
        Ok(())
    };
    for (i, v) in data.values.iter().enumerate() {
        match v {
            Some(v) => run.push((x(i), y(*v))),
            None => flush(&mut run)?,
        }
    }
    flush(&mut run)?;
    if let Some((i, Some(v))) = data
        .values
        .iter()
        .enumerate()
        .rev()
        .find(|(_, v)| v.is_some())
    {
        let r = (3.0 * scale).round() as i32;
        area.draw(&Circle::new((x(i), y(*v)), r, palette.latest.filled()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(data: &SparkData) -> String {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, (120, 32)).into_drawing_area();
            draw_sparkline(&area, data, &Palette::default(), 1.0).unwrap();
            area.present().unwrap();
        }
        out
    }

    #[test]
    fn a_gap_splits_the_line() {
        let whole = svg(&SparkData {
            values: vec![Some(1.0), Some(2.0), Some(3.0), Some(2.0)],
            target: None,
        });
        let gapped = svg(&SparkData {
            values: vec![Some(1.0), Some(2.0), None, Some(2.0), Some(4.0)],
            target: None,
        });
        assert_eq!(whole.matches("<polyline").count(), 1);
        assert_eq!(gapped.matches("<polyline").count(), 2);
    }

    #[test]
    fn target_line_and_latest_point_are_drawn() {
        let out = svg(&SparkData {
            values: vec![Some(80.0), Some(85.0)],
            target: Some(95.0),
        });
        // one polyline for the target, one for the data
        assert_eq!(out.matches("<polyline").count(), 2);
        assert!(out.contains("<circle"), "latest point marked: {out}");
        // the target is the highest value, so its line sits at the top margin
        assert!(out.contains("3,3 117,3"), "{out}");
    }

    #[test]
    fn empty_and_single_point_do_not_panic() {
        let empty = svg(&SparkData::default());
        assert!(!empty.contains("<polyline"));
        let single = svg(&SparkData {
            values: vec![None, Some(5.0), None],
            target: None,
        });
        assert!(single.contains("<circle"));
    }

    #[test]
    fn high_dpi_scales_strokes() {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, (240, 64)).into_drawing_area();
            let data = SparkData {
                values: vec![Some(1.0), Some(2.0)],
                target: None,
            };
            draw_sparkline(&area, &data, &Palette::default(), 2.0).unwrap();
            area.present().unwrap();
        }
        assert!(out.contains("stroke-width=\"3\""), "{out}");
    }
}
