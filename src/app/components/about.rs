//! The "About the data" page (SPEC §6, public): every measure in plain
//! English (definition, calculation, unit, direction, frequency, source,
//! targets and which series carry it), what provenance and "as at" mean, how
//! areas are added up, the Making Data Count icons and the geography.
//! Every data text is rendered as text, never as HTML.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use yew::prelude::*;

use super::badge::Badge;
use super::icons::IconLegend;
use crate::analysis::{format_value, group_thousands};
use crate::load::Dataset;
use crate::model::{
    Area, Frequency, Kind, Level, Metric, Period, Polarity, Provenance, Series, Target, Unit,
};

#[derive(Properties, Clone)]
pub struct AboutDataProps {
    pub data: Rc<Dataset>,
}

impl PartialEq for AboutDataProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
    }
}

#[function_component(AboutData)]
pub fn about_data(props: &AboutDataProps) -> Html {
    let data = &props.data;
    html! {
        <article class="about" data-testid="about-data" aria-labelledby="about-title">
            <h1 id="about-title">{ "About the data" }</h1>
            <p class="lede">{ "What each measure means, how it is calculated, where its figures come from and \
                               which targets apply. Every figure in this dashboard is computed in your browser \
                               from the published extracts listed below." }</p>
            { provenance_section() }
            { adding_up_section() }
            { as_at_section(data) }
            <section class="about-section" aria-labelledby="about-icons">
                <h2 id="about-icons">{ "Making Data Count icons" }</h2>
                <p>{ "Each measure's chart is read with statistical process control, as in NHS England's \
                      Making Data Count approach. Two icons sum it up: variation (is the latest figure a \
                      sign of real change?) and assurance (will the target reliably be met?). Each icon has \
                      a letter, a shape and words as well as a colour. Open the list below to see them all." }</p>
                <IconLegend />
            </section>
            { for data.catalogue.domains.iter().map(|domain| html! {
                <section class="about-domain" aria-labelledby={format!("about-domain-{}", domain.id)}>
                    <h2 id={format!("about-domain-{}", domain.id)}>{ domain.name.clone() }</h2>
                    { for data.catalogue.in_domain(&domain.id).map(|m| metric_section(data, m)) }
                </section>
            }) }
            { geography_section(data) }
        </article>
    }
}

fn provenance_section() -> Html {
    let kinds = [
        (
            Provenance::Published,
            "The figure is exactly as the publisher released it. Some published figures describe \
             an organisation, such as a hospital trust, rather than the people living in an area: \
             the source line beside the figure names it.",
        ),
        (
            Provenance::Derived,
            "The figure was worked out from published figures: for example by adding up areas, or \
             by rebuilding a count from a published percentage. A figure this dashboard adds up \
             from published figures is always marked derived.",
        ),
        (
            Provenance::Illustrative,
            "The figure is made up, to show how the dashboard works where real figures are not \
             available at that level. It is never real data and must not be quoted. Anything worked \
             out from an illustrative figure is illustrative too.",
        ),
    ];
    html! {
        <section class="about-section" aria-labelledby="about-provenance">
            <h2 id="about-provenance">{ "Published, derived and illustrative figures" }</h2>
            <p>{ "Every figure carries a badge saying where it comes from. The badge is a word, not just a colour." }</p>
            <ul class="provenance-kinds">
                { for kinds.iter().map(|(p, more)| html! {
                    <li data-provenance={p.label().to_ascii_lowercase()}>
                        <Badge provenance={*p} />
                        { format!(" {}. {}", sentence_case(p.explanation()), more) }
                    </li>
                }) }
            </ul>
        </section>
    }
}

fn adding_up_section() -> Html {
    html! {
        <section class="about-section" aria-labelledby="about-adding-up">
            <h2 id="about-adding-up">{ "How areas are added up" }</h2>
            <p>{ "An area's own series wins: where figures are published for an area, they are used as they are." }</p>
            <p>{ "Otherwise the figure is worked out from the areas within it (a place from its localities, \
                  the system from its places), but only when every one of them has a figure for that period. \
                  If any is missing there is no value, and the page says why, for example \
                  \"3 of 4 localities reported\". A figure is never added up from a subset of the areas." }</p>
            <p>{ "How the figures are combined depends on the kind of measure:" }</p>
            <ul>
                <li>{ "Percentages and rates: the numerators are added up and divided by the sum of the \
                       denominators. Percentages are never averaged." }</li>
                <li>{ "Means (averages, such as ambulance response times): each area's mean is weighted by \
                       its number of cases." }</li>
                <li>{ "Counts: added up." }</li>
                <li>{ "Statistics such as 90th centiles and medians: these cannot be added up, so an area \
                       shows a value only when it has its own series." }</li>
            </ul>
            <p>{ "A figure added up from other figures is marked derived, or illustrative if any figure \
                  behind it is illustrative." }</p>
        </section>
    }
}

fn as_at_section(data: &Dataset) -> Html {
    html! {
        <section class="about-section" aria-labelledby="about-as-at">
            <h2 id="about-as-at">{ "What \"as at\" means" }</h2>
            <p>{ "The \"as at\" date beside a figure is the date the extract holding it was published. \
                  It tells you how up to date the file is, not which month the figure describes: the \
                  period shown with the figure says that. For a figure added up from several areas it is \
                  the latest of their dates." }</p>
            if data.extracts.is_empty() {
                <p>{ "No extracts are loaded." }</p>
            } else {
                <p>{ "The extracts behind this dashboard:" }</p>
                <ul class="extracts">
                    { for data.extracts.iter().map(|e| html! {
                        <li data-extract={e.id.clone()}>
                            <strong>{ e.title.clone() }</strong>
                            { format!(" ({}): as at {}. Source: {}, published by {}.", e.file, e.published, e.source.publication, e.source.publisher) }
                        </li>
                    }) }
                </ul>
            }
            if !data.failed.is_empty() {
                <p role="note">{ format!(
                    "Could not be loaded, so their measures have no figures: {}.",
                    data.failed.iter().map(|f| f.file.as_str()).collect::<Vec<_>>().join(", ")
                ) }</p>
            }
        </section>
    }
}

fn metric_section(data: &Dataset, metric: &Metric) -> Html {
    let id = format!("about-{}", metric.id);
    let series: Vec<&Series> = data
        .series()
        .iter()
        .filter(|s| s.metric == metric.id)
        .collect();
    let mut files: Vec<&str> = series.iter().map(|s| &*s.file).collect();
    crate::sort::by(&mut files, Ord::cmp);
    files.dedup();
    html! {
        <section class="about-metric" data-metric={metric.id.clone()} aria-labelledby={id.clone()}>
            <h3 {id}>{ metric.name.clone() }</h3>
            <p class="definition">{ metric.definition.clone() }</p>
            <dl class="facts">
                <dt>{ "Short name" }</dt>
                <dd>{ metric.short_name.clone() }</dd>
                <dt>{ "How it is calculated" }</dt>
                <dd>{ calculation(metric) }</dd>
                <dt>{ "Unit" }</dt>
                <dd>{ unit_words(metric) }</dd>
                <dt>{ "Which way is better" }</dt>
                <dd>{ polarity_words(metric.polarity) }</dd>
                <dt>{ "How often" }</dt>
                <dd>{ frequency_words(metric.frequency) }</dd>
                <dt>{ "Source" }</dt>
                <dd>{ format!("{}, published by {}", metric.source.publication, metric.source.publisher) }</dd>
                <dt>{ "Targets" }</dt>
                <dd>
                    if metric.targets.is_empty() {
                        { "No target is set for this measure." }
                    } else {
                        <ul class="targets">{ for metric.targets.iter().map(|t| target_item(metric, t)) }</ul>
                    }
                </dd>
                <dt>{ "Where the figures come from" }</dt>
                <dd>
                    if series.is_empty() {
                        { "No extract carries this measure yet." }
                    } else {
                        <ul class="carriers">{ for carriers(data, &series).iter().map(|c| carrier_item(data, metric, c)) }</ul>
                    }
                    if let Some(f) = data.failure_for(&metric.id) {
                        <p role="note">{ format!("The extract {} should carry this measure but could not be loaded.", f.file) }</p>
                    }
                </dd>
                if !files.is_empty() {
                    <dt>{ "Extracts" }</dt>
                    <dd>
                        <ul class="extract-files">{ for files.iter().map(|file| html! {
                            <li>{ extract_words(data, file) }</li>
                        }) }</ul>
                    </dd>
                }
            </dl>
        </section>
    }
}

fn calculation(metric: &Metric) -> String {
    match metric.kind {
        Kind::Proportion => {
            "A percentage: numerator ÷ denominator × 100. Areas are added up as the \
                             sum of numerators ÷ the sum of denominators."
                .to_string()
        }
        Kind::Rate => {
            let per = group_thousands(metric.per.unwrap_or(1.0), 0);
            format!(
                "A rate per {per}: numerator ÷ denominator × {per}. Areas are added up as the sum of \
                 numerators ÷ the sum of denominators."
            )
        }
        Kind::Mean => "A mean (average), published with the number of cases behind it. Areas are \
                       added up as the mean weighted by the number of cases."
            .to_string(),
        Kind::Count => "A count. Areas are added up by adding their counts.".to_string(),
        Kind::Statistic => {
            "A statistic such as a centile, as published. It is not added up across \
                            areas: an area shows a value only when it has its own series."
                .to_string()
        }
    }
}

fn unit_words(metric: &Metric) -> String {
    let places = match metric.decimals {
        0 => "whole numbers".to_string(),
        1 => "1 decimal place".to_string(),
        n => format!("{n} decimal places"),
    };
    match metric.unit {
        Unit::Percent => format!("Percentage (%), shown to {places}"),
        Unit::Seconds => "Time: held in seconds, shown as minutes and seconds (7:00 is seven minutes)"
            .to_string(),
        Unit::Fte => format!(
            "Full-time equivalent (FTE) staff: two people working half time count as one; shown as {places}"
        ),
        Unit::Count => format!("A number, shown as {places}"),
        Unit::Per10000 => format!("A rate per 10,000, shown to {places}"),
    }
}

fn polarity_words(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::HigherIsBetter => "Higher is better",
        Polarity::LowerIsBetter => "Lower is better",
        Polarity::Neutral => "Neither: a higher or lower figure is not better or worse in itself",
    }
}

fn frequency_words(frequency: Frequency) -> &'static str {
    match frequency {
        Frequency::Month => "Monthly",
        Frequency::Quarter => "Quarterly (NHS quarters: April to June is quarter 1)",
        Frequency::Year => "Yearly (NHS financial year, April to March)",
    }
}

fn target_item(metric: &Metric, target: &Target) -> Html {
    let period = match target.to {
        Some(to) => format!(
            "from {} to {}",
            target.from.label(Frequency::Month),
            to.label(Frequency::Month)
        ),
        None => format!(
            "from {}, with no end date",
            target.from.label(Frequency::Month)
        ),
    };
    html! {
        <li class="target" data-target={format!("{:?}", target.kind).to_ascii_lowercase()}>
            <strong>{ format_value(metric, target.value) }</strong>
            { format!(" {}, in force {period}.", target.kind.label()) }
            if let Some(label) = &target.label { { format!(" {label}.") } }
            if let Some(note) = &target.note { <span class="note">{ format!(" {note}") }</span> }
        </li>
    }
}

/// The series of one metric with the same provenance at the same level.
struct Carrier {
    provenance: Provenance,
    level: Level,
    areas: Vec<String>,
    organisations: BTreeSet<String>,
    sources: BTreeSet<String>,
    /// Distinct series notes, in the order found.
    notes: Vec<String>,
    series: usize,
    parts: usize,
    periods: BTreeSet<Period>,
}

fn carriers(data: &Dataset, series: &[&Series]) -> Vec<Carrier> {
    let mut groups: BTreeMap<(Provenance, Level), Carrier> = BTreeMap::new();
    for s in series {
        let Some(area) = data.geography.area(&s.area) else {
            continue;
        };
        let c = groups
            .entry((s.provenance, area.level))
            .or_insert_with(|| Carrier {
                provenance: s.provenance,
                level: area.level,
                areas: Vec::new(),
                organisations: BTreeSet::new(),
                sources: BTreeSet::new(),
                notes: Vec::new(),
                series: 0,
                parts: 0,
                periods: BTreeSet::new(),
            });
        if !c.areas.contains(&area.code) {
            c.areas.push(area.code.clone());
        }
        if let Some(org) = &s.organisation {
            c.organisations.insert(
                data.geography
                    .organisation(org)
                    .map(|o| format!("{} ({})", o.name, o.code))
                    .unwrap_or_else(|| org.to_string()),
            );
        }
        c.sources.insert(format!(
            "{}, published by {}",
            s.source.publication, s.source.publisher
        ));
        if let Some(note) = &s.note {
            if !c.notes.contains(note) {
                c.notes.push(note.clone());
            }
        }
        c.series += 1;
        if !s.is_total() {
            c.parts += 1;
        }
        c.periods.extend(s.points.iter().map(|p| p.period));
    }
    groups.into_values().collect()
}

/// "Leicester City (E06000016)" for one area, "12 localities" for several.
fn areas_words(data: &Dataset, c: &Carrier) -> String {
    match c.areas.as_slice() {
        [one] => data
            .geography
            .area(one)
            .map(|a| format!("{} ({})", a.name, a.code))
            .unwrap_or_else(|| one.clone()),
        many => format!("{} {}", many.len(), c.level.plural()),
    }
}

/// The range covered, "Apr 2016 to Jul 2025" (or one period), and how many
/// periods in it have figures, "36 months" or "88 of 112 months, with gaps".
fn span_words(metric: &Metric, periods: &BTreeSet<Period>) -> (String, Option<String>) {
    let (Some(&first), Some(&last)) = (periods.first(), periods.last()) else {
        return ("no figures".to_string(), None);
    };
    let f = metric.frequency;
    if first == last {
        return (first.label(f), None);
    }
    let (step, unit) = match f {
        Frequency::Month => (1, "months"),
        Frequency::Quarter => (3, "quarters"),
        Frequency::Year => (12, "years"),
    };
    let span = (first.months_until(last) / step + 1) as usize;
    let range = format!("{} to {}", first.label(f), last.label(f));
    let count = if periods.len() < span {
        format!("{} of {span} {unit} have figures, with gaps", periods.len())
    } else {
        format!("{span} {unit}")
    };
    (range, Some(count))
}

fn carrier_item(data: &Dataset, metric: &Metric, c: &Carrier) -> Html {
    let count = match (c.series, c.parts) {
        (1, _) => "1 series".to_string(),
        (n, 0) => format!("{n} series"),
        (n, parts) => format!("{n} series, {parts} of them parts of a breakdown"),
    };
    let organisations = if c.organisations.is_empty() {
        String::new()
    } else {
        format!(
            ", for {}",
            c.organisations
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let (range, covered) = span_words(metric, &c.periods);
    let detail: Vec<String> = std::iter::once(count).chain(covered).collect();
    html! {
        <li class="carrier" data-carrier={c.provenance.label().to_ascii_lowercase()}>
            <Badge provenance={c.provenance} />
            { format!(": {}{organisations}, {range} ({}).", areas_words(data, c), detail.join("; ")) }
            <span class="sources">{ format!(
                " {}: {}.",
                if c.sources.len() == 1 { "Source" } else { "Sources" },
                c.sources.iter().cloned().collect::<Vec<_>>().join("; ")
            ) }</span>
            if !c.notes.is_empty() {
                <ul class="notes">{ for c.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
            }
        </li>
    }
}

fn extract_words(data: &Dataset, file: &str) -> String {
    match data.extracts.iter().find(|e| e.file == file) {
        Some(e) => format!("{} ({}), as at {}", e.title, e.file, e.published),
        None => file.to_string(),
    }
}

fn geography_section(data: &Dataset) -> Html {
    let areas = &data.geography.areas;
    let count = |level: Level| areas.iter().filter(|a| a.level == level).count();
    let (systems, places, localities) = (
        count(Level::System),
        count(Level::Place),
        count(Level::Locality),
    );
    let plural = |n: usize, level: Level| {
        if n == 1 {
            format!("1 {}", level.label())
        } else {
            format!("{n} {}", level.plural())
        }
    };
    html! {
        <section class="about-section" aria-labelledby="about-geography">
            <h2 id="about-geography">{ "Areas and organisations" }</h2>
            <p>{ format!(
                "The dashboard covers {}, {} and {}. Each place is made up of its localities, and the system of its places.",
                plural(systems, Level::System),
                plural(places, Level::Place),
                plural(localities, Level::Locality)
            ) }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Areas table">
            <table class="areas data-table">
                <caption>{ "Areas, with their populations and where the population figures come from" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Area" }</th>
                        <th scope="col">{ "Code" }</th>
                        <th scope="col">{ "Level" }</th>
                        <th scope="col">{ "Part of" }</th>
                        <th scope="col" class="num">{ "Population" }</th>
                        <th scope="col">{ "Population source" }</th>
                    </tr>
                </thead>
                <tbody>{ for areas.iter().map(|a| area_row(data, a)) }</tbody>
            </table>
            </div>
            if !data.geography.organisations.is_empty() {
                <h3 id="about-organisations">{ "Organisations" }</h3>
                <ul class="organisations">{ for data.geography.organisations.iter().map(|o| html! {
                    <li>{ format!("{} ({}): {}", o.name, o.code, organisation_kind(&o.kind)) }</li>
                }) }</ul>
            }
        </section>
    }
}

fn area_row(data: &Dataset, area: &Area) -> Html {
    let parent = area
        .parent
        .as_deref()
        .map(|p| {
            data.geography
                .area(p)
                .map_or_else(|| p.to_string(), |a| a.name.clone())
        })
        .unwrap_or_else(|| "–".to_string());
    html! {
        <tr data-area={area.code.clone()}>
            <th scope="row">{ area.name.clone() }</th>
            <td>{ area.code.clone() }</td>
            <td>{ sentence_case(area.level.label()) }</td>
            <td>{ parent }</td>
            if let Some(p) = &area.population {
                <td class="num">{ format!("{} ({})", group_thousands(p.value as f64, 0), p.year) }</td>
                <td><Badge provenance={p.provenance} />{ format!(" {}", p.source) }</td>
            } else {
                <td class="num">{ "No data" }</td>
                <td>{ "–" }</td>
            }
        </tr>
    }
}

/// "acute_trust" -> "acute trust"; "icb" -> "integrated care board".
fn organisation_kind(kind: &str) -> String {
    match kind {
        "icb" => "integrated care board".to_string(),
        other => other.replace('_', " "),
    }
}

/// "copied from ..." -> "Copied from ..." (the app's own English words:
/// ASCII case rules, which keep Unicode's case tables out of the wasm).
fn sentence_case(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}
