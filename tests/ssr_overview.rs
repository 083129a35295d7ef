//! Server-renderer tests of the overview components, on the bundled data.

use std::path::Path;
use std::rc::Rc;

use llr_dashboard::app::components::status_panel::{ProblemsPanel, ProblemsProps};
use llr_dashboard::app::{Overview, OverviewProps};
use llr_dashboard::load::{Dataset, ExtractRef};
use yew::ServerRenderer;

fn bundled() -> Dataset {
    Dataset::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
        .expect("bundled data loads")
}

async fn render_overview(area: &'static str) -> String {
    ServerRenderer::<Overview>::with_props(move || OverviewProps {
        data: Rc::new(bundled()),
        area: area.into(),
    })
    .hydratable(false)
    .render()
    .await
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
            &ExtractRef::Described {
                file: "extracts/broken.json".into(),
                metrics: vec!["cancer_fds".into()],
            },
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
