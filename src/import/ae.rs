//! Monthly A&E CSV (MSitAE), one file a month, one row per organisation:
//! `Period` ("MSitAE-APRIL-2025"), `Org Code`, attendances and attendances
//! over four hours by department type, with and without booked appointments.
//!
//! ae_4hr for UHL (RWE), all types including booked appointments:
//! numerator = all attendances - all attendances over 4 hours,
//! denominator = all attendances. (Matches the bundled MSitAE series for
//! June 2024 - June 2025 exactly: see tests/import.rs.)

use super::build::{Ctx, SeriesKey};
use super::table::{both, sum, Table};
use super::{HeaderColumns, Importer};
use crate::model::Observation;

const ORG: &str = "RWE";

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
        let key = key();
        ctx.each_row(table, |ctx, row| {
            let code = row.code(org);
            if code != ORG {
                ctx.ignore(
                    table,
                    if code == "RT5" || code == "RX9" || code == super::ICB {
                        "rows for LLR organisations other than UHL (the A&E series is UHL's)"
                    } else {
                        "rows for other organisations (and totals)"
                    },
                );
                return;
            }
            let Some(month) = ctx.month(table, row, period, "Period", "month") else {
                return;
            };
            match both(sum(table, row, &attendances), sum(table, row, &over)) {
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
    }

    fn finish(self: Box<Self>, ctx: &mut Ctx) {
        ctx.series_note(
            &key(),
            format!(
                "University Hospitals of Leicester (RWE), all department types{}. Four-hour performance = (attendances - attendances over 4 hours) / attendances.",
                if self.booked_seen {
                    " including booked appointments"
                } else {
                    ""
                }
            ),
        );
    }
}
