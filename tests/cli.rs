//! The analysts' command-line tool, run as a built binary on the bundled data
//! and on a broken copy of it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_llr-data");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn data_dir() -> PathBuf {
    root().join("data")
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(root())
        .output()
        .expect("llr-data runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[track_caller]
fn exit_code(out: &Output, want: i32) {
    assert_eq!(
        out.status.code(),
        Some(want),
        "exit status {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        stdout(out),
        stderr(out)
    );
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A copy of the bundled data in a fresh temporary directory, removed on drop.
struct TempData(PathBuf);

impl TempData {
    fn new(tag: &str) -> TempData {
        let dir = std::env::temp_dir().join(format!(
            "llr-data-cli-{}-{tag}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        copy_dir(&data_dir(), &dir);
        TempData(dir)
    }

    fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }

    fn edit_json(&self, file: &str, edit: impl FnOnce(&mut Value)) {
        let path = self.path(file);
        let mut value = read_json(&path);
        edit(&mut value);
        std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    }
}

impl Drop for TempData {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn summary_json(args: &[&str]) -> Value {
    let mut all = vec!["summary", "data"];
    all.extend_from_slice(args);
    all.push("--json");
    let out = run(&all);
    exit_code(&out, 0);
    serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("summary --json is not JSON: {e}\n{}", stdout(&out)))
}

/// Every row of a summary, by metric id.
fn rows(summary: &Value) -> Vec<&Value> {
    summary["groups"]
        .as_array()
        .expect("groups is a list")
        .iter()
        .flat_map(|g| g["rows"].as_array().expect("rows is a list"))
        .collect()
}

fn row<'a>(summary: &'a Value, metric: &str) -> &'a Value {
    rows(summary)
        .into_iter()
        .find(|r| r["metric"] == metric)
        .unwrap_or_else(|| panic!("no row for {metric}"))
}

/// The items of a JSON list.
fn items(list: &Value) -> std::slice::Iter<'_, Value> {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
}

/// The string `key` of every item of a JSON list, in order.
fn strings<'a>(list: &'a Value, key: &str) -> Vec<&'a str> {
    items(list)
        .map(|item| item[key].as_str().unwrap())
        .collect()
}

// ---------------------------------------------------------------- validate

#[test]
fn validate_bundled_data_passes() {
    let out = run(&["validate", "data"]);
    exit_code(&out, 0);
    let text = stdout(&out);
    assert!(text.contains("0 errors"), "{text}");
    assert!(!text.contains(": error: "), "{text}");
}

#[test]
fn validate_lists_every_problem_in_a_broken_copy() {
    let data = TempData::new("broken");
    // 1. an extract that is not JSON
    let ae = data.path("extracts/ae.json");
    let text = std::fs::read_to_string(&ae).unwrap();
    std::fs::write(
        &ae,
        format!("{}\n  oops, not JSON", &text[..text.len() / 2]),
    )
    .unwrap();
    // 2. a point with numerator > denominator
    let mut rtt_denominator = 0.0;
    data.edit_json("extracts/rtt.json", |v| {
        let point = &mut v["series"][0]["points"][0];
        rtt_denominator = point["denominator"].as_f64().unwrap();
        point["numerator"] = Value::from(rtt_denominator + 1.0);
    });
    assert!(rtt_denominator > 0.0);
    // 3. an unknown area
    data.edit_json("extracts/cancer.json", |v| {
        v["series"][0]["area"] = Value::from("NOWHERE");
    });

    let out = run(&["validate", data.0.to_str().unwrap()]);
    exit_code(&out, 1);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let has = |file: &str, path: &str, reason: &str| {
        let prefix = format!("{file}: {path}: ");
        lines
            .iter()
            .any(|l| l.starts_with(&prefix) && l.contains(reason))
    };
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("extracts/ae.json: ") && l.contains("not valid JSON")),
        "{text}"
    );
    assert!(
        has(
            "extracts/rtt.json",
            "series[0].points[0].numerator",
            "greater than denominator"
        ),
        "{text}"
    );
    assert!(
        has(
            "extracts/cancer.json",
            "series[0].area",
            "unknown area code \"NOWHERE\""
        ),
        "{text}"
    );
    let errors = lines.iter().filter(|l| l.contains(": error: ")).count();
    assert_eq!(errors, 3, "exactly the three problems made: {text}");
    assert!(text.contains("3 errors"), "{text}");
    assert!(text.contains("1 failed"), "{text}");
}

#[test]
fn validate_refuses_a_100_mb_extract_unread_and_checks_the_rest() {
    let data = TempData::new("huge");
    // A sparse file: 100 MB long without 100 MB on disk. The size is checked
    // before reading, so its (zero) bytes are never parsed.
    let file = std::fs::File::create(data.path("extracts/rtt.json")).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    drop(file);
    let out = run(&["validate", data.0.to_str().unwrap()]);
    exit_code(&out, 1);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(
        lines[0].starts_with("extracts/rtt.json: (file): error: the file is 104,857,600 bytes (100.0 MB), more than the limit of 20,971,520 bytes (20.0 MB)"),
        "{text}"
    );
    assert!(text.contains("1 failed"), "{text}");
    assert!(text.contains("5 extracts loaded"), "{text}");
}

#[test]
fn validate_without_a_manifest_fails_and_says_why() {
    let out = run(&["validate", "/nonexistent/llr-data-dir"]);
    assert_ne!(out.status.code(), Some(0));
    let all = stdout(&out) + &stderr(&out);
    assert!(all.contains("manifest.json"), "{all}");
}

// ---------------------------------------------------------------- summary

#[test]
fn summary_of_the_system_has_every_metric_with_a_value() {
    let summary = summary_json(&["--area", "LLR"]);
    let catalogue = read_json(&data_dir().join("metrics.json"));
    assert_eq!(summary["area"], "LLR");

    // a group per domain, in catalogue order
    let domains = strings(&catalogue["domains"], "id");
    let groups = strings(&summary["groups"], "domain");
    assert_eq!(groups, domains);

    // a row for each metric of the catalogue, in its domain's group
    let metric_ids = strings(&catalogue["metrics"], "id");
    assert_eq!(metric_ids.len(), 20);
    let mut row_ids: Vec<&str> = rows(&summary)
        .iter()
        .map(|r| r["metric"].as_str().unwrap())
        .collect();
    row_ids.sort_unstable();
    let mut want = metric_ids.clone();
    want.sort_unstable();
    assert_eq!(row_ids, want);
    for group in items(&summary["groups"]) {
        for r in items(&group["rows"]) {
            assert_eq!(r["domain"], group["domain"], "{r}");
        }
    }

    for id in metric_ids {
        let r = row(&summary, id);
        assert!(r["value"].is_number(), "{id}: value {}", r["value"]);
        let display = r["display"]
            .as_str()
            .unwrap_or_else(|| panic!("{id}: display"));
        assert!(
            !display.is_empty() && display != "No data",
            "{id}: {display}"
        );
        let status = r["status"]
            .as_str()
            .unwrap_or_else(|| panic!("{id}: status"));
        assert!(!status.is_empty(), "{id}");
        let provenance = r["figure"]["provenance"]
            .as_str()
            .unwrap_or_else(|| panic!("{id}: figure.provenance in {r}"));
        assert!(
            ["published", "derived", "illustrative"].contains(&provenance),
            "{id}: {provenance}"
        );
    }
}

#[test]
fn summary_status_words_follow_the_value() {
    // A&E at LLR: whatever the latest month, the 95% standard is met exactly
    // when the value shown reaches 95.0%.
    let summary = summary_json(&["--area", "LLR"]);
    let ae = row(&summary, "ae_4hr");
    let value = ae["value"].as_f64().unwrap();
    let n = ae["numerator"].as_f64().unwrap();
    let d = ae["denominator"].as_f64().unwrap();
    assert!((value - 100.0 * n / d).abs() < 1e-9, "{ae}");
    assert_eq!(ae["display"], format!("{value:.1}%"));
    let constitutional = items(&ae["targets"])
        .find(|t| t["kind"] == "constitutional")
        .expect("95% standard in force");
    assert_eq!(constitutional["target"], 95.0);
    let shown: f64 = ae["display"]
        .as_str()
        .unwrap()
        .trim_end_matches('%')
        .parse()
        .unwrap();
    assert_eq!(constitutional["met"], Value::Bool(shown >= 95.0), "{ae}");
}

#[test]
fn summary_of_a_place_aggregates_its_localities() {
    let summary = summary_json(&["--area", "E06000016"]);
    assert_eq!(summary["area"], "E06000016");
    assert_eq!(summary["area_name"], "Leicester City");
    assert_eq!(rows(&summary).len(), 20);
    for r in rows(&summary) {
        // every row has either a value or a reason there is none
        assert!(r["value"].is_number() || r["reason"].is_string(), "{r}");
    }

    // A&E at Leicester City has no series of its own: it is the sum of its
    // localities' numerators over the sum of their denominators, worked out
    // here straight from the extract file.
    let geography = read_json(&data_dir().join("geography.json"));
    let localities: Vec<&str> = items(&geography["areas"])
        .filter(|a| a["parent"] == "E06000016")
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    assert_eq!(localities.len(), 4, "Leicester City has 4 localities");
    let ae = read_json(&data_dir().join("extracts/ae.json"));
    let series: Vec<&Value> = items(&ae["series"])
        .filter(|s| s["metric"] == "ae_4hr")
        .collect();
    assert!(series.iter().all(|s| s["area"] != "E06000016"));
    let local: Vec<&Value> = series
        .iter()
        .copied()
        .filter(|s| localities.contains(&s["area"].as_str().unwrap()))
        .collect();
    let last = local
        .iter()
        .flat_map(|s| items(&s["points"]))
        .map(|p| p["period"].as_str().unwrap())
        .max()
        .unwrap();
    let at_last: Vec<&Value> = local
        .iter()
        .flat_map(|s| items(&s["points"]))
        .filter(|p| p["period"] == last)
        .collect();
    assert_eq!(at_last.len(), 4, "every locality has the latest month");
    let sum = |key: &str| -> f64 { at_last.iter().map(|p| p[key].as_f64().unwrap()).sum() };
    let (n, d) = (sum("numerator"), sum("denominator"));

    let r = row(&summary, "ae_4hr");
    assert_eq!(r["period"], last);
    assert_eq!(r["numerator"].as_f64(), Some(n));
    assert_eq!(r["denominator"].as_f64(), Some(d));
    assert!(
        (r["value"].as_f64().unwrap() - 100.0 * n / d).abs() < 1e-9,
        "{r}"
    );
    assert_eq!(r["figure"]["basis"], "aggregated");
    let any_illustrative = local.iter().any(|s| s["provenance"] == "illustrative");
    let want = if any_illustrative {
        "illustrative"
    } else {
        "derived"
    };
    assert_eq!(r["figure"]["provenance"], want);
}

#[test]
fn summary_for_a_period_gives_the_published_may_2018_ae_figure() {
    // UHL, May 2018: 88.2% within four hours (NHS England, real published figure).
    let summary = summary_json(&["--area", "LLR", "--period", "2018-05"]);
    assert_eq!(summary["period"], "2018-05");
    let ae = row(&summary, "ae_4hr");
    let value = ae["value"].as_f64().expect("a value for May 2018");
    assert_eq!((value * 10.0).round() / 10.0, 88.2, "{ae}");
    assert_eq!(ae["display"], "88.2%");
    assert_eq!(ae["period_label"], "May 2018");
    assert_eq!(ae["figure"]["provenance"], "published");
    assert_eq!(
        ae["status"].as_str().map(|s| s.starts_with("Not met")),
        Some(true),
        "{ae}"
    );
}

#[test]
fn summary_as_text_names_the_area_and_every_metric() {
    let out = run(&["summary", "data", "--area", "LLR"]);
    exit_code(&out, 0);
    let text = stdout(&out);
    assert!(
        text.starts_with("Leicester, Leicestershire and Rutland"),
        "{text}"
    );
    let catalogue = read_json(&data_dir().join("metrics.json"));
    for m in items(&catalogue["metrics"]) {
        let short = m["short_name"].as_str().unwrap();
        assert!(text.contains(short), "{short} missing:\n{text}");
    }
}

#[test]
fn summary_gives_a_line_per_benchmark_and_the_json_carries_them() {
    let data = TempData::new("benchmarks");
    let dir = data.0.to_str().unwrap();
    let latest = |args: &[&str]| -> Value {
        let out = run(args);
        exit_code(&out, 0);
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let before = latest(&["summary", dir, "--area", "LLR", "--json"]);
    let ae_period = row(&before, "ae_4hr")["period"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(row(&before, "ae_4hr")["benchmarks"], serde_json::json!([]));
    // England has A&E for the system's latest month (764 of 1000); the
    // region only for Apr 2016, so it is there but has no figure then.
    let extract = serde_json::json!({
        "schema_version": 1,
        "id": "benchmarks",
        "title": "Benchmarks",
        "published": "2026-01-15",
        "source": {"publisher": "NHS England", "publication": "A&E Attendances and Emergency Admissions"},
        "series": [
            {"metric": "ae_4hr", "area": "E92000001", "provenance": "published",
             "points": [{"period": ae_period, "numerator": 764, "denominator": 1000}]},
            {"metric": "ae_4hr", "area": "E40000008", "provenance": "published",
             "points": [{"period": "2016-04", "numerator": 600, "denominator": 1000}]}
        ]
    });
    std::fs::write(
        data.path("extracts/benchmarks.json"),
        serde_json::to_string(&extract).unwrap(),
    )
    .unwrap();
    data.edit_json("manifest.json", |m| {
        m["extracts"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"file": "extracts/benchmarks.json", "metrics": ["ae_4hr"]}));
    });
    let after = latest(&["summary", dir, "--area", "LLR", "--json"]);
    let benchmarks = &row(&after, "ae_4hr")["benchmarks"];
    assert_eq!(
        strings(benchmarks, "name"),
        ["England", "NHS England Midlands"]
    );
    assert_eq!(benchmarks[0]["code"], "E92000001");
    assert_eq!(benchmarks[0]["period"], ae_period.as_str());
    assert_eq!(benchmarks[0]["display"], "76.4%");
    assert_eq!(benchmarks[0]["figure"]["provenance"], "published");
    assert_eq!(benchmarks[1]["value"], Value::Null);
    assert_eq!(benchmarks[1]["display"], "No data");

    let out = run(&["summary", dir, "--area", "LLR"]);
    exit_code(&out, 0);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let ae = lines
        .iter()
        .position(|l| l.trim_start().starts_with("A&E"))
        .unwrap_or_else(|| panic!("no A&E line:\n{text}"));
    let label = row(&after, "ae_4hr")["period_label"].as_str().unwrap();
    assert_eq!(
        lines[ae + 1],
        "    benchmark: England 76.4%  [Published]",
        "{text}"
    );
    assert_eq!(
        lines[ae + 2],
        format!("    benchmark: NHS England Midlands: no data for {label}"),
        "{text}"
    );
    // Measures England does not publish here get no benchmark line.
    assert_eq!(text.matches("benchmark:").count(), 2, "{text}");
}

// ---------------------------------------------------------------- import from a spreadsheet

/// The series of an extract as (metric, breakdown) pairs.
fn series_of(extract: &Value) -> Vec<(String, String)> {
    items(&extract["series"])
        .map(|s| {
            (
                s["metric"].as_str().unwrap().to_string(),
                s["breakdown"].to_string(),
            )
        })
        .collect()
}

#[test]
fn import_reads_a_workbook_and_sheet_picks_the_table() {
    let data = TempData::new("xlsx");
    // Sheets "Contents", "Staff in post" and "Vacancies", each table under title rows.
    let book = root().join("tests/fixtures/import/xlsx/wf_tables_2024-03.xlsx");
    let book = book.to_str().unwrap();
    let out = data.path("extracts/wf_xlsx.json");
    let import = |extra: &[&str]| {
        let mut args = vec![
            "import",
            "workforce",
            "--input",
            book,
            "--out",
            out.to_str().unwrap(),
            "--published",
            "2024-05-30",
        ];
        args.extend_from_slice(extra);
        run(&args)
    };

    // No --sheet: the first sheet with a header the import knows.
    let result = import(&[]);
    exit_code(&result, 0);
    let text = stdout(&result);
    assert!(
        text.contains("wf_tables_2024-03.xlsx [Staff in post] (header on row 5): 13 rows read"),
        "{text}"
    );
    let series = series_of(&read_json(&out));
    assert!(
        series.iter().all(|(m, _)| m == "wf_staff_fte"),
        "{series:?}"
    );

    // --sheet: that sheet instead (its periods are bare Excel serial dates).
    let result = import(&["--sheet", "Vacancies"]);
    exit_code(&result, 0);
    let text = stdout(&result);
    assert!(
        text.contains("wf_tables_2024-03.xlsx [Vacancies] (header on row 5): 2 rows read, 2 used"),
        "{text}"
    );
    let extract = read_json(&out);
    assert!(
        series_of(&extract).iter().all(|(m, _)| m == "wf_vacancy"),
        "{extract}"
    );
    let total = items(&extract["series"])
        .find(|s| s["breakdown"] == serde_json::json!({}))
        .expect("the LLR total");
    assert_eq!(total["points"][0]["period"], "2024-03");
    assert_eq!(total["points"][0]["numerator"], 1200);
    assert_eq!(total["points"][0]["denominator"], 18200);

    // A sheet without the table, and a sheet that is not there: nothing written.
    std::fs::remove_file(&out).unwrap();
    let result = import(&["--sheet", "Contents"]);
    exit_code(&result, 1);
    assert!(
        stdout(&result).contains("wf_tables_2024-03.xlsx: NOT USED: sheet \"Contents\" has no header row with the columns this import needs in its first 20 rows"),
        "{}",
        stdout(&result)
    );
    let result = import(&["--sheet", "Table 9"]);
    exit_code(&result, 1);
    assert!(
        stdout(&result).contains("NOT USED: no sheet named \"Table 9\" (its sheets: \"Contents\", \"Staff in post\", \"Vacancies\")"),
        "{}",
        stdout(&result)
    );
    assert!(stderr(&result).contains("nothing usable found"));
    assert!(!out.exists());
}

#[test]
fn import_refuses_a_corrupt_spreadsheet_naming_it() {
    let data = TempData::new("corrupt-xlsx");
    let good =
        std::fs::read(root().join("tests/fixtures/import/xlsx/Monthly-AE-June-2024.xlsx")).unwrap();
    let corrupt = data.path("Monthly-AE-June-2024.xlsx");
    std::fs::write(&corrupt, &good[..good.len() - 200]).unwrap();
    let out = data.path("extracts/ae_xlsx.json");
    let result = run(&[
        "import",
        "ae",
        "--input",
        corrupt.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    exit_code(&result, 1);
    let name = corrupt.display().to_string();
    assert!(
        stdout(&result).contains(&format!(
            "{name}: NOT USED: {name} cannot be opened as an .xlsx workbook: "
        )),
        "{}",
        stdout(&result)
    );
    assert!(!out.exists());
}

// ---------------------------------------------------------------- bad usage

#[test]
fn unknown_area_is_a_usage_error() {
    let out = run(&["summary", "data", "--area", "NOWHERE", "--json"]);
    exit_code(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("unknown area"), "{err}");
    assert!(err.contains("NOWHERE"), "{err}");
    assert!(err.contains("LLR"), "lists the known areas: {err}");
    assert!(stdout(&out).is_empty(), "no JSON on failure");
}

#[test]
fn no_arguments_is_a_usage_error() {
    let out = run(&[]);
    exit_code(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("validate") && err.contains("summary"),
        "shows usage: {err}"
    );
}

#[test]
fn other_bad_usage_exits_2() {
    for args in [
        &["frobnicate"][..],
        &["validate"],
        &["summary", "data"],
        &["summary", "data", "--area"],
        &["summary", "data", "--area", "LLR", "--period", "2018-13"],
        &["summary", "data", "--area", "LLR", "--colour"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty(), "{args:?} says why");
    }
}
