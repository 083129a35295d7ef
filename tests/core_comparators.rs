//! England and NHS England regions as comparators (SPEC §2): series for
//! them load, they are shown beside an area's figure at the same period, and
//! they never enter the hierarchy's sums.

mod common;

use common::*;
use llr_dashboard::analysis::{benchmarks, row, value_at, Outcome};
use llr_dashboard::model::Period;
use serde_json::{json, Value};

fn geography() -> Value {
    let mut g = common::geography(true);
    g["comparators"] = json!([
        {"code": "E92000001", "name": "England", "ods": "ENG"},
        {"code": "E40000008", "name": "NHS England Midlands", "ods": "Y60"}
    ]);
    g
}

fn load(series: Vec<Value>) -> llr_dashboard::load::Dataset {
    let catalogue = catalogue_of(vec![metric("prop", "proportion", "percent", "month", None)]);
    let text = extract(series).to_string();
    load_with(
        &geography().to_string(),
        &catalogue.to_string(),
        &[("one.json", text.as_str())],
    )
}

fn p(text: &str) -> Period {
    Period::parse(text).expect("a period")
}

fn localities() -> Vec<Value> {
    ["LA1", "LA2", "LB1"]
        .iter()
        .map(|a| published("prop", a, json!([ratio("2025-01", 50.0, 100.0)])))
        .collect()
}

#[test]
fn a_comparator_series_loads_and_is_shown_beside_the_figure_at_the_same_period() {
    let mut series = localities();
    series.push(published(
        "prop",
        "E92000001",
        json!([
            ratio("2025-01", 764.0, 1000.0),
            ratio("2025-02", 700.0, 1000.0)
        ]),
    ));
    let data = load(series);
    assert!(
        data.problems.iter().all(|p| !p.is_error()),
        "{:?}",
        data.problems
    );
    let metric = data.catalogue.metric("prop").expect("prop");
    let r = row(&data, metric, "SYS", None);
    assert_eq!(r.period, Some(p("2025-01")));
    assert_eq!(r.display, "50.0%");
    // Only England has a series: the region is left out, not shown as missing.
    assert_eq!(r.benchmarks.len(), 1, "{:?}", r.benchmarks);
    assert_eq!(r.benchmarks[0].label(), "England 76.4%");
    assert_eq!(r.benchmarks[0].period, p("2025-01"));
    // A month England has but the area does not is not used for the row.
    let feb = row(&data, metric, "SYS", Some(p("2025-02")));
    assert!(feb.value.is_none());
    assert!(
        feb.benchmarks.is_empty(),
        "no figure, no benchmark beside it"
    );
}

#[test]
fn a_comparator_without_the_period_says_so_and_is_never_added_into_the_system() {
    let mut series = localities();
    series.push(published(
        "prop",
        "E92000001",
        json!([ratio("2024-12", 700.0, 1000.0)]),
    ));
    series.push(published(
        "prop",
        "E40000008",
        json!([ratio("2025-01", 600.0, 1000.0)]),
    ));
    let data = load(series);
    let metric = data.catalogue.metric("prop").expect("prop");
    let b = benchmarks(&data, metric, p("2025-01"));
    let names: Vec<&str> = b.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, ["England", "NHS England Midlands"]);
    assert_eq!(b[0].display, "No data");
    assert_eq!(
        b[0].reason.as_deref(),
        Some("no figure for England in Jan 2025")
    );
    assert_eq!(b[1].label(), "NHS England Midlands 60.0%");
    // The system is still the sum of its localities alone: 150 / 300.
    match value_at(&data, metric, "SYS", p("2025-01")) {
        Outcome::Value(f) => assert_eq!(f.observation.parts().0, Some(150.0)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_comparator_code_that_is_not_in_the_geography_is_refused_like_any_unknown_area() {
    let mut series = localities();
    series.push(published(
        "prop",
        "E12000004",
        json!([ratio("2025-01", 1.0, 2.0)]),
    ));
    let data = load(series);
    let texts: Vec<String> = data.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("unknown area code \"E12000004\": series rejected")),
        "{texts:?}"
    );
}
