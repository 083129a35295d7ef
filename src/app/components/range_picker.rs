//! Choose the range of the trend on a detail page; kept in the URL. SPC is
//! recomputed over the chosen range, so its limits and icons describe it.

use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::app::painted::use_painted;
use crate::app::route::{navigate, Route};
use crate::model::{Frequency, Period};

#[derive(Properties, PartialEq, Clone)]
pub struct RangePickerProps {
    pub area: AttrValue,
    pub metric: AttrValue,
    pub frequency: Frequency,
    /// Every period of the full trend, earliest first.
    pub periods: Rc<Vec<Period>>,
    pub range: Option<(Period, Period)>,
}

#[function_component(RangePicker)]
pub fn range_picker(props: &RangePickerProps) -> Html {
    // Until the page has been painted, each list holds only its chosen
    // period (it looks the same closed): over two hundred options less to
    // build before the chart shows.
    let painted = use_painted();
    let (Some(&first), Some(&last)) = (props.periods.first(), props.periods.last()) else {
        return html! {};
    };
    let (from, to) = props.range.unwrap_or((first, last));
    let go = {
        let (area, metric) = (props.area.to_string(), props.metric.to_string());
        move |from: Period, to: Period| {
            let next = if from == first && to == last {
                Route::Metric {
                    area: area.clone(),
                    metric: metric.clone(),
                }
            } else {
                let (from, to) = (from.min(to), from.max(to));
                Route::MetricRange {
                    area: area.clone(),
                    metric: metric.clone(),
                    from: from.to_string(),
                    to: to.to_string(),
                }
            };
            navigate(&next);
        }
    };
    let picked =
        |e: &Event| Period::parse(&e.target_unchecked_into::<HtmlSelectElement>().value()).ok();
    let on_from = {
        let go = go.clone();
        Callback::from(move |e: Event| {
            if let Some(p) = picked(&e) {
                go(p, to)
            }
        })
    };
    let on_to = Callback::from(move |e: Event| {
        if let Some(p) = picked(&e) {
            go(from, p)
        }
    });
    let options = |selected: Period| {
        props
            .periods
            .iter()
            .filter(|p| painted || **p == selected)
            .map(|p| html! { <option value={p.to_string()} selected={*p == selected}>{ p.label(props.frequency) }</option> })
            .collect::<Html>()
    };
    html! {
        <div class="controls range-picker">
            <label for="range-from">{ "Trend from" }</label>
            <select id="range-from" onchange={on_from}>{ options(from) }</select>
            <label for="range-to">{ "to" }</label>
            <select id="range-to" onchange={on_to}>{ options(to) }</select>
            if props.range.is_some() {
                <a href={Route::Metric { area: props.area.to_string(), metric: props.metric.to_string() }.href()}>{ "Show the whole trend" }</a>
            }
        </div>
    }
}
