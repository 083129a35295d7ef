//! A ranked horizontal bar chart: one bar per area in the order given (best
//! first, see [`crate::analysis::best_first`]), the area being viewed picked out, illustrative
//! figures hatched, the target as a dashed line, and benchmarks (England,
//! the region) after the ranked bars, below a rule, as hollow striped bars.
//!
//! Laid out in pixels by hand, like the SPC chart, so it degrades to "whatever
//! fits" at any size, and every size is multiplied by `scale` (the device
//! pixel ratio) so canvas drawing stays crisp.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::RGBColor;

use super::common::{
    dashed_line, finite_target, line, outline_box, px, start, stroke, styled_text, text_width,
    truncate, x_axis, x_tick, y_ticks,
};
use super::{ChartError, Palette};
use crate::model::Polarity;

/// Fill of an illustrative bar: NHS blue lightened (3.4:1 on white), and
/// hatched and outlined as well, so it reads as different without colour.
const ILLUSTRATIVE_FILL: RGBColor = RGBColor(0x4C, 0x8F, 0xD6);

/// Shown in place of a bar with no value.
const NO_DATA: &str = "No data";

/// Bold text is wider than the measure of regular text by about this much.
const BOLD_WIDTH: f64 = 1.1;

/// One area's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The area's name, at the left (cut with an ellipsis when long).
    pub label: String,
    /// `None` (or not finite) shows "No data" instead of a bar.
    pub value: Option<f64>,
    /// The area being viewed: dark blue, outlined, with a bold label.
    pub highlight: bool,
    /// An illustrative figure rather than a published one: lighter fill,
    /// hatched and outlined.
    pub illustrative: bool,
    /// A benchmark (England, the region), not one of the ranked areas: a
    /// hollow bar with vertical stripes and an outline in the reference
    /// colour. Give benchmarks last, with a label that says so
    /// ("England (benchmark)"); a rule separates them from the ranked bars.
    pub benchmark: bool,
}

/// What the bar chart draws.
#[derive(Debug, Clone)]
pub struct BarChartData<'a> {
    /// Drawn top to bottom in this order (best first, as the comparison ranks them).
    pub bars: &'a [Bar],
    /// Value and label, e.g. `(95.0, "Target 95.0%")`.
    pub target: Option<(f64, String)>,
    /// The metric's polarity, the order the caller ranked the bars by.
    pub polarity: Polarity,
}

/// Draws the bar chart filling `area`. `scale` is the device pixel ratio (or
/// a print/projector multiplier): fonts, strokes and margins are multiplied
/// by it. `format` writes the values at the bar ends and the axis ticks.
///
/// Bars start at 0 and the axis runs to 8% past the largest value or target.
/// Bars get thinner as the area gets shorter, up to a comfortable maximum;
/// where labels no longer fit the axis labels go first, then all text.
/// Never panics on small or degenerate input.
pub fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &BarChartData,
    palette: &Palette,
    scale: f64,
    format: &dyn Fn(f64) -> String,
) -> Result<(), ChartError<DB>> {
    let (s, w, h) = start(area, palette, scale)?;
    let c = &palette.spc;
    let bars = data.bars;
    let n = bars.len();
    if n == 0 || w < 1.0 || h < 1.0 {
        return Ok(());
    }
    let value = |b: &Bar| b.value.filter(|v| v.is_finite());
    let target = finite_target(&data.target);

    // The x range: from 0 (or the lowest negative value) to 8% past the top.
    let (lo, hi) = bars
        .iter()
        .filter_map(value)
        .chain(target.map(|(v, _)| v))
        .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (lo, hi) = (lo * 1.08, hi * 1.08);
    let (lo, hi) = if (hi - lo).is_finite() && hi > lo {
        (lo, hi)
    } else if hi.is_finite() && lo.is_finite() {
        (0.0, 1.0)
    } else {
        (lo.max(-f64::MAX / 2.0), hi.min(f64::MAX / 2.0))
    };

    // Rows: as tall as the area allows, up to a maximum; the font follows.
    let m = (6.0 * s).min(w / 20.0).min(h / 20.0);
    let font_max = 12.0 * s;
    let tick_font = 11.0 * s;
    let gap = 8.0 * s;
    let max_band = 44.0 * s;
    let target_h = if target.is_some() {
        font_max * 1.2 + 4.0 * s
    } else {
        0.0
    };
    let axis_h = tick_font * 1.2 + 8.0 * s;
    let rows = |top: f64, below: f64| {
        let band = ((h - m - below - top) / n as f64).clamp(0.0, max_band);
        (top, band, font_max.min(band * 0.8))
    };
    let (mut top, mut band, mut font) = rows(m + target_h, axis_h);
    let mut axis_labels = true;
    if font < 9.0 * s {
        // Labels on the bars matter more than the axis: give it up first.
        (top, band, font) = rows(m + target_h, 0.0);
        axis_labels = false;
    }
    let mut text_on = font >= 7.0 * s;

    // Columns: labels (at most about 35% of the width), bars, values.
    let value_texts: Vec<Option<String>> = bars.iter().map(|b| value(b).map(format)).collect();
    let mut labels: Vec<String> = Vec::new();
    let mut left = m;
    let mut right = w - m;
    if text_on {
        let value_w = bars
            .iter()
            .zip(&value_texts)
            .filter_map(|(b, t)| t.as_ref().map(|t| width(t, font, b.highlight)))
            .fold(0.0, f64::max);
        let no_data_w = if value_texts.iter().any(Option::is_none) {
            text_width(NO_DATA, font) + 4.0 * s
        } else {
            0.0
        };
        let room = (0.35 * w - m - gap).max(0.0);
        labels = bars
            .iter()
            .map(|b| fit(&b.label, font, room, b.highlight))
            .collect();
        let label_w = bars
            .iter()
            .zip(&labels)
            .map(|(b, l)| width(l, font, b.highlight))
            .fold(0.0, f64::max);
        if label_w > 0.0 {
            left = m + label_w + gap;
        }
        if value_w > 0.0 {
            right = w - m - value_w - 4.0 * s;
        }
        if right - left < (0.25 * w).max(30.0 * s).max(no_data_w) {
            text_on = false;
        }
    }
    if !text_on {
        (top, band, font) = rows(m, 0.0);
        axis_labels = false;
        labels.clear();
        left = m;
        right = w - m;
    }
    let bottom = top + band * n as f64;
    let x_at = |v: f64| left + (v - lo) / (hi - lo) * (right - left);
    let x0 = x_at(0.0);

    // x ticks, as many as fit side by side, each label inside the area.
    let mut ticks: Vec<(f64, String)> = Vec::new();
    if axis_labels {
        let widest = text_width(&format(hi), tick_font).max(text_width(&format(lo), tick_font));
        let count = ((right - left) / (widest + 20.0 * s))
            .floor()
            .clamp(1.0, 8.0);
        let mut next_left = 0.0;
        for (v, label) in y_ticks(lo, hi, count, format) {
            let half = text_width(&label, tick_font) / 2.0;
            let x = x_at(v);
            if x - half >= next_left && x + half <= w {
                next_left = x + half + 6.0 * s;
                ticks.push((v, label));
            }
        }
    }

    let thin = stroke(s);
    for (v, _) in &ticks {
        let x = x_at(*v);
        line(area, (x, top), (x, bottom), c.grid.stroke_width(thin))?;
    }

    // The bars.
    let thickness = (band * 0.7).max(1.0);
    let centre = |i: usize| top + band * (i as f64 + 0.5);
    for (i, bar) in bars.iter().enumerate() {
        let Some(v) = value(bar) else {
            continue;
        };
        let (a, b) = (px(x0), px(x_at(v)));
        let (x_start, x_end) = (a.min(b), a.max(b));
        let y = centre(i);
        let (y0, y1) = (px(y - thickness / 2.0), px(y + thickness / 2.0));
        if bar.benchmark {
            benchmark_bar(area, (x_start, y0, x_end, y1), s, palette)?;
            continue;
        }
        let fill = if bar.highlight {
            palette.latest
        } else if bar.illustrative {
            ILLUSTRATIVE_FILL
        } else {
            palette.line
        };
        area.draw(&Rectangle::new([(x_start, y0), (x_end, y1)], fill.filled()))?;
        if bar.illustrative {
            let ink = if bar.highlight {
                palette.background
            } else {
                c.outline
            };
            hatch(
                area,
                (x_start, y0, x_end, y1),
                px(5.0 * s).max(3),
                ink,
                thin,
            )?;
        }
        if bar.highlight || bar.illustrative {
            let width = if bar.highlight { stroke(2.0 * s) } else { thin };
            let outline = c.outline.stroke_width(width);
            outline_box(area, (x_start, y0), (x_end, y1), outline)?;
        }
    }

    // A rule between the ranked bars and the benchmarks after them.
    if let Some(k) = bars.iter().position(|b| b.benchmark).filter(|&k| k > 0) {
        let y = top + band * k as f64;
        line(area, (m, y), (w - m, y), c.axis.stroke_width(thin))?;
    }

    // The zero line the bars grow from, and the target across them.
    line(area, (x0, top), (x0, bottom), c.axis.stroke_width(thin))?;
    if let Some((t, _)) = target {
        let x = x_at(t);
        let from = if text_on { top - 2.0 * s } else { top };
        let style = c.target.stroke_width(stroke(2.0 * s));
        dashed_line(area, (x, from), (x, bottom), (6.0 * s, 4.0 * s), style)?;
    }

    if !text_on {
        return Ok(());
    }

    // Axis and text last, so nothing covers them.
    if axis_labels {
        x_axis(area, left, right, bottom, s, c)?;
        for (v, label) in &ticks {
            let x = x_at(*v);
            x_tick(area, x, x, label, bottom, tick_font, s, c)?;
        }
    }
    // Text in the row font, bold or not; nothing for an empty label.
    let write = |label: &str, at: (f64, f64), colour: &RGBColor, pos: Pos, bold: bool| {
        if label.is_empty() {
            return Ok(());
        }
        let weight = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        styled_text(area, label, at, font, colour, pos, weight)
    };
    let no_data_x = (x0 + 4.0 * s).min(w - m - text_width(NO_DATA, font));
    for (i, (bar, label)) in bars.iter().zip(&labels).enumerate() {
        let y = centre(i);
        let left_of = Pos::new(HPos::Right, VPos::Center);
        let right_of = Pos::new(HPos::Left, VPos::Center);
        let bold = bar.highlight;
        write(label, (left - gap, y), &c.text, left_of, bold)?;
        match (value(bar), &value_texts[i]) {
            (Some(v), Some(t)) => {
                let x = x_at(v).max(x0) + 4.0 * s;
                // On a patch of background, so the target line never runs
                // through the figure (the measure can run narrow: pad it).
                let half = font * 0.6;
                let end = x + width(t, font, bold) * 1.15 + 2.0 * s;
                area.draw(&Rectangle::new(
                    [(px(x - 2.0 * s), px(y - half)), (px(end), px(y + half))],
                    palette.background.filled(),
                ))?;
                write(t, (x, y), &c.text, right_of, bold)?;
            }
            _ => {
                let at = (no_data_x, y);
                write(NO_DATA, at, &c.secondary_text, right_of, false)?;
            }
        }
    }
    if let Some((t, label)) = target {
        let label = fit(label, font, w - 2.0 * m, false);
        let half = text_width(&label, font) / 2.0;
        let x = x_at(t).clamp((m + half).min(w / 2.0), (w - m - half).max(w / 2.0));
        let pos = Pos::new(HPos::Center, VPos::Top);
        write(&label, (x, m), &c.target, pos, false)?;
    }
    Ok(())
}

/// A benchmark's bar: hollow, with vertical stripes and a 2 px outline in
/// the reference colour, so it reads as apart from the ranked bars without
/// colour (they are solid or diagonally hatched).
fn benchmark_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, y0, x1, y1): (i32, i32, i32, i32),
    s: f64,
    palette: &Palette,
) -> Result<(), ChartError<DB>> {
    let ink = palette.spc.reference;
    // Hollow: the grid does not show through.
    area.draw(&Rectangle::new(
        [(x0, y0), (x1, y1)],
        palette.background.filled(),
    ))?;
    let spacing = px(4.0 * s).max(3);
    // Stripes only where they can be seen (an off-scale bar is clipped).
    let end = x1.min(i32::try_from(area.dim_in_pixel().0).unwrap_or(i32::MAX));
    let mut x = x0.max(0) + spacing;
    while x < end {
        area.draw(&PathElement::new(
            vec![(x, y0), (x, y1)],
            ink.stroke_width(stroke(s)),
        ))?;
        x += spacing;
    }
    outline_box(area, (x0, y0), (x1, y1), ink.stroke_width(stroke(2.0 * s)))
}

/// Diagonal lines across the rectangle `(x0, y0, x1, y1)`, `spacing` apart,
/// clipped to it by hand: the lines `x + y = k` for each k in range.
fn hatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, y0, x1, y1): (i32, i32, i32, i32),
    spacing: i32,
    colour: RGBColor,
    width: u32,
) -> Result<(), ChartError<DB>> {
    let (from, to) = (i64::from(x0) + i64::from(y0), i64::from(x1) + i64::from(y1));
    let mut k = from + i64::from(spacing);
    while k < to {
        // Where x + y = k meets the rectangle: x from max(x0, k - y1) to min(x1, k - y0).
        let a = i64::from(x0).max(k - i64::from(y1));
        let b = i64::from(x1).min(k - i64::from(y0));
        if a < b {
            let at = |x: i64| (x as i32, (k - x) as i32);
            area.draw(&PathElement::new(
                vec![at(a), at(b)],
                colour.stroke_width(width),
            ))?;
        }
        k += i64::from(spacing.max(1));
    }
    Ok(())
}

/// Width of `label` in pixels, a little more when bold.
fn width(label: &str, size: f64, bold: bool) -> f64 {
    text_width(label, size) * if bold { BOLD_WIDTH } else { 1.0 }
}

/// `label` cut with an ellipsis to fit in `room` pixels (empty if not even
/// the ellipsis fits).
fn fit(label: &str, size: f64, room: f64, bold: bool) -> String {
    if width(label, size, bold) <= room {
        return label.to_string();
    }
    // Text is at least half an em a character wide, so start near the answer.
    let longest = (room / (0.5 * size)).max(0.0) as usize + 1;
    let chars = label.chars().count();
    (1..chars.min(longest + 1))
        .rev()
        .map(|k| truncate(label, k))
        .find(|cut| width(cut, size, bold) <= room)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::test_svg::{
        assert_fonts_doubled, assert_rects_doubled, attr, corners, elements, num, pct, points_of,
        render, stroke_widths, text_box, texts, with,
    };

    fn bar(label: &str, value: Option<f64>) -> Bar {
        Bar {
            label: label.to_string(),
            value,
            highlight: false,
            illustrative: false,
            benchmark: false,
        }
    }

    fn chart(bars: &[Bar]) -> BarChartData<'_> {
        BarChartData {
            bars,
            target: None,
            polarity: Polarity::HigherIsBetter,
        }
    }

    fn draw(data: &BarChartData, size: (u32, u32), scale: f64) -> String {
        render(size, |area| {
            draw_bars(area, data, &Palette::default(), scale, &pct).unwrap()
        })
        .0
    }

    /// The bars, as rects in NHS blue, dark blue or the illustrative fill.
    fn bar_rects(svg: &str) -> Vec<&str> {
        elements(svg, "rect")
            .into_iter()
            .filter(|e| ["#005EB8", "#003087", "#4C8FD6"].contains(&attr(e, "fill")))
            .collect()
    }

    fn areas() -> Vec<Bar> {
        vec![
            bar("Leicester City", Some(40.0)),
            bar("Leicestershire", Some(20.0)),
            bar("Rutland", Some(10.0)),
            bar("East Leicestershire and Rutland", Some(5.0)),
        ]
    }

    #[test]
    fn one_bar_per_entry_in_the_given_order() {
        let bars = areas();
        let out = draw(&chart(&bars), (640, 360), 1.0);
        let rects = bar_rects(&out);
        assert_eq!(rects.len(), 4);
        let ys: Vec<i32> = rects.iter().map(|r| num(r, "y")).collect();
        assert!(ys.windows(2).all(|w| w[0] < w[1]), "{ys:?}");
        // labels in the same order, each on its bar's row
        let labels: Vec<(i32, &str)> = texts(&out)
            .into_iter()
            .filter(|(e, _)| attr(e, "text-anchor") == "end")
            .map(|(e, t)| (num(e, "y"), t))
            .collect();
        let names: Vec<&str> = labels.iter().map(|l| l.1).collect();
        assert_eq!(
            names,
            bars.iter().map(|b| b.label.as_str()).collect::<Vec<_>>()
        );
        for ((y, _), r) in labels.iter().zip(&rects) {
            let (top, height) = (num(r, "y"), num(r, "height"));
            assert!((y - (top + height / 2)).abs() <= 1, "{y} {r}");
        }
    }

    #[test]
    fn widths_are_proportional_to_values() {
        let bars = areas();
        let out = draw(&chart(&bars), (800, 400), 1.0);
        let rects = bar_rects(&out);
        let widths: Vec<f64> = rects.iter().map(|r| f64::from(num(r, "width"))).collect();
        for (w, b) in widths.iter().zip(&bars) {
            let expected = widths[0] * b.value.unwrap() / 40.0;
            assert!((w - expected).abs() <= 1.0, "{widths:?}");
        }
        // all start at the same x (zero)
        assert!(rects.iter().all(|r| attr(r, "x") == attr(rects[0], "x")));
        // values written at the bar ends, via format
        let values: Vec<&str> = texts(&out).into_iter().map(|t| t.1).collect();
        for v in ["40.0%", "20.0%", "10.0%", "5.0%"] {
            assert!(values.contains(&v), "{v} in {values:?}");
        }
        // x tick labels via format, starting at zero
        assert!(values.contains(&"0.0%"), "{values:?}");
    }

    #[test]
    fn the_highlighted_bar_is_dark_outlined_and_bold() {
        let mut bars = areas();
        bars[2].highlight = true;
        let out = draw(&chart(&bars), (640, 360), 1.0);
        let rects = bar_rects(&out);
        let fills: Vec<&str> = rects.iter().map(|r| attr(r, "fill")).collect();
        assert_eq!(fills, ["#005EB8", "#005EB8", "#003087", "#005EB8"]);
        let rings = with(&out, "polyline", "stroke", "#212B32");
        assert_eq!(rings.len(), 1);
        assert_eq!(attr(rings[0], "stroke-width"), "2");
        let (x, y, x1, y1) = corners(rects[2]);
        let ring = points_of(rings[0]);
        assert_eq!(&ring[..4], [(x, y), (x1, y), (x1, y1), (x, y1)]);
        let bold: Vec<&str> = texts(&out)
            .into_iter()
            .filter(|(e, _)| attr(e, "font-weight") == "bold")
            .map(|t| t.1)
            .collect();
        assert_eq!(bold, ["Rutland", "10.0%"]);
    }

    #[test]
    fn illustrative_bars_are_hatched_and_outlined() {
        let mut bars = areas();
        bars[1].illustrative = true;
        let out = draw(&chart(&bars), (640, 360), 1.0);
        let rects = bar_rects(&out);
        assert_eq!(attr(rects[1], "fill"), "#4C8FD6");
        let (x, y, x1, y1) = corners(rects[1]);
        let lines: Vec<Vec<(i32, i32)>> = with(&out, "polyline", "stroke", "#212B32")
            .into_iter()
            .map(points_of)
            .collect();
        // many hatch lines plus the outline, all within the bar
        assert!(lines.len() > 10, "{}", lines.len());
        for p in lines.iter().flatten() {
            assert!(p.0 >= x && p.0 <= x1 && p.1 >= y && p.1 <= y1, "{p:?}");
        }
        let diagonal = lines
            .iter()
            .filter(|l| l.len() == 2 && l[1].0 - l[0].0 == l[0].1 - l[1].1)
            .count();
        assert_eq!(diagonal, lines.len() - 1);
    }

    fn benchmark(label: &str, value: Option<f64>) -> Bar {
        Bar {
            benchmark: true,
            ..bar(label, value)
        }
    }

    const REFERENCE_INK: &str = "#7C2855";

    #[test]
    fn benchmarks_are_hollow_striped_outlined_and_below_a_rule() {
        let mut bars = areas();
        bars.push(benchmark("England (benchmark)", Some(25.0)));
        bars.push(benchmark("NHS England Midlands (benchmark)", None));
        let out = draw(&chart(&bars), (640, 400), 1.0);
        // The ranked bars are drawn as before; the benchmark is not filled.
        let rects = bar_rects(&out);
        assert_eq!(rects.len(), 4);
        let ink: Vec<Vec<(i32, i32)>> = with(&out, "polyline", "stroke", REFERENCE_INK)
            .into_iter()
            .map(points_of)
            .collect();
        let (rings, stripes): (Vec<_>, Vec<_>) = ink.iter().partition(|p| p.len() > 2);
        assert_eq!(rings.len(), 1, "one outline: England has a value");
        assert_eq!(stroke_widths(&out, "polyline", REFERENCE_INK), ["1", "2"]);
        let ring = rings[0];
        let (x0, y0, x1, y1) = (ring[0].0, ring[0].1, ring[2].0, ring[2].1);
        // 25 on the scale of the bars (40 is the first bar's width).
        let expected = num(rects[0], "width") * 25 / 40;
        assert!((x1 - x0 - expected).abs() <= 1, "{ring:?}");
        assert_eq!(x0, num(rects[0], "x"), "from zero like the others");
        assert!(stripes.len() > 5);
        assert!(stripes
            .iter()
            .all(|p| p.len() == 2 && p[0].0 == p[1].0 && p[0].0 > x0 && p[0].0 < x1));
        assert!(stripes
            .iter()
            .flat_map(|p| p.iter())
            .all(|p| p.1 >= y0 && p.1 <= y1));
        // Below the ranked bars, after a rule across the chart.
        let last = corners(rects[3]);
        assert!(y0 > last.3);
        let rule: Vec<Vec<(i32, i32)>> = with(&out, "polyline", "stroke", "#768692")
            .into_iter()
            .map(points_of)
            .filter(|p| p.len() == 2 && p[0].1 == p[1].1 && p[0].1 > last.3 && p[0].1 < y0)
            .collect();
        assert_eq!(rule.len(), 1, "{rule:?}");
        assert!(rule[0][1].0 - rule[0][0].0 > 600);
        // Labelled as benchmarks, with the value, or "No data", on their rows.
        let texts = texts(&out);
        let row = |label: &str| num(texts.iter().find(|t| t.1 == label).unwrap().0, "y");
        let england = row("England (benchmark)");
        assert!(england > y0 && england < y1);
        assert!(texts
            .iter()
            .any(|t| t.1 == "25.0%" && num(t.0, "y") == england));
        let midlands = row("NHS England Midlands (benchmark)");
        assert!(texts
            .iter()
            .any(|t| t.1 == "No data" && num(t.0, "y") == midlands));

        // Without benchmarks there is no trace of them.
        let plain = draw(&chart(&areas()), (640, 400), 1.0);
        assert!(!plain.contains(REFERENCE_INK));
        assert!(!plain.contains("benchmark"));
    }

    #[test]
    fn no_value_says_no_data() {
        let bars = vec![
            bar("A", Some(30.0)),
            bar("B", None),
            bar("C", Some(f64::NAN)),
        ];
        let out = draw(&chart(&bars), (640, 360), 1.0);
        assert_eq!(bar_rects(&out).len(), 1);
        let texts = texts(&out);
        let no_data: Vec<_> = texts.iter().filter(|t| t.1 == "No data").collect();
        assert_eq!(no_data.len(), 2);
        let row = |label: &str| num(texts.iter().find(|t| t.1 == label).unwrap().0, "y");
        assert_eq!(num(no_data[0].0, "y"), row("B"));
        assert_eq!(num(no_data[1].0, "y"), row("C"));
    }

    #[test]
    fn target_is_a_labelled_dashed_red_line() {
        let bars = areas();
        let data = BarChartData {
            target: Some((30.0, "Target 30.0%".into())),
            ..chart(&bars)
        };
        let out = draw(&data, (640, 360), 1.0);
        let dashes: Vec<Vec<(i32, i32)>> = with(&out, "polyline", "stroke", "#D5281B")
            .into_iter()
            .map(points_of)
            .collect();
        assert!(dashes.len() > 10);
        // vertical, at 30 on the scale of the bars (40 is the first bar's end)
        let rects = bar_rects(&out);
        let x0 = num(rects[0], "x");
        let expected = x0 + num(rects[0], "width") * 3 / 4;
        assert!(dashes.iter().flatten().all(|p| p.0 == dashes[0][0].0));
        assert!((dashes[0][0].0 - expected).abs() <= 1);
        // from above the first bar to below the last
        let ys: Vec<i32> = dashes.iter().flatten().map(|p| p.1).collect();
        let last = rects[3];
        assert!(*ys.iter().min().unwrap() < num(rects[0], "y"));
        assert!(*ys.iter().max().unwrap() > num(last, "y") + num(last, "height"));
        // labelled at the top, in red
        let (e, _) = texts(&out)
            .into_iter()
            .find(|t| t.1 == "Target 30.0%")
            .unwrap();
        assert_eq!(attr(e, "fill"), "#D5281B");
        assert!(num(e, "y") < num(rects[0], "y"));
        // a target past every bar stretches the axis
        let data = BarChartData {
            target: Some((80.0, "Target 80.0%".into())),
            ..chart(&bars)
        };
        let wide = draw(&data, (640, 360), 1.0);
        let w = |svg: &str| num(bar_rects(svg)[0], "width");
        assert!(w(&wide) * 2 <= w(&out) + 2, "{} {}", w(&wide), w(&out));
    }

    #[test]
    fn high_dpi_doubles_strokes_and_fonts() {
        let mut bars = areas();
        bars[0].highlight = true;
        bars[1].illustrative = true;
        let data = BarChartData {
            target: Some((30.0, "Target 30.0%".into())),
            ..chart(&bars)
        };
        let one = draw(&data, (640, 360), 1.0);
        let two = draw(&data, (1280, 720), 2.0);
        let widths = |svg: &str, colour: &str| stroke_widths(svg, "polyline", colour);
        assert_eq!(widths(&one, "#D5281B"), ["2"]);
        assert_eq!(widths(&two, "#D5281B"), ["4"]);
        // hatch and illustrative outline 1 -> 2, highlight outline 2 -> 4
        assert_eq!(widths(&one, "#212B32"), ["1", "2"]);
        assert_eq!(widths(&two, "#212B32"), ["2", "4"]);
        assert_fonts_doubled(&one, &two);
        // and the bars are twice the size
        assert_rects_doubled(&bar_rects(&one), &bar_rects(&two));
    }

    #[test]
    fn long_labels_are_cut_to_about_a_third_of_the_width() {
        let mut bars = areas();
        bars[0].label = "A very long name for an area that would never fit".into();
        bars[1].label = "x".repeat(1000);
        bars[1].highlight = true;
        let out = draw(&chart(&bars), (640, 360), 1.0);
        let labels: Vec<(&str, &str)> = texts(&out)
            .into_iter()
            .filter(|(e, _)| attr(e, "text-anchor") == "end")
            .collect();
        assert!(labels[0].1.starts_with("A very long") && labels[0].1.ends_with('…'));
        assert!(labels[1].1.ends_with('…'));
        for (e, t) in &labels {
            // right edge at most 35% across, at least half an em a character
            let right = num(e, "x");
            assert!(f64::from(right) <= 0.35 * 640.0, "{right}");
            assert!(
                f64::from(right) - 6.0 * t.chars().count() as f64 >= 0.0,
                "{t}"
            );
        }
        assert_eq!(labels[3].1, "East Leicestershire and Rutland");
    }

    #[test]
    fn small_and_large_charts_keep_text_inside() {
        for n in [3, 5, 8, 16] {
            let mut bars: Vec<Bar> = (0..n)
                .map(|i| {
                    let v = if i == 2 {
                        None
                    } else {
                        Some(100.0 - i as f64 * 5.5)
                    };
                    bar(&format!("Primary care network {i}"), v)
                })
                .collect();
            bars[1].highlight = true;
            bars[n - 1].illustrative = true;
            let data = BarChartData {
                target: Some((95.0, "Target 95.0%".into())),
                ..chart(&bars)
            };
            for (size, scale) in [
                ((280, 150), 1.0),
                ((400, 300), 1.0),
                ((560, 300), 2.0),
                ((800, 500), 1.0),
                ((2400, 1200), 1.0),
                ((2400, 1200), 2.0),
            ] {
                let out = draw(&data, size, scale);
                let (w, h) = (f64::from(size.0), f64::from(size.1));
                assert_eq!(bar_rects(&out).len(), n - 1, "{n} {size:?}");
                for r in bar_rects(&out) {
                    assert!(num(r, "x") >= 0 && num(r, "y") >= 0);
                    assert!(f64::from(num(r, "x") + num(r, "width")) <= w);
                    assert!(f64::from(num(r, "y") + num(r, "height")) <= h);
                }
                let texts = texts(&out);
                for (e, t) in &texts {
                    let (x0, x1, y0, y1) = text_box(e, t);
                    assert!(
                        x0 >= 0.0 && x1 <= w && y0 >= 0.0 && y1 <= h,
                        "{n} {size:?} {scale}: {t} at {x0}..{x1}, {y0}..{y1}"
                    );
                }
                // the labels are there wherever there is room for them
                let room_for_text = f64::from(size.1) / scale >= 20.0 * n as f64 + 60.0;
                if room_for_text {
                    let names = texts.iter().filter(|t| t.1.starts_with("Primary")).count();
                    assert_eq!(names, n, "{n} {size:?} {scale}");
                    assert!(texts.iter().any(|t| t.1 == "Target 95.0%"));
                    assert!(texts.iter().any(|t| t.1 == "No data"));
                }
            }
        }
    }

    #[test]
    fn bars_grow_thinner_as_the_area_gets_shorter() {
        let bars: Vec<Bar> = (0..10).map(|i| bar("Area", Some(f64::from(i)))).collect();
        let height = |h: u32| num(bar_rects(&draw(&chart(&bars), (640, h), 1.0))[9], "height");
        assert!(height(250) < height(450), "{} {}", height(250), height(450));
        // capped, so three bars in a tall area are not slabs
        let three = &bars[..3];
        let tall = draw(&chart(three), (640, 1200), 1.0);
        assert!(bar_rects(&tall).iter().all(|r| num(r, "height") <= 32));
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        let cases: Vec<Vec<Bar>> = vec![
            vec![],
            vec![bar("", None), bar("B", None)],
            vec![bar("Zero", Some(0.0)), bar("Zero too", Some(0.0))],
            vec![bar("Negative", Some(-5.0)), bar("Positive", Some(3.0))],
            vec![bar("Huge", Some(f64::MAX)), bar("Tiny", Some(f64::MIN))],
            vec![
                bar("Inf", Some(f64::INFINITY)),
                bar(&"é".repeat(500), Some(1.0)),
            ],
            (0..200).map(|i| bar("Many", Some(f64::from(i)))).collect(),
            vec![
                benchmark("Only a benchmark", Some(f64::MAX)),
                benchmark("", Some(-1e300)),
            ],
            vec![bar("A", Some(1.0)), benchmark("B", Some(f64::INFINITY))],
        ];
        for bars in &cases {
            for target in [
                None,
                Some((f64::NAN, "NaN".to_string())),
                Some((5.0, String::new())),
                Some((-1e300, "x".repeat(300))),
            ] {
                for size in [(0, 0), (1, 1), (10, 10), (60, 30), (280, 150), (2400, 1200)] {
                    for scale in [1.0, 3.0, 0.0, -1.0, f64::NAN, f64::INFINITY] {
                        let data = BarChartData {
                            target: target.clone(),
                            ..chart(bars)
                        };
                        draw(&data, size, scale);
                    }
                }
            }
        }
        // all without a value: no bars, every row says so
        let none = vec![bar("A", None), bar("B", None), bar("C", None)];
        let out = draw(&chart(&none), (640, 360), 1.0);
        assert!(bar_rects(&out).is_empty());
        assert_eq!(texts(&out).iter().filter(|t| t.1 == "No data").count(), 3);
        // a negative bar grows left from zero, its text right of zero
        let mixed = vec![bar("Up", Some(10.0)), bar("Down", Some(-5.0))];
        let out = draw(&chart(&mixed), (640, 360), 1.0);
        let rects = bar_rects(&out);
        let zero = num(rects[0], "x");
        assert_eq!(num(rects[1], "x") + num(rects[1], "width"), zero);
        assert!((num(rects[1], "width") * 2 - num(rects[0], "width")).abs() <= 2);
    }
}
