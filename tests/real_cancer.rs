//! `llr-data import cancer` on the real Cancer Waiting Times "CWT CRS
//! Provider Extract" as NHS England publishes it: the three workbooks in
//! tools/sources/nhse/cancer/ (unchanged copies, see tools/sources/README.md)
//! and CSV exports of the first two (PERIOD as YYYY-MM-DD, header and column
//! order as published, filtered to every UHL row and 30 other rows; copied
//! beside them from the project's shared real_2024_25 folder).
//!
//! Every figure below was worked out independently of the importer: with
//! Python (openpyxl) over the same workbooks, adding up `WITHIN STANDARD`
//! and `TOTAL TREATED` for the rows of the standard, organisation and month
//! whose `CANCER TYPE` is not `ALL CANCERS` (that is, one of the file's two
//! cuts of each 31- and 62-day total; the other cut, by modality, was
//! checked to give the same sums for every provider, route and month).
//! The percentages agree with the expected figures in
//! /work/shared/data/real_2024_25/README.md. Its 31- and 62-day counts
//! (e.g. April 2024, 62-day 562/971) are twice these: they add up both cuts.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use llr_dashboard::import::{import, Imported, Input, Kind};
use llr_dashboard::load::{parse_catalogue, parse_geography, Dataset};
use llr_dashboard::model::{Catalogue, Geography};
use serde_json::{json, Value};

const APR_SEP_2024: &str = "CWT-CRS-Apr-2024-to-Sep-2024-Data-Extract-Provider-Final.xlsx";
const OCT_2024_MAR_2025: &str = "CWT-CRS-Oct-2024-to-Mar-2025-Data-Extract-Provider.xlsx";
const APR_JUL_2025: &str = "CWT-CRS-Apr-2025-to-Jul-2025-Data-Extract-Provider.xlsx";
const CSV_APR_SEP_2024: &str =
    "CWT-CRS-Apr-2024-to-Sep-2024-Data-Extract-Provider-Final_LLR-extract.csv";
const CSV_OCT_2024_MAR_2025: &str =
    "CWT-CRS-Oct-2024-to-Mar-2025-Data-Extract-Provider_LLR-extract.csv";

const ENGLAND: &str = "E92000001";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The bundled geography, which lists England (E92000001) and NHS England
/// Midlands (E40000008) as comparators.
fn geography_text() -> String {
    read(&root().join("data/geography.json"))
}

fn bundled() -> (Geography, Catalogue) {
    let (geography, p1) = parse_geography("geography.json", &geography_text());
    let (catalogue, p2) = parse_catalogue("metrics.json", &read(&root().join("data/metrics.json")));
    assert!(p1.is_empty() && p2.is_empty(), "{p1:?} {p2:?}");
    (geography, catalogue)
}

fn source(name: &str) -> PathBuf {
    root().join("tools/sources/nhse/cancer").join(name)
}

fn run_import(names: &[&str]) -> Imported {
    let inputs: Vec<Input> = names
        .iter()
        .map(|name| {
            let bytes = std::fs::read(source(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            Input::from_bytes(name, bytes)
        })
        .collect();
    let (geography, catalogue) = bundled();
    import(
        Kind::Cancer,
        "cancer_real",
        "2025-09-11",
        &inputs,
        &geography,
        &catalogue,
    )
}

/// Each workbook imported once for all the tests (about 10 s each unoptimised).
fn workbook(name: &'static str) -> &'static Imported {
    static CELLS: [OnceLock<Imported>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let at = [APR_SEP_2024, OCT_2024_MAR_2025, APR_JUL_2025]
        .iter()
        .position(|n| *n == name)
        .unwrap();
    CELLS[at].get_or_init(|| run_import(&[name]))
}

/// A fresh directory removed on drop.
struct Temp(PathBuf);

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The extract, after checking that the project's validator loads it with
/// no problem at all.
#[track_caller]
fn valid(imported: &Imported) -> Value {
    let text = imported
        .extract
        .as_deref()
        .unwrap_or_else(|| panic!("nothing written:\n{}", report(imported)));
    let dir = std::env::temp_dir().join(format!(
        "llr-real-cancer-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let temp = Temp(dir);
    std::fs::create_dir_all(temp.0.join("extracts")).unwrap();
    std::fs::write(temp.0.join("geography.json"), geography_text()).unwrap();
    std::fs::copy(
        root().join("data/metrics.json"),
        temp.0.join("metrics.json"),
    )
    .unwrap();
    std::fs::write(temp.0.join("extracts/imported.json"), text).unwrap();
    let manifest = json!({
        "schema_version": 1,
        "title": "real cancer import test",
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

fn report(imported: &Imported) -> String {
    imported.report.lines().join("\n")
}

/// The one series of a metric at an area.
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

/// A series' points as (period, numerator, denominator).
fn points(extract: &Value, metric: &str, area: &str) -> Vec<(String, f64, f64)> {
    series(extract, metric, area)["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap().to_string(),
                p["numerator"].as_f64().unwrap(),
                p["denominator"].as_f64().unwrap(),
            )
        })
        .collect()
}

/// The point of one month.
#[track_caller]
fn point(extract: &Value, metric: &str, area: &str, period: &str) -> (f64, f64) {
    points(extract, metric, area)
        .into_iter()
        .find(|(p, _, _)| p == period)
        .map(|(_, n, d)| (n, d))
        .unwrap_or_else(|| panic!("no {metric} {area} {period}"))
}

/// Asserts a point's counts, and its percentage to one decimal as published.
#[track_caller]
fn check(extract: &Value, metric: &str, area: &str, period: &str, want: (f64, f64), pct: f64) {
    let got = point(extract, metric, area, period);
    assert_eq!(got, want, "{metric} {area} {period}");
    let shown = (got.0 / got.1 * 1000.0).round() / 10.0;
    assert_eq!(shown, pct, "{metric} {area} {period}: {got:?}");
}

const UHL: &str = "LLR";

#[test]
fn workbook_apr_to_sep_2024_gives_uhl_and_england() {
    let imported = workbook(APR_SEP_2024);
    let extract = valid(imported);
    let text = report(imported);
    // The whole sheet is read: 61,780 data rows under the header in row 1
    // (the workbook's own dimension says "A1"; every row is read anyway).
    let file = &imported.report.files[0];
    assert_eq!(
        file.sheet,
        Some(("CWT CRS Provider Extract".to_string(), 1)),
        "{text}"
    );
    assert_eq!(file.rows_read, 61_780, "{text}");
    assert!(imported.report.unusable.is_empty(), "{text}");
    // The second cut of each 31- and 62-day total ('ALL CANCERS' by
    // modality) is checked, not added: 13,464 rows (Python count).
    assert_eq!(file.ignored.values().sum::<usize>(), 13_464, "{text}");
    // README: Apr 2024 FDS 3,718/4,779 = 77.8%; 31-day 77.3%; 62-day 57.9%.
    check(
        &extract,
        "cancer_fds",
        UHL,
        "2024-04",
        (3718.0, 4779.0),
        77.8,
    );
    check(&extract, "cancer_31d", UHL, "2024-04", (696.0, 900.0), 77.3);
    check(&extract, "cancer_62d", UHL, "2024-04", (281.0, 485.5), 57.9);
    // README: Sep 2024 75.1% / 77.1% / 57.0%.
    check(
        &extract,
        "cancer_fds",
        UHL,
        "2024-09",
        (3468.0, 4619.0),
        75.1,
    );
    check(&extract, "cancer_31d", UHL, "2024-09", (650.0, 843.0), 77.1);
    check(&extract, "cancer_62d", UHL, "2024-09", (249.0, 437.0), 57.0);
    for metric in ["cancer_fds", "cancer_31d", "cancer_62d"] {
        assert_eq!(points(&extract, metric, UHL).len(), 6, "{metric}");
        let s = series(&extract, metric, UHL);
        assert_eq!(s["organisation"], "RWE");
        assert_eq!(s["provenance"], "published");
        assert_eq!(points(&extract, metric, ENGLAND).len(), 6, "{metric}");
        let e = series(&extract, metric, ENGLAND);
        assert_eq!(e["provenance"], "derived");
        assert!(e["organisation"].is_null());
        assert!(
            e["note"]
                .as_str()
                .unwrap()
                .contains("adding up every provider"),
            "{e}"
        );
    }
    // England, April 2024: the sum of every provider (Python), and as NHS
    // England published it: FDS 73.3%, 31-day 89.3%, 62-day 67.0%.
    check(
        &extract,
        "cancer_fds",
        ENGLAND,
        "2024-04",
        (197_882.0, 269_798.0),
        73.3,
    );
    check(
        &extract,
        "cancer_31d",
        ENGLAND,
        "2024-04",
        (49_997.0, 55_968.0),
        89.3,
    );
    check(
        &extract,
        "cancer_62d",
        ENGLAND,
        "2024-04",
        (18_236.0, 27_199.0),
        67.0,
    );
    // How many providers were added up, month by month (Python count of
    // distinct ORG CODEs per standard and month).
    assert!(text.contains("England (E92000001) cancer_fds: derived, the sum of every provider in the file (month and providers added up: 2024-04 145, 2024-05 142, 2024-06 142, 2024-07 141, 2024-08 141, 2024-09 141)"), "{text}");
    assert!(text.contains("England (E92000001) cancer_62d: derived, the sum of every provider in the file (month and providers added up: 2024-04 149, 2024-05 149, 2024-06 150, 2024-07 149, 2024-08 149, 2024-09 148)"), "{text}");
    assert!(
        text.contains("NHS England Midlands (E40000008): not derived: the provider extract has no region or commissioner column"),
        "{text}"
    );
}

#[test]
fn workbook_oct_2024_to_mar_2025_gives_uhl_and_england() {
    let imported = workbook(OCT_2024_MAR_2025);
    let extract = valid(imported);
    let text = report(imported);
    assert_eq!(imported.report.files[0].rows_read, 61_649, "{text}");
    assert!(imported.report.unusable.is_empty(), "{text}");
    // README: Oct 2024 79.4% / 83.4% / 58.5% (62-day 604/1,032 with both
    // cuts added: 302/516).
    check(
        &extract,
        "cancer_fds",
        UHL,
        "2024-10",
        (3786.0, 4766.0),
        79.4,
    );
    check(&extract, "cancer_31d", UHL, "2024-10", (811.0, 972.0), 83.4);
    check(&extract, "cancer_62d", UHL, "2024-10", (302.0, 516.0), 58.5);
    // README: Mar 2025 FDS 3,623/4,408 = 82.2%; 31-day 79.8% (1,370/1,716
    // with both cuts: 685/858); 62-day 60.3% (530/879: 265/439.5).
    check(
        &extract,
        "cancer_fds",
        UHL,
        "2025-03",
        (3623.0, 4408.0),
        82.2,
    );
    check(&extract, "cancer_31d", UHL, "2025-03", (685.0, 858.0), 79.8);
    check(&extract, "cancer_62d", UHL, "2025-03", (265.0, 439.5), 60.3);
    // England: the Python sums; NHS England's published headlines agree
    // (Feb 2025: FDS 80.2%, the first month over 80%, and 62-day 67.0%,
    // "down slightly from 67.3%" in January; Mar 2025: FDS 78.9% of
    // 275.4k told, 31-day 91% of 55k).
    check(
        &extract,
        "cancer_fds",
        ENGLAND,
        "2025-02",
        (203_371.0, 253_556.0),
        80.2,
    );
    check(
        &extract,
        "cancer_62d",
        ENGLAND,
        "2025-02",
        (17_244.0, 25_753.0),
        67.0,
    );
    check(
        &extract,
        "cancer_62d",
        ENGLAND,
        "2025-01",
        (18_992.0, 28_219.0),
        67.3,
    );
    check(
        &extract,
        "cancer_fds",
        ENGLAND,
        "2025-03",
        (217_366.0, 275_403.0),
        78.9,
    );
    check(
        &extract,
        "cancer_31d",
        ENGLAND,
        "2025-03",
        (50_423.0, 55_153.0),
        91.4,
    );
    check(
        &extract,
        "cancer_62d",
        ENGLAND,
        "2025-03",
        (19_389.5, 27_162.5),
        71.4,
    );
    for metric in ["cancer_fds", "cancer_31d", "cancer_62d"] {
        let months: Vec<String> = points(&extract, metric, UHL)
            .into_iter()
            .map(|(p, _, _)| p)
            .collect();
        assert_eq!(
            months,
            ["2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03"],
            "{metric}"
        );
    }
}

/// A third period, a different financial year: the importer reads any
/// month, not only the two the expected figures cover.
#[test]
fn workbook_apr_to_jul_2025_gives_four_months() {
    let imported = workbook(APR_JUL_2025);
    let extract = valid(imported);
    let text = report(imported);
    assert_eq!(imported.report.files[0].rows_read, 41_013, "{text}");
    assert!(imported.report.unusable.is_empty(), "{text}");
    // UHL, computed with Python from the workbook (see the module doc).
    let uhl: [(&str, [(f64, f64); 4]); 3] = [
        (
            "cancer_fds",
            [
                (3564.0, 4487.0),
                (3387.0, 4359.0),
                (3112.0, 4137.0),
                (3271.0, 4707.0),
            ],
        ),
        (
            "cancer_31d",
            [
                (690.0, 900.0),
                (624.0, 862.0),
                (710.0, 943.0),
                (685.0, 903.0),
            ],
        ),
        (
            "cancer_62d",
            [
                (303.0, 453.5),
                (253.0, 436.5),
                (275.0, 489.0),
                (243.5, 447.0),
            ],
        ),
    ];
    let months = ["2025-04", "2025-05", "2025-06", "2025-07"];
    for (metric, want) in uhl {
        let got = points(&extract, metric, UHL);
        let want: Vec<(String, f64, f64)> = months
            .iter()
            .zip(want)
            .map(|(m, (n, d))| (m.to_string(), n, d))
            .collect();
        assert_eq!(got, want, "{metric}");
        // Plausible for a large acute trust: within standard between 40%
        // and 100%, and the month's patient numbers near the 2024-25 ones.
        let size = match metric {
            "cancer_fds" => 3_500.0..6_000.0,
            "cancer_31d" => 700.0..1_200.0,
            _ => 350.0..700.0,
        };
        for (month, n, d) in &got {
            assert!(*n / *d > 0.4 && *n <= *d, "{metric} {month}: {n}/{d}");
            assert!(size.contains(d), "{metric} {month}: {d}");
        }
    }
    // England: NHS England published April 2025 as FDS 76.7% (209.6k within
    // 28 days, 63.6k after), 31-day 91.3%, 62-day 69.9%; July 2025 31-day
    // 92.4%, 62-day 69.2%.
    check(
        &extract,
        "cancer_fds",
        ENGLAND,
        "2025-04",
        (209_566.0, 273_167.0),
        76.7,
    );
    check(
        &extract,
        "cancer_31d",
        ENGLAND,
        "2025-04",
        (50_223.0, 55_011.0),
        91.3,
    );
    check(
        &extract,
        "cancer_62d",
        ENGLAND,
        "2025-04",
        (19_102.0, 27_347.0),
        69.9,
    );
    check(
        &extract,
        "cancer_31d",
        ENGLAND,
        "2025-07",
        (57_263.0, 61_970.0),
        92.4,
    );
    check(
        &extract,
        "cancer_62d",
        ENGLAND,
        "2025-07",
        (21_633.0, 31_270.0),
        69.2,
    );
    for metric in ["cancer_fds", "cancer_31d", "cancer_62d"] {
        assert_eq!(points(&extract, metric, ENGLAND).len(), 4, "{metric}");
    }
}

/// The CSV export of a workbook (PERIOD as YYYY-MM-DD) gives exactly the
/// UHL points the workbook gives. The copies are filtered, so they give no
/// England figure, and say why.
#[test]
fn csv_exports_give_the_workbooks_points() {
    let imported = run_import(&[CSV_APR_SEP_2024, CSV_OCT_2024_MAR_2025]);
    let extract = valid(&imported);
    let text = report(&imported);
    assert!(imported.report.unusable.is_empty(), "{text}");
    check(
        &extract,
        "cancer_fds",
        UHL,
        "2024-04",
        (3718.0, 4779.0),
        77.8,
    );
    check(&extract, "cancer_62d", UHL, "2025-03", (265.0, 439.5), 60.3);
    let from_workbooks = [
        valid(workbook(APR_SEP_2024)),
        valid(workbook(OCT_2024_MAR_2025)),
    ];
    for metric in ["cancer_fds", "cancer_31d", "cancer_62d"] {
        let csv = points(&extract, metric, UHL);
        assert_eq!(csv.len(), 12, "{metric}");
        let mut xlsx: Vec<(String, f64, f64)> = from_workbooks
            .iter()
            .flat_map(|e| points(e, metric, UHL))
            .collect();
        xlsx.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(csv, xlsx, "{metric}");
    }
    assert!(
        !extract["series"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["area"] == ENGLAND),
        "{text}"
    );
    assert!(
        text.contains(&format!("{CSV_APR_SEP_2024}: no England (E92000001) figures: the file has 1 to 6 providers for a standard in a month, not the whole national extract")),
        "{text}"
    );
}

/// A file whose header is not the extract's is refused, naming the columns
/// it lacks and those it has.
#[test]
fn an_unknown_header_is_refused_naming_what_is_found_and_missing() {
    let inputs = [Input::text(
        "cwt_renamed.csv",
        "PERIOD,STANDARD,PROVIDER CODE,TOTAL PATIENTS,WITHIN STANDARD\n2025-04-01,28-day FDS,RWE,10,8\n",
    )];
    let (geography, catalogue) = bundled();
    let imported = import(
        Kind::Cancer,
        "cancer_real",
        "2025-09-11",
        &inputs,
        &geography,
        &catalogue,
    );
    assert!(imported.extract.is_none());
    let error = imported.report.files[0].error.clone().unwrap_or_default();
    assert_eq!(
        error,
        "missing columns `ORG CODE`, `TOTAL TREATED` or `TOTAL` (the header has: `PERIOD`, `STANDARD`, `PROVIDER CODE`, `TOTAL PATIENTS`, `WITHIN STANDARD`)"
    );
}

/// The safety checks the real files never trip, on a few typed rows in the
/// real layout: two cuts of a total that disagree (the cut by cancer type
/// is used and the report says so), and two whole totals with no detail
/// (which one is meant cannot be told, so no point).
#[test]
fn cuts_that_disagree_are_reported_and_ambiguous_totals_skipped() {
    let header = "PERIOD,YEAR,MONTH,STANDARD,ORG CODE,STAGE/ROUTE,TREATMENT MODALITY,CANCER TYPE,TOTAL TREATED,WITHIN STANDARD,BREACHES";
    let rows = [
        "2025-04-01,2025/26,APR,62-day Combined,RWE,Urgent Suspected Cancer,ALL MODALITIES,Lung,12,6,6",
        "2025-04-01,2025/26,APR,62-day Combined,RWE,Screening,ALL MODALITIES,Breast,8.5,4,4.5",
        "2025-04-01,2025/26,APR,62-day Combined,RWE,Urgent Suspected Cancer,Surgery,ALL CANCERS,12,6,6",
        "2025-04-01,2025/26,APR,62-day Combined,RWE,Screening,Surgery,ALL CANCERS,8.5,3,5.5",
        "2025-04-01,2025/26,APR,31-day Combined,RWE,,ALL MODALITIES,ALL CANCERS,50,40,10",
        "2025-04-01,2025/26,APR,31-day Combined,RWE,,ALL MODALITIES,ALL CANCERS,50,40,10",
    ];
    let text = format!("{header}\n{}\n", rows.join("\n"));
    let (geography, catalogue) = bundled();
    let imported = import(
        Kind::Cancer,
        "cancer_real",
        "2025-09-11",
        &[Input::text("cwt_typed.csv", &text)],
        &geography,
        &catalogue,
    );
    let extract = valid(&imported);
    let report = report(&imported);
    assert_eq!(
        points(&extract, "cancer_62d", UHL),
        [("2025-04".to_string(), 10.0, 20.5)]
    );
    assert!(report.contains("cancer_62d 2025-04 RWE: the rows with `ALL ...` in TREATMENT MODALITY add up to 10 of 20.5, but the rows with `ALL ...` in CANCER TYPE add up to 9 of 20.5 (cwt_typed.csv lines 4, 5); the first are used"), "{report}");
    assert!(report.contains("cancer_31d 2025-04 RWE not written: 2 rows are each a total ('ALL ...' or blank in every dimension) and no detail rows are given: which total is meant cannot be told (cwt_typed.csv lines 6, 7)"), "{report}");
    assert!(!extract["series"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["metric"] == "cancer_31d"));
}
