//! What an import tells the analyst: per file the rows read and used, every
//! row or point it could not use with the reason, and the decisions it made.

use std::collections::BTreeMap;

use serde::Serialize;

/// Rows of one input file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FileStats {
    pub file: String,
    /// The sheet read, for a spreadsheet, and its header's row number.
    pub sheet: Option<(String, u64)>,
    /// Data rows (not counting the header or blank lines).
    pub rows_read: usize,
    /// Rows behind at least one point written.
    pub rows_used: usize,
    /// Rows outside what the import covers (other organisations, measures,
    /// standards), counted by reason.
    pub ignored: BTreeMap<String, usize>,
    /// Why the whole file could not be used, if it could not.
    pub error: Option<String>,
}

/// A row, a cell or a point that could not be used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unusable {
    /// The input file (empty for a problem with the catalogue or geography).
    pub file: String,
    /// The sheet, for a spreadsheet.
    pub sheet: Option<String>,
    /// The line in a CSV file (the header is line 1) or the row number in a
    /// sheet; `None` for a point built from several rows.
    pub line: Option<u64>,
    pub reason: String,
}

/// One series written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WrittenSeries {
    pub description: String,
    pub provenance: String,
    pub points: usize,
    pub first: String,
    pub last: String,
}

/// The whole report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub files: Vec<FileStats>,
    pub unusable: Vec<Unusable>,
    pub notes: Vec<String>,
    pub series: Vec<WrittenSeries>,
}

impl Report {
    pub fn rows_read(&self) -> usize {
        self.files.iter().map(|f| f.rows_read).sum()
    }

    pub fn rows_used(&self) -> usize {
        self.files.iter().map(|f| f.rows_used).sum()
    }

    pub fn points(&self) -> usize {
        self.series.iter().map(|s| s.points).sum()
    }

    /// The report as lines of text.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        lines.push(format!(
            "Read {} row{} from {} file{}; used {}.",
            self.rows_read(),
            plural(self.rows_read()),
            self.files.len(),
            plural(self.files.len()),
            self.rows_used()
        ));
        for f in &self.files {
            if let Some(error) = &f.error {
                lines.push(format!("  {}: NOT USED: {error}", f.file));
                continue;
            }
            let ignored: usize = f.ignored.values().sum();
            let name = match &f.sheet {
                Some((sheet, header)) => format!("{} [{sheet}] (header on row {header})", f.file),
                None => f.file.clone(),
            };
            lines.push(format!(
                "  {}: {} row{} read, {} used, {} outside this import",
                name,
                f.rows_read,
                plural(f.rows_read),
                f.rows_used,
                ignored
            ));
            for (reason, n) in &f.ignored {
                lines.push(format!("      {reason}: {n}"));
            }
        }
        if !self.unusable.is_empty() {
            lines.push(format!("Could not use ({}):", self.unusable.len()));
            for u in &self.unusable {
                let place = match u.file.as_str() {
                    "" => String::new(),
                    file => format!("{}: ", place(file, u.sheet.as_deref(), u.line)),
                };
                lines.push(format!("  {place}{}", u.reason));
            }
        }
        if !self.notes.is_empty() {
            lines.push("Notes:".to_string());
            for note in &self.notes {
                lines.push(format!("  {note}"));
            }
        }
        if !self.series.is_empty() {
            lines.push(format!(
                "Series ({}, {} point{}):",
                self.series.len(),
                self.points(),
                plural(self.points())
            ));
            for s in &self.series {
                let span = if s.first == s.last {
                    s.first.clone()
                } else {
                    format!("{} to {}", s.first, s.last)
                };
                lines.push(format!(
                    "  {}: {} point{}, {span} [{}]",
                    s.description,
                    s.points,
                    plural(s.points),
                    s.provenance
                ));
            }
        }
        lines
    }
}

/// Where something is, in the report: `a.csv:5` (file and line),
/// `a.xlsx [Sheet1] row 5` (file, sheet and row), or the file alone.
pub(crate) fn place(file: &str, sheet: Option<&str>, line: Option<u64>) -> String {
    match (sheet, line) {
        (Some(sheet), Some(line)) => format!("{file} [{sheet}] row {line}"),
        (Some(sheet), None) => format!("{file} [{sheet}]"),
        (None, Some(line)) => format!("{file}:{line}"),
        (None, None) => file.to_string(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
