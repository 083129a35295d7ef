//! Consultant-led RTT waiting times, the full CSV data file: one row per
//! provider, commissioner, RTT part and treatment function, with the number
//! waiting in each week band (`Gt 00 To 01 Weeks SUM 1` ..
//! `Gt 103 To 104 Weeks SUM 1`, `Gt 104 Weeks SUM 1`), `Total`,
//! `Patients with unknown clock start date` and `Total All`.
//!
//! Only incomplete pathways (`RTT Part Type` Part_2) and only the total
//! treatment function (`Treatment Function Code` C_999) are used: the
//! C_999 row is the sum of the others, so adding them too would count every
//! pathway twice.
//!
//! - rtt_18wk: numerator = bands up to 18 weeks (`Gt 00 To 01` .. `Gt 17 To 18`),
//!   denominator = `Total All` (the whole list, including unknown clock starts,
//!   as the bundled series is);
//! - rtt_52wk: numerator = bands from 52 weeks (`Gt 52 To 53` .. the open
//!   `Gt 104 Weeks`), same denominator.
//!
//! Where the rows go:
//! - provider RWE (all commissioners added up) → area LLR, organisation RWE.
//!   This is the LLR series: the ICB's commissioner view (all providers
//!   treating LLR patients) would be a second series at LLR for the same
//!   months, which the validator rejects as a duplicate, so it is not written;
//! - commissioner 04C (Leicester City, all providers) → place E06000016.
//!   03W and 04V have no place of their own.

use std::collections::BTreeMap;

use std::ops::Range;

use super::build::{num, Ctx, RatioSum, SeriesKey};
use super::table::{normalise, number, sum, Table};
use super::{HeaderColumns, Importer};
use crate::model::Period;

/// A week band from its header: (from, to), `to` is `None` for the open band.
fn band(header: &str) -> Option<(u32, Option<u32>)> {
    let words: Vec<String> = normalise(header).split(' ').map(str::to_string).collect();
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    match w.as_slice() {
        ["gt", from, "to", to, "weeks", "sum", "1"] => {
            Some((from.parse().ok()?, Some(to.parse().ok()?)))
        }
        ["gt", from, "weeks", "sum", "1"] => Some((from.parse().ok()?, None)),
        _ => None,
    }
}

fn band_name(from: u32, to: Option<u32>) -> String {
    match to {
        Some(to) => format!("Gt {from:02} To {to:02} Weeks SUM 1"),
        None => format!("Gt {from:02} Weeks SUM 1"),
    }
}

/// `columns` followed by the one-week band columns for `weeks`, or the
/// names of the missing bands.
fn weekly(
    bands: &BTreeMap<(u32, Option<u32>), usize>,
    weeks: Range<u32>,
    mut columns: Vec<usize>,
) -> Result<Vec<usize>, Vec<String>> {
    let mut missing = Vec::new();
    for week in weeks {
        match bands.get(&(week, Some(week + 1))) {
            Some(&c) => columns.push(c),
            None => missing.push(band_name(week, Some(week + 1))),
        }
    }
    if missing.is_empty() {
        Ok(columns)
    } else {
        Err(missing)
    }
}

/// The band columns for 0-18 weeks, or the names of the missing ones.
fn up_to_18(bands: &BTreeMap<(u32, Option<u32>), usize>) -> Result<Vec<usize>, Vec<String>> {
    weekly(bands, 0..18, Vec::new())
}

/// The band columns from 52 weeks up, or the names of the missing ones.
fn from_52(bands: &BTreeMap<(u32, Option<u32>), usize>) -> Result<Vec<usize>, Vec<String>> {
    let open = bands
        .iter()
        .find(|((from, to), _)| to.is_none() && *from >= 52)
        .map(|((from, _), &c)| (*from, c));
    let Some((last, open_column)) = open else {
        return Err(vec![
            "an open-ended band such as `Gt 104 Weeks SUM 1`".to_string()
        ]);
    };
    weekly(bands, 52..last, vec![open_column])
}

const PROVIDER_NOTE: &str = "University Hospitals of Leicester (provider RWE), incomplete pathways for patients of every commissioner; the waiting list (`Total All`) includes patients with an unknown clock start date.";
const PLACE_NOTE: &str = "Patients of the Leicester City sub-ICB location (04C) waiting at any provider (commissioner-based), incomplete pathways; the waiting list (`Total All`) includes patients with an unknown clock start date.";
const LLR_NOTE: &str = "RTT: the LLR series is UHL's (provider RWE, all commissioners). The ICB's commissioner-based list (all providers) is not written at LLR: two LLR series for the same months would be rejected by the validator as duplicates.";
const SUB_ICB_NOTE: &str = "RTT: sub-ICB locations 03W and 04V cut across Leicestershire and Rutland, so they have no place series; only 04C (Leicester City) does.";

fn provider_key(metric: &str) -> SeriesKey {
    SeriesKey::new(metric, "LLR", Some("RWE"))
}

fn place_key(metric: &str) -> SeriesKey {
    SeriesKey::new(metric, super::LEICESTER_CITY_PLACE, None)
}

pub(crate) struct Rtt;

impl Importer for Rtt {
    fn header_columns(&self) -> &'static [HeaderColumns] {
        &[HeaderColumns {
            columns: &[
                &["Period"],
                &["Provider Org Code"],
                &["Commissioner Org Code"],
                &["RTT Part Type"],
                &["Treatment Function Code"],
            ],
        }]
    }

    fn file(&mut self, table: &Table, ctx: &mut Ctx) {
        let mut c = table.columns();
        let period = c.need("Period");
        let provider = c.need("Provider Org Code");
        let commissioner = c.need("Commissioner Org Code");
        let part = c.need("RTT Part Type");
        let function = c.need("Treatment Function Code");
        let total_all = c.optional(&["Total All"]);
        let total = c.optional(&["Total"]);
        if total_all.is_none() && total.is_none() {
            c.need("Total All");
        }
        if !ctx.columns_found(table, c) {
            return;
        }
        let denominator = match (total_all, total) {
            (Some(c), _) => c,
            (None, Some(c)) => {
                ctx.note(format!(
                    "{}: no `Total All` column: the denominator is `Total` (pathways with a known clock start only)",
                    table.name
                ));
                c
            }
            (None, None) => unreachable!("checked above"),
        };
        let bands: BTreeMap<(u32, Option<u32>), usize> = (0..table.headers.len())
            .filter_map(|i| band(&table.headers[i]).map(|b| (b, i)))
            .collect();
        let mut metrics: Vec<(&str, Vec<usize>)> = Vec::new();
        for (metric, found) in [
            ("rtt_18wk", up_to_18(&bands)),
            ("rtt_52wk", from_52(&bands)),
        ] {
            match found {
                Ok(columns) => metrics.push((metric, columns)),
                Err(missing) => {
                    let names: Vec<String> = missing
                        .iter()
                        .map(|m| match m.starts_with("an ") {
                            true => m.clone(),
                            false => format!("`{m}`"),
                        })
                        .collect();
                    ctx.note(format!(
                        "{}: {metric} cannot be computed from this file, which lacks the week-band column{} {}; no {metric} figures are taken from it (nothing is estimated)",
                        table.name,
                        if names.len() == 1 { "" } else { "s" },
                        names.join(", ")
                    ));
                }
            }
        }
        if metrics.is_empty() {
            ctx.file_error(
                table.index,
                "neither rtt_18wk nor rtt_52wk can be computed: the week-band columns are missing (see the notes)",
            );
            return;
        }
        // Sums for each point within this file.
        let mut sums: BTreeMap<(SeriesKey, Period), RatioSum> = BTreeMap::new();
        ctx.each_row(table, |ctx, row| {
            if !row.text(part).eq_ignore_ascii_case("Part_2") {
                ctx.ignore(
                    table,
                    "rows for other RTT parts (only Part_2, incomplete pathways, is used)",
                );
                return;
            }
            if !row.text(function).eq_ignore_ascii_case("C_999") {
                ctx.ignore(
                    table,
                    "rows for single treatment functions (only the C_999 total is used)",
                );
                return;
            }
            let mut targets = Vec::new();
            if row.code(provider) == "RWE" {
                targets.push(provider_key as fn(&str) -> SeriesKey);
            }
            let sub = super::sub_icb(row.text(commissioner));
            if sub == Some("04C") {
                targets.push(place_key as fn(&str) -> SeriesKey);
            }
            if targets.is_empty() {
                ctx.ignore(
                    table,
                    if sub.is_some() {
                        "rows for sub-ICB 03W or 04V at other providers (no place of their own)"
                    } else {
                        "rows for other providers and commissioners"
                    },
                );
                return;
            }
            let Some(month) = ctx.month(table, row, period, "Period", "month") else {
                return;
            };
            let waiting = number(table, row, denominator);
            for (metric, columns) in &metrics {
                let value = sum(table, row, columns).and_then(|n| waiting.clone().map(|d| (n, d)));
                if let Err(e) = &value {
                    ctx.unusable(table, row.line, format!("{metric} {month}: {e}"));
                }
                for target in &targets {
                    let acc = sums.entry((target(metric), month)).or_default();
                    acc.origin.push((table.index, row.line));
                    match &value {
                        Ok((n, d)) => {
                            acc.numerator += n;
                            acc.denominator += d;
                        }
                        Err(_) => acc.bad.push(row.line),
                    }
                }
            }
        });
        for ((key, month), acc) in sums {
            let partial = format!(
                "a partial sum would understate the list (the rows that could be used add up to {} / {})",
                num(acc.numerator),
                num(acc.denominator)
            );
            ctx.ratio_sum(table, &key, month, acc, &partial);
        }
    }

    fn finish(self: Box<Self>, ctx: &mut Ctx) {
        for metric in ["rtt_18wk", "rtt_52wk"] {
            ctx.series_note(&provider_key(metric), PROVIDER_NOTE);
            ctx.series_note(&place_key(metric), PLACE_NOTE);
        }
        ctx.note(LLR_NOTE);
        ctx.note(SUB_ICB_NOTE);
    }
}
