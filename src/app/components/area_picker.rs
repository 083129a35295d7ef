//! Choose the system, a place or a locality.

use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::load::Dataset;
use crate::model::Level;

#[derive(Properties, Clone)]
pub struct AreaPickerProps {
    pub data: Rc<Dataset>,
    pub selected: String,
    pub on_change: Callback<String>,
}

impl PartialEq for AreaPickerProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
            && self.selected == other.selected
            && self.on_change == other.on_change
    }
}

/// A labelled select, areas grouped by level, places followed by their localities.
#[function_component(AreaPicker)]
pub fn area_picker(props: &AreaPickerProps) -> Html {
    let geography = &props.data.geography;
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            on_change.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let option = |code: &str, name: String| {
        html! { <option value={code.to_string()} selected={code == props.selected}>{ name }</option> }
    };
    let system = geography.system();
    let places: Vec<_> = geography
        .areas
        .iter()
        .filter(|a| a.level == Level::Place)
        .collect();
    html! {
        <div class="area-picker">
            <label for="area-picker">{ "Show figures for" }</label>
            <select id="area-picker" {onchange}>
                { for system.map(|s| option(&s.code, format!("{} (whole system)", s.name))) }
                <optgroup label="Places">
                    { for places.iter().map(|p| option(&p.code, p.name.clone())) }
                </optgroup>
                { for places.iter().map(|p| html! {
                    <optgroup label={format!("Localities in {}", p.name)}>
                        { for geography.children(&p.code).map(|l| option(&l.code, l.name.clone())) }
                    </optgroup>
                }) }
            </select>
        </div>
    }
}
