//! The SPC chart on a canvas: crisp at any devicePixelRatio, redrawn when its
//! box changes size. Tap a point, or focus the chart and use the arrow keys,
//! to read a point's period, value and type; Escape dismisses it.

use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

use super::downloads::PngButton;
use crate::analysis::{format_value, headline, metric_spc_in, row, MetricSpc, Row};
use crate::load::Dataset;
use crate::model::Metric;
use crate::model::{Area, Period};

#[derive(Properties, PartialEq, Clone)]
pub struct SpcChartProps {
    pub analysis: Rc<MetricSpc>,
    /// x-axis label per point.
    pub labels: Rc<Vec<String>>,
    /// Target line: value and label.
    pub target: Option<(f64, String)>,
    pub metric: Metric,
    /// The chart's text alternative.
    pub description: AttrValue,
    /// Name for the PNG download.
    pub filename: AttrValue,
    /// Extra size for text, lines and markers (2.0 on a projector), on top of
    /// the devicePixelRatio.
    #[prop_or(1.0)]
    pub zoom: f64,
}

/// What a page needs to show a metric's latest figure and its SPC chart.
pub struct ChartInputs {
    pub latest: Row,
    pub analysis: Rc<MetricSpc>,
    /// The one-sentence reading: the chart's text alternative.
    pub sentence: String,
    pub labels: Rc<Vec<String>>,
    pub target: Option<(f64, String)>,
}

/// The latest row, SPC (over `range` when given), headline, x labels and
/// target line of `metric` at `area`: shared by the detail page and the
/// presentation so both say the same thing.
pub fn chart_inputs(
    data: &Dataset,
    metric: &Metric,
    area: &Area,
    range: Option<(Period, Period)>,
) -> ChartInputs {
    let latest = row(data, metric, &area.code, None);
    let analysis = Rc::new(metric_spc_in(data, metric, &area.code, range));
    let sentence = headline(metric, &area.name, &latest, &analysis);
    let labels = Rc::new(
        analysis
            .timeline
            .iter()
            .map(|(p, _)| p.label(metric.frequency))
            .collect(),
    );
    let target = analysis
        .target
        .as_ref()
        .map(|t| (t.value, format!("Target {}", format_value(metric, t.value))));
    ChartInputs {
        latest,
        analysis,
        sentence,
        labels,
        target,
    }
}

/// Point positions in CSS pixels, from the last paint, for hit-testing and the tooltip.
type Positions = Rc<RefCell<Vec<Option<(f64, f64)>>>>;

/// The next present point from `from` in direction `step` (+1/-1), if any.
fn step_to(positions: &[Option<(f64, f64)>], from: Option<usize>, step: isize) -> Option<usize> {
    let n = positions.len() as isize;
    let mut i = match from {
        Some(i) => i as isize + step,
        None if step > 0 => 0,
        None => n - 1,
    };
    while (0..n).contains(&i) {
        if positions[i as usize].is_some() {
            return Some(i as usize);
        }
        i += step;
    }
    from
}

#[function_component(SpcChart)]
pub fn spc_chart(props: &SpcChartProps) -> Html {
    let canvas = use_node_ref();
    let selected = use_state(|| None::<usize>);
    let positions: Positions = use_mut_ref(Vec::new);
    // The projector theme's zoom, unless the caller asks for more.
    let zoom = props.zoom.max(crate::app::theme::use_chart_zoom());
    {
        let canvas = canvas.clone();
        let positions = positions.clone();
        let deps = (
            props.analysis.clone(),
            props.labels.clone(),
            props.target.clone(),
            *selected,
            props.metric.clone(),
            // f64 is not Eq/Hash; compare the zoom by its bits
            zoom.to_bits(),
        );
        use_effect_with(deps, move |deps| {
            #[cfg(target_arch = "wasm32")]
            {
                let (analysis, labels, target, selected, metric, zoom) = deps.clone();
                let zoom = f64::from_bits(zoom);
                super::super::canvas::paint_and_follow_resize(canvas, move |area, scale| {
                    let data = crate::chart::SpcChartData {
                        labels: &labels,
                        spc: &analysis.spc,
                        target: target.clone(),
                        annotations: &analysis.annotations,
                        selected,
                        // England (the first benchmark) as the reference line.
                        reference: analysis.benchmarks.first().map(|b| {
                            crate::chart::ReferenceLine {
                                name: &b.name,
                                values: &b.values,
                            }
                        }),
                    };
                    let format = |v: f64| format_value(&metric, v);
                    let drawn = crate::chart::draw_spc(
                        &area,
                        &data,
                        &crate::chart::Palette::default(),
                        scale * zoom,
                        &format,
                    )?;
                    *positions.borrow_mut() = drawn
                        .into_iter()
                        .map(|p| p.map(|(x, y)| (f64::from(x) / scale, f64::from(y) / scale)))
                        .collect();
                    area.present()
                })
            }
            #[cfg(not(target_arch = "wasm32"))]
            {
                let _ = (canvas, positions, deps);
                || ()
            }
        });
    }
    let onkeydown = {
        let selected = selected.clone();
        let positions = positions.clone();
        Callback::from(move |e: KeyboardEvent| {
            let all = positions.borrow();
            let next = match e.key().as_str() {
                "ArrowRight" | "ArrowUp" => step_to(&all, *selected, 1),
                "ArrowLeft" | "ArrowDown" => step_to(&all, *selected, -1),
                "Home" => step_to(&all, None, 1),
                "End" => step_to(&all, None, -1),
                "Escape" => None,
                _ => return,
            };
            e.prevent_default();
            selected.set(next);
        })
    };
    let onclick = {
        let selected = selected.clone();
        let positions = positions.clone();
        Callback::from(move |e: MouseEvent| {
            let x = f64::from(e.offset_x());
            let nearest = positions
                .borrow()
                .iter()
                .enumerate()
                .filter_map(|(i, p)| p.map(|(px, _)| (i, (px - x).abs())))
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(i, _)| i);
            selected.set(if nearest == *selected { None } else { nearest });
        })
    };
    let dismiss = {
        let selected = selected.clone();
        Callback::from(move |_| selected.set(None))
    };
    let tip_ref = use_node_ref();
    let announced = tip_text(&props.analysis, &props.labels, &props.metric, *selected);
    let tip = selected.zip(announced.clone()).map(|(i, text)| {
        let (x, y) = positions
            .borrow()
            .get(i)
            .copied()
            .flatten()
            .unwrap_or((0.0, 0.0));
        (x, y, text)
    });
    {
        // Placed through the CSSOM: the Content-Security-Policy refuses style attributes.
        let tip_ref = tip_ref.clone();
        let at = tip
            .as_ref()
            .map(|(x, y, _)| (format!("{x:.0}px"), format!("{y:.0}px")));
        use_effect_with(at, move |at| {
            if let Some((left, top)) = at {
                crate::app::chart_canvas::set_style(
                    &tip_ref,
                    &[("left", left.clone()), ("top", top.clone())],
                );
            }
        });
    }
    html! {
        <div class="spc-chart">
            <p id="chart-help" class="hint">{ "Tap a point, or focus the chart and use the arrow keys, to read each value. The data table below has every figure." }</p>
            <div class="chart-box">
                <canvas
                    ref={canvas.clone()}
                    class="chart"
                    data-chart="spc"
                    tabindex="0"
                    role="img"
                    aria-label={props.description.clone()}
                    aria-describedby="chart-help"
                    {onkeydown}
                    {onclick}
                >{ props.description.clone() }</canvas>
                if let Some((_, _, text)) = tip {
                    <div class="chart-tip" ref={tip_ref} data-testid="chart-tip">
                        <span>{ text }</span>
                        <button type="button" class="tip-close" onclick={dismiss} aria-label="Dismiss">{ "×" }</button>
                    </div>
                }
            </div>
            <p class="downloads"><PngButton filename={props.filename.clone()} canvas={canvas.clone()} /></p>
            <p class="visually-hidden" aria-live="polite">{ announced.unwrap_or_default() }</p>
        </div>
    }
}

/// "Jun 2018: 88.2%, common cause" for the selected point, with England's
/// figure for that month where the chart draws England's line ("; England
/// 76.4%", or "; England: no data").
fn tip_text(
    analysis: &MetricSpc,
    labels: &[String],
    metric: &Metric,
    selected: Option<usize>,
) -> Option<String> {
    let i = selected?;
    let p = analysis.spc.points.get(i)?;
    let reference = analysis.benchmarks.first().map_or_else(String::new, |b| {
        match b.values.get(i).copied().flatten() {
            Some(v) => format!("; {} {}", b.name, format_value(metric, v)),
            None => format!("; {}: no data", b.name),
        }
    });
    Some(format!(
        "{}: {}, {}{reference}",
        labels.get(i)?,
        format_value(metric, p.value?),
        p.kind.label().to_ascii_lowercase()
    ))
}
