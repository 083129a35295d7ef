//! `llr-data import workforce` on the NHS Workforce Statistics "England and
//! Organisation" workbooks as published (August 2024, December 2024 and
//! May 2025, unchanged, in tools/sources/nhse/workforce/; see
//! tools/sources/README.md), and on copies of them with one thing changed
//! (a renamed column, a revised figure), rewritten by the small .xlsx writer
//! at the end of this file.
//!
//! Every expected figure was worked out outside this code: the December
//! 2024 ones are the expected figures of the shared data README; the
//! others were read from the workbooks with Python's openpyxl (each
//! constant says which cell).

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use llr_dashboard::import::{import, Imported, Input, Kind};
use llr_dashboard::load::{parse_catalogue, parse_geography, Dataset};
use llr_dashboard::model::{Catalogue, Geography};
use serde_json::{json, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const AUG_2024: &str = "NHS Workforce Statistics, August 2024 England and Organisation.xlsx";
const DEC_2024: &str = "NHS Workforce Statistics, December 2024 England and Organisation.xlsx";
const MAY_2025: &str = "NHS Workforce Statistics, May 2025 England and Organisation.xlsx";

const TABLE_3: &str = "3. NHSE, Org & SG - FTE";
const TABLE_5: &str = "5. All Staff, NHSE & Org - FTE";

fn source(name: &str) -> PathBuf {
    root().join("tools/sources/nhse/workforce").join(name)
}

fn real(name: &str) -> Input {
    let bytes = std::fs::read(source(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    Input::from_bytes(name, bytes)
}

fn bundled() -> (Geography, Catalogue) {
    let text = std::fs::read_to_string(root().join("data/geography.json")).unwrap();
    let (geography, p1) = parse_geography("geography.json", &text);
    for code in ["E92000001", "E40000008"] {
        assert!(
            geography.comparator(code).is_some(),
            "{code} is a comparator"
        );
    }
    let metrics = std::fs::read_to_string(root().join("data/metrics.json")).unwrap();
    let (catalogue, p2) = parse_catalogue("metrics.json", &metrics);
    assert!(p1.is_empty() && p2.is_empty(), "{p1:?} {p2:?}");
    (geography, catalogue)
}

fn run(inputs: &[Input]) -> Imported {
    let (geography, catalogue) = bundled();
    import(
        Kind::Workforce,
        "workforce",
        "2025-07-03",
        inputs,
        &geography,
        &catalogue,
    )
}

fn report(imported: &Imported) -> String {
    imported.report.lines().join("\n")
}

/// The extract, after checking that the whole validator (with the checks
/// across series, such as parts adding up to their total) finds nothing.
#[track_caller]
fn valid(imported: &Imported) -> Value {
    let text = imported
        .extract
        .as_deref()
        .unwrap_or_else(|| panic!("nothing written:\n{}", report(imported)));
    let dir = std::env::temp_dir().join(format!(
        "llr-real-workforce-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(dir.join("extracts")).unwrap();
    std::fs::copy(
        root().join("data/geography.json"),
        dir.join("geography.json"),
    )
    .unwrap();
    std::fs::copy(root().join("data/metrics.json"), dir.join("metrics.json")).unwrap();
    std::fs::write(dir.join("extracts/workforce.json"), text).unwrap();
    let manifest = json!({
        "schema_version": 1, "title": "real workforce", "geography": "geography.json",
        "metrics": "metrics.json", "extracts": ["extracts/workforce.json"]
    });
    std::fs::write(dir.join("manifest.json"), manifest.to_string()).unwrap();
    let data = Dataset::load_dir(&dir).expect("manifest loads");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        data.problems.is_empty(),
        "validator problems: {:#?}",
        data.problems
    );
    assert!(data.failed.is_empty());
    serde_json::from_str(text).unwrap()
}

/// The series with this area and breakdown (its whole JSON object).
#[track_caller]
fn series<'a>(extract: &'a Value, area: &str, breakdown: Value) -> &'a Value {
    let found: Vec<&Value> = extract["series"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| {
            s["metric"] == "wf_staff_fte" && s["area"] == area && s["breakdown"] == breakdown
        })
        .collect();
    assert_eq!(found.len(), 1, "{area} {breakdown}");
    found[0]
}

/// Period -> value of a series.
fn values(extract: &Value, area: &str, breakdown: Value) -> BTreeMap<String, f64> {
    series(extract, area, breakdown)["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap().to_string(),
                p["value"].as_f64().unwrap(),
            )
        })
        .collect()
}

fn org(code: &str) -> Value {
    json!({"organisation": code})
}

fn group(code: &str, group: &str) -> Value {
    json!({"organisation": code, "staff_group": group})
}

/// Every month from `first` to `last`, as `YYYY-MM`.
fn months(first: (i32, u32), last: (i32, u32)) -> Vec<String> {
    let mut out = Vec::new();
    let (mut y, mut m) = first;
    while (y, m) <= last {
        out.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// A month's figures from table 3 of one workbook (read with openpyxl from
/// the `Total`, `HCHS Doctors` and `Nurses & health visitors` cells of the
/// rows named, and the `Total` of the ICS, Midlands and England rows).
struct Month {
    period: &'static str,
    rwe: [f64; 3],
    rt5: [f64; 3],
    icb: f64,
    ics: f64,
    midlands: f64,
    england: f64,
}

/// December 2024: the shared data README's expected figures (RWE
/// 16,991.18, doctors 2,397.52, nurses 4,607.03; RT5 5,954.33, 228.38,
/// 1,681.02; ICS 23,225.37; Midlands 258,150.04; England 1,368,034.12), to
/// the five decimals the workbook holds.
const DECEMBER: Month = Month {
    period: "2024-12",
    rwe: [16991.17548, 2397.51574, 4607.03477],
    rt5: [5954.33342, 228.3755, 1681.02276],
    icb: 279.86204,
    ics: 23225.37094,
    midlands: 258150.03637,
    england: 1368034.11747,
};

/// August 2024 workbook, table 3 rows 160 (RWE), 158 (RT5), 159 (QK1),
/// 157 (ICS QK1), 132 (Y60), 8 (England), by openpyxl.
const AUGUST: Month = Month {
    period: "2024-08",
    rwe: [16776.76062, 2359.88702, 4478.85504],
    rt5: [5870.14322, 227.75275, 1588.70328],
    icb: 273.05538,
    ics: 22919.95922,
    midlands: 253938.00392,
    england: 1348583.87699,
};

/// May 2025 workbook, table 3, the same rows, by openpyxl.
const MAY: Month = Month {
    period: "2025-05",
    rwe: [17038.86123, 2373.30902, 4641.3016],
    rt5: [6083.53846, 228.47775, 1730.58279],
    icb: 279.93538,
    ics: 23402.33507,
    midlands: 259982.76048,
    england: 1373862.75008,
};

#[track_caller]
fn assert_month(extract: &Value, m: &Month) {
    let at = |area: &str, breakdown: Value| {
        let v = values(extract, area, breakdown.clone());
        *v.get(m.period)
            .unwrap_or_else(|| panic!("{area} {breakdown}: no {}", m.period))
    };
    for (code, [total, doctors, nurses]) in [("RWE", m.rwe), ("RT5", m.rt5)] {
        assert_eq!(at("LLR", org(code)), total, "{code}");
        assert_eq!(at("LLR", group(code, "HCHS Doctors")), doctors, "{code}");
        assert_eq!(
            at("LLR", group(code, "Nurses & health visitors")),
            nurses,
            "{code}"
        );
    }
    assert_eq!(at("LLR", org("QK1")), m.icb);
    assert_eq!(at("LLR", json!({})), m.ics);
    assert_eq!(at("E40000008", json!({})), m.midlands);
    assert_eq!(at("E92000001", json!({})), m.england);
}

/// The 13 main staff groups of an organisation in a month, which must add
/// up to its total.
fn groups_sum(extract: &Value, code: &str, period: &str) -> (usize, f64) {
    let groups: Vec<f64> = extract["series"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| {
            s["area"] == "LLR"
                && s["breakdown"]["organisation"] == code
                && s["breakdown"]["staff_group"].is_string()
        })
        .filter_map(|s| {
            s["points"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["period"] == period)
                .map(|p| p["value"].as_f64().unwrap())
        })
        .collect();
    (groups.len(), groups.iter().sum())
}

#[test]
fn december_2024_workbook_as_published() {
    let imported = run(&[real(DEC_2024)]);
    // No validator problem at all: the 13 staff groups add up to each
    // organisation's total, and RWE + RT5 + the ICB to the ICS figure.
    let extract = valid(&imported);
    assert_month(&extract, &DECEMBER);
    let (n, sum) = groups_sum(&extract, "RWE", "2024-12");
    assert_eq!(n, 13);
    assert!((sum - 16991.17548).abs() < 1e-6, "{sum}");
    // The December workbook calls the last group "Other staff or those
    // with unknown classification"; the series carries the newer name.
    assert_eq!(
        values(&extract, "LLR", group("RWE", "Unknown classification"))["2024-12"],
        0.0
    );
    // Every series is published; the system total is the ICS row, not a sum.
    for s in extract["series"].as_array().unwrap() {
        assert_eq!(s["provenance"], "published", "{}", s["breakdown"]);
    }
    let ics = series(&extract, "LLR", json!({}));
    assert!(ics["organisation"].is_null());
    assert!(
        ics["note"].as_str().unwrap().contains("not a sum"),
        "{}",
        ics["note"]
    );
    let england = series(&extract, "E92000001", json!({}));
    assert!(england["organisation"].is_null());
    let text = report(&imported);
    let file = &imported.report.files[0];
    assert_eq!(file.sheet, Some((TABLE_3.to_string(), 6)));
    assert!(file.error.is_none());
    assert!(
        text.contains("the NHS Workforce Statistics \"England and Organisation\" workbook for December 2024 (table 3's title: \"December 2024 monthly data\"); read table 3 [3. NHSE, Org & SG - FTE] (header on row 6) for 2024-12 and table 5 [5. All Staff, NHSE & Org - FTE] (header on row 5) for 2009-09 to 2024-12"),
        "{text}"
    );
    assert!(
        text.contains("rows for EMAS (RX9), which covers the whole East Midlands: 2"),
        "{text}"
    );
    assert!(
        text.contains("QK1: table 5 gives 0 FTE for 153 months (2009-09 to 2022-05)"),
        "{text}"
    );
    assert!(imported.report.unusable.is_empty(), "{text}");
}

#[test]
fn another_month_reads_with_its_own_month_from_its_title() {
    // Named as if it were the May 2025 workbook: the month still comes from
    // the title inside ("August 2024 monthly data"), never the file name.
    let bytes = std::fs::read(source(AUG_2024)).unwrap();
    let imported = run(&[Input::from_bytes(MAY_2025, bytes)]);
    let extract = valid(&imported);
    assert_month(&extract, &AUGUST);
    let rwe = values(&extract, "LLR", org("RWE"));
    assert_eq!(rwe.keys().last().map(String::as_str), Some("2024-08"));
    assert_eq!(
        values(&extract, "LLR", group("RT5", "HCHS Doctors"))
            .keys()
            .collect::<Vec<_>>(),
        ["2024-08"]
    );
    let text = report(&imported);
    assert!(
        text.contains("workbook for August 2024 (table 3's title: \"August 2024 monthly data\")"),
        "{text}"
    );
    // August 2024 has its own layout: "Other and Local HCHS Doctor Grades"
    // (a grade, not read). May 2025 has another: the last five groups in a
    // new order and "Unknown classification".
    let imported = run(&[real(MAY_2025)]);
    let extract = valid(&imported);
    assert_month(&extract, &MAY);
    let (n, sum) = groups_sum(&extract, "RT5", "2025-05");
    assert_eq!(n, 13);
    assert!((sum - 6083.53846).abs() < 1e-6, "{sum}");
}

#[test]
fn three_workbooks_give_one_monthly_series_from_table_5() {
    // Given newest first: the order does not matter.
    let imported = run(&[real(MAY_2025), real(AUG_2024), real(DEC_2024)]);
    let extract = valid(&imported);
    let text = report(&imported);
    // Each workbook's own month, from its table 3.
    for m in [&AUGUST, &DECEMBER, &MAY] {
        assert_month(&extract, m);
    }
    // Table 5 of each repeats the series back to September 2009: every
    // month once, none refused as a duplicate.
    let all = months((2009, 9), (2025, 5));
    for (area, breakdown) in [
        ("LLR", org("RWE")),
        ("LLR", org("RT5")),
        ("LLR", json!({})),
        ("E92000001", json!({})),
        ("E40000008", json!({})),
    ] {
        let found: Vec<String> = values(&extract, area, breakdown.clone())
            .into_keys()
            .collect();
        assert_eq!(found, all, "{area} {breakdown}");
    }
    // The ICB's own staff start in June 2022 (0 before, not written).
    let icb: Vec<String> = values(&extract, "LLR", org("QK1")).into_keys().collect();
    assert_eq!(icb, months((2022, 6), (2025, 5)));
    // Staff groups: only the months of the workbooks' table 3.
    let nurses: Vec<String> = values(&extract, "LLR", group("RWE", "Nurses & health visitors"))
        .into_keys()
        .collect();
    assert_eq!(nurses, ["2024-08", "2024-12", "2025-05"]);
    // Months only table 5 has, by openpyxl: RWE September 2009 (table 5 of
    // the May 2025 workbook, row 384, first month column) 10,067.39399;
    // the ICS then 16,242.1845; England 1,002,298.10222; and RWE March 2025
    // 17,083.82498, which is also the March 2025 workbook's table 3 figure.
    let rwe = values(&extract, "LLR", org("RWE"));
    assert_eq!(rwe["2009-09"], 10067.39399);
    assert_eq!(rwe["2025-03"], 17083.82498);
    assert_eq!(values(&extract, "LLR", json!({}))["2009-09"], 16242.1845);
    assert_eq!(
        values(&extract, "E92000001", json!({}))["2009-09"],
        1002298.10222
    );
    assert!(!text.contains("duplicate"), "{text}");
    assert!(imported.report.unusable.is_empty(), "{text}");
    // 6 rows (RWE, RT5, QK1, the ICS, Midlands, England) x 180 months that
    // both the August 2024 and a later workbook give (2009-09 to 2024-08),
    // and x 4 more (2024-09 to 2024-12) that December and May both give.
    assert!(
        text.contains("3 workbooks (August 2024, December 2024, May 2025): 1104 figures are given by more than one of them"),
        "{text}"
    );
    assert!(
        text.contains("None differs from an older workbook's: no revisions."),
        "{text}"
    );
}

// ---- Copies of a real workbook with one thing changed ----

fn december() -> &'static Book {
    static BOOK: OnceLock<Book> = OnceLock::new();
    BOOK.get_or_init(|| Book::read(&source(DEC_2024)))
}

fn august() -> &'static Book {
    static BOOK: OnceLock<Book> = OnceLock::new();
    BOOK.get_or_init(|| Book::read(&source(AUG_2024)))
}

#[test]
fn a_renamed_column_or_a_title_without_its_month_refuses_the_workbook() {
    let mut renamed = december().clone();
    let header = renamed.find_row(TABLE_3, 1, "NHS England region code");
    assert_eq!(header, 6);
    renamed.set(TABLE_3, header, 6, Cell::Text("Org code".into()));
    renamed.set(TABLE_3, header, 7, Cell::Text("All staff".into()));
    let mut untitled = december().clone();
    untitled.set(TABLE_3, 5, 1, Cell::Text("Monthly data".into()));
    let imported = run(&[
        Input::from_bytes("renamed.xlsx", renamed.xlsx()),
        Input::from_bytes("untitled.xlsx", untitled.xlsx()),
    ]);
    assert!(imported.extract.is_none());
    let errors: Vec<&str> = imported
        .report
        .files
        .iter()
        .map(|f| f.error.as_deref().unwrap_or(""))
        .collect();
    assert!(
        errors[0].starts_with("not the NHS Workforce Statistics \"England and Organisation\" layout this import knows: table 3 [3. NHSE, Org & SG - FTE] (header on row 6): missing columns `Organisation code`, `Total` (the header has: `NHS England region code`, `NHS England region name`, `ICS code`, `ICS name`, `Organisation name`, `Org code`, `All staff`, `Professionally qualified clinical staff`,"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("and 21 more)"), "{}", errors[0]);
    // Table 5 is fine, so only table 3 is named.
    assert!(!errors[0].contains("table 5"), "{}", errors[0]);
    assert!(
        errors[1].starts_with("table 3 [3. NHSE, Org & SG - FTE] has no month in its title: expected one cell such as \"December 2024 monthly data\""),
        "{}",
        errors[1]
    );
    assert!(errors[1].contains("\"Monthly data\""), "{}", errors[1]);
}

#[test]
fn table_3_and_table_5_disagreeing_is_reported_and_table_3_used() {
    let mut book = december().clone();
    let row = book.find_row(TABLE_5, 6, "RWE");
    let column = book.last_month_column(TABLE_5);
    book.set(TABLE_5, row, column, Cell::Number(17000.5));
    let imported = run(&[Input::from_bytes(DEC_2024, book.xlsx())]);
    let extract = valid(&imported);
    assert_eq!(values(&extract, "LLR", org("RWE"))["2024-12"], 16991.17548);
    let text = report(&imported);
    assert!(
        text.contains(&format!("wf_staff_fte at LLR (organisation RWE) 2024-12: table 3 and table 5 of the December 2024 workbook disagree: 16991.17548 ({DEC_2024} [3. NHSE, Org & SG - FTE] row 160) and 17000.5 ({DEC_2024} [5. All Staff, NHSE & Org - FTE] row {row}); table 3's figure is used")),
        "{text}"
    );
}

#[test]
fn the_newest_publication_wins_and_revisions_are_listed() {
    // A December 2024 workbook that revises two August 2024 figures (RWE's
    // August total, from table 3 of the August workbook, and RT5's March
    // 2024) and gives the rest as published.
    let mut book = december().clone();
    let rwe = book.find_row(TABLE_5, 6, "RWE");
    let rt5 = book.find_row(TABLE_5, 6, "RT5");
    let august_column = book.month_column(TABLE_5, 2024, 8);
    let march_column = book.month_column(TABLE_5, 2024, 3);
    book.set(TABLE_5, rwe, august_column, Cell::Number(16780.0));
    book.set(TABLE_5, rt5, march_column, Cell::Number(5700.25));
    let march_rt5 = august().value(
        TABLE_5,
        august().find_row(TABLE_5, 6, "RT5"),
        august().month_column(TABLE_5, 2024, 3),
    );
    // Given newest first: which is newer comes from the titles.
    let imported = run(&[
        Input::from_bytes("revised December 2024.xlsx", book.xlsx()),
        real(AUG_2024),
    ]);
    let extract = valid_allowing_warnings(&imported);
    let rwe_values = values(&extract, "LLR", org("RWE"));
    assert_eq!(rwe_values["2024-08"], 16780.0);
    assert_eq!(values(&extract, "LLR", org("RT5"))["2024-03"], 5700.25);
    // August's staff groups are still August's own (only table 3 has them).
    assert_eq!(
        values(&extract, "LLR", group("RWE", "HCHS Doctors"))["2024-08"],
        2359.88702
    );
    let text = report(&imported);
    assert!(
        text.contains("revised: wf_staff_fte at LLR (organisation RWE): 1 figure changed in a later workbook (the newest is used): 2024-08 16776.76062 in the August 2024 workbook is 16780 in the December 2024 workbook"),
        "{text}"
    );
    assert!(
        text.contains(&format!("revised: wf_staff_fte at LLR (organisation RT5): 1 figure changed in a later workbook (the newest is used): 2024-03 {} in the August 2024 workbook is 5700.25 in the December 2024 workbook", fmt(march_rt5))),
        "{text}"
    );
    assert!(
        text.contains("2 differ from an older workbook's (revisions, listed below)."),
        "{text}"
    );
    assert!(!text.contains("duplicate"), "{text}");
}

#[test]
fn two_workbooks_for_the_same_month_are_used_where_they_agree() {
    // The same file twice: every figure agrees, so all are written.
    let imported = run(&[
        real(DEC_2024),
        Input::from_bytes("copy.xlsx", std::fs::read(source(DEC_2024)).unwrap()),
    ]);
    let extract = valid(&imported);
    assert_month(&extract, &DECEMBER);
    let text = report(&imported);
    assert!(
        text.contains(&format!(
            "2 workbooks are for December 2024: {DEC_2024}, copy.xlsx."
        )),
        "{text}"
    );
    assert!(imported.report.unusable.is_empty(), "{text}");
    // Two different December 2024 workbooks: where they differ (RWE,
    // January 2020), which is the later release cannot be told, so that
    // figure alone is not written.
    let mut book = december().clone();
    let row = book.find_row(TABLE_5, 6, "RWE");
    let column = book.month_column(TABLE_5, 2020, 1);
    let published = book.value(TABLE_5, row, column);
    book.set(TABLE_5, row, column, Cell::Number(published + 10.0));
    let imported = run(&[real(DEC_2024), Input::from_bytes("other.xlsx", book.xlsx())]);
    let extract = valid(&imported);
    let rwe = values(&extract, "LLR", org("RWE"));
    assert!(!rwe.contains_key("2020-01"));
    assert_eq!(rwe.len(), 183);
    let text = report(&imported);
    assert!(
        text.contains(&format!("wf_staff_fte at LLR (organisation RWE) 2020-01 not written: 2 workbooks are all for December 2024 and differ: {} ({DEC_2024} [5. All Staff, NHSE & Org - FTE] row {row}), {} (other.xlsx [5. All Staff, NHSE & Org - FTE] row {row}). Which is the later release cannot be told from the files: pass only one of them", fmt(published), fmt(published + 10.0))),
        "{text}"
    );
}

/// As [`valid`], but a revision may leave a month's staff groups (from the
/// older workbook) not adding up to the revised total: warnings only.
#[track_caller]
fn valid_allowing_warnings(imported: &Imported) -> Value {
    let text = imported
        .extract
        .as_deref()
        .unwrap_or_else(|| panic!("nothing written:\n{}", report(imported)));
    assert!(
        !imported
            .report
            .unusable
            .iter()
            .any(|u| u.reason.contains("validator rejects")),
        "{}",
        report(imported)
    );
    serde_json::from_str(text).unwrap()
}

/// A number as the extract and the report write it.
fn fmt(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

// ---- A workbook as cells, and a minimal .xlsx writer ----

/// A cell: text, a number, or a date (its Excel serial number).
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Number(f64),
    Date(f64),
}

/// A sheet's non-empty cells by (row, column), both from 1.
type Cells = BTreeMap<(u32, u32), Cell>;

/// Every sheet, in order, with its name.
#[derive(Debug, Clone)]
struct Book {
    sheets: Vec<(String, Cells)>,
}

impl Book {
    fn read(path: &Path) -> Book {
        let bytes = std::fs::read(path).unwrap();
        let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let mut sheets = Vec::new();
        for name in workbook.sheet_names() {
            let range = workbook.worksheet_range(&name).unwrap();
            let (top, left) = range.start().unwrap_or((0, 0));
            let mut cells = BTreeMap::new();
            for (i, row) in range.rows().enumerate() {
                for (j, data) in row.iter().enumerate() {
                    let cell = match data {
                        Data::String(s) => Cell::Text(s.clone()),
                        Data::Float(f) => Cell::Number(*f),
                        Data::Int(i) => Cell::Number(*i as f64),
                        Data::DateTime(d) => Cell::Date(d.as_f64()),
                        Data::Empty => continue,
                        other => panic!("{name}: unexpected cell {other:?}"),
                    };
                    cells.insert((top + i as u32 + 1, left + j as u32 + 1), cell);
                }
            }
            sheets.push((name, cells));
        }
        Book { sheets }
    }

    fn sheet(&self, name: &str) -> &Cells {
        &self.sheets.iter().find(|(n, _)| n == name).unwrap().1
    }

    fn set(&mut self, sheet: &str, row: u32, column: u32, cell: Cell) {
        let cells = &mut self.sheets.iter_mut().find(|(n, _)| n == sheet).unwrap().1;
        cells.insert((row, column), cell);
    }

    fn value(&self, sheet: &str, row: u32, column: u32) -> f64 {
        match self.sheet(sheet).get(&(row, column)) {
            Some(Cell::Number(n)) => *n,
            other => panic!("{sheet} ({row}, {column}): {other:?}"),
        }
    }

    /// The row whose cell in `column` is this text.
    fn find_row(&self, sheet: &str, column: u32, text: &str) -> u32 {
        self.sheet(sheet)
            .iter()
            .find(|((_, c), cell)| *c == column && **cell == Cell::Text(text.to_string()))
            .map(|((r, _), _)| *r)
            .unwrap_or_else(|| panic!("{sheet}: no {text} in column {column}"))
    }

    /// The column of a month in table 5's header (row 5): the month's last
    /// day as an Excel date.
    fn month_column(&self, sheet: &str, year: i32, month: u32) -> u32 {
        let serial = |y: i32, m: u32, d: u32| {
            // Days from 1899-12-30 (Excel's day 0 since March 1900).
            let days = |y: i32, m: u32, d: u32| {
                let (y, m) = if m <= 2 { (y - 1, m + 12) } else { (y, m) };
                365 * y + y / 4 - y / 100 + y / 400 + (153 * (m as i32 - 3) + 2) / 5 + d as i32
            };
            f64::from(days(y, m, d) - days(1899, 12, 30))
        };
        let next = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        let last_day = serial(next.0, next.1, 1) - 1.0;
        self.sheet(sheet)
            .iter()
            .find(|((r, _), cell)| *r == 5 && **cell == Cell::Date(last_day))
            .map(|((_, c), _)| *c)
            .unwrap_or_else(|| panic!("{sheet}: no column for {year}-{month}"))
    }

    fn last_month_column(&self, sheet: &str) -> u32 {
        self.sheet(sheet)
            .iter()
            .filter(|((r, _), cell)| *r == 5 && matches!(cell, Cell::Date(_)))
            .map(|((_, c), _)| *c)
            .max()
            .unwrap()
    }

    /// The workbook as an .xlsx: inline strings, date cells with a date
    /// format, every sheet in order.
    fn xlsx(&self) -> Vec<u8> {
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let n = self.sheets.len();
        let mut types = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
        );
        let mut sheets = String::new();
        let mut rels = String::new();
        for (i, (name, cells)) in self.sheets.iter().enumerate() {
            let k = i + 1;
            types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
            sheets.push_str(&format!(
                r#"<sheet name="{}" sheetId="{k}" r:id="rId{k}"/>"#,
                escape(name)
            ));
            rels.push_str(&format!(r#"<Relationship Id="rId{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{k}.xml"/>"#));
            files.push((
                format!("xl/worksheets/sheet{k}.xml"),
                sheet_xml(cells).into_bytes(),
            ));
        }
        types.push_str("</Types>");
        rels.push_str(&format!(r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#, n + 1));
        let mut out = vec![
            ("[Content_Types].xml".to_string(), types.into_bytes()),
            (
                "_rels/.rels".to_string(),
                br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec(),
            ),
            (
                "xl/workbook.xml".to_string(),
                format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>"#).into_bytes(),
            ),
            (
                "xl/_rels/workbook.xml.rels".to_string(),
                format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).into_bytes(),
            ),
            (
                "xl/styles.xml".to_string(),
                br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#.to_vec(),
            ),
        ];
        out.extend(files);
        zip_stored(&out)
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn column_name(mut column: u32) -> String {
    let mut name = Vec::new();
    while column > 0 {
        let rem = (column - 1) % 26;
        name.push(b'A' + rem as u8);
        column = (column - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap()
}

fn sheet_xml(cells: &Cells) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    let mut current = 0;
    for (&(row, column), cell) in cells {
        if row != current {
            if current != 0 {
                xml.push_str("</row>");
            }
            xml.push_str(&format!(r#"<row r="{row}">"#));
            current = row;
        }
        let at = format!("{}{row}", column_name(column));
        match cell {
            Cell::Text(t) => xml.push_str(&format!(
                r#"<c r="{at}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                escape(t)
            )),
            Cell::Number(n) => xml.push_str(&format!(r#"<c r="{at}"><v>{n}</v></c>"#)),
            Cell::Date(d) => xml.push_str(&format!(r#"<c r="{at}" s="1"><v>{d}</v></c>"#)),
        }
    }
    if current != 0 {
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, entry) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *entry = c;
    }
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc = table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// A zip archive of uncompressed ("stored") entries.
fn zip_stored(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let name_len = name.len() as u16;
        let header = |buf: &mut Vec<u8>, central_entry: bool| {
            if central_entry {
                buf.extend(0x0201_4b50u32.to_le_bytes());
                buf.extend(20u16.to_le_bytes()); // made by
            } else {
                buf.extend(0x0403_4b50u32.to_le_bytes());
            }
            buf.extend(20u16.to_le_bytes()); // needed to extract
            buf.extend(0u16.to_le_bytes()); // flags
            buf.extend(0u16.to_le_bytes()); // stored
            buf.extend(0u16.to_le_bytes()); // time
            buf.extend(0x21u16.to_le_bytes()); // 1 January 1980
            buf.extend(crc.to_le_bytes());
            buf.extend(size.to_le_bytes());
            buf.extend(size.to_le_bytes());
            buf.extend(name_len.to_le_bytes());
            buf.extend(0u16.to_le_bytes()); // extra
            if central_entry {
                buf.extend(0u16.to_le_bytes()); // comment
                buf.extend(0u16.to_le_bytes()); // disk
                buf.extend(0u16.to_le_bytes()); // internal attributes
                buf.extend(0u32.to_le_bytes()); // external attributes
                buf.extend(offset.to_le_bytes());
            }
            buf.extend(name.as_bytes());
        };
        header(&mut out, false);
        out.extend(data);
        header(&mut central, true);
    }
    let central_offset = out.len() as u32;
    let central_size = central.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend((files.len() as u16).to_le_bytes());
    out.extend((files.len() as u16).to_le_bytes());
    out.extend(central_size.to_le_bytes());
    out.extend(central_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}
