//! The area beside its siblings and its parent, for every metric: e.g. the
//! four Leicester City localities side by side with Leicester City. Each value
//! is at the viewed area's latest period for that metric, so a column is
//! comparable; where a sibling has no value the cell says so.

use std::rc::Rc;
use yew::prelude::*;

use crate::analysis::{format_value, latest, value_at, Outcome};
use crate::app::route::Route;
use crate::load::Dataset;
use crate::model::{Area, Provenance};

#[derive(Properties, Clone)]
pub struct SiblingsProps {
    pub data: Rc<Dataset>,
    pub area: AttrValue,
}

impl PartialEq for SiblingsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data) && self.area == other.area
    }
}

#[function_component(SiblingComparison)]
pub fn sibling_comparison(props: &SiblingsProps) -> Html {
    let data = &props.data;
    let geography = &data.geography;
    let Some(area) = geography.area(&props.area) else {
        return html! {};
    };
    let Some(parent) = area.parent.as_deref().and_then(|p| geography.area(p)) else {
        return html! {};
    };
    let columns: Vec<&Area> = std::iter::once(parent)
        .chain(geography.children(&parent.code))
        .collect();
    let title = format!(
        "{} beside the other {} of {}",
        area.name,
        area.level.plural(),
        parent.name
    );
    html! {
        <section class="siblings" aria-labelledby="siblings-title" data-testid="siblings">
            <h2 id="siblings-title">{ title.clone() }</h2>
            <p class="hint">{ "Each row is at the latest period with a figure for this area. Select a standard to see every area's trend." }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label={format!("{title}: table")}>
                <table class="data-table siblings-table">
                    <caption class="visually-hidden">{ title }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Standard" }</th>
                            <th scope="col">{ "Period" }</th>
                            { for columns.iter().map(|c| html! {
                                <th scope="col" class={classes!("num", (c.code == area.code).then_some("current"))}>
                                    <a href={Route::Area { area: c.code.clone() }.href()}>{ c.name.clone() }</a>
                                    if c.code == area.code { <span class="visually-hidden">{ " (this area)" }</span> }
                                </th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for data.catalogue.metrics.iter().map(|m| {
                            let period = latest(data, m, &area.code);
                            html! {
                                <tr data-metric={m.id.clone()}>
                                    <th scope="row"><a href={Route::Compare { metric: m.id.clone(), level: area.level.label().to_string() }.href()}>{ m.short_name.clone() }</a></th>
                                    <td>{ period.map_or_else(|| "–".to_string(), |p| p.label(m.frequency)) }</td>
                                    { for columns.iter().map(|c| {
                                        let cell = match period.map(|p| value_at(data, m, &c.code, p)) {
                                            Some(Outcome::Value(f)) => html! {
                                                <>
                                                    { format_value(m, f.value) }
                                                    if f.provenance != Provenance::Published {
                                                        <abbr class={classes!("mark", format!("mark-{}", f.provenance.label().to_ascii_lowercase()))} title={f.provenance.explanation()}>
                                                            { format!(" {}", &f.provenance.label()[..1]) }
                                                        </abbr>
                                                    }
                                                </>
                                            },
                                            Some(Outcome::NoValue { reason }) => html! { <span class="no-value" title={reason.clone()}>{ "No data" }<span class="visually-hidden">{ format!(": {reason}") }</span></span> },
                                            None => html! { "No data" },
                                        };
                                        html! { <td class={classes!("num", (c.code == area.code).then_some("current"))}>{ cell }</td> }
                                    }) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="hint">{ "I = illustrative (made-up) figure, D = derived (computed here from published figures); unmarked figures are published." }</p>
        </section>
    }
}
