//! The metric detail page (SPEC §6): SPC chart, the icons explained, the data
//! table (the chart's accessible alternative), definition, source, provenance
//! and "as at" date.

use std::rc::Rc;
use yew::prelude::*;

use super::badge::Badge;
use super::breadcrumb::Breadcrumb;
use super::downloads::CsvButton;
use super::icons::{assurance_words, variation_words, AssuranceIcon, VariationIcon};
use super::range_picker::RangePicker;
use super::spc_chart::{chart_inputs, ChartInputs, SpcChart};
use crate::analysis::export::filename;
use crate::analysis::spc::{Spc, MIN_POINTS};
use crate::analysis::{
    csv_filename, detail_csv, format_value, group_thousands, status, timeline, unit_label,
    MetricSpc,
};
use crate::app::painted::{still_to_come, use_painted};
use crate::app::route::Route;
use crate::load::Dataset;
use crate::model::{Metric, Period};

#[derive(Properties, Clone)]
pub struct MetricDetailProps {
    pub data: Rc<Dataset>,
    pub area: AttrValue,
    pub metric: AttrValue,
    /// Limit the trend (and its SPC) to `from..=to`; `None` for everything.
    #[prop_or_default]
    pub range: Option<(Period, Period)>,
}

impl PartialEq for MetricDetailProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
            && self.area == other.area
            && self.metric == other.metric
            && self.range == other.range
    }
}

#[function_component(MetricDetail)]
pub fn metric_detail(props: &MetricDetailProps) -> Html {
    let data = &props.data;
    let (Some(metric), Some(area)) = (
        data.catalogue.metric(&props.metric),
        data.geography.area(&props.area),
    ) else {
        return html! { <div class="panel panel-error" role="alert">{ "Unknown metric or area." }</div> };
    };
    let ChartInputs {
        latest,
        analysis,
        sentence,
        labels,
        target,
    } = chart_inputs(data, metric, area, props.range);
    let every_period: Vec<Period> = timeline(data, metric, &area.code)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    html! {
        <article class="detail" data-testid="metric-detail" data-metric={metric.id.clone()} data-area={area.code.clone()}>
            <Breadcrumb data={data.clone()} area={area.code.clone()} metric={metric.short_name.clone()} />
            <h1>{ format!("{}: {}", metric.short_name, area.name) }</h1>
            <p class="metric-long">{ metric.name.clone() }</p>
            <p class="headline" data-testid="headline">{ sentence.clone() }</p>
            if let Some(f) = &latest.figure {
                <p class="provenance-line">
                    <Badge provenance={f.provenance} />
                    { format!(" As at {}. Source: {} ({}).", f.as_at, f.source.publication, f.source.publisher) }
                </p>
            }
            <p class="related">
                { "Compare: " }
                <a href={Route::Compare { metric: metric.id.clone(), level: "place".into() }.href()}>{ "all places" }</a>{ " · " }
                <a href={Route::Compare { metric: metric.id.clone(), level: "locality".into() }.href()}>{ "all localities" }</a>{ " · " }
                <a href={Route::About.href()}>{ "about the data" }</a>
            </p>
            <section aria-labelledby="chart-title" class="chart-section">
                <h2 id="chart-title">{ "Statistical process control chart" }</h2>
                <RangePicker area={area.code.clone()} metric={metric.id.clone()} frequency={metric.frequency}
                    periods={Rc::new(every_period)} range={props.range} />
                if analysis.timeline.is_empty() {
                    <p>{ latest.reason.clone().unwrap_or_else(|| "No figures to chart.".to_string()) }</p>
                } else {
                    <SpcChart
                        analysis={analysis.clone()}
                        labels={labels.clone()}
                        target={target}
                        metric={metric.clone()}
                        description={sentence}
                        filename={filename(&["llr", &metric.id, &area.code], "png")}
                    />
                }
                if !analysis.annotations.is_empty() {
                    <h3>{ "Notes on the chart" }</h3>
                    <ul class="annotations" data-testid="annotations">
                        { for analysis.annotations.iter().map(|(i, text)| html! {
                            <li>
                                <strong>{ labels.get(*i).cloned().unwrap_or_default() }</strong>
                                { ": " }{ text.clone() }
                            </li>
                        }) }
                    </ul>
                }
            </section>
            <section aria-labelledby="icons-title">
                <h2 id="icons-title">{ "What the chart says" }</h2>
                { explain_icons(&analysis.spc) }
            </section>
            <section aria-labelledby="table-title">
                <h2 id="table-title">{ "Data" }</h2>
                <DataTable metric={metric.clone()} area_name={area.name.clone()} analysis={analysis.clone()} />
                <p class="downloads">
                    <CsvButton filename={csv_filename(&["llr", &metric.id, &area.code])} content={{
                        let (data, metric, area, analysis) = (data.clone(), metric.clone(), area.code.clone(), analysis.clone());
                        Callback::from(move |_| detail_csv(&data, &metric, &area, &analysis))
                    }} />
                </p>
            </section>
            <section aria-labelledby="about-title">
                <h2 id="about-title">{ "About this measure" }</h2>
                <dl class="about">
                    <dt>{ "Definition" }</dt><dd>{ metric.definition.clone() }</dd>
                    <dt>{ "Unit" }</dt><dd>{ unit_label(metric) }</dd>
                    <dt>{ "Source" }</dt><dd>{ format!("{} ({})", metric.source.publication, metric.source.publisher) }</dd>
                    <dt>{ "Targets" }</dt>
                    <dd>
                        if metric.targets.is_empty() { { "None set" } }
                        <ul>{ for metric.targets.iter().map(|t| html! {
                            <li>{ format!("{} {} from {}{}{}", format_value(metric, t.value), t.kind.label(), t.from.label(metric.frequency),
                                t.to.map(|to| format!(" to {}", to.label(metric.frequency))).unwrap_or_default(),
                                t.note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default()) }</li>
                        }) }</ul>
                    </dd>
                </dl>
            </section>
        </article>
    }
}

fn explain_icons(spc: &Spc) -> Html {
    let last = spc.segments.last();
    html! {
        <div class="icon-explain">
            if let Some(v) = spc.variation {
                <p class="icon-pair"><VariationIcon variation={v} /><span><strong>{ variation_words(v) }</strong>{ ". " }{ v.explanation() }{ "." }</span></p>
            } else {
                <p>{ format!("No variation or assurance icon: the latest stretch has {} points, and Making Data Count needs at least {MIN_POINTS} to set process limits. The chart is a run chart.", last.map_or(0, |s| s.points)) }</p>
            }
            if let Some(a) = spc.assurance {
                <p class="icon-pair"><AssuranceIcon assurance={a} /><span><strong>{ assurance_words(a) }</strong>{ ". " }{ a.explanation() }{ "." }</span></p>
            } else if spc.variation.is_some() {
                <p>{ "No assurance icon: there is no target for this measure, or it has no better direction." }</p>
            }
            if let Some(l) = spc.latest_limits() {
                <p>{ format!("Since the last change the process limits are {} to {} around a mean of {}; about 99% of points from a stable process fall between them.",
                    trim(l.lower_limit), trim(l.upper_limit), trim(l.mean)) }</p>
            }
        </div>
    }
}

fn trim(x: f64) -> String {
    group_thousands(x, 2)
}

#[derive(Properties, Clone)]
struct DataTableProps {
    metric: Metric,
    area_name: AttrValue,
    analysis: Rc<MetricSpc>,
}

impl PartialEq for DataTableProps {
    fn eq(&self, other: &Self) -> bool {
        self.metric.id == other.metric.id
            && self.area_name == other.area_name
            && Rc::ptr_eq(&self.analysis, &other.analysis)
    }
}

/// The data table: a row per period, so it is built once the page above it
/// (the chart) has been painted (`use_painted`); till then a hidden line
/// says it is coming (and tells the browser tests to wait for it).
#[function_component(DataTable)]
fn data_table(props: &DataTableProps) -> Html {
    if !use_painted() {
        return still_to_come("The data table is being built.");
    }
    let (metric, area_name, analysis) = (&props.metric, &props.area_name, &*props.analysis);
    let (numerator_head, denominator_head) = match metric.kind {
        crate::model::Kind::Mean => ("Count", ""),
        _ => ("Numerator", "Denominator"),
    };
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label={format!("{} data table", metric.short_name)}>
            <table class="data-table" data-testid="data-table">
                <caption>{ format!("{}, {}: every period, with its SPC point type{}", metric.short_name, area_name,
                    if analysis.benchmarks.is_empty() { String::new() } else {
                        format!(" and {} for the same period", analysis.benchmarks.iter().map(|b| b.name.as_str()).collect::<Vec<_>>().join(" and "))
                    }) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Period" }</th>
                        <th scope="col" class="num">{ "Value" }</th>
                        if metric.kind.has_ratio() || metric.kind == crate::model::Kind::Mean {
                            <th scope="col" class="num">{ numerator_head }</th>
                        }
                        if metric.kind.has_ratio() { <th scope="col" class="num">{ denominator_head }</th> }
                        <th scope="col" class="num">{ "Target" }</th>
                        // England and the region, same month, where they have a series.
                        { for analysis.benchmarks.iter().map(|b| html! {
                            <th scope="col" class="num" data-benchmark={b.code.clone()}>{ b.name.clone() }</th>
                        }) }
                        <th scope="col">{ "Status" }</th>
                        <th scope="col">{ "Point type" }</th>
                        <th scope="col">{ "Provenance" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for analysis.timeline.iter().zip(&analysis.spc.points).enumerate().map(|(i, ((period, outcome), point))| {
                        let figure = outcome.figure();
                        let statuses = figure.map(|f| status(metric, *period, f.value)).unwrap_or_default();
                        // Ratios show numerator and denominator; means their count.
                        let (a, b) = match figure.map(|f| f.observation.parts()) {
                            Some((Some(n), d, _)) => (Some(n), d),
                            Some((None, _, count)) => (count, None),
                            None => (None, None),
                        };
                        let number = crate::analysis::format_count;
                        html! {
                            <tr data-period={period.to_string()}>
                                <th scope="row">{ period.label(metric.frequency) }</th>
                                <td class="num">{ figure.map_or_else(|| "No data".to_string(), |f| format_value(metric, f.value)) }</td>
                                if metric.kind.has_ratio() || metric.kind == crate::model::Kind::Mean { <td class="num">{ number(a) }</td> }
                                if metric.kind.has_ratio() { <td class="num">{ number(b) }</td> }
                                <td class="num">{ statuses.iter().map(|t| t.target_display.clone()).collect::<Vec<_>>().join(" / ") }</td>
                                { for analysis.benchmarks.iter().map(|b| html! {
                                    <td class="num" data-benchmark={b.code.clone()}>{
                                        b.values.get(i).copied().flatten().map_or_else(|| "No data".to_string(), |v| format_value(metric, v))
                                    }</td>
                                }) }
                                <td>{ if figure.is_none() { "–".to_string() } else if statuses.is_empty() { "No target".to_string() } else { statuses.iter().map(|t| t.words()).collect::<Vec<_>>().join(" / ") } }</td>
                                <td>{ if figure.is_some() { point.kind.label() } else { "–" } }
                                    if let Some(rule) = point.rule { <span class="rule">{ format!(" ({})", rule.label()) }</span> }
                                </td>
                                <td>{ figure.map(|f| f.provenance.label()).unwrap_or("–") }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
