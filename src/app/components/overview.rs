//! The overview of one area (SPEC §6): a row per metric grouped by domain,
//! with latest period, value (and England and the region beside it, at the
//! same period), targets, status in words, sparkline and provenance.

use std::rc::Rc;
use yew::prelude::*;

use super::badge::Badge;
use super::breadcrumb::Breadcrumb;
use super::downloads::CsvButton;
use super::icons::{assurance_words, variation_words, AssuranceIcon, IconLegend, VariationIcon};
use super::period_picker::PeriodPicker;
use super::siblings::SiblingComparison;
use super::sparkline::Sparkline;
use crate::analysis::spc::MIN_POINTS;
use crate::analysis::{
    csv_filename, describe_trend, group_thousands, metric_spc, overview_csv, summary,
    summary_of_first, Row,
};
use crate::app::painted::{still_to_come, use_painted_for};
use crate::app::route::Route;
use crate::chart::SparkData;
use crate::load::Dataset;
use crate::model::{Level, Metric, Period};

#[derive(Properties, Clone)]
pub struct OverviewProps {
    pub data: Rc<Dataset>,
    /// Area code.
    pub area: AttrValue,
    /// The period shown; `None` for each metric's latest.
    #[prop_or_default]
    pub period: Option<Period>,
}

impl PartialEq for OverviewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
            && self.area == other.area
            && self.period == other.period
    }
}

#[function_component(Overview)]
pub fn overview(props: &OverviewProps) -> Html {
    // The first domain fills the first screen; the others (and the sibling
    // comparison) are built once it has been painted, for each area.
    let painted = use_painted_for(props.area.clone());
    let data = &props.data;
    let area_code = props.area.as_str();
    let Some(area) = data.geography.area(area_code) else {
        return html! {
            <div class="panel panel-error" role="alert">{ format!("There is no area with the code \"{area_code}\".") }</div>
        };
    };
    let overview = summary_of_first(
        data,
        area_code,
        props.period,
        if painted { usize::MAX } else { 1 },
    );
    let population = area.population.as_ref().map(|p| {
        // The source usually names its year already ("ONS Census 2021 ...").
        let year = if p.source.contains(&p.year.to_string()) {
            String::new()
        } else {
            format!(", {}", p.year)
        };
        format!(
            "Population {} ({}{}){}",
            group_thousands(p.value as f64, 0),
            p.source,
            year,
            if p.provenance == crate::model::Provenance::Published {
                String::new()
            } else {
                format!(", {}", p.provenance.label().to_ascii_lowercase())
            }
        )
    });
    html! {
        <section class="overview" data-testid="overview" data-area={area_code.to_string()} aria-labelledby="overview-title">
            <Breadcrumb data={data.clone()} area={area_code.to_string()} />
            <h1 id="overview-title">{ format!("{}: {} overview", area.name, level_word(area.level)) }</h1>
            if let Some(text) = population { <p class="population">{ text }</p> }
            <PeriodPicker data={data.clone()} area={area_code.to_string()} period={props.period} />
            <p class="lede">{ match props.period {
                None => "Each row shows the latest period with figures for that measure, with its own \"as at\" date: extracts publish on different dates. Status is against the targets in force for that period.".to_string(),
                Some(p) => format!("Each row shows {} where the measure has a figure for it. Status is against the targets in force then.", p.long_label()),
            } }</p>
            <p class="present-link"><a href={Route::Present { area: area_code.to_string(), slide: "1".to_string() }.href()}>{ "Present these figures (one measure per screen, for a meeting)" }</a></p>
            <IconLegend />
            <p class="downloads">
                <CsvButton label="Download this overview (CSV)" filename={csv_filename(&["llr", "overview", area_code])} content={{
                    // Every domain, worked out when asked for.
                    let (data, area, period) = (data.clone(), area_code.to_string(), props.period);
                    Callback::from(move |_| overview_csv(&data, &summary(&data, &area, period)))
                }} />
            </p>
            // One wrapper for the part that grows after the first paint: Yew
            // then leaves the heading above in place (moving it would drop
            // the focus a route change puts on it).
            <div class="domains">
                { for overview.groups.iter().map(|group| html! {
                    <section class="domain" aria-labelledby={format!("domain-{}", group.domain)}>
                        <h2 id={format!("domain-{}", group.domain)}>{ group.name.clone() }</h2>
                        if group.domain == "workforce" {
                            <p><a href={Route::Workforce { area: area_code.to_string() }.href()}>{ format!("Workforce in detail for {}: staff by organisation and staff group, GPs by locality", area.name) }</a></p>
                        }
                        { metrics_table(data, area_code, &area.name, &format!("{} standards for {}", group.name, area.name), &group.rows) }
                    </section>
                }) }
                if !painted {
                    { still_to_come("The other measures are being drawn.") }
                } else if area.level != Level::System {
                    <SiblingComparison data={data.clone()} area={area_code.to_string()} />
                }
            </div>
        </section>
    }
}

/// The table of metric rows used by the overview and the workforce page.
pub fn metrics_table(
    data: &Dataset,
    area_code: &str,
    area_name: &str,
    caption: &str,
    rows: &[Row],
) -> Html {
    html! {
        <table class="metrics">
            <caption class="visually-hidden">{ caption.to_string() }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Standard" }</th>
                    <th scope="col">{ "Period" }</th>
                    <th scope="col" class="num">{ "Value" }</th>
                    <th scope="col">{ "Against target" }</th>
                    <th scope="col">{ "Variation and assurance" }</th>
                    <th scope="col">{ "Trend" }</th>
                    <th scope="col">{ "Source" }</th>
                </tr>
            </thead>
            <tbody>
                { for rows.iter().filter_map(|row| data.catalogue.metric(&row.metric).map(|m| metric_row(data, m, area_code, area_name, row))) }
            </tbody>
        </table>
    }
}

fn level_word(level: Level) -> &'static str {
    match level {
        Level::System => "system",
        Level::Place => "place",
        Level::Locality => "locality",
    }
}

fn metric_row(data: &Dataset, metric: &Metric, area: &str, area_name: &str, row: &Row) -> Html {
    let analysis = metric_spc(data, metric, area);
    let series = &analysis.timeline;
    let spark = SparkData {
        values: series
            .iter()
            .map(|(_, o)| o.figure().map(|f| f.value))
            .collect(),
        target: row.targets.first().map(|t| t.target),
    };
    let description = describe_trend(metric, area_name, series);
    let status_class = match row
        .targets
        .iter()
        .map(|t| t.met)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => "status-none",
        all if all.iter().all(|m| *m == Some(true)) => "status-met",
        all if all.iter().all(|m| *m == Some(false)) => "status-not-met",
        _ => "status-mixed",
    };
    html! {
        <tr data-metric={metric.id.clone()}>
            <th scope="row" data-label="Standard">
                <a class="metric-name" href={Route::Metric { area: area.to_string(), metric: metric.id.clone() }.href()}>{ metric.short_name.clone() }</a>
                <span class="metric-long">{ metric.name.clone() }</span>
            </th>
            <td data-field="period" data-label="Period">{ row.period_label.clone().unwrap_or_else(|| "–".to_string()) }</td>
            <td data-field="value" data-label="Value" class="num">
                <span class="value">{ row.display.clone() }</span>
                if let Some(reason) = &row.reason { <span class="reason">{ reason.clone() }</span> }
                // England and the region at the row's own period, in words;
                // one without a figure for it says so rather than vanishing.
                if !row.benchmarks.is_empty() {
                    <ul class="benchmarks" aria-label="Benchmarks for the same period">
                        { for row.benchmarks.iter().map(|b| html! {
                            <li data-benchmark={b.code.clone()} class={classes!(b.value.is_none().then_some("benchmark-missing"))}>{ b.words(metric.frequency) }</li>
                        }) }
                    </ul>
                }
            </td>
            <td data-field="status" data-label="Against target" class={status_class}>
                if row.targets.is_empty() { <span class="no-target">{ row.status.clone() }</span> }
                <ul class="targets">{ for row.targets.iter().map(|t| html! {
                    <li class={if t.met == Some(true) { "met" } else { "not-met" }}>
                        <span class="status-icon" aria-hidden="true">{ if t.met == Some(true) { "✓" } else { "✗" } }</span>
                        <strong>{ t.words() }</strong>
                        { format!(" {} {}", t.target_display, t.kind.label()) }
                    </li>
                }) }</ul>
            </td>
            <td data-field="icons" data-label="Variation and assurance" class="icons">
                if let Some(v) = analysis.spc.variation {
                    <span class="icon-pair" data-variation={format!("{v:?}")}><VariationIcon variation={v} />{ variation_words(v) }</span>
                } else if row.value.is_some() {
                    <span class="no-icon">{ format!("No icon: fewer than {MIN_POINTS} points since the last change") }</span>
                } else {
                    { "–" }
                }
                if let Some(a) = analysis.spc.assurance {
                    <span class="icon-pair" data-assurance={format!("{a:?}")}><AssuranceIcon assurance={a} />{ assurance_words(a) }</span>
                }
            </td>
            <td data-field="trend" data-label="Trend">
                <Sparkline data={spark} label={description} />
            </td>
            <td data-field="provenance" data-label="Source" class="provenance">
                if let Some(f) = &row.figure {
                    <Badge provenance={f.provenance} />
                    <span class="as-at">{ format!("As at {}", f.as_at) }</span>
                    <span class="source">{ format!("{} ({})", f.source.publication, f.source.publisher) }</span>
                }
            </td>
        </tr>
    }
}
