//! Presentation mode for Health and Wellbeing Board meetings: one metric per
//! screen in large, high-contrast type; arrow keys, space and PageUp/PageDown
//! (what presentation clickers send) and on-screen buttons move between
//! slides; optional auto-advance with a visible countdown and pause; Escape
//! leaves. The slide, area and the board's list of metrics are in the URL.

use std::rc::Rc;
use yew::prelude::*;

use super::badge::Badge;
use super::icons::{assurance_words, variation_words, AssuranceIcon, VariationIcon};
use super::spc_chart::{chart_inputs, ChartInputs, SpcChart};
use crate::analysis::export::filename;
use crate::app::route::{navigate, Route};
use crate::load::Dataset;

/// Seconds per slide when auto-advancing.
pub const AUTO_SECONDS: u32 = 30;

#[derive(Properties, Clone)]
pub struct PresentationProps {
    pub data: Rc<Dataset>,
    pub area: AttrValue,
    /// 1-based slide number.
    pub slide: usize,
    /// The board's list of metric ids, in order; empty for the overview's order.
    #[prop_or_default]
    pub metrics: Vec<String>,
}

impl PartialEq for PresentationProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
            && self.area == other.area
            && self.slide == other.slide
            && self.metrics == other.metrics
    }
}

/// The metric ids shown, in order: the given list (unknown ids dropped) or
/// the catalogue's order.
pub fn slide_metrics(data: &Dataset, list: &[String]) -> Vec<String> {
    if list.is_empty() {
        data.catalogue
            .metrics
            .iter()
            .map(|m| m.id.clone())
            .collect()
    } else {
        list.iter()
            .filter(|id| data.catalogue.metric(id).is_some())
            .cloned()
            .collect()
    }
}

/// The route of slide `n` (1-based) of this presentation.
pub fn slide_route(area: &str, n: usize, list: &[String]) -> Route {
    if list.is_empty() {
        Route::Present {
            area: area.to_string(),
            slide: n.to_string(),
        }
    } else {
        Route::PresentList {
            area: area.to_string(),
            slide: n.to_string(),
            metrics: list.join(","),
        }
    }
}

#[function_component(Presentation)]
pub fn presentation(props: &PresentationProps) -> Html {
    let data = &props.data;
    let ids = slide_metrics(data, &props.metrics);
    let count = ids.len();
    let slide = props.slide.clamp(1, count.max(1));
    let auto = use_state(|| false);
    let remaining = use_state(|| AUTO_SECONDS);
    let go = {
        let (area, list) = (props.area.to_string(), props.metrics.clone());
        Callback::from(move |n: usize| navigate(&slide_route(&area, n, &list)))
    };
    let leave = {
        let area = props.area.to_string();
        Callback::from(move |_: ()| navigate(&Route::Area { area: area.clone() }))
    };
    let next = {
        let go = go.clone();
        move || go.emit(if slide >= count { 1 } else { slide + 1 })
    };
    let previous = {
        let go = go.clone();
        move || go.emit(if slide <= 1 { count } else { slide - 1 })
    };
    // Keys from the keyboard or a clicker, anywhere on the page.
    {
        let (next, previous, leave, go) =
            (next.clone(), previous.clone(), leave.clone(), go.clone());
        use_effect_with((slide, count), move |_| {
            #[cfg(target_arch = "wasm32")]
            {
                use wasm_bindgen::JsCast;
                let listener =
                    wasm_bindgen::closure::Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(
                        move |e: web_sys::KeyboardEvent| {
                            // Leave keys alone while a button or field has them.
                            let in_control = e
                                .target()
                                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                                .is_some_and(|el| {
                                    matches!(
                                        el.tag_name().as_str(),
                                        "BUTTON" | "SELECT" | "INPUT" | "A"
                                    )
                                });
                            match e.key().as_str() {
                                "ArrowRight" | "ArrowDown" | "PageDown" | "n" => next(),
                                " " if !in_control => next(),
                                "ArrowLeft" | "ArrowUp" | "PageUp" | "p" => previous(),
                                "Home" => go.emit(1),
                                "End" => go.emit(count),
                                "Escape" => leave.emit(()),
                                _ => return,
                            }
                            e.prevent_default();
                        },
                    );
                let window = web_sys::window();
                if let Some(w) = &window {
                    let _ = w.add_event_listener_with_callback(
                        "keydown",
                        listener.as_ref().unchecked_ref(),
                    );
                }
                move || {
                    if let Some(w) = window {
                        let _ = w.remove_event_listener_with_callback(
                            "keydown",
                            listener.as_ref().unchecked_ref(),
                        );
                    }
                    drop(listener);
                }
            }
            #[cfg(not(target_arch = "wasm32"))]
            {
                let _ = (next, previous, leave, go);
                || ()
            }
        });
    }
    // Auto-advance: a one-second tick counting down; a new slide starts again.
    {
        let (remaining, next) = (remaining.clone(), next.clone());
        use_effect_with((*auto, slide), move |(on, _)| {
            remaining.set(AUTO_SECONDS);
            #[cfg(target_arch = "wasm32")]
            let tick = on.then(|| {
                let left = std::cell::Cell::new(AUTO_SECONDS);
                gloo_timers::callback::Interval::new(1_000, move || {
                    let now = left.get().saturating_sub(1);
                    left.set(now);
                    remaining.set(now);
                    if now == 0 {
                        next();
                    }
                })
            });
            #[cfg(not(target_arch = "wasm32"))]
            let tick = {
                let _ = (on, next, remaining);
                None::<()>
            };
            // Dropping the interval (when the slide or setting changes) stops it.
            move || {
                let _stop = tick;
            }
        });
    }
    let Some(area) = data.geography.area(&props.area) else {
        return html! {};
    };
    let Some(metric) = ids.get(slide - 1).and_then(|id| data.catalogue.metric(id)) else {
        return html! { <p>{ "No measures to present." }</p> };
    };
    let ChartInputs {
        latest,
        analysis,
        sentence,
        labels,
        target,
    } = chart_inputs(data, metric, area, None);
    let on_previous = Callback::from(move |_: MouseEvent| previous());
    let on_next = Callback::from(move |_: MouseEvent| next());
    let on_leave = Callback::from(move |_: MouseEvent| leave.emit(()));
    let on_auto = {
        let auto = auto.clone();
        Callback::from(move |_: MouseEvent| auto.set(!*auto))
    };
    let on_full = Callback::from(|_: MouseEvent| {
        #[cfg(target_arch = "wasm32")]
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.request_fullscreen();
        }
    });
    html! {
        <div class="presentation" data-testid="presentation" data-slide={slide.to_string()} data-metric={metric.id.clone()}>
            <div class="present-bar" role="toolbar" aria-label="Presentation controls">
                <span class="present-count" aria-live="polite">{ format!("{} of {count}", slide) }</span>
                <button type="button" onclick={on_previous} data-action="previous">{ "‹ Previous" }</button>
                <button type="button" onclick={on_next} data-action="next">{ "Next ›" }</button>
                <button type="button" onclick={on_auto} aria-pressed={auto.to_string()} data-action="auto">
                    { if *auto { format!("Pause (next in {}s)", *remaining) } else { format!("Auto-advance every {AUTO_SECONDS}s") } }
                </button>
                <button type="button" onclick={on_full} data-action="fullscreen">{ "Full screen" }</button>
                <button type="button" onclick={on_leave} data-action="leave">{ "Leave (Esc)" }</button>
            </div>
            <h1>{ format!("{}: {}", metric.short_name, area.name) }</h1>
            <div class="present-figure">
                <p class="present-value">{ latest.display.clone() }<span class="present-period">{ latest.period_label.clone().unwrap_or_default() }</span></p>
                // England (and the region) for the same period, large, beside the value.
                if !latest.benchmarks.is_empty() {
                    <ul class="present-benchmarks" aria-label="Benchmarks for the same period" data-testid="present-benchmarks">
                        { for latest.benchmarks.iter().map(|b| html! {
                            <li data-benchmark={b.code.clone()}>
                                if b.value.is_some() {
                                    { format!("{} ", b.name) }<strong>{ b.display.clone() }</strong>
                                } else {
                                    { b.words(metric.frequency) }
                                }
                            </li>
                        }) }
                    </ul>
                }
                <ul class="targets">{ for latest.targets.iter().map(|t| html! {
                    <li class={if t.met == Some(true) { "met" } else { "not-met" }}>
                        <span class="status-icon" aria-hidden="true">{ if t.met == Some(true) { "✓" } else { "✗" } }</span>
                        <strong>{ t.words() }</strong>{ format!(" {} {}", t.target_display, t.kind.label()) }
                    </li>
                }) }</ul>
                <p class="present-icons">
                    if let Some(v) = analysis.spc.variation { <span class="icon-pair"><VariationIcon variation={v} />{ variation_words(v) }</span> }
                    if let Some(a) = analysis.spc.assurance { <span class="icon-pair"><AssuranceIcon assurance={a} />{ assurance_words(a) }</span> }
                </p>
            </div>
            if !analysis.timeline.is_empty() {
                <SpcChart analysis={analysis.clone()} labels={labels} target={target} metric={metric.clone()}
                    description={sentence.clone()} filename={filename(&["llr", &metric.id, &area.code], "png")} zoom={1.8} />
            }
            <p class="present-source">
                if let Some(f) = &latest.figure {
                    <Badge provenance={f.provenance} />
                    { format!(" As at {}. Source: {} ({}).", f.as_at, f.source.publication, f.source.publisher) }
                }
            </p>
        </div>
    }
}
