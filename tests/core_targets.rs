//! Targets in force by period, status against them (SPEC §5), the words for
//! status, how values are shown, and period labels.

use llr_dashboard::analysis::{format_value, status, status_words, TargetStatus};
use llr_dashboard::model::{Frequency, Metric, Period, TargetKind};
use serde_json::{json, Value};

mod common;

use common::merged;

fn p(text: &str) -> Period {
    Period::parse(text).unwrap()
}

/// A monthly proportion in percent to one decimal, higher is better, with no
/// targets, except where `overrides` says otherwise.
fn metric(overrides: Value) -> Metric {
    let base = common::metric("m", "proportion", "percent", "month", None);
    serde_json::from_value(merged(base, overrides)).expect("metric fixture")
}

/// Like ae_4hr: 95% open-ended, operational 76% in 2023/24 and 78% from
/// 2024/25 to 2025/26. Listed operational first to check the ordering.
fn four_hour() -> Metric {
    metric(json!({"targets": [
        {"kind": "operational", "value": 78.0, "from": "2024-04", "to": "2026-03"},
        {"kind": "operational", "value": 76.0, "from": "2023-04", "to": "2024-03"},
        {"kind": "constitutional", "value": 95.0, "from": "2010-04"}
    ]}))
}

fn targets_at(m: &Metric, period: &str) -> Vec<(TargetKind, f64)> {
    m.targets_at(p(period))
        .into_iter()
        .map(|t| (t.kind, t.value))
        .collect()
}

fn met(statuses: &[TargetStatus]) -> Vec<Option<bool>> {
    statuses.iter().map(|s| s.met).collect()
}

// ---------------------------------------------------------------- targets by period

#[test]
fn targets_are_in_force_only_inside_their_dates() {
    use TargetKind::{Constitutional as C, Operational as O};
    let m = four_hour();
    assert_eq!(targets_at(&m, "2010-03"), vec![]);
    assert_eq!(targets_at(&m, "2010-04"), vec![(C, 95.0)]);
    assert_eq!(targets_at(&m, "2023-03"), vec![(C, 95.0)]);
    assert_eq!(targets_at(&m, "2023-04"), vec![(C, 95.0), (O, 76.0)]);
    // `to` is inclusive: March 2024 is the last month of 2023/24
    assert_eq!(targets_at(&m, "2024-03"), vec![(C, 95.0), (O, 76.0)]);
    assert_eq!(targets_at(&m, "2024-04"), vec![(C, 95.0), (O, 78.0)]);
    assert_eq!(targets_at(&m, "2026-03"), vec![(C, 95.0), (O, 78.0)]);
    assert_eq!(targets_at(&m, "2026-04"), vec![(C, 95.0)]);
    // open-ended `to`: still in force decades later
    assert_eq!(targets_at(&m, "2099-12"), vec![(C, 95.0)]);
}

#[test]
fn status_uses_the_targets_in_force_for_the_period() {
    let m = four_hour();
    // 77% in 2023/24: meets 76%, not 95%.
    let s = status(&m, p("2023-06"), 77.0);
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].kind, TargetKind::Constitutional);
    assert_eq!(met(&s), vec![Some(false), Some(true)]);
    // the same 77% in 2024/25 misses the 78% standard
    let s = status(&m, p("2024-06"), 77.0);
    assert_eq!(s[1].target, 78.0);
    assert_eq!(met(&s), vec![Some(false), Some(false)]);
    // before any target: nothing to be measured against
    assert!(status(&m, p("2001-01"), 77.0).is_empty());
}

// ---------------------------------------------------------------- met / not met

#[test]
fn higher_is_better_met_at_and_above_the_target() {
    let m =
        metric(json!({"targets": [{"kind": "constitutional", "value": 95.0, "from": "2010-04"}]}));
    let at = |v: f64| status(&m, p("2025-01"), v)[0].met;
    assert_eq!(at(99.0), Some(true));
    assert_eq!(at(95.0), Some(true), "equal to the target is met");
    assert_eq!(at(94.9), Some(false));
    assert_eq!(at(12.0), Some(false));
}

#[test]
fn lower_is_better_met_at_and_below_the_target() {
    // Category 1 mean: 7 minutes = 420 s, shown as whole seconds.
    let m = metric(json!({
        "kind": "mean", "unit": "seconds", "decimals": 0, "polarity": "lower_is_better",
        "targets": [{"kind": "constitutional", "value": 420.0, "from": "2017-08"}]
    }));
    let at = |v: f64| status(&m, p("2025-01"), v)[0].met;
    assert_eq!(at(300.0), Some(true));
    assert_eq!(at(420.0), Some(true), "equal to the target is met");
    assert_eq!(at(421.0), Some(false));
    assert_eq!(at(900.0), Some(false));
    // shown as 7:00, so met; shown as 7:01, not met
    assert_eq!(format_value(&m, 420.4), "7:00");
    assert_eq!(at(420.4), Some(true));
    assert_eq!(format_value(&m, 420.6), "7:01");
    assert_eq!(at(420.6), Some(false));
}

#[test]
fn value_is_compared_as_shown() {
    let m =
        metric(json!({"targets": [{"kind": "constitutional", "value": 95.0, "from": "2010-04"}]}));
    // 94.96 shows as 95.0% with one decimal: met.
    assert_eq!(format_value(&m, 94.96), "95.0%");
    assert_eq!(status(&m, p("2025-01"), 94.96)[0].met, Some(true));
    // 94.94 shows as 94.9%: not met.
    assert_eq!(format_value(&m, 94.94), "94.9%");
    assert_eq!(status(&m, p("2025-01"), 94.94)[0].met, Some(false));
    // A ratio that lands a hair under 95 in floating point still counts as met.
    let just_under = 95.0 - 1e-12;
    assert_eq!(status(&m, p("2025-01"), just_under)[0].met, Some(true));

    // With two decimals, 94.996 shows 95.00 (met) and 94.994 shows 94.99 (not met).
    let m2 = metric(json!({"decimals": 2,
        "targets": [{"kind": "constitutional", "value": 95.0, "from": "2010-04"}]}));
    assert_eq!(status(&m2, p("2025-01"), 94.996)[0].met, Some(true));
    assert_eq!(status(&m2, p("2025-01"), 94.994)[0].met, Some(false));

    // Lower is better: 3.24 shows 3.2%, within a 3.2% cap; 3.26 shows 3.3%, over it.
    let cap = metric(json!({"polarity": "lower_is_better",
        "targets": [{"kind": "operational", "value": 3.2, "from": "2024-04"}]}));
    assert_eq!(status(&cap, p("2025-01"), 3.24)[0].met, Some(true));
    assert_eq!(status(&cap, p("2025-01"), 3.26)[0].met, Some(false));
}

/// The status must agree with the number on the screen: a value shown equal
/// to the target is met, whatever the rounding of the unshown digits.
#[test]

fn status_agrees_with_the_shown_value_at_exact_halves() {
    // Agency spend 13/400 = 3.25% exactly; the 3.2% cap is lower-is-better.
    let cap = metric(json!({"polarity": "lower_is_better",
        "targets": [{"kind": "operational", "value": 3.2, "from": "2024-04"}]}));
    let value = 100.0 * 13.0 / 400.0;
    assert_eq!(value, 3.25);
    let shown = format_value(&cap, value);
    let s = status(&cap, p("2025-01"), value);
    assert_eq!(
        (shown.as_str(), s[0].met),
        ("3.2%", Some(true)),
        "shown as {shown} against a 3.2% cap"
    );

    // And in general: for every n/d up to 400, the status against a target
    // equal to the shown figure is met, whichever way is better.
    let mut wrong = Vec::new();
    for polarity in ["higher_is_better", "lower_is_better"] {
        let mut m = metric(json!({"polarity": polarity, "targets": [
            {"kind": "local", "value": 0.0, "from": "2024-04"}
        ]}));
        for d in 1..=400u32 {
            for n in 0..=d {
                let value = 100.0 * f64::from(n) / f64::from(d);
                let shown = format_value(&m, value);
                let shown_number: f64 = shown.trim_end_matches('%').parse().unwrap();
                m.targets[0].value = shown_number;
                if status(&m, p("2025-01"), value)[0].met != Some(true) {
                    wrong.push(format!("{n}/{d} = {value} shown {shown} ({polarity})"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cases, e.g. {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(6)]
    );
}

#[test]
fn neutral_metrics_have_no_met() {
    let m = metric(
        json!({"kind": "count", "unit": "fte", "decimals": 0, "polarity": "neutral",
        "targets": [{"kind": "local", "value": 100.0, "from": "2020-04"}]}),
    );
    let s = status(&m, p("2025-01"), 50.0);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].met, None);
    assert_eq!(s[0].words(), "No direction");
    let s = status(&m, p("2025-01"), 150.0);
    assert_eq!(s[0].met, None);
}

// ---------------------------------------------------------------- words

#[test]
fn status_words_say_met_or_not_met_for_each_target_constitutional_first() {
    let m = four_hour();
    let s = status(&m, p("2024-06"), 80.0);
    let words = status_words(&s);
    let parts: Vec<&str> = words.split("; ").collect();
    assert_eq!(parts.len(), 2, "{words}");
    assert!(parts[0].starts_with("Not met"), "{words}");
    assert!(parts[0].contains("95.0%"), "{words}");
    assert!(parts[0].contains("constitutional"), "{words}");
    assert!(parts[1].starts_with("Met"), "{words}");
    assert!(parts[1].contains("78.0%"), "{words}");
    assert!(parts[1].contains("operational"), "{words}");

    assert_eq!(s[0].words(), "Not met");
    assert_eq!(s[1].words(), "Met");
    assert_eq!(s[0].target_display, "95.0%");
}

#[test]
fn status_words_with_no_target_say_so() {
    let m = metric(json!({}));
    let s = status(&m, p("2025-01"), 50.0);
    assert!(s.is_empty());
    let words = status_words(&s);
    assert!(words.to_lowercase().contains("no target"), "{words}");
    assert!(!words.contains("Met"), "{words}");
}

#[test]
fn status_words_show_ambulance_targets_as_minutes() {
    let m = metric(json!({
        "kind": "mean", "unit": "seconds", "decimals": 0, "polarity": "lower_is_better",
        "targets": [
            {"kind": "operational", "value": 1800.0, "from": "2023-04"},
            {"kind": "constitutional", "value": 1080.0, "from": "2017-08"}
        ]
    }));
    // 25 minutes: misses 18 minutes, meets 30 minutes
    let words = status_words(&status(&m, p("2025-01"), 1500.0));
    let parts: Vec<&str> = words.split("; ").collect();
    assert!(
        parts[0].starts_with("Not met") && parts[0].contains("18:00"),
        "{words}"
    );
    assert!(
        parts[1].starts_with("Met") && parts[1].contains("30:00"),
        "{words}"
    );
}

// ---------------------------------------------------------------- formatting

#[test]
fn percent_to_the_metric_decimals() {
    let one = metric(json!({}));
    // 18293/20751 = 88.1548...%: the UHL A&E figure for May 2018
    assert_eq!(format_value(&one, 100.0 * 18293.0 / 20751.0), "88.2%");
    assert_eq!(format_value(&one, 95.0), "95.0%");
    assert_eq!(format_value(&one, 0.0), "0.0%");
    assert_eq!(format_value(&one, 100.0), "100.0%");
    assert_eq!(format_value(&one, 7.04), "7.0%");
    let two = metric(json!({"decimals": 2}));
    assert_eq!(format_value(&two, 0.5), "0.50%");
    assert_eq!(format_value(&two, 1.0 / 3.0), "0.33%");
}

#[test]
fn seconds_as_minutes_and_seconds() {
    let m = metric(json!({"kind": "mean", "unit": "seconds", "decimals": 0}));
    // 7.49 minutes = 449.4 s -> 7:29
    assert_eq!(format_value(&m, 449.4), "7:29");
    assert_eq!(format_value(&m, 420.0), "7:00");
    assert_eq!(format_value(&m, 65.0), "1:05");
    assert_eq!(format_value(&m, 9.0), "0:09");
    assert_eq!(format_value(&m, 59.6), "1:00");
    assert_eq!(format_value(&m, 2400.0), "40:00");
    // past the hour
    assert_eq!(format_value(&m, 3725.0), "1:02:05");
    assert_ne!(format_value(&m, f64::NAN), "NaN");
}

#[test]
fn counts_with_thousands_separators() {
    let fte = metric(json!({"kind": "count", "unit": "fte", "decimals": 0}));
    assert_eq!(format_value(&fte, 21974.0), "21,974");
    assert_eq!(format_value(&fte, 12988.4), "12,988");
    assert_eq!(format_value(&fte, 999.0), "999");
    assert_eq!(format_value(&fte, 1000.0), "1,000");
    assert_eq!(format_value(&fte, 1234567.0), "1,234,567");
    assert_eq!(format_value(&fte, 0.0), "0");
    let count = metric(json!({"kind": "count", "unit": "count", "decimals": 0}));
    assert_eq!(format_value(&count, 32100.0), "32,100");
    let rate = metric(json!({"kind": "rate", "unit": "per_10000", "decimals": 1, "per": 10000.0}));
    assert_eq!(format_value(&rate, 6.04), "6.0");
    assert_eq!(format_value(&rate, 12345.67), "12,345.7");
}

// ---------------------------------------------------------------- periods

#[test]
fn period_labels() {
    assert_eq!(p("2026-03").label(Frequency::Month), "Mar 2026");
    assert_eq!(p("2018-05").label(Frequency::Month), "May 2018");
    assert_eq!(p("2026-03").long_label(), "March 2026");
    // NHS quarters of the financial year: Q1 Apr-Jun ... Q4 Jan-Mar
    assert_eq!(p("2025-04").label(Frequency::Quarter), "Q1 2025/26");
    assert_eq!(p("2025-07").label(Frequency::Quarter), "Q2 2025/26");
    assert_eq!(p("2025-10").label(Frequency::Quarter), "Q3 2025/26");
    assert_eq!(p("2026-01").label(Frequency::Quarter), "Q4 2025/26");
    // financial years start in April
    assert_eq!(p("2025-04").label(Frequency::Year), "2025/26");
    assert_eq!(p("2026-03").financial_year(), "2025/26");
    assert_eq!(p("2026-04").financial_year(), "2026/27");
    assert_eq!(p("1999-04").label(Frequency::Year), "1999/00");
    assert_eq!(p("2009-04").label(Frequency::Year), "2009/10");
}

#[test]
fn periods_parse_strictly_and_round_trip() {
    assert_eq!(p("2025-02").to_string(), "2025-02");
    for bad in [
        "2025-13",
        "2025-00",
        "2025-1",
        "25-01",
        "2025/01",
        "",
        "2025-01-01",
        " 2025-01",
        "２０２５-01",
    ] {
        assert!(Period::parse(bad).is_err(), "{bad:?} should be rejected");
    }
    assert!(p("2025-01").fits(Frequency::Quarter));
    assert!(!p("2025-02").fits(Frequency::Quarter));
    assert!(p("2025-04").fits(Frequency::Year));
    assert!(!p("2025-01").fits(Frequency::Year));
    assert_eq!(p("2025-11").next(Frequency::Quarter).to_string(), "2026-02");
    assert_eq!(p("2025-12").next(Frequency::Month).to_string(), "2026-01");
    assert_eq!(p("2025-04").next(Frequency::Year).to_string(), "2026-04");
}
