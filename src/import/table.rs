//! The one table reader every importer shares, for CSV files and
//! spreadsheet sheets alike: headers are matched by name, ignoring case,
//! surrounding and repeated whitespace and underscores (`Org Code`,
//! `ORG_CODE` and ` org  code ` are the same column), and a file that lacks
//! columns is refused with every missing column named.
//!
//! Cells are read as text and turned into numbers only through [`cell`],
//! which never turns a blank or a suppression mark into a zero; a
//! spreadsheet's number cells are taken as they are, and its date cells
//! are months to [`Row::period`].

#[cfg(not(target_arch = "wasm32"))]
use super::spreadsheet::{self, Sheet, Value};
use super::HeaderColumns;
use crate::model::Period;

/// How many lines at the top of a CSV file (blank lines not counted) are
/// searched for the header when the first line is not it: as in a
/// spreadsheet, NHS England's CSV exports of a sheet can keep the group and
/// title rows above the header (the AmbSYS "Raw" sheet has two).
pub(crate) const CSV_HEADER_SEARCH_LINES: usize = 20;

/// One data row, with where it is: its line in a CSV file (the header is
/// line 1), or its row number in a sheet.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row<'r> {
    pub line: u64,
    fields: Fields<'r>,
}

#[derive(Debug, Clone, Copy)]
enum Fields<'r> {
    Csv(&'r csv::StringRecord),
    /// A sheet row: each cell's value and its text.
    #[cfg(not(target_arch = "wasm32"))]
    Sheet {
        text: &'r [String],
        values: &'r [Value],
        epoch_1904: bool,
    },
}

impl<'r> Row<'r> {
    /// The trimmed text of a column, or `None` when the row is too short to have it.
    pub fn get(&self, column: usize) -> Option<&'r str> {
        match self.fields {
            Fields::Csv(record) => record.get(column),
            #[cfg(not(target_arch = "wasm32"))]
            Fields::Sheet { text, .. } => text.get(column).map(String::as_str),
        }
        .map(str::trim)
    }

    /// The trimmed text of a column; empty when the row is too short.
    pub fn text(&self, column: usize) -> &'r str {
        self.get(column).unwrap_or("")
    }

    /// An organisation or other code: trimmed and upper-cased.
    pub fn code(&self, column: usize) -> String {
        self.text(column).to_uppercase()
    }

    pub fn len(&self) -> usize {
        match self.fields {
            Fields::Csv(record) => record.len(),
            #[cfg(not(target_arch = "wasm32"))]
            Fields::Sheet { text, .. } => text.len(),
        }
    }

    /// The month a period column names: text in the forms of
    /// [`parse_period`], or in a spreadsheet a date cell (or an Excel
    /// serial date), understood the same way.
    pub fn period(&self, column: usize) -> Option<Period> {
        match self.fields {
            Fields::Csv(_) => parse_period(self.text(column)),
            #[cfg(not(target_arch = "wasm32"))]
            Fields::Sheet {
                values, epoch_1904, ..
            } => spreadsheet::period(values.get(column)?, epoch_1904),
        }
    }
}

/// A table: its header, read at once, and its rows, read one at a time (a
/// month's RTT file is about 100 MB: CSV rows are never all held at once).
#[derive(Debug, Clone)]
pub(crate) struct Table<'a> {
    /// Position among the inputs, for tracing points back to rows.
    pub index: usize,
    /// The file name as the analyst gave it.
    pub name: String,
    /// The sheet read, for a spreadsheet.
    pub sheet: Option<String>,
    /// The header's line or row number.
    pub header_row: u64,
    pub headers: Vec<String>,
    normalised: Vec<String>,
    body: Body<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Body<'a> {
    Csv(&'a str),
    #[cfg(not(target_arch = "wasm32"))]
    Sheet(&'a Sheet),
}

/// The CSV reader every file goes through: ragged rows allowed (files end
/// with a totals row or trailing empty columns).
fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// How a header is compared: lower case, underscores as spaces, runs of
/// whitespace as one space, no byte-order mark.
pub(crate) fn normalise(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl<'a> Table<'a> {
    /// Reads the header line. Fails only when there is no usable header.
    pub fn read(index: usize, name: &str, text: &'a str) -> Result<Table<'a>, String> {
        let mut reader = reader(text);
        let headers: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(|s| s.to_string()).collect(),
            Err(e) => return Err(format!("cannot read the header line: {e}")),
        };
        if headers.iter().all(|h| normalise(h).is_empty()) {
            return Err("no header line: the file is empty or its first line is blank".into());
        }
        Ok(Table {
            index,
            name: name.to_string(),
            sheet: None,
            header_row: 1,
            normalised: headers.iter().map(|h| normalise(h)).collect(),
            headers,
            body: Body::Csv(text),
        })
    }

    /// Reads a CSV text whose header may sit below group or title rows:
    /// line 1 when it has the columns of one of the `layouts` (or when no
    /// line does, so that the importer names what line 1 lacks); otherwise
    /// the first of the first [`CSV_HEADER_SEARCH_LINES`] lines that has
    /// them. Rows are still numbered by their line in the file.
    pub fn read_finding(
        index: usize,
        name: &str,
        text: &'a str,
        layouts: &[HeaderColumns],
    ) -> Result<Table<'a>, String> {
        let table = Table::read(index, name, text)?;
        if layouts.is_empty() || has_columns(layouts, &table.headers) {
            return Ok(table);
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        let mut seen = 0;
        while seen < CSV_HEADER_SEARCH_LINES {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) | Err(_) => break,
            }
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            seen += 1;
            let cells: Vec<String> = record.iter().map(str::to_string).collect();
            if seen == 1 || !has_columns(layouts, &cells) {
                continue;
            }
            // The record's position can be the line ending before it (the
            // `\n` of a CRLF): start at the header's first character.
            let mut start = record.position().map_or(0, |p| p.byte() as usize);
            let bytes = text.as_bytes();
            while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
                start += 1;
            }
            let Some(rest) = text.get(start..) else {
                break;
            };
            let line = 1 + bytes[..start].iter().filter(|b| **b == b'\n').count() as u64;
            let mut found = Table::read(index, name, rest)?;
            found.header_row = line;
            return Ok(found);
        }
        Ok(table)
    }

    /// A spreadsheet's sheet, its header row already found.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_sheet(index: usize, name: &str, sheet: &'a Sheet) -> Table<'a> {
        Table {
            index,
            name: name.to_string(),
            sheet: Some(sheet.name.clone()),
            header_row: sheet.header_row,
            normalised: sheet.header.iter().map(|h| normalise(h)).collect(),
            headers: sheet.header.clone(),
            body: Body::Sheet(sheet),
        }
    }

    /// Where a row is, for the report: `a.csv:5`, or `a.xlsx [Sheet1] row 5`.
    pub fn at(&self, line: u64) -> String {
        super::report::place(&self.name, self.sheet.as_deref(), Some(line))
    }

    /// What a position is called: "line" in a CSV file, "row" in a sheet.
    pub fn row_word(&self) -> &'static str {
        row_word(self.sheet.as_deref())
    }

    /// Calls `f` with each data row in order (blank lines skipped), or with
    /// the line and reason for a row the CSV parser cannot read.
    pub fn for_each(&self, f: impl FnMut(Result<Row<'_>, (u64, String)>)) {
        match self.body {
            Body::Csv(text) => csv_rows(text, self.header_row.saturating_sub(1), f),
            #[cfg(not(target_arch = "wasm32"))]
            Body::Sheet(sheet) => {
                let mut f = f;
                // (blank rows were left out when the sheet was read)
                for (line, values) in &sheet.rows {
                    let text: Vec<String> = values.iter().map(Value::text).collect();
                    f(Ok(Row {
                        line: *line,
                        fields: Fields::Sheet {
                            text: &text,
                            values,
                            epoch_1904: sheet.epoch_1904,
                        },
                    }));
                }
            }
        }
    }

    /// Index of the column with this name (any of the alternatives), if present.
    /// A name that occurs twice is an error: which one was meant is unknowable.
    pub fn find(&self, names: &[&str]) -> Result<Option<usize>, String> {
        for name in names {
            let wanted = normalise(name);
            let hits: Vec<usize> = (0..self.normalised.len())
                .filter(|&i| self.normalised[i] == wanted)
                .collect();
            match hits.as_slice() {
                [] => continue,
                [one] => return Ok(Some(*one)),
                [a, b, ..] => {
                    return Err(format!(
                        "column `{name}` appears more than once (columns {} and {})",
                        a + 1,
                        b + 1
                    ))
                }
            }
        }
        Ok(None)
    }

    /// Whether the header has a column of this name.
    pub fn has(&self, name: &str) -> bool {
        matches!(self.find(&[name]), Ok(Some(_)))
    }

    /// Starts collecting the columns an importer needs.
    pub fn columns(&self) -> Columns<'_> {
        Columns {
            table: self,
            missing: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// The header name of a column.
    pub fn header(&self, column: usize) -> &str {
        self.headers.get(column).map_or("?", |h| h.trim())
    }

    /// A short listing of the header, for error messages.
    pub fn header_summary(&self) -> String {
        let shown: Vec<String> = self
            .headers
            .iter()
            .filter(|h| !h.trim().is_empty())
            .take(12)
            .map(|h| format!("`{}`", clip(&h.trim().replace(char::is_control, " "))))
            .collect();
        let total = self.headers.iter().filter(|h| !h.trim().is_empty()).count();
        if total > shown.len() {
            format!("{} and {} more", shown.join(", "), total - shown.len())
        } else {
            shown.join(", ")
        }
    }
}

/// What a position in a file is called: "line" in a CSV file, "row" in a sheet.
pub(crate) fn row_word(sheet: Option<&str>) -> &'static str {
    if sheet.is_some() {
        "row"
    } else {
        "line"
    }
}

/// Whether a header has the columns of one of the layouts.
pub(crate) fn has_columns(layouts: &[HeaderColumns], header: &[String]) -> bool {
    let have: Vec<String> = header.iter().map(|h| normalise(h)).collect();
    layouts.iter().any(|layout| {
        layout
            .columns
            .iter()
            .all(|names| names.iter().any(|n| have.contains(&normalise(n))))
    })
}

/// Calls `f` with each data row of a CSV text (blank lines skipped), or
/// with the line and reason for a row the CSV parser cannot read. `text`
/// starts at the header, which is line `above + 1` of the file.
fn csv_rows(text: &str, above: u64, mut f: impl FnMut(Result<Row<'_>, (u64, String)>)) {
    let bytes = text.as_bytes();
    // Lines from byte offsets: the csv crate's own line count is one
    // short after a CRLF header. Offsets only grow, so one pass suffices.
    let mut at_line = 1 + above;
    let mut scanned = 0usize;
    let mut line_at = |byte: u64| {
        // A record's position can be the line ending before it (the
        // `\n` of a CRLF) or blank lines it skipped: step over them.
        let mut at = (byte as usize).max(scanned);
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        at_line += bytes[scanned..at.min(bytes.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        scanned = at.min(bytes.len());
        at_line
    };
    let mut reader = reader(text);
    let _ = reader.headers();
    let mut record = csv::StringRecord::new();
    let mut broken = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| line_at(p.byte()));
                if record.iter().all(|f| f.trim().is_empty()) {
                    continue; // blank lines carry nothing
                }
                f(Ok(Row {
                    line,
                    fields: Fields::Csv(&record),
                }));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                f(Err((line, format!("not readable as CSV: {e}"))));
                broken += 1;
                if broken > 50 {
                    break; // not a CSV file: enough said
                }
            }
        }
    }
}

/// Collects required and optional columns, then reports every missing one at once.
pub(crate) struct Columns<'a> {
    table: &'a Table<'a>,
    missing: Vec<String>,
    errors: Vec<String>,
}

impl Columns<'_> {
    /// A required column (first name is the one the report gives).
    pub fn need(&mut self, name: &str) -> usize {
        self.need_any(&[name])
    }

    /// A required column that has had more than one name.
    pub fn need_any(&mut self, names: &[&str]) -> usize {
        match self.table.find(names) {
            Ok(Some(i)) => i,
            Ok(None) => {
                self.missing.push(names.join("` or `"));
                usize::MAX
            }
            Err(e) => {
                self.errors.push(e);
                usize::MAX
            }
        }
    }

    /// A column that may be absent.
    pub fn optional(&mut self, names: &[&str]) -> Option<usize> {
        match self.table.find(names) {
            Ok(found) => found,
            Err(e) => {
                self.errors.push(e);
                None
            }
        }
    }

    /// Ok when every required column was found; otherwise one message naming them all.
    pub fn finish(self) -> Result<(), String> {
        let mut parts = self.errors;
        if !self.missing.is_empty() {
            let names: Vec<String> = self.missing.iter().map(|m| format!("`{m}`")).collect();
            parts.push(format!(
                "missing column{} {} (the header has: {})",
                if names.len() == 1 { "" } else { "s" },
                names.join(", "),
                self.table.header_summary()
            ));
        }
        if parts.is_empty() {
            Ok(())
        } else {
            Err(parts.join("; "))
        }
    }
}

/// A cell read as a number, or why it is not one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell<'a> {
    Number(f64),
    /// Empty, or the row stops before this column.
    Blank,
    /// A suppression or not-applicable mark: `*`, `-`, `.`, `~`, `:`, `c`, `x`, `..`, `z`.
    Suppressed(&'a str),
    /// Anything else that is not a number.
    Bad(&'a str),
}

/// Reads a cell as a number. Thousands separators are allowed (`1,234`);
/// blanks and suppression marks are never zeros.
pub(crate) fn cell<'r>(row: &Row<'r>, column: usize) -> Cell<'r> {
    let Some(raw) = row.get(column) else {
        return Cell::Blank;
    };
    // A spreadsheet's number cells are numbers already; its date and error
    // cells are not numbers at all. Text cells are read as in a CSV file.
    #[cfg(not(target_arch = "wasm32"))]
    if let Fields::Sheet { values, .. } = row.fields {
        match values.get(column) {
            Some(Value::Number(n)) => return Cell::Number(*n),
            Some(Value::Date(_) | Value::Error(_)) => return Cell::Bad(raw),
            _ => {}
        }
    }
    if raw.is_empty() {
        return Cell::Blank;
    }
    if matches!(
        raw.to_lowercase().as_str(),
        "*" | "-" | "." | "~" | ":" | "c" | "x" | ".." | "z" | "n/a" | "na"
    ) {
        return Cell::Suppressed(raw);
    }
    match raw.replace(',', "").parse::<f64>() {
        Ok(n) if n.is_finite() => Cell::Number(n),
        _ => Cell::Bad(raw),
    }
}

/// A cell that must be a number, or a reason naming the column.
pub(crate) fn number(table: &Table, row: &Row, column: usize) -> Result<f64, String> {
    let name = table.header(column);
    match cell(row, column) {
        Cell::Number(n) => Ok(n),
        Cell::Blank if row.get(column).is_none() => Err(format!(
            "`{name}` is missing: the row has {} fields, the header {}",
            row.len(),
            table.headers.len()
        )),
        Cell::Blank => Err(format!("`{name}` is blank (not counted as 0)")),
        Cell::Suppressed(mark) => Err(format!(
            "`{name}` is \"{mark}\" (suppressed or not applicable; not counted as 0)"
        )),
        Cell::Bad(text) => Err(format!("`{name}` is not a number: \"{}\"", clip(text))),
    }
}

/// Sums several columns; every cell that is not a number is named.
pub(crate) fn sum(table: &Table, row: &Row, columns: &[usize]) -> Result<f64, String> {
    let mut total = 0.0;
    let mut problems = Vec::new();
    for &c in columns {
        match number(table, row, c) {
            Ok(n) => total += n,
            Err(e) => problems.push(e),
        }
    }
    if problems.is_empty() {
        Ok(total)
    } else {
        Err(join_limited(&problems, 4))
    }
}

/// Two numbers that are only of use together: both, or every reason one is missing.
pub(crate) fn both(a: Result<f64, String>, b: Result<f64, String>) -> Result<(f64, f64), String> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (a, b) => Err([a.err(), b.err()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("; ")),
    }
}

/// Joins reasons, keeping the message short when there are many.
pub(crate) fn join_limited(items: &[String], limit: usize) -> String {
    if items.len() <= limit {
        items.join("; ")
    } else {
        format!(
            "{}; and {} more",
            items[..limit].join("; "),
            items.len() - limit
        )
    }
}

/// Text cut to a length that fits in a report line.
pub(crate) fn clip(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let position = MONTHS.iter().position(|m| word.starts_with(m))?;
    // "sept" is common; otherwise the word must be a prefix of the month's name
    (full[position].starts_with(&word) || word == "sept").then_some(position as u32 + 1)
}

/// The month a period label names. Understands the forms NHS England files
/// use: `2025-04`, `2025-04-01` (with or without a time), `01/04/2025`
/// (day first), `APR-2022`, `April 2025`, `Apr-25`, `MSitAE-APRIL-2025`,
/// `RTT-June-2024`.
pub(crate) fn parse_period(text: &str) -> Option<Period> {
    let text = text.trim();
    let bytes = text.as_bytes();
    // ISO: YYYY-MM, optionally followed by -DD and anything else
    if bytes.len() >= 7
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[5..7].iter().all(u8::is_ascii_digit)
        && (bytes.len() == 7 || !bytes[7].is_ascii_digit())
    {
        return Period::new(text[..4].parse().ok()?, text[5..7].parse().ok()?);
    }
    // Day first: DD/MM/YYYY (or D/M/YYYY), optionally with a time
    let date = text.split_whitespace().next().unwrap_or("");
    let parts: Vec<&str> = date.split('/').collect();
    if parts.len() == 3 && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        let month: u32 = parts[1].parse().ok()?;
        let year: i32 = parts[2].parse().ok()?;
        let day: u32 = parts[0].parse().ok()?;
        if parts[2].len() != 4 || !(1..=31).contains(&day) {
            return None;
        }
        return Period::new(year, month);
    }
    // A month name and a year anywhere among the words
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let months: Vec<u32> = words.iter().filter_map(|w| month_number(w)).collect();
    let years: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.bytes().all(|b| b.is_ascii_digit()) && w.len() == 4)
        .collect();
    let month = match months.as_slice() {
        [m] => *m,
        _ => return None,
    };
    let year: i32 = match years.as_slice() {
        [y] => y.parse().ok()?,
        [] => {
            // "Apr-25": a two-digit year straight after the month
            let short: Vec<&str> = words
                .iter()
                .copied()
                .filter(|w| w.len() == 2 && w.bytes().all(|b| b.is_ascii_digit()))
                .collect();
            match short.as_slice() {
                [y] => 2000 + y.parse::<i32>().ok()?,
                _ => return None,
            }
        }
        _ => return None,
    };
    Period::new(year, month)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Option<String> {
        parse_period(text).map(|p| p.to_string())
    }

    #[test]
    fn periods_in_the_forms_nhs_files_use() {
        assert_eq!(p("MSitAE-APRIL-2025").as_deref(), Some("2025-04"));
        assert_eq!(p("RTT-June-2024").as_deref(), Some("2024-06"));
        assert_eq!(p("APR-2022").as_deref(), Some("2022-04"));
        assert_eq!(p("2022-04-01").as_deref(), Some("2022-04"));
        assert_eq!(p("2022-04-01 00:00:00").as_deref(), Some("2022-04"));
        assert_eq!(p("2022-04").as_deref(), Some("2022-04"));
        assert_eq!(p("01/04/2023").as_deref(), Some("2023-04"));
        assert_eq!(p("April 2023").as_deref(), Some("2023-04"));
        assert_eq!(p("Sept 2023").as_deref(), Some("2023-09"));
        assert_eq!(p("Apr-25").as_deref(), Some("2025-04"));
        for bad in [
            "",
            "Total",
            "2022",
            "13/13/2022",
            "Marching 2022",
            "2022-13",
            "TOTAL",
        ] {
            assert_eq!(p(bad), None, "{bad}");
        }
    }

    #[test]
    fn headers_match_whatever_the_case_and_spacing() {
        let t = Table::read(
            0,
            "t.csv",
            "\u{feff}ORG_CODE , A&E  attendances Type 1\nRWE,5\n",
        )
        .unwrap();
        assert_eq!(t.find(&["Org Code"]).unwrap(), Some(0));
        assert_eq!(t.find(&["a&e attendances type 1"]).unwrap(), Some(1));
        let mut c = t.columns();
        c.need("Org Code");
        c.need("Period");
        c.need("FTE");
        let e = c.finish().unwrap_err();
        assert!(e.contains("missing columns `Period`, `FTE`"), "{e}");
    }

    #[test]
    fn line_numbers_count_the_header_as_line_1_with_any_line_ending() {
        for text in ["a,b\r\n1,2\r\n\r\n3,4\r\n", "a,b\n1,2\n\n3,4\n"] {
            let t = Table::read(0, "t.csv", text).unwrap();
            let mut lines = Vec::new();
            t.for_each(|row| lines.push(row.unwrap().line));
            assert_eq!(lines, [2, 4], "{text:?}");
        }
    }

    #[test]
    fn a_csv_header_below_group_rows_is_found_and_lines_stay_the_files() {
        const LAYOUT: &[HeaderColumns] = &[HeaderColumns {
            columns: &[&["Year"], &["Area"]],
        }];
        for text in [
            ",C1,C1\r\n,Mean,90th\r\n\r\nYear,Area,A25\r\n2025-26,RX9,534\r\n\r\n2024-25,ENG,1\r\n",
            ",C1,C1\n,Mean,90th\n\nYear,Area,A25\n2025-26,RX9,534\n\n2024-25,ENG,1\n",
        ] {
            let t = Table::read_finding(0, "t.csv", text, LAYOUT).unwrap();
            assert_eq!(t.header_row, 4, "{text:?}");
            assert_eq!(t.find(&["A25"]).unwrap(), Some(2));
            let mut lines = Vec::new();
            t.for_each(|row| lines.push(row.unwrap().line));
            assert_eq!(lines, [5, 7], "{text:?}");
        }
        // No line has the columns: line 1 is the header, so that the
        // importer names what it lacks.
        let t = Table::read_finding(0, "t.csv", "a,b\nYear,Org\n1,2\n", LAYOUT).unwrap();
        assert_eq!(t.header_row, 1);
        assert_eq!(t.headers, ["a", "b"]);
    }

    #[test]
    fn blanks_and_marks_are_not_zeros() {
        let t = Table::read(0, "t.csv", "a,b,c,d,e\n1,,*,.,x1\n").unwrap();
        let mut rows = 0;
        t.for_each(|row| {
            let row = &row.unwrap();
            rows += 1;
            assert_eq!(cell(row, 0), Cell::Number(1.0));
            assert_eq!(cell(row, 1), Cell::Blank);
            assert_eq!(cell(row, 2), Cell::Suppressed("*"));
            assert_eq!(cell(row, 3), Cell::Suppressed("."));
            assert_eq!(cell(row, 4), Cell::Bad("x1"));
            assert_eq!(cell(row, 9), Cell::Blank);
            assert!(number(&t, row, 9)
                .unwrap_err()
                .contains("the row has 5 fields"));
        });
        assert_eq!(rows, 1);
    }
}
