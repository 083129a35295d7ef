//! Spreadsheet inputs (.xlsx, .xlsm, .xlsb, .xls, .ods), read with calamine.
//! Native only: the web app never opens one, so calamine stays out of the
//! wasm build.
//!
//! A worksheet becomes a [`Sheet`]: its header row and the rows below it as
//! [`Value`]s, which [`super::table::Table`] reads like CSV rows, so every
//! importer works unchanged on either form. Which sheet, and which row is
//! the header: NHS England tables have title rows and notes above the
//! header, so the first rows of each sheet are searched for a row with the
//! columns the import needs (or the sheet is named with `--sheet`).

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};
use chrono::{Datelike, NaiveDate};

use super::table::{clip, normalise, parse_period};
use super::{HeaderColumns, OLE_MAGIC as OLE, ZIP_MAGIC as ZIP};
use crate::model::Period;

/// How many rows at the top of a sheet (blank rows not counted) are
/// searched for the header row.
pub(crate) const HEADER_SEARCH_ROWS: usize = 20;

/// A cell as the importers see it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Empty,
    Text(String),
    /// A number as Excel shows it at full precision (15 significant digits).
    Number(f64),
    /// A cell formatted as a date (the time of day is dropped).
    Date(NaiveDate),
    /// An error cell: `#N/A`, `#DIV/0!`, ...
    Error(String),
}

impl Value {
    /// The cell as a CSV export would hold it: integers without a decimal
    /// point, other numbers in the shortest form that reads back exactly,
    /// dates as `YYYY-MM-DD`.
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(text) | Value::Error(text) => text.clone(),
            Value::Number(n) => format!("{n}"),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

/// One worksheet from its header row down.
#[derive(Debug, Clone)]
pub(crate) struct Sheet {
    pub name: String,
    /// The header row's cells as text.
    pub header: Vec<String>,
    /// The header's row number in the sheet (the first row is 1).
    pub header_row: u64,
    /// The rows below the header, each with its row number.
    pub rows: Vec<(u64, Vec<Value>)>,
    /// Whether the workbook counts dates from 1904 (old Mac Excel files):
    /// plain numbers in a period column are serial dates on that basis.
    pub epoch_1904: bool,
}

/// Whether a row is a header with the columns of one of the layouts: `Ok`,
/// or the columns it lacks of the layout it comes closest to.
fn fits(layouts: &[HeaderColumns], row: &[String]) -> Result<(), Vec<String>> {
    let have: Vec<String> = row.iter().map(|h| normalise(h)).collect();
    let mut closest: Option<Vec<String>> = None;
    for layout in layouts {
        let missing: Vec<String> = layout
            .columns
            .iter()
            .filter(|names| !names.iter().any(|n| have.contains(&normalise(n))))
            .map(|names| names.join("` or `"))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        if closest.as_ref().is_none_or(|c| missing.len() < c.len()) {
            closest = Some(missing);
        }
    }
    Err(closest.unwrap_or_default())
}

/// Opens a workbook and finds the sheet to read: the one named `wanted`,
/// otherwise the first with a header row (searched for in its first rows)
/// that has the columns of one of the `layouts`. Every failure is one
/// message with the reason (a file that cannot be opened is named in it;
/// the report names the file of the others).
pub(crate) fn read(
    name: &str,
    bytes: Vec<u8>,
    wanted: Option<&str>,
    layouts: &[HeaderColumns],
) -> Result<Sheet, String> {
    let mut book = open(name, bytes)?;
    let epoch_1904 = match &book {
        Sheets::Xlsx(b) => b.has_1904_epoch(),
        Sheets::Xls(b) => b.has_1904_epoch(),
        Sheets::Xlsb(b) => b.has_1904_epoch(),
        Sheets::Ods(_) => false,
    };
    let names = book.sheet_names();
    let listed = names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let candidates: Vec<&String> = match wanted {
        Some(wanted) => {
            let found = names.iter().find(|n| *n == wanted).or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            });
            match found {
                Some(n) => vec![n],
                None => {
                    return Err(format!(
                        "no sheet named \"{wanted}\" (its sheets: {listed})"
                    ))
                }
            }
        }
        None => names.iter().collect(),
    };
    let mut reasons = Vec::new();
    for sheet in candidates {
        let range = match book.worksheet_range(sheet) {
            Ok(range) => range,
            Err(e) => {
                reasons.push((sheet, format!("cannot be read: {e}")));
                continue;
            }
        };
        let first_row = range.start().map_or(0, |(row, _)| u64::from(row)) + 1;
        let rows: Vec<(u64, &[Data])> = range
            .rows()
            .enumerate()
            .map(|(i, cells)| (first_row + i as u64, cells))
            .filter(|(_, cells)| !cells.iter().all(is_blank))
            .collect();
        // The closest row so far: (columns it lacks, its row number).
        let mut closest: Option<(Vec<String>, u64)> = None;
        for (at, (row_number, cells)) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
            let header: Vec<String> = cells.iter().map(|c| value(c, epoch_1904).text()).collect();
            match fits(layouts, &header) {
                Ok(()) => {
                    let body = rows[at + 1..]
                        .iter()
                        .map(|(n, cells)| {
                            (*n, cells.iter().map(|c| value(c, epoch_1904)).collect())
                        })
                        .collect();
                    return Ok(Sheet {
                        name: sheet.clone(),
                        header,
                        header_row: *row_number,
                        rows: body,
                        epoch_1904,
                    });
                }
                Err(missing) => {
                    if closest
                        .as_ref()
                        .is_none_or(|(m, _)| missing.len() < m.len())
                    {
                        closest = Some((missing, *row_number));
                    }
                }
            }
        }
        reasons.push((
            sheet,
            match closest {
                None => "empty".to_string(),
                Some((missing, row)) => {
                    let names: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
                    format!("closest: row {row}, which lacks {}", names.join(", "))
                }
            },
        ));
    }
    let needs = format!(
        "header row with the columns this import needs in its first {HEADER_SEARCH_ROWS} rows"
    );
    Err(match reasons.as_slice() {
        [(sheet, why)] if wanted.is_some() => {
            format!("sheet \"{sheet}\" has no {needs} ({why})")
        }
        _ => {
            let each: Vec<String> = reasons
                .iter()
                .map(|(sheet, why)| format!("sheet \"{sheet}\": {why}"))
                .collect();
            format!("no sheet has a {needs} ({})", each.join("; "))
        }
    })
}

/// A whole workbook, for an importer that reads several sheets of one
/// publication (see [`super::Importer::workbook`]) rather than the one
/// sheet [`read`] finds by its header.
pub(crate) struct Workbook {
    book: Sheets<Cursor<Vec<u8>>>,
    /// As in [`Sheet::epoch_1904`].
    pub epoch_1904: bool,
}

impl Workbook {
    /// Opens a workbook; fails with the same reasons as [`read`].
    pub fn open(name: &str, bytes: Vec<u8>) -> Result<Workbook, String> {
        let book = open(name, bytes)?;
        let epoch_1904 = match &book {
            Sheets::Xlsx(b) => b.has_1904_epoch(),
            Sheets::Xls(b) => b.has_1904_epoch(),
            Sheets::Xlsb(b) => b.has_1904_epoch(),
            Sheets::Ods(_) => false,
        };
        Ok(Workbook { book, epoch_1904 })
    }

    /// The sheets' names, in the workbook's order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.book.sheet_names()
    }

    /// The first rows of a sheet (those numbered below `rows`) that are
    /// not blank, as [`Workbook::rows`] gives them but with each cell at
    /// its column's position from column A: enough to tell which table a
    /// sheet holds. An .xlsx sheet is read only that far, so telling a
    /// workbook's tables apart costs little.
    pub fn head(&mut self, sheet: &str, rows: u32) -> Result<Vec<(u64, Vec<Value>)>, String> {
        let Sheets::Xlsx(book) = &mut self.book else {
            let mut all = self.rows(sheet)?;
            all.retain(|(row, _)| *row < u64::from(rows));
            return Ok(all);
        };
        let failed = |e: calamine::XlsxError| format!("sheet \"{sheet}\" cannot be read: {e}");
        let mut reader = book.worksheet_cells_reader(sheet).map_err(failed)?;
        let mut head: std::collections::BTreeMap<u32, Vec<Value>> = Default::default();
        while let Some(cell) = reader.next_cell().map_err(failed)? {
            let (row, column) = cell.get_position();
            if row + 1 >= rows {
                break;
            }
            let data = Data::from(cell.get_value().clone());
            if is_blank(&data) {
                continue;
            }
            let cells = head.entry(row).or_default();
            let column = column as usize;
            if cells.len() <= column {
                cells.resize(column + 1, Value::Empty);
            }
            cells[column] = value(&data, self.epoch_1904);
        }
        Ok(head
            .into_iter()
            .map(|(row, cells)| (u64::from(row) + 1, cells))
            .collect())
    }

    /// A sheet's rows that are not blank, as values, each with its row
    /// number as Excel shows it (the first row is 1).
    pub fn rows(&mut self, sheet: &str) -> Result<Vec<(u64, Vec<Value>)>, String> {
        let range = self
            .book
            .worksheet_range(sheet)
            .map_err(|e| format!("sheet \"{sheet}\" cannot be read: {e}"))?;
        let first_row = range.start().map_or(0, |(row, _)| u64::from(row)) + 1;
        let epoch_1904 = self.epoch_1904;
        Ok(range
            .rows()
            .enumerate()
            .filter(|(_, cells)| !cells.iter().all(is_blank))
            .map(|(i, cells)| {
                (
                    first_row + i as u64,
                    cells.iter().map(|c| value(c, epoch_1904)).collect(),
                )
            })
            .collect())
    }
}

fn extension(name: &str) -> String {
    std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase()
}

/// Opens a workbook, choosing the reader by the file's first bytes, then
/// its extension.
fn open(name: &str, bytes: Vec<u8>) -> Result<Sheets<Cursor<Vec<u8>>>, String> {
    let ext = extension(name);
    let failed =
        |what: &str, e: &dyn std::fmt::Display| format!("{name} cannot be opened as {what}: {e}");
    if bytes.starts_with(&OLE) {
        return open_workbook_from_rs::<Xls<_>, _>(Cursor::new(bytes))
            .map(Sheets::Xls)
            .map_err(|e| failed("an .xls workbook", &e));
    }
    if !bytes.starts_with(&ZIP) {
        let start: String = String::from_utf8_lossy(&bytes[..bytes.len().min(40)])
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        return Err(format!(
            "{name} is not a spreadsheet: it does not start as an .xlsx, .xlsb or .ods (zip) or an .xls file does{}",
            if bytes.is_empty() {
                " (the file is empty)".to_string()
            } else {
                format!(" (it starts \"{}\": a web page or text saved under a spreadsheet name? Download it again)", clip(start.trim()))
            }
        ));
    }
    match ext.as_str() {
        "zip" => Err(format!(
            "{name} is a zip archive: unzip it and give the file inside"
        )),
        "xlsb" => open_workbook_from_rs::<Xlsb<_>, _>(Cursor::new(bytes))
            .map(Sheets::Xlsb)
            .map_err(|e| failed("an .xlsb workbook", &e)),
        "ods" => open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes))
            .map(Sheets::Ods)
            .map_err(|e| failed("an .ods spreadsheet", &e)),
        _ => match open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes.clone())) {
            Ok(book) => Ok(Sheets::Xlsx(book)),
            // A zip under another name: an .ods or .xlsb renamed, or not a
            // spreadsheet at all (then the .xlsx reason is the one to give).
            Err(e) => open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes.clone()))
                .map(Sheets::Ods)
                .or_else(|_| {
                    open_workbook_from_rs::<Xlsb<_>, _>(Cursor::new(bytes)).map(Sheets::Xlsb)
                })
                .map_err(|_| failed("an .xlsx workbook", &e)),
        },
    }
}

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A cell as a [`Value`]: numbers as Excel shows them, date cells as dates.
fn value(cell: &Data, epoch_1904: bool) -> Value {
    match cell {
        Data::Empty => Value::Empty,
        Data::String(s) if s.trim().is_empty() => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(excel_precision(*f)),
        Data::Bool(b) => Value::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(d) if d.is_datetime() => {
            serial_date(d.as_f64(), epoch_1904).map_or(Value::Number(d.as_f64()), Value::Date)
        }
        // A duration: its value in days, as Excel holds it.
        Data::DateTime(d) => Value::Number(excel_precision(d.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
    }
}

/// A number cut to the 15 significant digits Excel keeps and shows. A file
/// can hold binary noise beyond them (a formula's 0.30000000000000004);
/// a value typed in, such as 4500.25, reads back exactly.
pub(crate) fn excel_precision(n: f64) -> f64 {
    if !n.is_finite() || n.fract() == 0.0 {
        return n;
    }
    format!("{n:.14e}").parse().unwrap_or(n)
}

/// The date of an Excel serial number (days since the workbook's epoch;
/// a fraction is the time of day).
fn serial_date(serial: f64, epoch_1904: bool) -> Option<NaiveDate> {
    // (NaN and the infinities are outside the range too)
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as u64;
    let epoch = if epoch_1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else if days > 60 {
        // Excel counts a 29 February 1900 that never was: from March 1900
        // on, day 0 is 30 December 1899.
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    };
    epoch.checked_add_days(chrono::Days::new(days))
}

/// The month a period cell names: a date cell; text in any of the forms
/// CSV files use; or a plain number, read as an Excel serial date (a date
/// cell that lost its format), but only from 1950 to 2099, so that a year
/// or a count is never taken for a date.
pub(crate) fn period(cell: &Value, epoch_1904: bool) -> Option<Period> {
    let date = match cell {
        Value::Date(d) => *d,
        Value::Number(n) => {
            serial_date(*n, epoch_1904).filter(|d| (1950..2100).contains(&d.year()))?
        }
        Value::Text(text) => return parse_period(text),
        Value::Empty | Value::Error(_) => return None,
    };
    Period::new(date.year(), date.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_come_through_as_excel_shows_them() {
        assert_eq!(excel_precision(4500.25), 4500.25);
        assert_eq!(excel_precision(0.1 + 0.2), 0.3);
        assert_eq!(excel_precision(4500.250000000001), 4500.25);
        assert_eq!(excel_precision(1.0000000000000002), 1.0);
        assert_eq!(excel_precision(2043438.0 / 4260.0), 479.680281690141);
        assert_eq!(Value::Number(22235.0).text(), "22235");
        assert_eq!(Value::Number(12000.5).text(), "12000.5");
        assert_eq!(value(&Data::Float(0.5), false), Value::Number(0.5));
        assert_eq!(value(&Data::Int(-3), false), Value::Number(-3.0));
        assert_eq!(value(&Data::String("  ".into()), false), Value::Empty);
        assert_eq!(
            value(&Data::Error(calamine::CellErrorType::NA), false).text(),
            "#N/A"
        );
    }

    #[test]
    fn serial_dates_in_both_epochs() {
        let month = |cell: Value, epoch_1904| period(&cell, epoch_1904).map(|p| p.to_string());
        assert_eq!(
            month(Value::Number(45352.0), false).as_deref(),
            Some("2024-03")
        );
        assert_eq!(
            month(Value::Number(45382.75), false).as_deref(),
            Some("2024-03")
        );
        assert_eq!(
            month(Value::Number(43890.0), true).as_deref(),
            Some("2024-03")
        );
        assert_eq!(
            serial_date(61.0, false),
            NaiveDate::from_ymd_opt(1900, 3, 1)
        );
        assert_eq!(
            serial_date(59.0, false),
            NaiveDate::from_ymd_opt(1900, 2, 28)
        );
        // A year, a count or a YYYYMM number is not a date.
        for n in [2024.0, 202403.0, 5.0, -1.0, f64::NAN] {
            assert_eq!(month(Value::Number(n), false), None, "{n}");
        }
        let date = NaiveDate::from_ymd_opt(2024, 7, 1).unwrap();
        assert_eq!(month(Value::Date(date), false).as_deref(), Some("2024-07"));
        assert_eq!(
            month(Value::Text("MSitAE-JULY-2024".into()), false).as_deref(),
            Some("2024-07")
        );
    }

    #[test]
    fn what_is_not_a_spreadsheet_says_so() {
        let fits: &[HeaderColumns] = &[];
        let e = read("a.xlsx", b"<!DOCTYPE html><html>".to_vec(), None, fits).unwrap_err();
        assert!(e.starts_with("a.xlsx is not a spreadsheet"), "{e}");
        assert!(e.contains("<!DOCTYPE html>"), "{e}");
        let e = read("a.xlsx", b"PK\x03\x04\xff\xfe\x00".to_vec(), None, fits).unwrap_err();
        assert!(
            e.starts_with("a.xlsx cannot be opened as an .xlsx workbook: "),
            "{e}"
        );
        let e = read("rtt.zip", b"PK\x03\x04\xff\xfe\x00".to_vec(), None, fits).unwrap_err();
        assert!(e.contains("unzip it"), "{e}");
        let e = read("a.xls", OLE.to_vec(), None, fits).unwrap_err();
        assert!(
            e.starts_with("a.xls cannot be opened as an .xls workbook: "),
            "{e}"
        );
    }
}
