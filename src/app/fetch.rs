//! The one place that touches the network: fetch a data file as text, and load
//! the whole dataset (manifest first, then everything else in parallel).

use futures::future::join_all;
use gloo_net::http::Request;

use crate::load::{parse_manifest, Dataset, Problem};

/// Fetches `data/<file>` as text. A 404 or other non-OK answer is an error
/// naming the file and the status (gloo's `send` succeeds for a 404).
pub async fn fetch_text(file: &str) -> Result<String, String> {
    let url = format!("data/{file}");
    let response = Request::get(&url)
        .send()
        .await
        .map_err(|e| format!("could not fetch {file}: {e}"))?;
    if !response.ok() {
        return Err(format!(
            "could not fetch {file}: HTTP {} {}",
            response.status(),
            response.status_text()
        ));
    }
    response
        .text()
        .await
        .map_err(|e| format!("could not read {file}: {e}"))
}

/// Loads the manifest, then geography, catalogue and every extract at once.
/// Only a failed manifest, geography or catalogue is fatal; a failed extract
/// becomes an error panel for its metrics.
pub async fn load_dataset() -> Result<Dataset, String> {
    let manifest_text = fetch_text("manifest.json").await?;
    let manifest = parse_manifest("manifest.json", &manifest_text).map_err(|p| p.to_string())?;
    let (geography, catalogue, extracts) = futures::join!(
        fetch_text(&manifest.geography),
        fetch_text(&manifest.metrics),
        join_all(manifest.extracts.iter().map(|e| fetch_text(e.file())))
    );
    let geography = geography?;
    let catalogue = catalogue?;
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
    for (entry, text) in manifest.extracts.iter().zip(extracts) {
        data.add_extract(entry, text.as_deref().map_err(Clone::clone));
    }
    data.finish();
    Ok(data)
}
