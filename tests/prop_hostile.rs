//! Hostile input, generated (SPEC §7: "any input at all: no panic").
//!
//! Property tests with proptest over the two doors data comes in by: the
//! extract loader (manifest, geography, catalogue and extracts through
//! `Dataset`, then the overview computed on whatever was accepted) and each
//! `llr-data import` kind. Inputs are arbitrary text and bytes, token soup
//! built from the formats' own pieces, and real files (the bundled data,
//! tests/fixtures/import) with fields and cells mutated: wrong types, huge,
//! negative and NaN-like numbers, deep nesting, long strings, unicode,
//! duplicate keys, missing fields, broken quoting, repeated rows.
//!
//! Each property checks that nothing panics, that the result is either used
//! or refused with a problem naming the file and a reason, and that the
//! work is bounded: what comes out (problems, points, report, extract) grows
//! at most linearly with what went in.
//!
//! Case counts are kept small so `cargo test` stays quick; raise them with
//! `PROPTEST_CASES=5000 cargo test --test prop_hostile`. `cargo fuzz`
//! (fuzz/, scripts/fuzz.sh) runs the same entry points for longer.

use std::sync::OnceLock;

use llr_dashboard::analysis::summary;
use llr_dashboard::import::{import, Content, Imported, Input, Kind};
use llr_dashboard::load::{
    parse_catalogue, parse_extract, parse_geography, parse_manifest, Dataset, ExtractEntry,
    ExtractRef, Manifest, Problem,
};
use llr_dashboard::model::{Catalogue, Geography, Kind as MetricKind};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;
use serde_json::{json, Value};

// ---------------------------------------------------------------- set-up

/// `cases` unless `PROPTEST_CASES` says otherwise.
fn config(cases: u32) -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    config
}

fn read(path: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The bundled data: texts, parsed forms and the extracts as JSON values.
struct Bundled {
    manifest: Manifest,
    geography_text: String,
    catalogue_text: String,
    geography: Geography,
    catalogue: Catalogue,
    extracts: Vec<Value>,
}

fn bundled() -> &'static Bundled {
    static BUNDLED: OnceLock<Bundled> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let manifest = parse_manifest("manifest.json", &read("data/manifest.json")).unwrap();
        let geography_text = read("data/geography.json");
        let catalogue_text = read("data/metrics.json");
        let (geography, p1) = parse_geography("geography.json", &geography_text);
        let (catalogue, p2) = parse_catalogue("metrics.json", &catalogue_text);
        assert!(p1.is_empty() && p2.is_empty(), "{p1:?} {p2:?}");
        let extracts = manifest
            .extracts
            .iter()
            .map(|e| serde_json::from_str(&read(&format!("data/{}", e.file()))).unwrap())
            .collect();
        Bundled {
            manifest,
            geography_text,
            catalogue_text,
            geography,
            catalogue,
            extracts,
        }
    })
}

/// A small valid extract with one series for every bundled metric, in the
/// fields its kind needs, at an area and a locality: every kind's checks
/// are one mutation away.
fn every_metric_extract() -> Value {
    let b = bundled();
    let series: Vec<Value> = b
        .catalogue
        .metrics
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let point = |period: &str, x: f64| match m.kind {
                MetricKind::Proportion | MetricKind::Rate => {
                    json!({"period": period, "numerator": x, "denominator": 200.0})
                }
                MetricKind::Mean => json!({"period": period, "value": x, "count": 12}),
                MetricKind::Count | MetricKind::Statistic => json!({"period": period, "value": x}),
            };
            let provenance = ["published", "derived", "illustrative"][i % 3];
            json!({
                "metric": m.id,
                "area": if i % 2 == 0 { "LLR" } else { "E07000130" },
                "organisation": "RWE",
                "provenance": provenance,
                "breakdown": if i % 4 == 3 { json!({"staff_group": "Nursing"}) } else { json!({}) },
                "rebase": ["2024-02"],
                "annotations": [{"period": "2024-02", "text": "a change"}],
                "source": {"publisher": "Test", "publication": "Test"},
                "note": "a note",
                "points": [point("2024-01", 150.0), point("2024-02", 160.5), point("2024-03", 0.0)]
            })
        })
        .collect();
    json!({
        "schema_version": 1,
        "id": "every",
        "title": "Every metric",
        "published": "2026-01-15",
        "source": {"publisher": "Test", "publication": "Test"},
        "series": series
    })
}

// ---------------------------------------------------------------- JSON mutations

/// A value written as raw JSON text, so it can be what a `Value` cannot
/// hold: `1e999`, `NaN`, a lone surrogate, duplicate keys, 2,000 levels deep.
fn hostile_json() -> impl Strategy<Value = String> {
    let fixed = select(vec![
        "null",
        "true",
        "false",
        "\"\"",
        "\"text\"",
        "[]",
        "{}",
        "[1, 2]",
        "{\"a\": 1}",
        "0",
        "-0",
        "-1",
        "1",
        "2",
        "0.5",
        "-0.0",
        "1e308",
        "-1e308",
        "1.7976931348623157e308",
        "1e309",
        "-1e309",
        "1e-400",
        "5e-324",
        "4294967296",
        "4294967297",
        "256",
        "65536",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "0.30000000000000004",
        "NaN",
        "Infinity",
        "-Infinity",
        "1.",
        ".5",
        "01",
        "0x10",
        "+1",
        "\"NaN\"",
        "\"1e999\"",
        "\"2024-13\"",
        "\"2024-00\"",
        "\"1899-12\"",
        "\"2201-01\"",
        "\"9999-99\"",
        "\"-001-01\"",
        "\"2024-1\"",
        "\"２０２４-０１\"",
        "\"2024-02-30\"",
        "\"2024-01-01T00:00\"",
        "\"\\ud800\"",
        "\"\\udc00\\ud800\"",
        "\"\\u0000\"",
        "\"\\u202e\\u200b\"",
        "\"💥 ﷽ 🏴‍☠️\"",
        "\"<script>alert(1)</script>\"",
        "\"LLR\"",
        "\"E06000016\"",
        "\"LC-NORTH\"",
        "\"RWE\"",
        "\"ae_4hr\"",
        "\"amb_c1_mean\"",
        "\"amb_c1_p90\"",
        "\"wf_staff_fte\"",
        "\"wf_gp_per_10k\"",
        "\"published\"",
        "\"derived\"",
        "\"illustrative\"",
        "\"proportion\"",
        "\"statistic\"",
        "\"quarter\"",
        "\"year\"",
        "{\"period\": \"2024-01\"}",
        "{\"period\": \"2024-01\", \"value\": 1, \"value\": 2}",
        "{\"period\": \"2024-01\", \"numerator\": 5, \"denominator\": 0}",
        "{\"period\": \"2024-01\", \"numerator\": 1e308, \"denominator\": 1e-308}",
        "{\"period\": \"2024-01\", \"value\": -1e308, \"count\": 1e308}",
        "[{\"period\": \"2024-01\", \"value\": 1}, {\"period\": \"2024-01\", \"value\": 1}]",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        8 => fixed,
        1 => (1usize..3000).prop_map(|n| format!("\"{}\"", "x".repeat(n))),
        1 => "\\PC{0,200}".prop_map(|s| Value::String(s).to_string()),
        1 => (1usize..2500).prop_map(|d| format!("{}{}", "[".repeat(d), "]".repeat(d))),
        1 => (1usize..300).prop_map(|d| format!("{}1{}", "{\"a\":".repeat(d), "}".repeat(d))),
        1 => (1usize..200).prop_map(|d| format!("{}{}", "[".repeat(d), "]".repeat(d - 1))),
        1 => any::<f64>().prop_map(|x| format!("{x:e}")),
        1 => any::<i64>().prop_map(|x| x.to_string()),
    ]
}

/// What is done to one node of a JSON tree.
#[derive(Debug, Clone)]
enum JsonEdit {
    /// The node becomes this raw JSON text.
    Replace(String),
    /// The node is removed from its object or list.
    Remove,
    /// The object's first key is given again with this value.
    DuplicateKey(String),
    /// A key is added to the object.
    AddKey(String, String),
    /// A key of the object is renamed.
    RenameKey(String),
    /// The node is repeated `n` times in its list.
    Repeat(usize),
    /// The node is wrapped in a list.
    Wrap,
}

fn json_edit() -> impl Strategy<Value = JsonEdit> {
    let key = prop_oneof![
        select(vec![
            "metric",
            "area",
            "period",
            "value",
            "numerator",
            "denominator",
            "count",
            "series",
            "points",
            "id",
            "schema_version",
            "Metric",
            "metric ",
            "",
            "note",
            "breakdown",
            "rebase",
        ])
        .prop_map(str::to_string),
        "\\PC{0,20}",
    ];
    prop_oneof![
        6 => hostile_json().prop_map(JsonEdit::Replace),
        2 => Just(JsonEdit::Remove),
        1 => hostile_json().prop_map(JsonEdit::DuplicateKey),
        1 => (key.clone(), hostile_json()).prop_map(|(k, v)| JsonEdit::AddKey(k, v)),
        1 => key.prop_map(JsonEdit::RenameKey),
        1 => (2usize..40).prop_map(JsonEdit::Repeat),
        1 => Just(JsonEdit::Wrap),
    ]
}

/// One step from a node to a child.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    At(usize),
}

/// Every node's path, the root first.
fn paths(value: &Value) -> Vec<Vec<Step>> {
    fn walk(value: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        out.push(here.clone());
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    here.push(Step::Key(k.clone()));
                    walk(v, here, out);
                    here.pop();
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    here.push(Step::At(i));
                    walk(v, here, out);
                    here.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

fn node_mut<'a>(value: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(value, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::At(i) => &mut v[*i],
    })
}

/// Raw texts to put back in place of their markers once the tree is text.
struct Raw(Vec<String>);

impl Raw {
    /// A string value standing for raw text `text`.
    fn marker(&mut self, text: String) -> Value {
        self.0.push(text);
        Value::String(format!("\u{1}raw{}\u{1}", self.0.len() - 1))
    }

    /// The tree as text with every marker replaced by its raw text.
    fn render(&self, value: &Value) -> String {
        let mut text = value.to_string();
        for (i, raw) in self.0.iter().enumerate().rev() {
            text = text.replace(&format!("\"\\u0001raw{i}\\u0001\""), raw);
        }
        text
    }
}

/// Applies edits at the nodes the indices pick (paths are re-read after
/// each edit, so later edits see earlier ones) and returns the text.
fn mutate(mut value: Value, edits: &[(usize, JsonEdit)]) -> String {
    let mut raw = Raw(Vec::new());
    for &(index, ref edit) in edits {
        let all = paths(&value);
        let path = all[index % all.len()].clone();
        let (parent_path, last) = match path.split_last() {
            Some((last, parent)) => (parent.to_vec(), Some(last.clone())),
            None => (Vec::new(), None),
        };
        match edit.clone() {
            JsonEdit::Replace(text) => *node_mut(&mut value, &path) = raw.marker(text),
            JsonEdit::Remove => match (node_mut(&mut value, &parent_path), last) {
                (Value::Object(map), Some(Step::Key(k))) => {
                    map.remove(&k);
                }
                (Value::Array(items), Some(Step::At(i))) => {
                    items.remove(i);
                }
                _ => {}
            },
            JsonEdit::DuplicateKey(text) => {
                if let Value::Object(map) = node_mut(&mut value, &path) {
                    if let Some(first) = map.keys().next().cloned() {
                        let mut body = Value::Object(map.clone()).to_string();
                        body.pop();
                        let sep = if map.is_empty() { "" } else { "," };
                        let duplicated = format!("{body}{sep}{}:{text}}}", json!(first));
                        *node_mut(&mut value, &path) = raw.marker(duplicated);
                    }
                }
            }
            JsonEdit::AddKey(k, text) => {
                let marker = raw.marker(text);
                if let Value::Object(map) = node_mut(&mut value, &path) {
                    map.insert(k, marker);
                }
            }
            JsonEdit::RenameKey(k) => {
                if let (Value::Object(map), Some(Step::Key(old))) =
                    (node_mut(&mut value, &parent_path), last)
                {
                    if let Some(v) = map.remove(&old) {
                        map.insert(k, v);
                    }
                }
            }
            JsonEdit::Repeat(n) => {
                if let (Value::Array(items), Some(Step::At(i))) =
                    (node_mut(&mut value, &parent_path), last)
                {
                    let item = items[i].clone();
                    for _ in 1..n {
                        items.insert(i, item.clone());
                    }
                }
            }
            JsonEdit::Wrap => {
                let node = node_mut(&mut value, &path);
                *node = Value::Array(vec![node.take()]);
            }
        }
    }
    raw.render(&value)
}

/// A bundled extract (or the every-metric one) with 1 to 5 edits.
fn near_valid_extract() -> impl Strategy<Value = String> {
    let mut bases = bundled().extracts.clone();
    bases.push(every_metric_extract());
    bases.push(every_metric_extract());
    bases.push(every_metric_extract());
    (
        select(bases),
        prop::collection::vec((any::<usize>(), json_edit()), 1..6),
    )
        .prop_map(|(base, edits)| mutate(base, &edits))
}

/// Text made of the pieces an extract is made of, in any order.
fn json_soup() -> impl Strategy<Value = String> {
    let token = select(vec![
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        " ",
        "\n",
        "\"",
        "1",
        "-",
        "0",
        ".",
        "e",
        "null",
        "\"schema_version\"",
        "\"id\"",
        "\"title\"",
        "\"published\"",
        "\"source\"",
        "\"publisher\"",
        "\"publication\"",
        "\"series\"",
        "\"metric\"",
        "\"area\"",
        "\"provenance\"",
        "\"points\"",
        "\"period\"",
        "\"value\"",
        "\"numerator\"",
        "\"denominator\"",
        "\"count\"",
        "\"breakdown\"",
        "\"rebase\"",
        "\"annotations\"",
        "\"text\"",
        "\"ae_4hr\"",
        "\"LLR\"",
        "\"published\"",
        "\"2024-01\"",
        "\"2026-01-15\"",
        "\"x\"",
        "\\",
        "\\u",
        "true",
    ]);
    prop::collection::vec(token, 0..300).prop_map(|t| t.concat())
}

// ---------------------------------------------------------------- loader checks

const FILE: &str = "extracts/hostile.json";

/// Loads the bundled geography and catalogue (or the texts given) and one
/// extract, as the app does, then computes the overview for some areas.
fn load(geography: &str, catalogue: &str, extract: &str) -> Dataset {
    let b = bundled();
    let mut data = Dataset::begin(
        &b.manifest,
        ("geography.json", geography),
        ("metrics.json", catalogue),
    );
    let entry = ExtractRef::Described(ExtractEntry {
        file: FILE.to_string(),
        metrics: vec!["ae_4hr".to_string()],
    });
    data.add_extract(&entry, Ok(extract));
    data.finish();
    // Whatever was accepted, the overview is computed on it without panicking.
    let areas: Vec<String> = data
        .geography
        .areas
        .iter()
        .take(6)
        .map(|a| a.code.clone())
        .collect();
    for area in areas {
        let overview = summary(&data, &area, None);
        assert!(!overview.area_name.is_empty() || area.is_empty());
    }
    data
}

/// Used or refused with reasons, every problem naming its file, and the
/// output no more than linear in the input.
fn assert_extract_handled(text: &str, data: &Dataset, other_files: &[&str]) {
    for p in &data.problems {
        assert!(
            p.file == FILE || other_files.contains(&p.file.as_str()),
            "problem names an unknown file: {p}"
        );
        assert!(!p.reason.trim().is_empty(), "problem with no reason: {p:?}");
    }
    match (data.extracts.as_slice(), data.failed.as_slice()) {
        ([info], []) => assert_eq!(info.file, FILE),
        ([], [failed]) => {
            assert_eq!(failed.file, FILE);
            assert!(
                failed.problems.iter().any(Problem::is_error),
                "failed without an error: {failed:?}"
            );
        }
        (used, failed) => panic!("one extract, but used {used:?} and failed {failed:?}"),
    }
    for s in data.series() {
        for p in &s.points {
            let value = p.observation.value(1.0);
            assert!(
                value.is_finite(),
                "accepted a point that is not finite: {p:?}"
            );
        }
    }
    let n = text.len();
    let problem_bytes: usize = data
        .problems
        .iter()
        .map(|p| p.path.len() + p.reason.len())
        .sum();
    assert!(
        data.problems.len() <= n + 8,
        "{} problems from {n} bytes",
        data.problems.len()
    );
    assert!(
        problem_bytes <= 64 * n + 4096,
        "{problem_bytes} bytes of problems from {n} bytes"
    );
    // The smallest point is `{"period":"2024-01","value":0}` (31 bytes), the
    // smallest series `{"metric":"x","area":"LLR","provenance":"derived","points":[]}`.
    let points: usize = data.series().iter().map(|s| s.points.len()).sum();
    assert!(points <= n / 31, "{points} points from {n} bytes");
    assert!(
        data.series().len() <= n / 60,
        "{} series from {n} bytes",
        data.series().len()
    );
}

fn check_extract(text: &str) {
    let b = bundled();
    let data = load(&b.geography_text, &b.catalogue_text, text);
    assert_extract_handled(text, &data, &[]);
    // The parsers on their own, on the same text.
    let _ = parse_manifest("manifest.json", text);
    let (_, problems) = parse_geography("geography.json", text);
    assert!(problems.iter().all(|p| p.file == "geography.json"));
    let (_, problems) = parse_catalogue("metrics.json", text);
    assert!(problems.iter().all(|p| p.file == "metrics.json"));
}

#[test]
fn every_metric_extract_is_valid_as_a_base() {
    let text = every_metric_extract().to_string();
    let b = bundled();
    let parsed = parse_extract(FILE, &text, &b.geography, &b.catalogue);
    let errors: Vec<&Problem> = parsed.problems.iter().filter(|p| p.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(parsed.series.len(), b.catalogue.metrics.len());
}

#[test]
fn the_mutator_writes_what_a_value_cannot_hold() {
    let text = mutate(
        json!({"a": [1, 2], "b": {"c": 3}}),
        &[
            (0, JsonEdit::AddKey("z".into(), "1e999".into())),
            (0, JsonEdit::DuplicateKey("NaN".into())),
        ],
    );
    assert_eq!(text, "{\"a\":[1,2],\"b\":{\"c\":3},\"z\":1e999,\"a\":NaN}");
}

proptest! {
    #![proptest_config(config(160))]

    #[test]
    fn extract_loader_survives_arbitrary_text(text in "\\PC{0,400}") {
        check_extract(&text);
    }

    #[test]
    fn extract_loader_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check_extract(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn extract_loader_survives_json_soup(text in json_soup()) {
        check_extract(&text);
    }


}

// Each case loads a bundled extract of up to 140 KB and computes overviews:
// about 60 ms in a debug build, so fewer cases.
proptest! {
    #![proptest_config(config(40))]

    #[test]
    fn extract_loader_survives_mutated_extracts(text in near_valid_extract()) {
        check_extract(&text);
    }

    #[test]
    fn loader_survives_mutated_geography_and_catalogue(
        geography_edits in prop::collection::vec((any::<usize>(), json_edit()), 0..4),
        catalogue_edits in prop::collection::vec((any::<usize>(), json_edit()), 0..4),
    ) {
        let b = bundled();
        let geography = mutate(serde_json::from_str(&b.geography_text).unwrap(), &geography_edits);
        let catalogue = mutate(serde_json::from_str(&b.catalogue_text).unwrap(), &catalogue_edits);
        let extract = every_metric_extract().to_string();
        let data = load(&geography, &catalogue, &extract);
        assert_extract_handled(&extract, &data, &["geography.json", "metrics.json"]);
        let input = geography.len() + catalogue.len();
        assert!(data.problems.len() <= input + extract.len());
    }
}

// ---------------------------------------------------------------- CSV importers

/// Files as (name, text).
type Files = Vec<(String, String)>;

/// The fixture files in the layout each importer reads.
fn fixtures(kind: Kind) -> &'static [(String, String)] {
    static ALL: OnceLock<Vec<(Kind, Files)>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir.join("ae"))
            .unwrap()
            .chain(std::fs::read_dir(&dir).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .collect();
        files.sort();
        Kind::ALL
            .iter()
            .map(|&kind| {
                let prefix = match kind {
                    Kind::Ae => "Monthly-AE-",
                    Kind::Rtt => "rtt_full_",
                    Kind::Cancer => "cwt_provider_",
                    Kind::Ambulance => "ambsys_RX9_2017",
                    Kind::TalkingTherapies => "tt_",
                    Kind::Workforce => "wf_",
                };
                let chosen = files
                    .iter()
                    .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
                    .map(|p| {
                        let name = p.file_name().unwrap().to_string_lossy().into_owned();
                        (name, std::fs::read_to_string(p).unwrap())
                    })
                    .collect::<Vec<_>>();
                assert!(!chosen.is_empty(), "no fixtures for {kind:?}");
                (kind, chosen)
            })
            .collect()
    });
    &all.iter().find(|(k, _)| *k == kind).unwrap().1
}

/// A cell as an NHS file, a spreadsheet or an attacker might write it.
fn hostile_cell() -> impl Strategy<Value = String> {
    let fixed = select(vec![
        "",
        " ",
        "*",
        "-",
        ".",
        "..",
        "~",
        ":",
        "c",
        "x",
        "z",
        "n/a",
        "NA",
        "-1",
        "0",
        "0.5",
        "-0",
        "1e308",
        "-1e308",
        "1e309",
        "1e-400",
        "NaN",
        "nan",
        "inf",
        "-inf",
        "infinity",
        "1,234",
        "1,,2",
        ",",
        "1.2.3",
        "0x10",
        "１２",
        "\"quoted, with a comma\"",
        "\"unterminated",
        "\"\"",
        "a\"b",
        "\"line\nbreak\"",
        "\r",
        "\n",
        "\r\n",
        "💥",
        "\u{feff}",
        "\u{0}",
        "\u{202e}RWE",
        "RWE",
        " rwe ",
        "QK1",
        "04C",
        "E38000097",
        "03W",
        "04V",
        "RX9",
        "RT5",
        "Part_2",
        "part_2",
        "C_999",
        "Part_1A",
        "2024-13",
        "2024-02-30",
        "2024-04",
        "2024-04-01",
        "31/02/2024",
        "01/04/2024",
        "1/4/24",
        "APR-2022",
        "Apr-25",
        "MSitAE-APRIL-2025",
        "March March 2024",
        "Total",
        "ALL",
        "All staff groups",
        "99999999999999999999",
        "2147483648",
        "-2147483649",
        "4294967296",
        "13",
        "2200",
        "1899",
        "28-day FDS",
        "62-day Combined",
        "31 Days",
        "62 Days (By Route)",
        "ICB",
        "SubICB",
        "Count_FinishedCourseTreatment",
        "Count_Recovery",
        "Count_NotAtCaseness",
        "Nursing",
        "FTE",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        10 => fixed,
        1 => (1usize..5000).prop_map(|n| "9".repeat(n)),
        1 => (1usize..3000).prop_map(|n| "é".repeat(n)),
        1 => "\\PC{0,30}",
        1 => any::<f64>().prop_map(|x| x.to_string()),
    ]
}

/// What is done to a CSV file, line by line (naively split on commas: a
/// split that breaks quoting is hostile input too).
#[derive(Debug, Clone)]
enum CsvEdit {
    Cell(usize, usize, String),
    RemoveLine(usize),
    RepeatLine(usize, usize),
    /// A data line given again `n` times with its period cells counted on a
    /// month each time: many distinct points from one row.
    RepeatMonths(usize, usize),
    RemoveColumn(usize),
    DuplicateColumn(usize),
    Truncate(usize),
    BlankLines(usize, usize),
    Crlf,
    Bom,
    UpperHeader,
}

fn csv_edit() -> impl Strategy<Value = CsvEdit> {
    prop_oneof![
        8 => (any::<usize>(), any::<usize>(), hostile_cell())
            .prop_map(|(l, c, v)| CsvEdit::Cell(l, c, v)),
        2 => any::<usize>().prop_map(CsvEdit::RemoveLine),
        2 => (any::<usize>(), 2usize..30).prop_map(|(l, n)| CsvEdit::RepeatLine(l, n)),
        2 => (any::<usize>(), 2usize..150).prop_map(|(l, n)| CsvEdit::RepeatMonths(l, n)),
        1 => any::<usize>().prop_map(CsvEdit::RemoveColumn),
        1 => any::<usize>().prop_map(CsvEdit::DuplicateColumn),
        1 => any::<usize>().prop_map(CsvEdit::Truncate),
        1 => (any::<usize>(), 1usize..5).prop_map(|(l, n)| CsvEdit::BlankLines(l, n)),
        1 => Just(CsvEdit::Crlf),
        1 => Just(CsvEdit::Bom),
        1 => Just(CsvEdit::UpperHeader),
    ]
}

/// The same date one month later, in whichever form a cell holds it.
fn next_month(cell: &str, n: usize) -> String {
    let bytes = cell.as_bytes();
    if bytes.len() >= 7 && bytes[4] == b'-' && cell[..4].parse::<i32>().is_ok() {
        if let (Ok(y), Ok(m)) = (cell[..4].parse::<i32>(), cell[5..7].parse::<i32>()) {
            let months = y * 12 + m - 1 + n as i32;
            return format!("{:04}-{:02}{}", months / 12, months % 12 + 1, &cell[7..]);
        }
    }
    cell.to_string()
}

fn edit_csv(text: &str, edits: &[CsvEdit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut crlf = false;
    let mut bom = false;
    for edit in edits {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let count = lines.len();
        match edit {
            CsvEdit::Cell(l, c, value) => {
                let line = &mut lines[*l % count];
                let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
                let at = *c % cells.len();
                cells[at] = value.clone();
                *line = cells.join(",");
            }
            CsvEdit::RemoveLine(l) => {
                lines.remove(*l % count);
            }
            CsvEdit::RepeatLine(l, n) => {
                let at = *l % count;
                let line = lines[at].clone();
                for _ in 1..*n {
                    lines.insert(at, line.clone());
                }
            }
            CsvEdit::RepeatMonths(l, n) => {
                let line = lines[*l % count].clone();
                for i in 1..*n {
                    let moved: Vec<String> = line.split(',').map(|c| next_month(c, i)).collect();
                    lines.push(moved.join(","));
                }
            }
            CsvEdit::RemoveColumn(c) => {
                let width = lines[0].split(',').count();
                let at = *c % width;
                for line in &mut lines {
                    let mut cells: Vec<&str> = line.split(',').collect();
                    if at < cells.len() {
                        cells.remove(at);
                    }
                    *line = cells.join(",");
                }
            }
            CsvEdit::DuplicateColumn(c) => {
                let width = lines[0].split(',').count();
                let at = *c % width;
                for line in &mut lines {
                    let mut cells: Vec<&str> = line.split(',').collect();
                    if at < cells.len() {
                        cells.push(cells[at]);
                    }
                    *line = cells.join(",");
                }
            }
            CsvEdit::Truncate(at) => {
                let mut joined = lines.join("\n");
                let mut cut = *at % (joined.len() + 1);
                while !joined.is_char_boundary(cut) {
                    cut -= 1;
                }
                joined.truncate(cut);
                lines = joined.lines().map(str::to_string).collect();
            }
            CsvEdit::BlankLines(l, n) => {
                let at = *l % count;
                for _ in 0..*n {
                    lines.insert(at, String::new());
                }
            }
            CsvEdit::Crlf => crlf = true,
            CsvEdit::Bom => bom = true,
            CsvEdit::UpperHeader => lines[0] = lines[0].to_uppercase().replace(' ', "_"),
        }
    }
    let text = lines.join(if crlf { "\r\n" } else { "\n" });
    if bom {
        format!("\u{feff}{text}")
    } else {
        text
    }
}

/// Runs an import and checks it is used or refused with reasons naming its
/// files, and that the extract and report grow at most linearly.
fn check_import(kind: Kind, inputs: &[Input]) -> Imported {
    let b = bundled();
    let imported = import(
        kind,
        "hostile",
        "2025-01-09",
        inputs,
        &b.geography,
        &b.catalogue,
    );
    let report = &imported.report;
    let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
    let size: usize = inputs.iter().map(|i| csv_text(i).map_or(0, str::len)).sum();
    // Lines, counting `\r` too: the csv crate ends a record at either.
    let lines = |name: &str| {
        inputs
            .iter()
            .find(|i| i.name == name)
            .and_then(csv_text)
            .map_or(0, |t| {
                t.bytes().filter(|b| *b == b'\n' || *b == b'\r').count() + 1
            })
    };
    assert_eq!(report.files.len(), inputs.len());
    for (stats, name) in report.files.iter().zip(&names) {
        assert_eq!(&stats.file, name);
        assert!(stats.rows_used <= stats.rows_read, "{stats:?}");
        assert!(stats.rows_read <= lines(name), "{stats:?}");
        if let Some(error) = &stats.error {
            assert!(!error.trim().is_empty(), "{stats:?}");
        }
    }
    for u in &report.unusable {
        assert!(!u.reason.trim().is_empty(), "{u:?}");
        assert!(
            u.file.is_empty() || names.contains(&u.file.as_str()),
            "{u:?}"
        );
        if let Some(line) = u.line {
            assert!(line >= 1 && line as usize <= lines(&u.file) + 1, "{u:?}");
        }
    }
    let text = report.lines().join("\n");
    assert!(
        text.len() <= 64 * size + 16_384,
        "a report of {} bytes from {size} bytes of input",
        text.len()
    );
    match &imported.extract {
        Some(extract) => {
            assert!(
                extract.len() <= 64 * size + 16_384,
                "an extract of {} bytes from {size} bytes of input",
                extract.len()
            );
            let parsed =
                parse_extract("extracts/hostile.json", extract, &b.geography, &b.catalogue);
            assert!(
                parsed.info.is_some() && !parsed.problems.iter().any(Problem::is_error),
                "{:?}",
                parsed.problems
            );
            assert!(report.rows_used() > 0, "an extract from no rows");
        }
        None => {
            let ignored: usize = report.files.iter().flat_map(|f| f.ignored.values()).sum();
            let said_why = report.files.iter().any(|f| f.error.is_some())
                || !report.unusable.is_empty()
                || ignored >= report.rows_read();
            assert!(said_why, "nothing written and no reason given: {report:#?}");
        }
    }
    imported
}

fn input(name: &str, text: String) -> Input {
    Input::text(name, &text)
}

/// The CSV text of an input made by [`input`].
fn csv_text(input: &Input) -> Option<&str> {
    match &input.content {
        Ok(Content::Text(text)) => Some(text),
        _ => None,
    }
}

/// Text made of a kind's own header names, codes, numbers and separators.
fn csv_soup(kind: Kind) -> impl Strategy<Value = String> {
    let header = fixtures(kind)[0].1.lines().next().unwrap_or("").to_string();
    let mut pieces: Vec<String> = header.split(',').map(str::to_string).collect();
    pieces.extend(
        [
            ",", ",", ",", "\n", "\r\n", "\"", " ", "RWE", "QK1", "04C", "RX9", "Part_2", "C_999",
            "2024-04", "APR-2024", "2024", "4", "100", "-5", "*", "1e308", "Total",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let first_line = header.clone();
    (any::<bool>(), prop::collection::vec(select(pieces), 0..300)).prop_map(
        move |(with_header, p)| {
            if with_header {
                format!("{first_line}\n{}", p.concat())
            } else {
                p.concat()
            }
        },
    )
}

fn kind() -> impl Strategy<Value = Kind> {
    select(Kind::ALL.to_vec())
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn importers_survive_arbitrary_bytes(
        kind in kind(),
        bytes in prop::collection::vec(any::<u8>(), 0..2000),
    ) {
        check_import(kind, &[input("bytes.csv", String::from_utf8_lossy(&bytes).into_owned())]);
    }

    #[test]
    fn importers_survive_arbitrary_text(kind in kind(), text in "\\PC{0,600}") {
        check_import(kind, &[input("text.csv", text)]);
    }

    #[test]
    fn importers_survive_token_soup(
        (kind, text) in kind().prop_flat_map(|k| (Just(k), csv_soup(k))),
    ) {
        check_import(kind, &[input("soup.csv", text)]);
    }

    #[test]
    fn importers_survive_mutated_real_files(
        kind in kind(),
        picks in prop::collection::vec(any::<usize>(), 1..4),
        edits in prop::collection::vec(prop::collection::vec(csv_edit(), 0..6), 3),
        unreadable in any::<bool>(),
    ) {
        let files = fixtures(kind);
        let mut inputs: Vec<Input> = picks
            .iter()
            .zip(&edits)
            .enumerate()
            .map(|(i, (pick, edits))| {
                let (name, text) = &files[pick % files.len()];
                input(&format!("{i}-{name}"), edit_csv(text, edits))
            })
            .collect();
        if unreadable {
            inputs.push(Input { name: "gone.csv".into(), content: Err("cannot read gone.csv: No such file".into()), sheet: None });
        }
        let imported = check_import(kind, &inputs);
        if unreadable {
            let gone = imported.report.files.last().unwrap();
            prop_assert!(gone.error.as_deref().unwrap_or("").contains("cannot read"));
        }
    }
}

/// The fixtures unchanged import, and with every edit that keeps them
/// valid (line endings, a BOM, upper-case headers) they still do: the
/// mutated-file property starts from files that work.
#[test]
fn every_kind_imports_its_fixtures_unchanged_and_with_harmless_edits() {
    for kind in Kind::ALL {
        let files = fixtures(kind);
        for edits in [
            vec![],
            vec![CsvEdit::Crlf, CsvEdit::Bom, CsvEdit::UpperHeader],
        ] {
            let inputs: Vec<Input> = files
                .iter()
                .map(|(name, text)| input(name, edit_csv(text, &edits)))
                .collect();
            let imported = check_import(kind, &inputs);
            assert!(
                imported.extract.is_some(),
                "{kind:?} {edits:?}: {:#?}",
                imported.report
            );
        }
    }
}
