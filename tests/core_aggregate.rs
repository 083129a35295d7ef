//! Values at any area (SPEC §5): own series first, otherwise aggregated from
//! children by the metric's kind (SPEC §3), never from a subset; provenance
//! of aggregates; periods, latest and timelines.
//!
//! Every dataset here is built from small in-memory JSON, and every expected
//! number is worked out by hand in the comments next to it.

use llr_dashboard::analysis::{latest, periods, timeline, value_at, Basis, Figure, Outcome};
use llr_dashboard::load::Dataset;
use llr_dashboard::model::{Level, Metric, Observation, Period, Provenance};
use serde_json::{json, Value};

mod common;

use common::{
    catalogue_of, extract, extract_as, geography, load_with, mean_point, metric, plain, published,
    ratio, series,
};

// ---------------------------------------------------------------- fixtures

/// One metric of every kind, plus quarterly and yearly proportions.
fn catalogue() -> Value {
    catalogue_of(vec![
        metric("prop", "proportion", "percent", "month", None),
        metric("rate", "rate", "per_10000", "month", Some(10000.0)),
        metric("mean", "mean", "seconds", "month", None),
        metric("cnt", "count", "count", "month", None),
        metric("stat", "statistic", "seconds", "month", None),
        metric("qprop", "proportion", "percent", "quarter", None),
        metric("yprop", "proportion", "percent", "year", None),
    ])
}

fn extract_text(id: &str, published: &str, series: Vec<Value>) -> String {
    extract_as(id, published, series).to_string()
}

/// A dataset from one extract's series; the fixtures must be error-free.
fn data(series: Vec<Value>) -> Dataset {
    data_from(vec![("extracts/one.json", extract(series).to_string())])
}

/// A dataset from extracts (file name, text) on the geography with Place B.
fn data_from(extracts: Vec<(&str, String)>) -> Dataset {
    let texts: Vec<(&str, &str)> = extracts.iter().map(|(f, t)| (*f, t.as_str())).collect();
    let data = load_with(
        &geography(true).to_string(),
        &catalogue().to_string(),
        &texts,
    );
    let errors: Vec<String> = data
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "fixture has errors: {errors:#?}");
    assert_eq!(data.catalogue.metrics.len(), 7, "catalogue fixture loads");
    assert_eq!(data.geography.areas.len(), 6, "geography fixture loads");
    data
}

fn m<'a>(data: &'a Dataset, id: &str) -> &'a Metric {
    data.catalogue.metric(id).expect("metric in fixture")
}

fn p(text: &str) -> Period {
    Period::parse(text).unwrap()
}

fn at(data: &Dataset, metric: &str, area: &str, period: &str) -> Outcome {
    value_at(data, m(data, metric), area, p(period))
}

#[track_caller]
fn figure(outcome: &Outcome) -> &Figure {
    outcome
        .figure()
        .unwrap_or_else(|| panic!("expected a value, got {outcome:?}"))
}

#[track_caller]
fn reason(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::NoValue { reason } => reason,
        Outcome::Value(f) => panic!("expected no value, got {f:?}"),
    }
}

#[track_caller]
fn close(got: f64, want: f64) {
    assert!(
        (got - want).abs() < 1e-9,
        "got {got}, want {want} (difference {})",
        got - want
    );
}

// ---------------------------------------------------------------- own series

#[test]
fn own_series_wins_over_children() {
    // Place A publishes 50/100 = 50%; its localities would give 180/200 = 90%.
    let data = data(vec![
        published("prop", "PA", json!([ratio("2025-01", 50.0, 100.0)])),
        published("prop", "LA1", json!([ratio("2025-01", 90.0, 100.0)])),
        published("prop", "LA2", json!([ratio("2025-01", 90.0, 100.0)])),
    ]);
    let outcome = at(&data, "prop", "PA", "2025-01");
    let f = figure(&outcome);
    close(f.value, 50.0);
    assert_eq!(f.provenance, Provenance::Published);
    assert!(
        matches!(&f.basis, Basis::Own { file, .. } if &**file == "extracts/one.json"),
        "{:?}",
        f.basis
    );
    assert_eq!(&*f.as_at, "2026-01-15");
}

#[test]
fn own_series_without_the_period_does_not_fall_back_to_children() {
    // Place A has its own series, but not for Feb: the children are not used
    // to fill the hole (a silent switch of basis would change the meaning).
    let data = data(vec![
        published("prop", "PA", json!([ratio("2025-01", 50.0, 100.0)])),
        published("prop", "LA1", json!([ratio("2025-02", 90.0, 100.0)])),
        published("prop", "LA2", json!([ratio("2025-02", 90.0, 100.0)])),
    ]);
    let outcome = at(&data, "prop", "PA", "2025-02");
    assert!(reason(&outcome).contains("Place A"), "{outcome:?}");
}

#[test]
fn own_series_split_over_several_series_and_extracts() {
    // The same metric and area in two extracts, covering different months.
    let data = data_from(vec![
        (
            "extracts/old.json",
            extract_text(
                "old",
                "2024-06-01",
                vec![published(
                    "prop",
                    "LB1",
                    json!([ratio("2024-01", 1.0, 4.0)]),
                )],
            ),
        ),
        (
            "extracts/new.json",
            extract_text(
                "new",
                "2025-06-01",
                vec![published(
                    "prop",
                    "LB1",
                    json!([ratio("2025-01", 3.0, 4.0)]),
                )],
            ),
        ),
    ]);
    let old = at(&data, "prop", "LB1", "2024-01");
    let new = at(&data, "prop", "LB1", "2025-01");
    close(figure(&old).value, 25.0);
    close(figure(&new).value, 75.0);
    assert_eq!(&*figure(&old).as_at, "2024-06-01");
    assert_eq!(&*figure(&new).as_at, "2025-06-01");
    assert!(
        matches!(&figure(&new).basis, Basis::Own { file, .. } if &**file == "extracts/new.json")
    );
}

// ---------------------------------------------------------------- aggregation by kind

#[test]
fn proportion_aggregates_as_sum_of_numerators_over_sum_of_denominators() {
    // Alpha North 1/10 = 10%, Alpha South 90/100 = 90%.
    // Mean of percentages: 50%. Correct: 91/110 = 82.7272...%.
    let data = data(vec![
        published("prop", "LA1", json!([ratio("2025-01", 1.0, 10.0)])),
        published("prop", "LA2", json!([ratio("2025-01", 90.0, 100.0)])),
    ]);
    let outcome = at(&data, "prop", "PA", "2025-01");
    let f = figure(&outcome);
    close(f.value, 100.0 * 91.0 / 110.0);
    assert!(
        (f.value - 50.0).abs() > 30.0,
        "must not be the mean of percentages"
    );
    assert_eq!(
        f.observation,
        Observation::Ratio {
            numerator: 91.0,
            denominator: 110.0
        }
    );
    assert_eq!(
        f.basis,
        Basis::Aggregated {
            children: 2,
            level: Level::Locality
        }
    );
}

#[test]
fn rate_aggregates_with_the_metric_per() {
    // 3 per 20,000 (1.5 per 10,000) and 5 per 10,000 (5 per 10,000).
    // Mean of rates would be 3.25; correct: 10000 x 8 / 30000 = 2.6667.
    let data = data(vec![
        published("rate", "LA1", json!([ratio("2025-01", 3.0, 20000.0)])),
        published("rate", "LA2", json!([ratio("2025-01", 5.0, 10000.0)])),
    ]);
    let la1 = at(&data, "rate", "LA1", "2025-01");
    close(figure(&la1).value, 1.5);
    let outcome = at(&data, "rate", "PA", "2025-01");
    let f = figure(&outcome);
    close(f.value, 10000.0 * 8.0 / 30000.0);
    assert_eq!(
        f.observation,
        Observation::Ratio {
            numerator: 8.0,
            denominator: 30000.0
        }
    );
}

#[test]
fn mean_aggregates_weighted_by_count() {
    // 100 s over 1 call and 400 s over 3 calls: (100 + 1200) / 4 = 325 s,
    // not the simple mean of 250 s.
    let data = data(vec![
        published("mean", "LA1", json!([mean_point("2025-01", 100.0, 1.0)])),
        published("mean", "LA2", json!([mean_point("2025-01", 400.0, 3.0)])),
    ]);
    let outcome = at(&data, "mean", "PA", "2025-01");
    let f = figure(&outcome);
    close(f.value, 325.0);
    assert_eq!(
        f.observation,
        Observation::Mean {
            value: 325.0,
            count: 4.0
        }
    );
}

#[test]
fn count_aggregates_as_the_sum() {
    let data = data(vec![
        published("cnt", "LA1", json!([plain("2025-01", 10.0)])),
        published("cnt", "LA2", json!([plain("2025-01", 32.5)])),
    ]);
    let outcome = at(&data, "cnt", "PA", "2025-01");
    close(figure(&outcome).value, 42.5);
}

#[test]
fn statistic_never_aggregates() {
    // Both localities of Place A and both places have their own centiles;
    // none of them may be added up into a parent figure.
    let data = data(vec![
        published("stat", "LA1", json!([plain("2025-01", 600.0)])),
        published("stat", "LA2", json!([plain("2025-01", 700.0)])),
        published("stat", "PB", json!([plain("2025-01", 800.0)])),
    ]);
    let place = at(&data, "stat", "PA", "2025-01");
    let why = reason(&place);
    assert!(why.contains("cannot be added up"), "{why}");
    let system = at(&data, "stat", "SYS", "2025-01");
    assert!(reason(&system).contains("cannot be added up"), "{system:?}");
    // Its own series still shows.
    close(figure(&at(&data, "stat", "PB", "2025-01")).value, 800.0);
    // And it has no periods of its own at the parent, so no latest period.
    assert!(periods(&data, m(&data, "stat"), "PA").is_empty());
    assert_eq!(latest(&data, m(&data, "stat"), "SYS"), None);
}

#[test]
fn statistic_with_own_series_at_the_top_level_shows() {
    let data = data(vec![published(
        "stat",
        "SYS",
        json!([plain("2025-01", 512.0)]),
    )]);
    close(figure(&at(&data, "stat", "SYS", "2025-01")).value, 512.0);
    assert_eq!(latest(&data, m(&data, "stat"), "SYS"), Some(p("2025-01")));
}

// ---------------------------------------------------------------- incomplete children

#[test]
fn a_missing_child_gives_no_value_and_says_which() {
    // Feb: Alpha North reported, Alpha South did not.
    let data = data(vec![
        published(
            "prop",
            "LA1",
            json!([ratio("2025-01", 1.0, 2.0), ratio("2025-02", 1.0, 2.0)]),
        ),
        published("prop", "LA2", json!([ratio("2025-01", 1.0, 2.0)])),
        published(
            "prop",
            "LB1",
            json!([ratio("2025-01", 1.0, 2.0), ratio("2025-02", 1.0, 2.0)]),
        ),
    ]);
    let place = at(&data, "prop", "PA", "2025-02");
    let why = reason(&place);
    assert!(why.contains("1 of 2 localities reported"), "{why}");
    assert!(
        why.contains("Alpha South"),
        "names the missing locality: {why}"
    );
    assert!(
        !why.contains("Alpha North"),
        "does not name the one that reported: {why}"
    );

    // The gap propagates: the system has only one complete place.
    let system = at(&data, "prop", "SYS", "2025-02");
    let why = reason(&system);
    assert!(why.contains("1 of 2 places reported"), "{why}");
    assert!(why.contains("Place A"), "{why}");

    // January is complete everywhere: 3/6.
    close(figure(&at(&data, "prop", "SYS", "2025-01")).value, 50.0);
}

#[test]
fn every_missing_child_is_named() {
    let data = data(vec![published(
        "cnt",
        "LB1",
        json!([plain("2025-01", 1.0)]),
    )]);
    let place = at(&data, "cnt", "PA", "2025-01");
    let why = reason(&place);
    assert!(why.contains("0 of 2 localities reported"), "{why}");
    assert!(
        why.contains("Alpha North") && why.contains("Alpha South"),
        "{why}"
    );
}

#[test]
fn unknown_area_and_leaf_without_data_give_no_value() {
    let data = data(vec![published(
        "cnt",
        "LB1",
        json!([plain("2025-01", 1.0)]),
    )]);
    assert!(reason(&at(&data, "cnt", "NOPE", "2025-01")).contains("NOPE"));
    let leaf = at(&data, "cnt", "LA1", "2025-01");
    assert!(reason(&leaf).contains("Alpha North"), "{leaf:?}");
}

// ---------------------------------------------------------------- provenance

#[test]
fn aggregate_of_published_children_is_derived() {
    let data = data(vec![
        published("cnt", "LA1", json!([plain("2025-01", 1.0)])),
        published("cnt", "LA2", json!([plain("2025-01", 2.0)])),
    ]);
    let outcome = at(&data, "cnt", "PA", "2025-01");
    assert_eq!(figure(&outcome).provenance, Provenance::Derived);
}

#[test]
fn aggregate_with_any_illustrative_child_is_illustrative() {
    let data = data(vec![
        published("cnt", "LA1", json!([plain("2025-01", 1.0)])),
        series("cnt", "LA2", "illustrative", json!([plain("2025-01", 2.0)])),
        published("cnt", "LB1", json!([plain("2025-01", 4.0)])),
    ]);
    let place = at(&data, "cnt", "PA", "2025-01");
    assert_eq!(figure(&place).provenance, Provenance::Illustrative);
    // and it stays illustrative further up, even next to a derived place
    let system = at(&data, "cnt", "SYS", "2025-01");
    close(figure(&system).value, 7.0);
    assert_eq!(figure(&system).provenance, Provenance::Illustrative);
    // Place B alone is derived from published data
    let place_b = at(&data, "cnt", "PB", "2025-01");
    assert_eq!(figure(&place_b).provenance, Provenance::Derived);
}

#[test]
fn aggregate_of_derived_children_is_derived_and_as_at_is_the_latest() {
    let data = data_from(vec![
        (
            "extracts/a.json",
            extract_text(
                "a",
                "2025-03-01",
                vec![series(
                    "cnt",
                    "LA1",
                    "derived",
                    json!([plain("2025-01", 1.0)]),
                )],
            ),
        ),
        (
            "extracts/b.json",
            extract_text(
                "b",
                "2025-04-20",
                vec![published("cnt", "LA2", json!([plain("2025-01", 2.0)]))],
            ),
        ),
    ]);
    let outcome = at(&data, "cnt", "PA", "2025-01");
    let f = figure(&outcome);
    assert_eq!(f.provenance, Provenance::Derived);
    assert_eq!(&*f.as_at, "2025-04-20");
}

// ---------------------------------------------------------------- recursion

#[test]
fn system_aggregates_from_places_aggregated_from_localities() {
    // Place A = (1 + 90) / (10 + 100); Place B = 5/40; system = 96/150 = 64%.
    let data = data(vec![
        published("prop", "LA1", json!([ratio("2025-01", 1.0, 10.0)])),
        published("prop", "LA2", json!([ratio("2025-01", 90.0, 100.0)])),
        published("prop", "LB1", json!([ratio("2025-01", 5.0, 40.0)])),
    ]);
    close(figure(&at(&data, "prop", "PB", "2025-01")).value, 12.5);
    let outcome = at(&data, "prop", "SYS", "2025-01");
    let f = figure(&outcome);
    close(f.value, 64.0);
    assert_eq!(
        f.observation,
        Observation::Ratio {
            numerator: 96.0,
            denominator: 150.0
        }
    );
    assert_eq!(
        f.basis,
        Basis::Aggregated {
            children: 2,
            level: Level::Place
        }
    );
}

#[test]
fn recursion_uses_a_place_own_series_where_it_has_one() {
    // Place B publishes 20/50 itself (its locality says 1/1, which is ignored);
    // Place A comes from its localities, 91/110. System: 111/160.
    let data = data(vec![
        published("prop", "LA1", json!([ratio("2025-01", 1.0, 10.0)])),
        published("prop", "LA2", json!([ratio("2025-01", 90.0, 100.0)])),
        published("prop", "PB", json!([ratio("2025-01", 20.0, 50.0)])),
        published("prop", "LB1", json!([ratio("2025-01", 1.0, 1.0)])),
    ]);
    close(
        figure(&at(&data, "prop", "SYS", "2025-01")).value,
        100.0 * 111.0 / 160.0,
    );
}

#[test]
fn mean_and_rate_recurse_with_their_own_rules() {
    // mean: LA1 60 s x 2, LA2 120 s x 2 -> PA 90 s x 4; LB1 300 s x 1 ->
    // system (360 + 300) / 5 = 132 s (mean of place means would be 195).
    // rate: LA1 1/1000, LA2 1/1000, LB1 2/2000 -> 4/4000 per 10000 = 10.
    let data = data(vec![
        published("mean", "LA1", json!([mean_point("2025-01", 60.0, 2.0)])),
        published("mean", "LA2", json!([mean_point("2025-01", 120.0, 2.0)])),
        published("mean", "LB1", json!([mean_point("2025-01", 300.0, 1.0)])),
        published("rate", "LA1", json!([ratio("2025-01", 1.0, 1000.0)])),
        published("rate", "LA2", json!([ratio("2025-01", 1.0, 1000.0)])),
        published("rate", "LB1", json!([ratio("2025-01", 2.0, 2000.0)])),
    ]);
    close(figure(&at(&data, "mean", "SYS", "2025-01")).value, 132.0);
    close(figure(&at(&data, "rate", "SYS", "2025-01")).value, 10.0);
}

// ---------------------------------------------------------------- periods, latest, timeline

#[test]
fn periods_are_own_or_the_union_of_children() {
    let data = data(vec![
        published(
            "cnt",
            "LA1",
            json!([plain("2025-01", 1.0), plain("2025-03", 1.0)]),
        ),
        published("cnt", "LA2", json!([plain("2025-02", 1.0)])),
        published("cnt", "LB1", json!([plain("2024-12", 1.0)])),
    ]);
    let cnt = m(&data, "cnt");
    let got: Vec<Period> = periods(&data, cnt, "PA").into_iter().collect();
    assert_eq!(got, vec![p("2025-01"), p("2025-02"), p("2025-03")]);
    let got: Vec<Period> = periods(&data, cnt, "SYS").into_iter().collect();
    assert_eq!(
        got,
        vec![p("2024-12"), p("2025-01"), p("2025-02"), p("2025-03")]
    );
    assert_eq!(latest(&data, cnt, "SYS"), Some(p("2025-03")));
    assert_eq!(latest(&data, cnt, "LB1"), Some(p("2024-12")));
    assert_eq!(latest(&data, m(&data, "prop"), "SYS"), None);
    // Own series: only its own periods, even when children have later ones.
    let data = data_from(vec![(
        "extracts/one.json",
        extract_text(
            "one",
            "2026-01-15",
            vec![
                published("cnt", "PA", json!([plain("2025-01", 1.0)])),
                published("cnt", "LA1", json!([plain("2025-06", 1.0)])),
            ],
        ),
    )]);
    assert_eq!(latest(&data, m(&data, "cnt"), "PA"), Some(p("2025-01")));
}

#[test]
fn timeline_keeps_gaps_as_gaps() {
    // Jan, Feb and Apr: March is a gap, not interpolated.
    let data = data(vec![published(
        "prop",
        "LB1",
        json!([
            ratio("2025-04", 4.0, 10.0),
            ratio("2025-01", 1.0, 10.0),
            ratio("2025-02", 2.0, 10.0)
        ]),
    )]);
    let line = timeline(&data, m(&data, "prop"), "LB1");
    let months: Vec<String> = line.iter().map(|(p, _)| p.to_string()).collect();
    assert_eq!(months, ["2025-01", "2025-02", "2025-03", "2025-04"]);
    let values: Vec<Option<f64>> = line
        .iter()
        .map(|(_, o)| o.figure().map(|f| f.value))
        .collect();
    assert_eq!(values, [Some(10.0), Some(20.0), None, Some(40.0)]);
    // The same gap shows at the place and system, which aggregate it.
    let line = timeline(&data, m(&data, "prop"), "PB");
    assert_eq!(line.len(), 4);
    assert!(line[2].1.figure().is_none());
}

#[test]
fn timeline_of_an_aggregate_shows_incomplete_periods_as_gaps() {
    let data = data(vec![
        published(
            "cnt",
            "LA1",
            json!([plain("2025-01", 1.0), plain("2025-02", 2.0)]),
        ),
        published("cnt", "LA2", json!([plain("2025-01", 10.0)])),
    ]);
    let line = timeline(&data, m(&data, "cnt"), "PA");
    assert_eq!(line.len(), 2);
    close(figure(&line[0].1).value, 11.0);
    assert!(reason(&line[1].1).contains("1 of 2 localities"));
}

#[test]
fn timeline_steps_by_quarter_and_by_financial_year() {
    let data = data(vec![
        published(
            "qprop",
            "LB1",
            json!([ratio("2025-01", 1.0, 4.0), ratio("2025-07", 3.0, 4.0)]),
        ),
        published(
            "yprop",
            "LB1",
            json!([ratio("2022-04", 1.0, 2.0), ratio("2024-04", 1.0, 4.0)]),
        ),
    ]);
    let quarters: Vec<(String, Option<f64>)> = timeline(&data, m(&data, "qprop"), "LB1")
        .iter()
        .map(|(p, o)| (p.to_string(), o.figure().map(|f| f.value)))
        .collect();
    assert_eq!(
        quarters,
        [
            ("2025-01".to_string(), Some(25.0)),
            ("2025-04".to_string(), None),
            ("2025-07".to_string(), Some(75.0)),
        ]
    );
    let years: Vec<(String, Option<f64>)> = timeline(&data, m(&data, "yprop"), "LB1")
        .iter()
        .map(|(p, o)| (p.to_string(), o.figure().map(|f| f.value)))
        .collect();
    assert_eq!(
        years,
        [
            ("2022-04".to_string(), Some(50.0)),
            ("2023-04".to_string(), None),
            ("2024-04".to_string(), Some(25.0)),
        ]
    );
}

#[test]
fn timeline_of_nothing_is_empty() {
    let data = data(vec![]);
    assert!(timeline(&data, m(&data, "prop"), "SYS").is_empty());
    assert!(timeline(&data, m(&data, "stat"), "SYS").is_empty());
}
