//! Server-renderer tests of the overview components, on the bundled data.

use std::path::Path;
use std::rc::Rc;

use llr_dashboard::app::components::status_panel::{ProblemsPanel, ProblemsProps};
use llr_dashboard::app::{Overview, OverviewProps};
use llr_dashboard::load::{Dataset, ExtractEntry, ExtractRef};
use yew::ServerRenderer;

fn bundled() -> Dataset {
    Dataset::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
        .expect("bundled data loads")
}

async fn render_overview(area: &'static str) -> String {
    ServerRenderer::<Overview>::with_props(move || OverviewProps {
        data: Rc::new(bundled()),
        area: area.into(),
        period: None,
    })
    .hydratable(false)
    .render()
    .await
}

/// The text content right after the tag holding `marker`, up to the next tag.
fn text_after<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not found"));
    let start = html[at..].find('>').unwrap() + at + 1;
    let end = html[start..].find('<').unwrap() + start;
    &html[start..end]
}

/// The text between `<tr data-metric="id"` and the row's end.
fn row<'a>(html: &'a str, metric: &str) -> &'a str {
    let start = html
        .find(&format!("data-metric=\"{metric}\""))
        .unwrap_or_else(|| panic!("no row for {metric}"));
    let end = html[start..].find("</tr>").expect("row ends") + start;
    &html[start..end]
}

#[tokio::test]
async fn system_overview_lists_every_metric_with_a_value_and_provenance() {
    let html = render_overview("LLR").await;
    let data = bundled();
    assert!(html.contains("data-testid=\"overview\""));
    assert!(html.contains("data-area=\"LLR\""));
    assert!(html.contains("Leicester, Leicestershire and Rutland"));
    for domain in &data.catalogue.domains {
        assert!(
            html.contains(&format!(">{}</h2>", domain.name)),
            "domain heading {}",
            domain.name
        );
    }
    for metric in &data.catalogue.metrics {
        let r = row(&html, &metric.id);
        assert!(
            !r.contains("No data"),
            "{} has no value at LLR: {r}",
            metric.id
        );
        assert!(
            r.contains("class=\"badge badge-"),
            "{} has no provenance badge",
            metric.id
        );
        assert!(r.contains("As at "), "{} has no as-at date", metric.id);
        assert!(
            r.contains("data-chart=\"sparkline\""),
            "{} has no sparkline",
            metric.id
        );
        assert!(
            r.contains("aria-label=\""),
            "{} sparkline has no text alternative",
            metric.id
        );
    }
}

#[tokio::test]
async fn values_and_status_follow_the_catalogue() {
    let html = render_overview("LLR").await;
    // Ambulance times are shown as minutes:seconds, never raw seconds.
    let c1 = row(&html, "amb_c1_mean");
    let value = c1
        .split("class=\"value\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    assert!(value.contains(':'), "Cat 1 mean shown as {value}");
    // Percentages to one decimal place with a status in words.
    let ae = row(&html, "ae_4hr");
    let value = ae
        .split("class=\"value\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    assert!(
        value.ends_with('%') && value.split('.').nth(1).map(str::len) == Some(2),
        "A&E shown as {value}"
    );
    assert!(ae.contains("Met") || ae.contains("Not met"));
    assert!(ae.contains("constitutional standard"));
}

#[tokio::test]
async fn locality_view_explains_missing_values() {
    let html = render_overview("LC-WEST").await;
    assert!(html.contains("data-area=\"LC-WEST\""));
    assert!(html.contains("Leicester City West"));
    // 90th centiles cannot be added up and no locality series is published.
    let p90 = row(&html, "amb_c1_p90");
    assert!(p90.contains("No data"), "{p90}");
    assert!(p90.contains("class=\"reason\""), "{p90}");
    // Breadcrumb: system > place > locality
    let crumbs = html
        .split("aria-label=\"Breadcrumb\"")
        .nth(1)
        .unwrap()
        .split("</nav>")
        .next()
        .unwrap();
    let order: Vec<usize> = [
        "Leicester, Leicestershire and Rutland",
        "Leicester City<",
        "Leicester City West",
    ]
    .iter()
    .map(|name| {
        crumbs
            .find(name)
            .unwrap_or_else(|| panic!("{name} in breadcrumb: {crumbs}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{crumbs}");
}

#[tokio::test]
async fn unknown_area_gets_a_clear_message() {
    let html = render_overview("NOPE").await;
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("NOPE"));
}

#[tokio::test]
async fn a_failed_extract_shows_an_error_panel_naming_the_file() {
    let html = ServerRenderer::<ProblemsPanel>::with_props(|| {
        let mut data = bundled();
        data.add_extract(
            &ExtractRef::Described(ExtractEntry {
                file: "extracts/broken.json".into(),
                metrics: vec!["cancer_fds".into()],
            }),
            Ok("{ not json"),
        );
        ProblemsProps {
            data: Rc::new(data),
        }
    })
    .hydratable(false)
    .render()
    .await;
    assert!(html.contains("data-testid=\"error-panel\""), "{html}");
    assert!(
        html.contains("Could not load extracts/broken.json"),
        "{html}"
    );
    assert!(html.contains("not valid JSON"), "{html}");
    assert!(html.contains("cancer_fds"), "{html}");
}

async fn render_detail(area: &'static str, metric: &'static str) -> String {
    use llr_dashboard::app::components::detail::{MetricDetail, MetricDetailProps};
    ServerRenderer::<MetricDetail>::with_props(move || MetricDetailProps {
        data: Rc::new(bundled()),
        area: area.into(),
        metric: metric.into(),
        range: None,
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test]
async fn overview_rows_link_to_detail_and_carry_spc_icons() {
    let html = render_overview("LLR").await;
    let ae = row(&html, "ae_4hr");
    assert!(ae.contains("href=\"#/area/LLR/metric/ae_4hr\""), "{ae}");
    // A&E at LLR has 16 points since its last rebase (Apr 2021 on), so it has a
    // variation icon and, with a 78% operational standard, an assurance icon.
    assert!(ae.contains("data-variation="), "{ae}");
    assert!(ae.contains("data-assurance="), "{ae}");
    assert!(ae.contains("class=\"mdc-icon mdc-"), "{ae}");
    assert!(
        ae.contains("role=\"img\" aria-label=\"Special cause variation"),
        "icons have text alternatives: {ae}"
    );
    // RTT at LLR is a single published month: no icons, and it says why.
    let rtt = row(&html, "rtt_18wk");
    assert!(!rtt.contains("data-variation="), "{rtt}");
    assert!(rtt.contains("fewer than 13 points"), "{rtt}");
    assert!(html.contains("data-testid=\"icon-legend\""));
}

#[tokio::test]
async fn detail_page_has_chart_table_and_explanations() {
    let html = render_detail("LLR", "ae_4hr").await;
    assert!(html.contains("data-testid=\"metric-detail\""));
    assert!(html.contains("data-chart=\"spc\""), "SPC canvas");
    assert!(html.contains("tabindex=\"0\""), "chart is focusable");
    let headline = text_after(&html, "data-testid=\"headline\"");
    assert!(
        headline.starts_with("A&amp;E 4 hours, Leicester, Leicestershire and Rutland: "),
        "{headline}"
    );
    assert!(headline.contains("operational standard"), "{headline}");
    // The data table has a row per period from the first to the last (gaps included).
    let data = bundled();
    let metric = data.catalogue.metric("ae_4hr").unwrap();
    let periods = llr_dashboard::analysis::timeline(&data, metric, "LLR").len();
    let table = html.split("data-testid=\"data-table\"").nth(1).unwrap();
    assert_eq!(table.matches("<tr data-period=").count(), periods);
    // May 2018 is the real 88.2% and appears in the table.
    let may = table
        .split("data-period=\"2018-05\"")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    assert!(may.contains("88.2%"), "{may}");
    // Gap months say "No data", never blank.
    let gap = table
        .split("data-period=\"2020-01\"")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    assert!(gap.contains("No data"), "{gap}");
    assert!(html.contains("About this measure"));
    assert!(html.contains("95.0% constitutional standard"));
}

#[tokio::test]
async fn detail_page_for_a_short_series_says_it_is_a_run_chart() {
    let html = render_detail("LLR", "rtt_18wk").await;
    assert!(
        html.contains("Making Data Count needs at least 13"),
        "{html}"
    );
}

#[tokio::test]
async fn overview_at_a_chosen_period_shows_that_period() {
    let html = ServerRenderer::<Overview>::with_props(|| OverviewProps {
        data: Rc::new(bundled()),
        area: "LLR".into(),
        period: llr_dashboard::model::Period::parse("2018-05").ok(),
    })
    .hydratable(false)
    .render()
    .await;
    let ae = row(&html, "ae_4hr");
    assert!(ae.contains(">May 2018<") && ae.contains("88.2%"), "{ae}");
    // RTT at LLR has no May 2018 figure: it says so rather than showing another month.
    let rtt = row(&html, "rtt_18wk");
    assert!(rtt.contains("No data"), "{rtt}");
    assert!(html.contains("selected") && html.contains("id=\"period-picker\""));
}

#[tokio::test]
async fn place_overview_has_the_sibling_block_and_the_system_does_not() {
    let html = render_overview("E06000016").await;
    let block = html
        .split("data-testid=\"siblings\"")
        .nth(1)
        .expect("sibling block");
    // LLR (the parent) and the 3 places as columns.
    for name in [
        "Leicester, Leicestershire and Rutland",
        "Leicester City",
        "Leicestershire",
        "Rutland",
    ] {
        assert!(block.contains(&format!(">{name}</a>")), "{name} column");
    }
    assert!(block.contains("href=\"#/compare/ae_4hr/place\""));
    assert!(!render_overview("LLR")
        .await
        .contains("data-testid=\"siblings\""));
}

#[tokio::test]
async fn comparison_page_ranks_every_locality_with_table_and_multiples() {
    use llr_dashboard::app::components::compare::{CompareProps, CompareView};
    use llr_dashboard::model::Level;
    let html = ServerRenderer::<CompareView>::with_props(|| CompareProps {
        data: Rc::new(bundled()),
        metric: "tt_recovery".into(),
        level: Level::Locality,
        period: llr_dashboard::model::Period::parse("2019-03").ok(),
    })
    .hydratable(false)
    .render()
    .await;
    assert!(html.contains("data-testid=\"compare\""));
    assert!(html.contains("data-chart=\"bars\""));
    let table = html.split("data-testid=\"compare-table\"").nth(1).unwrap();
    assert_eq!(table.matches("<tr data-area=").count(), 12);
    // LC-WEST has no Mar 2019 recovery figure: last, unranked, with the reason.
    let last = table.rsplit("<tr data-area=").next().unwrap();
    assert!(last.starts_with("\"LC-WEST\""), "{last}");
    assert!(last.contains("No data"));
    assert_eq!(html.matches("data-chart=\"sparkline\"").count(), 12);
    assert!(html.contains("data-download=\"csv\"") && html.contains("data-download=\"png\""));
}

#[tokio::test]
async fn workforce_page_shows_breakdowns_with_provenance_and_gp_bars() {
    use llr_dashboard::app::components::workforce::{WorkforceProps, WorkforceView};
    let render = |area: &'static str| {
        ServerRenderer::<WorkforceView>::with_props(move || WorkforceProps {
            data: Rc::new(bundled()),
            area: area.into(),
        })
        .hydratable(false)
        .render()
    };
    let html = render("LLR").await;
    // By organisation, then by staff group within each of RWE, RT5 and primary care.
    assert_eq!(html.matches("data-testid=\"stacked-").count(), 4, "{html}");
    assert_eq!(html.matches("data-chart=\"stacked\"").count(), 4);
    assert!(
        html.contains("University Hospitals of Leicester"),
        "organisation names, not codes"
    );
    // Illustrative figures carry their badge beside each chart.
    assert!(html.matches("badge badge-illustrative").count() >= 4);
    assert!(!html.contains("data-testid=\"total-mismatch\""));
    for id in ["wf_vacancy", "wf_turnover", "wf_sickness", "wf_agency"] {
        assert!(html.contains(&format!("data-metric=\"{id}\"")), "{id}");
    }
    assert!(html.contains("data-chart=\"bars\""), "GP bars");
    let locality = render("E07000130").await;
    assert!(locality.contains("published for the whole system"));
}

#[tokio::test]
async fn population_names_its_source_once() {
    let html = render_overview("E06000016").await;
    let line = text_after(&html, "class=\"population\"");
    assert_eq!(
        line,
        "Population 367,500 (ONS Census 2021 usual residents (rounded to 100))"
    );
}
