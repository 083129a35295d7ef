//! A stacked column chart over time: one column per period, its layers (for
//! example staff groups) stacked in order from the bottom, each in its own
//! colour *and* cut from its neighbours by a thin white line, the whole column
//! outlined, so the layers stay separable without colour. An optional total
//! per period is marked with a diamond, in red where it does not match the sum
//! of the layers.
//!
//! Laid out in pixels by hand, like the SPC chart, so it degrades to "whatever
//! fits" at any size, and every size is multiplied by `scale` (the device
//! pixel ratio) so canvas drawing stays crisp.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::RGBColor;

use super::spc_chart::{px, stroke, text, text_width, truncate, x_label_indices, y_ticks};
use super::{ChartError, Palette};

/// Layer colours, bottom layer first: the NHS.UK palette, ordered so that
/// neighbouring layers, and any two of the first four, stay well apart in
/// colour under simulated protanopia, deuteranopia and tritanopia as well as
/// normal vision. Some fall short of 3:1 on white (warm yellow, aqua green),
/// which is why columns are outlined and layers separated by white lines.
pub const STACK_COLOURS: [RGBColor; 8] = [
    RGBColor(0x00, 0x5E, 0xB8), // blue
    RGBColor(0x33, 0x00, 0x72), // purple
    RGBColor(0xAE, 0x25, 0x73), // pink
    RGBColor(0xED, 0x8B, 0x00), // warm yellow
    RGBColor(0x00, 0xA4, 0x99), // aqua green
    RGBColor(0x42, 0x55, 0x63), // dark grey
    RGBColor(0x00, 0x7F, 0x3B), // green
    RGBColor(0x76, 0x86, 0x92), // mid grey
];

/// A total that does not match the sum of its layers: NHS red.
const MISMATCH: RGBColor = RGBColor(0xD5, 0x28, 0x1B);

/// How far a total may be from the sum of its layers (rounding in the
/// published figures) before it is drawn as a mismatch.
const TOLERANCE: f64 = 0.5;

const TOTAL_LABEL: &str = "Total";
const MISMATCH_LABEL: &str = "Total differs from sum";

/// Legend labels are cut to the first of these lengths that lets the legend
/// fit in its share of the height.
const LEGEND_CHARS: [usize; 5] = [40, 24, 16, 10, 6];

/// One layer of the columns (e.g. a staff group): a value per period.
#[derive(Debug, Clone, PartialEq)]
pub struct Stack {
    /// In the legend (cut with an ellipsis when long).
    pub label: String,
    /// One per period; `None` (or not finite) where unknown, and periods
    /// past the end are unknown too.
    pub values: Vec<Option<f64>>,
}

/// What the stacked column chart draws.
#[derive(Debug, Clone)]
pub struct StackedData<'a> {
    /// x-axis label per column, oldest first, e.g. "Apr 2024".
    pub periods: &'a [String],
    /// Bottom layer first; colours follow [`STACK_COLOURS`] in this order.
    pub stacks: &'a [Stack],
    /// A published total per period, checked against the sum of the layers.
    pub total: Option<&'a [Option<f64>]>,
}

/// What a legend entry shows beside its label.
#[derive(Debug, Clone, Copy)]
enum Swatch {
    Layer(RGBColor),
    Total(RGBColor),
}

/// One column: its known layers (index, value) from the bottom, whether every
/// layer is known, and their sum.
struct Column {
    parts: Vec<(usize, f64)>,
    complete: bool,
    sum: f64,
}

/// Draws the stacked column chart filling `area`. `scale` is the device pixel
/// ratio (or a print/projector multiplier): fonts, strokes, markers and
/// margins are multiplied by it. `format` writes the y-axis ticks.
///
/// The y axis runs from 0 to 8% past the tallest column or total. A period
/// with a layer unknown shows its known layers only, stacked from the
/// bottom, without an outline (it is not the whole column) and its total is
/// never flagged (the sum is unknown). Negative values take no height but
/// still count in the sum a total is checked against. Where columns are too
/// narrow for them, separators and outlines are left out; where text no
/// longer fits, the legend and axis labels go. Never panics on small or
/// degenerate input.
pub fn draw_stacked<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &StackedData,
    palette: &Palette,
    scale: f64,
    format: &dyn Fn(f64) -> String,
) -> Result<(), ChartError<DB>> {
    let c = &palette.spc;
    let s = if scale.is_finite() && scale > 0.0 {
        scale.clamp(0.25, 16.0)
    } else {
        1.0
    };
    area.fill(&palette.background)?;
    let n = data.periods.len();
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (f64::from(w), f64::from(h));
    if n == 0 || w < 1.0 || h < 1.0 {
        return Ok(());
    }
    let layers = data.stacks.len();
    let total = |i: usize| {
        data.total
            .and_then(|t| t.get(i).copied().flatten())
            .filter(|v| v.is_finite())
    };
    let columns: Vec<Column> = (0..n)
        .map(|i| {
            let parts: Vec<(usize, f64)> = data
                .stacks
                .iter()
                .enumerate()
                .filter_map(|(l, stack)| {
                    let v = stack.values.get(i).copied().flatten();
                    v.filter(|v| v.is_finite()).map(|v| (l, v))
                })
                .collect();
            Column {
                complete: layers > 0 && parts.len() == layers,
                sum: parts.iter().map(|p| p.1).sum(),
                parts,
            }
        })
        .collect();
    let mismatch = |i: usize| {
        let col = &columns[i];
        col.complete && total(i).is_some_and(|t| (t - col.sum).abs() > TOLERANCE)
    };
    if columns.iter().all(|col| col.parts.is_empty()) && (0..n).all(|i| total(i).is_none()) {
        return Ok(());
    }

    // The y range: from 0 to 8% past the tallest column or total.
    let tallest = columns
        .iter()
        .map(|col| col.parts.iter().map(|p| p.1.max(0.0)).sum::<f64>())
        .chain((0..n).filter_map(total))
        .fold(0.0f64, f64::max);
    let hi = if tallest > 0.0 { tallest * 1.08 } else { 1.0 };
    let hi = hi.min(f64::MAX / 2.0);

    // The legend along the top, wrapped into rows, labels cut until it fits.
    let font = 12.0 * s;
    let tick_font = 12.0 * s;
    let m = 8.0 * s;
    let line_h = font * 1.4;
    let mut items: Vec<(&str, Swatch)> = data
        .stacks
        .iter()
        .enumerate()
        .map(|(l, stack)| (stack.label.as_str(), Swatch::Layer(colour(l))))
        .collect();
    if (0..n).any(|i| total(i).is_some()) {
        items.push((TOTAL_LABEL, Swatch::Total(c.outline)));
    }
    if (0..n).any(mismatch) {
        items.push((MISMATCH_LABEL, Swatch::Total(MISMATCH)));
    }
    let legend = LEGEND_CHARS.iter().find_map(|&chars| {
        legend_rows(area, &items, chars, font, s, w - 2.0 * m)
            .filter(|rows| rows.len() as f64 * line_h <= 0.3 * h)
    });
    let mut text_on = legend.is_some();
    for ch in LEGEND_CHARS { eprintln!("DBG {ch} {:?} {}", legend_rows(area, &items, ch, font, s, w - 2.0 * m).map(|r| r.len()), text_width(area, "Nursing", font)); }
    let legend = legend.unwrap_or_default();

    let mut top = m + legend.len() as f64 * line_h + (tick_font * 0.6).max(6.0 * s);
    let mut bottom = h - (tick_font * 1.2 + 11.0 * s);
    let count = ((bottom - top) / (tick_font * 3.0)).floor().clamp(2.0, 8.0);
    let ticks = if text_on {
        y_ticks(0.0, hi, count, format)
    } else {
        Vec::new()
    };
    let tick_width = ticks
        .iter()
        .map(|(_, t)| text_width(area, t, tick_font))
        .fold(0.0, f64::max);
    let mut left = tick_width + 12.0 * s;
    let mut right = w - 12.0 * s;
    if right - left < (0.35 * w).max(40.0) || bottom - top < (0.35 * h).max(30.0) {
        text_on = false;
    }
    if !text_on {
        let m = (4.0 * s).min(w / 10.0).min(h / 10.0);
        (left, right, top, bottom) = (m, w - m, m, h - m);
    }
    let y_at = |v: f64| bottom - v.clamp(0.0, hi) / hi * (bottom - top);
    let band = (right - left) / n as f64;
    let col_w = (band * 0.7).min(72.0 * s);
    let cx = |i: usize| left + band * (i as f64 + 0.5);
    // Room for white separators and an outline to leave some colour showing.
    let detail = col_w >= 6.0 * s;

    let thin = stroke(s);
    for (v, _) in &ticks {
        let y = px(y_at(*v));
        area.draw(&PathElement::new(
            vec![(px(left), y), (px(right), y)],
            c.grid.stroke_width(thin),
        ))?;
    }

    // The columns: layers from the bottom, each edge rounded once so
    // neighbours meet exactly, then the separators and the outline on top.
    let base = px(bottom);
    for (i, col) in columns.iter().enumerate() {
        let x0 = px(cx(i) - col_w / 2.0);
        let x1 = px(cx(i) + col_w / 2.0).max(x0 + 1);
        let (mut cum, mut below) = (0.0, base);
        let mut separators = Vec::new();
        for &(l, v) in &col.parts {
            cum += v.max(0.0);
            let y = px(y_at(cum));
            if y >= below {
                continue; // no height to show
            }
            area.draw(&Rectangle::new([(x0, y), (x1, below)], colour(l).filled()))?;
            if below != base {
                separators.push(below);
            }
            below = y;
        }
        if !detail {
            continue;
        }
        for y in separators {
            area.draw(&PathElement::new(
                vec![(x0, y), (x1, y)],
                palette.background.stroke_width(thin),
            ))?;
        }
        if col.complete && below < base {
            area.draw(&PathElement::new(
                ring(&[(x0, below), (x1, below), (x1, base), (x0, base)]),
                c.outline.stroke_width(thin),
            ))?;
        }
    }
    area.draw(&PathElement::new(
        vec![(px(left), base), (px(right), base)],
        c.axis.stroke_width(thin),
    ))?;

    // Totals: a dark diamond, red where it does not match the layers.
    let d = (5.0 * s).min((band * 0.45).max(2.0 * s));
    for i in 0..n {
        if let Some(t) = total(i) {
            let fill = if mismatch(i) { MISMATCH } else { c.outline };
            let edge = detail.then_some((palette.background, thin));
            diamond(area, (cx(i), y_at(t)), d, fill, edge)?;
        }
    }

    if !text_on {
        return Ok(());
    }

    // Text last, so nothing covers it.
    for (v, label) in &ticks {
        let y = y_at(*v);
        if y - tick_font / 2.0 < 0.0 || y + tick_font / 2.0 > h {
            continue;
        }
        text(
            area,
            label,
            (left - 8.0 * s, y),
            tick_font,
            &c.secondary_text,
            Pos::new(HPos::Right, VPos::Center),
        )?;
    }
    let x_labels = x_label_indices(
        area,
        data.periods,
        n,
        &cx,
        cx(0),
        cx(n - 1),
        w,
        tick_font,
        s,
    );
    for (i, x) in &x_labels {
        let xi = px(cx(*i));
        area.draw(&PathElement::new(
            vec![(xi, base), (xi, px(bottom + 4.0 * s))],
            c.axis.stroke_width(thin),
        ))?;
        text(
            area,
            &data.periods[*i],
            (*x, bottom + 7.0 * s),
            tick_font,
            &c.secondary_text,
            Pos::new(HPos::Center, VPos::Top),
        )?;
    }
    let side = font * 0.9;
    for (r, row) in legend.iter().enumerate() {
        let y = m + (r as f64 + 0.5) * line_h;
        for (x, item, label) in row {
            let x = m + x;
            match items[*item].1 {
                Swatch::Layer(fill) => {
                    let (x0, y0) = (px(x), px(y - side / 2.0));
                    let (x1, y1) = (px(x + side), px(y + side / 2.0));
                    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], fill.filled()))?;
                    area.draw(&PathElement::new(
                        ring(&[(x0, y0), (x1, y0), (x1, y1), (x0, y1)]),
                        c.outline.stroke_width(thin),
                    ))?;
                }
                Swatch::Total(fill) => {
                    diamond(area, (x + side / 2.0, y), side * 0.55, fill, None)?;
                }
            }
            if label.is_empty() {
                continue;
            }
            text(
                area,
                label,
                (x + side + 5.0 * s, y),
                font,
                &c.text,
                Pos::new(HPos::Left, VPos::Center),
            )?;
        }
    }
    Ok(())
}

/// The colour of layer `l` (repeating past eight layers).
fn colour(l: usize) -> RGBColor {
    STACK_COLOURS[l % STACK_COLOURS.len()]
}

/// Legend entries in rows no wider than `width`, labels cut to `chars`: per
/// row, each entry's x offset, index and label. `None` if an entry does not
/// fit on a row of its own.
fn legend_rows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: &[(&str, Swatch)],
    chars: usize,
    font: f64,
    s: f64,
    width: f64,
) -> Option<Vec<Vec<(f64, usize, String)>>> {
    let mut rows: Vec<Vec<(f64, usize, String)>> = Vec::new();
    let mut x = 0.0;
    for (i, (label, _)) in items.iter().enumerate() {
        let label = truncate(label, chars);
        let item_w = font * 0.9 + 5.0 * s + text_width(area, &label, font);
        if item_w > width {
            return None;
        }
        match rows.last_mut() {
            Some(row) if x + item_w <= width => row.push((x, i, label)),
            _ => {
                x = 0.0;
                rows.push(vec![(x, i, label)]);
            }
        }
        x += item_w + 16.0 * s;
    }
    Some(rows)
}

/// A diamond `d` from its centre to each corner, with an optional edge
/// (colour, width) around it.
fn diamond<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (f64, f64),
    d: f64,
    fill: RGBColor,
    edge: Option<(RGBColor, u32)>,
) -> Result<(), ChartError<DB>> {
    let corners = [(x, y - d), (x + d, y), (x, y + d), (x - d, y)].map(|(x, y)| (px(x), px(y)));
    area.draw(&Polygon::new(corners.to_vec(), fill.filled()))?;
    if let Some((colour, width)) = edge {
        area.draw(&PathElement::new(
            ring(&corners),
            colour.stroke_width(width),
        ))?;
    }
    Ok(())
}

/// The corners of a closed shape as a path that goes round past the start,
/// so the first corner is joined too.
fn ring(corners: &[(i32, i32)]) -> Vec<(i32, i32)> {
    corners
        .iter()
        .chain(corners.iter().take(2))
        .copied()
        .collect()
}
