//! Test helpers shared by the chart tests: drawing to an SVG string and
//! reading elements, attributes, points and text back out of it.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea, SVGBackend};

/// Draws with `draw` on an SVG drawing area of `size` pixels: the SVG and
/// what `draw` returned.
pub(crate) fn render<T>(
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> T,
) -> (String, T) {
    let mut svg = String::new();
    let out;
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        out = draw(&area);
        area.present().unwrap();
    }
    (svg, out)
}

/// One decimal place and a percent sign.
pub(crate) fn pct(v: f64) -> String {
    format!("{v:.1}%")
}

/// `n` month labels from "Apr 2016" on.
pub(crate) fn months(n: usize) -> Vec<String> {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    (0..n)
        .map(|i| format!("{} {}", NAMES[(i + 3) % 12], 2016 + (i + 3) / 12))
        .collect()
}

/// Elements of one tag, as their opening text.
pub(crate) fn elements<'a>(svg: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    svg.match_indices(&open)
        .map(|(i, _)| {
            let rest = &svg[i..];
            &rest[..rest.find('>').unwrap_or(rest.len())]
        })
        .collect()
}

pub(crate) fn attr<'a>(element: &'a str, name: &str) -> &'a str {
    let key = format!(" {name}=\"");
    let start = element.find(&key).map(|i| i + key.len()).unwrap_or(0);
    let rest = &element[start..];
    &rest[..rest.find('"').unwrap_or(0)]
}

pub(crate) fn num(element: &str, name: &str) -> i32 {
    attr(element, name).parse().unwrap()
}

pub(crate) fn points_of(element: &str) -> Vec<(i32, i32)> {
    attr(element, "points")
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

/// A rect's left, top, right and bottom.
pub(crate) fn corners(rect: &str) -> (i32, i32, i32, i32) {
    let (x, y) = (num(rect, "x"), num(rect, "y"));
    (x, y, x + num(rect, "width"), y + num(rect, "height"))
}

/// Elements of one tag whose attribute `name` is `value`.
pub(crate) fn with<'a>(svg: &'a str, tag: &str, name: &str, value: &str) -> Vec<&'a str> {
    elements(svg, tag)
        .into_iter()
        .filter(|e| attr(e, name) == value)
        .collect()
}

/// Each text element's opening tag and content.
pub(crate) fn texts(svg: &str) -> Vec<(&str, &str)> {
    svg.match_indices("<text ")
        .map(|(i, _)| {
            let rest = &svg[i..];
            let close = rest.find('>').unwrap();
            let body = &rest[close + 1..];
            (&rest[..close], body[..body.find("</text>").unwrap()].trim())
        })
        .collect()
}

/// Each text element's content.
pub(crate) fn text_contents(svg: &str) -> Vec<&str> {
    texts(svg).into_iter().map(|t| t.1).collect()
}

/// The distinct stroke widths of the elements of one tag in one colour.
pub(crate) fn stroke_widths(svg: &str, tag: &str, colour: &str) -> Vec<String> {
    let mut w: Vec<String> = with(svg, tag, "stroke", colour)
        .iter()
        .map(|e| attr(e, "stroke-width").to_string())
        .collect();
    w.sort();
    w.dedup();
    w
}

/// Every text's font size, in order.
pub(crate) fn font_sizes(svg: &str) -> Vec<f64> {
    texts(svg)
        .iter()
        .map(|t| attr(t.0, "font-size").parse().unwrap())
        .collect()
}

/// The same texts in `two` as in `one`, each in twice the font size.
pub(crate) fn assert_fonts_doubled(one: &str, two: &str) {
    let (f1, f2) = (font_sizes(one), font_sizes(two));
    assert_eq!(f1.len(), f2.len());
    for (a, b) in f1.iter().zip(&f2) {
        assert!((b / a - 2.0).abs() < 1e-9, "{f1:?} {f2:?}");
    }
}

/// Each rect in `two` twice the width and height of its partner in `one`,
/// give or take rounding.
pub(crate) fn assert_rects_doubled(one: &[&str], two: &[&str]) {
    for (a, b) in one.iter().zip(two) {
        assert!((num(b, "width") - 2 * num(a, "width")).abs() <= 2);
        assert!((num(b, "height") - 2 * num(a, "height")).abs() <= 2);
    }
}

/// Label centres `xs` at least a label's width apart (about 0.5 em a
/// character for the eight characters of "Mar 2020") in a `font` px font.
pub(crate) fn assert_labels_apart(xs: &[i32], font: f64, at: &str) {
    assert!(
        xs.windows(2)
            .all(|w| f64::from(w[1] - w[0]) >= 0.5 * font * 8.0),
        "{at}: {xs:?}"
    );
}

/// The box a text element `e` with content `t` covers, as x0, x1, y0, y1:
/// at least half an em a character wide (10% more when bold), placed by its
/// anchor and baseline.
pub(crate) fn text_box(e: &str, t: &str) -> (f64, f64, f64, f64) {
    let (x, y) = (f64::from(num(e, "x")), f64::from(num(e, "y")));
    // plotters writes sizes in points (px / 1.24)
    let font = attr(e, "font-size").parse::<f64>().unwrap() * 1.24;
    let bold = if attr(e, "font-weight") == "bold" {
        1.1
    } else {
        1.0
    };
    let width = 0.5 * font * t.chars().count() as f64 * bold;
    let (x0, x1) = match attr(e, "text-anchor") {
        "end" => (x - width, x),
        "middle" => (x - width / 2.0, x + width / 2.0),
        _ => (x, x + width),
    };
    let (y0, y1) = match attr(e, "dy") {
        "0.76em" => (y, y + font),
        "0.5ex" => (y - font / 2.0, y + font / 2.0),
        _ => (y - font, y),
    };
    (x0, x1, y0, y1)
}
