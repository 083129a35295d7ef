//! Series of observations, as they arrive in extracts, after validation.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::rc::Rc;

use super::{Kind, Period};

/// Where a series' numbers come from (SPEC §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// Copied from an official statistic.
    Published,
    /// Computed locally from published figures.
    Derived,
    /// Made up for demonstration: never to be read as real.
    Illustrative,
}

impl Provenance {
    pub fn published() -> Provenance {
        Provenance::Published
    }

    pub fn label(self) -> &'static str {
        match self {
            Provenance::Published => "Published",
            Provenance::Derived => "Derived",
            Provenance::Illustrative => "Illustrative",
        }
    }

    /// What the badge says in plain English.
    pub fn explanation(self) -> &'static str {
        match self {
            Provenance::Published => "copied from an official statistic",
            Provenance::Derived => "computed by this dashboard from published figures",
            Provenance::Illustrative => "made-up figures for demonstration, not real data",
        }
    }

    /// The weaker of two provenances: anything built from illustrative data is
    /// illustrative; anything computed from published data is derived.
    pub fn combine(self, other: Provenance) -> Provenance {
        self.max(other)
    }
}

/// A publication and its publisher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub publisher: String,
    pub publication: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A note pinned to a period, drawn on charts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    pub period: Period,
    pub text: String,
}

/// One observation, already checked against its metric's kind.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Observation {
    /// Proportions and rates.
    Ratio { numerator: f64, denominator: f64 },
    /// A mean with the number of cases behind it.
    Mean { value: f64, count: f64 },
    /// Counts and statistics.
    Value { value: f64 },
}

impl Observation {
    /// The value in display units, given the metric's scale (100 for percent).
    pub fn value(self, scale: f64) -> f64 {
        match self {
            Observation::Ratio {
                numerator,
                denominator,
            } => scale * numerator / denominator,
            Observation::Mean { value, .. } | Observation::Value { value } => value,
        }
    }

    /// (numerator, denominator, count): what a table shows beside the value.
    pub fn parts(self) -> (Option<f64>, Option<f64>, Option<f64>) {
        match self {
            Observation::Ratio {
                numerator,
                denominator,
            } => (Some(numerator), Some(denominator), None),
            Observation::Mean { count, .. } => (None, None, Some(count)),
            Observation::Value { .. } => (None, None, None),
        }
    }

    /// Whether this observation has the shape a metric of `kind` needs.
    pub fn fits(self, kind: Kind) -> bool {
        matches!(
            (self, kind),
            (Observation::Ratio { .. }, Kind::Proportion | Kind::Rate)
                | (Observation::Mean { .. }, Kind::Mean)
                | (Observation::Value { .. }, Kind::Count | Kind::Statistic)
        )
    }
}

/// A point of a series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    pub period: Period,
    #[serde(flatten)]
    pub observation: Observation,
}

/// A validated series: one metric at one area (and breakdown), from one extract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub metric: String,
    pub area: String,
    // Shared (`Rc`) where every figure read from the series carries a copy:
    // a figure then costs no string copies, however many are made.
    pub organisation: Option<Rc<str>>,
    pub provenance: Provenance,
    pub breakdown: BTreeMap<String, String>,
    pub rebase: Vec<Period>,
    pub annotations: Vec<Annotation>,
    /// The series' own source, or its extract's.
    pub source: Rc<Source>,
    pub note: Option<String>,
    /// The extract file it came from, e.g. `extracts/ae.json`.
    pub file: Rc<str>,
    /// Its JSON path within that file, e.g. `series[3]`.
    pub path: String,
    /// The extract's publication date, `YYYY-MM-DD`.
    pub published: Rc<str>,
    /// Sorted by period, no duplicates.
    pub points: Vec<Point>,
}

impl Series {
    /// A total, rather than a part of a breakdown.
    pub fn is_total(&self) -> bool {
        self.breakdown.is_empty()
    }

    pub fn point(&self, period: Period) -> Option<&Point> {
        self.points
            .binary_search_by_key(&period, |p| p.period)
            .ok()
            .map(|i| &self.points[i])
    }

    pub fn first_period(&self) -> Option<Period> {
        self.points.first().map(|p| p.period)
    }

    pub fn last_period(&self) -> Option<Period> {
        self.points.last().map(|p| p.period)
    }
}
