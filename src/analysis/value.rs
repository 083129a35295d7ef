//! The value of a metric at any area and period (SPEC §5): the area's own
//! series wins; otherwise aggregable kinds are computed from the children,
//! but only when every child has the period.

use serde::Serialize;
use std::collections::BTreeSet;
use std::rc::Rc;

use crate::load::Dataset;
use crate::model::{Kind, Level, Metric, Observation, Period, Provenance, Source};

/// How a figure was arrived at.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum Basis {
    /// From the area's own series.
    Own {
        organisation: Option<Rc<str>>,
        file: Rc<str>,
    },
    /// Computed from all `children` child areas of the given level.
    Aggregated { children: usize, level: Level },
}

/// A value with everything needed to trace it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// In display units (percent 0-100, seconds, FTE ...).
    pub value: f64,
    /// The underlying numbers (numerator/denominator, value/count or value).
    pub observation: Observation,
    pub provenance: Provenance,
    pub source: Rc<Source>,
    /// Publication date of the extract(s) behind it (the latest, when aggregated).
    pub as_at: Rc<str>,
    #[serde(flatten)]
    pub basis: Basis,
}

/// A figure, or the reason there is none.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Value(Figure),
    NoValue { reason: String },
}

impl Outcome {
    pub fn figure(&self) -> Option<&Figure> {
        match self {
            Outcome::Value(f) => Some(f),
            Outcome::NoValue { .. } => None,
        }
    }

    fn none(reason: impl Into<String>) -> Outcome {
        Outcome::NoValue {
            reason: reason.into(),
        }
    }
}

/// The value of `metric` at `area` for `period`.
pub fn value_at(data: &Dataset, metric: &Metric, area: &str, period: Period) -> Outcome {
    let Some(place) = data.geography.area(area) else {
        return Outcome::none(format!("unknown area \"{area}\""));
    };
    // Only the "no value" reasons need the label: made when needed.
    let label = || period.label(metric.frequency);
    if data.has_own_series(&metric.id, area) {
        let found = data
            .own_series(&metric.id, area)
            .find_map(|s| s.point(period).map(|p| (s, p)));
        return match found {
            Some((series, point)) => Outcome::Value(Figure {
                value: point.observation.value(metric.scale()),
                observation: point.observation,
                provenance: series.provenance,
                source: series.source.clone(),
                as_at: series.published.clone(),
                basis: Basis::Own {
                    organisation: series.organisation.clone(),
                    file: series.file.clone(),
                },
            }),
            None => Outcome::none(format!("no figure for {} in {}", place.name, label())),
        };
    }
    let children: Vec<_> = data.geography.children(area).collect();
    if children.is_empty() {
        return Outcome::none(format!("no figures are published for {}", place.name));
    }
    if !metric.kind.aggregable() {
        return Outcome::none(format!(
            "{} cannot be added up from {} (it is a centile or similar statistic), and no series is published for {}",
            metric.short_name,
            children[0].level.plural(),
            place.name
        ));
    }
    let outcomes: Vec<_> = children
        .iter()
        .map(|c| value_at(data, metric, &c.code, period))
        .collect();
    let missing: Vec<&str> = children
        .iter()
        .zip(&outcomes)
        .filter(|(_, o)| o.figure().is_none())
        .map(|(c, _)| c.name.as_str())
        .collect();
    if !missing.is_empty() {
        let reported = children.len() - missing.len();
        return Outcome::none(format!(
            "{reported} of {} {} reported for {}; no value for {}",
            children.len(),
            children[0].level.plural(),
            label(),
            missing.join(", ")
        ));
    }
    let figures: Vec<&Figure> = outcomes.iter().filter_map(Outcome::figure).collect();
    aggregate(metric, &figures, children.len(), children[0].level)
}

/// Combines complete child figures by the metric's kind (SPEC §3).
fn aggregate(metric: &Metric, figures: &[&Figure], children: usize, level: Level) -> Outcome {
    let sum = |f: fn(&Observation) -> f64| figures.iter().map(|x| f(&x.observation)).sum::<f64>();
    let observation = match metric.kind {
        Kind::Proportion | Kind::Rate => Observation::Ratio {
            numerator: sum(|o| match o {
                Observation::Ratio { numerator, .. } => *numerator,
                _ => f64::NAN,
            }),
            denominator: sum(|o| match o {
                Observation::Ratio { denominator, .. } => *denominator,
                _ => f64::NAN,
            }),
        },
        Kind::Mean => {
            let count = sum(|o| match o {
                Observation::Mean { count, .. } => *count,
                _ => f64::NAN,
            });
            let weighted = sum(|o| match o {
                Observation::Mean { value, count } => value * count,
                _ => f64::NAN,
            });
            Observation::Mean {
                value: weighted / count,
                count,
            }
        }
        Kind::Count => Observation::Value {
            value: sum(|o| o.value(1.0)),
        },
        Kind::Statistic => return Outcome::none("not aggregable"),
    };
    let value = observation.value(metric.scale());
    if !value.is_finite() {
        return Outcome::none(
            "the child areas' figures cannot be combined (zero denominator or count)",
        );
    }
    let provenance = figures
        .iter()
        .fold(Provenance::Derived, |acc, f| acc.combine(f.provenance));
    let first = &figures[0].source;
    let source = if figures
        .iter()
        .all(|f| Rc::ptr_eq(&f.source, first) || f.source == *first)
    {
        first.clone()
    } else {
        Rc::new(Source {
            publisher: "LLR dashboard".to_string(),
            publication: format!(
                "Computed from {children} {}' figures from more than one source",
                level.plural()
            ),
            url: None,
        })
    };
    let as_at = figures
        .iter()
        .map(|f| &f.as_at)
        .max()
        .cloned()
        .unwrap_or_else(|| Rc::from(""));
    Outcome::Value(Figure {
        value,
        observation,
        provenance,
        source,
        as_at,
        basis: Basis::Aggregated { children, level },
    })
}

/// Every period with data for the metric at the area: its own series', or
/// (with no own series) the union of its children's, for aggregable kinds.
pub fn periods(data: &Dataset, metric: &Metric, area: &str) -> BTreeSet<Period> {
    if data.has_own_series(&metric.id, area) {
        return data
            .own_series(&metric.id, area)
            .flat_map(|s| s.points.iter().map(|p| p.period))
            .collect();
    }
    if !metric.kind.aggregable() {
        return BTreeSet::new();
    }
    data.geography
        .children(area)
        .flat_map(|c| periods(data, metric, &c.code))
        .collect()
}

/// The latest period with data (the overview's "latest period").
pub fn latest(data: &Dataset, metric: &Metric, area: &str) -> Option<Period> {
    periods(data, metric, area).last().copied()
}

/// Every period from the first to the last with data, stepping by the
/// metric's frequency, with its outcome: gaps stay gaps.
pub fn timeline(data: &Dataset, metric: &Metric, area: &str) -> Vec<(Period, Outcome)> {
    let known = periods(data, metric, area);
    let (Some(&first), Some(&last)) = (known.first(), known.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut period = first;
    while period <= last {
        out.push((period, value_at(data, metric, area, period)));
        period = period.next(metric.frequency);
    }
    out
}
