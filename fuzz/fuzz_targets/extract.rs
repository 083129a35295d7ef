//! Any bytes as an extract: the manifest, geography and catalogue parsers on
//! their own, then the whole loading path the app runs (`Dataset::begin`
//! with the bundled geography and catalogue, `add_extract`, `finish`) and
//! the overview computed on whatever was accepted. A panic, a broken
//! invariant, a hang (-timeout) or runaway memory (-rss_limit_mb) is a
//! finding.

#![no_main]

use libfuzzer_sys::fuzz_target;
use llr_dashboard::analysis::summary;
use llr_dashboard::load::{
    decode_text, parse_catalogue, parse_geography, parse_manifest, Dataset, ExtractEntry,
    ExtractRef, Problem,
};

const MANIFEST: &str = include_str!("../../data/manifest.json");
const GEOGRAPHY: &str = include_str!("../../data/geography.json");
const CATALOGUE: &str = include_str!("../../data/metrics.json");
const FILE: &str = "extracts/fuzz.json";

thread_local! {
    /// `Dataset::begin` on the bundled files, done once: every run adds its
    /// extract to a copy. Thread-local, as a `Dataset` shares its strings
    /// through `Rc` (the fuzzer runs one input at a time on one thread).
    static BASE: Dataset = {
        let manifest = parse_manifest("manifest.json", MANIFEST).expect("bundled manifest");
        Dataset::begin(
            &manifest,
            ("geography.json", GEOGRAPHY),
            ("metrics.json", CATALOGUE),
        )
    };
}

fuzz_target!(|data: &[u8]| {
    // As the app decodes a fetched file's bytes.
    let text = decode_text(data.to_vec());

    if let Err(p) = parse_manifest("manifest.json", &text) {
        assert_eq!(p.file, "manifest.json");
        assert!(!p.reason.is_empty());
    }
    for (file, problems) in [
        ("geography.json", parse_geography("geography.json", &text).1),
        ("metrics.json", parse_catalogue("metrics.json", &text).1),
    ] {
        assert!(problems.len() <= text.len() + 8);
        assert!(problems
            .iter()
            .all(|p| p.file == file && !p.reason.is_empty()));
    }

    let mut dataset = BASE.with(Dataset::clone);
    let entry = ExtractRef::Described(ExtractEntry {
        file: FILE.to_string(),
        metrics: vec!["ae_4hr".to_string()],
    });
    dataset.add_extract(&entry, Ok(&text));
    dataset.finish();

    // Used, or refused with an error naming the file; nothing else.
    assert_eq!(dataset.extracts.len() + dataset.failed.len(), 1);
    if let Some(failed) = dataset.failed.first() {
        assert!(failed.problems.iter().any(Problem::is_error));
    }
    for p in &dataset.problems {
        assert_eq!(p.file, FILE, "{p}");
        assert!(!p.reason.is_empty(), "{p:?}");
    }
    // Bounded: output linear in the input.
    let n = text.len();
    let problem_bytes: usize = dataset
        .problems
        .iter()
        .map(|p| p.path.len() + p.reason.len())
        .sum();
    assert!(dataset.problems.len() <= n + 8);
    assert!(problem_bytes <= 64 * n + 4096, "{problem_bytes} from {n}");
    let points: usize = dataset.series().iter().map(|s| s.points.len()).sum();
    assert!(points <= n / 31, "{points} points from {n} bytes");
    for s in dataset.series() {
        for p in &s.points {
            assert!(p.observation.value(1.0).is_finite(), "{p:?}");
        }
    }

    // The overview of the system, a place and a locality on what was accepted.
    for area in ["LLR", "E06000016", "LC-NORTH"] {
        let _ = summary(&dataset, area, None);
    }
});
