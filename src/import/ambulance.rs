//! Ambulance Quality Indicators (AmbSYS), in either of the two forms NHS
//! England publishes:
//!
//! - the AmbSYS CSV: one header line, `Year` (calendar year, `2017`),
//!   `Month` (its number, `8`), `Region`, `Org Code` (`Eng` for England,
//!   `Y60` for the Midlands region, `RX9` for EMAS), `Org Name`, then the
//!   indicators `A0`..`A122`;
//! - the time-series workbook ("AmbSYS-Time-Series-until-20250831.xlsx"),
//!   sheet "Raw", as downloaded or exported to CSV: three header rows (a
//!   group such as `C1`, a statistic such as `Mean`, then the codes:
//!   `Concatenated`, `Year`, `Month`, `Reg`, a blank, `Area`, `Trust`,
//!   `A0`, ...). `Year` is the financial year (`2025-26`) and `Month` the
//!   upper-case month name (`APRIL`..`MARCH`: April to December fall in the
//!   first calendar year, January to March in the second); the code is in
//!   `Area` (`ENG`, `Y60`, `RX9`). Far to the right the sheet repeats
//!   `Month` (its number) and `Year` (the calendar year) among its helper
//!   columns: where they are filled they must name the same month, which
//!   checks the financial-year reading row by row. The header is found
//!   below the group rows in the workbook and in its CSV export alike.
//!
//! The columns used are the same in both forms (in the Raw sheet, under the
//! groups `C1` and `C2` and the statistics `Total time`, `Mean`, `90th`),
//! checked month by month against NHS England's key response times for
//! EMAS, August 2017 to January 2021, all 42 months identical
//! (tests/import.rs), and against the workbook for August 2017 to August
//! 2025 (tests/real_ambulance_ae.rs):
//!
//! | category | incidents | total response time (s) | mean (s) | 90th centile (s) |
//! |---|---|---|---|---|
//! | 1 | A8 | A24 | A25 | A26 |
//! | 2 | A10 | A30 | A31 | A32 |
//!
//! (A9 and A27-A29 are category 1T, "category 1 transported": not category 2.)
//! The mean written is total / incidents, with the incidents as its count,
//! so means aggregate correctly; the published mean (A25, A31), rounded to
//! whole seconds, is only used to check it. In the workbook, of 2,840
//! category-months with incidents, total / incidents rounds to the
//! published mean in all but two (East of England, category 2, November and
//! December 2017: 1,467.06 against 1,468 and 1,923.55 against 1,925), and
//! those still round to within 1 s of it, the check's tolerance; for EMAS,
//! England and the Midlands every month rounds exactly.
//!
//! Rows used: EMAS (RX9) at area LLR with the organisation set, and as
//! comparators, published as the file has them, England (E92000001) and
//! the NHS England Midlands region (E40000008), which AmbSYS gives as the
//! sum of EMAS and West Midlands Ambulance Service (RYA).

use super::build::{Ctx, SeriesKey};
use super::table::{both, cell, normalise, number, Cell, Row, Table};
use super::{HeaderColumns, Importer};
use crate::model::{Observation, Period};

const EMAS: &str = "RX9";

const EMAS_NOTE: &str = "East Midlands Ambulance Service figures: they cover the whole East Midlands (about 4.8 million people), not Leicester, Leicestershire and Rutland alone.";

/// A row this import writes: the codes the files give it, and its series.
struct Place {
    codes: &'static [&'static str],
    area: &'static str,
    organisation: Option<&'static str>,
    note: &'static str,
}

const PLACES: [Place; 3] = [
    Place {
        codes: &[EMAS],
        area: "LLR",
        organisation: Some(EMAS),
        note: EMAS_NOTE,
    },
    Place {
        codes: &["ENG", "E92000001"],
        area: "E92000001",
        organisation: None,
        note: "England: every ambulance service in England, as AmbSYS publishes it (its England row).",
    },
    Place {
        codes: &["Y60", "E40000008"],
        area: "E40000008",
        organisation: None,
        note: "NHS England Midlands region (Y60), as AmbSYS publishes it: East Midlands (EMAS) and West Midlands ambulance services together.",
    },
];

struct Category {
    mean: &'static str,
    p90: &'static str,
    count: &'static str,
    total: &'static str,
    published_mean: &'static str,
    centile: &'static str,
}

const CATEGORIES: [Category; 2] = [
    Category {
        mean: "amb_c1_mean",
        p90: "amb_c1_p90",
        count: "A8",
        total: "A24",
        published_mean: "A25",
        centile: "A26",
    },
    Category {
        mean: "amb_c2_mean",
        p90: "amb_c2_p90",
        count: "A10",
        total: "A30",
        published_mean: "A31",
        centile: "A32",
    },
];

pub(crate) struct Ambulance;

/// Every column with this name, in order: the Raw sheet has `Year` and
/// `Month` twice (the second pair among its helper columns), which the
/// shared lookup rightly refuses as ambiguous.
fn all_named(table: &Table, name: &str) -> Vec<usize> {
    let wanted = normalise(name);
    (0..table.headers.len())
        .filter(|&i| normalise(&table.headers[i]) == wanted)
        .collect()
}

/// A month from its name (`AUGUST`, `Aug`, `Sept`) or number (`8`).
fn month_of(text: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
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
    let text = text.trim().to_lowercase();
    if let Ok(n) = text.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    if text.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .position(|name| name.starts_with(&text) || (text == "sept" && *name == "september"))
        .map(|i| i as u32 + 1)
}

/// The month a `Year` and `Month` pair names: a calendar year (`2017`) and
/// a month, or a financial year (`2017-18`, `2017/18`) and a month, April
/// to December in its first year and January to March in its second.
fn period_of(year: &str, month: &str) -> Option<Period> {
    let month = month_of(month)?;
    let year = year.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(year) && year.len() == 4 {
        return Period::new(year.parse().ok()?, month);
    }
    let (first, second) = year.split_once(['-', '/'])?;
    if !(digits(first) && first.len() == 4 && digits(second)) {
        return None;
    }
    let first: i32 = first.parse().ok()?;
    let second: i32 = second.parse().ok()?;
    let follows = match second {
        0..=99 => second == (first + 1) % 100,
        _ => second == first + 1,
    };
    if !follows {
        return None;
    }
    Period::new(if month >= 4 { first } else { first + 1 }, month)
}

impl Ambulance {
    /// The row's month from its first `Year` and `Month` columns, checked
    /// against any further pair the row fills in; or why not.
    fn period(row: &Row, pairs: &[(usize, usize)]) -> Result<Period, String> {
        let Some(&(year, month)) = pairs.first() else {
            return Err("no `Year` and `Month` columns".into());
        };
        let period = period_of(row.text(year), row.text(month)).ok_or_else(|| {
            format!(
                "`Year` \"{}\" and `Month` \"{}\" are not a month",
                row.text(year),
                row.text(month)
            )
        })?;
        for &(y, m) in &pairs[1..] {
            if row.text(y).is_empty() && row.text(m).is_empty() {
                continue;
            }
            if period_of(row.text(y), row.text(m)) != Some(period) {
                return Err(format!(
                    "`Year` \"{}\" and `Month` \"{}\" (columns {} and {}) say {period}, but `Year` \"{}\" and `Month` \"{}\" (columns {} and {}) do not",
                    row.text(year),
                    row.text(month),
                    year + 1,
                    month + 1,
                    row.text(y),
                    row.text(m),
                    y + 1,
                    m + 1,
                ));
            }
        }
        Ok(period)
    }
}

impl Importer for Ambulance {
    fn header_columns(&self) -> &'static [HeaderColumns] {
        &[
            // The AmbSYS CSV.
            HeaderColumns {
                columns: &[&["Year"], &["Month"], &["Org Code"], &["A8"], &["A10"]],
            },
            // The time-series workbook's Raw sheet (its third header row).
            HeaderColumns {
                columns: &[&["Year"], &["Month"], &["Area"], &["A8"], &["A10"]],
            },
        ]
    }

    fn file(&mut self, table: &Table, ctx: &mut Ctx) {
        let mut c = table.columns();
        let years = all_named(table, "Year");
        let months = all_named(table, "Month");
        if years.is_empty() {
            c.need("Year");
        }
        if months.is_empty() {
            c.need("Month");
        }
        let pairs: Vec<(usize, usize)> = years.into_iter().zip(months).collect();
        let org = c.need_any(&["Org Code", "Area"]);
        let columns: Vec<(usize, usize, Option<usize>, usize)> = CATEGORIES
            .iter()
            .map(|cat| {
                (
                    c.need(cat.count),
                    c.need(cat.total),
                    c.optional(&[cat.published_mean]),
                    c.need(cat.centile),
                )
            })
            .collect();
        if !ctx.columns_found(table, c) {
            return;
        }
        ctx.each_row(table, |ctx, row| {
            let code = row.code(org);
            let Some(place) = PLACES.iter().find(|p| p.codes.contains(&code.as_str())) else {
                ctx.ignore(table, "rows for other ambulance services and regions");
                return;
            };
            let period = match Ambulance::period(row, &pairs) {
                Ok(period) => period,
                Err(reason) => {
                    ctx.unusable(table, row.line, reason);
                    return;
                }
            };
            let origin = vec![(table.index, row.line)];
            for (cat, &(count_col, total_col, published_col, centile_col)) in
                CATEGORIES.iter().zip(&columns)
            {
                let mean_key = SeriesKey::new(cat.mean, place.area, place.organisation);
                let p90_key = SeriesKey::new(cat.p90, place.area, place.organisation);
                // (the comparators' messages name their area)
                let what = |metric: &str| match place.organisation {
                    Some(_) => format!("{metric} {period}"),
                    None => format!("{metric} {period} at {}", place.area),
                };
                match both(number(table, row, count_col), number(table, row, total_col)) {
                    Ok((count, total)) if count < 0.0 || total < 0.0 => ctx.unusable(
                        table,
                        row.line,
                        format!(
                            "{} not written: negative figures (`{}` = {count}, `{}` = {total})",
                            what(cat.mean), cat.count, cat.total
                        ),
                    ),
                    Ok((count, _)) if count <= 0.0 => ctx.unusable(
                        table,
                        row.line,
                        format!(
                            "{} not written: no incidents (`{}` = {count})",
                            what(cat.mean),
                            cat.count
                        ),
                    ),
                    Ok((count, total)) => {
                        let mean = total / count;
                        // The published mean is rounded to whole seconds:
                        // more than 1 s between the roundings is a column
                        // out of place, not rounding (see the module doc).
                        if let Cell::Number(published) =
                            cell(row, published_col.unwrap_or(usize::MAX))
                        {
                            if (mean.round() - published).abs() > 1.0 {
                                ctx.note(format!(
                                    "{}: {} works out at {:.0} s ({} / {}) but the file's `{}` says {published} s: check the column layout has not changed",
                                    table.at(row.line), cat.mean, mean, cat.total, cat.count, cat.published_mean
                                ));
                            }
                        }
                        ctx.point(
                            &mean_key,
                            period,
                            Observation::Mean { value: mean, count },
                            origin.clone(),
                        );
                    }
                    Err(e) => ctx.unusable(
                        table,
                        row.line,
                        format!("{} not written: {e}", what(cat.mean)),
                    ),
                }
                match number(table, row, centile_col) {
                    Ok(value) if value < 0.0 => ctx.unusable(
                        table,
                        row.line,
                        format!(
                            "{} not written: a negative time ({value})",
                            what(cat.p90)
                        ),
                    ),
                    Ok(value) => ctx.point(
                        &p90_key,
                        period,
                        Observation::Value { value },
                        origin.clone(),
                    ),
                    Err(e) => ctx.unusable(
                        table,
                        row.line,
                        format!("{} not written: {e}", what(cat.p90)),
                    ),
                }
            }
        });
    }

    fn finish(self: Box<Self>, ctx: &mut Ctx) {
        for place in &PLACES {
            for cat in &CATEGORIES {
                for metric in [cat.mean, cat.p90] {
                    ctx.series_note(
                        &SeriesKey::new(metric, place.area, place.organisation),
                        place.note,
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(year: &str, month: &str) -> Option<String> {
        period_of(year, month).map(|p| p.to_string())
    }

    #[test]
    fn financial_and_calendar_years() {
        assert_eq!(p("2025-26", "APRIL").as_deref(), Some("2025-04"));
        assert_eq!(p("2025-26", "DECEMBER").as_deref(), Some("2025-12"));
        assert_eq!(p("2024-25", "JANUARY").as_deref(), Some("2025-01"));
        assert_eq!(p("2024-25", "MARCH").as_deref(), Some("2025-03"));
        assert_eq!(p("1999-00", "MARCH").as_deref(), Some("2000-03"));
        assert_eq!(p("2024/25", "Feb").as_deref(), Some("2025-02"));
        assert_eq!(p("2017", "8").as_deref(), Some("2017-08"));
        assert_eq!(p("2017", "AUGUST").as_deref(), Some("2017-08"));
        for (year, month) in [
            ("2024-26", "APRIL"),
            ("2024-25", "13"),
            ("2024-25", ""),
            ("", "APRIL"),
            ("24-25", "APRIL"),
            ("2024-25", "MA"),
            ("2024-25", "MARCHING"),
            ("TOTAL", "APRIL"),
        ] {
            assert_eq!(p(year, month), None, "{year} {month}");
        }
    }
}
