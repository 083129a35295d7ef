//! `llr-data import`: each importer on files in the published layout (real
//! files where the repository has them, hand-made ones with hand-computed
//! results where it does not), checked with the project's own validator;
//! blank and suppressed cells, missing columns, duplicate months and garbage
//! input; and the command end to end.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use llr_dashboard::import::{import, Imported, Input, Kind};
use llr_dashboard::load::{parse_catalogue, parse_geography, Dataset};
use llr_dashboard::model::{Catalogue, Geography};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_llr-data");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/import").join(name)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn bundled() -> (Geography, Catalogue) {
    let (geography, p1) =
        parse_geography("geography.json", &read(&root().join("data/geography.json")));
    let (catalogue, p2) = parse_catalogue("metrics.json", &read(&root().join("data/metrics.json")));
    assert!(p1.is_empty() && p2.is_empty(), "{p1:?} {p2:?}");
    (geography, catalogue)
}

/// An input from a fixture file (CSV or spreadsheet), named by its file name only.
fn input(name: &str) -> Input {
    let path = fixture(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Input::from_bytes(name.rsplit('/').next().unwrap_or(name), bytes)
}

fn text_input(name: &str, text: &str) -> Input {
    Input::text(name, text)
}

fn run_import(kind: Kind, inputs: &[Input]) -> Imported {
    let (geography, catalogue) = bundled();
    import(
        kind,
        "imported",
        "2025-01-09",
        inputs,
        &geography,
        &catalogue,
    )
}

/// A fresh directory removed on drop.
struct Temp(PathBuf);

impl Temp {
    fn new(tag: &str) -> Temp {
        let dir = std::env::temp_dir().join(format!(
            "llr-import-{tag}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        std::fs::create_dir_all(dir.join("extracts")).unwrap();
        Temp(dir)
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A data folder with the bundled geography and catalogue and only this
/// extract, loaded as the CLI's `validate` loads it.
fn data_dir_with(extract: &str) -> (Temp, Dataset) {
    let temp = Temp::new("data");
    for file in ["geography.json", "metrics.json"] {
        std::fs::copy(root().join("data").join(file), temp.0.join(file)).unwrap();
    }
    std::fs::write(temp.0.join("extracts/imported.json"), extract).unwrap();
    let manifest = json!({
        "schema_version": 1,
        "title": "import test",
        "geography": "geography.json",
        "metrics": "metrics.json",
        "extracts": ["extracts/imported.json"]
    });
    std::fs::write(temp.0.join("manifest.json"), manifest.to_string()).unwrap();
    let data = Dataset::load_dir(&temp.0).expect("manifest loads");
    (temp, data)
}

/// The extract, after checking it passes the validator with no problem at all.
#[track_caller]
fn valid(imported: &Imported) -> Value {
    let text = imported
        .extract
        .as_deref()
        .unwrap_or_else(|| panic!("nothing written:\n{}", imported.report.lines().join("\n")));
    let (_temp, data) = data_dir_with(text);
    assert!(
        data.problems.is_empty(),
        "validator problems: {:#?}",
        data.problems
    );
    assert!(data.failed.is_empty());
    serde_json::from_str(text).unwrap()
}

/// The points of the series for a metric, area and breakdown (all provenances), by period.
fn points(extract: &Value, metric: &str, area: &str, breakdown: Value) -> Vec<Value> {
    let mut found: Vec<Value> = extract["series"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["metric"] == metric && s["area"] == area && s["breakdown"] == breakdown)
        .flat_map(|s| s["points"].as_array().unwrap().clone())
        .collect();
    found.sort_by_key(|p| p["period"].as_str().unwrap().to_string());
    found
}

fn ratio(period: &str, numerator: f64, denominator: f64) -> Value {
    json!({"period": period, "numerator": numerator, "denominator": denominator})
}

/// Compares points as numbers (so 14461 and 14461.0 are equal).
#[track_caller]
fn same(found: &[Value], want: &[Value]) {
    let norm = |v: &[Value]| -> Vec<Vec<(String, String)>> {
        v.iter()
            .map(|p| {
                p.as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| {
                        let text = v.as_f64().map_or_else(|| v.to_string(), |f| format!("{f}"));
                        (k.clone(), text)
                    })
                    .collect()
            })
            .collect()
    };
    assert_eq!(norm(found), norm(want));
}

fn report_text(imported: &Imported) -> String {
    imported.report.lines().join("\n")
}

const AE_FILES: [&str; 13] = [
    "Monthly-AE-June-2024.csv",
    "Monthly-AE-July-2024-revised.csv",
    "Monthly-AE-August-2024.csv",
    "Monthly-AE-September-2024.csv",
    "Monthly-AE-October-2024-revised.csv",
    "Monthly-AE-November-2024-revised.csv",
    "Monthly-AE-December-2024.csv",
    "Monthly-AE-January-2025.csv",
    "Monthly-AE-February-2025-revised.csv",
    "Monthly-AE-March-2025.csv",
    "Monthly-AE-April-2025.csv",
    "Monthly-AE-May-2025.csv",
    "Monthly-AE-June-2025-1-1.csv",
];

#[test]
fn ae_real_monthly_files_give_the_bundled_uhl_figures() {
    // Real NHS England files (header line exact; only RWE and a few other rows kept).
    let inputs: Vec<Input> = AE_FILES.iter().map(|f| input(&format!("ae/{f}"))).collect();
    let imported = run_import(Kind::Ae, &inputs);
    let extract = valid(&imported);
    let found = points(&extract, "ae_4hr", "LLR", json!({}));
    let bundled: Value =
        serde_json::from_str(&read(&root().join("data/extracts/ae.json"))).unwrap();
    let msitae = bundled["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["source"]["publication"]
                .as_str()
                .unwrap()
                .contains("MSitAE")
        })
        .expect("the bundled MSitAE series");
    let want = msitae["points"].as_array().unwrap();
    assert_eq!(want.len(), 13);
    same(&found, want);
    // June 2024 by hand: (22235 + 1959) - (9660 + 73) over 22235 + 1959
    same(&found[..1], &[ratio("2024-06", 14461.0, 24194.0)]);
    let series = extract["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["area"] == "LLR")
        .unwrap();
    assert_eq!(series["organisation"], "RWE");
    assert_eq!(series["provenance"], "published");
    // Each file: UHL's row and England's total row (these fixtures keep
    // only a few provider rows, so they do not add up to that total and
    // no Midlands sum is written; tests/real_ambulance_ae.rs has the whole
    // files).
    let report = &imported.report;
    assert_eq!(report.rows_used(), 26);
    assert!(report.unusable.is_empty(), "{}", report_text(&imported));
    assert!(report
        .files
        .iter()
        .all(|f| f.rows_used == 2 && f.error.is_none()));
}

#[test]
fn ae_a_month_given_twice_is_rejected_naming_both_files() {
    let june = read(&fixture("ae/Monthly-AE-June-2024.csv"));
    let inputs = vec![
        text_input("Monthly-AE-June-2024.csv", &june),
        input("ae/Monthly-AE-July-2024-revised.csv"),
        text_input("Monthly-AE-June-2024-copy.csv", &june),
    ];
    let imported = run_import(Kind::Ae, &inputs);
    let extract = valid(&imported);
    let found = points(&extract, "ae_4hr", "LLR", json!({}));
    assert_eq!(found.len(), 1, "only July is left: {found:?}");
    assert_eq!(found[0]["period"], "2024-07");
    let text = report_text(&imported);
    assert!(
        text.contains("duplicate period 2024-06")
            && text.contains("Monthly-AE-June-2024.csv line 4")
            && text.contains("Monthly-AE-June-2024-copy.csv line 4"),
        "{text}"
    );
}

#[test]
fn ae_blank_cells_and_missing_columns_are_named() {
    let header = read(&fixture("ae/Monthly-AE-June-2024.csv"))
        .lines()
        .next()
        .unwrap()
        .to_string();
    // A blank over-4-hours cell for RWE: the month is skipped, never a zero.
    let blank = format!(
        "{header}\nMSitAE-MAY-2024,RWE,NHS ENGLAND MIDLANDS ,UHL,22000,1900,0,0,0,0,,70,0,0,0,0,1,1,1,1,1,1\n"
    );
    // Another layout with a column renamed.
    let renamed = header.replace("Attendances over 4hrs Type 2", "Over 4 hours Type 2");
    let renamed =
        format!("{renamed}\nMSitAE-APRIL-2024,RWE,X,UHL,1,1,0,0,0,0,1,1,0,0,0,0,1,1,1,1,1,1\n");
    let imported = run_import(
        Kind::Ae,
        &[
            text_input("blank.csv", &blank),
            text_input("renamed.csv", &renamed),
            input("ae/Monthly-AE-June-2024.csv"),
        ],
    );
    let extract = valid(&imported);
    assert_eq!(points(&extract, "ae_4hr", "LLR", json!({})).len(), 1);
    let text = report_text(&imported);
    assert!(
        text.contains("blank.csv:2: ae_4hr 2024-05 not written: `Attendances over 4hrs Type 1` is blank (not counted as 0)"),
        "{text}"
    );
    assert!(
        text.contains("renamed.csv: NOT USED: missing column `Attendances over 4hrs Type 2`"),
        "{text}"
    );
}

#[test]
fn ambulance_columns_match_the_key_response_times_every_month() {
    let imported = run_import(
        Kind::Ambulance,
        &[input("ambsys_RX9_2017-08_to_2021-01.csv")],
    );
    let extract = valid(&imported);
    let key = read(&fixture(
        "ambsys_RX9_key_response_times_2017-08_to_2021-01.csv",
    ));
    let mut lines = key.lines();
    let names: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |n: &str| names.iter().position(|h| *h == n).unwrap();
    let mut months = 0;
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        let period = format!(
            "{}-{:02}",
            f[col("year")],
            f[col("month")].parse::<u32>().unwrap()
        );
        let num = |n: &str| f[col(n)].parse::<f64>().unwrap();
        for c in ["c1", "c2"] {
            let mean = points(&extract, &format!("amb_{c}_mean"), "LLR", json!({}));
            let mean = mean.iter().find(|p| p["period"] == period).expect("a mean");
            assert_eq!(
                mean["count"].as_f64(),
                Some(num(&format!("{c}_incidents"))),
                "{c} {period}"
            );
            let value = mean["value"].as_f64().unwrap();
            assert_eq!(
                value.round(),
                num(&format!("{c}_mean_sec")),
                "{c} mean {period}: {value}"
            );
            let p90 = points(&extract, &format!("amb_{c}_p90"), "LLR", json!({}));
            let p90 = p90.iter().find(|p| p["period"] == period).expect("a p90");
            assert_eq!(
                p90["value"].as_f64(),
                Some(num(&format!("{c}_p90_sec"))),
                "{c} p90 {period}"
            );
        }
        months += 1;
    }
    assert_eq!(months, 42);
    // August 2017 by hand: category 1 total 2,043,438 s over 4,260 incidents.
    let first = &points(&extract, "amb_c1_mean", "LLR", json!({}))[0];
    assert!((first["value"].as_f64().unwrap() - 2_043_438.0 / 4260.0).abs() < 1e-9);
    assert!(
        imported.report.unusable.is_empty(),
        "{}",
        report_text(&imported)
    );
}

#[test]
fn ambulance_dots_and_blanks_are_skipped_not_zeros() {
    let text = read(&fixture("ambsys_RX9_2017-08_to_2021-01.csv"));
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header: Vec<String> = lines[0].split(',').map(str::to_string).collect();
    let a26 = header.iter().position(|h| h == "A26").unwrap();
    let a10 = header.iter().position(|h| h == "A10").unwrap();
    let row = lines.iter().position(|l| l.contains(",RX9,")).unwrap();
    let mut fields: Vec<String> = lines[row].split(',').map(str::to_string).collect();
    fields[a26] = ".".into();
    fields[a10] = String::new();
    lines[row] = fields.join(",");
    let imported = run_import(
        Kind::Ambulance,
        &[text_input("ambsys.csv", &lines.join("\n"))],
    );
    let extract = valid(&imported);
    assert_eq!(points(&extract, "amb_c1_p90", "LLR", json!({})).len(), 41);
    assert_eq!(points(&extract, "amb_c2_mean", "LLR", json!({})).len(), 41);
    assert_eq!(points(&extract, "amb_c1_mean", "LLR", json!({})).len(), 42);
    let text = report_text(&imported);
    let line = row + 1;
    assert!(
        text.contains(&format!("ambsys.csv:{line}: amb_c1_p90 2017-08 not written: `A26` is \".\" (suppressed or not applicable; not counted as 0)")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "ambsys.csv:{line}: amb_c2_mean 2017-08 not written: `A10` is blank"
        )),
        "{text}"
    );
}

#[test]
fn rtt_full_layout_by_hand() {
    // Every week band, as published. March 2025, by hand:
    // UHL (RWE) for 04C: 10 a week for weeks 0-18, 5 a week 18-52, 2 a week 52-104,
    //   1 over 104: 180 + 170 + 104 + 1 = 455, plus 5 unknown clock starts = 460;
    // UHL for 03W: 20 at 0-1 weeks, 30 at 60-61 = 50;
    // Nottingham (RX1) for 04C: 7 at 0-1, 3 over 104 = 10; for 04V: 9 (no place);
    // a C_100 treatment function row and a Part_1A row that must not count.
    // April 2025 is the same but UHL/04C's `Gt 05 To 06 Weeks SUM 1` is blank.
    let imported = run_import(
        Kind::Rtt,
        &[input("rtt_full_2025-03.csv"), input("rtt_full_2025-04.csv")],
    );
    let extract = valid(&imported);
    same(
        &points(&extract, "rtt_18wk", "LLR", json!({})),
        &[ratio("2025-03", 200.0, 510.0)],
    );
    same(
        &points(&extract, "rtt_52wk", "LLR", json!({})),
        &[
            ratio("2025-03", 135.0, 510.0),
            ratio("2025-04", 135.0, 510.0),
        ],
    );
    same(
        &points(&extract, "rtt_18wk", "E06000016", json!({})),
        &[ratio("2025-03", 187.0, 470.0)],
    );
    same(
        &points(&extract, "rtt_52wk", "E06000016", json!({})),
        &[
            ratio("2025-03", 108.0, 470.0),
            ratio("2025-04", 108.0, 470.0),
        ],
    );
    let llr = extract["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["area"] == "LLR")
        .unwrap();
    assert_eq!(llr["organisation"], "RWE");
    let text = report_text(&imported);
    assert!(
        text.contains("rtt_full_2025-04.csv:2: rtt_18wk 2025-04: `Gt 05 To 06 Weeks SUM 1` is blank (not counted as 0)"),
        "{text}"
    );
    assert!(
        text.contains(
            "rtt_18wk at LLR (RWE) 2025-04 not written: 1 of its 2 rows could not be used (line 2)"
        ),
        "{text}"
    );
}

#[test]
fn rtt_truncated_real_file_names_the_missing_week_bands() {
    // The bundled June 2024 extract (real, from a spreadsheet cut off at week 51).
    let imported = run_import(
        Kind::Rtt,
        &[input("rtt_full_extract_2024-06_LLR_sample.csv")],
    );
    let extract = valid(&imported);
    assert!(points(&extract, "rtt_18wk", "LLR", json!({})).is_empty());
    let text = report_text(&imported);
    let bands: Vec<String> = (0..18)
        .map(|w| format!("`Gt {w:02} To {:02} Weeks SUM 1`", w + 1))
        .collect();
    assert!(
        text.contains(&format!(
            "rtt_18wk cannot be computed from this file, which lacks the week-band columns {}",
            bands.join(", ")
        )),
        "{text}"
    );
    // Weeks 52 and over are there: the five UHL rows of the sample, added up by hand.
    same(
        &points(&extract, "rtt_52wk", "LLR", json!({})),
        &[ratio("2024-06", 1974.0, 105488.0)],
    );
    same(
        &points(&extract, "rtt_52wk", "E06000016", json!({})),
        &[ratio("2024-06", 737.0, 36110.0)],
    );
}

#[test]
fn cancer_standards_old_and_new_names() {
    let imported = run_import(
        Kind::Cancer,
        &[
            input("cwt_provider_2022-04.csv"),
            input("cwt_provider_2024-04.csv"),
        ],
    );
    let extract = valid(&imported);
    // April 2022: the real UHL figures, as in the bundled cancer extract.
    let bundled: Value =
        serde_json::from_str(&read(&root().join("data/extracts/cancer.json"))).unwrap();
    for metric in ["cancer_fds", "cancer_31d", "cancer_62d"] {
        let want = bundled["series"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["metric"] == metric && s["provenance"] == "published")
            .unwrap()["points"][0]
            .clone();
        same(&points(&extract, metric, "LLR", json!({}))[..1], &[want]);
    }
    // April 2024 by hand: FDS 800 + 1100 + 190 of 1000 + 1500 + 200 (the ALL
    // CANCERS row is not added again); 31-day 95 + 48.5 + 40 of 100 + 50.5 + 40;
    // 62-day has a blank within-standard cell, so no point.
    same(
        &points(&extract, "cancer_fds", "LLR", json!({})),
        &[
            ratio("2022-04", 2699.0, 3564.0),
            ratio("2024-04", 2090.0, 2700.0),
        ],
    );
    same(
        &points(&extract, "cancer_31d", "LLR", json!({})),
        &[
            ratio("2022-04", 634.0, 750.0),
            ratio("2024-04", 183.5, 190.5),
        ],
    );
    assert_eq!(points(&extract, "cancer_62d", "LLR", json!({})).len(), 1);
    let text = report_text(&imported);
    assert!(
        text.contains(
            "cwt_provider_2024-04.csv:10: cancer_62d 2024-04: `WITHIN STANDARD` is blank"
        ),
        "{text}"
    );
    let s31 = extract["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["metric"] == "cancer_31d")
        .unwrap();
    assert_eq!(s31["annotations"][0]["period"], "2024-04");
}

#[test]
fn talking_therapies_icb_sub_icb_and_suppression() {
    // April 2023: sub-ICB rows only (04V's recovery count suppressed "*");
    // May 2023: an ICB row, renamed measures and the suppressed-value column.
    let imported = run_import(
        Kind::TalkingTherapies,
        &[input("tt_2023-04.csv"), input("tt_2023-05.csv")],
    );
    let extract = valid(&imported);
    same(
        &points(&extract, "tt_6wk", "LLR", json!({})),
        &[
            ratio("2023-04", 645.0, 750.0),
            ratio("2023-05", 650.0, 760.0),
        ],
    );
    same(
        &points(&extract, "tt_18wk", "LLR", json!({})),
        &[
            ratio("2023-04", 730.0, 750.0),
            ratio("2023-05", 740.0, 760.0),
        ],
    );
    // Recovery: recovered / (finished - not at caseness); April LLR is missing, not a zero.
    same(
        &points(&extract, "tt_recovery", "LLR", json!({})),
        &[ratio("2023-05", 340.0, 680.0)],
    );
    same(
        &points(&extract, "tt_recovery", "E06000016", json!({})),
        &[
            ratio("2023-04", 130.0, 260.0),
            ratio("2023-05", 140.0, 265.0),
        ],
    );
    same(
        &points(&extract, "tt_6wk", "E06000016", json!({})),
        &[
            ratio("2023-04", 240.0, 300.0),
            ratio("2023-05", 250.0, 310.0),
        ],
    );
    // The April LLR sum of sub-ICBs is derived; May's ICB figure is published.
    let provenance: Vec<(String, String)> = extract["series"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["metric"] == "tt_6wk" && s["area"] == "LLR")
        .map(|s| {
            (
                s["provenance"].as_str().unwrap().to_string(),
                s["points"][0]["period"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        provenance.contains(&("derived".into(), "2023-04".into())),
        "{provenance:?}"
    );
    assert!(
        provenance.contains(&("published".into(), "2023-05".into())),
        "{provenance:?}"
    );
    let text = report_text(&imported);
    assert!(
        text.contains("tt_2023-04.csv:17: Count_Recovery 2023-04: `MEASURE_VALUE` is \"*\" (suppressed or not applicable; not counted as 0)"),
        "{text}"
    );
    assert!(
        text.contains("tt_recovery at LLR 2023-04 not written: Count_Recovery for sub-ICB 04V is not a number"),
        "{text}"
    );
    assert!(text.contains("no place series"), "{text}");
}

#[test]
fn workforce_organisations_staff_groups_and_a_total_only_when_complete() {
    let imported = run_import(
        Kind::Workforce,
        &[
            input("wf_staff_in_post_2024-03_to_04.csv"),
            input("wf_sickness_2024-03_to_04.csv"),
            input("wf_vacancies_2024-03.csv"),
        ],
    );
    // No validator warning either: the parts add up to their totals.
    let extract = valid(&imported);
    let value = |period: &str, v: f64| json!({"period": period, "value": v});
    same(
        &points(
            &extract,
            "wf_staff_fte",
            "LLR",
            json!({"organisation": "RWE"}),
        ),
        &[value("2024-03", 12000.5), value("2024-04", 12100.0)],
    );
    // LPT has no Total row: its groups are added up (300 + 1700.5 + 3000).
    same(
        &points(
            &extract,
            "wf_staff_fte",
            "LLR",
            json!({"organisation": "RT5"}),
        ),
        &[value("2024-03", 5000.5)],
    );
    same(
        &points(
            &extract,
            "wf_staff_fte",
            "LLR",
            json!({"organisation": "RWE", "staff_group": "Nurses & health visitors"}),
        ),
        &[value("2024-03", 4500.25), value("2024-04", 4550.0)],
    );
    // The system: March only (LPT has no April figure); EMAS is not added.
    same(
        &points(&extract, "wf_staff_fte", "LLR", json!({})),
        &[value("2024-03", 17001.0)],
    );
    same(
        &points(&extract, "wf_sickness", "LLR", json!({})),
        &[ratio("2024-03", 21000.0, 420000.0)],
    );
    same(
        &points(&extract, "wf_vacancy", "LLR", json!({})),
        &[ratio("2024-03", 1200.0, 18200.0)],
    );
    let text = report_text(&imported);
    assert!(
        text.contains("wf_staff_fte LLR total 2024-04 not written: 1 of 2 organisations have a figure (RWE 12100); missing RT5"),
        "{text}"
    );
    assert!(
        text.contains(
            "wf_sickness_2024-03_to_04.csv:5: wf_sickness RT5 2024-04: `FTE days lost` is \"*\""
        ),
        "{text}"
    );
    assert!(
        text.contains("rows for EMAS (RX9), which covers the whole East Midlands: 1"),
        "{text}"
    );
}

#[test]
fn garbage_never_panics_and_writes_nothing() {
    let garbage: Vec<Input> = vec![
        text_input("empty.csv", ""),
        text_input("blank-lines.csv", "\n\n\n"),
        text_input("one-cell.csv", "hello"),
        text_input("quotes.csv", "\"a,b\n\"c\"d\",e\n1,2,3,4,5,6\n"),
        Input::from_bytes(
            "binary.xlsx",
            vec![0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x0a, 0x2c, 0x22],
        ),
        Input {
            name: "missing.csv".into(),
            content: Err("cannot read missing.csv: No such file or directory".into()),
            sheet: None,
        },
        text_input("header-only.csv", "Period,Org Code,REPORTING_PERIOD_START\n"),
        text_input(
            "wrong-values.csv",
            "Year,Month,Org Code,A8,A10,A24,A26,A30,A32,Date,Staff Group,FTE\n-1,99,RX9,x,y,z,,,,,,\n2024,1,RX9,1e400,NaN,inf,-5,0,,31/02/2024,Total,-inf\n",
        ),
    ];
    for kind in Kind::ALL {
        let imported = run_import(kind, &garbage);
        assert!(
            imported.extract.is_none(),
            "{kind:?}: {}",
            report_text(&imported)
        );
        let report = &imported.report;
        assert_eq!(report.files.len(), garbage.len());
        assert!(report.files[0].error.is_some(), "{kind:?}");
        assert!(report.files[5]
            .error
            .as_deref()
            .unwrap()
            .contains("cannot read"));
        assert!(!report_text(&imported).is_empty());
    }
}

fn cli(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(root())
        .output()
        .expect("llr-data runs")
}

#[test]
fn cli_writes_a_valid_extract_and_refuses_a_missing_input() {
    let temp = Temp::new("cli");
    let out = temp.0.join("extracts").join("ae_monthly.json");
    let june = fixture("ae/Monthly-AE-June-2024.csv");
    let july = fixture("ae/Monthly-AE-July-2024-revised.csv");
    let run = cli(&[
        "import",
        "ae",
        "--input",
        june.to_str().unwrap(),
        "--input",
        july.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--published",
        "2024-08-08",
    ]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout.contains("Read 8 rows from 2 files; used 4."),
        "{stdout}"
    );
    assert!(
        stdout.contains("ae_4hr at LLR (RWE): 2 points, 2024-06 to 2024-07"),
        "{stdout}"
    );
    let text = read(&out);
    let extract: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(extract["id"], "ae_monthly");
    assert_eq!(extract["published"], "2024-08-08");
    assert_eq!(extract["source"]["publisher"], "NHS England");
    let (_data_temp, data) = data_dir_with(&text);
    assert!(data.problems.is_empty(), "{:?}", data.problems);

    // A missing input and nothing else: nothing usable, exit 1, the file named.
    let missing = temp.0.join("no-such-file.csv");
    let out2 = temp.0.join("extracts").join("ae_missing.json");
    let run = cli(&[
        "import",
        "ae",
        "--input",
        missing.to_str().unwrap(),
        "--out",
        out2.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("no-such-file.csv: NOT USED: cannot read"),
        "{stdout}"
    );
    assert!(stderr.contains("nothing usable found"), "{stderr}");
    assert!(!out2.exists());

    // Bad usage: exit 2 with the reason.
    let run = cli(&[
        "import",
        "a-and-e",
        "--input",
        june.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("unknown import kind \"a-and-e\""));
    let run = cli(&["import", "ae", "--input", june.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--out"));
}

// ---------------------------------------------------------------- spreadsheets
//
// The .xlsx fixtures (tests/fixtures/import/xlsx/, written by
// tools/make_xlsx_fixtures.py) hold the same tables as the CSV fixtures, laid
// out as NHS England's spreadsheets are: title rows above the header, a notes
// sheet first, periods as date cells or bare Excel serial numbers, numbers as
// number cells, suppression marks as text, blank cells empty.

fn xlsx(name: &str) -> Input {
    input(&format!("xlsx/{name}"))
}

/// Every importer gives exactly the extract from a spreadsheet that it
/// gives from the CSV of the same table, and skips the same rows.
#[test]
fn xlsx_gives_exactly_the_extract_its_csv_gives() {
    let cases: [(Kind, &[&str]); 7] = [
        (
            Kind::Ae,
            &["ae/Monthly-AE-June-2024", "ae/Monthly-AE-July-2024-revised"],
        ),
        (Kind::Ambulance, &["ambsys_RX9_2017-08_to_2021-01"]),
        (
            Kind::Cancer,
            &["cwt_provider_2022-04", "cwt_provider_2024-04"],
        ),
        (Kind::Rtt, &["rtt_full_2025-03", "rtt_full_2025-04"]),
        (Kind::Rtt, &["rtt_full_extract_2024-06_LLR_sample"]),
        (Kind::TalkingTherapies, &["tt_2023-04", "tt_2023-05"]),
        (
            Kind::Workforce,
            &[
                "wf_staff_in_post_2024-03_to_04",
                "wf_sickness_2024-03_to_04",
                "wf_vacancies_2024-03",
            ],
        ),
    ];
    for (kind, stems) in cases {
        let csv: Vec<Input> = stems.iter().map(|s| input(&format!("{s}.csv"))).collect();
        let sheets: Vec<Input> = stems
            .iter()
            .map(|s| xlsx(&format!("{}.xlsx", s.rsplit('/').next().unwrap())))
            .collect();
        let from_csv = run_import(kind, &csv);
        let from_xlsx = run_import(kind, &sheets);
        valid(&from_xlsx);
        assert_eq!(
            from_xlsx.extract,
            from_csv.extract,
            "{kind:?}: the extracts differ\n{}",
            report_text(&from_xlsx)
        );
        let (a, b) = (&from_xlsx.report, &from_csv.report);
        assert_eq!(a.rows_read(), b.rows_read(), "{kind:?}");
        assert_eq!(a.rows_used(), b.rows_used(), "{kind:?}");
        assert_eq!(a.unusable.len(), b.unusable.len(), "{kind:?}");
        for (x, c) in a.files.iter().zip(&b.files) {
            assert_eq!(x.ignored, c.ignored, "{kind:?} {}", x.file);
            assert!(x.error.is_none() && x.sheet.is_some(), "{x:?}");
        }
        // Rows are named by sheet and row, never by a CSV line.
        for u in a.unusable.iter().filter(|u| u.line.is_some()) {
            assert!(u.sheet.is_some(), "{kind:?}: {u:?}");
        }
    }
}

#[test]
fn xlsx_title_rows_and_notes_sheets_are_passed_over() {
    // The vacancies workbook: a "Notes" sheet, then "Vacancies" with three
    // title rows and a blank row above the header (row 5).
    let imported = run_import(Kind::Workforce, &[xlsx("wf_vacancies_2024-03.xlsx")]);
    let extract = valid(&imported);
    let file = &imported.report.files[0];
    assert_eq!(file.sheet, Some(("Vacancies".to_string(), 5)));
    assert_eq!(file.rows_read, 2);
    let text = report_text(&imported);
    assert!(
        text.contains(
            "wf_vacancies_2024-03.xlsx [Vacancies] (header on row 5): 2 rows read, 2 used"
        ),
        "{text}"
    );
    // Its Period cells are bare Excel serial numbers (45352 = 1 March 2024).
    same(
        &points(&extract, "wf_vacancy", "LLR", json!({})),
        &[ratio("2024-03", 1200.0, 18200.0)],
    );
    let imported = run_import(Kind::Ae, &[xlsx("Monthly-AE-June-2024.xlsx")]);
    assert_eq!(
        imported.report.files[0].sheet,
        Some(("Provider Level Data".to_string(), 5))
    );
    same(
        &points(&valid(&imported), "ae_4hr", "LLR", json!({})),
        &[ratio("2024-06", 14461.0, 24194.0)],
    );
}

#[test]
fn xlsx_numbers_and_date_cells_come_through_exactly() {
    let imported = run_import(
        Kind::Workforce,
        &[xlsx("wf_staff_in_post_2024-03_to_04.xlsx")],
    );
    let text = imported.extract.clone().unwrap();
    // The file holds 4500.250000000001 (a formula's binary noise): the
    // value Excel shows, 4500.25, is the one written; whole numbers stay whole.
    assert!(text.contains("\"value\": 4500.25}"), "{text}");
    assert!(!text.contains("4500.250000"), "{text}");
    assert!(text.contains("\"value\": 5500}"), "{text}");
    let extract = valid(&imported);
    same(
        &points(
            &extract,
            "wf_staff_fte",
            "LLR",
            json!({"organisation": "RWE", "staff_group": "Nurses & health visitors"}),
        ),
        &[
            json!({"period": "2024-03", "value": 4500.25}),
            json!({"period": "2024-04", "value": 4550.0}),
        ],
    );
    // Date cells (31/03/2024, 01/07/2024) are the months the CSV's text gives.
    let periods: Vec<Value> = points(
        &extract,
        "wf_staff_fte",
        "LLR",
        json!({"organisation": "RWE"}),
    )
    .iter()
    .map(|p| p["period"].clone())
    .collect();
    assert_eq!(periods, [json!("2024-03"), json!("2024-04")]);
    let july = run_import(Kind::Ae, &[xlsx("Monthly-AE-July-2024-revised.xlsx")]);
    let found = points(&valid(&july), "ae_4hr", "LLR", json!({}));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["period"], "2024-07");
}

#[test]
fn xlsx_suppressed_and_blank_cells_are_not_zeros() {
    let imported = run_import(
        Kind::Workforce,
        &[
            xlsx("wf_staff_in_post_2024-03_to_04.xlsx"),
            xlsx("wf_sickness_2024-03_to_04.xlsx"),
        ],
    );
    let extract = valid(&imported);
    let text = report_text(&imported);
    // Two title rows and a blank row: the header is row 4, LPT's April row 8.
    assert!(
        text.contains("wf_sickness_2024-03_to_04.xlsx [Sickness absence] row 8: wf_sickness RT5 2024-04: `FTE days lost` is \"*\" (suppressed or not applicable; not counted as 0)"),
        "{text}"
    );
    same(
        &points(
            &extract,
            "wf_sickness",
            "LLR",
            json!({"organisation": "RT5"}),
        ),
        &[ratio("2024-03", 6000.0, 120000.0)],
    );
    let imported = run_import(Kind::Cancer, &[xlsx("cwt_provider_2024-04.xlsx")]);
    let extract = valid(&imported);
    let text = report_text(&imported);
    assert!(
        text.contains("cwt_provider_2024-04.xlsx [Provider] row 10: cancer_62d 2024-04: `WITHIN STANDARD` is blank (not counted as 0)"),
        "{text}"
    );
    assert!(points(&extract, "cancer_62d", "LLR", json!({})).is_empty());
    let imported = run_import(
        Kind::TalkingTherapies,
        &[xlsx("tt_2023-04.xlsx"), xlsx("tt_2023-05.xlsx")],
    );
    let extract = valid(&imported);
    let text = report_text(&imported);
    assert!(
        text.contains(
            "tt_2023-04.xlsx [Activity] row 17: Count_Recovery 2023-04: `MEASURE_VALUE` is \"*\""
        ),
        "{text}"
    );
    same(
        &points(&extract, "tt_recovery", "LLR", json!({})),
        &[ratio("2023-05", 340.0, 680.0)],
    );
    // A point summed over rows names the sheet rows behind it.
    let imported = run_import(Kind::Rtt, &[xlsx("rtt_full_2025-04.xlsx")]);
    let text = report_text(&imported);
    assert!(
        text.contains(
            "rtt_18wk at LLR (RWE) 2025-04 not written: 1 of its 2 rows could not be used (row 2)"
        ),
        "{text}"
    );
}

#[test]
fn spreadsheets_that_cannot_be_read_are_refused_with_the_reason() {
    let good = std::fs::read(fixture("xlsx/wf_vacancies_2024-03.xlsx")).unwrap();
    let inputs = vec![
        // Cut short, as an interrupted download is.
        Input::from_bytes("truncated.xlsx", good[..good.len() / 2].to_vec()),
        // An error page saved under the spreadsheet's name.
        Input::from_bytes(
            "error-page.xlsx",
            b"<!DOCTYPE html><html><body>Not found</body></html>".to_vec(),
        ),
        Input::from_bytes("empty.xls", Vec::new()),
        // The zipped RTT download, not unzipped.
        Input::from_bytes("rtt.zip", b"PK\x03\x04\x14\x00\x00\x00junk".to_vec()),
        // A good workbook with no sheet this import can read.
        xlsx("Monthly-AE-June-2024.xlsx"),
        // A good workbook and a sheet it does not have.
        xlsx("wf_vacancies_2024-03.xlsx").with_sheet(Some("Table 9")),
    ];
    let imported = run_import(Kind::Workforce, &inputs);
    assert!(imported.extract.is_none());
    let errors: Vec<&str> = imported
        .report
        .files
        .iter()
        .map(|f| f.error.as_deref().unwrap_or(""))
        .collect();
    assert!(
        errors[0].starts_with("truncated.xlsx cannot be opened as an .xlsx workbook: "),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].starts_with("error-page.xlsx is not a spreadsheet")
            && errors[1].contains("<!DOCTYPE html>"),
        "{}",
        errors[1]
    );
    assert!(errors[2].contains("the file is empty"), "{}", errors[2]);
    assert!(errors[3].contains("unzip it"), "{}", errors[3]);
    assert!(
        errors[4].starts_with("no sheet has a header row with the columns this import needs in its first 20 rows (sheet \"Provider Level Data\": closest: row 5, which lacks")
            && errors[4].contains("`Staff Group`"),
        "{}",
        errors[4]
    );
    assert_eq!(
        errors[5],
        "no sheet named \"Table 9\" (its sheets: \"Notes\", \"Vacancies\")"
    );
    let text = report_text(&imported);
    assert!(
        text.contains("  truncated.xlsx: NOT USED: truncated.xlsx cannot be opened"),
        "{text}"
    );
}
