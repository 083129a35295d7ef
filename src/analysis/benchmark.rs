//! England and NHS England regions beside an area's figures (SPEC §2, §6):
//! the comparators of the geography, each at the same period as the figure
//! it stands beside, from its own published series only (a comparator has
//! no children, so nothing is ever added up into or out of it).

use serde::Serialize;

use super::format::format_value;
use super::value::{value_at, Figure, Outcome};
use crate::load::Dataset;
use crate::model::{Frequency, Metric, Period};

/// One comparator's figure for a metric and period, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Benchmark {
    /// The comparator's code (E92000001 for England).
    pub code: String,
    pub name: String,
    pub period: Period,
    pub value: Option<f64>,
    /// The value as the catalogue formats it, or "No data".
    pub display: String,
    /// Why there is no value, when there is none.
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure: Option<Figure>,
}

impl Benchmark {
    /// "England 76.4%", as shown beside a figure.
    pub fn label(&self) -> String {
        format!("{} {}", self.name, self.display)
    }

    /// What a reader sees beside the figure: "England 76.4%", or, where the
    /// comparator publishes the measure but not for this period, "England:
    /// no data for Jul 2025" (a missing benchmark is said, never dropped).
    pub fn words(&self, frequency: Frequency) -> String {
        match self.value {
            Some(_) => self.label(),
            None => format!(
                "{}: no data for {}",
                self.name,
                self.period.label(frequency)
            ),
        }
    }
}

/// A comparator's figures over an area's timeline: one value per period of
/// the timeline it was aligned to, `None` where the comparator has no figure
/// (a gap stays a gap). The detail chart draws the first as its reference
/// line; the data table and its CSV give each a column.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchmarkSeries {
    /// The comparator's code (E92000001 for England).
    pub code: String,
    pub name: String,
    pub values: Vec<Option<f64>>,
}

impl BenchmarkSeries {
    /// The last period (index into the timeline) with a value, and the value.
    pub fn latest(&self) -> Option<(usize, f64)> {
        self.values
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i, v)))
    }
}

/// Every comparator that has a series for `metric`, in geography order
/// (England first), at `period`. A comparator with no series for the metric
/// is left out; one with a series but no figure for the period is kept with
/// its reason, so a reader sees that the benchmark exists but is missing.
pub fn benchmarks(data: &Dataset, metric: &Metric, period: Period) -> Vec<Benchmark> {
    data.geography
        .comparators
        .iter()
        .filter(|c| data.has_own_series(&metric.id, &c.code))
        .map(|c| {
            let (value, reason, figure) = match value_at(data, metric, &c.code, period) {
                Outcome::Value(f) => (Some(f.value), None, Some(f)),
                Outcome::NoValue { reason } => (None, Some(reason), None),
            };
            Benchmark {
                code: c.code.clone(),
                name: c.name.clone(),
                period,
                value,
                display: value.map_or_else(|| "No data".to_string(), |v| format_value(metric, v)),
                reason,
                figure,
            }
        })
        .collect()
}

/// Every comparator with a series for `metric` (geography order, England
/// first), with its value at each of `periods` (an area's timeline), so a
/// chart or table can set it beside the area's figures month by month.
pub fn benchmark_series(
    data: &Dataset,
    metric: &Metric,
    periods: &[Period],
) -> Vec<BenchmarkSeries> {
    data.geography
        .comparators
        .iter()
        .filter(|c| data.has_own_series(&metric.id, &c.code))
        .map(|c| BenchmarkSeries {
            code: c.code.clone(),
            name: c.name.clone(),
            values: periods
                .iter()
                .map(|&p| value_at(data, metric, &c.code, p).figure().map(|f| f.value))
                .collect(),
        })
        .collect()
}
