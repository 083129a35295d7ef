//! Workforce: staff in post from NHS Workforce Statistics as NHS England
//! publishes it, and three older flat layouts that are assumed.
//!
//! # The "England and Organisation" workbook (read as published)
//!
//! `NHS Workforce Statistics, <Month> <Year> England and Organisation.xlsx`,
//! unchanged ([`published`]). Checked against the ten monthly workbooks
//! August 2024 to May 2025 (three of them, August 2024, December 2024 and
//! May 2025, are in `tools/sources/nhse/workforce/` and tested in
//! `tests/real_workforce.rs`). Its sheets: a title sheet; `1. England`;
//! `2. NHSE, Org & SG - HC` and `3. NHSE, Org & SG - FTE` (headcount and
//! FTE by NHS England region, ICS, organisation and main staff group);
//! `4. All Staff, NHSE & Org - HC` and `5. All Staff, NHSE & Org - FTE`
//! (all-staff time series, one column a month back to September 2009).
//! Tables 3 and 5 are read; tables 1, 2 and 4 are not (headcount is not a
//! metric here).
//!
//! - Which sheet is which: by the title rows above each table (table 3's
//!   title names "main staff group" and "Full Time Equivalent", table 5's
//!   "Timeseries" and "Full Time Equivalent"; neither says "Headcount"), not
//!   by the sheet names. The header is the first row under the title with
//!   four or more cells (row 6 of table 3, row 5 of table 5).
//! - The month: table 3's title cell `December 2024 monthly data` (row 5).
//!   Never the file name. Table 5's months are its header's date cells
//!   (month ends: 2024-12-31 is December 2024).
//! - Columns (by name, as published): `NHS England region code`,
//!   `NHS England region name`, `ICS code`, `Organisation code`; table 3
//!   also `Total` and the 13 main staff groups that add up to it:
//!   `HCHS Doctors`, `Nurses & health visitors`, `Midwives`,
//!   `Ambulance staff`, `Scientific, therapeutic & technical staff`,
//!   `Support to doctors, nurses & midwives`, `Support to ambulance staff`,
//!   `Support to ST&T staff`, `Central functions`,
//!   `Hotel, property & estates`, `Senior managers`, `Managers` and
//!   `Unknown classification` (called `Other staff or those with unknown
//!   classification` up to the December 2024 workbook; from January 2025
//!   the last five also changed order). The wider groups
//!   (`Professionally qualified clinical staff`, `Support to clinical
//!   staff`, `NHS infrastructure support`) and the doctors' grades overlap
//!   these and are not read. A table without one of the columns refuses
//!   the workbook, naming the columns found and missing.
//! - Rows: an organisation by `Organisation code` (UHL `RWE`, LPT `RT5`,
//!   and the ICB's own staff `QK1`); the LLR ICS by `ICS code` `QK1` with no
//!   organisation code; the Midlands region by region code `Y60`; England
//!   by region name `England`. The ICB (organisation `QK1`) and the ICS
//!   (`ICS code` `QK1`) are different rows.
//!
//! Series of wf_staff_fte, all `published`:
//! - LLR `{organisation}` for RWE, RT5 and QK1: table 3's `Total` for the
//!   workbook's month, table 5 for every other month it holds (a 0 in
//!   table 5, before an organisation had staff, is not written). The three
//!   add up to the ICS figure from June 2022, when the ICB's staff start.
//! - LLR `{organisation, staff_group}`: the 13 main staff groups of table 3
//!   (the workbook's month only), named as in the newest layout.
//! - LLR `{}`: the ICS row as published (not our sum): since 2022 UHL, LPT
//!   and the ICB; in earlier years also the PCTs and CCGs since closed.
//! - `E92000001` (England) and `E40000008` (NHS England Midlands, Y60):
//!   comparators, their all-staff totals as published.
//!
//! Several workbooks: table 5 of each repeats the series back to 2009, so
//! most months come from more than one workbook. The newest publication's
//! figure is used (by the month in its title, not the order given), and the
//! report lists every figure an older workbook gave differently (a
//! revision). Two workbooks for the same month that disagree are refused
//! for that figure. Within one workbook, table 3 and table 5 must agree on
//! the workbook's month; if not, the report says so and table 3 is used.
//!
//! # Assumed layouts (UNVERIFIED)
//!
//! [`assumed`]: flat tables of staff in post, sickness absence and
//! vacancies. No real file of them has been seen: they are guesses, kept
//! working for tables made in that shape.

mod assumed;
#[cfg(not(target_arch = "wasm32"))]
mod published;

use super::build::Ctx;
use super::table::Table;
use super::{HeaderColumns, Importer};

#[derive(Default)]
pub(crate) struct Workforce {
    assumed: assumed::Assumed,
    #[cfg(not(target_arch = "wasm32"))]
    published: published::Published,
}

impl Importer for Workforce {
    fn header_columns(&self) -> &'static [HeaderColumns] {
        assumed::HEADERS
    }

    fn file(&mut self, table: &Table, ctx: &mut Ctx) {
        self.assumed.file(table, ctx);
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn workbook(
        &mut self,
        index: usize,
        name: &str,
        bytes: &[u8],
        wanted: Option<&str>,
        ctx: &mut Ctx,
    ) -> bool {
        self.published.read(index, name, bytes, wanted, ctx)
    }

    fn finish(self: Box<Self>, ctx: &mut Ctx) {
        let this = *self;
        this.assumed.finish(ctx);
        #[cfg(not(target_arch = "wasm32"))]
        this.published.finish(ctx);
    }
}
