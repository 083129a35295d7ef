//! Choose the period the overview shows: each measure's latest (the
//! default), or any month with figures. The choice lives in the URL.

use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::analysis::periods;
use crate::app::painted::use_painted;
use crate::app::route::{navigate, Route};
use crate::load::Dataset;
use crate::model::Period;

#[derive(Properties, Clone)]
pub struct PeriodPickerProps {
    pub data: Rc<Dataset>,
    pub area: AttrValue,
    pub period: Option<Period>,
}

impl PartialEq for PeriodPickerProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
            && self.area == other.area
            && self.period == other.period
    }
}

#[function_component(PeriodPicker)]
pub fn period_picker(props: &PeriodPickerProps) -> Html {
    // Until the page has been painted, the list holds only the chosen period
    // (it looks the same closed): a hundred options less before the overview
    // shows.
    let painted = use_painted();
    let data = &props.data;
    let all = if painted {
        Period::distinct(
            data.catalogue
                .metrics
                .iter()
                .flat_map(|m| periods(data, m, &props.area)),
        )
    } else {
        props.period.into_iter().collect()
    };
    let onchange = {
        let area = props.area.to_string();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let next = if value.is_empty() {
                Route::Area { area: area.clone() }
            } else {
                Route::AreaAt {
                    area: area.clone(),
                    period: value,
                }
            };
            navigate(&next);
        })
    };
    html! {
        <div class="controls">
            <label for="period-picker">{ "Period shown" }</label>
            <select id="period-picker" {onchange}>
                <option value="" selected={props.period.is_none()}>{ "Latest for each measure" }</option>
                { for all.iter().rev().map(|p| html! {
                    <option value={p.to_string()} selected={Some(*p) == props.period}>{ p.long_label() }</option>
                }) }
            </select>
        </div>
    }
}
