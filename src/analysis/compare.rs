//! One metric across every area of a level, for a period: what the
//! comparison view ranks, charts and tabulates, with England and the region
//! beside them as benchmarks (never ranked among them).

use std::cmp::Ordering;

use super::benchmark::{benchmarks, Benchmark};
use super::value::{periods, value_at, Outcome};
use crate::load::Dataset;
use crate::model::{Level, Metric, Period, Polarity};

/// One area's figure in a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareRow {
    pub area: String,
    pub name: String,
    pub parent: Option<String>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// `None` when no area of the level has any figure.
    pub period: Option<Period>,
    /// Every period with a figure for at least one area, latest first.
    pub periods: Vec<Period>,
    /// Ranked best first by the metric's polarity (highest first when
    /// neutral); areas with no value last, in geography order.
    pub rows: Vec<CompareRow>,
    /// England and the region at `period`, where they have a series for the
    /// metric: shown after the ranked rows, not ranked.
    pub benchmarks: Vec<Benchmark>,
}

/// Best first for a metric's polarity: descending when higher is better (and
/// for neutral metrics), ascending when lower is better; a missing or
/// non-finite value after every value. The comparison ranks areas (and so
/// its bars) with this.
pub fn best_first(a: Option<f64>, b: Option<f64>, polarity: Polarity) -> Ordering {
    match (a.filter(|v| v.is_finite()), b.filter(|v| v.is_finite())) {
        (Some(x), Some(y)) => match polarity {
            Polarity::LowerIsBetter => x.total_cmp(&y),
            Polarity::HigherIsBetter | Polarity::Neutral => y.total_cmp(&x),
        },
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Compares `metric` across all areas of `level` at `period` (default: the
/// latest period any of them has).
pub fn comparison(
    data: &Dataset,
    metric: &Metric,
    level: Level,
    period: Option<Period>,
) -> Comparison {
    let areas: Vec<_> = data
        .geography
        .areas
        .iter()
        .filter(|a| a.level == level)
        .collect();
    let all = Period::distinct(areas.iter().flat_map(|a| periods(data, metric, &a.code)));
    let period = period.or_else(|| all.last().copied());
    let mut rows: Vec<CompareRow> = areas
        .iter()
        .map(|a| CompareRow {
            area: a.code.clone(),
            name: a.name.clone(),
            parent: a
                .parent
                .as_deref()
                .and_then(|p| data.geography.area(p))
                .map(|p| p.name.clone()),
            outcome: match period {
                Some(p) => value_at(data, metric, &a.code, p),
                None => Outcome::NoValue {
                    reason: "no figures for this area".to_string(),
                },
            },
        })
        .collect();
    let key = |r: &CompareRow| r.outcome.figure().map(|f| f.value);
    // Stable sort: ties and missing values keep geography order.
    crate::sort::by(&mut rows, |a, b| {
        best_first(key(a), key(b), metric.polarity)
    });
    let benchmarks = period.map_or_else(Vec::new, |p| benchmarks(data, metric, p));
    Comparison {
        period,
        periods: all.into_iter().rev().collect(),
        rows,
        benchmarks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn bundled() -> Dataset {
        Dataset::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data")).unwrap()
    }

    #[test]
    fn best_first_follows_polarity_with_no_value_last_and_ties_kept_in_order() {
        let start = [
            ("none 1", None),
            ("ten", Some(10.0)),
            ("thirty", Some(30.0)),
            ("nan", Some(f64::NAN)),
            ("twenty", Some(20.0)),
            ("none 2", None),
            ("ten again", Some(10.0)),
        ];
        let order = |polarity| {
            let mut items = start.to_vec();
            crate::sort::by(&mut items, |a, b| best_first(a.1, b.1, polarity));
            items
                .into_iter()
                .map(|(label, _)| label)
                .collect::<Vec<_>>()
        };
        let descending = [
            "thirty",
            "twenty",
            "ten",
            "ten again",
            "none 1",
            "nan",
            "none 2",
        ];
        assert_eq!(order(Polarity::HigherIsBetter), descending);
        assert_eq!(order(Polarity::Neutral), descending);
        assert_eq!(
            order(Polarity::LowerIsBetter),
            [
                "ten",
                "ten again",
                "twenty",
                "thirty",
                "none 1",
                "nan",
                "none 2"
            ]
        );
    }

    #[test]
    fn places_are_ranked_best_first_with_missing_last() {
        let data = bundled();
        let metric = data.catalogue.metric("rtt_18wk").unwrap();
        let c = comparison(&data, metric, Level::Place, None);
        assert_eq!(c.rows.len(), 3);
        assert_eq!(c.period, c.periods.first().copied());
        let values: Vec<f64> = c
            .rows
            .iter()
            .filter_map(|r| r.outcome.figure().map(|f| f.value))
            .collect();
        assert!(
            values.windows(2).all(|w| w[0] >= w[1]),
            "higher is better: descending {values:?}"
        );
    }

    #[test]
    fn lower_is_better_ranks_ascending_and_a_missing_locality_goes_last() {
        let data = bundled();
        let metric = data.catalogue.metric("rtt_52wk").unwrap();
        let c = comparison(&data, metric, Level::Locality, None);
        assert_eq!(c.rows.len(), 12);
        let values: Vec<f64> = c
            .rows
            .iter()
            .filter_map(|r| r.outcome.figure().map(|f| f.value))
            .collect();
        assert!(values.windows(2).all(|w| w[0] <= w[1]), "{values:?}");
        // tt_recovery: LC-WEST has no Mar 2019 figure, so it is last with a reason.
        let metric = data.catalogue.metric("tt_recovery").unwrap();
        let c = comparison(
            &data,
            metric,
            Level::Locality,
            Period::parse("2019-03").ok(),
        );
        let last = c.rows.last().unwrap();
        assert_eq!(last.area, "LC-WEST");
        assert!(last.outcome.figure().is_none());
    }
}
