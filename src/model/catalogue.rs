//! The metric catalogue (`data/metrics.json`): what each standard measures,
//! how it aggregates, which way is better and its targets over time.

use serde::{Deserialize, Serialize};

use super::{Frequency, Period, Source};

/// How a point is written and how areas aggregate (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// numerator / denominator, shown as a percentage; aggregates as sum n / sum d.
    Proportion,
    /// `per` x numerator / denominator; aggregates as sum n / sum d.
    Rate,
    /// value with a count; aggregates as the count-weighted mean.
    Mean,
    /// a plain count; aggregates as the sum.
    Count,
    /// centiles, medians: not aggregable.
    Statistic,
}

impl Kind {
    pub fn aggregable(self) -> bool {
        self != Kind::Statistic
    }

    pub fn has_ratio(self) -> bool {
        matches!(self, Kind::Proportion | Kind::Rate)
    }
}

/// Which direction is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    HigherIsBetter,
    LowerIsBetter,
    Neutral,
}

/// The unit a value is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// 0-100, shown with a % sign.
    Percent,
    /// Stored in seconds, shown as minutes and seconds.
    Seconds,
    /// Full-time equivalent staff.
    Fte,
    /// A plain number.
    Count,
    /// A rate per 10,000.
    #[serde(rename = "per_10000")]
    Per10000,
}

/// Who set a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    Constitutional,
    Operational,
    Local,
}

impl TargetKind {
    pub fn label(self) -> &'static str {
        match self {
            TargetKind::Constitutional => "constitutional standard",
            TargetKind::Operational => "operational standard",
            TargetKind::Local => "local target",
        }
    }
}

/// A threshold in force from `from` to `to` (inclusive; open-ended when `None`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub kind: TargetKind,
    /// In display units: percent 0-100, seconds, etc.
    pub value: f64,
    pub from: Period,
    #[serde(default)]
    pub to: Option<Period>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

impl Target {
    pub fn in_force(&self, period: Period) -> bool {
        self.from <= period && self.to.is_none_or(|to| period <= to)
    }
}

/// One standard or workforce measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub id: String,
    pub domain: String,
    pub name: String,
    pub short_name: String,
    pub definition: String,
    pub kind: Kind,
    pub unit: Unit,
    pub decimals: u8,
    pub polarity: Polarity,
    pub frequency: Frequency,
    #[serde(default)]
    pub per: Option<f64>,
    #[serde(default)]
    pub targets: Vec<Target>,
    pub source: Source,
}

impl Metric {
    /// Targets in force for the period, constitutional first.
    pub fn targets_at(&self, period: Period) -> Vec<&Target> {
        let mut in_force: Vec<&Target> =
            self.targets.iter().filter(|t| t.in_force(period)).collect();
        crate::sort::by_key(&mut in_force, |t| t.kind);
        in_force
    }

    /// The multiplier from numerator/denominator to the shown value.
    pub fn scale(&self) -> f64 {
        match self.kind {
            Kind::Proportion => 100.0,
            Kind::Rate => self.per.unwrap_or(1.0),
            _ => 1.0,
        }
    }
}

/// A group of metrics on the overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub id: String,
    pub name: String,
}

/// The whole catalogue, in file order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Catalogue {
    pub domains: Vec<Domain>,
    pub metrics: Vec<Metric>,
}

impl Catalogue {
    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    /// Metrics of a domain in catalogue order.
    pub fn in_domain<'a>(&'a self, domain: &'a str) -> impl Iterator<Item = &'a Metric> + 'a {
        self.metrics.iter().filter(move |m| m.domain == domain)
    }
}
