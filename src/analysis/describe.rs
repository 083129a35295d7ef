//! Text alternatives for charts: what a sighted reader takes from the trend,
//! in one sentence.

use super::format::format_value;
use super::value::Outcome;
use crate::model::{Metric, Period};

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
