//! What the importers share after reading: the points they find (with the
//! rows behind each), duplicate periods across files, checks against the
//! catalogue and geography, the report, and the extract file itself.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_json::{json, Value};

use super::report::place;
use super::report::{FileStats, Report, Unusable};
use super::table::{row_word, Columns, Row, Table};
use crate::model::{Annotation, Catalogue, Geography, Observation, Period, Provenance, Source};

/// The rows behind a point: (input index, line or sheet row).
pub(crate) type Origin = Vec<(usize, u64)>;

/// A ratio added up over the rows of one point: the rows behind it, and
/// the lines of those that could not be used.
#[derive(Debug, Default)]
pub(crate) struct RatioSum {
    pub numerator: f64,
    pub denominator: f64,
    pub origin: Origin,
    pub bad: Vec<u64>,
}

/// Values by slot, each given once: a slot given again (in the same file
/// or another) is a duplicate, and neither value is kept.
#[derive(Debug)]
pub(crate) struct Unique<K, V> {
    pub kept: BTreeMap<K, (V, Origin)>,
    duplicates: BTreeSet<K>,
}

impl<K, V> Default for Unique<K, V> {
    fn default() -> Self {
        Unique {
            kept: BTreeMap::new(),
            duplicates: BTreeSet::new(),
        }
    }
}

impl<K: Ord, V> Unique<K, V> {
    /// Keeps a value the first time its slot is given. The second time, the
    /// first is dropped too and the report says where both came from
    /// ("duplicate {what}: given by ...; neither is used"); after that the
    /// slot is passed over.
    pub fn insert(
        &mut self,
        ctx: &mut Ctx,
        file: &str,
        slot: K,
        value: (V, Origin),
        what: impl FnOnce() -> String,
    ) {
        if self.duplicates.contains(&slot) {
            return;
        }
        if let Some((_, first)) = self.kept.remove(&slot) {
            self.duplicates.insert(slot);
            let mut both = first;
            both.extend(value.1);
            let text = format!(
                "duplicate {}: given by {}; neither is used",
                what(),
                ctx.origin_text(&both)
            );
            ctx.skipped(file, text);
            return;
        }
        self.kept.insert(slot, value);
    }
}

/// What identifies one output series.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct SeriesKey {
    pub metric: String,
    pub area: String,
    pub organisation: Option<String>,
    pub breakdown: BTreeMap<String, String>,
    pub provenance: Provenance,
}

impl SeriesKey {
    pub fn new(metric: &str, area: &str, organisation: Option<&str>) -> SeriesKey {
        SeriesKey {
            metric: metric.to_string(),
            area: area.to_string(),
            organisation: organisation.map(str::to_string),
            breakdown: BTreeMap::new(),
            provenance: Provenance::Published,
        }
    }

    pub fn derived(mut self) -> SeriesKey {
        self.provenance = Provenance::Derived;
        self
    }

    pub fn with(mut self, key: &str, value: &str) -> SeriesKey {
        self.breakdown.insert(key.to_string(), value.to_string());
        self
    }

    /// "ae_4hr at LLR (RWE)", "wf_staff_fte at LLR (organisation RWE, staff_group Nursing)".
    pub fn describe(&self) -> String {
        let mut text = format!("{} at {}", self.metric, self.area);
        let mut extra: Vec<String> = Vec::new();
        if let Some(org) = &self.organisation {
            if !self.breakdown.contains_key("organisation") {
                extra.push(org.clone());
            }
        }
        extra.extend(self.breakdown.iter().map(|(k, v)| format!("{k} {v}")));
        if !extra.is_empty() {
            text.push_str(&format!(" ({})", extra.join(", ")));
        }
        text
    }
}

/// A series slot as the validator sees duplicates: metric, area, breakdown, period.
type Slot = (String, String, BTreeMap<String, String>, Period);

#[derive(Debug, Clone, Default)]
struct SeriesData {
    note: Option<String>,
    annotations: Vec<Annotation>,
    points: BTreeMap<Period, (Observation, Origin)>,
}

/// Everything an importer writes into while it reads.
pub(crate) struct Ctx {
    pub report: Report,
    files: Vec<String>,
    /// The sheet read from each input, for spreadsheets.
    sheets: Vec<Option<String>>,
    series: BTreeMap<SeriesKey, SeriesData>,
    slots: HashMap<Slot, Option<(SeriesKey, Origin)>>,
    /// Notes per series, added once the series has points.
    notes: BTreeMap<SeriesKey, String>,
    /// The report's notes, to give each once without searching the list
    /// (some are per row: a 100 MB file can have many).
    noted: HashSet<String>,
}

impl Ctx {
    pub fn new(files: Vec<String>) -> Ctx {
        let report = Report {
            files: files
                .iter()
                .map(|f| FileStats {
                    file: f.clone(),
                    ..FileStats::default()
                })
                .collect(),
            ..Report::default()
        };
        Ctx {
            report,
            sheets: vec![None; files.len()],
            files,
            series: BTreeMap::new(),
            slots: HashMap::new(),
            notes: BTreeMap::new(),
            noted: HashSet::new(),
        }
    }

    /// A table is about to be read: for a spreadsheet, the report names
    /// the sheet and the header's row, and rows are named by sheet and row.
    pub fn opened(&mut self, table: &Table) {
        if let Some(sheet) = &table.sheet {
            self.sheets[table.index] = Some(sheet.clone());
            self.report.files[table.index].sheet = Some((sheet.clone(), table.header_row));
        }
    }

    /// Runs `f` on each data row of a table, counting the rows read and
    /// reporting the lines the CSV parser could not read.
    pub fn each_row(&mut self, table: &Table, mut f: impl FnMut(&mut Ctx, &Row)) {
        table.for_each(|row| match row {
            Ok(row) => {
                self.report.files[table.index].rows_read += 1;
                f(self, &row);
            }
            Err((line, reason)) => self.unusable(table, line, reason),
        });
    }

    /// Whether every column an importer needs was found; if not, the whole
    /// file is refused with the reason.
    pub fn columns_found(&mut self, table: &Table, columns: Columns) -> bool {
        match columns.finish() {
            Ok(()) => true,
            Err(e) => {
                self.file_error(table.index, e);
                false
            }
        }
    }

    /// The month a row's period column names, or `None` once the row is
    /// reported as unusable ("`{name}` \"...\" is not a {what}").
    pub fn month(
        &mut self,
        table: &Table,
        row: &Row,
        column: usize,
        name: &str,
        what: &str,
    ) -> Option<Period> {
        let month = row.period(column);
        if month.is_none() {
            self.unusable(
                table,
                row.line,
                format!("`{name}` \"{}\" is not a {what}", row.text(column)),
            );
        }
        month
    }

    /// The whole file cannot be used (unreadable, missing columns).
    pub fn file_error(&mut self, index: usize, reason: impl Into<String>) {
        self.report.files[index].error = Some(reason.into());
    }

    /// A row (or a cell of it) the importer could not use, and why.
    pub fn unusable(&mut self, table: &Table, line: u64, reason: impl Into<String>) {
        self.report.unusable.push(Unusable {
            file: table.name.clone(),
            sheet: table.sheet.clone(),
            line: Some(line),
            reason: reason.into(),
        });
    }

    /// A point that was not written, and why (it names its rows itself).
    pub fn skipped(&mut self, file: &str, reason: impl Into<String>) {
        self.report.unusable.push(Unusable {
            file: file.to_string(),
            sheet: None,
            line: None,
            reason: reason.into(),
        });
    }

    /// A row outside what this import covers (another organisation, another
    /// measure): counted by reason, not listed.
    pub fn ignore(&mut self, table: &Table, reason: &str) {
        self.ignore_in(table.index, reason);
    }

    /// As [`Ctx::ignore`], by input index (after the file has been read).
    pub fn ignore_in(&mut self, index: usize, reason: &str) {
        if let Some(stats) = self.report.files.get_mut(index) {
            *stats.ignored.entry(reason.to_string()).or_default() += 1;
        }
    }

    /// A decision or caveat the analyst should read.
    pub fn note(&mut self, text: impl Into<String>) {
        let text = text.into();
        if self.noted.insert(text.clone()) {
            self.report.notes.push(text);
        }
    }

    /// A plain-English note carried in the extract on a series.
    pub fn series_note(&mut self, key: &SeriesKey, note: impl Into<String>) {
        self.notes.insert(key.clone(), note.into());
    }

    /// Where a point came from, for messages: "a.csv line 5", "a.csv lines
    /// 3, 4, 9", "a.xlsx [Sheet1] row 5".
    pub fn origin_text(&self, origin: &Origin) -> String {
        let mut by_file: BTreeMap<usize, Vec<u64>> = BTreeMap::new();
        for (file, line) in origin {
            by_file.entry(*file).or_default().push(*line);
        }
        by_file
            .into_iter()
            .map(|(file, mut lines)| {
                lines.sort_unstable();
                lines.dedup();
                let sheet = self.sheets.get(file).and_then(|s| s.as_deref());
                let name = place(
                    self.files.get(file).map_or("?", |f| f.as_str()),
                    sheet,
                    None,
                );
                let word = row_word(sheet);
                match lines.as_slice() {
                    [one] => format!("{name} {word} {one}"),
                    many if many.len() <= 5 => format!(
                        "{name} {word}s {}",
                        many.iter()
                            .map(|l| l.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    many => format!(
                        "{name} {word}s {}, … ({} rows)",
                        many[..4]
                            .iter()
                            .map(|l| l.to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                        many.len()
                    ),
                }
            })
            .collect::<Vec<_>>()
            .join(" and ")
    }

    /// The file of a point's first row, for the report.
    pub fn file_of(&self, origin: &Origin) -> String {
        origin
            .first()
            .and_then(|(f, _)| self.files.get(*f))
            .cloned()
            .unwrap_or_default()
    }

    /// Adds a point. A period that another row or file already gave for the
    /// same metric, area and breakdown is a duplicate: neither is kept, and
    /// the report says where both came from.
    pub fn point(
        &mut self,
        key: &SeriesKey,
        period: Period,
        observation: Observation,
        origin: Origin,
    ) {
        let slot: Slot = (
            key.metric.clone(),
            key.area.clone(),
            key.breakdown.clone(),
            period,
        );
        match self.slots.get_mut(&slot) {
            None => {
                self.slots.insert(slot, Some((key.clone(), origin.clone())));
                self.series
                    .entry(key.clone())
                    .or_default()
                    .points
                    .insert(period, (observation, origin));
            }
            Some(taken) => {
                let first = taken.take();
                let mut places = Vec::new();
                if let Some((first_key, first_origin)) = first {
                    if let Some(data) = self.series.get_mut(&first_key) {
                        data.points.remove(&period);
                    }
                    places.push(self.origin_text(&first_origin));
                }
                places.push(self.origin_text(&origin));
                let file = self.file_of(&origin);
                self.skipped(
                    &file,
                    format!(
                        "duplicate period {period} for {}: given by {}; neither is used. Pass each month once (for a revised month, only the revised file)",
                        key.describe(),
                        places.join(" and again by ")
                    ),
                );
            }
        }
    }

    /// Writes a ratio added up over rows, or, when some of its rows could
    /// not be used, writes nothing and says which (and, in `partial`, why a
    /// part-sum is not written).
    pub fn ratio_sum(
        &mut self,
        table: &Table,
        key: &SeriesKey,
        period: Period,
        sum: RatioSum,
        partial: &str,
    ) {
        if sum.bad.is_empty() {
            self.point(
                key,
                period,
                Observation::Ratio {
                    numerator: sum.numerator,
                    denominator: sum.denominator,
                },
                sum.origin,
            );
        } else {
            let lines: Vec<String> = sum.bad.iter().map(|l| l.to_string()).collect();
            self.skipped(
                &table.name,
                format!(
                    "{} {period} not written: {} of its {} rows could not be used ({}{} {}); {partial}",
                    key.describe(),
                    sum.bad.len(),
                    sum.origin.len(),
                    table.row_word(),
                    if sum.bad.len() == 1 { "" } else { "s" },
                    super::table::join_limited(&lines, 8)
                ),
            );
        }
    }

    /// An annotation on a series (drawn on its chart).
    pub fn annotate(&mut self, key: &SeriesKey, period: Period, text: impl Into<String>) {
        let data = self.series.entry(key.clone()).or_default();
        let text = text.into();
        if !data.annotations.iter().any(|a| a.period == period) {
            data.annotations.push(Annotation { period, text });
        }
    }

    /// Checks every series against the catalogue and geography and returns
    /// those that can be written. Everything dropped is reported.
    pub fn finish(
        mut self,
        geography: &Geography,
        catalogue: &Catalogue,
    ) -> (Vec<OutSeries>, Report) {
        let mut out = Vec::new();
        let mut used: BTreeSet<(usize, u64)> = BTreeSet::new();
        let series = std::mem::take(&mut self.series);
        for (key, mut data) in series {
            if data.points.is_empty() {
                continue;
            }
            let count = data.points.len();
            let Some(metric) = catalogue.metric(&key.metric) else {
                self.skipped(
                    "",
                    format!(
                        "{}: metric `{}` is not in the metrics catalogue, so its {count} point{} are not written (add it to metrics.json first)",
                        key.describe(),
                        key.metric,
                        if count == 1 { "" } else { "s" }
                    ),
                );
                continue;
            };
            if !geography.knows(&key.area) {
                self.skipped(
                    "",
                    format!(
                        "{}: area `{}` is not in the geography, so its {count} point{} are not written (add it to geography.json first)",
                        key.describe(),
                        key.area,
                        if count == 1 { "" } else { "s" }
                    ),
                );
                continue;
            }
            if let Some(org) = &key.organisation {
                if geography.organisation(org).is_none() {
                    self.note(format!(
                        "organisation `{org}` is not in the geography's organisations: the validator will warn"
                    ));
                }
            }
            let mut bad = Vec::new();
            for (period, (observation, origin)) in &data.points {
                let problem = if !observation.fits(metric.kind) {
                    Some(format!(
                        "the metric is now a {:?} in the catalogue, which this import does not write",
                        metric.kind
                    ).to_lowercase())
                } else if !period.fits(metric.frequency) {
                    Some(
                        format!("{period} does not start a {:?} period", metric.frequency)
                            .to_lowercase(),
                    )
                } else {
                    check(observation, metric.kind == crate::model::Kind::Proportion)
                };
                if let Some(problem) = problem {
                    bad.push(*period);
                    let text = format!(
                        "{} {period} not written: {problem} (from {})",
                        key.describe(),
                        self.origin_text(origin)
                    );
                    let file = self.file_of(origin);
                    self.skipped(&file, text);
                }
            }
            for period in bad {
                data.points.remove(&period);
            }
            if data.points.is_empty() {
                continue;
            }
            for (_, origin) in data.points.values() {
                used.extend(origin.iter().copied());
            }
            // An annotation marks a change in the points after it: none, no annotation.
            let last = data.points.keys().next_back().copied();
            data.annotations
                .retain(|a| last.is_some_and(|l| a.period <= l));
            data.annotations.sort_by_key(|a| a.period);
            out.push(OutSeries {
                note: self.notes.get(&key).cloned().or(data.note),
                key,
                annotations: data.annotations,
                points: data.points.into_iter().map(|(p, (o, _))| (p, o)).collect(),
            });
        }
        for (file, _) in &used {
            if let Some(stats) = self.report.files.get_mut(*file) {
                stats.rows_used += 1;
            }
        }
        (out, self.report)
    }
}

/// Why an observation cannot be written, if it cannot.
fn check(observation: &Observation, proportion: bool) -> Option<String> {
    match *observation {
        Observation::Ratio {
            numerator: n,
            denominator: d,
        } => {
            if !n.is_finite() || !d.is_finite() {
                Some("not a finite number".into())
            } else if n < 0.0 || d < 0.0 {
                Some(format!("negative count ({} / {})", num(n), num(d)))
            } else if d == 0.0 {
                Some("the denominator is 0".into())
            } else if proportion && n > d {
                Some(format!(
                    "the numerator {} is greater than the denominator {}",
                    num(n),
                    num(d)
                ))
            } else {
                None
            }
        }
        Observation::Mean { value, count } => {
            if !value.is_finite() || !count.is_finite() {
                Some("not a finite number".into())
            } else if count <= 0.0 {
                Some(format!("count {} must be more than 0", num(count)))
            } else {
                None
            }
        }
        Observation::Value { value } => (!value.is_finite()).then(|| "not a finite number".into()),
    }
}

/// A number as JSON: whole numbers without a decimal point.
fn num_value(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

/// A number as text, as it is written in the extract.
pub(crate) fn num(x: f64) -> String {
    num_value(x).to_string()
}

/// A series ready to write.
#[derive(Debug, Clone)]
pub(crate) struct OutSeries {
    pub key: SeriesKey,
    pub note: Option<String>,
    pub annotations: Vec<Annotation>,
    pub points: BTreeMap<Period, Observation>,
}

/// The extract's header fields.
pub(crate) struct Header<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub published: &'a str,
    pub source: &'a Source,
}

/// A JSON object on one line, fields in the order given: `{"a": 1, "b": 2}`.
fn inline(fields: &[(&str, Value)]) -> String {
    let parts: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{}: {}", json!(k), v))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

fn source_json(source: &Source) -> String {
    let mut fields = vec![
        ("publisher", json!(source.publisher)),
        ("publication", json!(source.publication)),
    ];
    if let Some(url) = &source.url {
        fields.push(("url", json!(url)));
    }
    inline(&fields)
}

/// Writes the extract in the layout of the bundled files: one line per
/// point, so a month's import shows as a few lines in a diff.
pub(crate) fn render(
    header: &Header,
    series: &[OutSeries],
    series_source: &dyn Fn(&OutSeries) -> Source,
) -> String {
    let s = |v: &Value| v.to_string();
    let mut out = String::new();
    out.push_str("{\n \"schema_version\": 1,\n");
    out.push_str(&format!(" \"id\": {},\n", s(&json!(header.id))));
    out.push_str(&format!(" \"title\": {},\n", s(&json!(header.title))));
    out.push_str(&format!(
        " \"published\": {},\n",
        s(&json!(header.published))
    ));
    out.push_str(&format!(" \"source\": {},\n", source_json(header.source)));
    out.push_str(" \"series\": [");
    for (i, series) in series.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        let key = &series.key;
        out.push_str("  {\n");
        out.push_str(&format!("   \"metric\": {},\n", s(&json!(key.metric))));
        out.push_str(&format!("   \"area\": {},\n", s(&json!(key.area))));
        if let Some(org) = &key.organisation {
            out.push_str(&format!("   \"organisation\": {},\n", s(&json!(org))));
        }
        out.push_str(&format!(
            "   \"provenance\": {},\n",
            s(&json!(key.provenance))
        ));
        out.push_str(&format!(
            "   \"breakdown\": {},\n",
            inline(
                &key.breakdown
                    .iter()
                    .map(|(k, v)| (k.as_str(), json!(v)))
                    .collect::<Vec<_>>()
            )
        ));
        if !series.annotations.is_empty() {
            out.push_str("   \"annotations\": [\n");
            let lines: Vec<String> = series
                .annotations
                .iter()
                .map(|a| {
                    format!(
                        "    {}",
                        inline(&[("period", json!(a.period)), ("text", json!(a.text))])
                    )
                })
                .collect();
            out.push_str(&lines.join(",\n"));
            out.push_str("\n   ],\n");
        }
        out.push_str(&format!(
            "   \"source\": {},\n",
            source_json(&series_source(series))
        ));
        if let Some(note) = &series.note {
            out.push_str(&format!("   \"note\": {},\n", s(&json!(note))));
        }
        out.push_str("   \"points\": [\n");
        let lines: Vec<String> = series
            .points
            .iter()
            .map(|(period, o)| {
                let fields = match *o {
                    Observation::Ratio {
                        numerator,
                        denominator,
                    } => format!(
                        "\"numerator\": {}, \"denominator\": {}",
                        num(numerator),
                        num(denominator)
                    ),
                    Observation::Mean { value, count } => {
                        format!("\"value\": {}, \"count\": {}", num(value), num(count))
                    }
                    Observation::Value { value } => format!("\"value\": {}", num(value)),
                };
                format!("    {{\"period\": \"{period}\", {fields}}}")
            })
            .collect();
        out.push_str(&lines.join(",\n"));
        out.push_str("\n   ]\n  }");
    }
    out.push_str(if series.is_empty() {
        "]\n}\n"
    } else {
        "\n ]\n}\n"
    });
    out
}
