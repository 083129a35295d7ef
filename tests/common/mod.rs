//! In-memory JSON fixtures shared by the native core tests: a small
//! geography, metrics and catalogues, series and extracts, and a loader that
//! runs them through `Dataset` as the app does.
//!
//! Not every test binary uses every builder.
#![allow(dead_code)]

use llr_dashboard::load::{Dataset, ExtractEntry, ExtractRef, Manifest};
use serde_json::{json, Value};

/// A system and its places and localities: Place A has two (Alpha North,
/// Alpha South); with `place_b`, Place B has one (Beta Only).
pub fn geography(place_b: bool) -> Value {
    let mut geography = json!({
        "schema_version": 1,
        "areas": [
            {"code": "SYS", "name": "Test System", "level": "system", "parent": null},
            {"code": "PA", "name": "Place A", "level": "place", "parent": "SYS"},
            {"code": "PB", "name": "Place B", "level": "place", "parent": "SYS"},
            {"code": "LA1", "name": "Alpha North", "level": "locality", "parent": "PA"},
            {"code": "LA2", "name": "Alpha South", "level": "locality", "parent": "PA"},
            {"code": "LB1", "name": "Beta Only", "level": "locality", "parent": "PB"}
        ],
        "organisations": [{"code": "ORG1", "name": "Test Trust", "kind": "trust"}]
    });
    if !place_b {
        geography["areas"]
            .as_array_mut()
            .expect("areas are a list")
            .retain(|a| a["code"] != "PB" && a["parent"] != "PB");
    }
    geography
}

/// A metric in domain `d` with no targets; `per` is written only for `Some`.
pub fn metric(id: &str, kind: &str, unit: &str, frequency: &str, per: Option<f64>) -> Value {
    let mut metric = json!({
        "id": id,
        "domain": "d",
        "name": id,
        "short_name": id,
        "definition": "for tests",
        "kind": kind,
        "unit": unit,
        "decimals": 1,
        "polarity": "higher_is_better",
        "frequency": frequency,
        "targets": [],
        "source": {"publisher": "Test", "publication": "Test"}
    });
    if let Some(per) = per {
        metric["per"] = json!(per);
    }
    metric
}

/// `base` with each top-level field of the object `overrides` put over it.
pub fn merged(mut base: Value, overrides: Value) -> Value {
    for (key, value) in overrides.as_object().expect("overrides are an object") {
        base[key] = value.clone();
    }
    base
}

/// A catalogue of the given metrics, all in the one domain `d`.
pub fn catalogue_of(metrics: Vec<Value>) -> Value {
    json!({
        "schema_version": 1,
        "domains": [{"id": "d", "name": "Domain"}],
        "metrics": metrics
    })
}

/// A series with its own source, so derived and illustrative ones say where
/// they came from.
pub fn series(metric: &str, area: &str, provenance: &str, points: Value) -> Value {
    json!({
        "metric": metric,
        "area": area,
        "provenance": provenance,
        "source": {"publisher": "Test", "publication": format!("{metric} at {area}")},
        "points": points
    })
}

pub fn published(metric: &str, area: &str, points: Value) -> Value {
    series(metric, area, "published", points)
}

pub fn ratio(period: &str, n: f64, d: f64) -> Value {
    json!({"period": period, "numerator": n, "denominator": d})
}

pub fn mean_point(period: &str, value: f64, count: f64) -> Value {
    json!({"period": period, "value": value, "count": count})
}

pub fn plain(period: &str, value: f64) -> Value {
    json!({"period": period, "value": value})
}

/// An extract `id` published on `published`.
pub fn extract_as(id: &str, published: &str, series: Vec<Value>) -> Value {
    json!({
        "schema_version": 1,
        "id": id,
        "title": format!("Extract {id}"),
        "published": published,
        "source": {"publisher": "Test", "publication": format!("Extract {id}")},
        "series": series
    })
}

/// The extract `one`, published 2026-01-15.
pub fn extract(series: Vec<Value>) -> Value {
    extract_as("one", "2026-01-15", series)
}

pub fn manifest(files: &[&str]) -> Manifest {
    Manifest {
        schema_version: 1,
        title: "Test".to_string(),
        geography: "geography.json".to_string(),
        metrics: "metrics.json".to_string(),
        extracts: files
            .iter()
            .map(|f| ExtractRef::File(f.to_string()))
            .collect(),
    }
}

/// Loads the geography and catalogue texts and the extracts (file name, its
/// text or why it could not be fetched). Each extract is described as
/// carrying `prop`, so a failed one says which metric it took down.
pub fn load_fetched(
    geography: &str,
    catalogue: &str,
    extracts: &[(&str, Result<&str, String>)],
) -> Dataset {
    let files: Vec<&str> = extracts.iter().map(|(f, _)| *f).collect();
    let mut data = Dataset::begin(
        &manifest(&files),
        ("geography.json", geography),
        ("metrics.json", catalogue),
    );
    for (file, text) in extracts {
        let entry = ExtractRef::Described(ExtractEntry {
            file: file.to_string(),
            metrics: vec!["prop".to_string()],
        });
        data.add_extract(&entry, text.clone());
    }
    data.finish();
    data
}

/// Loads extracts (file name, text) with the given geography and catalogue texts.
pub fn load_with(geography: &str, catalogue: &str, extracts: &[(&str, &str)]) -> Dataset {
    let fetched: Vec<(&str, Result<&str, String>)> =
        extracts.iter().map(|(f, text)| (*f, Ok(*text))).collect();
    load_fetched(geography, catalogue, &fetched)
}
