//! The last line of defence: if the app ever panics, the page does not just
//! freeze. The panic hook logs the panic to the console and puts a plain
//! panel at the top of the page saying what happened, that the figures on
//! screen are still as loaded, and how to carry on (a link that reloads the
//! dashboard). The panel is built with the DOM directly, not with Yew, whose
//! state may be half-updated after the panic; text is set as text.

use wasm_bindgen::JsCast;

const PANEL_ID: &str = "crash-panel";

/// Replaces the default panic hook with one that also shows the crash panel.
/// Through Yew, which otherwise puts its own hook in place when it starts.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panel(&info.to_string());
    }));
}

fn show_panel(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // A second panic (the app is in a broken state) keeps the first panel.
    if document.get_element_by_id(PANEL_ID).is_some() {
        return;
    }
    let Some(body) = document.body() else {
        return;
    };
    let element = |tag: &str, text: Option<&str>| {
        let el = document.create_element(tag).ok()?;
        if let Some(text) = text {
            el.set_text_content(Some(text));
        }
        Some(el)
    };
    let build = || -> Option<(web_sys::Element, web_sys::Element)> {
        // A landmark of its own (it sits outside <main>), holding an alert.
        let landmark = element("aside", None)?;
        landmark.set_id(PANEL_ID);
        landmark.set_class_name("wrap");
        landmark.set_attribute("aria-label", "Error").ok()?;
        let panel = element("div", None)?;
        panel.set_class_name("panel panel-error crash-panel");
        panel.set_attribute("role", "alert").ok()?;
        panel.set_attribute("data-testid", "crash-panel").ok()?;
        panel.set_attribute("tabindex", "-1").ok()?;
        landmark.append_child(&panel).ok()?;
        let heading = element("h2", Some("Something went wrong on this page"))?;
        let what = element(
            "p",
            Some(
                "The dashboard hit an error it could not recover from, so this page has stopped \
                 responding. The figures on screen are still the ones that were loaded, with their \
                 dates and sources.",
            ),
        )?;
        let next = element("p", None)?;
        let reload = element("a", Some("Reload the dashboard"))?;
        // A link without a fragment is a full navigation: the app starts afresh
        // at the overview.
        let location = web_sys::window()?.location();
        let href = format!(
            "{}{}",
            location.pathname().unwrap_or_else(|_| "/".into()),
            location.search().unwrap_or_default()
        );
        reload.set_attribute("href", &href).ok()?;
        reload.set_attribute("data-testid", "crash-reload").ok()?;
        next.append_child(&reload).ok()?;
        let details = element("details", None)?;
        let summary = element("summary", Some("Technical detail"))?;
        let pre = element("pre", Some(detail))?;
        details.append_child(&summary).ok()?;
        details.append_child(&pre).ok()?;
        for child in [heading, what, next, details] {
            panel.append_child(&child).ok()?;
        }
        Some((landmark, panel))
    };
    if let Some((landmark, panel)) = build() {
        let _ = body.insert_before(&landmark, body.first_child().as_ref());
        if let Ok(panel) = panel.dyn_into::<web_sys::HtmlElement>() {
            let _ = panel.focus();
        }
    }
}
