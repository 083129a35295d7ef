//! Server-renderer tests of the public pages: "About the data" and the
//! accessibility statement.

use std::path::Path;
use std::rc::Rc;

use llr_dashboard::app::components::about::{AboutData, AboutDataProps};
use llr_dashboard::app::components::accessibility::AccessibilityStatement;
use llr_dashboard::load::Dataset;
use llr_dashboard::model::Provenance;
use yew::ServerRenderer;

fn bundled() -> Dataset {
    Dataset::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
        .expect("bundled data loads")
}

async fn render_about() -> String {
    ServerRenderer::<AboutData>::with_props(|| AboutDataProps {
        data: Rc::new(bundled()),
    })
    .hydratable(false)
    .render()
    .await
}

/// Text as the server renderer escapes it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The metric's section of the About page.
fn metric_section<'a>(html: &'a str, metric: &str) -> &'a str {
    let start = html
        .find(&format!("data-metric=\"{metric}\""))
        .unwrap_or_else(|| panic!("no section for {metric}"));
    let end = html[start..].find("</section>").expect("section ends") + start;
    &html[start..end]
}

#[tokio::test]
async fn about_lists_every_metric_with_definition_and_targets() {
    let html = render_about().await;
    let data = bundled();
    assert_headings_in_order(&html);
    assert!(html.contains(">About the data</h1>"));
    for domain in &data.catalogue.domains {
        assert!(
            html.contains(&format!(">{}</h2>", escaped(&domain.name))),
            "domain heading {}",
            domain.name
        );
    }
    for metric in &data.catalogue.metrics {
        let section = metric_section(&html, &metric.id);
        assert!(
            section.contains(&format!("<h3 id=\"about-{}\"", metric.id)),
            "{} heading with its anchor",
            metric.id
        );
        assert!(
            section.contains(&escaped(&metric.definition)),
            "{} definition",
            metric.id
        );
        assert_eq!(
            section.matches("data-target=").count(),
            metric.targets.len(),
            "{} targets: {section}",
            metric.id
        );
        if metric.targets.is_empty() {
            assert!(section.contains("No target is set"), "{}", metric.id);
        }
        let polarity = match metric.polarity {
            llr_dashboard::model::Polarity::HigherIsBetter => "Higher is better",
            llr_dashboard::model::Polarity::LowerIsBetter => "Lower is better",
            llr_dashboard::model::Polarity::Neutral => "Neither",
        };
        assert!(section.contains(polarity), "{} polarity", metric.id);
        assert!(
            section.contains(&escaped(&metric.source.publication)),
            "{} source",
            metric.id
        );
    }
}

#[tokio::test]
async fn about_explains_provenance_and_shows_illustrative_series() {
    let html = render_about().await;
    let data = bundled();
    for p in [
        Provenance::Published,
        Provenance::Derived,
        Provenance::Illustrative,
    ] {
        assert!(
            html.contains(&format!(
                "<li data-provenance=\"{}\"",
                p.label().to_lowercase()
            )),
            "{} explained",
            p.label()
        );
        assert!(html.contains(p.explanation()), "{} explanation", p.label());
    }
    let mut illustrative = 0;
    for metric in &data.catalogue.metrics {
        let section = metric_section(&html, &metric.id);
        let has = |p: Provenance| {
            data.series()
                .iter()
                .any(|s| s.metric == metric.id && s.provenance == p)
        };
        for p in [
            Provenance::Published,
            Provenance::Derived,
            Provenance::Illustrative,
        ] {
            let shown = section.contains(&format!("data-carrier=\"{}\"", p.label().to_lowercase()));
            assert_eq!(shown, has(p), "{} {}: {section}", metric.id, p.label());
        }
        if has(Provenance::Illustrative) {
            illustrative += 1;
            assert!(section.contains(">Illustrative<"), "{}", metric.id);
        }
    }
    assert!(illustrative > 0, "the bundled data has illustrative series");
    // A&E: the real UHL series, with its gap, and the 12 illustrative localities.
    let ae = metric_section(&html, "ae_4hr");
    assert!(
        ae.contains("Apr 2016 to Jul 2025 (4 series; 88 of 112 months have figures, with gaps)"),
        "{ae}"
    );
    assert!(
        ae.contains("12 localities, Apr 2016 to Mar 2019 (12 series; 36 months)"),
        "{ae}"
    );
    // The rest of the page: adding up, "as at", icons, geography.
    assert!(html.contains("never added up from a subset"));
    assert!(html.contains("What \"as at\" means"));
    assert!(html.contains("data-testid=\"icon-legend\""));
    for area in &data.geography.areas {
        assert!(
            html.contains(&format!("<tr data-area=\"{}\"", area.code)),
            "{}",
            area.code
        );
    }
    assert!(html.contains("367,500 (2021)"), "Leicester City population");
}

#[tokio::test]
async fn data_text_is_rendered_as_text() {
    let html = ServerRenderer::<AboutData>::with_props(|| {
        let mut data = bundled();
        data.catalogue.metrics[0].definition = "<script>alert(1)</script>".into();
        AboutDataProps {
            data: Rc::new(data),
        }
    })
    .hydratable(false)
    .render()
    .await;
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[tokio::test]
async fn accessibility_statement_follows_the_model() {
    let html = ServerRenderer::<AccessibilityStatement>::new()
        .hydratable(false)
        .render()
        .await;
    assert_eq!(html.matches("<h1").count(), 1, "exactly one h1");
    assert!(html.contains("WCAG 2.2 AA"), "{html}");
    assert!(html.contains("This statement was prepared on 24 November 2026"));
    assert!(html.contains("Equality and Human Rights Commission"));
    assert!(html.contains("Accessibility Regulations 2018"));
    assert!(html.contains("open an issue on the project"));
    assert!(!html.contains("@"), "no invented email address");
    assert!(!html.contains("href="), "no invented links");
    assert_headings_in_order(&html);
}

/// One h1, first, and no heading level skipped on the way down.
fn assert_headings_in_order(html: &str) {
    let levels: Vec<u32> = html
        .match_indices("<h")
        .filter_map(|(i, _)| html[i + 2..].chars().next()?.to_digit(10))
        .collect();
    assert_eq!(levels.iter().filter(|&&l| l == 1).count(), 1, "{levels:?}");
    assert_eq!(levels[0], 1, "{levels:?}");
    assert!(levels.windows(2).all(|w| w[1] <= w[0] + 1), "{levels:?}");
}
