//! Cancer Waiting Times, "CWT CRS Provider Extract", as NHS England
//! publishes it: an .xlsx workbook with one sheet, "CWT CRS Provider
//! Extract", six months a file (e.g. `CWT-CRS-Apr-2024-to-Sep-2024-Data-
//! Extract-Provider-Final.xlsx`), or that sheet saved as CSV. Columns:
//!
//! `PERIOD, YEAR, MONTH, STANDARD, ORG CODE, STAGE/ROUTE, TREATMENT
//! MODALITY, CANCER TYPE, TOTAL TREATED, WITHIN STANDARD, BREACHES`
//!
//! The month is `PERIOD`: a date cell (the first of the month) in the
//! workbook, `YYYY-MM-DD` in a CSV export. Older extracts (2022) call the
//! denominator `TOTAL`, give the period as `APR-2022` and have the older
//! standard names; both are still read.
//!
//! Standards used (numerator `WITHIN STANDARD`, denominator `TOTAL
//! TREATED`; counts can be halves, a pathway shared by two trusts counting
//! 0.5 at each):
//!
//! | metric | standard since Oct 2023 | earlier name |
//! |---|---|---|
//! | cancer_fds | 28-day FDS | 28 Days FDS |
//! | cancer_31d | 31-day Combined | 31 Days (first treatments) |
//! | cancer_62d | 62-day Combined | 62 Days (urgent GP referral) |
//!
//! **Each 31- and 62-day total is published twice.** In the real extracts
//! every 31-day and 62-day row has `ALL ...` in one dimension: rows reading
//! `ALL MODALITIES` cut a route's patients by cancer type, rows reading
//! `ALL CANCERS` cut the same patients by treatment modality. Adding up both
//! counts every patient twice (UHL April 2024, 62-day: 281 of 485.5 either
//! way, 562 of 971 if both are added; the percentage is the same, the
//! counts are not). So the rows of a standard, organisation and month are
//! grouped by which dimensions read `ALL ...`; one group is added up (the
//! one with fewest `ALL ...` dimensions, then the cut by cancer type), and
//! every other group is checked to give the same total (a note says so if
//! it does not). Checked on the three real workbooks (Apr-Sep 2024,
//! Oct 2024-Mar 2025, Apr-Jul 2025): for every provider, route and month the
//! two cuts agree exactly. 28-day FDS rows have no modality (blank) and no
//! `ALL ...` rows: they are added up over routes and cancer types. The
//! layout has no `(By Route)` standards and no total rows; older extracts
//! did, and those are still handled (`(By Route)` is a second copy of the
//! same total, and a lone total row is used only where no detail is given).
//!
//! Not used: the earlier `31 Days Sub (...)`, `62 Days (Screening)`,
//! `62 Days (Upgrade)` and `2 Week Wait` rows (not part of the standard of
//! that name, or no metric).
//!
//! **England** (`E92000001`): the extract has no England row. The sum over
//! every provider in the national extract is the national figure (checked:
//! the sums of the real workbooks give NHS England's published headline
//! figures, e.g. March 2025 FDS 217,366 of 275,403 = 78.9%, April 2025
//! 62-day 69.9%), so it is written as a `derived` series with a note, and
//! the report says how many providers were added up for each month. A copy
//! filtered to some providers would give a sum that is not England: a
//! month with fewer than [`MIN_PROVIDERS`] providers for a standard gives no
//! England point, and the report says why. **NHS England Midlands**
//! (`E40000008`) cannot be had from this file: it has no region or
//! commissioner column.

use std::collections::{BTreeMap, BTreeSet};

use super::build::{num, Ctx, RatioSum, SeriesKey};
use super::table::{both, number, Table};
use super::{HeaderColumns, Importer};
use crate::model::Period;

const ORG: &str = "RWE";

/// England's ONS code (a comparator in the geography).
const ENGLAND: &str = "E92000001";

/// The fewest providers a month of a standard must have for the sum to be
/// taken as England's. The national extract has 136 to 150 providers for
/// each standard each month (Apr 2024 - Jul 2025); a copy filtered to a
/// region or a few trusts has far fewer.
const MIN_PROVIDERS: usize = 100;

const COMBINED_STARTS: &str = "The combined standard starts here (October 2023 definitions): earlier months are the single-route standard of the same length.";

const NOTES: [(&str, &str); 3] = [
    ("cancer_fds", "University Hospitals of Leicester (RWE), 28-day Faster Diagnosis Standard, all routes and cancer types."),
    ("cancer_31d", "University Hospitals of Leicester (RWE), 31 days from decision to treat: the combined standard (first and subsequent treatments, all modalities and cancer types) where the file gives '31-day Combined', first treatments only where it gives the earlier '31 Days'."),
    ("cancer_62d", "University Hospitals of Leicester (RWE), 62 days to first treatment: the combined standard (urgent suspected cancer, screening, consultant upgrade and breast symptomatic routes, all modalities and cancer types) where the file gives '62-day Combined', urgent GP referrals only where it gives the earlier '62 Days'."),
];

const ENGLAND_NOTE: &str = "England: derived by adding up every provider in NHS England's CWT CRS provider extract (all routes, modalities and cancer types), which has no England row; for the full national extract this sum is the national figure. The same standard as the UHL series.";

/// The dimensions a row can be cut by, with the bit each has in a group's
/// mask. The order of the bits is the order of preference between two
/// cuts with as many `ALL ...` dimensions: `ALL MODALITIES` (by cancer
/// type) before `ALL CANCERS` (by modality).
const DIMENSIONS: [(&str, u8); 3] = [
    ("TREATMENT MODALITY", 1),
    ("STAGE/ROUTE", 2),
    ("CANCER TYPE", 4),
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

/// Which dimensions a group of rows totals (reads `ALL ...` in), ordered
/// by preference: fewest such dimensions first, then by [`DIMENSIONS`].
type Cut = (u32, u8);

/// The rows of one cut of a standard, organisation and month.
#[derive(Default)]
struct Group {
    sum: RatioSum,
    /// Rows in which every dimension is blank or `ALL ...` (a total of
    /// everything, as in the older extracts).
    whole_totals: usize,
}

/// Words for a cut, for the report: "the rows with `ALL ...` in TREATMENT MODALITY".
fn cut_text(mask: u8) -> String {
    let names: Vec<&str> = DIMENSIONS
        .iter()
        .filter(|(_, bit)| mask & bit != 0)
        .map(|(name, _)| *name)
        .collect();
    if names.is_empty() {
        "the rows with no `ALL ...` dimension".to_string()
    } else {
        format!("the rows with `ALL ...` in {}", names.join(" and "))
    }
}

/// Picks the group to add up for one standard, organisation and month,
/// checks the other groups against it, and counts their rows as not added.
/// `None` when the group to use cannot be told (several whole-total rows).
fn choose(
    table: &Table,
    ctx: &mut Ctx,
    what: &str,
    groups: BTreeMap<Cut, Group>,
) -> Option<RatioSum> {
    let mut groups = groups.into_iter();
    let ((_, mask), used) = groups.next()?;
    if used.whole_totals > 0 && used.sum.origin.len() > 1 {
        let text = format!(
            "{what} not written: {} rows are each a total ('ALL ...' or blank in every dimension) and no detail rows are given: which total is meant cannot be told ({})",
            used.sum.origin.len(),
            ctx.origin_text(&used.sum.origin)
        );
        ctx.skipped(&table.name, text);
        return None;
    }
    for ((_, other_mask), other) in groups {
        for _ in &other.sum.origin {
            ctx.ignore(
                table,
                "rows of a second cut of the same total (e.g. 'ALL CANCERS' by modality beside 'ALL MODALITIES' by cancer type): checked against the rows added up, not added again",
            );
        }
        let agree = (other.sum.numerator - used.sum.numerator).abs() < 1e-6
            && (other.sum.denominator - used.sum.denominator).abs() < 1e-6;
        if !agree && other.sum.bad.is_empty() && used.sum.bad.is_empty() {
            ctx.note(format!(
                "{what}: {} add up to {} of {}, but {} add up to {} of {} ({}); the first are used",
                cut_text(mask),
                num(used.sum.numerator),
                num(used.sum.denominator),
                cut_text(other_mask),
                num(other.sum.numerator),
                num(other.sum.denominator),
                ctx.origin_text(&other.sum.origin)
            ));
        }
    }
    Some(used.sum)
}

#[derive(Default)]
pub(crate) struct Cancer {
    /// Per metric, the first month under the earlier and the combined standard names.
    new_standard: BTreeMap<&'static str, (Option<Period>, Option<Period>)>,
    /// Per metric, the providers added up for England in each month written.
    england: BTreeMap<&'static str, BTreeMap<Period, usize>>,
}

impl Importer for Cancer {
    fn header_columns(&self) -> &'static [HeaderColumns] {
        &[HeaderColumns {
            columns: &[
                &["PERIOD"],
                &["STANDARD"],
                &["ORG CODE"],
                &["TOTAL TREATED", "TOTAL"],
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
        let total = c.need_any(&["TOTAL TREATED", "TOTAL"]);
        let within = c.need("WITHIN STANDARD");
        let breaches = c.optional(&["BREACHES"]);
        let dimensions: Vec<(usize, u8)> = DIMENSIONS
            .iter()
            .filter_map(|(name, bit)| c.optional(&[name]).map(|col| (col, *bit)))
            .collect();
        if !ctx.columns_found(table, c) {
            return;
        }
        // (metric, month, organisation) -> the rows of each cut.
        let mut found: BTreeMap<(&'static str, Period, String), BTreeMap<Cut, Group>> =
            BTreeMap::new();
        // Rows whose within-standard and breaches do not make the total.
        let mut unbalanced: Vec<u64> = Vec::new();
        ctx.each_row(table, |ctx, row| {
            let (metric, combined) = match standard(row.text(standard_col)) {
                Ok(m) => m,
                Err(reason) => {
                    ctx.ignore(table, reason);
                    return;
                }
            };
            let code = row.code(org);
            if code.is_empty() {
                ctx.unusable(table, row.line, "`ORG CODE` is blank");
                return;
            }
            let Some(month) = ctx.month(table, row, period, "PERIOD", "month") else {
                return;
            };
            let span = new_standard.entry(metric).or_default();
            let slot = if combined { &mut span.1 } else { &mut span.0 };
            *slot = Some(slot.map_or(month, |p: Period| p.min(month)));
            let mask = dimensions
                .iter()
                .filter(|(col, _)| is_total(row.text(*col)))
                .fold(0u8, |m, (_, bit)| m | bit);
            let whole_total = dimensions
                .iter()
                .all(|(col, _)| is_total(row.text(*col)) || row.text(*col).is_empty());
            let group = found
                .entry((metric, month, code))
                .or_default()
                .entry((mask.count_ones(), mask))
                .or_default();
            group.whole_totals += usize::from(whole_total);
            let acc = &mut group.sum;
            acc.origin.push((table.index, row.line));
            match both(number(table, row, within), number(table, row, total)) {
                Ok((w, t)) => {
                    acc.numerator += w;
                    acc.denominator += t;
                    if let Some(b) = breaches.and_then(|b| number(table, row, b).ok()) {
                        if (w + b - t).abs() > 1e-6 {
                            unbalanced.push(row.line);
                        }
                    }
                }
                Err(e) => {
                    ctx.unusable(table, row.line, format!("{metric} {month}: {e}"));
                    acc.bad.push(row.line);
                }
            }
        });
        if !unbalanced.is_empty() {
            let lines: Vec<String> = unbalanced.iter().map(|l| l.to_string()).collect();
            ctx.note(format!(
                "{}: in {} row{} within standard + breaches is not the total treated ({}{} {}); the published total and within-standard counts are used as they are",
                table.name,
                lines.len(),
                if lines.len() == 1 { "" } else { "s" },
                table.row_word(),
                if lines.len() == 1 { "" } else { "s" },
                super::table::join_limited(&lines, 8)
            ));
        }
        // (metric, month) -> the sum over providers, and how many.
        let mut national: BTreeMap<(&'static str, Period), (RatioSum, usize)> = BTreeMap::new();
        for ((metric, month, code), groups) in found {
            let what = format!("{metric} {month} {code}");
            let Some(sum) = choose(table, ctx, &what, groups) else {
                continue;
            };
            let (england, providers) = national.entry((metric, month)).or_default();
            *providers += 1;
            england.numerator += sum.numerator;
            england.denominator += sum.denominator;
            england.origin.extend(sum.origin.iter().copied());
            england.bad.extend(sum.bad.iter().copied());
            if code == ORG {
                let key = SeriesKey::new(metric, "LLR", Some(ORG));
                ctx.ratio_sum(table, &key, month, sum, "a partial sum is not the standard");
            }
        }
        // The fewest and most providers of the months that are too few.
        let mut too_few: Option<(usize, usize)> = None;
        for ((metric, month), (sum, providers)) in national {
            if providers < MIN_PROVIDERS {
                let (least, most) = too_few.get_or_insert((providers, providers));
                *least = (*least).min(providers);
                *most = (*most).max(providers);
                continue;
            }
            if sum.bad.is_empty() {
                self.england
                    .entry(metric)
                    .or_default()
                    .insert(month, providers);
            }
            let key = SeriesKey::new(metric, ENGLAND, None).derived();
            ctx.ratio_sum(
                table,
                &key,
                month,
                sum,
                "a sum over some of the providers is not England",
            );
        }
        if let Some((least, most)) = too_few {
            let range = match (least, most) {
                (1, 1) => "1 provider".to_string(),
                (l, m) if l == m => format!("{l} providers"),
                (l, m) => format!("{l} to {m} providers"),
            };
            ctx.note(format!(
                "{}: no England (E92000001) figures: the file has {range} for a standard in a month, not the whole national extract (about 140; at least {MIN_PROVIDERS} are needed), so their sum is not England",
                table.name
            ));
        }
    }

    fn finish(self: Box<Self>, ctx: &mut Ctx) {
        for (metric, (old, new)) in self.new_standard {
            if let (Some(_), Some(first_new)) = (old, new) {
                if metric != "cancer_fds" {
                    ctx.annotate(
                        &SeriesKey::new(metric, "LLR", Some(ORG)),
                        first_new,
                        COMBINED_STARTS,
                    );
                    ctx.annotate(
                        &SeriesKey::new(metric, ENGLAND, None).derived(),
                        first_new,
                        COMBINED_STARTS,
                    );
                }
            }
        }
        for (metric, note) in NOTES {
            ctx.series_note(&SeriesKey::new(metric, "LLR", Some(ORG)), note);
            ctx.series_note(
                &SeriesKey::new(metric, ENGLAND, None).derived(),
                ENGLAND_NOTE,
            );
        }
        let mut months: BTreeSet<Period> = BTreeSet::new();
        for (metric, by_month) in &self.england {
            months.extend(by_month.keys().copied());
            let each: Vec<String> = by_month
                .iter()
                .map(|(month, n)| format!("{month} {n}"))
                .collect();
            ctx.note(format!(
                "England (E92000001) {metric}: derived, the sum of every provider in the file (month and providers added up: {})",
                each.join(", ")
            ));
        }
        if !months.is_empty() {
            ctx.note("NHS England Midlands (E40000008): not derived: the provider extract has no region or commissioner column, so which providers are in the Midlands cannot be told from it");
        }
    }
}
