//! Browser downloads (SPEC §6: CSV of what is shown, chart as PNG): a Blob,
//! an object URL and a temporary `<a download>` clicked, the URL revoked
//! later. Works on tablets: Safari on iOS/iPadOS honours `download` on blob
//! URLs since 13; where `download` is unsupported the file opens in a new tab
//! instead, from where it can be saved or shared.
//!
//! Nothing here panics: a failing browser call is logged to the console and
//! the download is skipped. Natively (tests, the server renderer) both
//! functions do nothing, so the crate still compiles and links.

/// Offers `text` for download as `filename` (e.g. a CSV from
/// `analysis::export`, with `mime` "text/csv;charset=utf-8").
pub fn download_text(filename: &str, mime: &str, text: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Err(e) = imp::text(filename, mime, text) {
        imp::warn("CSV download failed", &e);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (filename, mime, text);
}

/// Offers the canvas's current picture for download as a PNG `filename`.
/// Asynchronous in the browser (the PNG is encoded off the main thread).
pub fn download_canvas_png(canvas: &web_sys::HtmlCanvasElement, filename: &str) {
    #[cfg(target_arch = "wasm32")]
    imp::canvas_png(canvas, filename);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (canvas, filename);
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, Url};

    /// How long an object URL lives after the click: long enough for a slow
    /// device, or a new tab, to read it (FileSaver.js uses 40 s too).
    const REVOKE_AFTER_MS: i32 = 40_000;

    pub fn warn(what: &str, error: &JsValue) {
        web_sys::console::warn_2(&JsValue::from_str(what), error);
    }

    pub fn text(filename: &str, mime: &str, text: &str) -> Result<(), JsValue> {
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let options = BlobPropertyBag::new();
        options.set_type(mime);
        let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
        blob_download(&blob, filename)
    }

    pub fn canvas_png(canvas: &HtmlCanvasElement, filename: &str) {
        let name = filename.to_string();
        let fallback = canvas.clone();
        let callback = Closure::once_into_js(move |blob: JsValue| {
            let result = match blob.dyn_into::<Blob>() {
                Ok(blob) => blob_download(&blob, &name),
                // A null blob (e.g. a zero-sized canvas): try a data URL.
                Err(_) => data_url_download(&fallback, &name),
            };
            if let Err(e) = result {
                warn("Chart download failed", &e);
            }
        });
        if canvas.to_blob(callback.unchecked_ref()).is_err() {
            // toBlob missing or refused: the data URL needs no callback.
            if let Err(e) = data_url_download(canvas, filename) {
                warn("Chart download failed", &e);
            }
        }
    }

    fn data_url_download(canvas: &HtmlCanvasElement, filename: &str) -> Result<(), JsValue> {
        let url = canvas.to_data_url_with_type("image/png")?;
        click_link(&url, filename)
    }

    fn blob_download(blob: &Blob, filename: &str) -> Result<(), JsValue> {
        let url = Url::create_object_url_with_blob(blob)?;
        let clicked = click_link(&url, filename);
        revoke_later(url);
        clicked
    }

    /// Clicks a hidden `<a href download>` added to the body for the click
    /// (Firefox needs it in the document), or opens `url` in a new tab when
    /// the browser has no `download` attribute.
    fn click_link(url: &str, filename: &str) -> Result<(), JsValue> {
        let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let document = window
            .document()
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
        if !js_sys::Reflect::has(&anchor, &JsValue::from_str("download")).unwrap_or(false) {
            window.open_with_url_and_target(url, "_blank")?;
            return Ok(());
        }
        anchor.set_href(url);
        anchor.set_download(filename);
        anchor.set_rel("noopener");
        anchor.set_attribute("hidden", "")?;
        let body = document
            .body()
            .ok_or_else(|| JsValue::from_str("no body"))?;
        body.append_child(&anchor)?;
        anchor.click();
        anchor.remove();
        Ok(())
    }

    fn revoke_later(url: String) {
        let revoke = Closure::once_into_js(move || {
            let _ = Url::revoke_object_url(&url);
        });
        let scheduled = web_sys::window().map(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                revoke.unchecked_ref(),
                REVOKE_AFTER_MS,
            )
        });
        if !matches!(scheduled, Some(Ok(_))) {
            // Without a timer the URL stays until the page is closed: harmless.
            warn("Could not schedule revoking a download URL", &JsValue::NULL);
        }
    }
}
