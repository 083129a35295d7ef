//! Loading and problem panels, so every state looks the same everywhere.

use std::rc::Rc;
use yew::prelude::*;

use crate::load::Dataset;

#[function_component(LoadingPanel)]
pub fn loading_panel() -> Html {
    html! {
        <div class="panel panel-loading" data-testid="loading" role="status" aria-live="polite">
            { "Loading the latest published figures…" }
        </div>
    }
}

#[derive(Properties, Clone)]
pub struct ProblemsProps {
    pub data: Rc<Dataset>,
}

impl PartialEq for ProblemsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
    }
}

/// An error panel per extract that failed to load, and a collapsed list of
/// every other problem found in the data (rejected points, warnings).
#[function_component(ProblemsPanel)]
pub fn problems_panel(props: &ProblemsProps) -> Html {
    let data = &props.data;
    let failed_files: Vec<&str> = data.failed.iter().map(|f| f.file.as_str()).collect();
    let others: Vec<_> = data
        .problems
        .iter()
        .filter(|p| !failed_files.contains(&p.file.as_str()))
        .collect();
    html! {
        <>
            { for data.failed.iter().map(|f| html! {
                <div class="panel panel-error" role="alert" data-testid="error-panel">
                    <h2>{ format!("Could not load {}", f.file) }</h2>
                    <ul>{ for f.problems.iter().map(|p| html! { <li>{ p.to_string() }</li> }) }</ul>
                    if !f.metrics.is_empty() {
                        <p>{ format!("Affected: {}. Everything else below is unaffected.", f.metrics.join(", ")) }</p>
                    } else {
                        <p>{ "Everything else below is unaffected." }</p>
                    }
                </div>
            }) }
            if !data.saved_copies.is_empty() {
                <div class="panel panel-warning" role="status" data-testid="saved-copy-notice">
                    <h2>{ "Showing the last good copy of some data" }</h2>
                    <ul>{ for data.saved_copies.iter().map(|c| html! {
                        <li>
                            { format!("{}: {}. Showing the copy saved on ", c.file, c.reason) }
                            <time datetime={c.saved_at.clone()}>{ crate::app::offline::pretty_date(&c.saved_at) }</time>
                            { "." }
                        </li>
                    }) }</ul>
                    <p>{ "Each figure still shows its own \"as at\" date and source. Reload later for the latest figures." }</p>
                </div>
            }
            if !others.is_empty() {
                <details class="panel panel-warning" data-testid="data-problems">
                    <summary>{ format!("{} problem{} found in the data (rejected points or warnings)", others.len(), if others.len() == 1 { "" } else { "s" }) }</summary>
                    <ul>{ for others.iter().map(|p| html! { <li>{ p.to_string() }</li> }) }</ul>
                </details>
            }
        </>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct NotFoundProps {
    /// What was not found, e.g. `area "XYZ"`.
    pub what: String,
}

/// A friendly page for unknown routes, areas or metrics, with a way home.
#[function_component(NotFound)]
pub fn not_found(props: &NotFoundProps) -> Html {
    html! {
        <div class="panel panel-error" data-testid="not-found">
            <h1>{ "Page not found" }</h1>
            <p>{ format!("There is no {} in this dashboard. The link may be out of date.", props.what) }</p>
            <p><a href={crate::app::route::Route::Home.href()}>{ "Go to the LLR system overview" }</a></p>
        </div>
    }
}
