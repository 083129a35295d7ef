//! The computed overview of SPEC §6 for one area: a row per metric, grouped by
//! domain. The app renders it and `llr-data summary --json` prints it, so both
//! show the same numbers.

use serde::Serialize;

use super::benchmark::{benchmarks, Benchmark};
use super::format::format_value;
use super::status::{status, status_words, TargetStatus};
use super::value::{latest, value_at, Figure, Outcome};
use crate::load::Dataset;
use crate::model::{Metric, Period};

/// One metric at one area and period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub metric: String,
    pub short_name: String,
    pub name: String,
    pub domain: String,
    /// `None` when there is no data at all for this metric and area.
    pub period: Option<Period>,
    pub period_label: Option<String>,
    pub value: Option<f64>,
    /// The value as shown, or "No data".
    pub display: String,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub count: Option<f64>,
    pub targets: Vec<TargetStatus>,
    pub status: String,
    /// Why there is no value, when there is none.
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure: Option<Figure>,
    /// England and the region at the same period, where they have a series.
    pub benchmarks: Vec<Benchmark>,
}

/// A domain heading and its rows, in catalogue order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub domain: String,
    pub name: String,
    pub rows: Vec<Row>,
}

/// The overview of an area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub area: String,
    pub area_name: String,
    /// The period asked for, if any; otherwise each row is at its own latest period.
    pub period: Option<Period>,
    pub groups: Vec<Group>,
}

/// The row for one metric: at `period` if given, else at the latest period with data.
pub fn row(data: &Dataset, metric: &Metric, area: &str, period: Option<Period>) -> Row {
    let period = period.or_else(|| latest(data, metric, area));
    let outcome = match period {
        Some(p) => value_at(data, metric, area, p),
        None => Outcome::NoValue {
            reason: match data.failure_for(&metric.id) {
                Some(failed) => format!("the extract {} could not be loaded", failed.file),
                None => "no figures have been published for this area".to_string(),
            },
        },
    };
    let (numerator, denominator, count) = outcome
        .figure()
        .map_or((None, None, None), |f| f.observation.parts());
    let value = outcome.figure().map(|f| f.value);
    let targets = match (period, value) {
        (Some(p), Some(v)) => status(metric, p, v),
        _ => Vec::new(),
    };
    let status = match value {
        Some(_) => status_words(&targets),
        None => "No data".to_string(),
    };
    let (figure, reason) = match outcome {
        Outcome::Value(f) => (Some(f), None),
        Outcome::NoValue { reason } => (None, Some(reason)),
    };
    let benchmarks = match (period, &figure) {
        (Some(p), Some(_)) => benchmarks(data, metric, p),
        _ => Vec::new(),
    };
    Row {
        metric: metric.id.clone(),
        short_name: metric.short_name.clone(),
        name: metric.name.clone(),
        domain: metric.domain.clone(),
        period,
        period_label: period.map(|p| p.label(metric.frequency)),
        value,
        display: value.map_or_else(|| "No data".to_string(), |v| format_value(metric, v)),
        numerator,
        denominator,
        count,
        targets,
        status,
        reason,
        figure,
        benchmarks,
    }
}

/// The overview for an area: every metric of the catalogue, grouped by domain.
pub fn summary(data: &Dataset, area: &str, period: Option<Period>) -> Summary {
    summary_of_first(data, area, period, usize::MAX)
}

/// As [`summary`], with only the first `groups` domains that have metrics:
/// what the overview's first screen shows, computed without the rest.
pub fn summary_of_first(
    data: &Dataset,
    area: &str,
    period: Option<Period>,
    groups: usize,
) -> Summary {
    let groups = data
        .catalogue
        .domains
        .iter()
        .map(|d| Group {
            domain: d.id.clone(),
            name: d.name.clone(),
            rows: data
                .catalogue
                .in_domain(&d.id)
                .map(|m| row(data, m, area, period))
                .collect(),
        })
        .filter(|g| !g.rows.is_empty())
        .take(groups)
        .collect();
    Summary {
        area: area.to_string(),
        area_name: data
            .geography
            .area(area)
            .map_or_else(|| area.to_string(), |a| a.name.clone()),
        period,
        groups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_first_screen_is_the_first_domains_of_the_whole_summary() {
        let data = Dataset::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data")).unwrap();
        for area in ["LLR", "E06000016", "LC-WEST"] {
            let all = summary(&data, area, None);
            assert!(all.groups.len() > 1, "{area}: {} domains", all.groups.len());
            for n in [0, 1, 2] {
                let first = summary_of_first(&data, area, None, n);
                let domains = |s: &Summary| {
                    s.groups
                        .iter()
                        .map(|g| g.domain.clone())
                        .collect::<Vec<_>>()
                };
                assert_eq!(domains(&first), domains(&all)[..n], "{area}, first {n}");
                for (a, b) in first.groups.iter().zip(&all.groups) {
                    assert_eq!(a.rows.len(), b.rows.len());
                    for (x, y) in a.rows.iter().zip(&b.rows) {
                        assert_eq!(x.metric, y.metric);
                        assert_eq!(x.period, y.period);
                    }
                }
            }
        }
    }
}
