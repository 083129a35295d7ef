//! The one place that touches the network: fetch a data file as text, and load
//! the whole dataset (manifest first, then everything else in parallel, each
//! extract parsed as soon as it and those before it have arrived, while the
//! rest are still downloading).
//!
//! A file that fails (network error or an HTTP error) is tried again twice,
//! a little later each time. If it still fails, the browser's saved copy (the
//! service worker keeps the last good copy of every data file) is used and
//! recorded in [`Dataset::saved_copies`], so a broken manifest or extract on
//! the server keeps the last good figures on screen, with their dates. Only
//! when there is no saved copy does the file fail.

use futures::stream::{FuturesOrdered, StreamExt};
use gloo_net::http::Request;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::offline::SAVED_AT_HEADER;
use crate::load::{check_size, decode_text, parse_manifest, Dataset, Problem, SavedCopy};

/// Waits before the second and third tries, in milliseconds.
const RETRY_DELAYS_MS: [u32; 2] = [400, 1_200];

/// A data file's text, and the saved-copy record when it came from the cache.
struct Fetched {
    text: String,
    saved: Option<SavedCopy>,
}

/// Why one try failed: worth trying again, or not (a file too big to read).
enum Failure {
    Retry(String),
    Final(String),
}

/// Fetches `data/<file>` once. A 404 or other non-OK answer is an error
/// naming the file and the status (gloo's `send` succeeds for a 404). A file
/// whose Content-Length is over [`crate::load::MAX_EXTRACT_BYTES`] is refused before its
/// body is read, so a wrong 100 MB file cannot freeze the tablet.
async fn fetch_once(url: &str, file: &str) -> Result<Fetched, Failure> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| Failure::Retry(format!("could not fetch {file}: {e}")))?;
    if !response.ok() {
        return Err(Failure::Retry(format!(
            "could not fetch {file}: HTTP {} {}",
            response.status(),
            response.status_text()
        )));
    }
    let length = response
        .headers()
        .get("content-length")
        .and_then(|l| l.trim().parse::<u64>().ok());
    if let Some(length) = length {
        check_size(file, length).map_err(|p| Failure::Final(p.reason))?;
    }
    // Online, a response carrying the service worker's date is its saved
    // copy, given because the server failed (sw.js answers a 5xx or a network
    // error that way): say so. Offline, the offline notice says it already.
    let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
    let saved = response
        .headers()
        .get(SAVED_AT_HEADER)
        .filter(|_| online)
        .map(|saved_at| SavedCopy {
            file: file.to_string(),
            reason: format!(
                "the server could not give {file}, so the service worker answered with its saved copy"
            ),
            saved_at,
        });
    // The bytes, not `text()`: that would decode to a JS string only for it
    // to be encoded again on its way into the wasm (a second copy of a big file).
    let bytes = response
        .binary()
        .await
        .map_err(|e| Failure::Retry(format!("could not read {file}: {e}")))?;
    Ok(Fetched {
        text: decode_text(bytes),
        saved,
    })
}

/// The browser's saved copy of `url` and when it was saved, if there is one.
async fn saved_copy(url: &str) -> Option<(String, String)> {
    let caches = web_sys::window()?.caches().ok()?;
    let found = JsFuture::from(caches.match_with_str(url)).await.ok()?;
    let response: web_sys::Response = found.dyn_into().ok()?;
    let saved_at = response.headers().get(SAVED_AT_HEADER).ok().flatten()?;
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    Some((text, saved_at))
}

/// Fetches `data/<file>`, trying three times, then falls back to the saved copy.
async fn fetch_file(file: &str) -> Result<Fetched, String> {
    let url = format!("data/{file}");
    let mut last = String::new();
    for delay in [0].into_iter().chain(RETRY_DELAYS_MS) {
        if delay > 0 {
            TimeoutFuture::new(delay).await;
        }
        match fetch_once(&url, file).await {
            Ok(fetched) => return Ok(fetched),
            Err(Failure::Final(e)) => return Err(e),
            Err(Failure::Retry(e)) => last = e,
        }
    }
    let reason = format!("{last} (tried {} times)", RETRY_DELAYS_MS.len() + 1);
    match saved_copy(&url).await {
        Some((text, saved_at)) => Ok(Fetched {
            text,
            saved: Some(SavedCopy {
                file: file.to_string(),
                reason,
                saved_at,
            }),
        }),
        None => Err(reason),
    }
}

/// Loads the manifest, then geography, catalogue and every extract at once.
/// Only a failed manifest, geography or catalogue is fatal; a failed extract
/// becomes an error panel for its metrics.
pub async fn load_dataset() -> Result<Dataset, String> {
    let mut saved = Vec::new();
    let mut keep = |fetched: Result<Fetched, String>| {
        fetched.map(|f| {
            saved.extend(f.saved);
            f.text
        })
    };
    let manifest_text = keep(fetch_file("manifest.json").await)?;
    let manifest = parse_manifest("manifest.json", &manifest_text).map_err(|p| p.to_string())?;
    // Every file is requested at once; they come back in this order.
    let names = [manifest.geography.as_str(), manifest.metrics.as_str()]
        .into_iter()
        .chain(manifest.extracts.iter().map(|e| e.file()));
    let mut files: FuturesOrdered<_> = names.map(fetch_file).collect();
    let mut next = async || {
        files
            .next()
            .await
            .unwrap_or_else(|| Err("not requested".to_string()))
    };
    let geography = keep(next().await)?;
    let catalogue = keep(next().await)?;
    let mut data = Dataset::begin(
        &manifest,
        (&manifest.geography, &geography),
        (&manifest.metrics, &catalogue),
    );
    if data.geography.system().is_none() || data.catalogue.metrics.is_empty() {
        let reasons: Vec<String> = data.problems.iter().map(Problem::to_string).collect();
        return Err(format!(
            "the geography or metric catalogue is unusable: {}",
            reasons.join("; ")
        ));
    }
    for entry in &manifest.extracts {
        let text = keep(next().await);
        data.add_extract(entry, text.as_deref().map_err(Clone::clone));
    }
    data.finish();
    data.saved_copies = saved;
    Ok(data)
}
