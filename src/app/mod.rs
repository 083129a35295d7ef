//! The Yew web app: state, data loading and the components on screen. The
//! only part of the crate that knows it runs in a browser.

#[cfg(target_arch = "wasm32")]
mod canvas;
pub mod components;
#[cfg(target_arch = "wasm32")]
mod fetch;
mod state;

pub use components::overview::{Overview, OverviewProps};
pub use state::{Action, AppState, Load};

use yew::prelude::*;

use components::area_picker::AreaPicker;
use components::status_panel::{LoadingPanel, ProblemsPanel};

/// The whole app: loads the data once, then shows the overview of the chosen area.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            #[cfg(target_arch = "wasm32")]
            wasm_bindgen_futures::spawn_local(async move {
                let result = fetch::load_dataset().await;
                state.dispatch(Action::Loaded(result.map(std::rc::Rc::new)));
            });
            #[cfg(not(target_arch = "wasm32"))]
            let _ = state;
        });
    }
    let on_area = {
        let state = state.clone();
        Callback::from(move |code: String| state.dispatch(Action::SelectArea(code)))
    };
    let body = match &state.load {
        Load::Loading => html! { <LoadingPanel /> },
        Load::Failed(reason) => html! {
            <div class="panel panel-error" role="alert" data-testid="error-panel">
                <h2>{ "The dashboard could not load its data" }</h2>
                <p>{ reason.clone() }</p>
            </div>
        },
        Load::Ready(data) => {
            let area = state.area_or_system(data);
            html! {
                <>
                    <AreaPicker data={data.clone()} selected={area.clone()} on_change={on_area} />
                    <ProblemsPanel data={data.clone()} />
                    <Overview data={data.clone()} area={area} />
                </>
            }
        }
    };
    html! {
        <>
            <a class="skip-link" href="#main">{ "Skip to main content" }</a>
            <header class="site-header">
                <div class="wrap">
                    <p class="site-title">{ "LLR system performance" }</p>
                    <p class="site-strap">{ "Leicester, Leicestershire and Rutland: NHS constitutional standards and workforce" }</p>
                </div>
            </header>
            <main id="main" class="wrap" tabindex="-1">{ body }</main>
            <footer class="site-footer">
                <div class="wrap">
                    <p>{ "Figures are loaded from published extracts and computed in your browser. No cookies, no tracking. \
                          Badges mark illustrative (made-up) and derived (computed here) figures." }</p>
                </div>
            </footer>
        </>
    }
}
