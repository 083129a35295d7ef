//! NHS Talking Therapies (IAPT) monthly statistics, the long CSV: one row per
//! organisation and measure: `REPORTING_PERIOD_START`, `REPORTING_PERIOD_END`,
//! `STATUS`, `GROUP_TYPE`, `ORG_CODE1`, `ORG_NAME1`, ..., `MEASURE_ID`,
//! `MEASURE_NAME`, `MEASURE_VALUE` (or `MEASURE_VALUE_SUPPRESSED`).
//! `*` and `-` mark suppressed values: never zeros.
//!
//! Measures are matched by `MEASURE_NAME` (case-insensitive), not by
//! `MEASURE_ID`, because the names are what the public files and the bundled
//! sub-ICB data (`england_sicb_iapt_LLR.csv`) share. The table below is an
//! ASSUMPTION made offline: the `Count_...` names follow NHS England's
//! published SQL and files (IDs there: M076 finished a course of treatment,
//! M052/M054 first treatment within 6/18 weeks, M191 recovery, M179 not at
//! caseness); the measures were renamed from `FirstTreatment` to
//! `AccessingServices` in later publications, so both names are accepted.
//! Check them against the month's metadata file (docs/publishing.md).
//!
//! | metric | numerator | denominator |
//! |---|---|---|
//! | tt_6wk | Count_FirstTreatment6WeeksFinishedCourseTreatment (or Count_AccessingServices6Weeks...) | Count_FinishedCourseTreatment |
//! | tt_18wk | Count_FirstTreatment18WeeksFinishedCourseTreatment (or Count_AccessingServices18Weeks...) | Count_FinishedCourseTreatment |
//! | tt_recovery | Count_Recovery | Count_FinishedCourseTreatment - Count_NotAtCaseness |
//!
//! tt_access needs the estimated prevalence, which is not in the file: not imported.
//!
//! Where the rows go: `GROUP_TYPE` ICB with `ORG_CODE1` QK1 → LLR; SubICB
//! (or CCG) 04C / E38000097 → Leicester City (E06000016); 03W and 04V are
//! only added up (with 04C) to LLR for months that have no ICB row, and
//! that sum is marked derived.

use std::collections::{BTreeMap, BTreeSet};

use super::build::{Ctx, Origin, SeriesKey, Unique};
use super::table::{normalise, number, Table};
use super::{HeaderColumns, Importer};
use crate::model::{Observation, Period};

/// The measures used, by the short names in the table above.
const MEASURES: [(&str, &[&str]); 5] = [
    ("finished", &["Count_FinishedCourseTreatment"]),
    (
        "6wk",
        &[
            "Count_FirstTreatment6WeeksFinishedCourseTreatment",
            "Count_AccessingServices6WeeksFinishedCourseTreatment",
        ],
    ),
    (
        "18wk",
        &[
            "Count_FirstTreatment18WeeksFinishedCourseTreatment",
            "Count_AccessingServices18WeeksFinishedCourseTreatment",
        ],
    ),
    ("recovery", &["Count_Recovery"]),
    ("not_caseness", &["Count_NotAtCaseness"]),
];

fn measure(name: &str) -> Option<&'static str> {
    let n = normalise(name);
    MEASURES
        .iter()
        .find(|(_, names)| names.iter().any(|m| normalise(m) == n))
        .map(|(short, _)| *short)
}

/// The organisations: the ICB, or one sub-ICB location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Icb,
    Sub(&'static str),
}

type Values = BTreeMap<(Unit, Period, &'static str), (Result<f64, String>, Origin)>;

#[derive(Default)]
pub(crate) struct TalkingTherapies {
    values: Unique<(Unit, Period, &'static str), Result<f64, String>>,
}

impl Importer for TalkingTherapies {
    fn header_columns(&self) -> &'static [HeaderColumns] {
        &[HeaderColumns {
            columns: &[
                &["REPORTING_PERIOD_START"],
                &["GROUP_TYPE"],
                &["ORG_CODE1"],
                &["MEASURE_NAME"],
                &["MEASURE_VALUE", "MEASURE_VALUE_SUPPRESSED"],
            ],
        }]
    }

    fn file(&mut self, table: &Table, ctx: &mut Ctx) {
        let values = &mut self.values;
        let mut c = table.columns();
        let start = c.need("REPORTING_PERIOD_START");
        let group = c.need("GROUP_TYPE");
        let org = c.need("ORG_CODE1");
        let name = c.need("MEASURE_NAME");
        let value = c.need_any(&["MEASURE_VALUE", "MEASURE_VALUE_SUPPRESSED"]);
        if !ctx.columns_found(table, c) {
            return;
        }
        ctx.each_row(table, |ctx, row| {
            let group_type = normalise(row.text(group)).replace([' ', '-'], "");
            let code = row.code(org);
            let unit = match group_type.as_str() {
                "icb" | "stp" if code == super::ICB || code == super::ICB_ONS => Unit::Icb,
                "subicb" | "subicblocation" | "ccg" => match super::sub_icb(&code) {
                    Some(sub) => Unit::Sub(sub),
                    None => {
                        ctx.ignore(table, "rows for other organisations");
                        return;
                    }
                },
                "provider" => {
                    ctx.ignore(
                        table,
                        "provider rows (LLR figures come from the ICB and sub-ICB rows)",
                    );
                    return;
                }
                _ => {
                    ctx.ignore(table, "rows for other organisations and levels");
                    return;
                }
            };
            let Some(short) = measure(row.text(name)) else {
                ctx.ignore(table, "rows for other measures");
                return;
            };
            let Some(month) = ctx.month(table, row, start, "REPORTING_PERIOD_START", "date") else {
                return;
            };
            let found = number(table, row, value);
            if let Err(e) = &found {
                ctx.unusable(table, row.line, format!("{} {month}: {e}", row.text(name)));
            }
            let origin = vec![(table.index, row.line)];
            values.insert(
                ctx,
                &table.name,
                (unit, month, short),
                (found, origin),
                || format!("{} for {} {month}", row.text(name), unit_name(unit)),
            );
        });
    }

    fn finish(self: Box<Self>, ctx: &mut Ctx) {
        let values = self.values.kept;
        let months: BTreeSet<Period> = values.keys().map(|(_, p, _)| *p).collect();
        let icb_months: BTreeSet<Period> = values
            .keys()
            .filter(|(u, _, _)| *u == Unit::Icb)
            .map(|(_, p, _)| *p)
            .collect();
        for ((unit, month, _), (_, origin)) in &values {
            if icb_months.contains(month) && matches!(unit, Unit::Sub("03W") | Unit::Sub("04V")) {
                for (file, _) in origin {
                    ctx.ignore_in(
                        *file,
                        "sub-ICB 03W and 04V rows for months with an ICB figure (not needed)",
                    );
                }
            }
        }
        for month in months {
            for (metric, parts) in METRICS {
                // LLR: the ICB's own figures, or the three sub-ICBs added up
                if icb_months.contains(&month) {
                    let key = SeriesKey::new(metric, "LLR", None);
                    emit(ctx, &values, &[Unit::Icb], month, parts, key);
                } else if SUB_UNITS
                    .iter()
                    .any(|u| values.keys().any(|(v, p, _)| v == u && *p == month))
                {
                    let key = SeriesKey::new(metric, "LLR", None).derived();
                    emit(ctx, &values, &SUB_UNITS, month, parts, key);
                }
                if values
                    .keys()
                    .any(|(u, p, _)| *u == Unit::Sub("04C") && *p == month)
                {
                    let key = SeriesKey::new(metric, super::LEICESTER_CITY_PLACE, None);
                    emit(ctx, &values, &[Unit::Sub("04C")], month, parts, key);
                }
            }
        }
        for (metric, _) in METRICS {
            let llr = SeriesKey::new(metric, "LLR", None);
            ctx.series_note(&llr, ICB_NOTE);
            ctx.series_note(&llr.derived(), SUM_NOTE);
            let place = SeriesKey::new(metric, super::LEICESTER_CITY_PLACE, None);
            ctx.series_note(&place, PLACE_NOTE);
        }
        for note in REPORT_NOTES {
            ctx.note(note);
        }
    }
}

const ICB_NOTE: &str =
    "NHS Leicester, Leicestershire and Rutland ICB (QK1), as published at ICB level.";
const SUM_NOTE: &str = "Sum of the three LLR sub-ICB locations (03W, 04C, 04V) for months the file gives no ICB figure. Published counts are rounded, so the sum can differ slightly from an ICB figure.";
const PLACE_NOTE: &str =
    "Leicester City sub-ICB location (04C, formerly NHS Leicester City CCG, E38000097).";
const REPORT_NOTES: [&str; 3] = [
    "Talking therapies: measures are matched by MEASURE_NAME using the table in src/import/talking_therapies.rs (Count_FinishedCourseTreatment, Count_FirstTreatment6Weeks/18WeeksFinishedCourseTreatment or Count_AccessingServices6Weeks/18WeeksFinishedCourseTreatment, Count_Recovery, Count_NotAtCaseness): assumed names, check them against the publication's metadata.",
    "Talking therapies: tt_access needs the estimated prevalence, which is not in the file: not imported.",
    "Talking therapies: sub-ICB locations 03W and 04V cut across Leicestershire and Rutland, so they have no place series; they are only added up (with 04C) to LLR for months with no ICB row.",
];

const SUB_UNITS: [Unit; 3] = [Unit::Sub("03W"), Unit::Sub("04C"), Unit::Sub("04V")];

/// metric -> (numerator measures, denominator measures, measures subtracted from the denominator)
type Parts = (
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

const METRICS: [(&str, Parts); 3] = [
    ("tt_6wk", (&["6wk"], &["finished"], &[])),
    ("tt_18wk", (&["18wk"], &["finished"], &[])),
    (
        "tt_recovery",
        (&["recovery"], &["finished"], &["not_caseness"]),
    ),
];

fn unit_name(unit: Unit) -> String {
    match unit {
        Unit::Icb => "ICB QK1".to_string(),
        Unit::Sub(code) => format!("sub-ICB {code}"),
    }
}

/// Writes one point from the measures of `units` (added up), or says why not.
fn emit(
    ctx: &mut Ctx,
    values: &Values,
    units: &[Unit],
    month: Period,
    parts: Parts,
    key: SeriesKey,
) {
    let (numerator, denominator, minus) = parts;
    let mut origin = Origin::new();
    let mut missing = Vec::new();
    let total = |measures: &[&'static str], origin: &mut Origin, missing: &mut Vec<String>| {
        let mut sum = 0.0;
        for unit in units {
            for m in measures {
                match values.get(&(*unit, month, *m)) {
                    Some((Ok(v), o)) => {
                        sum += v;
                        origin.extend(o.iter().copied());
                    }
                    Some((Err(_), o)) => missing.push(format!(
                        "{} for {} is not a number ({})",
                        long_name(m),
                        unit_name(*unit),
                        ctx.origin_text(o)
                    )),
                    None => missing.push(format!("no {} for {}", long_name(m), unit_name(*unit))),
                }
            }
        }
        sum
    };
    let n = total(numerator, &mut origin, &mut missing);
    let d = total(denominator, &mut origin, &mut missing) - total(minus, &mut origin, &mut missing);
    if missing.is_empty() {
        ctx.point(
            &key,
            month,
            Observation::Ratio {
                numerator: n,
                denominator: d,
            },
            origin,
        );
    } else {
        let file = ctx.file_of(&origin);
        ctx.skipped(
            &file,
            format!(
                "{} {month} not written: {}",
                key.describe(),
                super::table::join_limited(&missing, 4)
            ),
        );
    }
}

fn long_name(short: &str) -> &'static str {
    match short {
        "finished" => "Count_FinishedCourseTreatment",
        "6wk" => "the 6-week count (Count_FirstTreatment6WeeksFinishedCourseTreatment)",
        "18wk" => "the 18-week count (Count_FirstTreatment18WeeksFinishedCourseTreatment)",
        "recovery" => "Count_Recovery",
        "not_caseness" => "Count_NotAtCaseness",
        _ => "a measure",
    }
}
