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

use super::common::{
    diamond, filled_box, line, outline_box, px, start, stroke, text, text_width, truncate, x_axis,
    x_label_indices, x_tick, y_tick_labels, y_ticks,
};
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
const LEGEND_CHARS: [usize; 7] = [40, 24, 16, 12, 10, 8, 6];

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
    let (s, w, h) = start(area, palette, scale)?;
    let c = &palette.spc;
    let n = data.periods.len();
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
    let m = 6.0 * s;
    let line_h = font * 1.4;
    let layer_items = data
        .stacks
        .iter()
        .enumerate()
        .map(|(l, stack)| (stack.label.as_str(), Swatch::Layer(colour(l))));
    let mut items: Vec<(&str, Swatch)> = layer_items.collect();
    if (0..n).any(|i| total(i).is_some()) {
        items.push((TOTAL_LABEL, Swatch::Total(c.outline)));
    }
    if (0..n).any(mismatch) {
        items.push((MISMATCH_LABEL, Swatch::Total(MISMATCH)));
    }
    // Cut the labels before giving up the total's entries, but not too far.
    let mut candidates = LEGEND_CHARS
        .iter()
        .filter(|&&chars| chars >= 10)
        .map(|&chars| (chars, items.len()))
        .chain(LEGEND_CHARS.iter().map(|&chars| (chars, layers)));
    let legend = candidates.find_map(|(chars, count)| {
        legend_rows(&items[..count], chars, font, s, w - 2.0 * m)
            .filter(|rows| rows.len() as f64 * line_h <= 0.3 * h)
    });
    let mut text_on = legend.is_some();
    let legend = legend.unwrap_or_default();

    let mut top = m + legend.len() as f64 * line_h + (tick_font * 0.6).max(6.0 * s);
    let mut bottom = h - (tick_font * 1.2 + 11.0 * s);
    let count = ((bottom - top) / (tick_font * 3.0)).floor().clamp(2.0, 8.0);
    let mut ticks = if text_on {
        y_ticks(0.0, hi, count, format)
    } else {
        Vec::new()
    };
    let tick_width = ticks
        .iter()
        .map(|(_, t)| text_width(t, tick_font))
        .fold(0.0, f64::max);
    let mut left = tick_width + 12.0 * s;
    // Room right of the latest column for its label, which is always drawn:
    // its centre x = right - band / 2, plus half the label and the gap (10 px
    // x scale) the label thinning keeps, must be inside the area.
    let half_latest = text_width(&data.periods[n - 1], tick_font) / 2.0;
    let k = 1.0 / (2.0 * n as f64);
    let room = (w - half_latest - 10.0 * s - left * k) / (1.0 - k) - 1.0;
    let mut right = room.min(w - 12.0 * s);
    if right - left < (0.35 * w).max(40.0) || bottom - top < (0.35 * h).max(30.0) {
        text_on = false;
    }
    if !text_on {
        let m = (4.0 * s).min(w / 10.0).min(h / 10.0);
        (left, right, top, bottom) = (m, w - m, m, h - m);
        ticks.clear();
    }
    let y_at = |v: f64| bottom - v.clamp(0.0, hi) / hi * (bottom - top);
    let band = (right - left) / n as f64;
    let col_w = (band * 0.7).min(72.0 * s);
    let cx = |i: usize| left + band * (i as f64 + 0.5);
    // Room for white separators and an outline to leave some colour showing.
    let detail = col_w >= 6.0 * s;

    let thin = stroke(s);
    for (v, _) in &ticks {
        let y = y_at(*v);
        line(area, (left, y), (right, y), c.grid.stroke_width(thin))?;
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
        // Whole rows of pixels over the lower layer's top edge: a line on the
        // edge would be blurred across two rows into a pale tint.
        for y in separators {
            let y0 = y - (thin / 2) as i32;
            area.draw(&Rectangle::new(
                [(x0, y0), (x1, y0 + thin as i32)],
                palette.background.filled(),
            ))?;
        }
        if col.complete && below < base {
            outline_box(area, (x0, below), (x1, base), c.outline.stroke_width(thin))?;
        }
    }
    x_axis(area, left, right, bottom, s, c)?;

    // Totals: a dark diamond, red where it does not match the layers.
    let d = (5.0 * s).min((band * 0.45).max(2.0 * s));
    for i in 0..n {
        if let Some(t) = total(i) {
            let fill = if mismatch(i) { MISMATCH } else { c.outline };
            let edge = detail.then_some(palette.background.stroke_width(thin));
            diamond(area, (cx(i), y_at(t)), d, fill, edge)?;
        }
    }

    if !text_on {
        return Ok(());
    }

    // Text last, so nothing covers it.
    y_tick_labels(area, &ticks, &y_at, left, h, tick_font, s, c)?;
    let x_labels = x_label_indices(data.periods, n, &cx, cx(0), cx(n - 1), w, tick_font, s);
    for (i, x) in &x_labels {
        let label = &data.periods[*i];
        x_tick(area, cx(*i), *x, label, bottom, tick_font, s, c)?;
    }
    let side = font * 0.9;
    for (r, row) in legend.iter().enumerate() {
        let y = m + (r as f64 + 0.5) * line_h;
        for (x, item, label) in row {
            let x = m + x;
            match items[*item].1 {
                Swatch::Layer(fill) => {
                    let from = (px(x), px(y - side / 2.0));
                    let to = (px(x + side), px(y + side / 2.0));
                    filled_box(area, from, to, fill, c.outline.stroke_width(thin))?;
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
fn legend_rows(
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
        let item_w = font * 0.9 + 5.0 * s + text_width(&label, font);
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
        x += item_w + 12.0 * s;
    }
    Some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::test_svg::{
        assert_fonts_doubled, assert_labels_apart, assert_rects_doubled, attr, elements, months,
        num, points_of, render, stroke_widths, text_box, texts, with,
    };

    fn whole(v: f64) -> String {
        format!("{v:.0}")
    }

    const GROUPS: [&str; 8] = [
        "Nursing and midwifery",
        "Medical and dental",
        "Allied health professionals",
        "Healthcare scientists",
        "Support to clinical staff",
        "NHS infrastructure support",
        "Ambulance staff",
        "Other staff groups",
    ];

    fn stack(label: &str, values: &[Option<f64>]) -> Stack {
        Stack {
            label: label.to_string(),
            values: values.to_vec(),
        }
    }

    /// `layers` staff groups over `n` periods, every value known.
    fn groups(n: usize, layers: usize) -> Vec<Stack> {
        (0..layers)
            .map(|l| Stack {
                label: GROUPS[l % 8].to_string(),
                values: (0..n)
                    .map(|i| Some(100.0 + 10.0 * l as f64 + (i % 7) as f64))
                    .collect(),
            })
            .collect()
    }

    fn chart<'a>(periods: &'a [String], stacks: &'a [Stack]) -> StackedData<'a> {
        StackedData {
            periods,
            stacks,
            total: None,
        }
    }

    fn draw(data: &StackedData, size: (u32, u32), scale: f64) -> String {
        render(size, |area| {
            draw_stacked(area, data, &Palette::default(), scale, &whole).unwrap()
        })
        .0
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    /// Layer `l`'s rects in the columns: the legend is drawn last, so the
    /// last rect in its colour is its swatch.
    fn layer(svg: &str, l: usize) -> Vec<&str> {
        let mut rects = with(svg, "rect", "fill", &hex(STACK_COLOURS[l]));
        assert!(rects.pop().is_some(), "no swatch for layer {l}");
        rects
    }

    /// The white separators (every white rect but the background).
    fn separators(svg: &str) -> Vec<&str> {
        with(svg, "rect", "fill", "#FFFFFF")
            .into_iter()
            .skip(1)
            .collect()
    }

    /// Legend labels: the only text anchored at its start.
    fn legend(svg: &str) -> Vec<&str> {
        texts(svg)
            .into_iter()
            .filter(|(e, _)| attr(e, "text-anchor") == "start")
            .map(|t| t.1)
            .collect()
    }

    fn centre_x(rect: &str) -> i32 {
        num(rect, "x") + num(rect, "width") / 2
    }

    fn diamond_centre(polygon: &str) -> (i32, i32) {
        let p = points_of(polygon);
        (p[0].0, p[1].1)
    }

    #[test]
    fn one_rect_per_known_value_and_outlines_only_on_whole_columns() {
        let periods = months(6);
        let v = |x: f64| Some(x);
        let stacks = vec![
            stack("A", &[v(10.0), v(11.0), v(12.0), v(13.0), v(14.0), v(15.0)]),
            stack("B", &[v(5.0), v(5.0), None, v(5.0), v(5.0), v(5.0)]),
            // one short: the sixth period has no value for C
            stack("C", &[v(2.0), v(2.0), v(2.0), v(2.0), Some(f64::NAN)]),
        ];
        let out = draw(&chart(&periods, &stacks), (640, 360), 1.0);
        let counts: Vec<usize> = (0..3).map(|l| layer(&out, l).len()).collect();
        assert_eq!(counts, [6, 5, 4]);
        // periods 0, 1 and 3 are whole: three outlines, plus the three swatches'
        let outlines = with(&out, "polyline", "stroke", "#212B32");
        assert_eq!(outlines.len(), 3 + 3);
        let xs: Vec<i32> = layer(&out, 0).iter().map(|r| num(r, "x")).collect();
        for (ring, period) in outlines.iter().zip([0, 1, 3]) {
            assert_eq!(points_of(ring)[0].0, xs[period]);
        }
        // a white separator between each pair of drawn layers: 2 + 2 + 1 + 2 + 1 + 1
        assert_eq!(separators(&out).len(), 9);
        // a period with a layer unknown stacks the known ones from the bottom
        let (a, c) = (layer(&out, 0)[2], layer(&out, 2)[2]);
        assert_eq!(num(c, "y") + num(c, "height"), num(a, "y"));
    }

    #[test]
    fn heights_are_proportional_and_layers_stack_from_the_bottom() {
        let periods = months(4);
        let stacks = vec![
            stack("A", &[Some(10.0), Some(20.0), Some(30.0), Some(40.0)]),
            stack("B", &[Some(5.0); 4]),
            stack("C", &[Some(1.0), Some(2.0), Some(3.0), Some(4.0)]),
        ];
        let out = draw(&chart(&periods, &stacks), (800, 400), 1.0);
        let rects: Vec<Vec<&str>> = (0..3).map(|l| layer(&out, l)).collect();
        let per_unit = f64::from(num(rects[0][3], "height")) / 40.0;
        let base = num(rects[0][0], "y") + num(rects[0][0], "height");
        let mut tops = Vec::new();
        for (i, column) in rects[0].iter().enumerate() {
            let mut below = base;
            for (s, r) in stacks.iter().zip(rects.iter().map(|rs| rs[i])) {
                // each layer sits on the one below, heights proportional
                assert_eq!(num(r, "y") + num(r, "height"), below, "{} {i}", s.label);
                let expected = s.values[i].unwrap() * per_unit;
                assert!((f64::from(num(r, "height")) - expected).abs() <= 1.0);
                // all layers of a column share its x and width
                assert_eq!(attr(r, "x"), attr(column, "x"));
                assert_eq!(attr(r, "width"), attr(column, "width"));
                below = num(r, "y");
            }
            tops.push(below);
        }
        // the sums grow, so the tops climb
        assert!(tops.windows(2).all(|t| t[1] < t[0]), "{tops:?}");
        let xs: Vec<i32> = rects[0].iter().map(|r| centre_x(r)).collect();
        assert!(xs.windows(2).all(|x| x[0] < x[1]), "{xs:?}");
        // the y axis starts at 0 and its ticks come from `format`
        let labels: Vec<&str> = texts(&out).into_iter().map(|t| t.1).collect();
        assert!(
            labels.contains(&"0") && labels.contains(&"50"),
            "{labels:?}"
        );
    }

    #[test]
    fn each_layer_has_its_own_colour_and_a_legend_entry() {
        let periods = months(3);
        let mut stacks = groups(3, 8);
        stacks[2].label = "A very long name for a staff group that would never fit".into();
        let out = draw(&chart(&periods, &stacks), (1000, 500), 1.0);
        let fills: Vec<String> = STACK_COLOURS.iter().map(|c| hex(*c)).collect();
        let mut distinct = fills.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 8);
        for l in 0..8 {
            assert_eq!(layer(&out, l).len(), 3);
        }
        let labels = legend(&out);
        assert_eq!(labels.len(), 8, "{labels:?}");
        for (l, label) in labels.iter().enumerate() {
            if l == 2 {
                assert!(label.starts_with("A very long") && label.ends_with('…'));
                assert!(label.chars().count() <= LEGEND_CHARS[0]);
            } else {
                assert_eq!(*label, GROUPS[l]);
            }
        }
        // the legend sits above the columns, each label right of its swatch
        let top = layer(&out, 7).iter().map(|r| num(r, "y")).min().unwrap();
        let entries = texts(&out)
            .into_iter()
            .filter(|(e, _)| attr(e, "text-anchor") == "start");
        for (l, (e, _)) in entries.enumerate() {
            let swatch = *with(&out, "rect", "fill", &fills[l]).last().unwrap();
            assert!(num(e, "y") < top);
            assert!(num(e, "x") > num(swatch, "x") + num(swatch, "width"));
            assert!((num(e, "y") - (num(swatch, "y") + num(swatch, "height") / 2)).abs() <= 1);
        }
        // no totals, no total entries
        assert!(!labels.contains(&TOTAL_LABEL));
        // a narrow chart wraps the legend into more rows
        let rows = |svg: &str| {
            let mut ys: Vec<i32> = texts(svg)
                .iter()
                .filter(|(e, _)| attr(e, "text-anchor") == "start")
                .map(|(e, _)| num(e, "y"))
                .collect();
            ys.dedup();
            ys.len()
        };
        let narrow = draw(&chart(&periods, &stacks), (500, 500), 1.0);
        assert!(
            rows(&narrow) > rows(&out),
            "{} {}",
            rows(&narrow),
            rows(&out)
        );
    }

    #[test]
    fn totals_are_marked_and_a_mismatch_is_red() {
        let periods = months(5);
        let stacks = vec![
            stack(
                "A",
                &[Some(10.0), Some(20.0), Some(30.0), Some(40.0), Some(50.0)],
            ),
            stack("B", &[Some(5.0), Some(5.0), None, Some(5.0), Some(5.0)]),
        ];
        // matches; within rounding; a layer unknown (not checked); 10 over; none
        let totals = [Some(15.0), Some(25.4), Some(99.0), Some(55.0), None];
        let data = StackedData {
            total: Some(&totals),
            ..chart(&periods, &stacks)
        };
        let out = draw(&data, (640, 360), 1.0);
        let dark = with(&out, "polygon", "fill", "#212B32");
        let red = with(&out, "polygon", "fill", "#D5281B");
        // three dark and one red on the columns, one of each in the legend
        assert_eq!((dark.len(), red.len()), (3 + 1, 1 + 1));
        let labels = legend(&out);
        assert!(labels.contains(&TOTAL_LABEL) && labels.contains(&MISMATCH_LABEL));
        let columns = layer(&out, 0);
        let (x, y) = diamond_centre(red[0]);
        assert_eq!(x, centre_x(columns[3]));
        // above the column, at 55 on its scale
        let b = layer(&out, 1)[2];
        assert!(y < num(b, "y"));
        for (marker, period) in dark.iter().zip([0, 1, 2]) {
            assert_eq!(diamond_centre(marker).0, centre_x(columns[period]));
        }
        // a matching total sits on the top of its column
        let top = num(layer(&out, 1)[0], "y");
        assert!((diamond_centre(dark[0]).1 - top).abs() <= 1);
        // each marker edged in white so it shows on dark layers
        assert_eq!(
            with(&out, "polyline", "stroke", "#FFFFFF").len(),
            4,
            "one per marker on the columns"
        );

        // every total matching: no red, no mismatch entry
        let fine = [Some(15.0), Some(25.0), None, Some(45.0), Some(55.0)];
        let data = StackedData {
            total: Some(&fine),
            ..chart(&periods, &stacks)
        };
        let out = draw(&data, (640, 360), 1.0);
        assert!(with(&out, "polygon", "fill", "#D5281B").is_empty());
        assert!(!legend(&out).contains(&MISMATCH_LABEL));
        assert_eq!(with(&out, "polygon", "fill", "#212B32").len(), 4 + 1);
    }

    #[test]
    fn x_labels_thin_out_and_keep_the_latest() {
        for n in [24, 120] {
            let periods = months(n);
            let stacks = groups(n, 3);
            for (size, scale) in [((280, 180), 1.0), ((640, 360), 1.0), ((2400, 1200), 2.0)] {
                let out = draw(&chart(&periods, &stacks), size, scale);
                let shown: Vec<(&str, &str)> = texts(&out)
                    .into_iter()
                    .filter(|t| periods.iter().any(|p| p == t.1))
                    .collect();
                assert!(!shown.is_empty() && shown.len() < n, "{size:?}: {shown:?}");
                assert_eq!(shown.last().unwrap().1, periods[n - 1], "{size:?}");
                // centres at least a label's width apart (about 0.5 em a character)
                let xs: Vec<i32> = shown.iter().map(|t| num(t.0, "x")).collect();
                assert_labels_apart(&xs, 12.0 * scale, &format!("{size:?}"));
            }
        }
        // a few periods: every one labelled, under its column
        let periods = months(4);
        let stacks = groups(4, 2);
        let out = draw(&chart(&periods, &stacks), (640, 360), 1.0);
        let shown: Vec<(&str, &str)> = texts(&out)
            .into_iter()
            .filter(|t| periods.iter().any(|p| p == t.1))
            .collect();
        assert_eq!(shown.len(), 4);
        for (t, r) in shown.iter().zip(layer(&out, 0)) {
            assert!((num(t.0, "x") - centre_x(r)).abs() <= 1);
        }
    }

    #[test]
    fn high_dpi_doubles_strokes_and_fonts() {
        let periods = months(4);
        let stacks = groups(4, 3);
        let totals = [Some(1.0), Some(333.0), None, Some(999.0)];
        let data = StackedData {
            total: Some(&totals),
            ..chart(&periods, &stacks)
        };
        let one = draw(&data, (640, 360), 1.0);
        let two = draw(&data, (1280, 720), 2.0);
        let widths = |svg: &str, colour: &str| stroke_widths(svg, "polyline", colour);
        // column and swatch outlines, marker edges, grid and axis
        for (colour, thin) in [
            ("#212B32", ["1"]),
            ("#FFFFFF", ["1"]),
            ("#E8EDEE", ["1"]),
            ("#768692", ["1"]),
        ] {
            assert_eq!(widths(&one, colour), thin, "{colour}");
            assert_eq!(widths(&two, colour), ["2"], "{colour}");
        }
        // separators 1 -> 2 pixels tall
        let heights = |svg: &str| -> Vec<i32> {
            let mut h: Vec<i32> = separators(svg).iter().map(|e| num(e, "height")).collect();
            h.dedup();
            h
        };
        assert_eq!(heights(&one), [1]);
        assert_eq!(heights(&two), [2]);
        assert_fonts_doubled(&one, &two);
        // and the columns and markers are twice the size
        assert_rects_doubled(&layer(&one, 0), &layer(&two, 0));
        let size = |svg: &str| {
            let p = points_of(with(svg, "polygon", "fill", "#212B32")[0]);
            p[1].0 - p[3].0
        };
        assert_eq!(size(&two), 2 * size(&one));
    }

    #[test]
    fn small_and_large_charts_fit() {
        for n in [1, 2, 12, 120] {
            for layers in [1, 4, 8] {
                let periods = months(n);
                let stacks = groups(n, layers);
                let totals: Vec<Option<f64>> = (0..n)
                    .map(|i| Some(stacks.iter().map(|s| s.values[i].unwrap()).sum::<f64>() + 5.0))
                    .collect();
                let data = StackedData {
                    total: Some(&totals),
                    ..chart(&periods, &stacks)
                };
                for (size, scale) in [
                    ((280, 180), 1.0),
                    ((560, 360), 2.0),
                    ((900, 450), 1.0),
                    ((2400, 1200), 1.0),
                    ((2400, 1200), 2.0),
                ] {
                    let out = draw(&data, size, scale);
                    let (w, h) = (size.0 as i32, size.1 as i32);
                    let at = format!("{n} x {layers} {size:?} {scale}");
                    for l in 0..layers {
                        assert_eq!(layer(&out, l).len(), n, "{at}");
                    }
                    for r in elements(&out, "rect") {
                        let (x, y) = (num(r, "x"), num(r, "y"));
                        assert!(x >= 0 && y >= 0, "{at}: {r}");
                        assert!(
                            x + num(r, "width") <= w && y + num(r, "height") <= h,
                            "{at}"
                        );
                    }
                    for p in elements(&out, "polygon").into_iter().flat_map(points_of) {
                        assert!(p.0 >= 0 && p.1 >= 0 && p.0 <= w && p.1 <= h, "{at}: {p:?}");
                    }
                    let texts = texts(&out);
                    for (e, t) in &texts {
                        let (x0, x1, y0, y1) = text_box(e, t);
                        assert!(
                            x0 >= 0.0 && x1 <= f64::from(w) && y0 >= 0.0 && y1 <= f64::from(h),
                            "{at}: {t} at {x0}..{x1}, {y0}..{y1}"
                        );
                    }
                    // the legend names every layer, the latest period is labelled
                    let legend = legend(&out);
                    assert!(legend.len() >= layers, "{at}: {legend:?}");
                    for (label, group) in legend.iter().take(layers).zip(GROUPS) {
                        let stem = label.trim_end_matches('…');
                        assert!(stem.len() >= 6 && group.starts_with(stem), "{at}: {label}");
                    }
                    assert!(texts.iter().any(|t| t.1 == periods[n - 1]), "{at}");
                }
            }
        }
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        let v = |x: f64| Some(x);
        let cases: Vec<Vec<Stack>> = vec![
            vec![],
            vec![stack("", &[])],
            vec![stack("A", &[None, None, None]), stack("B", &[None; 3])],
            vec![stack("Zero", &[v(0.0); 3]), stack("Zero too", &[v(0.0); 3])],
            vec![stack("Negative", &[v(-5.0), v(3.0), v(-1.0)])],
            vec![
                stack("Huge", &[v(f64::MAX), v(f64::MAX), v(1.0)]),
                stack("Huge too", &[v(f64::MAX); 3]),
            ],
            vec![stack(
                &"é".repeat(500),
                &[v(f64::INFINITY), v(f64::NAN), v(1.0), v(2.0), v(3.0)],
            )],
            (0..12)
                .map(|i| stack("Many", &[v(f64::from(i)); 3]))
                .collect(),
        ];
        for periods in [months(0), months(1), months(3), vec![String::new(); 3]] {
            for stacks in &cases {
                let totals = [v(1.0), Some(f64::NAN), v(-1e300), None, v(5.0)];
                for total in [None, Some(&totals[..]), Some(&totals[..1]), Some(&[][..])] {
                    for size in [(0, 0), (1, 1), (10, 10), (60, 30), (280, 180), (2400, 1200)] {
                        for scale in [1.0, 3.0, 0.0, -1.0, f64::NAN, f64::INFINITY] {
                            let data = StackedData {
                                periods: &periods,
                                stacks,
                                total,
                            };
                            draw(&data, size, scale);
                        }
                    }
                }
            }
        }
        // nothing known: nothing but the background
        let periods = months(3);
        let stacks = vec![stack("A", &[None, None, None])];
        let out = draw(&chart(&periods, &stacks), (640, 360), 1.0);
        assert_eq!(elements(&out, "rect").len(), 1);
        // zeros: an axis and a legend but no columns
        let stacks = vec![stack("A", &[v(0.0); 3])];
        let out = draw(&chart(&periods, &stacks), (640, 360), 1.0);
        assert!(layer(&out, 0).is_empty());
        assert!(separators(&out).is_empty());
        // past eight layers the colours repeat
        let stacks = groups(3, 9);
        let out = draw(&chart(&periods, &stacks), (1000, 500), 1.0);
        assert_eq!(
            with(&out, "rect", "fill", &hex(STACK_COLOURS[0])).len(),
            2 * 3 + 2
        );
    }
}
