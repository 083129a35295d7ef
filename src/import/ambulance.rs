//! Ambulance Quality Indicators, AmbSYS CSV: `Year`, `Month`, `Region`,
//! `Org Code`, `Org Name`, then the indicators `A0`..`A122` ('.' where not
//! applicable).
//!
//! The columns used, checked month by month against NHS England's key
//! response times for EMAS (RX9), August 2017 to January 2021, all 42 months
//! identical (tests/import.rs):
//!
//! | category | incidents | total response time (s) | mean (s) | 90th centile (s) |
//! |---|---|---|---|---|
//! | 1 | A8 | A24 | A25 | A26 |
//! | 2 | A10 | A30 | A31 | A32 |
//!
//! (A9 and A27-A29 are category 1T, "category 1 transported": not category 2.)
//! The mean written is total / incidents, with the incidents as its count,
//! so means aggregate correctly; the published rounded mean (A25, A31) is
//! only used to check it.

use super::build::{Ctx, SeriesKey};
use super::table::{both, cell, number, Cell, Table};
use super::{HeaderColumns, Importer};
use crate::model::{Observation, Period};

const ORG: &str = "RX9";

const EMAS_NOTE: &str = "East Midlands Ambulance Service figures: they cover the whole East Midlands (about 4.8 million people), not Leicester, Leicestershire and Rutland alone.";

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

impl Importer for Ambulance {
    fn header_columns(&self) -> &'static [HeaderColumns] {
        &[HeaderColumns {
            columns: &[&["Year"], &["Month"], &["Org Code"], &["A8"], &["A10"]],
        }]
    }

    fn file(&mut self, table: &Table, ctx: &mut Ctx) {
        let mut c = table.columns();
        let year = c.need("Year");
        let month = c.need("Month");
        let org = c.need("Org Code");
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
            if row.code(org) != ORG {
                ctx.ignore(table, "rows for other organisations, regions and England");
                return;
            }
            let period = match (number(table, row, year), number(table, row, month)) {
                (Ok(y), Ok(m)) if y.fract() == 0.0 && m.fract() == 0.0 => {
                    Period::new(y as i32, m as u32)
                }
                _ => None,
            };
            let Some(period) = period else {
                ctx.unusable(
                    table,
                    row.line,
                    format!(
                        "`Year` \"{}\" and `Month` \"{}\" are not a month",
                        row.text(year),
                        row.text(month)
                    ),
                );
                return;
            };
            let origin = vec![(table.index, row.line)];
            for (cat, &(count_col, total_col, published_col, centile_col)) in
                CATEGORIES.iter().zip(&columns)
            {
                let mean_key = SeriesKey::new(cat.mean, "LLR", Some(ORG));
                let p90_key = SeriesKey::new(cat.p90, "LLR", Some(ORG));
                match both(number(table, row, count_col), number(table, row, total_col)) {
                    Ok((count, total)) if count < 0.0 || total < 0.0 => ctx.unusable(
                        table,
                        row.line,
                        format!(
                            "{} {period} not written: negative figures (`{}` = {count}, `{}` = {total})",
                            cat.mean, cat.count, cat.total
                        ),
                    ),
                    Ok((count, _)) if count <= 0.0 => ctx.unusable(
                        table,
                        row.line,
                        format!(
                            "{} {period} not written: no incidents (`{}` = {count})",
                            cat.mean, cat.count
                        ),
                    ),
                    Ok((count, total)) => {
                        let mean = total / count;
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
                        format!("{} {period} not written: {e}", cat.mean),
                    ),
                }
                match number(table, row, centile_col) {
                    Ok(value) if value < 0.0 => ctx.unusable(
                        table,
                        row.line,
                        format!(
                            "{} {period} not written: a negative time ({value})",
                            cat.p90
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
                        format!("{} {period} not written: {e}", cat.p90),
                    ),
                }
            }
        });
    }

    fn finish(self: Box<Self>, ctx: &mut Ctx) {
        for cat in &CATEGORIES {
            for metric in [cat.mean, cat.p90] {
                ctx.series_note(&SeriesKey::new(metric, "LLR", Some(ORG)), EMAS_NOTE);
            }
        }
    }
}
