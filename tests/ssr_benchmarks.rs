//! Server-renderer tests of England and the region beside the figures (SPEC
//! §2, §6): the overview, the detail page, the comparison view and the
//! presentation slide, on a small in-memory dataset with comparator series.
//!
//! The fixture: places PA and PB publish `prop` and `late` for the 15 months
//! May 2024 to Jul 2025 (the system is their sum). England publishes `prop`
//! for every one of those months but Sep 2024 (Jul 2025: 764 of 1000, so
//! 76.4%), and `late` only to Jun 2025. NHS England Midlands publishes `prop`
//! for Jul 2025 alone (700 of 1000, 70.0%) and nothing for `late`.

mod common;

use std::rc::Rc;

use common::*;
use llr_dashboard::app::components::compare::{CompareProps, CompareView};
use llr_dashboard::app::components::detail::{MetricDetail, MetricDetailProps};
use llr_dashboard::app::components::presentation::{Presentation, PresentationProps};
use llr_dashboard::app::{Overview, OverviewProps};
use llr_dashboard::load::Dataset;
use llr_dashboard::model::{Level, Period};
use serde_json::{json, Value};
use yew::ServerRenderer;

const ENGLAND: &str = "E92000001";
const MIDLANDS: &str = "E40000008";

/// "2024-05" and the 14 months after it.
fn months() -> Vec<String> {
    let first = Period::parse("2024-05").expect("a period");
    (0..15).map(|i| first.add_months(i).to_string()).collect()
}

fn catalogue() -> Value {
    let target = json!({"targets": [{"kind": "operational", "value": 78.0, "from": "2020-01"}]});
    catalogue_of(vec![
        merged(
            metric("prop", "proportion", "percent", "month", None),
            target.clone(),
        ),
        merged(
            metric("late", "proportion", "percent", "month", None),
            target,
        ),
    ])
}

fn place_series(metric: &str, area: &str, base: f64) -> Value {
    let points: Vec<Value> = months()
        .iter()
        .enumerate()
        .map(|(i, m)| ratio(m, base + (i % 3) as f64, 100.0))
        .collect();
    published(metric, area, Value::Array(points))
}

/// England's `prop` every month but Sep 2024; its `late` to Jun 2025.
fn england_series() -> Vec<Value> {
    let prop: Vec<Value> = months()
        .iter()
        .filter(|m| *m != "2024-09")
        .map(|m| {
            let n = if m == "2025-07" { 764.0 } else { 750.0 };
            ratio(m, n, 1000.0)
        })
        .collect();
    let late: Vec<Value> = months()
        .iter()
        .filter(|m| *m != "2025-07")
        .map(|m| ratio(m, 720.0, 1000.0))
        .collect();
    vec![
        published("prop", ENGLAND, Value::Array(prop)),
        published("late", ENGLAND, Value::Array(late)),
        published("prop", MIDLANDS, json!([ratio("2025-07", 700.0, 1000.0)])),
    ]
}

fn load(with_comparator_series: bool) -> Rc<Dataset> {
    let mut geography = geography(true);
    geography["comparators"] = json!([
        {"code": ENGLAND, "name": "England", "ods": "ENG"},
        {"code": MIDLANDS, "name": "NHS England Midlands", "ods": "Y60"}
    ]);
    let mut series = vec![
        place_series("prop", "PA", 70.0),
        place_series("prop", "PB", 60.0),
        place_series("late", "PA", 70.0),
        place_series("late", "PB", 60.0),
    ];
    if with_comparator_series {
        series.extend(england_series());
    }
    let text = extract(series).to_string();
    let data = load_with(
        &geography.to_string(),
        &catalogue().to_string(),
        &[("one.json", text.as_str())],
    );
    assert!(!data.has_errors(), "{:?}", data.problems);
    Rc::new(data)
}

// The renderer wants props made on its own thread: each is given whether the
// dataset has comparator series, and loads it there.

async fn overview(series: bool, period: Option<&str>) -> String {
    let period = period.map(|p| Period::parse(p).expect("a period"));
    ServerRenderer::<Overview>::with_props(move || OverviewProps {
        data: load(series),
        area: "SYS".into(),
        period,
    })
    .hydratable(false)
    .render()
    .await
}

async fn detail(series: bool, metric: &'static str) -> String {
    ServerRenderer::<MetricDetail>::with_props(move || MetricDetailProps {
        data: load(series),
        area: "SYS".into(),
        metric: metric.into(),
        range: None,
    })
    .hydratable(false)
    .render()
    .await
}

async fn compare(series: bool, metric: &'static str) -> String {
    ServerRenderer::<CompareView>::with_props(move || CompareProps {
        data: load(series),
        metric: metric.into(),
        level: Level::Place,
        period: None,
    })
    .hydratable(false)
    .render()
    .await
}

/// From `<tr data-metric="id"` to the row's end.
fn row<'a>(html: &'a str, metric: &str) -> &'a str {
    let start = html
        .find(&format!("data-metric=\"{metric}\""))
        .unwrap_or_else(|| panic!("no row for {metric}"));
    let end = html[start..].find("</tr>").expect("row ends") + start;
    &html[start..end]
}

/// The text of the element holding `marker` (tags inside it removed).
fn text_of(html: &str, marker: &str, close: &str) -> String {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not found in {html}"));
    let start = html[at..].find('>').expect("tag ends") + at + 1;
    let end = html[start..].find(close).expect("element ends") + start;
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[tokio::test]
async fn the_overview_shows_england_and_the_region_beside_each_figure_in_words() {
    let html = overview(true, None).await;
    let prop = row(&html, "prop");
    // Under the value, in the value cell.
    let value_cell = &prop[prop.find("data-field=\"value\"").expect("value cell")..];
    let value_cell = &value_cell[..value_cell.find("</td>").expect("cell ends")];
    assert!(value_cell.contains("class=\"benchmarks\""), "{value_cell}");
    assert_eq!(
        text_of(
            value_cell,
            &format!("data-benchmark=\"{ENGLAND}\""),
            "</li>"
        ),
        "England 76.4%"
    );
    assert_eq!(
        text_of(
            value_cell,
            &format!("data-benchmark=\"{MIDLANDS}\""),
            "</li>"
        ),
        "NHS England Midlands 70.0%"
    );
    assert!(
        value_cell.find("England 76.4%") < value_cell.find("NHS England Midlands"),
        "England first"
    );
    // England lacks Jul 2025 for `late`: it says so; the region has no
    // `late` series at all, so it is not mentioned.
    let late = row(&html, "late");
    assert!(late.contains(">Jul 2025<"), "{late}");
    assert_eq!(
        text_of(late, &format!("data-benchmark=\"{ENGLAND}\""), "</li>"),
        "England: no data for Jul 2025"
    );
    assert!(late.contains("class=\"benchmark-missing\""), "{late}");
    assert!(!late.contains("Midlands"), "{late}");

    // At a chosen month the benchmarks are that month's: Jun 2025 for `late`.
    let june = overview(true, Some("2025-06")).await;
    assert_eq!(
        text_of(
            row(&june, "late"),
            &format!("data-benchmark=\"{ENGLAND}\""),
            "</li>"
        ),
        "England 72.0%"
    );
    // The region has a `prop` series but no June figure: it says so.
    assert_eq!(
        text_of(
            row(&june, "prop"),
            &format!("data-benchmark=\"{MIDLANDS}\""),
            "</li>"
        ),
        "NHS England Midlands: no data for Jun 2025"
    );
}

#[tokio::test]
async fn without_comparator_series_nothing_is_added() {
    // ("NHS England's Making Data Count" in the icon legend is not a benchmark.)
    let traces = [
        "benchmark",
        "Benchmark",
        "Midlands",
        "England (",
        "England 7",
        "England:",
    ];
    for html in [
        overview(false, None).await,
        detail(false, "prop").await,
        compare(false, "prop").await,
    ] {
        for trace in traces {
            assert!(!html.contains(trace), "{trace} in {html}");
        }
    }
}

#[tokio::test]
async fn the_detail_page_names_england_in_its_summary_and_table() {
    let html = detail(true, "prop").await;
    // The one-sentence summary (the chart's text alternative) gives England's
    // figure for the latest month.
    let headline = text_of(&html, "data-testid=\"headline\"", "</p>");
    assert!(
        headline.contains("; England 76.4%, NHS England Midlands 70.0%;"),
        "{headline}"
    );
    let canvas = &html[html.find("data-chart=\"spc\"").expect("the chart")..];
    let label = canvas
        .split("aria-label=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the chart's text alternative");
    assert!(label.contains("England 76.4%"), "{label}");
    // The data table: a column each, every month, "No data" for England's gap.
    let table = &html[html.find("data-testid=\"data-table\"").expect("data table")..];
    assert!(table.contains("and England and NHS England Midlands for the same period"));
    assert_eq!(
        text_of(
            table,
            &format!("<th scope=\"col\" data-benchmark=\"{ENGLAND}\""),
            "</th>"
        ),
        "England"
    );
    let month = |period: &str| {
        let start = table
            .find(&format!("data-period=\"{period}\""))
            .unwrap_or_else(|| panic!("{period}"));
        let end = table[start..].find("</tr>").expect("row ends") + start;
        &table[start..end]
    };
    let cell = |period: &str, code: &str| {
        text_of(
            month(period),
            &format!("data-benchmark=\"{code}\""),
            "</td>",
        )
    };
    assert_eq!(cell("2025-07", ENGLAND), "76.4%");
    assert_eq!(cell("2025-06", ENGLAND), "75.0%");
    assert_eq!(cell("2024-09", ENGLAND), "No data");
    assert_eq!(cell("2025-07", MIDLANDS), "70.0%");
    assert_eq!(cell("2025-06", MIDLANDS), "No data");
    assert_eq!(table.matches("<tr data-period=").count(), 15);

    // England without the latest month: the summary says so.
    let late = detail(true, "late").await;
    let headline = text_of(&late, "data-testid=\"headline\"", "</p>");
    assert!(
        headline.contains("; England: no data for Jul 2025;"),
        "{headline}"
    );
}

#[tokio::test]
async fn the_comparison_puts_england_after_the_ranked_areas_as_a_benchmark() {
    let html = compare(true, "prop").await;
    let table = &html[html.find("data-testid=\"compare-table\"").expect("table")..];
    // The two places ranked, then the benchmarks in their own group.
    assert_eq!(table.matches("<tr data-area=").count(), 2);
    let group = &table[table
        .find("data-testid=\"compare-benchmarks\"")
        .expect("benchmarks")..];
    assert!(group.contains("Benchmarks (not ranked)"));
    assert!(table.rfind("<tr data-area=") < table.find("compare-benchmarks"));
    let england = &group[group
        .find(&format!("data-benchmark=\"{ENGLAND}\""))
        .expect("England")..];
    let england = &england[..england.find("</tr>").expect("row ends")];
    assert!(
        england.contains(">Benchmark<"),
        "rank cell says so: {england}"
    );
    assert!(england.contains(">England (benchmark)<"), "{england}");
    assert!(england.contains("76.4%"), "{england}");
    assert!(
        england.contains(">764<") && england.contains(">1,000<"),
        "{england}"
    );
    assert!(
        england.contains("78.0%"),
        "status against the target: {england}"
    );
    assert!(england.contains("badge badge-published"), "{england}");
    // The chart's text alternative names them too, as not ranked.
    let label = html
        .split("data-chart=\"bars\"")
        .nth(1)
        .and_then(|rest| rest.split("aria-label=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("the bars' text alternative");
    assert!(
        label.contains("Benchmarks, not ranked, below: England 76.4%; NHS England Midlands 70.0%."),
        "{label}"
    );

    // England without the month: its row says so, with the reason.
    let late = compare(true, "late").await;
    let group = &late[late
        .find("data-testid=\"compare-benchmarks\"")
        .expect("benchmarks")..];
    assert!(group.contains("No data"), "{group}");
    assert!(group.contains("England: no data for Jul 2025"), "{group}");
}

#[tokio::test]
async fn the_presentation_slide_shows_england_beside_the_value() {
    let html = ServerRenderer::<Presentation>::with_props(|| PresentationProps {
        data: load(true),
        area: "SYS".into(),
        slide: 1,
        metrics: vec!["prop".into(), "late".into()],
    })
    .hydratable(false)
    .render()
    .await;
    let figure = &html[html.find("class=\"present-figure\"").expect("figure")..];
    let value = figure.find("class=\"present-value\"").expect("value");
    let list = figure
        .find("data-testid=\"present-benchmarks\"")
        .expect("benchmarks");
    assert!(value < list, "beside (after) the value");
    assert!(
        figure.contains(&format!(
            "<li data-benchmark=\"{ENGLAND}\">England <strong>76.4%</strong></li>"
        )),
        "{figure}"
    );
    let late = ServerRenderer::<Presentation>::with_props(|| PresentationProps {
        data: load(true),
        area: "SYS".into(),
        slide: 2,
        metrics: vec!["prop".into(), "late".into()],
    })
    .hydratable(false)
    .render()
    .await;
    assert!(late.contains("England: no data for Jul 2025"), "{late}");
}
