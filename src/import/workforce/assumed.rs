//! The three ASSUMED workforce layouts, UNVERIFIED against any real
//! publication (the project has no real file of these): a flat table, as an
//! .xlsx or CSV, told apart by its columns (any order, any case; other
//! columns are ignored).
//!
//! | file | columns | metric |
//! |---|---|---|
//! | staff in post | `Date` (or `Period`), `Org Code`, `Staff Group`, `FTE` | wf_staff_fte |
//! | sickness absence (NHS Sickness Absence Rates) | `Date` (or `Period`), `Org Code`, `FTE days lost`, `FTE days available` | wf_sickness = lost / available |
//! | vacancies (NHS Vacancy Statistics) | `Period` (or `Date`), `Org Code`, `Vacancies FTE`, `Establishment FTE` | wf_vacancy = vacancies / establishment |
//!
//! Staff in post as NHS England publishes it (the "England and
//! Organisation" workbook) is read by [`super::published`]; this flat
//! layout is kept for a table an analyst has made in this shape.
//!
//! Organisations: UHL (RWE), LPT (RT5) and the ICB (QK1). EMAS (RX9) covers
//! the whole East Midlands, so its staff are not LLR's and are left out.
//! Series, all at area LLR:
//! - `{organisation}`: each organisation (the `Total` staff-group row where
//!   there is one, otherwise the sum of its staff groups, marked derived);
//! - `{organisation, staff_group}`: each staff group (staff in post only);
//! - `{}`: the system total, the sum of the organisations (derived), only
//!   for months where every organisation found in the files has a figure.

use std::collections::{BTreeMap, BTreeSet};

use crate::import::build::{num, Ctx, Origin, SeriesKey, Unique};
use crate::import::table::{both, normalise, number, Table};
use crate::import::HeaderColumns;
use crate::model::{Observation, Period};

const ORGS: [&str; 3] = ["RWE", "RT5", crate::import::ICB];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Staff,
    Sickness,
    Vacancy,
}

impl Layout {
    fn metric(self) -> &'static str {
        match self {
            Layout::Staff => "wf_staff_fte",
            Layout::Sickness => "wf_sickness",
            Layout::Vacancy => "wf_vacancy",
        }
    }
}

fn is_total_group(group: &str) -> bool {
    matches!(
        normalise(group).as_str(),
        "total" | "all staff groups" | "all staff" | "all" | "total staff"
    )
}

/// (metric, organisation, month, staff group; `None` for an organisation's total)
type Slot = (&'static str, String, Period, Option<String>);
/// An organisation's figure (numerator and denominator for ratios) and its rows.
type Total = ((f64, f64), Origin);
/// The value (for ratios, numerator and denominator) or why there is none.
type Found = (Result<(f64, f64), String>, Origin);

#[derive(Default)]
pub(super) struct Assumed {
    found: Unique<Slot, Result<(f64, f64), String>>,
}

/// The header rows of the three layouts, for finding one in a spreadsheet.
pub(super) const HEADERS: &[HeaderColumns] = &[
    HeaderColumns {
        columns: &[
            &["Date", "Period"],
            &["Org Code"],
            &["Staff Group"],
            &["FTE"],
        ],
    },
    HeaderColumns {
        columns: &[
            &["Date", "Period"],
            &["Org Code"],
            &["FTE days lost"],
            &["FTE days available"],
        ],
    },
    HeaderColumns {
        columns: &[
            &["Period", "Date"],
            &["Org Code"],
            &["Vacancies FTE"],
            &["Establishment FTE"],
        ],
    },
];

impl Assumed {
    pub(super) fn file(&mut self, table: &Table, ctx: &mut Ctx) {
        let found = &mut self.found;
        let layout = if table.has("FTE days lost") || table.has("FTE days available") {
            Layout::Sickness
        } else if table.has("Vacancies FTE") || table.has("Establishment FTE") {
            Layout::Vacancy
        } else if table.has("FTE") || table.has("Staff Group") {
            Layout::Staff
        } else {
            ctx.file_error(
                table.index,
                format!(
                    "not a workforce layout this import knows: give the NHS Workforce Statistics \"England and Organisation\" workbook as published (.xlsx), or a table in one of the assumed layouts: staff in post (`Date`, `Org Code`, `Staff Group`, `FTE`), sickness (`Date`, `Org Code`, `FTE days lost`, `FTE days available`) or vacancies (`Period`, `Org Code`, `Vacancies FTE`, `Establishment FTE`); the header has: {}",
                    table.header_summary()
                ),
            );
            return;
        };
        let mut c = table.columns();
        let date = c.need_any(&["Date", "Period"]);
        let org = c.need("Org Code");
        let (group, first, second) = match layout {
            Layout::Staff => (Some(c.need("Staff Group")), c.need("FTE"), None),
            Layout::Sickness => (
                None,
                c.need("FTE days lost"),
                Some(c.need("FTE days available")),
            ),
            Layout::Vacancy => (
                None,
                c.need("Vacancies FTE"),
                Some(c.need("Establishment FTE")),
            ),
        };
        if !ctx.columns_found(table, c) {
            return;
        }
        let metric = layout.metric();
        ctx.each_row(table, |ctx, row| {
            let code = row.code(org);
            if code == "RX9" {
                ctx.ignore(
                    table,
                    "rows for EMAS (RX9), which covers the whole East Midlands",
                );
                return;
            }
            if !ORGS.contains(&code.as_str()) {
                ctx.ignore(table, "rows for other organisations");
                return;
            }
            let Some(month) = ctx.month(table, row, date, table.header(date), "date") else {
                return;
            };
            let staff_group = group.map(|g| row.text(g).to_string());
            if staff_group.as_deref() == Some("") {
                ctx.unusable(table, row.line, "`Staff Group` is blank");
                return;
            }
            let staff_group = staff_group.filter(|g| !is_total_group(g));
            let value = match second {
                None => number(table, row, first).map(|v| (v, 0.0)),
                Some(second) => both(number(table, row, first), number(table, row, second)),
            };
            if let Err(e) = &value {
                ctx.unusable(table, row.line, format!("{metric} {code} {month}: {e}"));
            }
            let slot: Slot = (metric, code.clone(), month, staff_group);
            let origin = vec![(table.index, row.line)];
            found.insert(ctx, &table.name, slot, (value, origin), || {
                format!(
                    "{metric} for {code} {month}{}",
                    group
                        .map(|g| format!(" ({})", row.text(g)))
                        .unwrap_or_default()
                )
            });
        });
    }

    pub(super) fn finish(self, ctx: &mut Ctx) {
        let found = self.found.kept;
        for layout in [Layout::Staff, Layout::Sickness, Layout::Vacancy] {
            organisations_and_total(ctx, &found, layout);
        }
    }
}

fn observation(layout: Layout, (a, b): (f64, f64)) -> Observation {
    match layout {
        Layout::Staff => Observation::Value { value: a },
        _ => Observation::Ratio {
            numerator: a,
            denominator: b,
        },
    }
}

fn organisations_and_total(ctx: &mut Ctx, found: &BTreeMap<Slot, Found>, layout: Layout) {
    let metric = layout.metric();
    let mine: Vec<(&Slot, &Found)> = found.iter().filter(|(s, _)| s.0 == metric).collect();
    if mine.is_empty() {
        return;
    }
    let orgs: BTreeSet<&str> = mine.iter().map(|(s, _)| s.1.as_str()).collect();
    let months: BTreeSet<Period> = mine.iter().map(|(s, _)| s.2).collect();
    // (month, org) -> the organisation's figure and the rows behind it
    let mut totals: BTreeMap<(Period, &str), Total> = BTreeMap::new();
    for &month in &months {
        for &org in &orgs {
            let org_key = SeriesKey::new(metric, "LLR", Some(org)).with("organisation", org);
            let groups: Vec<(&String, &Found)> = mine
                .iter()
                .filter(|(s, _)| s.1 == org && s.2 == month)
                .filter_map(|(s, f)| s.3.as_ref().map(|g| (g, *f)))
                .collect();
            for (group, (value, origin)) in &groups {
                if let Ok(v) = value {
                    let key = org_key.clone().with("staff_group", group);
                    ctx.point(&key, month, observation(layout, *v), origin.clone());
                }
            }
            let own = found.get(&(metric, org.to_string(), month, None));
            let total = match own {
                Some((Ok(v), origin)) => Some((*v, origin.clone(), org_key.clone())),
                Some((Err(_), _)) => None, // reported with its line already
                None if groups.is_empty() => None,
                None => {
                    let bad: Vec<String> = groups
                        .iter()
                        .filter(|(_, (v, _))| v.is_err())
                        .map(|(g, _)| format!("`{g}`"))
                        .collect();
                    if bad.is_empty() {
                        let mut sum = (0.0, 0.0);
                        let mut origin = Origin::new();
                        for (_, (v, o)) in &groups {
                            if let Ok((a, b)) = v {
                                sum.0 += a;
                                sum.1 += b;
                            }
                            origin.extend(o.iter().copied());
                        }
                        Some((sum, origin, org_key.clone().derived()))
                    } else {
                        ctx.skipped(
                            "",
                            format!(
                                "{metric} for {org} {month} not written: no Total row, and the staff group{} {} could not be read, so the groups cannot be added up",
                                if bad.len() == 1 { "" } else { "s" },
                                bad.join(", ")
                            ),
                        );
                        None
                    }
                }
            };
            if let Some((value, origin, key)) = total {
                ctx.point(&key, month, observation(layout, value), origin.clone());
                totals.insert((month, org), (value, origin));
            }
        }
        // The system: every organisation, or nothing.
        let missing: Vec<&str> = orgs
            .iter()
            .copied()
            .filter(|o| !totals.contains_key(&(month, *o)))
            .collect();
        let key = SeriesKey::new(metric, "LLR", None).derived();
        if missing.is_empty() {
            let mut sum = (0.0, 0.0);
            let mut origin = Origin::new();
            for &org in &orgs {
                let ((a, b), o) = &totals[&(month, org)];
                sum.0 += a;
                sum.1 += b;
                origin.extend(o.iter().copied());
            }
            ctx.point(&key, month, observation(layout, sum), origin);
        } else {
            let have: Vec<String> = orgs
                .iter()
                .filter(|o| !missing.contains(o))
                .map(|o| {
                    let ((a, _), _) = &totals[&(month, *o)];
                    format!("{o} {}", num(*a))
                })
                .collect();
            ctx.skipped(
                "",
                format!(
                    "{metric} LLR total {month} not written: {} of {} organisations have a figure ({}); missing {}. A total of some organisations would understate the system",
                    orgs.len() - missing.len(),
                    orgs.len(),
                    if have.is_empty() { "none".to_string() } else { have.join(", ") },
                    missing.join(", ")
                ),
            );
        }
    }
    let list: Vec<&str> = orgs.iter().copied().collect();
    ctx.series_note(
        &SeriesKey::new(metric, "LLR", None).derived(),
        format!(
            "Sum of the organisations in the imported files ({}), only for months where every one of them has a figure. EMAS (RX9) is left out: it covers the whole East Midlands.",
            list.join(", ")
        ),
    );
}
