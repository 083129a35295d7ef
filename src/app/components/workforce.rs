//! The workforce view of an area: staff in post by organisation and by staff
//! group over time (stacked, with totals checked against their parts),
//! vacancy, turnover, sickness and agency, and GPs per 10,000 by locality.

use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

use super::breadcrumb::Breadcrumb;
use super::compare::BarChart;
use super::downloads::CsvButton;
use super::overview::metrics_table;
use crate::analysis::export::filename;
use crate::analysis::{
    breakdown, breakdown_csv, breakdown_keys, comparison, csv_filename, format_count, format_value,
    row, Breakdown,
};
use crate::app::chart_canvas::{use_chart_canvas, CanvasChart};
use crate::app::route::Route;
use crate::chart::{Bar, ChartError, Stack};
use crate::load::Dataset;
use crate::model::{Level, Metric, Provenance};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

const STAFF: &str = "wf_staff_fte";
const RATES: [&str; 4] = ["wf_vacancy", "wf_turnover", "wf_sickness", "wf_agency"];
const GPS: &str = "wf_gp_per_10k";

#[derive(Properties, Clone)]
pub struct WorkforceProps {
    pub data: Rc<Dataset>,
    pub area: AttrValue,
}

impl PartialEq for WorkforceProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data) && self.area == other.area
    }
}

#[function_component(WorkforceView)]
pub fn workforce_view(props: &WorkforceProps) -> Html {
    let data = &props.data;
    let Some(area) = data.geography.area(&props.area) else {
        return html! {};
    };
    let staff = data.catalogue.metric(STAFF);
    let org_name = |code: &str| {
        data.geography
            .organisation(code)
            .map_or_else(|| code.to_string(), |o| o.name.clone())
    };
    let by_org =
        staff.and_then(|m| breakdown(data, m, &area.code, &BTreeMap::new(), "organisation"));
    let rows: Vec<_> = RATES
        .iter()
        .filter_map(|id| data.catalogue.metric(id))
        .map(|m| row(data, m, &area.code, None))
        .collect();
    html! {
        <article class="workforce" data-testid="workforce" data-area={area.code.clone()}>
            <Breadcrumb data={data.clone()} area={area.code.clone()} metric={"Workforce".to_string()} />
            <h1>{ format!("Workforce: {}", area.name) }</h1>
            <section aria-labelledby="staff-title">
                <h2 id="staff-title">{ "Staff in post (full-time equivalent)" }</h2>
                if let (Some(metric), Some(b)) = (staff, by_org.as_ref()) {
                    { stacked_section(metric, "by organisation", &area.name, b, &org_name, "organisation",
                        csv_callback(data, metric, &area.code, "organisation", b, &org_name)) }
                    { for breakdown_keys(data, STAFF, &area.code, "organisation").iter().filter_map(|org| {
                        let within = BTreeMap::from([("organisation".to_string(), org.clone())]);
                        breakdown(data, metric, &area.code, &within, "staff_group")
                            .map(|b| stacked_section(metric, &format!("by staff group, {}", org_name(org)), &area.name, &b, &|k: &str| k.to_string(), &format!("groups-{org}"),
                                csv_callback(data, metric, &area.code, "staff_group", &b, &|k: &str| k.to_string())))
                    }) }
                } else {
                    <p>{ format!("Staff in post is published for the whole system, not for {}.", area.name) }
                        { " " }<a href={Route::Workforce { area: data.geography.system().map(|s| s.code.clone()).unwrap_or_default() }.href()}>{ "See the system's workforce" }</a></p>
                }
            </section>
            <section aria-labelledby="rates-title" class="domain">
                <h2 id="rates-title">{ "Vacancies, turnover, sickness and agency" }</h2>
                { metrics_table(data, &area.code, &area.name, &format!("Workforce measures for {}", area.name), &rows) }
            </section>
            { gp_section(data, &area.code) }
        </article>
    }
}

/// Builds the CSV of a breakdown when its button is pressed; part names are
/// resolved now, as the screen shows them.
fn csv_callback(
    data: &Rc<Dataset>,
    metric: &Metric,
    area: &str,
    by: &str,
    b: &Breakdown,
    name: &dyn Fn(&str) -> String,
) -> Callback<(), String> {
    // A few parts (organisations or staff groups): a list is enough.
    let names: Vec<(String, String)> = b
        .parts
        .iter()
        .map(|p| (p.key.clone(), name(&p.key)))
        .collect();
    let (data, metric, area, by, b) = (
        data.clone(),
        metric.clone(),
        area.to_string(),
        by.to_string(),
        b.clone(),
    );
    Callback::from(move |_| {
        breakdown_csv(&data, &metric, &area, &by, &b, &|k: &str| {
            names
                .iter()
                .find(|(key, _)| key == k)
                .map_or_else(|| k.to_string(), |(_, name)| name.clone())
        })
    })
}

/// A stacked chart of a breakdown, its table, and a note where totals and parts disagree.
fn stacked_section(
    metric: &Metric,
    what: &str,
    area_name: &str,
    b: &Breakdown,
    name: &dyn Fn(&str) -> String,
    id: &str,
    csv: Callback<(), String>,
) -> Html {
    let labels: Vec<String> = b
        .periods
        .iter()
        .map(|p| p.label(metric.frequency))
        .collect();
    let stacks: Vec<Stack> = b
        .parts
        .iter()
        .map(|p| Stack {
            label: name(&p.key),
            values: p.values.clone(),
        })
        .collect();
    let last = b.periods.len().saturating_sub(1);
    let description = format!(
        "Stacked columns of {} {what}, {area_name}, {} to {}. Latest: {}.",
        metric.short_name,
        labels.first().cloned().unwrap_or_default(),
        labels.last().cloned().unwrap_or_default(),
        stacks
            .iter()
            .map(|s| format!(
                "{} {}",
                s.label,
                s.values
                    .get(last)
                    .copied()
                    .flatten()
                    .map_or("no figure".to_string(), |v| format_value(metric, v))
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    html! {
        <div class="stacked-block" data-testid={format!("stacked-{id}")}>
            <h3>{ format!("{} {what}", metric.short_name) }</h3>
            <p class="provenance-line">
                <super::badge::Badge provenance={b.provenance} />
                { format!(" As at {}. Source: {} ({}).", b.as_at, b.source.publication, b.source.publisher) }
            </p>
            if !b.mismatches.is_empty() {
                <p class="panel panel-warning" role="note" data-testid="total-mismatch">
                    { format!("The published total does not equal the sum of its parts in {} period{}: ", b.mismatches.len(), if b.mismatches.len() == 1 { "" } else { "s" }) }
                    { b.mismatches.iter().take(6).map(|(p, whole, sum)| format!("{} total {} vs parts {}", p.label(metric.frequency), format_value(metric, *whole), format_value(metric, *sum))).collect::<Vec<_>>().join("; ") }
                </p>
            }
            <StackedChart metric={metric.clone()} labels={Rc::new(labels.clone())} stacks={Rc::new(stacks.clone())} total={b.total.clone().map(Rc::new)} description={description}
                filename={filename(&["llr", &metric.id, id], "png")} />
            <p class="downloads">
                <CsvButton filename={csv_filename(&["llr", &metric.id, id])} content={csv} />
            </p>
            <details class="table-details">
                <summary>{ format!("Table: {} {what}", metric.short_name) }</summary>
                <div class="table-scroll" tabindex="0" role="region" aria-label={format!("{} {what}: table", metric.short_name)}>
                    <table class="data-table">
                        <thead>
                            <tr>
                                <th scope="col">{ "Period" }</th>
                                { for stacks.iter().map(|s| html! { <th scope="col" class="num">{ s.label.clone() }</th> }) }
                                if b.total.is_some() { <th scope="col" class="num">{ "Published total" }</th> }
                            </tr>
                        </thead>
                        <tbody>
                            { for labels.iter().enumerate().rev().map(|(i, label)| html! {
                                <tr>
                                    <th scope="row">{ label.clone() }</th>
                                    { for stacks.iter().map(|s| html! { <td class="num">{ format_count(s.values[i]) }</td> }) }
                                    if let Some(total) = &b.total { <td class="num">{ format_count(total[i]) }</td> }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </details>
        </div>
    }
}

/// GPs per 10,000 patients across the localities, with this area highlighted.
fn gp_section(data: &Rc<Dataset>, area: &str) -> Html {
    let Some(metric) = data.catalogue.metric(GPS) else {
        return html! {};
    };
    let result = comparison(data, metric, Level::Locality, None);
    let Some(period) = result.period else {
        return html! {};
    };
    let bars: Vec<Bar> = result
        .rows
        .iter()
        .map(|r| Bar {
            label: r.name.clone(),
            value: r.outcome.figure().map(|f| f.value),
            highlight: r.area == area,
            illustrative: r
                .outcome
                .figure()
                .is_some_and(|f| f.provenance == Provenance::Illustrative),
            benchmark: false,
        })
        .collect();
    let description = format!(
        "GPs per 10,000 registered patients by locality, {}: {}.",
        period.label(metric.frequency),
        result
            .rows
            .iter()
            .filter_map(|r| r.outcome.figure().map(|f| format!(
                "{} {}",
                r.name,
                format_value(metric, f.value)
            )))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let provenance = result
        .rows
        .iter()
        .filter_map(|r| r.outcome.figure())
        .map(|f| f.provenance)
        .max();
    html! {
        <section aria-labelledby="gp-title">
            <h2 id="gp-title">{ format!("GPs per 10,000 registered patients by locality, {}", period.label(metric.frequency)) }</h2>
            if let Some(p) = provenance { <p><super::badge::Badge provenance={p} />{ " " }{ metric.definition.clone() }</p> }
            <BarChart metric={metric.clone()} bars={Rc::new(bars)} target={None::<f64>} description={description}
                filename={filename(&["llr", GPS, "localities"], "png")} />
            <p><a href={Route::Compare { metric: GPS.to_string(), level: "locality".to_string() }.href()}>{ "Table and trends for every locality" }</a></p>
        </section>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct StackedChartProps {
    pub metric: Metric,
    pub labels: Rc<Vec<String>>,
    pub stacks: Rc<Vec<Stack>>,
    pub total: Option<Rc<Vec<Option<f64>>>>,
    pub description: AttrValue,
    pub filename: AttrValue,
}

impl CanvasChart for StackedChartProps {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError<DB>> {
        let data = crate::chart::StackedData {
            periods: &self.labels,
            stacks: &self.stacks,
            total: self.total.as_deref().map(Vec::as_slice),
        };
        let metric = &self.metric;
        crate::chart::draw_stacked(
            area,
            &data,
            &crate::chart::Palette::default(),
            scale,
            &|v| format_value(metric, v),
        )
    }
}

/// Stacked columns on a canvas, sized in device pixels.
#[function_component(StackedChart)]
pub fn stacked_chart(props: &StackedChartProps) -> Html {
    let canvas = use_chart_canvas(props);
    html! {
        <>
            <canvas ref={canvas.clone()} class="chart stacked" data-chart="stacked" role="img" aria-label={props.description.clone()}>{ props.description.clone() }</canvas>
            <p class="downloads"><super::downloads::PngButton filename={props.filename.clone()} canvas={canvas} /></p>
        </>
    }
}
