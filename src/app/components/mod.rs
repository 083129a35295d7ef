//! One small file per thing on screen.

pub mod area_picker;
pub mod badge;
pub mod breadcrumb;
pub mod detail;
pub mod icons;
pub mod overview;
pub mod sparkline;
pub mod spc_chart;
pub mod status_panel;
