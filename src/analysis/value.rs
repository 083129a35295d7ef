//! The value of a metric at any area and period (SPEC §5): the area's own
//! series wins; otherwise aggregable kinds are computed from the children,
//! but only when every child has the period.

use serde::Serialize;
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
    // A comparator (England, a region) has only its own series: it has no
    // children, so it is never computed from parts.
    let Some(name) = data
        .geography
        .area(area)
        .map(|a| a.name.as_str())
        .or_else(|| data.geography.comparator(area).map(|c| c.name.as_str()))
    else {
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
            None => Outcome::none(format!("no figure for {name} in {}", label())),
        };
    }
    let mut children = data.geography.children(area).peekable();
    let Some(level) = children.peek().map(|c| c.level) else {
        return Outcome::none(format!("no figures are published for {name}"));
    };
    if !metric.kind.aggregable() {
        return Outcome::none(format!(
            "{} cannot be added up from {} (it is a centile or similar statistic), and no series is published for {}",
            metric.short_name,
            level.plural(),
            name
        ));
    }
    // Each child's figure is folded in as it comes: nothing is kept but the sums.
    let mut combined = Combined::new(metric.kind);
    let (mut count, mut missing) = (0, Vec::new());
    for child in children {
        count += 1;
        match value_at(data, metric, &child.code, period) {
            Outcome::Value(figure) => combined.add(&figure),
            Outcome::NoValue { .. } => missing.push(child.name.as_str()),
        }
    }
    if !missing.is_empty() {
        return Outcome::none(format!(
            "{} of {count} {} reported for {}; no value for {}",
            count - missing.len(),
            level.plural(),
            label(),
            missing.join(", ")
        ));
    }
    combined.finish(metric, count, level)
}

/// Complete child figures combined by the metric's kind (SPEC §3), one at a
/// time: `a` and `b` are the sums of numerators and denominators (ratios),
/// of value x count and counts (means), or of values (counts). A child whose
/// numbers do not fit the kind makes the sums NaN, so nothing is shown.
struct Combined {
    kind: Kind,
    a: f64,
    b: f64,
    provenance: Provenance,
    source: Option<Rc<Source>>,
    mixed_sources: bool,
    as_at: Option<Rc<str>>,
}

impl Combined {
    fn new(kind: Kind) -> Combined {
        Combined {
            kind,
            a: 0.0,
            b: 0.0,
            provenance: Provenance::Derived,
            source: None,
            mixed_sources: false,
            as_at: None,
        }
    }

    fn add(&mut self, figure: &Figure) {
        let (a, b) = match (self.kind, &figure.observation) {
            (
                Kind::Proportion | Kind::Rate,
                Observation::Ratio {
                    numerator,
                    denominator,
                },
            ) => (*numerator, *denominator),
            (Kind::Mean, Observation::Mean { value, count }) => (value * count, *count),
            (Kind::Count, observation) => (observation.value(1.0), 0.0),
            _ => (f64::NAN, f64::NAN),
        };
        self.a += a;
        self.b += b;
        self.provenance = self.provenance.combine(figure.provenance);
        match &self.source {
            None => self.source = Some(figure.source.clone()),
            Some(first) => {
                self.mixed_sources |=
                    !(Rc::ptr_eq(first, &figure.source) || *first == figure.source)
            }
        }
        if self
            .as_at
            .as_ref()
            .is_none_or(|latest| figure.as_at > *latest)
        {
            self.as_at = Some(figure.as_at.clone());
        }
    }

    fn finish(self, metric: &Metric, children: usize, level: Level) -> Outcome {
        let observation = match self.kind {
            Kind::Proportion | Kind::Rate => Observation::Ratio {
                numerator: self.a,
                denominator: self.b,
            },
            Kind::Mean => Observation::Mean {
                value: self.a / self.b,
                count: self.b,
            },
            Kind::Count => Observation::Value { value: self.a },
            Kind::Statistic => return Outcome::none("not aggregable"),
        };
        let value = observation.value(metric.scale());
        if !value.is_finite() {
            return Outcome::none(
                "the child areas' figures cannot be combined (zero denominator or count)",
            );
        }
        let source = match self.source {
            Some(source) if !self.mixed_sources => source,
            _ => Rc::new(Source {
                publisher: "LLR dashboard".to_string(),
                publication: format!(
                    "Computed from {children} {}' figures from more than one source",
                    level.plural()
                ),
                url: None,
            }),
        };
        Outcome::Value(Figure {
            value,
            observation,
            provenance: self.provenance,
            source,
            as_at: self.as_at.unwrap_or_else(|| Rc::from("")),
            basis: Basis::Aggregated { children, level },
        })
    }
}

/// Every period with data for the metric at the area, in order: its own
/// series', or (with no own series) the union of its children's, for
/// aggregable kinds.
pub fn periods(data: &Dataset, metric: &Metric, area: &str) -> Vec<Period> {
    let mut all = Vec::new();
    collect_periods(data, metric, area, &mut all);
    Period::distinct(all)
}

fn collect_periods(data: &Dataset, metric: &Metric, area: &str, into: &mut Vec<Period>) {
    if data.has_own_series(&metric.id, area) {
        into.extend(
            data.own_series(&metric.id, area)
                .flat_map(|s| s.points.iter().map(|p| p.period)),
        );
    } else if metric.kind.aggregable() {
        for child in data.geography.children(area) {
            collect_periods(data, metric, &child.code, into);
        }
    }
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
