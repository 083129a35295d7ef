//! The "England and Organisation" workbook of NHS Workforce Statistics,
//! read as published: tables 3 and 5 (the layout is described in the
//! module above). Figures are collected from every workbook given and
//! resolved in [`Published::finish`]: one figure per series and month, the
//! newest publication's, with the report saying where workbooks differ.

use std::collections::{BTreeMap, BTreeSet};

use crate::import::build::{num, Ctx, SeriesKey};
use crate::import::report::place;
use crate::import::spreadsheet::{self, Sheet, Value, Workbook, HEADER_SEARCH_ROWS};
use crate::import::table::{cell, clip, join_limited, normalise, number, parse_period, Cell};
use crate::import::table::{Columns, Row, Table};
use crate::model::{Observation, Period};

const METRIC: &str = "wf_staff_fte";
/// The comparators' area codes: England, and NHS England's Midlands region.
const ENGLAND: &str = "E92000001";
const MIDLANDS: &str = "E40000008";
/// The Midlands region's code as the workbook gives it (NHS England's own).
const MIDLANDS_REGION: &str = "Y60";
/// How far down a sheet its title and header are looked for (the header
/// is row 6 of table 3 and row 5 of table 5).
const TITLE_ROWS: u32 = 40;
/// The LLR ICS's code in the `ICS code` column.
const LLR_ICS: &str = crate::import::ICB;

/// The organisations written, with the names the series notes use. The
/// ICB's own staff are included so that the organisations add up to the
/// ICS figure (they do, to the last decimal, from June 2022).
const ORGANISATIONS: [(&str, &str); 3] = [
    ("RWE", "University Hospitals of Leicester (UHL)"),
    ("RT5", "Leicestershire Partnership (LPT)"),
    (LLR_ICS, "the ICB's own staff"),
];

/// NHS England's 13 main staff groups, which add up to an organisation's
/// `Total` (checked on every row of the ten workbooks, August 2024 to May
/// 2025). Each has the names it has been published under, the newest
/// first: the series carries that one, so a renamed group stays one series.
const MAIN_STAFF_GROUPS: [&[&str]; 13] = [
    &["HCHS Doctors"],
    &["Nurses & health visitors"],
    &["Midwives"],
    &["Ambulance staff"],
    &["Scientific, therapeutic & technical staff"],
    &["Support to doctors, nurses & midwives"],
    &["Support to ambulance staff"],
    &["Support to ST&T staff"],
    &["Central functions"],
    &["Hotel, property & estates"],
    &["Senior managers"],
    &["Managers"],
    &[
        "Unknown classification",
        "Other staff or those with unknown classification",
    ],
];

/// The two tables read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tab {
    /// Table 3: FTE by region, ICS, organisation and main staff group, for the workbook's month.
    Three,
    /// Table 5: all-staff FTE by region, ICS and organisation, a column a month.
    Five,
}

impl Tab {
    fn slot(self) -> usize {
        match self {
            Tab::Three => 0,
            Tab::Five => 1,
        }
    }
}

/// Whose figure a row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Organisation(&'static str),
    /// The LLR ICS row.
    System,
    England,
    Midlands,
}

impl Place {
    fn label(self) -> String {
        match self {
            Place::Organisation(code) => code.to_string(),
            Place::System => format!("the LLR ICS ({LLR_ICS})"),
            Place::England => "England".to_string(),
            Place::Midlands => format!("NHS England Midlands ({MIDLANDS_REGION})"),
        }
    }
}

/// What a figure is of: a place's all-staff total, or one main staff group
/// of an organisation (an index into [`MAIN_STAFF_GROUPS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Subject {
    Total(Place),
    Group(&'static str, usize),
}

impl Subject {
    fn place(self) -> Place {
        match self {
            Subject::Total(place) => place,
            Subject::Group(code, _) => Place::Organisation(code),
        }
    }

    fn key(self) -> SeriesKey {
        let organisation =
            |code: &str| SeriesKey::new(METRIC, "LLR", Some(code)).with("organisation", code);
        match self {
            Subject::Total(Place::Organisation(code)) => organisation(code),
            Subject::Group(code, group) => {
                organisation(code).with("staff_group", MAIN_STAFF_GROUPS[group][0])
            }
            Subject::Total(Place::System) => SeriesKey::new(METRIC, "LLR", None),
            Subject::Total(Place::England) => SeriesKey::new(METRIC, ENGLAND, None),
            Subject::Total(Place::Midlands) => SeriesKey::new(METRIC, MIDLANDS, None),
        }
    }

    /// The series note: what the figures are and where they come from.
    fn note(self) -> String {
        let workbook = "NHS Workforce Statistics, \"England and Organisation\" workbook";
        let months = "table 3 for each workbook's own month, the all-staff time series of table 5 for the months before it, and where several workbooks give a month the newest publication's figure";
        match self {
            Subject::Total(Place::Organisation(code)) => {
                let name = ORGANISATIONS
                    .iter()
                    .find(|(c, _)| *c == code)
                    .map_or("", |(_, n)| *n);
                format!(
                    "Staff in post (FTE) of {name} ({code}), as published in the {workbook} ({months}). Months with 0 FTE (before the organisation had staff) are left out."
                )
            }
            Subject::Group(code, group) => {
                let names = MAIN_STAFF_GROUPS[group];
                let also = if names.len() > 1 {
                    format!(
                        " Published as {} in earlier workbooks.",
                        names[1..]
                            .iter()
                            .map(|n| format!("\"{n}\""))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    )
                } else {
                    String::new()
                };
                format!(
                    "Main staff group \"{}\" of {code}, from table 3 of the {workbook} (each workbook's own month only). NHS England's 13 main staff groups add up to the organisation's total.{also}",
                    names[0]
                )
            }
            Subject::Total(Place::System) => format!(
                "The Leicester, Leicestershire and Rutland ICS ({LLR_ICS}) as published in the {workbook} ({months}): staff of every NHS trust and core organisation NHS England places in the ICS, now UHL (RWE), LPT (RT5) and the ICB (QK1), in earlier years also the primary care trusts and clinical commissioning groups since closed. The published figure, not a sum of the organisation series. EMAS (RX9), which covers the whole East Midlands, is not in it."
            ),
            Subject::Total(Place::England) => format!(
                "England: staff in post (FTE) of all NHS trusts and core organisations, as published in the {workbook} ({months}). A comparator."
            ),
            Subject::Total(Place::Midlands) => format!(
                "NHS England Midlands region ({MIDLANDS_REGION}): staff in post (FTE) of its NHS trusts and core organisations, as published in the {workbook} ({months}). A comparator."
            ),
        }
    }
}

/// One figure as a workbook gives it; `None` when the cell could not be
/// used (already reported with its row).
#[derive(Debug, Clone, Copy)]
struct Figure {
    edition: usize,
    tab: Tab,
    row: u64,
    value: Option<f64>,
}

/// One workbook read: its month (from table 3's title) and where its tables are.
#[derive(Debug, Clone)]
struct Edition {
    file: usize,
    name: String,
    month: Period,
    /// The sheets of table 3 and table 5.
    sheets: [String; 2],
}

impl Edition {
    /// Where a figure is: `file [sheet] row N`.
    fn at(&self, figure: &Figure) -> String {
        place(
            &self.name,
            Some(&self.sheets[figure.tab.slot()]),
            Some(figure.row),
        )
    }

    /// "the December 2024 workbook".
    fn label(&self) -> String {
        format!("the {} workbook", self.month.long_label())
    }
}

/// Everything read from the workbooks, resolved at the end.
#[derive(Default)]
pub(super) struct Published {
    editions: Vec<Edition>,
    figures: BTreeMap<(Subject, Period), Vec<Figure>>,
    /// (workbook, table, place) given by two rows of the table: neither is used.
    twice: BTreeSet<(usize, Tab, Place)>,
}

/// The columns that say whose a row is.
struct PlaceColumns {
    region: usize,
    region_name: usize,
    ics: usize,
    organisation: usize,
}

impl PlaceColumns {
    fn need(c: &mut Columns) -> PlaceColumns {
        PlaceColumns {
            region: c.need("NHS England region code"),
            region_name: c.need("NHS England region name"),
            ics: c.need("ICS code"),
            organisation: c.need("Organisation code"),
        }
    }

    /// Whose figures a row holds, or why it is passed over (counted in the report).
    fn place(&self, row: &Row) -> Result<Place, &'static str> {
        let organisation = row.code(self.organisation);
        let ics = row.code(self.ics);
        let region = row.code(self.region);
        if !organisation.is_empty() {
            if organisation == "RX9" {
                return Err("rows for EMAS (RX9), which covers the whole East Midlands");
            }
            return ORGANISATIONS
                .iter()
                .find(|(code, _)| *code == organisation)
                .map(|(code, _)| Place::Organisation(code))
                .ok_or("rows for other organisations");
        }
        if !ics.is_empty() {
            return if ics == LLR_ICS {
                Ok(Place::System)
            } else {
                Err("rows for other ICSs")
            };
        }
        let region_name = normalise(row.text(self.region_name));
        if region == MIDLANDS_REGION {
            Ok(Place::Midlands)
        } else if region.is_empty() && region_name == "england" {
            Ok(Place::England)
        } else if !region_name.is_empty() {
            Err("rows for other NHS England regions")
        } else {
            Err("notes below the table")
        }
    }
}

/// A table's sheet as found: its rows and where its header is.
struct Found {
    sheet: String,
    rows: Vec<(u64, Vec<Value>)>,
    /// Position of the header among `rows` (the rows before it are the title).
    header: usize,
}

impl Found {
    /// The text of the title rows' cells.
    fn title_cells(&self) -> impl Iterator<Item = &str> {
        self.rows[..self.header]
            .iter()
            .flat_map(|(_, cells)| cells.iter())
            .filter_map(|v| match v {
                Value::Text(t) => Some(t.trim()),
                _ => None,
            })
    }

    /// The sheet from its header down, for the table reader.
    fn into_sheet(mut self, epoch_1904: bool) -> (Sheet, Vec<Value>) {
        let body = self.rows.split_off(self.header + 1);
        let (header_row, header) = self.rows.pop().unwrap_or_default();
        let sheet = Sheet {
            name: self.sheet,
            header: header.iter().map(Value::text).collect(),
            header_row,
            rows: body,
            epoch_1904,
        };
        (sheet, header)
    }
}

/// Which table a sheet is, from its title rows, and where its header is:
/// the first row with four or more cells.
fn classify(rows: &[(u64, Vec<Value>)]) -> Option<(Tab, usize)> {
    let header = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|(_, cells)| cells.iter().filter(|c| **c != Value::Empty).count() >= 4)?;
    let title: String = rows[..header]
        .iter()
        .flat_map(|(_, cells)| cells.iter())
        .filter_map(|v| match v {
            Value::Text(t) => Some(t.to_lowercase()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    let fte = title.contains("full time equivalent") && !title.contains("headcount");
    if !fte || !title.contains("organisation") {
        return None;
    }
    if title.contains("main staff group") {
        Some((Tab::Three, header))
    } else if title.contains("timeseries") || title.contains("time series") {
        Some((Tab::Five, header))
    } else {
        None
    }
}

/// A month's cell of table 5 as a number, or what it holds instead.
fn month_cell(row: &Row, column: usize) -> Result<f64, String> {
    match cell(row, column) {
        Cell::Number(n) => Ok(n),
        Cell::Blank => Err("blank".to_string()),
        Cell::Suppressed(mark) => Err(format!("\"{mark}\" (suppressed)")),
        Cell::Bad(text) => Err(format!("\"{}\" (not a number)", clip(text))),
    }
}

/// Whether two published figures differ (beyond floating-point noise).
fn differ(a: f64, b: f64) -> bool {
    (a - b).abs() > 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Months as ranges: "2009-09 to 2022-05, 2023-01".
fn ranges(months: &[Period]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < months.len() {
        let mut j = i;
        while j + 1 < months.len() && months[j + 1] == months[j].add_months(1) {
            j += 1;
        }
        out.push(if i == j {
            months[i].to_string()
        } else {
            format!("{} to {}", months[i], months[j])
        });
        i = j + 1;
    }
    out.join(", ")
}

impl Published {
    /// Reads the workbook if it is the "England and Organisation" one (it
    /// has table 3 or table 5); `false` leaves any other spreadsheet to the
    /// assumed layouts. A workbook that is this publication but cannot be
    /// read as it (a table missing, a column renamed, no month in the
    /// title) is refused whole, with the reason.
    pub(super) fn read(
        &mut self,
        index: usize,
        name: &str,
        bytes: &[u8],
        wanted: Option<&str>,
        ctx: &mut Ctx,
    ) -> bool {
        // A file that does not open is left to the usual reader, which says why.
        let Ok(mut book) = Workbook::open(name, bytes.to_vec()) else {
            return false;
        };
        let names = book.sheet_names();
        let mut found: [Option<Found>; 2] = [None, None];
        for sheet in &names {
            // The title rows say which table a sheet is: only tables 3
            // and 5 are read whole.
            let Ok(head) = book.head(sheet, TITLE_ROWS) else {
                continue;
            };
            if classify(&head).is_none() {
                continue;
            }
            let Ok(rows) = book.rows(sheet) else {
                continue;
            };
            if let Some((tab, header)) = classify(&rows) {
                // (the first sheet of each table, should a workbook have two)
                if found[tab.slot()].is_none() {
                    found[tab.slot()] = Some(Found {
                        sheet: sheet.clone(),
                        rows,
                        header,
                    });
                }
            }
        }
        if found.iter().all(Option::is_none) {
            return false;
        }
        if let Some(sheet) = wanted {
            ctx.note(format!(
                "{name}: --sheet \"{sheet}\" is not used: this is the NHS Workforce Statistics \"England and Organisation\" workbook, and tables 3 and 5 are read from it"
            ));
        }
        let [three, five] = found;
        let has_five = five.is_some();
        let listed = || {
            names
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (Some(three), Some(five)) = (three, five) else {
            let lacks = if has_five {
                "table 3 (staff by NHS England region, ICS, organisation and main staff group - Full Time Equivalent)"
            } else {
                "table 5 (timeseries of total staff by NHS England region, ICS and organisation - Full Time Equivalent)"
            };
            ctx.file_error(
                index,
                format!(
                    "an NHS Workforce Statistics \"England and Organisation\" workbook without {lacks}: no sheet has its title (its sheets: {}). Give the workbook as published",
                    listed()
                ),
            );
            return true;
        };
        // The month: table 3's title cell "December 2024 monthly data".
        let titled: Vec<&str> = three
            .title_cells()
            .filter(|t| t.to_lowercase().contains("monthly data"))
            .collect();
        let months: BTreeSet<Period> = titled.iter().filter_map(|t| parse_period(t)).collect();
        let (month, title) = match (months.iter().next(), months.len()) {
            (Some(month), 1) => (
                *month,
                titled
                    .iter()
                    .find(|t| parse_period(t).is_some())
                    .map_or(String::new(), |t| t.to_string()),
            ),
            _ => {
                let seen: Vec<String> = three
                    .title_cells()
                    .map(|t| format!("\"{}\"", clip(t)))
                    .collect();
                ctx.file_error(
                    index,
                    format!(
                        "table 3 [{}] has no month in its title: expected one cell such as \"December 2024 monthly data\" above the header, found {} (the month is never taken from the file name)",
                        three.sheet,
                        if seen.is_empty() { "no text".to_string() } else { join_limited(&seen, 6) }
                    ),
                );
                return true;
            }
        };
        let (sheet3, _) = three.into_sheet(book.epoch_1904);
        let (sheet5, header5) = five.into_sheet(book.epoch_1904);
        let t3 = Table::from_sheet(index, name, &sheet3);
        let t5 = Table::from_sheet(index, name, &sheet5);
        let mut problems = Vec::new();
        let mut c = t3.columns();
        let places3 = PlaceColumns::need(&mut c);
        let total = c.need("Total");
        let groups: Vec<usize> = MAIN_STAFF_GROUPS
            .iter()
            .map(|names| c.need_any(names))
            .collect();
        if let Err(e) = c.finish() {
            problems.push(format!(
                "table 3 [{}] (header on row {}): {e}",
                sheet3.name, sheet3.header_row
            ));
        }
        let mut c = t5.columns();
        let places5 = PlaceColumns::need(&mut c);
        let columns_ok = c.finish();
        // Table 5's months: its header's date cells (month ends).
        let mut month_columns: Vec<(usize, Period)> = Vec::new();
        let mut twice: Vec<String> = Vec::new();
        for (i, value) in header5.iter().enumerate() {
            if let Some(p) = spreadsheet::period(value, sheet5.epoch_1904) {
                if month_columns.iter().any(|(_, q)| *q == p) {
                    twice.push(p.to_string());
                }
                month_columns.push((i, p));
            }
        }
        let mut five_problems: Vec<String> = columns_ok.err().into_iter().collect();
        if month_columns.is_empty() {
            five_problems.push(
                "no month columns (the header should hold a date for each month)".to_string(),
            );
        }
        if !twice.is_empty() {
            five_problems.push(format!(
                "months with two columns: {}",
                join_limited(&twice, 4)
            ));
        }
        if !five_problems.is_empty() {
            problems.push(format!(
                "table 5 [{}] (header on row {}): {}",
                sheet5.name,
                sheet5.header_row,
                five_problems.join("; ")
            ));
        }
        if !problems.is_empty() {
            ctx.file_error(
                index,
                format!(
                    "not the NHS Workforce Statistics \"England and Organisation\" layout this import knows: {}",
                    problems.join("; ")
                ),
            );
            return true;
        }
        ctx.opened(&t3);
        let edition = self.editions.len();
        self.editions.push(Edition {
            file: index,
            name: name.to_string(),
            month,
            sheets: [sheet3.name.clone(), sheet5.name.clone()],
        });
        self.table3(&t3, &places3, total, &groups, edition, month, ctx);
        self.table5(&t5, &places5, &month_columns, edition, ctx);
        let first = month_columns.iter().map(|(_, p)| *p).min();
        let last = month_columns.iter().map(|(_, p)| *p).max();
        let span = match (first, last) {
            (Some(a), Some(b)) => format!("{a} to {b}"),
            _ => String::new(),
        };
        ctx.note(format!(
            "{name}: the NHS Workforce Statistics \"England and Organisation\" workbook for {} (table 3's title: \"{title}\"); read table 3 [{}] (header on row {}) for {month} and table 5 [{}] (header on row {}) for {span}",
            month.long_label(),
            sheet3.name,
            sheet3.header_row,
            sheet5.name,
            sheet5.header_row
        ));
        if last != Some(month) {
            ctx.note(format!(
                "{name}: table 5 ends at {}, but table 3 is for {month}",
                last.map_or("?".to_string(), |l| l.to_string())
            ));
        }
        true
    }

    /// Table 3: each place's `Total`, and each organisation's main staff
    /// groups, for the workbook's month.
    #[allow(clippy::too_many_arguments)]
    fn table3(
        &mut self,
        table: &Table,
        places: &PlaceColumns,
        total: usize,
        groups: &[usize],
        edition: usize,
        month: Period,
        ctx: &mut Ctx,
    ) {
        let figures = &mut self.figures;
        let twice = &mut self.twice;
        let mut seen: BTreeMap<Place, u64> = BTreeMap::new();
        ctx.each_row(table, |ctx, row| {
            let place = match places.place(row) {
                Ok(place) => place,
                Err(reason) => {
                    ctx.ignore(table, reason);
                    return;
                }
            };
            if let Some(first) = seen.get(&place) {
                ctx.unusable(
                    table,
                    row.line,
                    format!(
                        "{} appears again (first at row {first}): neither row is used",
                        place.label()
                    ),
                );
                twice.insert((edition, Tab::Three, place));
                return;
            }
            seen.insert(place, row.line);
            let mut add = |subject: Subject, value: Option<f64>| {
                figures.entry((subject, month)).or_default().push(Figure {
                    edition,
                    tab: Tab::Three,
                    row: row.line,
                    value,
                });
            };
            let all = number(table, row, total);
            if let Err(e) = &all {
                ctx.unusable(table, row.line, format!("{} {month}: {e}", place.label()));
            }
            add(Subject::Total(place), all.as_ref().ok().copied());
            let Place::Organisation(code) = place else {
                return;
            };
            let values: Vec<Result<f64, String>> =
                groups.iter().map(|&g| number(table, row, g)).collect();
            let bad: Vec<String> = values.iter().filter_map(|v| v.clone().err()).collect();
            if !bad.is_empty() {
                ctx.unusable(
                    table,
                    row.line,
                    format!("{code} {month} staff groups: {}", join_limited(&bad, 4)),
                );
            } else if let Ok(all) = all {
                // The groups must add up to the total: if not, the layout
                // has a staff group this import does not know.
                let sum: f64 = values.iter().flatten().sum();
                // (to the validator's tolerance, so that it agrees)
                if (sum - all).abs() > 1e-6 * all.abs().max(1.0) {
                    ctx.unusable(
                        table,
                        row.line,
                        format!(
                            "{code} {month}: the {} main staff groups add up to {} but `Total` is {}: a staff group this import does not know? The staff groups are not written",
                            MAIN_STAFF_GROUPS.len(),
                            num(sum),
                            num(all)
                        ),
                    );
                    return;
                }
            }
            for (group, value) in values.into_iter().enumerate() {
                add(Subject::Group(code, group), value.ok());
            }
        });
    }

    /// Table 5: each place's all-staff figure for every month it holds.
    fn table5(
        &mut self,
        table: &Table,
        places: &PlaceColumns,
        months: &[(usize, Period)],
        edition: usize,
        ctx: &mut Ctx,
    ) {
        let figures = &mut self.figures;
        let twice = &mut self.twice;
        let mut seen: BTreeMap<Place, u64> = BTreeMap::new();
        ctx.each_row(table, |ctx, row| {
            let place = match places.place(row) {
                Ok(place) => place,
                Err(reason) => {
                    ctx.ignore(table, reason);
                    return;
                }
            };
            if let Some(first) = seen.get(&place) {
                ctx.unusable(
                    table,
                    row.line,
                    format!(
                        "{} appears again (first at row {first}): neither row is used",
                        place.label()
                    ),
                );
                twice.insert((edition, Tab::Five, place));
                return;
            }
            seen.insert(place, row.line);
            let mut bad = Vec::new();
            for &(column, month) in months {
                let value = month_cell(row, column);
                if let Err(e) = &value {
                    bad.push(format!("{month} {e}"));
                }
                figures
                    .entry((Subject::Total(place), month))
                    .or_default()
                    .push(Figure {
                        edition,
                        tab: Tab::Five,
                        row: row.line,
                        value: value.ok(),
                    });
            }
            if !bad.is_empty() {
                ctx.unusable(
                    table,
                    row.line,
                    format!(
                        "{}: {} month{} not usable (not counted as 0): {}",
                        place.label(),
                        bad.len(),
                        if bad.len() == 1 { "" } else { "s" },
                        join_limited(&bad, 4)
                    ),
                );
            }
        });
    }

    /// One figure per series and month: each workbook's (table 3's where
    /// it has both), then the newest publication's, reporting every
    /// disagreement and revision on the way.
    pub(super) fn finish(self, ctx: &mut Ctx) {
        let editions = &self.editions;
        if editions.is_empty() {
            return;
        }
        let mut revised: BTreeMap<Subject, Vec<String>> = BTreeMap::new();
        let mut revisions = 0usize;
        let mut shared = 0usize;
        let mut zeros: BTreeMap<&str, Vec<Period>> = BTreeMap::new();
        let mut written: BTreeSet<Subject> = BTreeSet::new();
        for (&(subject, month), figures) in &self.figures {
            let describe = || format!("{} {month}", subject.key().describe());
            // Each workbook's figure: table 3's where it has both.
            let mut by_edition: BTreeMap<usize, Figure> = BTreeMap::new();
            let usable = figures
                .iter()
                .filter(|f| !self.twice.contains(&(f.edition, f.tab, subject.place())));
            for f in usable {
                let Some(other) = by_edition.get(&f.edition).copied() else {
                    by_edition.insert(f.edition, *f);
                    continue;
                };
                let (three, five) = if f.tab == Tab::Three {
                    (*f, other)
                } else {
                    (other, *f)
                };
                let edition = &editions[f.edition];
                if let (Some(a), Some(b)) = (three.value, five.value) {
                    if differ(a, b) {
                        ctx.skipped(
                            &edition.name,
                            format!(
                                "{}: table 3 and table 5 of {} disagree: {} ({}) and {} ({}); table 3's figure is used",
                                describe(),
                                edition.label(),
                                num(a),
                                edition.at(&three),
                                num(b),
                                edition.at(&five)
                            ),
                        );
                    }
                }
                let chosen = if three.value.is_some() || five.value.is_none() {
                    three
                } else {
                    five
                };
                by_edition.insert(f.edition, chosen);
            }
            let Some(newest) = by_edition.values().map(|f| editions[f.edition].month).max() else {
                continue;
            };
            if by_edition.len() > 1 {
                shared += 1;
            }
            let latest: Vec<Figure> = by_edition
                .values()
                .filter(|f| editions[f.edition].month == newest)
                .copied()
                .collect();
            // Two workbooks for the same month must agree: which is the
            // later release cannot be told.
            let conflict = latest.windows(2).any(|w| match (w[0].value, w[1].value) {
                (Some(a), Some(b)) => differ(a, b),
                (a, b) => a.is_some() != b.is_some(),
            });
            if conflict {
                let given: Vec<String> = latest
                    .iter()
                    .map(|f| {
                        format!(
                            "{} ({})",
                            f.value.map_or("no usable figure".to_string(), num),
                            editions[f.edition].at(f)
                        )
                    })
                    .collect();
                ctx.skipped(
                    &editions[latest[0].edition].name,
                    format!(
                        "{} not written: {} workbooks are all for {} and differ: {}. Which is the later release cannot be told from the files: pass only one of them",
                        describe(),
                        latest.len(),
                        newest.long_label(),
                        given.join(", ")
                    ),
                );
                continue;
            }
            let Some(winner) = latest.first().copied() else {
                continue;
            };
            let Some(value) = winner.value else {
                let older = by_edition
                    .values()
                    .filter(|f| f.value.is_some())
                    .max_by_key(|f| editions[f.edition].month);
                if let (Some(older), Some(v)) = (older, older.and_then(|f| f.value)) {
                    let edition = &editions[winner.edition];
                    ctx.skipped(
                        &edition.name,
                        format!(
                            "{} not written: the newest workbook, {}, has no usable figure for it ({}, reported above); {}'s {} is not used in its place",
                            describe(),
                            edition.label(),
                            edition.at(&winner),
                            editions[older.edition].label(),
                            num(v)
                        ),
                    );
                }
                continue;
            };
            for f in by_edition.values() {
                let Some(old) = f.value else { continue };
                if editions[f.edition].month < newest && differ(old, value) {
                    revisions += 1;
                    revised.entry(subject).or_default().push(format!(
                        "{month} {} in {} is {} in {}",
                        num(old),
                        editions[f.edition].label(),
                        num(value),
                        editions[winner.edition].label()
                    ));
                }
            }
            if let Subject::Total(Place::Organisation(code)) = subject {
                if value == 0.0 {
                    zeros.entry(code).or_default().push(month);
                    continue;
                }
            }
            ctx.point(
                &subject.key(),
                month,
                Observation::Value { value },
                vec![(editions[winner.edition].file, winner.row)],
            );
            written.insert(subject);
        }
        for subject in &written {
            ctx.series_note(&subject.key(), subject.note());
        }
        for (code, months) in &zeros {
            ctx.note(format!(
                "{code}: table 5 gives 0 FTE for {} month{} ({}), before the organisation had staff: not written",
                months.len(),
                if months.len() == 1 { "" } else { "s" },
                ranges(months)
            ));
        }
        // Workbooks given twice for one month: say so once.
        let mut by_month: BTreeMap<Period, Vec<&str>> = BTreeMap::new();
        for e in editions {
            by_month.entry(e.month).or_default().push(&e.name);
        }
        for (month, names) in &by_month {
            if names.len() > 1 {
                ctx.note(format!(
                    "{} workbooks are for {}: {}. Where they give the same figure it is used; where they differ, the figure is not written (listed above)",
                    names.len(),
                    month.long_label(),
                    names.join(", ")
                ));
            }
        }
        if editions.len() > 1 {
            let months: Vec<String> = by_month.keys().map(|m| m.long_label()).collect();
            ctx.note(format!(
                "{} workbooks ({}): {shared} figures are given by more than one of them (table 5 repeats the series back to its first month), and the newest publication's is used. {}",
                editions.len(),
                months.join(", "),
                match revisions {
                    0 => "None differs from an older workbook's: no revisions.".to_string(),
                    1 => "1 differs from an older workbook's (a revision, listed below).".to_string(),
                    n => format!("{n} differ from an older workbook's (revisions, listed below)."),
                }
            ));
        }
        for (subject, changes) in &revised {
            ctx.note(format!(
                "revised: {}: {} figure{} changed in a later workbook (the newest is used): {}",
                subject.key().describe(),
                changes.len(),
                if changes.len() == 1 { "" } else { "s" },
                join_limited(changes, 6)
            ));
        }
    }
}
