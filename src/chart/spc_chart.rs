//! The "Making Data Count" SPC chart: the data line, each segment's mean and
//! process limits, rebases, the target, annotations, the points marked by
//! colour *and* shape, each with a dark outline so they stay visible where
//! the Making Data Count fills fall short of 3:1 contrast on white, and a
//! benchmark (England) as a labelled dash-dot reference line.
//!
//! Everything is laid out in pixels by hand rather than through plotters'
//! `ChartBuilder`, so the chart degrades to "whatever fits" at any size
//! instead of failing, and every size is multiplied by `scale` (the device
//! pixel ratio) so canvas drawing stays crisp.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::RGBColor;

use super::common::{
    dashed_line, diamond, filled_box, finite_target, line, patterned_line, polygon, px, start,
    stroke, text, text_width, truncate, x_axis, x_label_indices, x_tick, y_tick_labels, y_ticks,
};
use super::{ChartError, Palette};
use crate::analysis::spc::{PointType, Spc};

/// Colours of the SPC chart (NHS.UK and Making Data Count by default).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpcColours {
    pub text: RGBColor,
    /// Axis labels and the less important lines.
    pub secondary_text: RGBColor,
    pub grid: RGBColor,
    pub axis: RGBColor,
    pub data_line: RGBColor,
    pub mean: RGBColor,
    pub limit: RGBColor,
    pub target: RGBColor,
    pub common_cause: RGBColor,
    pub improvement: RGBColor,
    pub concern: RGBColor,
    pub neutral: RGBColor,
    /// Around every point, and the selection ring.
    pub outline: RGBColor,
    pub focus: RGBColor,
    /// A benchmark (England): its reference line and label, and its bars.
    pub reference: RGBColor,
}

impl Default for SpcColours {
    fn default() -> Self {
        SpcColours {
            text: RGBColor(0x21, 0x2B, 0x32),
            secondary_text: RGBColor(0x4C, 0x62, 0x72),
            grid: RGBColor(0xE8, 0xED, 0xEE),
            axis: RGBColor(0x76, 0x86, 0x92),
            data_line: RGBColor(0x42, 0x55, 0x63),
            mean: RGBColor(0x21, 0x2B, 0x32),
            limit: RGBColor(0x4C, 0x62, 0x72),
            // NHS red: 4.5:1 on white
            target: RGBColor(0xD5, 0x28, 0x1B),
            common_cause: RGBColor(0xA6, 0xA6, 0xA6),
            improvement: RGBColor(0x00, 0xB0, 0xF0),
            concern: RGBColor(0xE4, 0x6C, 0x0A),
            neutral: RGBColor(0x70, 0x30, 0xA0),
            outline: RGBColor(0x21, 0x2B, 0x32),
            focus: RGBColor(0xFF, 0xEB, 0x3B),
            // NHS dark pink: 8.6:1 on white, a colour no other line uses
            reference: RGBColor(0x7C, 0x28, 0x55),
        }
    }
}

/// What the SPC chart draws.
#[derive(Debug, Clone)]
pub struct SpcChartData<'a> {
    /// x-axis label per point index, e.g. "Apr 2016".
    pub labels: &'a [String],
    /// Values, point types and segments (limits may be `None` or a run chart).
    pub spc: &'a Spc,
    /// Value and label, e.g. `(78.0, "Target 78.0%")`.
    pub target: Option<(f64, String)>,
    /// Point index and text.
    pub annotations: &'a [(usize, String)],
    /// The point to highlight (keyboard focus or tap).
    pub selected: Option<usize>,
    /// A benchmark over the same periods (England), drawn as a reference line.
    pub reference: Option<ReferenceLine<'a>>,
}

/// A benchmark beside the data: a dash-dot line (unlike the solid mean, the
/// dashed limits and target and the dotted run-chart mean) labelled with the
/// comparator's name and latest value, e.g. "England 76.4%".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReferenceLine<'a> {
    /// Whose figures, e.g. "England".
    pub name: &'a str,
    /// One value per point of the chart; `None` for a gap, left as a gap.
    pub values: &'a [Option<f64>],
}

/// Longest annotation drawn on the chart; the rest is cut with an ellipsis.
const ANNOTATION_CHARS: usize = 30;

/// Draws the SPC chart filling `area` and returns each input point's pixel
/// position in `area` (`None` for gaps), for hit-testing taps and placing a
/// tooltip. `scale` is the device pixel ratio (or a print/projector
/// multiplier): fonts, strokes, markers and margins are multiplied by it.
/// `format` writes y values for the axis and the line labels.
///
/// Never panics on small or degenerate input: what does not fit is left out.
pub fn draw_spc<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &SpcChartData,
    palette: &Palette,
    scale: f64,
    format: &dyn Fn(f64) -> String,
) -> Result<Vec<Option<(i32, i32)>>, ChartError<DB>> {
    let (s, w, h) = start(area, palette, scale)?;
    let c = &palette.spc;
    let points = &data.spc.points;
    let n = points.len();
    let value = |i: usize| points[i].value.filter(|v| v.is_finite());
    let target = finite_target(&data.target);
    let reference = data.reference.and_then(|r| reference_values(r, n));

    // The y range: values, limits of charts that draw them, means, target.
    let mut known: Vec<f64> = (0..n).filter_map(value).collect();
    for seg in &data.spc.segments {
        known.extend(seg.mean);
        if let (false, Some(l)) = (seg.run_chart, &seg.limits) {
            known.extend([l.mean, l.lower_limit, l.upper_limit]);
        }
    }
    known.extend(target.map(|(v, _)| v));
    if let Some((_, values)) = &reference {
        known.extend(values.iter().flatten());
    }
    known.retain(|v| v.is_finite());
    if n == 0 || known.is_empty() {
        return Ok(vec![None; n]);
    }
    let (mut lo, mut hi) = known
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        // All equal: give the flat line some room.
        let pad = if hi != 0.0 { hi.abs() * 0.05 } else { 1.0 };
        lo -= pad;
        hi += pad;
    }
    let pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;

    let tick_font = 12.0 * s;
    let small_font = 11.0 * s;

    // Line labels at the right end of the last segment's lines.
    let last = data.spc.segments.last();
    // The target joins them there, clear of the points (at the left it was
    // drawn over the first points); it goes back to the left only when the
    // right-hand labels do not fit.
    let with_target = |mut labels: Vec<(f64, String, RGBColor)>| {
        if let Some((t, label)) = &target {
            labels.push((*t, label.to_string(), c.target));
        }
        labels
    };
    // The benchmark's label goes with the line labels whenever they fit.
    let with_reference = |mut labels: Vec<(f64, String, RGBColor)>, short: bool| {
        labels.extend(reference_label(reference.as_ref(), format, short, c));
        labels
    };
    let widest = |labels: &[(f64, String, RGBColor)]| {
        labels
            .iter()
            .map(|(_, t, _)| text_width(t, tick_font))
            .fold(0.0, f64::max)
    };
    // The first that fits in 30% of the width: full labels with the target,
    // short ones with it, short ones without it (the target then goes left),
    // or none.
    // Each choice says whether it carries the target.
    let choices = [
        (
            with_target(with_reference(line_labels(last, format, false, c), false)),
            true,
        ),
        (
            with_target(with_reference(line_labels(last, format, true, c), true)),
            true,
        ),
        (
            with_reference(line_labels(last, format, true, c), true),
            false,
        ),
    ];
    let (right_labels, carries_target) = choices
        .into_iter()
        .find(|(labels, _)| widest(labels) + 12.0 * s <= 0.3 * w)
        .unwrap_or_default();
    let right_width = widest(&right_labels);
    let target_on_right = carries_target && target.is_some();
    // Every choice carries the benchmark's label: none chosen sends it left.
    let reference_on_right = !right_labels.is_empty();

    // y ticks, with as many as the height allows and distinct labels.
    let est_plot_h = h - 4.0 * tick_font;
    let count = (est_plot_h / (tick_font * 3.0)).floor().clamp(2.0, 8.0);
    let ticks = y_ticks(lo, hi, count, format);
    let tick_width = ticks
        .iter()
        .map(|(_, t)| text_width(t, tick_font))
        .fold(0.0, f64::max);

    let mut text_on = true;
    let mut left = tick_width + 12.0 * s;
    let mut right = w - if right_labels.is_empty() {
        12.0 * s
    } else {
        right_width + 12.0 * s
    };
    let mut bottom = h - (tick_font * 1.2 + 11.0 * s);
    let line_h = small_font * 1.3;
    // The top margin holds at least one row of labels when there are any.
    let has_top_labels = !data.annotations.is_empty() || data.spc.segments.len() > 1;
    let top_at_least = if has_top_labels {
        6.0 * s + line_h
    } else {
        10.0 * s
    };
    if right - left < (0.35 * w).max(40.0) || bottom - top_at_least < (0.35 * h).max(30.0) {
        text_on = false;
    }
    if !text_on {
        let m = (4.0 * s).min(w / 10.0).min(h / 10.0);
        left = m;
        right = w - m;
        bottom = h - m;
    }
    // Markers shrink a little where points crowd, so neighbours stay apart.
    let spacing = (right - left) / n.saturating_sub(1).max(1) as f64;
    let marker = (3.5 * s).min((spacing * 0.45).max(2.0 * s));
    let inset = (marker * 1.6 + 3.0 * s).min((right - left).max(0.0) / 4.0);
    let x_at = |i: usize| -> f64 {
        if n <= 1 {
            (left + right) / 2.0
        } else {
            left + inset + (right - left - 2.0 * inset) * i as f64 / (n - 1) as f64
        }
    };

    // Labels along the top: rebases and annotations, in rows so none overlap.
    let mut top_items: Vec<(f64, String, bool)> = Vec::new(); // x, text, is annotation
    for seg in &data.spc.segments {
        if seg.start > 0 && seg.start < n {
            let x = (x_at(seg.start - 1) + x_at(seg.start)) / 2.0;
            top_items.push((x, "Rebase".to_string(), false));
        }
    }
    for (i, text) in data.annotations {
        if *i < n {
            top_items.push((x_at(*i), truncate(text, ANNOTATION_CHARS), true));
        }
    }
    let max_rows = if !text_on {
        0
    } else if h >= 320.0 * s {
        3
    } else if h >= 200.0 * s {
        2
    } else {
        1
    };
    // Rebases first (they explain the limits), then annotations in order.
    let mut rows: Vec<Vec<(f64, f64)>> = Vec::new();
    // x of the text, row, text, anchor, is annotation, x of its line
    let mut placed: Vec<(f64, usize, String, HPos, bool, f64)> = Vec::new();
    for (x, text, is_note) in &top_items {
        let width = text_width(text, small_font);
        let (start, anchor, tx) = if x + 3.0 * s + width <= w {
            (x + 3.0 * s, HPos::Left, x + 3.0 * s)
        } else {
            (x - 3.0 * s - width, HPos::Right, x - 3.0 * s)
        };
        if start < 0.0 {
            continue;
        }
        let end = start + width + 6.0 * s;
        let free = |row: &Vec<(f64, f64)>| row.iter().all(|&(a, b)| end <= a || start >= b);
        let row = (0..max_rows).find(|&r| rows.get(r).is_none_or(free));
        if let Some(r) = row {
            if r == rows.len() {
                rows.push(Vec::new());
            }
            rows[r].push((start, end));
            placed.push((tx, r, text.clone(), anchor, *is_note, *x));
        }
    }
    let top = if !text_on {
        (4.0 * s).min(h / 10.0)
    } else if rows.is_empty() {
        (tick_font * 0.6 + 4.0 * s).max(10.0 * s)
    } else {
        6.0 * s + rows.len() as f64 * line_h
    };
    let y_at = |v: f64| top + (hi - v) / (hi - lo) * (bottom - top);

    let thin = stroke(s);
    // Grid: horizontal at y ticks, vertical at labelled x.
    let x_labels = if text_on {
        x_label_indices(data.labels, n, &x_at, left, right, w, tick_font, s)
    } else {
        Vec::new()
    };
    for (v, _) in &ticks {
        let y = y_at(*v);
        line(area, (left, y), (right, y), c.grid.stroke_width(thin))?;
    }
    for &(i, _) in &x_labels {
        let x = x_at(i);
        line(area, (x, top), (x, bottom), c.grid.stroke_width(thin))?;
    }

    let positions: Vec<Option<(i32, i32)>> = (0..n)
        .map(|i| value(i).map(|v| (px(x_at(i)), px(y_at(v)))))
        .collect();
    let selected = data
        .selected
        .and_then(|i| positions.get(i).copied().flatten());
    if let Some(p) = selected {
        area.draw(&Circle::new(p, px(11.0 * s), c.focus.filled()))?;
    }

    // Rebases and annotations: vertical lines from their label down.
    let line_top = |x: f64| {
        placed
            .iter()
            .find(|p| p.5 == x)
            .map(|p| 4.0 * s + p.1 as f64 * line_h)
            .unwrap_or(top)
    };
    for seg in &data.spc.segments {
        if seg.start > 0 && seg.start < n {
            let x = (x_at(seg.start - 1) + x_at(seg.start)) / 2.0;
            let dash = (4.0 * s, 3.0 * s);
            let style = c.secondary_text.stroke_width(thin);
            dashed_line(area, (x, line_top(x)), (x, bottom), dash, style)?;
        }
    }
    for (i, _) in data.annotations {
        if *i < n {
            let x = x_at(*i);
            let dash = (1.5 * s, 2.5 * s);
            let style = c.secondary_text.stroke_width(thin);
            dashed_line(area, (x, line_top(x)), (x, bottom), dash, style)?;
        }
    }

    // Target across the whole chart.
    if let Some((t, _)) = target {
        let y = y_at(t);
        let style = c.target.stroke_width(stroke(2.0 * s));
        dashed_line(area, (left, y), (right, y), (8.0 * s, 4.0 * s), style)?;
    }

    // The benchmark under the process lines and the data.
    if let Some((_, values)) = &reference {
        draw_reference(area, values, &x_at, &y_at, s, c)?;
    }

    // Each segment's mean (dotted on a run chart) and limits, over its points.
    let line_w = stroke(1.5 * s);
    for seg in &data.spc.segments {
        if seg.start >= seg.end || seg.end > n {
            continue;
        }
        // From the segment's first to its last present point: a trailing or
        // leading gap is not part of the process.
        let present = |i: &usize| data.spc.points.get(*i).is_some_and(|p| p.value.is_some());
        let (Some(first), Some(last)) = (
            (seg.start..seg.end).find(present),
            (seg.start..seg.end).rev().find(present),
        ) else {
            continue;
        };
        let (x0, x1) = (x_at(first), x_at(last));
        let across = |v: f64| ((x0, y_at(v)), (x1, y_at(v)));
        match (seg.run_chart, &seg.limits) {
            (false, Some(l)) => {
                let (from, to) = across(l.mean);
                line(area, from, to, c.mean.stroke_width(line_w))?;
                for v in [l.upper_limit, l.lower_limit] {
                    let (from, to) = across(v);
                    let style = c.limit.stroke_width(line_w);
                    dashed_line(area, from, to, (6.0 * s, 4.0 * s), style)?;
                }
            }
            _ => {
                if let Some(m) = seg.mean.filter(|m| m.is_finite()) {
                    let (from, to) = across(m);
                    let style = c.mean.stroke_width(line_w);
                    dashed_line(area, from, to, (2.0 * s, 3.0 * s), style)?;
                }
            }
        }
    }

    // The data line: one polyline per unbroken run within a segment.
    let mut run: Vec<(i32, i32)> = Vec::new();
    let mut run_segment = None;
    for (i, p) in points.iter().enumerate() {
        let pos = positions[i];
        if pos.is_none() || run_segment != Some(p.segment) {
            draw_run(area, &mut run, c.data_line.stroke_width(line_w))?;
        }
        if let Some(pos) = pos {
            run.push(pos);
            run_segment = Some(p.segment);
        }
    }
    draw_run(area, &mut run, c.data_line.stroke_width(line_w))?;

    for (p, pos) in points.iter().zip(&positions) {
        if let Some(pos) = pos {
            draw_marker(area, p.kind, *pos, marker, thin, c)?;
        }
    }
    if let Some(p) = selected {
        area.draw(&Circle::new(
            p,
            px(8.0 * s),
            c.outline.stroke_width(stroke(2.0 * s)),
        ))?;
    }

    if !text_on {
        return Ok(positions);
    }

    // Axes and text last, so nothing covers them.
    x_axis(area, left, right, bottom, s, c)?;
    y_tick_labels(area, &ticks, &y_at, left, h, tick_font, s, c)?;
    for (i, x) in &x_labels {
        let label = &data.labels[*i];
        x_tick(area, x_at(*i), *x, label, bottom, tick_font, s, c)?;
    }
    for (tx, row, label, anchor, is_note, _) in &placed {
        let colour = if *is_note { c.text } else { c.secondary_text };
        text(
            area,
            label,
            (*tx, 4.0 * s + *row as f64 * line_h),
            small_font,
            &colour,
            Pos::new(*anchor, VPos::Top),
        )?;
    }
    if let (Some((t, label)), false) = (target, target_on_right) {
        let y = (y_at(t) - 3.0 * s).max(tick_font);
        text(
            area,
            label,
            (left + 4.0 * s, y),
            tick_font,
            &c.target,
            Pos::new(HPos::Left, VPos::Bottom),
        )?;
    }
    if let (Some((name, values)), false) = (&reference, reference_on_right) {
        // No room at the right: the name alone, above the line's first point.
        if let Some((i, v)) = values
            .iter()
            .enumerate()
            .find_map(|(i, v)| v.map(|v| (i, v)))
        {
            let y = (y_at(v) - 3.0 * s).max(tick_font);
            let x = x_at(i).min(right - text_width(name, tick_font)).max(left);
            let pos = Pos::new(HPos::Left, VPos::Bottom);
            text(area, name, (x, y), tick_font, &c.reference, pos)?;
        }
    }
    // Right-hand labels, nudged apart so they never overlap.
    let mut ys: Vec<f64> = right_labels.iter().map(|(v, _, _)| y_at(*v)).collect();
    spread(
        &mut ys,
        tick_font * 1.15,
        tick_font / 2.0,
        h - tick_font / 2.0,
    );
    for ((_, label, colour), y) in right_labels.iter().zip(ys) {
        text(
            area,
            label,
            (right + 6.0 * s, y),
            tick_font,
            colour,
            Pos::new(HPos::Left, VPos::Center),
        )?;
    }
    Ok(positions)
}

/// The labels for the last segment's lines, top to bottom: value, text, colour.
fn line_labels(
    last: Option<&crate::analysis::spc::Segment>,
    format: &dyn Fn(f64) -> String,
    short: bool,
    c: &SpcColours,
) -> Vec<(f64, String, RGBColor)> {
    let Some(seg) = last else {
        return Vec::new();
    };
    match (seg.run_chart, &seg.limits) {
        (false, Some(l)) => {
            let (upper, lower) = if short {
                ("Upper", "Lower")
            } else {
                ("Upper limit", "Lower limit")
            };
            vec![
                (
                    l.upper_limit,
                    format!("{upper} {}", format(l.upper_limit)),
                    c.limit,
                ),
                (l.mean, format!("Mean {}", format(l.mean)), c.mean),
                (
                    l.lower_limit,
                    format!("{lower} {}", format(l.lower_limit)),
                    c.limit,
                ),
            ]
        }
        _ => seg
            .mean
            .filter(|m| m.is_finite())
            .map(|m| {
                let label = if short {
                    format!("Mean {}", format(m))
                } else {
                    format!("Mean (run chart) {}", format(m))
                };
                vec![(m, label, c.mean)]
            })
            .unwrap_or_default(),
    }
    .into_iter()
    .filter(|(v, _, _)| v.is_finite())
    .collect()
}

/// The benchmark's name and its values for the `n` points (finite or `None`),
/// or `None` when it has no value to draw among them.
fn reference_values<'a>(
    reference: ReferenceLine<'a>,
    n: usize,
) -> Option<(&'a str, Vec<Option<f64>>)> {
    let values: Vec<Option<f64>> = (0..n)
        .map(|i| {
            reference
                .values
                .get(i)
                .copied()
                .flatten()
                .filter(|v| v.is_finite())
        })
        .collect();
    values
        .iter()
        .any(Option::is_some)
        .then_some((reference.name, values))
}

/// The benchmark's label at its latest value: "England 76.4%", or just
/// "England" where space is short.
fn reference_label(
    reference: Option<&(&str, Vec<Option<f64>>)>,
    format: &dyn Fn(f64) -> String,
    short: bool,
    c: &SpcColours,
) -> Option<(f64, String, RGBColor)> {
    let (name, values) = reference?;
    let latest = values.iter().rev().find_map(|v| *v)?;
    let label = if short {
        name.to_string()
    } else {
        format!("{name} {}", format(latest))
    };
    Some((latest, label, c.reference))
}

/// The benchmark as a dash-dot line, one run per stretch without a gap (a
/// lone value is a short level stroke, so it is seen).
fn draw_reference<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    values: &[Option<f64>],
    x_at: &dyn Fn(usize) -> f64,
    y_at: &dyn Fn(f64) -> f64,
    s: f64,
    c: &SpcColours,
) -> Result<(), ChartError<DB>> {
    let style = c.reference.stroke_width(stroke(2.0 * s));
    let pattern = [10.0 * s, 3.0 * s, 2.0 * s, 3.0 * s];
    let mut run: Vec<(f64, f64)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v {
            run.push((x_at(i), y_at(*v)));
        }
        if v.is_none() || i + 1 == values.len() {
            if let [(x, y)] = run.as_slice() {
                run = vec![(x - 6.0 * s, *y), (x + 6.0 * s, *y)];
            }
            patterned_line(area, &run, &pattern, style)?;
            run.clear();
        }
    }
    Ok(())
}

/// Moves label centres (in any order) at least `gap` apart, within `min..=max`.
fn spread(ys: &mut [f64], gap: f64, min: f64, max: f64) {
    let mut order: Vec<usize> = (0..ys.len()).collect();
    crate::sort::by(&mut order, |&a, &b| ys[a].total_cmp(&ys[b]));
    let mut sorted: Vec<f64> = order.iter().map(|&i| ys[i]).collect();
    for i in 1..sorted.len() {
        sorted[i] = sorted[i].max(sorted[i - 1] + gap);
    }
    if let Some(last) = sorted.last_mut() {
        *last = last.min(max);
    }
    for i in (0..sorted.len().saturating_sub(1)).rev() {
        sorted[i] = sorted[i].min(sorted[i + 1] - gap);
    }
    if let Some(first) = sorted.first_mut() {
        *first = first.max(min);
    }
    for (i, y) in order.into_iter().zip(sorted) {
        ys[i] = y;
    }
}

/// Draws a run of the data line (a lone point is shown by its marker alone).
fn draw_run<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    run: &mut Vec<(i32, i32)>,
    style: ShapeStyle,
) -> Result<(), ChartError<DB>> {
    if run.len() > 1 {
        area.draw(&PathElement::new(std::mem::take(run), style))?;
    }
    run.clear();
    Ok(())
}

/// A point: grey circle (common cause), blue triangle (improvement), orange
/// square (concern), purple diamond (neutral), each outlined.
fn draw_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    kind: PointType,
    (x, y): (i32, i32),
    r: f64,
    outline_width: u32,
    c: &SpcColours,
) -> Result<(), ChartError<DB>> {
    let (x, y) = (f64::from(x), f64::from(y));
    let outline = c.outline.stroke_width(outline_width);
    match kind {
        PointType::CommonCause => {
            let r = px(r);
            area.draw(&Circle::new(
                (x as i32, y as i32),
                r,
                c.common_cause.filled(),
            ))?;
            area.draw(&Circle::new((x as i32, y as i32), r, outline))
        }
        PointType::SpecialCauseImprovement => {
            let big = r * 1.6;
            let corners = [
                (x, y - big),
                (x + big * 0.866, y + big * 0.5),
                (x - big * 0.866, y + big * 0.5),
            ];
            polygon(area, &corners, c.improvement, Some(outline))
        }
        PointType::SpecialCauseConcern => {
            let a = r * 0.95;
            let (from, to) = ((px(x - a), px(y - a)), (px(x + a), px(y + a)));
            filled_box(area, from, to, c.concern, outline)
        }
        PointType::SpecialCauseNeutralHigh | PointType::SpecialCauseNeutralLow => {
            diamond(area, (x, y), r * 1.35, c.neutral, Some(outline))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::spc::{spc, Direction, SpcOptions};
    use crate::chart::test_svg::{
        assert_labels_apart, attr, elements, months, pct, points_of, render, stroke_widths,
        text_contents as texts, with,
    };

    fn analyse(values: &[Option<f64>], rebase: &[usize], direction: Direction) -> Spc {
        spc(
            values,
            rebase,
            &SpcOptions {
                direction,
                target: None,
                screen_outliers: true,
            },
        )
    }

    /// Around 50 with a little noise, so the limits are tight.
    fn steady(n: usize) -> Vec<Option<f64>> {
        (0..n)
            .map(|i| Some(50.0 + [0.0, 1.0, -1.0, 0.5, -0.5][i % 5]))
            .collect()
    }

    struct Drawn {
        svg: String,
        positions: Vec<Option<(i32, i32)>>,
    }

    fn draw(data: &SpcChartData, size: (u32, u32), scale: f64) -> Drawn {
        let (svg, positions) = render(size, |area| {
            draw_spc(area, data, &Palette::default(), scale, &pct).unwrap()
        });
        Drawn { svg, positions }
    }

    fn chart<'a>(labels: &'a [String], spc: &'a Spc) -> SpcChartData<'a> {
        SpcChartData {
            labels,
            spc,
            target: None,
            annotations: &[],
            selected: None,
            reference: None,
        }
    }

    fn count_kind(spc: &Spc, kind: PointType) -> usize {
        spc.points
            .iter()
            .filter(|p| p.kind == kind && p.value.is_some())
            .count()
    }

    #[test]
    fn each_point_type_has_its_own_colour_and_shape() {
        let mut values = steady(24);
        values[10] = Some(70.0);
        values[18] = Some(30.0);
        let labels = months(24);
        let up = analyse(&values, &[], Direction::Increase);
        let improvement = count_kind(&up, PointType::SpecialCauseImprovement);
        let concern = count_kind(&up, PointType::SpecialCauseConcern);
        let common = count_kind(&up, PointType::CommonCause);
        assert!(improvement > 0 && concern > 0 && common > 0, "{up:?}");
        let out = draw(&chart(&labels, &up), (640, 360), 1.0).svg;
        assert_eq!(with(&out, "polygon", "fill", "#00B0F0").len(), improvement);
        assert_eq!(with(&out, "rect", "fill", "#E46C0A").len(), concern);
        assert_eq!(with(&out, "circle", "fill", "#A6A6A6").len(), common);
        // every circle is outlined in dark grey
        let outlines = elements(&out, "circle")
            .into_iter()
            .filter(|e| attr(e, "fill") == "none" && attr(e, "stroke") == "#212B32")
            .count();
        assert_eq!(outlines, common);
        // triangles and squares are outlined too: closed paths in #212B32
        let outlined_shapes = with(&out, "polyline", "stroke", "#212B32")
            .into_iter()
            .filter(|e| points_of(e).len() >= 5)
            .count();
        assert_eq!(outlined_shapes, improvement + concern);

        let neutral = analyse(&values, &[], Direction::Neutral);
        let special = count_kind(&neutral, PointType::SpecialCauseNeutralHigh)
            + count_kind(&neutral, PointType::SpecialCauseNeutralLow);
        assert!(special >= 2);
        let out = draw(&chart(&labels, &neutral), (640, 360), 1.0).svg;
        let diamonds = with(&out, "polygon", "fill", "#7030A0");
        assert_eq!(diamonds.len(), special);
        assert!(diamonds.iter().all(|d| points_of(d).len() == 4));
        assert!(with(&out, "polygon", "fill", "#00B0F0").is_empty());
    }

    #[test]
    fn gaps_and_rebases_split_the_data_line() {
        let mut values = steady(30);
        values[5] = None;
        let labels = months(30);
        let result = analyse(&values, &[15], Direction::Increase);
        let drawn = draw(&chart(&labels, &result), (640, 360), 1.0);
        // runs: 0..5, 6..15, 15..30
        let lines = with(&drawn.svg, "polyline", "stroke", "#425563");
        assert_eq!(lines.len(), 3, "{}", drawn.svg);
        assert_eq!(
            lines.iter().map(|l| points_of(l).len()).collect::<Vec<_>>(),
            [5, 9, 15]
        );
        assert!(texts(&drawn.svg).contains(&"Rebase"));

        let whole = analyse(&steady(30), &[], Direction::Increase);
        let drawn = draw(&chart(&labels, &whole), (640, 360), 1.0);
        assert_eq!(with(&drawn.svg, "polyline", "stroke", "#425563").len(), 1);
        assert!(!texts(&drawn.svg).contains(&"Rebase"));
    }

    #[test]
    fn positions_are_none_for_gaps_and_run_left_to_right() {
        let mut values = steady(20);
        values[0] = None;
        values[7] = None;
        let labels = months(20);
        let result = analyse(&values, &[], Direction::Increase);
        let drawn = draw(&chart(&labels, &result), (640, 360), 1.0);
        assert_eq!(drawn.positions.len(), 20);
        for (p, v) in drawn.positions.iter().zip(&values) {
            assert_eq!(p.is_none(), v.is_none());
        }
        let xs: Vec<i32> = drawn.positions.iter().flatten().map(|p| p.0).collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
        assert!(drawn
            .positions
            .iter()
            .flatten()
            .all(|&(x, y)| (0..640).contains(&x) && (0..360).contains(&y)));
        // a higher value sits higher up
        let (p1, p2) = (drawn.positions[1].unwrap(), drawn.positions[2].unwrap());
        assert!(values[1] > values[2] && p1.1 < p2.1);
    }

    #[test]
    fn mean_limits_and_target_are_labelled() {
        let labels = months(24);
        let result = analyse(&steady(24), &[], Direction::Increase);
        let l = result.latest_limits().unwrap();
        let data = SpcChartData {
            target: Some((55.0, "Target 55.0%".into())),
            ..chart(&labels, &result)
        };
        let out = draw(&data, (800, 400), 1.0).svg;
        let texts = texts(&out);
        for label in [
            format!("Mean {}", pct(l.mean)),
            format!("Upper limit {}", pct(l.upper_limit)),
            format!("Lower limit {}", pct(l.lower_limit)),
            "Target 55.0%".to_string(),
        ] {
            assert!(texts.contains(&label.as_str()), "{label} in {texts:?}");
        }
        let target_text = elements(&out, "text")
            .into_iter()
            .find(|e| attr(e, "fill") == "#D5281B")
            .unwrap();
        assert_eq!(attr(target_text, "text-anchor"), "start");
        // with the line labels at the right end, clear of the points
        let x: i32 = attr(target_text, "x").parse().unwrap();
        assert!(x > 600, "target label at x = {x} of 800");
        // y ticks are formatted
        assert!(texts.iter().any(|t| t.ends_with('%') && !t.contains(' ')));
        // the target is a dashed red line across the plot: many short pieces
        assert!(with(&out, "polyline", "stroke", "#D5281B").len() > 10);
        // mean solid (one line), limits dashed (many pieces)
        let mean_lines = with(&out, "polyline", "stroke", "#212B32")
            .into_iter()
            .filter(|e| points_of(e).len() == 2)
            .count();
        assert_eq!(mean_lines, 1);
        assert!(with(&out, "polyline", "stroke", "#4C6272").len() > 10);
    }

    #[test]
    fn segment_lines_stop_at_the_last_present_point() {
        // 14 points then 6 months with no figure: the mean ends at point 13.
        let mut values = steady(14);
        values.extend([None; 6]);
        let labels = months(values.len());
        let result = analyse(&values, &[], Direction::Increase);
        let drawn = draw(&chart(&labels, &result), (800, 400), 1.0);
        let last_x = drawn.positions[13].unwrap().0;
        let mean = with(&drawn.svg, "polyline", "stroke", "#212B32")
            .into_iter()
            .map(points_of)
            .find(|p| p.len() == 2 && p[0].1 == p[1].1)
            .expect("a horizontal mean line");
        assert_eq!(mean[1].0, last_x, "{mean:?}");
    }

    #[test]
    fn run_chart_segment_has_no_limit_lines() {
        let labels = months(8);
        let short = analyse(&steady(8), &[], Direction::Increase);
        assert!(short.segments[0].run_chart);
        let out = draw(&chart(&labels, &short), (640, 360), 1.0).svg;
        assert!(with(&out, "polyline", "stroke", "#4C6272").is_empty());
        let texts = texts(&out);
        assert!(texts.iter().any(|t| t.starts_with("Mean (run chart)")));
        assert!(!texts.iter().any(|t| t.contains("limit")));
        // the mean is dotted: many short pieces
        assert!(with(&out, "polyline", "stroke", "#212B32").len() > 10);

        // A run chart then, after a rebase, a full chart: limits only on the right.
        let labels = months(25);
        let mixed = analyse(&steady(25), &[8], Direction::Increase);
        assert!(mixed.segments[0].run_chart && !mixed.segments[1].run_chart);
        let drawn = draw(&chart(&labels, &mixed), (640, 360), 1.0);
        let rebase_x = (drawn.positions[7].unwrap().0 + drawn.positions[8].unwrap().0) / 2;
        let dashes = with(&drawn.svg, "polyline", "stroke", "#4C6272");
        let (vertical, horizontal): (Vec<_>, Vec<_>) = dashes
            .iter()
            .map(|d| points_of(d))
            .partition(|p| p.iter().all(|q| q.0 == p[0].0));
        assert!(vertical.iter().flatten().all(|p| p.0 == rebase_x));
        assert!(!horizontal.is_empty());
        assert!(horizontal
            .iter()
            .flatten()
            .all(|p| p.0 >= drawn.positions[8].unwrap().0));
    }

    #[test]
    fn high_dpi_doubles_strokes_and_markers() {
        let labels = months(24);
        let mut values = steady(24);
        values[10] = Some(70.0);
        let result = analyse(&values, &[], Direction::Increase);
        let data = SpcChartData {
            target: Some((55.0, "Target 55.0%".into())),
            selected: Some(3),
            ..chart(&labels, &result)
        };
        let one = draw(&data, (640, 360), 1.0).svg;
        let two = draw(&data, (1280, 720), 2.0).svg;
        let width = stroke_widths;
        assert_eq!(width(&one, "polyline", "#D5281B"), ["2"]);
        assert_eq!(width(&two, "polyline", "#D5281B"), ["4"]);
        assert_eq!(width(&one, "polyline", "#E8EDEE"), ["1"]);
        assert_eq!(width(&two, "polyline", "#E8EDEE"), ["2"]);
        // point outlines 1 -> 2 and the selection ring 2 -> 4
        assert_eq!(width(&one, "circle", "#212B32"), ["1", "2"]);
        assert_eq!(width(&two, "circle", "#212B32"), ["2", "4"]);
        // the 1.5 px data line is 3 device pixels at 2x
        assert_eq!(width(&two, "polyline", "#425563"), ["3"]);
        let font = |svg: &str| {
            elements(svg, "text")
                .iter()
                .map(|e| attr(e, "font-size").parse::<f64>().unwrap())
                .fold(0.0, f64::max)
        };
        assert!((font(&two) / font(&one) - 2.0).abs() < 1e-9);
        let radius = |svg: &str| attr(with(svg, "circle", "fill", "#A6A6A6")[0], "r").to_string();
        assert_eq!(radius(&one), "4");
        assert_eq!(radius(&two), "7");
    }

    #[test]
    fn selected_point_gets_a_ring_and_halo() {
        let labels = months(15);
        let result = analyse(&steady(15), &[], Direction::Increase);
        let plain = draw(&chart(&labels, &result), (640, 360), 1.0);
        assert!(with(&plain.svg, "circle", "fill", "#FFEB3B").is_empty());
        let data = SpcChartData {
            selected: Some(4),
            ..chart(&labels, &result)
        };
        let drawn = draw(&data, (640, 360), 1.0);
        let (x, y) = drawn.positions[4].unwrap();
        let halo = with(&drawn.svg, "circle", "fill", "#FFEB3B");
        assert_eq!(halo.len(), 1);
        let ring: Vec<_> = elements(&drawn.svg, "circle")
            .into_iter()
            .filter(|e| attr(e, "stroke-width") == "2" && attr(e, "r") == "8")
            .collect();
        assert_eq!(ring.len(), 1);
        for e in [halo[0], ring[0]] {
            assert_eq!(attr(e, "cx"), x.to_string());
            assert_eq!(attr(e, "cy"), y.to_string());
        }
        // the halo sits behind the point, the ring in front of it
        let at = |e: &str| drawn.svg.find(e).unwrap();
        let point = elements(&drawn.svg, "circle")
            .into_iter()
            .find(|e| attr(e, "fill") == "#A6A6A6" && attr(e, "cx") == x.to_string())
            .unwrap();
        assert!(at(halo[0]) < at(point) && at(point) < at(ring[0]));
    }

    #[test]
    fn annotations_draw_a_dotted_line_and_short_text() {
        let labels = months(20);
        let result = analyse(&steady(20), &[], Direction::Increase);
        let notes = [
            (6, "New triage model".to_string()),
            (
                12,
                "A very long annotation that goes on and on about the winter".to_string(),
            ),
            (99, "out of range".to_string()),
        ];
        let data = SpcChartData {
            annotations: &notes,
            ..chart(&labels, &result)
        };
        let drawn = draw(&data, (800, 400), 1.0);
        let texts = texts(&drawn.svg);
        assert!(texts.contains(&"New triage model"));
        let long = texts.iter().find(|t| t.starts_with("A very long")).unwrap();
        assert!(long.ends_with('…') && long.chars().count() <= ANNOTATION_CHARS);
        assert!(!texts.contains(&"out of range"));
        let x = drawn.positions[6].unwrap().0;
        let dots = with(&drawn.svg, "polyline", "stroke", "#4C6272")
            .into_iter()
            .filter(|e| points_of(e).iter().all(|p| p.0 == x))
            .count();
        assert!(dots > 10);
    }

    #[test]
    fn x_labels_thin_out_and_keep_the_latest() {
        let labels = months(48);
        let result = analyse(&steady(48), &[], Direction::Increase);
        for (size, scale) in [((280, 180), 1.0), ((640, 360), 1.0), ((2400, 1200), 2.0)] {
            let out = draw(&chart(&labels, &result), size, scale).svg;
            let shown: Vec<&str> = texts(&out)
                .into_iter()
                .filter(|t| labels.iter().any(|l| l == t))
                .collect();
            assert!(!shown.is_empty() && shown.len() < 48, "{size:?}: {shown:?}");
            assert_eq!(shown.last(), Some(&"Mar 2020"), "{size:?}");
            // centres at least a label's width apart (about 0.5 em a character)
            let xs: Vec<i32> = elements(&out, "text")
                .iter()
                .filter(|e| attr(e, "text-anchor") == "middle")
                .map(|e| attr(e, "x").parse().unwrap())
                .collect();
            assert_labels_apart(&xs, 12.0 * scale, &format!("{size:?}"));
        }
    }

    #[test]
    fn small_and_large_charts_fit() {
        let labels = months(36);
        let mut values = steady(36);
        values[20] = Some(70.0);
        let result = analyse(&values, &[24], Direction::Increase);
        let notes = [(10, "Pilot".to_string())];
        for (size, scale) in [((280, 180), 1.0), ((560, 360), 2.0), ((2400, 1200), 1.0)] {
            let data = SpcChartData {
                target: Some((48.0, "Target 48.0%".into())),
                annotations: &notes,
                selected: Some(20),
                ..chart(&labels, &result)
            };
            let drawn = draw(&data, size, scale);
            assert!(drawn
                .positions
                .iter()
                .flatten()
                .all(|&(x, y)| x >= 0 && y >= 0 && x < size.0 as i32 && y < size.1 as i32));
            let texts = texts(&drawn.svg);
            assert!(texts.contains(&"Target 48.0%"), "{size:?}: {texts:?}");
            assert!(texts.iter().any(|t| t.starts_with("Mean ")), "{size:?}");
            assert!(texts.contains(&"Pilot"), "{size:?}");
            // text stays inside the drawing
            for e in elements(&drawn.svg, "text") {
                let x: i32 = attr(e, "x").parse().unwrap();
                let y: i32 = attr(e, "y").parse().unwrap();
                assert!(x >= 0 && x <= size.0 as i32 && y >= 0 && y <= size.1 as i32);
            }
        }
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        let labels = months(3);
        let cases: Vec<Vec<Option<f64>>> = vec![
            vec![],
            vec![None, None, None],
            vec![Some(5.0)],
            vec![None, Some(5.0), None],
            vec![Some(7.0); 20],
            vec![Some(0.0); 20],
            vec![Some(-3.0), Some(1e12)],
        ];
        for values in &cases {
            let result = analyse(values, &[1, 5, 99], Direction::Increase);
            let notes = [
                (0, String::new()),
                (1, "x".repeat(100)),
                (500, "far".into()),
            ];
            for target in [
                None,
                Some((f64::NAN, "NaN".to_string())),
                Some((5.0, "T".into())),
            ] {
                for size in [(0, 0), (1, 1), (10, 10), (60, 30), (280, 180), (2400, 1200)] {
                    for scale in [1.0, 3.0, 0.0, f64::NAN] {
                        let data = SpcChartData {
                            labels: &labels, // fewer labels than points
                            spc: &result,
                            target: target.clone(),
                            annotations: &notes,
                            selected: Some(1),
                            reference: None,
                        };
                        let drawn = draw(&data, size, scale);
                        assert_eq!(drawn.positions.len(), values.len());
                        for (p, v) in drawn.positions.iter().zip(values) {
                            assert_eq!(p.is_some(), v.is_some());
                        }
                    }
                }
            }
        }
        // all equal: the flat line is drawn in the middle, not on an edge
        let flat = analyse(&[Some(7.0); 20], &[], Direction::Increase);
        let drawn = draw(&chart(&labels, &flat), (640, 360), 1.0);
        let y = drawn.positions[0].unwrap().1;
        assert!(y > 60 && y < 300, "{y}");
        assert!(drawn.positions.iter().flatten().all(|p| p.1 == y));
        // a point selected on a gap draws no ring
        let gappy = analyse(&[Some(1.0), None, Some(2.0)], &[], Direction::Increase);
        let data = SpcChartData {
            selected: Some(1),
            ..chart(&labels, &gappy)
        };
        assert!(with(
            &draw(&data, (640, 360), 1.0).svg,
            "circle",
            "fill",
            "#FFEB3B"
        )
        .is_empty());
    }

    /// England at 60 give or take, above the data (50 or so), with a gap at
    /// index 5 and none for the last two months.
    fn england(n: usize) -> Vec<Option<f64>> {
        (0..n)
            .map(|i| match i {
                5 => None,
                _ if i + 2 >= n => None,
                _ => Some(60.0 + [0.0, 0.5, -0.5][i % 3]),
            })
            .collect()
    }

    const ENGLAND_INK: &str = "#7C2855";

    #[test]
    fn england_is_a_labelled_dash_dot_line_with_its_gaps_kept() {
        let labels = months(24);
        let result = analyse(&steady(24), &[], Direction::Increase);
        let values = england(24);
        let data = SpcChartData {
            target: Some((55.0, "Target 55.0%".into())),
            reference: Some(ReferenceLine {
                name: "England",
                values: &values,
            }),
            ..chart(&labels, &result)
        };
        let drawn = draw(&data, (800, 400), 1.0);
        let texts_drawn = texts(&drawn.svg);
        // Labelled with its name and latest value (index 21: 60.0), in its colour,
        // beside the mean, limits and target labels.
        let latest = values.iter().rev().find_map(|v| *v).unwrap();
        assert_eq!(latest, 60.0);
        assert!(texts_drawn.contains(&"England 60.0%"), "{texts_drawn:?}");
        assert!(texts_drawn.contains(&"Target 55.0%"));
        assert!(texts_drawn.iter().any(|t| t.starts_with("Mean ")));
        let label = elements(&drawn.svg, "text")
            .into_iter()
            .find(|e| attr(e, "fill") == ENGLAND_INK)
            .expect("the England label in its colour");
        assert_eq!(attr(label, "text-anchor"), "start");
        // A dash-dot line: long dashes and short dots, 2 px wide, in a colour
        // no other line uses.
        let pieces: Vec<Vec<(i32, i32)>> = with(&drawn.svg, "polyline", "stroke", ENGLAND_INK)
            .into_iter()
            .map(points_of)
            .collect();
        assert!(pieces.len() > 20, "{}", pieces.len());
        assert_eq!(stroke_widths(&drawn.svg, "polyline", ENGLAND_INK), ["2"]);
        let span = |p: &Vec<(i32, i32)>| {
            let (a, b) = (p[0], p[p.len() - 1]);
            f64::from(b.0 - a.0).hypot(f64::from(b.1 - a.1))
        };
        assert!(pieces.iter().any(|p| span(p) <= 3.0), "dots");
        assert!(pieces.iter().any(|p| span(p) >= 8.0), "dashes");
        // The gap at index 5 is a gap: nothing drawn between points 4 and 6;
        // nor after index 21, England's last figure.
        let x = |i: usize| drawn.positions[i].unwrap().0;
        for (from, to) in [(x(4), x(6)), (x(21), 800)] {
            assert!(
                pieces.iter().flatten().all(|p| p.0 <= from || p.0 >= to),
                "England drawn between x = {from} and {to}"
            );
        }
        // The y range takes England in: its line sits above every data point,
        // inside the drawing.
        let top_point = drawn.positions.iter().flatten().map(|p| p.1).min().unwrap();
        assert!(pieces.iter().flatten().all(|p| p.1 < top_point && p.1 > 0));
        // Twice the size at twice the scale.
        let two = draw(&data, (1600, 800), 2.0).svg;
        assert_eq!(stroke_widths(&two, "polyline", ENGLAND_INK), ["4"]);
    }

    #[test]
    fn without_a_benchmark_the_chart_is_drawn_as_before() {
        let labels = months(24);
        let result = analyse(&steady(24), &[15], Direction::Increase);
        let notes = [(6, "Pilot".to_string())];
        let plain = SpcChartData {
            target: Some((55.0, "Target 55.0%".into())),
            annotations: &notes,
            ..chart(&labels, &result)
        };
        // England with a series but no figure in these months draws nothing.
        let gaps = vec![None; 24];
        let empty = SpcChartData {
            reference: Some(ReferenceLine {
                name: "England",
                values: &gaps,
            }),
            ..plain.clone()
        };
        for (size, scale) in [((800, 400), 1.0), ((280, 180), 1.0), ((1280, 720), 2.0)] {
            let before = draw(&plain, size, scale).svg;
            assert_eq!(before, draw(&empty, size, scale).svg, "{size:?}");
            assert!(!before.contains(ENGLAND_INK), "{size:?}");
            assert!(!before.contains("England"), "{size:?}");
        }
    }

    #[test]
    fn a_benchmark_fits_small_charts_and_odd_input() {
        let labels = months(36);
        let result = analyse(&steady(36), &[24], Direction::Increase);
        let cases: Vec<Vec<Option<f64>>> = vec![
            england(36),
            vec![Some(1e9)],
            vec![None, Some(f64::NAN), Some(f64::INFINITY), Some(40.0)],
            (0..100).map(|i| Some(f64::from(i))).collect(),
            vec![Some(-5.0); 36],
        ];
        for values in &cases {
            for (size, scale) in [
                ((0, 0), 1.0),
                ((60, 30), 1.0),
                ((280, 180), 1.0),
                ((560, 360), 2.0),
                ((2400, 1200), 1.0),
            ] {
                let data = SpcChartData {
                    target: Some((48.0, "Target 48.0%".into())),
                    reference: Some(ReferenceLine {
                        name: "England",
                        values,
                    }),
                    ..chart(&labels, &result)
                };
                let drawn = draw(&data, size, scale);
                assert_eq!(drawn.positions.len(), 36);
                for e in elements(&drawn.svg, "text") {
                    let x: i32 = attr(e, "x").parse().unwrap();
                    let y: i32 = attr(e, "y").parse().unwrap();
                    assert!(x >= 0 && x <= size.0 as i32 && y >= 0 && y <= size.1 as i32);
                }
                if size.0 >= 280 {
                    let texts = texts(&drawn.svg);
                    assert!(
                        texts.iter().any(|t| t.starts_with("England")),
                        "{size:?} {values:?}: {texts:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert_eq!(truncate("short", 30), "short");
        let cut = truncate(&"word ".repeat(20), 30);
        assert!(cut.ends_with("word…") && cut.chars().count() <= 30, "{cut}");
    }

    #[test]
    fn ticks_are_nice_and_distinct() {
        let ticks = y_ticks(47.3, 52.9, 6.0, &pct);
        let values: Vec<f64> = ticks.iter().map(|t| t.0).collect();
        assert_eq!(values, [48.0, 49.0, 50.0, 51.0, 52.0]);
        // a format that rounds to whole numbers forces a wider step
        let whole = |v: f64| format!("{v:.0}");
        let ticks = y_ticks(0.0, 3.0, 8.0, &whole);
        let labels: Vec<&str> = ticks.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(labels, ["0", "1", "2", "3"]);
        // a short axis still gets several ticks, and ceil(-0.5) = -0.0 is written "0.0%"
        let zero: Vec<String> = y_ticks(-0.1, 1.0, 2.0, &pct)
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(zero, ["0.0%", "0.2%", "0.4%", "0.6%", "0.8%", "1.0%"]);
    }
}
