//! `llr-data import ambulance` and `llr-data import ae` on the real NHS
//! England publications as downloaded, kept unchanged under
//! tools/sources/nhse/ (their sources: tools/sources/README.md):
//!
//! - AmbSYS: the time-series workbook "AmbSYS-Time-Series-until-20250831.xlsx"
//!   (sheet "Raw", Aug 2017 - Aug 2025) and that sheet exported to CSV
//!   (filtered to England, Midlands, EMAS and 30 other rows);
//! - A&E: 14 monthly CSV files, June 2024 - July 2025, one of them (July
//!   2025) under the name "July-2025-CSV-9jfy4.csv".
//!
//! Every expected figure was worked out from the files with Python (csv,
//! and openpyxl for the workbook), independently of the importers; each
//! constant says how.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use llr_dashboard::import::{import, Imported, Input, Kind};
use llr_dashboard::load::{parse_catalogue, parse_geography, Dataset};
use llr_dashboard::model::{Catalogue, Geography};
use serde_json::{json, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn source(publication: &str, name: &str) -> PathBuf {
    root()
        .join("tools/sources/nhse")
        .join(publication)
        .join(name)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A real file, named by its published file name.
fn input(publication: &str, name: &str) -> Input {
    let path = source(publication, name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Input::from_bytes(name, bytes)
}

fn bundled() -> (Geography, Catalogue) {
    let (geography, p1) =
        parse_geography("geography.json", &read(&root().join("data/geography.json")));
    let (catalogue, p2) = parse_catalogue("metrics.json", &read(&root().join("data/metrics.json")));
    assert!(p1.is_empty() && p2.is_empty(), "{p1:?} {p2:?}");
    (geography, catalogue)
}

fn run_import(kind: Kind, inputs: &[Input]) -> Imported {
    let (geography, catalogue) = bundled();
    import(
        kind,
        "imported",
        "2025-09-11",
        inputs,
        &geography,
        &catalogue,
    )
}

fn report_text(imported: &Imported) -> String {
    imported.report.lines().join("\n")
}

/// A fresh directory removed on drop.
struct Temp(PathBuf);

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The extract, after checking that the project's validator, loading it
/// beside the bundled geography and catalogue, finds no problem at all.
#[track_caller]
fn valid(imported: &Imported) -> Value {
    let text = imported
        .extract
        .as_deref()
        .unwrap_or_else(|| panic!("nothing written:\n{}", report_text(imported)));
    let dir = std::env::temp_dir().join(format!(
        "llr-real-amb-ae-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let temp = Temp(dir);
    std::fs::create_dir_all(temp.0.join("extracts")).unwrap();
    for file in ["geography.json", "metrics.json"] {
        std::fs::copy(root().join("data").join(file), temp.0.join(file)).unwrap();
    }
    std::fs::write(temp.0.join("extracts/imported.json"), text).unwrap();
    let manifest = json!({
        "schema_version": 1,
        "title": "real import test",
        "geography": "geography.json",
        "metrics": "metrics.json",
        "extracts": ["extracts/imported.json"]
    });
    std::fs::write(temp.0.join("manifest.json"), manifest.to_string()).unwrap();
    let data = Dataset::load_dir(&temp.0).expect("manifest loads");
    assert!(
        data.problems.is_empty(),
        "validator problems: {:#?}",
        data.problems
    );
    assert!(data.failed.is_empty());
    serde_json::from_str(text).unwrap()
}

/// The one series for a metric and area.
#[track_caller]
fn series<'a>(extract: &'a Value, metric: &str, area: &str) -> &'a Value {
    let found: Vec<&Value> = extract["series"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["metric"] == metric && s["area"] == area)
        .collect();
    assert_eq!(found.len(), 1, "{metric} at {area}: {found:?}");
    found[0]
}

/// A series' point for a period.
#[track_caller]
fn point<'a>(extract: &'a Value, metric: &str, area: &str, period: &str) -> &'a Value {
    series(extract, metric, area)["points"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["period"] == period)
        .unwrap_or_else(|| panic!("no {metric} at {area} for {period}"))
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

// ------------------------------------------------------------------ AmbSYS

const WORKBOOK: &str = "AmbSYS-Time-Series-until-20250831.xlsx";
const RAW_CSV: &str = "AmbSYS-Time-Series-until-20250831_Raw-sheet_LLR-extract.csv";

/// One month of one row of the Raw sheet: (area in the extract, period,
/// C1 incidents A8, C1 total seconds A24, C1 published mean A25, C1 90th
/// A26, C2 incidents A10, C2 total A30, C2 published mean A31, C2 90th
/// A32). Read from the workbook's Raw sheet with openpyxl (data_only),
/// rows `2025-26AUGUSTRX9`, `2024-25OCTOBERRX9`, `2025-26AUGUSTENG`,
/// `2025-26AUGUSTY60`, `2024-25OCTOBERENG` and `2024-25OCTOBERY60` of its
/// `Concatenated` column. Y60 was also checked as the sum of RX9 and
/// West Midlands (RYA): August 2025 C1 6,435 + 8,835 = 15,270 incidents,
/// 3,438,301 + 4,122,534 = 7,560,835 s; C2 36,871 + 42,343 = 79,214,
/// 83,150,191 + 49,164,167 = 132,314,358 s.
type AmbMonth = (&'static str, &'static str, [f64; 8]);

#[rustfmt::skip]
const AMB_MONTHS: [AmbMonth; 6] = [
    // area,       month,     C1: A8,   A24,         A25,   A26,    C2: A10,  A30,          A31,    A32
    // EMAS, the figures the brief gives: Aug 2025 C1 534 / 948 s, C2 2,255 / 4,599 s;
    // Oct 2024 C1 580 / 1,019 s, C2 3,481 / 7,355 s.
    ("LLR",       "2025-08", [ 6435.0,  3438301.0, 534.0,  948.0,  36871.0,   83150191.0, 2255.0, 4599.0]),
    ("LLR",       "2024-10", [ 7419.0,  4300456.0, 580.0, 1019.0,  38068.0,  132501607.0, 3481.0, 7355.0]),
    // England.
    ("E92000001", "2025-08", [74581.0, 34852793.0, 467.0,  836.0, 385921.0,  626178942.0, 1623.0, 3285.0]),
    ("E92000001", "2024-10", [84129.0, 43574318.0, 518.0,  923.0, 397894.0, 1008604488.0, 2535.0, 5419.0]),
    // NHS England Midlands (Y60).
    ("E40000008", "2025-08", [15270.0,  7560835.0, 495.0,  877.0,  79214.0,  132314358.0, 1670.0, 3394.0]),
    ("E40000008", "2024-10", [18344.0,  9833945.0, 536.0,  948.0,  79335.0,  218502429.0, 2754.0, 5967.0]),
];

/// The workbook, imported once (it takes seconds in a debug build).
fn workbook() -> &'static Imported {
    static IMPORTED: OnceLock<Imported> = OnceLock::new();
    IMPORTED.get_or_init(|| run_import(Kind::Ambulance, &[input("ambulance", WORKBOOK)]))
}

#[track_caller]
fn check_ambulance(extract: &Value) {
    for (area, period, [c1_n, c1_total, c1_mean, c1_p90, c2_n, c2_total, c2_mean, c2_p90]) in
        AMB_MONTHS
    {
        for (c, n, total, mean, p90) in [
            ("c1", c1_n, c1_total, c1_mean, c1_p90),
            ("c2", c2_n, c2_total, c2_mean, c2_p90),
        ] {
            let m = point(extract, &format!("amb_{c}_mean"), area, period);
            assert_eq!(f(&m["count"]), n, "{c} incidents {area} {period}");
            // The mean written is total / incidents (so means aggregate) ...
            let value = f(&m["value"]);
            assert!(
                (value - total / n).abs() < 1e-9,
                "{c} mean {area} {period}: {value}"
            );
            // ... and rounds to the published mean.
            assert_eq!(value.round(), mean, "{c} mean {area} {period}: {value}");
            let q = point(extract, &format!("amb_{c}_p90"), area, period);
            assert_eq!(f(&q["value"]), p90, "{c} 90th {area} {period}");
        }
    }
    // 97 months, August 2017 to August 2025, for EMAS, England and the Midlands.
    for area in ["LLR", "E92000001", "E40000008"] {
        for metric in ["amb_c1_mean", "amb_c1_p90", "amb_c2_mean", "amb_c2_p90"] {
            let s = series(extract, metric, area);
            let points = s["points"].as_array().unwrap();
            assert_eq!(points.len(), 97, "{metric} at {area}");
            assert_eq!(points[0]["period"], "2017-08", "{metric} at {area}");
            assert_eq!(points[96]["period"], "2025-08", "{metric} at {area}");
            assert_eq!(s["provenance"], "published", "{metric} at {area}");
            if area == "LLR" {
                assert_eq!(s["organisation"], "RX9");
            } else {
                assert!(s.get("organisation").is_none(), "{s}");
            }
            assert!(s["note"].as_str().is_some_and(|n| !n.is_empty()));
        }
    }
    // Nothing else: the other services and regions are not written.
    assert_eq!(extract["series"].as_array().unwrap().len(), 12);
}

#[test]
fn ambsys_workbook_as_downloaded_gives_emas_england_and_the_midlands() {
    let imported = workbook();
    let extract = valid(imported);
    check_ambulance(&extract);
    let report = &imported.report;
    assert!(report.unusable.is_empty(), "{}", report_text(imported));
    // The Raw sheet, found by its header (row 5, under the group rows).
    assert_eq!(report.files[0].sheet, Some(("Raw".to_string(), 5)));
    // 97 months of three rows.
    assert_eq!(report.rows_used(), 3 * 97);
    // Every published mean agrees with total / incidents: no note of a
    // column out of place.
    assert!(
        !report.notes.iter().any(|n| n.contains("works out at")),
        "{:?}",
        report.notes
    );
}

#[test]
fn ambsys_raw_sheet_as_csv_gives_exactly_what_the_workbook_gives() {
    let csv = run_import(Kind::Ambulance, &[input("ambulance", RAW_CSV)]);
    let csv_extract = valid(&csv);
    check_ambulance(&csv_extract);
    assert!(csv.report.unusable.is_empty(), "{}", report_text(&csv));
    assert_eq!(csv.report.rows_used(), 3 * 97);
    let workbook_extract = valid(workbook());
    assert_eq!(csv_extract["series"], workbook_extract["series"]);
}

#[test]
fn ambsys_raw_sheet_csv_marks_are_never_numbers_and_lines_are_the_files() {
    let text = read(&source("ambulance", RAW_CSV));
    let lines: Vec<&str> = text.lines().collect();
    // The header is the third line; the first two are its group rows.
    assert!(lines[2].starts_with("Concatenated,Year,Month,Reg,,Area,Trust,A0,"));
    let header: Vec<&str> = lines[2].split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let at = |key: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(&format!("{key},")))
            .unwrap()
    };
    let mut edited: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut set = |row: usize, column: &str, value: &str| {
        let mut fields: Vec<String> = edited[row].split(',').map(str::to_string).collect();
        fields[col(column)] = value.to_string();
        edited[row] = fields.join(",");
    };
    let aug = at("2025-26AUGUSTRX9");
    let oct = at("2024-25OCTOBERRX9");
    let eng = at("2025-26AUGUSTENG");
    let jul = at("2025-26JULYY60");
    set(aug, "A26", ".");
    set(oct, "A8", "-");
    set(eng, "A32", "*");
    set(jul, "A10", "");
    let imported = run_import(
        Kind::Ambulance,
        &[Input::text("raw.csv", &edited.join("\n"))],
    );
    let extract = valid(&imported);
    let count = |metric: &str, area: &str| {
        series(&extract, metric, area)["points"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count("amb_c1_p90", "LLR"), 96);
    assert_eq!(count("amb_c1_mean", "LLR"), 96);
    assert_eq!(count("amb_c2_p90", "E92000001"), 96);
    assert_eq!(count("amb_c2_mean", "E40000008"), 96);
    assert_eq!(count("amb_c2_mean", "LLR"), 97);
    let text = report_text(&imported);
    // Lines are the file's own (the header is line 3).
    for want in [
        format!(
            "raw.csv:{}: amb_c1_p90 2025-08 not written: `A26` is \".\"",
            aug + 1
        ),
        format!(
            "raw.csv:{}: amb_c1_mean 2024-10 not written: `A8` is \"-\"",
            oct + 1
        ),
        format!(
            "raw.csv:{}: amb_c2_p90 2025-08 at E92000001 not written: `A32` is \"*\"",
            eng + 1
        ),
        format!(
            "raw.csv:{}: amb_c2_mean 2025-07 at E40000008 not written: `A10` is blank",
            jul + 1
        ),
    ] {
        assert!(text.contains(&want), "{want}\n{text}");
    }
}

/// The AmbSYS CSV (2017-08 to 2021-01, tests/fixtures/import) and the
/// workbook's Raw sheet use the same codes for the same things: for EMAS,
/// 37 of its 42 months are identical in all four series. The other five
/// were revised after that CSV was published (A8, A10, A24, A30 or A32
/// differ, compared with Python): 2019-10, 2019-11, 2020-03, 2020-08 and
/// 2020-10.
#[test]
fn ambsys_csv_and_workbook_agree_but_for_revised_months() {
    let path = root().join("tests/fixtures/import/ambsys_RX9_2017-08_to_2021-01.csv");
    let old = run_import(
        Kind::Ambulance,
        &[Input::from_bytes(
            "ambsys_RX9_2017-08_to_2021-01.csv",
            std::fs::read(path).unwrap(),
        )],
    );
    let old = valid(&old);
    let new = valid(&run_import(
        Kind::Ambulance,
        &[input("ambulance", WORKBOOK)],
    ));
    let revised = ["2019-10", "2019-11", "2020-03", "2020-08", "2020-10"];
    let mut same = 0;
    let old_points = series(&old, "amb_c1_mean", "LLR")["points"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(old_points.len(), 42);
    for p in &old_points {
        let period = p["period"].as_str().unwrap();
        let all_same = ["amb_c1_mean", "amb_c1_p90", "amb_c2_mean", "amb_c2_p90"]
            .iter()
            .all(|m| point(&old, m, "LLR", period) == point(&new, m, "LLR", period));
        assert_eq!(all_same, !revised.contains(&period), "{period}");
        same += usize::from(all_same);
    }
    assert_eq!(same, 37);
}

// ------------------------------------------------------------------ A&E

/// Each real monthly file: (month from its `Period` column, file name,
/// then from Python's csv module: UHL (RWE) attendances and attendances
/// within 4 hours (all six attendance columns, minus the six over-4-hours
/// columns); England's total row, the same; NHS England Midlands, the same
/// summed over the rows whose `Parent Org`, trimmed, is "NHS ENGLAND
/// MIDLANDS", and how many rows that is). RWE agrees with data/README.md
/// (Feb 2025 21,585 attendances and 8,464 over 4 hours; Mar 2025 24,792 and
/// 10,180) and, for July 2025, with the healthyr copy of the publication
/// (23,097 and 8,159). In every file the total row is, column by column,
/// the sum of all the other rows.
type AeMonth = (
    &'static str,
    &'static str,
    f64,
    f64,
    f64,
    f64,
    f64,
    f64,
    usize,
);

#[rustfmt::skip]
const AE_MONTHS: [AeMonth; 14] = [
    // month,   file,                                   RWE all, within,  England all, within,  Midlands all, within, rows
    ("2024-06", "Monthly-AE-June-2024.csv",             24194.0, 14461.0, 2294065.0, 1711109.0, 428789.0, 312193.0, 42),
    ("2024-07", "Monthly-AE-July-2024-revised.csv",     23029.0, 14273.0, 2324832.0, 1748671.0, 429524.0, 315927.0, 42),
    ("2024-08", "Monthly-AE-August-2024.csv",           22109.0, 13880.0, 2160791.0, 1649407.0, 397108.0, 296933.0, 42),
    ("2024-09", "Monthly-AE-September-2024.csv",        23203.0, 13669.0, 2214217.0, 1643329.0, 410872.0, 300423.0, 42),
    ("2024-10", "Monthly-AE-October-2024-revised.csv",  24116.0, 14317.0, 2360536.0, 1725194.0, 441508.0, 317782.0, 42),
    ("2024-11", "Monthly-AE-November-2024-revised.csv", 25177.0, 14589.0, 2314998.0, 1671002.0, 439195.0, 307894.0, 42),
    ("2024-12", "Monthly-AE-December-2024.csv",         24149.0, 14300.0, 2345934.0, 1668461.0, 443935.0, 308187.0, 42),
    ("2025-01", "Monthly-AE-January-2025.csv",          23047.0, 13824.0, 2218130.0, 1619384.0, 412707.0, 296748.0, 42),
    ("2025-02", "Monthly-AE-February-2025-revised.csv", 21585.0, 13121.0, 2088071.0, 1533925.0, 388726.0, 280874.0, 42),
    ("2025-03", "Monthly-AE-March-2025.csv",            24792.0, 14612.0, 2389064.0, 1791316.0, 447151.0, 326957.0, 43),
    ("2025-04", "Monthly-AE-April-2025.csv",            23204.0, 13858.0, 2295820.0, 1716559.0, 426088.0, 310412.0, 43),
    ("2025-05", "Monthly-AE-May-2025.csv",              24360.0, 14985.0, 2395886.0, 1806359.0, 442378.0, 326380.0, 42),
    ("2025-06", "Monthly-AE-June-2025-1-1.csv",         23938.0, 14560.0, 2350478.0, 1775669.0, 434263.0, 319250.0, 43),
    ("2025-07", "July-2025-CSV-9jfy4.csv",              23097.0, 14938.0, 2407884.0, 1839580.0, 441836.0, 328087.0, 43),
];

#[track_caller]
fn check_ratio(extract: &Value, area: &str, period: &str, within: f64, all: f64) {
    let p = point(extract, "ae_4hr", area, period);
    assert_eq!(
        (f(&p["numerator"]), f(&p["denominator"])),
        (within, all),
        "ae_4hr at {area} {period}"
    );
}

#[test]
fn ae_every_real_file_alone_gives_its_own_month() {
    for (month, file, rwe_all, rwe_within, eng_all, eng_within, mid_all, mid_within, mid_rows) in
        AE_MONTHS
    {
        let imported = run_import(Kind::Ae, &[input("ae", file)]);
        let extract = valid(&imported);
        let text = report_text(&imported);
        assert!(imported.report.unusable.is_empty(), "{file}\n{text}");
        assert!(imported.report.files[0].error.is_none(), "{file}\n{text}");
        check_ratio(&extract, "LLR", month, rwe_within, rwe_all);
        check_ratio(&extract, "E92000001", month, eng_within, eng_all);
        check_ratio(&extract, "E40000008", month, mid_within, mid_all);
        for s in extract["series"].as_array().unwrap() {
            assert_eq!(s["points"].as_array().unwrap().len(), 1, "{file}: {s}");
        }
        // UHL, England's total row and the Midlands rows (UHL among them).
        assert_eq!(imported.report.rows_used(), 1 + mid_rows, "{file}\n{text}");
        // The providers add up to the total: no note says otherwise.
        assert!(
            !text.contains("do not add up") && !text.contains("not written"),
            "{file}\n{text}"
        );
    }
}

#[test]
fn ae_all_fourteen_files_together() {
    let inputs: Vec<Input> = AE_MONTHS.iter().map(|m| input("ae", m.1)).collect();
    let imported = run_import(Kind::Ae, &inputs);
    let extract = valid(&imported);
    assert!(
        imported.report.unusable.is_empty(),
        "{}",
        report_text(&imported)
    );
    let uhl = series(&extract, "ae_4hr", "LLR");
    assert_eq!(uhl["organisation"], "RWE");
    assert_eq!(uhl["provenance"], "published");
    let england = series(&extract, "ae_4hr", "E92000001");
    assert_eq!(england["provenance"], "published");
    assert!(england.get("organisation").is_none());
    let midlands = series(&extract, "ae_4hr", "E40000008");
    assert_eq!(midlands["provenance"], "derived");
    assert!(midlands["note"]
        .as_str()
        .unwrap()
        .contains("Parent Org is NHS England Midlands"));
    for s in [uhl, england, midlands] {
        assert_eq!(s["points"].as_array().unwrap().len(), 14);
    }
    for (month, _, rwe_all, rwe_within, eng_all, eng_within, mid_all, mid_within, _) in AE_MONTHS {
        check_ratio(&extract, "LLR", month, rwe_within, rwe_all);
        check_ratio(&extract, "E92000001", month, eng_within, eng_all);
        check_ratio(&extract, "E40000008", month, mid_within, mid_all);
    }
    // June 2024 by hand: (22235 + 1959) - (9660 + 73) over 22235 + 1959.
    check_ratio(&extract, "LLR", "2024-06", 14461.0, 24194.0);
    assert_eq!(extract["series"].as_array().unwrap().len(), 3);
}

/// The month is the file's own, never its name's: the July 2025 file as
/// published under an unhelpful name, and a June 2024 file renamed.
#[test]
fn ae_the_month_comes_from_the_period_column_not_the_file_name() {
    let july = run_import(Kind::Ae, &[input("ae", "July-2025-CSV-9jfy4.csv")]);
    let extract = valid(&july);
    check_ratio(&extract, "LLR", "2025-07", 14938.0, 23097.0);
    check_ratio(&extract, "E92000001", "2025-07", 1839580.0, 2407884.0);
    let bytes = std::fs::read(source("ae", "Monthly-AE-June-2024.csv")).unwrap();
    let renamed = run_import(
        Kind::Ae,
        &[Input::from_bytes("Monthly-AE-March-2019.csv", bytes)],
    );
    let extract = valid(&renamed);
    for s in extract["series"].as_array().unwrap() {
        assert_eq!(s["points"][0]["period"], "2024-06", "{s}");
    }
}

/// England's total row, however it is spelled: `TOTAL` (most files),
/// `Total` (July 2024 revised), `Total ` in `Org Code` (September 2024),
/// or, in a file that spells it otherwise, a blank `Org Code` beside
/// "England".
#[test]
fn ae_the_total_row_however_it_is_spelled() {
    let text = read(&source("ae", "Monthly-AE-April-2025.csv"));
    let total = text
        .lines()
        .find(|l| l.starts_with("TOTAL,TOTAL,TOTAL,TOTAL,"))
        .unwrap();
    for label in [
        "TOTAL,TOTAL,TOTAL,TOTAL",
        ",,,England",
        "England,England,,",
        ",ENGLAND,,",
    ] {
        let respelled = text.replace(total, &total.replacen("TOTAL,TOTAL,TOTAL,TOTAL", label, 1));
        let imported = run_import(Kind::Ae, &[Input::text("april.csv", &respelled)]);
        let extract = valid(&imported);
        check_ratio(&extract, "E92000001", "2025-04", 1716559.0, 2295820.0);
        check_ratio(&extract, "E40000008", "2025-04", 310412.0, 426088.0);
        assert!(
            imported.report.unusable.is_empty(),
            "{label}\n{}",
            report_text(&imported)
        );
    }
}

/// A file with a Midlands provider missing (here: one row deleted) no
/// longer adds up to England's total: the Midlands sum is not written, and
/// the report says why; UHL and England still are.
#[test]
fn ae_an_incomplete_file_gives_no_midlands_sum() {
    let text = read(&source("ae", "Monthly-AE-May-2025.csv"));
    let cut: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains(",RK5,")) // Sherwood Forest Hospitals, Midlands
        .collect();
    assert_eq!(cut.len() + 1, text.lines().count());
    let imported = run_import(Kind::Ae, &[Input::text("may.csv", &cut.join("\n"))]);
    let extract = valid(&imported);
    check_ratio(&extract, "LLR", "2025-05", 14985.0, 24360.0);
    check_ratio(&extract, "E92000001", "2025-05", 1806359.0, 2395886.0);
    assert!(extract["series"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["area"] != "E40000008"));
    let report = report_text(&imported);
    assert!(
        report.contains("the provider rows do not add up to England's total row")
            && report.contains("NHS England Midlands 2025-05 (their sum) is not written"),
        "{report}"
    );
}
