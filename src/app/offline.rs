//! Offline use in meetings: registers the service worker (`sw.js`, which keeps
//! the app and the last data in the browser's cache) and shows a notice when
//! the browser is offline or the data on screen came from that cache.
//!
//! The service worker stores each data file with an `x-llr-cached-at` header
//! (when it was saved) and serves that copy only when the network fails, so a
//! response carrying the header means "this is the saved copy". The notice
//! asks for `data/manifest.json` once per page load to find out.

use yew::prelude::*;

/// Where the data on screen came from, as far as the notice can tell.
// Only the browser build finds a source; natively the notice stays hidden.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq, Eq)]
enum Source {
    /// From the network at this time (ISO 8601).
    Network(String),
    /// The service worker's saved copy, saved at this time (ISO 8601).
    Cache(String),
}

/// A banner saying the figures are a saved copy: shown while the browser is
/// offline, or when the data came from the cache because the network failed.
#[function_component(OfflineNotice)]
pub fn offline_notice() -> Html {
    let online = use_state(imp::is_online);
    let source = use_state(|| None::<Source>);
    {
        let online = online.clone();
        let source = source.clone();
        use_effect_with((), move |_| imp::start(online, source));
    }
    let (verb, when) = match &*source {
        Some(Source::Cache(at)) => ("saved on ", Some(at.clone())),
        Some(Source::Network(at)) => ("loaded on ", Some(at.clone())),
        None => ("already loaded", None),
    };
    let from_cache = matches!(&*source, Some(Source::Cache(_)));
    let show = !*online || from_cache;
    let reload = Callback::from(|_: MouseEvent| imp::reload());
    html! {
        <div class="offline-status" role="status" aria-live="polite">
            if show {
                <div class="panel panel-warning" data-testid="offline-notice" data-saved-at={when.clone()}>
                    <p>
                        <strong>{ "Offline: " }</strong>
                        { "showing the data " }{ verb }
                        if let Some(at) = &when {
                            <time datetime={at.clone()}>{ imp::pretty_date(at) }</time>
                        }
                        { "; figures as at the dates shown beside each measure." }
                    </p>
                    if *online {
                        <p>
                            { "The network could not be reached when the page loaded. " }
                            <button type="button" class="button-secondary" onclick={reload}>
                                { "Reload for the latest figures" }
                            </button>
                        </p>
                    }
                </div>
            }
        </div>
    }
}

/// "12 March 2025 at 14:05" in the browser's time zone (the text as given
/// outside a browser).
pub fn pretty_date(iso: &str) -> String {
    imp::pretty_date(iso)
}

/// The header the service worker (sw.js) adds to the data it saves, with
/// when it saved it: a response carrying it is the saved copy.
#[cfg(target_arch = "wasm32")]
pub(crate) const SAVED_AT_HEADER: &str = "x-llr-cached-at";

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::Source;
    use std::cell::{Cell, RefCell};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use yew::UseStateHandle;

    thread_local! {
        // Once per page load, however often the notice is mounted (the
        // presentation mode draws its own page without it).
        static REGISTERED: Cell<bool> = const { Cell::new(false) };
        static SOURCE: RefCell<Option<Source>> = const { RefCell::new(None) };
    }

    pub fn is_online() -> bool {
        web_sys::window().is_none_or(|w| w.navigator().on_line())
    }

    /// Registers the worker, follows online/offline, finds out the source.
    /// Returns the clean-up that removes the listeners.
    pub fn start(
        online: UseStateHandle<bool>,
        source: UseStateHandle<Option<Source>>,
    ) -> impl FnOnce() {
        let window = web_sys::window();
        if !REGISTERED.replace(true) {
            register();
        }
        match SOURCE.with_borrow(Clone::clone) {
            Some(known) => source.set(Some(known)),
            None => wasm_bindgen_futures::spawn_local(async move {
                if let Some(found) = check_source().await {
                    SOURCE.set(Some(found.clone()));
                    source.set(Some(found));
                }
            }),
        }
        let listener = Closure::<dyn Fn()>::new(move || online.set(is_online()));
        if let Some(w) = &window {
            for event in ["online", "offline"] {
                let _ =
                    w.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            }
        }
        move || {
            if let Some(w) = &window {
                for event in ["online", "offline"] {
                    let _ = w.remove_event_listener_with_callback(
                        event,
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
            drop(listener);
        }
    }

    /// Registers `sw.js` on http(s) pages in browsers that have service
    /// workers (they need a secure context: https, or localhost).
    fn register() {
        let Some(window) = web_sys::window() else {
            return;
        };
        let protocol = window.location().protocol().unwrap_or_default();
        if protocol != "http:" && protocol != "https:" {
            return;
        }
        let navigator = window.navigator();
        if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
            return;
        }
        let promise = navigator.service_worker().register("sw.js");
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
                web_sys::console::warn_2(
                    &JsValue::from_str(
                        "offline use unavailable: the service worker did not register:",
                    ),
                    &e,
                );
            }
        });
    }

    /// Asks for the manifest: the worker's saved copy carries its date.
    async fn check_source() -> Option<Source> {
        let response = gloo_net::http::Request::get("data/manifest.json")
            .send()
            .await
            .ok()?;
        let cached_at = response.headers().get(super::SAVED_AT_HEADER);
        // Read the (small) body: an unread one keeps the request open.
        let _ = response.text().await;
        match cached_at {
            Some(at) => Some(Source::Cache(at)),
            None if response.ok() => Some(Source::Network(String::from(
                js_sys::Date::new_0().to_iso_string(),
            ))),
            None => None,
        }
    }

    /// "12 March 2025 at 14:05" in the browser's time zone, or the text as given.
    pub fn pretty_date(iso: &str) -> String {
        let date = js_sys::Date::new(&JsValue::from_str(iso));
        if date.get_time().is_nan() {
            return iso.to_string();
        }
        let options = js_sys::Object::new();
        for (key, value) in [
            ("day", "numeric"),
            ("month", "long"),
            ("year", "numeric"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
        ] {
            let _ =
                js_sys::Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
        }
        String::from(date.to_locale_string("en-GB", &options))
    }

    pub fn reload() {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    }
}

/// Natively (tests, the server renderer) there is no network or worker: the
/// notice stays hidden.
#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::Source;
    use yew::UseStateHandle;

    pub fn is_online() -> bool {
        true
    }

    pub fn start(
        online: UseStateHandle<bool>,
        source: UseStateHandle<Option<Source>>,
    ) -> impl FnOnce() {
        let _ = (online, source);
        || ()
    }

    pub fn pretty_date(iso: &str) -> String {
        iso.to_string()
    }

    pub fn reload() {}
}
