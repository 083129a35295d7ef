//! The Making Data Count variation and assurance icons. Each is one element
//! drawn by the stylesheet (`.mdc-icon` in styles/main.css): a ring, a letter
//! and, for special cause, an arrow, so it is told by shape and letter as well
//! as colour. Its text alternative is the plain-English explanation, with the
//! short words shown beside it. One element rather than an inline SVG of six:
//! the overview has two per row, and every element costs time to build.

use yew::prelude::*;

use crate::analysis::spc::{Assurance, Variation};

/// One icon: `kind` is its colour class (`mdc-improvement`, `mdc-concern`,
/// `mdc-neutral` or `mdc-common`) with `mdc-up`/`mdc-down` for an arrow.
fn icon(kind: &'static str, letter: &'static str, title: &'static str) -> Html {
    html! {
        <span class={classes!("mdc-icon", kind)} role="img" aria-label={title} title={title}>{ letter }</span>
    }
}

/// Short words shown beside the variation icon.
pub fn variation_words(v: Variation) -> &'static str {
    match v {
        Variation::CommonCause => "Common cause",
        Variation::ImprovementHigh => "Improvement (high)",
        Variation::ImprovementLow => "Improvement (low)",
        Variation::ConcernHigh => "Concern (high)",
        Variation::ConcernLow => "Concern (low)",
        Variation::NeutralHigh => "Special cause (high)",
        Variation::NeutralLow => "Special cause (low)",
    }
}

/// Short words shown beside the assurance icon.
pub fn assurance_words(a: Assurance) -> &'static str {
    match a {
        Assurance::ConsistentlyPasses => "Consistently passes",
        Assurance::ConsistentlyFails => "Consistently fails",
        Assurance::HitAndMiss => "Hit and miss",
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct VariationProps {
    pub variation: Variation,
}

#[function_component(VariationIcon)]
pub fn variation_icon(props: &VariationProps) -> Html {
    let v = props.variation;
    let (kind, letter) = match v {
        Variation::CommonCause => ("mdc-common", "~"),
        Variation::ImprovementHigh => ("mdc-improvement mdc-up", "H"),
        Variation::ImprovementLow => ("mdc-improvement mdc-down", "L"),
        Variation::ConcernHigh => ("mdc-concern mdc-up", "H"),
        Variation::ConcernLow => ("mdc-concern mdc-down", "L"),
        Variation::NeutralHigh => ("mdc-neutral mdc-up", "H"),
        Variation::NeutralLow => ("mdc-neutral mdc-down", "L"),
    };
    icon(kind, letter, v.explanation())
}

#[derive(Properties, PartialEq, Clone)]
pub struct AssuranceProps {
    pub assurance: Assurance,
}

#[function_component(AssuranceIcon)]
pub fn assurance_icon(props: &AssuranceProps) -> Html {
    let a = props.assurance;
    let (kind, letter) = match a {
        Assurance::ConsistentlyPasses => ("mdc-improvement", "P"),
        Assurance::ConsistentlyFails => ("mdc-concern", "F"),
        Assurance::HitAndMiss => ("mdc-common", "?"),
    };
    icon(kind, letter, a.explanation())
}

/// The legend: every icon with its meaning in plain English.
#[function_component(IconLegend)]
pub fn icon_legend() -> Html {
    let variations = [
        Variation::CommonCause,
        Variation::ImprovementHigh,
        Variation::ImprovementLow,
        Variation::ConcernHigh,
        Variation::ConcernLow,
        Variation::NeutralHigh,
        Variation::NeutralLow,
    ];
    let assurances = [
        Assurance::ConsistentlyPasses,
        Assurance::ConsistentlyFails,
        Assurance::HitAndMiss,
    ];
    html! {
        <details class="panel legend" data-testid="icon-legend">
            <summary>{ "What the variation and assurance icons mean" }</summary>
            <p>{ "The icons come from NHS England's Making Data Count approach (statistical process control). \
                  Variation says whether the latest figure is within the range normally expected (common cause) \
                  or a signal of real change (special cause). Assurance says whether, if nothing changes, \
                  the target will reliably be met. They need at least 13 points since the last rebase." }</p>
            <ul class="legend-list">
                { for variations.iter().map(|&v| html! {
                    <li><VariationIcon variation={v} /><span><strong>{ variation_words(v) }</strong>{ ": " }{ v.explanation() }</span></li>
                }) }
                { for assurances.iter().map(|&a| html! {
                    <li><AssuranceIcon assurance={a} /><span><strong>{ assurance_words(a) }</strong>{ ": " }{ a.explanation() }</span></li>
                }) }
            </ul>
        </details>
    }
}
