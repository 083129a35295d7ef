//! Drawing functions generic over plotters' `DrawingBackend`: a canvas in the
//! browser, SVG in native tests. Charts never fetch: they take their size
//! (the drawing area), their data and a palette.

mod bars;
mod common;
mod sparkline;
mod spc_chart;
mod stacked;
#[cfg(test)]
pub(crate) mod test_svg;

pub use bars::{draw_bars, Bar, BarChartData};
pub use common::FONT_FAMILY;
pub use sparkline::{draw_sparkline, SparkData};
pub use spc_chart::{draw_spc, ReferenceLine, SpcChartData, SpcColours};
pub use stacked::{draw_stacked, Stack, StackedData, STACK_COLOURS};

use plotters::drawing::DrawingAreaErrorKind;
use plotters::style::RGBColor;

/// The error a drawing function returns on backend `DB`.
pub type ChartError<DB> =
    DrawingAreaErrorKind<<DB as plotters::prelude::DrawingBackend>::ErrorType>;

/// Chart colours (NHS palette by default).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub background: RGBColor,
    pub line: RGBColor,
    pub target: RGBColor,
    pub latest: RGBColor,
    /// The SPC chart's colours (Making Data Count points, NHS lines).
    pub spc: SpcColours,
}

impl Default for Palette {
    fn default() -> Self {
        Palette {
            background: RGBColor(255, 255, 255),
            // NHS blue: 5.1:1 on white, above the 3:1 needed for graphics
            line: RGBColor(0x00, 0x5E, 0xB8),
            // NHS secondary text grey, 5.7:1
            target: RGBColor(0x4C, 0x62, 0x72),
            // NHS dark blue
            latest: RGBColor(0x00, 0x30, 0x87),
            spc: SpcColours::default(),
        }
    }
}
