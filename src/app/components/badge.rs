//! The provenance badge: published, derived or illustrative, in words.

use yew::prelude::*;

use crate::model::Provenance;

#[derive(Properties, PartialEq, Clone)]
pub struct BadgeProps {
    pub provenance: Provenance,
}

/// A visible badge; its explanation is in the title and for screen readers.
#[function_component(Badge)]
pub fn badge(props: &BadgeProps) -> Html {
    let p = props.provenance;
    let class = classes!("badge", format!("badge-{}", p.label().to_ascii_lowercase()));
    html! {
        <span {class} title={p.explanation()}>
            { p.label() }
            <span class="visually-hidden">{ format!(": {}", p.explanation()) }</span>
        </span>
    }
}
