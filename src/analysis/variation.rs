//! SPC of a metric at an area: its timeline (gaps kept), rebases and
//! annotations from its own series, and the target used for assurance.
//! One function, so the overview icons and the detail chart always agree.

use super::benchmark::{benchmark_series, BenchmarkSeries};
use super::spc::{spc, Direction, Spc, SpcOptions};
use super::value::{timeline, Outcome};
use crate::load::Dataset;
use crate::model::{Metric, Period, Target, TargetKind};

/// Everything the icons, the chart and the table need.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricSpc {
    pub timeline: Vec<(Period, Outcome)>,
    pub spc: Spc,
    /// The target judged for assurance, if any.
    pub target: Option<Target>,
    /// (index into the timeline, text)
    pub annotations: Vec<(usize, String)>,
    /// England and the region over the same periods as `timeline`, where
    /// they have a series for the metric (England first): the chart's
    /// reference line and the table's benchmark columns.
    pub benchmarks: Vec<BenchmarkSeries>,
}

/// The target assurance is judged against: the one in force at the latest
/// period, preferring the operational standard (what the system is managed
/// to this year), then a local target, then the constitutional standard.
pub fn assurance_target(metric: &Metric, period: Period) -> Option<&Target> {
    let rank = |k: TargetKind| match k {
        TargetKind::Operational => 0,
        TargetKind::Local => 1,
        TargetKind::Constitutional => 2,
    };
    metric
        .targets_at(period)
        .into_iter()
        .min_by_key(|t| rank(t.kind))
}

/// SPC of `metric` at `area` (screening on, as NHSRplotthedots does by default).
pub fn metric_spc(data: &Dataset, metric: &Metric, area: &str) -> MetricSpc {
    metric_spc_in(data, metric, area, None)
}

/// SPC over the periods `from..=to` only, when a range is given: the chart,
/// its limits and icons then describe just that stretch.
pub fn metric_spc_in(
    data: &Dataset,
    metric: &Metric,
    area: &str,
    range: Option<(Period, Period)>,
) -> MetricSpc {
    let mut timeline = timeline(data, metric, area);
    if let Some((from, to)) = range {
        timeline.retain(|(p, _)| (from..=to).contains(p));
    }
    let index_of = |p: Period| timeline.iter().position(|(q, _)| *q == p);
    let mut rebase = Vec::new();
    let mut annotations = Vec::new();
    for series in data.own_series(&metric.id, area) {
        rebase.extend(series.rebase.iter().filter_map(|&p| index_of(p)));
        annotations.extend(
            series
                .annotations
                .iter()
                .filter_map(|a| index_of(a.period).map(|i| (i, a.text.clone()))),
        );
    }
    crate::sort::by(&mut annotations, Ord::cmp);
    annotations.dedup();
    let values: Vec<Option<f64>> = timeline
        .iter()
        .map(|(_, o)| o.figure().map(|f| f.value))
        .collect();
    let target = timeline
        .last()
        .and_then(|(p, _)| assurance_target(metric, *p))
        .cloned();
    let options = SpcOptions {
        direction: Direction::from(metric.polarity),
        target: target.as_ref().map(|t| t.value),
        screen_outliers: true,
    };
    let spc = spc(&values, &rebase, &options);
    let periods: Vec<Period> = timeline.iter().map(|(p, _)| *p).collect();
    let benchmarks = benchmark_series(data, metric, &periods);
    MetricSpc {
        timeline,
        spc,
        target,
        annotations,
        benchmarks,
    }
}
