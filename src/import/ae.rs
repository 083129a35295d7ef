//! Monthly A&E CSV (MSitAE), one file a month, published as
//! "Monthly-AE-<Month>-<Year>.csv" (or "-revised", or under a name such as
//! "July-2025-CSV-9jfy4.csv": the name is never read). One row per
//! provider: `Period` ("MSitAE-APRIL-2025", where the month comes from),
//! `Org Code`, `Parent Org` (the NHS England region, "NHS ENGLAND
//! MIDLANDS "), `Org name`, then attendances and attendances over four
//! hours by department type, with and without booked appointments. The
//! last row is England's total, spelled `TOTAL` in every column in most
//! files, `Total` in some (July 2024 revised; September 2024, whose
//! `Org Code` is "Total " and whose header ends in six more columns, five
//! blank and one "a"). Other spellings are read too: an `Org Code` of
//! TOTAL, ENGLAND, ENG or E92000001 in any case, or a blank `Org Code`
//! beside such a label in `Period`, `Parent Org` or `Org name`. The total
//! row has no month of its own: it takes the one month of the file's
//! other rows. (Files are read with either line ending: copies of the
//! same month with CRLF and with LF are otherwise byte for byte the same.)
//!
//! ae_4hr (all types including booked appointments): numerator = all
//! attendances - all attendances over 4 hours, denominator = all
//! attendances, for:
//! - UHL (RWE), area LLR (matches the bundled MSitAE series for June 2024 -
//!   June 2025 exactly: see tests/import.rs);
//! - England (E92000001), published: the file's total row (June 2024:
//!   1,711,109 / 2,294,065 = 74.6%; July 2025: 1,839,580 / 2,407,884 =
//!   76.4%);
//! - NHS England Midlands (E40000008), derived: the sum of the rows whose
//!   `Parent Org` is NHS ENGLAND MIDLANDS. NHS England publishes no
//!   regional figure in this file, so it is written only when the file's
//!   provider rows add up to its England total row, column by column:
//!   then no provider is missing from the sum. In all 14 real files, June
//!   2024 - July 2025 (tests/real_ambulance_ae.rs), they do.

use std::collections::{BTreeMap, BTreeSet};

use super::build::{Ctx, RatioSum, SeriesKey};
use super::table::{both, normalise, number, sum, Row, Table};
use super::{HeaderColumns, Importer};
use crate::model::{Observation, Period};

const ORG: &str = "RWE";
const ENGLAND: &str = "E92000001";
const MIDLANDS: &str = "E40000008";

const ATTENDANCES: [&str; 3] = [
    "A&E attendances Type 1",
    "A&E attendances Type 2",
    "A&E attendances Other A&E Department",
];
const OVER_4H: [&str; 3] = [
    "Attendances over 4hrs Type 1",
    "Attendances over 4hrs Type 2",
    "Attendances over 4hrs Other Department",
];
const BOOKED: [&str; 3] = [
    "A&E attendances Booked Appointments Type 1",
    "A&E attendances Booked Appointments Type 2",
    "A&E attendances Booked Appointments Other Department",
];
const BOOKED_OVER_4H: [&str; 3] = [
    "Attendances over 4hrs Booked Appointments Type 1",
    "Attendances over 4hrs Booked Appointments Type 2",
    "Attendances over 4hrs Booked Appointments Other Department",
];

#[derive(Default)]
pub(crate) struct Ae {
    booked_seen: bool,
}

fn key() -> SeriesKey {
    SeriesKey::new("ae_4hr", "LLR", Some(ORG))
}

fn england_key() -> SeriesKey {
    SeriesKey::new("ae_4hr", ENGLAND, None)
}

fn midlands_key() -> SeriesKey {
    SeriesKey::new("ae_4hr", MIDLANDS, None).derived()
}

/// Whether a label names England's total: `TOTAL`, `Total `, `England`, ...
fn is_total_label(text: &str) -> bool {
    matches!(
        normalise(text).as_str(),
        "total" | "england" | "england total" | "total england" | "eng" | "e92000001"
    )
}

/// Whether a `Parent Org` is the NHS England Midlands region (the current
/// region only: the former "NHS ENGLAND MIDLANDS AND EAST" is not it).
fn is_midlands(parent: &str) -> bool {
    matches!(
        normalise(parent).as_str(),
        "nhs england midlands" | "midlands" | "y60" | "e40000008"
    )
}

/// Every column's own sum over a month's provider rows, to check the
/// England total row by; `None` once a cell was not a number.
#[derive(Debug, Default)]
struct ColumnSums {
    sums: Option<Vec<f64>>,
    rows: usize,
}

impl ColumnSums {
    fn add(&mut self, row: &Row, table: &Table, columns: &[usize]) {
        let values: Option<Vec<f64>> = columns
            .iter()
            .map(|&c| number(table, row, c).ok())
            .collect();
        self.sums = match (self.rows, self.sums.take(), values) {
            (0, _, Some(v)) => Some(v),
            (_, Some(s), Some(v)) => Some(s.iter().zip(&v).map(|(a, b)| a + b).collect()),
            _ => None,
        };
        self.rows += 1;
    }
}

/// England's total row, until the file's month is known.
struct TotalRow {
    line: u64,
    own_month: Option<Period>,
    figures: Result<(f64, f64), String>,
    columns: Option<Vec<f64>>,
}

impl Importer for Ae {
    fn header_columns(&self) -> &'static [HeaderColumns] {
        &[HeaderColumns {
            columns: &[&["Period"], &["Org Code"], &[ATTENDANCES[0]], &[OVER_4H[0]]],
        }]
    }

    fn file(&mut self, table: &Table, ctx: &mut Ctx) {
        let mut c = table.columns();
        let period = c.need("Period");
        let org = c.need("Org Code");
        let parent = c.optional(&["Parent Org"]);
        let name = c.optional(&["Org name"]);
        let mut attendances: Vec<usize> = ATTENDANCES.iter().map(|n| c.need(n)).collect();
        let mut over: Vec<usize> = OVER_4H.iter().map(|n| c.need(n)).collect();
        // Booked appointments came in later: all six booked columns, or none.
        let booked_present = BOOKED
            .iter()
            .chain(BOOKED_OVER_4H.iter())
            .filter(|n| table.has(n))
            .count();
        if booked_present > 0 {
            attendances.extend(BOOKED.iter().map(|n| c.need(n)));
            over.extend(BOOKED_OVER_4H.iter().map(|n| c.need(n)));
        }
        if !ctx.columns_found(table, c) {
            return;
        }
        if booked_present == 0 {
            ctx.note(format!(
                "{}: no booked-appointment columns (an older layout): attendances are types 1, 2 and other only",
                table.name
            ));
        } else {
            self.booked_seen = true;
        }
        if parent.is_none() {
            ctx.note(format!(
                "{}: no `Parent Org` column, so no NHS England Midlands figure (it is the sum of the region's providers)",
                table.name
            ));
        }
        // Every column used, for checking the total row against the providers.
        let checked: Vec<usize> = attendances.iter().chain(&over).copied().collect();
        // The labels a total row may carry when its `Org Code` is blank.
        let labels: Vec<usize> = [Some(period), parent, name].into_iter().flatten().collect();
        let key = key();
        let mut totals: Vec<TotalRow> = Vec::new();
        let mut months: BTreeSet<Period> = BTreeSet::new();
        // Rows whose month is unreadable: the checks cannot place them.
        let mut unplaced = 0usize;
        let mut providers: BTreeMap<Period, ColumnSums> = BTreeMap::new();
        let mut midlands: BTreeMap<Period, RatioSum> = BTreeMap::new();
        // UHL's rows, used for its own series whatever becomes of the sum.
        let mut uhl_lines: BTreeSet<u64> = BTreeSet::new();
        ctx.each_row(table, |ctx, row| {
            let code = row.code(org);
            let total = if code.is_empty() {
                labels.iter().any(|&c| is_total_label(row.text(c)))
            } else {
                is_total_label(&code)
            };
            let figures = || both(sum(table, row, &attendances), sum(table, row, &over));
            if total {
                let sums: Option<Vec<f64>> = checked
                    .iter()
                    .map(|&c| number(table, row, c).ok())
                    .collect();
                totals.push(TotalRow {
                    line: row.line,
                    own_month: row.period(period),
                    figures: figures(),
                    columns: sums,
                });
                return;
            }
            let in_midlands = parent.is_some_and(|p| is_midlands(row.text(p)));
            let Some(month) = row.period(period) else {
                if code == ORG || in_midlands {
                    ctx.month(table, row, period, "Period", "month");
                    unplaced += 1;
                } else if checked.iter().any(|&c| number(table, row, c).is_ok()) {
                    // figures that belong to no month: England's total
                    // cannot be checked against the providers
                    ctx.unusable(
                        table,
                        row.line,
                        format!(
                            "`Period` \"{}\" is not a month (row for \"{code}\" not used)",
                            row.text(period)
                        ),
                    );
                    unplaced += 1;
                } else {
                    ctx.ignore(table, "rows with no month and no figures (notes)");
                }
                return;
            };
            months.insert(month);
            providers
                .entry(month)
                .or_default()
                .add(row, table, &checked);
            if in_midlands {
                let entry = midlands.entry(month).or_default();
                entry.origin.push((table.index, row.line));
                match figures() {
                    Ok((all, breached)) => {
                        entry.numerator += all - breached;
                        entry.denominator += all;
                    }
                    Err(e) => {
                        entry.bad.push(row.line);
                        if code != ORG {
                            ctx.unusable(
                                table,
                                row.line,
                                format!("{code} {month} not added to NHS England Midlands: {e}"),
                            );
                        }
                    }
                }
            }
            if code == ORG {
                uhl_lines.insert(row.line);
            } else {
                if !in_midlands {
                    ctx.ignore(
                        table,
                        if code == "RT5" || code == "RX9" || code == super::ICB {
                            "rows for LLR organisations other than UHL (the A&E series is UHL's)"
                        } else {
                            "rows for providers in other regions (used only to check England's total)"
                        },
                    );
                }
                return;
            }
            match figures() {
                Ok((all, breached)) => ctx.point(
                    &key,
                    month,
                    Observation::Ratio {
                        numerator: all - breached,
                        denominator: all,
                    },
                    vec![(table.index, row.line)],
                ),
                Err(e) => ctx.unusable(table, row.line, format!("ae_4hr {month} not written: {e}")),
            }
        });

        // England, from its total row; the Midlands only when the provider
        // rows add up to that total (no provider missing).
        let mut checked_months: BTreeSet<Period> = BTreeSet::new();
        // Months with a total row: any that fails its check says why itself.
        let mut with_total: BTreeSet<Period> = BTreeSet::new();
        for total in totals {
            let only = (months.len() == 1)
                .then(|| months.first().copied())
                .flatten();
            let month = match total.own_month.or(only) {
                Some(month) => month,
                None => {
                    let n = months.len();
                    ctx.unusable(
                        table,
                        total.line,
                        format!(
                            "England's total row has no month of its own, and the file's other rows give {n} months: England not written"
                        ),
                    );
                    continue;
                }
            };
            match total.figures {
                Ok((all, breached)) => ctx.point(
                    &england_key(),
                    month,
                    Observation::Ratio {
                        numerator: all - breached,
                        denominator: all,
                    },
                    vec![(table.index, total.line)],
                ),
                Err(e) => {
                    ctx.unusable(
                        table,
                        total.line,
                        format!("ae_4hr {month} at England not written: {e}"),
                    );
                    continue;
                }
            }
            with_total.insert(month);
            let provided = providers.get(&month).and_then(|p| p.sums.as_ref());
            match (provided, total.columns.as_ref()) {
                (Some(sums), Some(published)) if unplaced == 0 => {
                    let differ: Vec<String> = checked
                        .iter()
                        .zip(sums.iter().zip(published))
                        .filter(|(_, (a, b))| (*a - *b).abs() > 0.5)
                        .map(|(&c, (a, b))| {
                            format!("`{}` {a} against {b}", table.header(c))
                        })
                        .collect();
                    if differ.is_empty() {
                        checked_months.insert(month);
                    } else {
                        ctx.note(format!(
                            "{}: the provider rows do not add up to England's total row ({}{}): the file is not the whole publication, so NHS England Midlands {month} (their sum) is not written",
                            table.at(total.line),
                            differ.iter().take(3).cloned().collect::<Vec<_>>().join(", "),
                            if differ.len() > 3 { ", ..." } else { "" }
                        ));
                    }
                }
                _ => ctx.note(format!(
                    "{}: England's total row could not be checked against the provider rows (a cell that is not a number, or a row with no month), so NHS England Midlands {month} is not written",
                    table.at(total.line)
                )),
            }
        }
        for (month, sum) in midlands {
            if checked_months.contains(&month) {
                ctx.ratio_sum(
                    table,
                    &midlands_key(),
                    month,
                    sum,
                    "a part-sum of the region is not written",
                );
            } else {
                for &(_, line) in &sum.origin {
                    if !sum.bad.contains(&line) && !uhl_lines.contains(&line) {
                        ctx.ignore(
                            table,
                            "rows for Midlands providers whose sum is not written (see the notes)",
                        );
                    }
                }
            }
        }
        let no_total: Vec<String> = months
            .iter()
            .filter(|m| !with_total.contains(m))
            .map(|m| m.to_string())
            .collect();
        if !no_total.is_empty() {
            ctx.note(format!(
                "{}: no England total row for {}: England not written, nor NHS England Midlands (written only once the provider rows are checked against that total)",
                table.name,
                no_total.join(", ")
            ));
        }
    }

    fn finish(self: Box<Self>, ctx: &mut Ctx) {
        let types = if self.booked_seen {
            "all department types including booked appointments"
        } else {
            "all department types"
        };
        let rule =
            "Four-hour performance = (attendances - attendances over 4 hours) / attendances.";
        ctx.series_note(
            &key(),
            format!("University Hospitals of Leicester (RWE), {types}. {rule}"),
        );
        ctx.series_note(
            &england_key(),
            format!("England: the monthly A&E file's England total row, {types}. {rule}"),
        );
        ctx.series_note(
            &midlands_key(),
            format!(
                "NHS England Midlands: the sum of the monthly A&E file's rows whose Parent Org is NHS England Midlands (NHS trusts and the independent and community providers, walk-in centres and urgent treatment centres that report to it), {types}; written only for months whose provider rows add up to the file's England total. {rule}"
            ),
        );
    }
}
