//! Status against the targets in force for a period (SPEC §5).

use serde::Serialize;

use super::format::{format_value, shown_value};
use crate::model::{Metric, Period, Polarity, Target, TargetKind};

/// Whether one target was met.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetStatus {
    pub kind: TargetKind,
    pub target: f64,
    /// The target as shown, e.g. "95.0%" or "7:00".
    pub target_display: String,
    pub label: Option<String>,
    /// `None` for neutral metrics, which have no good direction.
    pub met: Option<bool>,
}

impl TargetStatus {
    /// "Met" / "Not met" / "No direction", in words, never colour alone.
    pub fn words(&self) -> &'static str {
        match self.met {
            Some(true) => "Met",
            Some(false) => "Not met",
            None => "No direction",
        }
    }

    /// E.g. "Not met: 95.0% constitutional standard".
    pub fn sentence(&self) -> String {
        format!(
            "{}: {} {}",
            self.words(),
            self.target_display,
            self.kind.label()
        )
    }
}

/// The status of `value` (display units) against each target in force,
/// constitutional first. The value is compared as shown (rounded exactly as
/// it is displayed), so a figure shown as 95.0% never reads "not met" against 95%.
pub fn status(metric: &Metric, period: Period, value: f64) -> Vec<TargetStatus> {
    let shown = shown_value(metric, value);
    metric
        .targets_at(period)
        .into_iter()
        .map(|t: &Target| TargetStatus {
            kind: t.kind,
            target: t.value,
            target_display: format_value(metric, t.value),
            label: t.label.clone(),
            met: match metric.polarity {
                Polarity::HigherIsBetter => Some(shown >= t.value),
                Polarity::LowerIsBetter => Some(shown <= t.value),
                Polarity::Neutral => None,
            },
        })
        .collect()
}

/// One line summarising all targets: "Met 78.0% operational standard; not met 95.0% constitutional standard".
pub fn status_words(statuses: &[TargetStatus]) -> String {
    if statuses.is_empty() {
        return "No target".to_string();
    }
    statuses
        .iter()
        .map(TargetStatus::sentence)
        .collect::<Vec<_>>()
        .join("; ")
}
