//! Text alternatives for charts: what a sighted reader takes from the trend,
//! in one sentence.

use super::format::format_value;
use super::spc::MIN_POINTS;
use super::summary::Row;
use super::value::Outcome;
use super::variation::MetricSpc;
use crate::model::{Metric, Period, Polarity};

/// E.g. "A&E 4 hours, Apr 2016 to Mar 2019: 90.1% at the start, 85.2% in Mar 2019;
/// lowest 80.0% (Jan 2018), highest 92.0% (Jun 2016); 2 months with no figure."
pub fn describe_trend(metric: &Metric, area_name: &str, timeline: &[(Period, Outcome)]) -> String {
    let points: Vec<(Period, f64)> = timeline
        .iter()
        .filter_map(|(p, o)| o.figure().map(|f| (*p, f.value)))
        .collect();
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return format!("{}, {area_name}: no figures to chart.", metric.short_name);
    };
    let label = |p: Period| p.label(metric.frequency);
    let show = |v: f64| format_value(metric, v);
    let low = points
        .iter()
        .copied()
        .fold(*first, |a, b| if b.1 < a.1 { b } else { a });
    let high = points
        .iter()
        .copied()
        .fold(*first, |a, b| if b.1 > a.1 { b } else { a });
    let gaps = timeline.len() - points.len();
    let mut text = format!(
        "{}, {area_name}, {} to {}: {} at the start, {} in {}; lowest {} ({}), highest {} ({})",
        metric.short_name,
        label(first.0),
        label(last.0),
        show(first.1),
        show(last.1),
        label(last.0),
        show(low.1),
        label(low.0),
        show(high.1),
        label(high.0),
    );
    if gaps > 0 {
        text.push_str(&format!(
            "; {gaps} period{} with no figure",
            if gaps == 1 { "" } else { "s" }
        ));
    }
    text.push('.');
    text
}

/// The one-sentence reading of a metric at an area, e.g. "A&E 4 hours,
/// Leicester, Leicestershire and Rutland: 74.1% in Oct 2026, below the 78.0%
/// operational standard; England 76.4%; special cause variation: concern,
/// lower than expected; consistently fails the target." (England and the
/// region only where they have a series for the measure.)
pub fn headline(metric: &Metric, area_name: &str, row: &Row, analysis: &MetricSpc) -> String {
    let Some(value) = row.value else {
        return format!(
            "{}, {area_name}: no value. {}",
            metric.short_name,
            row.reason.as_deref().unwrap_or("No figures.")
        );
    };
    let mut text = format!(
        "{}, {area_name}: {} in {}",
        metric.short_name,
        format_value(metric, value),
        row.period_label.as_deref().unwrap_or("the latest period")
    );
    for t in &row.targets {
        let relation = match (t.met, metric.polarity) {
            (None, _) => "against",
            (Some(true), Polarity::LowerIsBetter) => "within",
            (Some(true), _) => "meeting",
            (Some(false), Polarity::LowerIsBetter) => "above",
            (Some(false), _) => "below",
        };
        text.push_str(&format!(
            ", {relation} the {} {}",
            t.target_display,
            t.kind.label()
        ));
    }
    // England and the region at the same period, or that they have no figure for it.
    if !row.benchmarks.is_empty() {
        let words: Vec<String> = row
            .benchmarks
            .iter()
            .map(|b| b.words(metric.frequency))
            .collect();
        text.push_str(&format!("; {}", words.join(", ")));
    }
    match analysis.spc.variation {
        Some(v) => text.push_str(&format!("; {}", v.explanation().to_ascii_lowercase())),
        None => text.push_str(&format!(
            "; too few points for SPC icons (fewer than {MIN_POINTS} since the last change)"
        )),
    }
    if let Some(a) = analysis.spc.assurance {
        text.push_str(&format!(
            "; {}",
            a.explanation()
                .split(':')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        ));
    }
    text.push('.');
    text
}
