//! What the SPC, bar and stacked column charts share: the device scale, pixel
//! rounding, text and its measure, nice ticks, the axis ticks and labels, and
//! outlined boxes and polygons.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::RGBColor;

use super::{ChartError, Palette, SpcColours};

/// NHS font stack: Frutiger is licensed, so Arial stands in where it is missing.
pub const FONT_FAMILY: &str = "Frutiger W01, Arial, sans-serif";

/// Fills `area` with the background. Gives the multiplier for every size,
/// `scale` (the device pixel ratio) within 0.25..=16 or 1 where it is not a
/// positive number, and the area's width and height in pixels.
pub(crate) fn start<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    palette: &Palette,
    scale: f64,
) -> Result<(f64, f64, f64), ChartError<DB>> {
    area.fill(&palette.background)?;
    let s = if scale.is_finite() && scale > 0.0 {
        scale.clamp(0.25, 16.0)
    } else {
        1.0
    };
    let (w, h) = area.dim_in_pixel();
    Ok((s, f64::from(w), f64::from(h)))
}

/// A target line's value and label, unless the value is not finite.
pub(crate) fn finite_target(target: &Option<(f64, String)>) -> Option<(f64, &str)> {
    target
        .as_ref()
        .filter(|(v, _)| v.is_finite())
        .map(|(v, label)| (*v, label.as_str()))
}

/// A pixel coordinate (float to int casts saturate, and NaN becomes 0).
pub(crate) fn px(v: f64) -> i32 {
    v.round() as i32
}

/// A stroke width in whole pixels, at least one.
pub(crate) fn stroke(w: f64) -> u32 {
    w.round().max(1.0) as u32
}

/// A straight line between two points, each rounded to the pixel.
pub(crate) fn line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, y0): (f64, f64),
    (x1, y1): (f64, f64),
    style: ShapeStyle,
) -> Result<(), ChartError<DB>> {
    area.draw(&PathElement::new(
        vec![(px(x0), px(y0)), (px(x1), px(y1))],
        style,
    ))
}

/// A dashed line between two points, each rounded to the pixel: `dash`
/// long pieces `gap` apart.
pub(crate) fn dashed_line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, y0): (f64, f64),
    (x1, y1): (f64, f64),
    (dash, gap): (f64, f64),
    style: ShapeStyle,
) -> Result<(), ChartError<DB>> {
    area.draw(&DashedPathElement::new(
        vec![(px(x0), px(y0)), (px(x1), px(y1))],
        dash,
        gap,
        style,
    ))
}

/// A polyline drawn in a repeating pattern of `on`, `off` lengths (e.g. dash,
/// gap, dot, gap for a dash-dot line), walked along the whole path so the
/// pattern runs on across its corners. Each drawn piece is one path.
pub(crate) fn patterned_line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[(f64, f64)],
    pattern: &[f64],
    style: ShapeStyle,
) -> Result<(), ChartError<DB>> {
    // At least a pixel each, so the walk always moves on.
    let pattern: Vec<f64> = pattern.iter().map(|l| l.max(1.0)).collect();
    let finite = |p: &(f64, f64)| p.0.is_finite() && p.1.is_finite();
    if pattern.is_empty() || points.len() < 2 || !points.iter().all(finite) {
        return Ok(());
    }
    let at = |(x, y): (f64, f64)| (px(x), px(y));
    let (mut k, mut left, mut on) = (0, pattern[0], true);
    let mut piece: Vec<(i32, i32)> = vec![at(points[0])];
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let length = (b.0 - a.0).hypot(b.1 - a.1);
        let mut done = 0.0;
        while length - done > left {
            done += left;
            let t = done / length;
            let p = at((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t));
            if on {
                piece.push(p);
                area.draw(&PathElement::new(std::mem::take(&mut piece), style))?;
            } else {
                piece = vec![p];
            }
            on = !on;
            k = (k + 1) % pattern.len();
            left = pattern[k];
        }
        left -= length - done;
        if on {
            piece.push(at(b));
        }
    }
    if on && piece.len() > 1 {
        area.draw(&PathElement::new(piece, style))?;
    }
    Ok(())
}

/// `label` at `(x, y)` in the chart font, regular weight.
pub(crate) fn text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    label: &str,
    at: (f64, f64),
    size: f64,
    colour: &RGBColor,
    pos: Pos,
) -> Result<(), ChartError<DB>> {
    styled_text(area, label, at, size, colour, pos, FontStyle::Normal)
}

/// `label` at `(x, y)` in the chart font and the given weight.
pub(crate) fn styled_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    label: &str,
    (x, y): (f64, f64),
    size: f64,
    colour: &RGBColor,
    pos: Pos,
    weight: FontStyle,
) -> Result<(), ChartError<DB>> {
    let style = font(size, weight).color(colour).pos(pos);
    area.draw(&Text::new(label.to_string(), (px(x), px(y)), style))
}

fn font(size: f64, weight: FontStyle) -> FontDesc<'static> {
    FontDesc::new(FontFamily::Name(FONT_FAMILY), size, weight)
}

/// Width of `label` in pixels at `size` px: Arial's metrics, never below
/// half an em per character.
pub(crate) fn text_width(label: &str, size: f64) -> f64 {
    let arial = label.chars().map(char_width).sum::<f64>() * size / 1000.0;
    // Never less than half an em a character: room for a wider fallback font.
    let floor = 0.5 * size * label.chars().count() as f64;
    arial.max(floor)
}

/// Advance widths of Arial (and its metric twins Helvetica and Liberation
/// Sans, which the charts' font stack falls back to) for ASCII 32..=126, in
/// thousandths of an em, from the published font metrics.
const ARIAL_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // space to /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p to ~
];

/// One character's advance in thousandths of an em: measured here rather
/// than in the page, because plotters measures text by styling a DOM
/// element, which the Content-Security-Policy forbids. Characters outside
/// ASCII count as a digit's width (556), generous for the few used (£, –, ≥).
fn char_width(c: char) -> f64 {
    let code = c as usize;
    let width = if (32..=126).contains(&code) {
        ARIAL_WIDTHS[code - 32]
    } else {
        556
    };
    f64::from(width)
}

/// Cuts `text` to `max` characters, ending with an ellipsis when cut.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.truncate(cut.trim_end().len());
        cut.push('…');
        cut
    }
}

/// Nice y ticks (1, 2 or 5 x 10^k apart) inside `lo..=hi`, stepping wider
/// until `format` gives each a different label.
pub(crate) fn y_ticks(
    lo: f64,
    hi: f64,
    count: f64,
    format: &dyn Fn(f64) -> String,
) -> Vec<(f64, String)> {
    let mut step = nice_step((hi - lo) / count);
    // Rounding the step up can leave a short axis with one tick: halve it.
    for _ in 0..4 {
        if (hi - lo) / step >= 2.5 || !(step.is_finite() && step > 0.0) {
            break;
        }
        step = smaller_step(step);
    }
    let mut ticks = Vec::new();
    for _ in 0..12 {
        if !(step.is_finite() && step > 0.0) {
            return Vec::new();
        }
        ticks.clear();
        let first = (lo / step).ceil();
        for k in 0..50 {
            let v = (first + k as f64) * step;
            if v > hi + step * 1e-9 {
                break;
            }
            // No "-0.0" from rounding noise.
            let v = if v.abs() < step * 1e-9 { 0.0 } else { v };
            ticks.push((v, format(v)));
        }
        if ticks.windows(2).all(|t| t[0].1 != t[1].1) {
            break;
        }
        step = nice_step(step * 1.5);
    }
    ticks
}

/// The smallest of 1, 2, 5 x 10^k at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let f = raw / magnitude;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// The next nice step below `step` (10 -> 5 -> 2 -> 1).
fn smaller_step(step: f64) -> f64 {
    let magnitude = 10f64.powf(step.log10().floor());
    let f = (step / magnitude).round();
    if f >= 5.0 {
        2.0 * magnitude
    } else if f >= 2.0 {
        magnitude
    } else {
        0.5 * magnitude
    }
}

/// Which x labels to draw, and where (centre x): every k-th point counting
/// back from the latest, k wide enough that labels never touch.
#[allow(clippy::too_many_arguments)]
pub(crate) fn x_label_indices(
    labels: &[String],
    n: usize,
    x_at: &dyn Fn(usize) -> f64,
    left: f64,
    right: f64,
    w: f64,
    font: f64,
    s: f64,
) -> Vec<(usize, f64)> {
    let count = n.min(labels.len());
    let Some(longest) = labels[..count].iter().max_by_key(|l| l.chars().count()) else {
        return Vec::new();
    };
    let widest = text_width(longest, font);
    if widest <= 0.0 {
        return Vec::new();
    }
    let gap = 10.0 * s;
    let step_px = if n > 1 {
        (right - left) / (n - 1) as f64
    } else {
        f64::INFINITY
    };
    let need = ((widest + gap) / step_px).ceil().max(1.0);
    let k = [1usize, 2, 3, 4, 6, 12]
        .into_iter()
        .find(|&k| k as f64 >= need)
        .unwrap_or_else(|| 12 * (need / 12.0).ceil() as usize);
    let mut out = Vec::new();
    let mut next_right = w; // left edge of the label placed before (to the right)
    for i in (0..count).rev() {
        if !(n - 1 - i).is_multiple_of(k) {
            continue;
        }
        let width = text_width(&labels[i], font);
        if width <= 0.0 {
            continue;
        }
        let half = width / 2.0;
        let x = x_at(i).clamp(half.min(w / 2.0), (w - half).max(w / 2.0));
        if x - half < 0.0 || x + half + gap > next_right {
            continue;
        }
        next_right = x - half;
        out.push((i, x));
    }
    out.reverse();
    out
}

/// The x axis: a thin line from `left` to `right` at `bottom`.
pub(crate) fn x_axis<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    left: f64,
    right: f64,
    bottom: f64,
    s: f64,
    c: &SpcColours,
) -> Result<(), ChartError<DB>> {
    line(
        area,
        (left, bottom),
        (right, bottom),
        c.axis.stroke_width(stroke(s)),
    )
}

/// A tick down from the x axis at `tick_x` and, unless it is empty, `label`
/// centred at `label_x` below it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn x_tick<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    tick_x: f64,
    label_x: f64,
    label: &str,
    bottom: f64,
    font: f64,
    s: f64,
    c: &SpcColours,
) -> Result<(), ChartError<DB>> {
    let tick = c.axis.stroke_width(stroke(s));
    line(area, (tick_x, bottom), (tick_x, bottom + 4.0 * s), tick)?;
    if label.is_empty() {
        return Ok(());
    }
    text(
        area,
        label,
        (label_x, bottom + 7.0 * s),
        font,
        &c.secondary_text,
        Pos::new(HPos::Center, VPos::Top),
    )
}

/// The y tick labels right-aligned left of `left`, each at `y_at` of its
/// value, leaving out those that would stick out of a chart `h` tall.
#[allow(clippy::too_many_arguments)]
pub(crate) fn y_tick_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ticks: &[(f64, String)],
    y_at: &dyn Fn(f64) -> f64,
    left: f64,
    h: f64,
    font: f64,
    s: f64,
    c: &SpcColours,
) -> Result<(), ChartError<DB>> {
    for (v, label) in ticks {
        let y = y_at(*v);
        if y - font / 2.0 < 0.0 || y + font / 2.0 > h {
            continue;
        }
        text(
            area,
            label,
            (left - 8.0 * s, y),
            font,
            &c.secondary_text,
            Pos::new(HPos::Right, VPos::Center),
        )?;
    }
    Ok(())
}

/// The corners of a closed shape as a path that goes round past the start,
/// so the first corner is joined too.
pub(crate) fn ring(corners: &[(i32, i32)]) -> Vec<(i32, i32)> {
    corners
        .iter()
        .chain(corners.iter().take(2))
        .copied()
        .collect()
}

/// The outline of the box with corners `(x0, y0)` and `(x1, y1)`.
pub(crate) fn outline_box<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
    outline: ShapeStyle,
) -> Result<(), ChartError<DB>> {
    area.draw(&PathElement::new(
        ring(&[(x0, y0), (x1, y0), (x1, y1), (x0, y1)]),
        outline,
    ))
}

/// A filled box with corners `(x0, y0)` and `(x1, y1)`, outlined: a square
/// point or a legend swatch.
pub(crate) fn filled_box<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    from: (i32, i32),
    to: (i32, i32),
    fill: RGBColor,
    outline: ShapeStyle,
) -> Result<(), ChartError<DB>> {
    area.draw(&Rectangle::new([from, to], fill.filled()))?;
    outline_box(area, from, to, outline)
}

/// A filled polygon through `corners` (rounded to the pixel), with an
/// optional edge around it.
pub(crate) fn polygon<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    corners: &[(f64, f64)],
    fill: RGBColor,
    edge: Option<ShapeStyle>,
) -> Result<(), ChartError<DB>> {
    let corners: Vec<(i32, i32)> = corners.iter().map(|&(x, y)| (px(x), px(y))).collect();
    area.draw(&Polygon::new(corners.clone(), fill.filled()))?;
    if let Some(edge) = edge {
        area.draw(&PathElement::new(ring(&corners), edge))?;
    }
    Ok(())
}

/// A diamond `d` from its centre to each corner, with an optional edge.
pub(crate) fn diamond<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (f64, f64),
    d: f64,
    fill: RGBColor,
    edge: Option<ShapeStyle>,
) -> Result<(), ChartError<DB>> {
    let corners = [(x, y - d), (x + d, y), (x, y + d), (x - d, y)];
    polygon(area, &corners, fill, edge)
}
