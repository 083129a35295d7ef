//! The JSON Schemas in `data/schema/` and the Rust validator agree.
//!
//! `tests/schema/cases.json` lists data files (the bundled ones and small
//! fixtures in `tests/schema/cases/`), each with the schema it is checked
//! against, whether the schema accepts it (`schema_valid`, checked by
//! `node tests/schema/run.mjs`) and whether the Rust validator accepts it
//! (`rust_valid`, checked here). Extracts are validated against the bundled
//! geography and catalogue, as `llr-data validate` does.
//!
//! The schema must never be stricter than the validator: a file the schema
//! rejects is one the app rejects too. The only exceptions are cases marked
//! `validator_gap`, where the validator accepts something it should not; the
//! test fails once such a gap is closed, so the mark cannot go stale.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use llr_dashboard::load::{
    parse_catalogue, parse_extract, parse_geography, parse_manifest, Problem,
};
use llr_dashboard::model::{Catalogue, Geography};
use serde::Deserialize;

/// One row of `tests/schema/cases.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// Path from the repository root.
    file: String,
    /// manifest, geography, metrics or extract.
    schema: String,
    schema_valid: bool,
    rust_valid: bool,
    note: String,
    /// The schema rejects it but the validator (wrongly) accepts it.
    #[serde(default)]
    validator_gap: bool,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(file: &str) -> String {
    fs::read_to_string(root().join(file)).unwrap_or_else(|e| panic!("reading {file}: {e}"))
}

fn cases() -> Vec<Case> {
    serde_json::from_str(&read("tests/schema/cases.json"))
        .unwrap_or_else(|e| panic!("tests/schema/cases.json: {e}"))
}

/// The error problems only, as text; warnings do not make a file invalid.
fn errors(problems: &[Problem]) -> Vec<String> {
    problems
        .iter()
        .filter(|p| p.is_error())
        .map(Problem::to_string)
        .collect()
}

/// The bundled geography and catalogue, which extracts are checked against.
fn bundled() -> (Geography, Catalogue) {
    let (geography, problems) =
        parse_geography("data/geography.json", &read("data/geography.json"));
    assert_eq!(errors(&problems), Vec::<String>::new());
    let (catalogue, problems) = parse_catalogue("data/metrics.json", &read("data/metrics.json"));
    assert_eq!(errors(&problems), Vec::<String>::new());
    (geography, catalogue)
}

/// The Rust validator's errors for a case: empty when it accepts the file.
fn rust_errors(case: &Case, geography: &Geography, catalogue: &Catalogue) -> Vec<String> {
    let text = read(&case.file);
    let file = case.file.as_str();
    match case.schema.as_str() {
        "manifest" => match parse_manifest(file, &text) {
            Ok(_) => Vec::new(),
            Err(problem) => vec![problem.to_string()],
        },
        "geography" => errors(&parse_geography(file, &text).1),
        "metrics" => errors(&parse_catalogue(file, &text).1),
        "extract" => {
            let parsed = parse_extract(file, &text, geography, catalogue);
            let mut found = errors(&parsed.problems);
            if parsed.info.is_none() && found.is_empty() {
                found.push(format!("{file}: no extract header came out"));
            }
            found
        }
        other => panic!("{file}: unknown schema \"{other}\" in cases.json"),
    }
}

/// Each case with the validator's errors for it.
fn verdicts() -> Vec<(Case, Vec<String>)> {
    let (geography, catalogue) = bundled();
    cases()
        .into_iter()
        .map(|case| {
            let found = rust_errors(&case, &geography, &catalogue);
            (case, found)
        })
        .collect()
}

#[test]
fn rust_validator_agrees_with_cases_json() {
    let mismatches: Vec<String> = verdicts()
        .iter()
        .filter(|(case, found)| case.rust_valid != found.is_empty())
        .map(|(case, found)| {
            let verdict = if found.is_empty() {
                "accepts it".to_string()
            } else {
                format!("rejects it: {}", found.join(" | "))
            };
            format!(
                "{} ({}): rust_valid is {} but the validator {verdict}",
                case.file, case.note, case.rust_valid
            )
        })
        .collect();
    assert!(mismatches.is_empty(), "\n{}\n", mismatches.join("\n"));
}

#[test]
fn schema_is_never_stricter_than_the_validator() {
    let mut wrong = Vec::new();
    for (case, found) in verdicts() {
        let rust_valid = found.is_empty();
        let gap = !case.schema_valid && rust_valid;
        if gap && !case.validator_gap {
            wrong.push(format!(
                "{} ({}): the schema rejects it but the Rust validator accepts it: \
                 a validator gap, or a schema that is too strict",
                case.file, case.note
            ));
        }
        if case.validator_gap && !gap {
            wrong.push(format!(
                "{} ({}): marked validator_gap, but it is not one (schema_valid {}, \
                 validator {}): drop the mark and update rust_valid",
                case.file,
                case.note,
                case.schema_valid,
                if rust_valid { "accepts" } else { "rejects" }
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}\n", wrong.join("\n"));
}

#[test]
fn every_bundled_file_is_a_valid_case() {
    let cases = cases();
    let manifest = parse_manifest("data/manifest.json", &read("data/manifest.json"))
        .unwrap_or_else(|p| panic!("{p}"));
    let mut wanted = vec![
        ("data/manifest.json".to_string(), "manifest"),
        (format!("data/{}", manifest.geography), "geography"),
        (format!("data/{}", manifest.metrics), "metrics"),
    ];
    let mut extracts: BTreeSet<String> = manifest
        .extracts
        .iter()
        .map(|e| format!("data/{}", e.file()))
        .collect();
    for entry in fs::read_dir(root().join("data/extracts")).expect("data/extracts") {
        let name = entry.expect("a directory entry").file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".json") {
            extracts.insert(format!("data/extracts/{name}"));
        }
    }
    wanted.extend(extracts.into_iter().map(|file| (file, "extract")));
    let missing: Vec<String> = wanted
        .iter()
        .filter(|(file, schema)| {
            !cases
                .iter()
                .any(|c| &c.file == file && c.schema == *schema && c.schema_valid && c.rust_valid)
        })
        .map(|(file, schema)| format!("{file} (schema {schema}, valid by both)"))
        .collect();
    assert!(
        missing.is_empty(),
        "bundled files missing from tests/schema/cases.json:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_fixture_is_listed_and_every_case_exists() {
    let cases = cases();
    let mut problems = Vec::new();
    for case in &cases {
        if !root().join(&case.file).is_file() {
            problems.push(format!("{}: listed but not there", case.file));
        }
        if cases.iter().filter(|c| c.file == case.file).count() > 1 {
            problems.push(format!("{}: listed twice", case.file));
        }
    }
    for entry in fs::read_dir(root().join("tests/schema/cases")).expect("tests/schema/cases") {
        let name = entry.expect("a directory entry").file_name();
        let file = format!("tests/schema/cases/{}", name.to_string_lossy());
        match cases.iter().find(|c| c.file == file) {
            None => problems.push(format!("{file}: not listed in cases.json")),
            Some(case) if !file.ends_with(&format!(".{}.json", case.schema)) => {
                problems.push(format!("{file}: listed under schema {}", case.schema))
            }
            Some(_) => {}
        }
    }
    problems.dedup();
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}
