//! The Making Data Count variation and assurance icons, drawn here as SVG.
//! Each has a text alternative and short visible words beside it, a shape
//! and a letter as well as a colour, and a dark outline so it passes 3:1
//! contrast on white even where the Making Data Count colours do not.

use yew::prelude::*;

use crate::analysis::spc::{Assurance, Variation};

const BLUE: &str = "#005EB8"; // improvement / passes (NHS blue, 5.1:1)
const ORANGE: &str = "#B35300"; // concern / fails (darkened MDC orange, 4.9:1)
const PURPLE: &str = "#7030A0"; // neutral (MDC purple, 7.2:1)
const GREY: &str = "#4C6272"; // common cause / hit and miss (5.7:1)
const OUTLINE: &str = "#212B32";

fn icon(colour: &str, letter: &str, arrow: Option<bool>, title: &str) -> Html {
    let arrow = arrow.map(|up| {
        let d = if up {
            "M22 13 L26 7 L30 13 Z"
        } else {
            "M22 19 L26 25 L30 19 Z"
        };
        html! { <path d={d} fill={colour.to_string()} stroke={OUTLINE} stroke-width="0.75" /> }
    });
    html! {
        <svg class="mdc-icon" viewBox="0 0 32 32" width="32" height="32" role="img" aria-label={title.to_string()} focusable="false">
            <title>{ title }</title>
            <circle cx="16" cy="16" r="14" fill="#fff" stroke={OUTLINE} stroke-width="1" />
            <circle cx="16" cy="16" r="12.5" fill="none" stroke={colour.to_string()} stroke-width="2.5" />
            <text x="14" y="21.5" text-anchor="middle" font-size="14" font-weight="700" fill={colour.to_string()} font-family="Arial, sans-serif">{ letter }</text>
            { for arrow }
        </svg>
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
    let (colour, letter, arrow) = match v {
        Variation::CommonCause => (GREY, "~", None),
        Variation::ImprovementHigh => (BLUE, "H", Some(true)),
        Variation::ImprovementLow => (BLUE, "L", Some(false)),
        Variation::ConcernHigh => (ORANGE, "H", Some(true)),
        Variation::ConcernLow => (ORANGE, "L", Some(false)),
        Variation::NeutralHigh => (PURPLE, "H", Some(true)),
        Variation::NeutralLow => (PURPLE, "L", Some(false)),
    };
    icon(colour, letter, arrow, v.explanation())
}

#[derive(Properties, PartialEq, Clone)]
pub struct AssuranceProps {
    pub assurance: Assurance,
}

#[function_component(AssuranceIcon)]
pub fn assurance_icon(props: &AssuranceProps) -> Html {
    let a = props.assurance;
    let (colour, letter) = match a {
        Assurance::ConsistentlyPasses => (BLUE, "P"),
        Assurance::ConsistentlyFails => (ORANGE, "F"),
        Assurance::HitAndMiss => (GREY, "?"),
    };
    icon(colour, letter, None, a.explanation())
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
