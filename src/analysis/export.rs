//! CSV downloads of what is on screen (SPEC §6): the detail page's data table,
//! the overview and a comparison across areas. Pure Rust, no browser code; the
//! app hands the text to `app::download`.
//!
//! The CSV writer is a few lines of RFC 4180 written by hand (quote a field
//! holding a comma, quote, CR or LF; double the quotes; CRLF line ends), so no
//! CSV crate is needed.
//!
//! Conventions in every file: one header row; periods as `YYYY-MM`; `value`
//! unrounded in display units (percent 0-100, seconds ...) next to
//! `value_shown`, the value as the screen shows it; missing numbers are empty
//! cells, never zero; provenance as `published`, `derived` or `illustrative`.
//!
//! Benchmarks (SPEC §2): the detail and overview files end with two columns
//! per comparator in the geography (England, the region), named after it:
//! `england_value` (unrounded) and `england_value_shown` ("No data" where
//! the comparator publishes the measure but not for that period; both empty
//! where it does not publish the measure at all). The comparison file lists
//! the comparators as rows after the areas, with `kind` "benchmark".
//! The text has no byte-order mark: callers wanting Excel to read non-ASCII
//! text without asking can prefix `"\u{FEFF}"`.

use std::borrow::Cow;

use super::benchmark::{benchmarks, Benchmark};
use super::format::{format_value, unit_label};
use super::status::{status, TargetStatus};
use super::summary::Summary;
use super::value::{value_at, Figure, Outcome};
use super::variation::MetricSpc;
use crate::load::Dataset;
use crate::model::{Metric, Period};

/// The detail page's data table (then the benchmark columns, see the module doc).
pub const DETAIL_HEADER: [&str; 21] = [
    "area_code",
    "area_name",
    "metric_id",
    "metric_name",
    "period",
    "period_label",
    "value",
    "value_shown",
    "unit",
    "numerator",
    "denominator",
    "count",
    "target",
    "target_kind",
    "status",
    "spc_point_type",
    "spc_rule",
    "provenance",
    "source_publisher",
    "source_publication",
    "as_at",
];

/// The overview: a row per metric (then the benchmark columns).
pub const OVERVIEW_HEADER: [&str; 20] = [
    "area_code",
    "area_name",
    "domain",
    "metric_id",
    "metric_name",
    "period",
    "period_label",
    "value",
    "value_shown",
    "unit",
    "numerator",
    "denominator",
    "count",
    "targets",
    "status",
    "reason_if_no_value",
    "provenance",
    "source_publisher",
    "source_publication",
    "as_at",
];

/// One metric and period across areas: a row per area, then one per
/// benchmark (`kind` "area" or "benchmark"; a benchmark is not ranked).
pub const COMPARISON_HEADER: [&str; 17] = [
    "area_code",
    "area_name",
    "level",
    "metric_id",
    "period",
    "value",
    "value_shown",
    "unit",
    "numerator",
    "denominator",
    "target",
    "status",
    "provenance",
    "source_publication",
    "as_at",
    "reason_if_no_value",
    "kind",
];

/// "No data", as the screen says it.
const NO_DATA: &str = "No data";

/// A minimal RFC 4180 writer into a string.
#[derive(Debug, Default, Clone)]
pub struct CsvWriter {
    out: String,
}

impl CsvWriter {
    pub fn new() -> CsvWriter {
        CsvWriter::default()
    }

    /// Writes one record, ended by CRLF.
    pub fn record<I, S>(&mut self, fields: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push_str(&csv_field(field.as_ref()));
        }
        self.out.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// One field, quoted if it holds a comma, quote, CR or LF, with quotes doubled.
pub fn csv_field(text: &str) -> Cow<'_, str> {
    if text.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(text)
    }
}

/// A number unrounded (shortest text that reads back exactly); empty if absent or not finite.
fn number(x: Option<f64>) -> String {
    match x {
        Some(x) if x.is_finite() => format!("{x}"),
        _ => String::new(),
    }
}

/// (numerator, denominator, count) of a figure.
fn parts(figure: Option<&Figure>) -> (Option<f64>, Option<f64>, Option<f64>) {
    figure.map_or((None, None, None), |f| f.observation.parts())
}

/// The status column of the detail table: each target's words joined by " / ".
fn status_cell(has_value: bool, statuses: &[TargetStatus]) -> String {
    if !has_value {
        NO_DATA.to_string()
    } else if statuses.is_empty() {
        "No target".to_string()
    } else {
        join(statuses.iter().map(TargetStatus::words), " / ")
    }
}

/// One word for several targets (the overview's status): every one met, none, or some.
fn overall_status(has_value: bool, statuses: &[TargetStatus]) -> String {
    if !has_value {
        return NO_DATA.to_string();
    }
    let met: Vec<Option<bool>> = statuses.iter().map(|t| t.met).collect();
    match met.as_slice() {
        [] => "No target",
        all if all.iter().all(|m| *m == Some(true)) => "Met",
        all if all.iter().all(|m| *m == Some(false)) => "Not met",
        all if all.iter().all(Option::is_none) => "No direction",
        _ => "Partly met",
    }
    .to_string()
}

fn join<'a>(items: impl Iterator<Item = &'a str>, separator: &str) -> String {
    items.collect::<Vec<_>>().join(separator)
}

fn provenance(figure: Option<&Figure>) -> String {
    figure.map_or_else(String::new, |f| f.provenance.label().to_ascii_lowercase())
}

/// Each comparator's code and its columns' stem: its name in snake case
/// ("england", "nhs_england_midlands"), or its code where the name gives
/// nothing usable or a stem already taken.
fn benchmark_columns(data: &Dataset) -> Vec<(&str, String)> {
    let mut out: Vec<(&str, String)> = Vec::new();
    for c in &data.geography.comparators {
        let mut stem = String::new();
        for ch in c.name.chars().flat_map(char::to_lowercase) {
            if ch.is_ascii_alphanumeric() {
                stem.push(ch);
            } else if !stem.is_empty() && !stem.ends_with('_') {
                stem.push('_');
            }
        }
        let mut stem = stem.trim_end_matches('_').to_string();
        if stem.is_empty() || out.iter().any(|(_, s)| *s == stem) {
            stem = format!("benchmark_{}", c.code.to_ascii_lowercase());
        }
        out.push((c.code.as_str(), stem));
    }
    out
}

/// The header: `base`, then `<stem>_value` and `<stem>_value_shown` per comparator.
fn header_with_benchmarks(base: &[&str], columns: &[(&str, String)]) -> Vec<String> {
    base.iter()
        .map(|h| h.to_string())
        .chain(
            columns
                .iter()
                .flat_map(|(_, stem)| [format!("{stem}_value"), format!("{stem}_value_shown")]),
        )
        .collect()
}

/// A comparator's two cells: the value unrounded and as shown ("No data"
/// when it has none); both empty when it publishes nothing for the measure.
fn benchmark_cells(value: Option<Option<f64>>, metric: Option<&Metric>) -> [String; 2] {
    match value {
        None => [String::new(), String::new()],
        Some(None) => [String::new(), NO_DATA.to_string()],
        Some(Some(v)) => [
            number(Some(v)),
            metric.map_or_else(|| number(Some(v)), |m| format_value(m, v)),
        ],
    }
}

fn area_name(data: &Dataset, area: &str) -> String {
    data.geography
        .area(area)
        .map_or_else(String::new, |a| a.name.clone())
}

/// The detail page's data table: a row per period of `analysis.timeline`
/// (gaps included, with an empty value and status "No data"). `area` is the
/// area code; `analysis` is `metric_spc(data, metric, area)`.
pub fn detail_csv(data: &Dataset, metric: &Metric, area: &str, analysis: &MetricSpc) -> String {
    let mut csv = CsvWriter::new();
    let columns = benchmark_columns(data);
    csv.record(header_with_benchmarks(&DETAIL_HEADER, &columns));
    let name = area_name(data, area);
    for (i, (period, outcome)) in analysis.timeline.iter().enumerate() {
        let figure = outcome.figure();
        let value = figure.map(|f| f.value);
        let statuses = value.map_or_else(Vec::new, |v| status(metric, *period, v));
        let (numerator, denominator, count) = parts(figure);
        let point = analysis.spc.points.get(i);
        let (point_type, rule) = match (figure, point) {
            (Some(_), Some(p)) => (p.kind.label(), p.rule.map_or("", |r| r.label())),
            _ => ("", ""),
        };
        let benchmark = columns.iter().flat_map(|(code, _)| {
            let series = analysis.benchmarks.iter().find(|b| b.code == *code);
            let value = series.map(|b| b.values.get(i).copied().flatten());
            benchmark_cells(value, Some(metric))
        });
        let fields = [
            area.to_string(),
            name.clone(),
            metric.id.clone(),
            metric.name.clone(),
            period.to_string(),
            period.label(metric.frequency),
            number(value),
            value.map_or_else(|| NO_DATA.to_string(), |v| format_value(metric, v)),
            unit_label(metric).to_string(),
            number(numerator),
            number(denominator),
            number(count),
            join(statuses.iter().map(|t| t.target_display.as_str()), " / "),
            join(statuses.iter().map(|t| t.kind.label()), " / "),
            status_cell(value.is_some(), &statuses),
            point_type.to_string(),
            rule.to_string(),
            provenance(figure),
            figure.map_or_else(String::new, |f| f.source.publisher.clone()),
            figure.map_or_else(String::new, |f| f.source.publication.clone()),
            figure.map_or_else(String::new, |f| f.as_at.to_string()),
        ];
        csv.record(fields.into_iter().chain(benchmark));
    }
    csv.finish()
}

/// The overview: a row per metric of `summary` (from `summary(data, area, period)`),
/// in domain and catalogue order.
pub fn overview_csv(data: &Dataset, summary: &Summary) -> String {
    let mut csv = CsvWriter::new();
    let columns = benchmark_columns(data);
    csv.record(header_with_benchmarks(&OVERVIEW_HEADER, &columns));
    for group in &summary.groups {
        for row in &group.rows {
            let figure = row.figure.as_ref();
            let metric = data.catalogue.metric(&row.metric);
            let unit = metric.map_or("", unit_label);
            let benchmark = columns.iter().flat_map(|(code, _)| {
                let b = row.benchmarks.iter().find(|b| b.code == *code);
                benchmark_cells(b.map(|b| b.value), metric)
            });
            let targets = row
                .targets
                .iter()
                .map(|t| format!("{} {}: {}", t.target_display, t.kind.label(), t.words()))
                .collect::<Vec<_>>()
                .join("; ");
            let fields = [
                summary.area.clone(),
                summary.area_name.clone(),
                group.name.clone(),
                row.metric.clone(),
                row.name.clone(),
                row.period.map_or_else(String::new, |p| p.to_string()),
                row.period_label.clone().unwrap_or_default(),
                number(row.value),
                row.display.clone(),
                unit.to_string(),
                number(row.numerator),
                number(row.denominator),
                number(row.count),
                targets,
                overall_status(row.value.is_some(), &row.targets),
                row.reason.clone().unwrap_or_default(),
                provenance(figure),
                figure.map_or_else(String::new, |f| f.source.publisher.clone()),
                figure.map_or_else(String::new, |f| f.source.publication.clone()),
                figure.map_or_else(String::new, |f| f.as_at.to_string()),
            ];
            csv.record(fields.into_iter().chain(benchmark));
        }
    }
    csv.finish()
}

/// One metric at one period across `areas` (codes, in the order given), by
/// [`value_at`], then each comparator with a series for the metric (England,
/// the region) with `kind` "benchmark". `target` lists the targets in force
/// at the period even where an area has no value; `status` is each target's
/// words joined by " / ".
pub fn comparison_csv(data: &Dataset, metric: &Metric, areas: &[&str], period: Period) -> String {
    let mut csv = CsvWriter::new();
    csv.record(COMPARISON_HEADER);
    let in_force = join_owned(
        metric
            .targets_at(period)
            .into_iter()
            .map(|t| format_value(metric, t.value)),
        " / ",
    );
    for &code in areas {
        let area = data.geography.area(code);
        let outcome = value_at(data, metric, code, period);
        let figure = outcome.figure();
        let value = figure.map(|f| f.value);
        let statuses = value.map_or_else(Vec::new, |v| status(metric, period, v));
        let (numerator, denominator, _) = parts(figure);
        let reason = match &outcome {
            Outcome::NoValue { reason } => reason.clone(),
            Outcome::Value(_) => String::new(),
        };
        csv.record([
            code.to_string(),
            area.map_or_else(String::new, |a| a.name.clone()),
            area.map_or_else(String::new, |a| a.level.label().to_string()),
            metric.id.clone(),
            period.to_string(),
            number(value),
            value.map_or_else(|| NO_DATA.to_string(), |v| format_value(metric, v)),
            unit_label(metric).to_string(),
            number(numerator),
            number(denominator),
            in_force.clone(),
            status_cell(value.is_some(), &statuses),
            provenance(figure),
            figure.map_or_else(String::new, |f| f.source.publication.clone()),
            figure.map_or_else(String::new, |f| f.as_at.to_string()),
            reason,
            "area".to_string(),
        ]);
    }
    for b in benchmarks(data, metric, period) {
        benchmark_record(&mut csv, metric, &b, &in_force);
    }
    csv.finish()
}

/// A benchmark's row of the comparison file: no level (it is outside the
/// hierarchy), `kind` "benchmark".
fn benchmark_record(csv: &mut CsvWriter, metric: &Metric, b: &Benchmark, in_force: &str) {
    let figure = b.figure.as_ref();
    let statuses = b
        .value
        .map_or_else(Vec::new, |v| status(metric, b.period, v));
    let (numerator, denominator, _) = parts(figure);
    csv.record([
        b.code.clone(),
        b.name.clone(),
        String::new(),
        metric.id.clone(),
        b.period.to_string(),
        number(b.value),
        b.display.clone(),
        unit_label(metric).to_string(),
        number(numerator),
        number(denominator),
        in_force.to_string(),
        status_cell(b.value.is_some(), &statuses),
        provenance(figure),
        figure.map_or_else(String::new, |f| f.source.publication.clone()),
        figure.map_or_else(String::new, |f| f.as_at.to_string()),
        b.reason.clone().unwrap_or_default(),
        "benchmark".to_string(),
    ]);
}

fn join_owned(items: impl Iterator<Item = String>, separator: &str) -> String {
    items.collect::<Vec<_>>().join(separator)
}

/// A safe file name from parts joined by "-", with `extension` (no dot):
/// ASCII letters, digits, "_" and "-" kept (case kept, so area codes read as
/// published), anything else in a part becomes "_"; empty parts are skipped.
pub fn filename(parts: &[&str], extension: &str) -> String {
    let cleaned: Vec<String> = parts
        .iter()
        .map(|part| {
            let mut out = String::new();
            for c in part.trim().chars() {
                let c = if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                };
                // Collapse runs of replacements ("A & E" -> "A_E").
                if !(c == '_' && out.ends_with('_')) {
                    out.push(c);
                }
            }
            out.trim_matches(['_', '-']).to_string()
        })
        .filter(|p| !p.is_empty())
        .collect();
    let stem = if cleaned.is_empty() {
        "export".to_string()
    } else {
        cleaned.join("-")
    };
    format!("{stem}.{extension}")
}

/// A CSV file name: `csv_filename(&["llr", "ae_4hr", "E06000016"])` is
/// "llr-ae_4hr-E06000016.csv".
pub fn csv_filename(parts: &[&str]) -> String {
    filename(parts, "csv")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{metric_spc, summary};
    use crate::load::{ExtractRef, Manifest};
    use serde_json::json;
    use std::path::Path;

    /// Parses RFC 4180 text back into records (for checking the writer).
    fn parse(text: &str) -> Vec<Vec<String>> {
        let mut records = Vec::new();
        let mut record = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    _ => field.push(c),
                }
            } else {
                match c {
                    '"' => {
                        assert!(field.is_empty(), "quote inside an unquoted field");
                        quoted = true;
                    }
                    ',' => record.push(std::mem::take(&mut field)),
                    '\r' => {
                        assert_eq!(chars.next(), Some('\n'), "CR without LF");
                        record.push(std::mem::take(&mut field));
                        records.push(std::mem::take(&mut record));
                    }
                    '\n' => panic!("bare LF outside quotes"),
                    _ => field.push(c),
                }
            }
        }
        assert!(!quoted, "unterminated quote");
        assert!(field.is_empty() && record.is_empty(), "last line not ended");
        records
    }

    fn header(text: &str) -> &str {
        text.split("\r\n").next().unwrap()
    }

    /// The record whose `column` is `value`.
    fn find<'a>(records: &'a [Vec<String>], column: usize, value: &str) -> &'a [String] {
        records
            .iter()
            .find(|r| r[column] == value)
            .unwrap_or_else(|| panic!("no record with {value}"))
    }

    fn bundled() -> Dataset {
        Dataset::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
            .expect("bundled data loads")
    }

    /// A system with two places; a proportion with two targets and a gap in
    /// March, and a source name holding a comma and quotes.
    fn fixture() -> Dataset {
        fixture_of(false)
    }

    /// The same, with England (Jan and Feb 2025: 764/1000 and 700/1000) and
    /// NHS England Midlands (Apr 2025 only: 600/1000) as comparators.
    fn fixture_with_benchmarks() -> Dataset {
        fixture_of(true)
    }

    fn fixture_of(with_benchmarks: bool) -> Dataset {
        let mut geography = json!({
            "schema_version": 1,
            "areas": [
                {"code": "SYS", "name": "Test System", "level": "system", "parent": null},
                {"code": "PA", "name": "Place A, North", "level": "place", "parent": "SYS"},
                {"code": "PB", "name": "Place B", "level": "place", "parent": "SYS"}
            ],
            "organisations": []
        });
        let catalogue = json!({
            "schema_version": 1,
            "domains": [{"id": "d", "name": "Domain \"one\""}],
            "metrics": [{
                "id": "prop",
                "domain": "d",
                "name": "Seen within 4 hours, all types",
                "short_name": "Prop",
                "definition": "for tests",
                "kind": "proportion",
                "unit": "percent",
                "decimals": 1,
                "polarity": "higher_is_better",
                "frequency": "month",
                "targets": [
                    {"kind": "constitutional", "value": 95.0, "from": "2020-01"},
                    {"kind": "operational", "value": 78.0, "from": "2020-01"}
                ],
                "source": {"publisher": "Test", "publication": "Test"}
            }]
        });
        let series = |area: &str, points: serde_json::Value| {
            json!({
                "metric": "prop",
                "area": area,
                "provenance": "published",
                "source": {"publisher": "Trust \"A\", North", "publication": "Report, 2026\nfinal"},
                "points": points
            })
        };
        let mut all = vec![
            series(
                "PA",
                json!([
                    {"period": "2025-01", "numerator": 80, "denominator": 100},
                    {"period": "2025-02", "numerator": 2, "denominator": 3},
                    {"period": "2025-04", "numerator": 96, "denominator": 100}
                ]),
            ),
            series(
                "PB",
                json!([{"period": "2025-01", "numerator": 1, "denominator": 2}]),
            ),
        ];
        if with_benchmarks {
            geography["comparators"] = json!([
                {"code": "E92000001", "name": "England", "ods": "ENG"},
                {"code": "E40000008", "name": "NHS England Midlands", "ods": "Y60"}
            ]);
            all.push(series(
                "E92000001",
                json!([
                    {"period": "2025-01", "numerator": 764, "denominator": 1000},
                    {"period": "2025-02", "numerator": 700, "denominator": 1000}
                ]),
            ));
            all.push(series(
                "E40000008",
                json!([{"period": "2025-04", "numerator": 600, "denominator": 1000}]),
            ));
        }
        let extract = json!({
            "schema_version": 1,
            "id": "one",
            "title": "Extract one",
            "published": "2026-01-15",
            "source": {"publisher": "Test", "publication": "Extract one"},
            "series": all
        });
        let manifest = Manifest {
            schema_version: 1,
            title: "Test".to_string(),
            geography: "geography.json".to_string(),
            metrics: "metrics.json".to_string(),
            extracts: vec![ExtractRef::File("one.json".to_string())],
        };
        let mut data = Dataset::begin(
            &manifest,
            ("geography.json", &geography.to_string()),
            ("metrics.json", &catalogue.to_string()),
        );
        data.add_extract(&manifest.extracts[0], Ok(&extract.to_string()));
        data.finish();
        assert!(!data.has_errors(), "{:?}", data.problems);
        data
    }

    fn period(text: &str) -> Period {
        Period::parse(text).unwrap()
    }

    #[test]
    fn quoting_rules() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field(""), "");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("cr\rhere"), "\"cr\rhere\"");
        assert_eq!(csv_field("88.2%"), "88.2%");
        let mut csv = CsvWriter::new();
        csv.record(["a", "b,c", "d\"e"]);
        csv.record(["", "x", ""]);
        let text = csv.finish();
        assert_eq!(text, "a,\"b,c\",\"d\"\"e\"\r\n,x,\r\n");
        assert_eq!(
            parse(&text),
            vec![vec!["a", "b,c", "d\"e"], vec!["", "x", ""]]
        );
    }

    #[test]
    fn headers_are_exact() {
        let data = fixture();
        let metric = data.catalogue.metric("prop").unwrap();
        let analysis = metric_spc(&data, metric, "PA");
        assert_eq!(
            header(&detail_csv(&data, metric, "PA", &analysis)),
            "area_code,area_name,metric_id,metric_name,period,period_label,value,value_shown,unit,\
             numerator,denominator,count,target,target_kind,status,spc_point_type,spc_rule,\
             provenance,source_publisher,source_publication,as_at"
        );
        assert_eq!(
            header(&overview_csv(&data, &summary(&data, "PA", None))),
            "area_code,area_name,domain,metric_id,metric_name,period,period_label,value,value_shown,\
             unit,numerator,denominator,count,targets,status,reason_if_no_value,provenance,\
             source_publisher,source_publication,as_at"
        );
        assert_eq!(
            header(&comparison_csv(&data, metric, &["PA"], period("2025-01"))),
            "area_code,area_name,level,metric_id,period,value,value_shown,unit,numerator,\
             denominator,target,status,provenance,source_publication,as_at,reason_if_no_value,kind"
        );
    }

    #[test]
    fn detail_has_a_row_per_period_gaps_included() {
        let data = fixture();
        let metric = data.catalogue.metric("prop").unwrap();
        let analysis = metric_spc(&data, metric, "PA");
        let text = detail_csv(&data, metric, "PA", &analysis);
        let records = parse(&text);
        assert_eq!(records.len(), 1 + analysis.timeline.len());
        assert_eq!(analysis.timeline.len(), 4);
        assert!(records.iter().all(|r| r.len() == DETAIL_HEADER.len()));
        let col = |name: &str| DETAIL_HEADER.iter().position(|h| *h == name).unwrap();

        let feb = find(&records, col("period"), "2025-02");
        assert_eq!(feb[col("value")], format!("{}", 200.0 / 3.0));
        assert!(feb[col("value")].starts_with("66.66666"), "unrounded");
        assert_eq!(feb[col("value_shown")], "66.7%");
        assert_eq!(feb[col("area_name")], "Place A, North");
        assert_eq!(feb[col("numerator")], "2");
        assert_eq!(feb[col("denominator")], "3");
        assert_eq!(feb[col("count")], "");
        assert_eq!(feb[col("target")], "95.0% / 78.0%");
        assert_eq!(
            feb[col("target_kind")],
            "constitutional standard / operational standard"
        );
        assert_eq!(feb[col("status")], "Not met / Not met");
        assert_eq!(feb[col("spc_point_type")], "Common cause");
        assert_eq!(feb[col("provenance")], "published");
        assert_eq!(feb[col("source_publisher")], "Trust \"A\", North");
        assert_eq!(feb[col("source_publication")], "Report, 2026\nfinal");
        assert_eq!(feb[col("as_at")], "2026-01-15");
        assert!(text.contains(",\"Trust \"\"A\"\", North\",\"Report, 2026\nfinal\","));

        let jan = find(&records, col("period"), "2025-01");
        assert_eq!(jan[col("value")], "80");
        assert_eq!(jan[col("status")], "Not met / Met");
        let apr = find(&records, col("period"), "2025-04");
        assert_eq!(apr[col("status")], "Met / Met");

        let gap = find(&records, col("period"), "2025-03");
        assert_eq!(gap[col("period_label")], "Mar 2025");
        assert_eq!(gap[col("value")], "");
        assert_eq!(gap[col("value_shown")], "No data");
        assert_eq!(gap[col("status")], "No data");
        assert_eq!(gap[col("numerator")], "");
        assert_eq!(gap[col("spc_point_type")], "");
        assert_eq!(gap[col("provenance")], "");
    }

    #[test]
    fn overview_has_a_row_per_metric() {
        let data = fixture();
        let overview = summary(&data, "PA", None);
        let records = parse(&overview_csv(&data, &overview));
        let rows: usize = overview.groups.iter().map(|g| g.rows.len()).sum();
        assert_eq!(records.len(), 1 + rows);
        let r = &records[1];
        assert_eq!(r.len(), OVERVIEW_HEADER.len());
        assert_eq!(r[2], "Domain \"one\"");
        assert_eq!(r[3], "prop");
        assert_eq!(r[5], "2025-04");
        assert_eq!(r[6], "Apr 2025");
        assert_eq!(r[7], "96");
        assert_eq!(r[8], "96.0%");
        assert_eq!(
            r[13],
            "95.0% constitutional standard: Met; 78.0% operational standard: Met"
        );
        assert_eq!(r[14], "Met");
        assert_eq!(r[15], "");

        // The system has no own series and PB lacks April: no value, a reason.
        let records = parse(&overview_csv(&data, &summary(&data, "SYS", None)));
        let r = &records[1];
        assert_eq!(r[7], "");
        assert_eq!(r[8], "No data");
        assert_eq!(r[14], "No data");
        assert!(r[15].contains("no value for Place B"), "{}", r[15]);
    }

    #[test]
    fn comparison_has_a_row_per_area() {
        let data = fixture();
        let metric = data.catalogue.metric("prop").unwrap();
        let text = comparison_csv(
            &data,
            metric,
            &["SYS", "PA", "PB", "NOPE"],
            period("2025-02"),
        );
        let records = parse(&text);
        assert_eq!(records.len(), 5);
        assert!(records.iter().all(|r| r.len() == COMPARISON_HEADER.len()));
        let pa = find(&records, 0, "PA");
        assert_eq!(pa[1], "Place A, North");
        assert_eq!(pa[2], "place");
        assert_eq!(pa[6], "66.7%");
        assert_eq!(pa[10], "95.0% / 78.0%");
        assert_eq!(pa[11], "Not met / Not met");
        assert_eq!(pa[15], "");
        let pb = find(&records, 0, "PB");
        assert_eq!((pb[5].as_str(), pb[6].as_str()), ("", "No data"));
        assert_eq!(pb[10], "95.0% / 78.0%");
        assert_eq!(pb[11], "No data");
        assert!(!pb[15].is_empty());
        let sys = find(&records, 0, "SYS");
        assert_eq!(sys[2], "system");
        assert!(sys[15].contains("1 of 2 places"), "{}", sys[15]);
        let nope = find(&records, 0, "NOPE");
        assert_eq!(nope[1], "");
        assert!(nope[15].contains("unknown area"));
    }

    #[test]
    fn detail_and_overview_end_with_each_benchmark_value_and_display() {
        let data = fixture_with_benchmarks();
        let metric = data.catalogue.metric("prop").unwrap();
        let analysis = metric_spc(&data, metric, "PA");
        let text = detail_csv(&data, metric, "PA", &analysis);
        let benchmark_head = "england_value,england_value_shown,\
             nhs_england_midlands_value,nhs_england_midlands_value_shown";
        assert_eq!(
            header(&text),
            format!("{},{benchmark_head}", DETAIL_HEADER.join(","))
        );
        let records = parse(&text);
        assert!(records.iter().all(|r| r.len() == DETAIL_HEADER.len() + 4));
        let at = |period: &str| find(&records, 4, period)[DETAIL_HEADER.len()..].to_vec();
        // Unrounded beside the value as shown; "No data" where the comparator
        // publishes the measure but not that month (Mar is the area's gap).
        let england_jan = format!("{}", 100.0 * 764.0 / 1000.0);
        assert_eq!(at("2025-01"), [&england_jan, "76.4%", "", "No data"]);
        assert_eq!(at("2025-02"), ["70", "70.0%", "", "No data"]);
        assert_eq!(at("2025-03"), ["", "No data", "", "No data"]);
        assert_eq!(at("2025-04"), ["", "No data", "60", "60.0%"]);

        // The overview is at each row's own period: PA's latest is Apr 2025.
        let text = overview_csv(&data, &summary(&data, "PA", None));
        assert_eq!(
            header(&text),
            format!("{},{benchmark_head}", OVERVIEW_HEADER.join(","))
        );
        let records = parse(&text);
        assert_eq!(records[1][5], "2025-04");
        assert_eq!(
            records[1][OVERVIEW_HEADER.len()..],
            ["", "No data", "60", "60.0%"]
        );
        let jan = parse(&overview_csv(
            &data,
            &summary(&data, "PA", Some(period("2025-01"))),
        ));
        assert_eq!(
            jan[1][OVERVIEW_HEADER.len()..],
            [&england_jan, "76.4%", "", "No data"]
        );
        // No figure for the area, so nothing is set beside it.
        let sys = parse(&overview_csv(&data, &summary(&data, "SYS", None)));
        assert_eq!(sys[1][8], "No data");
        assert_eq!(sys[1][OVERVIEW_HEADER.len()..], ["", "", "", ""]);
    }

    #[test]
    fn a_comparator_without_a_series_for_the_measure_leaves_its_cells_empty() {
        let mut data = fixture();
        data.geography = data
            .geography
            .clone()
            .with_comparators(vec![crate::model::Comparator {
                code: "E92000001".into(),
                name: "England".into(),
                ods: None,
            }]);
        let metric = data.catalogue.metric("prop").unwrap();
        let analysis = metric_spc(&data, metric, "PA");
        let records = parse(&detail_csv(&data, metric, "PA", &analysis));
        assert_eq!(
            records[0][DETAIL_HEADER.len()..],
            ["england_value", "england_value_shown"]
        );
        assert!(records[1..]
            .iter()
            .all(|r| r[DETAIL_HEADER.len()..] == ["", ""]));
        let records = parse(&comparison_csv(&data, metric, &["PA"], period("2025-01")));
        assert_eq!(records.len(), 2, "no benchmark row without a series");
    }

    #[test]
    fn comparison_lists_benchmarks_after_the_areas_marked_and_unranked() {
        let data = fixture_with_benchmarks();
        let metric = data.catalogue.metric("prop").unwrap();
        let records = parse(&comparison_csv(
            &data,
            metric,
            &["PA", "PB"],
            period("2025-01"),
        ));
        assert_eq!(records.len(), 5);
        assert!(records.iter().all(|r| r.len() == COMPARISON_HEADER.len()));
        let kinds: Vec<(&str, &str)> = records[1..]
            .iter()
            .map(|r| (r[0].as_str(), r[16].as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("PA", "area"),
                ("PB", "area"),
                ("E92000001", "benchmark"),
                ("E40000008", "benchmark")
            ]
        );
        let england = &records[3];
        assert_eq!(england[1], "England");
        assert_eq!(england[2], "", "outside the hierarchy: no level");
        assert_eq!(england[4], "2025-01");
        assert_eq!(england[5], format!("{}", 100.0 * 764.0 / 1000.0));
        assert_eq!(england[6], "76.4%");
        assert_eq!((england[8].as_str(), england[9].as_str()), ("764", "1000"));
        assert_eq!(england[10], "95.0% / 78.0%");
        assert_eq!(england[11], "Not met / Not met");
        assert_eq!(england[12], "published");
        assert_eq!(england[15], "");
        let midlands = &records[4];
        assert_eq!(
            (midlands[5].as_str(), midlands[6].as_str()),
            ("", "No data")
        );
        assert_eq!(midlands[11], "No data");
        assert_eq!(
            midlands[15],
            "no figure for NHS England Midlands in Jan 2025"
        );
    }

    #[test]
    fn bundled_ae_at_llr() {
        let data = bundled();
        let metric = data.catalogue.metric("ae_4hr").unwrap();
        let analysis = metric_spc(&data, metric, "LLR");
        let records = parse(&detail_csv(&data, metric, "LLR", &analysis));
        assert_eq!(records.len(), 1 + analysis.timeline.len());
        let col = |name: &str| DETAIL_HEADER.iter().position(|h| *h == name).unwrap();
        let may = find(&records, col("period"), "2018-05");
        assert_eq!(
            may[col("area_name")],
            "Leicester, Leicestershire and Rutland"
        );
        assert_eq!(may[col("period_label")], "May 2018");
        assert_eq!(may[col("value_shown")], "88.2%");
        assert_eq!(may[col("value")], format!("{}", 100.0 * 18293.0 / 20751.0));
        assert_eq!(may[col("numerator")], "18293");
        assert_eq!(may[col("denominator")], "20751");
        assert_eq!(may[col("unit")], "percent");
        assert_eq!(may[col("target")], "95.0%");
        assert_eq!(may[col("status")], "Not met");
        assert_eq!(may[col("provenance")], "published");
        assert_eq!(may[col("source_publisher")], "NHS England");
        assert!(!may[col("spc_point_type")].is_empty());

        let overview = summary(&data, "LLR", None);
        let records = parse(&overview_csv(&data, &overview));
        let rows: usize = overview.groups.iter().map(|g| g.rows.len()).sum();
        assert_eq!(records.len(), 1 + rows);
        // Two columns per comparator (England, the region) after the rest.
        let width = OVERVIEW_HEADER.len() + 2 * data.geography.comparators.len();
        assert!(records.iter().all(|r| r.len() == width));
        assert!(
            records[1..].iter().all(|r| !r[8].is_empty()),
            "value_shown never blank"
        );
    }

    #[test]
    fn filenames() {
        assert_eq!(
            csv_filename(&["llr", "ae_4hr", "E06000016"]),
            "llr-ae_4hr-E06000016.csv"
        );
        assert_eq!(
            csv_filename(&["LLR", "A&E / 4 hrs", "", "2025-04"]),
            "LLR-A_E_4_hrs-2025-04.csv"
        );
        assert_eq!(csv_filename(&["../..", "é"]), "export.csv");
        assert_eq!(filename(&["llr", "chart"], "png"), "llr-chart.png");
    }
}

/// A breakdown table (e.g. staff in post by organisation): one row per period
/// and part, in long form, with the published total and provenance.
/// `name` turns a part's key into what the screen shows (an organisation code
/// into its name).
pub fn breakdown_csv(
    data: &Dataset,
    metric: &Metric,
    area: &str,
    by: &str,
    breakdown: &super::Breakdown,
    name: &dyn Fn(&str) -> String,
) -> String {
    let mut csv = CsvWriter::new();
    csv.record([
        "area_code",
        "area_name",
        "metric_id",
        "metric_name",
        "period",
        "period_label",
        "breakdown",
        "part",
        "value",
        "unit",
        "published_total",
        "provenance",
        "source_publisher",
        "source_publication",
        "as_at",
    ]);
    let area_name = area_name(data, area);
    for (i, period) in breakdown.periods.iter().enumerate() {
        for part in &breakdown.parts {
            csv.record([
                area.to_string(),
                area_name.clone(),
                metric.id.clone(),
                metric.name.clone(),
                period.to_string(),
                period.label(metric.frequency),
                by.to_string(),
                name(&part.key),
                number(part.values[i]),
                super::unit_label(metric).to_string(),
                number(breakdown.total.as_ref().and_then(|t| t[i])),
                breakdown.provenance.label().to_ascii_lowercase(),
                breakdown.source.publisher.clone(),
                breakdown.source.publication.clone(),
                breakdown.as_at.to_string(),
            ]);
        }
    }
    csv.finish()
}

#[cfg(test)]
mod breakdown_tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::path::Path;

    #[test]
    fn staff_by_organisation_in_long_form() {
        let data = Dataset::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data")).unwrap();
        let metric = data.catalogue.metric("wf_staff_fte").unwrap();
        let b = super::super::breakdown(&data, metric, "LLR", &BTreeMap::new(), "organisation")
            .unwrap();
        let csv = breakdown_csv(&data, metric, "LLR", "organisation", &b, &|k: &str| {
            format!("org {k}")
        });
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 1 + b.periods.len() * 3);
        assert!(lines[0].starts_with("area_code,area_name,metric_id"));
        let first = lines[1];
        assert!(
            first.contains(",2016-04,")
                && first.contains(",org RWE,")
                && first.contains(",illustrative,"),
            "{first}"
        );
        // value then published total, unrounded
        let total = b.total.as_ref().unwrap()[0].unwrap();
        assert!(first.contains(&format!(",{},", b.parts[0].values[0].unwrap())));
        assert!(first.contains(&format!(",{total},")));
    }
}
