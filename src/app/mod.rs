//! The Yew web app: state, data loading and the components on screen. The
//! only part of the crate that knows it runs in a browser.

#[cfg(target_arch = "wasm32")]
mod canvas;
pub mod chart_canvas;
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod crash;
pub mod download;
#[cfg(target_arch = "wasm32")]
mod fetch;
pub mod offline;
mod painted;
pub mod route;
mod state;
pub mod theme;

pub use components::overview::{Overview, OverviewProps};
pub use state::{Action, AppState, Load};

use std::rc::Rc;
use yew::prelude::*;

use crate::load::Dataset;
use crate::model::{Level, Period};
use components::about::AboutData;
use components::accessibility::AccessibilityStatement;
use components::area_picker::AreaPicker;
use components::compare::CompareView;
use components::detail::MetricDetail;
use components::presentation::Presentation;
use components::status_panel::{LoadingPanel, NotFound, ProblemsPanel};
use components::workforce::WorkforceView;
use route::Route;
use theme::{Theme, ThemeToggle};

/// The whole app: the shell follows the route in the URL hash.
#[function_component(App)]
pub fn app() -> Html {
    html! { <Shell /> }
}

/// Loads the data once, then shows the page the URL names.
#[function_component(Shell)]
fn shell() -> Html {
    let state = use_reducer(AppState::default);
    let theme = use_state(theme::initial);
    use_effect_with(*theme, |theme| theme::apply(*theme));
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |()| theme.set(theme.toggled()))
    };
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            #[cfg(target_arch = "wasm32")]
            wasm_bindgen_futures::spawn_local(async move {
                let result = fetch::load_dataset().await;
                state.dispatch(Action::Loaded(result.map(Rc::new)));
            });
            #[cfg(not(target_arch = "wasm32"))]
            let _ = state;
        });
    }
    let route = route::use_route();
    {
        // After the first page, each route change moves focus to the new
        // page's heading and announces it; every page sets the window title.
        let ready = matches!(state.load, Load::Ready(_));
        let first = use_mut_ref(|| true);
        use_effect_with((route.clone(), ready), move |(_, ready)| {
            if *ready {
                let move_focus = !std::mem::replace(&mut *first.borrow_mut(), false);
                announce_page(move_focus);
            }
        });
    }
    let body = match &state.load {
        Load::Loading => html! { <LoadingPanel /> },
        Load::Failed(reason) => html! {
            <div class="panel panel-error" role="alert" data-testid="error-panel">
                <h2>{ "The dashboard could not load its data" }</h2>
                <p>{ reason.clone() }</p>
            </div>
        },
        Load::Ready(data) => {
            // Presentation mode fills the screen: no site chrome around it.
            if let Some(slides) = present_page(data, &route) {
                return html! {
                    <ContextProvider<Theme> context={*theme}>
                        <p id="route-announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></p>
                        <main id="main" class="present-main" tabindex="-1"><offline::OfflineNotice />{ slides }</main>
                    </ContextProvider<Theme>>
                };
            }
            page(data, &route)
        }
    };
    html! {
        <ContextProvider<Theme> context={*theme}>
            <a class="skip-link" href="#main" onclick={skip_to_main()}>{ "Skip to main content" }</a>
            <header class="site-header">
                <div class="wrap">
                    <p class="site-title"><a href={Route::Home.href()}>{ "LLR system performance" }</a></p>
                    <p class="site-strap">{ "Leicester, Leicestershire and Rutland: NHS constitutional standards and workforce" }</p>
                    <nav aria-label="Site" class="site-nav">
                        <ul>
                            <li><a href={Route::Home.href()}>{ "Overview" }</a></li>
                            <li><a href={Route::About.href()}>{ "About the data" }</a></li>
                            <li><a href={Route::Accessibility.href()}>{ "Accessibility" }</a></li>
                            <li><ThemeToggle theme={*theme} on_toggle={on_theme} /></li>
                        </ul>
                    </nav>
                </div>
            </header>
            <p id="route-announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></p>
            <main id="main" class="wrap" tabindex="-1"><offline::OfflineNotice />{ body }</main>
            <p class="print-only print-footer">
                { "LLR system performance dashboard. Figures from published NHS extracts, each with its own \"as at\" date and source shown beside it; \
                   illustrative (made-up) and derived figures are badged. Printed from " }
                <span class="print-url">{ current_url() }</span>
            </p>
            <footer class="site-footer">
                <div class="wrap">
                    <p>{ "Figures are loaded from published extracts and computed in your browser. No cookies, no tracking. \
                          Badges mark illustrative (made-up) and derived (computed here) figures." }</p>
                    <p>
                        <a href={Route::About.href()}>{ "About the data" }</a>{ " · " }
                        <a href={Route::Accessibility.href()}>{ "Accessibility statement" }</a>
                    </p>
                </div>
            </footer>
        </ContextProvider<Theme>>
    }
}

/// The skip link must not change the hash (the hash is the route): focus main instead.
fn skip_to_main() -> Callback<MouseEvent> {
    Callback::from(|e: MouseEvent| {
        e.prevent_default();
        #[cfg(target_arch = "wasm32")]
        if let Some(main) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("main"))
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        {
            let _ = main.focus();
        }
    })
}

fn page(data: &Rc<Dataset>, route: &Route) -> Html {
    let system = data
        .geography
        .system()
        .map(|a| a.code.clone())
        .unwrap_or_default();
    // (area, metric, period or range) named by the route
    let workforce = matches!(route, Route::Workforce { .. });
    let (area, metric, period, range) = match route {
        Route::Workforce { area } => (area.clone(), None, None, None),
        Route::Home => (system, None, None, None),
        Route::Area { area } => (area.clone(), None, None, None),
        Route::AreaAt { area, period } => (area.clone(), None, Some(period.as_str()), None),
        Route::Metric { area, metric } => (area.clone(), Some(metric.clone()), None, None),
        Route::MetricRange {
            area,
            metric,
            from,
            to,
        } => (
            area.clone(),
            Some(metric.clone()),
            None,
            Some((from.as_str(), to.as_str())),
        ),
        Route::Compare { metric, level } => return compare_page(data, metric, level, None),
        Route::CompareAt {
            metric,
            level,
            period,
        } => return compare_page(data, metric, level, Some(period)),
        Route::About => return html! { <AboutData data={data.clone()} /> },
        Route::Accessibility => return html! { <AccessibilityStatement /> },
        // Handled before the site chrome is drawn (see `present_page`).
        Route::Present { .. } | Route::PresentList { .. } => return html! {},
        Route::NotFound => return html! { <NotFound what={"page".to_string()} /> },
    };
    if data.geography.area(&area).is_none() {
        return html! { <NotFound what={format!("area \"{area}\"")} /> };
    }
    if let Some(m) = &metric {
        if data.catalogue.metric(m).is_none() {
            return html! { <NotFound what={format!("metric \"{m}\"")} /> };
        }
    }
    let bad_period =
        || html! { <NotFound what={"period in that link (use YYYY-MM)".to_string()} /> };
    let Ok(period) = period.map(Period::parse).transpose() else {
        return bad_period();
    };
    let range = match range.map(|(f, t)| (Period::parse(f), Period::parse(t))) {
        None => None,
        Some((Ok(from), Ok(to))) if from <= to => Some((from, to)),
        Some(_) => return bad_period(),
    };
    let on_area = {
        let route = route.clone();
        Callback::from(move |code: String| route::navigate(&route.with_area(code)))
    };
    html! {
        <>
            <AreaPicker data={data.clone()} selected={area.clone()} on_change={on_area} />
            <ProblemsPanel data={data.clone()} />
            if workforce {
                <WorkforceView data={data.clone()} area={area} />
            } else if let Some(metric) = metric {
                <MetricDetail data={data.clone()} area={area} metric={metric} {range} />
            } else {
                <Overview data={data.clone()} area={area} {period} />
            }
        </>
    }
}

/// The presentation for a `Present`/`PresentList` route, or `None` for any other.
fn present_page(data: &Rc<Dataset>, route: &Route) -> Option<Html> {
    let (area, slide, list) = match route {
        Route::Present { area, slide } => (area, slide, Vec::new()),
        Route::PresentList {
            area,
            slide,
            metrics,
        } => (
            area,
            slide,
            metrics
                .split(',')
                .filter(|m| !m.is_empty())
                .map(str::to_string)
                .collect(),
        ),
        _ => return None,
    };
    if data.geography.area(area).is_none() {
        return Some(html! { <NotFound what={format!("area \"{area}\"")} /> });
    }
    let Ok(slide) = slide.parse::<usize>() else {
        return Some(html! { <NotFound what={format!("slide \"{slide}\"")} /> });
    };
    Some(html! { <Presentation data={data.clone()} area={area.clone()} {slide} metrics={list} /> })
}

fn compare_page(data: &Rc<Dataset>, metric: &str, level: &str, period: Option<&String>) -> Html {
    let level = match level {
        "place" => Level::Place,
        "locality" => Level::Locality,
        other => {
            return html! { <NotFound what={format!("level \"{other}\" (use place or locality)")} /> }
        }
    };
    if data.catalogue.metric(metric).is_none() {
        return html! { <NotFound what={format!("metric \"{metric}\"")} /> };
    }
    let period = match period.map(|p| Period::parse(p)) {
        None => None,
        Some(Ok(p)) => Some(p),
        Some(Err(_)) => return html! { <NotFound what={"period in that link".to_string()} /> },
    };
    html! { <CompareView data={data.clone()} metric={metric.to_string()} {level} {period} /> }
}

/// The page's address, for the printed footer.
fn current_url() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// Titles the window after the page's h1 and, on navigation, focuses that
/// heading and says its name in the live region.
fn announce_page(move_focus: bool) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(h1) = document.query_selector("main h1").ok().flatten() else {
            return;
        };
        let heading = h1.text_content().unwrap_or_default();
        document.set_title(&format!("{heading} – LLR system performance"));
        if move_focus {
            let _ = h1.set_attribute("tabindex", "-1");
            if let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>() {
                let _ = h1.focus();
            }
            if let Some(live) = document.get_element_by_id("route-announcer") {
                live.set_text_content(Some(&heading));
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = move_focus;
}
