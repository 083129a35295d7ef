//! Cancer Waiting Times, provider extract (CSV): `PERIOD` ("APR-2022" or a
//! date), `STANDARD`, `ORG CODE`, optionally `CANCER TYPE`, `STAGE/ROUTE`,
//! `TREATMENT MODALITY`, then `TOTAL`, `WITHIN STANDARD`, `BREACHES`.
//!
//! Standards used (numerator `WITHIN STANDARD`, denominator `TOTAL`, added up
//! over the rows of the standard for UHL, RWE: cancer types, routes,
//! modalities):
//!
//! | metric | standard since Oct 2023 | earlier name |
//! |---|---|---|
//! | cancer_fds | 28-day FDS | 28 Days FDS |
//! | cancer_31d | 31-day Combined | 31 Days (first treatments) |
//! | cancer_62d | 62-day Combined | 62 Days (urgent GP referral) |
//!
//! Not used: `... (By Route)` (a second copy of the same total), the earlier
//! `31 Days Sub (...)`, `62 Days (Screening)`, `62 Days (Upgrade)` and
//! `2 Week Wait` rows (not part of the standard of that name, or no metric),
//! and any total row (a dimension reading "ALL ...") when the detail rows it
//! totals are there, so nothing is counted twice.
//! Counts can be halves: a pathway shared by two trusts counts 0.5 at each.

use std::collections::BTreeMap;

use super::build::{num, Ctx, RatioSum, SeriesKey};
use super::table::{both, number, Table};
use super::{HeaderColumns, Importer};
use crate::model::Period;

const ORG: &str = "RWE";

const COMBINED_STARTS: &str = "The combined standard starts here (October 2023 definitions): earlier months are the single-route standard of the same length.";

const NOTES: [(&str, &str); 3] = [
    ("cancer_fds", "University Hospitals of Leicester (RWE), 28-day Faster Diagnosis Standard, all routes and cancer types."),
    ("cancer_31d", "University Hospitals of Leicester (RWE), 31 days from decision to treat: the combined standard (first and subsequent treatments) where the file gives '31-day Combined', first treatments only where it gives the earlier '31 Days'."),
    ("cancer_62d", "University Hospitals of Leicester (RWE), 62 days to first treatment: the combined standard (all routes) where the file gives '62-day Combined', urgent GP referrals only where it gives the earlier '62 Days'."),
];

/// The metric a standard's name maps to, or why its rows are not used.
fn standard(name: &str) -> Result<(&'static str, bool), &'static str> {
    let n = name
        .to_lowercase()
        .replace('-', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if n.contains("(by route)") {
        return Err("rows for a '(By Route)' standard (a second copy of the same total)");
    }
    match n.as_str() {
        "28 day fds" | "28 days fds" | "28 day faster diagnosis standard" => Ok(("cancer_fds", true)),
        "31 day combined" => Ok(("cancer_31d", true)),
        "31 days" | "31 day" => Ok(("cancer_31d", false)),
        "62 day combined" => Ok(("cancer_62d", true)),
        "62 days" | "62 day" => Ok(("cancer_62d", false)),
        _ => Err("rows for other standards (2 week wait, subsequent treatments, screening and upgrade routes before October 2023)"),
    }
}

fn is_total(value: &str) -> bool {
    let v = value.trim().to_lowercase();
    v == "all" || v.starts_with("all ")
}

#[derive(Default)]
pub(crate) struct Cancer {
    /// Per metric, the first month under the earlier and the combined standard names.
    new_standard: BTreeMap<&'static str, (Option<Period>, Option<Period>)>,
}

impl Importer for Cancer {
    fn header_columns(&self) -> &'static [HeaderColumns] {
        &[HeaderColumns {
            columns: &[
                &["PERIOD"],
                &["STANDARD"],
                &["ORG CODE"],
                &["TOTAL"],
                &["WITHIN STANDARD"],
            ],
        }]
    }

    fn file(&mut self, table: &Table, ctx: &mut Ctx) {
        let new_standard = &mut self.new_standard;
        let mut c = table.columns();
        let period = c.need("PERIOD");
        let standard_col = c.need("STANDARD");
        let org = c.need("ORG CODE");
        let total = c.need("TOTAL");
        let within = c.need("WITHIN STANDARD");
        let breaches = c.optional(&["BREACHES"]);
        let dimensions: Vec<usize> = ["CANCER TYPE", "STAGE/ROUTE", "TREATMENT MODALITY"]
            .iter()
            .filter_map(|d| c.optional(&[d]))
            .collect();
        if !ctx.columns_found(table, c) {
            return;
        }
        // (metric, month) -> detail rows, and grand-total rows (every
        // dimension "ALL ..." or blank), summed separately; rows that total
        // one dimension but not another are never needed. Numerator `WITHIN
        // STANDARD`, denominator `TOTAL`.
        let mut details: BTreeMap<(&'static str, Period), RatioSum> = BTreeMap::new();
        let mut totals: BTreeMap<(&'static str, Period), RatioSum> = BTreeMap::new();
        ctx.each_row(table, |ctx, row| {
            if row.code(org) != ORG {
                ctx.ignore(table, "rows for other organisations");
                return;
            }
            let (metric, combined) = match standard(row.text(standard_col)) {
                Ok(m) => m,
                Err(reason) => {
                    ctx.ignore(table, reason);
                    return;
                }
            };
            let Some(month) = ctx.month(table, row, period, "PERIOD", "month") else {
                return;
            };
            let span = new_standard.entry(metric).or_default();
            let slot = if combined { &mut span.1 } else { &mut span.0 };
            *slot = Some(slot.map_or(month, |p: Period| p.min(month)));
            let totalled = dimensions
                .iter()
                .filter(|&&d| is_total(row.text(d)))
                .count();
            let blank = dimensions
                .iter()
                .filter(|&&d| row.text(d).is_empty())
                .count();
            let acc = if totalled == 0 {
                details.entry((metric, month)).or_default()
            } else if totalled + blank == dimensions.len() {
                totals.entry((metric, month)).or_default()
            } else {
                ctx.ignore(table, "part-total rows ('ALL ...' in one dimension only): their detail rows are added up instead");
                return;
            };
            acc.origin.push((table.index, row.line));
            match both(number(table, row, within), number(table, row, total)) {
                Ok((w, t)) => {
                    acc.numerator += w;
                    acc.denominator += t;
                    if let Some(b) = breaches.and_then(|b| number(table, row, b).ok()) {
                        if (w + b - t).abs() > 1e-6 {
                            ctx.note(format!(
                                "{}: within standard {} + breaches {} is not the total {} (the published total and within-standard counts are used as they are)",
                                table.at(row.line), num(w), num(b), num(t)
                            ));
                        }
                    }
                }
                Err(e) => {
                    ctx.unusable(table, row.line, format!("{metric} {month}: {e}"));
                    acc.bad.push(row.line);
                }
            }
        });
        for (slot, acc) in totals {
            let (metric, month) = slot;
            match details.entry(slot) {
                std::collections::btree_map::Entry::Occupied(_) => {
                    for _ in &acc.origin {
                        ctx.ignore(
                            table,
                            "total rows ('ALL ...'): their detail rows are added up instead",
                        );
                    }
                }
                std::collections::btree_map::Entry::Vacant(_) if acc.origin.len() > 1 => {
                    let text = format!(
                        "{metric} {month} not written: {} total rows ('ALL ...') and no detail rows: which total is meant cannot be told ({})",
                        acc.origin.len(),
                        ctx.origin_text(&acc.origin)
                    );
                    ctx.skipped(&table.name, text);
                }
                std::collections::btree_map::Entry::Vacant(place) => {
                    place.insert(acc);
                }
            }
        }
        for ((metric, month), acc) in details {
            let key = SeriesKey::new(metric, "LLR", Some(ORG));
            ctx.ratio_sum(table, &key, month, acc, "a partial sum is not the standard");
        }
    }

    fn finish(self: Box<Self>, ctx: &mut Ctx) {
        for (metric, (old, new)) in self.new_standard {
            let key = SeriesKey::new(metric, "LLR", Some(ORG));
            if let (Some(_), Some(first_new)) = (old, new) {
                if metric != "cancer_fds" {
                    ctx.annotate(&key, first_new, COMBINED_STARTS);
                }
            }
        }
        for (metric, note) in NOTES {
            ctx.series_note(&SeriesKey::new(metric, "LLR", Some(ORG)), note);
        }
    }
}
