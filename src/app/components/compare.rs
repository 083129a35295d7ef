//! The comparison view: one metric across all places or all localities for a
//! chosen period: a ranked bar chart with the target line, its table, and
//! small multiples of each area's trend. England and the region, where they
//! have a series, follow the ranked areas in the chart and the table as
//! benchmarks: marked so, drawn differently, never ranked.

use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::badge::Badge;
use super::downloads::{CsvButton, PngButton};
use super::sparkline::Sparkline;
use crate::analysis::export::filename;
use crate::analysis::{
    comparison, comparison_csv, csv_filename, describe_trend, format_value, status, timeline,
    Benchmark, Comparison,
};
use crate::app::chart_canvas::{use_chart_canvas, CanvasChart};
use crate::app::route::{navigate, Route};
use crate::chart::{Bar, ChartError, SparkData};
use crate::load::Dataset;
use crate::model::{Level, Metric, Period, Polarity, Provenance};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

#[derive(Properties, Clone)]
pub struct CompareProps {
    pub data: Rc<Dataset>,
    pub metric: AttrValue,
    pub level: Level,
    #[prop_or_default]
    pub period: Option<Period>,
}

impl PartialEq for CompareProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
            && self.metric == other.metric
            && self.level == other.level
            && self.period == other.period
    }
}

#[function_component(CompareView)]
pub fn compare_view(props: &CompareProps) -> Html {
    let data = &props.data;
    let Some(metric) = data.catalogue.metric(&props.metric) else {
        return html! { <div class="panel panel-error" role="alert">{ "Unknown metric." }</div> };
    };
    let result = comparison(data, metric, props.level, props.period);
    let level_words = props.level.plural();
    let on_period = {
        let (metric, level) = (metric.id.clone(), props.level.label().to_string());
        Callback::from(move |e: Event| {
            let period = e.target_unchecked_into::<HtmlSelectElement>().value();
            navigate(&Route::CompareAt {
                metric: metric.clone(),
                level: level.clone(),
                period,
            });
        })
    };
    let period_text = result.period.map(|p| p.to_string()).unwrap_or_default();
    let target = result
        .period
        .and_then(|p| crate::analysis::assurance_target(metric, p))
        .map(|t| t.value);
    html! {
        <article class="compare" data-testid="compare" data-metric={metric.id.clone()} data-level={props.level.label()}
            data-period={result.period.map(|p| p.to_string()).unwrap_or_default()}>
            <nav aria-label="Breadcrumb" class="breadcrumb">
                <ol>
                    <li><a href={Route::Home.href()}>{ "System overview" }</a></li>
                    <li aria-current="page">{ format!("{}: all {level_words}", metric.short_name) }</li>
                </ol>
            </nav>
            <h1>{ format!("{}: all {level_words}", metric.short_name) }</h1>
            <p class="metric-long">{ metric.name.clone() }</p>
            <div class="controls">
                <label for="compare-period">{ "Period" }</label>
                <select id="compare-period" onchange={on_period}>
                    { for result.periods.iter().map(|p| html! {
                        <option value={p.to_string()} selected={Some(*p) == result.period}>{ p.label(metric.frequency) }</option>
                    }) }
                </select>
                <span class="level-switch">
                    { for [Level::Place, Level::Locality].into_iter().map(|l| if l == props.level {
                        html! { <span class="current-level" aria-current="page">{ format!("All {}", l.plural()) }</span> }
                    } else {
                        html! { <a href={Route::Compare { metric: metric.id.clone(), level: l.label().to_string() }.href()}>{ format!("All {}", l.plural()) }</a> }
                    }) }
                </span>
            </div>
            if result.period.is_none() {
                <p>{ format!("No {level_words} have figures for {}.", metric.short_name) }</p>
            } else {
                <section aria-labelledby="bars-title">
                    <h2 id="bars-title">{ format!("Ranked, {}", result.period.map(|p| p.label(metric.frequency)).unwrap_or_default()) }</h2>
                    <BarChart metric={metric.clone()} bars={Rc::new(bars(&result))} target={target} description={bars_description(metric, &result, level_words)}
                        filename={filename(&["llr", &metric.id, props.level.plural(), &period_text], "png")} />
                    { table(metric, &result) }
                    <p class="downloads">
                        <CsvButton filename={csv_filename(&["llr", &metric.id, props.level.plural(), &period_text])} content={{
                            let (data, metric, areas, period) = (data.clone(), metric.clone(), result.rows.iter().map(|r| r.area.clone()).collect::<Vec<_>>(), result.period);
                            Callback::from(move |_| {
                                let codes: Vec<&str> = areas.iter().map(String::as_str).collect();
                                period.map(|p| comparison_csv(&data, &metric, &codes, p)).unwrap_or_default()
                            })
                        }} />
                    </p>
                </section>
                <section aria-labelledby="multiples-title">
                    <h2 id="multiples-title">{ "Each area's trend" }</h2>
                    <ul class="multiples">
                        { for result.rows.iter().map(|r| {
                            let series = timeline(data, metric, &r.area);
                            let spark = SparkData { values: series.iter().map(|(_, o)| o.figure().map(|f| f.value)).collect(), target };
                            html! {
                                <li>
                                    <a href={Route::Metric { area: r.area.clone(), metric: metric.id.clone() }.href()}>{ r.name.clone() }</a>
                                    <Sparkline data={spark} label={describe_trend(metric, &r.name, &series)} />
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }
        </article>
    }
}

fn bars(result: &Comparison) -> Vec<Bar> {
    let ranked = result.rows.iter().map(|r| Bar {
        label: r.name.clone(),
        value: r.outcome.figure().map(|f| f.value),
        highlight: false,
        illustrative: r
            .outcome
            .figure()
            .is_some_and(|f| f.provenance == Provenance::Illustrative),
        benchmark: false,
    });
    let benchmarks = result.benchmarks.iter().map(|b| Bar {
        label: benchmark_name(b),
        value: b.value,
        highlight: false,
        illustrative: b
            .figure
            .as_ref()
            .is_some_and(|f| f.provenance == Provenance::Illustrative),
        benchmark: true,
    });
    ranked.chain(benchmarks).collect()
}

/// "England (benchmark)": how a benchmark is named in the chart and table.
fn benchmark_name(b: &Benchmark) -> String {
    format!("{} (benchmark)", b.name)
}

fn bars_description(metric: &Metric, result: &Comparison, level_words: &str) -> String {
    let shown: Vec<String> = result
        .rows
        .iter()
        .filter_map(|r| {
            r.outcome
                .figure()
                .map(|f| format!("{} {}", r.name, format_value(metric, f.value)))
        })
        .collect();
    let order = match metric.polarity {
        Polarity::LowerIsBetter => "lowest (best) first",
        Polarity::HigherIsBetter => "highest (best) first",
        Polarity::Neutral => "highest first",
    };
    let mut text = format!(
        "Bar chart of {} for all {level_words}, {}, {order}: {}.",
        metric.short_name,
        result
            .period
            .map(|p| p.label(metric.frequency))
            .unwrap_or_default(),
        shown.join("; ")
    );
    if !result.benchmarks.is_empty() {
        let words: Vec<String> = result
            .benchmarks
            .iter()
            .map(|b| b.words(metric.frequency))
            .collect();
        text.push_str(&format!(
            " Benchmarks, not ranked, below: {}.",
            words.join("; ")
        ));
    }
    text
}

fn table(metric: &Metric, result: &Comparison) -> Html {
    let period = result.period;
    let columns = if metric.kind.has_ratio() { 8 } else { 6 };
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Comparison table">
            <table class="data-table" data-testid="compare-table">
                <caption>{ format!("{} by area, {}", metric.short_name, period.map(|p| p.label(metric.frequency)).unwrap_or_default()) }</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">{ "Rank" }</th>
                        <th scope="col">{ "Area" }</th>
                        <th scope="col">{ "Part of" }</th>
                        <th scope="col" class="num">{ "Value" }</th>
                        if metric.kind.has_ratio() {
                            <th scope="col" class="num">{ "Numerator" }</th>
                            <th scope="col" class="num">{ "Denominator" }</th>
                        }
                        <th scope="col">{ "Against target" }</th>
                        <th scope="col">{ "Provenance" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for result.rows.iter().enumerate().map(|(i, r)| {
                        let figure = r.outcome.figure();
                        let (n, d, _) = figure.map_or((None, None, None), |f| f.observation.parts());
                        let count = crate::analysis::format_count;
                        let statuses = match (period, figure) {
                            (Some(p), Some(f)) => status(metric, p, f.value).iter().map(|t| t.sentence()).collect::<Vec<_>>().join("; "),
                            _ => String::new(),
                        };
                        html! {
                            <tr data-area={r.area.clone()}>
                                <td class="num">{ if figure.is_some() { (i + 1).to_string() } else { "–".to_string() } }</td>
                                <th scope="row"><a href={Route::Area { area: r.area.clone() }.href()}>{ r.name.clone() }</a></th>
                                <td>{ r.parent.clone().unwrap_or_default() }</td>
                                <td class="num">
                                    { figure.map_or_else(|| "No data".to_string(), |f| format_value(metric, f.value)) }
                                    if let crate::analysis::Outcome::NoValue { reason } = &r.outcome { <span class="reason">{ reason.clone() }</span> }
                                </td>
                                if metric.kind.has_ratio() {
                                    <td class="num">{ count(n) }</td>
                                    <td class="num">{ count(d) }</td>
                                }
                                <td>{ if statuses.is_empty() { "–".to_string() } else { statuses } }</td>
                                <td>
                                    if let Some(f) = figure {
                                        <Badge provenance={f.provenance} />
                                        <span class="as-at">{ format!("As at {}", f.as_at) }</span>
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
                if !result.benchmarks.is_empty() {
                    <tbody class="benchmark-rows" data-testid="compare-benchmarks">
                        <tr>
                            <th scope="rowgroup" colspan={columns.to_string()}>{ "Benchmarks (not ranked)" }</th>
                        </tr>
                        { for result.benchmarks.iter().map(|b| benchmark_row(metric, b)) }
                    </tbody>
                }
            </table>
        </div>
    }
}

/// A benchmark's row, after the ranked areas: "Benchmark" where the rank
/// would be, the same value, parts, status and provenance as an area's.
fn benchmark_row(metric: &Metric, b: &Benchmark) -> Html {
    let figure = b.figure.as_ref();
    let (n, d, _) = figure.map_or((None, None, None), |f| f.observation.parts());
    let count = crate::analysis::format_count;
    let statuses = b.value.map_or_else(String::new, |v| {
        status(metric, b.period, v)
            .iter()
            .map(|t| t.sentence())
            .collect::<Vec<_>>()
            .join("; ")
    });
    html! {
        <tr data-benchmark={b.code.clone()}>
            <td class="num">{ "Benchmark" }</td>
            <th scope="row">{ benchmark_name(b) }</th>
            <td>{ "–" }</td>
            <td class="num">
                { b.display.clone() }
                if b.value.is_none() {
                    <span class="reason">{ b.words(metric.frequency) }</span>
                }
            </td>
            if metric.kind.has_ratio() {
                <td class="num">{ count(n) }</td>
                <td class="num">{ count(d) }</td>
            }
            <td>{ if statuses.is_empty() { "–".to_string() } else { statuses } }</td>
            <td>
                if let Some(f) = figure {
                    <Badge provenance={f.provenance} />
                    <span class="as-at">{ format!("As at {}", f.as_at) }</span>
                }
            </td>
        </tr>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct BarChartProps {
    pub metric: Metric,
    pub bars: Rc<Vec<Bar>>,
    pub target: Option<f64>,
    pub description: AttrValue,
    pub filename: AttrValue,
}

impl CanvasChart for BarChartProps {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> Result<(), ChartError<DB>> {
        let metric = &self.metric;
        let data = crate::chart::BarChartData {
            bars: &self.bars,
            target: self
                .target
                .map(|t| (t, format!("Target {}", format_value(metric, t)))),
            polarity: metric.polarity,
        };
        crate::chart::draw_bars(
            area,
            &data,
            &crate::chart::Palette::default(),
            scale,
            &|v| format_value(metric, v),
        )
    }

    fn css_height(&self) -> Option<u32> {
        Some(40 + 34 * self.bars.len().max(3) as u32)
    }
}

/// The ranked bars on a canvas, sized in device pixels.
#[function_component(BarChart)]
pub fn bar_chart(props: &BarChartProps) -> Html {
    let canvas = use_chart_canvas(props);
    html! {
        <>
            <canvas ref={canvas.clone()} class="chart bars" data-chart="bars" role="img"
                aria-label={props.description.clone()}>{ props.description.clone() }</canvas>
            <p class="downloads"><PngButton filename={props.filename.clone()} canvas={canvas} /></p>
        </>
    }
}
